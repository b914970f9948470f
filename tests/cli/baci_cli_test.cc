// `tradeshock scenario` and `tradeshock brief` on BACI data: --baci-codes (shared with indicators and
// inspect), --mirror-imports and --timings. The data: CHN -> DEU 300, CHN -> USA 500 + 200, DEU -> CHN 400,
// USA -> CHN 100 (thousand USD, 2020); expected figures worked out in each test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kCodes[] =
    "country_code,country_name,country_iso2,country_iso3\n"
    "156,China,CN,CHN\n"
    "276,Germany,DE,DEU\n"
    "842,USA,US,USA\n";
constexpr char kBaci[] =
    "t,i,j,k,v,q\n"
    "2020,156,276,610910,300,1.0\n"
    "2020,156,842,610910,500,2.0\n"
    "2020,156,842,847130,200,\n"
    "2020,276,156,870323,400,3.0\n"
    "2020,842,156,120190,100,4.0\n";
constexpr char kScenario[] =
    "title = \"US ban on all imports from China\"\n"
    "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = \"all\"\nfrom = 2021-01-01\n";

// A case folder whose code list is elsewhere (as when several releases share one list).
class BaciFiles {
 public:
  BaciFiles() : root_(TempPath("tradeshock-baci-cli")) {
    std::filesystem::create_directories(root_ / "case");
    std::filesystem::create_directories(root_ / "codes");
    Write(root_ / "codes" / "country_codes_V202401.csv", kCodes);
    Write(root_ / "case" / "BACI_HS17_Y2020_V202401.csv", kBaci);
    Write(root_ / "case" / "scenario.toml", kScenario);
  }
  ~BaciFiles() { std::filesystem::remove_all(root_); }
  std::string CaseDir() const { return (root_ / "case").string(); }
  std::string DataFile() const { return (root_ / "case" / "BACI_HS17_Y2020_V202401.csv").string(); }
  std::string Scenario() const { return (root_ / "case" / "scenario.toml").string(); }
  std::string Codes() const { return (root_ / "codes" / "country_codes_V202401.csv").string(); }
  std::filesystem::path Out() const { return root_ / "out"; }

 private:
  static void Write(const std::filesystem::path& path, const char* content) {
    std::ofstream(path, std::ios::binary) << content;
  }
  std::filesystem::path root_;
};

