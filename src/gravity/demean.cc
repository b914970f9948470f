#include "gravity/demean.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace tradeshock::gravity::internal {

// Per-column working memory (one per thread): weighted sums of the column by group, the accumulators of a
// sweep, and the three iterates Irons-Tuck needs.
struct Demeaner::Scratch {
  std::vector<double> sorted_sums;  // sum of w x by group of the sorted dimension
  std::vector<double> other_sums;   // the same for the other dimensions (state layout)
  std::vector<double> accumulator;  // state layout
  std::vector<double> sorted_coefficients;
  std::vector<double> x0, x1, x2;  // X, F(X), F(F(X))
};

Demeaner::Demeaner(const std::vector<FeDimension>* dims, std::size_t n) : dims_(dims), n_(n) {
  const std::size_t q = dims_->size();
  for (const FeDimension& dim : *dims_) inverse_weight_sums_.emplace_back(dim.groups, 0.0);
  if (q == 0) return;
  for (std::size_t d = 1; d < q; ++d) {
    if ((*dims_)[d].groups > (*dims_)[sorted_].groups) sorted_ = static_cast<int>(d);
  }
  for (std::size_t d = 0; d < q; ++d) {
    if (static_cast<int>(d) == sorted_) continue;
    others_.push_back(static_cast<int>(d));
    offsets_.push_back(state_size_);
    state_size_ += static_cast<std::size_t>((*dims_)[d].groups);
  }
  if (others_.empty()) return;  // one dimension: a single exact projection, no sweeps
  // Counting sort of the observations by the sorted dimension's group.
  const FeDimension& sorted = (*dims_)[sorted_];
  segment_.assign(static_cast<std::size_t>(sorted.groups) + 1, 0);
  for (std::int32_t id : sorted.ids) ++segment_[static_cast<std::size_t>(id) + 1];
  for (std::size_t g = 0; g < static_cast<std::size_t>(sorted.groups); ++g) segment_[g + 1] += segment_[g];
  order_.resize(n_);
  std::vector<std::size_t> next(segment_.begin(), segment_.end() - 1);
  for (std::size_t i = 0; i < n_; ++i) order_[next[sorted.ids[i]]++] = static_cast<std::uint32_t>(i);
  for (int d : others_) {
    const std::vector<std::int32_t>& ids = (*dims_)[d].ids;
    std::vector<std::int32_t> permuted(n_);
    for (std::size_t k = 0; k < n_; ++k) permuted[k] = ids[order_[k]];
    sorted_ids_.push_back(std::move(permuted));
  }
  sorted_weights_.resize(n_);
}

void Demeaner::SetWeights(const double* weights) {
  weights_copy_.assign(weights, weights + n_);
  weights_ = weights_copy_.data();
  for (std::size_t d = 0; d < dims_->size(); ++d) {
    std::vector<double>& inv = inverse_weight_sums_[d];
    std::fill(inv.begin(), inv.end(), 0.0);
    const std::int32_t* ids = (*dims_)[d].ids.data();
    for (std::size_t i = 0; i < n_; ++i) inv[ids[i]] += weights_[i];
    for (double& value : inv) value = value > 0 ? 1.0 / value : 0.0;
  }
  if (!order_.empty()) {
    for (std::size_t k = 0; k < n_; ++k) sorted_weights_[k] = weights_[order_[k]];
  }
}

namespace {

// The inner loops of a sweep with the number of other dimensions known at compile time (kM > 0) so the
// sums over dimensions unroll; kM = 0 is the general case.
template <int kM>
struct SweepKernel {
  int m;
  const std::size_t* segment;
  std::size_t groups;
  const double* weights;
  const std::int32_t* const* ids;  // m arrays in sorted order
  const std::size_t* offsets;

  int Count() const { return kM > 0 ? kM : m; }

