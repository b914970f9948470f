// Beyond the direct loss: the scenario's [models] read strictly, the PE redirection and net loss computed by
// hand for the Xinjiang case and for a small hand-made case, and the GE wiring on a three-economy panel.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "reference/reference_fixture.h"
#include "temp_dir.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/ge.h"
#include "tradeshock/result_json.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

const fs::path kSeedCase = fs::path(TRADESHOCK_SOURCE_DIR) / "data/cases/xinjiang-2021";

// ---------------------------------------------------------------------------------------------------
// The Xinjiang case, by hand.
//
// Data (flows.csv; rate: Federal Reserve H.10 2020 average, 6.9042 CNY per USD):
//   exports to the US 2020:  4.528 bn CNY / 6.9042 = 0.655833 bn USD  = L, the direct loss (ban, share 1)
//   trade with the US 2020:  6.681 bn CNY / 6.9042 = 0.967672 bn USD
//   total trade 2020:       21.387 bn USD
// scenario.toml: other_markets = "trade", so X_o = 21.387 - 0.967672 = 20.419328 bn USD (an upper bound).
// Defaults: redirection rho = 1.5, exporter supply kappa = 1.
// P8: p = (X_o / (X_o + L))^(1/(kappa+rho)) = (20.419328 / 21.075161)^(1/2.5) = 0.968881^0.4 = 0.987434,
//     a price change of -1.2566 %.
// P9: redirected = X_o (p^-rho - 1) = X_o ((1 + L/X_o)^(rho/(kappa+rho)) - 1)
//                = 20.419328 x (1.032119^0.6 - 1) = 20.419328 x 0.019149 = 0.391009 bn USD
//     redirected share = 0.391009 / 0.655833 = 0.59620; net loss = 0.655833 - 0.391009 = 0.264824 bn USD.
// Revenue, counting the lower price on all sales elsewhere: (X_o + L) - X_o p^(1 - rho)
//     = 21.075161 - 20.419328 x 0.987434^-0.5 = 21.075161 - 20.419328 x 1.006343 = 21.075161 - 20.548841
//     = 0.526320 bn USD (80.25% of L; to first order (1 + kappa) / (kappa + rho) = 2 / 2.5 = 80%).
// Limit rho / (kappa + rho) = 1.5 / 2.5 = 0.6. With X_o / 2 = 10.209664: L / (X_o/2) = 0.064236,
//     10.209664 x (1.064236^0.6 - 1) = 10.209664 x 0.038061 = 0.388590 -> share 0.388590 / 0.655833 = 0.59251.
TEST(BeyondTest, XinjiangPartialEquilibriumByHand) {
  const Reference& reference = RepoReference();
  const Case c = LoadCase(kSeedCase, reference);
  const CaseAnalysis analysis = AnalyseCase(c, reference);
  ASSERT_TRUE(analysis.beyond);
  ASSERT_TRUE(analysis.beyond->pe);
  const PeAnalysis& pe = *analysis.beyond->pe;
  ASSERT_TRUE(pe.exporter_side);
  const PeExporterSide& side = *pe.exporter_side;
  EXPECT_NEAR(side.direct_loss, 0.655833e9, 1e3);
  EXPECT_NEAR(side.other_markets, 20.419328e9, 1e3);
  EXPECT_NEAR(side.exporter_price_change_pct, -1.2566, 1e-4);
  EXPECT_NEAR(side.redirected, 0.391009e9, 1e3);
  EXPECT_NEAR(side.redirected_share, 0.59620, 1e-5);
  EXPECT_NEAR(side.net_loss, 0.264824e9, 1e3);
  EXPECT_NEAR(side.revenue_loss, 0.526320e9, 1e3);
  EXPECT_DOUBLE_EQ(side.redirected_share_limit, 0.6);
  EXPECT_NEAR(side.redirected_share_half_markets, 0.59251, 1e-5);
  // The case states what it assumes, in its own words (scenario.toml, [models] notes).
  ASSERT_EQ(analysis.beyond->case_notes.size(), 4u);
  EXPECT_THAT(analysis.beyond->case_notes[0], HasSubstr("no US-side figure"));
  EXPECT_THAT(side.other_markets_from, HasSubstr("an upper bound"));
  // The US side needs US imports from all suppliers, which the case does not have: said, not guessed.
  EXPECT_TRUE(pe.importer_side.empty());
  ASSERT_EQ(pe.not_computed.size(), 1u);
  EXPECT_THAT(pe.not_computed[0], HasSubstr("no figure for USA's imports of the covered products"));
  // Every elasticity is listed with its source; the defaults say so.
  ASSERT_EQ(pe.parameters.size(), 6u);
  EXPECT_EQ(pe.parameters[1].name, "substitution");
  EXPECT_EQ(pe.parameters[1].value, 1.5);
  EXPECT_TRUE(pe.parameters[1].is_default);
  EXPECT_THAT(pe.parameters[1].source, HasSubstr("WITS/SMART default"));
  EXPECT_EQ(pe.parameters[3].name, "redirection");
  // No GE panel holds Xinjiang: not computed, and why.
  EXPECT_FALSE(analysis.beyond->ge);
  ASSERT_EQ(analysis.beyond->not_computed.size(), 1u);
  EXPECT_THAT(analysis.beyond->not_computed[0], HasSubstr("internal (domestic) sales"));
}

