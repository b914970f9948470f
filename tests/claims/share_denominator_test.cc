// Share claims: which denominator a share is of (`of` replaces only the keys it names; without `of` a product's
// share is of the same partner's TOTAL), a denominator that is only a sum of itemised rows makes the share not
// checkable, and every share names its numerator and denominator in the message and the JSON. Every expected
// number is worked out by hand in a comment.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "indicators/table_builder.h"
#include "reference/reference_fixture.h"
#include "tradeshock/claims.h"
#include "tradeshock/result_json.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

// Russia's 2021 exports to the US by product, with their total, and its exports to the world (USD):
//   RUS -> USA: HS 27 = 70, HS 72 = 20, TOTAL = 100;  RUS -> WLD: TOTAL = 2448.
const TradeTable& RussiaTable() {
  static const TradeTable table = BuildTable({
      {"RUS", "USA", kX, "27", "2021", 70.0},
      {"RUS", "USA", kX, "72", "2021", 20.0},
      {"RUS", "USA", kX, "TOTAL", "2021", 100.0},
      {"RUS", "WLD", kX, "TOTAL", "2021", 2448.0},
  });
  return table;
}

// The same exports to the US by product, but no TOTAL row of them and no world row.
const TradeTable& NoTotalTable() {
  static const TradeTable table = BuildTable({
      {"RUS", "USA", kX, "27", "2021", 70.0},
      {"RUS", "USA", kX, "72", "2021", 20.0},
  });
  return table;
}

// A claim on HS 27's share of Russia's 2021 exports to the US; `extra` adds `of` or changes the figure.
std::string EnergyShare(const std::string& stated, const std::string& extra = "") {
  return "[[claim]]\nid = \"energy\"\ntext = \"energy is 70% of Russia's exports to the US\"\nmetric = \"share\"\n"
         "reporter = \"RUS\"\npartner = \"USA\"\nflow = \"exports\"\nproduct = \"27\"\nperiod = \"2021\"\n"
         "stated = \"" +
         stated + "\"\n" + extra;
}

ClaimResult Check(const TradeTable& table, const std::string& text, const ClaimCheckOptions& options = {}) {
  const ClaimsReport report = CheckClaims(table, RepoReference(), ParseClaims(text, "claims.toml"), options);
  EXPECT_EQ(report.results.size(), 1u);
  return report.results.at(0);
}

TEST(ShareDenominatorTest, OfOverridesOnlyTheKeysItNames) {
  // of = { product = "TOTAL" } keeps the claim's partner USA: 70 / 100 = 70.0%, inside "70%" = 69.5%..70.5%
  // (dividing by the exports to the world would give 70 / 2448 = 2.86%).
  const ClaimResult result = Check(RussiaTable(), EnergyShare("70%", "of = { product = \"TOTAL\" }\n"));
  EXPECT_EQ(result.status, ClaimStatus::kSupported);
  EXPECT_DOUBLE_EQ(*result.computed, 0.70);
  ASSERT_TRUE(result.used.numerator && result.used.denominator);
  EXPECT_EQ(result.used.numerator->describes, "RUS exports to USA, 27, 2021");
  EXPECT_DOUBLE_EQ(*result.used.numerator->value, 70.0);
  EXPECT_EQ(result.used.denominator->describes, "RUS exports to USA, TOTAL, 2021");
  EXPECT_DOUBLE_EQ(*result.used.denominator->value, 100.0);
  EXPECT_EQ(result.message,
            "computed 70.0%, within 69.5% to 70.5% (RUS exports to USA, 27, 2021 of RUS exports to USA, TOTAL, 2021: "
            "70 USD / 100 USD)");
}

TEST(ShareDenominatorTest, WithoutOfAProductShareIsOfTheSamePartnersTotal) {
  // No `of`: the product's share of all products to the same partner, 70 / 100 = 70.0% (was: of the
  // product's exports to the world, here a one-partner sum, 70 / 70 = "contradicted, 100%").
  const ClaimResult result = Check(RussiaTable(), EnergyShare("70%"));
  EXPECT_EQ(result.status, ClaimStatus::kSupported);
  EXPECT_DOUBLE_EQ(*result.computed, 0.70);
  EXPECT_EQ(result.used.denominator->describes, "RUS exports to USA, TOTAL, 2021");
}

TEST(ShareDenominatorTest, OfTheWorldWhenOfSaysSo) {
  // of = { partner = "WLD", product = "TOTAL" }: 70 / 2448 = 0.028595 = 2.860%, inside "2.86%" = 2.855%..2.865%.
  const ClaimResult result =
      Check(RussiaTable(), EnergyShare("2.86%", "of = { partner = \"WLD\", product = \"TOTAL\" }\n"));
  EXPECT_EQ(result.status, ClaimStatus::kSupported);
  EXPECT_NEAR(*result.computed, 70.0 / 2448.0, 1e-15);
  EXPECT_EQ(result.used.denominator->describes, "RUS exports to WLD, TOTAL, 2021");
}

