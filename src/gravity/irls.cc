// IRLS for Poisson PML and OLS over demeaned variables (fit_steps.h, step 5): at each iteration the working
// response and the regressors are partialled out of the fixed effects at the working weights (warm-started
// from the previous iteration), collinear regressors are dropped at the first pass, and the weighted
// least-squares step is taken with glm's step halving. docs/METHODS.md, "Gravity".
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "gravity/fit_steps.h"
#include "tradeshock/error.h"

namespace tradeshock::gravity::internal {
namespace {

// The same from eta = log(mu) and precomputed y log(y), without a logarithm per observation.
double PoissonDevianceEta(const std::vector<double>& y, const std::vector<double>& y_log_y,
                          const std::vector<double>& eta, const std::vector<double>& mu,
                          const std::vector<double>& w0) {
  double deviance = 0;
  for (std::size_t i = 0; i < y.size(); ++i) deviance += w0[i] * (y_log_y[i] - y[i] * eta[i] - (y[i] - mu[i]));
  return 2 * deviance;
}

// The working weights and response of one iteration: w = prior * mu and z = eta - offset + (y - mu) / mu for
// Poisson; the prior weights and y - offset for OLS.
void SetWorkingVariables(const Design& design, bool poisson, const IrlsFit& fit, std::vector<double>& weights,
                         std::vector<double>& z) {
  for (std::size_t i = 0; i < design.n; ++i) {
    if (poisson) {
      weights[i] = design.prior_weights[i] * fit.mu[i];
      z[i] = fit.eta[i] - design.offset[i] + (design.y[i] - fit.mu[i]) / fit.mu[i];
    } else {
      weights[i] = design.prior_weights[i];
      z[i] = design.y[i] - design.offset[i];
    }
  }
}

// Copies z and the kept regressors and partials the fixed effects out of them at the demeaner's weights,
// each column warm-started from its state in `fit`. Returns whether every projection converged.
bool DemeanWorking(const Design& design, Demeaner& demeaner, const std::vector<double>& z,
                   std::vector<double>& z_demeaned, IrlsFit& fit, double tolerance, int max_fe_iterations,
                   int threads) {
  const std::size_t n = design.n;
  std::copy(z.begin(), z.end(), z_demeaned.begin());
  std::vector<double*> columns{z_demeaned.data()};
  std::vector<DemeanState> slots{std::move(fit.states[0])};
  for (int j : fit.kept) {
    std::copy(design.x.begin() + j * n, design.x.begin() + (j + 1) * n, fit.x_demeaned.begin() + j * n);
    columns.push_back(fit.x_demeaned.data() + j * n);
    slots.push_back(std::move(fit.states[j + 1]));
  }
  DemeanStats stats = demeaner.DemeanColumns(columns, &slots, tolerance, max_fe_iterations, threads);
  fit.states[0] = std::move(slots[0]);
  for (std::size_t a = 0; a < fit.kept.size(); ++a) fit.states[fit.kept[a] + 1] = std::move(slots[a + 1]);
  return stats.converged;
}

// The regressors that are not collinear with those before them and the fixed effects, at the first
// iteration's weights; the dropped ones are named in the result.
std::vector<int> DropCollinear(const Design& design, const IrlsFit& fit, const std::vector<double>& weights,
                               const FitOptions& options, FitResult& result) {
  const std::size_t n = design.n;
  Eigen::Map<const Eigen::VectorXd> w(weights.data(), static_cast<Eigen::Index>(n));
  Eigen::MatrixXd all = AsMatrix(fit.x_demeaned, n, design.k);
  Eigen::MatrixXd gram = all.transpose() * w.asDiagonal() * all;
  std::vector<double> weighted_raw(design.k, 0.0);
  for (int j = 0; j < design.k; ++j) {
    for (std::size_t i = 0; i < n; ++i) weighted_raw[j] += weights[i] * design.x[j * n + i] * design.x[j * n + i];
  }
  std::vector<int> kept = IndependentColumns(gram, weighted_raw, options.collinearity_tolerance);
  for (int j = 0, a = 0; j < design.k; ++j) {
    if (a < static_cast<int>(kept.size()) && kept[a] == j) {
      ++a;
    } else {
      result.collinear.push_back(design.names[j]);
      result.notes.push_back(
          fmt::format("regressor {} dropped: collinear with the other regressors and fixed effects", design.names[j]));
    }
  }
  return kept;
}

// Weighted least squares of demeaned z on the kept demeaned regressors, from the k x k normal equations (no
// n x k copies). Returns the coefficients; `z_demeaned` becomes the residual.
Eigen::VectorXd WeightedLeastSquares(const IrlsFit& fit, std::size_t n, const std::vector<double>& weights,
                                     std::vector<double>& z_demeaned) {
  const Eigen::Index kk = static_cast<Eigen::Index>(fit.kept.size());
  Eigen::VectorXd beta(kk);
  if (kk == 0) return beta;
  Eigen::MatrixXd gram(kk, kk);
  Eigen::VectorXd rhs(kk);
  for (Eigen::Index a = 0; a < kk; ++a) {
    const double* xa = fit.x_demeaned.data() + fit.kept[a] * n;
    for (Eigen::Index b = 0; b <= a; ++b) {
      const double* xb = fit.x_demeaned.data() + fit.kept[b] * n;
      double sum = 0;
      for (std::size_t i = 0; i < n; ++i) sum += weights[i] * xa[i] * xb[i];
      gram(a, b) = gram(b, a) = sum;
    }
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += weights[i] * xa[i] * z_demeaned[i];
    rhs(a) = sum;
  }
  beta = gram.ldlt().solve(rhs);
  for (Eigen::Index a = 0; a < kk; ++a) {
    const double* xa = fit.x_demeaned.data() + fit.kept[a] * n;
    const double coefficient = beta(a);
    for (std::size_t i = 0; i < n; ++i) z_demeaned[i] -= coefficient * xa[i];
  }
  return beta;
}

struct PoissonStep {
  double deviance = 0;  // at the step taken; infinite when every halving failed
  double step = 1.0;    // 1 for a full step
};

// The step from eta towards eta_new, halved while the deviance is not finite or grows (glm's safeguard).
// The starting means are not a fit of the model, so the first iteration's step need not lower the deviance.
// Writes the new linear predictor and means into eta_try and mu_new.
PoissonStep HalvedStep(const Design& design, const std::vector<double>& y_log_y, const std::vector<double>& eta,
                       const std::vector<double>& eta_new, double deviance, int iteration, std::vector<double>& eta_try,
                       std::vector<double>& mu_new) {
  PoissonStep taken;
  taken.deviance = 0;
  for (int halving = 0; halving < 30; ++halving) {
    bool finite = true;
    for (std::size_t i = 0; i < design.n; ++i) {
      eta_try[i] = eta[i] + taken.step * (eta_new[i] - eta[i]);
      mu_new[i] = std::exp(eta_try[i]);
      finite = finite && std::isfinite(mu_new[i]) && mu_new[i] > 0;
    }
    taken.deviance = finite ? PoissonDevianceEta(design.y, y_log_y, eta_try, mu_new, design.prior_weights) : INFINITY;
    if (std::isfinite(taken.deviance) && (iteration == 1 || taken.deviance <= deviance * (1 + 1e-10) + 1e-10)) break;
    taken.step *= 0.5;
  }
  return taken;
}

}  // namespace

double PoissonDeviance(const std::vector<double>& y, const std::vector<double>& mu, const std::vector<double>& w0) {
  double deviance = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    double term = y[i] > 0 ? y[i] * std::log(y[i] / mu[i]) - (y[i] - mu[i]) : mu[i];
    deviance += w0[i] * term;
  }
  return 2 * deviance;
}

