#include <fmt/format.h>

#include <cmath>

#include "tradeshock/error.h"
#include "tradeshock/indicators.h"

namespace tradeshock {

IndicatorOptions IndicatorOptions::Defaults() { return IndicatorOptions(); }

void IndicatorOptions::Validate() const {
  if (!(tolerance >= 0.0) || !std::isfinite(tolerance)) {
    throw Error(fmt::format("indicators: IndicatorOptions::tolerance must be a number >= 0, got {}", tolerance));
  }
  const bool letters = currency.size() == 3 && std::isalpha(static_cast<unsigned char>(currency[0])) &&
                       std::isalpha(static_cast<unsigned char>(currency[1])) &&
                       std::isalpha(static_cast<unsigned char>(currency[2]));
  if (!currency.empty() && !letters) {
    throw Error(fmt::format(
        "indicators: IndicatorOptions::currency must be an ISO 4217 code of 3 letters (USD, CNY, ...), got '{}'",
        Printable(currency)));
  }
}

}  // namespace tradeshock
