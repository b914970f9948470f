// Case folders: finding and loading their files, AnalyseCase on a small hand-made case, the nowcast as a
// projection source for the claims checker, and the JSON forms with their provenance.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "reference/reference_fixture.h"
#include "temp_dir.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/nowcast_projection.h"
#include "tradeshock/result_json.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The hand-made case, all in USD so that no rate enters the arithmetic.
//   2020 trade of CHN: world 1000 = KAZ 500 + USA 300 + RUS 200.
//   2020 exports of CHN: world 600, of which HS 61: 150, HS 84: 300; to the USA 240.
//   2019 exports to the USA 200; January-March 2021 exports to the USA 60.
constexpr char kFlows[] =
    "reporter,partner,flow,product,period,value,currency,unit,source\n"
    "CHN,WLD,trade,TOTAL,2020,1000,USD,unit,total trade row\n"
    "CHN,KAZ,trade,TOTAL,2020,500,USD,unit,KAZ row\n"
    "CHN,USA,trade,TOTAL,2020,300,USD,unit,USA trade row\n"
    "CHN,RUS,trade,TOTAL,2020,200,USD,unit,RUS row\n"
    "CHN,WLD,exports,TOTAL,2020,600,USD,unit,total exports row\n"
    "CHN,WLD,exports,61,2020,150,USD,unit,clothing row\n"
    "CHN,WLD,exports,84,2020,300,USD,unit,machinery row\n"
    "CHN,USA,exports,TOTAL,2020,240,USD,unit,US exports 2020 row\n"
    "CHN,USA,exports,TOTAL,2019,200,USD,unit,US exports 2019 row\n"
    "CHN,USA,exports,TOTAL,2021-01..2021-03,60,USD,unit,US exports Jan-Mar 2021 row\n";

constexpr char kScenario[] =
    "title = \"US ban on CHN\"\n"
    "[[policy]]\n"
    "name = \"ban\"\n"
    "kind = \"ban\"\n"
    "imposed_by = \"USA\"\n"
    "on = \"CHN\"\n"
    "products = \"all\"\n"
    "from = 2021-07-01\n"
    "[nowcast]\n"
    "target = { reporter = \"CHN\", partner = \"USA\", flow = \"exports\", period = \"2021-01..2021-03\" }\n";

constexpr char kClaims[] =
    "[[claim]]\n"
    "id = \"cap\"\n"
    "text = \"exports to the US will not exceed 150 dollars\"\n"
    "metric = \"projected_value\"\n"
    "reporter = \"CHN\"\n"
    "partner = \"USA\"\n"
    "flow = \"exports\"\n"
    "period = \"2021\"\n"
    "comparison = \"not_more_than\"\n"
    "stated = \"150 USD\"\n"
    "\n"
    "[[claim]]\n"
    "id = \"floor\"\n"
    "text = \"exports to the US will be more than 200 dollars\"\n"
    "metric = \"projected_value\"\n"
    "reporter = \"CHN\"\n"
    "partner = \"USA\"\n"
    "flow = \"exports\"\n"
    "period = \"2021\"\n"
    "comparison = \"more_than\"\n"
    "stated = \"200 USD\"\n";

void WriteSmallCase(const TempDir& dir) {
  dir.Write("flows.csv", kFlows);
  dir.Write("scenario.toml", kScenario);
  dir.Write("claims.toml", kClaims);
}

TEST(CaseFilesTest, MissingFolderIsNamed) {
  const auto missing = std::filesystem::temp_directory_path() / "tradeshock-no-such-case-folder";
  try {
    FindCaseFiles(missing);
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()), "case folder '" + missing.string() + "' does not exist");
  }
}

TEST(CaseFilesTest, FolderWithoutCsvIsAnError) {
  TempDir dir;
  dir.Write("scenario.toml", kScenario);
  dir.Write("README.md", "no data here\n");
  try {
    FindCaseFiles(dir.path());
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("holds no data file: expected at least one *.csv"));
    EXPECT_THAT(error.what(), HasSubstr(dir.path().string()));
  }
}

