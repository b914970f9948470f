// Builds the brief's blocks from a CaseAnalysis: every number is read from the analysis and formatted
// here; nothing is typed in.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "report/brief_model.h"
#include "report/svg.h"

namespace tradeshock::brief {
namespace {

constexpr std::size_t kMaxBars = 10;
// Rows of a table under a chart; the rest go into one "N more" row, so that a BACI table's 5,000 products do
// not make a brief of thousands of lines (brief.json keeps every item).
constexpr std::size_t kMaxTableRows = 30;
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A chart axis of amounts: values divided by the scale of the largest, named "billion USD".
struct MoneyScale {
  double divisor = 1.0;
  std::string unit;
};
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

Block Heading(std::string text, int level = 2) {
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
    chart.markers.push_back({MonthPosition(policy.policy.from),
                             fmt::format("{} from {}", policy.policy.name, policy.policy.from.ToString())});
  }
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

// "Beyond the direct loss": what the exporter can sell elsewhere (PE), what the importer buys from others,
// the GE changes when the case has a panel, and every assumption with its source.
void AddBeyondSection(const CaseAnalysis& analysis, const BeyondDirectLoss& beyond, const Reference& reference,
                      std::vector<Block>& blocks) {
  const std::string exporter = EconomyName(reference, analysis.exporter);
  const std::string period = analysis.base_period.ToString();
  blocks.push_back(Heading("Beyond the direct loss"));
  blocks.push_back(Paragraph(
      "The exports at risk are the direct loss. The exporter may sell part of them elsewhere, which makes the loss "
      "smaller; the whole trading system may adjust, which moves exports and real incomes of every economy. The "
      "models below say how much, under the assumptions listed with them."));
  if (!beyond.case_notes.empty()) {
    blocks.push_back(Paragraph("What this case assumes where its data are thinner than the models need:"));
    blocks.push_back(List(beyond.case_notes));
  }
  if (beyond.pe) {
    const PeAnalysis& pe = *beyond.pe;
    const std::string& currency = pe.currency;
    blocks.push_back(Heading("Partial equilibrium: redirected sales and the net loss", 3));
    if (const auto& side = pe.exporter_side) {
      Table table{{"", "value", "share of the direct loss"}, {false, true, true}, {}};
      table.rows.push_back({fmt::format("Direct loss: exports at risk, {}", period),
                            FormatMoney(side->direct_loss, currency), FormatPercent(1.0)});
      table.rows.push_back({"Redirected to other markets", FormatMoney(side->redirected, currency),
                            FormatPercent(side->redirected_share)});
      table.rows.push_back({"Net loss (direct loss minus redirected)", FormatMoney(side->net_loss, currency),
                            FormatPercent(1.0 - side->redirected_share)});
      table.rows.push_back({"Revenue loss, counting the lower price on all sales elsewhere",
                            FormatMoney(side->revenue_loss, currency),
                            FormatPercent(side->revenue_loss / side->direct_loss)});
      const MoneyScale scale = ScaleFor(side->direct_loss, currency);
      svg::BarChart chart;
      chart.id = "chart-beyond";
      chart.title = fmt::format("{}: direct loss, redirected sales and net loss, {}", exporter, period);
      chart.axis_title = "value, " + scale.unit;
      chart.bars = {{"Direct loss", side->direct_loss / scale.divisor, FormatMoney(side->direct_loss, currency)},
                    {"Redirected", side->redirected / scale.divisor, FormatMoney(side->redirected, currency)},
                    {"Net loss", side->net_loss / scale.divisor, FormatMoney(side->net_loss, currency)}};
      Block block;
      block.kind = Block::Kind::kChart;
      block.text = chart.title;
      block.svg = svg::RenderBarChart(chart);
      block.svg_narrow = svg::RenderBarChart(Narrow(chart));
      block.svg_narrow = svg::RenderBarChart(Narrow(chart));
      block.table = std::move(table);
      block.note = fmt::format(
          "Partial equilibrium, exact ban mode (docs/METHODS.md, P8–P9). Redirected sales are valued at the "
          "old prices; to sell them the exporter's price in its other markets falls by {}.",
          FormatPercent(-side->exporter_price_change_pct / 100.0, 2));
      blocks.push_back(std::move(block));
      blocks.push_back(Paragraph(fmt::format(
          "Of the {} {} stood to lose, {} ({}) can be sold in other markets; the net loss is {} ({}). How much this "
          "leans on the size of the other markets: with half of them the redirected share would be {}; however "
          "large they are, it cannot exceed ρ/(κ+ρ) = {}.",
          FormatMoney(side->direct_loss, currency), exporter, FormatMoney(side->redirected, currency),
          FormatPercent(side->redirected_share), FormatMoney(side->net_loss, currency),
          FormatPercent(1.0 - side->redirected_share), FormatPercent(side->redirected_share_half_markets),
          FormatPercent(side->redirected_share_limit))));
      blocks.push_back(Paragraph(fmt::format(
          "Selling more elsewhere takes a lower price: {} on all of the exporter's {} of sales to its other "
          "markets. Counting that too, its sales revenue falls by {} ({} of the direct loss) — the net loss "
          "above counts only the sales that find no buyer.",
          FormatPercent(-side->exporter_price_change_pct / 100.0, 2), FormatMoney(side->other_markets, currency),
          FormatMoney(side->revenue_loss, currency), FormatPercent(side->revenue_loss / side->direct_loss))));
    }
    for (const PeImporterSide& side : pe.importer_side) {
      blocks.push_back(Paragraph(fmt::format(
          "{} ({}): imports stopped {}; bought from other suppliers instead {}; net change in its imports {}; its "
          "import price index {} by {}{}. Its imports of the covered products: {}.",
          EconomyName(reference, side.importer), side.policy, FormatMoney(side.banned_imports, currency),
          FormatMoney(side.substitution_by_others, currency), FormatMoney(side.importer_net_change, currency),
          side.import_price_index_change_pct >= 0 ? "rises" : "falls",
          FormatPercent(std::abs(side.import_price_index_change_pct) / 100.0, 3),
          side.substitution_modelled ? "" : " (no substitution modelled: substitution elasticity ≤ 1)",
          side.importer_imports_from)));
    }
    Table parameters{{"parameter", "value", "source"}, {false, true, false}, {}};
    // The symbols of docs/METHODS.md, so that the sentences above can be read against the table.
    const std::map<std::string, std::string> symbols = {{"import_demand", " (\u03b7)"},
                                                        {"substitution", " (\u03c3)"},
                                                        {"export_supply", " (\u03b5x)"},
                                                        {"redirection", " (\u03c1)"},
                                                        {"exporter_supply", " (\u03ba)"}};
    for (const ModelParameter& parameter : pe.parameters) {
      const auto symbol = symbols.find(parameter.name);
      parameters.rows.push_back({parameter.name + (symbol == symbols.end() ? "" : symbol->second),
                                 fmt::format("{:g}", parameter.value),
                                 (parameter.is_default ? "default: " : "") + parameter.source});
    }
    blocks.push_back(Paragraph("Elasticities and their sources:"));
    blocks.push_back(TableBlock(std::move(parameters)));
    if (!pe.assumptions.empty()) {
      blocks.push_back(Paragraph("Assumptions:"));
      blocks.push_back(List(pe.assumptions));
    }
    if (!pe.not_computed.empty()) {
      blocks.push_back(Paragraph("Not computed:"));
      blocks.push_back(List(pe.not_computed));
    }
  }
  if (beyond.ge) {
    const GeAnalysis& ge = *beyond.ge;
    blocks.push_back(Heading(ge.illustration ? fmt::format("General equilibrium: an illustration on {}, not {}",
                                                           EconomyName(reference, ge.exporter), exporter)
                                             : "General equilibrium: exports and real income everywhere",
                             3));
    if (!ge.label.empty()) blocks.push_back(Paragraph(ge.label));
    Table table{{"role", "economy", "exports, conditional", "exports, full", "real income (real GDP)", "welfare"},
                {false, false, true, true, true, true},
                {}};
    for (const GeChange& change : ge.changes) {
      const bool aggregate = change.role == "third countries";
      table.rows.push_back({change.role, aggregate ? change.economy : EconomyName(reference, change.economy),
                            FormatSignedPercent(change.exports_change_cdl_pct / 100.0, 2),
                            FormatSignedPercent(change.exports_change_full_pct / 100.0, 2),
                            FormatSignedPercent(change.real_income_change_pct / 100.0, 3),
                            FormatSignedPercent(change.welfare_change_pct / 100.0, 3)});
    }
    blocks.push_back(TableBlock(std::move(table)));
    std::vector<std::string> assumptions = ge.assumptions;
    assumptions.push_back(fmt::format(
        "Exports exclude domestic sales; changes are (new − old)/old; the third countries' exports are summed "
        "and their real income weighted by baseline output. Solved in {} (conditional) and {} (full endowment) "
        "iterations.",
        ge.iterations_conditional, ge.iterations_full));
    blocks.push_back(List(assumptions));
  }
  if (!beyond.not_computed.empty()) {
    blocks.push_back(Heading("Not computed", 3));
    blocks.push_back(List(beyond.not_computed));
  }
}

}  // namespace

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

Document BuildDocument(const CaseAnalysis& analysis, const Reference& reference) {
  Document document;
  const std::string& currency = analysis.currency;
  const std::string exporter = EconomyName(reference, analysis.exporter);
  const std::string period = analysis.base_period.ToString();
  document.title = analysis.title;
  document.subtitle = fmt::format(
      "{}: what is at stake, what this year may look like, and whether the quoted "
      "figures hold. Values in {}; base period {}.",
      EconomyLabel(reference, analysis.exporter), currency, period);
  document.lead = BuildLead(analysis, reference);
  auto& blocks = document.blocks;
  if (!analysis.description.empty()) blocks.push_back(Paragraph(analysis.description));

  // Key numbers.
  Block key;
  key.kind = Block::Kind::kKeyNumbers;
  const ValueResult& trade_total = analysis.partner_shares.total;
  // The partner shares are of total trade, or of exports when the data give no imports (a note says so).
  const bool of_trade = analysis.partner_flow == Flow::kTrade;
  const std::string flow_short = of_trade ? "trade" : "exports";
  const std::string flow_long = of_trade ? "total trade" : "exports";
  // Without a total of the flow (the data give only the partners the policies cover), its partners' sum is
  // not the exporter's whole flow: the shares of it are "not known", never shown as shares of the whole.
  const bool whole = analysis.partner_total_known;
  const std::string partners_in_data = PartnerNames(analysis, reference);
  key.key_numbers.push_back(
      {whole ? fmt::format("{}, {}", of_trade ? "Total trade" : "Exports", period)
             : fmt::format("{} with the partners in the data, {}", of_trade ? "Trade" : "Exports", period),
       FormatMoney(trade_total.value, trade_total.currency),
       !whole     ? fmt::format("{}'s {} to {}, the partners in the data; the data give no total of its {}", exporter,
                                flow_long, partners_in_data, flow_long)
       : of_trade ? fmt::format("{}'s exports plus imports", exporter)
                  : fmt::format("{}'s exports (the data give no imports)", exporter)});
  for (const std::string& partner : ImposingPartners(analysis)) {
    if (const auto share = PartnerShare(analysis, reference, partner)) {
      key.key_numbers.push_back(
          {fmt::format("{} share of {}", EconomyName(reference, partner), flow_short),
           whole ? FormatPercent(share->second) : std::string("not known"),
           whole ? fmt::format("{} of {} in {}", FormatMoney(share->first, analysis.partner_shares.currency),
                               FormatMoney(trade_total.value, trade_total.currency), period)
                 : fmt::format("{} in {}; the data give no total of {}'s {}",
                               FormatMoney(share->first, analysis.partner_shares.currency), period, exporter,
                               flow_long)});
    }
  }
  const Dependence& largest = analysis.largest_partner;
  key.key_numbers.push_back(
      {fmt::format("Largest partner{}: {}", whole ? "" : " in the data", EconomyName(reference, largest.partner)),
       whole ? FormatPercent(largest.share) : std::string("not known"),
       whole ? fmt::format("{} of {}", FormatMoney(largest.value, largest.currency), flow_long)
             : fmt::format("{}; its share of {}'s {} is not known", FormatMoney(largest.value, largest.currency),
                           exporter, flow_long)});
  const Concentration& hhi = analysis.partner_concentration;
  key.key_numbers.push_back(
      {"Partner concentration (HHI)",
       whole ? fmt::format("{}{:.3f}", hhi.lower_bound ? "\u2265 " : "", hhi.hhi) : std::string("not known"),
       whole
           ? fmt::format(
                 "{} {} itemised, covering {} of {}{}", hhi.item_count, hhi.item_count == 1 ? "partner" : "partners",
                 FormatPercent(hhi.coverage), flow_short,
                 hhi.lower_bound ? fmt::format("; at most {:.3f} if the rest were one partner", hhi.hhi_upper) : "")
           : fmt::format("the data give no total of {}'s {}, only {} partners", exporter, flow_long, hhi.item_count)});
  const ExposureResult& exposure = analysis.exposure;
  {
    // Exposure shares take two decimals (docs/FORMATS.md), as in the "Exports at risk" tables.
    std::string detail;
    if (exposure.share_of_exports) detail += fmt::format("{} of exports", FormatPercent(*exposure.share_of_exports, 2));
    if (exposure.share_of_trade) {
      detail +=
          fmt::format("{}{} of total trade", detail.empty() ? "" : ", ", FormatPercent(*exposure.share_of_trade, 2));
    }
    // A share the data cannot give is said to be not known, not left out as if it did not matter.
    if (!exposure.share_of_exports) {
      detail +=
          fmt::format("{}share of exports not known (no total of exports in the data)", detail.empty() ? "" : "; ");
    }
    key.key_numbers.push_back({fmt::format("Exports at risk, {}", exposure.period.ToString()),
                               FormatMoney(exposure.at_risk, exposure.currency), detail});
  }
  for (const PolicyExposure& policy : exposure.policies) {
    if (!policy.year_earlier) continue;
    key.key_numbers.push_back({"Banned flow a year earlier",
                               FormatMoney(policy.year_earlier->value, policy.year_earlier->currency),
                               policy.year_earlier->selection.Describe()});
  }
  if (analysis.beyond && analysis.beyond->pe && analysis.beyond->pe->exporter_side) {
    const PeExporterSide& side = *analysis.beyond->pe->exporter_side;
    key.key_numbers.push_back({"Net loss after redirection", FormatMoney(side.net_loss, analysis.beyond->pe->currency),
                               fmt::format("{} of the exports at risk can be sold elsewhere (partial equilibrium)",
                                           FormatPercent(side.redirected_share))});
  }
  if (analysis.nowcast) {
    const NowcastResult& nowcast = *analysis.nowcast;
    const NowcastEstimate& estimate = nowcast.with_policy;
    std::string detail = fmt::format("range {} to {}", FormatMoney(estimate.low.full_year, nowcast.currency),
                                     FormatMoney(estimate.high.full_year, nowcast.currency));
    if (estimate.yoy_central)
      detail += fmt::format("; {} on {}", FormatSignedPercent(*estimate.yoy_central), nowcast.year - 1);
    const std::string partner =
        nowcast.target.partner == kWorld ? std::string() : " to " + EconomyName(reference, nowcast.target.partner);
    key.key_numbers.push_back({fmt::format("Nowcast {}: {}{}", nowcast.year, FlowWord(nowcast.target.flow), partner),
                               FormatMoney(estimate.central.full_year, nowcast.currency), detail});
  }
  if (analysis.claims) {
    const ClaimsReport& claims = *analysis.claims;
    key.key_numbers.push_back({"Claims checked", fmt::format("{}", claims.results.size()), VerdictCounts(claims)});
    for (const ClaimInconsistency& inconsistency : claims.inconsistencies) {
      std::string ids;
      for (const std::string& id : inconsistency.claim_ids) ids += (ids.empty() ? "" : " + ") + id;
      key.key_numbers.push_back({"The article's own figures disagree", ids, inconsistency.explanation});
    }
  }
  blocks.push_back(Heading("Key numbers"));
  blocks.push_back(std::move(key));

  // Trade partners.
  blocks.push_back(Heading("Trade partners"));
  {
    std::vector<std::string> labels;
    for (const ShareItem& item : analysis.partner_shares.items) labels.push_back(EconomyName(reference, item.partner));
    if (!whole) {
      blocks.push_back(Paragraph(fmt::format(
          "The data give no total of {0}'s {1}, only its {1} to {2}: the shares below are of their sum, not of "
          "{0}'s whole {1}.",
          exporter, flow_long, partners_in_data)));
    }
    blocks.push_back(ShareChart(
        "chart-partner-shares",
        whole ? fmt::format("{}: partner shares of {}, {}", exporter, flow_long, period)
              : fmt::format("{}'s {} to the partners in the data, by partner, {}", exporter, flow_long, period),
        whole ? fmt::format("share of {}, %", flow_long) : "share of the partners in the data, %",
        analysis.partner_shares, labels, "partner", whole ? "Total" : "Sum of the partners in the data"));
  }
  if (analysis.product_shares) {
    // Of the exports to the world, or, when the data give products only for the exports to one partner, of
    // those exports: said in the heading, the title and a sentence, never shown as the whole export mix.
    const std::string& to = analysis.product_shares->total.selection.partner;
    const bool world = to == kWorld;
    const std::string to_name = EconomyName(reference, to);
    blocks.push_back(Heading(world ? "What it exports" : fmt::format("What it exports to {}", to_name)));
    if (!world) {
      blocks.push_back(Paragraph(
          fmt::format("The data give {0}'s exports by product only for its exports to {1}: this is the product mix of "
                      "{0}'s exports to {1}, not of {0}'s whole exports.",
                      exporter, to_name)));
    }
    std::vector<std::string> labels;
    for (const ShareItem& item : analysis.product_shares->items)
      labels.push_back(ProductLabel(reference, item.product));
    blocks.push_back(ShareChart("chart-product-shares",
                                world ? fmt::format("{}: exports by product, {}", exporter, period)
                                      : fmt::format("{}'s exports to {}, by product, {}", exporter, to_name, period),
                                world ? "share of exports, %" : fmt::format("share of exports to {}, %", to_name),
                                *analysis.product_shares, labels, "product", "Total"));
  }

  // Exposure.
  blocks.push_back(Heading("Exports at risk"));
  {
    std::vector<std::string> items;
    for (const PolicyExposure& policy : exposure.policies) {
      const Policy& p = policy.policy;
      std::string products;
      for (const std::string& product : p.products) {
        products += (products.empty() ? "" : ", ") + ProductLabel(reference, product);
      }
      std::string line =
          fmt::format("{}: by {} on {}, {}, from {}: {}. Covered in {}: {}; at risk: {}.", p.name,
                      EconomyLabel(reference, p.imposed_by), EconomyLabel(reference, p.on), products, p.from.ToString(),
                      DescribeEffect(p), exposure.period.ToString(), FormatMoney(policy.covered, exposure.currency),
                      FormatMoney(policy.at_risk, exposure.currency));
      if (policy.year_earlier) {
        line += fmt::format(" A year earlier ({}): {}.", policy.year_earlier->selection.period.ToString(),
                            FormatMoney(policy.year_earlier->value, policy.year_earlier->currency));
      }
      items.push_back(line);
    }
    blocks.push_back(List(items));
  }
  if (!exposure.by_partner.empty()) {
    std::vector<std::string> labels;
    for (const ExposureItem& item : exposure.by_partner) labels.push_back(EconomyName(reference, item.code));
    blocks.push_back(AtRiskChart("chart-risk-partner",
                                 fmt::format("Exports at risk by partner, {}", exposure.period.ToString()),
                                 exposure.by_partner, labels, exposure, "partner"));
  }
  if (!exposure.by_product.empty()) {
    std::vector<std::string> labels;
    for (const ExposureItem& item : exposure.by_product) labels.push_back(ProductLabel(reference, item.code));
    blocks.push_back(AtRiskChart("chart-risk-product",
                                 fmt::format("Exports at risk by product, {}", exposure.period.ToString()),
                                 exposure.by_product, labels, exposure, "product"));
  }
  if (!exposure.concentration.empty()) {
    Table table{{"flow", "HHI before", "HHI after", "largest partner before", "largest partner after"},
                {false, true, true, false, false},
                {}};
    for (const ConcentrationChange& change : exposure.concentration) {
      const auto top = [&](const std::vector<PartnerRank>& ranks) {
        return ranks.empty() ? std::string("–")
                             : fmt::format("{} ({})", EconomyName(reference, ranks.front().partner),
                                           FormatPercent(ranks.front().share));
      };
      table.rows.push_back({FlowWord(change.flow), fmt::format("{:.3f}", change.before.hhi),
                            fmt::format("{:.3f}", change.after.hhi), top(change.largest_before),
                            top(change.largest_after)});
    }
    blocks.push_back(Paragraph("Partner concentration before and after the stopped trade is removed:"));
    blocks.push_back(TableBlock(std::move(table)));
  }
  if (!exposure.notes.empty()) blocks.push_back(List(exposure.notes));

  if (analysis.beyond) AddBeyondSection(analysis, *analysis.beyond, reference, blocks);

  // Nowcast.
  if (analysis.nowcast) {
    const NowcastResult& nowcast = *analysis.nowcast;
    blocks.push_back(Heading(fmt::format("Nowcast: {} in {}", nowcast.target.Describe(), nowcast.year)));
    std::string text = fmt::format("Observed {}: {}.", nowcast.ytd.selection.period.ToString(),
                                   FormatMoney(nowcast.ytd.value, nowcast.ytd.currency));
    if (nowcast.last_year) {
      text += fmt::format(" Last year's actual ({}): {}.", nowcast.last_year->selection.period.ToString(),
                          FormatMoney(nowcast.last_year->value, nowcast.last_year->currency));
    }
    blocks.push_back(Paragraph(text));
    Table table{
        {"estimate", "central", "low", "high", "change on last year (central)"}, {false, true, true, true, true}, {}};
    const auto row = [&](const std::string& name, const NowcastEstimate& estimate) {
      table.rows.push_back({name, FormatMoney(estimate.central.full_year, nowcast.currency),
                            FormatMoney(estimate.low.full_year, nowcast.currency),
                            FormatMoney(estimate.high.full_year, nowcast.currency),
                            estimate.yoy_central ? FormatSignedPercent(*estimate.yoy_central) : "–"});
    };
    row("without the policy", nowcast.without_policy);
    if (!nowcast.applied_policies.empty()) {
      std::string names;
      for (const std::string& name : nowcast.applied_policies) names += (names.empty() ? "" : ", ") + name;
      row("with the policy (" + names + ")", nowcast.with_policy);
    }
    if (analysis.nowcast_stand_in) {
      // The flow's own history gave the rows above; the scenario's stand-in profile, for comparison.
      const NowcastResult& other = *analysis.nowcast_stand_in;
      const bool cut = !other.applied_policies.empty();
      row(fmt::format("{}, with the stand-in profile of {}", cut ? "with the policy" : "without the policy",
                      other.profile.DescribeFlow()),
          cut ? other.with_policy : other.without_policy);
    }
    blocks.push_back(TableBlock(std::move(table)));
    blocks.push_back(NowcastChart(analysis, nowcast, reference));
    blocks.push_back(Heading("Assumptions", 3));
    std::vector<std::string> assumptions;
    // The nowcast states the stand-in profile among its own assumptions; it is not repeated here.
    for (const std::string& assumption : nowcast.assumptions) assumptions.push_back(assumption);
    std::string years;
    for (const ProfileYear& year : nowcast.profile_years) {
      years += fmt::format("{}{} ({})", years.empty() ? "" : "; ", year.year, year.from);
    }
    if (!years.empty()) assumptions.push_back("Profile years: " + years + ".");
    blocks.push_back(List(assumptions));
  }

  // Claims.
  if (analysis.claims) {
    const ClaimsReport& claims = *analysis.claims;
    blocks.push_back(Heading("Claims"));
    blocks.push_back(
        Paragraph(fmt::format("{} claims checked: {}. A claim that matches the data entry only shows "
                              "that its own figure is in the case's data as stated; one consistent "
                              "with the projection holds under the nowcast's assumptions.",
                              claims.results.size(), VerdictCounts(claims))));
    Table table{
        {"claim", "status", "stated", "computed", "off by", "reading"}, {false, false, true, true, true, false}, {}};
    std::vector<std::string> details;
    for (const ClaimResult& result : claims.results) {
      table.rows.push_back(
          {fmt::format("\u201c{}\u201d", result.text), std::string(ToString(result.verdict)),
           StatedInWords(result.comparison, result.stated),
           result.computed ? FormatClaimQuantity(result.metric, *result.computed, result.used.currency) : "not known",
           ClaimDifference(result), result.used.label});
      std::string detail = fmt::format("{} ({}): {}", result.id, ToString(result.verdict), result.message);
      for (const std::string& note : result.notes) detail += " " + note;
      details.push_back(detail);
    }
    blocks.push_back(TableBlock(std::move(table)));
    if (!claims.inconsistencies.empty()) {
      blocks.push_back(Heading("The article's own figures disagree", 3));
      std::vector<std::string> items;
      for (const ClaimInconsistency& inconsistency : claims.inconsistencies) {
        std::string ids;
        for (const std::string& id : inconsistency.claim_ids) ids += (ids.empty() ? "" : ", ") + id;
        items.push_back(fmt::format("{}: {}", ids, inconsistency.explanation));
      }
      blocks.push_back(List(items));
    }
    blocks.push_back(Heading("How each claim was checked", 3));
    blocks.push_back(List(details));
  }

  // Rates, notes, provenance.
  blocks.push_back(Heading("Exchange rates used"));
  if (analysis.rates.empty()) {
    blocks.push_back(Paragraph("No conversion was needed."));
  } else {
    Table table{{"currency", "period", "per US dollar", "source"}, {false, false, true, false}, {}};
    for (const RateUsed& rate : analysis.rates) {
      table.rows.push_back({rate.currency, rate.period.ToString(), fmt::format("{:.4f}", rate.per_usd), rate.source});
    }
    blocks.push_back(TableBlock(std::move(table)));
  }
  if (!analysis.notes.empty()) {
    blocks.push_back(Heading("Notes"));
    blocks.push_back(List(analysis.notes));
  }
  blocks.push_back(Heading("Provenance"));
  std::vector<std::string> inputs;
  for (const std::string& file : analysis.input_files) inputs.push_back(file);
  blocks.push_back(
      Paragraph("Computed by tradeshock from these input files; brief.json lists the table rows and "
                "rates behind every number."));
  blocks.push_back(List(inputs));
  return document;
}

}  // namespace tradeshock::brief
