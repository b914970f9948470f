// tradeshock scenario: the exposure of an economy to a scenario's policies (value and share at risk by
// product and partner, partner concentration before and after, the year-earlier value) and the nowcast of
// the scenario's [nowcast] target. All computing is in the library (tradeshock/case.h); this file reads the
// flags and formats the result.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "case_options.h"
#include "case_output.h"
#include "commands.h"
#include "output.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/error.h"
#include "tradeshock/result_json.h"

namespace tradeshock::cli {
namespace {

// Rows of a table for a person; the rest go into one "N more" row (--format csv and json keep every item).
constexpr std::size_t kMaxTableRows = 30;

struct ScenarioFlags {
  InputFlags input;
  std::string scenario;
  std::string period;
  std::string currency = "USD";
  std::string format = "table";
  std::string out;
  CaseDataFlags data;
};

// The title, the policies and the exports at risk with their shares.
std::string PoliciesText(const CaseAnalysis& analysis) {
  const ExposureResult& exposure = analysis.exposure;
  const std::string& currency = analysis.currency;
  std::string out = fmt::format("{}\n", analysis.title);
  out += fmt::format("exporter {}, base period {}, values in {}\n\n", analysis.exporter,
                     analysis.base_period.ToString(), currency);
  out += "policies:\n";
  for (const PolicyExposure& policy : exposure.policies) {
    out += fmt::format("  {}: by {} on {}, products {}, from {}: {}\n", policy.policy.name, policy.policy.imposed_by,
                       policy.policy.on, fmt::join(policy.policy.products, ", "), policy.policy.FromText(),
                       DescribeEffect(policy.policy));
  }
  out += "\nat risk:\n";
  out += fmt::format("  exports at risk ({}): {}{}\n", exposure.period.ToString(), Money(exposure.at_risk, currency),
                     exposure.at_risk_range ? fmt::format(" ({} to {} over the range of the share stopped)",
                                                          Money(exposure.at_risk_range->first, currency),
                                                          Money(exposure.at_risk_range->second, currency))
                                            : "");
  out += fmt::format("  share of {}'s exports: {}\n", exposure.exporter,
                     exposure.share_of_exports ? Percent(*exposure.share_of_exports, 2)
                                               : std::string("not known (no total of its exports in the data)"));
  out += fmt::format("  share of {}'s total trade: {}{}\n", exposure.exporter,
                     exposure.share_of_trade ? Percent(*exposure.share_of_trade, 2) : std::string("not known"),
                     exposure.trade_total ? fmt::format(" (of {})", Money(exposure.trade_total->value, currency)) : "");
  out += fmt::format("  the covered flow a year earlier ({}): {}\n", exposure.period.ShiftYears(-1).ToString(),
                     exposure.year_earlier_value ? Money(*exposure.year_earlier_value, currency) : "not in the data");
  return out;
}

// The exports at risk by partner and by product (kMaxTableRows rows each, the rest as one).
std::string AtRiskItemsText(const ExposureResult& exposure, const std::string& currency) {
  std::string out;
  for (const auto& [title, items] :
       {std::pair{"by partner", &exposure.by_partner}, std::pair{"by product", &exposure.by_product}}) {
    out += fmt::format("\nat risk {}:\n", title);
    TextTable table({"code", fmt::format("million {}", currency), fmt::format("at risk, million {}", currency),
                     "of exports", "of trade"},
                    {false, true, true, true, true});
    ExposureItem more{fmt::format("{} more", items->size() > kMaxTableRows ? items->size() - kMaxTableRows : 0)};
    for (std::size_t i = 0; i < items->size(); ++i) {
      const ExposureItem& item = (*items)[i];
      if (i >= kMaxTableRows) {
        more.value += item.value;
        more.at_risk += item.at_risk;
        more.share_of_exports += item.share_of_exports;
        more.share_of_trade += item.share_of_trade;
        if (i + 1 < items->size()) continue;
      }
      const ExposureItem& shown = i >= kMaxTableRows ? more : item;
      table.AddRow({shown.code, Amount(shown.value), Amount(shown.at_risk),
                    exposure.share_of_exports ? Percent(shown.share_of_exports, 2) : "not known",
                    exposure.share_of_trade ? Percent(shown.share_of_trade, 2) : "not known"});
    }
    out += table.Render();
  }
  return out;
}

// The exporter's partners with their shares and the largest.
std::string PartnersText(const CaseAnalysis& analysis) {
  const std::string& currency = analysis.currency;
  std::string out;
  const std::string partner_flow = analysis.partner_flow == Flow::kTrade ? "total trade" : "exports";
  const bool whole = analysis.partner_total_known;
  out += fmt::format("\npartners of {}'s {}, {} ({} {}):\n", analysis.exporter, partner_flow,
                     analysis.base_period.ToString(),
                     whole ? "total" : "no total in the data; shares of the sum of the partners in it,",
                     Money(analysis.partner_shares.total.value, currency));
  TextTable partners({"partner", fmt::format("million {}", currency), "share"}, {false, true, true});
  const std::vector<ShareItem>& partner_items = analysis.partner_shares.items;
  double more_value = 0.0;
  double more_share = 0.0;
  for (std::size_t i = 0; i < partner_items.size(); ++i) {
    if (i < kMaxTableRows) {
      partners.AddRow({partner_items[i].partner, Amount(partner_items[i].value), Percent(partner_items[i].share, 1)});
    } else {
      more_value += partner_items[i].value;
      more_share += partner_items[i].share;
    }
  }
  if (partner_items.size() > kMaxTableRows) {
    partners.AddRow(
        {fmt::format("{} more", partner_items.size() - kMaxTableRows), Amount(more_value), Percent(more_share, 1)});
  }
  if (analysis.partner_shares.rest) {
    partners.AddRow({"rest (not itemised)", Amount(analysis.partner_shares.rest->value),
                     Percent(analysis.partner_shares.rest->share, 1)});
  }
  out += partners.Render();
  out += whole ? fmt::format("largest partner: {} ({} of {})\n", analysis.largest_partner.partner,
                             Percent(analysis.largest_partner.share, 1), partner_flow)
               : fmt::format("largest partner in the data: {} (its share of {} is not known)\n",
                             analysis.largest_partner.partner, partner_flow);
  return out;
}

// The partner concentration before and after the policies, with the five largest partners.
std::string ConcentrationText(const ExposureResult& exposure) {
  std::string out;
  for (const ConcentrationChange& change : exposure.concentration) {
    out += fmt::format("\npartner concentration of {} before -> after the policies:\n", ToString(change.flow));
    out += fmt::format("  HHI {} -> {}\n", HhiText(change.before), HhiText(change.after));
    TextTable ranks({"rank", "before", "share", "after", "share"}, {true, false, true, false, true});
    for (std::size_t i = 0; i < std::min<std::size_t>(5, change.largest_before.size()); ++i) {
      const PartnerRank& before = change.largest_before[i];
      const PartnerRank* after = i < change.largest_after.size() ? &change.largest_after[i] : nullptr;
      ranks.AddRow({std::to_string(i + 1), before.partner, Percent(before.share, 1), after ? after->partner : "",
                    after ? Percent(after->share, 1) : ""});
    }
    out += ranks.Render();
  }
  return out;
}

// The exporter's products: shares against a total, or values only without one.
std::string ProductsText(const CaseAnalysis& analysis) {
  const std::string& currency = analysis.currency;
  std::string out;
  // The partners the product rows cover when they are not the world's (RUS -> USA only): " to USA".
  const std::string to = analysis.product_partners.empty() ? std::string()
                                                           : fmt::format(" to {} (not its whole export mix)",
                                                                         fmt::join(analysis.product_partners, ", "));
  if (analysis.product_shares) {
    out += fmt::format("\nproducts of {}'s exports{}, {}:\n", analysis.exporter, to, analysis.base_period.ToString());
    TextTable products({"product", fmt::format("million {}", currency), "share"}, {false, true, true});
    const std::vector<ShareItem>& product_items = analysis.product_shares->items;
    double rest_value = 0.0;
    double rest_share = 0.0;
    for (std::size_t i = 0; i < product_items.size(); ++i) {
      if (i < kMaxTableRows) {
        products.AddRow({product_items[i].product, Amount(product_items[i].value), Percent(product_items[i].share, 1)});
      } else {
        rest_value += product_items[i].value;
        rest_share += product_items[i].share;
      }
    }
    if (product_items.size() > kMaxTableRows) {
      products.AddRow(
          {fmt::format("{} more", product_items.size() - kMaxTableRows), Amount(rest_value), Percent(rest_share, 1)});
    }
    out += products.Render();
  } else if (analysis.product_values) {
    out += fmt::format("\nproducts of {}'s exports{}, {} (no total of exports in the data: values only):\n",
                       analysis.exporter, to, analysis.base_period.ToString());
    TextTable products({"product", fmt::format("million {}", currency)}, {false, true});
    const std::vector<ShareItem>& value_items = analysis.product_values->items;
    double rest_value = 0.0;
    for (std::size_t i = 0; i < value_items.size(); ++i) {
      if (i < kMaxTableRows) {
        products.AddRow({value_items[i].product, Amount(value_items[i].value)});
      } else {
        rest_value += value_items[i].value;
      }
    }
    if (value_items.size() > kMaxTableRows) {
      products.AddRow({fmt::format("{} more", value_items.size() - kMaxTableRows), Amount(rest_value)});
    }
    out += products.Render();
  }
  return out;
}

std::string RenderTable(const CaseAnalysis& analysis) {
  const std::string& currency = analysis.currency;
  std::string out = PoliciesText(analysis);
  out += AtRiskItemsText(analysis.exposure, currency);
  out += PartnersText(analysis);
  out += ConcentrationText(analysis.exposure);
  out += ProductsText(analysis);
  if (analysis.nowcast) out += "\n" + NowcastText(*analysis.nowcast);
  if (analysis.beyond) out += "\n" + BeyondText(*analysis.beyond, currency);
  out += "\n" + RatesText(analysis.rates);
  if (!analysis.notes.empty()) {
    out += "\nnotes:\n";
    for (const std::string& note : analysis.notes) out += fmt::format("  - {}\n", note);
  }
  return out;
}

std::string RenderCsv(const CaseAnalysis& analysis) {
  const ExposureResult& exposure = analysis.exposure;
  std::string out = "section,code,value,at_risk,currency,share_of_exports,share_of_trade\n";
  const auto number = [](std::optional<double> value) { return value ? fmt::format("{}", *value) : std::string(); };
  out += fmt::format("total,{},{},{},{},{},{}\n", CsvField(exposure.exporter),
                     exposure.exports_total ? fmt::format("{}", exposure.exports_total->value) : "", exposure.at_risk,
                     analysis.currency, number(exposure.share_of_exports), number(exposure.share_of_trade));
  for (const auto& [section, items] :
       {std::pair{"partner", &exposure.by_partner}, std::pair{"product", &exposure.by_product}}) {
    for (const ExposureItem& item : *items) {
      out += fmt::format("{},{},{},{},{},{},{}\n", section, CsvField(item.code), item.value, item.at_risk,
                         analysis.currency, exposure.share_of_exports ? number(item.share_of_exports) : "",
                         exposure.share_of_trade ? number(item.share_of_trade) : "");
    }
  }
  // Each policy: its covered flow and value at risk, then the inputs of its share stopped (value column).
  for (const PolicyExposure& policy : exposure.policies) {
    const Policy& p = policy.policy;
    out += fmt::format("policy,{},{},{},{},,\n", CsvField(p.name), policy.covered, policy.at_risk, analysis.currency);
    out += fmt::format("policy_share_stopped,{},{},,,,\n", CsvField(p.name), p.share_stopped);
    if (const auto& range = p.share_stopped_range) {
      out += fmt::format("policy_share_stopped_low,{},{},,,,\n", CsvField(p.name), range->first);
      out += fmt::format("policy_share_stopped_high,{},{},,,,\n", CsvField(p.name), range->second);
    }
    if (const auto& range = policy.at_risk_range) {
      out += fmt::format("policy_at_risk_low,{},,{},{},,\n", CsvField(p.name), range->first, analysis.currency);
      out += fmt::format("policy_at_risk_high,{},,{},{},,\n", CsvField(p.name), range->second, analysis.currency);
    }
    if (p.kind == PolicyKind::kTariff) {
      out += fmt::format("policy_rate,{},{},,,,\n", CsvField(p.name), p.rate);
      out += fmt::format("policy_rate_before,{},{},,,,\n", CsvField(p.name), p.rate_before);
      if (!p.share_stopped_stated)
        out += fmt::format("policy_elasticity,{},{},,,,\n", CsvField(p.name), p.elasticity.value);
    }
  }
  if (exposure.year_earlier_value) {
    out += fmt::format("year_earlier,,{},,{},,\n", *exposure.year_earlier_value, analysis.currency);
  }
  for (const ShareItem& item : analysis.partner_shares.items) {
    out += fmt::format("{}_partner_share,{},{},,{},,{}\n", ToString(analysis.partner_flow), CsvField(item.partner),
                       item.value, analysis.currency, item.share);
  }
  for (const ConcentrationChange& change : exposure.concentration) {
    out += fmt::format("hhi_{}_before,,{},,,,\n", ToString(change.flow), change.before.hhi);
    out += fmt::format("hhi_{}_after,,{},,,,\n", ToString(change.flow), change.after.hhi);
  }
  if (analysis.nowcast) {
    const NowcastResult& nowcast = *analysis.nowcast;
    for (const auto& [name, estimate] : {std::pair{"nowcast_with_policy", &nowcast.with_policy},
                                         std::pair{"nowcast_without_policy", &nowcast.without_policy}}) {
      out += fmt::format("{}_central,,{},,{},,\n", name, estimate->central.full_year, nowcast.currency);
      out += fmt::format("{}_low,,{},,{},,\n", name, estimate->low.full_year, nowcast.currency);
      out += fmt::format("{}_high,,{},,{},,\n", name, estimate->high.full_year, nowcast.currency);
    }
  }
  if (analysis.beyond) out += BeyondCsv(*analysis.beyond, analysis.currency);
  return out;
}

void Run(const ScenarioFlags& flags) {
  const Reference& reference = Reference::Default();
  CaseAnalysisOptions options;
  options.currency = flags.currency;
  options.Validate(reference);  // a bad flag is reported before any data are read
  if (!flags.period.empty()) options.base_period = ParsePeriodFlag(flags.period, "--period");
  StageTimer timer;
  Case c = LoadCaseOrFiles(flags.input, flags.scenario, reference, MirrorImports::kOff);
  timer.Lap("read");
  if (AddMirrorImports(c, reference, ParseMirrorImports(flags.data.mirror_imports))) timer.Lap("mirror imports");
  if (!c.scenario) {
    throw Error("no scenario: give --scenario FILE, or a case folder that holds scenario.toml");
  }
  options.check_claims = false;  // the claims command checks them
  const CaseAnalysis analysis = AnalyseCase(c, reference, options);
  timer.Lap("analysis");
  std::string content;
  if (flags.format == "json") {
    nlohmann::json json = CaseAnalysisToJson(analysis, c.table);
    json.erase("claims");
    content = json.dump(2) + "\n";
  } else if (flags.format == "csv") {
    content = RenderCsv(analysis);
    for (const RateUsed& rate : analysis.rates) {
      Note(fmt::format("note: rate {} {}: {} per USD ({})", rate.currency, rate.period.ToString(), rate.per_usd,
                       rate.source));
    }
  } else {
    content = RenderTable(analysis);
  }
  timer.Lap("format");
  Emit(flags.out, content);
  timer.Lap("write");
  if (flags.data.timings) Note(timer.Summary());
}

}  // namespace

void AddScenarioCommand(CLI::App& app) {
  auto flags = std::make_shared<ScenarioFlags>();
  CLI::App* command = app.add_subcommand(
      "scenario",
      "exposure of an economy to a scenario's policies (at risk by product and partner, concentration "
      "before and after) and the nowcast of its [nowcast] target");
  command
      ->add_option("case_or_files", flags->input.files,
                   "a case folder (data *.csv + scenario.toml), or trade files (long CSV, BACI, Comtrade)")
      ->required();
  command->add_option("--scenario", flags->scenario, "scenario file (TOML); default: the case folder's scenario.toml");
  command->add_option("--period", flags->period,
                      "base period of the exposure (default: the last year before the first policy with data)");
  AddCurrencyOption(*command, flags->currency, "currency of every value (ISO 4217)");
  command->add_option("--format", flags->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  command->add_option("--out", flags->out, "write the result to this file (atomically) instead of stdout");
  command->add_flag("--lenient", flags->input.lenient, "skip bad rows and report how many and why");
  AddBaciCodesOption(*command, flags->input.baci_codes);
  AddMaxInflatedBytesOption(*command, flags->input.max_inflated_bytes);
  AddAllowOutsideCaseFlag(*command, flags->input.allow_outside_case);
  AddCaseDataFlags(*command, flags->data);
  command->callback([flags] { Run(*flags); });
}

}  // namespace tradeshock::cli
