#include <fmt/format.h>

#include <algorithm>

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

std::string_view ToString(PolicyKind kind) { return kind == PolicyKind::kBan ? "ban" : "tariff"; }

bool Policy::Covers(const Reference& reference, std::string_view reporter, std::string_view partner,
                    std::string_view product) const {
  if (reporter != on) return false;
  if (partner != imposed_by) {
    const std::vector<std::string> members = reference.Members(imposed_by);
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
