// Machine-readable forms of the case results (include/tradeshock/result_json.h); schema: docs/FORMATS.md, "Brief JSON".
// Every number goes out with its currency, the table rows it was added up from (index and source text)
// and the FX rates that converted it.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "tradeshock/case_analysis.h"
#include "tradeshock/describe.h"
#include "tradeshock/result_json.h"

namespace tradeshock {

namespace {

using nlohmann::json;

json Optional(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json SelectionJson(const Selection& selection) {
  return {{"reporter", selection.reporter},
          {"partner", selection.partner},
          {"flow", std::string(ToString(selection.flow))},
          {"product", selection.product},
          {"period", selection.period.ToString()}};
}

// Longer row lists are given as runs of consecutive indices, and only the first runs of them: a total over a
// BACI table adds up a million rows, which as a list would make brief.json hundreds of megabytes. The result's
// selection re-selects every row.
constexpr std::size_t kListedRows = 20;

json RowsJson(const std::vector<std::size_t>& rows, const TradeTable& table) {
  json list = json::array();
  if (rows.size() > kListedRows) {
    std::size_t listed = 0;
    for (std::size_t i = 0; i < rows.size() && list.size() < kListedRows;) {
      std::size_t j = i + 1;
      while (j < rows.size() && rows[j] == rows[j - 1] + 1) ++j;
      list.push_back({{"first", rows[i]}, {"last", rows[j - 1]}});
      listed += j - i;
      i = j;
    }
    if (listed < rows.size()) list.push_back({{"omitted", rows.size() - listed}});
    return list;
  }
  for (const std::size_t row : rows) {
    json entry = {{"index", row}};
    if (table.has_source() && row < table.size()) entry["source"] = table.sources()[table.source()[row]];
    list.push_back(std::move(entry));
  }
  return list;
}

// The nowcast's own history taken from claims; its rows come after the table's (index >= the table's rows).
json ImpliedValuesJson(const std::vector<ImpliedValue>& values) {
  json list = json::array();
  for (const ImpliedValue& value : values) {
    list.push_back({{"selection", SelectionJson(value.selection)},
                    {"value", value.value},
                    {"currency", value.currency},
                    {"value_claim", value.value_claim},
                    {"growth_claim", value.growth_claim},
                    {"explanation", value.explanation}});
  }
  return list;
}

json RatesJson(const std::vector<RateUsed>& rates) {
  json list = json::array();
  for (const RateUsed& rate : rates) {
    list.push_back({{"currency", rate.currency},
                    {"period", rate.period.ToString()},
                    {"per_usd", rate.per_usd},
                    {"source", rate.source}});
  }
  return list;
}

json ValueJson(const ValueResult& value, const TradeTable& table) {
  return {{"selection", SelectionJson(value.selection)}, {"value", value.value},   {"currency", value.currency},
          {"rows", RowsJson(value.rows, table)},         {"method", value.method}, {"rates", RatesJson(value.rates)}};
}

json OptionalValueJson(const std::optional<ValueResult>& value, const TradeTable& table) {
  return value ? ValueJson(*value, table) : json(nullptr);
}

// A text, or null when empty (not known).
json Known(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

// [low, high], or null.
json RangeJson(const std::optional<std::pair<double, double>>& range) {
  return range ? json::array({range->first, range->second}) : json(nullptr);
}

json ConcentrationJson(const Concentration& hhi) {
  return {{"items", hhi.item_count},    {"hhi", hhi.hhi},
          {"hhi_upper", hhi.hhi_upper}, {"normalized", Optional(hhi.normalized)},
          {"coverage", hhi.coverage},   {"lower_bound", hhi.lower_bound}};
}

// A share whose total is not known is null, never 0 (ExposureItem keeps 0 there).
json ExposureItemsJson(const std::vector<ExposureItem>& items, const ExposureResult& exposure) {
  json list = json::array();
  for (const ExposureItem& item : items) {
    list.push_back({{"code", item.code},
                    {"value", item.value},
                    {"covered", item.covered},
                    {"at_risk", item.at_risk},
                    {"currency", exposure.currency},
                    {"share_of_exports", exposure.share_of_exports ? json(item.share_of_exports) : json(nullptr)},
                    {"share_of_trade", exposure.share_of_trade ? json(item.share_of_trade) : json(nullptr)}});
  }
  return list;
}

json RanksJson(const std::vector<PartnerRank>& ranks, const std::string& currency) {
  json list = json::array();
  for (const PartnerRank& rank : ranks) {
    list.push_back({{"partner", rank.partner}, {"value", rank.value}, {"currency", currency}, {"share", rank.share}});
  }
  return list;
}

json PathJson(const NowcastPath& path, const std::string& currency) {
  return {{"full_year", path.full_year},
          {"currency", currency},
          {"monthly", path.monthly},
          {"cumulative", path.cumulative}};
}

json EstimateJson(const NowcastEstimate& estimate, const std::string& currency) {
  return {{"central", PathJson(estimate.central, currency)}, {"low", PathJson(estimate.low, currency)},
          {"high", PathJson(estimate.high, currency)},       {"yoy_central", Optional(estimate.yoy_central)},
          {"yoy_low", Optional(estimate.yoy_low)},           {"yoy_high", Optional(estimate.yoy_high)}};
}

json IntervalJson(const Interval& interval) {
  const auto bound = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
  return {{"low", bound(interval.low)},
          {"high", bound(interval.high)},
          {"low_open", interval.low_open},
          {"high_open", interval.high_open}};
}

json ClaimRowsJson(const std::vector<ClaimRow>& rows) {
  json list = json::array();
  for (const ClaimRow& row : rows) {
    json entry = {{"index", row.index}};
    if (!row.source.empty()) entry["source"] = row.source;
    list.push_back(std::move(entry));
  }
  return list;
}

json ProjectionJson(const std::optional<Projection>& projection) {
  if (!projection) return nullptr;
  return {{"central", projection->central},
          {"low", projection->low},
          {"high", projection->high},
          {"currency", projection->currency},
          {"description", projection->description},
          {"assumptions", projection->assumptions}};
}

// Snake case, as every key and enumerated value of the JSON ("not_checkable").
std::string StatusText(ClaimStatus status) {
  std::string text(ToString(status));
  std::replace(text.begin(), text.end(), ' ', '_');
  return text;
}

// A share's numerator or denominator: what it is and its value (null when not known); null for other metrics.
json TermJson(const std::optional<ClaimTerm>& term) {
  if (!term) return nullptr;
  return {{"describes", term->describes}, {"value", Optional(term->value)}};
}

json ReadingJson(const ClaimReading& reading) {
  return {{"label", reading.label},
          {"flow", std::string(ToString(reading.flow))},
          {"currency", reading.currency},
          {"status", StatusText(reading.status)},
          {"computed", Optional(reading.computed)},
          {"projection", ProjectionJson(reading.projection)},
          {"message", reading.message},
          {"rows", ClaimRowsJson(reading.rows)},
          {"rates", RatesJson(reading.rates)},
          {"method", reading.method},
          {"numerator", TermJson(reading.numerator)},
          {"denominator", TermJson(reading.denominator)}};
}

// An item of a share table: its value and its share of the table's total, named as numerator ("RUS exports to
// USA, 27, 2021"); the total is the table's "denominator".
json ShareItemJson(const ShareItem& item, const ShareResult& shares, const TradeTable& table) {
  Selection numerator = shares.total.selection;
  if (!item.partner.empty()) numerator.partner = item.partner;
  if (!item.product.empty()) numerator.product = item.product;
  json entry = {{"value", item.value},
                {"currency", shares.currency},
                {"share", item.share},
                {"numerator", numerator.Describe()},
                {"rows", RowsJson(item.rows, table)}};
  if (!item.partner.empty()) entry["partner"] = item.partner;
  if (!item.product.empty()) entry["product"] = item.product;
  return entry;
}

json RestJson(const ShareResult& shares) {
  return shares.rest ? json{{"value", shares.rest->value}, {"currency", shares.currency}, {"share", shares.rest->share}}
                     : json(nullptr);
}

// A value that may be missing: its object, or {"error": the reason} (never a 0 standing in for it).
template <class T, class F>
json MaybeJson(const Maybe<T>& maybe, F&& to_json) {
  return maybe ? to_json(*maybe) : json{{"error", maybe.reason()}};
}

}  // namespace

json ToJson(const std::vector<CodeMatch>& matches) {
  json list = json::array();
  for (const CodeMatch& match : matches) {
    list.push_back({{"query", match.query},
                    {"kind", match.kind},
                    {"code", match.code},
                    {"name", match.name},
                    {"detail", match.detail}});
  }
  return list;
}

nlohmann::json ToJson(const ValueResult& value, const TradeTable& table) { return ValueJson(value, table); }

nlohmann::json ToJson(const Concentration& hhi) { return ConcentrationJson(hhi); }

nlohmann::json ToJson(const Dependence& dependence) {
  return {{"partner", dependence.partner},
          {"value", dependence.value},
          {"total", dependence.total},
          {"share", dependence.share},
          {"currency", dependence.currency}};
}

nlohmann::json ToJson(const Growth& growth, const TradeTable& table) {
  return {{"base", ValueJson(growth.base, table)},
          {"current", ValueJson(growth.current, table)},
          {"change", growth.change},
          {"growth", growth.growth},
          {"currency", growth.currency}};
}

nlohmann::json ToJson(const Rca& rca, const TradeTable& table) {
  return {{"rca", rca.rca},
          {"world_from", rca.world_from},
          {"reporter_product", ValueJson(rca.reporter_product, table)},
          {"reporter_total", ValueJson(rca.reporter_total, table)},
          {"world_product", ValueJson(rca.world_product, table)},
          {"world_total", ValueJson(rca.world_total, table)}};
}

nlohmann::json ToJson(const DescribeResult& report, const TradeTable& table) {
  const ShareResult& shares = report.shares;
  json items = json::array();
  for (std::size_t i = 0; i < shares.items.size(); ++i) {
    json entry = ShareItemJson(shares.items[i], shares, table);
    if (i < report.item_rca.size() && report.item_rca[i]) entry["rca"] = *report.item_rca[i];
    items.push_back(std::move(entry));
  }
  const auto optional_hhi = [](const std::optional<Concentration>& hhi) {
    return hhi ? ConcentrationJson(*hhi) : json(nullptr);
  };
  const auto growth = [&table](const Growth& g) { return ToJson(g, table); };
  json out = {{"selection", SelectionJson(shares.total.selection)},
              {"currency", shares.currency},
              {"denominator", shares.total.selection.Describe()},
              {"total", ValueJson(shares.total, table)},
              {"items", items},
              {"items_total", shares.items.size()},
              {"itemised", shares.itemised},
              {"coverage", shares.coverage},
              {"rest", RestJson(shares)},
              {"hhi", {{"partners", optional_hhi(report.partner_hhi)}, {"products", optional_hhi(report.product_hhi)}}},
              {"rates", RatesJson(shares.rates)},
              {"notes", shares.notes},
              {"dependence", MaybeJson(report.dependence,
                                       [&shares](const Dependence& d) {
                                         // Named like every share: the partner's value of the selection's total.
                                         json out = ToJson(d);
                                         Selection numerator = shares.total.selection;
                                         numerator.partner = d.partner;
                                         out["numerator"] = numerator.Describe();
                                         out["denominator"] = shares.total.selection.Describe();
                                         return out;
                                       })},
              {"compare_period", report.compare_period.ToString()},
              {"growth", MaybeJson(report.growth, growth)}};
  if (report.partner_growth) out["partner_growth"] = MaybeJson(*report.partner_growth, growth);
  if (report.rca) out["rca"] = MaybeJson(*report.rca, [&table](const Rca& r) { return ToJson(r, table); });
  if (!report.item_rca.empty()) out["rca_world_from"] = report.rca_world_from;
  return out;
}

nlohmann::json IndicatorsToJson(const DescribeResult& report, const TradeTable& table, const Reference& reference,
                                std::size_t top) {
  json out = ToJson(report, table);
  json& items = out["items"];
  if (top != 0 && items.size() > top) items.erase(items.begin() + static_cast<std::ptrdiff_t>(top), items.end());
  for (json& item : items) {
    if (item.contains("partner"))
      item["partner_name"] = EconomyDisplayName(reference, item["partner"].get<std::string>());
    if (item.contains("product"))
      item["product_name"] = ProductDisplayName(reference, item["product"].get<std::string>());
  }
  return out;
}

std::string EconomyDisplayName(const Reference& reference, std::string_view code) {
  const Economy* economy = reference.FindEconomy(code);
  return economy == nullptr ? std::string() : economy->name;
}

std::string ProductDisplayName(const Reference& reference, std::string_view code) {
  if (code == kTotalProduct) return "all products";
  if (const HsEntry* entry = reference.FindHs(code)) return entry->description;
  if (const ProductGroup* group = reference.FindProductGroup(code)) return group->name;
  return {};
}

nlohmann::json ToJson(const ShareResult& shares, const TradeTable& table) {
  json items = json::array();
  for (const ShareItem& item : shares.items) items.push_back(ShareItemJson(item, shares, table));
  const char* by = shares.by == ShareBy::kPartner   ? "partner"
                   : shares.by == ShareBy::kProduct ? "product"
                                                    : "partner_product";
  return {{"by", by},
          {"currency", shares.currency},
          {"denominator", shares.total.selection.Describe()},
          {"total", ValueJson(shares.total, table)},
          {"items", items},
          {"rest", RestJson(shares)},
          {"itemised", shares.itemised},
          {"coverage", shares.coverage},
          {"rates", RatesJson(shares.rates)},
          {"notes", shares.notes}};
}

nlohmann::json ToJson(const ExposureResult& exposure, const TradeTable& table) {
  json policies = json::array();
  for (const PolicyExposure& policy : exposure.policies) {
    policies.push_back(
        {{"name", policy.policy.name},
         {"kind", std::string(ToString(policy.policy.kind))},
         {"rate", policy.policy.rate},
         {"imposed_by", policy.policy.imposed_by},
         {"on", policy.policy.on},
         {"products", policy.policy.products},
         {"from", policy.policy.from.ToString()},
         {"from_range", policy.policy.from_range ? json::array({policy.policy.from_range->first.ToString(),
                                                                policy.policy.from_range->second.ToString()})
                                                 : json(nullptr)},
         {"rate_before", policy.policy.rate_before},
         {"elasticity", policy.policy.kind == PolicyKind::kTariff && !policy.policy.share_stopped_stated
                            ? json{{"value", policy.policy.elasticity.value},
                                   {"source", policy.policy.elasticity.source},
                                   {"is_default", policy.policy.elasticity.is_default}}
                            : json(nullptr)},
         {"share_stopped", policy.policy.share_stopped},
         {"share_stopped_stated", policy.policy.share_stopped_stated},
         {"share_stopped_range", RangeJson(policy.policy.share_stopped_range)},
         {"effect", DescribeEffect(policy.policy)},
         {"covered", policy.covered},
         {"at_risk", policy.at_risk},
         {"at_risk_range", RangeJson(policy.at_risk_range)},
         {"rows", RowsJson(policy.rows, table)},
         {"currency", exposure.currency},
         {"year_earlier", OptionalValueJson(policy.year_earlier, table)},
         {"by_partner", ExposureItemsJson(policy.by_partner, exposure)},
         {"by_product", ExposureItemsJson(policy.by_product, exposure)}});
  }
  json concentration = json::array();
  for (const ConcentrationChange& change : exposure.concentration) {
    concentration.push_back({{"flow", std::string(ToString(change.flow))},
                             {"before", ConcentrationJson(change.before)},
                             {"after", ConcentrationJson(change.after)},
                             {"largest_before", RanksJson(change.largest_before, exposure.currency)},
                             {"largest_after", RanksJson(change.largest_after, exposure.currency)}});
  }
  return {{"exporter", exposure.exporter},
          {"period", exposure.period.ToString()},
          {"currency", exposure.currency},
          {"exports_total", OptionalValueJson(exposure.exports_total, table)},
          {"trade_total", OptionalValueJson(exposure.trade_total, table)},
          {"at_risk", exposure.at_risk},
          {"at_risk_range", RangeJson(exposure.at_risk_range)},
          {"share_of_exports", Optional(exposure.share_of_exports)},
          {"share_of_trade", Optional(exposure.share_of_trade)},
          {"year_earlier_value", Optional(exposure.year_earlier_value)},
          {"policies", policies},
          {"by_partner", ExposureItemsJson(exposure.by_partner, exposure)},
          {"by_product", ExposureItemsJson(exposure.by_product, exposure)},
          {"concentration", concentration},
          {"rates", RatesJson(exposure.rates)},
          {"notes", exposure.notes}};
}

nlohmann::json ToJson(const NowcastResult& nowcast, const TradeTable& table) {
  json years = json::array();
  for (const ProfileYear& year : nowcast.profile_years) {
    years.push_back({{"year", year.year},
                     {"cumulative", year.cumulative},
                     {"known_months", year.known_months},
                     {"from", year.from},
                     {"rows", RowsJson(year.rows, table)}});
  }
  json backtest = json::array();
  for (const BacktestPoint& point : nowcast.backtest) {
    backtest.push_back({{"year", point.year}, {"cutoff", point.cutoff}, {"error", point.error}});
  }
  return {{"target", SelectionJson(nowcast.target)},
          {"profile", SelectionJson(nowcast.profile)},
          {"stand_in", nowcast.stand_in},
          {"currency", nowcast.currency},
          {"ytd", ValueJson(nowcast.ytd, table)},
          {"year", nowcast.year},
          {"months_observed", nowcast.months_observed},
          {"profile_years", years},
          {"central_profile", nowcast.central_profile},
          {"backtest", backtest},
          {"band",
           {{"factor", nowcast.band.factor},
            {"backtest_years", nowcast.band.backtest_years},
            {"coverage", nowcast.band.fallback ? json(nullptr) : json(nowcast.band.coverage)},
            {"method", nowcast.band.fallback ? "wide band: the projected months x/÷ 2, or the full year x/÷ factor "
                                               "where wider (fewer than 3 back-test years)"
                                             : "back-test: the full year x/÷ factor, covering `coverage` of the "
                                               "back-test years at the cut-off month"}}},
          {"without_policy", EstimateJson(nowcast.without_policy, nowcast.currency)},
          {"with_policy", EstimateJson(nowcast.with_policy, nowcast.currency)},
          {"applied_policies", nowcast.applied_policies},
          {"stopped_share", nowcast.stopped_share},
          {"stopped_share_most", nowcast.stopped_share_most ? json(*nowcast.stopped_share_most) : json(nullptr)},
          {"stopped_share_least", nowcast.stopped_share_least ? json(*nowcast.stopped_share_least) : json(nullptr)},
          {"last_year", OptionalValueJson(nowcast.last_year, table)},
          {"rates", RatesJson(nowcast.rates)},
          {"assumptions", nowcast.assumptions}};
}

nlohmann::json ToJson(const ClaimsReport& claims, const TradeTable& /*table*/) {
  json results = json::array();
  for (const ClaimResult& result : claims.results) {
    json tried = json::array();
    for (const ClaimReading& reading : result.tried) tried.push_back(ReadingJson(reading));
    results.push_back({{"id", result.id},
                       {"text", result.text},
                       {"metric", std::string(ToString(result.metric))},
                       {"comparison", std::string(ToString(result.comparison))},
                       {"stated", result.stated},
                       {"interval", IntervalJson(result.interval)},
                       {"status", StatusText(result.status)},
                       {"verdict", std::string(ToString(result.verdict))},
                       {"computed", Optional(result.computed)},
                       {"numerator", TermJson(result.used.numerator)},
                       {"denominator", TermJson(result.used.denominator)},
                       {"currency", result.used.currency},
                       {"message", result.message},
                       {"used", ReadingJson(result.used)},
                       {"tried", tried},
                       {"rows", ClaimRowsJson(result.rows)},
                       {"rates", RatesJson(result.rates)},
                       {"notes", result.notes}});
  }
  json inconsistencies = json::array();
  for (const ClaimInconsistency& inconsistency : claims.inconsistencies) {
    json item = {{"claims", inconsistency.claim_ids}, {"explanation", inconsistency.explanation}, {"implied", nullptr}};
    if (const auto& implied = inconsistency.implied) {
      item["implied"] = {{"value_claim", implied->value_claim},
                         {"growth_claim", implied->growth_claim},
                         {"figure", implied->figure},
                         {"currency", implied->currency},
                         {"base_period", implied->base_period.ToString()},
                         {"base", implied->base},
                         {"change", implied->change},
                         {"comparison", std::string(ToString(implied->comparison))},
                         {"stated_change", implied->stated_change.text},
                         {"needed", IntervalJson(implied->needed)}};
    }
    inconsistencies.push_back(std::move(item));
  }
  return {{"results", results},
          {"inconsistencies", inconsistencies},
          {"supported", claims.supported},
          {"verdicts",
           {{"matches_data_entry", claims.matches_data_entry},
            {"supported_by_independent_data", claims.SupportedIndependently()},
            {"consistent_with_projection", claims.consistent_with_projection},
            {"contradicted", claims.contradicted},
            {"not_checkable", claims.not_checkable},
            {"figures_disagree", claims.inconsistencies.size()}}},
          {"contradicted", claims.contradicted},
          {"not_checkable", claims.not_checkable}};
}

nlohmann::json ToJson(const BeyondDirectLoss& beyond) {
  const auto parameters = [](const std::vector<ModelParameter>& list) {
    json out = json::array();
    for (const ModelParameter& parameter : list) {
      out.push_back({{"name", parameter.name},
                     {"value", parameter.value},
                     {"source", parameter.source},
                     {"default", parameter.is_default}});
    }
    return out;
  };
  json pe = nullptr;
  if (beyond.pe) {
    json exporter = nullptr;
    if (const auto& side = beyond.pe->exporter_side) {
      exporter = {{"currency", beyond.pe->currency},
                  {"direct_loss", side->direct_loss},
                  {"other_markets", side->other_markets},
                  {"other_markets_from", side->other_markets_from},
                  {"redirected", side->redirected},
                  {"redirected_share", side->redirected_share},
                  {"net_loss", side->net_loss},
                  {"revenue_loss", side->revenue_loss},
                  {"exporter_price_change_pct", side->exporter_price_change_pct},
                  {"redirected_share_limit", side->redirected_share_limit},
                  {"redirected_share_half_markets", side->redirected_share_half_markets}};
    }
    json importer = json::array();
    for (const PeImporterSide& side : beyond.pe->importer_side) {
      importer.push_back({{"policy", side.policy},
                          {"importer", side.importer},
                          {"currency", beyond.pe->currency},
                          {"importer_imports", side.importer_imports},
                          {"importer_imports_from", side.importer_imports_from},
                          {"banned_imports", side.banned_imports},
                          {"substitution_by_others", side.substitution_by_others},
                          {"importer_net_change", side.importer_net_change},
                          {"import_price_index_change_pct", side.import_price_index_change_pct},
                          {"substitution_modelled", side.substitution_modelled},
                          {"tariff_revenue_lost", side.tariff_revenue_lost}});
    }
    pe = {{"currency", beyond.pe->currency},
          {"parameters", parameters(beyond.pe->parameters)},
          {"exporter_side", exporter},
          {"importer_side", importer},
          {"assumptions", beyond.pe->assumptions},
          {"not_computed", beyond.pe->not_computed},
          {"rates", RatesJson(beyond.pe->rates)}};
  }
  json ge = nullptr;
  if (beyond.ge) {
    json changes = json::array();
    for (const GeChange& change : beyond.ge->changes) {
      changes.push_back({{"role", change.role},
                         {"economy", change.economy},
                         {"exports_change_cdl_pct", change.exports_change_cdl_pct},
                         {"exports_change_full_pct", change.exports_change_full_pct},
                         {"real_income_change_pct", change.real_income_change_pct},
                         {"welfare_change_pct", change.welfare_change_pct}});
    }
    ge = {{"panel", beyond.ge->panel},
          {"label", beyond.ge->label},
          {"economies", beyond.ge->economies},
          {"exporter", beyond.ge->exporter},
          {"illustration", beyond.ge->illustration},
          {"imposing", beyond.ge->imposing},
          {"parameters", parameters(beyond.ge->parameters)},
          {"reference", beyond.ge->reference},
          {"changes", changes},
          {"iterations_conditional", beyond.ge->iterations_conditional},
          {"iterations_full", beyond.ge->iterations_full},
          {"final_change_full", beyond.ge->final_change_full},
          {"assumptions", beyond.ge->assumptions}};
  }
  return {{"case_notes", beyond.case_notes}, {"pe", pe}, {"ge", ge}, {"not_computed", beyond.not_computed}};
}

namespace {

// The product values of data that give no total to take shares of (CaseAnalysis::product_values): the values
// with their numerators, and the share, the total and the coverage null (not known), never 0.
json ValuesOnlyJson(const ShareResult& values, const TradeTable& table) {
  json out = ToJson(values, table);
  for (json& item : out["items"]) item["share"] = nullptr;
  out["denominator"] = nullptr;
  out["total"] = nullptr;
  out["coverage"] = nullptr;
  out["not_known"] = values.total.method;
  return out;
}

// The largest partner's share, with its numerator and denominator named.
json LargestPartnerJson(const CaseAnalysis& analysis) {
  json out = ToJson(analysis.largest_partner);
  Selection numerator = analysis.partner_shares.total.selection;
  numerator.partner = analysis.largest_partner.partner;
  out["numerator"] = numerator.Describe();
  if (analysis.partner_total_known) {
    out["denominator"] = analysis.partner_shares.total.selection.Describe();
  } else {
    // Of the partners' sum only: its share of the exporter's whole flow is not known.
    out["denominator"] = nullptr;
    out["share"] = nullptr;
    out["total"] = nullptr;
  }
  return out;
}

}  // namespace

nlohmann::json CaseAnalysisToJson(const CaseAnalysis& analysis, const TradeTable& table) {
  return {{"title", analysis.title},
          {"description", analysis.description},
          {"caveats", analysis.caveats},
          {"source", analysis.source ? json{{"outlet", Known(analysis.source->outlet)},
                                            {"title", Known(analysis.source->title)},
                                            {"date", Known(analysis.source->date)},
                                            {"url", Known(analysis.source->url)}}
                                     : json(nullptr)},
          {"input_files", analysis.input_files},
          {"exporter", analysis.exporter},
          {"currency", analysis.currency},
          {"base_period", analysis.base_period.ToString()},
          {"partner_flow", std::string(ToString(analysis.partner_flow))},
          {"partner_total_known", analysis.partner_total_known},
          {"partner_shares", ToJson(analysis.partner_shares, table)},
          {"partner_concentration",
           analysis.partner_total_known ? ConcentrationJson(analysis.partner_concentration) : json(nullptr)},
          {"largest_partner", LargestPartnerJson(analysis)},
          {"product_shares", analysis.product_shares ? ToJson(*analysis.product_shares, table) : json(nullptr)},
          {"product_values", analysis.product_values ? ValuesOnlyJson(*analysis.product_values, table) : json(nullptr)},
          {"product_partners", analysis.product_partners},
          {"exposure", ToJson(analysis.exposure, table)},
          {"nowcast", analysis.nowcast ? ToJson(*analysis.nowcast, table) : json(nullptr)},
          {"nowcast_stand_in", analysis.nowcast_stand_in ? ToJson(*analysis.nowcast_stand_in, table) : json(nullptr)},
          {"nowcast_implied", ImpliedValuesJson(analysis.nowcast_implied)},
          {"claims", analysis.claims ? ToJson(*analysis.claims, table) : json(nullptr)},
          {"beyond_direct_loss", analysis.beyond ? ToJson(*analysis.beyond) : json(nullptr)},
          {"rates", RatesJson(analysis.rates)},
          {"notes", analysis.notes}};
}

}  // namespace tradeshock
