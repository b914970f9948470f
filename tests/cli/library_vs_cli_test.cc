// One test per front-end entry point (issue 12): the command run as a process and the library entry it calls
// (AnalyseCase, CheckCaseClaims, Fit, RunGeOnPanel), called here on the same input, give the same JSON object for the
// same result struct; and one figure of each against a hand calculation or a peer tool, so that a test fails when both
// sides drift together. The seed case is data/cases/xinjiang-2021; its 2020 CNY rate is 6.9042 CNY per USD
// (data/reference/fx, Federal Reserve H.10 annual average).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"
#include "reference/reference_fixture.h"
#include "tradeshock/case.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/ge_panel.h"
#include "tradeshock/gravity.h"
#include "tradeshock/result_json.h"

namespace tradeshock::testing {
namespace {

constexpr double kCnyPerUsd2020 = 6.9042;

std::string CaseDir() { return RepoPath("data/cases/xinjiang-2021").string(); }

// The case as the scenario and brief commands load it: mirror imports "auto" (the default flag).
Case LoadSeedCase() {
  Case c = LoadCase(CaseDir(), RepoReference(), {}, MirrorImports::kOff);
  AddMirrorImports(c, RepoReference(), MirrorImports::kAuto);
  return c;
}

TEST(LibraryVsCliTest, LookupJsonIsLookUpCode) {
  const CliRun run = RunCli({"lookup", "CN-XJ", "61", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::vector<CodeMatch> matches = LookUpCode(RepoReference(), "CN-XJ");
  const std::vector<CodeMatch> hs = LookUpCode(RepoReference(), "61");
  matches.insert(matches.end(), hs.begin(), hs.end());
  EXPECT_EQ(nlohmann::json::parse(run.out), ToJson(matches));
  // By the reference data: CN-XJ is an ISO 3166-2 region of China; 61 is an HS chapter (knitted apparel) of
  // section XI.
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].kind, "region");
  EXPECT_EQ(matches[0].detail, "region of CHN");
  EXPECT_EQ(matches[1].kind, "HS chapter");
  EXPECT_EQ(matches[1].detail, "section XI");
}

TEST(LibraryVsCliTest, ScenarioJsonIsAnalyseCaseJson) {
  const CliRun run = RunCli({"scenario", CaseDir(), "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json cli = nlohmann::json::parse(run.out);

  // The scenario command leaves checking the claims to the claims command; it still reads them, since they
  // give the nowcast its own history (ImpliedHistory).
  const Case c = LoadSeedCase();
  CaseAnalysisOptions options;
  options.check_claims = false;
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference(), options);
  nlohmann::json library = CaseAnalysisToJson(analysis, c.table);
  library.erase("claims");

  ASSERT_TRUE(cli.contains("exposure"));
  EXPECT_EQ(cli["exposure"], ToJson(analysis.exposure, c.table));
  EXPECT_EQ(cli["partner_shares"], ToJson(analysis.partner_shares, c.table));
  // The case's largest partner is ToJson(Dependence) with its numerator and denominator named.
  nlohmann::json largest = ToJson(analysis.largest_partner);
  largest["numerator"] = "CN-XJ trade with KAZ, TOTAL, 2020";
  largest["denominator"] = "CN-XJ trade with WLD, TOTAL, 2020";
  EXPECT_EQ(cli["largest_partner"], largest);
  EXPECT_EQ(cli, library);
  // By hand: at risk are all exports to the US in 2020, 4.528 bn CNY / 6.9042 = 0.655833 bn USD.
  EXPECT_NEAR(cli["exposure"]["at_risk"].get<double>(), 4.528e9 / kCnyPerUsd2020, 1.0);
  EXPECT_NEAR(cli["exposure"]["at_risk"].get<double>(), 0.655833e9, 1e3);
  // "rows" is the list of rows added up (here the one 2020 total-trade row), not a count.
  ASSERT_TRUE(cli["partner_shares"]["total"]["rows"].is_array());
  ASSERT_EQ(cli["partner_shares"]["total"]["rows"].size(), 1u);
}

TEST(LibraryVsCliTest, ClaimsJsonIsCheckCaseClaimsJson) {
  const CliRun run = RunCli({"claims", CaseDir(), "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json cli = nlohmann::json::parse(run.out);

  const Case c = LoadCase(CaseDir(), RepoReference());  // as the claims command loads it
  const std::optional<ClaimsReport> report = CheckCaseClaims(c, RepoReference(), CaseAnalysisOptions{});
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(cli["results"].size(), report->results.size());
  ASSERT_EQ(cli["results"].size(), 19u);  // claims.toml holds 19 claims
  EXPECT_EQ(cli, ToJson(*report, c.table));
  // By hand: total trade 2020 is the flows.csv row "21.387 billion U.S. dollars".
  for (const auto& result : cli["results"]) {
    if (result["id"] == "total-trade-2020") EXPECT_DOUBLE_EQ(result["computed"].get<double>(), 21.387e9);
  }
}

TEST(LibraryVsCliTest, BriefJsonIsAnalyseCaseJson) {
  const auto out_dir = TempPath("tradeshock-brief");
  const CliRun run = RunCli({"brief", CaseDir(), "--out", out_dir.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json brief = nlohmann::json::parse(ReadWholeFile(out_dir / "brief.json"));
  std::filesystem::remove_all(out_dir);
  ASSERT_TRUE(brief.contains("generated_by"));
  brief.erase("generated_by");
  ASSERT_TRUE(brief.contains("lead"));
  brief.erase("lead");  // BriefLead's paragraph, added by the brief (report.h)

  const Case c = LoadSeedCase();
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference(), CaseAnalysisOptions{});
  EXPECT_EQ(brief, CaseAnalysisToJson(analysis, c.table));
  // The same struct gives the same object in brief.json and in `scenario --format json`.
  const CliRun scenario = RunCli({"scenario", CaseDir(), "--format", "json"});
  ASSERT_EQ(scenario.exit_code, 0) << scenario.err;
  const nlohmann::json scenario_json = nlohmann::json::parse(scenario.out);
  EXPECT_EQ(brief["partner_shares"], scenario_json["partner_shares"]);
  EXPECT_EQ(brief["exposure"], scenario_json["exposure"]);
  // By hand: KAZ's share of 2020 trade, 75.826 bn CNY / 6.9042 / 21.387 bn USD = 0.513517.
  EXPECT_NEAR(brief["largest_partner"]["share"].get<double>(), 0.513517, 1e-6);
}

TEST(LibraryVsCliTest, GravityJsonIsFitResult) {
  const std::string file = RepoPath("tests/data/gravity/glm_small.csv").string();
  const std::string formula = "trade ~ log(dist) + cntg + rta | exporter^year + importer^year";
  const CliRun run =
      RunCli({"gravity", file, "--formula", formula, "--vcov", "iid", "--ssc", "none", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json cli = nlohmann::json::parse(run.out);

  gravity::FitOptions options = gravity::FitOptions::Defaults();
  options.family = gravity::Family::kPoisson;
  options.vcov = gravity::VcovType::kIid;
  options.small_sample = gravity::SmallSample::kNone;
  options.check_separation = true;  // the command's default (the rectifier unless --no-rectifier)
  const gravity::FitResult fit = gravity::Fit(gravity::ReadDataFrame(file), gravity::ParseFormula(formula), options);
  ASSERT_EQ(cli["coefficients"].size(), fit.coefficients.size());
  ASSERT_EQ(fit.coefficients.size(), 3u);
  for (std::size_t k = 0; k < fit.coefficients.size(); ++k) {
    EXPECT_EQ(cli["coefficients"][k]["term"], fit.coefficients[k].name) << k;
    EXPECT_EQ(cli["coefficients"][k]["estimate"].get<double>(), fit.coefficients[k].estimate) << k;
    EXPECT_EQ(cli["coefficients"][k]["std_error"].get<double>(), fit.coefficients[k].std_error) << k;
  }
  EXPECT_EQ(cli["observations"].get<std::size_t>(), fit.observations);
  EXPECT_EQ(cli["converged"].get<bool>(), fit.converged);
  EXPECT_EQ(cli["fe_converged"].get<bool>(), fit.fe_converged);
  // Peer tool: R 4.2.2 glm(family = quasipoisson) with dummy fixed effects gives log(dist) -2.276913777975102
  // (the R output recorded in the header of glm_small.csv).
  EXPECT_NEAR(cli["coefficients"][0]["estimate"].get<double>(), -2.276913777975102, 1e-6);
}

TEST(LibraryVsCliTest, GeJsonIsRunGeOnPanelJson) {
  const std::string file = RepoPath("tests/data/models/agtpa_2006.csv").string();
  const std::string estimate = "trade ~ ln_dist + cntg + intl_brdr | exporter + importer";
  const CliRun run = RunCli({"ge", file, "--sigma", "7", "--reference", "DEU", "--estimate", estimate,
                             "--counterfactual", "intl_brdr = 0", "--imbalance", "additive", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json cli = nlohmann::json::parse(run.out);

  GePanelOptions options = GePanelOptions::Defaults();
  options.panel.file = file;
  options.sigma = 7;
  options.reference = "DEU";
  options.estimate = estimate;
  options.counterfactual = "intl_brdr = 0";
  options.imbalance = ge::Imbalance::kAdditive;
  const GePanelResult library = RunGeOnPanel(options);
  // The CLI's JSON went through text: compare after the same round trip.
  EXPECT_EQ(cli, nlohmann::json::parse(ToJson(library, options).dump(2)));
  EXPECT_EQ(cli["imbalance"], "additive");
  EXPECT_EQ(cli["method"], "equilibrium");
  EXPECT_EQ(cli["stopping_rule"], "log-flows");
  ASSERT_EQ(cli["economies"].size(), 69u);
  ASSERT_EQ(library.result.economies.size(), 69u);
  EXPECT_EQ(cli["economies"][0].size(), GeEconomyColumns().size());
  // theta = sigma - 1, by hand.
  EXPECT_EQ(cli["theta"].get<double>(), 6.0);
}

}  // namespace
}  // namespace tradeshock::testing
