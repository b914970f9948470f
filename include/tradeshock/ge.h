// General equilibrium on one-sector structural gravity with exact hat algebra (Yotov, Piermartini,
// Monteiro & Larch 2016, ch. 2; Baier, Yotov & Zylkin 2019 / Stata ge_gravity). Equations and the
// stopping rules are in docs/METHODS.md, "General equilibrium".
#pragma once

#include <Eigen/Dense>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tradeshock::ge {

// flows(i, j) = sales of exporter i to importer j, including the internal flows on the diagonal.
struct Baseline {
  std::vector<std::string> economies;
  Eigen::MatrixXd flows;
};

// One row of a long table; BuildBaseline turns a complete square set of them into a Baseline.
struct FlowRow {
  std::string exporter;
  std::string importer;
  double value = 0.0;
};

// Throws Error when the rows are not a complete square (a pair missing or repeated, an exporter that
// never imports), a value is negative or not finite, or an internal flow is zero.
Baseline BuildBaseline(const std::vector<FlowRow>& rows);

// Same checks on a ready matrix.
void ValidateBaseline(const Baseline& baseline);

enum class Imbalance {
  kMultiplicative,  // E_j = phi_j * Y_j with phi_j fixed (the book's and ge_gravity's default)
  kAdditive,        // E_j = Y_j + D_j with D_j fixed in units of the numeraire
};

enum class StoppingRule {
  kLogFlows,    // ge_gravity: max |change in log flows| between iterations < tolerance
  kBookPrices,  // the book's test (sd and max of the change in factory-gate prices < tolerance, 0.01 in the
                // book) applied to this solver's iteration: an early stop in the book's spirit only; to
                // reproduce the book's numbers use FullEndowmentMethod::kBookProcedure
};

// How the full-endowment equilibrium is computed.
enum class FullEndowmentMethod {
  kFixedPoint,     // solve market clearing p_i Y_i = sum_j X'_ij (G4..G7) to the stopping rule: the equilibrium
  kBookProcedure,  // the iterated constrained PPML of the book's do-files, with its updates and its stop
                   // (sd and max of the round-to-round change in price changes < tolerance, 0.01 in the
                   // book); reproduces the book's printed numbers; see docs/METHODS.md, "The book's procedure".
                   // Multiplicative imbalances only; `stopping_rule` is not used.
};

// The words that name these options (src/models/ge/option_names.cc), one vocabulary for the command line
// (--imbalance, --stopping-rule, --method), the Python package and the JSON: "multiplicative" | "additive",
// "log-flows" | "book", "equilibrium" (kFixedPoint) | "book" (kBookProcedure).
std::string_view ToString(Imbalance imbalance);
std::string_view ToString(StoppingRule rule);
std::string_view ToString(FullEndowmentMethod method);
// The inverse; a word not in the list throws tradeshock::Error naming the option as the caller's user writes it
// and the words accepted: "ge: --imbalance must be multiplicative or additive, got 'x'".
Imbalance ParseImbalance(std::string_view text, std::string_view option = "imbalance");
StoppingRule ParseStoppingRule(std::string_view text, std::string_view option = "stopping_rule");
FullEndowmentMethod ParseFullEndowmentMethod(std::string_view text, std::string_view option = "method");

struct Options {
  double theta = 4.0;     // trade elasticity theta = sigma - 1 (> 0)
  std::string reference;  // economy whose inward MR is fixed at 1; empty = the first
  Imbalance imbalance = Imbalance::kMultiplicative;
  StoppingRule stopping_rule = StoppingRule::kLogFlows;
  double tolerance = 1e-8;
  int max_iterations = 100000;
  FullEndowmentMethod method = FullEndowmentMethod::kFixedPoint;
  int max_rounds = 1000;  // kBookProcedure: rounds before giving up (each round is a full constrained fit)
};

// One round of the book's procedure as its Stata log prints it (`summarize dif_change_pi`): the change
// between two rounds of each economy's per-round price change, summarised over the n x n pairs of the data
// set (so the sd has the denominator n^2 - 1).
struct BookRoundSummary {
  double mean = 0.0;
  double sd = 0.0;
  double min = 0.0;
  double max = 0.0;
};

