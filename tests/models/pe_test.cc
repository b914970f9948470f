// SMART-style partial equilibrium: hand-computed examples (arithmetic in the comments) and limits.
#include "tradeshock/pe.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace tradeshock::pe {
namespace {

using ::testing::HasSubstr;

// Market with three suppliers; A's tariff is cut from 10 % to 0, B (10 %) and C (20 %) unchanged.
std::vector<Supplier> ThreeSuppliers() {
  return {{"A", 100, 0.10, 0.0}, {"B", 200, 0.10, 0.10}, {"C", 50, 0.20, 0.20}};
}

// Import demand 1.5, substitution 1.5, export supply 99 (= infinite).
//  P1 creation: TC_A = 1.5 * 100 * (0.10 - 0) / 1.10 = 13.6363636; TC_B = TC_C = 0.
//  P2 diversion: relative prices r_A = 1/1.1, r_B = r_C = 1; weights M_k r_k^-1.5:
//   A 100 * 1.1^1.5 = 115.3689733, B 200, C 50; sum 365.3689733; total 350.
//   A: 350 * 115.3689733 / 365.3689733 - 100 = +10.5160635
//   B: 350 * 200 / 365.3689733 - 200 = -8.4128508
//   C: 350 * 50 / 365.3689733 - 50 = -2.1032127   (sum 0)
//  Revenue before 0.1*100 + 0.1*200 + 0.2*50 = 40; after 0 * A' + 0.1 * 191.5871492 + 0.2 * 47.8967873
//   = 28.7380724.
//  P5 consumer surplus: -(0 - 0.1) * (100 + 0.5 * 13.6363636) = 10.6818182.
TEST(PeTariff, ThreeSupplierPreferenceMatchesHandCalculation) {
  const TariffResult result = SimulateTariffChange(ThreeSuppliers(), Elasticities{});
  ASSERT_EQ(result.suppliers.size(), 3u);
  EXPECT_NEAR(result.suppliers[0].trade_creation, 13.6363636, 1e-6);
  EXPECT_NEAR(result.suppliers[1].trade_creation, 0, 1e-12);
  EXPECT_NEAR(result.suppliers[0].trade_diversion, 10.5160635, 1e-6);
  EXPECT_NEAR(result.suppliers[1].trade_diversion, -8.4128508, 1e-6);
  EXPECT_NEAR(result.suppliers[2].trade_diversion, -2.1032127, 1e-6);
  EXPECT_NEAR(result.trade_diversion, 0, 1e-9);
  EXPECT_NEAR(result.suppliers[0].total_change, 13.6363636 + 10.5160635, 1e-6);
  EXPECT_NEAR(result.total_change, 13.6363636, 1e-6);
  EXPECT_NEAR(result.tariff_revenue_before, 40, 1e-9);
  EXPECT_NEAR(result.tariff_revenue_after, 28.7380724, 1e-6);
  EXPECT_NEAR(result.consumer_surplus_change, 10.6818182, 1e-6);
}

// Finite export supply 3: P1's factor 1 / (1 + 1.5 / 3) = 2/3, so TC_A = 13.6363636 * 2/3 = 9.0909091.
TEST(PeTariff, FiniteExportSupplyDampsCreation) {
  Elasticities elasticities;
  elasticities.export_supply = 3;
  const TariffResult result = SimulateTariffChange(ThreeSuppliers(), elasticities);
  EXPECT_NEAR(result.suppliers[0].trade_creation, 9.0909091, 1e-6);
}

// The sign of the import-demand elasticity is a convention (WITS lists them negative): -1.5 == 1.5.
TEST(PeTariff, ImportDemandSignIsIgnored) {
  Elasticities negative;
  negative.import_demand = -1.5;
  EXPECT_NEAR(SimulateTariffChange(ThreeSuppliers(), negative).trade_creation, 13.6363636, 1e-6);
}

// Zero elasticities: no creation, no diversion; revenue after = 0.1 * 200 + 0.2 * 50 = 30.
TEST(PeTariff, ZeroElasticitiesChangeNothing) {
  const TariffResult result = SimulateTariffChange(ThreeSuppliers(), Elasticities{0, 0, 99});
  EXPECT_EQ(result.total_change, 0);
  for (const SupplierEffect& effect : result.suppliers) EXPECT_NEAR(effect.total_change, 0, 1e-12);
  EXPECT_NEAR(result.tariff_revenue_after, 30, 1e-9);
}

// A supplier with the whole market: nobody to divert from, creation only:
// TC = 1.5 * 80 * (0.25 - 0.05) / 1.25 = 19.2.
TEST(PeTariff, SupplierWithWholeMarketHasNoDiversion) {
  const TariffResult result = SimulateTariffChange({{"A", 80, 0.25, 0.05}}, Elasticities{});
  EXPECT_NEAR(result.suppliers[0].trade_diversion, 0, 1e-9);
  EXPECT_NEAR(result.suppliers[0].trade_creation, 19.2, 1e-9);
}

TEST(PeTariff, BadInputsAreErrors) {
  try {
    SimulateTariffChange({{"A", -1, 0, 0}}, Elasticities{});
    FAIL();
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("imports from A are -1"));
  }
  try {
    SimulateTariffChange({{"A", 1, 10, 0}}, Elasticities{1, -2, 99});
    FAIL();
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("substitution elasticity is -2"));
  }
}

