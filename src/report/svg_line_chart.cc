// Line chart: lines over a continuous x axis with labelled ticks, shaded bands under them, vertical
// markers (a policy's effective date), horizontal reference levels and a legend under the plot.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "report/svg.h"

namespace tradeshock::svg {
namespace {

constexpr double kLeft = 78.0;
constexpr double kRightMargin = 18.0;
constexpr double kTop = 40.0;
constexpr double kBottomMargin = 78.0;    // x tick labels, x title, legend
constexpr double kLegendEntryPx = 40.0;   // the swatch and the gaps around it
constexpr double kLegendPxPerChar = 6.6;  // 12 px text, on average
constexpr double kLegendRowStep = 18.0;
constexpr char kFont[] = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\"";

std::string PathOf(const LineLayout& layout, const std::vector<Point>& points) {
  std::string path;
  for (std::size_t i = 0; i < points.size(); ++i) {
    path += fmt::format("{}{:.1f},{:.1f}", i == 0 ? "M" : " L", layout.X(points[i].x), layout.Y(points[i].y));
  }
  return path;
}

}  // namespace

double LineLayout::X(double x) const { return left + (x - x_min) / (x_max - x_min) * (right - left); }
double LineLayout::Y(double y) const {
  return bottom - (y - y_ticks.low) / (y_ticks.high - y_ticks.low) * (bottom - top);
}

LineLayout LayoutLineChart(const LineChart& chart) {
  LineLayout layout;
  double low = 0.0;  // value axes start at zero: the charts show amounts
  double high = -std::numeric_limits<double>::infinity();
  const auto take = [&](const std::vector<Point>& points) {
    for (const Point& point : points) {
      low = std::min(low, point.y);
      high = std::max(high, point.y);
    }
  };
  for (const LineSeries& series : chart.series) take(series.points);
  for (const Level& level : chart.levels) take({Point{0.0, level.y}});
  for (const Band& band : chart.bands) {
    take(band.low);
    take(band.high);
  }
  if (!std::isfinite(high)) high = 0.0;
  layout.y_ticks = NiceTicks(low, high, 5);
  layout.title = LayoutTitle(chart.title, chart.width);
  const double extra_title = layout.title.height - LayoutTitle("", chart.width).height;
  layout.left = kLeft;
  layout.right = chart.width - kRightMargin;
  layout.top = kTop + extra_title;
  layout.bottom = chart.height - kBottomMargin + extra_title;
  layout.x_min = chart.x_min;
  layout.x_max = chart.x_max > chart.x_min ? chart.x_max : chart.x_min + 1.0;
  // Legend rows under the x title: an entry that would cross the right edge starts a new row, and the chart
  // grows to hold every row (the legend stays inside the viewBox).
  double x = layout.left;
  double y = layout.bottom + kBottomMargin - 26;
  const auto place = [&](const std::string& name) {
    const double entry = kLegendEntryPx + kLegendPxPerChar * static_cast<double>(name.size());
    if (x > layout.left && x + entry > chart.width) {
      x = layout.left;
      y += kLegendRowStep;
    }
    layout.legend.push_back({x, y});
    x += entry;
  };
  for (const Band& band : chart.bands) place(band.name);
  for (const LineSeries& series : chart.series) place(series.name);
  layout.height = std::max(chart.height + extra_title, y + 10);
  return layout;
}

std::string RenderLineChart(const LineChart& chart) {
  const LineLayout layout = LayoutLineChart(chart);
  const std::string id = XmlEscape(chart.id);
  std::string out = fmt::format(
      "<svg id=\"{}\" class=\"chart line-chart\" width=\"{:.0f}\" height=\"{:.0f}\" viewBox=\"0 0 {:.0f} {:.0f}\" "
      "role=\"img\" aria-labelledby=\"{}-title\" {}>\n",
      id, chart.width, layout.height, chart.width, layout.height, id, kFont);
  out += fmt::format("<title id=\"{}-title\">{}</title>\n", id, XmlEscape(chart.title));
  out += RenderTitle(layout.title);
  // Horizontal grid and y tick labels.
  for (const double tick : layout.y_ticks.values) {
    const double y = layout.Y(tick);
    out += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" />\n", layout.left,
                       y, layout.right, y, tick == 0.0 ? "#555" : "#e3e3e3");
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">{}</text>\n",
                       layout.left - 6, y + 4, XmlEscape(TickLabel(tick, layout.y_ticks.step)));
  }
  out += fmt::format(
      "<text transform=\"translate(16 {:.1f}) rotate(-90)\" font-size=\"12\" fill=\"#333\" "
      "text-anchor=\"middle\">{}</text>\n",
      (layout.top + layout.bottom) / 2, XmlEscape(chart.y_title));
  // The x axis: a baseline, tick labels, title.
  out += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#555\" />\n", layout.left,
                     layout.bottom, layout.right, layout.bottom);
  for (const XTick& tick : chart.x_ticks) {
    out +=
        fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\">{}</text>\n",
                    layout.X(tick.x), layout.bottom + 15, XmlEscape(tick.label));
  }
  out +=
      fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" fill=\"#333\" text-anchor=\"middle\">{}</text>\n",
                  (layout.left + layout.right) / 2, layout.bottom + 34, XmlEscape(chart.x_title));
  for (const Band& band : chart.bands) {
    if (band.low.empty() || band.high.empty()) continue;
    std::vector<Point> outline = band.high;
    outline.insert(outline.end(), band.low.rbegin(), band.low.rend());
    out += fmt::format("<path d=\"{} Z\" fill=\"{}\" fill-opacity=\"0.16\" stroke=\"none\"><title>{}</title></path>\n",
                       PathOf(layout, outline), XmlEscape(band.color), XmlEscape(band.name));
  }
  for (const Marker& marker : chart.markers) {
    const double x = layout.X(marker.x);
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#b22222\" stroke-dasharray=\"3 3\" "
        "/>\n",
        x, layout.top - 6, x, layout.bottom);
    const bool right_half = x > (layout.left + layout.right) / 2;
    out +=
        fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" fill=\"#b22222\" text-anchor=\"{}\">{}</text>\n",
                    right_half ? x - 5 : x + 5, layout.top + 6, right_half ? "end" : "start", XmlEscape(marker.label));
  }
  for (const Level& level : chart.levels) {
    const double y = layout.Y(level.y);
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-dasharray=\"2 3\" "
        "stroke-width=\"1.5\"><title>{}</title></line>\n",
        layout.left, y, layout.right, y, XmlEscape(level.color), XmlEscape(level.label));
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" fill=\"{}\" text-anchor=\"end\">{}</text>\n",
                       layout.right - 4, y - 4, XmlEscape(level.color), XmlEscape(level.label));
  }
  for (const LineSeries& series : chart.series) {
    if (series.points.empty()) continue;
    out += fmt::format(
        "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"{}><title>{}</title>"
        "</path>\n",
        PathOf(layout, series.points), XmlEscape(series.color), series.dashed ? " stroke-dasharray=\"7 4\"" : "",
        XmlEscape(series.name));
  }
  // Legend: bands, then lines, at the places the layout gave them.
  std::size_t entry = 0;
  for (const Band& band : chart.bands) {
    const auto [x, y] = layout.legend[entry++];
    out +=
        fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"22\" height=\"10\" fill=\"{}\" fill-opacity=\"0.16\" />\n",
                    x, y - 9, XmlEscape(band.color));
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" fill=\"#333\">{}</text>\n", x + 28, y,
                       XmlEscape(band.name));
  }
  for (const LineSeries& series : chart.series) {
    const auto [x, y] = layout.legend[entry++];
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"2.5\"{} />\n", x,
        y - 4, x + 22, y - 4, XmlEscape(series.color), series.dashed ? " stroke-dasharray=\"7 4\"" : "");
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" fill=\"#333\">{}</text>\n", x + 28, y,
                       XmlEscape(series.name));
  }
  out += "</svg>\n";
  return out;
}

}  // namespace tradeshock::svg
