#include "tradeshock/flow.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace tradeshock {

std::optional<Flow> ParseFlow(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "exports" || lower == "export" || lower == "x") return Flow::kExports;
  if (lower == "imports" || lower == "import" || lower == "m") return Flow::kImports;
  if (lower == "trade" || lower == "total") return Flow::kTrade;
  return std::nullopt;
}

std::string_view ToString(Flow flow) {
  switch (flow) {
    case Flow::kExports:
      return "exports";
    case Flow::kImports:
      return "imports";
    case Flow::kTrade:
      return "trade";
  }
  return "?";
}

}  // namespace tradeshock