TEST(CaseFilesTest, FindsDataInNameOrderAndOptionalFiles) {
  TempDir dir;
  dir.Write("b.csv", kFlows);
  dir.Write("a.csv", kFlows);
  dir.Write("scenario.toml", kScenario);
  const CaseFiles files = FindCaseFiles(dir.path());
  ASSERT_EQ(files.data.size(), 2u);
  EXPECT_EQ(files.data[0].filename(), "a.csv");
  EXPECT_EQ(files.data[1].filename(), "b.csv");
  ASSERT_TRUE(files.scenario.has_value());
  EXPECT_EQ(files.scenario->filename(), "scenario.toml");
  EXPECT_FALSE(files.claims.has_value());
}

// A sources.csv of links beside the data names no trade column: left out with a note. One whose header has a
// trade column misspelt beside real ones ("partnr" with "reporter") is read, so its fault is located.
TEST(CaseFilesTest, ACsvThatIsNotTradeDataIsLeftOutWithANote) {
  TempDir dir;
  dir.Write("flows.csv", kFlows);
  dir.Write("sources.csv", "outlet,url\nReuters,https://example.org/a\n");
  const Case c = LoadCase(dir.path(), RepoReference());
  ASSERT_EQ(c.files.data.size(), 1u);
  EXPECT_EQ(c.files.data[0].filename(), "flows.csv");
  EXPECT_THAT(c.notes, ::testing::Contains(HasSubstr("sources.csv: not read, its header names no trade column")));
  dir.Write("typo.csv",
            "reporter,partnr,flow,product,period,value,currency,unit\nCHN,USA,exports,TOTAL,2020,1,USD,unit\n");
  try {
    LoadCase(dir.path(), RepoReference());
    FAIL() << "expected an InputException";
  } catch (const InputException& error) {
    EXPECT_THAT(error.error().Message(), HasSubstr("typo.csv"));
    EXPECT_EQ(error.error().kind, InputErrorKind::kBadHeader);
  }
}

TEST(CaseFilesTest, BadScenarioIsLocatedByLine) {
  TempDir dir;
  dir.Write("flows.csv", kFlows);
  // Line 5 holds the impossible share.
  dir.Write("scenario.toml",
            "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nshare_stopped = 1.5\n"
            "products = \"all\"\nfrom = 2021-07-01\n");
  try {
    LoadCase(dir.path(), RepoReference());
    FAIL() << "expected an InputException";
  } catch (const InputException& error) {
    EXPECT_EQ(error.error().line, 5u);
    EXPECT_THAT(error.error().Message(), HasSubstr("scenario.toml:5:"));
    EXPECT_THAT(error.error().Message(), HasSubstr("share_stopped"));
  }
}

// LoadCaseFrom, the one loader behind `tradeshock scenario`, Python's scenario() and `tradeshock serve`: a folder,
// loose files with a scenario file, or a table read before give the same table and scenario.
TEST(CaseSourceTest, FolderFilesAndTableGiveTheSameCase) {
  TempDir dir;
  WriteSmallCase(dir);
  CaseSource folder;
  folder.paths = {dir.path().string()};
  const Case from_folder = LoadCaseFrom(folder, RepoReference());
  ASSERT_TRUE(from_folder.scenario.has_value());
  ASSERT_TRUE(from_folder.claims.has_value());
  EXPECT_EQ(from_folder.table.size(), 10u);

  CaseSource files;
  files.paths = {(dir.path() / "flows.csv").string()};
  files.scenario = (dir.path() / "scenario.toml").string();
  const Case from_files = LoadCaseFrom(files, RepoReference());
  EXPECT_EQ(from_files.table.size(), from_folder.table.size());
  ASSERT_EQ(from_files.files.data.size(), 1u);
  EXPECT_EQ(from_files.files.dir, dir.path());
  ASSERT_TRUE(from_files.scenario.has_value());
  EXPECT_EQ(from_files.scenario->policies.size(), from_folder.scenario->policies.size());
  EXPECT_FALSE(from_files.claims.has_value());  // loose files have no claims.toml of their own
  ASSERT_EQ(from_files.read.size(), 1u);

  CaseSource table;
  table.table = &from_files.table;
  table.scenario = files.scenario;
  table.claims = (dir.path() / "claims.toml").string();
  const Case from_table = LoadCaseFrom(table, RepoReference());
  EXPECT_EQ(from_table.table.size(), from_folder.table.size());
  ASSERT_EQ(from_table.files.data.size(), 1u);
  EXPECT_EQ(from_table.files.data[0], dir.path() / "flows.csv");
  ASSERT_TRUE(from_table.claims.has_value());
  EXPECT_EQ(from_table.claims->claims.size(), from_folder.claims->claims.size());
}

