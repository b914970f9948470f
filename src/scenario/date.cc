#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "tradeshock/scenario.h"

namespace tradeshock {

namespace {

std::optional<int> Digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

int Date::DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = Digits(text.substr(0, 4));
  const auto month = Digits(text.substr(5, 2));
  const auto day = Digits(text.substr(8, 2));
  if (!year || !month || !day || *year < 1000 || *year > 2999 || *month < 1 || *month > 12) return std::nullopt;
  if (*day < 1 || *day > DaysInMonth(*year, *month)) return std::nullopt;
  return Date{*year, *month, *day};
}

std::string Date::ToString() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

Date Date::Midpoint(const Date& later) const {
  using namespace std::chrono;
  const sys_days first{std::chrono::year(year) / month / day};
  const sys_days last{std::chrono::year(later.year) / later.month / later.day};
  const year_month_day middle{first + (last - first) / 2};
  return Date{static_cast<int>(middle.year()), static_cast<int>(static_cast<unsigned>(middle.month())),
              static_cast<int>(static_cast<unsigned>(middle.day()))};
}

Policy Policy::MostSevere() const {
  Policy policy = *this;
  if (from_range) policy.from = from_range->first;
  if (share_stopped_range) policy.share_stopped = share_stopped_range->second;
  return policy;
}

Policy Policy::LeastSevere() const {
  Policy policy = *this;
  if (from_range) policy.from = from_range->second;
  if (share_stopped_range) policy.share_stopped = share_stopped_range->first;
  return policy;
}

std::string Policy::FromText() const {
  if (!from_range) return from.ToString();
  return fmt::format("between {} and {} (central {})", from_range->first.ToString(), from_range->second.ToString(),
                     from.ToString());
}

std::string_view ToString(PolicyKind kind) { return kind == PolicyKind::kBan ? "ban" : "tariff"; }

bool Policy::Covers(const Reference& reference, std::string_view reporter, std::string_view partner,
                    std::string_view product) const {
  if (reporter != on) return false;
  if (partner != imposed_by) {
    const std::vector<std::string> members = reference.MembersOn(imposed_by, from.ToString());
    if (std::find(members.begin(), members.end(), partner) == members.end()) return false;
  }
  for (const std::string& selector : products) {
    if (selector == product) return true;
    if (product == kTotalProduct) continue;  // only TOTAL covers TOTAL
    if (reference.FindHs(product) == nullptr && reference.FindProductGroup(product) != nullptr) continue;
    try {
      if (reference.ProductCovers(selector, product)) return true;
    } catch (const Error&) {
      // `product` is not an HS code (a product group in the table): covered only when named.
    }
  }
  return false;
}

}  // namespace tradeshock
