// The steps of a gravity fit (fit.cc runs them in order; docs/METHODS.md, "Gravity"):
//   1. ResolveInputs: the formula's columns and the fixed-effect and cluster groupings (grouping.cc);
//   2. MarkSample: rows outside the subset or with a missing value leave the sample (fit.cc);
//   3. DropUnidentified: singletons, all-zero groups and the rectifier's separated rows (separation.cc);
//   4. BuildDesign: y, X, weights and offset of the rows left (fit.cc);
//   5. RunIrls: IRLS over the demeaned variables, collinear regressors dropped at the first pass (irls.cc);
//   6. SetFitStatistics and Variance: deviance, likelihoods, and the variance of the estimates (variance.cc);
//   7. RecoverFixedEffects: the fixed-effect coefficients of the final fit (fit.cc).
// Internal to src/gravity/.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "gravity/demean.h"
#include "tradeshock/gravity.h"

namespace tradeshock::gravity::internal {

// Group ids over all data rows for a (possibly interacted) set of columns; -1 where a value is missing.
struct Grouping {
  std::string name;
  std::vector<std::int32_t> ids;
  std::int32_t groups = 0;
  std::vector<const Column*> columns;
};

// The columns a fit reads, resolved and checked once.
struct FitInputs {
  const Column* response = nullptr;
  std::vector<const Column*> regressors;  // one per formula regressor
  const Column* weights = nullptr;        // null: unit prior weights
  const Column* offset = nullptr;         // null: no offset
  std::vector<Grouping> fe_groupings, cluster_groupings;
};

// y, X (column-major n x k, the intercept last), prior weights and offset of the rows in the sample.
struct Design {
  std::size_t n = 0;
  int k = 0;
  std::vector<double> y, x, prior_weights, offset;
  std::vector<std::string> names;
  std::vector<FeDimension> dims;
};

// The IRLS solution: what the variance, the statistics and the fixed effects are computed from.
struct IrlsFit {
  std::vector<double> mu, eta;      // fitted means and linear predictor, per observation
  std::vector<int> kept;            // regressors not dropped as collinear, in design order
  Eigen::VectorXd beta;             // their coefficients
  std::vector<double> x_demeaned;   // column-major n x k; kept columns demeaned at the last weights
  std::vector<DemeanState> states;  // warm starts: z in slot 0, regressor j in slot 1 + j
  double deviance = 0;
};

// x (column-major n x k) as a matrix, without a copy.
inline Eigen::Map<const Eigen::MatrixXd> AsMatrix(const std::vector<double>& x, std::size_t n, int k) {
  return Eigen::Map<const Eigen::MatrixXd>(x.data(), static_cast<Eigen::Index>(n), k);
}

// grouping.cc
const Column& NeedColumn(const DataFrame& data, const std::string& name, const std::string& role);
const Column& NeedNumeric(const DataFrame& data, const std::string& name, const std::string& role);
Grouping EncodeGrouping(const DataFrame& data, const std::vector<std::string>& names, const std::string& role);
std::string LevelLabel(const Grouping& grouping, std::size_t row);
// Dense ids over the used observations; `first_row` (may be null) receives each group's first data row.
FeDimension Compact(const std::vector<std::int32_t>& ids, const std::vector<std::size_t>& rows,
                    std::vector<std::size_t>* first_row = nullptr);
FitInputs ResolveInputs(const DataFrame& data, const Formula& formula, const FitOptions& options);

// fit.cc
// The value of a term at a data row: the column's value, or its log (NaN for a non-positive value).
double Transformed(const Column& column, const Term& term, std::size_t row);
Design BuildDesign(const Formula& formula, const FitInputs& inputs, const std::vector<std::size_t>& rows);

// separation.cc
// Drops singletons and all-zero fixed-effect groups (Poisson) and, when options ask, the rows the
// rectifier finds separated, until nothing changes. Counts the drops in `result`; returns the rows left.
std::vector<std::size_t> DropUnidentified(const DataFrame& data, const Formula& formula, const FitInputs& inputs,
                                          const FitOptions& options, std::vector<std::uint8_t>& active,
                                          FitResult& result);

// irls.cc
double PoissonDeviance(const std::vector<double>& y, const std::vector<double>& mu, const std::vector<double>& w0);
// In-order Cholesky of X'WX that skips a column whose squared residual norm, given the columns kept before
// it, is below tolerance times its squared norm before the fixed effects were partialled out.
std::vector<int> IndependentColumns(const Eigen::MatrixXd& gram, const std::vector<double>& raw_norms,
                                    double tolerance);
IrlsFit RunIrls(const Design& design, Demeaner& demeaner, const FitOptions& options, int threads, FitResult& result);
// The kept regressors partialled out at the final IRLS weights (the x of the variance), and those weights.
struct FinalDesign {
  Eigen::MatrixXd xk;           // n x kept
  std::vector<double> weights;  // prior weights times mu (Poisson), the prior weights (OLS)
};
FinalDesign FinalDemeanedRegressors(const Design& design, Demeaner& demeaner, IrlsFit& fit, const FitOptions& options,
                                    int threads, FitResult& result);

// variance.cc
// Deviance, null deviance, likelihoods, pseudo R2, dispersion and the number of fixed-effect parameters.
void SetFitStatistics(const Design& design, const IrlsFit& fit, const FitOptions& options, FitResult& result);
// The variance of the kept coefficients: iid, heteroskedastic or clustered (one or two ways), with the
// small-sample correction options name, from the bread (xk' W xk)^-1 and the scores. Needs SetFitStatistics
// first (deviance, fixed-effect parameters); records the cluster counts in `result`.
Eigen::MatrixXd Variance(const Design& design, const IrlsFit& fit, const FinalDesign& final_design,
                         const FitInputs& inputs, const std::vector<std::size_t>& rows, const FitOptions& options,
                         FitResult& result);

}  // namespace tradeshock::gravity::internal