TEST(CaseSourceTest, AFolderAmongFilesIsNamed) {
  TempDir dir;
  WriteSmallCase(dir);
  CaseSource source;
  source.paths = {(dir.path() / "flows.csv").string(), dir.path().string()};
  try {
    LoadCaseFrom(source, RepoReference());
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "'" + dir.path().string() + "' is a folder: give one case folder, or trade files");
  }
}

TEST(CaseAnalysisTest, SmallCaseByHand) {
  TempDir dir;
  WriteSmallCase(dir);
  const Case c = LoadCase(dir.path(), RepoReference());
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference());

  EXPECT_EQ(analysis.title, "US ban on CHN");
  EXPECT_EQ(analysis.exporter, "CHN");
  EXPECT_EQ(analysis.currency, "USD");
  // The policy starts 2021-07-01; the last earlier year with CHN's total trade is 2020.
  EXPECT_EQ(analysis.base_period, Period::Year(2020));
  ASSERT_EQ(analysis.input_files.size(), 1u);
  EXPECT_EQ(analysis.input_files[0], dir.path().filename().string() + "/flows.csv");

  // Partner shares of trade: KAZ 500/1000 = 0.5, USA 300/1000 = 0.3, RUS 200/1000 = 0.2.
  ASSERT_EQ(analysis.partner_shares.items.size(), 3u);
  EXPECT_EQ(analysis.partner_shares.items[0].partner, "KAZ");
  EXPECT_DOUBLE_EQ(analysis.partner_shares.items[0].share, 0.5);
  EXPECT_DOUBLE_EQ(analysis.partner_shares.items[1].share, 0.3);
  EXPECT_DOUBLE_EQ(analysis.partner_shares.items[2].share, 0.2);
  // HHI = 0.5^2 + 0.3^2 + 0.2^2 = 0.25 + 0.09 + 0.04 = 0.38.
  EXPECT_NEAR(analysis.partner_concentration.hhi, 0.38, 1e-12);
  EXPECT_EQ(analysis.largest_partner.partner, "KAZ");
  EXPECT_DOUBLE_EQ(analysis.largest_partner.share, 0.5);

  // Products of exports, of the real total 600: HS 84 300/600 = 0.5, HS 61 150/600 = 0.25, rest 150.
  ASSERT_TRUE(analysis.product_shares.has_value());
  EXPECT_FALSE(analysis.product_values.has_value());
  ASSERT_EQ(analysis.product_shares->items.size(), 2u);
  EXPECT_EQ(analysis.product_shares->items[0].product, "84");
  EXPECT_DOUBLE_EQ(analysis.product_shares->items[0].share, 0.5);
  EXPECT_DOUBLE_EQ(analysis.product_shares->items[1].share, 0.25);

  // At risk: all exports to the US in 2020 = 240; of exports 240/600 = 0.4; of trade 240/1000 = 0.24;
  // a year earlier (2019) 200.
  EXPECT_DOUBLE_EQ(analysis.exposure.at_risk, 240.0);
  ASSERT_TRUE(analysis.exposure.share_of_exports.has_value());
  EXPECT_DOUBLE_EQ(*analysis.exposure.share_of_exports, 0.4);
  EXPECT_DOUBLE_EQ(*analysis.exposure.share_of_trade, 0.24);
  ASSERT_TRUE(analysis.exposure.year_earlier_value.has_value());
  EXPECT_DOUBLE_EQ(*analysis.exposure.year_earlier_value, 200.0);

  // Nowcast: no earlier monthly data, so the uniform profile C(3) = 3/12 = 0.25. Without the ban the year is
  // 60 / 0.25 = 240. With it, April-June add 240 x 1/12 = 20 each and July-December nothing:
  // 60 + 3 x 20 = 120. Against 2020's 240: 240/240 - 1 = 0 and 120/240 - 1 = -0.5.
  ASSERT_TRUE(analysis.nowcast.has_value());
  EXPECT_NEAR(analysis.nowcast->without_policy.central.full_year, 240.0, 1e-9);
  EXPECT_NEAR(analysis.nowcast->with_policy.central.full_year, 120.0, 1e-9);
  ASSERT_TRUE(analysis.nowcast->with_policy.yoy_central.has_value());
  EXPECT_NEAR(*analysis.nowcast->without_policy.yoy_central, 0.0, 1e-12);
  EXPECT_NEAR(*analysis.nowcast->with_policy.yoy_central, -0.5, 1e-12);

  // Claims: the projection 120 is not more than 150 (supported) and not more than 200 (contradicted).
  ASSERT_TRUE(analysis.claims.has_value());
  ASSERT_EQ(analysis.claims->results.size(), 2u);
  EXPECT_EQ(analysis.claims->results[0].status, ClaimStatus::kSupported);
  EXPECT_EQ(analysis.claims->results[1].status, ClaimStatus::kContradicted);
  ASSERT_TRUE(analysis.claims->results[0].computed.has_value());
  EXPECT_NEAR(*analysis.claims->results[0].computed, 120.0, 1e-9);
  // Everything is in USD: no conversion at all.
  EXPECT_TRUE(analysis.rates.empty());
}

