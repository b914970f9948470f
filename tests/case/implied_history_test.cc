// ImpliedHistory: the earlier value a growth claim on a value claim implies, and only for the nowcast
// target's own flow. Expected values are the claims' figures worked by hand.
#include <gtest/gtest.h>

#include <string>

#include "reference/reference_fixture.h"
#include "tradeshock/case.h"
#include "tradeshock/claims.h"

namespace tradeshock::testing {
namespace {

constexpr char kValue[] =
    "[[claim]]\nid = \"v\"\ntext = \"t\"\nmetric = \"value\"\nreporter = \"CN-XJ\"\npartner = \"USA\"\n"
    "flow = \"exports\"\nperiod = \"2021-01..2021-05\"\nstated = \"more than 90 million USD\"\n";

std::string Growth(const std::string& stated, const std::string& refers_to, const std::string& flow = "exports") {
  return "[[claim]]\nid = \"g\"\ntext = \"t\"\nmetric = \"growth\"\nreporter = \"CN-XJ\"\npartner = \"USA\"\n"
         "flow = \"" +
         flow + "\"\nperiod = \"2021-01..2021-05\"\nstated = \"" + stated + "\"\nrefers_to = \"" + refers_to + "\"\n";
}

Selection Target() { return Selection{"CN-XJ", "USA", Flow::kExports, kTotalProduct, Period::Range(2021, 1, 2021, 5)}; }

TEST(ImpliedHistoryTest, GrowthOnAValueGivesTheYearBefore) {
  const ClaimsFile claims = ParseClaims(std::string(kValue) + Growth("-10%", "v"), "claims.toml");
  const std::vector<ImpliedValue> implied = ImpliedHistory(claims, Target(), RepoReference());
  ASSERT_EQ(implied.size(), 1u);
  // 90 million / (1 - 0.10) = 100 million USD, for January-May 2020.
  EXPECT_NEAR(implied[0].value, 100e6, 1e-3);
  EXPECT_EQ(implied[0].currency, "USD");
  EXPECT_EQ(implied[0].selection.period, Period::Range(2020, 1, 2020, 5));
  EXPECT_EQ(implied[0].value_claim, "v");
  EXPECT_EQ(implied[0].growth_claim, "g");
  EXPECT_NE(implied[0].explanation.find("taken at its figure"), std::string::npos) << implied[0].explanation;
  EXPECT_NE(implied[0].explanation.find("not data"), std::string::npos);
  // A rise works the same way: 90 / 1.2 = 75 million.
  const ClaimsFile rise = ParseClaims(std::string(kValue) + Growth("20%", "v"), "claims.toml");
  ASSERT_EQ(ImpliedHistory(rise, Target(), RepoReference()).size(), 1u);
  EXPECT_NEAR(ImpliedHistory(rise, Target(), RepoReference())[0].value, 75e6, 1e-3);
}

TEST(ImpliedHistoryTest, NothingWithoutAPairOnTheTargetsFlow) {
  const Reference& reference = RepoReference();
  // A growth claim that refers to no value claim, or is on another flow, or another target.
  EXPECT_TRUE(
      ImpliedHistory(ParseClaims(std::string(kValue) + "[[claim]]\nid = \"g\"\ntext = \"t\"\nmetric = \"growth\"\n"
                                                       "reporter = \"CN-XJ\"\npartner = \"USA\"\nflow = \"exports\"\n"
                                                       "period = \"2021-01..2021-05\"\nstated = \"-10%\"\n",
                                 "claims.toml"),
                     Target(), reference)
          .empty());
  EXPECT_TRUE(ImpliedHistory(ParseClaims(std::string(kValue) + Growth("-10%", "v", "trade"), "claims.toml"), Target(),
                             reference)
                  .empty());
  Selection other = Target();
  other.partner = "KAZ";
  EXPECT_TRUE(
      ImpliedHistory(ParseClaims(std::string(kValue) + Growth("-10%", "v"), "claims.toml"), other, reference).empty());
}

TEST(ImpliedHistoryTest, RowsTheTableHoldsAreNotReplaced) {
  TradeTableBuilder builder;
  builder.AddFile("t.csv");
  builder.Add({"CN-XJ", "USA", Flow::kExports, kTotalProduct, Period::Range(2020, 1, 2020, 5), 123e6, "USD"}, 2);
  const TradeTable table = builder.Build();
  const ClaimsFile claims = ParseClaims(std::string(kValue) + Growth("-10%", "v"), "claims.toml");
  EXPECT_TRUE(NotInTable(table, ImpliedHistory(claims, Target(), RepoReference())).empty());
  // A table without it gets the row, with its explanation as the source, after the table's own rows.
  TradeTableBuilder other;
  other.AddFile("t.csv");
  other.Add({"CN-XJ", "USA", Flow::kExports, kTotalProduct, Period::Year(2020), 655e6, "USD"}, 2);
  const TradeTable with = WithImpliedRows(other.Build(), ImpliedHistory(claims, Target(), RepoReference()));
  ASSERT_EQ(with.size(), 2u);
  EXPECT_NEAR(with.value()[1], 100e6, 1e-3);
  EXPECT_NE(with.sources()[with.source()[1]].find("implied by the article's claims"), std::string::npos);
}

}  // namespace
}  // namespace tradeshock::testing
