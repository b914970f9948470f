// Scenario files: a good file read in full, and located errors for the faults docs/FORMATS.md lists.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "indicators/table_builder.h"
#include "reference/reference_fixture.h"
#include "tradeshock/scenario.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kGood[] = R"(title = "Two policies"
description = "test"

[[policy]]
name = "ban"
kind = "ban"
imposed_by = "United States"
on = "CN-XJ"
products = "all"
from = 2021-07-15

[[policy]]
kind = "tariff"
rate = 0.25
imposed_by = "EU27"
on = "CHN"
products = ["61", "CN-CLOTHING", "8471"]
from = "2022-01-01"
share_stopped = 0.5
note = "detention-style"

[nowcast]
profile = { partner = "WLD", flow = "trade" }
years = [2019, 2020]
target = { reporter = "CN-XJ", partner = "USA", flow = "exports", period = "2021-01..2021-05" }
)";

TEST(ScenarioFileTest, ReadsEveryField) {
  const Scenario scenario = ParseScenario(kGood, RepoReference(), "good.toml");
  EXPECT_EQ(scenario.title, "Two policies");
  ASSERT_EQ(scenario.policies.size(), 2u);
  const Policy& ban = scenario.policies[0];
  EXPECT_EQ(ban.name, "ban");
  EXPECT_EQ(ban.kind, PolicyKind::kBan);
  EXPECT_EQ(ban.imposed_by, "USA");  // the name resolved to its canonical code
  EXPECT_EQ(ban.on, "CN-XJ");
  EXPECT_EQ(ban.products, std::vector<std::string>{"TOTAL"});
  EXPECT_EQ(ban.from, (Date{2021, 7, 15}));
  EXPECT_EQ(ban.share_stopped, 1.0);  // the default
  EXPECT_EQ(ban.place.line, 4u);
  const Policy& tariff = scenario.policies[1];
  EXPECT_EQ(tariff.name, "policy 2");
  EXPECT_EQ(tariff.kind, PolicyKind::kTariff);
  EXPECT_EQ(tariff.rate, 0.25);
  EXPECT_EQ(tariff.imposed_by, "EU27");
  EXPECT_EQ(tariff.products, (std::vector<std::string>{"61", "CN-CLOTHING", "8471"}));
  EXPECT_EQ(tariff.from, (Date{2022, 1, 1}));  // a string date is accepted too
  EXPECT_EQ(tariff.share_stopped, 0.5);        // stated: it overrides the trade response
  EXPECT_TRUE(tariff.share_stopped_stated);
  EXPECT_FALSE(ban.share_stopped_stated);
  EXPECT_EQ(scenario.nowcast.profile_partner, "WLD");
  EXPECT_EQ(scenario.nowcast.profile_flow, Flow::kTrade);
  EXPECT_EQ(scenario.nowcast.profile_years, (std::vector<int>{2019, 2020}));
  ASSERT_TRUE(scenario.nowcast.target);
  EXPECT_EQ(scenario.nowcast.target->period, Period::Range(2021, 1, 2021, 5));
}

TEST(ScenarioFileTest, TheSeedCaseScenarioReads) {
  const Scenario scenario = ReadScenarioFile(
      std::filesystem::path(TRADESHOCK_SOURCE_DIR) / "data/cases/xinjiang-2021/scenario.toml", RepoReference());
  ASSERT_EQ(scenario.policies.size(), 1u);
  EXPECT_EQ(scenario.policies[0].from, (Date{2021, 7, 15}));
  EXPECT_EQ(scenario.policies[0].imposed_by, "USA");
}

