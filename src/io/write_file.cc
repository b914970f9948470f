#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include "tradeshock/io.h"

namespace tradeshock {

void WriteFileAtomically(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  // The rename would replace whatever the name holds: a device (as root, /dev/null itself), a FIFO or a folder
  // is refused rather than replaced by a regular file.
  std::error_code error;
  const fs::file_status status = fs::symlink_status(target, error);
  if (!error && fs::exists(status) && !fs::is_regular_file(status)) {
    throw Error(
        fmt::format("cannot write {}: it exists and is not a regular file (expected a new file or one to "
                    "replace)",
                    path));
  }
  // A unique name in the same directory, so that the final rename stays on one file system.
  std::random_device random;
  const fs::path temp = dir / fmt::format(".{}.tmp-{}-{:08x}", target.filename().string(), ::getpid(), random());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  const auto fail = [&](int error_number) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw Error(fmt::format("cannot write {}: {}", path, std::strerror(error_number)));
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t got = ::write(fd, content.data() + written, content.size() - written);
    if (got < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    written += static_cast<std::size_t>(got);
  }
  if (::fsync(fd) != 0 && errno != EINVAL) fail(errno);
  if (::close(fd) != 0) {
    const int error_number = errno;
    ::unlink(temp.c_str());
    throw Error(fmt::format("cannot write {}: {}", path, std::strerror(error_number)));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int error_number = errno;
    ::unlink(temp.c_str());
    throw Error(fmt::format("cannot write {}: {}", path, std::strerror(error_number)));
  }
}

}  // namespace tradeshock
