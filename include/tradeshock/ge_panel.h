// General equilibrium on a panel file: the whole `tradeshock ge` workflow as one library call. The panel is
// read as a gravity data frame (src/io's RFC 4180 reader), the GE year is cut out as a square cross-section,
// the baseline is the observed flows or the PPML fitted ones (with the book's second stage for pairs that
// never trade), and the counterfactual is solved by exact hat algebra (ge.h). docs/METHODS.md,
// "General equilibrium", gives the equations; the command line only turns flags into GePanelOptions.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tradeshock/ge.h"
#include "tradeshock/gravity.h"

namespace tradeshock {

namespace ge {

// Which file and columns hold the bilateral flows, and which rows form the cross-section.
struct PanelSpec {
  std::string file;  // CSV, plain or gzip; "-" is stdin
  std::string exporter = "exporter";
  std::string importer = "importer";
  std::string trade = "trade";
  std::optional<double> year;  // keep the rows with year_column == year; unset: every row
  std::string year_column = "year";
  std::string columns_set_by;  // where a user names the columns, for messages ("models.ge.columns")
};

// The flows of one cross-section: the data rows it uses and where each sits in the baseline matrix.
struct CrossSection {
  std::vector<std::size_t> rows;             // data rows of the cross-section, in file order
  Baseline observed;                         // economies sorted by code
  std::vector<Eigen::Index> exporter_index;  // per entry of `rows`
  std::vector<Eigen::Index> importer_index;
};

struct Panel {
  gravity::DataFrame data;
  std::vector<std::uint8_t> year_mask;  // 1 for the rows of the cross-section
  CrossSection section;
};

// Reads the panel and builds its cross-section. Bad input is an InputException located at the cell (file,
// line, column, value, expected): a missing column, a flow that is not a number, missing or negative; a panel
// that is not a complete square (ge::BuildBaseline) is an Error naming the file.
Panel ReadPanel(const PanelSpec& spec);

// The same from a data frame already read (columns and rows as in `spec`; spec.file is not used).
CrossSection BuildCrossSection(const gravity::DataFrame& data, const std::vector<std::uint8_t>& mask,
                               const PanelSpec& spec);

// values[data row] laid out as an n x n matrix of the cross-section's pairs (NaN where no row).
Eigen::MatrixXd PairMatrix(const CrossSection& section, const std::vector<double>& values);

}  // namespace ge

// Options of RunGeOnPanel, one per `tradeshock ge` flag (the messages name the flags).
struct GePanelOptions {
  ge::PanelSpec panel;         // file, columns (--exporter, --importer, --trade), --year, --year-column
  std::string counterfactual;  // --counterfactual, parsed by ge::ParseCounterfactual
  // The elasticity: exactly one of them (theta = sigma - 1).
  std::optional<double> sigma;  // --sigma, > 1
  std::optional<double> theta;  // --theta, > 0
  std::string reference;        // --reference: the numeraire economy; empty = the first
  // Baseline by estimation: a PPML formula (--estimate) on --estimate-subset rows (gravity subset syntax;
  // empty: the year's rows, or all rows when a fixed effect involves the year).
  std::string estimate;
  std::string estimate_subset;
  // Or the ge_gravity form: the coefficient --beta of the column --policy.
  std::optional<double> beta;
  std::string policy;
  std::string baseline;    // --baseline "observed" or "fitted"; empty: fitted with --estimate, else observed
  std::string fill_costs;  // --fill-costs: regressors of the book's second-stage PPML (needs a fitted baseline)
  ge::Imbalance imbalance = ge::Imbalance::kMultiplicative;               // --imbalance
  ge::FullEndowmentMethod method = ge::FullEndowmentMethod::kFixedPoint;  // --method equilibrium | book
  ge::StoppingRule stopping_rule = ge::StoppingRule::kLogFlows;           // --stopping-rule (the fixed point only)
  std::optional<double> tolerance;                                        // --tolerance; unset: DefaultTolerance()
  int max_iterations = ge::Options{}.max_iterations;                      // --max-iterations, of each solve
  // Told what the run decides on its own (a derived column, a panel estimate, a fallback, a warning), as it
  // happens; the library never prints. May be empty.
  std::function<void(std::string_view)> note;

  static GePanelOptions Defaults();
  // Throws tradeshock::Error naming the flag at fault ("ge: --sigma must be > 1, got 0.5"), including a
  // counterfactual that does not parse and combinations that do not go together.
  void Validate() const;
  // The tolerance used when none is given: the book's 0.01 for --method book and --stopping-rule book,
  // else ge::Options' default (1e-8 on the change in log flows).
  double DefaultTolerance() const;
  // The solver's options these give (after Validate).
  ge::Options SolverOptions() const;
};

struct GePanelResult {
  ge::Result result;
  ge::Options options;                                       // as solved: theta, tolerance, reference, ...
  std::vector<std::pair<std::string, double>> coefficients;  // of the counterfactual's variables
  std::string baseline_kind;                                 // "observed" or "fitted"
  std::optional<gravity::FitResult> fit;                     // the PPML of --estimate
};

// Validates the options, reads the panel and solves the counterfactual. Throws Error / InputException.
GePanelResult RunGeOnPanel(const GePanelOptions& options);

}  // namespace tradeshock
