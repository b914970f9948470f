// One JSON schema per result struct (nlohmann::json): the command line's --format json, brief.json and
// the server give the same object for the same struct. Defined in src/report/json.cc.
#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tradeshock/case_analysis.h"
#include "tradeshock/describe.h"
#include "tradeshock/ge.h"
#include "tradeshock/ge_panel.h"
#include "tradeshock/gravity.h"
#include "tradeshock/indicators.h"
#include "tradeshock/io.h"
#include "tradeshock/reference.h"
#include "tradeshock/trade_table.h"

namespace tradeshock {

struct SupplyChainReport;  // tradeshock/supply_chain.h

// Machine-readable forms (nlohmann::json), with every number's provenance: the table rows used (index and
// source text) and the FX rates. The table is needed to name the rows' sources.
// Indicators (tradeshock/indicators.h, describe.h). A ValueResult's "rows" is the list of rows it was added up
// from (runs of indices beyond 20 rows), as everywhere in the JSON, never a count. A value that may be missing
// (Maybe<T>) is its object or {"error": reason}.
// `tradeshock lookup --format json`: [{query, kind, code, name, detail}].
nlohmann::json ToJson(const std::vector<CodeMatch>& matches);
nlohmann::json ToJson(const ValueResult& value, const TradeTable& table);
nlohmann::json ToJson(const Concentration& hhi);
nlohmann::json ToJson(const Dependence& dependence);
nlohmann::json ToJson(const Growth& growth, const TradeTable& table);
nlohmann::json ToJson(const Rca& rca, const TradeTable& table);
// Every item of the shares (a front end showing the top N trims "items"; "items_total" keeps the count).
nlohmann::json ToJson(const DescribeResult& report, const TradeTable& table);
// The `indicators` command's --format json and the server's /indicators: ToJson(report, table) with only the first
// `top` items (0: every item; "items_total" keeps the count) and each item's "partner_name" and "product_name".
nlohmann::json IndicatorsToJson(const DescribeResult& report, const TradeTable& table, const Reference& reference,
                                std::size_t top);
// The names shown beside codes: an economy's ("United States"; empty when unknown), a product's (the HS
// description, a product group's name, "all products" for TOTAL; empty when unknown).
std::string EconomyDisplayName(const Reference& reference, std::string_view code);
std::string ProductDisplayName(const Reference& reference, std::string_view code);

nlohmann::json ToJson(const ExposureResult& exposure, const TradeTable& table);
nlohmann::json ToJson(const NowcastResult& nowcast, const TradeTable& table);
nlohmann::json ToJson(const ClaimsReport& claims, const TradeTable& table);
nlohmann::json ToJson(const ShareResult& shares, const TradeTable& table);
nlohmann::json ToJson(const BeyondDirectLoss& beyond);
nlohmann::json CaseAnalysisToJson(const CaseAnalysis& analysis, const TradeTable& table);

// What a table holds and how it was read (`tradeshock inspect --format json`, TradeTable.inspect() in Python):
// files with format and rows, rows kept and skipped, the distinct codes (ListContents), the column memory.
// Defined in src/report/table_json.cc.
nlohmann::json ToJson(const TradeTable& table, const ReadReport& read);

// A gravity fit (`tradeshock gravity --format json`, the Python package's gravity.fit): coefficients, the
// variance's type and clusters, observations and dropped rows, convergence; `formula` is the text fitted.
// Defined in src/report/gravity_json.cc.
nlohmann::json ToJson(const gravity::FitResult& fit, const std::string& formula);

// A GE run on a panel (`tradeshock ge --format json`, the Python package's ge.run_panel): the counterfactual, the
// elasticity, reference, baseline kind, the options' words (ge::ToString; "stopping_rule" is "book-procedure"
// under --method book, which also gives "book_rounds"), the tolerance, the counterfactual variables'
// "coefficients" (absent for bans only), the "conditional" and "full" solves, and one object per economy with
// the GeEconomyColumns. `options` are those the run was given. Defined in src/report/ge_json.cc.
nlohmann::json ToJson(const GePanelResult& run, const GePanelOptions& options);
// The columns of a GE run's economies, in order, for the JSON, the table and the CSV: "economy" and the seven
// percentage changes that GeEconomyValues gives for a row.
const std::vector<std::string>& GeEconomyColumns();
std::vector<double> GeEconomyValues(const ge::EconomyResult& row);

// A supply-chain measure (`tradeshock io --format json`): "table", "layout", "unit", the table's size, "measure"
// and that measure's object; each share with its "numerator" and "denominator" in words; a share that cannot be
// computed (denominator 0) is null. Defined in src/report/supply_chain_json.cc.
nlohmann::json ToJson(const SupplyChainReport& report);

}  // namespace tradeshock
