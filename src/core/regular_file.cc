#include "core/regular_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "tradeshock/error.h"

namespace tradeshock::file_internal {

namespace {

[[noreturn]] void Fail(const std::string& path, std::string value, std::string expected) {
  throw InputException(InputError{InputErrorKind::kIo, path, 0, 0, std::move(value), std::move(expected)});
}

// What a file that is not regular is, in words; empty for a regular file.
std::string_view KindOf(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

void RequireRegularFile(const std::string& path, std::string_view what) {
  const std::string expected = fmt::format("a regular file as the {}", what);
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    const int error = errno;
    struct stat link {};
    if (error == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
      Fail(path, "a dangling symbolic link", expected);
    }
    Fail(path, "", fmt::format("a readable file ({})", std::strerror(error)));
  }
  const std::string_view kind = KindOf(info.st_mode);
  if (!kind.empty()) Fail(path, std::string(kind), expected);
}

int OpenRegularFile(const std::string& path, std::string_view what) {
  RequireRegularFile(path, what);
  // O_NONBLOCK: should the path become a FIFO between the check and the open, the open does not wait.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) Fail(path, std::strerror(errno), fmt::format("a readable file as the {}", what));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    Fail(path, "not a regular file", fmt::format("a regular file as the {}", what));
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

std::string ReadRegularFile(const std::string& path, std::string_view what, std::size_t max_bytes,
                            std::string_view limit) {
  const int fd = OpenRegularFile(path, what);
  std::string data;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      Fail(path, std::strerror(error), fmt::format("a readable file as the {}", what));
    }
    data.append(buffer, static_cast<std::size_t>(got));
    if (data.size() > max_bytes) {
      ::close(fd);
      Fail(path, fmt::format("more than {} bytes", max_bytes),
           fmt::format("a {} of at most {} bytes ({})", what, max_bytes, limit));
    }
  }
  ::close(fd);
  return data;
}

}  // namespace tradeshock::file_internal
