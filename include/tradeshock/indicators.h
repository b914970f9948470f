// Trade indicators over a TradeTable: the value of a selection (with aggregation over partners, groups,
// products and months), shares, HHI, dependence on one partner, growth and Balassa's RCA. Definitions,
// formulas and references: docs/METHODS.md. Functions return plain result structs and never print;
// they throw tradeshock::Error with a complete message when a value cannot be computed. Each ComputeX has a
// TryComputeX that returns Maybe<X> instead: the result, or the reason it is missing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tradeshock/error.h"
#include "tradeshock/flow.h"
#include "tradeshock/period.h"
#include "tradeshock/reference.h"
#include "tradeshock/trade_table.h"

namespace tradeshock {

inline constexpr char kWorld[] = "WLD";
inline constexpr char kTotalProduct[] = "TOTAL";

// What to measure: codes as the user gives them (canonical or resolvable by Reference).
struct Selection {
  std::string reporter;
  std::string partner = kWorld;  // WLD, a country, a region or a group (EU27)
  Flow flow = Flow::kTrade;
  std::string product = kTotalProduct;  // TOTAL, an HS code at 2, 4 or 6 digits, or a product group
  Period period = Period::Year(2000);
  // The day (YYYY-MM-DD) whose membership a group reporter or partner has (Reference::MembersOn); empty: the
  // period's last day. A policy's exposure asks for the members on the day it starts.
  std::string members_on = {};

  // "CN-XJ exports to USA, TOTAL, 2019" / "CN-XJ trade with WLD, TOTAL, 2020"
  std::string Describe() const;
  // Without the period: "CN-XJ exports to USA, TOTAL".
  std::string DescribeFlow() const;
  // The members of `code` (the reporter or partner, a group or not) on the selection's membership day.
  std::vector<std::string> MembersOf(const Reference& reference, std::string_view code) const;
};

struct IndicatorOptions {
  // Convert every contributing row into this ISO 4217 currency at its period's rate. Empty: keep the
  // rows' currency, which must then be the same for all of them.
  std::string currency;
  // Relative tolerance when comparing itemised values with their total (published figures are rounded).
  double tolerance = 1e-6;

