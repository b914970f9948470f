// Claims: stated figures, the claims file, the checker (supported, contradicted, not checkable, readings,
// projections) and the consistency check. Every expected number is worked out by hand in a comment.
#include "tradeshock/claims.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "indicators/table_builder.h"
#include "reference/reference_fixture.h"
#include "tradeshock/io.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

// One claim file from a claim body; the [[claim]] header is on line 1.
ClaimsFile One(const std::string& body) { return ParseClaims("[[claim]]\n" + body, "test.toml"); }

TEST(StatedFigureTest, AboutUsesTheStatedPrecision) {
  // "4.5%": one decimal of a percent -> half unit 0.05 points = 0.0005 -> [0.0445, 0.0455].
  const StatedFigure share = ParseStatedFigure("4.5%");
  const Interval about = ClaimInterval(ClaimComparison::kAbout, share.Value(), share.HalfUnit());
  EXPECT_DOUBLE_EQ(about.low, 0.0445);
  EXPECT_DOUBLE_EQ(about.high, 0.0455);
  EXPECT_TRUE(about.Contains(0.0445));
  EXPECT_FALSE(about.Contains(0.0456));
  // "51%": no decimals -> half unit 0.5 points -> [0.505, 0.515].
  const StatedFigure whole = ParseStatedFigure("51%");
  EXPECT_DOUBLE_EQ(whole.Value() - whole.HalfUnit(), 0.505);
  EXPECT_DOUBLE_EQ(whole.Value() + whole.HalfUnit(), 0.515);
  // "21.387 billion USD": three decimals of a billion -> +-0.0005 billion = +-500,000.
  const StatedFigure total = ParseStatedFigure("21.387 billion USD");
  EXPECT_DOUBLE_EQ(total.Value(), 21.387e9);
  EXPECT_DOUBLE_EQ(total.HalfUnit(), 5e5);
  EXPECT_EQ(total.currency, "USD");
  // "US$90 million" is written with the currency first.
  const StatedFigure dollars = ParseStatedFigure("US$90 million");
  EXPECT_DOUBLE_EQ(dollars.Value(), 9e7);
  EXPECT_EQ(dollars.currency, "USD");
  EXPECT_DOUBLE_EQ(ParseStatedFigure("-70%").Value(), -0.7);
  // The unit words of data files hold in claims too (unit_words.h): "bn" is 10^9, "mn" 10^6.
  const StatedFigure short_words = ParseStatedFigure("4.528 bn CNY");
  EXPECT_DOUBLE_EQ(short_words.Value(), 4.528e9);
  EXPECT_DOUBLE_EQ(short_words.HalfUnit(), 5e5);  // three decimals of a billion
  EXPECT_EQ(short_words.currency, "CNY");
  EXPECT_DOUBLE_EQ(ParseStatedFigure("90 mn USD").Value(), 9e7);
  EXPECT_THROW(ParseStatedFigure("seventy"), Error);
  EXPECT_THROW(ParseStatedFigure("4.5 %%"), Error);
}

TEST(StatedFigureTest, ComparisonKinds) {
  EXPECT_TRUE(ClaimInterval(ClaimComparison::kAtLeast, 100, 0).Contains(100));
  EXPECT_FALSE(ClaimInterval(ClaimComparison::kMoreThan, 100, 0).Contains(100));
  EXPECT_TRUE(ClaimInterval(ClaimComparison::kMoreThan, 100, 0).Contains(100.01));
  EXPECT_FALSE(ClaimInterval(ClaimComparison::kLessThan, 100, 0).Contains(100));
  EXPECT_TRUE(ClaimInterval(ClaimComparison::kNotMoreThan, 100, 0).Contains(100));
  EXPECT_EQ(ParseClaimComparison("at_most"), ClaimComparison::kNotMoreThan);
  // (-inf, 0.3] and (0.5, inf) do not meet; [0.3, 0.5] and [0.5, 1] meet at 0.5.
  EXPECT_TRUE(ClaimInterval(ClaimComparison::kNotMoreThan, 0.3, 0)
                  .Intersect(ClaimInterval(ClaimComparison::kMoreThan, 0.5, 0))
                  .Empty());
  const Interval left{.low = 0.3, .high = 0.5, .low_open = false, .high_open = false};
  const Interval right{.low = 0.5, .high = 1, .low_open = false, .high_open = false};
  EXPECT_FALSE(left.Intersect(right).Empty());
}

