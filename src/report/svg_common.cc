// Shared pieces of the SVG charts: escaping and nice axis ticks.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "report/svg.h"
#include "tradeshock/report.h"

namespace tradeshock::svg {

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

std::size_t Utf8Length(std::string_view text) {
  std::size_t chars = 0;
  for (const char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return chars;
}

// The first `chars` characters of `text` (UTF-8) and an ellipsis.
std::string CutWithEllipsis(const std::string& text, std::size_t chars) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (seen++ == chars) return text.substr(0, i) + "\u2026";
  }
  return text;
}

constexpr double kTitlePxPerChar = 8.4;  // 15 px bold system-ui, on average
constexpr double kTitleFirstLine = 30.0;
constexpr double kTitleLineStep = 19.0;

}  // namespace

std::vector<std::string> WrapText(const std::string& text, double width, double px_per_char, std::size_t max_lines) {
  const std::size_t per_line = static_cast<std::size_t>(std::max(4.0, width / px_per_char));
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  bool cut = false;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (Utf8Length(word) > per_line) word = CutWithEllipsis(word, per_line - 1);
    if (!line.empty() && Utf8Length(line) + 1 + Utf8Length(word) > per_line) {
      lines.push_back(line);
      line.clear();
      if (lines.size() == max_lines) {
        cut = true;
        break;
      }
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!cut && !line.empty()) lines.push_back(line);
  if (cut && !lines.empty()) {
    std::string& last = lines.back();
    last = Utf8Length(last) + 1 > per_line ? CutWithEllipsis(last, per_line - 1) : last + "\u2026";
  }
  return lines;
}

TitleLines LayoutTitle(const std::string& title, double width) {
  TitleLines layout;
  layout.lines = WrapText(title, width, kTitlePxPerChar, 3);
  layout.height =
      kTitleFirstLine + kTitleLineStep * static_cast<double>(std::max<std::size_t>(1, layout.lines.size()) - 1);
  return layout;
}

std::string RenderTitle(const TitleLines& title) {
  std::string out;
  for (std::size_t i = 0; i < title.lines.size(); ++i) {
    out += fmt::format("<text x=\"0\" y=\"{:.0f}\" font-size=\"15\" font-weight=\"600\" fill=\"#1a1a1a\">{}</text>\n",
                       18 + kTitleLineStep * static_cast<double>(i), XmlEscape(title.lines[i]));
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
