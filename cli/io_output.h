// The text table and CSV forms of `tradeshock io` (the JSON is ToJson in tradeshock/result_json.h).
#pragma once

#include <cstddef>
#include <string>

#include "tradeshock/supply_chain.h"

namespace tradeshock::cli {

// A heading naming the table, its unit and the measure, then the measure's rows (the first `top`; 0: all).
std::string SupplyChainText(const SupplyChainReport& report, std::size_t top);
// One row per origin, industry or economy, with the unit in a column.
std::string SupplyChainCsv(const SupplyChainReport& report);

}  // namespace tradeshock::cli