TEST(ClaimsFileTest, ReadsAClaimWithTheComparisonInTheFigure) {
  const ClaimsFile file = One(R"(id = "x"
text = "exports increased by more than 20%"
metric = "growth"
reporter = "CN-XJ"
flow = "exports"
period = "2021-01..2021-05"
stated = "more than 20%"
)");
  ASSERT_EQ(file.claims.size(), 1u);
  const Claim& claim = file.claims[0];
  EXPECT_EQ(claim.comparison, ClaimComparison::kMoreThan);
  EXPECT_DOUBLE_EQ(claim.stated.Value(), 0.2);
  EXPECT_EQ(claim.period.ToString(), "2021-01..2021-05");
  EXPECT_EQ(claim.line, 1u);
}

void ExpectFileError(const std::string& body, const std::string& message, std::size_t line, const std::string& key) {
  try {
    One(body);
    FAIL() << "expected an error for " << body;
  } catch (const ClaimsFileError& error) {
    EXPECT_EQ(error.what(), message);
    EXPECT_EQ(error.line(), line);
    EXPECT_EQ(error.key(), key);
  }
}

constexpr char kValid[] = "id = \"a\"\ntext = \"t\"\nmetric = \"value\"\nreporter = \"CN-XJ\"\nperiod = \"2020\"\n";

TEST(ClaimsFileTest, LocatedErrors) {
  // [[claim]] is line 1, kValid lines 2-6, so the first added line is 7.
  ExpectFileError(std::string(kValid) + "stated = \"1 USD\"\ncolour = \"red\"\n",
                  "test.toml:8:10: claim 'a': key 'colour': unknown key 'colour', expected one of id, text, source, "
                  "metric, reporter, partner, flow, product, period, base, of, by, currency, comparison, stated (or "
                  "value and unit), refers_to",
                  8, "colour");
  ExpectFileError(std::string(kValid) + "stated = 4.5\n",
                  "test.toml:7:10: claim 'a': key 'stated': got a floating-point, expected a string", 7, "stated");
  ExpectFileError(std::string(kValid) + "stated = \"1 USD\"\ncomparison = \"roughly\"\n",
                  "test.toml:8:14: claim 'a': key 'comparison': got 'roughly', expected one of about, at_least, "
                  "more_than, less_than, not_more_than, at_most, nearly, almost",
                  8, "comparison");
  ExpectFileError(std::string(kValid) + "stated = \"4.5%\"\n",
                  "test.toml:7:10: claim 'a': key 'stated': got '4.5%', a percentage, but metric value is not a "
                  "share or growth",
                  7, "stated");
  ExpectFileError("id = \"a\"\ntext = \"t\"\nmetric = \"value\"\nreporter = \"CN-XJ\"\nperiod = \"2020-13\"\n",
                  "test.toml:6:10: claim 'a': key 'period': got '2020-13', expected a period: YYYY, YYYY-MM or "
                  "YYYY-MM..YYYY-MM",
                  6, "period");
  ExpectFileError("id = \"a\"\ntext = \"t\"\nmetric = \"value\"\nreporter = \"CN-XJ\"\n",
                  "test.toml:1:1: claim 'a': key 'period': missing (required)", 1, "period");
}

TEST(ClaimsFileTest, ValueAndUnitInsteadOfStated) {
  const ClaimsFile file = One(std::string(kValid) + "value = 4.5\nunit = \"million USD\"\ncomparison = \"at_most\"\n");
  const Claim& claim = file.claims[0];
  // 4.5 million: one decimal -> half unit 0.05 million = 50,000.
  EXPECT_DOUBLE_EQ(claim.stated.Value(), 4.5e6);
  EXPECT_DOUBLE_EQ(claim.stated.HalfUnit(), 5e4);
  EXPECT_EQ(claim.stated.currency, "USD");
  EXPECT_EQ(claim.comparison, ClaimComparison::kNotMoreThan);
}

TEST(ClaimsFileTest, SyntaxErrorHasItsKindLineAndColumn) {
  // Line 3 "text = @x": the value cannot start with '@', the 8th character (t1 e2 x3 t4, space 5, = 6,
  // space 7, @ 8).
  try {
    ParseClaims("[[claim]]\nid = \"a\"\ntext = @x\n", "bad.toml");
    FAIL();
  } catch (const ClaimsFileError& error) {
    ASSERT_TRUE(error.kind().has_value());
    EXPECT_EQ(*error.kind(), InputErrorKind::kBadSyntax);
    EXPECT_EQ(error.place().file, "bad.toml");
    EXPECT_EQ(error.line(), 3u);
    EXPECT_EQ(error.column(), 8u);
    EXPECT_THAT(error.what(), HasSubstr("bad.toml:3:8: bad syntax: expected valid TOML syntax ("));
  }
}

