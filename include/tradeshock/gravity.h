// Structural gravity: a typed data frame read from CSV, fixest-style formulas, and Poisson PML (or OLS)
// with any number of high-dimensional fixed effects partialled out by accelerated weighted alternating
// projections. See docs/METHODS.md, "Gravity" for the algorithm, stopping rules and standard errors.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tradeshock::gravity {

// One column of a data frame: numeric (missing = NaN) or dictionary-encoded text.
struct Column {
  std::string name;
  bool numeric = true;
  std::vector<double> values;       // numeric columns
  std::vector<std::int32_t> codes;  // text columns: index into `levels`
  std::vector<std::string> levels;  // text columns: distinct values in order of first appearance
  // For a text column: where the first non-number was found, so a formula that needs a number can say.
  std::size_t first_text_line = 0;
  std::string first_text_value;
};

struct DataFrame {
  std::string source;  // file name, for messages
  std::size_t rows = 0;
  std::vector<Column> columns;

  // nullptr when absent.
  const Column* Find(const std::string& name) const;
};

// Reads a CSV file with a header row (plain or gzip; "-" is stdin). A column is numeric when every
// non-empty field parses as a finite decimal number, otherwise text. Throws InputException on a
// malformed file (quoting, field count, encoding) with file, line and column.
DataFrame ReadDataFrame(const std::string& path);
// The same from bytes already in memory (`source` names them in messages).
DataFrame ParseDataFrame(std::string_view bytes, const std::string& source);

// A regressor term: a column, optionally transformed by log().
struct Term {
  std::string column;
  bool log = false;
  std::string Label() const { return log ? "log(" + column + ")" : column; }
};

// `y ~ x1 + log(x2) | fe1 + fe2^fe3` (fixest conventions): with fixed effects there is no intercept;
// without, an intercept is included unless the right-hand side contains `0` or `-1`.
struct Formula {
  Term response;
  std::vector<Term> regressors;
  bool intercept = true;
  std::vector<std::vector<std::string>> fixed_effects;  // each: columns interacted with ^
};

// Throws ExpressionError (an Error) "formula: <what> at column N: <formula>"; place().column is N, the
// 1-based character position.
Formula ParseFormula(const std::string& text);

// `col in a,b,c`, `col == v`, `col != v`, `col != other_col`, `col < v` ... joined by `&`.
// Returns a mask over the rows. Throws ExpressionError naming the position of the fault (an unknown
// column, a bad operator or value).
std::vector<std::uint8_t> EvaluateSubset(const DataFrame& data, const std::string& expression);

enum class Family { kPoisson, kGaussian };
enum class VcovType { kIid, kHeteroskedastic, kCluster };
// "iid", "hc1", "cluster": as the command line's --vcov takes them and the JSON names them.
std::string_view ToString(VcovType type);
// Small-sample corrections (docs/METHODS.md, "Gravity"):
//  kFixest: (n-1)/(n-K) with K = coefficients + free fixed effects (those nested in a cluster variable not
//           counted when clustering), times G/(G-1) when clustering (G = fewest clusters for two-way);
//  kStata:  G/(G-1) when clustering (Stata's ppml/glm, ppmlhdfe), n/(n-1) for robust, none for iid;
//  kNone:   none.
enum class SmallSample { kFixest, kStata, kNone };

struct FitOptions {
  Family family = Family::kPoisson;
  VcovType vcov = VcovType::kHeteroskedastic;
  std::vector<std::string> cluster;  // one or two column names (may be "a^b")
  SmallSample small_sample = SmallSample::kFixest;
  std::string weights;               // column name, empty = none
  std::string offset;                // column name, empty = none
  std::vector<std::uint8_t> subset;  // empty = all rows
  double tolerance = 1e-8;           // relative change in deviance between IRLS iterations
  int max_iterations = 100;
  double fe_tolerance = 1e-10;  // final inner (alternating projections) tolerance
  int max_fe_iterations = 100000;
  // Inner tolerance where the fixed effects are solved exactly rather than partialled out inside IRLS (the
  // fixed-effect coefficients, the rectifier's constrained fit).
  double fe_solve_tolerance = 1e-13;
  bool drop_singletons = true;
  // Iterative rectifier (Poisson; docs/METHODS.md). Off by default in the library because on large panels it
  // costs several fits (6x the fit on the 1.1M-row benchmark panel); the command line turns it on. The
  // all-zero fixed-effect group check always runs.
  bool check_separation = false;
  double collinearity_tolerance = 1e-9;
  // Threads for partialling out the fixed effects (one column per thread); 0 = all hardware threads.
  int threads = 0;

  static FitOptions Defaults();
  // Throws Error naming the option when one is out of range (a tolerance not positive, clustered standard
  // errors without one or two cluster variables, ...). Fit calls it.
  void Validate() const;
};

struct Coefficient {
  std::string name;
  double estimate = 0;
  double std_error = 0;
  double statistic = 0;  // estimate / std_error
  double p_value = 0;    // two-sided, normal distribution (t with n-K df for OLS)
};

struct FixedEffectValues {
  std::string name;  // "exporter^year"
  std::vector<std::string> levels;
  std::vector<double> values;
};

struct DroppedRows {
  std::size_t subset = 0;          // outside the subset expression
  std::size_t missing = 0;         // missing value or log of a non-positive number in a used column
  std::size_t singleton = 0;       // only observation of a fixed-effect group (iterative)
  std::size_t separated_fe = 0;    // all-zero fixed-effect group (Poisson)
  std::size_t separated_relu = 0;  // separated by the iterative rectifier (Poisson)
  std::size_t Total() const { return subset + missing + singleton + separated_fe + separated_relu; }
};

struct FitResult {
  Family family = Family::kPoisson;
  std::vector<Coefficient> coefficients;  // estimable regressors only
  std::vector<std::string> collinear;     // regressors dropped as collinear
  Eigen::MatrixXd vcov;
  VcovType vcov_type = VcovType::kHeteroskedastic;
  SmallSample small_sample = SmallSample::kFixest;
  std::vector<std::string> cluster;
  std::vector<std::size_t> cluster_counts;
  std::size_t observations = 0;  // used in the fit
  std::size_t input_rows = 0;
  DroppedRows dropped;
  std::vector<std::size_t> separated_rows;  // 0-based data rows dropped as separated (both methods)
  std::size_t fixed_effect_parameters = 0;  // free fixed-effect coefficients (for small-sample K)
  int iterations = 0;
  bool converged = false;    // IRLS met its rule and every inner projection inside it converged
  bool fe_converged = true;  // every alternating-projections solve (IRLS, variance, fixed effects,
                             // rectifier) met its tolerance within max_fe_iterations
  double last_change = 0;
  double deviance = 0;
  double null_deviance = 0;
  double log_likelihood = 0;                     // Poisson (or Gaussian) log-likelihood
  double null_log_likelihood = 0;                // fixed effects only? no: intercept-only model
  double pseudo_r2 = 0;                          // McFadden 1 - ll/ll0 (Poisson), R^2 (OLS)
  double dispersion = 1;                         // Pearson chi2 / (n - K) (Poisson), sigma^2 (OLS)
  std::vector<double> fitted;                    // per data row; NaN where not used
  std::vector<FixedEffectValues> fixed_effects;  // first level of every dimension after the first is 0
  std::vector<std::string> notes;
};

// Fits `formula` on `data`. Throws Error on a fault that ends the fit (unknown column, text column used
// as a number, no observations left, divergence). Non-convergence is not an error: converged = false.
FitResult Fit(const DataFrame& data, const Formula& formula, const FitOptions& options);

}  // namespace tradeshock::gravity