TEST(ShareDenominatorTest, WithoutOfAPartnerShareIsOfTheWorld) {
  // Partner USA, product TOTAL, no `of`: the US share of exports to the world, 100 / 2448 = 4.085%, inside
  // "4.1%" = 4.05%..4.15%.
  const ClaimResult result = Check(RussiaTable(),
                                   "[[claim]]\nid = \"us\"\ntext = \"t\"\nmetric = \"share\"\n"
                                   "reporter = \"RUS\"\npartner = \"USA\"\nflow = \"exports\"\n"
                                   "period = \"2021\"\nstated = \"4.1%\"\n");
  EXPECT_EQ(result.status, ClaimStatus::kSupported);
  EXPECT_NEAR(*result.computed, 100.0 / 2448.0, 1e-15);
  EXPECT_EQ(result.used.numerator->describes, "RUS exports to USA, TOTAL, 2021");
  EXPECT_EQ(result.used.denominator->describes, "RUS exports to WLD, TOTAL, 2021");
}

TEST(ShareDenominatorTest, NoTotalRowMakesTheShareNotCheckable) {
  // No RUS -> USA TOTAL row: the only denominator is 70 + 20 = 90, the sum of the two product rows present,
  // which need not be all of Russia's exports to the US. Not checkable (was: 70 / 90 = 77.8%).
  const ClaimResult result = Check(NoTotalTable(), EnergyShare("70%"));
  EXPECT_EQ(result.status, ClaimStatus::kNotCheckable);
  EXPECT_FALSE(result.computed.has_value());
  EXPECT_EQ(
      result.message,
      "the share is not known: its denominator, RUS exports to USA, TOTAL, 2021, is not a row of the data, only a "
      "sum of the itemised rows present (product TOTAL: sum over 2 HS codes at 2 digits), which need not cover "
      "everything");
  ASSERT_TRUE(result.used.numerator && result.used.denominator);
  EXPECT_DOUBLE_EQ(*result.used.numerator->value, 70.0);
  EXPECT_FALSE(result.used.denominator->value.has_value());

  // Of the world: the WLD value would be the one partner row, 70 / 70 = "100%". Not checkable either.
  const ClaimResult world = Check(NoTotalTable(), EnergyShare("70%", "of = { partner = \"WLD\" }\n"));
  EXPECT_EQ(world.status, ClaimStatus::kNotCheckable);
  EXPECT_THAT(world.message, HasSubstr("its denominator, RUS exports to WLD, 27, 2021, is not a row of the data"));
  EXPECT_THAT(world.message, HasSubstr("(partner WLD: sum over 1 partner)"));
}

TEST(ShareDenominatorTest, ACompleteItemisationSumsItsRows) {
  // Data that itemise every flow (BACI): the sum of the products is the total, 70 / 90 = 77.78%, inside
  // "77.8%" = 77.75%..77.85%.
  ClaimCheckOptions options;
  options.itemisation = Itemisation::kComplete;
  const ClaimResult result = Check(NoTotalTable(), EnergyShare("77.8%"), options);
  EXPECT_EQ(result.status, ClaimStatus::kSupported);
  EXPECT_NEAR(*result.computed, 70.0 / 90.0, 1e-15);
  EXPECT_THAT(result.message,
              HasSubstr("the total is the sum of the itemised rows: product TOTAL: sum over 2 HS codes"));
}

TEST(ShareDenominatorTest, ADenominatorEqualToTheNumeratorIsRefused) {
  // of = { partner = "USA" } changes nothing: the "share" would be 70 / 70.
  const ClaimResult result = Check(RussiaTable(), EnergyShare("70%", "of = { partner = \"USA\" }\n"));
  EXPECT_EQ(result.status, ClaimStatus::kNotCheckable);
  EXPECT_EQ(
      result.message,
      "the denominator is the numerator itself (RUS exports to USA, 27, 2021): name in `of` what the share is of");
}

TEST(ShareDenominatorTest, JsonNamesBothSidesAndLeavesAnUnknownNull) {
  const ClaimsFile file = ParseClaims(EnergyShare("70%"), "claims.toml");
  const nlohmann::json known = ToJson(CheckClaims(RussiaTable(), RepoReference(), file), RussiaTable());
  const nlohmann::json& result = known["results"][0];
  EXPECT_EQ(result["numerator"]["describes"], "RUS exports to USA, 27, 2021");
  EXPECT_EQ(result["numerator"]["value"], 70.0);
  EXPECT_EQ(result["denominator"]["describes"], "RUS exports to USA, TOTAL, 2021");
  EXPECT_EQ(result["denominator"]["value"], 100.0);
  EXPECT_EQ(result["used"]["denominator"]["value"], 100.0);

  const nlohmann::json unknown = ToJson(CheckClaims(NoTotalTable(), RepoReference(), file), NoTotalTable());
  const nlohmann::json& missing = unknown["results"][0];
  EXPECT_TRUE(missing["computed"].is_null());
  EXPECT_EQ(missing["denominator"]["describes"], "RUS exports to USA, TOTAL, 2021");
  EXPECT_TRUE(missing["denominator"]["value"].is_null());  // not known: null, never 0
  EXPECT_EQ(missing["status"], "not_checkable");

  // A claim that is not a share has neither side.
  const ClaimsFile value = ParseClaims(
      "[[claim]]\nid = \"v\"\ntext = \"t\"\nmetric = \"value\"\nreporter = \"RUS\"\n"
      "partner = \"USA\"\nflow = \"exports\"\nperiod = \"2021\"\nstated = \"100 USD\"\n",
      "claims.toml");
  const nlohmann::json other = ToJson(CheckClaims(RussiaTable(), RepoReference(), value), RussiaTable());
  EXPECT_TRUE(other["results"][0]["numerator"].is_null());
  EXPECT_TRUE(other["results"][0]["denominator"].is_null());
}

}  // namespace
}  // namespace tradeshock::testing