std::vector<int> IndependentColumns(const Eigen::MatrixXd& gram, const std::vector<double>& raw_norms,
                                    double tolerance) {
  std::vector<int> kept;
  Eigen::MatrixXd factor = Eigen::MatrixXd::Zero(gram.rows(), gram.cols());
  for (int j = 0; j < gram.cols(); ++j) {
    int m = static_cast<int>(kept.size());
    Eigen::VectorXd row(m);
    for (int a = 0; a < m; ++a) {
      double value = gram(j, kept[a]);
      for (int b = 0; b < a; ++b) value -= row(b) * factor(a, b);
      row(a) = value / factor(a, a);
    }
    double pivot = gram(j, j) - row.squaredNorm();
    if (pivot > tolerance * std::max(raw_norms[j], 1e-300) && pivot > 0) {
      for (int a = 0; a < m; ++a) factor(m, a) = row(a);
      factor(m, m) = std::sqrt(pivot);
      kept.push_back(j);
    }
  }
  return kept;
}

IrlsFit RunIrls(const Design& design, Demeaner& demeaner, const FitOptions& options, int threads, FitResult& result) {
  const bool poisson = options.family == Family::kPoisson;
  const std::size_t n = design.n;
  IrlsFit fit;
  fit.mu.assign(n, 0.0);
  fit.eta.assign(n, 0.0);
  fit.x_demeaned = design.x;
  fit.states.resize(design.k + 1);
  for (int j = 0; j < design.k; ++j) fit.kept.push_back(j);
  if (poisson) {
    for (std::size_t i = 0; i < n; ++i) {
      fit.mu[i] = design.y[i] + 0.1;  // glm's starting means (poisson()$initialize)
      fit.eta[i] = std::log(fit.mu[i]);
    }
    fit.deviance = PoissonDeviance(design.y, fit.mu, design.prior_weights);
  }
  std::vector<double> weights(n), z(n), z_demeaned(n), eta_new(n), eta_try(n), mu_new(n), y_log_y(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) y_log_y[i] = design.y[i] > 0 ? design.y[i] * std::log(design.y[i]) : 0.0;
  double inner_tolerance = poisson ? std::max(options.fe_tolerance, 1e-4) : options.fe_tolerance;
  bool inner_ok = true;
  for (int iteration = 1; iteration <= (poisson ? options.max_iterations : 1); ++iteration) {
    result.iterations = iteration;
    SetWorkingVariables(design, poisson, fit, weights, z);
    demeaner.SetWeights(weights.data());
    const bool demeaned =
        DemeanWorking(design, demeaner, z, z_demeaned, fit, inner_tolerance, options.max_fe_iterations, threads);
    inner_ok = inner_ok && demeaned;
    result.fe_converged = result.fe_converged && demeaned;
    if (iteration == 1 && design.k > 0) fit.kept = DropCollinear(design, fit, weights, options, result);
    fit.beta = WeightedLeastSquares(fit, n, weights, z_demeaned);
    const std::vector<double>& residual = z_demeaned;
    if (!poisson) {
      for (std::size_t i = 0; i < n; ++i) {
        fit.eta[i] = z[i] - residual[i] + design.offset[i];
        fit.mu[i] = fit.eta[i];
      }
      result.converged = inner_ok;
      break;
    }
    for (std::size_t i = 0; i < n; ++i) eta_new[i] = z[i] - residual[i] + design.offset[i];
    const PoissonStep taken = HalvedStep(design, y_log_y, fit.eta, eta_new, fit.deviance, iteration, eta_try, mu_new);
    if (!std::isfinite(taken.deviance)) {
      throw Error(fmt::format(
          "gravity: the Poisson fit diverged at iteration {} (fitted means infinite or zero); check for separation "
          "or rescale the regressors",
          iteration));
    }
    fit.eta.swap(eta_try);
    fit.mu.swap(mu_new);
    const double change = std::abs(taken.deviance - fit.deviance) / (0.1 + std::abs(taken.deviance));
    fit.deviance = taken.deviance;
    result.last_change = change;
    const bool at_final_tolerance = inner_tolerance <= options.fe_tolerance;
    // A halved step moves little by construction: only a full step's small change counts as convergence.
    if (change < options.tolerance && at_final_tolerance && taken.step == 1.0) {
      result.converged = inner_ok;
      break;
    }
    // Adaptive inner tolerance: loose while the deviance moves a lot, 1e-3 of its relative change after,
    // so the iteration that meets the deviance rule is usually already at the final inner tolerance.
    inner_tolerance = std::max(options.fe_tolerance, std::min(inner_tolerance, 1e-3 * change));
    if (change < options.tolerance) inner_tolerance = options.fe_tolerance;
  }
  if (!result.converged && poisson) {
    result.notes.push_back(fmt::format("did not converge: {} iterations, last relative change in deviance {:.3g}",
                                       result.iterations, result.last_change));
  }
  return fit;
}

