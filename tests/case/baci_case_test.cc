// Scenarios on tables of exports only: a BACI case folder (its country_codes_V*.csv is the code list, not
// data), imports derived from mirror exports, and the fall-back on exports when imports are not derived.
// Every expected number is worked out by hand from the rows below.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "reference/reference_fixture.h"
#include "temp_dir.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/result_json.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

// BACI country codes: 156 China, 276 Germany, 842 United States (BACI's code for the US, not ISO's 840).
constexpr char kCodes[] =
    "country_code,country_name,country_iso2,country_iso3\n"
    "156,China,CN,CHN\n"
    "276,Germany,DE,DEU\n"
    "842,USA,US,USA\n";
// An older release's list beside it, without Germany: if it were used, row 1 (i = 276) would be an unknown
// code, so a passing load proves the newer list was taken.
constexpr char kOldCodes[] =
    "country_code,country_name,country_iso2,country_iso3\n"
    "156,China,CN,CHN\n"
    "842,USA,US,USA\n";

// v in thousand USD. Rows sorted by i, j, k as in a release:
//   CHN -> DEU 300; CHN -> USA 500 (610910) + 200 (847130); DEU -> CHN 400; USA -> CHN 100; USA -> DEU 50.
constexpr char kBaci[] =
    "t,i,j,k,v,q\n"
    "2020,156,276,610910,300,1.0\n"
    "2020,156,842,610910,500,2.0\n"
    "2020,156,842,847130,200,\n"
    "2020,276,156,870323,400,3.0\n"
    "2020,842,156,120190,100,4.0\n"
    "2020,842,276,847130,50,\n";

constexpr char kScenario[] =
    "title = \"US ban on all imports from China\"\n"
    "[[policy]]\n"
    "kind = \"ban\"\n"
    "imposed_by = \"USA\"\n"
    "on = \"CHN\"\n"
    "products = \"all\"\n"
    "from = 2021-01-01\n";

void WriteBaciCase(const TempDir& dir) {
  dir.Write("country_codes_V202401.csv", kCodes);
  dir.Write("country_codes_V202301.csv", kOldCodes);
  dir.Write("BACI_HS17_Y2020_V202401.csv", kBaci);
  dir.Write("scenario.toml", kScenario);
}

double ShareOf(const ShareResult& shares, const std::string& partner) {
  for (const ShareItem& item : shares.items) {
    if (item.partner == partner) return item.share;
  }
  return -1.0;
}

bool HasNote(const std::vector<std::string>& notes, const std::string& text) {
  return std::any_of(notes.begin(), notes.end(),
                     [&](const std::string& note) { return note.find(text) != std::string::npos; });
}

TEST(BaciCaseTest, CodeListIsNotDataAndTheNewestReleaseWins) {
  TempDir dir;
  WriteBaciCase(dir);
  const CaseFiles files = FindCaseFiles(dir.path());
  ASSERT_EQ(files.data.size(), 1u);
  EXPECT_EQ(files.data.front().filename(), "BACI_HS17_Y2020_V202401.csv");
  ASSERT_TRUE(files.baci_codes.has_value());
  EXPECT_EQ(files.baci_codes->filename(), "country_codes_V202401.csv");
}

TEST(BaciCaseTest, CodeListAloneIsNoData) {
  TempDir dir;
  dir.Write("country_codes_V202401.csv", kCodes);
  try {
    FindCaseFiles(dir.path());
    FAIL() << "expected Error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("holds no data file"));
  }
}

