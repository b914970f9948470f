// Helpers shared by the claims parser, checker and consistency check (not part of the public API).
#pragma once

#include <string>

#include "tradeshock/claims.h"
#include "tradeshock/number_format.h"

namespace tradeshock {

// Share, growth and projected growth are percentages (fractions internally).
bool IsPercentMetric(ClaimMetric metric);
// Value and projected value are amounts of money.
bool IsValueMetric(ClaimMetric metric);
// "4.52%" (with percent_decimals), "655.8 million USD", "21.39 billion USD" (FormatMoney), "3".
std::string FormatQuantity(ClaimMetric metric, double value, const std::string& currency, int percent_decimals);
// A value in a given scale (1e9, 4: "21.3870 billion USD"); scale 1 takes the scale of its size (ScaleOf).
std::string FormatValue(double value, const std::string& currency, double scale, int decimals);
// "less than", "about", ... as a reader would say it.
std::string_view ComparisonWords(ClaimComparison comparison);
// The same with values in a given scale and decimals (FormatValue).
std::string FormatValueInterval(const Interval& interval, const std::string& currency, double scale, int decimals);

}  // namespace tradeshock
