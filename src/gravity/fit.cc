// Poisson PML and OLS with high-dimensional fixed effects. Fit runs the steps fit_steps.h lists: columns and
// groupings, the sample, the identified observations, the design, IRLS, statistics and variance, and the
// fixed effects. docs/METHODS.md, "Gravity" states the algorithm and its references.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "gravity/demean.h"
#include "gravity/fit_steps.h"
#include "tradeshock/error.h"
#include "tradeshock/gravity.h"

namespace tradeshock::gravity {

namespace internal {

double Transformed(const Column& column, const Term& term, std::size_t row) {
  const double value = column.values[row];
  return term.log ? (value > 0 ? std::log(value) : std::nan("")) : value;
}

Design BuildDesign(const Formula& formula, const FitInputs& inputs, const std::vector<std::size_t>& rows) {
  Design design;
  design.n = rows.size();
  design.k = static_cast<int>(inputs.regressors.size()) + (formula.intercept ? 1 : 0);
  design.y.resize(design.n);
  design.prior_weights.assign(design.n, 1.0);
  design.offset.assign(design.n, 0.0);
  design.x.resize(design.n * design.k);
  for (std::size_t i = 0; i < design.n; ++i) {
    const std::size_t row = rows[i];
    design.y[i] = Transformed(*inputs.response, formula.response, row);
    if (inputs.weights != nullptr) design.prior_weights[i] = inputs.weights->values[row];
    if (inputs.offset != nullptr) design.offset[i] = inputs.offset->values[row];
    for (std::size_t j = 0; j < inputs.regressors.size(); ++j) {
      design.x[j * design.n + i] = Transformed(*inputs.regressors[j], formula.regressors[j], row);
    }
    if (formula.intercept) design.x[inputs.regressors.size() * design.n + i] = 1.0;
  }
  for (const Term& term : formula.regressors) design.names.push_back(term.Label());
  if (formula.intercept) design.names.push_back("(Intercept)");
  for (const Grouping& g : inputs.fe_groupings) design.dims.push_back(Compact(g.ids, rows));
  return design;
}

}  // namespace internal

namespace {

using internal::Demeaner;
using internal::Design;
using internal::FitInputs;
using internal::Grouping;
using internal::IrlsFit;
using internal::Transformed;

// Rows outside the subset or with a missing value in a used column (a log of a non-positive number counts as
// missing) leave the sample; a negative Poisson response is an error. Returns the rows' active flags.
std::vector<std::uint8_t> MarkSample(const DataFrame& data, const Formula& formula, const FitInputs& inputs,
                                     const FitOptions& options, FitResult& result) {
  const bool poisson = options.family == Family::kPoisson;
  std::vector<std::uint8_t> active(data.rows, 1);
  for (std::size_t row = 0; row < data.rows; ++row) {
    if (!options.subset.empty() && !options.subset[row]) {
      active[row] = 0;
      ++result.dropped.subset;
      continue;
    }
    const double y = Transformed(*inputs.response, formula.response, row);
    bool missing = std::isnan(y);
    for (std::size_t j = 0; j < inputs.regressors.size() && !missing; ++j) {
      missing = std::isnan(Transformed(*inputs.regressors[j], formula.regressors[j], row));
    }
    if (inputs.weights != nullptr) missing = missing || !(inputs.weights->values[row] > 0);
    if (inputs.offset != nullptr) missing = missing || std::isnan(inputs.offset->values[row]);
    for (const Grouping& g : inputs.fe_groupings) missing = missing || g.ids[row] < 0;
    for (const Grouping& g : inputs.cluster_groupings) missing = missing || g.ids[row] < 0;
    if (missing) {
      active[row] = 0;
      ++result.dropped.missing;
      continue;
    }
    if (poisson && y < 0) {
      throw Error(fmt::format("gravity: Poisson needs a response >= 0: {} row {} has {} = {}", data.source, row + 2,
                              formula.response.Label(), inputs.response->values[row]));
    }
  }
  return active;
}

double NormalTwoSided(double statistic) { return std::erfc(std::abs(statistic) / std::sqrt(2.0)); }

void SetCoefficients(const Design& design, const IrlsFit& fit, FitResult& result) {
  for (Eigen::Index a = 0; a < static_cast<Eigen::Index>(fit.kept.size()); ++a) {
    Coefficient c;
    c.name = design.names[fit.kept[a]];
    c.estimate = fit.beta(a);
    c.std_error = std::sqrt(result.vcov(a, a));
    c.statistic = c.estimate / c.std_error;
    c.p_value = NormalTwoSided(c.statistic);
    result.coefficients.push_back(c);
  }
}

// The fixed effects: the part of eta not explained by offset and regressors, solved for group coefficients
// by alternating projections with unit weights (it lies exactly in their span, so any weighting gives the
// same coefficients). The first dimension absorbs the constant: the others start at 0.
void RecoverFixedEffects(const Design& design, const IrlsFit& fit, const FitInputs& inputs,
                         const std::vector<std::size_t>& rows, Demeaner& demeaner, const FitOptions& options,
                         FitResult& result) {
  if (design.dims.empty()) return;
  const std::size_t n = design.n;
  std::vector<double> remainder(n);
  for (std::size_t i = 0; i < n; ++i) {
    double xb = 0;
    for (std::size_t a = 0; a < fit.kept.size(); ++a) {
      xb += design.x[fit.kept[a] * n + i] * fit.beta(static_cast<Eigen::Index>(a));
    }
    remainder[i] = fit.eta[i] - design.offset[i] - xb;
  }
  std::vector<double> ones(n, 1.0);
  demeaner.SetWeights(ones.data());
  bool converged = true;
  std::vector<std::vector<double>> alpha =
      demeaner.Coefficients(remainder.data(), options.fe_solve_tolerance, options.max_fe_iterations, &converged);
  result.fe_converged = result.fe_converged && converged;
  for (std::size_t d = 1; d < design.dims.size(); ++d) {
    double shift = alpha[d][0];
    for (double& a : alpha[d]) a -= shift;
    for (double& a : alpha[0]) a += shift;
  }
  for (std::size_t d = 0; d < design.dims.size(); ++d) {
    const Grouping& grouping = inputs.fe_groupings[d];
    std::vector<std::size_t> first_rows;
    internal::Compact(grouping.ids, rows, &first_rows);
    FixedEffectValues values;
    values.name = grouping.name;
    for (std::size_t row : first_rows) values.levels.push_back(internal::LevelLabel(grouping, row));
    values.values = std::move(alpha[d]);
    result.fixed_effects.push_back(std::move(values));
  }
}

FitResult EmptyResult(const DataFrame& data, const FitOptions& options) {
  FitResult result;
  result.family = options.family;
  result.input_rows = data.rows;
  result.vcov_type = options.vcov;
  result.small_sample = options.small_sample;
  result.cluster = options.cluster;
  return result;
}

}  // namespace

FitOptions FitOptions::Defaults() { return FitOptions(); }

void FitOptions::Validate() const {
  if (vcov == VcovType::kCluster && (cluster.empty() || cluster.size() > 2)) {
    throw Error("gravity: clustered standard errors need one or two cluster variables");
  }
  auto positive = [](double value, const char* name) {
    if (!(value > 0) || !std::isfinite(value)) {
      throw Error(fmt::format("gravity: FitOptions::{} must be a positive number, got {}", name, value));
    }
  };
  positive(tolerance, "tolerance");
  positive(fe_tolerance, "fe_tolerance");
  positive(fe_solve_tolerance, "fe_solve_tolerance");
  positive(collinearity_tolerance, "collinearity_tolerance");
  if (max_iterations < 1) {
    throw Error(fmt::format("gravity: FitOptions::max_iterations must be at least 1, got {}", max_iterations));
  }
  if (max_fe_iterations < 1) {
    throw Error(fmt::format("gravity: FitOptions::max_fe_iterations must be at least 1, got {}", max_fe_iterations));
  }
  if (threads < 0) throw Error(fmt::format("gravity: FitOptions::threads must be 0 (all) or more, got {}", threads));
}

FitResult Fit(const DataFrame& data, const Formula& formula, const FitOptions& options) {
  options.Validate();
  FitResult result = EmptyResult(data, options);
  const FitInputs inputs = internal::ResolveInputs(data, formula, options);
  std::vector<std::uint8_t> active = MarkSample(data, formula, inputs, options, result);
  const std::vector<std::size_t> rows = internal::DropUnidentified(data, formula, inputs, options, active, result);

  const Design design = internal::BuildDesign(formula, inputs, rows);
  result.observations = design.n;
  Demeaner demeaner(&design.dims, design.n);
  const int threads =
      options.threads > 0 ? options.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  IrlsFit fit = internal::RunIrls(design, demeaner, options, threads, result);
  const internal::FinalDesign final_design =
      internal::FinalDemeanedRegressors(design, demeaner, fit, options, threads, result);

  internal::SetFitStatistics(design, fit, options, result);
  result.vcov = internal::Variance(design, fit, final_design, inputs, rows, options, result);
  SetCoefficients(design, fit, result);

  result.fitted.assign(data.rows, std::nan(""));
  for (std::size_t i = 0; i < design.n; ++i) result.fitted[rows[i]] = fit.mu[i];
  RecoverFixedEffects(design, fit, inputs, rows, demeaner, options, result);
  if (!result.fe_converged) {
    result.notes.push_back(
        fmt::format("fixed-effect projections did not converge within {} sweeps (max_fe_iterations); estimates may be "
                    "inaccurate",
                    options.max_fe_iterations));
  }
  return result;
}

}  // namespace tradeshock::gravity