TEST(ClaimsFileTest, SourceOfTheClaims) {
  const ClaimsFile file = ParseClaims(
      "[source]\noutlet = \"Reuters\"\ndate = 2022-03-08\n[[claim]]\n" + std::string(kValid) + "stated = \"1 USD\"\n",
      "source.toml");
  ASSERT_TRUE(file.source);
  EXPECT_EQ(file.source->outlet, "Reuters");
  EXPECT_EQ(file.source->date, "2022-03-08");  // a TOML date, written back as YYYY-MM-DD
  EXPECT_TRUE(file.source->url.empty());
  EXPECT_FALSE(One(std::string(kValid) + "stated = \"1 USD\"\n").source.has_value());
}

TEST(ClaimsFileTest, FileLevelErrors) {
  try {
    ParseClaims("[[claim]]\nid = \"a\"\ntext = \n", "bad.toml");
    FAIL();
  } catch (const ClaimsFileError& error) {
    EXPECT_EQ(error.line(), 3u);
    EXPECT_THAT(error.what(), HasSubstr("bad.toml:3:"));
    EXPECT_THAT(error.what(), HasSubstr("TOML syntax"));
  }
  const std::string claim = "[[claim]]\n" + std::string(kValid) + "stated = \"1 USD\"\n";
  try {
    ParseClaims(claim + claim, "dup.toml");  // the second id is on line 7 + 2 = 9
    FAIL();
  } catch (const ClaimsFileError& error) {
    EXPECT_STREQ(error.what(), "dup.toml:9:6: claim 'a': key 'id': duplicate id 'a'");
    EXPECT_FALSE(error.kind().has_value());  // only a syntax fault has a kind
  }
  try {
    ParseClaims("title = \"x\"\n" + claim, "top.toml");
    FAIL();
  } catch (const ClaimsFileError& error) {
    EXPECT_STREQ(error.what(), "top.toml:1:9: unknown top-level key 'title', expected case, [source] or [[claim]]");
  }
  try {
    ParseClaims("[source]\noutlet = \"x\"\nauthor = \"y\"\n" + claim, "source.toml");
    FAIL();
  } catch (const ClaimsFileError& error) {
    EXPECT_STREQ(error.what(), "source.toml:3:10: [source]: unknown key 'author', expected outlet, title, date or url");
  }
  try {
    ParseClaims("[source]\nurl = 5\n" + claim, "source.toml");
    FAIL();
  } catch (const ClaimsFileError& error) {
    EXPECT_STREQ(error.what(), "source.toml:2:7: [source]: key 'url': expected a string");
  }
  ExpectFileError(std::string(kValid) + "stated = \"1 USD\"\nrefers_to = \"b\"\n",
                  "test.toml:8:13: claim 'a': key 'refers_to': only for metric growth or projected_growth (the growth "
                  "a value claim's figure implies)",
                  8, "refers_to");
  ExpectFileError(
      "id = \"a\"\ntext = \"t\"\nmetric = \"share\"\nreporter = \"CN-XJ\"\nperiod = \"2020\"\n"
      "stated = \"4.5%\"\nof = { partner = \"WLD\", colour = \"red\" }\n",  // the value "red" is at column 34
      "test.toml:8:34: claim 'a': key 'of.colour': unknown key 'colour', expected one of reporter, partner, "
      "flow, product, period",
      8, "of.colour");
}

const TradeTable& SmallTable() {
  static const TradeTable table = BuildTable({
      {"CN-XJ", "USA", kX, "TOTAL", "2020", 4.0},
      {"CN-XJ", "USA", kT, "TOTAL", "2020", 6.0},
      {"CN-XJ", "WLD", kT, "TOTAL", "2020", 100.0},
      {"CN-XJ", "KAZ", kT, "TOTAL", "2020", 60.0},
  });
  return table;
}

ClaimsReport CheckOne(const std::string& body, const ClaimCheckOptions& options = {}) {
  return CheckClaims(SmallTable(), RepoReference(), One(body), options);
}