  // Coefficients of the sorted dimension given the others (`in`), and if accumulate_into >= 0 the weighted
  // sums, for dimension `accumulate_into`, of the fit without it: sorted + dims < j from `out`, > j from `in`.
  void SortedPass(const double* sorted_sums, const double* inverse_sorted, const double* in, double* sorted_out,
                  int accumulate_into, const double* out, double* accumulator) const {
    const int count = Count();
    for (std::size_t g = 0; g < groups; ++g) {
      const std::size_t begin = segment[g], end = segment[g + 1];
      double total = 0;
      for (std::size_t k = begin; k < end; ++k) {
        double fit = 0;
        for (int h = 0; h < count; ++h) fit += in[offsets[h] + ids[h][k]];
        total += weights[k] * fit;
      }
      const double alpha = (sorted_sums[g] - total) * inverse_sorted[g];
      sorted_out[g] = alpha;
      if (accumulate_into < 0) continue;
      const int j = accumulate_into;
      for (std::size_t k = begin; k < end; ++k) {
        double fit = alpha;
        for (int h = 0; h < count; ++h) {
          if (h != j) fit += (h < j ? out : in)[offsets[h] + ids[h][k]];
        }
        accumulator[offsets[j] + ids[j][k]] += weights[k] * fit;
      }
    }
  }
};

template <int kM>
void RunSweep(const SweepKernel<kM>& kernel, const double* sorted_sums, const double* inverse_sorted,
              const double* other_sums, const std::vector<const double*>& inverse_other, const double* in, double* out,
              double* sorted_coefficients, double* accumulator, const std::int32_t* groups_of) {
  const int count = kernel.Count();
  for (int j = 0; j < count; ++j) {
    const std::size_t begin = kernel.offsets[j], size = static_cast<std::size_t>(groups_of[j]);
    std::fill(accumulator + begin, accumulator + begin + size, 0.0);
    if (j == 0) {
      kernel.SortedPass(sorted_sums, inverse_sorted, in, sorted_coefficients, 0, out, accumulator);
    } else {
      // The sorted dimension's coefficients are final for this sweep: reuse them.
      for (std::size_t g = 0; g < kernel.groups; ++g) {
        const double alpha = sorted_coefficients[g];
        for (std::size_t k = kernel.segment[g]; k < kernel.segment[g + 1]; ++k) {
          double fit = alpha;
          for (int h = 0; h < count; ++h) {
            if (h != j) fit += (h < j ? out : in)[kernel.offsets[h] + kernel.ids[h][k]];
          }
          accumulator[begin + kernel.ids[j][k]] += kernel.weights[k] * fit;
        }
      }
    }
    const double* inverse = inverse_other[j];
    for (std::size_t g = 0; g < size; ++g) {
      out[begin + g] = (other_sums[begin + g] - accumulator[begin + g]) * inverse[g];
    }
  }
}

}  // namespace

// One Gauss-Seidel sweep F: sorted dimension from `in`, then each other dimension in turn from the newest
// values; `out` receives the other dimensions' coefficients.
void Demeaner::Sweep(const double* in, double* out, double* sorted_coefficients, Scratch& scratch) const {
  const int m = static_cast<int>(others_.size());
  std::vector<const std::int32_t*> ids;
  std::vector<const double*> inverse_other;
  std::vector<std::int32_t> groups_of;
  for (int h = 0; h < m; ++h) {
    ids.push_back(sorted_ids_[h].data());
    inverse_other.push_back(inverse_weight_sums_[others_[h]].data());
    groups_of.push_back((*dims_)[others_[h]].groups);
  }
  const std::size_t sorted_groups = static_cast<std::size_t>((*dims_)[sorted_].groups);
  const double* inverse_sorted = inverse_weight_sums_[sorted_].data();
  auto run = [&](auto kernel) {
    RunSweep(kernel, scratch.sorted_sums.data(), inverse_sorted, scratch.other_sums.data(), inverse_other, in, out,
             sorted_coefficients, scratch.accumulator.data(), groups_of.data());
  };
  if (m == 1)
    run(SweepKernel<1>{m, segment_.data(), sorted_groups, sorted_weights_.data(), ids.data(), offsets_.data()});
  else if (m == 2)
    run(SweepKernel<2>{m, segment_.data(), sorted_groups, sorted_weights_.data(), ids.data(), offsets_.data()});
  else
    run(SweepKernel<0>{m, segment_.data(), sorted_groups, sorted_weights_.data(), ids.data(), offsets_.data()});
}

