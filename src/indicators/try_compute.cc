// TryComputeX: the indicators as values that may be missing. The request is checked first (it throws when it
// is wrong in itself); what the data cannot give becomes the reason of a missing value, here and only here.
#include <utility>

#include "indicators/aggregate.h"
#include "tradeshock/error.h"
#include "tradeshock/indicators.h"

namespace tradeshock {

namespace {

// Throws Error for a request that no table could answer: options that fail Validate, an unknown currency,
// an economy or product code that does not resolve.
void CheckRequest(const Reference& reference, const Selection& selection, const IndicatorOptions& options) {
  indicators_internal::CheckOptions(reference, options);
  indicators_internal::Canonicalize(reference, selection);
}

void CheckExports(const Selection& selection) {
  if (selection.flow != Flow::kExports) throw Error("revealed comparative advantage is defined on exports");
}

// The computation's result, or its message as the reason. InputException is a fault in an input file, not
// a missing value: it goes on.
template <class Compute>
auto Attempt(Compute&& compute) -> Maybe<decltype(compute())> {
  using Result = decltype(compute());
  try {
    return Maybe<Result>(compute());
  } catch (const InputException&) {
    throw;
  } catch (const Error& error) {
    return Maybe<Result>::Missing(error.what());
  }
}

}  // namespace

Maybe<ValueResult> TryComputeValue(const TradeTable& table, const Reference& reference, const Selection& selection,
                                   const IndicatorOptions& options) {
  CheckRequest(reference, selection, options);
  return Attempt([&] { return ComputeValue(table, reference, selection, options); });
}

Maybe<ShareResult> TryComputeShares(const TradeTable& table, const Reference& reference, const Selection& selection,
                                    ShareBy by, const IndicatorOptions& options) {
  CheckRequest(reference, selection, options);
  return Attempt([&] { return ComputeShares(table, reference, selection, by, options); });
}

Maybe<Dependence> TryComputeDependence(const ShareResult& partner_shares, const std::string& partner) {
  if (partner_shares.by != ShareBy::kPartner) throw Error("dependence needs shares by partner");
  return Attempt([&] { return ComputeDependence(partner_shares, partner); });
}

Maybe<Dependence> TryComputeDependence(const TradeTable& table, const Reference& reference, const Selection& selection,
                                       const std::string& partner, const IndicatorOptions& options) {
  Selection with_partner = selection;
  with_partner.partner = partner;
  CheckRequest(reference, with_partner, options);
  CheckRequest(reference, selection, options);
  return Attempt([&] { return ComputeDependence(table, reference, selection, partner, options); });
}

Maybe<Growth> TryComputeGrowth(const TradeTable& table, const Reference& reference, const Selection& selection,
                               std::optional<Period> base, const IndicatorOptions& options) {
  CheckRequest(reference, selection, options);
  return Attempt([&] { return ComputeGrowth(table, reference, selection, base, options); });
}

Maybe<Rca> TryComputeRca(const TradeTable& table, const Reference& reference, const Selection& selection,
                         const IndicatorOptions& options) {
  CheckExports(selection);
  CheckRequest(reference, selection, options);
  if (indicators_internal::Canonicalize(reference, selection).product == kTotalProduct) {
    throw Error("revealed comparative advantage needs a product (an HS code or product group), not TOTAL");
  }
  return Attempt([&] { return ComputeRca(table, reference, selection, options); });
}

Maybe<RcaByProduct> TryComputeRcaByProduct(const TradeTable& table, const Reference& reference,
                                           const Selection& selection, const IndicatorOptions& options) {
  CheckExports(selection);
  CheckRequest(reference, selection, options);
  return Attempt([&] { return ComputeRcaByProduct(table, reference, selection, options); });
}

}  // namespace tradeshock