TEST(ClaimCheckTest, ABoundMetByARowIsNotTheDataEntry) {
  // The row holds 4.0 USD (exports to the US). "About 4 USD" is that figure typed in; "more than 3 USD" is met by
  // it but is not it (a row of 3 would not support it); "at least 4 USD" can be the figure itself.
  auto verdict = [](const std::string& stated) {
    const ClaimsReport report = CheckOne(R"(id = "v"
text = "t"
metric = "value"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2020"
stated = ")" + stated + "\"\n");
    return report.results.at(0).verdict;
  };
  EXPECT_EQ(verdict("about 4 USD"), ClaimVerdict::kMatchesDataEntry);
  EXPECT_EQ(verdict("more than 3 USD"), ClaimVerdict::kSupported);
  EXPECT_EQ(verdict("less than 5 USD"), ClaimVerdict::kSupported);
  EXPECT_EQ(verdict("at least 4 USD"), ClaimVerdict::kMatchesDataEntry);
}

TEST(ClaimCheckTest, AWorldValueThatIsOnlyASumOfItemisedRowsIsNotKnown) {
  // Exports to the world: no WLD row, only the 4.0 USD to the US. "More than 5 USD" may well be true, so the
  // sum of the one partner row present must not contradict it (china-canada-canola-2019 had it contradicted).
  const std::string body = R"(id = "w"
text = "t"
metric = "value"
reporter = "CN-XJ"
flow = "exports"
period = "2020"
stated = "more than 5 USD"
)";
  const ClaimsReport partial = CheckOne(body);
  ASSERT_EQ(partial.results.size(), 1u);
  EXPECT_EQ(partial.results[0].status, ClaimStatus::kNotCheckable);
  EXPECT_THAT(partial.results[0].message,
              HasSubstr("the value is not known: CN-XJ exports to WLD, TOTAL, 2020 is not a row of the data, only a "
                        "sum of the itemised rows present (partner WLD: sum over 1 partner)"));
  // Where the data itemise every flow (BACI), the sum is the world's value: 4 is not more than 5.
  const ClaimsReport complete = CheckOne(body, ClaimCheckOptions{.itemisation = Itemisation::kComplete});
  EXPECT_EQ(complete.results[0].status, ClaimStatus::kContradicted);
  // A row of its own is judged as before.
  EXPECT_EQ(CheckOne(R"(id = "u"
text = "t"
metric = "value"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2020"
stated = "more than 5 USD"
)")
                .results[0]
                .status,
            ClaimStatus::kContradicted);
}

TEST(ClaimCheckTest, SupportedContradictedNotCheckable) {
  // USA's share of 2020 trade: 6 / 100 = 6.0%; "6%" allows 5.5% to 6.5%.
  ClaimsReport report = CheckOne(R"(id = "s"
text = "t"
metric = "share"
reporter = "CN-XJ"
partner = "USA"
flow = "trade"
period = "2020"
stated = "6%")");
  ASSERT_EQ(report.results.size(), 1u);
  EXPECT_EQ(report.results[0].status, ClaimStatus::kSupported);
  EXPECT_DOUBLE_EQ(*report.results[0].computed, 0.06);
  // The message names the numerator and the denominator with their values.
  EXPECT_EQ(report.results[0].message,
            "computed 6.0%, within 5.5% to 6.5% (CN-XJ trade with USA, TOTAL, 2020 of CN-XJ trade with WLD, TOTAL, "
            "2020: 6 USD / 100 USD)");
  // Rows used: USA trade (index 1) and WLD trade (index 2).
  ASSERT_EQ(report.results[0].rows.size(), 2u);
  EXPECT_EQ(report.results[0].rows[0].index, 1u);
  EXPECT_EQ(report.results[0].rows[1].index, 2u);

  // "70%": 6.0% is 64.0 points below.
  report = CheckOne(R"(id = "s"
text = "t"
metric = "share"
reporter = "CN-XJ"
partner = "USA"
flow = "trade"
period = "2020"
stated = "70%")");
  EXPECT_EQ(report.results[0].status, ClaimStatus::kContradicted);
  EXPECT_EQ(report.results[0].message,
            "computed 6.0%, 64.0 points below the stated 70% (which allows 69.5% to 70.5%) (CN-XJ trade with USA, "
            "TOTAL, 2020 of CN-XJ trade with WLD, TOTAL, 2020: 6 USD / 100 USD)");

  // A value: 4 USD of exports; "not more than 3 USD" is contradicted by 1 USD = 33.3% of 3 (shown with one
  // decimal more than stated).
  report = CheckOne(R"(id = "v"
text = "t"
metric = "value"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2020"
comparison = "at_most"
stated = "3 USD")");
  EXPECT_EQ(report.results[0].status, ClaimStatus::kContradicted);
  EXPECT_EQ(report.results[0].message, "computed 4.0 USD, 1.0 USD (33.3%) above the stated 3 USD");

  // Growth needs 2019, which is not in the table.
  report = CheckOne(R"(id = "g"
text = "t"
metric = "growth"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2020"
stated = "-10%")");
  EXPECT_EQ(report.results[0].status, ClaimStatus::kNotCheckable);
  EXPECT_EQ(
      report.results[0].message,
      "no data for CN-XJ exports to USA, TOTAL, 2019; the data hold CN-XJ exports to USA for 2020");  // SmallTable's
                                                                                                      // row
  EXPECT_EQ(report.not_checkable, 1u);
}

