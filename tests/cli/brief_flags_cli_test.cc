// `tradeshock brief` with --scenario, --claims and --period in place of the case folder's own files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

std::string CaseDir() { return RepoPath("data/cases/xinjiang-2021").string(); }

class BriefFlagsTest : public ::testing::Test {
 protected:
  void SetUp() override { std::filesystem::create_directories(dir_); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path Write(const std::string& name, const std::string& text) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir_ = TempPath("tradeshock-brief-flags");
};

TEST_F(BriefFlagsTest, ScenarioClaimsAndPeriodReplaceTheCaseFolders) {
  // Half of Xinjiang's exports to the US stopped: 4.528 billion CNY / 6.9042 CNY per USD (2020) x 0.5 =
  // 327.9 million USD at risk.
  const auto scenario = Write("half.toml", R"(title = "Half of the US imports from Xinjiang stopped"
[[policy]]
name = "detentions"
kind = "ban"
imposed_by = "USA"
on = "CN-XJ"
products = "all"
from = 2021-07-15
share_stopped = 0.5
)");
  const auto claims = Write("one.toml", R"([[claim]]
id = "us-exports"
text = "exports to the US were 4.528 billion yuan"
metric = "value"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = 2020
stated = "4.528 billion yuan"
)");
  const auto out = dir_ / "out";
  const CliRun run = RunCli({"brief", CaseDir(), "--scenario", scenario.string(), "--claims", claims.string(),
                             "--period", "2020", "--out", out.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json json = nlohmann::json::parse(ReadWholeFile(out / "brief.json"));
  EXPECT_NEAR(json["exposure"]["at_risk"].get<double>(), 4.528e9 / 6.9042 * 0.5, 1e3);
  EXPECT_EQ(json["claims"]["results"].size(), 1u);
  EXPECT_EQ(json["claims"]["results"][0]["verdict"], "matches the data entry");  // the row is the claim's figure
  EXPECT_THAT(json["lead"].get<std::string>(), HasSubstr("At stake under \u201cdetentions\u201d: 327.9 million USD"));
}

TEST_F(BriefFlagsTest, ABadPeriodOrCurrencyIsRefusedBeforeReading) {
  const CliRun period = RunCli({"brief", CaseDir(), "--period", "20x0", "--out", (dir_ / "p").string()});
  EXPECT_NE(period.exit_code, 0);
  EXPECT_THAT(period.err, HasSubstr("bad --period '20x0'"));
  const CliRun currency = RunCli({"brief", CaseDir(), "--currency", "XYZ", "--out", (dir_ / "c").string()});
  EXPECT_NE(currency.exit_code, 0);
  EXPECT_THAT(currency.err, HasSubstr("unknown currency 'XYZ'"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "p"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "c"));
}

}  // namespace
}  // namespace tradeshock::testing