// Parses `text` expecting an InputException; returns it.
InputError ParseError(const std::string& text) {
  try {
    ParseScenario(text, RepoReference(), "bad.toml");
  } catch (const InputException& exception) {
    return exception.error();
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return {};
}

constexpr char kPolicyHead[] = "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = \"all\"\n";

TEST(ScenarioFileTest, UnknownKeyIsLocated) {
  const InputError error = ParseError(std::string(kPolicyHead) + "from = 2021-07-15\nshare_stoped = 0.5\n");
  EXPECT_EQ(error.line, 7u);  // head is 5 lines, from is line 6
  EXPECT_THAT(error.Message(), HasSubstr("bad.toml:7:"));
  EXPECT_THAT(error.Message(), HasSubstr("key 'share_stoped'"));
  EXPECT_THAT(error.Message(), HasSubstr("share_stopped"));  // the list of accepted keys
}

TEST(ScenarioFileTest, ShareAboveOneIsLocated) {
  const InputError error = ParseError(std::string(kPolicyHead) + "from = 2021-07-15\nshare_stopped = 1.5\n");
  EXPECT_EQ(error.kind, InputErrorKind::kBadNumber);
  EXPECT_EQ(error.line, 7u);
  EXPECT_THAT(error.Message(), HasSubstr("got '1.5', expected key 'share_stopped': a number from 0 to 1"));
}

TEST(ScenarioFileTest, WrongTypeIsLocated) {
  const InputError error = ParseError(std::string(kPolicyHead) + "from = 2021-07-15\nshare_stopped = \"half\"\n");
  EXPECT_EQ(error.line, 7u);
  EXPECT_THAT(error.Message(), HasSubstr("key 'share_stopped': a number, got a string"));
}

TEST(ScenarioFileTest, UnknownCodeIsLocated) {
  const InputError error = ParseError(
      "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"XX-NOWHERE\"\nproducts = \"all\"\n"
      "from = 2021-07-15\n");
  EXPECT_EQ(error.kind, InputErrorKind::kUnknownCode);
  EXPECT_EQ(error.line, 4u);
  EXPECT_THAT(error.Message(), HasSubstr("got 'XX-NOWHERE', expected key 'on'"));
}

TEST(ScenarioFileTest, UnknownProductIsLocated) {
  const InputError error = ParseError(
      "[[policy]]\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = [\"61\", \"9X\"]\n"
      "from = 2021-07-15\n");
  EXPECT_EQ(error.line, 5u);
  EXPECT_THAT(error.Message(), HasSubstr("got '9X', expected key 'products'"));
}

TEST(ScenarioFileTest, ImpossibleDateIsLocated) {
  const InputError error = ParseError(std::string(kPolicyHead) + "from = \"2021-02-30\"\n");
  EXPECT_EQ(error.kind, InputErrorKind::kBadPeriod);
  EXPECT_EQ(error.line, 6u);
  EXPECT_THAT(error.Message(), HasSubstr("key 'from': a date YYYY-MM-DD"));
}

constexpr char kTariffHead[] =
    "[[policy]]\nkind = \"tariff\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = \"all\"\nfrom = 2021-07-15\n";

Policy ParseTariff(const std::string& lines) {
  return ParseScenario(std::string(kTariffHead) + lines, RepoReference(), "tariff.toml").policies.at(0);
}

// Until this change a tariff was read as a ban stopping 100%; it now stops the trade response.
TEST(ScenarioFileTest, TariffStopsTheTradeResponse) {
  const Policy tariff = ParseTariff("rate = 0.10\nelasticity = 4\n");
  // 1.1^2 = 1.21, 1.21^2 = 1.4641, 1 / 1.4641 = 0.683013; share stopped 1 - 0.683013 = 0.316987.
  EXPECT_NEAR(tariff.share_stopped, 0.316987, 1e-6);
  EXPECT_FALSE(tariff.share_stopped_stated);
  EXPECT_EQ(tariff.rate, 0.10);
  EXPECT_EQ(tariff.rate_before, 0.0);
  EXPECT_EQ(tariff.elasticity.value, 4.0);
  EXPECT_FALSE(tariff.elasticity.is_default);
  EXPECT_THAT(DescribeEffect(tariff), HasSubstr("a tariff of 10% (before: 0%)"));
  EXPECT_THAT(DescribeEffect(tariff), HasSubstr("((1 + 0.1) / (1 + 0))^-4 = 0.6830"));
  EXPECT_THAT(DescribeEffect(tariff), HasSubstr("31.70% of it stops"));
}

TEST(ScenarioFileTest, TariffDefaultElasticityComesFromTheReferenceData) {
  // data/reference/trade_elasticity.csv: Head & Mayer (2014), Table 4, median structural estimate 5.03.
  EXPECT_EQ(RepoReference().DefaultTradeElasticity().value, 5.03);
  EXPECT_THAT(RepoReference().DefaultTradeElasticity().source, HasSubstr("Head and Mayer (2014)"));
  const Policy tariff = ParseTariff("rate = 0.10\n");
  EXPECT_TRUE(tariff.elasticity.is_default);
  EXPECT_EQ(tariff.elasticity.value, 5.03);
  // ln 1.1 = 0.0953102; x 5.03 = 0.479410; e^-0.479410 = 0.619148; share stopped 0.380852.
  EXPECT_NEAR(tariff.share_stopped, 0.380852, 1e-6);
  EXPECT_THAT(DescribeEffect(tariff), HasSubstr("trade_elasticity.csv"));
}

TEST(ScenarioFileTest, TariffOnTopOfAnEarlierTariff) {
  const Policy tariff = ParseTariff("rate = 0.25\nrate_before = 0.05\nelasticity = 4\n");
  // 1.25 / 1.05 = 1.190476; ^2 = 1.417234; ^4 = 2.008552; 1 / 2.008552 = 0.497871 -> stopped 0.502129.
  EXPECT_NEAR(tariff.share_stopped, 0.50213, 1e-5);
  // The same rise with rate_percent: 25% and 5%.
  EXPECT_NEAR(ParseTariff("rate_percent = 25\nrate_before_percent = 5\nelasticity = 4\n").share_stopped, 0.50213, 1e-5);
}

TEST(ScenarioFileTest, TariffRatePercentIsAFractionOfOneHundred) {
  const Policy tariff = ParseTariff("rate_percent = 5\nelasticity = 4\n");
  EXPECT_DOUBLE_EQ(tariff.rate, 0.05);
  // 1.05^4 = 1.21550625; 1 / 1.21550625 = 0.822702 -> stopped 0.177298.
  EXPECT_NEAR(tariff.share_stopped, 0.177298, 1e-6);
  // Above 100% is allowed in percent: 145% (US on China, April 2025) with theta 4: 2.45^-4 = 1 / 36.03 = 0.027755.
  EXPECT_NEAR(ParseTariff("rate_percent = 145\nelasticity = 4\n").share_stopped, 1.0 - 0.027755, 1e-6);
}

InputError TariffError(const std::string& lines) { return ParseError(std::string(kTariffHead) + lines); }

TEST(ScenarioFileTest, TariffRateAboveOneAsksForPercent) {
  const InputError error = TariffError("rate = 5\n");
  EXPECT_EQ(error.kind, InputErrorKind::kBadNumber);
  EXPECT_EQ(error.line, 7u);
  EXPECT_EQ(error.column, 8u);
  EXPECT_THAT(error.Message(), HasSubstr("bad.toml:7:8:"));
  EXPECT_THAT(error.Message(), HasSubstr("rate = 5 is 500%: did you mean rate_percent = 5 (5%)?"));
}

TEST(ScenarioFileTest, TariffBadRatesAreRefused) {
  EXPECT_THAT(TariffError("rate = -0.1\n").Message(), HasSubstr("not negative"));
  EXPECT_THAT(TariffError("rate_percent = -5\n").Message(), HasSubstr("not negative"));
  EXPECT_THAT(TariffError("rate = 0.1\nrate_percent = 10\n").Message(),
              HasSubstr("'rate' or 'rate_percent', not both"));
  EXPECT_THAT(TariffError("rate = 0.05\nrate_before = 0.1\n").Message(), HasSubstr("a tariff cut is not modelled"));
  EXPECT_THAT(TariffError("elasticity = 4\n").Message(), HasSubstr("key 'rate' or 'rate_percent'"));
  EXPECT_THAT(TariffError("rate = 0.1\nelasticity = 0\n").Message(), HasSubstr("a trade elasticity > 0"));
  EXPECT_THAT(TariffError("rate = 0.1\nshare_stopped = 0.5\nelasticity = 4\n").Message(),
              HasSubstr("no elasticity with share_stopped"));
  EXPECT_THAT(ParseError(std::string(kPolicyHead) + "from = 2021-07-15\nelasticity = 4\n").Message(),
              HasSubstr("no tariff rate or elasticity for a ban"));
}

TEST(ScenarioFileTest, MissingKeyNamesIt) {
  const InputError error = ParseError(kPolicyHead);
  EXPECT_EQ(error.line, 1u);  // the [[policy]] table
  EXPECT_THAT(error.Message(), HasSubstr("key 'from' in [[policy]] #1 (required)"));
}

TEST(ScenarioFileTest, SyntaxErrorIsLocated) {
  const InputError error = ParseError("title = \"x\"\n[[policy]\n");
  EXPECT_EQ(error.kind, InputErrorKind::kBadSyntax);  // not "bad header": nothing is wrong with a header
  EXPECT_EQ(error.line, 2u);
  EXPECT_THAT(error.Message(), HasSubstr("bad.toml:2:"));
  EXPECT_THAT(error.Message(), HasSubstr("valid TOML"));
}

TEST(ScenarioFileTest, SyntaxErrorHasItsKindLineAndColumn) {
  // Line 2 "kind = @ban": the value cannot start with '@', the 8th character (k1 i2 n3 d4, space 5, = 6,
  // space 7, @ 8).
  const InputError error = ParseError("title = \"x\"\nkind = @ban\n");
  EXPECT_EQ(error.kind, InputErrorKind::kBadSyntax);
  EXPECT_EQ(error.line, 2u);
  EXPECT_EQ(error.column, 8u);
  EXPECT_THAT(error.Message(), HasSubstr("bad.toml:2:8: bad syntax, expected valid TOML ("));
}

TEST(ScenarioFileTest, BadUnitOfAStatedAmountIsABadUnit) {
  // kPolicyHead is lines 1-5, "from" line 6, "[models.pe]" line 7, the amount line 8. Its "dozen" opens
  // with the quote at column 60: importer_imports 1-16, " = { " 17-21, value 22-26, " = " 27-29, 2.4 30-32,
  // ", " 33-34, currency 35-42, " = " 43-45, "USD" 46-50, ", " 51-52, unit 53-56, " = " 57-59, quote 60.
  const InputError error =
      ParseError(std::string(kPolicyHead) + "from = 2021-07-15\n[models.pe]\n" +
                 "importer_imports = { value = 2.4, currency = \"USD\", unit = \"dozen\", source = \"test\" }\n");
  EXPECT_EQ(error.kind, InputErrorKind::kBadUnit);
  EXPECT_EQ(error.line, 8u);
  EXPECT_EQ(error.column, 60u);
  EXPECT_EQ(error.value, "dozen");
  EXPECT_THAT(error.Message(), HasSubstr("bad.toml:8:60: bad unit: got 'dozen', expected key "
                                         "'models.pe.importer_imports.unit': "));
}

TEST(ScenarioFileTest, NoPolicyIsAnError) {
  const InputError error = ParseError("title = \"nothing\"\n");
  EXPECT_THAT(error.Message(), HasSubstr("at least one [[policy]] table"));
}

TEST(ScenarioFileTest, DateBeforeTheDataIsLocatedWhenApplied) {
  const Scenario scenario =
      ParseScenario(std::string(kPolicyHead) + "from = 2018-12-31\n", RepoReference(), "early.toml");
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2019", 10.0}});
  try {
    CheckScenarioAgainstTable(scenario, table);
    FAIL() << "no error";
  } catch (const InputException& exception) {
    EXPECT_EQ(exception.error().line, 6u);
    EXPECT_THAT(exception.error().Message(), HasSubstr("got '2018-12-31', expected key 'from'"));
    EXPECT_THAT(exception.error().Message(), HasSubstr("the data start in 2019-01"));
  }
}

TEST(ScenarioFileTest, RangesOfDateAndShareReadAsTheirMidpoints) {
  // 2021-07-15 to 2022-06-21 is 17 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 31 + 30 + 31 + 20 = 341 days;
  // halfway is 170 days after 2021-07-15: 17 days to 2021-08-01, then 31 + 30 + 31 + 30 = 122 to
  // 2021-12-01, 31 more to 2022-01-01 (170 in all). The share's midpoint is (0.5 + 1) / 2 = 0.75.
  const Scenario scenario =
      ParseScenario(std::string(kPolicyHead) + "from = [2021-07-15, \"2022-06-21\"]\nshare_stopped = [0.5, 1.0]\n",
                    RepoReference(), "range.toml");
  const Policy& policy = scenario.policies.front();
  ASSERT_TRUE(policy.from_range);
  EXPECT_EQ(policy.from_range->first, (Date{2021, 7, 15}));
  EXPECT_EQ(policy.from_range->second, (Date{2022, 6, 21}));
  EXPECT_EQ(policy.from, (Date{2022, 1, 1}));
  ASSERT_TRUE(policy.share_stopped_range);
  EXPECT_DOUBLE_EQ(policy.share_stopped, 0.75);
  EXPECT_TRUE(policy.share_stopped_stated);
  EXPECT_EQ(policy.MostSevere().from, (Date{2021, 7, 15}));
  EXPECT_DOUBLE_EQ(policy.MostSevere().share_stopped, 1.0);
  EXPECT_EQ(policy.LeastSevere().from, (Date{2022, 6, 21}));
  EXPECT_DOUBLE_EQ(policy.LeastSevere().share_stopped, 0.5);
  EXPECT_EQ(policy.FromText(), "between 2021-07-15 and 2022-06-21 (central 2022-01-01)");
  EXPECT_THAT(DescribeEffect(policy), HasSubstr("stopping 50% to 100% (central 75%) of the covered flow"));
}

TEST(ScenarioFileTest, CaveatsAreAListOfStrings) {
  const Scenario scenario = ParseScenario(
      "caveats = [\"not law yet\", \"took effect 2022-06-21\"]\n" + std::string(kPolicyHead) + "from = 2021-07-15\n",
      RepoReference(), "caveats.toml");
  EXPECT_THAT(scenario.caveats, ::testing::ElementsAre("not law yet", "took effect 2022-06-21"));
  try {
    ParseScenario("caveats = \"one\"\n" + std::string(kPolicyHead) + "from = 2021-07-15\n", RepoReference(),
                  "caveats.toml");
    FAIL() << "no error";
  } catch (const InputException& exception) {
    EXPECT_THAT(exception.error().Message(), HasSubstr("caveats.toml:1:11: bad key: got 'one', expected key "
                                                       "'caveats': a list of strings"));
  }
}

TEST(ScenarioFileTest, BadRangesAreLocated) {
  const auto error_of = [](const std::string& lines) { return ParseError(std::string(kPolicyHead) + lines).Message(); };
  EXPECT_THAT(error_of("from = [2022-06-21, 2021-07-15]\n"),
              HasSubstr("got '2021-07-15', expected key 'from': a latest date after the earliest (2022-06-21)"));
  EXPECT_THAT(error_of("from = [2021-07-15]\n"),
              HasSubstr("got 'an array of 1', expected key 'from': one value, or a range of two"));
  EXPECT_THAT(error_of("from = [2021-07-15, \"2021-13-01\"]\n"), HasSubstr("expected key 'from': a date YYYY-MM-DD"));
  EXPECT_THAT(error_of("from = 2021-07-15\nshare_stopped = [1.0, 0.5]\n"),
              HasSubstr("got '0.5', expected key 'share_stopped': a high end above the low end (1)"));
  EXPECT_THAT(error_of("from = 2021-07-15\nshare_stopped = [0.5, 1.5]\n"),
              HasSubstr("got '1.5', expected key 'share_stopped': a number from 0 to 1"));
  EXPECT_THAT(error_of("from = 2021-07-15\nshare_stopped = [0.2, 0.4, 0.6]\n"),
              HasSubstr("got 'an array of 3', expected key 'share_stopped'"));
}

TEST(ScenarioFileTest, TheEarliestDateOfARangeMustBeInTheData) {
  const Scenario scenario =
      ParseScenario(std::string(kPolicyHead) + "from = [2018-12-31, 2019-06-01]\n", RepoReference(), "early.toml");
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "TOTAL", "2019", 10.0}});
  try {
    CheckScenarioAgainstTable(scenario, table);
    FAIL() << "no error";
  } catch (const InputException& exception) {
    EXPECT_THAT(exception.error().Message(), HasSubstr("got '2018-12-31', expected key 'from'"));
  }
}

TEST(DateTest, MidpointRoundsDown) {
  EXPECT_EQ((Date{2021, 7, 15}).Midpoint(Date{2021, 7, 18}), (Date{2021, 7, 16}));  // 3 days: 1.5 -> 1
  EXPECT_EQ((Date{2020, 2, 28}).Midpoint(Date{2020, 3, 1}), (Date{2020, 2, 29}));   // leap day
  EXPECT_EQ((Date{2021, 12, 31}).Midpoint(Date{2022, 1, 2}), (Date{2022, 1, 1}));
}

TEST(DateTest, ParsesValidDaysOnly) {
  EXPECT_EQ(Date::Parse("2024-02-29"), (Date{2024, 2, 29}));  // leap year
  EXPECT_FALSE(Date::Parse("2021-02-29"));
  EXPECT_FALSE(Date::Parse("2021-7-15"));
  EXPECT_EQ(Date::DaysInMonth(2021, 7), 31);
  EXPECT_EQ((Date{2021, 7, 5}).ToString(), "2021-07-05");
}

}  // namespace
}  // namespace tradeshock::testing