void Demeaner::SortedCoefficients(const double* in, double* sorted_coefficients, const Scratch& scratch) const {
  const int m = static_cast<int>(others_.size());
  std::vector<const std::int32_t*> ids;
  for (int h = 0; h < m; ++h) ids.push_back(sorted_ids_[h].data());
  SweepKernel<0> kernel{
      m,          segment_.data(), static_cast<std::size_t>((*dims_)[sorted_].groups), sorted_weights_.data(),
      ids.data(), offsets_.data()};
  kernel.SortedPass(scratch.sorted_sums.data(), inverse_weight_sums_[sorted_].data(), in, sorted_coefficients, -1,
                    nullptr, nullptr);
}

namespace {
// Converged when no coefficient moved by more than tolerance * (scale + |coefficient|), scale = max |x|:
// relative for large coefficients, and relative to the column (not absolute) for small ones.
bool Close(const std::vector<double>& a, const std::vector<double>& b, double tolerance, double scale) {
  for (std::size_t g = 0; g < a.size(); ++g) {
    if (std::abs(a[g] - b[g]) > tolerance * (scale + std::abs(b[g]))) return false;
  }
  return true;
}
}  // namespace

// Long: the alternating-projection loop with its Irons-Tuck acceleration step and the final coefficients, sharing
// the scratch buffers of one iteration.
int Demeaner::DemeanWith(double* x, double tolerance, int max_iterations, bool* converged, DemeanState* state,
                         Scratch& scratch) const {
  *converged = true;
  const std::size_t q = dims_->size();
  if (q == 0) return 0;
  const FeDimension& sorted = (*dims_)[sorted_];
  const std::size_t sorted_groups = static_cast<std::size_t>(sorted.groups);
  scratch.sorted_sums.assign(sorted_groups, 0.0);
  scratch.other_sums.assign(state_size_, 0.0);
  scratch.sorted_coefficients.assign(sorted_groups, 0.0);
  double scale = 0;
  {
    const std::int32_t* sorted_ids = sorted.ids.data();
    for (std::size_t i = 0; i < n_; ++i) {
      const double wx = weights_[i] * x[i];
      scratch.sorted_sums[sorted_ids[i]] += wx;
      scale = std::max(scale, std::abs(x[i]));
    }
    for (std::size_t h = 0; h < others_.size(); ++h) {
      const std::int32_t* ids = (*dims_)[others_[h]].ids.data();
      double* sums = scratch.other_sums.data() + offsets_[h];
      for (std::size_t i = 0; i < n_; ++i) sums[ids[i]] += weights_[i] * x[i];
    }
  }
  if (others_.empty()) {  // one projection is exact
    const double* inverse = inverse_weight_sums_[sorted_].data();
    for (std::size_t g = 0; g < sorted_groups; ++g)
      scratch.sorted_coefficients[g] = scratch.sorted_sums[g] * inverse[g];
    const std::int32_t* ids = sorted.ids.data();
    for (std::size_t i = 0; i < n_; ++i) x[i] -= scratch.sorted_coefficients[ids[i]];
    return 1;
  }
  scale = std::max(scale, 1e-300);
  std::vector<double>& x0 = scratch.x0;
  std::vector<double>& x1 = scratch.x1;
  std::vector<double>& x2 = scratch.x2;
  if (state != nullptr && state->coefficients.size() == state_size_)
    x0 = state->coefficients;
  else
    x0.assign(state_size_, 0.0);
  x1.assign(state_size_, 0.0);
  x2.assign(state_size_, 0.0);
  scratch.accumulator.assign(state_size_, 0.0);
  int sweeps = 0;
  bool done = false;
  while (sweeps < max_iterations) {
    Sweep(x0.data(), x1.data(), scratch.sorted_coefficients.data(), scratch);
    ++sweeps;
    if (Close(x0, x1, tolerance, scale)) {
      x0.swap(x1);
      done = true;
      break;
    }
    Sweep(x1.data(), x2.data(), scratch.sorted_coefficients.data(), scratch);
    ++sweeps;
    if (Close(x1, x2, tolerance, scale)) {
      x0.swap(x2);
      done = true;
      break;
    }
    // Irons-Tuck: X <- F²X - <d2, d2 - d1>/|d2 - d1|² d2 with d1 = FX - X, d2 = F²X - FX.
    double numerator = 0, denominator = 0;
    for (std::size_t g = 0; g < state_size_; ++g) {
      const double d1 = x1[g] - x0[g];
      const double d2 = x2[g] - x1[g];
      const double dd = d2 - d1;
      numerator += d2 * dd;
      denominator += dd * dd;
    }
    const double coefficient = numerator / denominator;
    if (denominator <= 0 || !std::isfinite(coefficient)) {
      x0.swap(x2);
      continue;
    }
    for (std::size_t g = 0; g < state_size_; ++g) x0[g] = x2[g] - coefficient * (x2[g] - x1[g]);
  }
  *converged = done;
  // The sorted dimension's coefficients consistent with the final X, then x minus the whole fit.
  SortedCoefficients(x0.data(), scratch.sorted_coefficients.data(), scratch);
  const std::int32_t* sorted_ids = sorted.ids.data();
  const std::size_t m = others_.size();
  std::vector<const std::int32_t*> ids;
  for (int d : others_) ids.push_back((*dims_)[d].ids.data());
  for (std::size_t i = 0; i < n_; ++i) {
    double fit = scratch.sorted_coefficients[sorted_ids[i]];
    for (std::size_t h = 0; h < m; ++h) fit += x0[offsets_[h] + ids[h][i]];
    x[i] -= fit;
  }
  if (state != nullptr) state->coefficients = x0;
  return sweeps;
}