TEST(BeyondTest, XinjiangWithoutAnExportTotalSaysWhatIsMissing) {
  const Reference& reference = RepoReference();
  Case c = LoadCase(kSeedCase, reference);
  c.scenario->models.pe->other_markets = OtherMarkets::kExports;
  const CaseAnalysis analysis = AnalyseCase(c, reference);
  const PeAnalysis& pe = *analysis.beyond->pe;
  EXPECT_FALSE(pe.exporter_side);
  EXPECT_THAT(pe.not_computed[0], HasSubstr("no total of CN-XJ's exports in 2020"));
}

// ---------------------------------------------------------------------------------------------------
// A small hand-made case, all in USD.
//   CHN 2020: total trade 1000 (USA 300, KAZ 700); exports to WLD 600, to the USA 240.
constexpr char kFlows[] =
    "reporter,partner,flow,product,period,value,currency,unit,source\n"
    "CHN,WLD,trade,TOTAL,2020,1000,USD,unit,total trade\n"
    "CHN,USA,trade,TOTAL,2020,300,USD,unit,US trade\n"
    "CHN,KAZ,trade,TOTAL,2020,700,USD,unit,KAZ trade\n"
    "CHN,WLD,exports,TOTAL,2020,600,USD,unit,total exports\n"
    "CHN,USA,exports,TOTAL,2020,240,USD,unit,US exports\n";

constexpr char kBan[] =
    "[[policy]]\nname = \"ban\"\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = \"all\"\n"
    "from = 2021-07-01\n";

