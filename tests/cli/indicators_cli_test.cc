// tradeshock indicators / lookup / inspect, run as a program on small fixtures (tests/cli/data) and on the
// seed case. Expected numbers are worked out by hand in the comments.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "cli/cli_runner.h"
#include "reference/reference_fixture.h"
#include "tradeshock/describe.h"
#include "tradeshock/io.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kPartners = RepoPath("tests/cli/data/partners.csv").string();
const std::string kMixed = RepoPath("tests/cli/data/mixed_currencies.csv").string();
const std::string kProducts = RepoPath("tests/cli/data/products.csv").string();
const std::string kSeed = RepoPath("data/cases/xinjiang-2021/flows.csv").string();

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

// partners.csv: CN-XJ trade 2020: WLD 200, KAZ 100, RUS 60, USA 40 (million USD); 2019: WLD 160, KAZ 80.
// Shares 100/200 = 50%, 60/200 = 30%, 40/200 = 20%; HHI 0.25 + 0.09 + 0.04 = 0.38;
// normalised (0.38 - 1/3) / (1 - 1/3) = 0.07; growth (200 - 160) / 160 = 25%, KAZ (100 - 80) / 80 = 25%.
const std::vector<std::string> kPartnerArgs{"indicators", kPartners, "--reporter", "CN-XJ",
                                            "--flow",     "trade",   "--period",   "2020"};

// kPartnerArgs with options added, or replaced when already there ({"--flow", "exports"}).
std::vector<std::string> With(std::vector<std::string> args, const std::vector<std::string>& more) {
  for (std::size_t i = 0; i < more.size(); ++i) {
    const auto found = std::find(args.begin(), args.end(), more[i]);
    if (more[i].starts_with("--") && found != args.end() && i + 1 < more.size()) {
      *(found + 1) = more[++i];
    } else {
      args.push_back(more[i]);
    }
  }
  return args;
}

TEST(IndicatorsCliTest, TableIsReadable) {
  const CliRun run = RunCli(kPartnerArgs);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("total: 200.0 million USD (1 row)"));
  // Values in million USD with one decimal, shares in % with one decimal, right-aligned: every item line ends
  // at the same column.
  const auto lines = SplitLines(run.out);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"KAZ", R"(^  KAZ +Kazakhstan +100\.0 +50\.0%$)"},
      {"RUS", R"(^  RUS +Russian Federation +60\.0 +30\.0%$)"},
      {"USA", R"(^  USA +United States +40\.0 +20\.0%$)"},
      {"total", R"(^ +total +200\.0 +100\.0%$)"}};
  std::vector<std::size_t> line_lengths;
  for (const auto& [code, pattern] : expected) {
    const std::regex wanted(pattern);
    const auto line = std::find_if(lines.begin(), lines.end(),
                                   [&wanted](const std::string& text) { return std::regex_search(text, wanted); });
    ASSERT_NE(line, lines.end()) << code << " in\n" << run.out;
    line_lengths.push_back(line->size());
  }
  EXPECT_EQ(std::count(line_lengths.begin(), line_lengths.end(), line_lengths[0]), 4) << run.out;
  EXPECT_THAT(run.out, HasSubstr("HHI of partners: 0.3800 (normalised 0.0700) over 3 partners\n"));
  EXPECT_THAT(run.out, HasSubstr("dependence on KAZ (Kazakhstan): 50.0% of trade"));
  EXPECT_THAT(run.out, HasSubstr("growth 2019 -> 2020: +25.0% (160.0 million USD -> 200.0 million USD)"));
  EXPECT_THAT(run.out, HasSubstr("growth 2019 -> 2020 with KAZ: +25.0%"));
}

