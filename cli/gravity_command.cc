// tradeshock gravity DATA.csv --formula "y ~ x | fe1 + fe2": Poisson PML (or OLS) with high-dimensional
// fixed effects; prints an etable-like table, CSV or JSON.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "output.h"
#include "tradeshock/error.h"
#include "tradeshock/gravity.h"
#include "tradeshock/result_json.h"

namespace tradeshock::cli {
namespace {

struct GravityFlags {
  std::string file;
  std::string formula;
  std::string family = "poisson";
  std::vector<std::string> cluster;
  std::string vcov;
  std::string small_sample = "fixest";
  std::string subset;
  std::string weights;
  std::string offset;
  std::string format = "table";
  std::string out;
  double tolerance = 1e-8;
  int max_iterations = 100;
  bool keep_singletons = false;
  bool no_rectifier = false;
  int threads = 0;
};

std::string Stars(double p) { return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : ""; }

std::string RenderTable(const gravity::FitResult& r, const GravityFlags& flags) {
  std::string text = fmt::format("{} estimation, formula: {}\n\n",
                                 r.family == gravity::Family::kPoisson ? "Poisson PML" : "OLS", flags.formula);
  TextTable table({"", "estimate", "std. error", "z", "p", ""}, {false, true, true, true, true, false});
  for (const gravity::Coefficient& c : r.coefficients) {
    table.AddRow({c.name, fmt::format("{:.6f}", c.estimate), fmt::format("{:.6f}", c.std_error),
                  fmt::format("{:.3f}", c.statistic), fmt::format("{:.3g}", c.p_value), Stars(c.p_value)});
  }
  text += table.Render();
  std::string se = std::string(gravity::ToString(r.vcov_type));
  if (r.vcov_type == gravity::VcovType::kCluster) {
    se += " by";
    for (std::size_t i = 0; i < r.cluster.size(); ++i)
      se += fmt::format(" {} ({} clusters)", r.cluster[i], r.cluster_counts[i]);
  }
  text += fmt::format(
      "---\nSignificance: *** 0.001  ** 0.01  * 0.05  . 0.1\nStandard errors: {}, small-sample correction: {}\n", se,
      flags.small_sample);
  for (const gravity::FixedEffectValues& fe : r.fixed_effects) {
    text += fmt::format("Fixed effects: {} ({} levels)\n", fe.name, fe.levels.size());
  }
  text += fmt::format(
      "Observations: {} of {} rows; dropped: subset {}, missing {}, singletons {}, separated {} "
      "(fixed effects {}, rectifier {})\n",
      r.observations, r.input_rows, r.dropped.subset, r.dropped.missing, r.dropped.singleton,
      r.dropped.separated_fe + r.dropped.separated_relu, r.dropped.separated_fe, r.dropped.separated_relu);
  text += fmt::format("Iterations: {} ({}, last relative change in deviance {:.3g})\n", r.iterations,
                      r.converged ? "converged" : "NOT CONVERGED", r.last_change);
  if (!r.fe_converged) text += "Warning: the fixed-effect projections did NOT converge (fe_converged false)\n";
  text += fmt::format("Deviance: {:.6g}   Log-likelihood: {:.6g}   {}: {:.6f}\n", r.deviance, r.log_likelihood,
                      r.family == gravity::Family::kPoisson ? "Pseudo R2" : "R2", r.pseudo_r2);
  for (const std::string& note : r.notes) text += "Note: " + note + "\n";
  return text;
}

std::string RenderCsv(const gravity::FitResult& r) {
  std::string text = "term,estimate,std_error,statistic,p_value\n";
  for (const gravity::Coefficient& c : r.coefficients) {
    text += fmt::format("{},{:.17g},{:.17g},{:.17g},{:.17g}\n", CsvField(c.name), c.estimate, c.std_error, c.statistic,
                        c.p_value);
  }
  return text;
}

std::string RenderJson(const gravity::FitResult& r, const GravityFlags& flags) {
  return ToJson(r, flags.formula).dump(2) + "\n";
}

void Run(const GravityFlags& flags) {
  gravity::DataFrame data = gravity::ReadDataFrame(flags.file);
  gravity::Formula formula = gravity::ParseFormula(flags.formula);
  gravity::FitOptions options;
  if (flags.family == "poisson")
    options.family = gravity::Family::kPoisson;
  else if (flags.family == "ols")
    options.family = gravity::Family::kGaussian;
  else
    throw Error("gravity: --family must be poisson or ols, got '" + flags.family + "'");
  options.cluster = flags.cluster;
  std::string vcov = flags.vcov.empty() ? (flags.cluster.empty() ? "hc1" : "cluster") : flags.vcov;
  if (vcov == "iid")
    options.vcov = gravity::VcovType::kIid;
  else if (vcov == "hc1" || vcov == "robust")
    options.vcov = gravity::VcovType::kHeteroskedastic;
  else if (vcov == "cluster")
    options.vcov = gravity::VcovType::kCluster;
  else
    throw Error("gravity: --vcov must be iid, hc1 or cluster, got '" + vcov + "'");
  if (options.vcov == gravity::VcovType::kCluster && flags.cluster.empty())
    throw Error("gravity: --vcov cluster needs --cluster");
  if (flags.small_sample == "fixest")
    options.small_sample = gravity::SmallSample::kFixest;
  else if (flags.small_sample == "stata")
    options.small_sample = gravity::SmallSample::kStata;
  else if (flags.small_sample == "none")
    options.small_sample = gravity::SmallSample::kNone;
  else
    throw Error("gravity: --ssc must be fixest, stata or none, got '" + flags.small_sample + "'");
  if (!flags.subset.empty()) options.subset = gravity::EvaluateSubset(data, flags.subset);
  options.weights = flags.weights;
  options.offset = flags.offset;
  options.tolerance = flags.tolerance;
  options.max_iterations = flags.max_iterations;
  options.drop_singletons = !flags.keep_singletons;
  options.check_separation = !flags.no_rectifier && options.family == gravity::Family::kPoisson;
  options.threads = flags.threads;
  gravity::FitResult result = gravity::Fit(data, formula, options);
  if (flags.format == "table")
    Emit(flags.out, RenderTable(result, flags));
  else if (flags.format == "csv")
    Emit(flags.out, RenderCsv(result));
  else
    Emit(flags.out, RenderJson(result, flags));
  if (!result.converged && flags.format != "table")
    Note("gravity: the fit did not converge (see iterations and last_change)");
  if (!result.fe_converged && flags.format != "table")
    Note("gravity: the fixed-effect projections did not converge (fe_converged false)");
}

}  // namespace

void AddGravityCommand(CLI::App& app) {
  auto flags = std::make_shared<GravityFlags>();
  CLI::App* command = app.add_subcommand("gravity", "Poisson PML / OLS with high-dimensional fixed effects");
  command->add_option("file", flags->file, "CSV data file with a header (gzip allowed, - for stdin)")->required();
  command->add_option("--formula", flags->formula, "fixest-style formula: y ~ x1 + log(x2) | fe1 + fe2^fe3")
      ->required();
  command->add_option("--family", flags->family, "poisson (default) or ols");
  command->add_option("--cluster", flags->cluster, "one or two cluster variables (a^b allowed)")->expected(1, 2);
  command->add_option("--vcov", flags->vcov, "iid, hc1 or cluster (default: cluster with --cluster, else hc1)");
  command->add_option("--ssc", flags->small_sample, "small-sample correction: fixest (default), stata or none");
  command->add_option("--subset", flags->subset, "rows to use, e.g. 'year in 1986,1990 & exporter != importer'");
  command->add_option("--weights", flags->weights, "observation weight column");
  command->add_option("--offset", flags->offset, "offset column (added to the linear predictor)");
  command->add_option("--tolerance", flags->tolerance,
                      "IRLS stopping rule: relative change in deviance (default 1e-8)");
  command->add_option("--max-iterations", flags->max_iterations, "IRLS iteration limit (default 100)");
  command->add_flag("--keep-singletons", flags->keep_singletons, "do not drop singleton observations");
  command->add_flag("--no-rectifier", flags->no_rectifier,
                    "skip the iterative-rectifier separation check (all-zero fixed-effect groups are still dropped)");
  command->add_option("--threads", flags->threads, "threads for the fixed-effect projections (default: all)");
  command->add_option("--format", flags->format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  command->add_option("--out", flags->out, "write to this file instead of stdout");
  command->callback([flags] { Run(*flags); });
}

}  // namespace tradeshock::cli
