// The program's top level: `tradeshock --version` (the version stated once, in CMakeLists.txt's project() line,
// reaches the program) and an unknown command.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "cli/cli_runner.h"

namespace tradeshock::testing {
namespace {

TEST(VersionCliTest, PrintsTheProjectVersion) {
  std::ifstream cmake(RepoPath("CMakeLists.txt"));
  std::stringstream text;
  text << cmake.rdbuf();
  std::smatch match;
  const std::string lists = text.str();
  ASSERT_TRUE(std::regex_search(lists, match, std::regex(R"(project\(tradeshock VERSION ([0-9.]+))")));
  const CliRun run = RunCli({"--version"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "tradeshock " + match[1].str() + "\n");
}

TEST(VersionCliTest, UnknownCommandIsNamedWithTheKnownOnes) {
  // The commands main.cc registers, in its order.
  const CliRun run = RunCli({"breif", "data/cases/xinjiang-2021"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(
      run.err,
      "tradeshock: error: unknown command 'breif': expected one of indicators, lookup, inspect, scenario, claims, "
      "brief, gravity, ge, io, serve\nRun with --help for usage.\n");
}

}  // namespace
}  // namespace tradeshock::testing
