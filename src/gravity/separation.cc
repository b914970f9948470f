// Which observations a Poisson fit can identify (fit_steps.h, step 3): singletons of a fixed-effect group,
// all-zero groups, and observations separated by the regressors and fixed effects together, found by the
// iterative rectifier of Correia, Guimarães & Zylkin (2021). docs/METHODS.md, "Gravity".
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "gravity/fit_steps.h"
#include "tradeshock/error.h"

namespace tradeshock::gravity::internal {
namespace {

// The rectifier's least-squares fit: u on the regressors and fixed effects, constrained to be exactly zero on
// the y > 0 observations. Solved by the method of weighting with deferred correction (Van Loan 1985): a
// weighted fit with weight kInteriorWeight on y > 0, then the target there is moved by the constraint
// violation and the fit repeated until the violation is below 1e-12 of the largest |u|. The fixed-effect
// coefficients of each refinement start from the previous ones. Returns the fitted values.
class RectifierFit {
 public:
  static constexpr double kInteriorWeight = 1000.0;

  RectifierFit(const Design& design, const FitOptions& options)
      : design_(design), demeaner_(&design.dims, design.n), options_(options) {
    const std::size_t n = design.n;
    weights_.resize(n);
    for (std::size_t i = 0; i < n; ++i) weights_[i] = design.y[i] > 0 ? kInteriorWeight : 1.0;
    demeaner_.SetWeights(weights_.data());
    x_demeaned_ = design.x;
    std::vector<double> raw(design.k, 0.0);
    for (int j = 0; j < design.k; ++j) {
      for (std::size_t i = 0; i < n; ++i) raw[j] += weights_[i] * design.x[j * n + i] * design.x[j * n + i];
      bool converged = true;
      demeaner_.Demean(x_demeaned_.data() + j * n, options_.fe_solve_tolerance, options_.max_fe_iterations, &converged);
      converged_ = converged_ && converged;
    }
    if (design.k > 0) {
      auto x = AsMatrix(x_demeaned_, n, design.k);
      Eigen::Map<const Eigen::VectorXd> w(weights_.data(), static_cast<Eigen::Index>(n));
      Eigen::MatrixXd gram = x.transpose() * w.asDiagonal() * x;
      kept_ = IndependentColumns(gram, raw, options_.collinearity_tolerance);
      xk_.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(kept_.size()));
      for (std::size_t a = 0; a < kept_.size(); ++a) xk_.col(a) = x.col(kept_[a]);
      if (!kept_.empty()) solver_.compute(xk_.transpose() * w.asDiagonal() * xk_);
    }
  }

  std::vector<double> Fitted(const std::vector<double>& u) {
    const std::size_t n = design_.n;
    double scale = 0;
    for (double value : u) scale = std::max(scale, std::abs(value));
    std::vector<double> target = u, fitted(n, 0.0), residual(n);
    if (scale == 0) return fitted;
    for (int refinement = 0; refinement < 500; ++refinement) {
      residual = target;
      bool converged = true;
      demeaner_.Demean(residual.data(), options_.fe_solve_tolerance, options_.max_fe_iterations, &converged, &state_);
      converged_ = converged_ && converged;
      if (!kept_.empty()) {
        Eigen::Map<Eigen::VectorXd> r(residual.data(), static_cast<Eigen::Index>(n));
        Eigen::Map<const Eigen::VectorXd> w(weights_.data(), static_cast<Eigen::Index>(n));
        Eigen::VectorXd beta = solver_.solve(xk_.transpose() * (w.asDiagonal() * r));
        r -= xk_ * beta;
      }
      double violation = 0;
      for (std::size_t i = 0; i < n; ++i) {
        fitted[i] = target[i] - residual[i];
        if (design_.y[i] > 0) violation = std::max(violation, std::abs(fitted[i]));
      }
      if (violation <= 1e-12 * scale) break;
      for (std::size_t i = 0; i < n; ++i) {
        if (design_.y[i] > 0) target[i] -= fitted[i];
      }
    }
    return fitted;
  }

  // False once any inner projection stopped at max_fe_iterations.
  bool converged() const { return converged_; }