TEST(BaciCliTest, ScenarioWithoutCodesNamesTheOption) {
  BaciFiles files;
  const CliRun run = RunCli({"scenario", files.DataFile(), "--scenario", files.Scenario()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("BACI_HS17_Y2020_V202401.csv: cannot read, expected BACI's country_codes_V*.csv "
                                 "beside the data file (or name it with --baci-codes)"));
}

TEST(BaciCliTest, ScenarioOnFilesWithBaciCodes) {
  BaciFiles files;
  const CliRun run = RunCli({"scenario", files.DataFile(), "--scenario", files.Scenario(), "--baci-codes",
                             files.Codes(), "--format", "json", "--timings"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["partner_flow"], "trade");
  // At risk CHN -> USA 700 thousand; trade = exports 1000 + imports (mirror) 400 + 100 = 1500 thousand:
  // 700 / 1500 = 0.466667 of trade, 0.7 of exports.
  EXPECT_DOUBLE_EQ(json["exposure"]["at_risk"].get<double>(), 700'000.0);
  EXPECT_NEAR(json["exposure"]["share_of_trade"].get<double>(), 700.0 / 1500.0, 1e-12);
  EXPECT_DOUBLE_EQ(json["exposure"]["share_of_exports"].get<double>(), 0.7);
  EXPECT_THAT(json["notes"][0].get<std::string>(), HasSubstr("imports derived from mirror flows"));
  EXPECT_THAT(run.err, HasSubstr("timings: read "));
  EXPECT_THAT(run.err, HasSubstr(" analysis "));
}

TEST(BaciCliTest, ScenarioCaseFolderWithMirrorImportsOff) {
  BaciFiles files;
  const CliRun run = RunCli({"scenario", files.CaseDir(), "--baci-codes", files.Codes(), "--mirror-imports", "off"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // Partners of CHN's exports: USA 700 / 1000 = 70.0%, DEU 30.0%; no share of trade.
  EXPECT_THAT(
      run.out,
      HasSubstr(
          "partners of CHN's exports, 2020 (total 1.000 million USD)"));  // 1,000 thousand USD, four significant digits
  EXPECT_THAT(run.out, HasSubstr("largest partner: USA (70.0% of exports)"));
  EXPECT_THAT(run.out, HasSubstr("share of CHN's total trade: not known"));
  EXPECT_THAT(run.out, HasSubstr("CHN's total trade in 2020 is not in the data"));
  // The at-risk table's "of trade" column: the share is unknown, so it says so in words (docs/FORMATS.md).
  EXPECT_THAT(run.out, Not(HasSubstr("n/a")));
}

TEST(BaciCliTest, BriefWithBaciCodes) {
  BaciFiles files;
  const CliRun run =
      RunCli({"brief", files.CaseDir(), "--baci-codes", files.Codes(), "--out", files.Out().string(), "--timings"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // Summary: CHN trade 1.5 million USD, US share (700 + 100) / 1500 = 53.3%.
  EXPECT_THAT(run.out, HasSubstr("United States share of trade"));
  EXPECT_THAT(run.out, HasSubstr("53.3%"));
  EXPECT_THAT(run.err, HasSubstr("write brief"));
  const nlohmann::json json = nlohmann::json::parse(ReadWholeFile(files.Out() / "brief.json"));
  EXPECT_EQ(json["partner_flow"], "trade");
  EXPECT_DOUBLE_EQ(json["partner_shares"]["total"]["value"].get<double>(), 1'500'000.0);
}

TEST(BaciCliTest, BriefWithoutImportsSaysExports) {
  BaciFiles files;
  const CliRun run = RunCli({"brief", files.CaseDir(), "--baci-codes", files.Codes(), "--out", files.Out().string(),
                             "--mirror-imports", "off"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string markdown = ReadWholeFile(files.Out() / "brief.md");
  EXPECT_THAT(markdown, HasSubstr("partner shares of exports, 2020"));
  EXPECT_THAT(markdown, HasSubstr("United States share of exports"));
  // Shares of trade are not known: said so, never shown as 0.00%.
  EXPECT_THAT(markdown, HasSubstr("| not known |"));
  EXPECT_THAT(markdown, ::testing::Not(HasSubstr("| 0.00% |")));
  // The exports-only statement is in the brief, and the missing total is not repeated note after note.
  EXPECT_THAT(markdown, HasSubstr("CHN's total trade in 2020 is not in the data"));
  EXPECT_THAT(markdown, ::testing::Not(HasSubstr("partner concentration of trade: no data")));
}

// 35 products of CHN -> USA, product n (n = 1..35) worth n million USD (v = 1000 n thousand): tables for
// people show the 30 largest and one "5 more" row with the 5 smallest, 1 + 2 + 3 + 4 + 5 = 15 million USD;
// JSON keeps all 35.
TEST(BaciCliTest, LongTablesEndWithOneRowForTheRest) {
  const std::filesystem::path dir = TempPath("tradeshock-baci-cli-long");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "country_codes_V202401.csv") << kCodes;
  std::string baci = "t,i,j,k,v,q\n";
  for (int n = 1; n <= 35; ++n)
    baci += "2020,156,842," + std::to_string(610900 + n) + "," + std::to_string(1000 * n) + ",\n";
  std::ofstream(dir / "BACI_HS17_Y2020_V202401.csv") << baci;
  std::ofstream(dir / "scenario.toml") << kScenario;
  const CliRun table = RunCli({"scenario", dir.string()});
  const CliRun json = RunCli({"scenario", dir.string(), "--format", "json"});
  std::filesystem::remove_all(dir);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  // The by-product table: "5 more", 15.0 million exported and at risk, 15 / 630 of exports (1 + ... + 35 = 630):
  // 2.38% (an exposure share takes two decimals, docs/FORMATS.md).
  EXPECT_THAT(table.out, ::testing::ContainsRegex("5 more +15\\.0 +15\\.0 +2\\.38%"));
  EXPECT_THAT(table.out, ::testing::Not(HasSubstr("610901 ")));  // the smallest product is in the rest
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["exposure"]["by_product"].size(), 35u);
}

}  // namespace
}  // namespace tradeshock::testing
