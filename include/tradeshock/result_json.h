// One JSON schema per result struct (nlohmann::json): the command line's --format json, brief.json and
// the server give the same object for the same struct. Defined in src/report/json.cc.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "tradeshock/case_analysis.h"
#include "tradeshock/trade_table.h"

namespace tradeshock {

// Machine-readable forms (nlohmann::json), with every number's provenance: the table rows used (index and
// source text) and the FX rates. The table is needed to name the rows' sources.
nlohmann::json ToJson(const ExposureResult& exposure, const TradeTable& table);
nlohmann::json ToJson(const NowcastResult& nowcast, const TradeTable& table);
nlohmann::json ToJson(const ClaimsReport& claims, const TradeTable& table);
nlohmann::json ToJson(const ShareResult& shares, const TradeTable& table);
nlohmann::json ToJson(const BeyondDirectLoss& beyond);
nlohmann::json CaseAnalysisToJson(const CaseAnalysis& analysis, const TradeTable& table);

}  // namespace tradeshock
