#include "core/csv_record.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace tradeshock::csv_internal {

// Long by design: one pass of the RFC 4180 state machine (field start, quoted, unquoted, line end) over the
// bytes, with the limits checked inside the loop; split, each state would take the cursor and fields as arguments.
RecordStatus RecordReader::Next() {
  fields_.clear();
  scratch_used_ = 0;
  lines_before_ = 0;
  lines_inside_ = 0;
  const char* const base = data_.data();
  // Blank lines (LF or CRLF alone) are skipped rather than reported.
  while (pos_ < end_) {
    if (base[pos_] == '\n') {
      ++pos_;
      ++lines_before_;
    } else if (base[pos_] == '\r' && pos_ + 1 < end_ && base[pos_ + 1] == '\n') {
      pos_ += 2;
      ++lines_before_;
    } else {
      break;
    }
  }
  if (pos_ >= end_) return RecordStatus::kEnd;
  const std::size_t start = pos_;
  std::size_t p = pos_;
  // Refuses the record at a limit, going on after the next line break at or after `from`.
  const auto refuse = [&](RecordStatus status, std::size_t from) {
    bad_field_ = fields_.size();
    const void* newline = from < end_ ? std::memchr(base + from, '\n', end_ - from) : nullptr;
    pos_ = newline == nullptr ? end_ : static_cast<const char*>(newline) - base + 1;
    return status;
  };
  while (true) {
    if (fields_.size() >= max_fields_) return refuse(RecordStatus::kTooManyFields, p);
    if (p - start > kMaxRecordBytes) return refuse(RecordStatus::kTooLong, p);
    if (p < end_ && base[p] == '"') {
      // Quoted field.
      std::size_t q = p + 1;
      std::string* unescaped = nullptr;
      std::size_t piece_start = q;
      while (true) {
        const void* found = q < end_ ? std::memchr(base + q, '"', end_ - q) : nullptr;
        if (found == nullptr) {
          bad_field_ = fields_.size();
          pos_ = end_;
          return RecordStatus::kUnterminatedQuote;
        }
        const std::size_t quote = static_cast<const char*>(found) - base;
        if (quote - start > kMaxRecordBytes) return refuse(RecordStatus::kTooLong, quote);
        lines_inside_ += static_cast<std::size_t>(std::count(base + q, base + quote, '\n'));
        if (quote + 1 < end_ && base[quote + 1] == '"') {
          if (unescaped == nullptr) {
            if (scratch_used_ == unescaped_.size()) unescaped_.emplace_back();
            unescaped = &unescaped_[scratch_used_++];
            unescaped->clear();
          }
          unescaped->append(base + piece_start, quote + 1 - piece_start);
          q = quote + 2;
          piece_start = q;
          continue;
        }
        if (unescaped != nullptr) {
          unescaped->append(base + piece_start, quote - piece_start);
          fields_.emplace_back(*unescaped);
        } else {
          fields_.emplace_back(base + p + 1, quote - p - 1);
        }
        p = quote + 1;
        break;
      }
      if (p >= end_) {
        pos_ = end_;
        return RecordStatus::kOk;
      }
      const char next = base[p];
      if (next == ',') {
        ++p;
        continue;
      }
      if (next == '\n') {
        pos_ = p + 1;
        return RecordStatus::kOk;
      }
      if (next == '\r' && p + 1 < end_ && base[p + 1] == '\n') {
        pos_ = p + 2;
        return RecordStatus::kOk;
      }
      if (next == '\r' && p + 1 == end_) {
        pos_ = end_;
        return RecordStatus::kOk;
      }
      bad_field_ = fields_.size() - 1;
      // Resynchronise at the end of the line for lenient mode.
      const void* newline = std::memchr(base + p, '\n', end_ - p);
      pos_ = newline == nullptr ? end_ : static_cast<const char*>(newline) - base + 1;
      return RecordStatus::kMisplacedQuote;
    }
    // Unquoted field.
    std::size_t q = p;
    while (q < end_) {
      const char c = base[q];
      if (c == ',' || c == '\n' || c == '"') break;
      ++q;
    }
    if (q - start > kMaxRecordBytes) return refuse(RecordStatus::kTooLong, q);
    if (q < end_ && base[q] == '"') {
      bad_field_ = fields_.size();
      const void* newline = std::memchr(base + q, '\n', end_ - q);
      pos_ = newline == nullptr ? end_ : static_cast<const char*>(newline) - base + 1;
      return RecordStatus::kMisplacedQuote;
    }
    if (q >= end_ || base[q] == '\n') {
      std::size_t field_end = q;
      if (field_end > p && base[field_end - 1] == '\r') --field_end;
      fields_.emplace_back(base + p, field_end - p);
      pos_ = q < end_ ? q + 1 : end_;
      return RecordStatus::kOk;
    }
    fields_.emplace_back(base + p, q - p);
    p = q + 1;
    if (p >= end_) {
      fields_.emplace_back();
      pos_ = end_;
      return RecordStatus::kOk;
    }
  }
}

std::size_t NextRecordBoundary(std::string_view data, std::size_t from, bool from_in_quotes) {
  bool in_quotes = from_in_quotes;
  for (std::size_t i = from; i < data.size(); ++i) {
    const char c = data[i];
    if (c == '"')
      in_quotes = !in_quotes;
    else if (c == '\n' && !in_quotes)
      return i + 1;
  }
  return data.size();
}

RecordLimitFault DescribeRecordLimit(RecordStatus status, std::size_t max_fields) {
  if (status == RecordStatus::kTooManyFields) {
    const char* limit = max_fields == kMaxFields ? "kMaxFields" : "kMaxIoTableFields";
    return {fmt::format("more than {} fields", max_fields),
            fmt::format("at most {} fields in one record (limit {})", max_fields, limit)};
  }
  return {fmt::format("a record of more than {} bytes", kMaxRecordBytes),
          fmt::format("at most {} bytes in one record (limit kMaxRecordBytes)", kMaxRecordBytes)};
}

std::size_t LineOf(std::string_view data, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(data.begin(), data.begin() + std::min(offset, data.size()), '\n'));
}

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned min_code = 0;
    unsigned code = 0;
    if ((byte & 0xE0) == 0xC0) {
      length = 2;
      code = byte & 0x1F;
      min_code = 0x80;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      code = byte & 0x0F;
      min_code = 0x800;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      code = byte & 0x07;
      min_code = 0x10000;
    } else {
      return false;
    }
    if (i + length > n) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

}  // namespace tradeshock::csv_internal