int Demeaner::Demean(double* x, double tolerance, int max_iterations, bool* converged, DemeanState* state) {
  Scratch scratch;
  return DemeanWith(x, tolerance, max_iterations, converged, state, scratch);
}

std::vector<std::vector<double>> Demeaner::Coefficients(const double* x, double tolerance, int max_iterations,
                                                        bool* converged) {
  Scratch scratch;
  DemeanState state;
  std::vector<double> copy(x, x + n_);
  DemeanWith(copy.data(), tolerance, max_iterations, converged, &state, scratch);
  std::vector<std::vector<double>> coefficients(dims_->size());
  if (dims_->empty()) return coefficients;
  coefficients[sorted_] = scratch.sorted_coefficients;
  for (std::size_t h = 0; h < others_.size(); ++h) {
    const auto begin = state.coefficients.begin() + static_cast<std::ptrdiff_t>(offsets_[h]);
    coefficients[others_[h]].assign(begin, begin + (*dims_)[others_[h]].groups);
  }
  return coefficients;
}

DemeanStats Demeaner::DemeanColumns(const std::vector<double*>& columns, std::vector<DemeanState>* states,
                                    double tolerance, int max_iterations, int threads) {
  DemeanStats stats;
  if (states->size() < columns.size()) states->resize(columns.size());
  const int workers = std::max(1, std::min(threads, static_cast<int>(columns.size())));
  std::atomic<std::size_t> next{0};
  std::vector<int> sweeps(columns.size(), 0);
  std::vector<char> ok(columns.size(), 1);
  auto work = [&] {
    Scratch scratch;
    for (std::size_t c = next++; c < columns.size(); c = next++) {
      bool converged = true;
      sweeps[c] = DemeanWith(columns[c], tolerance, max_iterations, &converged, &(*states)[c], scratch);
      ok[c] = converged;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    stats.sweeps = std::max(stats.sweeps, sweeps[c]);
    stats.converged = stats.converged && ok[c];
  }
  return stats;
}

}  // namespace tradeshock::gravity::internal
