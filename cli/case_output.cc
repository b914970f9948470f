#include "case_output.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <filesystem>

#include "tradeshock/error.h"

namespace tradeshock::cli {

std::string Money(double value, const std::string& currency) {
  const double size = std::abs(value);
  if (size >= 1e9) return fmt::format("{} billion {}", WithSeparators(value / 1e9, 3), currency);
  if (size >= 1e6) return fmt::format("{} million {}", WithSeparators(value / 1e6, 1), currency);
  if (size >= 1e3) return fmt::format("{} thousand {}", WithSeparators(value / 1e3, 1), currency);
  return fmt::format("{} {}", WithSeparators(value, 2), currency);
}

std::string Amount(double value) { return WithSeparators(value / 1e6, 1); }

std::string HhiText(const Concentration& hhi) {
  return fmt::format("{:.4f} (normalised {:.4f}, {} partner{}{})", hhi.hhi, hhi.normalized, hhi.item_count,
                     hhi.item_count == 1 ? "" : "s",
                     hhi.lower_bound ? fmt::format(", covering {}: a lower bound", Percent(hhi.coverage, 1)) : "");
}

namespace {

std::string EstimateText(const NowcastEstimate& estimate, const std::string& currency) {
  std::string text = fmt::format("{} (band {} to {})", Money(estimate.central.full_year, currency),
                                 Money(estimate.low.full_year, currency), Money(estimate.high.full_year, currency));
  if (estimate.yoy_central) {
    text += fmt::format(", year on year {:+.1f}% (band {:+.1f}% to {:+.1f}%)", 100.0 * *estimate.yoy_central,
                        100.0 * estimate.yoy_low.value_or(0.0), 100.0 * estimate.yoy_high.value_or(0.0));
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

std::string RatesText(const std::vector<RateUsed>& rates) {
  if (rates.empty()) return "rates: none (no conversion)\n";
  std::string out = "rates:\n";
  for (const RateUsed& rate : rates) {
    out += fmt::format("  {} {}: {} per USD ({})\n", rate.currency, rate.period.ToString(), rate.per_usd, rate.source);
  }
  return out;
}

Case LoadCaseOrFiles(const InputFlags& input, const std::string& scenario, const Reference& reference) {
  ReadOptions options;
  options.lenient = input.lenient;
  Case c;
  if (input.files.size() == 1 && std::filesystem::is_directory(input.files.front())) {
    c = LoadCase(input.files.front(), reference, options);
  } else {
    for (const std::string& file : input.files) {
      if (std::filesystem::is_directory(file)) {
        throw Error(fmt::format("'{}' is a folder: give one case folder, or trade files", file));
      }
      c.files.data.emplace_back(file);
    }
    c.files.dir = c.files.data.front().parent_path();
    c.table = ReadTradeFiles(input.files, reference, options);
  }
  if (!scenario.empty()) {
    c.scenario = ReadScenarioFile(scenario, reference);
    c.files.scenario = scenario;
    CheckScenarioAgainstTable(*c.scenario, c.table);
  }
  return c;
}

}  // namespace tradeshock::cli
