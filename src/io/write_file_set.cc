// WriteFileSet: several files that must change together (the brief's .md, .html and .json), swapped into
// their folder with one rename.
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "tradeshock/error.h"
#include "tradeshock/io.h"

namespace tradeshock {

namespace {

namespace fs = std::filesystem;

constexpr char kStagingMark[] = ".new-";

// ".NAME.new-" : the prefix of every staging folder of `dir`.
std::string StagingPrefix(const fs::path& dir) { return "." + dir.filename().string() + kStagingMark; }

// Staging folders of `dir` left by runs that died (their PID is gone), removed.
void RemoveDeadStaging(const fs::path& parent, const fs::path& dir) {
  const std::string prefix = StagingPrefix(dir);
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const pid_t pid = static_cast<pid_t>(std::strtol(name.c_str() + prefix.size(), nullptr, 10));
    if (pid <= 0 || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    fs::remove_all(entry.path(), ignored);
  }
}

// Whether `dir` is a real folder (not a link) holding nothing but names of the set: then it can be
// swapped whole.
bool HoldsOnlyTheSet(const fs::path& dir, const std::set<std::string>& names) {
  std::error_code error;
  if (!fs::is_directory(fs::symlink_status(dir, error))) return false;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (!names.contains(name) || !fs::is_regular_file(entry.symlink_status())) return false;
  }
  return !error;
}

[[noreturn]] void Fail(const fs::path& dir, const std::string& why) {
  throw Error(fmt::format("cannot write into {}: {}", dir.string(), why));
}

// Files the user put into `dir` between the check and the swap went with the old folder: move them back.
void ReturnOtherFiles(const fs::path& old_dir, const fs::path& dir, const std::set<std::string>& names) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(old_dir, error)) {
    if (names.contains(entry.path().filename().string())) continue;
    std::error_code ignored;
    fs::rename(entry.path(), dir / entry.path().filename(), ignored);
  }
}

// The whole-folder swap; false when the file system cannot exchange (the caller falls back).
bool SwapInFolder(const fs::path& dir, const std::vector<NamedContent>& files, const std::set<std::string>& names) {
  std::random_device random;
  const fs::path staging = dir.parent_path() / fmt::format("{}{}-{:08x}", StagingPrefix(dir), ::getpid(), random());
  std::error_code error;
  if (!fs::create_directory(staging, error)) Fail(dir, "cannot make a staging folder: " + error.message());
  try {
    for (const NamedContent& file : files) WriteFileAtomically((staging / file.name).string(), file.content);
    if (fs::exists(dir)) fs::permissions(staging, fs::status(dir).permissions(), error);
    while (true) {
      if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0) {
        ReturnOtherFiles(staging, dir, names);
        fs::remove_all(staging, error);  // the old set
        return true;
      }
      if (errno == ENOENT) {  // no folder yet: a plain rename, unless another run made one meanwhile
        if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, dir.c_str(), RENAME_NOREPLACE) == 0) return true;
        if (errno == EEXIST) continue;
      }
      if (errno == EINVAL || errno == ENOSYS || errno == EXDEV) {
        fs::remove_all(staging, error);
        return false;
      }
      Fail(dir, std::strerror(errno));
    }
  } catch (...) {
    fs::remove_all(staging, error);
    throw;
  }
}

// One file at a time, under a lock on the folder so that two runs do not interleave.
void RenameFilesUnderLock(const fs::path& dir, const std::vector<NamedContent>& files) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) Fail(dir, std::strerror(errno));
  while (::flock(fd, LOCK_EX) != 0 && errno == EINTR) {
  }
  try {
    for (const NamedContent& file : files) WriteFileAtomically((dir / file.name).string(), file.content);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

}  // namespace

void WriteFileSet(const fs::path& out_dir, const std::vector<NamedContent>& files) {
  fs::path dir = out_dir.lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();  // "out/" names the folder "out"
  if (dir.empty() || dir.filename() == "." || dir.filename() == "..") dir = fs::absolute(dir).lexically_normal();
  std::set<std::string> names;
  for (const NamedContent& file : files) {
    if (file.name.empty() || file.name.find('/') != std::string::npos || !names.insert(file.name).second) {
      Fail(dir, fmt::format("'{}' is not one plain file name of the set", file.name));
    }
  }
  const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  std::error_code error;
  fs::create_directories(parent, error);
  if (error) Fail(dir, error.message());
  const fs::file_status status = fs::status(dir, error);
  if (fs::exists(status) && !fs::is_directory(status)) Fail(dir, "it exists and is not a folder");
  for (const NamedContent& file : files) {
    const fs::file_status target = fs::symlink_status(dir / file.name, error);
    if (fs::exists(target) && !fs::is_regular_file(target)) {
      Fail(dir, fmt::format("{} exists and is not a regular file", file.name));
    }
  }
  RemoveDeadStaging(parent, dir);
  // The current folder is never swapped away from under the shell that runs us.
  const bool is_cwd = fs::exists(status) && fs::equivalent(dir, fs::current_path(), error);
  if (!is_cwd && (!fs::exists(status) || HoldsOnlyTheSet(dir, names)) && SwapInFolder(dir, files, names)) return;
  fs::create_directories(dir, error);
  if (error) Fail(dir, error.message());
  RenameFilesUnderLock(dir, files);
}

}  // namespace tradeshock
