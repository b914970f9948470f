// Builds the brief's blocks from a CaseAnalysis: every number is read from the analysis and formatted
// here; nothing is typed in. This file holds the blocks and charts the sections share and BuildDocument, which
// calls the sections in order (brief_sections.h; the sections are in brief_sections_*.cc).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "report/brief_sections.h"
#include "report/svg.h"

namespace tradeshock::brief {
namespace {

constexpr std::size_t kMaxBars = 10;
// Rows of a table under a chart; the rest go into one "N more" row, so that a BACI table's 5,000 products do
// not make a brief of thousands of lines (brief.json keeps every item).
constexpr std::size_t kMaxTableRows = 30;
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

MoneyScale ScaleFor(double largest, const std::string& currency) {
  const Scale scale = ScaleOf(largest);
  return {scale.divisor, scale.word.empty() ? currency : fmt::format("{} {}", scale.word, currency)};
}

// Charts are drawn twice: for a page about 700 px wide and for a phone (about 360 px), so that their text keeps
// its size instead of being scaled down; the page's CSS shows the one that fits (brief_render.cc).
constexpr double kNarrowWidth = 350.0;

svg::BarChart Narrow(svg::BarChart chart) {
  chart.id += "-narrow";
  double longest = 0.0;
  for (const svg::Bar& bar : chart.bars) longest = std::max(longest, static_cast<double>(bar.value_text.size()));
  chart.label_width = 120.0;
  chart.value_width = std::max(60.0, 6.6 * longest + 12.0);
  chart.plot_width = std::max(100.0, kNarrowWidth - chart.label_width - chart.value_width);
  return chart;
}

svg::LineChart Narrow(svg::LineChart chart) {
  chart.id += "-narrow";
  chart.width = kNarrowWidth;
  chart.height = 320.0;
  return chart;
}

Block Heading(std::string text, int level) {
  Block block;
  block.kind = Block::Kind::kHeading;
  block.level = level;
  block.text = std::move(text);
  return block;
}
Block Paragraph(std::string text) {
  Block block;
  block.kind = Block::Kind::kParagraph;
  block.text = std::move(text);
  return block;
}
Block List(std::vector<std::string> items) {
  Block block;
  block.kind = Block::Kind::kList;
  block.items = std::move(items);
  return block;
}
Block TableBlock(Table table) {
  Block block;
  block.kind = Block::Kind::kTable;
  block.table = std::move(table);
  return block;
}

// "United States" / "United States and Canada": the partners of the partner shares, up to five named.
std::string PartnerNames(const CaseAnalysis& analysis, const Reference& reference) {
  const std::vector<ShareItem>& items = analysis.partner_shares.items;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < items.size() && i < 5; ++i) names.push_back(EconomyName(reference, items[i].partner));
  if (items.size() > names.size()) names.push_back(fmt::format("{} more", items.size() - names.size()));
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
    text += names[i];
  }
  return text;
}

Block ShareChart(const std::string& id, const std::string& title, const std::string& axis_title,
                 const ShareResult& shares, const std::vector<std::string>& labels, const std::string& item_header,
                 const std::string& total_label) {
  svg::BarChart chart;
  chart.id = id;
  chart.title = title;
  chart.axis_title = axis_title;
  Table table{{item_header, "value", "share"}, {false, true, true}, {}};
  std::size_t shown = 0;
  double rest_value = 0.0;
  double rest_share = 0.0;
  std::size_t rest_count = 0;
  double more_value = 0.0;
  double more_share = 0.0;
  for (std::size_t i = 0; i < shares.items.size(); ++i) {
    const ShareItem& item = shares.items[i];
    if (i < kMaxTableRows) {
      table.rows.push_back({labels[i], FormatMoney(item.value, shares.currency), FormatPercent(item.share)});
    } else {
      more_value += item.value;
      more_share += item.share;
    }
    if (shown < kMaxBars) {
      chart.bars.push_back({labels[i], item.share * 100.0, FormatPercent(item.share)});
      ++shown;
    } else {
      rest_value += item.value;
      rest_share += item.share;
      ++rest_count;
    }
  }
  if (rest_count > 0) {
    chart.bars.push_back({fmt::format("{} more", rest_count), rest_share * 100.0, FormatPercent(rest_share)});
  }
  (void)rest_value;
  if (shares.items.size() > kMaxTableRows) {
    table.rows.push_back({fmt::format("{} more {}s", shares.items.size() - kMaxTableRows, item_header),
                          FormatMoney(more_value, shares.currency), FormatPercent(more_share)});
  }
  if (shares.rest) {
    chart.bars.push_back({"Not itemised", shares.rest->share * 100.0, FormatPercent(shares.rest->share)});
    table.rows.push_back({"Not itemised (total minus items)", FormatMoney(shares.rest->value, shares.currency),
                          FormatPercent(shares.rest->share)});
  }
  table.rows.push_back({total_label, FormatMoney(shares.total.value, shares.currency), FormatPercent(1.0)});
  Block block;
  block.kind = Block::Kind::kChart;
  block.text = title;
  block.svg = svg::RenderBarChart(chart);
  block.svg_narrow = svg::RenderBarChart(Narrow(chart));
  block.table = std::move(table);
  if (shares.coverage < 1.0 - 1e-9) {
    block.note = fmt::format("The itemised {}s cover {} of the total ({} of {}); the rest is not itemised in the data.",
                             item_header, FormatPercent(shares.coverage), FormatMoney(shares.itemised, shares.currency),
                             FormatMoney(shares.total.value, shares.currency));
  }
  return block;
}

