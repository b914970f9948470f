// Shared pieces of the SVG charts: escaping and nice axis ticks.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "report/svg.h"
#include "tradeshock/report.h"

namespace tradeshock::svg {

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

Ticks NiceTicks(double low, double high, int target_count) {
  if (!std::isfinite(low) || !std::isfinite(high)) low = high = 0.0;
  if (low > high) std::swap(low, high);
  if (high == low) {
    // One value: an axis from zero to it (or to one when it is zero), so a bar has a visible length.
    if (high > 0.0) {
      low = std::min(low, 0.0);
    } else if (low < 0.0) {
      high = 0.0;
    } else {
      high = 1.0;
    }
  }
  target_count = std::max(1, target_count);
  const double raw = (high - low) / target_count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double normalized = raw / magnitude;
  // The smallest of 1, 2, 5, 10 (times the magnitude) that is at least the raw step: at most
  // target_count intervals, and steps a reader can add in their head.
  const double factor = normalized <= 1.0 ? 1.0 : normalized <= 2.0 ? 2.0 : normalized <= 5.0 ? 5.0 : 10.0;
  Ticks ticks;
  ticks.step = factor * magnitude;
  // The small slack keeps 100.0000001 (from adding rounded figures) from opening a new interval.
  const double slack = 1e-9 * ticks.step;
  const long first = static_cast<long>(std::floor((low + slack) / ticks.step));
  const long last = static_cast<long>(std::ceil((high - slack) / ticks.step));
  ticks.low = first * ticks.step;
  ticks.high = last * ticks.step;
  for (long i = first; i <= last; ++i) {
    const double value = i * ticks.step;
    ticks.values.push_back(value == 0.0 ? 0.0 : value);  // no "-0"
  }
  return ticks;
}

std::string TickLabel(double value, double step) {
  const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
  return WithSeparators(value, decimals, "\u2212");
}

}  // namespace tradeshock::svg