TEST(ClaimCheckTest, EachComparisonOnAValue) {
  // USA exports 2020 = 4 USD.
  const std::string head =
      "id = \"v\"\ntext = \"t\"\nmetric = \"value\"\nreporter = \"CN-XJ\"\npartner = \"USA\"\n"
      "flow = \"exports\"\nperiod = \"2020\"\n";
  auto status = [&](const std::string& comparison, const std::string& stated) {
    return CheckOne(head + "comparison = \"" + comparison + "\"\nstated = \"" + stated + "\"\n").results[0].status;
  };
  EXPECT_EQ(status("about", "4 USD"), ClaimStatus::kSupported);         // [3.5, 4.5]
  EXPECT_EQ(status("about", "4.6 USD"), ClaimStatus::kContradicted);    // [4.55, 4.65]
  EXPECT_EQ(status("at_least", "4 USD"), ClaimStatus::kSupported);      // 4 >= 4
  EXPECT_EQ(status("more_than", "3 USD"), ClaimStatus::kSupported);     // 4 > 3
  EXPECT_EQ(status("more_than", "5 USD"), ClaimStatus::kContradicted);  // 4 > 5 is false
  EXPECT_EQ(status("less_than", "5 USD"), ClaimStatus::kSupported);     // 4 < 5
  EXPECT_EQ(status("less_than", "3 USD"), ClaimStatus::kContradicted);  // 4 < 3 is false
  // Exactly on a strict bound: the row most likely is the claim's own rounded figure ("more than US$90
  // million" recorded as 90 million), so the data cannot tell.
  EXPECT_EQ(status("more_than", "4 USD"), ClaimStatus::kNotCheckable);
  EXPECT_EQ(status("less_than", "4 USD"), ClaimStatus::kNotCheckable);
  EXPECT_EQ(status("not_more_than", "4 USD"), ClaimStatus::kSupported);  // 4 <= 4
}

TEST(ClaimCheckTest, AmbiguousFlowTriesExportsAndTrade) {
  // No flow given: exports 4 / 100 = 4.0% is outside 5.5..6.5%; trade 6 / 100 = 6.0% is inside.
  const ClaimsReport report = CheckOne(R"(id = "s"
text = "t"
metric = "share"
reporter = "CN-XJ"
partner = "USA"
period = "2020"
stated = "6%"
of = { partner = "WLD", flow = "trade" })");
  const ClaimResult& result = report.results[0];
  ASSERT_EQ(result.tried.size(), 2u);
  EXPECT_EQ(result.status, ClaimStatus::kSupported);
  EXPECT_EQ(result.used.flow, Flow::kTrade);
  EXPECT_EQ(result.message,
            "reading flow trade: computed 6.0%, within 5.5% to 6.5% (CN-XJ trade with USA, TOTAL, 2020 of CN-XJ trade "
            "with WLD, TOTAL, 2020: 6 USD / 100 USD); also tried flow exports: contradicted, computed 4.0%, 2.0 points "
            "below the stated 6% (which allows 5.5% to 6.5%) (CN-XJ exports to USA, TOTAL, 2020 of CN-XJ trade with "
            "WLD, TOTAL, 2020: 4 USD / 100 USD)");
}

