// All 19 verdicts of data/cases/xinjiang-2021/claims.toml, each derived by hand from the case's CSV files and the
// claim's text, checked through `tradeshock claims --format json` (which projects with the case's nowcast).
// claims_test.cc (ClaimsSeedCaseTest) and claims_cli_test.cc check 8 of them in more detail.
//
// The case's data (flows.csv; rate: Federal Reserve H.10 2020 average, 6.9042 CNY per USD, data/reference/fx):
//   total trade 2020            21.387 bn USD (a row)
//   trade with KAZ, RUS, KGZ, USA 2020: 75.826, 12.247, 10.262, 6.681 bn CNY
//     = 10.98259, 1.77385, 1.48634, 0.96767 bn USD; itemised 15.21045, rest 21.387 - 15.21045 = 6.17655 bn USD
//   exports to the US 2020       4.528 bn CNY = 655.833 M USD
//   exports to the US 2021-01..05  0.090 bn USD (the article's "more than US$90 million", the bound itself)
//   exports of CN-MECH-ELEC, CN-CLOTHING to the world 2020: 34.996, 24.672 bn CNY
// No row gives Xinjiang's total exports, any 2020-01..05 value, or any partner of clothing exports.
// Rows holding the article's own figures: a value claim matched against such a row checks the data entry
// (flows.csv against the article), not the article; it is marked "data entry" below.
//
// The nowcast (worked out in scenario_cli_test.cc, SeedCaseJsonByHand): 193.738 M USD for 2021 with the ban from
// 2021-07-15, on the flow's own profile as the claims imply it (Jan-May 2020 = 90 / (1 - 10%) = 100 M USD).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_runner.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

struct Expected {
  const char* id;
  const char* status;
};

// The hand verdicts, in the file's order.
constexpr Expected kVerdicts[] = {
    // "totaled 21.387 billion U.S. dollars": about -> [21.3865, 21.3875] bn USD; the row holds 21.387. Data entry.
    {"total-trade-2020", "supported"},
    // "Kazakhstan (75.826 billion yuan)": the row holds 75.826 bn CNY, in [75.8255, 75.8265]. Data entry.
    {"kaz-trade-2020", "supported"},
    // "The largest trading partner was Kazakhstan": rank 1 among the itemised (10.98 bn USD against RUS 1.77),
    // and the not-itemised rest, 6.18 bn USD, is smaller than 10.98: floor(6.18 / 10.98) = 0 hidden partners
    // could be larger, so rank 1 whatever the rest holds. The article's analysis, checked.
    {"kaz-largest-partner", "supported"},
    // "Russia (12.247 billion yuan)": the row. Data entry.
    {"rus-trade-2020", "supported"},
    // "followed by Russia": second among the itemised, but the rest of 6.18 bn USD could hide
    // floor(6.17655 / 1.77385) = 3 partners larger than Russia: its rank is anywhere in 2..5, so the data
    // cannot tell.
    {"rus-second-partner", "not_checkable"},
    // "Kyrgyzstan ( 10.262 billion yuan)": the row. Data entry.
    {"kgz-trade-2020", "supported"},
    // "with the United States was only 6.681 billion yuan": the row. Data entry.
    {"us-trade-2020", "supported"},
    // "accounting for 4.5%": 0.96767 / 21.387 = 4.5246%, within about 4.5% = [4.45%, 4.55%]. Two rows holding
    // the article's figures, so this checks the article's own division (and the rate), supported.
    {"us-share-2020", "supported"},
    // "exported to the United States was 4.528 billion yuan": the row. Data entry.
    {"us-exports-2020", "supported"},
    // "only more than US$90 million": the row holds 90 M USD, exactly the strict bound: the data hold the
    // claim's own rounded figure and cannot tell which side the truth is on (docs/METHODS.md).
    {"us-exports-jan-may-2021", "not_checkable"},
    // "a year-on-year decline of 10%": the base, exports to the US 2020-01..05, is not in the data.
    {"us-exports-jan-may-2021-yoy", "not_checkable"},
    // "Xinjiang's exports increased by more than 20%": no row of Xinjiang's total exports in 2020-01..05
    // (profile.csv has 2020-01..02 only), so no base.
    {"exports-jan-may-2021-yoy", "not_checkable"},
    // "will not exceed 300 million U.S. dollars": the nowcast, 193.738 M USD <= 300 M.
    {"us-exports-2021-cap", "supported"},
    // "will drop by more than 70%": 193.738 / 655.833 - 1 = -70.46% < -70%.
    {"us-exports-2021-drop", "supported"},
    // "exports of 34.996 billion yuan [mechanical and electrical]": the row. Data entry.
    {"mech-elec-exports-2020", "supported"},
    // "and 24.672 billion yuan [clothing]": the row. Data entry.
    {"clothing-exports-2020", "supported"},
    // "accounting for more than 50%": 34.996 + 24.672 = 59.668 bn CNY over total exports, which no row holds;
    // the only total the rows can build is the sum over partners, exports to the US, 4.528 bn CNY — smaller
    // than the numerator, so evidently incomplete.
    {"mech-elec-clothing-share-2020", "not_checkable"},
    // "Belt and Road and the EU ... more than 80%": no Belt-and-Road group in the reference data ('BRI').
    {"mech-elec-bri-eu-share", "not_checkable"},
    // "Kyrgyzstan, Kazakhstan and Russia ... more than 90%" of clothing exports: no row of clothing exports to
    // any partner.
    {"clothing-kgz-kaz-rus-share", "not_checkable"},
};

