// The JSON form of a GE run on a panel (include/tradeshock/result_json.h): `tradeshock ge --format json` and the
// Python package's ge.run_panel give this object; its economies' columns are the table's and the CSV's.
#include <nlohmann/json.hpp>

#include "tradeshock/ge.h"
#include "tradeshock/ge_panel.h"
#include "tradeshock/result_json.h"

namespace tradeshock {
namespace {

nlohmann::json SolveJson(const ge::SolveInfo& info) {
  return {{"iterations", info.iterations},
          {"final_change", info.final_change},
          {"converged", info.converged},
          {"damping", info.damping}};
}

}  // namespace

const std::vector<std::string>& GeEconomyColumns() {
  static const std::vector<std::string> columns = {"economy",
                                                   "exports_change_cdl_pct",
                                                   "exports_change_full_pct",
                                                   "price_change_full_pct",
                                                   "inward_mr_change_full_pct",
                                                   "outward_mr_change_full_pct",
                                                   "real_gdp_change_full_pct",
                                                   "welfare_change_pct"};
  return columns;
}

std::vector<double> GeEconomyValues(const ge::EconomyResult& row) {
  return {row.exports_change_cdl_pct,    row.exports_change_full_pct,    row.price_change_full_pct,
          row.inward_mr_change_full_pct, row.outward_mr_change_full_pct, row.real_gdp_change_full_pct,
          row.welfare_change_pct};
}

nlohmann::json ToJson(const GePanelResult& run, const GePanelOptions& options) {
  const bool book = options.method == ge::FullEndowmentMethod::kBookProcedure;
  nlohmann::json json;
  json["counterfactual"] = options.counterfactual;
  json["theta"] = run.options.theta;
  json["sigma"] = run.options.theta + 1;
  json["reference"] = run.options.reference;
  json["baseline"] = run.baseline_kind;
  json["imbalance"] = ge::ToString(options.imbalance);
  json["method"] = ge::ToString(options.method);
  // The book's procedure has its own stop; the stopping rule is the fixed point's.
  json["stopping_rule"] = book ? "book-procedure" : ge::ToString(options.stopping_rule);
  json["tolerance"] = run.options.tolerance;
  if (book) {
    json["book_rounds"] = nlohmann::json::array();
    for (const ge::BookRoundSummary& round : run.result.book_rounds) {
      json["book_rounds"].push_back({{"mean", round.mean}, {"sd", round.sd}, {"min", round.min}, {"max", round.max}});
    }
  }
  // No "coefficients" when the counterfactual assigns no variable (bans only).
  for (const auto& [name, beta] : run.coefficients) json["coefficients"][name] = beta;
  json["conditional"] = SolveJson(run.result.conditional);
  json["full"] = SolveJson(run.result.full);
  json["economies"] = nlohmann::json::array();
  const std::vector<std::string>& columns = GeEconomyColumns();
  for (const ge::EconomyResult& row : run.result.economies) {
    nlohmann::json item;
    item[columns[0]] = row.economy;
    const std::vector<double> values = GeEconomyValues(row);
    for (std::size_t k = 0; k < values.size(); ++k) item[columns[k + 1]] = values[k];
    json["economies"].push_back(item);
  }
  return json;
}

}  // namespace tradeshock
