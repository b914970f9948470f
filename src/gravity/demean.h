// Weighted alternating projections over fixed-effect dimensions (the "within" transform), accelerated by
// Irons & Tuck (1969) extrapolation every two sweeps, as in Bergé (2018). Group sums are scatter-adds into
// per-dimension arrays indexed by dense int32 group ids: no sorting and no allocation per call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tradeshock::gravity::internal {

struct FeDimension {
  std::vector<std::int32_t> ids;  // per observation, dense 0..groups-1
  std::int32_t groups = 0;
};

class Demeaner {
 public:
  Demeaner(const std::vector<FeDimension>* dims, std::size_t n);
  // Observation weights (> 0); must outlive the next Demean calls.
  void SetWeights(const double* weights);
  // Replaces x by its residual from the weighted projection on the fixed effects, starting from x (any
  // vector that differs from the input by a fixed-effect combination is a valid start). Returns the
  // number of sweeps; `converged` false when max_iterations was reached.
  int Demean(double* x, double tolerance, int max_iterations, bool* converged);
  bool empty() const { return dims_->empty(); }

 private:
  void Sweep(double* x);
  const std::vector<FeDimension>* dims_;
  std::size_t n_;
  const double* weights_ = nullptr;
  std::vector<std::vector<double>> inverse_weight_sums_;
  std::vector<std::vector<double>> sums_;
  std::vector<double> first_, second_;
};

}  // namespace tradeshock::gravity::internal
