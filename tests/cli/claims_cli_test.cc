// `tradeshock claims` on the seed case. The verdicts of the projected claims follow from the nowcast worked
// out by hand in scenario_cli_test.cc (117.540 M USD with the ban, against 2020's 4.528 bn CNY / 6.9042 =
// 655.833 M USD).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

std::string CaseDir() { return RepoPath("data/cases/xinjiang-2021").string(); }

const nlohmann::json& ById(const nlohmann::json& results, const std::string& id) {
  for (const auto& result : results) {
    if (result["id"] == id) return result;
  }
  static const nlohmann::json none;
  ADD_FAILURE() << "no claim " << id;
  return none;
}

TEST(ClaimsCliTest, ProjectedUsExportsJson) {
  const CliRun run = RunCli({"claims", CaseDir(), "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json json = nlohmann::json::parse(run.out);
  const nlohmann::json& results = json["results"];

  // The nowcast with the ban, on the flow's own profile as the claims imply it (BriefDemoTest.NowcastCentralValue
  // has the steps): C(5) = (90 / 0.9) / (4528 / 6.9042) = 0.152478; months 6-12 each (90 / C(5) - 90) / 7 =
  // 71.464 M; 90 + 71.464 + 71.464 x 14/31 = 193.738 M USD.
  const double c5 = (90.0 / 0.9) / (4528.0 / 6.9042);
  const double month = (90.0 / c5 - 90.0) / 7.0;
  const double projected = (90.0 + month + month * 14.0 / 31.0) * 1e6;
  // "will not exceed 300 million U.S. dollars": 193.738 M USD <= 300 M.
  const nlohmann::json& cap = ById(results, "us-exports-2021-cap");
  EXPECT_EQ(cap["status"], "supported");
  EXPECT_NEAR(cap["computed"].get<double>(), projected, 0.001e6);
  EXPECT_EQ(cap["currency"], "USD");
  EXPECT_FALSE(cap["used"]["projection"]["assumptions"].empty());
  // "a drop of more than 70%": 193.738 / 655.833 - 1 = -70.46% < -70%, just.
  const nlohmann::json& drop = ById(results, "us-exports-2021-drop");
  EXPECT_EQ(drop["status"], "supported");
  EXPECT_NEAR(drop["computed"].get<double>(), projected / (4528.0e6 / 6.9042) - 1.0, 1e-5);

  // Together, the two statements cannot hold: 300 M / 655.833 M - 1 = -54.3%, not below -70%; -70% would
  // need less than 0.3 x 655.833 = 196.75 M USD.
  bool found = false;
  for (const auto& inconsistency : json["inconsistencies"]) {
    const auto ids = inconsistency["claims"].get<std::vector<std::string>>();
    if (std::find(ids.begin(), ids.end(), "us-exports-2021-cap") == ids.end()) continue;
    found = true;
    EXPECT_THAT(inconsistency["explanation"].get<std::string>(), HasSubstr("-54.3%"));
    EXPECT_THAT(inconsistency["explanation"].get<std::string>(), HasSubstr("196.7"));
  }
  EXPECT_TRUE(found);

  // The US share of 2020 trade: 6.681 / 6.9042 / 21.387 = 4.5246%, within 4.45%..4.55%.
  const nlohmann::json& share = ById(results, "us-share-2020");
  EXPECT_EQ(share["status"], "supported");
  EXPECT_NEAR(share["computed"].get<double>(), 6.681 / 6.9042 / 21.387, 1e-9);
  ASSERT_FALSE(share["rows"].empty());
  EXPECT_TRUE(share["rows"][0].contains("source"));
  // Not checkable, naming the missing data: no 2020 total of Xinjiang's exports.
  EXPECT_EQ(ById(results, "mech-elec-clothing-share-2020")["status"], "not_checkable");
}

TEST(ClaimsCliTest, TableShowsVerdictsAndInconsistencies) {
  const CliRun run = RunCli({"claims", CaseDir()});
  ASSERT_EQ(run.exit_code, 0) << run.err;  // contradicted or not, checking succeeded
  EXPECT_THAT(run.out, HasSubstr("us-exports-2021-cap"));
  // The comparison given in `comparison = "not_more_than"` is shown with the figure, in the words of StatedInWords.
  EXPECT_THAT(run.out, HasSubstr("not more than 300 million USD"));
  EXPECT_THAT(run.out, HasSubstr("193.7 million USD"));  // the projection (ProjectedUsExportsJson)
  EXPECT_THAT(run.out, HasSubstr("the article's own figures disagree:\n  us-exports-2021-cap + us-exports-2021-drop:"));
}

TEST(ClaimsCliTest, ContradictedClaimStillExitsZero) {
  const auto claims = TempPath("tradeshock-claims") += ".toml";
  {
    std::ofstream out(claims);
    // 6.681 / 6.9042 / 21.387 = 4.52%, not "about 6%".
    out << "[[claim]]\nid = \"wrong\"\ntext = \"the US took 6% of trade\"\nmetric = \"share\"\n"
           "reporter = \"CN-XJ\"\npartner = \"USA\"\nflow = \"trade\"\nperiod = \"2020\"\nstated = \"6%\"\n";
  }
  const CliRun run = RunCli({"claims", CaseDir(), "--claims", claims.string(), "--format", "csv"});
  std::filesystem::remove(claims);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("wrong,contradicted,contradicted,about,6%,0.0452"));
}

TEST(ClaimsCliTest, BadClaimsFileIsLocated) {
  const auto claims = TempPath("tradeshock-claims") += ".toml";
  {
    std::ofstream out(claims);
    out << "[[claim]]\nid = \"x\"\ncomparison = \"roughly\"\ntext = \"t\"\nmetric = \"value\"\n"
           "reporter = \"CN-XJ\"\nperiod = \"2020\"\nstated = \"1\"\n";
  }
  const CliRun run = RunCli({"claims", CaseDir(), "--claims", claims.string()});
  std::filesystem::remove(claims);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr(":3:"));
  EXPECT_THAT(run.err, HasSubstr("roughly"));
}

}  // namespace
}  // namespace tradeshock::testing
