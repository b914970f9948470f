#include "io/input_bytes.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <iterator>
#include <utility>

#include "core/regular_file.h"
#include "tradeshock/error.h"
#include "tradeshock/io.h"

namespace tradeshock::io_internal {
namespace {

[[noreturn]] void ThrowIo(const std::string& path, const std::string& expected) {
  throw InputException(InputError{InputErrorKind::kIo, path, 0, 0, {}, expected});
}

[[noreturn]] void ThrowCompression(const std::string& name, std::string value) {
  throw InputException(
      InputError{InputErrorKind::kCompression, name, 0, 0, std::move(value), "a complete gzip stream"});
}

// The rule behind a limit, for its message.
std::string LimitRule(std::int64_t max_bytes, std::uint64_t compressed) {
  if (max_bytes > 0) return "limit max_inflated_bytes as given";
  if (compressed == 0) return "limit max_inflated_bytes, by default 1 GiB";
  return fmt::format("limit max_inflated_bytes, by default the larger of 1 GiB and {} x the {}-byte compressed size",
                     ReadOptions::kMaxInflationRatio, compressed);
}

[[noreturn]] void ThrowOverLimit(const std::string& name, std::string_view what, std::uint64_t limit,
                                 std::string rule) {
  throw InputException(
      InputError{InputErrorKind::kOverLimit, name, 0, 0, fmt::format("more than {} bytes {}", limit, what),
                 fmt::format("at most {} bytes ({}; raise it with --max-inflated-bytes)", limit, rule)});
}

// Reads to the end, but at most `limit` bytes: more is kOverLimit (stdin, a pipe without end).
std::string ReadAll(int fd, const std::string& path, std::uint64_t limit, const std::string& rule) {
  std::string data;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      ThrowIo(path, fmt::format("a readable file ({})", std::strerror(errno)));
    }
    if (data.size() + static_cast<std::size_t>(got) > limit) ThrowOverLimit(path, "read", limit, rule);
    data.append(buffer, static_cast<std::size_t>(got));
  }
  return data;
}

}  // namespace

InputBytes::InputBytes(InputBytes&& other) noexcept { *this = std::move(other); }

InputBytes& InputBytes::operator=(InputBytes&& other) noexcept {
  if (this == &other) return *this;
  if (mapping_ != nullptr) ::munmap(mapping_, mapping_size_);
  const bool owned = other.mapping_ == nullptr;
  owned_ = std::move(other.owned_);
  mapping_ = std::exchange(other.mapping_, nullptr);
  mapping_size_ = std::exchange(other.mapping_size_, 0);
  view_ = owned ? std::string_view(owned_) : other.view_;
  other.view_ = {};
  return *this;
}

InputBytes::~InputBytes() {
  if (mapping_ != nullptr) ::munmap(mapping_, mapping_size_);
}

void InputBytes::Release(std::size_t begin, std::size_t end) const {
  if (mapping_ == nullptr) return;
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t first = (begin + page - 1) / page * page;
  const std::size_t last = std::min(end, mapping_size_) / page * page;
  if (first < last) ::madvise(static_cast<char*>(mapping_) + first, last - first, MADV_DONTNEED);
}

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1F &&
         static_cast<unsigned char>(bytes[1]) == 0x8B;
}

std::uint64_t InflatedLimit(std::int64_t max_bytes, std::uint64_t compressed) {
  if (max_bytes > 0) return static_cast<std::uint64_t>(max_bytes);
  const auto ratio = static_cast<std::uint64_t>(ReadOptions::kMaxInflationRatio);
  const std::uint64_t relative = compressed > UINT64_MAX / ratio ? UINT64_MAX : compressed * ratio;
  return std::max(static_cast<std::uint64_t>(ReadOptions::kDefaultMaxInflatedBytes), relative);
}

