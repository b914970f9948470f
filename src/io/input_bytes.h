// Input bytes of one file: memory-mapped when it is a plain regular file, otherwise read (stdin) and
// inflated (gzip) into memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tradeshock::io_internal {

class InputBytes {
 public:
  InputBytes() = default;
  explicit InputBytes(std::string owned) : owned_(std::move(owned)), view_(owned_) {}
  InputBytes(InputBytes&& other) noexcept;
  InputBytes& operator=(InputBytes&& other) noexcept;
  InputBytes(const InputBytes&) = delete;
  InputBytes& operator=(const InputBytes&) = delete;
  ~InputBytes();

  // Opens `path` ("-" is stdin). Throws InputException (kIo, kCompression) naming `path`, and kOverLimit when
  // stdin or the inflated gzip holds more than InflatedLimit(max_bytes, compressed size) bytes (max_bytes as
  // ReadOptions::max_inflated_bytes: 0 is the default rule).
  static InputBytes Load(const std::string& path, std::int64_t max_bytes = 0);
  std::string_view view() const { return view_; }
  // Says that bytes [begin, end) of view() will not be read again: a mapped file gives back the whole pages
  // inside the range, so that reading a large file does not hold all of it in memory. Owned bytes stay.
  void Release(std::size_t begin, std::size_t end) const;

 private:
  std::string owned_;
  void* mapping_ = nullptr;
  std::size_t mapping_size_ = 0;
  std::string_view view_;
};

bool IsGzip(std::string_view bytes);
// The most bytes an input of `compressed` bytes may inflate to: `max_bytes` when it is positive, else the
// larger of ReadOptions::kDefaultMaxInflatedBytes and kMaxInflationRatio x `compressed`.
std::uint64_t InflatedLimit(std::int64_t max_bytes, std::uint64_t compressed);
// Inflates every member of a gzip stream. Throws InputException kCompression naming `name`, and kOverLimit
// (naming the limit and --max-inflated-bytes) once the output would pass InflatedLimit(max_bytes, size).
std::string Gunzip(std::string_view bytes, const std::string& name, std::int64_t max_bytes = 0);

}  // namespace tradeshock::io_internal