// Ban of A with import demand 1, substitution 3:
//  P6 A's spending share at domestic prices w_A = 110 / (110 + 220 + 60) = 110/390.
//  P7 P_hat = (1 - w_A)^(1/(1-3)) = (280/390)^-0.5 = 1.1801937 (import price index +18.01937 %);
//     others scale by P_hat^(3 - 1) = 390/280 = 1.3928571: B 200 -> 278.5714286 (+78.5714286),
//     C 50 -> 69.6428571 (+19.6428571); substitution 98.2142857; net -100 + 98.2142857 = -1.7857143.
//  Revenue before 40, after 0.1 * 278.5714286 + 0.2 * 69.6428571 = 41.7857143.
//  P8 exporter side, other sales 300, lost 100, redirection 2, supply 1:
//     p = (300/400)^(1/3) = 0.9085603 (-9.14397 %); P9 redirected = 300 * ((4/3)^(2/3) - 1)
//     = 300 * 0.2114137 = 63.4241186; unplaced 36.5758814, share 0.365758814.
TEST(PeBan, ThreeSupplierBanMatchesHandCalculation) {
  BanOptions options;
  options.elasticities = Elasticities{1, 3, 99};
  options.exporter_other_sales = 300;
  options.redirection_elasticity = 2;
  options.exporter_supply_elasticity = 1;
  const BanResult result = SimulateBan(ThreeSuppliers(), "A", options);
  EXPECT_EQ(result.imports_lost, 100);
  ASSERT_EQ(result.suppliers.size(), 2u);
  EXPECT_NEAR(result.import_price_index_change_pct, 18.01937, 1e-5);
  EXPECT_NEAR(result.suppliers[0].trade_diversion, 78.5714286, 1e-6);
  EXPECT_NEAR(result.suppliers[1].trade_diversion, 19.6428571, 1e-6);
  EXPECT_NEAR(result.substitution_by_others, 98.2142857, 1e-6);
  EXPECT_NEAR(result.importer_net_change, -1.7857143, 1e-6);
  EXPECT_NEAR(result.tariff_revenue_before, 40, 1e-9);
  EXPECT_NEAR(result.tariff_revenue_after, 41.7857143, 1e-6);
  EXPECT_NEAR(result.exporter_price_change_pct, -9.14397, 1e-5);
  EXPECT_NEAR(result.redirected, 63.4241186, 1e-6);
  EXPECT_NEAR(result.unplaced, 36.5758814, 1e-6);
  EXPECT_NEAR(result.unplaced_share, 0.365758814, 1e-8);
  EXPECT_TRUE(result.substitution_modelled);
}

// Ban on a supplier with no trade: nothing is lost, nothing moves.
TEST(PeBan, SupplierWithNoTradeChangesNothing) {
  std::vector<Supplier> suppliers = ThreeSuppliers();
  suppliers.push_back({"D", 0, 0.1, 0.1});
  BanOptions options;
  options.exporter_other_sales = 500;
  const BanResult result = SimulateBan(suppliers, "D", options);
  EXPECT_EQ(result.imports_lost, 0);
  EXPECT_NEAR(result.substitution_by_others, 0, 1e-12);
  EXPECT_EQ(result.redirected, 0);
  EXPECT_EQ(result.unplaced_share, 0);
}

// Ban on the only supplier: everything is lost, nobody substitutes; with no other markets nothing can
// be redirected (unplaced share 1).
TEST(PeBan, OnlySupplierLosesEverything) {
  const BanResult result = SimulateBan({{"A", 80, 0.1, 0.1}}, "A", BanOptions{});
  EXPECT_EQ(result.importer_net_change, -80);
  EXPECT_FALSE(result.substitution_modelled);
  EXPECT_EQ(result.unplaced_share, 1);
}

// Substitution <= 1 (here 0): the CES composite has no finite price without the banned variety, so no
// substitution is modelled and the flag says so; zero redirection elasticity places nothing.
TEST(PeBan, ZeroElasticitiesMeanNoSubstitutionAndNoRedirection) {
  BanOptions options;
  options.elasticities = Elasticities{0, 0, 99};
  options.exporter_other_sales = 300;
  options.redirection_elasticity = 0;
  const BanResult result = SimulateBan(ThreeSuppliers(), "A", options);
  EXPECT_FALSE(result.substitution_modelled);
  EXPECT_EQ(result.substitution_by_others, 0);
  EXPECT_EQ(result.redirected, 0);
  EXPECT_EQ(result.unplaced_share, 1);
}

TEST(PeBan, UnknownSupplierIsAnError) {
  try {
    SimulateBan(ThreeSuppliers(), "ZZ", BanOptions{});
    FAIL();
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("banned supplier ZZ is not among the suppliers"));
  }
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << content;
  return path.string();
}

TEST(PeElasticities, ReadsPerProductFile) {
  const std::string path =
      WriteTemp("tradeshock_pe_elasticities_ok.csv", "product,import_demand_elasticity\n010121,-1.25\n852412,0.8\n");
  const auto elasticities = ReadImportDemandElasticities(path);
  EXPECT_EQ(elasticities.size(), 2u);
  EXPECT_EQ(elasticities.at("010121"), 1.25);
  EXPECT_EQ(elasticities.at("852412"), 0.8);
}

TEST(PeElasticities, BadNumberNamesLineAndColumn) {
  const std::string path =
      WriteTemp("tradeshock_pe_elasticities_bad.csv", "product,import_demand_elasticity\n010121,1.2\n852412,x1\n");
  try {
    ReadImportDemandElasticities(path);
    FAIL();
  } catch (const InputException& error) {
    EXPECT_EQ(error.error().line, 3u);
    // The column is the field, as in every CSV the program reads (docs/FORMATS.md): "x1" is field 2.
    EXPECT_EQ(error.error().column, 2u);
    EXPECT_EQ(error.error().value, "x1");
    EXPECT_EQ(error.error().kind, InputErrorKind::kBadNumber);
  }
}

}  // namespace
}  // namespace tradeshock::pe
