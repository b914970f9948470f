#include "tradeshock/reference.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "reference/reference_impl.h"
#include "tradeshock/error.h"
#include "tradeshock/suggest.h"

namespace tradeshock {
namespace {

using reference_internal::EconomyKey;
using reference_internal::UpperAscii;

std::filesystem::path FromEnvironment(const char* variable, const char* fallback) {
  const char* value = std::getenv(variable);
  return value != nullptr && *value != '\0' ? std::filesystem::path(value) : std::filesystem::path(fallback);
}

constexpr std::string_view kFxSeries = "the Federal Reserve H.10 series (data/reference/fx)";

// "; did you mean CN-XJ?" for "XJ": regions whose code ends in the text; for a text of four characters or more
// (a name: "Kazakstan"), names at most one edit away (two from six characters). Three-letter codes are not
// guessed at: most are one edit from several others. At most three, nearest first; empty when none.
std::string EconomySuggestions(const Reference::Impl& impl, std::string_view text) {
  const std::string key = EconomyKey(text);
  if (key.empty()) return "";
  std::vector<std::pair<std::size_t, std::string>> found;
  const std::size_t cap = key.size() < 6 ? 1 : 2;
  for (const Economy& economy : impl.economies) {
    const std::size_t dash = economy.code.find('-');
    if (dash != std::string::npos && economy.code.substr(dash + 1) == key) {
      found.emplace_back(0, economy.code);
      continue;
    }
    if (key.size() < 4) continue;
    const std::size_t distance = std::min(EditDistance(key, UpperAscii(economy.name), cap),
                                          EditDistance(key, UpperAscii(economy.NameInText()), cap));
    if (distance <= cap) found.emplace_back(distance, economy.code);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> codes;
  for (const auto& [distance, code] : found) {
    if (codes.size() == 3) break;
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  if (codes.empty()) return "";
  std::string list;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    list += (i == 0 ? "" : i + 1 == codes.size() ? " or " : ", ") + codes[i];
  }
  return fmt::format("; did you mean {}?", list);
}

}  // namespace

Reference::Paths Reference::Paths::Defaults() {
  return Paths{.data_dir = FromEnvironment("TRADESHOCK_DATA_DIR", TRADESHOCK_DEFAULT_DATA_DIR),
               .iso_codes_dir = FromEnvironment("TRADESHOCK_ISO_CODES_DIR", TRADESHOCK_DEFAULT_ISO_CODES_DIR)};
}

std::shared_ptr<const Reference> Reference::Load(const Paths& paths) {
  auto impl = std::make_unique<Impl>();
  const std::filesystem::path reference_dir = paths.data_dir / "reference";
  // Order matters: groups check members against ISO 3166-1, product groups check codes against HS, FX
  // checks its currencies against ISO 4217.
  reference_internal::LoadIsoCodes(paths.iso_codes_dir, *impl);
  reference_internal::LoadGroups(reference_dir / "groups.csv", *impl);
  reference_internal::LoadAliases(reference_dir / "economy_aliases.csv", *impl);
  reference_internal::LoadNamesInText(reference_dir / "economy_names_in_text.csv", *impl);
  reference_internal::IndexRegionNames(*impl);
  reference_internal::LoadHs(reference_dir / "hs" / "harmonized-system.csv", reference_dir / "hs" / "sections.csv",
                             *impl);
  reference_internal::LoadProductGroups(reference_dir / "product_groups.csv", *impl);
  reference_internal::LoadFx(reference_dir / "fx", *impl);
  reference_internal::LoadTradeElasticity(reference_dir / "trade_elasticity.csv", *impl);
  return std::make_shared<const Reference>(std::move(impl));
}

const Reference& Reference::Default() {
  // A function-local static is initialised once, thread-safely; if loading throws, the next call retries.
  // Deliberately never freed: no destructor runs at exit (tearing down ~20,000 small strings would cost
  // the CLI a few milliseconds per call for nothing), and late users at exit stay safe.
  static const auto* const instance = new std::shared_ptr<const Reference>(Load(Paths::Defaults()));
  return **instance;
}

Reference::Reference(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Reference::~Reference() = default;

const Economy* Reference::FindEconomy(std::string_view text) const {
  const auto found = impl_->economy_index.find(EconomyKey(text));
  return found == impl_->economy_index.end() ? nullptr : found->second;
}

const Economy& Reference::ResolveEconomy(std::string_view text) const {
  if (const Economy* economy = FindEconomy(text)) return *economy;
  throw Error(fmt::format(
      "unknown economy '{}': expected an ISO 3166-1 alpha-3/alpha-2/numeric code, an ISO 3166-2 region code "
      "(CN-XJ), a group (EU27, ...) or WLD{}",
      Printable(text), EconomySuggestions(*impl_, text)));
}

const CountryGroup* Reference::FindGroup(std::string_view code) const {
  const auto found = impl_->group_index.find(UpperAscii(code));
  return found == impl_->group_index.end() ? nullptr : &impl_->groups[found->second];
}

const std::vector<CountryGroup>& Reference::groups() const { return impl_->groups; }

std::vector<std::string> Reference::Members(std::string_view code) const {
  if (const CountryGroup* group = FindGroup(code)) return group->members;
  return {std::string(code)};
}

std::vector<std::string> Reference::MembersOn(std::string_view code, std::string_view day) const {
  const CountryGroup* group = FindGroup(code);
  if (group == nullptr) return {std::string(code)};
  std::vector<std::string> members;
  for (const Membership& membership : group->history) {
    if (membership.On(day)) members.push_back(membership.member);
  }
  return members;
}

std::vector<std::string> Reference::MembersAtEndOf(std::string_view code, const Period& period) const {
  const int year = period.last_year();
  const unsigned month = static_cast<unsigned>(period.last_month() % 12 + 1);
  const std::chrono::year_month_day_last last{std::chrono::year(year) / std::chrono::month(month) / std::chrono::last};
  return MembersOn(code, fmt::format("{:04}-{:02}-{:02}", year, month, static_cast<unsigned>(last.day())));
}

const HsEntry* Reference::FindHs(std::string_view code) const {
  const auto found = impl_->hs_index.find(UpperAscii(code));
  return found == impl_->hs_index.end() ? nullptr : found->second;
}

const ProductGroup* Reference::FindProductGroup(std::string_view code) const {
  const auto found = impl_->product_group_index.find(UpperAscii(code));
  return found == impl_->product_group_index.end() ? nullptr : &impl_->product_groups[found->second];
}

bool Reference::ProductCovers(std::string_view selector, std::string_view hs_code) const {
  const std::string code = UpperAscii(hs_code);
  auto under = [&](const HsEntry& entry) {
    if (entry.level == 0) return true;
    if (entry.level == 1) {
      // Sections are not a prefix of their codes: look up the chapter's section.
      const HsEntry* chapter = FindHs(std::string_view(code).substr(0, 2));
      return chapter != nullptr && chapter->section == entry.code;
    }
    return code.starts_with(entry.code);
  };
  if (const HsEntry* entry = FindHs(selector)) return under(*entry);
  if (const ProductGroup* group = FindProductGroup(selector)) {
    for (const std::string& member : group->hs_codes) {
      if (code.starts_with(member)) return true;
    }
    return false;
  }
  throw Error(fmt::format(
      "unknown product '{}': expected an HS chapter, heading or subheading (61, 6109, 610910), an HS section (XI), "
      "TOTAL or a product group (CN-MECH-ELEC, ...)",
      Printable(selector)));
}

const std::vector<ProductGroup>& Reference::product_groups() const { return impl_->product_groups; }

const TradeElasticity& Reference::DefaultTradeElasticity() const { return impl_->trade_elasticity; }

bool Reference::IsFormerCountry(std::string_view alpha3) const {
  return impl_->former_alpha3.contains(std::string(alpha3));
}

bool Reference::IsCurrency(std::string_view code) const { return impl_->currencies.contains(UpperAscii(code)); }

std::string Reference::CurrencyName(std::string_view code) const {
  const auto found = impl_->currencies.find(UpperAscii(code));
  return found == impl_->currencies.end() ? std::string() : found->second;
}

FxRate Reference::PerUsd(std::string_view currency_text, const Period& period) const {
  const std::string currency = UpperAscii(currency_text);
  FxRate rate{.currency = currency, .period = period, .per_usd = 0.0, .source = {}};
  if (currency == "USD") {
    rate.per_usd = 1.0;
    rate.source = "US dollar: no conversion";
    return rate;
  }
  const std::string period_text = period.ToString();
  if (!IsCurrency(currency)) {
    throw Error(
        fmt::format("no FX rate for '{}' in {}: not an ISO 4217 currency code", Printable(currency_text), period_text));
  }
  const auto series = impl_->fx.find(currency);
  if (series == impl_->fx.end()) {
    throw Error(
        fmt::format("no FX rate for {} in {}: {} does not cover {}", currency, period_text, kFxSeries, currency));
  }
  if (period.kind() == Period::Kind::kYear) {
    if (const double* found = Impl::FxSeries::Find(series->second.annual, period.first_year())) {
      rate.per_usd = *found;
      rate.source = fmt::format("Federal Reserve H.10 annual average, {}", period_text);
      return rate;
    }
    // The snapshot's yearly file lacks some series that its monthly file has (the United Kingdom, Sri Lanka):
    // the year is then the mean of its twelve monthly averages, as a range of months is, and the source says so.
    double sum = 0.0;
    for (int month = period.first_month(); month <= period.last_month(); ++month) {
      const double* found = Impl::FxSeries::Find(series->second.monthly, month);
      if (found == nullptr) {
        throw Error(fmt::format("no FX rate for {} in {}: {} has no annual average for {} in {}", currency, period_text,
                                kFxSeries, currency, period_text));
      }
      sum += *found;
    }
    rate.per_usd = sum / period.month_count();
    rate.source =
        fmt::format("Federal Reserve H.10 mean of 12 monthly averages, {} (the series has no annual average for {})",
                    period_text, period_text);
    return rate;
  }
  double sum = 0.0;
  for (int month = period.first_month(); month <= period.last_month(); ++month) {
    const double* found = Impl::FxSeries::Find(series->second.monthly, month);
    if (found == nullptr) {
      const std::string month_text = Period::Month(month / 12, month % 12 + 1).ToString();
      throw Error(fmt::format("no FX rate for {} in {}: {} has no monthly rate for {} in {}", currency, period_text,
                              kFxSeries, currency, month_text));
    }
    sum += *found;
  }
  rate.per_usd = sum / period.month_count();
  rate.source =
      period.kind() == Period::Kind::kMonth
          ? fmt::format("Federal Reserve H.10 monthly average, {}", period_text)
          : fmt::format("Federal Reserve H.10 mean of {} monthly averages, {}", period.month_count(), period_text);
  return rate;
}

}  // namespace tradeshock
