// The brief's sections on the data: key numbers, trade partners, the product mix, the exports at risk
// (brief_sections.h).
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "report/brief_sections.h"

namespace tradeshock::brief {
namespace {

// A partner table without a real total whose total is the exporter's flow to the world summed over the
// products the data give (rows `WLD, <product>`), not a sum of its partners: the partners' values then add up
// to less than it, and neither is the exporter's whole flow.
bool TotalIsProductsToTheWorld(const ValueResult& total) {
  bool over_products = false;
  for (const std::string& method : total.method) {
    if (method.starts_with("partner WLD:")) return false;
    if (method.starts_with("product TOTAL:")) over_products = true;
  }
  return over_products;
}

// The exporter's flow, the imposing partners' shares of it, the largest partner and the concentration.
void AddPartnerKeyNumbers(const SectionContext& context, Block& key) {
  const CaseAnalysis& analysis = context.analysis;
  const Reference& reference = context.reference;
  const std::string& exporter = context.exporter;
  const std::string& period = context.period;
  const bool of_trade = context.of_trade;
  const std::string& flow_short = context.flow_short;
  const std::string& flow_long = context.flow_long;
  const bool whole = context.whole;
  const std::string& partners_in_data = context.partners_in_data;
  const ValueResult& trade_total = analysis.partner_shares.total;
  const bool of_products = !whole && TotalIsProductsToTheWorld(trade_total);
  key.key_numbers.push_back(
      {whole         ? fmt::format("{}, {}", of_trade ? "Total trade" : "Exports", period)
       : of_products ? fmt::format("{} of the products in the data, {}", of_trade ? "Trade" : "Exports", period)
                     : fmt::format("{} with the partners in the data, {}", of_trade ? "Trade" : "Exports", period),
       FormatMoney(trade_total.value, trade_total.currency),
       of_products ? fmt::format("{}'s {} to the world, summed over the products the data give; the data give no "
                                 "total of its {}",
                                 exporter, flow_long, flow_long)
       : !whole    ? fmt::format("{}'s {} {} {}, the partners in the data; the data give no total of its {}", exporter,
                                 flow_long, of_trade ? "with" : "to", partners_in_data, flow_long)
       : of_trade  ? fmt::format("{}'s exports plus imports", exporter)
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
       whole ? fmt::format(
                   "{} {} itemised, covering {} of {}{}", hhi.item_count, hhi.item_count == 1 ? "partner" : "partners",
                   FormatPercent(hhi.coverage), flow_short,
                   hhi.lower_bound ? fmt::format("; at most {:.3f} if the rest were one partner", hhi.hhi_upper) : "")
             : fmt::format("the data give no total of {}'s {}, only {} {}", exporter, flow_long, hhi.item_count,
                           hhi.item_count == 1 ? "partner" : "partners")});
}

// The exports at risk, the banned flows a year earlier and the net loss after redirection.
void AddExposureKeyNumbers(const SectionContext& context, Block& key) {
  const CaseAnalysis& analysis = context.analysis;
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
  // One line per covered flow: policies that cover the same flow (three tariff lists on "all") share it. A
  // tariff's flow is covered, not banned.
  std::vector<std::string> shown;
  for (const PolicyExposure& policy : exposure.policies) {
    if (!policy.year_earlier) continue;
    const std::string described = policy.year_earlier->selection.Describe();
    if (std::find(shown.begin(), shown.end(), described) != shown.end()) continue;
    shown.push_back(described);
    key.key_numbers.push_back(
        {policy.policy.kind == PolicyKind::kBan ? "Banned flow a year earlier" : "Covered flow a year earlier",
         FormatMoney(policy.year_earlier->value, policy.year_earlier->currency), described});
  }
  // The PE net loss is not a key number: with default elasticities it is a model figure, not a measurement,
  // and its section ("Beyond the direct loss") shows it beside every parameter and how much it leans on them.
}

// The nowcast and the claims.
void AddOutlookKeyNumbers(const SectionContext& context, Block& key) {
  const CaseAnalysis& analysis = context.analysis;
  const Reference& reference = context.reference;
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
}

}  // namespace

void AddKeyNumbers(const SectionContext& context, std::vector<Block>& blocks) {
  Block key;
  key.kind = Block::Kind::kKeyNumbers;
  AddPartnerKeyNumbers(context, key);
  AddExposureKeyNumbers(context, key);
  AddOutlookKeyNumbers(context, key);
  blocks.push_back(Heading("Key numbers"));
  blocks.push_back(std::move(key));
}

void AddTradePartners(const SectionContext& context, std::vector<Block>& blocks) {
  const CaseAnalysis& analysis = context.analysis;
  const Reference& reference = context.reference;
  const std::string& exporter = context.exporter;
  const std::string& period = context.period;
  const std::string& flow_long = context.flow_long;
  const bool whole = context.whole;
  const std::string& partners_in_data = context.partners_in_data;
  blocks.push_back(Heading("Trade partners"));
  {
    std::vector<std::string> labels;
    for (const ShareItem& item : analysis.partner_shares.items) labels.push_back(EconomyName(reference, item.partner));
    const bool of_products = !whole && TotalIsProductsToTheWorld(analysis.partner_shares.total);
    if (of_products) {
      blocks.push_back(Paragraph(fmt::format(
          "The data give no total of {0}'s {1}, only its {1} to the world of some products: the shares below are "
          "of their sum, not of {0}'s whole {1}, and each partner's value adds up the products the data give for "
          "it.",
          exporter, flow_long)));
    } else if (!whole) {
      blocks.push_back(Paragraph(fmt::format(
          "The data give no total of {0}'s {1}, only its {1} {3} {2}: the shares below are of their sum, not of "
          "{0}'s whole {1}.",
          exporter, flow_long, partners_in_data, context.of_trade ? "with" : "to")));
    }
    blocks.push_back(ShareChart(
        "chart-partner-shares",
        whole         ? fmt::format("{}: partner shares of {}, {}", exporter, flow_long, period)
        : of_products ? fmt::format("{}'s {} of the products in the data, by partner, {}", exporter, flow_long, period)
                      : fmt::format("{}'s {} {} the partners in the data, by partner, {}", exporter, flow_long,
                                    context.of_trade ? "with" : "to", period),
        whole         ? fmt::format("share of {}, %", flow_long)
        : of_products ? "share of the products' exports to the world, %"
                      : "share of the partners in the data, %",
        analysis.partner_shares, labels, "partner",
        whole         ? "Total"
        : of_products ? "World, the products in the data"
                      : "Sum of the partners in the data"));
  }
}

void AddProductMix(const SectionContext& context, std::vector<Block>& blocks) {
  const CaseAnalysis& analysis = context.analysis;
  const Reference& reference = context.reference;
  const std::string& exporter = context.exporter;
  const std::string& period = context.period;
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
}

void AddExposure(const SectionContext& context, std::vector<Block>& blocks) {
  const Reference& reference = context.reference;
  const ExposureResult& exposure = context.analysis.exposure;
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
                      EconomyLabel(reference, p.imposed_by), EconomyLabel(reference, p.on), products, p.FromText(),
                      DescribeEffect(p), exposure.period.ToString(), FormatMoney(policy.covered, exposure.currency),
                      FormatMoney(policy.at_risk, exposure.currency));
      if (const auto& range = policy.at_risk_range) {
        line.pop_back();
        line +=
            fmt::format(" ({} to {} over the range of its share stopped).",
                        FormatMoney(range->first, exposure.currency), FormatMoney(range->second, exposure.currency));
      }
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
}

}  // namespace tradeshock::brief
