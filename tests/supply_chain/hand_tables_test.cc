// The supply-chain measures on 2- and 3-economy tables small enough to work out by hand; the arithmetic is
// written out beside each assertion.
#include <gtest/gtest.h>

#include <string>

#include "error_text.h"
#include "tradeshock/io_table.h"
#include "tradeshock/supply_chain.h"

namespace tradeshock::testing {
namespace {

// A, B with one industry each. x = (100, 200).
//   Z: A->A 20, A->B 40; B->A 10, B->B 60.  A = Z / x: [[0.2, 0.2], [0.1, 0.3]].
//   I - A = [[0.8, -0.2], [-0.1, 0.7]], det 0.54, L = (1 / 0.54) [[0.7, 0.2], [0.1, 0.8]].
//   v: A (100 - 30) / 100 = 0.7; B (200 - 100) / 200 = 0.5.
//   Y: A's product to A 30 (CONS_h 25 + INVEN 5), to B 10; B's product to A 20, to B 110.
const char kTwo[] =
    "row,A.c1,B.c1,A.CONS_h,A.CONS_np,A.CONS_g,A.GFCF,A.INVEN,B.CONS_h,B.CONS_np,B.CONS_g,B.GFCF,B.INVEN,GO\n"
    "A.c1,20,40,25,0,0,0,5,10,0,0,0,0,100\n"
    "B.c1,10,60,20,0,0,0,0,110,0,0,0,0,200\n";

// A, B, C with one industry each, x = (100, 100, 100); a chain: C supplies B (50), B supplies A (20).
//   A_BA = 0.2, A_CB = 0.5, nilpotent: L = I + A + A^2 = [[1, 0, 0], [0.2, 1, 0], [0.1, 0.5, 1]].
//   v: A 0.8, B 0.5, C 1.
//   Y: A's product 100 to A; B's 30 to A, 50 to B; C's 10 to A, 40 to C.
const char kThree[] =
    "row,A.c1,B.c1,C.c1,A.CONS_h,A.CONS_np,A.CONS_g,A.GFCF,A.INVEN,B.CONS_h,B.CONS_np,B.CONS_g,B.GFCF,B.INVEN,"
    "C.CONS_h,C.CONS_np,C.CONS_g,C.GFCF,C.INVEN,GO\n"
    "A.c1,0,0,0,100,0,0,0,0,0,0,0,0,0,0,0,0,0,0,100\n"
    "B.c1,20,0,0,30,0,0,0,0,50,0,0,0,0,0,0,0,0,0,100\n"
    "C.c1,0,50,0,10,0,0,0,0,0,0,0,0,0,40,0,0,0,0,100\n";

class SupplyChainHandTest : public ::testing::Test {
 protected:
  IoTable two_ = ReadIoTableBuffer(kTwo, "two.csv");
  IoTable three_ = ReadIoTableBuffer(kThree, "three.csv");
  LeontiefModel model2_ = LeontiefModel::Build(two_);
  LeontiefModel model3_ = LeontiefModel::Build(three_);
};

TEST_F(SupplyChainHandTest, CoefficientsAndInverse) {
  EXPECT_NEAR(model2_.coefficients()(0, 1), 0.2, 1e-15);
  EXPECT_NEAR(model2_.coefficients()(1, 1), 0.3, 1e-15);
  EXPECT_NEAR(model2_.inverse()(0, 0), 0.7 / 0.54, 1e-12);
  EXPECT_NEAR(model2_.inverse()(0, 1), 0.2 / 0.54, 1e-12);
  EXPECT_NEAR(model2_.inverse()(1, 0), 0.1 / 0.54, 1e-12);
  EXPECT_NEAR(model2_.inverse()(1, 1), 0.8 / 0.54, 1e-12);
  EXPECT_NEAR(model2_.value_added_coefficients()(0), 0.7, 1e-15);
  EXPECT_NEAR(model2_.value_added_coefficients()(1), 0.5, 1e-15);
  EXPECT_NEAR(model3_.inverse()(2, 0), 0.1, 1e-15);  // C -> B -> A: 0.5 x 0.2
  EXPECT_NEAR(model3_.inverse()(1, 0), 0.2, 1e-15);
  EXPECT_NEAR(model3_.inverse()(2, 1), 0.5, 1e-15);
  EXPECT_EQ(model2_.idle_sectors(), 0u);
}

TEST_F(SupplyChainHandTest, ValueAddedInFinalDemandTwoEconomies) {
  // y_A = (30, 20); L y_A = (1 / 0.54) (0.7 x 30 + 0.2 x 20, 0.1 x 30 + 0.8 x 20) = (25, 19) / 0.54.
  // VA(A -> A) = 0.7 x 25 / 0.54 = 17.5 / 0.54; VA(B -> A) = 0.5 x 19 / 0.54 = 9.5 / 0.54; sum 27 / 0.54 = 50.
  const FinalDemandValueAdded result = ValueAddedInFinalDemand(model2_, {.destination = "A"});
  EXPECT_EQ(result.unit, "millions of US dollars");
  EXPECT_DOUBLE_EQ(result.final_demand, 50.0);
  ASSERT_EQ(result.origins.size(), 2u);
  EXPECT_EQ(result.origins[0].origin, "A");
  EXPECT_NEAR(result.origins[0].value_added, 17.5 / 0.54, 1e-12);
  EXPECT_EQ(result.origins[1].origin, "B");
  EXPECT_NEAR(result.origins[1].value_added, 9.5 / 0.54, 1e-12);
  EXPECT_NEAR(*result.origins[1].share, 19.0 / 54.0, 1e-14);  // (9.5 / 0.54) / 50
  EXPECT_NEAR(result.unattributed, 0.0, 1e-12);
}

TEST_F(SupplyChainHandTest, ValueAddedInFinalDemandReachesThroughAThirdEconomy) {
  // y_A = (100, 30, 10); L y_A = (100, 0.2 x 100 + 30, 0.1 x 100 + 0.5 x 30 + 10) = (100, 50, 35).
  // VA: A 0.8 x 100 = 80, B 0.5 x 50 = 25, C 1 x 35 = 35; sum 140 = final demand. C ships A 10 directly (7.1%),
  // but its value added is 35 / 140 = 25% of A's final demand.
  const FinalDemandValueAdded result = ValueAddedInFinalDemand(model3_, {.destination = "A"});
  EXPECT_DOUBLE_EQ(result.final_demand, 140.0);
  ASSERT_EQ(result.origins.size(), 3u);
  EXPECT_EQ(result.origins[0].origin, "A");
  EXPECT_NEAR(result.origins[0].value_added, 80.0, 1e-12);
  EXPECT_EQ(result.origins[1].origin, "C");
  EXPECT_NEAR(result.origins[1].value_added, 35.0, 1e-12);
  EXPECT_NEAR(*result.origins[1].share, 0.25, 1e-15);
  EXPECT_EQ(result.origins[2].origin, "B");
  EXPECT_NEAR(result.origins[2].value_added, 25.0, 1e-12);
}

TEST_F(SupplyChainHandTest, ValueAddedInExports) {
  // Two economies: e_A = Z_AB + y_AB = 40 + 10 = 50; L's column A = (0.7, 0.1) / 0.54.
  // Domestic 0.7 x 0.7 x 50 / 0.54 = 24.5 / 0.54; foreign 0.5 x 0.1 x 50 / 0.54 = 2.5 / 0.54; share 2.5 / 27.
  const ExportValueAdded two = ValueAddedInExports(model2_, {.exporter = "A"});
  EXPECT_DOUBLE_EQ(two.gross_exports, 50.0);
  EXPECT_NEAR(two.domestic, 24.5 / 0.54, 1e-12);
  EXPECT_NEAR(two.foreign, 2.5 / 0.54, 1e-12);
  EXPECT_NEAR(*two.foreign_share, 2.5 / 27.0, 1e-14);
  EXPECT_NEAR(*two.domestic_share, 24.5 / 27.0, 1e-14);
  // Three economies, B's exports: e_B = Z_BA + y_BA = 20 + 30 = 50; L's column B = (0, 1, 0.5).
  // Domestic 0.5 x 1 x 50 = 25; foreign from C 1 x 0.5 x 50 = 25, from A 0.
  const ExportValueAdded three = ValueAddedInExports(model3_, {.exporter = "B", .importer = "A"});
  EXPECT_DOUBLE_EQ(three.gross_exports, 50.0);
  EXPECT_NEAR(three.domestic, 25.0, 1e-12);
  EXPECT_NEAR(three.foreign, 25.0, 1e-12);
  ASSERT_EQ(three.foreign_by_origin.size(), 2u);
  EXPECT_EQ(three.foreign_by_origin[0].origin, "C");
  EXPECT_NEAR(*three.foreign_by_origin[0].share, 0.5, 1e-15);
  // B sells nothing to C: exports to C only are 0, and the shares are not computed (no 0 for an unknown).
  const ExportValueAdded none = ValueAddedInExports(model3_, {.exporter = "B", .importer = "C"});
  EXPECT_DOUBLE_EQ(none.gross_exports, 0.0);
  EXPECT_FALSE(none.foreign_share.has_value());
}

TEST_F(SupplyChainHandTest, ThirdCountriesCarryTheOriginsValueAdded) {
  // Origin C, importer A. C's own exports to A: Z_CA + y_CA = 0 + 10 = 10. The one third country, B, exports
  // e_BA = 20 + 30 = 50 to A; L's column B = (0, 1, 0.5), so C's value added in them is v_C x 0.5 x 50 = 25,
  // half of B's exports to A: C reaches A 2.5 times more through B than directly.
  const CarrierResult result = ThirdCountryCarriers(model3_, {.origin = "C", .importer = "A"});
  EXPECT_DOUBLE_EQ(result.direct_exports, 10.0);
  ASSERT_EQ(result.carriers.size(), 1u);
  EXPECT_EQ(result.carriers[0].exporter, "B");
  EXPECT_DOUBLE_EQ(result.carriers[0].gross_exports, 50.0);
  EXPECT_NEAR(result.carriers[0].value_added, 25.0, 1e-12);
  EXPECT_NEAR(*result.carriers[0].share, 0.5, 1e-15);
  EXPECT_NEAR(result.through_third, 25.0, 1e-12);
  EXPECT_EQ(ThrownBy([&] { ThirdCountryCarriers(model3_, {.origin = "C", .importer = "C"}); }),
            "supply_chain: CarrierOptions::importer must differ from the origin, got 'C' for both");
}

TEST_F(SupplyChainHandTest, InputDependence) {
  // Two economies, B's industry on origin A: direct A_AB = 0.2; total L_AB = 0.2 / 0.54; VA share
  // v_A L_AB = 0.7 x 0.2 / 0.54 = 7 / 27.
  const DependenceResult two = InputDependence(model2_, {.origin = "A"});
  ASSERT_EQ(two.industries.size(), 1u);
  EXPECT_EQ(two.industries[0].economy, "B");
  EXPECT_NEAR(two.industries[0].direct, 0.2, 1e-15);
  EXPECT_NEAR(two.industries[0].total, 0.2 / 0.54, 1e-12);
  EXPECT_NEAR(two.industries[0].value_added_share, 7.0 / 27.0, 1e-12);
  // Three economies, A's industry on origin C: no direct inputs, total L_CA = 0.1, VA share 1 x 0.1.
  const DependenceResult three = InputDependence(model3_, {.origin = "C", .economy = "A"});
  ASSERT_EQ(three.industries.size(), 1u);
  EXPECT_DOUBLE_EQ(three.industries[0].direct, 0.0);
  EXPECT_NEAR(three.industries[0].total, 0.1, 1e-15);
  EXPECT_NEAR(three.industries[0].value_added_share, 0.1, 1e-15);
}

TEST_F(SupplyChainHandTest, HypotheticalExtractionTwoEconomies) {
  // B stops buying from A: A_AB = 0 and y_AB = 10 removed. f = (40, 130) -> (30, 130).
  // I - A* = [[0.8, 0], [-0.1, 0.7]]: x*_A = 30 / 0.8 = 37.5; x*_B = (130 + 0.1 x 37.5) / 0.7 = 133.75 / 0.7.
  // Loss: A 100 - 37.5 = 62.5 (VA 0.7 x 62.5 = 43.75); B 200 - 133.75 / 0.7 (VA 0.5 x that).
  const ExtractionResult result = HypotheticalExtraction(model2_, {.importer = "B", .exporter = "A"});
  EXPECT_DOUBLE_EQ(result.purchases_stopped, 50.0);  // 40 + 10
  ASSERT_EQ(result.economies.size(), 2u);
  EXPECT_EQ(result.economies[0].economy, "A");
  EXPECT_NEAR(result.economies[0].output, 100.0, 1e-12);
  EXPECT_NEAR(result.economies[0].output_loss, 62.5, 1e-12);
  EXPECT_NEAR(result.economies[0].value_added_loss, 43.75, 1e-12);
  EXPECT_NEAR(*result.economies[0].value_added_loss_share, 43.75 / 70.0, 1e-12);
  EXPECT_NEAR(result.economies[1].output_loss, 200.0 - 133.75 / 0.7, 1e-12);
  EXPECT_NEAR(result.economies[1].value_added_loss, 0.5 * (200.0 - 133.75 / 0.7), 1e-12);
}

TEST_F(SupplyChainHandTest, HypotheticalExtractionHitsAThirdEconomy) {
  // A stops buying from B: A_BA = 0, y_BA = 30 removed. f = (100, 80, 50) -> (100, 50, 50).
  // x* = (100, 50, 50 + 0.5 x 50 = 75); loss (0, 50, 25); VA loss B 0.5 x 50 = 25, C 1 x 25 = 25: C, whose own
  // sales to A are untouched, loses as much value added as B.
  const ExtractionResult result = HypotheticalExtraction(model3_, {.importer = "A", .exporter = "B"});
  EXPECT_DOUBLE_EQ(result.purchases_stopped, 50.0);  // 20 + 30
  EXPECT_NEAR(result.world_value_added_loss, 50.0, 1e-12);
  ASSERT_EQ(result.economies.size(), 3u);
  EXPECT_NEAR(result.economies[0].value_added_loss, 25.0, 1e-12);
  EXPECT_NEAR(result.economies[1].value_added_loss, 25.0, 1e-12);
  EXPECT_EQ(result.economies[2].economy, "A");
  EXPECT_NEAR(result.economies[2].output_loss, 0.0, 1e-12);
  // Only final demand stopped: f* = (100, 50, 50) with A unchanged: x* = (100, 20 + 50, 50 + 35) = (100, 70, 85).
  ExtractionOptions final_only = {.importer = "A", .exporter = "B", .intermediate = false};
  const ExtractionResult fin = HypotheticalExtraction(model3_, final_only);
  EXPECT_DOUBLE_EQ(fin.purchases_stopped, 30.0);
  EXPECT_NEAR(fin.world_value_added_loss, 30.0, 1e-12);  // 0.5 x 30 + 1 x 15
}

TEST_F(SupplyChainHandTest, UnknownCodesAreErrorsNotZeros) {
  EXPECT_EQ(ThrownBy([&] { ValueAddedInFinalDemand(model2_, {.destination = "USA"}); }),
            "supply_chain: no economy 'USA' in the table 'two.csv' (A, B)");
  EXPECT_EQ(
      ThrownBy([&] { HypotheticalExtraction(model2_, {.importer = "B", .exporter = "A", .industries = {"c9"}}); }),
      "supply_chain: no industry 'c9' in the table 'two.csv' (c1)");
  EXPECT_EQ(ThrownBy([&] { HypotheticalExtraction(model2_, {.importer = "A", .exporter = "A"}); }),
            "supply_chain: ExtractionOptions::importer must differ from the exporter, got 'A' for both");
  EXPECT_EQ(ThrownBy([&] { ValueAddedInFinalDemand(model2_, FinalDemandOptions::Defaults()); }),
            "supply_chain: FinalDemandOptions::destination must name an economy, got ''");
  SupplyChainOptions options = SupplyChainOptions::Defaults();
  options.min_output = -1;
  EXPECT_EQ(ThrownBy([&] { LeontiefModel::Build(two_, options); }),
            "supply_chain: SupplyChainOptions::min_output must be a number >= 0, got -1");
}

}  // namespace
}  // namespace tradeshock::testing
