// Flows: exports, imports, and total trade (exports + imports).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tradeshock {

enum class Flow : std::uint8_t { kExports = 0, kImports = 1, kTrade = 2 };

// Accepts exports/export/x, imports/import/m, trade/total (case-insensitive) and Comtrade's X, M.
std::optional<Flow> ParseFlow(std::string_view text);
std::string_view ToString(Flow flow);

}  // namespace tradeshock