TEST(CaseAnalysisTest, CheckClaimsFalseLeavesTheClaimsOut) {
  TempDir dir;
  WriteSmallCase(dir);
  const Case c = LoadCase(dir.path(), RepoReference());
  CaseAnalysisOptions options = CaseAnalysisOptions::Defaults();
  EXPECT_TRUE(options.check_claims);
  options.check_claims = false;
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference(), options);
  EXPECT_FALSE(analysis.claims.has_value());
  // The rest is as with the claims: 240 at risk (SmallCaseByHand).
  EXPECT_DOUBLE_EQ(analysis.exposure.at_risk, 240.0);
}

TEST(CaseAnalysisTest, OptionsNameTheBadCurrency) {
  // The library checks the currency (not only the command line): an unknown code and a code not in capitals
  // are refused with the option's name, before any analysis.
  TempDir dir;
  WriteSmallCase(dir);
  const Case c = LoadCase(dir.path(), RepoReference());
  for (const std::string currency : {"XYZ", "usd"}) {
    CaseAnalysisOptions options = CaseAnalysisOptions::Defaults();
    options.currency = currency;
    EXPECT_THROW(
        {
          try {
            AnalyseCase(c, RepoReference(), options);
          } catch (const Error& error) {
            EXPECT_THAT(error.what(), HasSubstr("currency: unknown currency '" + currency + "'"));
            throw;
          }
        },
        Error);
  }
  EXPECT_NO_THROW(CaseAnalysisOptions::Defaults().Validate(RepoReference()));
}

// Values in a currency the H.10 series does not cover (Zambian kwacha): the analysis says the rate is missing,
// not that a base period should be given (which would fail the same way).
TEST(CaseAnalysisTest, AMissingRateIsNamedNotTheBasePeriod) {
  TempDir dir;
  dir.Write("flows.csv",
            "reporter,partner,flow,product,period,value,currency,unit\n"
            "ZMB,WLD,exports,TOTAL,2020,100,ZMW,million\nZMB,CHN,exports,TOTAL,2020,40,ZMW,million\n");
  dir.Write("scenario.toml",
            "[[policy]]\nkind = \"ban\"\nimposed_by = \"CHN\"\non = \"ZMB\"\nproducts = \"all\"\n"
            "from = 2021-03-01\n");
  const Case c = LoadCase(dir.path(), RepoReference());
  try {
    AnalyseCase(c, RepoReference());
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("no FX rate for ZMW in 2020"));
    EXPECT_THAT(error.what(), Not(HasSubstr("give the base period")));
  }
}

TEST(CaseAnalysisTest, NoScenarioIsAnError) {
  TempDir dir;
  dir.Write("flows.csv", kFlows);
  const Case c = LoadCase(dir.path(), RepoReference());
  EXPECT_THROW(
      {
        try {
          AnalyseCase(c, RepoReference());
        } catch (const Error& error) {
          EXPECT_THAT(error.what(), HasSubstr("has no scenario"));
          throw;
        }
      },
      Error);
}

