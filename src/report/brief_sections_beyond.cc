// The brief's "Beyond the direct loss" section: what the exporter can sell elsewhere (PE), what the importer buys
// from others, the GE changes when the case has a panel, and every assumption with its source (brief_sections.h).
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "report/brief_sections.h"
#include "report/svg.h"

namespace tradeshock::brief {
namespace {

// The exporter's direct loss, redirected sales and net loss: table, chart and the sentences that read them.
void AddPeExporterSide(const SectionContext& context, const PeExporterSide& side, const std::string& currency,
                       std::vector<Block>& blocks) {
  const std::string& exporter = context.exporter;
  const std::string& period = context.period;
  Table table{{"", "value", "share of the direct loss"}, {false, true, true}, {}};
  table.rows.push_back({fmt::format("Direct loss: exports at risk, {}", period),
                        FormatMoney(side.direct_loss, currency), FormatPercent(1.0)});
  table.rows.push_back(
      {"Redirected to other markets", FormatMoney(side.redirected, currency), FormatPercent(side.redirected_share)});
  table.rows.push_back({"Net loss (direct loss minus redirected)", FormatMoney(side.net_loss, currency),
                        FormatPercent(1.0 - side.redirected_share)});
  table.rows.push_back({"Revenue loss, counting the lower price on all sales elsewhere",
                        FormatMoney(side.revenue_loss, currency), FormatPercent(side.revenue_loss / side.direct_loss)});
  const MoneyScale scale = ScaleFor(side.direct_loss, currency);
  svg::BarChart chart;
  chart.id = "chart-beyond";
  chart.title = fmt::format("{}: direct loss, redirected sales and net loss, {}", exporter, period);
  chart.axis_title = "value, " + scale.unit;
  chart.bars = {{"Direct loss", side.direct_loss / scale.divisor, FormatMoney(side.direct_loss, currency)},
                {"Redirected", side.redirected / scale.divisor, FormatMoney(side.redirected, currency)},
                {"Net loss", side.net_loss / scale.divisor, FormatMoney(side.net_loss, currency)}};
  Block block;
  block.kind = Block::Kind::kChart;
  block.text = chart.title;
  block.svg = svg::RenderBarChart(chart);
  block.svg_narrow = svg::RenderBarChart(Narrow(chart));
  block.table = std::move(table);
  block.note = fmt::format(
      "Partial equilibrium, exact ban mode (docs/METHODS.md, P8–P9). Redirected sales are valued at the "
      "old prices; to sell them the exporter's price in its other markets falls by {}.",
      FormatPercent(-side.exporter_price_change_pct / 100.0, 2));
  blocks.push_back(std::move(block));
  blocks.push_back(Paragraph(fmt::format(
      "Of the {} {} stood to lose, {} ({}) can be sold in other markets; the net loss is {} ({}). How much this "
      "leans on the size of the other markets: with half of them the redirected share would be {}; however "
      "large they are, it cannot exceed ρ/(κ+ρ) = {}.",
      FormatMoney(side.direct_loss, currency), exporter, FormatMoney(side.redirected, currency),
      FormatPercent(side.redirected_share), FormatMoney(side.net_loss, currency),
      FormatPercent(1.0 - side.redirected_share), FormatPercent(side.redirected_share_half_markets),
      FormatPercent(side.redirected_share_limit))));
  blocks.push_back(Paragraph(
      fmt::format("Selling more elsewhere takes a lower price: {} on all of the exporter's {} of sales to its other "
                  "markets. Counting that too, its sales revenue falls by {} ({} of the direct loss) — the net loss "
                  "above counts only the sales that find no buyer.",
                  FormatPercent(-side.exporter_price_change_pct / 100.0, 2), FormatMoney(side.other_markets, currency),
                  FormatMoney(side.revenue_loss, currency), FormatPercent(side.revenue_loss / side.direct_loss))));
}

// Partial equilibrium: the exporter's side, each importer's side, the elasticities and assumptions.
void AddPeSection(const SectionContext& context, const PeAnalysis& pe, std::vector<Block>& blocks) {
  const Reference& reference = context.reference;
  const std::string& currency = pe.currency;
  blocks.push_back(Heading("Partial equilibrium: redirected sales and the net loss", 3));
  if (pe.exporter_side) AddPeExporterSide(context, *pe.exporter_side, currency, blocks);
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

// General equilibrium: exports and real income of the exporter, the imposing partners and third countries.
void AddGeSection(const SectionContext& context, const GeAnalysis& ge, std::vector<Block>& blocks) {
  const Reference& reference = context.reference;
  const std::string& exporter = context.exporter;
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

}  // namespace

void AddBeyondSection(const SectionContext& context, const BeyondDirectLoss& beyond, std::vector<Block>& blocks) {
  blocks.push_back(Heading("Beyond the direct loss"));
  blocks.push_back(Paragraph(
      "The exports at risk are the direct loss. The exporter may sell part of them elsewhere, which makes the loss "
      "smaller; the whole trading system may adjust, which moves exports and real incomes of every economy. The "
      "models below say how much, under the assumptions listed with them."));
  if (!beyond.case_notes.empty()) {
    blocks.push_back(Paragraph("What this case assumes where its data are thinner than the models need:"));
    blocks.push_back(List(beyond.case_notes));
  }
  if (beyond.pe) AddPeSection(context, *beyond.pe, blocks);
  if (beyond.ge) AddGeSection(context, *beyond.ge, blocks);
  if (!beyond.not_computed.empty()) {
    blocks.push_back(Heading("Not computed", 3));
    blocks.push_back(List(beyond.not_computed));
  }
}

}  // namespace tradeshock::brief
