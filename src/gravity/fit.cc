// Poisson PML and OLS with high-dimensional fixed effects: sample preparation (missing values, singletons,
// separation), IRLS over demeaned variables, collinearity, standard errors and fixed-effect recovery.
// docs/METHODS.md, "Gravity" states the algorithm and its references.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <thread>
#include <unordered_map>

#include "gravity/demean.h"
#include "tradeshock/error.h"
#include "tradeshock/gravity.h"

namespace tradeshock::gravity {
namespace {

using internal::Demeaner;
using internal::FeDimension;

const Column& NeedColumn(const DataFrame& data, const std::string& name, const std::string& role) {
  const Column* column = data.Find(name);
  if (column == nullptr) throw Error(fmt::format("gravity: {} column '{}' is not in {}", role, name, data.source));
  return *column;
}

const Column& NeedNumeric(const DataFrame& data, const std::string& name, const std::string& role) {
  const Column& column = NeedColumn(data, name, role);
  if (!column.numeric) {
    throw Error(fmt::format("gravity: {} column '{}' must be numeric: {}:{}: got '{}'", role, name, data.source,
                            column.first_text_line, column.first_text_value));
  }
  return column;
}

// Group ids over all data rows for a (possibly interacted) set of columns; -1 where a value is missing.
struct Grouping {
  std::string name;
  std::vector<std::int32_t> ids;
  std::int32_t groups = 0;
  std::vector<const Column*> columns;
};

Grouping EncodeGrouping(const DataFrame& data, const std::vector<std::string>& names, const std::string& role) {
  Grouping grouping;
  for (const std::string& name : names) {
    grouping.name += (grouping.name.empty() ? "" : "^") + name;
    grouping.columns.push_back(&NeedColumn(data, name, role));
  }
  grouping.ids.assign(data.rows, 0);
  std::int64_t previous_groups = 1;
  for (const Column* column : grouping.columns) {
    std::vector<std::int32_t> codes(data.rows);
    std::int64_t levels = 0;
    if (column->numeric) {
      // Integer codes in a range no wider than a few times the rows (the usual id columns): a table lookup
      // instead of hashing, in order of first appearance like the hash.
      double low = INFINITY, high = -INFINITY;
      bool integral = true;
      for (double value : column->values) {
        if (std::isnan(value)) continue;
        low = std::min(low, value);
        high = std::max(high, value);
        integral = integral && value == std::floor(value);
      }
      const double width = high - low + 1;
      if (integral && width >= 1 && width <= 4.0 * static_cast<double>(data.rows) + 1024) {
        std::vector<std::int32_t> table(static_cast<std::size_t>(width), -1);
        std::int32_t count = 0;
        for (std::size_t row = 0; row < data.rows; ++row) {
          double value = column->values[row];
          if (std::isnan(value)) {
            codes[row] = -1;
            continue;
          }
          std::int32_t& slot = table[static_cast<std::size_t>(value - low)];
          if (slot < 0) slot = count++;
          codes[row] = slot;
        }
        levels = count;
      }
      std::unordered_map<double, std::int32_t> index;
      for (std::size_t row = 0; row < data.rows && levels == 0; ++row) {
        double value = column->values[row];
        if (std::isnan(value)) {
          codes[row] = -1;
          continue;
        }
        auto [it, inserted] = index.try_emplace(value, static_cast<std::int32_t>(index.size()));
        codes[row] = it->second;
      }
      if (levels == 0) levels = static_cast<std::int64_t>(index.size());
    } else {
      for (std::size_t row = 0; row < data.rows; ++row) {
        std::int32_t code = column->codes[row];
        codes[row] = column->levels[code].empty() ? -1 : code;
      }
      levels = static_cast<std::int64_t>(column->levels.size());
    }
    if (grouping.columns.size() == 1 && column->numeric) {
      grouping.ids = std::move(codes);
      grouping.groups = static_cast<std::int32_t>(levels);
      break;
    }
    // Combine with the previous columns and re-densify so ids stay int32 and small.
    std::unordered_map<std::int64_t, std::int32_t> combined;
    for (std::size_t row = 0; row < data.rows; ++row) {
      if (grouping.ids[row] < 0 || codes[row] < 0) {
        grouping.ids[row] = -1;
        continue;
      }
      std::int64_t key = static_cast<std::int64_t>(grouping.ids[row]) * levels + codes[row];
      auto [it, inserted] = combined.try_emplace(key, static_cast<std::int32_t>(combined.size()));
      grouping.ids[row] = it->second;
    }
    grouping.groups = static_cast<std::int32_t>(combined.size());
    previous_groups = grouping.groups;
  }
  (void)previous_groups;
  return grouping;
}

std::string LevelLabel(const Grouping& grouping, std::size_t row) {
  std::string label;
  for (const Column* column : grouping.columns) {
    if (!label.empty()) label += "^";
    label += column->numeric ? fmt::format("{}", column->values[row]) : column->levels[column->codes[row]];
  }
  return label;
}

// Dense ids over the used observations.
FeDimension Compact(const std::vector<std::int32_t>& ids, const std::vector<std::size_t>& rows,
                    std::vector<std::size_t>* first_row = nullptr) {
  FeDimension dim;
  std::int32_t largest = -1;
  for (std::size_t row : rows) largest = std::max(largest, ids[row]);
  std::vector<std::int32_t> remap(static_cast<std::size_t>(largest + 1), -1);
  dim.ids.resize(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::int32_t& slot = remap[ids[rows[i]]];
    if (slot < 0) {
      slot = dim.groups++;
      if (first_row != nullptr) first_row->push_back(rows[i]);
    }
    dim.ids[i] = slot;
  }
  return dim;
}

// In-order Cholesky of X'WX that skips a column whose squared residual norm, given the columns kept before
// it, is below tolerance times its squared norm before the fixed effects were partialled out.
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

struct Design {
  std::size_t n = 0;
  int k = 0;
  std::vector<double> y, x, prior_weights, offset;  // x column-major n*k
  std::vector<std::string> names;
  std::vector<FeDimension> dims;
};

Eigen::Map<const Eigen::MatrixXd> AsMatrix(const std::vector<double>& x, std::size_t n, int k) {
  return Eigen::Map<const Eigen::MatrixXd>(x.data(), static_cast<Eigen::Index>(n), k);
}

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
      demeaner_.Demean(x_demeaned_.data() + j * n, options_.fe_solve_tolerance, options_.max_fe_iterations,
                       &converged);
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
      demeaner_.Demean(residual.data(), options_.fe_solve_tolerance, options_.max_fe_iterations, &converged,
                       &state_);
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

// The same from eta = log(mu) and precomputed y log(y), without a logarithm per observation.
double PoissonDevianceEta(const std::vector<double>& y, const std::vector<double>& y_log_y,
                          const std::vector<double>& eta, const std::vector<double>& mu,
                          const std::vector<double>& w0) {
  double deviance = 0;
  for (std::size_t i = 0; i < y.size(); ++i) deviance += w0[i] * (y_log_y[i] - y[i] * eta[i] - (y[i] - mu[i]));
  return 2 * deviance;
}

double PoissonDeviance(const std::vector<double>& y, const std::vector<double>& mu, const std::vector<double>& w0) {
  double deviance = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    double term = y[i] > 0 ? y[i] * std::log(y[i] / mu[i]) - (y[i] - mu[i]) : mu[i];
    deviance += w0[i] * term;
  }
  return 2 * deviance;
}

// Number of connected components of the bipartite graph linking the groups of two dimensions.
std::size_t Components(const FeDimension& a, const FeDimension& b) {
  std::vector<std::int32_t> parent(a.groups + b.groups);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::int32_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (std::size_t i = 0; i < a.ids.size(); ++i) {
    std::int32_t x = find(a.ids[i]), y = find(a.groups + b.ids[i]);
    if (x != y) parent[x] = y;
  }
  std::size_t count = 0;
  for (std::int32_t v = 0; v < static_cast<std::int32_t>(parent.size()); ++v) count += find(v) == v;
  return count;
}

bool NestedIn(const FeDimension& fe, const FeDimension& cluster) {
  std::vector<std::int32_t> owner(fe.groups, -1);
  for (std::size_t i = 0; i < fe.ids.size(); ++i) {
    std::int32_t& o = owner[fe.ids[i]];
    if (o == -1)
      o = cluster.ids[i];
    else if (o != cluster.ids[i])
      return false;
  }
  return true;
}

Eigen::MatrixXd ClusterMeat(const Eigen::MatrixXd& scores, const FeDimension& cluster) {
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(cluster.groups, scores.cols());
  for (Eigen::Index i = 0; i < scores.rows(); ++i) sums.row(cluster.ids[i]) += scores.row(i);
  return sums.transpose() * sums;
}

double NormalTwoSided(double statistic) { return std::erfc(std::abs(statistic) / std::sqrt(2.0)); }

}  // namespace

