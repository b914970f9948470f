// The SVG chart module: tick steps, geometry (checked by hand against the layout constants) and escaping.
#include "report/svg.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace tradeshock::svg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(NiceTicksTest, StepsAreOneTwoOrFiveTimesAPowerOfTen) {
  // 0..100 in about 5 intervals: raw step 20 = 2 x 10 -> 0, 20, ..., 100.
  Ticks ticks = NiceTicks(0, 100, 5);
  EXPECT_DOUBLE_EQ(ticks.step, 20);
  EXPECT_THAT(ticks.values, ElementsAre(0, 20, 40, 60, 80, 100));
  // 0..93: raw 18.6 -> 20; the axis ends at the next tick, 100.
  ticks = NiceTicks(0, 93, 5);
  EXPECT_DOUBLE_EQ(ticks.high, 100);
  // 0..51.4 (a share in %): raw 10.28 -> 20 (10 would give 6 intervals); ticks 0..60.
  ticks = NiceTicks(0, 51.4, 5);
  EXPECT_DOUBLE_EQ(ticks.step, 20);
  EXPECT_THAT(ticks.values, ElementsAre(0, 20, 40, 60));
  // 0..0.7: raw 0.14 -> 0.2.
  ticks = NiceTicks(0, 0.7, 5);
  EXPECT_DOUBLE_EQ(ticks.step, 0.2);
  EXPECT_EQ(ticks.values.size(), 5u);  // 0, 0.2, 0.4, 0.6, 0.8
  EXPECT_NEAR(ticks.values.back(), 0.8, 1e-12);
  // 0..3.4: raw 0.68 -> 1 -> 0..4.
  ticks = NiceTicks(0, 3.4, 5);
  EXPECT_DOUBLE_EQ(ticks.step, 1);
  EXPECT_DOUBLE_EQ(ticks.high, 4);
  // -30..45: raw 15 -> 20; from -40 to 60.
  ticks = NiceTicks(-30, 45, 5);
  EXPECT_DOUBLE_EQ(ticks.step, 20);
  EXPECT_THAT(ticks.values, ElementsAre(-40, -20, 0, 20, 40, 60));
}

TEST(NiceTicksTest, DegenerateRangesStillGiveAnAxis) {
  const Ticks zero = NiceTicks(0, 0, 5);  // all zero: 0..1, step 0.2
  EXPECT_DOUBLE_EQ(zero.low, 0);
  EXPECT_DOUBLE_EQ(zero.high, 1);
  const Ticks one = NiceTicks(7, 7, 5);  // one value: 0..7 -> raw 1.4 -> 2 -> 0..8
  EXPECT_DOUBLE_EQ(one.low, 0);
  EXPECT_DOUBLE_EQ(one.high, 8);
  // A sum that overshoots by rounding noise does not open another interval.
  EXPECT_DOUBLE_EQ(NiceTicks(0, 100.00000000001, 5).high, 100);
}

TEST(TickLabelTest, DecimalsFollowTheStep) {
  EXPECT_EQ(TickLabel(1500, 500), "1,500");
  EXPECT_EQ(TickLabel(0.4, 0.2), "0.4");
  EXPECT_EQ(TickLabel(0.05, 0.05), "0.05");
  EXPECT_EQ(TickLabel(2000000, 1000000), "2,000,000");
  EXPECT_EQ(TickLabel(-20, 20), "\u221220");
  EXPECT_EQ(TickLabel(0, 20), "0");
}

TEST(XmlEscapeTest, EscapesMarkupCharacters) {
  EXPECT_EQ(XmlEscape("a<b & c>d \"e\" 'f'"), "a&lt;b &amp; c&gt;d &quot;e&quot; &#39;f&#39;");
  EXPECT_EQ(XmlEscape("Kyrgyzstan"), "Kyrgyzstan");
}