// Exporter side: X_o = exports 600 - covered 240 = 360 (from the data); L = 240; rho = kappa = 1.
//   p = (360 / 600)^(1/2) = 0.774597 -> -22.5403 %; redirected = 360 x ((600/360)^(1/2) - 1)
//   = 360 x (1.290994 - 1) = 104.758; share 104.758 / 240 = 0.436492; net loss 135.242.
//   Half the markets: 180 x ((420/180)^(1/2) - 1) = 180 x 0.527525 = 94.9545 -> 0.395644. Limit 1/2.
//   Revenue loss: with rho = 1 the other markets' spending X_o p^(1-rho) = 360 does not move, so the
//   revenue loss is the whole 240.
// Importer side: US imports 2400 from all suppliers (stated); w_b = 240 / 2400 = 0.1 (no tariff);
//   sigma = 3, eta = 1: P_hat = (1 - 0.1)^(1/(1-3)) = 0.9^-0.5 = 1.054093 -> +5.4093 %;
//   others scale by P_hat^(sigma - eta) = 0.9^-1, so 2160 -> 2400: +240, net change 0.
TEST(BeyondTest, SmallCaseBothSidesByHand) {
  TempDir dir;
  dir.Write("flows.csv", kFlows);
  dir.Write("scenario.toml", std::string(kBan) +
                                 "[models.pe]\n"
                                 "redirection = { value = 1, source = \"test: rho\" }\n"
                                 "exporter_supply = 1\n"
                                 "substitution = 3\n"
                                 "import_demand = -1\n"
                                 "importer_imports = { value = 2.4, currency = \"USD\", unit = \"thousand\", "
                                 "source = \"test figure\" }\n");
  const Reference& reference = RepoReference();
  const CaseAnalysis analysis = AnalyseCase(LoadCase(dir.path(), reference), reference);
  const PeAnalysis& pe = *analysis.beyond->pe;
  ASSERT_TRUE(pe.exporter_side);
  EXPECT_DOUBLE_EQ(pe.exporter_side->other_markets, 360.0);
  EXPECT_NEAR(pe.exporter_side->exporter_price_change_pct, -22.5403, 1e-4);
  EXPECT_NEAR(pe.exporter_side->redirected, 104.758, 1e-3);
  EXPECT_NEAR(pe.exporter_side->redirected_share, 0.436492, 1e-6);
  EXPECT_NEAR(pe.exporter_side->net_loss, 135.242, 1e-3);
  EXPECT_NEAR(pe.exporter_side->revenue_loss, 240.0, 1e-9);
  EXPECT_NEAR(pe.exporter_side->redirected_share_half_markets, 0.395644, 1e-6);
  EXPECT_DOUBLE_EQ(pe.exporter_side->redirected_share_limit, 0.5);
  EXPECT_THAT(pe.exporter_side->other_markets_from, HasSubstr("from the data"));
  ASSERT_EQ(pe.importer_side.size(), 1u);
  const PeImporterSide& us = pe.importer_side[0];
  EXPECT_DOUBLE_EQ(us.importer_imports, 2400.0);
  EXPECT_DOUBLE_EQ(us.banned_imports, 240.0);
  EXPECT_NEAR(us.substitution_by_others, 240.0, 1e-9);
  EXPECT_NEAR(us.importer_net_change, 0.0, 1e-9);
  EXPECT_NEAR(us.import_price_index_change_pct, 5.4093, 1e-4);
  // The stated values carry their sources; the magnitude of a negative import-demand elasticity is used.
  EXPECT_EQ(pe.parameters[0].value, 1.0);
  EXPECT_FALSE(pe.parameters[0].is_default);
  EXPECT_EQ(pe.parameters[0].source, "stated in the scenario file (no source given)");
  EXPECT_EQ(pe.parameters[3].source, "test: rho");
  EXPECT_TRUE(pe.not_computed.empty());
  // JSON carries it with the currency.
  const nlohmann::json json = CaseAnalysisToJson(analysis, LoadCase(dir.path(), reference).table);
  EXPECT_EQ(json["beyond_direct_loss"]["pe"]["exporter_side"]["currency"], "USD");
  EXPECT_NEAR(json["beyond_direct_loss"]["pe"]["exporter_side"]["net_loss"].get<double>(), 135.242, 1e-3);
}

// A stated other-markets amount in yuan is converted at the base year's rate (6.9042 CNY per USD in 2020):
//   690.42 CNY -> 100 USD; L = 240: redirected = 100 x ((340/100)^0.6 - 1) with rho 1.5, kappa 1
//   = 100 x (2.083950 - 1) = 108.3950 (3.4^0.6 = exp(0.6 x 1.223775) = exp(0.734265) = 2.083950).
TEST(BeyondTest, StatedOtherMarketsAreConverted) {
  TempDir dir;
  dir.Write("flows.csv", kFlows);
  dir.Write("scenario.toml", std::string(kBan) +
                                 "[models.pe]\nother_markets = { value = 690.42, currency = \"CNY\", "
                                 "source = \"test figure\" }\n");
  const Reference& reference = RepoReference();
  const CaseAnalysis analysis = AnalyseCase(LoadCase(dir.path(), reference), reference);
  const PeExporterSide& side = *analysis.beyond->pe->exporter_side;
  EXPECT_NEAR(side.other_markets, 100.0, 1e-9);
  EXPECT_NEAR(side.redirected, 108.3950, 1e-4);
  EXPECT_THAT(side.other_markets_from, HasSubstr("test figure"));
  ASSERT_EQ(analysis.beyond->pe->rates.size(), 1u);
  EXPECT_EQ(analysis.beyond->pe->rates[0].currency, "CNY");
}

// ---------------------------------------------------------------------------------------------------
// GE on a three-economy panel (values in any unit, internal flows on the diagonal). It sits in a subfolder:
// every *.csv at the top of a case folder is read as trade data.
constexpr char kPanel[] =
    "exporter,importer,trade\n"
    "CHN,CHN,1000\nCHN,USA,100\nCHN,DEU,50\n"
    "USA,CHN,40\nUSA,USA,2000\nUSA,DEU,60\n"
    "DEU,CHN,30\nDEU,USA,70\nDEU,DEU,800\n";

