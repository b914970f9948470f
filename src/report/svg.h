// Inline SVG charts for the brief: a horizontal bar chart and a line chart with shaded bands and
// vertical markers. The output is a self-contained <svg> element: no script, no external fonts or
// references, every text XML-escaped. Internal to the report module.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tradeshock::svg {

// Escapes & < > " ' for XML text and attribute values.
std::string XmlEscape(std::string_view text);

// Text broken at spaces into lines of at most `width` px at `px_per_char` (an estimate of the average glyph
// width); a word longer than a line is cut with an ellipsis. At most `max_lines`; the last is cut with an
// ellipsis when the text does not fit.
std::vector<std::string> WrapText(const std::string& text, double width, double px_per_char, std::size_t max_lines);
// A chart's title: 15 px bold, wrapped to the chart's width; the <text> elements and the height they take.
struct TitleLines {
  std::vector<std::string> lines;
  double height = 0.0;  // 30 px for one line, 19 more for each further one
};
TitleLines LayoutTitle(const std::string& title, double width);
std::string RenderTitle(const TitleLines& title);

// Axis ticks at a "nice" step (1, 2 or 5 times a power of ten) covering [low, high] with about
// `target_count` intervals: {0, 20, ..., 100} for (0, 93, 5).
struct Ticks {
  double low = 0.0;   // first tick (<= the data's low)
  double high = 1.0;  // last tick (>= the data's high)
  double step = 1.0;
  std::vector<double> values;
};
Ticks NiceTicks(double low, double high, int target_count = 5);
// A tick's label: as many decimals as the step needs, thousands separated ("1,500", "0.25").
std::string TickLabel(double value, double step);

struct Bar {
  std::string label;
  double value = 0.0;
  std::string value_text;  // printed at the bar's end ("51.4%")
};

struct BarChart {
  std::string id;          // the <svg> element's id
  std::string title;       // in <title> and drawn above the chart
  std::string axis_title;  // under the value axis, with the unit: "share of total trade, %"
  std::vector<Bar> bars;
  double label_width = 170.0;  // px left of the plot for the bar labels
  double plot_width = 400.0;   // px of the value axis
  double value_width = 90.0;   // px right of the plot for the value texts
  double bar_height = 20.0;
  double bar_gap = 8.0;
};

// Geometry, exposed for tests: the value axis and each bar's x, width.
struct BarLayout {
  Ticks ticks;
  TitleLines title;
  double plot_left = 0.0;  // x of the axis's low end
  double width = 0.0;      // of the whole <svg>
  double height = 0.0;
  struct Rect {
    double x = 0.0;
    double y = 0.0;
    double width = 0.0;
    double height = 0.0;
  };
  std::vector<Rect> bars;
  double X(double value) const;  // value -> px
  double plot_width = 0.0;
};
BarLayout LayoutBarChart(const BarChart& chart);
std::string RenderBarChart(const BarChart& chart);

struct Point {
  double x = 0.0;
  double y = 0.0;
};

struct LineSeries {
  std::string name;  // in the legend
  std::vector<Point> points;
  std::string color = "#1f4e79";
  bool dashed = false;
};

// A shaded area between two lines over the same x values.
struct Band {
  std::string name;
  std::vector<Point> low;
  std::vector<Point> high;
  std::string color = "#1f4e79";
};

struct XTick {
  double x = 0.0;
  std::string label;
};

struct Marker {
  double x = 0.0;
  std::string label;  // drawn at the top of the line
};

// A horizontal reference line across the plot (last year's total, a claim's stated cap), labelled at its
// right end.
struct Level {
  double y = 0.0;
  std::string label;
  std::string color = "#6a3d9a";
};

struct LineChart {
  std::string id;
  std::string title;
  std::string x_title;  // "2021, month"
  std::string y_title;  // with the unit: "cumulative exports, million USD"
  double x_min = 0.0;
  double x_max = 12.0;
  std::vector<XTick> x_ticks;  // labels placed at x (e.g. month names between month ends)
  std::vector<Band> bands;     // drawn first, under the lines
  std::vector<LineSeries> series;
  std::vector<Marker> markers;
  std::vector<Level> levels;  // inside the value axis's range
  double width = 720.0;
  double height = 360.0;
};

// Geometry, exposed for tests.
struct LineLayout {
  Ticks y_ticks;
  TitleLines title;
  double height = 0.0;  // of the whole <svg>: the chart's height, more when the title or legend needs rows
  // Legend entries (bands, then lines) at their places: rows under the x title.
  struct LegendEntry {
    double x = 0.0;
    double y = 0.0;
  };
  std::vector<LegendEntry> legend;
  double left = 0.0;
  double right = 0.0;
  double top = 0.0;
  double bottom = 0.0;
  double X(double x) const;
  double Y(double y) const;
  double x_min = 0.0;
  double x_max = 1.0;
};
LineLayout LayoutLineChart(const LineChart& chart);
std::string RenderLineChart(const LineChart& chart);

}  // namespace tradeshock::svg