// Shares of exports or of trade are shown only when the exposure knows that total (else "not known", never 0%).
Block AtRiskChart(const std::string& id, const std::string& title, const std::vector<ExposureItem>& items,
                  const std::vector<std::string>& labels, const ExposureResult& exposure,
                  const std::string& item_header) {
  const std::string& currency = exposure.currency;
  const auto share_text = [](bool known, double share) -> std::string {
    return known ? FormatPercent(share, 2) : std::string("not known");
  };
  double largest = 0.0;
  for (const ExposureItem& item : items) largest = std::max(largest, item.at_risk);
  const MoneyScale scale = ScaleFor(largest, currency);
  svg::BarChart chart;
  chart.id = id;
  chart.title = title;
  chart.axis_title = "value at risk, " + scale.unit;
  Table table{{item_header, "exports", "covered", "at risk", "share of exports", "share of trade"},
              {false, true, true, true, true, true},
              {}};
  ExposureItem more;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ExposureItem& item = items[i];
    if (chart.bars.size() < kMaxBars) {
      chart.bars.push_back({labels[i], item.at_risk / scale.divisor, FormatMoney(item.at_risk, currency)});
    }
    if (i >= kMaxTableRows) {
      more.value += item.value;
      more.covered += item.covered;
      more.at_risk += item.at_risk;
      more.share_of_exports += item.share_of_exports;
      more.share_of_trade += item.share_of_trade;
      continue;
    }
    table.rows.push_back({labels[i], FormatMoney(item.value, currency), FormatMoney(item.covered, currency),
                          FormatMoney(item.at_risk, currency),
                          share_text(exposure.share_of_exports.has_value(), item.share_of_exports),
                          share_text(exposure.share_of_trade.has_value(), item.share_of_trade)});
  }
  if (items.size() > kMaxTableRows) {
    table.rows.push_back({fmt::format("{} more {}s", items.size() - kMaxTableRows, item_header),
                          FormatMoney(more.value, currency), FormatMoney(more.covered, currency),
                          FormatMoney(more.at_risk, currency),
                          share_text(exposure.share_of_exports.has_value(), more.share_of_exports),
                          share_text(exposure.share_of_trade.has_value(), more.share_of_trade)});
  }
  Block block;
  block.kind = Block::Kind::kChart;
  block.text = title;
  block.svg = svg::RenderBarChart(chart);
  block.svg_narrow = svg::RenderBarChart(Narrow(chart));
  block.table = std::move(table);
  return block;
}

