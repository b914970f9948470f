// Input bytes of one file: memory-mapped when it is a plain regular file, otherwise read (stdin) and
// inflated (gzip) into memory.
#pragma once

#include <cstddef>
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

  // Opens `path` ("-" is stdin). Throws InputException (kIo, kCompression) naming `path`.
  static InputBytes Load(const std::string& path);
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
// Inflates every member of a gzip stream. Throws InputException kCompression naming `name`.
std::string Gunzip(std::string_view bytes, const std::string& name);

}  // namespace tradeshock::io_internal
