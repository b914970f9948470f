// The supply-chain measures on the shipped WIOD 2013 table of 2011 (data/io/wiod-2013/): the identities every
// input-output model must meet, and a peer check against an independent numpy computation.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "tradeshock/io_table.h"
#include "tradeshock/supply_chain.h"

namespace tradeshock::testing {
namespace {

class SupplyChainShippedTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto path = std::filesystem::path(TRADESHOCK_SOURCE_DIR) / "data/io/wiod-2013/wiot_2011.csv.gz";
    table_ = new IoTable(ReadIoTable(path.string()));
    model_ = new LeontiefModel(LeontiefModel::Build(*table_));
  }
  static void TearDownTestSuite() {
    delete model_;
    delete table_;
  }
  static IoTable* table_;
  static LeontiefModel* model_;
};
IoTable* SupplyChainShippedTest::table_ = nullptr;
LeontiefModel* SupplyChainShippedTest::model_ = nullptr;

TEST_F(SupplyChainShippedTest, InverseIsExact) {
  // L (I - A) = I to 1e-9 in every entry, at 1,435 sectors; the 22 sectors of zero output (README) are idle.
  EXPECT_LE(model_->InverseResidual(), 1e-9);
  EXPECT_EQ(model_->idle_sectors(), 22u);
}

TEST_F(SupplyChainShippedTest, OutputIsRecoveredFromFinalDemand) {
  // With the final demand that balances each row exactly (f = x - Z 1), L f = x to rounding of doubles.
  const Eigen::VectorXd balanced = table_->output - table_->intermediate.rowwise().sum();
  const Eigen::VectorXd recovered = model_->inverse() * balanced;
  EXPECT_LE((recovered - table_->output).cwiseAbs().maxCoeff(), 1e-9 * table_->output.maxCoeff());
  // With the file's final demand, the rows' rounding (within 113 each, README) moves output by little:
  // at most 0.01% of world output in any sector.
  const Eigen::VectorXd from_file = model_->inverse() * table_->final_demand.rowwise().sum();
  EXPECT_LE((from_file - table_->output).cwiseAbs().maxCoeff(), 1e-4 * table_->output.sum());
}

TEST_F(SupplyChainShippedTest, ValueAddedInEveryFinalDemandAddsUpToIt) {
  // Sum over origins of VA(s -> d) = d's final demand for products of sectors with output (v'L = 1' there);
  // the rest, final demand for the products of the 22 sectors without output (LUX 2011: -2, a rounding
  // artefact), is reported as `unattributed`, never hidden.
  for (std::size_t d = 0; d < table_->economies.size(); ++d) {
    const std::string& destination = table_->economies[d];
    const FinalDemandValueAdded result = ValueAddedInFinalDemand(*model_, {.destination = destination});
    double total = 0.0;
    for (const OriginValueAdded& origin : result.origins) total += origin.value_added;
    double idle_demand = 0.0;
    for (Eigen::Index i = 0; i < table_->output.size(); ++i) {
      if (table_->output(i) == 0.0) idle_demand += table_->final_demand(i, static_cast<Eigen::Index>(d));
    }
    EXPECT_NEAR(total + idle_demand, result.final_demand, 1e-9 * result.final_demand) << destination;
    EXPECT_NEAR(result.unattributed, idle_demand, 1e-9 * result.final_demand) << destination;
  }
}

TEST_F(SupplyChainShippedTest, ExportContentAddsUpToGrossExports) {
  for (const std::string& exporter : {"CHN", "MEX", "DEU"}) {
    const ExportValueAdded result = ValueAddedInExports(*model_, {.exporter = exporter});
    EXPECT_NEAR(result.domestic + result.foreign, result.gross_exports, 1e-9 * result.gross_exports) << exporter;
    EXPECT_GT(*result.foreign_share, 0.0);
    EXPECT_LT(*result.foreign_share, 1.0);
  }
}

TEST_F(SupplyChainShippedTest, ValueAddedSharesOfEachProductSumToOne) {
  // Over all origins, v' L = 1' for every sector with output.
  const Eigen::RowVectorXd shares = model_->value_added_coefficients().transpose() * model_->inverse();
  for (Eigen::Index j = 0; j < shares.size(); ++j) {
    if (table_->output(j) > 0.0) EXPECT_NEAR(shares(j), 1.0, 1e-9) << table_->SectorLabel(static_cast<std::size_t>(j));
  }
}

// Peer check: tests/supply_chain/peer_fdva_numpy.py, an independent computation with numpy 1.24.2 (Debian
// bookworm's python3-numpy, numpy.linalg.inv through LAPACK; Python 3.11.7), run by hand on 2026-12-08 as
//   /usr/bin/python3 tests/supply_chain/peer_fdva_numpy.py
// printed:
//   numpy 1.24.2
//   USA final demand (millions of USD): 15719076.000000
//   CHN value added in it (millions of USD): 345873.494402
//   share: 0.022003424018
//   all origins' value added over final demand: 1.000000000000
TEST_F(SupplyChainShippedTest, ChineseValueAddedInUsFinalDemandMatchesNumpy) {
  const FinalDemandValueAdded result = ValueAddedInFinalDemand(*model_, {.destination = "USA"});
  EXPECT_DOUBLE_EQ(result.final_demand, 15719076.0);
  const auto chn = std::ranges::find_if(result.origins, [](const auto& o) { return o.origin == "CHN"; });
  ASSERT_NE(chn, result.origins.end());
  EXPECT_NEAR(chn->value_added, 345873.494402, 1e-5);
  EXPECT_NEAR(*chn->share, 0.022003424018, 1e-12);
}

TEST_F(SupplyChainShippedTest, ExtractionLossIsBoundedByThePurchasesStopped) {
  // The US stops buying from China. Without substitution the world loses at most the value added embodied in
  // what stopped, which is the flows themselves (v' L = 1'): loss <= purchases stopped; China loses most.
  const ExtractionResult result = HypotheticalExtraction(*model_, {.importer = "USA", .exporter = "CHN"});
  EXPECT_GT(result.purchases_stopped, 0.0);
  EXPECT_GT(result.world_value_added_loss, 0.0);
  EXPECT_LE(result.world_value_added_loss, result.purchases_stopped * (1 + 1e-9));
  EXPECT_EQ(result.economies.front().economy, "CHN");
  for (const EconomyLoss& loss : result.economies) EXPECT_GE(loss.output_loss, -1e-6) << loss.economy;
}

}  // namespace
}  // namespace tradeshock::testing