TEST(IndicatorsCliTest, CsvIsMachineClean) {
  const CliRun run = RunCli(With(kPartnerArgs, {"--format", "csv"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto lines = SplitLines(run.out);
  ASSERT_GE(lines.size(), 5u);
  EXPECT_EQ(lines[0], "kind,partner,product,value,currency,share");
  EXPECT_EQ(SplitCsv(lines[1])[0], "total");
  EXPECT_DOUBLE_EQ(std::stod(SplitCsv(lines[1])[3]), 200e6);
  const auto kaz = SplitCsv(lines[2]);
  EXPECT_EQ(kaz[0], "item");
  EXPECT_EQ(kaz[1], "KAZ");
  EXPECT_DOUBLE_EQ(std::stod(kaz[3]), 100e6);
  EXPECT_DOUBLE_EQ(std::stod(kaz[5]), 0.5);
  EXPECT_DOUBLE_EQ(std::stod(SplitCsv(lines[3])[5]), 0.3);
  EXPECT_DOUBLE_EQ(std::stod(SplitCsv(lines[4])[5]), 0.2);
  bool found_hhi = false;
  for (const auto& line : lines) {
    const auto fields = SplitCsv(line);
    ASSERT_EQ(fields.size(), 6u) << line;
    if (fields[0] == "hhi_partners") {
      found_hhi = true;
      EXPECT_NEAR(std::stod(fields[3]), 0.38, 1e-12);
    }
  }
  EXPECT_TRUE(found_hhi);
}

// --timings reports the stages on stderr and leaves stdout as it is without it.
TEST(IndicatorsCliTest, TimingsGoToStderrOnly) {
  const CliRun plain = RunCli(With(kPartnerArgs, {"--format", "csv"}));
  const CliRun timed = RunCli(With(kPartnerArgs, {"--format", "csv", "--timings"}));
  ASSERT_EQ(timed.exit_code, 0) << timed.err;
  EXPECT_EQ(timed.out, plain.out);
  EXPECT_THAT(timed.err, ::testing::ContainsRegex(
                             "timings: read [0-9.]+ s, analysis [0-9.]+ s, output [0-9.]+ s, total [0-9.]+ s"));
  EXPECT_THAT(plain.err, ::testing::Not(HasSubstr("timings:")));
}

TEST(IndicatorsCliTest, JsonCarriesEverything) {
  const CliRun run = RunCli(With(kPartnerArgs, {"--format", "json"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["currency"], "USD");
  EXPECT_DOUBLE_EQ(json["total"]["value"].get<double>(), 200e6);
  ASSERT_EQ(json["items"].size(), 3u);
  EXPECT_EQ(json["items"][0]["partner"], "KAZ");
  EXPECT_DOUBLE_EQ(json["items"][0]["share"].get<double>(), 0.5);
  EXPECT_NEAR(json["hhi"]["partners"]["hhi"].get<double>(), 0.38, 1e-12);
  EXPECT_NEAR(json["hhi"]["partners"]["normalized"].get<double>(), 0.07, 1e-12);
  EXPECT_EQ(json["dependence"]["partner"], "KAZ");
  // Every share names its two sides: KAZ's 100 of the world's 200.
  EXPECT_EQ(json["dependence"]["numerator"], "CN-XJ trade with KAZ, TOTAL, 2020");
  EXPECT_EQ(json["dependence"]["denominator"], "CN-XJ trade with WLD, TOTAL, 2020");
  EXPECT_EQ(json["denominator"], "CN-XJ trade with WLD, TOTAL, 2020");
  EXPECT_EQ(json["items"][0]["numerator"], "CN-XJ trade with KAZ, TOTAL, 2020");
  EXPECT_DOUBLE_EQ(json["growth"]["growth"].get<double>(), 0.25);
  EXPECT_TRUE(json["rest"].is_null());
}

TEST(IndicatorsCliTest, TopAndNamedPartner) {
  // --top 1 keeps KAZ and folds RUS + USA (60 + 40 = 100, 50%) into one line; --partner USA: 20%.
  const CliRun run = RunCli(With(kPartnerArgs, {"--top", "1", "--partner", "USA"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("other itemised (2)"));
  EXPECT_THAT(run.out, HasSubstr("dependence on USA (United States): 20.0% of trade"));
}

TEST(IndicatorsCliTest, OutWritesTheSameBytesAsStdout) {
  const auto out = TempPath("tradeshock-out") += ".json";
  const CliRun to_file = RunCli(With(kPartnerArgs, {"--format", "json", "--out", out.string()}));
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  const CliRun to_stdout = RunCli(With(kPartnerArgs, {"--format", "json"}));
  EXPECT_EQ(ReadWholeFile(out), to_stdout.out);
  std::filesystem::remove(out);
}

TEST(IndicatorsCliTest, MixedCurrenciesAreAnErrorAndLeaveNoFile) {
  const auto out = TempPath("tradeshock-out") += ".csv";
  const CliRun run = RunCli(
      {"indicators", kMixed, "--reporter", "CN-XJ", "--period", "2020", "--format", "csv", "--out", out.string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "tradeshock: error: rows are in CNY and USD: choose a currency with --currency\n");
  EXPECT_EQ(run.out, "");
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(IndicatorsCliTest, NoDataNamesTheSelection) {
  const CliRun run = RunCli(With(kPartnerArgs, {"--flow", "exports"}));
  EXPECT_EQ(run.exit_code, 1);
  // partners.csv has only trade rows, for 2019 and 2020.
  EXPECT_EQ(
      run.err,
      "tradeshock: error: no data for CN-XJ exports to WLD, TOTAL, 2020; the data hold rows of CN-XJ for 2019, 2020\n");
}

TEST(IndicatorsCliTest, UsageErrorsExitWithTwo) {
  const CliRun missing = RunCli({"indicators", kPartners, "--period", "2020"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, StartsWith("tradeshock: error: --reporter is required"));
  const CliRun bad_flow = RunCli(With(kPartnerArgs, {"--flow", "sideways"}));
  EXPECT_EQ(bad_flow.exit_code, 2);
  EXPECT_THAT(bad_flow.err, StartsWith("tradeshock: error: --flow: sideways not in {exports,imports,trade}"));
}

TEST(IndicatorsCliTest, BadPeriodAndUnknownReporter) {
  const CliRun period = RunCli(With(kPartnerArgs, {"--period", "2020-13"}));
  EXPECT_EQ(period.exit_code, 1);
  EXPECT_EQ(period.err, "tradeshock: error: bad --period '2020-13': expected YYYY, YYYY-MM or YYYY-MM..YYYY-MM\n");
  const CliRun reporter = RunCli(With(kPartnerArgs, {"--reporter", "ATLANTIS"}));
  EXPECT_EQ(reporter.exit_code, 1);
  EXPECT_THAT(reporter.err, StartsWith("tradeshock: error: unknown economy 'ATLANTIS'"));
}

TEST(IndicatorsCliTest, CompareEqualToPeriodIsRefused) {
  // A base period equal to the period would give a growth of 0 by construction: an error, before any reading.
  const CliRun run = RunCli(With(kPartnerArgs, {"--compare", "2020"}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "tradeshock: error: describe: DescribeOptions::compare must differ from selection.period (both 2020)\n");
  EXPECT_EQ(run.out, "");
}

// The front end does no analysis: the library's Describe, called directly on the same file with the same
// choices, gives the numbers the command prints. partners.csv, with --partner RUS (hand arithmetic above):
// dependence 60 / 200 = 0.3; growth (200 - 160) / 160 = 0.25; growth with RUS missing (no 2019 row for RUS).
TEST(IndicatorsCliTest, LibraryDescribeGivesTheCommandsNumbers) {
  const CliRun run = RunCli(With(kPartnerArgs, {"--partner", "RUS", "--format", "json"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);

  const TradeTable table = ReadTradeFiles({kPartners}, RepoReference());
  DescribeOptions options = DescribeOptions::Defaults();
  options.selection = {
      .reporter = "CN-XJ", .partner = "WLD", .flow = Flow::kTrade, .product = "TOTAL", .period = Period::Year(2020)};
  options.partner = "RUS";
  const DescribeResult result = Describe(table, RepoReference(), options);

  EXPECT_DOUBLE_EQ(result.shares.total.value, 200e6);
  EXPECT_EQ(json["total"]["value"].get<double>(), result.shares.total.value);
  ASSERT_EQ(result.shares.items.size(), 3u);
  ASSERT_EQ(json["items"].size(), result.shares.items.size());
  for (std::size_t i = 0; i < result.shares.items.size(); ++i) {
    EXPECT_EQ(json["items"][i]["partner"], result.shares.items[i].partner) << i;
    EXPECT_EQ(json["items"][i]["share"].get<double>(), result.shares.items[i].share) << i;
  }
  ASSERT_TRUE(result.partner_hhi.has_value());
  EXPECT_NEAR(result.partner_hhi->hhi, 0.38, 1e-12);
  EXPECT_EQ(json["hhi"]["partners"]["hhi"].get<double>(), result.partner_hhi->hhi);
  ASSERT_TRUE(result.dependence) << result.dependence.reason();
  EXPECT_EQ(result.dependence->partner, "RUS");
  EXPECT_DOUBLE_EQ(result.dependence->share, 0.3);
  EXPECT_EQ(json["dependence"]["partner"], "RUS");
  EXPECT_EQ(json["dependence"]["share"].get<double>(), result.dependence->share);
  ASSERT_TRUE(result.growth) << result.growth.reason();
  EXPECT_DOUBLE_EQ(result.growth->growth, 0.25);
  EXPECT_EQ(json["growth"]["growth"].get<double>(), result.growth->growth);
  ASSERT_TRUE(result.partner_growth.has_value());
  ASSERT_FALSE(*result.partner_growth);
  EXPECT_THAT(result.partner_growth->reason(), HasSubstr("no data for CN-XJ trade with RUS, TOTAL, 2019"));
  EXPECT_EQ(json["partner_growth"]["error"], result.partner_growth->reason());
}

TEST(IndicatorsCliTest, ProductSharesWithRca) {
  // products.csv, exports 2020 (billion USD):  61   84  total
  //                                     CHN    30   70   100
  //                                     USA    10   90   100
  // CHN: 84 = 70%, 61 = 30%. RCA(CHN, 84) = 0.7 / (160 / 200) = 0.875; RCA(CHN, 61) = 0.3 / (40 / 200) = 1.5.
  const CliRun run = RunCli({"indicators", kProducts, "--reporter", "CHN", "--flow", "exports", "--period", "2020",
                             "--by", "product", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["items"].size(), 2u);
  EXPECT_EQ(json["items"][0]["product"], "84");
  EXPECT_DOUBLE_EQ(json["items"][0]["share"].get<double>(), 0.7);
  EXPECT_NEAR(json["items"][0]["rca"].get<double>(), 0.875, 1e-12);
  EXPECT_EQ(json["items"][1]["product"], "61");
  EXPECT_NEAR(json["items"][1]["rca"].get<double>(), 1.5, 1e-12);
  // Product HHI: 0.7^2 + 0.3^2 = 0.49 + 0.09 = 0.58.
  EXPECT_NEAR(json["hhi"]["products"]["hhi"].get<double>(), 0.58, 1e-12);
}

// The seed case (data/cases/xinjiang-2021/flows.csv): Xinjiang's 2020 trade was 21.387 billion USD; partners
// are given in yuan. At the Federal Reserve's 2020 average of 6.9042 CNY per USD:
//   USA: 6.681 / 6.9042 / 21.387 = 0.96767 / 21.387 = 0.045246 -> 4.5% (the article says "accounting for 4.5%")
//   KAZ: 75.826 / 6.9042 / 21.387 = 10.98259 / 21.387 = 0.513517 -> 51.4%
TEST(SeedCaseCliTest, PartnerSharesInUsd) {
  const CliRun run = RunCli({"indicators", kSeed, "--reporter", "CN-XJ", "--flow", "trade", "--period", "2020", "--by",
                             "partner", "--currency", "USD", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  double usa = -1;
  double kaz = -1;
  for (const auto& item : json["items"]) {
    if (item["partner"] == "USA") usa = item["share"].get<double>();
    if (item["partner"] == "KAZ") kaz = item["share"].get<double>();
  }
  EXPECT_NEAR(usa, 6.681 / 6.9042 / 21.387, 1e-9);
  EXPECT_NEAR(usa, 0.045246, 1e-6);
  EXPECT_NEAR(kaz, 75.826 / 6.9042 / 21.387, 1e-9);
  EXPECT_NEAR(kaz, 0.513517, 1e-6);
  ASSERT_EQ(json["rates"].size(), 1u);
  EXPECT_EQ(json["rates"][0]["currency"], "CNY");
  EXPECT_EQ(json["rates"][0]["period"], "2020");
  EXPECT_DOUBLE_EQ(json["rates"][0]["per_usd"].get<double>(), 6.9042);

  const CliRun table =
      RunCli({"indicators", kSeed, "--reporter", "CN-XJ", "--flow", "trade", "--period", "2020", "--currency", "USD"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("   4.5%\n"));
  EXPECT_THAT(table.out, HasSubstr("  51.4%\n"));
}

TEST(SeedCaseCliTest, WithoutACurrencyTheSeedCaseIsRefused) {
  const CliRun run = RunCli({"indicators", kSeed, "--reporter", "CN-XJ", "--period", "2020"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "tradeshock: error: rows are in CNY and USD: choose a currency with --currency\n");
}

TEST(LookupCliTest, ResolvesEconomiesGroupsAndProducts) {
  const CliRun run = RunCli({"lookup", "kaz", "CN-XJ", "EU27", "6109", "CN-CLOTHING", "--format", "csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("kaz,country,KAZ,Kazakhstan,"));
  EXPECT_THAT(run.out, HasSubstr("CN-XJ,region,CN-XJ,"));
  EXPECT_THAT(run.out, HasSubstr("EU27,country group,EU27,"));
  EXPECT_THAT(run.out, HasSubstr("6109,HS heading,6109,"));
  EXPECT_THAT(run.out, HasSubstr("CN-CLOTHING,product group,CN-CLOTHING,"));
}

TEST(LookupCliTest, UnknownCodeIsAnError) {
  const CliRun run = RunCli({"lookup", "KAZ", "NOWHERE"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("Kazakhstan"));
  EXPECT_EQ(run.err,
            "tradeshock: error: unknown code 'NOWHERE': not an economy, country group, HS code, product group or "
            "currency\n");
}

TEST(InspectCliTest, SummarisesTheFile) {
  const CliRun run = RunCli({"inspect", kPartners, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["rows"], 6);
  EXPECT_EQ(json["reporters"], nlohmann::json::array({"CN-XJ"}));
  EXPECT_EQ(json["partners"], nlohmann::json::array({"KAZ", "RUS", "USA", "WLD"}));
  EXPECT_EQ(json["periods"], nlohmann::json::array({"2019", "2020"}));
  EXPECT_EQ(json["currencies"], nlohmann::json::array({"USD"}));
  EXPECT_EQ(json["flows"], nlohmann::json::array({"trade"}));
  EXPECT_GT(json["bytes_per_row"].get<double>(), 0.0);
  EXPECT_LE(json["bytes_per_row"].get<double>(), 32.0);
}

TEST(IndicatorsCliTest, TopMustBePositive) {
  for (const char* top : {"0", "-3"}) {
    const CliRun run = RunCli(With(kPartnerArgs, {"--top", top}));
    EXPECT_NE(run.exit_code, 0) << top;
    EXPECT_THAT(run.err, HasSubstr("--top")) << top;
  }
}

}  // namespace
}  // namespace tradeshock::testing