TEST(BeyondTest, GeneralEquilibriumOnAPanel) {
  TempDir dir;
  dir.Write("flows.csv", kFlows);
  dir.Write("ge/panel.csv", kPanel);
  dir.Write("scenario.toml", std::string(kBan) +
                                 "[models.ge]\npanel = \"ge/panel.csv\"\n"
                                 "sigma = { value = 5, source = \"test\" }\nreference = \"DEU\"\n");
  const Reference& reference = RepoReference();
  const CaseAnalysis analysis = AnalyseCase(LoadCase(dir.path(), reference), reference);
  ASSERT_TRUE(analysis.beyond->ge);
  const GeAnalysis& ge = *analysis.beyond->ge;
  EXPECT_FALSE(ge.illustration);
  EXPECT_EQ(ge.economies, 3u);
  EXPECT_EQ(ge.parameters[0].value, 4.0);  // theta = sigma - 1
  EXPECT_THAT(ge.parameters[0].source, HasSubstr("sigma - 1 with sigma = 5 (test)"));
  ASSERT_EQ(ge.changes.size(), 3u);  // exporter, the banning partner, the one third country (no top lists)
  EXPECT_EQ(ge.changes[0].role, "exporter");
  EXPECT_EQ(ge.changes[1].role, "imposing partner");
  EXPECT_EQ(ge.changes[2].role, "third countries");

  // Expected: an independent solution of the same counterfactual (the flow CHN -> USA stopped, factor 0; theta 4;
  // DEU's inward resistance fixed; the panel's flows as baseline) by the base-R reference
  // tests/data/models/ge_reference.R (Sinkhorn scaling for the conditional equilibrium, Newton on the market-
  // clearing equations for the full endowment), R 4.2.2 Patched (2022-11-10 r83330), call
  // `Rscript tests/data/models/ge_reference.R panel3`, which printed (percent):
  //   economy  exports_cdl        exports_full       real_gdp_full        welfare
  //   CHN      -29.4292243576953  -35.226391930612   -0.98312166352893    -1.45169694754163
  //   DEU       31.2537630564622   30.921158173898    0.835114553136962    0.357934871915022
  //   USA      -52.9639077474139  -48.6029605129452  -0.778475504203746   -1.24801923050464
  // The one third country is DEU, so its sums and output weights are its own values. The program stops at a
  // largest log-flow change of 1e-8 per iteration (~1e-6 pp); the bound is ten times that.
  constexpr double kTol = 1e-5;
  EXPECT_NEAR(ge.changes[0].exports_change_cdl_pct, -29.4292243576953, kTol);  // exporter, CHN
  EXPECT_NEAR(ge.changes[0].exports_change_full_pct, -35.226391930612, kTol);
  EXPECT_NEAR(ge.changes[0].real_income_change_pct, -0.98312166352893, kTol);
  EXPECT_NEAR(ge.changes[0].welfare_change_pct, -1.45169694754163, kTol);
  EXPECT_NEAR(ge.changes[1].exports_change_cdl_pct, -52.9639077474139, kTol);  // imposing partner, USA
  EXPECT_NEAR(ge.changes[1].exports_change_full_pct, -48.6029605129452, kTol);
  EXPECT_NEAR(ge.changes[1].real_income_change_pct, -0.778475504203746, kTol);
  EXPECT_NEAR(ge.changes[1].welfare_change_pct, -1.24801923050464, kTol);
  EXPECT_NEAR(ge.changes[2].exports_change_cdl_pct, 31.2537630564622, kTol);  // third countries: DEU
  EXPECT_NEAR(ge.changes[2].exports_change_full_pct, 30.921158173898, kTol);
  EXPECT_NEAR(ge.changes[2].real_income_change_pct, 0.835114553136962, kTol);
  EXPECT_NEAR(ge.changes[2].welfare_change_pct, 0.357934871915022, kTol);
  // Bounds any reader can check: CHN loses its US sales, 100 of its 150 of exports at the baseline. In the
  // conditional equilibrium its output (1150) is fixed, so part of those sales moves to DEU: its exports fall,
  // but by less than 100 / 150 = 66.7%. The third country sells more.
  EXPECT_LT(ge.changes[0].exports_change_cdl_pct, 0.0);
  EXPECT_GT(ge.changes[0].exports_change_cdl_pct, -66.7);
  EXPECT_GT(ge.changes[2].exports_change_cdl_pct, 0.0);
}

