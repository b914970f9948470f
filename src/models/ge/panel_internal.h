// Steps of RunGeOnPanel shared between panel_data.cc, panel_second_stage.cc and panel_run.cc.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tradeshock/error.h"
#include "tradeshock/ge_panel.h"
#include "tradeshock/gravity.h"

namespace tradeshock::ge_internal {

// The column `name` of `data`, or a located error: line 1 (the header), expected "a column 'NAME' (ROLE)".
const gravity::Column& RequireColumn(const gravity::DataFrame& data, const std::string& name, const std::string& role,
                                     const std::string& set_by = "");

// The text of a cell of an exporter/importer column: codes as written, or numbers without a decimal point.
std::string CellText(const gravity::Column& column, std::size_t row);

// A located error for the cell of column `column` in data row `row` (0-based). The line and the column in
// bytes come from reading the file again with the RFC 4180 reader (error paths only); when that is not
// possible (stdin) the error names the data row instead.
[[noreturn]] void ThrowCellError(const gravity::DataFrame& data, const gravity::Column& column, std::size_t row,
                                 InputErrorKind kind, const std::string& value, const std::string& expected);

// The data row of the first text cell of a column that is not numeric.
std::size_t FirstTextRow(const gravity::Column& column);

// Columns the book's formulas name but its data do not hold: `intl_brdr` / `international` (1 for exporter !=
// importer) and `ln_X` = log(X) for a numeric column X. Added only when asked for and absent, and told.
void AddDerivedColumns(gravity::DataFrame& data, const std::vector<std::string>& names, const GePanelOptions& options);

// The rows of the GE cross-section (the --year rows, or all).
std::vector<std::uint8_t> YearMask(const gravity::DataFrame& data, const ge::PanelSpec& spec);

// A numeric column of the data as a pair matrix of the cross-section (the counterfactual's variables).
Eigen::MatrixXd PolicyValues(const gravity::DataFrame& data, const ge::CrossSection& section, const std::string& name);

// ln t_ij for a fitted baseline whose pair effects leave some pairs with no fitted flow, by the second stage of
// the book's RTAsEffects.do (panel_second_stage.cc).
Eigen::MatrixXd SecondStageTradeCosts(const gravity::DataFrame& data, const ge::CrossSection& section,
                                      const gravity::Formula& formula, const gravity::FitResult& fit,
                                      const GePanelOptions& options);

inline void Tell(const GePanelOptions& options, const std::string& text) {
  if (options.note) options.note(text);
}

}  // namespace tradeshock::ge_internal
