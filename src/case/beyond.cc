// Beyond the direct loss: the scenario's [models] computed next to the exposure (results: include/tradeshock/beyond.h;
// entry point: ComputeBeyondDirectLoss in case_analysis.h).
// The PE ban mode (pe.h) answers how much of the lost sales the exporter can place elsewhere and what the
// importer buys from others instead; the GE model (ge.h) how exports and real income move everywhere when
// the case comes with a square bilateral panel. Only this file turns case data into model inputs, so every
// assumption that bridges the two is written here, next to the code that makes it.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "tradeshock/case_analysis.h"
#include "tradeshock/ge.h"
#include "tradeshock/ge_panel.h"
#include "tradeshock/number_format.h"
#include "tradeshock/pe.h"

namespace tradeshock {
namespace {

// "655.8 million USD": the library's own wording for amounts inside sentences.
std::string Amount(double value, const std::string& currency) { return FormatMoney(value, currency); }

// A stated amount in the analysis currency, at the base period's rate.
double Convert(const StatedAmount& amount, const Reference& reference, const Period& period,
               const std::string& currency, std::vector<RateUsed>& rates) {
  if (amount.currency == currency) return amount.value;
  const FxRate from = reference.PerUsd(amount.currency, period);
  const FxRate to = reference.PerUsd(currency, period);
  if (amount.currency != "USD") MergeRates(rates, {RateUsed{from.currency, from.period, from.per_usd, from.source}});
  if (currency != "USD") MergeRates(rates, {RateUsed{to.currency, to.period, to.per_usd, to.source}});
  return amount.value / from.per_usd * to.per_usd;
}

// A value from the data only when one row (or a conversion of one) holds it: sums over partners or
// products may cover only what the source happened to list.
std::optional<ValueResult> DirectValue(const TradeTable& table, const Reference& reference, const Selection& selection,
                                       const IndicatorOptions& options) {
  Maybe<ValueResult> value = TryComputeValue(table, reference, selection, options);
  if (!value) return std::nullopt;
  for (const std::string& method : value->method) {
    if (method.rfind("partner ", 0) == 0 || method.rfind("product ", 0) == 0) return std::nullopt;
  }
  return std::move(value).ToOptional();
}

pe::BanOptions BanOptionsOf(const PeSettings& settings, double other_markets) {
  pe::BanOptions options;
  options.elasticities.import_demand = settings.import_demand.value;
  options.elasticities.substitution = settings.substitution.value;
  options.elasticities.export_supply = settings.export_supply.value;
  options.redirection_elasticity = settings.redirection.value;
  options.exporter_supply_elasticity = settings.exporter_supply.value;
  options.exporter_other_sales = other_markets;
  return options;
}

// X_o, the exporter's sales to the markets the policies leave open; nullopt (with the reason in
// `not_computed`) when the data cannot give it.
std::optional<double> OtherMarkets(const Case& c, const Reference& reference, const CaseAnalysis& analysis,
                                   const PeSettings& settings, PeAnalysis& pe, std::string& from) {
  const ExposureResult& exposure = analysis.exposure;
  const std::string& currency = analysis.currency;
  const std::string period = analysis.base_period.ToString();
  double covered = 0.0;
  for (const PolicyExposure& policy : exposure.policies) covered += policy.covered;
  switch (settings.other_markets) {
    case OtherMarkets::kStated: {
      const StatedAmount& stated = *settings.other_markets_stated;
      const double value = Convert(stated, reference, analysis.base_period, currency, pe.rates);
      from = fmt::format("stated in the scenario: {} ({})", Amount(value, currency), stated.source);
      return value;
    }
    case OtherMarkets::kExports: {
      if (!exposure.exports_total) {
        pe.not_computed.push_back(fmt::format(
            "The exporter side (redirection, net loss) is not computed: the data give no total of {}'s exports in "
            "{}, so its sales to the markets left open are unknown. Set models.pe.other_markets to \"trade\" (an "
            "upper bound) or to a stated amount.",
            analysis.exporter, period));
        return std::nullopt;
      }
      const double value = exposure.exports_total->value - covered;
      from = fmt::format("{}'s exports in {} ({}) less the covered exports ({}), from the data", analysis.exporter,
                         period, Amount(exposure.exports_total->value, currency), Amount(covered, currency));
      return value;
    }
    case OtherMarkets::kTrade: {
      if (!exposure.trade_total) {
        pe.not_computed.push_back(
            fmt::format("The exporter side is not computed: the data give no total of {}'s trade in {}.",
                        analysis.exporter, period));
        return std::nullopt;
      }
      double with_partners = 0.0;
      std::string partners;
      const IndicatorOptions options{.currency = currency};
      for (const std::string& partner : ImposingPartners(analysis)) {
        const auto value = DirectValue(
            c.table, reference,
            Selection{analysis.exporter, partner, Flow::kTrade, kTotalProduct, analysis.base_period}, options);
        if (!value) {
          pe.not_computed.push_back(fmt::format(
              "The exporter side is not computed: the data give no figure for {}'s total trade with {} in {}.",
              analysis.exporter, partner, period));
          return std::nullopt;
        }
        MergeRates(pe.rates, value->rates);
        with_partners += value->value;
        partners += (partners.empty() ? "" : ", ") + partner;
      }
      const double value = exposure.trade_total->value - with_partners;
      from = fmt::format(
          "{}'s total trade in {} ({}) less its trade with {} ({}), from the data: an upper bound on its exports to "
          "the other markets, since trade includes imports",
          analysis.exporter, period, Amount(exposure.trade_total->value, currency), partners,
          Amount(with_partners, currency));
      return value;
    }
  }
  return std::nullopt;
}

// The exporter side: what it can sell in its other markets (SimulateBan on the direct loss), when they are known.
void AddPeExporterSide(const Case& c, const Reference& reference, const CaseAnalysis& analysis,
                       const PeSettings& settings, PeAnalysis& pe) {
  const ExposureResult& exposure = analysis.exposure;
  const std::string& currency = analysis.currency;
  std::string from;
  const std::optional<double> other_markets = OtherMarkets(c, reference, analysis, settings, pe, from);
  if (other_markets && exposure.at_risk <= 0.0) {
    pe.not_computed.push_back("The exporter side is not computed: nothing is at risk in the base period.");
  } else if (other_markets && *other_markets <= 0.0) {
    pe.not_computed.push_back(fmt::format(
        "The exporter side is not computed: {}'s sales to the other markets come out at {} ({}); nothing can be "
        "redirected to markets it does not sell in.",
        analysis.exporter, Amount(*other_markets, currency), from));
  } else if (other_markets) {
    const std::vector<pe::Supplier> lost = {{analysis.exporter, exposure.at_risk, 0.0, 0.0}};
    const pe::BanResult ban = pe::SimulateBan(lost, analysis.exporter, BanOptionsOf(settings, *other_markets));
    const pe::BanResult half = pe::SimulateBan(lost, analysis.exporter, BanOptionsOf(settings, *other_markets / 2));
    PeExporterSide side;
    side.direct_loss = exposure.at_risk;
    side.other_markets = *other_markets;
    side.other_markets_from = from;
    side.redirected = ban.redirected;
    side.redirected_share = 1.0 - ban.unplaced_share;
    side.net_loss = ban.unplaced;
    const double price = 1.0 + ban.exporter_price_change_pct / 100.0;
    side.revenue_loss =
        side.direct_loss + *other_markets - *other_markets * std::pow(price, 1.0 - settings.redirection.value);
    side.exporter_price_change_pct = ban.exporter_price_change_pct;
    const double rho = settings.redirection.value;
    const double kappa = settings.exporter_supply.value;
    side.redirected_share_limit = rho > 0 ? rho / (kappa + rho) : 0.0;
    side.redirected_share_half_markets = 1.0 - half.unplaced_share;
    pe.exporter_side = side;
    pe.assumptions.push_back(fmt::format(
        "The exporter's other markets: {}. They absorb the lost sales only at a lower price (docs/METHODS.md, P8-P9); "
        "the model treats the exporter's sales as one good.",
        from));
  }
}

// The importer side of one policy: what the imposing economy buys from other suppliers instead, when its imports
// of the covered products are known (else a line of pe.not_computed).
void AddPeImporterSide(const Case& c, const Reference& reference, const CaseAnalysis& analysis,
                       const PeSettings& settings, const PolicyExposure& policy, PeAnalysis& pe) {
  const std::string& currency = analysis.currency;
  const std::string period = analysis.base_period.ToString();
  const IndicatorOptions options{.currency = currency};
  const Policy& p = policy.policy;
  double market = 0.0;
  std::string market_from;
  if (settings.importer_imports) {
    market = Convert(*settings.importer_imports, reference, analysis.base_period, currency, pe.rates);
    market_from =
        fmt::format("stated in the scenario: {} ({})", Amount(market, currency), settings.importer_imports->source);
  } else {
    bool complete = true;
    for (const std::string& product : p.products) {
      const auto value = DirectValue(
          c.table, reference, Selection{p.imposed_by, kWorld, Flow::kImports, product, analysis.base_period}, options);
      if (!value) {
        complete = false;
        break;
      }
      MergeRates(pe.rates, value->rates);
      market += value->value;
    }
    if (!complete) {
      pe.not_computed.push_back(fmt::format(
          "What {} buys from other suppliers instead ({}) is not computed: the case has no figure for {}'s imports "
          "of the covered products from all suppliers in {}, which the importer side of the PE model needs (give "
          "models.pe.importer_imports).",
          p.imposed_by, p.name, p.imposed_by, period));
      return;
    }
    market_from = fmt::format("{}'s imports from all suppliers in {}, from the data", p.imposed_by, period);
  }
  if (market < policy.covered) {
    pe.not_computed.push_back(fmt::format(
        "What {} buys from other suppliers instead ({}) is not computed: its imports of the covered products ({}) "
        "are smaller than the covered flow itself ({}).",
        p.imposed_by, p.name, Amount(market, currency), Amount(policy.covered, currency)));
    return;
  }
  const double t0 = settings.tariff_before.value;
  const std::string stopped = p.on + " (stopped)";
  std::vector<pe::Supplier> suppliers = {{stopped, policy.at_risk, t0, t0}};
  if (policy.covered - policy.at_risk > 0)
    suppliers.push_back({p.on + " (not stopped)", policy.covered - policy.at_risk, t0, t0});
  suppliers.push_back({"other suppliers", market - policy.covered, 0.0, 0.0});
  const pe::BanResult ban = pe::SimulateBan(suppliers, stopped, BanOptionsOf(settings, 0.0));
  PeImporterSide side;
  side.policy = p.name;
  side.importer = p.imposed_by;
  side.importer_imports = market;
  side.importer_imports_from = market_from;
  side.banned_imports = ban.imports_lost;
  side.substitution_by_others = ban.substitution_by_others;
  side.importer_net_change = ban.importer_net_change;
  side.import_price_index_change_pct = ban.import_price_index_change_pct;
  side.substitution_modelled = ban.substitution_modelled;
  side.tariff_revenue_lost = t0 * ban.imports_lost;
  pe.importer_side.push_back(side);
}

PeAnalysis ComputePe(const Case& c, const Reference& reference, const CaseAnalysis& analysis,
                     const PeSettings& settings) {
  PeAnalysis pe;
  pe.currency = analysis.currency;
  pe.parameters = {settings.import_demand, settings.substitution,    settings.export_supply,
                   settings.redirection,   settings.exporter_supply, settings.tariff_before};
  const ExposureResult& exposure = analysis.exposure;
  const std::string& currency = analysis.currency;
  const std::string period = analysis.base_period.ToString();
  pe.assumptions.push_back(fmt::format(
      "The direct loss is the exposure's value at risk in {} ({}): the covered exports times the share the policies "
      "stop, at {} prices.",
      period, Amount(exposure.at_risk, currency), period));
  for (const PolicyExposure& policy : exposure.policies) {
    if (policy.policy.kind == PolicyKind::kTariff) {
      pe.assumptions.push_back(fmt::format(
          "{} is {}; as in the exposure, the PE ban mode takes that share of the covered flow as stopped, not "
          "simulated again as a price change.",
          policy.policy.name, DescribeEffect(policy.policy)));
    }
  }

  AddPeExporterSide(c, reference, analysis, settings, pe);
  for (const PolicyExposure& policy : exposure.policies)
    AddPeImporterSide(c, reference, analysis, settings, policy, pe);
  if (pe.importer_side.empty()) {
    for (ModelParameter& parameter : pe.parameters) {
      if (parameter.name == "import_demand" || parameter.name == "substitution" || parameter.name == "export_supply" ||
          parameter.name == "tariff_before") {
        parameter.source += " (used only by the importer side, not computed here)";
      }
    }
  }
  return pe;
}

// ------------------------------------------------------------------------------------------------
// GE.

// The panel is read by the library's GE panel reader (ge_panel.h): the project's CSV reader, located errors.
ge::Baseline ReadPanel(const GeSettings& settings) {
  ge::PanelSpec spec;
  spec.file = settings.panel_path.string();
  spec.exporter = settings.exporter_column;
  spec.importer = settings.importer_column;
  spec.trade = settings.value_column;
  spec.columns_set_by = "models.ge.columns";
  return ge::ReadPanel(spec).section.observed;
}

GeChange ChangeOf(const ge::EconomyResult& economy, std::string role) {
  return GeChange{std::move(role),
                  economy.economy,
                  economy.exports_change_cdl_pct,
                  economy.exports_change_full_pct,
                  economy.real_gdp_change_full_pct,
                  economy.welfare_change_pct};
}

// The third countries together: exports summed over them, real income weighted by baseline output; then the
// largest gains and losses.
void AddThirdCountries(const ge::Baseline& baseline, const ge::Result& solved, GeAnalysis& result) {
  const auto n = Eigen::Index(baseline.economies.size());
  double exports_before = 0.0, exports_cdl = 0.0, exports_full = 0.0, output = 0.0, real = 0.0, welfare = 0.0;
  std::vector<const ge::EconomyResult*> third;
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::string& code = baseline.economies[static_cast<std::size_t>(i)];
    if (code == result.exporter ||
        std::find(result.imposing.begin(), result.imposing.end(), code) != result.imposing.end()) {
      continue;
    }
    const double y = baseline.flows.row(i).sum();
    exports_before += y - baseline.flows(i, i);
    exports_cdl += solved.flows_conditional.row(i).sum() - solved.flows_conditional(i, i);
    exports_full += solved.flows_full.row(i).sum() - solved.flows_full(i, i);
    output += y;
    real += y * solved.economies[static_cast<std::size_t>(i)].real_gdp_change_full_pct;
    welfare += y * solved.economies[static_cast<std::size_t>(i)].welfare_change_pct;
    third.push_back(&solved.economies[static_cast<std::size_t>(i)]);
  }
  if (!third.empty() && exports_before > 0 && output > 0) {
    result.changes.push_back(GeChange{"third countries", fmt::format("all {} others", third.size()),
                                      (exports_cdl / exports_before - 1) * 100,
                                      (exports_full / exports_before - 1) * 100, real / output, welfare / output});
    std::stable_sort(third.begin(), third.end(), [](const ge::EconomyResult* a, const ge::EconomyResult* b) {
      return a->real_gdp_change_full_pct > b->real_gdp_change_full_pct;
    });
    const std::size_t shown = std::min<std::size_t>(3, third.size() / 2);
    for (std::size_t k = 0; k < shown; ++k)
      result.changes.push_back(ChangeOf(*third[k], "third country, largest gain"));
    for (std::size_t k = 0; k < shown; ++k) {
      result.changes.push_back(ChangeOf(*third[third.size() - 1 - k], "third country, largest loss"));
    }
  }
}

// The policies as a cost change at given prices (the exporter's flows to the imposing economies of the panel),
// with the assumptions that bridge each policy to the one-sector model; fills result.imposing.
Eigen::MatrixXd PolicyCostChange(const Reference& reference, const CaseAnalysis& analysis, const GeSettings& settings,
                                 std::map<std::string, Eigen::Index>& index, GeAnalysis& result) {
  const double theta = settings.theta.value;
  const auto n = Eigen::Index(index.size());
  Eigen::MatrixXd cost = Eigen::MatrixXd::Ones(n, n);
  for (const PolicyExposure& exposure : analysis.exposure.policies) {
    const Policy& policy = exposure.policy;
    std::vector<std::string> importers;
    for (const std::string& member : reference.MembersOn(policy.imposed_by, policy.from.ToString())) {
      if (index.contains(member) && member != result.exporter) importers.push_back(member);
    }
    if (importers.empty()) {
      throw Error(fmt::format("GE: {} (imposing {}) has no economy in the panel {}", policy.imposed_by, policy.name,
                              settings.panel));
    }
    double factor = settings.ban_cost_change.value_or(1.0 - policy.share_stopped);
    std::string mapping = settings.ban_cost_change
                              ? fmt::format(
                                    "the flows it covers are multiplied by {:g} at given prices "
                                    "(models.ge.ban_cost_change)",
                                    factor)
                              : fmt::format(
                                    "the flows it covers are multiplied by 1 - share_stopped = {:g} at given "
                                    "prices",
                                    factor);
    if (policy.kind == PolicyKind::kTariff) {
      factor = std::pow((1.0 + policy.rate) / (1.0 + policy.rate_before), -theta);
      mapping = fmt::format(
          "the trade cost rises by the tariff: flows multiplied by ((1 + {:g}) / (1 + {:g}))^-theta = {:.4f} at "
          "given prices",
          policy.rate, policy.rate_before, factor);
    }
    for (const std::string& importer : importers) {
      cost(index[result.exporter], index[importer]) *= factor;
      if (std::find(result.imposing.begin(), result.imposing.end(), importer) == result.imposing.end()) {
        result.imposing.push_back(importer);
      }
    }
    std::string products;
    for (const std::string& product : policy.products) products += (products.empty() ? "" : ", ") + product;
    result.assumptions.push_back(
        fmt::format("{}: {} on {}; {}.", policy.name, ToString(policy.kind), result.exporter, mapping));
    if (policy.products != std::vector<std::string>{kTotalProduct}) {
      result.assumptions.push_back(fmt::format(
          "{} covers {} only, but the one-sector model cannot tell products apart: it is applied to the whole "
          "bilateral flow, which overstates its reach.",
          policy.name, products));
    }
  }
  return cost;
}

GeAnalysis ComputeGe(const Reference& reference, const CaseAnalysis& analysis, const GeSettings& settings) {
  const ge::Baseline baseline = ReadPanel(settings);
  std::map<std::string, Eigen::Index> index;
  for (std::size_t i = 0; i < baseline.economies.size(); ++i) index[baseline.economies[i]] = Eigen::Index(i);
  GeAnalysis result;
  result.panel = settings.panel;
  result.label = settings.label;
  result.economies = baseline.economies.size();
  result.exporter = settings.stand_in_exporter.value_or(analysis.exporter);
  result.illustration = settings.stand_in_exporter.has_value() && *settings.stand_in_exporter != analysis.exporter;
  if (!index.contains(result.exporter)) {
    throw Error(fmt::format(
        "GE: {} is not an economy of the panel {} ({} economies); the model needs the exporter with its internal "
        "flow. Name a panel economy that stands in for it with models.ge.exporter (the result is then labelled an "
        "illustration)",
        result.exporter, settings.panel, baseline.economies.size()));
  }
  const double theta = settings.theta.value;
  const Eigen::MatrixXd cost = PolicyCostChange(reference, analysis, settings, index, result);
  ge::Options options;
  options.theta = theta;
  options.reference = settings.reference;
  options.imbalance = settings.additive_imbalance ? ge::Imbalance::kAdditive : ge::Imbalance::kMultiplicative;
  if (!options.reference.empty() && !index.contains(options.reference)) {
    throw Error(fmt::format("GE: the reference economy {} is not in the panel {}", options.reference, settings.panel));
  }
  result.reference = options.reference.empty() ? baseline.economies.front() : options.reference;
  const ge::Result solved = ge::Simulate(baseline, cost, options);
  result.parameters = {settings.theta};
  result.iterations_conditional = solved.conditional.iterations;
  result.iterations_full = solved.full.iterations;
  result.final_change_full = solved.full.final_change;
  result.assumptions.push_back(fmt::format(
      "One-sector structural gravity with exact hat algebra on the {} economies of {}: trade elasticity theta = {:g} "
      "({}); {} trade imbalances held fixed; prices relative to {}'s inward resistance.",
      baseline.economies.size(), settings.panel, theta, settings.theta.source,
      settings.additive_imbalance ? "additive" : "multiplicative", result.reference));

  const auto find = [&](const std::string& code) -> const ge::EconomyResult& {
    return solved.economies[static_cast<std::size_t>(index[code])];
  };
  result.changes.push_back(ChangeOf(find(result.exporter), "exporter"));
  for (const std::string& importer : result.imposing)
    result.changes.push_back(ChangeOf(find(importer), "imposing partner"));
  AddThirdCountries(baseline, solved, result);
  if (result.illustration) {
    result.assumptions.insert(
        result.assumptions.begin(),
        fmt::format("Illustration, not {}: the panel has no {}, so {} stands in for it. The numbers show how the "
                    "model spreads a ban of this kind through the panel's economies; they are not estimates for {}.",
                    analysis.exporter, analysis.exporter, result.exporter, analysis.exporter));
  }
  return result;
}

}  // namespace

BeyondDirectLoss ComputeBeyondDirectLoss(const Case& c, const Reference& reference, const CaseAnalysis& analysis) {
  BeyondDirectLoss beyond;
  const ModelSettings& models = c.scenario->models;
  beyond.case_notes = models.notes;
  if (models.pe) beyond.pe = ComputePe(c, reference, analysis, *models.pe);
  if (models.ge) {
    beyond.ge = ComputeGe(reference, analysis, *models.ge);
  } else {
    beyond.not_computed.push_back(fmt::format(
        "General equilibrium: not computed. It needs a square bilateral panel that includes {} with its internal "
        "(domestic) sales and its trade with every partner; the scenario gives none ([models.ge]).",
        analysis.exporter));
  }
  return beyond;
}

}  // namespace tradeshock
