// HS products to WIOD 2013 industries through the shipped WITS concordance, and extraction of the industries they
// map to. Expected counts were read off data/io/concordance-hs-isic3/hs_isic3.csv with Python's csv module
// (HS codes starting with the product code, grouped by their ISIC class), not from this program.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "error_text.h"
#include "tradeshock/io_table.h"
#include "tradeshock/supply_chain.h"

namespace tradeshock::testing {
namespace {

std::string Concordance() {
  return (std::filesystem::path(TRADESHOCK_SOURCE_DIR) / "data/io/concordance-hs-isic3/hs_isic3.csv").string();
}

TEST(SupplyChainProductsTest, HsCodesMapToWiodIndustries) {
  // 5201 raw cotton: 1 HS6 code, ISIC 0111 (division 01: c1). 8541 semiconductors and solar cells: 8 codes, ISIC
  // 3210 (division 32: c14). 61 knitted apparel: 117 codes, ISIC 1810 (100) and 1730 (17), divisions 17-18: c4.
  const ProductIndustries mapped = MapProductsToWiod2013({"5201", "8541", "61"}, Concordance());
  EXPECT_EQ(mapped.industries, (std::vector<std::string>{"c1", "c4", "c14"}));
  EXPECT_EQ(mapped.hs6_counts, (std::vector<std::size_t>{1, 117, 8}));
  EXPECT_TRUE(mapped.unmapped.empty());
  // 97 works of art: 7 codes, ISIC 9214 (division 92: c34, other community and personal services).
  EXPECT_EQ(MapProductsToWiod2013({"97"}, Concordance()).industries, (std::vector<std::string>{"c34"}));
  // 0502 pigs' and badgers' hair: ISIC 9999, no industry; reported, not dropped.
  const ProductIndustries none = MapProductsToWiod2013({"0502"}, Concordance());
  EXPECT_TRUE(none.industries.empty());
  EXPECT_EQ(none.unmapped, (std::vector<std::string>{"050210", "050290"}));
}

TEST(SupplyChainProductsTest, BadProductCodesAreErrors) {
  EXPECT_EQ(ThrownBy([] { MapProductsToWiod2013({"52O1"}, Concordance()); }),
            "supply_chain: product '52O1' is not an HS code of 2, 4 or 6 digits");
  EXPECT_EQ(ThrownBy([] { MapProductsToWiod2013({"9999"}, Concordance()); }),
            "supply_chain: product '9999' matches no HS code of the concordance '" + Concordance() + "'");
}

TEST(SupplyChainProductsTest, PartialStopScalesThePurchases) {
  // The 2-economy table of hand_tables_test.cc; B stops half of its purchases from A: A*_AB = 0.2 x 0.5 = 0.1,
  // y_AB = 10 -> 5, f* = (35, 130). I - A* = [[0.8, -0.1], [-0.1, 0.7]], det 0.55, inverse (1 / 0.55)
  // [[0.7, 0.1], [0.1, 0.8]]: x*_A = (0.7 x 35 + 0.1 x 130) / 0.55 = 37.5 / 0.55; x*_B = (3.5 + 104) / 0.55.
  const IoTable table = ReadIoTableBuffer(
      "row,A.c1,B.c1,A.CONS_h,A.CONS_np,A.CONS_g,A.GFCF,A.INVEN,B.CONS_h,B.CONS_np,B.CONS_g,B.GFCF,B.INVEN,GO\n"
      "A.c1,20,40,25,0,0,0,5,10,0,0,0,0,100\n"
      "B.c1,10,60,20,0,0,0,0,110,0,0,0,0,200\n",
      "two.csv");
  const LeontiefModel model = LeontiefModel::Build(table);
  const ExtractionResult half = HypotheticalExtraction(model, {.importer = "B", .exporter = "A", .stop_share = 0.5});
  EXPECT_DOUBLE_EQ(half.purchases_stopped, 25.0);  // (40 + 10) / 2
  EXPECT_EQ(half.economies[0].economy, "A");
  EXPECT_NEAR(half.economies[0].output_loss, 100.0 - 37.5 / 0.55, 1e-12);
  EXPECT_NEAR(half.economies[1].output_loss, 200.0 - 107.5 / 0.55, 1e-12);
  EXPECT_EQ(half.industries_stopped, (std::vector<std::string>{"c1"}));
  EXPECT_EQ(ThrownBy([&] { HypotheticalExtraction(model, {.importer = "B", .exporter = "A", .stop_share = 0}); }),
            "supply_chain: ExtractionOptions::stop_share must be in (0, 1], got 0");
  // A list of industries and a list of products together are refused.
  EXPECT_EQ(ThrownBy([&] {
              HypotheticalExtraction(model,
                                     {.importer = "B", .exporter = "A", .industries = {"c1"}, .products = {"61"}});
            }),
            "supply_chain: ExtractionOptions: give industries or products, not both");
}

TEST(SupplyChainProductsTest, ProductsOnTheShippedTableStopTheirIndustries) {
  const auto path = std::filesystem::path(TRADESHOCK_SOURCE_DIR) / "data/io/wiod-2013/wiot_2011.csv.gz";
  const IoTable table = ReadIoTable(path.string());
  const LeontiefModel model = LeontiefModel::Build(table);
  ExtractionOptions by_products = {.importer = "USA", .exporter = "CHN", .products = {"61", "8541"}};
  ExtractionOptions by_industries = {.importer = "USA", .exporter = "CHN", .industries = {"c4", "c14"}};
  const ExtractionResult a = HypotheticalExtraction(model, by_products);
  const ExtractionResult b = HypotheticalExtraction(model, by_industries);
  EXPECT_EQ(a.industries_stopped, (std::vector<std::string>{"c4", "c14"}));
  EXPECT_EQ(a.products_per_industry, (std::vector<std::size_t>{117, 8}));
  EXPECT_DOUBLE_EQ(a.purchases_stopped, b.purchases_stopped);
  EXPECT_DOUBLE_EQ(a.world_value_added_loss, b.world_value_added_loss);
  // The direct flows removed, read off the table: CHN.c4 and CHN.c14's sales to US industries and final demand.
  const auto usa = static_cast<Eigen::Index>(*table.FindEconomy("USA"));
  const auto chn = *table.FindEconomy("CHN");
  double direct = 0.0;
  for (const std::size_t industry : {3u, 13u}) {
    const auto row = static_cast<Eigen::Index>(table.Sector(chn, industry));
    direct += table.intermediate.row(row).segment(usa * 35, 35).sum() + table.final_demand(row, usa);
  }
  EXPECT_NEAR(a.purchases_stopped, direct, 1e-6);
}

}  // namespace
}  // namespace tradeshock::testing
