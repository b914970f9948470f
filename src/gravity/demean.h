// Weighted alternating projections over fixed-effect dimensions (the "within" transform), iterated in the
// space of the fixed-effect coefficients rather than of the observations and accelerated by Irons & Tuck
// (1969) extrapolation, as in Bergé (2018, fixest). Observations are visited in the order of the dimension
// with the most groups (a counting sort done once), so that dimension's sums are running sums over
// contiguous segments and one pass over the data both updates it and accumulates the next dimension.
// Per-column coefficient states let IRLS warm-start each column from the previous iteration's solution.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tradeshock::gravity::internal {

struct FeDimension {
  std::vector<std::int32_t> ids;  // per observation, dense 0..groups-1
  std::int32_t groups = 0;
};

// The fixed-effect coefficients of one column, kept between Demean calls as the next starting point.
struct DemeanState {
  std::vector<double> coefficients;  // every dimension but the sorted one, concatenated; empty = cold start
};

struct DemeanStats {
  int sweeps = 0;         // largest number of sweeps over one column
  bool converged = true;  // every column met the tolerance
};

class Demeaner {
 public:
  Demeaner(const std::vector<FeDimension>* dims, std::size_t n);
  // Observation weights (> 0), copied.
  void SetWeights(const double* weights);
  // Replaces x by its residual from the weighted projection on the fixed effects. Stops when no coefficient
  // moved by more than tolerance * (max |x| + |coefficient|) in a sweep. `state` (may be null) is the
  // starting point and receives the solution. Returns the number of sweeps; `converged` false when
  // max_iterations was reached.
  int Demean(double* x, double tolerance, int max_iterations, bool* converged, DemeanState* state = nullptr);
  // The same for several columns, spread over up to `threads` threads (each column on one thread).
  DemeanStats DemeanColumns(const std::vector<double*>& columns, std::vector<DemeanState>* states, double tolerance,
                            int max_iterations, int threads);
  // The fixed-effect coefficients themselves (per dimension, in group order) of the projection of x.
  std::vector<std::vector<double>> Coefficients(const double* x, double tolerance, int max_iterations, bool* converged);
  bool empty() const { return dims_->empty(); }

 private:
  struct Scratch;
  int DemeanWith(double* x, double tolerance, int max_iterations, bool* converged, DemeanState* state,
                 Scratch& scratch) const;
  void Sweep(const double* in, double* out, double* sorted_coefficients, Scratch& scratch) const;
  void SortedCoefficients(const double* in, double* sorted_coefficients, const Scratch& scratch) const;

  const std::vector<FeDimension>* dims_;
  std::size_t n_;
  int sorted_ = 0;                    // the dimension with the most groups
  std::vector<int> others_;           // the remaining dimensions, in sweep order
  std::vector<std::size_t> offsets_;  // start of each other dimension in a state vector
  std::size_t state_size_ = 0;
  std::vector<std::uint32_t> order_;                   // observations sorted by the sorted dimension
  std::vector<std::size_t> segment_;                   // groups_sorted + 1 segment starts into order_
  std::vector<std::vector<std::int32_t>> sorted_ids_;  // ids of the other dimensions, in order_
  std::vector<double> sorted_weights_;                 // weights in order_
  const double* weights_ = nullptr;                    // caller's weights, observation order
  std::vector<double> weights_copy_;
  std::vector<std::vector<double>> inverse_weight_sums_;  // per dimension
};

}  // namespace tradeshock::gravity::internal
