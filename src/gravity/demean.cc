#include "gravity/demean.h"

#include <algorithm>
#include <cmath>

namespace tradeshock::gravity::internal {

Demeaner::Demeaner(const std::vector<FeDimension>* dims, std::size_t n) : dims_(dims), n_(n) {
  for (const FeDimension& dim : *dims_) {
    inverse_weight_sums_.emplace_back(dim.groups, 0.0);
    sums_.emplace_back(dim.groups, 0.0);
  }
  if (dims_->size() > 1) {
    first_.resize(n);
    second_.resize(n);
  }
}

void Demeaner::SetWeights(const double* weights) {
  weights_ = weights;
  for (std::size_t d = 0; d < dims_->size(); ++d) {
    std::vector<double>& inv = inverse_weight_sums_[d];
    std::fill(inv.begin(), inv.end(), 0.0);
    const std::int32_t* ids = (*dims_)[d].ids.data();
    for (std::size_t i = 0; i < n_; ++i) inv[ids[i]] += weights[i];
    for (double& value : inv) value = value > 0 ? 1.0 / value : 0.0;
  }
}

// One Gauss-Seidel pass: subtract the weighted group mean of each dimension in turn.
void Demeaner::Sweep(double* x) {
  for (std::size_t d = 0; d < dims_->size(); ++d) {
    std::vector<double>& sums = sums_[d];
    std::fill(sums.begin(), sums.end(), 0.0);
    const std::int32_t* ids = (*dims_)[d].ids.data();
    const double* w = weights_;
    for (std::size_t i = 0; i < n_; ++i) sums[ids[i]] += w[i] * x[i];
    const double* inv = inverse_weight_sums_[d].data();
    for (std::size_t g = 0; g < sums.size(); ++g) sums[g] *= inv[g];
    for (std::size_t i = 0; i < n_; ++i) x[i] -= sums[ids[i]];
  }
}

namespace {
// Converged when no element moved by more than tolerance relative to (0.1 + its size)... measured against
// the column scale so that columns near zero after demeaning do not demand absolute precision below 1e-16.
bool Close(const double* a, const double* b, std::size_t n, double tolerance, double scale) {
  double limit = tolerance * scale;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::abs(a[i] - b[i]) > limit) return false;
  }
  return true;
}
}  // namespace

int Demeaner::Demean(double* x, double tolerance, int max_iterations, bool* converged) {
  *converged = true;
  if (dims_->empty()) return 0;
  if (dims_->size() == 1) {  // one projection is exact
    Sweep(x);
    return 1;
  }
  double scale = 0;
  for (std::size_t i = 0; i < n_; ++i) scale = std::max(scale, std::abs(x[i]));
  scale = std::max(scale, 1e-300);
  double* tx = first_.data();
  double* ttx = second_.data();
  int iteration = 0;
  while (iteration < max_iterations) {
    std::copy(x, x + n_, tx);
    Sweep(tx);
    ++iteration;
    if (Close(tx, x, n_, tolerance, scale)) {
      std::copy(tx, tx + n_, x);
      return iteration;
    }
    std::copy(tx, tx + n_, ttx);
    Sweep(ttx);
    ++iteration;
    // Irons-Tuck: x <- T²x - <d2, d2 - d1>/|d2 - d1|² d2 with d1 = Tx - x, d2 = T²x - Tx.
    double numerator = 0, denominator = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      double d1 = tx[i] - x[i];
      double d2 = ttx[i] - tx[i];
      double dd = d2 - d1;
      numerator += d2 * dd;
      denominator += dd * dd;
    }
    if (denominator <= 0 || !std::isfinite(numerator / denominator)) {
      std::copy(ttx, ttx + n_, x);
      continue;
    }
    double coefficient = numerator / denominator;
    for (std::size_t i = 0; i < n_; ++i) x[i] = ttx[i] - coefficient * (ttx[i] - tx[i]);
  }
  *converged = false;
  return iteration;
}

}  // namespace tradeshock::gravity::internal
