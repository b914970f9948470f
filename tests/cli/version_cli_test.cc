// The program's top level: `tradeshock --version` (the version stated once, in CMakeLists.txt's project() line,
// reaches the program) and an unknown command.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "cli/cli_runner.h"
#include "tradeshock/suggest.h"

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

TEST(VersionCliTest, AMistypedFlagGetsTheNearestOfItsCommand) {
  // "--scenaro" is one letter short of brief's --scenario (edit distance 1, within a third of its 7 letters).
  const CliRun typo = RunCli({"brief", RepoPath("data/cases/xinjiang-2021").string(), "--scenaro", "x.toml"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.out, "");
  EXPECT_EQ(typo.err,
            "tradeshock: error: unknown option '--scenaro' for brief: did you mean --scenario?\n"
            "Run with --help for usage.\n");
  // --top is no option of brief and near none of them: named, with no guess.
  const CliRun other = RunCli({"brief", RepoPath("data/cases/xinjiang-2021").string(), "--top", "3"});
  EXPECT_EQ(other.err, "tradeshock: error: unknown option '--top' for brief\nRun with --help for usage.\n");
}

TEST(SuggestTest, EditDistanceAndNearest) {
  EXPECT_EQ(EditDistance("kitten", "sitting", 5), 3u);  // k->s, e->i, +g
  EXPECT_EQ(EditDistance("kitten", "sitting", 2), 3u);  // capped: above 2 is 3
  EXPECT_EQ(Nearest("--scenaro", {"--claims", "--scenario", "--out"}, 2), "--scenario");
  EXPECT_EQ(Nearest("--top", {"--claims", "--scenario", "--out"}, 1), "");
}

}  // namespace
}  // namespace tradeshock::testing