  static IndicatorOptions Defaults();
  // Throws Error naming the option: "indicators: IndicatorOptions::tolerance must be a number >= 0, got -1",
  // "indicators: IndicatorOptions::currency must be an ISO 4217 code of 3 letters (USD, CNY, ...), got 'US'".
  // Whether the code is a known currency is checked against the Reference by the indicators themselves.
  void Validate() const;
};

// A value that may be missing: the result, or the reason it could not be computed ("no data for CN-XJ
// exports to USA, TOTAL, 2019"). Never a 0 standing in for a value that is not known.
template <class T>
class Maybe {
 public:
  Maybe() : reason_("not computed") {}
  Maybe(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor): a present value
  static Maybe Missing(std::string reason) {
    Maybe missing;
    missing.reason_ = std::move(reason);
    return missing;
  }

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const T& operator*() const { return *value_; }
  T& operator*() { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  // The value; throws Error with the reason when it is missing.
  const T& value() const& {
    if (!value_) throw Error(reason_);
    return *value_;
  }
  T&& value() && {
    if (!value_) throw Error(reason_);
    return std::move(*value_);
  }
  // Why the value is missing; empty when it is present.
  const std::string& reason() const { return reason_; }
  std::optional<T> ToOptional() const& { return value_; }
  std::optional<T> ToOptional() && { return std::move(value_); }

 private:
  std::optional<T> value_;
  std::string reason_;  // empty when value_ holds a value
};

// An exchange rate used in a conversion, for provenance.
struct RateUsed {
  std::string currency;
  Period period;
  double per_usd = 0.0;
  std::string source;
  bool operator==(const RateUsed&) const = default;
};
// Appends the rates of `more` that `rates` does not hold yet: every result lists each rate once, in the order
// first used. The one merge of rate lists, for indicators, scenario, case and models alike.
void MergeRates(std::vector<RateUsed>& rates, const std::vector<RateUsed>& more);

// The value of one selection and where it came from.
struct ValueResult {
  Selection selection;  // with codes made canonical
  double value = 0.0;
  std::string currency;
  std::vector<std::size_t> rows;  // indices into the table of the rows that were added up
  std::vector<RateUsed> rates;    // conversions applied (empty when none was needed)
  // How the value was obtained when no single row held it, e.g. "partner WLD: sum over 4 partners".
  std::vector<std::string> method;
};

// Throws Error "no data for CN-XJ exports to USA, TOTAL, 2019" when nothing matches, or when the
// rows are in several currencies and options.currency is empty.
ValueResult ComputeValue(const TradeTable& table, const Reference& reference, const Selection& selection,
                         const IndicatorOptions& options = {});

enum class ShareBy { kPartner, kProduct, kPartnerProduct };

struct ShareItem {
  std::string partner;  // empty when by product
  std::string product;  // empty when by partner
  double value = 0.0;
  double share = 0.0;             // of the total, 0..1
  std::vector<std::size_t> rows;  // indices into the table of the rows added up (empty for the rest line)
  bool rest = false;              // the "rest (not itemised)" line: total minus the sum of the items
};

struct ShareResult {
  ShareBy by = ShareBy::kPartner;
  ValueResult total;              // the denominator: the selection itself (partner WLD, product TOTAL by default)
  std::vector<ShareItem> items;   // largest first; all of them (top N is applied by the caller's display)
  std::optional<ShareItem> rest;  // when the items add up to less than the total
  double itemised = 0.0;          // sum of the items
  double coverage = 0.0;          // itemised / total
  std::string currency;
  std::vector<RateUsed> rates;     // conversions applied to the items (the total's are in total.rates)
  std::vector<std::string> notes;  // inconsistencies (items above the total), how items were aggregated
};

// Shares of the selection's value by partner, product or partner x product. Items are the single
// economies (members when the selection's partner is a group) and the most detailed product codes of
// each HS branch under the selection's product, each valued with ComputeValue's rules.
ShareResult ComputeShares(const TradeTable& table, const Reference& reference, const Selection& selection, ShareBy by,
                          const IndicatorOptions& options = {});

// Herfindahl-Hirschman index of the items of a ShareResult.
struct Concentration {
  std::size_t item_count = 0;  // n
  double hhi = 0.0;            // sum of squared shares, 0..1
  double hhi_upper = 0.0;      // hhi + (rest share)^2: the value if the rest were a single item
  // (hhi - 1/n) / (1 - 1/n), within [0, 1]; not known with one item (0/0) or when the items do not cover the
  // total (the rest's split is unknown, and the formula could leave [0, 1]).
  std::optional<double> normalized;
  double coverage = 0.0;     // share of the total that the items cover
  bool lower_bound = false;  // items cover less than the total: the true HHI is at least `hhi`
};
Concentration ComputeConcentration(const ShareResult& shares);

// Share of one partner in the reporter's flow; `partner` empty: the largest partner.
struct Dependence {
  std::string partner;
  double value = 0.0;
  double total = 0.0;
  double share = 0.0;
  std::string currency;
};
Dependence ComputeDependence(const ShareResult& partner_shares, const std::string& partner = {});
// The same for any partner code, groups included ("EU27"): value(selection with partner) / value(selection).
Dependence ComputeDependence(const TradeTable& table, const Reference& reference, const Selection& selection,
                             const std::string& partner, const IndicatorOptions& options = {});

// Growth of the selection's value from `base` (default: the same months a year earlier) to the
// selection's period: (v1 - v0) / v0.
struct Growth {
  ValueResult base;     // v0
  ValueResult current;  // v1
  double change = 0.0;  // v1 - v0
  double growth = 0.0;  // (v1 - v0) / v0
  std::string currency;
};
Growth ComputeGrowth(const TradeTable& table, const Reference& reference, const Selection& selection,
                     std::optional<Period> base = std::nullopt, const IndicatorOptions& options = {});

// Balassa's revealed comparative advantage of reporter r in product k over exports:
// (x_rk / X_r) / (x_wk / X_w).
struct Rca {
  ValueResult reporter_product;  // x_rk
  ValueResult reporter_total;    // X_r
  ValueResult world_product;     // x_wk
  ValueResult world_total;       // X_w
  double rca = 0.0;
  // "reporter WLD rows" or "sum over 12 reporters in the table"
  std::string world_from;
};
// The selection's flow must be exports; its partner is normally WLD (the world market).
Rca ComputeRca(const TradeTable& table, const Reference& reference, const Selection& selection,
               const IndicatorOptions& options = {});

// RCA of every product of the reporter's exports in one pass over the table (for many products at once;
// ComputeRca would scan the table four times per product). Products are those of ComputeShares by product.
struct RcaByProduct {
  struct Item {
    std::string product;
    double reporter_value = 0.0;  // x_rk
    double world_value = 0.0;     // x_wk; 0 when the world has no row for k (rca is then not defined)
    std::optional<double> rca;
  };
  std::vector<Item> items;      // in the order of the reporter's product shares (largest first)
  double reporter_total = 0.0;  // X_r
  double world_total = 0.0;     // X_w
  std::string world_from;
  std::string currency;
};
RcaByProduct ComputeRcaByProduct(const TradeTable& table, const Reference& reference, const Selection& selection,
                                 const IndicatorOptions& options = {});

// ---- values that may be missing ----
// The same computations without an exception for a value the data cannot give: no rows for the selection,
// a denominator of 0, rows in several currencies, an exchange rate the reference lacks, no world exports
// for RCA. The reason is the message the ComputeX function would throw. A request that is wrong in itself
// still throws Error: options that fail Validate(), an economy, product or currency code that does not
// resolve, RCA of a flow other than exports.
Maybe<ValueResult> TryComputeValue(const TradeTable& table, const Reference& reference, const Selection& selection,
                                   const IndicatorOptions& options = {});
Maybe<ShareResult> TryComputeShares(const TradeTable& table, const Reference& reference, const Selection& selection,
                                    ShareBy by, const IndicatorOptions& options = {});
Maybe<Dependence> TryComputeDependence(const ShareResult& partner_shares, const std::string& partner = {});
Maybe<Dependence> TryComputeDependence(const TradeTable& table, const Reference& reference, const Selection& selection,
                                       const std::string& partner, const IndicatorOptions& options = {});
Maybe<Growth> TryComputeGrowth(const TradeTable& table, const Reference& reference, const Selection& selection,
                               std::optional<Period> base = std::nullopt, const IndicatorOptions& options = {});
Maybe<Rca> TryComputeRca(const TradeTable& table, const Reference& reference, const Selection& selection,
                         const IndicatorOptions& options = {});
Maybe<RcaByProduct> TryComputeRcaByProduct(const TradeTable& table, const Reference& reference,
                                           const Selection& selection, const IndicatorOptions& options = {});

}  // namespace tradeshock
