// `tradeshock serve` as a user runs it: the seed case on a free port (--port 0 reports the port chosen on
// stderr), /healthz answers, /scenario and /claims give the command line's --format json byte for byte, and
// SIGTERM stops it cleanly with exit code 0. And a bad flag is refused before
// anything is loaded.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

#include "cli/cli_runner.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

// Starts the binary with `args`, its stderr into a pipe; returns the pid and the pipe's read end.
std::pair<pid_t, int> Spawn(const std::vector<std::string>& args) {
  int pipe_ends[2];
  if (::pipe(pipe_ends) != 0) return {-1, -1};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_ends[1], STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::close(pipe_ends[0]);
    std::vector<char*> argv;
    std::string program = TRADESHOCK_CLI_PATH;
    argv.push_back(program.data());
    std::vector<std::string> copies = args;
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(pipe_ends[1]);
  return {pid, pipe_ends[0]};
}

// Reads stderr until `pattern` matches it or `seconds` pass.
std::string ReadUntil(int fd, const std::regex& pattern, std::string& seen, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  std::smatch match;
  while (std::chrono::steady_clock::now() < deadline) {
    char buffer[1024];
    const ssize_t got = ::read(fd, buffer, sizeof(buffer));
    if (got > 0) seen.append(buffer, static_cast<std::size_t>(got));
    if (std::regex_search(seen, match, pattern)) return match[1].str();
    if (got == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return {};
}

// The exit status, or -1 when it has not exited within `seconds` (it is then killed).
int WaitExit(pid_t pid, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return -1;
}

TEST(ServeCli, AnswersHealthAndStopsOnSigterm) {
  const auto [pid, err] = Spawn({"serve", RepoPath("data/cases/xinjiang-2021").string(), "--port", "0"});
  ASSERT_GT(pid, 0);
  std::string seen;
  const std::string port = ReadUntil(err, std::regex(R"(listening on http://127\.0\.0\.1:(\d+))"), seen, 60);
  ASSERT_FALSE(port.empty()) << "no 'listening on' line; stderr: " << seen;
  httplib::Client client("127.0.0.1", std::stoi(port));
  const httplib::Result health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(nlohmann::json::parse(health->body)["status"], "ok");
  // The seed case is served under its folder's name.
  const httplib::Result cases = client.Get("/api/v1/cases");
  ASSERT_TRUE(cases);
  EXPECT_EQ(nlohmann::json::parse(cases->body)["cases"][0]["name"], "xinjiang-2021");

  // The same object as the command line's --format json, byte for byte (one serializer).
  const CliRun scenario = RunCli({"scenario", RepoPath("data/cases/xinjiang-2021").string(), "--format", "json"});
  ASSERT_EQ(scenario.exit_code, 0) << scenario.err;
  const httplib::Result posted = client.Post("/api/v1/scenario", R"({"data": "xinjiang-2021"})", "application/json");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 200);
  EXPECT_EQ(posted->body, scenario.out);
  const CliRun claims = RunCli({"claims", RepoPath("data/cases/xinjiang-2021").string(), "--format", "json"});
  const httplib::Result checked = client.Post("/api/v1/claims", R"({"data": "xinjiang-2021"})", "application/json");
  ASSERT_TRUE(checked);
  EXPECT_EQ(checked->body, claims.out);

  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  EXPECT_EQ(WaitExit(pid, 20), 0);
  ReadUntil(err, std::regex("(stopped)"), seen, 2);
  ::close(err);
  EXPECT_THAT(seen, HasSubstr("stopping on SIGTERM"));
  EXPECT_THAT(seen, HasSubstr("serve: stopped"));
}

TEST(ServeCli, BadPortIsRefusedBeforeLoading) {
  const CliRun run = RunCli({"serve", RepoPath("data/cases/xinjiang-2021").string(), "--port", "70000"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("ServeOptions::port must be 0 (any free port) to 65535, got 70000"));
  EXPECT_THAT(run.err, ::testing::Not(HasSubstr("loading")));
}

}  // namespace
}  // namespace tradeshock::testing
