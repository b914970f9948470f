// The consistency check (src/claims/consistency.cc) on pairs that CAN hold together — negative controls, which
// must not be flagged — and on pairs just across the boundary, which must be. The other consistency tests
// (claims_test.cc) all expect an inconsistency, so a check that flagged every pair would pass them.
//
// Every pair is about Xinjiang's 2021 exports to the US against the one base row, 2020: 4.528 billion CNY at
// 6.9042 CNY per USD (Federal Reserve H.10, 2020 average, data/reference/fx) = 4528 / 6.9042 = 655.8327 M USD.
// A 2021 value v is a change of v / 655.8327 - 1; "less than -70%" needs v < 0.3 x 655.8327 = 196.7498 M USD.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "indicators/table_builder.h"
#include "reference/reference_fixture.h"
#include "tradeshock/claims.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

const TradeTable& UsExports2020() {
  static const TradeTable table = BuildTable({{"CN-XJ", "USA", kX, "TOTAL", "2020", 4.528e9, "CNY"}});
  return table;
}

// A projected value claim "<value_figure>" and a projected growth claim "<growth_figure>" on the same flow and
// year, with one partner (USA unless given); `refers_to` ties the growth to the value when `tied` is true.
ClaimsFile Pair(const std::string& value_figure, const std::string& growth_figure, bool tied,
                const std::string& partner = "USA") {
  const auto claim = [&](const std::string& id, const std::string& metric, const std::string& stated) {
    return "[[claim]]\nid = \"" + id + "\"\ntext = \"t\"\nmetric = \"" + metric +
           "\"\nreporter = \"CN-XJ\"\npartner = \"" + partner +
           "\"\nflow = \"exports\"\nperiod = \"2021\"\nstated = \"" + stated + "\"\n";
  };
  std::string text =
      claim("level", "projected_value", value_figure) + "\n" + claim("drop", "projected_growth", growth_figure);
  if (tied) text += "refers_to = \"level\"\n";
  return ParseClaims(text, "test.toml");
}

ClaimsReport Check(const ClaimsFile& file) { return CheckClaims(UsExports2020(), RepoReference(), file); }

// "at most 300 M USD" and "less than -70%" as two separate statements (no `refers_to`, docs/METHODS.md
// "Consistency" rule 2). The value's interval (-inf, 300] maps to growths (-inf, 300 / 655.8327 - 1] =
// (-inf, -54.26%]; the growth claim allows (-inf, -70%). They meet on (-inf, -70%): any 2021 value below
// 196.75 M USD satisfies both — e.g. 150 M is at most 300 M and a change of 150 / 655.8327 - 1 = -77.1%.
// So the pair is compatible and must not be reported.
TEST(ClaimConsistencyControlTest, AtMostThreeHundredAndBelowMinusSeventyCanBothHold) {
  const ClaimsReport report = Check(Pair("at most 300 million USD", "less than -70%", false));
  ASSERT_EQ(report.results.size(), 2u);
  EXPECT_TRUE(report.inconsistencies.empty()) << report.inconsistencies.front().explanation;
}

// The same pair with the comparisons given as keys, as claims.toml writes them (not_more_than, less_than).
TEST(ClaimConsistencyControlTest, SameWithComparisonKeys) {
  const ClaimsFile file = ParseClaims(R"([[claim]]
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
text = "it will drop by more than 70% year-on-year."
metric = "projected_growth"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2021"
comparison = "less_than"
stated = "-70%"
)",
                                      "test.toml");
  const ClaimsReport report = Check(file);
  EXPECT_TRUE(report.inconsistencies.empty()) << report.inconsistencies.front().explanation;
}

// Close to the boundary, untied (rule 2). "at least 197 M USD" maps to growths [197 / 655.8327 - 1, inf) =
// [-69.96%, inf), which does not meet (-inf, -70%): inconsistent. "at least 196.5 M USD" maps to
// [-70.04%, inf), which meets (-inf, -70%) on [-70.04%, -70%): compatible (e.g. 196.6 M = -70.02%).
TEST(ClaimConsistencyControlTest, AtLeastValueJustAboveTheBoundaryBites) {
  const ClaimsReport above = Check(Pair("at least 197 million USD", "less than -70%", false));
  ASSERT_EQ(above.inconsistencies.size(), 1u);
  EXPECT_EQ(above.inconsistencies[0].claim_ids, (std::vector<std::string>{"level", "drop"}));
  EXPECT_THAT(above.inconsistencies[0].explanation, HasSubstr("means a change of at least -70.0%"));
  EXPECT_THAT(above.inconsistencies[0].explanation, HasSubstr("655.8 million USD"));

  const ClaimsReport below = Check(Pair("at least 196.5 million USD", "less than -70%", false));
  EXPECT_TRUE(below.inconsistencies.empty()) << below.inconsistencies.front().explanation;
}

