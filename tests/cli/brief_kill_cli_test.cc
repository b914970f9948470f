// `tradeshock brief` killed with SIGKILL at random moments, and two briefs writing one --out at once: the
// folder must then hold the old brief or the new one, whole (issue 15). The runs alternate between USD and
// CNY, whose briefs differ in all three files, so a mix of two runs shows.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "cli/cli_runner.h"
#include "temp_dir.h"

namespace tradeshock::testing {
namespace {

namespace fs = std::filesystem;

const char* const kFiles[] = {"brief.md", "brief.html", "brief.json"};

pid_t StartBrief(const fs::path& out, const std::string& currency) {
  const std::string case_dir = RepoPath("data/cases/xinjiang-2021").string();
  const pid_t child = ::fork();
  if (child == 0) {
    ::freopen("/dev/null", "w", stdout);
    ::freopen("/dev/null", "w", stderr);
    ::execl(TRADESHOCK_CLI_PATH, TRADESHOCK_CLI_PATH, "brief", case_dir.c_str(), "--out", out.c_str(), "--currency",
            currency.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return child;
}

int Wait(pid_t child) {
  int status = 0;
  ::waitpid(child, &status, 0);
  return status;
}

// "USD" or "CNY" when `out` holds that run's whole brief, "" when there is none; a mix fails the test.
std::string VariantOf(const fs::path& out, const fs::path& usd, const fs::path& cny) {
  if (!fs::exists(out / "brief.json")) {
    EXPECT_FALSE(fs::exists(out / "brief.md") || fs::exists(out / "brief.html")) << "part of a brief";
    return "";
  }
  std::string variant;
  for (const char* name : kFiles) {
    const std::string text = ReadWholeFile(out / name);
    const std::string here = text == ReadWholeFile(usd / name)   ? "USD"
                             : text == ReadWholeFile(cny / name) ? "CNY"
                                                                 : "?";
    EXPECT_NE(here, "?") << name << " is neither run's";
    if (variant.empty()) variant = here;
    EXPECT_EQ(here, variant) << name << " is from another run than brief.md";
  }
  return variant;
}

class BriefKillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& [dir, currency] : {std::pair{usd_, "USD"}, std::pair{cny_, "CNY"}}) {
      ASSERT_EQ(Wait(StartBrief(dir, currency)), 0);
    }
    for (const char* name : kFiles) ASSERT_NE(ReadWholeFile(usd_ / name), ReadWholeFile(cny_ / name)) << name;
  }

  TempDir temp_;
  const fs::path usd_ = temp_.path() / "usd";
  const fs::path cny_ = temp_.path() / "cny";
  const fs::path out_ = temp_.path() / "out";
};

TEST_F(BriefKillTest, KilledAtAnyMomentLeavesTheOldBriefOrTheNew) {
  ASSERT_EQ(Wait(StartBrief(out_, "USD")), 0);
  std::mt19937 random(20261208);  // fixed seed: the same moments on every run
  int completed = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const pid_t child = StartBrief(out_, trial % 2 == 0 ? "CNY" : "USD");
    // A brief of this case takes about 30 ms: kill it anywhere from its start to after its end.
    std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 60000)(random)));
    ::kill(child, SIGKILL);
    const int status = Wait(child);
    if (WIFEXITED(status)) ++completed;
    EXPECT_NE(VariantOf(out_, usd_, cny_), "") << "trial " << trial << ": the old brief went missing";
  }
  RecordProperty("completed_before_kill", completed);
}

TEST_F(BriefKillTest, TwoBriefsAtOnceLeaveOneWholeBrief) {
  for (int trial = 0; trial < 10; ++trial) {
    const pid_t first = StartBrief(out_, "USD");
    const pid_t second = StartBrief(out_, "CNY");
    EXPECT_EQ(Wait(first), 0);
    EXPECT_EQ(Wait(second), 0);
    EXPECT_NE(VariantOf(out_, usd_, cny_), "");
  }
  // Nothing beside the folders: no staging folder of either run.
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(temp_.path())) names.insert(entry.path().filename().string());
  EXPECT_EQ(names, (std::set<std::string>{"cny", "out", "usd"}));
}

}  // namespace
}  // namespace tradeshock::testing
