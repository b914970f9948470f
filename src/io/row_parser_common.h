// Shared by the per-format row parsers (row_parsers_long.cc, row_parsers_baci.cc, row_parsers_comtrade.cc) and
// row_parsers.cc, which picks one: field helpers, cached code resolution, header errors. Inline, because the
// parsers call them once or more per field.
#pragma once

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/number_range.h"
#include "io/row_parsers.h"

namespace tradeshock::io_internal {

inline constexpr char kEconomyExpected[] =
    "an economy code (ISO 3166-1 alpha-3/alpha-2/numeric, ISO 3166-2 such as CN-XJ, a group such as EU27, or WLD)";
inline constexpr char kPeriodExpected[] = "a period YYYY, YYYY-MM or YYYY-MM..YYYY-MM";

inline std::string Lower(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

inline std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

inline bool AllDigits(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

// Digits only, at most 9 of them.
inline bool ParseSmallUint(std::string_view text, std::int32_t& out) {
  if (text.empty() || text.size() > 9) return false;
  std::int32_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

// A finite decimal >= 0. Fills `error` (with `column`) on failure.
inline bool ParseAmount(std::string_view raw, std::size_t column, double& out, RowError& error) {
  const std::string_view text = Trim(raw);
  double value = 0.0;
  const char* const first = text.data();
  const char* const last = text.data() + text.size();
  const auto result = fast_float::from_chars(first, last, value);
  if (text.empty() || result.ptr != last || (result.ec != std::errc() && result.ec != std::errc::result_out_of_range)) {
    error = {InputErrorKind::kBadNumber, column, std::string(raw), "a decimal number"};
    return false;
  }
  if (std::isnan(value)) {
    error = {InputErrorKind::kBadNumber, column, std::string(raw), "a finite decimal number"};
    return false;
  }
  if (result.ec == std::errc::result_out_of_range || std::isinf(value)) {
    error = {InputErrorKind::kBadNumber, column, std::string(raw), "a finite decimal number (out of range)"};
    return false;
  }
  if (number_internal::Underflowed(text, value)) {
    error = {InputErrorKind::kBadNumber, column, std::string(raw), number_internal::kUnderflowExpected};
    return false;
  }
  if (value < 0.0) {
    error = {InputErrorKind::kNegativeValue, column, std::string(raw), "a value >= 0"};
    return false;
  }
  out = value + 0.0;  // -0 becomes 0
  return true;
}

inline bool IsHsDigits(std::string_view code) {
  return AllDigits(code) && (code.size() == 2 || code.size() == 4 || code.size() == 6);
}

// Cached economy resolution through Reference::FindEconomy.
inline bool ResolveEconomy(const Reference& reference, std::string_view text, std::size_t column, ChunkColumns& out,
                           std::uint32_t& id, RowError& error) {
  if (const auto found = out.economy_cache.find(text); found != out.economy_cache.end()) {
    if (found->second >= 0) {
      id = static_cast<std::uint32_t>(found->second);
      return true;
    }
  } else {
    const Economy* economy = reference.FindEconomy(text);
    const std::int32_t local = economy == nullptr ? -1 : static_cast<std::int32_t>(out.economies.Intern(economy->code));
    out.economy_cache.emplace(std::string(text), local);
    if (local >= 0) {
      id = static_cast<std::uint32_t>(local);
      return true;
    }
  }
  error = {InputErrorKind::kUnknownCode, column, std::string(text), kEconomyExpected};
  return false;
}

inline bool ResolvePeriod(std::string_view text, std::size_t column, ChunkColumns& out, std::uint32_t& id,
                          RowError& error) {
  if (const auto found = out.period_cache.find(text); found != out.period_cache.end()) {
    if (found->second >= 0) {
      id = static_cast<std::uint32_t>(found->second);
      return true;
    }
  } else {
    const auto period = Period::Parse(Trim(text));
    const std::int32_t local = period ? static_cast<std::int32_t>(out.InternPeriod(*period)) : -1;
    out.period_cache.emplace(std::string(text), local);
    if (local >= 0) {
      id = static_cast<std::uint32_t>(local);
      return true;
    }
  }
  error = {InputErrorKind::kBadPeriod, column, std::string(text), kPeriodExpected};
  return false;
}

// Column lookup by name (case-insensitive, trimmed).
inline std::optional<std::size_t> FindColumn(const std::vector<std::string>& names, std::string_view wanted) {
  const std::string lower = Lower(wanted);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == lower) return i;
  }
  return std::nullopt;
}

[[noreturn]] inline void ThrowHeader(const std::string& file, std::size_t column, std::string value,
                                     std::string expected) {
  throw InputException(InputError{InputErrorKind::kBadHeader, file, 1, column, std::move(value), std::move(expected)});
}

// One factory per format (each in its own file). Throw InputException for a header they cannot read.
std::unique_ptr<RowParser> MakeLongParser(const std::vector<std::string>& names, const std::string& file,
                                          const Reference& reference);
std::unique_ptr<RowParser> MakeBaciParser(const std::string& file, const Reference& reference,
                                          const ReadOptions& options);
std::unique_ptr<RowParser> MakeComtradeParser(const std::vector<std::string>& names, const std::string& file,
                                              const Reference& reference);

}  // namespace tradeshock::io_internal