FitResult Fit(const DataFrame& data, const Formula& formula, const FitOptions& options) {
  const bool poisson = options.family == Family::kPoisson;
  FitResult result;
  result.family = options.family;
  result.input_rows = data.rows;
  result.vcov_type = options.vcov;
  result.small_sample = options.small_sample;
  result.cluster = options.cluster;
  if (options.vcov == VcovType::kCluster && (options.cluster.empty() || options.cluster.size() > 2)) {
    throw Error("gravity: clustered standard errors need one or two cluster variables");
  }

  // Resolve columns.
  const Column& response = NeedNumeric(data, formula.response.column, "response");
  std::vector<const Column*> regressors;
  for (const Term& term : formula.regressors) regressors.push_back(&NeedNumeric(data, term.column, "regressor"));
  const Column* weights = options.weights.empty() ? nullptr : &NeedNumeric(data, options.weights, "weights");
  const Column* offset = options.offset.empty() ? nullptr : &NeedNumeric(data, options.offset, "offset");
  std::vector<Grouping> fe_groupings, cluster_groupings;
  for (const auto& names : formula.fixed_effects) fe_groupings.push_back(EncodeGrouping(data, names, "fixed-effect"));
  for (const std::string& name : options.cluster) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
      std::size_t caret = name.find('^', start);
      parts.push_back(name.substr(start, caret - start));
      if (caret == std::string::npos) break;
      start = caret + 1;
    }
    cluster_groupings.push_back(EncodeGrouping(data, parts, "cluster"));
  }

  // Sample: subset, missing values, log of non-positive values.
  std::vector<std::uint8_t> active(data.rows, 1);
  auto transformed = [](const Column* column, const Term& term, std::size_t row) {
    double value = column->values[row];
    return term.log ? (value > 0 ? std::log(value) : std::nan("")) : value;
  };
  for (std::size_t row = 0; row < data.rows; ++row) {
    if (!options.subset.empty() && !options.subset[row]) {
      active[row] = 0;
      ++result.dropped.subset;
      continue;
    }
    bool missing = std::isnan(transformed(&response, formula.response, row));
    for (std::size_t j = 0; j < regressors.size() && !missing; ++j) {
      missing = std::isnan(transformed(regressors[j], formula.regressors[j], row));
    }
    if (weights != nullptr) missing = missing || !(weights->values[row] > 0);
    if (offset != nullptr) missing = missing || std::isnan(offset->values[row]);
    for (const Grouping& g : fe_groupings) missing = missing || g.ids[row] < 0;
    for (const Grouping& g : cluster_groupings) missing = missing || g.ids[row] < 0;
    if (missing) {
      active[row] = 0;
      ++result.dropped.missing;
      continue;
    }
    if (poisson && transformed(&response, formula.response, row) < 0) {
      throw Error(fmt::format("gravity: Poisson needs a response >= 0: {} row {} has {} = {}", data.source, row + 2,
                              formula.response.Label(), response.values[row]));
    }
  }

  auto build_design = [&](const std::vector<std::size_t>& rows) {
    Design design;
    design.n = rows.size();
    design.k = static_cast<int>(regressors.size()) + (formula.intercept ? 1 : 0);
    design.y.resize(design.n);
    design.prior_weights.assign(design.n, 1.0);
    design.offset.assign(design.n, 0.0);
    design.x.resize(design.n * design.k);
    for (std::size_t i = 0; i < design.n; ++i) {
      std::size_t row = rows[i];
      design.y[i] = transformed(&response, formula.response, row);
      if (weights != nullptr) design.prior_weights[i] = weights->values[row];
      if (offset != nullptr) design.offset[i] = offset->values[row];
      for (std::size_t j = 0; j < regressors.size(); ++j) {
        design.x[j * design.n + i] = transformed(regressors[j], formula.regressors[j], row);
      }
      if (formula.intercept) design.x[regressors.size() * design.n + i] = 1.0;
    }
    for (const Term& term : formula.regressors) design.names.push_back(term.Label());
    if (formula.intercept) design.names.push_back("(Intercept)");
    for (const Grouping& g : fe_groupings) design.dims.push_back(Compact(g.ids, rows));
    return design;
  };

  // Iteratively: singletons and all-zero groups (Poisson), then the rectifier, until nothing changes.
  std::vector<std::size_t> rows;
  std::vector<double> response_values(data.rows, 0.0);
  for (std::size_t row = 0; row < data.rows; ++row) {
    if (active[row]) response_values[row] = transformed(&response, formula.response, row);
  }
  for (int round = 0; round < 100; ++round) {
    bool changed = true;
    while (changed && !fe_groupings.empty()) {
      changed = false;
      for (const Grouping& g : fe_groupings) {
        std::vector<std::int32_t> count(g.groups, 0);
        std::vector<double> total(g.groups, 0.0);
        for (std::size_t row = 0; row < data.rows; ++row) {
          if (!active[row]) continue;
          ++count[g.ids[row]];
          total[g.ids[row]] += response_values[row];
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
    }
    rows.clear();
    for (std::size_t row = 0; row < data.rows; ++row) {
      if (active[row]) rows.push_back(row);
    }
    if (rows.empty())
      throw Error("gravity: no observations left after dropping missing values, singletons and separated observations");
    if (!poisson || !options.check_separation) break;
    Design probe = build_design(rows);
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

  Design design = build_design(rows);
  const std::size_t n = design.n;
  result.observations = n;
  Demeaner demeaner(&design.dims, n);

  // IRLS (one weighted least-squares pass for OLS).
  std::vector<double> mu(n), eta(n), working_weights(n), z(n), z_demeaned(n);
  std::vector<double> x_demeaned = design.x;
  double mean_y = 0, total_weight = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mean_y += design.prior_weights[i] * design.y[i];
    total_weight += design.prior_weights[i];
  }
  mean_y /= total_weight;
  if (poisson) {
    for (std::size_t i = 0; i < n; ++i) {
      mu[i] = design.y[i] + 0.1;  // glm's starting means (poisson()$initialize)
      eta[i] = std::log(mu[i]);
    }
  }
  std::vector<double> raw_norms(design.k, 0.0);
  for (int j = 0; j < design.k; ++j) {
    for (std::size_t i = 0; i < n; ++i) raw_norms[j] += design.x[j * n + i] * design.x[j * n + i];
  }
  std::vector<int> kept;
  Eigen::VectorXd beta;
  double deviance = poisson ? PoissonDeviance(design.y, mu, design.prior_weights) : 0;
  double inner_tolerance = poisson ? std::max(options.fe_tolerance, 1e-4) : options.fe_tolerance;
  bool inner_ok = true;
  // Fixed-effect coefficients of z (slot 0) and of each regressor (slot 1 + j), carried from one IRLS
  // iteration to the next as starting points: late iterations then need only a few sweeps.
  std::vector<internal::DemeanState> states(design.k + 1);
  const int threads =
      options.threads > 0 ? options.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  auto demean_all = [&](double tolerance) {
    std::copy(z.begin(), z.end(), z_demeaned.begin());
    std::vector<double*> columns{z_demeaned.data()};
    std::vector<internal::DemeanState> slots{std::move(states[0])};
    for (int j : kept) {
      std::copy(design.x.begin() + j * n, design.x.begin() + (j + 1) * n, x_demeaned.begin() + j * n);
      columns.push_back(x_demeaned.data() + j * n);
      slots.push_back(std::move(states[j + 1]));
    }
    internal::DemeanStats stats =
        demeaner.DemeanColumns(columns, &slots, tolerance, options.max_fe_iterations, threads);
    inner_ok = inner_ok && stats.converged;
    result.fe_converged = result.fe_converged && stats.converged;
    states[0] = std::move(slots[0]);
    for (std::size_t a = 0; a < kept.size(); ++a) states[kept[a] + 1] = std::move(slots[a + 1]);
  };
  for (int j = 0; j < design.k; ++j) kept.push_back(j);
  std::vector<double> eta_new(n), eta_try(n), mu_new(n), y_log_y(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) y_log_y[i] = design.y[i] > 0 ? design.y[i] * std::log(design.y[i]) : 0.0;
  for (int iteration = 1; iteration <= (poisson ? options.max_iterations : 1); ++iteration) {
    result.iterations = iteration;
    for (std::size_t i = 0; i < n; ++i) {
      if (poisson) {
        working_weights[i] = design.prior_weights[i] * mu[i];
        z[i] = eta[i] - design.offset[i] + (design.y[i] - mu[i]) / mu[i];
      } else {
        working_weights[i] = design.prior_weights[i];
        z[i] = design.y[i] - design.offset[i];
      }
    }
    demeaner.SetWeights(working_weights.data());
    demean_all(inner_tolerance);
    if (iteration == 1 && design.k > 0) {
      Eigen::Map<const Eigen::VectorXd> w(working_weights.data(), n);
      Eigen::MatrixXd all = AsMatrix(x_demeaned, n, design.k);
      Eigen::MatrixXd gram = all.transpose() * w.asDiagonal() * all;
      std::vector<double> weighted_raw(design.k, 0.0);
      for (int j = 0; j < design.k; ++j) {
        for (std::size_t i = 0; i < n; ++i)
          weighted_raw[j] += working_weights[i] * design.x[j * n + i] * design.x[j * n + i];
      }
      kept = IndependentColumns(gram, weighted_raw, options.collinearity_tolerance);
      for (int j = 0, a = 0; j < design.k; ++j) {
        if (a < static_cast<int>(kept.size()) && kept[a] == j) {
          ++a;
        } else {
          result.collinear.push_back(design.names[j]);
          result.notes.push_back(fmt::format(
              "regressor {} dropped: collinear with the other regressors and fixed effects", design.names[j]));
        }
      }
    }
    // Weighted least squares of demeaned z on the demeaned regressors, from the k x k normal equations
    // (no n x k copies); the residual is kept in z_demeaned.
    const Eigen::Index kk = static_cast<Eigen::Index>(kept.size());
    if (kk > 0) {
      Eigen::MatrixXd gram(kk, kk);
      Eigen::VectorXd rhs(kk);
      for (Eigen::Index a = 0; a < kk; ++a) {
        const double* xa = x_demeaned.data() + kept[a] * n;
        for (Eigen::Index b = 0; b <= a; ++b) {
          const double* xb = x_demeaned.data() + kept[b] * n;
          double sum = 0;
          for (std::size_t i = 0; i < n; ++i) sum += working_weights[i] * xa[i] * xb[i];
          gram(a, b) = gram(b, a) = sum;
        }
        double sum = 0;
        for (std::size_t i = 0; i < n; ++i) sum += working_weights[i] * xa[i] * z_demeaned[i];
        rhs(a) = sum;
      }
      beta = gram.ldlt().solve(rhs);
      for (Eigen::Index a = 0; a < kk; ++a) {
        const double* xa = x_demeaned.data() + kept[a] * n;
        const double coefficient = beta(a);
        for (std::size_t i = 0; i < n; ++i) z_demeaned[i] -= coefficient * xa[i];
      }
    } else {
      beta.resize(0);
    }
    const std::vector<double>& residual = z_demeaned;
    if (!poisson) {
      for (std::size_t i = 0; i < n; ++i) {
        eta[i] = z[i] - residual[i] + design.offset[i];
        mu[i] = eta[i];
      }
      result.converged = inner_ok;
      break;
    }
    for (std::size_t i = 0; i < n; ++i) eta_new[i] = z[i] - residual[i] + design.offset[i];
    // Step halving when the deviance is not finite or grows (glm's safeguard); divergence if it stays so.
    double new_deviance = 0;
    double step = 1.0;
    for (int halving = 0; halving < 30; ++halving) {
      bool finite = true;
      for (std::size_t i = 0; i < n; ++i) {
        eta_try[i] = eta[i] + step * (eta_new[i] - eta[i]);
        mu_new[i] = std::exp(eta_try[i]);
        finite = finite && std::isfinite(mu_new[i]) && mu_new[i] > 0;
      }
      new_deviance = finite ? PoissonDevianceEta(design.y, y_log_y, eta_try, mu_new, design.prior_weights) : INFINITY;
      // The starting means are not a fit of the model, so the first step need not lower the deviance.
      if (std::isfinite(new_deviance) && (iteration == 1 || new_deviance <= deviance * (1 + 1e-10) + 1e-10)) break;
      step *= 0.5;
    }
    if (!std::isfinite(new_deviance)) {
      throw Error(fmt::format(
          "gravity: the Poisson fit diverged at iteration {} (fitted means infinite or zero); check for separation "
          "or rescale the regressors",
          iteration));
    }
    eta.swap(eta_try);
    mu.swap(mu_new);
    double change = std::abs(new_deviance - deviance) / (0.1 + std::abs(new_deviance));
    deviance = new_deviance;
    result.last_change = change;
    bool at_final_tolerance = inner_tolerance <= options.fe_tolerance;
    // A halved step moves little by construction: only a full step's small change counts as convergence.
    if (change < options.tolerance && at_final_tolerance && step == 1.0) {
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

  // Final design at the final weights, for the variance.
  const Eigen::Index kk = static_cast<Eigen::Index>(kept.size());
  for (std::size_t i = 0; i < n; ++i) working_weights[i] = design.prior_weights[i] * (poisson ? mu[i] : 1.0);
  if (poisson && kk > 0) {
    demeaner.SetWeights(working_weights.data());
    std::vector<double*> columns;
    std::vector<internal::DemeanState> slots;
    for (int j : kept) {
      std::copy(design.x.begin() + j * n, design.x.begin() + (j + 1) * n, x_demeaned.begin() + j * n);
      columns.push_back(x_demeaned.data() + j * n);
      slots.push_back(std::move(states[j + 1]));
    }
    internal::DemeanStats stats =
        demeaner.DemeanColumns(columns, &slots, options.fe_tolerance, options.max_fe_iterations, threads);
    result.fe_converged = result.fe_converged && stats.converged;
  }
  Eigen::MatrixXd xk(n, kk);
  for (Eigen::Index a = 0; a < kk; ++a)
    xk.col(a) = Eigen::Map<const Eigen::VectorXd>(x_demeaned.data() + kept[a] * n, n);
  Eigen::Map<const Eigen::VectorXd> w(working_weights.data(), n);
  Eigen::MatrixXd bread =
      kk > 0 ? Eigen::MatrixXd((xk.transpose() * w.asDiagonal() * xk).inverse()) : Eigen::MatrixXd(0, 0);

  // Fit statistics.
  std::vector<double> response_residual(n);
  double rss = 0, pearson = 0, tss = 0, log_likelihood = 0, null_log_likelihood = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double y = design.y[i], m = mu[i], w0 = design.prior_weights[i];
    response_residual[i] = y - m;
    rss += w0 * (y - m) * (y - m);
    tss += w0 * (y - mean_y) * (y - mean_y);
    if (poisson) {
      pearson += w0 * (y - m) * (y - m) / m;
      log_likelihood += w0 * (y * std::log(m) - m - std::lgamma(y + 1));
      null_log_likelihood += w0 * ((y > 0 ? y * std::log(mean_y) : 0) - mean_y - std::lgamma(y + 1));
    }
  }
  std::size_t fe_parameters = 0;
  for (const FeDimension& dim : design.dims) fe_parameters += dim.groups;
  if (design.dims.size() >= 2) {
    fe_parameters -= Components(design.dims[0], design.dims[1]);
    fe_parameters -= design.dims.size() - 2;
  }
  result.fixed_effect_parameters = fe_parameters;
  const double nn = static_cast<double>(n);
  const double k_total = static_cast<double>(kk + fe_parameters);
  if (poisson) {
    result.deviance = deviance;
    std::vector<double> null_mu(n, mean_y);
    result.null_deviance = PoissonDeviance(design.y, null_mu, design.prior_weights);
    result.log_likelihood = log_likelihood;
    result.null_log_likelihood = null_log_likelihood;
    result.pseudo_r2 = 1 - log_likelihood / null_log_likelihood;
    result.dispersion = pearson / (nn - k_total);
  } else {
    result.deviance = rss;
    result.null_deviance = tss;
    result.pseudo_r2 = 1 - rss / tss;
    result.dispersion = rss / (nn - k_total);
    result.log_likelihood = -0.5 * nn * (std::log(2 * M_PI * rss / nn) + 1);
    result.null_log_likelihood = -0.5 * nn * (std::log(2 * M_PI * tss / nn) + 1);
  }

  // Variance.
  Eigen::MatrixXd vcov(kk, kk);
  if (kk > 0) {
    Eigen::MatrixXd scores(n, kk);
    for (std::size_t i = 0; i < n; ++i) {
      double s = design.prior_weights[i] * response_residual[i];
      scores.row(i) = xk.row(i) * s;
    }
    const SmallSample ssc = options.small_sample;
    if (options.vcov == VcovType::kIid) {
      double scale = 1;
      if (!poisson) {
        scale = ssc == SmallSample::kStata    ? rss / (nn - k_total)
                : ssc == SmallSample::kFixest ? rss / (nn - 1)
                                              : rss / nn;
      }
      if (ssc == SmallSample::kFixest) scale *= (nn - 1) / (nn - k_total);
      vcov = bread * scale;
    } else if (options.vcov == VcovType::kHeteroskedastic) {
      double scale = 1;
      if (ssc == SmallSample::kFixest) scale = (nn - 1) / (nn - k_total);
      if (ssc == SmallSample::kStata) scale = poisson ? nn / (nn - 1) : nn / (nn - k_total);
      vcov = bread * (scores.transpose() * scores) * bread * scale;
    } else {
      std::vector<FeDimension> clusters;
      for (const Grouping& g : cluster_groupings) clusters.push_back(Compact(g.ids, rows));
      // fixest does not count fixed effects nested in a cluster variable (fixef.K = "nested").
      double k_nested = static_cast<double>(kk);
      if (ssc == SmallSample::kFixest) {
        std::size_t counted = 0;
        bool any_nested = false;
        for (const FeDimension& dim : design.dims) {
          bool nested = false;
          for (const FeDimension& c : clusters) nested = nested || NestedIn(dim, c);
          if (nested)
            any_nested = true;
          else
            counted += dim.groups;
        }
        // Keep the exact count when nothing is nested; otherwise the non-nested groups less one per extra
        // dimension (a nested dimension already absorbs the constant).
        k_nested += any_nested ? static_cast<double>(counted) : static_cast<double>(fe_parameters);
      }
      std::size_t g_min = SIZE_MAX;
      for (const FeDimension& c : clusters) {
        result.cluster_counts.push_back(static_cast<std::size_t>(c.groups));
        g_min = std::min(g_min, static_cast<std::size_t>(c.groups));
      }
      const double k_stata_cluster = static_cast<double>(kk) + (design.dims.empty() ? 0.0 : 1.0);
      auto factor = [&](std::size_t g) {
        double gd = static_cast<double>(g);
        if (ssc == SmallSample::kNone) return 1.0;
        double f = gd / (gd - 1);
        if (ssc == SmallSample::kFixest) f *= (nn - 1) / (nn - k_nested);
        // Stata convention for OLS with absorbed fixed effects and clusters (book Table 1 col. 3): the absorbed
        // coefficients are not counted, K = regressors + the constant they absorb.
        if (ssc == SmallSample::kStata && !poisson) f *= (nn - 1) / (nn - k_stata_cluster);
        return f;
      };
      auto g_of = [&](std::size_t own) { return ssc == SmallSample::kFixest ? g_min : own; };
      Eigen::MatrixXd meat = ClusterMeat(scores, clusters[0]) * factor(g_of(clusters[0].groups));
      if (clusters.size() == 2) {
        meat += ClusterMeat(scores, clusters[1]) * factor(g_of(clusters[1].groups));
        std::vector<std::int32_t> joint_ids(n);
        std::unordered_map<std::int64_t, std::int32_t> index;
        for (std::size_t i = 0; i < n; ++i) {
          std::int64_t key = static_cast<std::int64_t>(clusters[0].ids[i]) * clusters[1].groups + clusters[1].ids[i];
          joint_ids[i] = index.try_emplace(key, static_cast<std::int32_t>(index.size())).first->second;
        }
        FeDimension joint{std::move(joint_ids), static_cast<std::int32_t>(index.size())};
        meat -= ClusterMeat(scores, joint) * factor(g_of(joint.groups));
      }
      vcov = bread * meat * bread;
    }
  }
  result.vcov = vcov;
  for (Eigen::Index a = 0; a < kk; ++a) {
    Coefficient c;
    c.name = design.names[kept[a]];
    c.estimate = beta(a);
    c.std_error = std::sqrt(vcov(a, a));
    c.statistic = c.estimate / c.std_error;
    c.p_value = NormalTwoSided(c.statistic);
    result.coefficients.push_back(c);
  }

  // Fitted values and the fixed effects: the part of eta not explained by offset and regressors, solved
  // for group coefficients by unweighted alternating projections (it lies exactly in their span).
  result.fitted.assign(data.rows, std::nan(""));
  for (std::size_t i = 0; i < n; ++i) result.fitted[rows[i]] = mu[i];
  if (!design.dims.empty()) {
    std::vector<double> remainder(n);
    for (std::size_t i = 0; i < n; ++i) {
      double xb = 0;
      for (Eigen::Index a = 0; a < kk; ++a) xb += design.x[kept[a] * n + i] * beta(a);
      remainder[i] = eta[i] - design.offset[i] - xb;
    }
    // Unit weights: the remainder lies in the span of the fixed effects, so any weighting gives the same
    // coefficients; the accelerated projections solve for them.
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
      std::vector<std::size_t> first_rows;
      Compact(fe_groupings[d].ids, rows, &first_rows);
      FixedEffectValues values;
      values.name = fe_groupings[d].name;
      for (std::size_t g = 0; g < first_rows.size(); ++g)
        values.levels.push_back(LevelLabel(fe_groupings[d], first_rows[g]));
      values.values = std::move(alpha[d]);
      result.fixed_effects.push_back(std::move(values));
    }
  }
  if (!result.fe_converged) {
    result.notes.push_back(fmt::format(
        "fixed-effect projections did not converge within {} sweeps (max_fe_iterations); estimates may be "
        "inaccurate",
        options.max_fe_iterations));
  }
  return result;
}

}  // namespace tradeshock::gravity