TEST(ClaimCheckTest, RankOfTheLargestPartner) {
  // KAZ 60 of 100, USA 6; rest 34 < 60, so nothing hidden in the rest can outrank KAZ.
  const ClaimsReport report = CheckOne(R"(id = "r"
text = "t"
metric = "rank"
reporter = "CN-XJ"
partner = "KAZ"
flow = "trade"
period = "2020"
stated = "1")");
  EXPECT_EQ(report.results[0].status, ClaimStatus::kSupported);
  EXPECT_DOUBLE_EQ(*report.results[0].computed, 1.0);
}

TEST(ClaimCheckTest, CurrencyReadingsForGrowth) {
  // 100 CNY in 2019, 110 CNY in 2020: +10.0% in yuan. In dollars, each year at its own rate (6.9081 in 2019,
  // 6.9042 in 2020): 110 / 6.9042 / (100 / 6.9081) - 1 = 1.1 * 6.9081 / 6.9042 - 1 = 10.062%, outside
  // "10.0%" = 9.95%..10.05%. The table has a USD row too, so no currency is implied: both are tried, USD first.
  const TradeTable table = BuildTable({{"CN-XJ", "USA", kX, "TOTAL", "2019", 100.0, "CNY"},
                                       {"CN-XJ", "USA", kX, "TOTAL", "2020", 110.0, "CNY"},
                                       {"CN-XJ", "WLD", kT, "TOTAL", "2020", 999.0, "USD"}});
  const ClaimsReport report = CheckClaims(table, RepoReference(), One(R"(id = "g"
text = "t"
metric = "growth"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2020"
stated = "10.0%")"));
  const ClaimResult& result = report.results[0];
  ASSERT_EQ(result.tried.size(), 2u);
  EXPECT_EQ(result.tried[0].currency, "USD");
  EXPECT_EQ(result.tried[0].status, ClaimStatus::kContradicted);
  EXPECT_NEAR(*result.tried[0].computed, 1.1 * 6.9081 / 6.9042 - 1.0, 1e-12);
  EXPECT_EQ(result.status, ClaimStatus::kSupported);
  EXPECT_EQ(result.used.currency, "CNY");
  EXPECT_NEAR(*result.computed, 0.1, 1e-12);
  EXPECT_THAT(result.message, HasSubstr("reading flow exports, currency CNY: computed 10.00%"));
  EXPECT_THAT(result.message, HasSubstr("also tried flow exports, currency USD: contradicted, computed 10.06%"));
}

TEST(ClaimCheckTest, CountOfPartners) {
  // Partners of 2020 trade itemised: KAZ (60) and USA (6); the rest 100 - 66 = 34 is not itemised.
  const ClaimsReport report = CheckOne(R"(id = "c"
text = "t"
metric = "count"
reporter = "CN-XJ"
flow = "trade"
period = "2020"
stated = "at least 2")");
  EXPECT_EQ(report.results[0].status, ClaimStatus::kSupported);
  EXPECT_DOUBLE_EQ(*report.results[0].computed, 2.0);
  EXPECT_THAT(report.results[0].message, HasSubstr("a rest of 34 USD is not itemised"));
}

TEST(ClaimConsistencyTest, ImpliedBaseWhenTheBaseIsMissing) {
  // "more than US$90 million, a year-on-year decline of 10%": 90 / (1 - 0.10) = 100 million USD in 2020-01..05.
  const ClaimsFile file = ParseClaims(R"([[claim]]
id = "level"
text = "t"
metric = "value"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2021-01..2021-05"
stated = "more than US$90 million"

[[claim]]
id = "yoy"
text = "t"
metric = "growth"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2021-01..2021-05"
stated = "-10%"
refers_to = "level"
)",
                                      "test.toml");
  const ClaimsReport report = CheckClaims(SmallTable(), RepoReference(), file);
  EXPECT_TRUE(report.inconsistencies.empty());
  ASSERT_EQ(report.results[1].notes.size(), 1u);
  EXPECT_EQ(report.results[1].notes[0],
            "'level' and 'yoy' together imply a 2020-01..2020-05 value of about 100.0 million USD (90.00 million USD / "
            "(1 - 10%)); not checkable: no data for CN-XJ exports to USA, TOTAL, 2020-01..2020-05; the data hold CN-XJ "
            "exports to USA for 2020");  // SmallTable's row
}

// A stand-in for the nowcast: 2021 exports to the US of 250 M USD (band 200-300 M).
class FakeProjection : public ProjectionSource {
 public:
  std::optional<Projection> Project(const Selection& selection, const IndicatorOptions&) override {
    if (selection.partner != "USA") return std::nullopt;
    return Projection{
        .central = 250e6, .low = 200e6, .high = 300e6, .currency = "USD", .description = "fake", .assumptions = {}};
  }
};