// Tied by `refers_to` (rule 1): the growth describes the stated figure itself, so the figure must be below
// 196.75 M USD. 196 M: 196 / 655.8327 - 1 = -70.11% < -70%, consistent (and said so in a note); 197 M:
// -69.96%, not below -70%, inconsistent; the article's 300 M: -54.26%, inconsistent (claims_test.cc).
TEST(ClaimConsistencyControlTest, TiedFigureJustBelowTheBoundaryIsConsistent) {
  const ClaimsReport consistent = Check(Pair("196 million USD", "less than -70%", true));
  EXPECT_TRUE(consistent.inconsistencies.empty()) << consistent.inconsistencies.front().explanation;
  ASSERT_EQ(consistent.results.size(), 2u);
  ASSERT_EQ(consistent.results[1].notes.size(), 1u);
  EXPECT_THAT(consistent.results[1].notes[0], HasSubstr("consistent with 'level'"));
  EXPECT_THAT(consistent.results[1].notes[0], HasSubstr("a change of -70.1%"));

  const ClaimsReport inconsistent = Check(Pair("197 million USD", "less than -70%", true));
  ASSERT_EQ(inconsistent.inconsistencies.size(), 1u);
  EXPECT_EQ(inconsistent.inconsistencies[0].claim_ids, (std::vector<std::string>{"level", "drop"}));
  EXPECT_THAT(inconsistent.inconsistencies[0].explanation, HasSubstr("a change of -70.0%"));
  EXPECT_THAT(inconsistent.inconsistencies[0].explanation, HasSubstr("needs less than 196.7 million USD"));
}

// Rule 3 (same quantity): "at most 300 M USD" and "more than 250 M USD" meet on (250, 300]: compatible;
// "at most 300 M USD" and "more than 300 M USD" meet nowhere ((-inf, 300] and (300, inf)): inconsistent — the
// boundary itself, where an off-by-one in open/closed ends would show.
TEST(ClaimConsistencyControlTest, SameQuantityTouchingIntervals) {
  const auto two_values = [](const std::string& a, const std::string& b) {
    return ParseClaims(R"([[claim]]
id = "a"
text = "t"
metric = "projected_value"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2021"
stated = ")" + a + R"("

[[claim]]
id = "b"
text = "t"
metric = "projected_value"
reporter = "CN-XJ"
partner = "USA"
flow = "exports"
period = "2021"
stated = ")" + b + "\"\n",
                       "test.toml");
  };
  EXPECT_TRUE(Check(two_values("at most 300 million USD", "more than 250 million USD")).inconsistencies.empty());
  const ClaimsReport touching = Check(two_values("at most 300 million USD", "more than 300 million USD"));
  ASSERT_EQ(touching.inconsistencies.size(), 1u);
  EXPECT_EQ(touching.inconsistencies[0].claim_ids, (std::vector<std::string>{"a", "b"}));
}

// A pair on a partner code the reference does not know (BRI, as in the seed case) is about nothing the data can
// hold: both claims are not checkable (projections without a source here), the consistency check flags
// nothing, and it does not stop the whole report (the claims file is read without the reference, so its codes
// meet the reference only when checked). Tied, the growth claim's note gives the base the two statements imply,
// 196 / (1 - 70%) = 653.3 M USD, and why it cannot be compared: the unknown code.
TEST(ClaimConsistencyControlTest, UnknownPartnerLeavesBothNotCheckable) {
  for (const bool tied : {false, true}) {
    const ClaimsReport report = Check(Pair("196 million USD", "less than -70%", tied, "BRI"));
    EXPECT_TRUE(report.inconsistencies.empty()) << tied;
    ASSERT_EQ(report.results.size(), 2u);
    for (const ClaimResult& result : report.results) {
      EXPECT_EQ(result.status, ClaimStatus::kNotCheckable) << result.id;
    }
    const ClaimResult& drop = report.results[1];
    ASSERT_EQ(drop.id, "drop");
    if (tied) {
      ASSERT_EQ(drop.notes.size(), 1u);
      EXPECT_THAT(drop.notes[0], HasSubstr("imply a 2020 value of about 653.3 million USD"));
      EXPECT_THAT(drop.notes[0], HasSubstr("not checkable: unknown economy 'BRI'"));
    } else {
      EXPECT_TRUE(drop.notes.empty());
    }
  }
}

}  // namespace
}  // namespace tradeshock::testing
