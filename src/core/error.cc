#include "tradeshock/error.h"

#include <fmt/format.h>

namespace tradeshock {

std::string_view ToString(InputErrorKind kind) {
  switch (kind) {
    case InputErrorKind::kIo:
      return "cannot read";
    case InputErrorKind::kCompression:
      return "bad gzip data";
    case InputErrorKind::kEncoding:
      return "invalid UTF-8";
    case InputErrorKind::kEmpty:
      return "no data";
    case InputErrorKind::kBadHeader:
      return "bad header";
    case InputErrorKind::kColumnCount:
      return "wrong number of fields";
    case InputErrorKind::kQuoting:
      return "bad quoting";
    case InputErrorKind::kBadNumber:
      return "bad number";
    case InputErrorKind::kNegativeValue:
      return "negative value";
    case InputErrorKind::kBadPeriod:
      return "bad period";
    case InputErrorKind::kBadFlow:
      return "bad flow";
    case InputErrorKind::kBadUnit:
      return "bad unit";
    case InputErrorKind::kUnknownCode:
      return "unknown code";
    case InputErrorKind::kUnknownCurrency:
      return "unknown currency";
    case InputErrorKind::kDuplicateKey:
      return "duplicate key";
    case InputErrorKind::kBadSyntax:
      return "bad syntax";
    case InputErrorKind::kOverLimit:
      return "over a limit";
    case InputErrorKind::kConflict:
      return "conflict";
    case InputErrorKind::kBadKey:
      return "bad key";
  }
  return "input error";
}

std::string SourcePlace::ToString() const {
  std::string where = file.empty() ? std::string("<input>") : file;
  if (line > 0) where += fmt::format(":{}", line);
  if (line > 0 && column > 0) where += fmt::format(":{}", column);
  return where;
}

std::string InputError::Message() const {
  std::string message = fmt::format("{}: {}", place().ToString(), ToString(kind));
  if (!value.empty() || kind == InputErrorKind::kBadNumber || kind == InputErrorKind::kUnknownCode) {
    message += fmt::format(": got '{}'", Printable(value));
  }
  if (!expected.empty()) message += fmt::format(", expected {}", expected);
  return message;
}

InputException::InputException(InputError error) : Error(error.Message()), error_(std::move(error)) {}

namespace {
// Length of the valid UTF-8 sequence starting at text[0], or 0 if it is not valid.
std::size_t Utf8SequenceLength(std::string_view text) {
  const auto byte = static_cast<unsigned char>(text[0]);
  std::size_t length = 0;
  if (byte < 0x80) return 1;
  if ((byte & 0xE0) == 0xC0 && byte >= 0xC2)
    length = 2;
  else if ((byte & 0xF0) == 0xE0)
    length = 3;
  else if ((byte & 0xF8) == 0xF0 && byte <= 0xF4)
    length = 4;
  else
    return 0;
  if (text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return 0;
  }
  return length;
}
}  // namespace

std::string Printable(std::string_view text, std::size_t max_length) {
  std::string out;
  std::size_t shown = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (shown >= max_length) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(text[pos]);
    const std::size_t length = Utf8SequenceLength(text.substr(pos));
    if (length == 1 && byte >= 0x20 && byte != 0x7F) {
      out += static_cast<char>(byte);
    } else if (length > 1) {
      out.append(text.substr(pos, length));
    } else {
      out += fmt::format("\\x{:02X}", byte);
      pos += 1;
      ++shown;
      continue;
    }
    pos += length;
    ++shown;
  }
  return out;
}

}  // namespace tradeshock