BarChart TwoBars() {
  BarChart chart;
  chart.id = "bars";
  chart.title = "Shares <&> of trade";
  chart.axis_title = "share, %";
  chart.label_width = 150;
  chart.plot_width = 400;
  chart.value_width = 80;
  chart.bars = {{"Kazakhstan", 50, "50.0%"}, {"A & <B>", 93, "93.0%"}};
  return chart;
}

TEST(BarChartTest, BarLengthsAreProportionalOnANiceAxis) {
  const BarLayout layout = LayoutBarChart(TwoBars());
  // Largest value 93 -> axis 0..100 (step 20). The plot is 400 px wide from x = 150.
  EXPECT_THAT(layout.ticks.values, ElementsAre(0, 20, 40, 60, 80, 100));
  ASSERT_EQ(layout.bars.size(), 2u);
  // 50 of 100 on 400 px: 200 px, starting at the axis's zero (x = 150).
  EXPECT_DOUBLE_EQ(layout.bars[0].x, 150);
  EXPECT_DOUBLE_EQ(layout.bars[0].width, 200);
  // 93 of 100: 372 px.
  EXPECT_DOUBLE_EQ(layout.bars[1].width, 372);
  // Total width: labels 150 + plot 400 + values 80.
  EXPECT_DOUBLE_EQ(layout.width, 630);
  // Rows of bar_height 20 + gap 8 under a 30 px title; the second bar starts 28 px below the first.
  EXPECT_DOUBLE_EQ(layout.bars[1].y - layout.bars[0].y, 28);
  // Tick 60 sits at 150 + 0.6 x 400 = 390.
  EXPECT_DOUBLE_EQ(layout.X(60), 390);
}

TEST(BarChartTest, RendersTitleTicksValuesAndEscapesText) {
  const std::string svg = RenderBarChart(TwoBars());
  EXPECT_THAT(svg, HasSubstr("<svg id=\"bars\""));
  EXPECT_THAT(svg, HasSubstr("<title id=\"bars-title\">Shares &lt;&amp;&gt; of trade</title>"));
  EXPECT_THAT(svg, HasSubstr("A &amp; &lt;B&gt;"));
  EXPECT_THAT(svg, Not(HasSubstr("<B>")));
  EXPECT_THAT(svg, HasSubstr("<rect x=\"150.0\" y=\"34.0\" width=\"200.0\" height=\"20.0\""));  // y = 30 + 8/2
  EXPECT_THAT(svg, HasSubstr(">50.0%</text>"));
  EXPECT_THAT(svg, HasSubstr(">share, %</text>"));
  for (const char* tick : {">0<", ">20<", ">40<", ">60<", ">80<", ">100<"}) EXPECT_THAT(svg, HasSubstr(tick));
  EXPECT_THAT(svg, Not(HasSubstr("<script")));
  EXPECT_THAT(svg, Not(HasSubstr("href")));
}

TEST(BarChartTest, NegativeValuesGrowLeftFromZero) {
  BarChart chart = TwoBars();
  chart.bars = {{"down", -30, "-30"}, {"up", 45, "45"}};
  const BarLayout layout = LayoutBarChart(chart);
  // Axis -40..60 (100 units on 400 px): zero at 150 + 160 = 310; -30 -> 190 .. 310 (120 px).
  EXPECT_DOUBLE_EQ(layout.X(0), 310);
  EXPECT_DOUBLE_EQ(layout.bars[0].x, 190);
  EXPECT_DOUBLE_EQ(layout.bars[0].width, 120);
  EXPECT_DOUBLE_EQ(layout.bars[1].x, 310);
  EXPECT_DOUBLE_EQ(layout.bars[1].width, 180);
}

