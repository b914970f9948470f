// Fit statistics and the variance of a gravity fit (fit_steps.h, step 6): deviance, likelihoods and
// dispersion; iid, heteroskedastic and one- or two-way clustered variances with fixest's or Stata's
// small-sample corrections. docs/METHODS.md, "Gravity", states the conventions and their sources.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <unordered_map>

#include "gravity/fit_steps.h"

namespace tradeshock::gravity::internal {
namespace {

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

// The number of fixed-effect parameters: the groups of every dimension, less the groups the first two share
// through their connected components and one per further dimension.
std::size_t FixedEffectParameters(const Design& design) {
  std::size_t parameters = 0;
  for (const FeDimension& dim : design.dims) parameters += dim.groups;
  if (design.dims.size() >= 2) {
    parameters -= Components(design.dims[0], design.dims[1]);
    parameters -= design.dims.size() - 2;
  }
  return parameters;
}

// The "K" of fixest's clustered small-sample factor: fixest does not count fixed effects nested in a cluster
// variable (fixef.K = "nested"). The exact count when nothing is nested; otherwise the non-nested groups
// less one per extra dimension (a nested dimension already absorbs the constant).
double FixestClusterK(const Design& design, const std::vector<FeDimension>& clusters, double kept,
                      std::size_t fe_parameters) {
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
  return kept + (any_nested ? static_cast<double>(counted) : static_cast<double>(fe_parameters));
}

// The groups of both cluster variables at once (the intersection of two-way clustering).
FeDimension JointCluster(const FeDimension& a, const FeDimension& b) {
  const std::size_t n = a.ids.size();
  std::vector<std::int32_t> joint_ids(n);
  std::unordered_map<std::int64_t, std::int32_t> index;
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t key = static_cast<std::int64_t>(a.ids[i]) * b.groups + b.ids[i];
    joint_ids[i] = index.try_emplace(key, static_cast<std::int32_t>(index.size())).first->second;
  }
  return FeDimension{std::move(joint_ids), static_cast<std::int32_t>(index.size())};
}

// One- or two-way clustered meat, each term with its small-sample factor.
Eigen::MatrixXd ClusteredMeat(const Design& design, const Eigen::MatrixXd& scores, const FitInputs& inputs,
                              const std::vector<std::size_t>& rows, const FitOptions& options, FitResult& result) {
  const bool poisson = options.family == Family::kPoisson;
  const SmallSample ssc = options.small_sample;
  const double nn = static_cast<double>(design.n);
  const double kk = static_cast<double>(scores.cols());
  std::vector<FeDimension> clusters;
  for (const Grouping& g : inputs.cluster_groupings) clusters.push_back(Compact(g.ids, rows));
  const double k_nested =
      ssc == SmallSample::kFixest ? FixestClusterK(design, clusters, kk, result.fixed_effect_parameters) : kk;
  std::size_t g_min = SIZE_MAX;
  for (const FeDimension& c : clusters) {
    result.cluster_counts.push_back(static_cast<std::size_t>(c.groups));
    g_min = std::min(g_min, static_cast<std::size_t>(c.groups));
  }
  const double k_stata_cluster = kk + (design.dims.empty() ? 0.0 : 1.0);
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
    FeDimension joint = JointCluster(clusters[0], clusters[1]);
    meat -= ClusterMeat(scores, joint) * factor(g_of(joint.groups));
  }
  return meat;
}

}  // namespace

void SetFitStatistics(const Design& design, const IrlsFit& fit, const FitOptions& options, FitResult& result) {
  const bool poisson = options.family == Family::kPoisson;
  const std::size_t n = design.n;
  double mean_y = 0, total_weight = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mean_y += design.prior_weights[i] * design.y[i];
    total_weight += design.prior_weights[i];
  }
  mean_y /= total_weight;
  double rss = 0, pearson = 0, tss = 0, log_likelihood = 0, null_log_likelihood = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double y = design.y[i], m = fit.mu[i], w0 = design.prior_weights[i];
    rss += w0 * (y - m) * (y - m);
    tss += w0 * (y - mean_y) * (y - mean_y);
    if (poisson) {
      pearson += w0 * (y - m) * (y - m) / m;
      log_likelihood += w0 * (y * std::log(m) - m - std::lgamma(y + 1));
      null_log_likelihood += w0 * ((y > 0 ? y * std::log(mean_y) : 0) - mean_y - std::lgamma(y + 1));
    }
  }
  result.fixed_effect_parameters = FixedEffectParameters(design);
  const double nn = static_cast<double>(n);
  const double k_total = static_cast<double>(fit.kept.size() + result.fixed_effect_parameters);
  if (poisson) {
    result.deviance = fit.deviance;
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
}

Eigen::MatrixXd Variance(const Design& design, const IrlsFit& fit, const FinalDesign& final_design,
                         const FitInputs& inputs, const std::vector<std::size_t>& rows, const FitOptions& options,
                         FitResult& result) {
  const bool poisson = options.family == Family::kPoisson;
  const std::size_t n = design.n;
  const Eigen::MatrixXd& xk = final_design.xk;
  const Eigen::Index kk = xk.cols();
  if (kk == 0) return Eigen::MatrixXd(0, 0);
  Eigen::Map<const Eigen::VectorXd> w(final_design.weights.data(), static_cast<Eigen::Index>(n));
  const Eigen::MatrixXd bread = (xk.transpose() * w.asDiagonal() * xk).inverse();
  Eigen::MatrixXd scores(static_cast<Eigen::Index>(n), kk);
  for (std::size_t i = 0; i < n; ++i) {
    const double s = design.prior_weights[i] * (design.y[i] - fit.mu[i]);
    scores.row(static_cast<Eigen::Index>(i)) = xk.row(static_cast<Eigen::Index>(i)) * s;
  }
  const SmallSample ssc = options.small_sample;
  const double nn = static_cast<double>(n);
  const double k_total = static_cast<double>(static_cast<std::size_t>(kk) + result.fixed_effect_parameters);
  if (options.vcov == VcovType::kIid) {
    double scale = 1;
    if (!poisson) {
      const double rss = result.deviance;
      scale = ssc == SmallSample::kStata    ? rss / (nn - k_total)
              : ssc == SmallSample::kFixest ? rss / (nn - 1)
                                            : rss / nn;
    }
    if (ssc == SmallSample::kFixest) scale *= (nn - 1) / (nn - k_total);
    return bread * scale;
  }
  if (options.vcov == VcovType::kHeteroskedastic) {
    double scale = 1;
    if (ssc == SmallSample::kFixest) scale = (nn - 1) / (nn - k_total);
    if (ssc == SmallSample::kStata) scale = poisson ? nn / (nn - 1) : nn / (nn - k_total);
    return bread * (scores.transpose() * scores) * bread * scale;
  }
  return bread * ClusteredMeat(design, scores, inputs, rows, options, result) * bread;
}

}  // namespace tradeshock::gravity::internal

namespace tradeshock::gravity {

std::string_view ToString(VcovType type) {
  switch (type) {
    case VcovType::kIid:
      return "iid";
    case VcovType::kHeteroskedastic:
      return "hc1";
    case VcovType::kCluster:
      return "cluster";
  }
  return "";
}

}  // namespace tradeshock::gravity