TEST(BeyondTest, StandInExporterIsAnIllustration) {
  TempDir dir;
  dir.Write("flows.csv", kFlows);
  dir.Write("ge/panel.csv", kPanel);
  dir.Write("scenario.toml",
            std::string(kBan) + "[models.ge]\npanel = \"ge/panel.csv\"\ntheta = 4\nexporter = \"DEU\"\n");
  const Reference& reference = RepoReference();
  const CaseAnalysis analysis = AnalyseCase(LoadCase(dir.path(), reference), reference);
  const GeAnalysis& ge = *analysis.beyond->ge;
  EXPECT_TRUE(ge.illustration);
  EXPECT_EQ(ge.exporter, "DEU");
  EXPECT_THAT(ge.assumptions[0], HasSubstr("Illustration, not CHN"));
}

TEST(BeyondTest, ExporterMissingFromThePanelIsAnError) {
  TempDir dir;
  dir.Write("flows.csv", kFlows);
  dir.Write("ge/panel.csv", "exporter,importer,trade\nUSA,USA,5\nUSA,DEU,1\nDEU,USA,1\nDEU,DEU,5\n");
  dir.Write("scenario.toml", std::string(kBan) + "[models.ge]\npanel = \"ge/panel.csv\"\ntheta = 4\n");
  const Reference& reference = RepoReference();
  try {
    AnalyseCase(LoadCase(dir.path(), reference), reference);
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("CHN is not an economy of the panel ge/panel.csv (2 economies)"));
    EXPECT_THAT(error.what(), HasSubstr("models.ge.exporter"));
  }
}

TEST(BeyondTest, BadPanelValueIsLocated) {
  TempDir dir;
  dir.Write("flows.csv", kFlows);
  dir.Write("ge/panel.csv", "exporter,importer,trade\nCHN,CHN,5\nCHN,USA,lots\n");
  dir.Write("scenario.toml", std::string(kBan) + "[models.ge]\npanel = \"ge/panel.csv\"\ntheta = 4\n");
  const Reference& reference = RepoReference();
  try {
    AnalyseCase(LoadCase(dir.path(), reference), reference);
    FAIL() << "no error";
  } catch (const InputException& exception) {
    EXPECT_EQ(exception.error().line, 3u);
    EXPECT_EQ(exception.error().column, 9u);  // "CHN,USA," is 8 characters
    EXPECT_THAT(exception.error().Message(), HasSubstr("got 'lots'"));
  }
}

// ---------------------------------------------------------------------------------------------------
// Strict [models] parsing: located errors.