LineChart Path() {
  LineChart chart;
  chart.id = "path";
  chart.title = "Exports \"2021\"";
  chart.x_title = "month";
  chart.y_title = "cumulative, million USD";
  chart.width = 720;
  chart.height = 360;
  chart.x_ticks = {{0.5, "Jan"}, {11.5, "Dec"}};
  chart.series = {{"observed", {{0, 0}, {5, 90}}, "#000", false}, {"projected", {{5, 90}, {12, 180}}, "#00f", true}};
  chart.bands = {{"range", {{5, 90}, {12, 150}}, {{5, 90}, {12, 210}}, "#00f"}};
  chart.markers = {{6.5, "ban from 2021-07-15"}};
  return chart;
}

TEST(LineChartTest, MapsDataToThePlotArea) {
  const LineLayout layout = LayoutLineChart(Path());
  // y data 0..210: raw step 42 -> 50; axis 0..250.
  EXPECT_DOUBLE_EQ(layout.y_ticks.step, 50);
  EXPECT_DOUBLE_EQ(layout.y_ticks.high, 250);
  // Plot: x from 78 to 720 - 18 = 702 (624 px for 12 months: 52 px a month); y from 40 to 360 - 78 = 282.
  EXPECT_DOUBLE_EQ(layout.X(0), 78);
  EXPECT_DOUBLE_EQ(layout.X(12), 702);
  EXPECT_DOUBLE_EQ(layout.X(6.5), 78 + 6.5 * 52);
  EXPECT_DOUBLE_EQ(layout.Y(0), 282);
  EXPECT_DOUBLE_EQ(layout.Y(250), 40);
  EXPECT_DOUBLE_EQ(layout.Y(125), 161);  // half way
}

TEST(LineChartTest, RendersLinesBandMarkerAndLegend) {
  const std::string svg = RenderLineChart(Path());
  EXPECT_THAT(svg, HasSubstr("<title id=\"path-title\">Exports &quot;2021&quot;</title>"));
  // The observed line from (0, 0) -> (78, 282) to (5, 90) -> (338, 282 - 90/250 x 242 = 194.88).
  EXPECT_THAT(svg, HasSubstr("d=\"M78.0,282.0 L338.0,194.9\""));
  EXPECT_THAT(svg, HasSubstr("stroke-dasharray=\"7 4\""));  // the projection is dashed
  EXPECT_THAT(svg, HasSubstr("fill-opacity=\"0.16\""));     // the band
  EXPECT_THAT(svg, HasSubstr("x1=\"416.0\""));              // marker at 78 + 6.5 x 52 = 416
  EXPECT_THAT(svg, HasSubstr(">ban from 2021-07-15</text>"));
  EXPECT_THAT(svg, HasSubstr(">Jan</text>"));
  EXPECT_THAT(svg, HasSubstr(">cumulative, million USD</text>"));
  for (const char* tick : {">0<", ">50<", ">100<", ">150<", ">200<", ">250<"}) EXPECT_THAT(svg, HasSubstr(tick));
  for (const char* legend : {">observed<", ">projected<", ">range<"}) EXPECT_THAT(svg, HasSubstr(legend));
}

TEST(LineChartTest, ALevelIsAHorizontalLineInsideTheAxis) {
  LineChart chart = Path();
  chart.levels = {{260, "2020 total: 260", "#555"}};
  const LineLayout layout = LayoutLineChart(chart);
  // y data now 0..260: raw step 52 -> 100 (NiceTicks); axis 0..300, so the level is inside it.
  EXPECT_GE(layout.y_ticks.high, 260);
  const std::string svg = RenderLineChart(chart);
  // The level at y = 282 - 260 / high x 242, across the plot from x 78 to 702, labelled at the right end.
  const double y = layout.Y(260);
  EXPECT_THAT(svg, HasSubstr(fmt::format("x1=\"78.0\" y1=\"{:.1f}\" x2=\"702.0\" y2=\"{:.1f}\"", y, y)));
  EXPECT_THAT(svg, HasSubstr(">2020 total: 260</text>"));
}

}  // namespace
}  // namespace tradeshock::svg
