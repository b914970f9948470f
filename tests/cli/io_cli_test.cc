// `tradeshock io` end to end on the shipped WIOD 2013 table of 2011: the share of Chinese value added in US
// final demand (checked against numpy in tests/supply_chain/shipped_table_test.cc: 0.022003424018), a
// hypothetical extraction, and errors for codes the table does not have.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

std::string Wiot2011() { return RepoPath("data/io/wiod-2013/wiot_2011.csv.gz").string(); }

TEST(IoCliTest, ChineseShareOfUsFinalDemandAsATable) {
  const CliRun run = RunCli({"io", Wiot2011(), "--measure", "fdva", "--destination", "USA", "--origin", "CHN"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("values in millions of US dollars"));
  EXPECT_THAT(run.out, HasSubstr("Value added by origin embodied in USA's final demand"));
  // numpy: 15,719,076 final demand, 345,873.494402 of it Chinese value added, 2.2003%.
  EXPECT_THAT(run.out, HasSubstr("15,719,076.0"));
  EXPECT_THAT(run.out, HasSubstr("345,873.5"));
  EXPECT_THAT(run.out, HasSubstr("2.20%"));
}

TEST(IoCliTest, ChineseShareOfUsFinalDemandAsJson) {
  const CliRun run = RunCli({"io", Wiot2011(), "--destination", "USA", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json out = nlohmann::json::parse(run.out);
  EXPECT_EQ(out["measure"], "fdva");
  EXPECT_EQ(out["unit"], "millions of US dollars");
  EXPECT_EQ(out["economies"], 41);
  EXPECT_EQ(out["fdva"]["denominator"], "USA's final demand (all categories, products of every origin)");
  bool found = false;
  for (const auto& origin : out["fdva"]["origins"]) {
    if (origin["origin"] != "CHN") continue;
    found = true;
    EXPECT_NEAR(origin["share"].get<double>(), 0.022003424018, 1e-12);
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(out["fdva"]["origins"].size(), 41u);
}

TEST(IoCliTest, ExtractionOfUsPurchasesFromChina) {
  const CliRun run = RunCli({"io", Wiot2011(), "--measure", "extraction", "--importer", "USA", "--exporter", "CHN",
                             "--industries", "c4,c14", "--format", "csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("importer,exporter,economy,output,output_loss,value_added,value_added_loss,"));
  EXPECT_THAT(run.out, HasSubstr("\nUSA,CHN,CHN,"));
  const CliRun text = RunCli({"io", Wiot2011(), "--measure", "extraction", "--importer", "USA", "--exporter", "CHN"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("Demand-driven, without substitution"));
}

TEST(IoCliTest, ExtractionOfProductsNamesTheirIndustries) {
  // 61 (knitted apparel): 117 HS6 codes of ISIC 1810 and 1730, WIOD c4 (tests/supply_chain/products_test.cc).
  const CliRun run = RunCli({"io", Wiot2011(), "--measure", "extraction", "--importer", "USA", "--exporter", "CHN",
                             "--products", "61", "--stop-share", "0.5"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("(industries c4; intermediate and final purchases, 50.0% of them)"));
  EXPECT_THAT(run.out, HasSubstr("Products 61 map to c4 (117 HS6) through the HS -> ISIC Rev. 3 concordance"));
}

TEST(IoCliTest, ExportsAndDependenceRun) {
  const CliRun fva = RunCli({"io", Wiot2011(), "--measure", "fva", "--exporter", "MEX", "--importer", "USA"});
  ASSERT_EQ(fva.exit_code, 0) << fva.err;
  EXPECT_THAT(fva.out, HasSubstr("Koopman-Wang-Wei (2014)"));
  const CliRun dep = RunCli({"io", Wiot2011(), "--measure", "dependence", "--origin", "CHN", "--economy", "USA",
                             "--top", "3", "--format", "json"});
  ASSERT_EQ(dep.exit_code, 0) << dep.err;
  EXPECT_EQ(nlohmann::json::parse(dep.out)["dependence"]["industries"].size(), 3u);
}

TEST(IoCliTest, ReadsTheWiod2016AndIcioLayoutsAndWritesCsv) {
  // The same made-up table in both layouts (tests/data/io/make_fixtures.py): the same CSV answer.
  const CliRun wiod16 = RunCli({"io", RepoPath("tests/data/io/wiod2016_small.csv").string(), "--layout", "wiod2016",
                                "--destination", "AUS", "--format", "csv"});
  const CliRun icio =
      RunCli({"io", RepoPath("tests/data/io/icio_small.csv").string(), "--destination", "AUS", "--format", "csv"});
  ASSERT_EQ(wiod16.exit_code, 0) << wiod16.err;
  ASSERT_EQ(icio.exit_code, 0) << icio.err;
  EXPECT_THAT(wiod16.out,
              ::testing::StartsWith("destination,origin,value_added,share_of_final_demand,final_demand,unit\n"
                                    "AUS,"));
  EXPECT_THAT(wiod16.out, HasSubstr("\nAUS,AUS,"));
  EXPECT_THAT(wiod16.out, HasSubstr("\nAUS,CHN,"));
  EXPECT_THAT(wiod16.out, HasSubstr(",millions of US dollars\n"));
  EXPECT_EQ(wiod16.out, icio.out);
  // The wrong layout named: the header is refused at its first field.
  const CliRun wrong =
      RunCli({"io", RepoPath("tests/data/io/icio_small.csv").string(), "--layout", "wiod2013", "--destination", "AUS"});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_THAT(wrong.err, HasSubstr("icio_small.csv:1:1: bad header: got 'V1', expected a WIOD 2013 column"));
}

TEST(IoCliTest, CarriersOfChineseValueAddedIntoTheUs) {
  const CliRun run =
      RunCli({"io", Wiot2011(), "--measure", "carriers", "--origin", "CHN", "--importer", "USA", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json out = nlohmann::json::parse(run.out);
  EXPECT_EQ(out["carriers"]["carriers_total"], 39);  // 41 economies less CHN and USA
  EXPECT_EQ(out["carriers"]["carriers"].size(), 10u);
  EXPECT_GT(out["carriers"]["through_third"].get<double>(), 0.0);
  const CliRun two = RunCli({"io", Wiot2011(), "--measure", "carriers", "--origin", "CHN,JPN", "--importer", "USA"});
  EXPECT_EQ(two.exit_code, 1);
  EXPECT_THAT(two.err, HasSubstr("io: --measure carriers takes one --origin"));
}

TEST(IoCliTest, UnknownEconomyAndBadTableAreErrors) {
  const CliRun run = RunCli({"io", Wiot2011(), "--destination", "USA", "--origin", "XJ"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("tradeshock: error: supply_chain: no economy 'XJ' in the table '"));
  EXPECT_THAT(run.err, HasSubstr("(AUS, AUT, ... RoW (41 in all))"));
  const CliRun missing = RunCli({"io", Wiot2011(), "--measure", "fva"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("ExportContentOptions::exporter must name an economy, got ''"));
  const CliRun bad = RunCli({"io", RepoPath("tests/cli/data/partners.csv").string(), "--destination", "USA"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("partners.csv:1:1: bad header"));
}

}  // namespace
}  // namespace tradeshock::testing
