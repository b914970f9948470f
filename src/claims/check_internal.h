// Internals shared by the checker (check.cc) and the consistency check (consistency.cc).
#pragma once

#include <string>
#include <vector>

#include "tradeshock/claims.h"
#include "tradeshock/indicators.h"

namespace tradeshock::claims_internal {

// The values of one selection for several partners ("KGZ+KAZ+RUS") and products, each from ComputeValue,
// added up. TrySumValues: missing (with TryComputeValue's reason) when one of them is, when they are in
// different currencies, or when a code or currency of the claim is unknown to the reference (a fault of the
// claim, which is read without the reference); SumValues throws that reason as Error.
struct SummedValue {
  double value = 0.0;
  std::string currency;
  std::vector<ValueResult> parts;
};
Maybe<SummedValue> TrySumValues(const TradeTable& table, const Reference& reference, const Selection& selection,
                                const std::vector<std::string>& partners, const std::vector<std::string>& products,
                                const IndicatorOptions& options);
SummedValue SumValues(const TradeTable& table, const Reference& reference, const Selection& selection,
                      const std::vector<std::string>& partners, const std::vector<std::string>& products,
                      const IndicatorOptions& options);

// "CN-XJ exports to KGZ+KAZ+RUS, CN-CLOTHING, 2020"
std::string DescribePartners(const Selection& selection, const std::vector<std::string>& partners,
                             const std::vector<std::string>& products);

// Adds the inconsistencies (and notes on claims) found among the claims to the report.
void CheckConsistency(const TradeTable& table, const Reference& reference, const ClaimsFile& claims,
                      const ClaimCheckOptions& options, ClaimsReport& report);

}  // namespace tradeshock::claims_internal
