// `tradeshock scenario` on the seed case, with every expected figure computed here from flows.csv and
// profile.csv (data/cases/xinjiang-2021) and the 2020 CNY rate of data/reference/fx (6.9042 CNY per USD,
// Federal Reserve H.10 annual average).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"
#include "temp_dir.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

constexpr double kCnyPerUsd2020 = 6.9042;
// flows.csv, 2020, billions.
constexpr double kTotalTradeUsd = 21.387e9;
constexpr double kKazTradeCny = 75.826e9;
constexpr double kUsTradeCny = 6.681e9;
constexpr double kUsExportsCny = 4.528e9;

std::string CaseDir() { return RepoPath("data/cases/xinjiang-2021").string(); }

TEST(ScenarioCliTest, SeedCaseJsonByHand) {
  const CliRun run = RunCli({"scenario", CaseDir(), "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["base_period"], "2020");
  EXPECT_EQ(json["currency"], "USD");
  EXPECT_FALSE(json.contains("claims"));  // the claims command checks them

  // At risk: all exports to the US in 2020, 4.528 bn CNY / 6.9042 = 0.655833 bn USD; of total trade
  // 0.655833 / 21.387 = 3.0665%.
  const double at_risk = kUsExportsCny / kCnyPerUsd2020;
  EXPECT_NEAR(json["exposure"]["at_risk"].get<double>(), at_risk, 1.0);
  EXPECT_NEAR(json["exposure"]["share_of_trade"].get<double>(), at_risk / kTotalTradeUsd, 1e-12);
  EXPECT_NEAR(at_risk / kTotalTradeUsd, 0.030665, 1e-6);
  // No total of exports in the data (only the exports to the US): no share of exports, never a made-up one.
  EXPECT_TRUE(json["exposure"]["share_of_exports"].is_null());
  EXPECT_TRUE(json["product_shares"].is_null());
  // Product values alone: 34.996 bn CNY / 6.9042 = 5.068799 bn USD.
  EXPECT_EQ(json["product_values"]["items"][0]["product"], "CN-MECH-ELEC");
  EXPECT_NEAR(json["product_values"]["items"][0]["value"].get<double>(), 34.996e9 / kCnyPerUsd2020, 1.0);

  // Partner shares of trade: US 6.681 / 6.9042 / 21.387 = 0.045246 (the article's 4.5%);
  // KAZ 75.826 / 6.9042 / 21.387 = 10.98259 / 21.387 = 0.513517 (about 51%).
  const nlohmann::json& items = json["partner_shares"]["items"];
  double us_share = -1.0;
  for (const auto& item : items) {
    if (item["partner"] == "USA") us_share = item["share"].get<double>();
  }
  EXPECT_NEAR(us_share, kUsTradeCny / kCnyPerUsd2020 / kTotalTradeUsd, 1e-12);
  EXPECT_NEAR(us_share, 0.045246, 1e-6);
  EXPECT_EQ(json["largest_partner"]["partner"], "KAZ");
  EXPECT_NEAR(json["largest_partner"]["share"].get<double>(), kKazTradeCny / kCnyPerUsd2020 / kTotalTradeUsd, 1e-12);
  EXPECT_NEAR(json["largest_partner"]["share"].get<double>(), 0.513517, 1e-6);
  // The total's row and its source text from the source column.
  EXPECT_THAT(json["partner_shares"]["total"]["rows"][0]["source"].get<std::string>(),
              HasSubstr("21.387 billion U.S. dollars"));

  // Nowcast with the scenario's stand-in, shown beside the main one. Profile 2020 from profile.csv, 2020 total trade
  // = 21.387 x 6.9042 = 147.6601 bn CNY: C(2) = (12.95 + 7.08) / 147.6601 = 0.135649, C(8) = 88.950 / 147.6601 =
  // 0.602397, C(5) interpolated = (C(2) + C(8)) / 2 = 0.369023. Without the ban: 90 M / 0.369023 = 243.888 M USD. With
  // it (from 2021-07-15): June adds F x (C(6) - C(5)) = F x (4/6 - 3/6) x (C(8) - C(2)) = 243.888 x 0.077791 = 18.972
  // M, July keeps 14/31 of as much = 8.568 M, August-December nothing: 90 + 18.972 + 8.568 = 117.540 M USD; against
  // 2020's 655.833 M: 117.540 / 655.833 - 1 = -82.08%.
  const double total_trade_cny = 21.387 * kCnyPerUsd2020;
  const double c2 = (12.95 + 7.08) / total_trade_cny;
  const double c8 = 88.950 / total_trade_cny;
  const double c5 = (c2 + c8) / 2.0;
  const double without = 90e6 / c5;
  const double month = without * (c8 - c2) / 6.0;
  const double with = 90e6 + month + month * 14.0 / 31.0;
  const nlohmann::json& stand_in = json["nowcast_stand_in"];
  EXPECT_NEAR(stand_in["without_policy"]["central"]["full_year"].get<double>(), without, 1.0);
  EXPECT_NEAR(stand_in["with_policy"]["central"]["full_year"].get<double>(), with, 1.0);
  EXPECT_NEAR(with, 117.540e6, 0.001e6);
  EXPECT_NEAR(stand_in["with_policy"]["yoy_central"].get<double>(), with / at_risk - 1.0, 1e-9);
  EXPECT_TRUE(stand_in["stand_in"].get<bool>());

  // The main nowcast uses the flow's own profile, which the claims imply: January-May 2020 = 90 M / (1 - 10%)
  // = 100 M USD of 2020's 655.833 M, C(5) = 0.152478, months 6-12 linear: each (90 / C(5) - 90) / 7 = 71.464 M;
  // with the ban 90 + 71.464 + 71.464 x 14/31 = 193.738 M USD.
  const double own_c5 = 100e6 / at_risk;
  const double own_without = 90e6 / own_c5;
  const double own_month = (own_without - 90e6) / 7.0;
  const double own_with = 90e6 + own_month + own_month * 14.0 / 31.0;
  const nlohmann::json& nowcast = json["nowcast"];
  EXPECT_FALSE(nowcast["stand_in"].get<bool>());
  EXPECT_NEAR(nowcast["without_policy"]["central"]["full_year"].get<double>(), own_without, 1.0);
  EXPECT_NEAR(nowcast["with_policy"]["central"]["full_year"].get<double>(), own_with, 1.0);
  EXPECT_NEAR(own_with, 193.738e6, 0.001e6);
  ASSERT_EQ(json["nowcast_implied"].size(), 1u);
  EXPECT_EQ(json["nowcast_implied"][0]["selection"]["period"], "2020-01..2020-05");

  // The one rate used, with its source.
  ASSERT_EQ(json["rates"].size(), 1u);
  EXPECT_EQ(json["rates"][0]["currency"], "CNY");
  EXPECT_EQ(json["rates"][0]["period"], "2020");
  EXPECT_EQ(json["rates"][0]["per_usd"], kCnyPerUsd2020);
  EXPECT_THAT(json["rates"][0]["source"].get<std::string>(), HasSubstr("H.10"));
}

TEST(ScenarioCliTest, SeedCaseTable) {
  const CliRun run = RunCli({"scenario", CaseDir()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // 4.528 / 6.9042 = 0.6558 bn = 655.8 million USD; 3.0665% of trade.
  EXPECT_THAT(run.out, HasSubstr("exports at risk (2020): 655.8 million USD"));
  EXPECT_THAT(run.out, HasSubstr("share of CN-XJ's total trade: 3.07%"));
  EXPECT_THAT(run.out, HasSubstr("share of CN-XJ's exports: not known"));
  // KAZ: 75.826 / 6.9042 = 10,982.6 million USD, 51.4%; USA 6.681 / 6.9042 = 967.7 million, 4.5%.
  EXPECT_THAT(run.out, HasSubstr("10,982.6  51.4%"));
  EXPECT_THAT(run.out, HasSubstr("967.7   4.5%"));
  EXPECT_THAT(run.out, HasSubstr("with the policies:    193.7 million USD"));  // SeedCaseJsonByHand
  EXPECT_THAT(run.out, HasSubstr("CNY 2020: 6.9042 per USD"));
  EXPECT_THAT(run.out, HasSubstr("implied by the article's claims 'us-exports-jan-may-2021'"));
  // Never a product share above 100% (34.996 bn CNY of exports against 4.528 bn of "total" would be 772.9%).
  // The product section gives values only: CN-MECH-ELEC 34.996 / 6.9042 = 5,068.8 million USD.
  EXPECT_THAT(run.out, HasSubstr("(no total of exports in the data: values only):\n  product       million USD\n"
                                 "  CN-MECH-ELEC      5,068.8\n"));
  EXPECT_THAT(run.out, ::testing::Not(HasSubstr("772.9%")));
}

// The seed scenario's [models.pe]: L = 655.8 million USD; X_o = 21.387 bn - 6.681 / 6.9042 bn = 20.4193 bn USD;
// redirected = X_o ((1 + L/X_o)^(1.5/2.5) - 1) = 20.4193 bn x 0.019149 = 391.0 million (59.6%);
// net loss 655.8 - 391.0 = 264.8 million (40.4%). (Step by step in tests/scenario/beyond_test.cc.)
TEST(ScenarioCliTest, SeedCaseBeyondTheDirectLoss) {
  const CliRun run = RunCli({"scenario", CaseDir()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("beyond the direct loss:"));
  EXPECT_THAT(run.out, HasSubstr("redirected to other markets:         391.0 million USD (59.6% of the direct loss)"));
  EXPECT_THAT(run.out, HasSubstr("net loss (direct loss - redirected): 264.8 million USD (40.4% of the direct loss)"));
  EXPECT_THAT(run.out, HasSubstr("substitution = 1.5 (default): WITS/SMART default"));
  EXPECT_THAT(run.out, HasSubstr("not computed: General equilibrium"));
  const CliRun json_run = RunCli({"scenario", CaseDir(), "--format", "json"});
  const nlohmann::json json = nlohmann::json::parse(json_run.out);
  EXPECT_NEAR(json["beyond_direct_loss"]["pe"]["exporter_side"]["redirected"].get<double>(), 391.009e6, 1e4);
  const CliRun csv = RunCli({"scenario", CaseDir(), "--format", "csv"});
  EXPECT_THAT(csv.out, HasSubstr("pe_net_loss,,264823"));
}

TEST(ScenarioCliTest, FilesWithScenarioFlagAndCsv) {
  const CliRun run = RunCli({"scenario", RepoPath("data/cases/xinjiang-2021/flows.csv").string(),
                             RepoPath("data/cases/xinjiang-2021/profile.csv").string(), "--scenario",
                             RepoPath("data/cases/xinjiang-2021/scenario.toml").string(), "--format", "csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("section,code,value,at_risk,currency,share_of_exports,share_of_trade\n"));
  EXPECT_THAT(run.out, HasSubstr("partner,USA,"));
}

// A 10% tariff instead of the ban, theta = 4: 1.1^-4 = 0.683013, so 0.316987 of the exports to the US stop;
// at risk 4.528 bn CNY / 6.9042 x 0.316987 = 0.655833 bn x 0.316987 = 0.207890 bn USD. The rate and the
// formula's inputs are in every format.
TEST(ScenarioCliTest, TariffRateAndShareStoppedInEveryFormat) {
  TempDir dir;
  const std::string scenario = dir.Write(
      "tariff.toml",
      "[[policy]]\nname = \"US tariff\"\nkind = \"tariff\"\nrate = 0.10\nelasticity = 4\nimposed_by = \"USA\"\n"
      "on = \"CN-XJ\"\nproducts = \"all\"\nfrom = 2021-07-15\n");
  const std::vector<std::string> files = {RepoPath("data/cases/xinjiang-2021/flows.csv").string(),
                                          RepoPath("data/cases/xinjiang-2021/profile.csv").string()};
  auto run = [&](const std::string& format) {
    return RunCli({"scenario", files[0], files[1], "--scenario", scenario, "--format", format});
  };
  const CliRun json_run = run("json");
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  const nlohmann::json policy = nlohmann::json::parse(json_run.out)["exposure"]["policies"][0];
  EXPECT_EQ(policy["rate"].get<double>(), 0.10);
  EXPECT_EQ(policy["rate_before"].get<double>(), 0.0);
  EXPECT_EQ(policy["elasticity"]["value"].get<double>(), 4.0);
  EXPECT_NEAR(policy["share_stopped"].get<double>(), 0.316987, 1e-6);
  EXPECT_NEAR(policy["at_risk"].get<double>(), kUsExportsCny / kCnyPerUsd2020 * 0.3169865, 1e3);
  EXPECT_NEAR(policy["at_risk"].get<double>(), 0.207890e9, 1e3);
  const CliRun table = run("table");
  EXPECT_THAT(table.out, HasSubstr("a tariff of 10% (before: 0%): the covered flow falls to ((1 + 0.1) / (1 + 0))^-4 "
                                   "= 0.6830 of itself"));
  EXPECT_THAT(table.out, HasSubstr("31.70% of it stops"));
  const CliRun csv = run("csv");
  EXPECT_THAT(csv.out, HasSubstr("policy_rate,US tariff,0.1,"));
  EXPECT_THAT(csv.out, HasSubstr("policy_elasticity,US tariff,4,"));
  EXPECT_THAT(csv.out, HasSubstr("policy_share_stopped,US tariff,0.31698"));
}

TEST(ScenarioCliTest, TariffRateAboveOneIsALocatedError) {
  TempDir dir;
  const std::string scenario =
      dir.Write("tariff.toml",
                "[[policy]]\nkind = \"tariff\"\nrate = 5\nimposed_by = \"USA\"\non = \"CN-XJ\"\nproducts = \"all\"\n"
                "from = 2021-07-15\n");
  const CliRun run =
      RunCli({"scenario", RepoPath("data/cases/xinjiang-2021/flows.csv").string(), "--scenario", scenario});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("tariff.toml:3:8:"));
  EXPECT_THAT(run.err, HasSubstr("rate = 5 is 500%: did you mean rate_percent = 5 (5%)?"));
}

TEST(ScenarioCliTest, FilesWithoutScenarioIsAnError) {
  const CliRun run = RunCli({"scenario", RepoPath("data/cases/xinjiang-2021/flows.csv").string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("no scenario: give --scenario FILE"));
}

TEST(ScenarioCliTest, MissingCaseFolder) {
  const CliRun run = RunCli({"scenario", RepoPath("data/cases/no-such-case").string(), "--scenario", "x.toml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("no-such-case"));
}

TEST(ScenarioCliTest, OutWritesTheFile) {
  const auto out = TempPath("tradeshock-scenario-out");
  const CliRun run = RunCli({"scenario", CaseDir(), "--format", "json", "--out", out.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.empty());
  const nlohmann::json json = nlohmann::json::parse(ReadWholeFile(out));
  EXPECT_EQ(json["exporter"], "CN-XJ");
  std::filesystem::remove(out);
}

// Exports to the US only (HS 27 = 70, HS 72 = 20, TOTAL = 100), no world row: the partner table is of the one
// partner in the data, whose share of Russia's whole exports is not known, and the product mix is of the exports
// to the US: 27 = 70 / 100 = 70.0%, 72 = 20 / 100 = 20.0%.
TEST(ScenarioCliTest, PartialTablesSayWhatTheyCover) {
  TempDir dir;
  dir.Write("flows.csv",
            "reporter,partner,flow,product,period,value,currency,unit\n"
            "RUS,USA,exports,27,2021,70,USD,unit\n"
            "RUS,USA,exports,72,2021,20,USD,unit\n"
            "RUS,USA,exports,TOTAL,2021,100,USD,unit\n");
  dir.Write("scenario.toml",
            "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"RUS\"\nproducts = [\"27\"]\nfrom = 2022-03-09\n");
  const CliRun run = RunCli({"scenario", dir.path().string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("no total in the data; shares of the sum of the partners in it,"));
  EXPECT_THAT(run.out, HasSubstr("largest partner in the data: USA (its share of exports is not known)"));
  EXPECT_THAT(run.out, HasSubstr("products of RUS's exports to USA (not its whole export mix), 2021:"));
  EXPECT_THAT(run.out, HasSubstr("70.0%"));
  EXPECT_THAT(run.out, HasSubstr("share of RUS's exports: not known"));
}

}  // namespace
}  // namespace tradeshock::testing