InputError ParseError(const std::string& text) {
  try {
    ParseScenario(text, RepoReference(), "bad.toml");
  } catch (const InputException& exception) {
    return exception.error();
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return {};
}

// kBan is 7 lines; [models.pe] is line 8, its first key line 9.
TEST(ModelsFileTest, UnknownPeKeyIsLocated) {
  const InputError error = ParseError(std::string(kBan) + "[models.pe]\nsubstitusion = 2\n");
  EXPECT_EQ(error.line, 9u);
  EXPECT_THAT(error.Message(), HasSubstr("bad.toml:9:"));
  EXPECT_THAT(error.Message(), HasSubstr("key 'models.pe.substitusion'"));
  EXPECT_THAT(error.Message(), HasSubstr("substitution, export_supply"));  // the accepted keys
}

TEST(ModelsFileTest, WrongTypeIsLocated) {
  const InputError error = ParseError(std::string(kBan) + "[models.pe]\nredirection = 1\nsubstitution = \"high\"\n");
  EXPECT_EQ(error.line, 10u);
  EXPECT_THAT(error.Message(), HasSubstr("key 'models.pe.substitution': a number, got a string"));
}

TEST(ModelsFileTest, ImpossibleElasticityIsLocated) {
  const InputError error = ParseError(std::string(kBan) + "[models.pe]\nsubstitution = -1\n");
  EXPECT_EQ(error.kind, InputErrorKind::kBadNumber);
  EXPECT_EQ(error.line, 9u);
  EXPECT_THAT(error.Message(),
              HasSubstr("got '-1', expected key 'models.pe.substitution': an elasticity from 0 to 100"));
}

TEST(ModelsFileTest, ParameterTableKeysAreChecked) {
  const InputError error = ParseError(std::string(kBan) + "[models.pe]\nredirection = { value = 1, sorce = \"x\" }\n");
  EXPECT_EQ(error.line, 9u);
  EXPECT_THAT(error.Message(), HasSubstr("key 'models.pe.redirection.sorce': value or source"));
}

TEST(ModelsFileTest, StatedAmountNeedsASource) {
  const InputError error =
      ParseError(std::string(kBan) + "[models.pe]\nother_markets = { value = 1, currency = \"USD\" }\n");
  EXPECT_EQ(error.line, 9u);
  EXPECT_THAT(error.Message(), HasSubstr("'source' in the table (required)"));
}

TEST(ModelsFileTest, UnknownOtherMarketsWord) {
  const InputError error = ParseError(std::string(kBan) + "[models.pe]\nother_markets = \"imports\"\n");
  EXPECT_EQ(error.line, 9u);
  EXPECT_THAT(error.Message(), HasSubstr("got 'imports'"));
}

TEST(ModelsFileTest, RedirectionAndSupplyNotBothZero) {
  const InputError error = ParseError(std::string(kBan) + "[models.pe]\nredirection = 0\nexporter_supply = 0\n");
  EXPECT_EQ(error.line, 8u);
  EXPECT_THAT(error.Message(), HasSubstr("not both 0"));
}

TEST(ModelsFileTest, NotesAreStrings) {
  const Scenario scenario =
      ParseScenario(std::string(kBan) + "[models]\nnotes = [\"a\", \"b\"]\n[models.pe]\n", RepoReference(), "ok.toml");
  EXPECT_EQ(scenario.models.notes, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(scenario.models.pe);
  EXPECT_TRUE(scenario.models.pe->substitution.is_default);
  const InputError error = ParseError(std::string(kBan) + "[models]\nnotes = [\"a\", 2]\n");
  EXPECT_EQ(error.line, 9u);
  EXPECT_THAT(error.Message(), HasSubstr("key 'models.notes': a string, got a integer"));
}

TEST(ModelsFileTest, UnknownModelIsLocated) {
  const InputError error = ParseError(std::string(kBan) + "[models.cge]\nx = 1\n");
  EXPECT_EQ(error.line, 8u);
  EXPECT_THAT(error.Message(), HasSubstr("[models.pe] or [models.ge]"));
}

TEST(ModelsFileTest, GeNeedsAPanelAndOneElasticity) {
  EXPECT_THAT(ParseError(std::string(kBan) + "[models.ge]\ntheta = 4\n").Message(),
              HasSubstr("key 'panel' (required)"));
  // Keys are checked in name order (toml++ tables are sorted): sigma, then theta, which is flagged.
  const InputError both = ParseError(std::string(kBan) + "[models.ge]\nsigma = 5\ntheta = 4\n");
  EXPECT_EQ(both.line, 10u);
  EXPECT_THAT(both.Message(), HasSubstr("theta or sigma, not both"));
  const InputError sigma = ParseError(std::string(kBan) + "[models.ge]\nsigma = 1\n");
  EXPECT_EQ(sigma.line, 9u);
  EXPECT_THAT(sigma.Message(), HasSubstr("an elasticity of substitution > 1"));
}

TEST(ModelsFileTest, MissingPanelFileIsLocated) {
  const InputError error = ParseError(std::string(kBan) + "[models.ge]\ntheta = 4\npanel = \"no-such-panel.csv\"\n");
  EXPECT_EQ(error.kind, InputErrorKind::kIo);
  EXPECT_EQ(error.line, 10u);
  EXPECT_THAT(error.Message(), HasSubstr("key 'models.ge.panel': a readable CSV file"));
}

TEST(ModelsFileTest, BanCostChangeIsAFactor) {
  const InputError error = ParseError(std::string(kBan) + "[models.ge]\nban_cost_change = 1.5\n");
  EXPECT_EQ(error.line, 9u);
  EXPECT_THAT(error.Message(), HasSubstr("a factor from 0 (flow stopped) to 1 (no change)"));
}

}  // namespace
}  // namespace tradeshock::testing
