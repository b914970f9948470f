// Runs the tradeshock binary (TRADESHOCK_CLI_PATH) and captures its exit code, stdout and stderr.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tradeshock::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

inline std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// A fresh path in the system's temporary folder (the file is not created).
inline std::filesystem::path TempPath(const std::string& stem) {
  static std::atomic<int> counter{0};
  return std::filesystem::temp_directory_path() /
         (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

inline std::filesystem::path RepoPath(const std::string& relative) {
  return std::filesystem::path(TRADESHOCK_SOURCE_DIR) / relative;
}

inline CliRun RunCli(const std::vector<std::string>& args) {
  const auto out_path = TempPath("tradeshock-cli-out");
  const auto err_path = TempPath("tradeshock-cli-err");
  std::string command = ShellQuote(TRADESHOCK_CLI_PATH);
  for (const std::string& arg : args) command.append(" ").append(ShellQuote(arg));
  command.append(" >").append(ShellQuote(out_path.string()));
  command.append(" 2>").append(ShellQuote(err_path.string()));
  command.append(" </dev/null");
  const int status = std::system(command.c_str());
  CliRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadWholeFile(out_path);
  run.err = ReadWholeFile(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return run;
}

}  // namespace tradeshock::testing