std::string Gunzip(std::string_view bytes, const std::string& name, std::int64_t max_bytes) {
  const std::uint64_t limit = InflatedLimit(max_bytes, bytes.size());
  std::string out;
  out.reserve(std::min<std::uint64_t>(bytes.size() * 4, limit));
  z_stream stream{};
  // 16 + MAX_WBITS: expect a gzip wrapper and check its CRC.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) ThrowCompression(name, "zlib initialisation failed");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(std::min<std::size_t>(bytes.size(), 1u << 30));
  char buffer[1 << 16];
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    const int status = inflate(&stream, Z_NO_FLUSH);
    const std::size_t produced = sizeof buffer - stream.avail_out;
    if (out.size() + produced > limit) {
      inflateEnd(&stream);
      ThrowOverLimit(name, "when inflated", limit, LimitRule(max_bytes, bytes.size()));
    }
    out.append(buffer, produced);
    if (status == Z_STREAM_END) {
      // Another gzip member may follow (concatenated .gz files are valid gzip).
      const auto consumed = static_cast<std::size_t>(stream.next_in - reinterpret_cast<const Bytef*>(bytes.data()));
      if (consumed >= bytes.size()) break;
      if (!IsGzip(bytes.substr(consumed))) {
        inflateEnd(&stream);
        ThrowCompression(name, fmt::format("{} bytes of trailing garbage", bytes.size() - consumed));
      }
      inflateReset(&stream);
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + consumed));
      stream.avail_in = static_cast<uInt>(std::min<std::size_t>(bytes.size() - consumed, 1u << 30));
      continue;
    }
    if (status == Z_OK) {
      if (stream.avail_in == 0) {
        const std::size_t consumed =
            static_cast<std::size_t>(stream.next_in - reinterpret_cast<const Bytef*>(bytes.data()));
        if (consumed >= bytes.size()) {
          inflateEnd(&stream);
          ThrowCompression(name, "truncated gzip stream");
        }
        stream.avail_in = static_cast<uInt>(std::min<std::size_t>(bytes.size() - consumed, 1u << 30));
      }
      continue;
    }
    if (status == Z_BUF_ERROR && stream.avail_in == 0) {
      inflateEnd(&stream);
      ThrowCompression(name, "truncated gzip stream");
    }
    const std::string message = stream.msg != nullptr ? stream.msg : "corrupt gzip data";
    inflateEnd(&stream);
    ThrowCompression(name, message);
  }
  inflateEnd(&stream);
  return out;
}

InputBytes InputBytes::Load(const std::string& path, std::int64_t max_bytes) {
  if (path == "-") {
    // The bytes of stdin are held in memory: at most the limit of an input without a compressed size.
    std::string data = ReadAll(STDIN_FILENO, "<stdin>", InflatedLimit(max_bytes, 0), LimitRule(max_bytes, 0));
    if (IsGzip(data)) return InputBytes(Gunzip(data, "<stdin>", max_bytes));
    return InputBytes(std::move(data));
  }
  const int fd = file_internal::OpenRegularFile(path, "input file");
  struct stat info {};
  ::fstat(fd, &info);
  InputBytes result;
  if (S_ISREG(info.st_mode) && info.st_size > 0) {
    const auto size = static_cast<std::size_t>(info.st_size);
    void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapping != MAP_FAILED) {
      ::close(fd);
      ::madvise(mapping, size, MADV_SEQUENTIAL);
      result.mapping_ = mapping;
      result.mapping_size_ = size;
      result.view_ = std::string_view(static_cast<const char*>(mapping), size);
      if (IsGzip(result.view_)) return InputBytes(Gunzip(result.view_, path, max_bytes));
      return result;
    }
  }
  // A regular file that could not be mapped: its size bounds what is read.
  std::string data = ReadAll(fd, path, UINT64_MAX, "");
  ::close(fd);
  if (IsGzip(data)) return InputBytes(Gunzip(data, path, max_bytes));
  return InputBytes(std::move(data));
}

}  // namespace tradeshock::io_internal