FinalDesign FinalDemeanedRegressors(const Design& design, Demeaner& demeaner, IrlsFit& fit, const FitOptions& options,
                                    int threads, FitResult& result) {
  const bool poisson = options.family == Family::kPoisson;
  const std::size_t n = design.n;
  const Eigen::Index kk = static_cast<Eigen::Index>(fit.kept.size());
  FinalDesign final_design;
  final_design.weights.resize(n);
  for (std::size_t i = 0; i < n; ++i) final_design.weights[i] = design.prior_weights[i] * (poisson ? fit.mu[i] : 1.0);
  if (poisson && kk > 0) {
    demeaner.SetWeights(final_design.weights.data());
    std::vector<double*> columns;
    std::vector<DemeanState> slots;
    for (int j : fit.kept) {
      std::copy(design.x.begin() + j * n, design.x.begin() + (j + 1) * n, fit.x_demeaned.begin() + j * n);
      columns.push_back(fit.x_demeaned.data() + j * n);
      slots.push_back(std::move(fit.states[j + 1]));
    }
    DemeanStats stats =
        demeaner.DemeanColumns(columns, &slots, options.fe_tolerance, options.max_fe_iterations, threads);
    result.fe_converged = result.fe_converged && stats.converged;
  }
  final_design.xk.resize(static_cast<Eigen::Index>(n), kk);
  for (Eigen::Index a = 0; a < kk; ++a) {
    final_design.xk.col(a) =
        Eigen::Map<const Eigen::VectorXd>(fit.x_demeaned.data() + fit.kept[a] * n, static_cast<Eigen::Index>(n));
  }
  return final_design;
}

}  // namespace tradeshock::gravity::internal