 private:
  const Design& design_;
  Demeaner demeaner_;
  const FitOptions& options_;
  bool converged_ = true;
  std::vector<double> weights_, x_demeaned_;
  std::vector<int> kept_;
  Eigen::MatrixXd xk_;
  Eigen::LDLT<Eigen::MatrixXd> solver_;
  internal::DemeanState state_;
};

// Correia, Guimarães & Zylkin (2021), "Verifying the existence of maximum likelihood estimates for
// generalized linear models", the iterative rectifier (as in ppmlhdfe's relu check): u = 1 on y = 0;
// repeatedly fit u by least squares on the regressors and fixed effects subject to a zero fit on y > 0
// and replace u by max(fit, 0) on y = 0. When no fit on y = 0 is negative (beyond -0.1 delta), the
// observations with a fit above delta are separated; fits within the band count as zero. When no residual
// on y = 0 is negative the observations with a positive residual cannot be separated (normal equations),
// which ends the search early. Returns the separated observations' indices; `fe_converged` becomes false
// when an inner projection did not converge.
std::vector<std::size_t> RectifierSeparation(const Design& design, const FitOptions& options, bool* fe_converged) {
  const std::size_t n = design.n;
  std::vector<double> u(n, 0.0);
  std::size_t zeros = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (design.y[i] == 0) {
      u[i] = 1.0;
      ++zeros;
    }
  }
  if (zeros == 0 || zeros == n) return {};
  RectifierFit fit(design, options);
  struct ReportConvergence {
    const RectifierFit& fit;
    bool* flag;
    ~ReportConvergence() { *flag = *flag && fit.converged(); }
  } report{fit, fe_converged};
  const double delta = 1e-6;
  for (int iteration = 0; iteration < 1000; ++iteration) {
    std::vector<double> fitted = fit.Fitted(u);
    bool any_negative = false, any_negative_residual = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (design.y[i] != 0) continue;
      if (fitted[i] >= -0.1 * delta && fitted[i] <= delta) fitted[i] = 0;
      if (fitted[i] < 0) any_negative = true;
      if (u[i] - fitted[i] < -delta) any_negative_residual = true;
    }
    if (!any_negative || !any_negative_residual) {
      std::vector<std::size_t> separated;
      for (std::size_t i = 0; i < n; ++i) {
        bool cleared = any_negative && u[i] - fitted[i] > delta;
        if (design.y[i] == 0 && fitted[i] > 0 && !cleared) separated.push_back(i);
      }
      return separated;
    }
    for (std::size_t i = 0; i < n; ++i) u[i] = design.y[i] == 0 ? std::max(fitted[i], 0.0) : 0.0;
  }
  return {};
}

// Drops, until nothing changes, the only observation of a fixed-effect group (when options ask) and, for
// Poisson, every observation of a group whose responses are all zero. Returns whether a row was dropped.
bool DropSingletonsAndZeroGroups(const DataFrame& data, const std::vector<double>& response, const FitInputs& inputs,
                                 const FitOptions& options, std::vector<std::uint8_t>& active, FitResult& result) {
  const bool poisson = options.family == Family::kPoisson;
  bool any = false;
  bool changed = true;
  while (changed && !inputs.fe_groupings.empty()) {
    changed = false;
    for (const Grouping& g : inputs.fe_groupings) {
      std::vector<std::int32_t> count(g.groups, 0);
      std::vector<double> total(g.groups, 0.0);
      for (std::size_t row = 0; row < data.rows; ++row) {
        if (!active[row]) continue;
        ++count[g.ids[row]];
        total[g.ids[row]] += response[row];
      }
      for (std::size_t row = 0; row < data.rows; ++row) {
        if (!active[row]) continue;
        std::int32_t id = g.ids[row];
        if (options.drop_singletons && count[id] == 1) {
          active[row] = 0;
          ++result.dropped.singleton;
          changed = true;
        } else if (poisson && total[id] == 0) {
          active[row] = 0;
          ++result.dropped.separated_fe;
          result.separated_rows.push_back(row);
          changed = true;
        }
      }
    }
    any = any || changed;
  }
  return any;
}

std::vector<std::size_t> ActiveRows(const std::vector<std::uint8_t>& active) {
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < active.size(); ++row) {
    if (active[row]) rows.push_back(row);
  }
  return rows;
}

}  // namespace

std::vector<std::size_t> DropUnidentified(const DataFrame& data, const Formula& formula, const FitInputs& inputs,
                                          const FitOptions& options, std::vector<std::uint8_t>& active,
                                          FitResult& result) {
  const bool poisson = options.family == Family::kPoisson;
  std::vector<double> response(data.rows, 0.0);
  for (std::size_t row = 0; row < data.rows; ++row) {
    if (active[row]) response[row] = Transformed(*inputs.response, formula.response, row);
  }
  std::vector<std::size_t> rows;
  for (int round = 0; round < 100; ++round) {
    DropSingletonsAndZeroGroups(data, response, inputs, options, active, result);
    rows = ActiveRows(active);
    if (rows.empty()) {
      throw Error("gravity: no observations left after dropping missing values, singletons and separated observations");
    }
    if (!poisson || !options.check_separation) break;
    Design probe = BuildDesign(formula, inputs, rows);
    std::vector<std::size_t> separated = RectifierSeparation(probe, options, &result.fe_converged);
    if (separated.empty()) break;
    for (std::size_t i : separated) {
      active[rows[i]] = 0;
      result.separated_rows.push_back(rows[i]);
    }
    result.dropped.separated_relu += separated.size();
  }
  std::sort(result.separated_rows.begin(), result.separated_rows.end());
  if (result.dropped.separated_fe + result.dropped.separated_relu > 0) {
    result.notes.push_back(
        fmt::format("{} observations dropped as separated ({} by fixed effects, {} by the rectifier)",
                    result.dropped.separated_fe + result.dropped.separated_relu, result.dropped.separated_fe,
                    result.dropped.separated_relu));
  }
  return rows;
}

}  // namespace tradeshock::gravity::internal