struct SolveInfo {
  int iterations = 0;
  double final_change = 0.0;  // last value of the stopping criterion
  bool converged = false;
  double damping = 1.0;  // 1 = plain fixed point; < 1 after the stall fallback engaged
};

// Changes are (new - old) / old * 100. Exports exclude the internal flow.
struct EconomyResult {
  std::string economy;
  double exports_change_cdl_pct = 0.0;
  double exports_change_full_pct = 0.0;
  double price_change_full_pct = 0.0;
  double inward_mr_change_full_pct = 0.0;
  double outward_mr_change_full_pct = 0.0;
  double real_gdp_change_full_pct = 0.0;
  double welfare_change_pct = 0.0;  // real expenditure E_j / P_j (= real GDP under multiplicative)
};

struct Result {
  std::vector<EconomyResult> economies;
  SolveInfo conditional;
  SolveInfo full;
  Eigen::MatrixXd flows_conditional;
  Eigen::MatrixXd flows_full;
  std::vector<BookRoundSummary> book_rounds;  // FullEndowmentMethod::kBookProcedure only, round 1 first
};

// cost_change(i, j) multiplies the flow i -> j at given prices and resistances: exp(beta * delta
// policy) for a coefficient, 0 for a ban, 1 for no change. Must be >= 0 and finite.
Result Simulate(const Baseline& baseline, const Eigen::MatrixXd& cost_change, const Options& options);

// exp(beta * delta(i, j)).
Eigen::MatrixXd CostChangeFromCoefficient(double beta, const Eigen::MatrixXd& policy_change);

// The fitted flows of a PPML with exporter and importer fixed effects whose other coefficients are
// given: X_ij = exp(log_cost(i, j)) * exp(a_i + b_j) with the fixed effects set so that fitted row and
// column sums equal the observed ones (the PPML first-order conditions for the fixed effects).
// Lets a published coefficient vector be used without re-estimating. Returns flows and solve info.
Baseline FitBaseline(const Baseline& observed, const Eigen::MatrixXd& log_cost, SolveInfo* info = nullptr);

// ---- Counterfactual expressions (src/models/ge/counterfactual.cc; syntax in docs/METHODS.md) ----
// `VARIABLE = NUMBER [where CONDITION]` or `ban where CONDITION`, several joined by `;`. CONDITION is
// clauses joined by `and` (`&`) and `or` (`|`), with `not` and parentheses; a clause is
// `exporter in (A,B)`, `importer not in (A,B)`, `exporter == A`, `importer != B`, `exporter != importer`
// or `exporter == importer`. Keywords are case-insensitive, economy codes are not.
struct CounterfactualChange {
  std::string variable;  // empty for a ban
  bool ban = false;
  double value = 0.0;                        // the new value of `variable` where the condition holds
  std::string condition;                     // the text after `where`, empty when the change applies to every pair
  std::vector<std::string> economies_named;  // codes listed in the condition, to check against the data
  std::function<bool(std::string_view exporter, std::string_view importer)> applies;
};

struct Counterfactual {
  std::string text;
  std::vector<CounterfactualChange> changes;
  // The distinct variables assigned, in order of first appearance.
  std::vector<std::string> Variables() const;
};

// Throws ExpressionError (an Error) "counterfactual: expected <what> at column N, found '<token>': <text>";
// place().column is N (1-based character).
Counterfactual ParseCounterfactual(std::string_view text);

// A policy variable of the baseline: its coefficient and its current value for each pair (i, j).
struct PolicyVariable {
  std::string name;
  double beta = 0.0;
  Eigen::MatrixXd values;
};

// t_hat(i, j) = exp(sum_v beta_v * (new_v(i, j) - old_v(i, j))), and 0 where a `ban` applies; a later
// change of the same variable overrides an earlier one on the pairs where both apply. Throws Error when a
// variable assigned has no entry in `variables`, or a code named in a condition is not in `economies`.
Eigen::MatrixXd CounterfactualCostChange(const Counterfactual& counterfactual,
                                         const std::vector<std::string>& economies,
                                         const std::vector<PolicyVariable>& variables);

}  // namespace tradeshock::ge