namespace {

// Position of a day on the chart's month axis: 0 = 1 January, 12 = 31 December's end.
double MonthPosition(const Date& date) {
  return (date.month - 1) + static_cast<double>(date.day - 1) / Date::DaysInMonth(date.year, date.month);
}

std::vector<svg::Point> CumulativePoints(const NowcastPath& path, int from_month, double divisor) {
  std::vector<svg::Point> points;
  for (int m = from_month; m <= 12; ++m) {
    points.push_back({static_cast<double>(m), m == 0 ? 0.0 : path.cumulative[m - 1] / divisor});
  }
  return points;
}

// The end of an interval a statement allows that is a number ("not more than 300": 300), else nullopt.
std::optional<double> FiniteEnd(const Interval& interval) {
  if (std::isfinite(interval.high)) return interval.high;
  if (std::isfinite(interval.low)) return interval.low;
  return std::nullopt;
}

// The levels a reader compares the year with: last year's total, each projected-value claim's figure and
// what each growth claim on a figure needs on last year's base (in the nowcast's currency only).
std::vector<svg::Level> NowcastLevels(const CaseAnalysis& analysis, const NowcastResult& nowcast, double divisor) {
  std::vector<svg::Level> levels;
  if (nowcast.last_year) {
    levels.push_back({nowcast.last_year->value / divisor,
                      fmt::format("{} total: {}", nowcast.year - 1,
                                  FormatMoney(nowcast.last_year->value, nowcast.last_year->currency)),
                      "#555555"});
  }
  if (!analysis.claims) return levels;
  for (const ClaimResult& result : analysis.claims->results) {
    if (result.metric != ClaimMetric::kProjectedValue || !result.computed) continue;
    if (result.used.currency != nowcast.currency) continue;
    if (const auto end = FiniteEnd(result.interval)) {
      levels.push_back(
          {*end / divisor, fmt::format("claim: {}", StatedInWords(result.comparison, result.stated)), "#b22222"});
    }
  }
  for (const ClaimInconsistency& inconsistency : analysis.claims->inconsistencies) {
    if (!inconsistency.implied || inconsistency.implied->currency != nowcast.currency) continue;
    const ImpliedChange& implied = *inconsistency.implied;
    const Interval& needed = implied.needed;
    const std::optional<double> end = FiniteEnd(needed);
    if (!end) continue;
    const char* side = !std::isfinite(needed.low) ? "below " : !std::isfinite(needed.high) ? "above " : "about ";
    levels.push_back({*end / divisor,
                      fmt::format("\u201c{}\u201d on {} needs {}{}", implied.stated_change.text,
                                  implied.base_period.ToString(), side, FormatMoney(*end, implied.currency)),
                      "#6a3d9a"});
  }
  return levels;
}

}  // namespace

Block NowcastChart(const CaseAnalysis& analysis, const NowcastResult& nowcast, const Reference& reference) {
  const bool has_policy = !nowcast.applied_policies.empty();
  const double largest = std::max(nowcast.without_policy.high.full_year, nowcast.with_policy.high.full_year);
  const MoneyScale scale = ScaleFor(largest, nowcast.currency);
  const int observed = nowcast.months_observed;
  svg::LineChart chart;
  chart.id = "chart-nowcast";
  chart.title =
      fmt::format("{}: {} {}, cumulative, observed and projected", EconomyName(reference, nowcast.target.reporter),
                  FlowWord(nowcast.target.flow), nowcast.year);
  chart.x_title = fmt::format("{}, month (running total at each month's end)", nowcast.year);
  chart.y_title = "cumulative value, " + scale.unit;
  for (int m = 1; m <= 12; ++m) chart.x_ticks.push_back({m - 0.5, kMonths[m - 1]});
  const std::string grey = "#7f7f7f";
  const std::string blue = "#1f5f99";
  chart.bands.push_back({has_policy ? "range without the policy" : "range",
                         CumulativePoints(nowcast.without_policy.low, observed, scale.divisor),
                         CumulativePoints(nowcast.without_policy.high, observed, scale.divisor),
                         has_policy ? grey : blue});
  if (has_policy) {
    chart.bands.push_back({"range with the policy", CumulativePoints(nowcast.with_policy.low, observed, scale.divisor),
                           CumulativePoints(nowcast.with_policy.high, observed, scale.divisor), blue});
  }
  std::vector<svg::Point> observed_points;
  for (int m = 0; m <= observed; ++m) {
    observed_points.push_back(
        {static_cast<double>(m), m == 0 ? 0.0 : nowcast.without_policy.central.cumulative[m - 1] / scale.divisor});
  }
  // The data give the year-to-date total only; the months inside it follow the seasonal profile.
  chart.series.push_back({fmt::format("observed Jan\u2013{} (spread by the profile)", kMonths[observed - 1]),
                          observed_points, "#1a1a1a", false});
  chart.series.push_back({has_policy ? "projected without the policy" : "projected",
                          CumulativePoints(nowcast.without_policy.central, observed, scale.divisor),
                          has_policy ? grey : blue, true});
  if (has_policy) {
    chart.series.push_back({"projected with the policy",
                            CumulativePoints(nowcast.with_policy.central, observed, scale.divisor), blue, true});
  }
  for (const PolicyExposure& policy : analysis.exposure.policies) {
    if (policy.policy.from.year != nowcast.year) continue;
    chart.markers.push_back(
        {MonthPosition(policy.policy.from), fmt::format("{} from {}", policy.policy.name, policy.policy.FromText())});
  }
  chart.levels = NowcastLevels(analysis, nowcast, scale.divisor);
  // Only the year-to-date total is data; the months before it are that total spread by the profile.
  Table table{
      {"month", "source", "without policy", "with policy", "low", "high"}, {false, false, true, true, true, true}, {}};
  for (int m = 1; m <= 12; ++m) {
    const char* source = m < observed ? "spread by the profile" : (m == observed ? "observed" : "projected");
    table.rows.push_back({kMonths[m - 1], source,
                          FormatMoney(nowcast.without_policy.central.cumulative[m - 1], nowcast.currency),
                          FormatMoney(nowcast.with_policy.central.cumulative[m - 1], nowcast.currency),
                          FormatMoney(nowcast.with_policy.low.cumulative[m - 1], nowcast.currency),
                          FormatMoney(nowcast.with_policy.high.cumulative[m - 1], nowcast.currency)});
  }
  Block block;
  block.kind = Block::Kind::kChart;
  block.text = chart.title;
  block.svg = svg::RenderLineChart(chart);
  block.svg_narrow = svg::RenderLineChart(Narrow(chart));
  block.table = std::move(table);
  block.note =
      "Running totals from January. Low and high are the band (see the assumptions: from the back-test of "
      "the method on earlier years, or the wide band when there are too few) on the projected months; only "
      "the year-to-date total is observed, and the months before it are that total spread by the profile.";
  return block;
}

