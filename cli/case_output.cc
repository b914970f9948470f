#include "case_output.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "tradeshock/error.h"

namespace tradeshock::cli {

std::string NormalisedText(const Concentration& hhi) {
  return hhi.normalized ? fmt::format("normalised {:.4f}", *hhi.normalized) : std::string();
}

std::string Money(double value, const std::string& currency) { return FormatMoney(value, currency); }

std::string Amount(double value) { return FormatScaled(value, kMillions, 1); }

std::string HhiText(const Concentration& hhi) {
  const std::string normalised = NormalisedText(hhi);
  return fmt::format("{:.4f} ({}{}{} partner{}{})", hhi.hhi, normalised, normalised.empty() ? "" : ", ", hhi.item_count,
                     hhi.item_count == 1 ? "" : "s",
                     hhi.lower_bound ? fmt::format(", covering {}: a lower bound", Percent(hhi.coverage, 1)) : "");
}

namespace {

std::string EstimateText(const NowcastEstimate& estimate, const std::string& currency) {
  std::string text = fmt::format("{} (band {} to {})", Money(estimate.central.full_year, currency),
                                 Money(estimate.low.full_year, currency), Money(estimate.high.full_year, currency));
  if (estimate.yoy_central) {
    // A bound that is not known says so, never "+0.0%".
    const auto change = [](const std::optional<double>& yoy) {
      return yoy ? fmt::format("{:+.1f}%", 100.0 * *yoy) : std::string("not known");
    };
    text += fmt::format(", year on year {} (band {} to {})", change(estimate.yoy_central), change(estimate.yoy_low),
                        change(estimate.yoy_high));
  }
  return text;
}

}  // namespace

std::string NowcastText(const NowcastResult& nowcast) {
  std::string out = fmt::format("nowcast of {} for {}:\n", nowcast.target.Describe(), nowcast.year);
  out += fmt::format("  observed {}: {} ({} month{})\n", nowcast.target.period.ToString(),
                     Money(nowcast.ytd.value, nowcast.currency), nowcast.months_observed,
                     nowcast.months_observed == 1 ? "" : "s");
  out += fmt::format("  without the policies: {}\n", EstimateText(nowcast.without_policy, nowcast.currency));
  out += fmt::format("  with the policies:    {}\n", EstimateText(nowcast.with_policy, nowcast.currency));
  if (!nowcast.applied_policies.empty()) {
    out += fmt::format("  policies applied: {}\n", fmt::join(nowcast.applied_policies, ", "));
  }
  if (nowcast.last_year) {
    out += fmt::format("  {} actual: {}\n", nowcast.year - 1, Money(nowcast.last_year->value, nowcast.currency));
  }
  out += "  assumptions:\n";
  for (const std::string& assumption : nowcast.assumptions) out += fmt::format("    - {}\n", assumption);
  return out;
}

std::string BeyondText(const BeyondDirectLoss& beyond, const std::string& currency) {
  std::string out = "beyond the direct loss:\n";
  for (const std::string& note : beyond.case_notes) out += fmt::format("  case assumes: {}\n", note);
  if (beyond.pe) {
    const PeAnalysis& pe = *beyond.pe;
    out += "  partial equilibrium (SMART-style ban mode):\n";
    if (const auto& side = pe.exporter_side) {
      out += fmt::format("    direct loss (exports at risk):       {}\n", Money(side->direct_loss, currency));
      out += fmt::format("    redirected to other markets:         {} ({} of the direct loss)\n",
                         Money(side->redirected, currency), Percent(side->redirected_share, 1));
      out += fmt::format("    net loss (direct loss - redirected): {} ({} of the direct loss)\n",
                         Money(side->net_loss, currency), Percent(1.0 - side->redirected_share, 1));
      out += fmt::format("    exporter's price in other markets:   {:+.2f}%\n", side->exporter_price_change_pct);
      out += fmt::format("    revenue loss incl. the lower price on all sales elsewhere: {} ({} of the direct loss)\n",
                         Money(side->revenue_loss, currency), Percent(side->revenue_loss / side->direct_loss, 1));
      out +=
          fmt::format("    other markets: {} = {}\n", side->other_markets_from, Money(side->other_markets, currency));
      out += fmt::format("    redirected share with half those markets: {}; upper limit rho/(kappa+rho): {}\n",
                         Percent(side->redirected_share_half_markets, 1), Percent(side->redirected_share_limit, 1));
    }
    for (const PeImporterSide& side : pe.importer_side) {
      out += fmt::format(
          "    {} ({}): imports stopped {}, bought from other suppliers instead {}, net change {}, import "
          "price index {:+.3f}%{}\n",
          side.importer, side.policy, Money(side.banned_imports, currency),
          Money(side.substitution_by_others, currency), Money(side.importer_net_change, currency),
          side.import_price_index_change_pct,
          side.substitution_modelled ? "" : " (substitution not modelled: sigma <= 1)");
      out += fmt::format("      importer's imports: {}\n", side.importer_imports_from);
    }
    out += "    parameters:\n";
    for (const ModelParameter& parameter : pe.parameters) {
      out += fmt::format("      {} = {:g}{}: {}\n", parameter.name, parameter.value,
                         parameter.is_default ? " (default)" : "", parameter.source);
    }
    out += "    assumptions:\n";
    for (const std::string& line : pe.assumptions) out += fmt::format("      - {}\n", line);
    for (const std::string& line : pe.not_computed) out += fmt::format("    not computed: {}\n", line);
  }
  if (beyond.ge) {
    const GeAnalysis& ge = *beyond.ge;
    out +=
        fmt::format("  general equilibrium ({} economies, panel {}){}:\n", ge.economies, ge.panel,
                    ge.illustration ? fmt::format(" -- ILLUSTRATION: {} stands in for the exporter", ge.exporter) : "");
    if (!ge.label.empty()) out += fmt::format("    {}\n", ge.label);
    TextTable table({"role", "economy", "exports cdl %", "exports full %", "real income %", "welfare %"},
                    {false, false, true, true, true, true});
    for (const GeChange& change : ge.changes) {
      table.AddRow({change.role, change.economy, fmt::format("{:+.3f}", change.exports_change_cdl_pct),
                    fmt::format("{:+.3f}", change.exports_change_full_pct),
                    fmt::format("{:+.3f}", change.real_income_change_pct),
                    fmt::format("{:+.3f}", change.welfare_change_pct)});
    }
    out += table.Render();
    out += fmt::format("    solved in {} + {} iterations (conditional + full), final change {:.2g}\n",
                       ge.iterations_conditional, ge.iterations_full, ge.final_change_full);
    for (const ModelParameter& parameter : ge.parameters) {
      out += fmt::format("    {} = {:g}: {}\n", parameter.name, parameter.value, parameter.source);
    }
    for (const std::string& line : ge.assumptions) out += fmt::format("    - {}\n", line);
  }
  for (const std::string& line : beyond.not_computed) out += fmt::format("  not computed: {}\n", line);
  return out;
}

std::string BeyondCsv(const BeyondDirectLoss& beyond, const std::string& currency) {
  std::string out;
  if (beyond.pe) {
    if (const auto& side = beyond.pe->exporter_side) {
      for (const auto& [name, value] :
           {std::pair{"pe_direct_loss", side->direct_loss}, std::pair{"pe_other_markets", side->other_markets},
            std::pair{"pe_redirected", side->redirected}, std::pair{"pe_net_loss", side->net_loss},
            std::pair{"pe_revenue_loss", side->revenue_loss}}) {
        out += fmt::format("{},,{},,{},,\n", name, value, currency);
      }
      out += fmt::format("pe_redirected_share,,{},,,,\n", side->redirected_share);
      out += fmt::format("pe_exporter_price_change_pct,,{},,,,\n", side->exporter_price_change_pct);
    }
    for (const PeImporterSide& side : beyond.pe->importer_side) {
      out += fmt::format("pe_substitution_by_others,{},{},,{},,\n", CsvField(side.importer),
                         side.substitution_by_others, currency);
      out += fmt::format("pe_importer_net_change,{},{},,{},,\n", CsvField(side.importer), side.importer_net_change,
                         currency);
    }
    for (const ModelParameter& parameter : beyond.pe->parameters) {
      out += fmt::format("pe_parameter,{},{},,,,\n", CsvField(parameter.name), parameter.value);
    }
  }
  if (beyond.ge) {
    for (const GeChange& change : beyond.ge->changes) {
      const std::string code = CsvField(change.economy);
      out += fmt::format("ge_exports_change_full_pct,{},{},,,,\n", code, change.exports_change_full_pct);
      out += fmt::format("ge_real_income_change_pct,{},{},,,,\n", code, change.real_income_change_pct);
    }
  }
  return out;
}

std::string RatesText(const std::vector<RateUsed>& rates) {
  if (rates.empty()) return "rates: none (no conversion)\n";
  std::string out = "rates:\n";
  for (const RateUsed& rate : rates) {
    out += fmt::format("  {} {}: {} per USD ({})\n", rate.currency, rate.period.ToString(), rate.per_usd, rate.source);
  }
  return out;
}

Case LoadCaseOrFiles(const InputFlags& input, const std::string& scenario, const Reference& reference,
                     MirrorImports mirror) {
  ReadOptions options;
  options.lenient = input.lenient;
  options.baci_country_codes = input.baci_codes;
  options.max_inflated_bytes = input.max_inflated_bytes;
  options.allow_outside_case = input.allow_outside_case;
  CaseSource source;
  source.paths = input.files;
  source.scenario = scenario;
  return LoadCaseFrom(source, reference, options, mirror);
}

}  // namespace tradeshock::cli