const nlohmann::json& ById(const nlohmann::json& results, const std::string& id) {
  for (const auto& result : results) {
    if (result["id"] == id) return result;
  }
  static const nlohmann::json none;
  ADD_FAILURE() << "no claim " << id;
  return none;
}

class SeedClaimsCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const CliRun run = RunCli({"claims", RepoPath("data/cases/xinjiang-2021").string(), "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    json_ = new nlohmann::json(nlohmann::json::parse(run.out));
  }
  static void TearDownTestSuite() {
    delete json_;
    json_ = nullptr;
  }
  static const nlohmann::json& Results() { return (*json_)["results"]; }
  static nlohmann::json* json_;
};

nlohmann::json* SeedClaimsCliTest::json_ = nullptr;

TEST_F(SeedClaimsCliTest, AllNineteenVerdicts) {
  ASSERT_EQ(Results().size(), std::size(kVerdicts));
  ASSERT_EQ(Results().size(), 19u);
  for (std::size_t i = 0; i < std::size(kVerdicts); ++i) {
    EXPECT_EQ(Results()[i]["id"], kVerdicts[i].id) << "claim " << i;  // the file's order
    EXPECT_EQ(Results()[i]["status"], kVerdicts[i].status) << kVerdicts[i].id;
  }
  // 12 supported (the 9 data-entry rows, kaz-largest-partner, us-share-2020 and the two projections),
  // none contradicted, 7 not checkable.
  EXPECT_EQ((*json_)["supported"], 12);
  EXPECT_EQ((*json_)["contradicted"], 0);
  EXPECT_EQ((*json_)["not_checkable"], 7);
}

TEST_F(SeedClaimsCliTest, ComputedValuesBehindTheVerdicts) {
  // Data entry: the computed value is the row itself.
  EXPECT_DOUBLE_EQ(ById(Results(), "total-trade-2020")["computed"].get<double>(), 21.387e9);
  EXPECT_DOUBLE_EQ(ById(Results(), "kaz-trade-2020")["computed"].get<double>(), 75.826e9);
  EXPECT_EQ(ById(Results(), "kaz-trade-2020")["currency"], "CNY");
  EXPECT_DOUBLE_EQ(ById(Results(), "rus-trade-2020")["computed"].get<double>(), 12.247e9);
  EXPECT_DOUBLE_EQ(ById(Results(), "kgz-trade-2020")["computed"].get<double>(), 10.262e9);
  EXPECT_DOUBLE_EQ(ById(Results(), "us-trade-2020")["computed"].get<double>(), 6.681e9);
  EXPECT_DOUBLE_EQ(ById(Results(), "us-exports-2020")["computed"].get<double>(), 4.528e9);
  EXPECT_DOUBLE_EQ(ById(Results(), "mech-elec-exports-2020")["computed"].get<double>(), 34.996e9);
  EXPECT_DOUBLE_EQ(ById(Results(), "clothing-exports-2020")["computed"].get<double>(), 24.672e9);
  // Ranks and shares.
  EXPECT_DOUBLE_EQ(ById(Results(), "kaz-largest-partner")["computed"].get<double>(), 1.0);
  EXPECT_NEAR(ById(Results(), "us-share-2020")["computed"].get<double>(), 6.681 / 6.9042 / 21.387, 1e-12);
  // Projections: 193.738 M USD, and 193.738 / 655.833 - 1.
  EXPECT_NEAR(ById(Results(), "us-exports-2021-cap")["computed"].get<double>(), 193.738e6, 0.001e6);
  EXPECT_NEAR(ById(Results(), "us-exports-2021-drop")["computed"].get<double>(), 193.738 / (4528.0 / 6.9042) - 1.0,
              2e-6);
}

TEST_F(SeedClaimsCliTest, NotCheckableSayWhy) {
  // Russia: floor(6.17655 / 1.77385) = 3 partners of the rest could be larger.
  EXPECT_THAT(ById(Results(), "rus-second-partner")["message"].get<std::string>(),
              HasSubstr("could hold up to 3 larger"));
  EXPECT_THAT(ById(Results(), "mech-elec-bri-eu-share")["message"].get<std::string>(),
              HasSubstr("unknown economy 'BRI'"));
  EXPECT_THAT(ById(Results(), "us-exports-jan-may-2021-yoy")["message"].get<std::string>(),
              HasSubstr("2020-01..2020-05"));
  EXPECT_THAT(ById(Results(), "exports-jan-may-2021-yoy")["message"].get<std::string>(), HasSubstr("2020-01..2020-05"));
  EXPECT_THAT(ById(Results(), "clothing-kgz-kaz-rus-share")["message"].get<std::string>(), HasSubstr("CN-CLOTHING"));
  // The one pair that cannot hold: 300 M USD is 300 / 655.833 - 1 = -54.3%, not a drop of more than 70%.
  ASSERT_EQ((*json_)["inconsistencies"].size(), 1u);
  EXPECT_EQ((*json_)["inconsistencies"][0]["claims"], (nlohmann::json{"us-exports-2021-cap", "us-exports-2021-drop"}));
}

}  // namespace
}  // namespace tradeshock::testing
