// Horizontal bar chart: one labelled bar per item on a value axis with nice ticks, the value written at
// the end of each bar.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "report/svg.h"

namespace tradeshock::svg {
namespace {

constexpr double kAxisHeight = 46.0;  // tick labels and the axis title under the bars
constexpr char kBarColor[] = "#2b6a99";
constexpr char kFont[] = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\"";

constexpr double kLabelPxPerChar = 6.6;  // 13 px text, on average
constexpr double kLabelLineStep = 13.0;  // a label wrapped on two lines

}  // namespace

double BarLayout::X(double value) const {
  return plot_left + (value - ticks.low) / (ticks.high - ticks.low) * plot_width;
}

BarLayout LayoutBarChart(const BarChart& chart) {
  BarLayout layout;
  double low = 0.0;
  double high = 0.0;
  for (const Bar& bar : chart.bars) {
    low = std::min(low, bar.value);
    high = std::max(high, bar.value);
  }
  layout.ticks = NiceTicks(low, high, 5);
  layout.plot_left = chart.label_width;
  layout.plot_width = chart.plot_width;
  layout.width = chart.label_width + chart.plot_width + chart.value_width;
  layout.title = LayoutTitle(chart.title, layout.width);
  const double top = layout.title.height;
  const double row = chart.bar_height + chart.bar_gap;
  layout.height = top + row * static_cast<double>(chart.bars.size()) + kAxisHeight;
  const double zero = layout.X(0.0);
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const double end = layout.X(chart.bars[i].value);
    layout.bars.push_back({std::min(zero, end), top + row * static_cast<double>(i) + chart.bar_gap / 2,
                           std::abs(end - zero), chart.bar_height});
  }
  return layout;
}

std::string RenderBarChart(const BarChart& chart) {
  const BarLayout layout = LayoutBarChart(chart);
  const double plot_top = layout.title.height;
  const double plot_bottom = layout.height - kAxisHeight;
  std::string out = fmt::format(
      "<svg id=\"{}\" class=\"chart bar-chart\" width=\"{:.0f}\" "
      "height=\"{:.0f}\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" aria-labelledby=\"{}-title\" {}>\n",
      XmlEscape(chart.id), layout.width, layout.height, layout.width, layout.height, XmlEscape(chart.id), kFont);
  out += fmt::format("<title id=\"{}-title\">{}</title>\n", XmlEscape(chart.id), XmlEscape(chart.title));
  out += RenderTitle(layout.title);
  // Grid lines and tick labels.
  for (const double tick : layout.ticks.values) {
    const double x = layout.X(tick);
    out += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" />\n", x, plot_top,
                       x, plot_bottom, tick == 0.0 ? "#555" : "#e3e3e3");
    out +=
        fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\">{}</text>\n",
                    x, plot_bottom + 15, XmlEscape(TickLabel(tick, layout.ticks.step)));
  }
  out +=
      fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" fill=\"#333\" text-anchor=\"middle\">{}</text>\n",
                  layout.plot_left + layout.plot_width / 2, plot_bottom + 36, XmlEscape(chart.axis_title));
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& bar = chart.bars[i];
    const BarLayout::Rect& rect = layout.bars[i];
    const double middle = rect.y + rect.height / 2 + 4.5;
    // A label that does not fit on one line takes two, centred on the bar; the rest is cut with an ellipsis.
    const std::vector<std::string> lines = WrapText(bar.label, chart.label_width - 12, kLabelPxPerChar, 2);
    for (std::size_t line = 0; line < lines.size(); ++line) {
      const double y =
          middle + kLabelLineStep * (static_cast<double>(line) - (static_cast<double>(lines.size()) - 1) / 2);
      out += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" fill=\"#1a1a1a\" text-anchor=\"end\">{}</text>\n",
          layout.plot_left - 8, y, lines.size() == 1 ? 13 : 12, XmlEscape(lines[line]));
    }
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"><title>{}: {}</title></rect>\n",
        rect.x, rect.y, rect.width, rect.height, kBarColor, XmlEscape(bar.label), XmlEscape(bar.value_text));
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" fill=\"#1a1a1a\">{}</text>\n",
                       std::max(layout.X(0.0), rect.x + rect.width) + 6, middle, XmlEscape(bar.value_text));
  }
  out += "</svg>\n";
  return out;
}

}  // namespace tradeshock::svg