// The article's 2020 figure: 4.528 billion CNY of exports to the US.
const TradeTable& UsExportsTable() {
  static const TradeTable table = BuildTable({{"CN-XJ", "USA", kX, "TOTAL", "2020", 4.528e9, "CNY"}});
  return table;
}

constexpr char kCapAndDrop[] = R"([[claim]]
id = "cap"
text = "will not exceed 300 million U.S. dollars,"
metric = "projected_value"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2021"
comparison = "not_more_than"
stated = "300 million USD"

[[claim]]
id = "drop"
text = "which will drop by more than 70% year-on-year."
metric = "projected_growth"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2021"
comparison = "less_than"
stated = "-70%"
refers_to = "cap"
)";

TEST(ClaimCheckTest, ProjectionsFromASource) {
  const ClaimsFile file = ParseClaims(kCapAndDrop, "test.toml");
  // Without a source: not checkable.
  ClaimsReport report = CheckClaims(UsExportsTable(), RepoReference(), file);
  EXPECT_EQ(report.results[0].status, ClaimStatus::kNotCheckable);
  EXPECT_EQ(report.results[0].message, "no projection (no projection source was given)");
  // With the fake: 250 M <= 300 M is supported; growth 250 / 655.83 - 1 = -61.9% (2020: 4.528 bn CNY / 6.9042 =
  // 655.83 M USD) is not below -70%: 8.1 points above.
  FakeProjection fake;
  report = CheckClaims(UsExportsTable(), RepoReference(), file, ClaimCheckOptions{.projections = &fake});
  EXPECT_EQ(report.results[0].status, ClaimStatus::kSupported);
  // The band, 200..300 M, lies wholly within "not more than 300 M".
  EXPECT_EQ(report.results[0].message,
            "computed 250.0 million USD, within at most 300.0 million USD (projection: band 200.0 million USD to 300.0 "
            "million USD; the whole band agrees)");
  EXPECT_EQ(report.results[1].status, ClaimStatus::kContradicted);
  EXPECT_NEAR(*report.results[1].computed, 250e6 / (4.528e9 / 6.9042) - 1.0, 1e-12);
  EXPECT_THAT(report.results[1].message, HasSubstr("computed -61.9%, 8.1 points above the stated -70%"));
  ASSERT_EQ(report.results[1].rates.size(), 1u);
  EXPECT_DOUBLE_EQ(report.results[1].rates[0].per_usd, 6.9042);
}

TEST(ClaimConsistencyTest, ThreeHundredMillionIsNotASeventyPercentDrop) {
  // 2020: 4.528 bn CNY / 6.9042 CNY per USD = 655.83 M USD. 300 / 655.83 - 1 = -0.5426 = -54.3%, not below -70%;
  // a drop of more than 70% needs less than 0.3 * 655.83 = 196.7 M USD.
  const ClaimsReport report = CheckClaims(UsExportsTable(), RepoReference(), ParseClaims(kCapAndDrop, "test.toml"));
  ASSERT_EQ(report.inconsistencies.size(), 1u);
  const ClaimInconsistency& found = report.inconsistencies[0];
  EXPECT_EQ(found.claim_ids, (std::vector<std::string>{"cap", "drop"}));
  EXPECT_THAT(found.explanation, HasSubstr("655.8 million USD (4.528 billion CNY at 6.9042 CNY per USD in 2020)"));
  EXPECT_THAT(found.explanation, HasSubstr("a change of -54.3%"));
  EXPECT_THAT(found.explanation, HasSubstr("needs less than 196.7 million USD"));
}

TEST(ClaimConsistencyTest, ValueAndGrowthLinkedByTheBase) {
  // "at least 500 million USD" in 2021 against 2020's 655.83 M USD (4.528 bn CNY / 6.9042) means a change of at
  // least 500 / 655.83 - 1 = -23.76%, which never meets "a drop of more than 70%" (less than -70%).
  const ClaimsFile file = ParseClaims(R"([[claim]]
id = "level"
text = "t"
metric = "projected_value"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2021"
stated = "at least 500 million USD"

[[claim]]
id = "drop"
text = "t"
metric = "projected_growth"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2021"
stated = "less than -70%"
)",
                                      "test.toml");
  const ClaimsReport report = CheckClaims(UsExportsTable(), RepoReference(), file);
  ASSERT_EQ(report.inconsistencies.size(), 1u);
  EXPECT_EQ(report.inconsistencies[0].claim_ids, (std::vector<std::string>{"level", "drop"}));
  EXPECT_THAT(report.inconsistencies[0].explanation, HasSubstr("means a change of at least -23.8%"));
  EXPECT_THAT(report.inconsistencies[0].explanation, HasSubstr("'drop' allows less than -70.0%"));
}