TEST(CaseAnalysisTest, PartnersOfExportsWhenTradeHasNoPartnerRows) {
  // Total trade is known (exports 494 + imports 294 to the world = 788) but partners are given only for
  // exports: DEU 190, CHN 68 of 494. The partner shares are then of exports: DEU 190/494 = 38.46%,
  // CHN 68/494 = 13.77%, the rest 236/494; the exposure's share of trade stays 190/788 for an EU27 ban (DEU is a
  // member) on everything. Before this was handled the analysis stopped with "no partner of RUS trade".
  TempDir dir;
  dir.Write("flows.csv",
            "reporter,partner,flow,product,period,value,currency,unit\n"
            "RUS,WLD,exports,TOTAL,2021,494,USD,unit\n"
            "RUS,DEU,exports,TOTAL,2021,190,USD,unit\n"
            "RUS,CHN,exports,TOTAL,2021,68,USD,unit\n"
            "RUS,WLD,imports,TOTAL,2021,294,USD,unit\n");
  dir.Write("scenario.toml",
            "[[policy]]\nkind = \"ban\"\nimposed_by = \"EU27\"\non = \"RUS\"\nproducts = \"all\"\nfrom = 2022-08-10\n");
  const Case c = LoadCase(dir.path(), RepoReference());
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference());
  EXPECT_EQ(analysis.partner_flow, Flow::kExports);
  ASSERT_GE(analysis.partner_shares.items.size(), 2u);
  EXPECT_EQ(analysis.partner_shares.items[0].partner, "DEU");
  EXPECT_NEAR(analysis.partner_shares.items[0].share, 190.0 / 494.0, 1e-12);
  EXPECT_NEAR(analysis.partner_shares.items[1].share, 68.0 / 494.0, 1e-12);
  ASSERT_TRUE(analysis.exposure.share_of_trade.has_value());
  EXPECT_NEAR(*analysis.exposure.share_of_trade, 190.0 / 788.0, 1e-12);
  bool noted = false;
  for (const std::string& note : analysis.notes) noted = noted || note.find("partners only for exports") != note.npos;
  EXPECT_TRUE(noted);
}

TEST(CaseAnalysisTest, PartialPartnerTotalGivesNoProductShares) {
  // Exports are given only to the US (240) and by product to the world (150 + 300): the world total built
  // from the one partner row (240) is not a total of exports, so product shares (150/240 = 62.5% and
  // 300/240 = 125%) must not be computed; the values are kept without shares.
  TempDir dir;
  dir.Write("flows.csv",
            "reporter,partner,flow,product,period,value,currency,unit\n"
            "CHN,WLD,trade,TOTAL,2020,1000,USD,unit\n"
            "CHN,KAZ,trade,TOTAL,2020,500,USD,unit\n"
            "CHN,USA,exports,TOTAL,2020,240,USD,unit\n"
            "CHN,WLD,exports,61,2020,150,USD,unit\n"
            "CHN,WLD,exports,84,2020,300,USD,unit\n");
  dir.Write("scenario.toml",
            "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = \"all\"\nfrom = 2021-07-01\n");
  const Case c = LoadCase(dir.path(), RepoReference());
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference());
  EXPECT_FALSE(analysis.product_shares.has_value());
  ASSERT_TRUE(analysis.product_values.has_value());
  for (const ShareItem& item : analysis.product_values->items) EXPECT_EQ(item.share, 0.0);
  EXPECT_FALSE(analysis.exposure.share_of_exports.has_value());
  // Share of trade: 240 / 1000 = 0.24.
  EXPECT_DOUBLE_EQ(*analysis.exposure.share_of_trade, 0.24);
  bool noted = false;
  for (const std::string& note : analysis.notes) noted = noted || note.find("no total of its exports") != note.npos;
  EXPECT_TRUE(noted);
}