std::string ClaimDifference(const ClaimResult& result) {
  if (result.status != ClaimStatus::kContradicted || !result.computed) return "";
  const double value = *result.computed;
  double off = 0.0;
  if (value < result.interval.low) off = result.interval.low - value;
  if (value > result.interval.high) off = value - result.interval.high;
  const bool percent = result.metric == ClaimMetric::kShare || result.metric == ClaimMetric::kGrowth ||
                       result.metric == ClaimMetric::kProjectedGrowth;
  if (percent) return FormatPercentagePoints(off);
  if (result.metric == ClaimMetric::kValue || result.metric == ClaimMetric::kProjectedValue) {
    return FormatMoney(off, result.used.currency);
  }
  return fmt::format("{:g}", off);
}

std::string FlowWord(Flow flow) {
  switch (flow) {
    case Flow::kExports:
      return "exports";
    case Flow::kImports:
      return "imports";
    default:
      return "total trade";
  }
}

SectionContext MakeContext(const CaseAnalysis& analysis, const Reference& reference) {
  // The partner shares are of total trade, or of exports when the data give no imports (a note says so).
  const bool of_trade = analysis.partner_flow == Flow::kTrade;
  return {analysis,
          reference,
          EconomyName(reference, analysis.exporter),
          analysis.base_period.ToString(),
          of_trade,
          of_trade ? "trade" : "exports",
          of_trade ? "total trade" : "exports",
          analysis.partner_total_known,
          PartnerNames(analysis, reference)};
}

namespace {

// "Claims from: Global Network, “US Senate passes ...”, 2021-07-15; link not known."
std::string SourceLine(const ClaimsSource& source) {
  const auto known = [](const std::string& text, std::string_view what) {
    return text.empty() ? fmt::format("{} not known", what) : text;
  };
  std::string line = fmt::format("Claims from: {}", known(source.outlet, "outlet"));
  if (!source.title.empty()) line += fmt::format(", \u201c{}\u201d", source.title);
  line += fmt::format(", {}; {}.", known(source.date, "date"),
                      source.url.empty() ? std::string("link not known") : source.url);
  return line;
}

}  // namespace

Document BuildDocument(const CaseAnalysis& analysis, const Reference& reference) {
  Document document;
  const SectionContext context = MakeContext(analysis, reference);
  document.title = analysis.title;
  document.subtitle = fmt::format(
      "{}: what is at stake, what this year may look like, and whether the quoted "
      "figures hold. Values in {}; base period {}.",
      EconomyLabel(reference, analysis.exporter), analysis.currency, context.period);
  document.lead = BuildLead(analysis, reference);
  std::vector<Block>& blocks = document.blocks;
  if (analysis.source) blocks.push_back(Paragraph(SourceLine(*analysis.source)));
  if (!analysis.caveats.empty()) {
    blocks.push_back(Heading("Caveats", 3));
    blocks.push_back(List(analysis.caveats));
  }
  if (!analysis.description.empty()) blocks.push_back(Paragraph(analysis.description));
  AddKeyNumbers(context, blocks);
  AddTradePartners(context, blocks);
  AddProductMix(context, blocks);
  AddExposure(context, blocks);
  if (analysis.beyond) AddBeyondSection(context, *analysis.beyond, blocks);
  AddNowcast(context, blocks);
  AddClaims(context, blocks);
  AddRatesNotesAndProvenance(context, blocks);
  return document;
}

}  // namespace tradeshock::brief