TEST(ClaimConsistencyTest, DisjointIntervalsOnOneQuantity) {
  // "at most 3 USD" and "more than 5 USD" about the same value: (-inf, 3] and (5, inf) do not meet.
  const ClaimsFile file = ParseClaims(R"([[claim]]
id = "low"
text = "t"
metric = "value"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2020"
stated = "at most 3 USD"

[[claim]]
id = "high"
text = "t"
metric = "value"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2020"
stated = "more than 5 USD"
)",
                                      "test.toml");
  const ClaimsReport report = CheckClaims(SmallTable(), RepoReference(), file);
  ASSERT_EQ(report.inconsistencies.size(), 1u);
  EXPECT_EQ(report.inconsistencies[0].explanation,
            "'low' allows at most 3 USD and 'high' allows more than 5 USD: no value satisfies both");
}

TEST(ClaimsSeedCaseTest, TheArticlesClaims) {
  const std::filesystem::path dir = std::filesystem::path(TRADESHOCK_SOURCE_DIR) / "data/cases/xinjiang-2021";
  const TradeTable table = ReadTradeFiles({(dir / "flows.csv").string()}, RepoReference());
  const ClaimsFile claims = ReadClaimsFile((dir / "claims.toml").string());
  const ClaimsReport report = CheckClaims(table, RepoReference(), claims);
  auto result = [&](const std::string& id) -> const ClaimResult& {
    for (const ClaimResult& r : report.results) {
      if (r.id == id) return r;
    }
    throw Error("no claim " + id);
  };
  // 6.681 bn CNY / 6.9042 = 0.96767 bn USD; / 21.387 = 4.525%, within 4.45%..4.55%.
  const ClaimResult& share = result("us-share-2020");
  EXPECT_EQ(share.status, ClaimStatus::kSupported);
  EXPECT_NEAR(*share.computed, 6.681 / 6.9042 / 21.387, 1e-9);
  ASSERT_EQ(share.rates.size(), 1u);
  EXPECT_DOUBLE_EQ(share.rates[0].per_usd, 6.9042);
  ASSERT_EQ(share.rows.size(), 2u);
  EXPECT_THAT(share.rows[0].source, HasSubstr("accounting for 4.5%"));
  // Kazakhstan: 75.826 / 6.9042 / 21.387 = 51.4% of the total, more than the 28.9% not itemised.
  EXPECT_EQ(result("kaz-largest-partner").status, ClaimStatus::kSupported);
  // "more than US$90 million": the row holds the bound itself.
  EXPECT_EQ(result("us-exports-jan-may-2021").status, ClaimStatus::kNotCheckable);
  // The only exports total the data can build is the sum of the one partner row (exports to the US, 4.528 bn
  // CNY, less than the two groups' 34.996 + 24.672 bn): not a total, so the share is not checkable.
  EXPECT_EQ(result("mech-elec-clothing-share-2020").status, ClaimStatus::kNotCheckable);
  EXPECT_THAT(result("mech-elec-clothing-share-2020").message,
              HasSubstr("its denominator, CN-XJ exports to WLD, TOTAL, 2020, is not a row of the data, only a sum of "
                        "the itemised rows present (partner WLD: sum over 1 partner)"));
  // No Belt-and-Road group in the reference data.
  EXPECT_THAT(result("mech-elec-bri-eu-share").message, HasSubstr("unknown economy 'BRI'"));
  // Projections without a source, and growth without a base, are not checkable.
  EXPECT_EQ(result("us-exports-2021-cap").status, ClaimStatus::kNotCheckable);
  EXPECT_EQ(result("exports-jan-may-2021-yoy").status, ClaimStatus::kNotCheckable);
  // The 300 M / 70% pair is inconsistent with the 2020 figure.
  ASSERT_FALSE(report.inconsistencies.empty());
  EXPECT_EQ(report.inconsistencies[0].claim_ids,
            (std::vector<std::string>{"us-exports-2021-cap", "us-exports-2021-drop"}));
}

}  // namespace
}  // namespace tradeshock::testing