TEST(NowcastProjectionSourceTest, AnswersOnlyTheTargetsFullYear) {
  TempDir dir;
  WriteSmallCase(dir);
  const Case c = LoadCase(dir.path(), RepoReference());
  NowcastRequest request = MakeNowcastRequest(*c.scenario, *c.scenario->nowcast.target);
  NowcastProjectionSource source(c.table, RepoReference(), request);
  const IndicatorOptions usd{.currency = "USD"};

  Selection selection{"CHN", "USA", Flow::kExports, kTotalProduct, Period::Year(2021)};
  const auto projection = source.Project(selection, usd);
  ASSERT_TRUE(projection.has_value());
  // With the ban (see SmallCaseByHand): 120, of which April-June 60 projected. No back-test year: the wide
  // band, the projected months x/÷ 2: 60 + 30 = 90 .. 60 + 120 = 180.
  EXPECT_NEAR(projection->central, 120.0, 1e-9);
  EXPECT_NEAR(projection->low, 90.0, 1e-9);
  EXPECT_NEAR(projection->high, 180.0, 1e-9);
  EXPECT_EQ(projection->currency, "USD");
  EXPECT_FALSE(projection->assumptions.empty());
  // Codes as a user writes them resolve to the same economies.
  Selection by_name = selection;
  by_name.reporter = "CN";
  by_name.partner = "US";
  EXPECT_TRUE(source.Project(by_name, usd).has_value());

  Selection other = selection;
  other.period = Period::Year(2020);  // not the target's year
  EXPECT_FALSE(source.Project(other, usd).has_value());
  other = selection;
  other.period = Period::Range(2021, 1, 2021, 6);  // not a full year
  EXPECT_FALSE(source.Project(other, usd).has_value());
  other = selection;
  other.partner = "RUS";
  EXPECT_FALSE(source.Project(other, usd).has_value());
  other = selection;
  other.flow = Flow::kTrade;
  EXPECT_FALSE(source.Project(other, usd).has_value());
  other = selection;
  other.product = "61";
  EXPECT_FALSE(source.Project(other, usd).has_value());
}

TEST(CaseJsonTest, CarriesRowsWithSourcesAndRates) {
  TempDir dir;
  WriteSmallCase(dir);
  const Case c = LoadCase(dir.path(), RepoReference());
  const nlohmann::json json = CaseAnalysisToJson(AnalyseCase(c, RepoReference()), c.table);
  EXPECT_EQ(json["base_period"], "2020");
  EXPECT_EQ(json["exporter"], "CHN");
  const auto& total = json["partner_shares"]["total"];
  EXPECT_EQ(total["value"], 1000.0);
  EXPECT_EQ(total["currency"], "USD");
  ASSERT_EQ(total["rows"].size(), 1u);
  EXPECT_EQ(total["rows"][0]["index"], 0);  // the first data row of flows.csv
  EXPECT_EQ(total["rows"][0]["source"], "total trade row");
  EXPECT_EQ(json["exposure"]["at_risk"], 240.0);
  EXPECT_EQ(json["exposure"]["share_of_exports"], 0.4);
  EXPECT_EQ(json["nowcast"]["ytd"]["rows"][0]["source"], "US exports Jan-Mar 2021 row");
  EXPECT_EQ(json["claims"]["results"][0]["status"], std::string(ToString(ClaimStatus::kSupported)));
  EXPECT_TRUE(json["rates"].is_array());
}

TEST(CaseJsonTest, RatesOfAConversionAreListed) {
  // The same case in CNY: every CNY row is converted at the year's rate and the rate is listed.
  TempDir dir;
  dir.Write("flows.csv",
            "reporter,partner,flow,product,period,value,currency,unit\n"
            "CHN,WLD,trade,TOTAL,2020,1000,CNY,unit\n"
            "CHN,KAZ,trade,TOTAL,2020,500,CNY,unit\n"
            "CHN,USA,exports,TOTAL,2020,240,CNY,unit\n");
  dir.Write("scenario.toml",
            "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = \"all\"\nfrom = 2021-07-01\n");
  const Case c = LoadCase(dir.path(), RepoReference());
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference());
  const FxRate rate = RepoReference().PerUsd("CNY", Period::Year(2020));
  // 240 CNY / rate = the value at risk in USD.
  EXPECT_NEAR(analysis.exposure.at_risk, 240.0 / rate.per_usd, 1e-9);
  const nlohmann::json json = CaseAnalysisToJson(analysis, c.table);
  ASSERT_GE(json["rates"].size(), 1u);
  EXPECT_EQ(json["rates"][0]["currency"], "CNY");
  EXPECT_EQ(json["rates"][0]["period"], "2020");
  EXPECT_EQ(json["rates"][0]["per_usd"], rate.per_usd);
  EXPECT_EQ(json["rates"][0]["source"], rate.source);
}

}  // namespace
}  // namespace tradeshock::testing