TEST(BaciCaseTest, TotalTradeFromMirrorImports) {
  TempDir dir;
  WriteBaciCase(dir);
  const Case c = LoadCase(dir.path(), RepoReference());
  // Imports derived for the economies the scenario names, CHN and USA: CHN's from DEU and USA (rows 4, 5 of
  // the file), USA's from CHN (rows 2, 3): 4 rows after the 6 read. DEU's imports are not needed.
  ASSERT_TRUE(c.mirror_rows_begin.has_value());
  EXPECT_EQ(*c.mirror_rows_begin, 6u);
  EXPECT_EQ(c.table.size(), 10u);
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_THAT(c.notes.front(), HasSubstr("BACI records each flow once"));
  EXPECT_THAT(c.notes.front(), HasSubstr("4 rows of the imports of CHN, USA"));
  EXPECT_THAT(c.notes.front(), HasSubstr("FOB, not CIF"));

  const CaseAnalysis analysis = AnalyseCase(c, RepoReference());
  EXPECT_EQ(analysis.partner_flow, Flow::kTrade);
  EXPECT_EQ(analysis.base_period, Period::Year(2020));
  // CHN exports 300 + 500 + 200 = 1000 thousand USD; imports 400 + 100 = 500; trade 1,500,000 USD.
  const ExposureResult& exposure = analysis.exposure;
  ASSERT_TRUE(exposure.exports_total.has_value());
  ASSERT_TRUE(exposure.trade_total.has_value());
  EXPECT_DOUBLE_EQ(exposure.exports_total->value, 1'000'000.0);
  EXPECT_DOUBLE_EQ(exposure.trade_total->value, 1'500'000.0);
  // At risk: CHN -> USA, 500 + 200 = 700 thousand; of exports 0.7, of trade 700 / 1500 = 0.466667.
  EXPECT_DOUBLE_EQ(exposure.at_risk, 700'000.0);
  ASSERT_TRUE(exposure.share_of_exports.has_value());
  ASSERT_TRUE(exposure.share_of_trade.has_value());
  EXPECT_DOUBLE_EQ(*exposure.share_of_exports, 0.7);
  EXPECT_NEAR(*exposure.share_of_trade, 700.0 / 1500.0, 1e-12);
  // By product: 610910 500, 847130 200.
  ASSERT_EQ(exposure.by_product.size(), 2u);
  EXPECT_EQ(exposure.by_product[0].code, "610910");
  EXPECT_DOUBLE_EQ(exposure.by_product[0].at_risk, 500'000.0);
  EXPECT_EQ(exposure.by_product[1].code, "847130");
  EXPECT_DOUBLE_EQ(exposure.by_product[1].at_risk, 200'000.0);

  // Partners of CHN's trade: USA 700 + 100 = 800 / 1500 = 0.533333; DEU 300 + 400 = 700 / 1500 = 0.466667.
  // HHI = 0.533333^2 + 0.466667^2 = 0.284444 + 0.217778 = 0.502222.
  EXPECT_NEAR(ShareOf(analysis.partner_shares, "USA"), 800.0 / 1500.0, 1e-12);
  EXPECT_NEAR(ShareOf(analysis.partner_shares, "DEU"), 700.0 / 1500.0, 1e-12);
  EXPECT_EQ(analysis.largest_partner.partner, "USA");
  EXPECT_NEAR(analysis.partner_concentration.hhi, 0.502222, 1e-6);
  // Concentration of trade after the ban: USA keeps its 100 of imports, DEU 700; total 800:
  // (100/800)^2 + (700/800)^2 = 0.015625 + 0.765625 = 0.78125.
  const auto trade = std::find_if(exposure.concentration.begin(), exposure.concentration.end(),
                                  [](const ConcentrationChange& change) { return change.flow == Flow::kTrade; });
  ASSERT_NE(trade, exposure.concentration.end());
  EXPECT_NEAR(trade->after.hhi, 0.78125, 1e-12);
  // The derivation is stated with the results, first.
  ASSERT_FALSE(analysis.notes.empty());
  EXPECT_THAT(analysis.notes.front(), HasSubstr("imports derived from mirror flows"));
  EXPECT_TRUE(HasNote(analysis.notes, "the data itemise every flow, so the sum is the total"));
}

TEST(BaciCaseTest, WithoutMirrorImportsTheExposureIsOnExports) {
  TempDir dir;
  WriteBaciCase(dir);
  const Case c = LoadCase(dir.path(), RepoReference(), {}, MirrorImports::kOff);
  EXPECT_FALSE(c.mirror_rows_begin.has_value());
  EXPECT_EQ(c.table.size(), 6u);
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference());
  EXPECT_EQ(analysis.partner_flow, Flow::kExports);
  EXPECT_EQ(analysis.base_period, Period::Year(2020));
  // Partners of CHN's exports: USA 700 / 1000 = 0.7, DEU 300 / 1000 = 0.3; HHI 0.49 + 0.09 = 0.58.
  EXPECT_DOUBLE_EQ(ShareOf(analysis.partner_shares, "USA"), 0.7);
  EXPECT_DOUBLE_EQ(ShareOf(analysis.partner_shares, "DEU"), 0.3);
  EXPECT_NEAR(analysis.partner_concentration.hhi, 0.58, 1e-12);
  EXPECT_DOUBLE_EQ(analysis.exposure.at_risk, 700'000.0);
  ASSERT_TRUE(analysis.exposure.share_of_exports.has_value());
  EXPECT_DOUBLE_EQ(*analysis.exposure.share_of_exports, 0.7);
  // Never a made-up share of total trade, and the user is told why.
  EXPECT_FALSE(analysis.exposure.share_of_trade.has_value());
  EXPECT_TRUE(HasNote(analysis.notes, "with CHN's exports in the data"));
  EXPECT_TRUE(HasNote(analysis.notes, "CHN's total trade in 2020 is not in the data"));
  EXPECT_TRUE(HasNote(analysis.notes, "no share of total trade is given"));

  const nlohmann::json json = CaseAnalysisToJson(analysis, c.table);
  EXPECT_EQ(json["partner_flow"], "exports");
  EXPECT_TRUE(json["exposure"]["share_of_trade"].is_null());
}

// A group imposing the policy: its members' imports are derived (DEU for EU27), and the exposure is
// CHN -> DEU, 300 thousand USD, of CHN's trade 1000 + 500 = 1500: 0.2.
TEST(BaciCaseTest, GroupMembersGetTheirImports) {
  TempDir dir;
  WriteBaciCase(dir);
  dir.Write("scenario.toml",
            "[[policy]]\nkind = \"ban\"\nimposed_by = \"EU27\"\non = \"CHN\"\nproducts = \"all\"\n"
            "from = 2021-01-01\n");
  Case c = LoadCase(dir.path(), RepoReference());
  // CHN's imports from DEU and USA, DEU's from CHN and USA: 4 rows after the 6 read.
  ASSERT_TRUE(c.mirror_rows_begin.has_value());
  EXPECT_EQ(c.table.size(), 10u);
  EXPECT_THAT(c.notes.front(), HasSubstr("4 rows of the imports of CHN, EU27"));
  EXPECT_FALSE(AddMirrorImports(c, RepoReference(), MirrorImports::kOn));  // once only
  EXPECT_EQ(c.table.size(), 10u);
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference());
  EXPECT_DOUBLE_EQ(analysis.exposure.at_risk, 300'000.0);
  ASSERT_TRUE(analysis.exposure.share_of_trade.has_value());
  EXPECT_NEAR(*analysis.exposure.share_of_trade, 0.2, 1e-12);
}

// A base period given by the user, with exports only: the exports basis is chosen for that period too.
TEST(BaciCaseTest, GivenBasePeriodWithoutImportsIsOnExports) {
  TempDir dir;
  WriteBaciCase(dir);
  const Case c = LoadCase(dir.path(), RepoReference(), {}, MirrorImports::kOff);
  CaseAnalysisOptions options;
  options.base_period = Period::Year(2020);
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference(), options);
  EXPECT_EQ(analysis.partner_flow, Flow::kExports);
  EXPECT_DOUBLE_EQ(analysis.partner_shares.total.value, 1'000'000.0);  // 300 + 500 + 200 thousand
  EXPECT_TRUE(HasNote(analysis.notes, "CHN's total trade in 2020 is not in the data"));
}

TEST(BaciCaseTest, NoYearOfTradeOrExportsIsAnError) {
  TempDir dir;
  WriteBaciCase(dir);
  // A policy on KAZ, which has no row at all.
  dir.Write("scenario.toml",
            "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"KAZ\"\nproducts = \"all\"\nfrom = 2021-01-01\n");
  const Case c = LoadCase(dir.path(), RepoReference(), {}, MirrorImports::kOff);
  try {
    AnalyseCase(c, RepoReference());
    FAIL() << "expected Error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(),
                 "no year before 2021-01-01 (the first policy's start) with KAZ's total trade or exports in the data; "
                 "give the base period");
  }
}

TEST(BaciCaseTest, MirrorRowsSwapReporterAndPartnerAndAreGroupedByReporter) {
  TempDir dir;
  WriteBaciCase(dir);
  const Case c = LoadCase(dir.path(), RepoReference(), {}, MirrorImports::kOff);
  const TradeTable mirrored = WithMirrorImports(c.table, RepoReference());  // every economy's imports
  ASSERT_EQ(mirrored.size(), 12u);
  const auto code = [&](EconomyIdx id) { return mirrored.economies()[id]; };
  // The read rows are unchanged, in order.
  for (std::size_t row = 0; row < 6; ++row) {
    EXPECT_EQ(code(mirrored.reporter()[row]), c.table.economies()[c.table.reporter()[row]]);
    EXPECT_EQ(mirrored.value()[row], c.table.value()[row]);
    EXPECT_EQ(mirrored.flow()[row], Flow::kExports);
  }
  // The derived rows: (reporter, partner, value in thousand USD) of every exports row, swapped.
  std::multiset<std::tuple<std::string, std::string, double>> derived;
  std::vector<std::string> reporters;
  for (std::size_t row = 6; row < 12; ++row) {
    EXPECT_EQ(mirrored.flow()[row], Flow::kImports);
    derived.insert({code(mirrored.reporter()[row]), code(mirrored.partner()[row]), mirrored.value()[row] / 1000.0});
    if (reporters.empty() || reporters.back() != code(mirrored.reporter()[row])) {
      reporters.push_back(code(mirrored.reporter()[row]));
    }
  }
  const std::multiset<std::tuple<std::string, std::string, double>> expected = {
      {"DEU", "CHN", 300.0}, {"USA", "CHN", 500.0}, {"USA", "CHN", 200.0},
      {"CHN", "DEU", 400.0}, {"CHN", "USA", 100.0}, {"DEU", "USA", 50.0}};
  EXPECT_EQ(derived, expected);
  // One run per reporter: CHN, DEU and USA each appear once in the sequence of reporters.
  EXPECT_EQ(std::set<std::string>(reporters.begin(), reporters.end()).size(), reporters.size());
  EXPECT_EQ(reporters.size(), 3u);
  // The quantity travels with the value: DEU <- CHN has row 1's 1.0 tonne.
  for (std::size_t row = 6; row < 12; ++row) {
    if (code(mirrored.reporter()[row]) == "DEU" && code(mirrored.partner()[row]) == "CHN") {
      EXPECT_FLOAT_EQ(mirrored.quantity()[row], 1.0f);
    }
  }
}

TEST(BaciCaseTest, TablesWithImportsAreNotMirrored) {
  TempDir dir;
  dir.Write("flows.csv",
            "reporter,partner,flow,product,period,value,currency,unit\n"
            "CHN,USA,exports,TOTAL,2020,7,USD,\n"
            "CHN,USA,imports,TOTAL,2020,1,USD,\n");
  dir.Write("scenario.toml", kScenario);
  Case c = LoadCase(dir.path(), RepoReference(), {}, MirrorImports::kOff);
  EXPECT_FALSE(AddMirrorImports(c, RepoReference(), MirrorImports::kOn));
  EXPECT_EQ(c.table.size(), 2u);
  try {
    WithMirrorImports(c.table, RepoReference());
    FAIL() << "expected Error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("only for a table of exports"));
  }
}

// Long CSV of exports only: not BACI, so auto derives nothing (the exposure falls back on exports); `on`
// derives the imports with the caveats of mirror statistics.
TEST(BaciCaseTest, ExportsOnlyLongCsvMirrorsOnlyWhenAsked) {
  TempDir dir;
  dir.Write("flows.csv",
            "reporter,partner,flow,product,period,value,currency,unit\n"
            "CHN,USA,exports,TOTAL,2020,7,USD,\n"
            "CHN,DEU,exports,TOTAL,2020,3,USD,\n"
            "USA,CHN,exports,TOTAL,2020,2,USD,\n");
  dir.Write("scenario.toml", kScenario);
  const Case automatic = LoadCase(dir.path(), RepoReference());
  EXPECT_FALSE(automatic.mirror_rows_begin.has_value());
  EXPECT_EQ(AnalyseCase(automatic, RepoReference()).partner_flow, Flow::kExports);

  const Case on = LoadCase(dir.path(), RepoReference(), {}, MirrorImports::kOn);
  ASSERT_TRUE(on.mirror_rows_begin.has_value());
  ASSERT_EQ(on.notes.size(), 1u);
  EXPECT_THAT(on.notes.front(), HasSubstr("importers' own figures may differ"));
  const CaseAnalysis analysis = AnalyseCase(on, RepoReference());
  EXPECT_EQ(analysis.partner_flow, Flow::kTrade);
  // CHN trade: exports 7 + 3 = 10, imports (USA's exports to CHN) 2: 12; partners USA 9/12 = 0.75, DEU 0.25.
  EXPECT_DOUBLE_EQ(analysis.partner_shares.total.value, 12.0);
  EXPECT_DOUBLE_EQ(ShareOf(analysis.partner_shares, "USA"), 0.75);
  EXPECT_DOUBLE_EQ(ShareOf(analysis.partner_shares, "DEU"), 0.25);
}

// A total over many rows goes into JSON as runs of consecutive row indices, not as a list of every row.
TEST(BaciCaseTest, LongRowListsAreRunsInJson) {
  TempDir dir;
  dir.Write("country_codes_V202401.csv", kCodes);
  std::string baci = "t,i,j,k,v,q\n";
  // 25 products of CHN -> USA (rows 0..24), 1 thousand USD each; then USA -> CHN 5.
  for (int k = 0; k < 25; ++k) baci += fmt::format("2020,156,842,{},1,\n", 610910 + k);
  baci += "2020,842,156,120190,5,\n";
  dir.Write("BACI_HS17_Y2020_V202401.csv", baci);
  dir.Write("scenario.toml", kScenario);
  const Case c = LoadCase(dir.path(), RepoReference());
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference());
  const nlohmann::json json = CaseAnalysisToJson(analysis, c.table);
  // CHN's exports: rows 0..24, one run, 25 thousand USD.
  const nlohmann::json& exports = json["exposure"]["exports_total"];
  EXPECT_DOUBLE_EQ(exports["value"].get<double>(), 25'000.0);
  ASSERT_EQ(exports["rows"].size(), 1u);
  EXPECT_EQ(exports["rows"][0]["first"], 0);
  EXPECT_EQ(exports["rows"][0]["last"], 24);
}

}  // namespace
}  // namespace tradeshock::testing
