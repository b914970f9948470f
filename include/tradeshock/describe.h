// Describe: every indicator of one reporter's flow in one call — shares by partner and product, HHI,
// dependence on one partner, growth (of the whole flow and with that partner) and RCA — with the choices and
// fallbacks of `tradeshock indicators` (which calls it, as the server and the Python package do). What the data
// cannot give is a missing value with its reason, never an exception or a 0.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tradeshock/indicators.h"

namespace tradeshock {

struct DescribeOptions {
  Selection selection;             // reporter (required), partner, flow, product, period
  ShareBy by = ShareBy::kPartner;  // the breakdown of `shares`
  // Partner of dependence and partner growth: any code, groups included; empty: the largest partner.
  std::string partner;
  // Base period of growth; unset: the same months a year earlier.
  std::optional<Period> compare;
  IndicatorOptions indicators;
  // How many of the largest product items get their own RCA (exports by product); 0: none.
  std::size_t rca_items = 20;

  static DescribeOptions Defaults();
  // Throws Error naming the option: "describe: DescribeOptions::selection.reporter is required",
  // "describe: DescribeOptions::compare must differ from selection.period (both 2020)", and the messages of
  // IndicatorOptions::Validate.
  void Validate() const;
};

struct DescribeResult {
  ShareResult shares;  // by options.by
  // The breakdowns by partner and by product (one of them is `shares`); unset when nothing is itemised.
  std::optional<ShareResult> partner_shares;
  std::optional<ShareResult> product_shares;
  std::optional<Concentration> partner_hhi;    // of partner_shares
  std::optional<Concentration> product_hhi;    // of product_shares
  Maybe<Dependence> dependence;                // on options.partner, else on the largest partner
  Period compare_period = Period::Year(2000);  // the base period of growth as used
  Maybe<Growth> growth;
  // With the dependence's partner (options.partner, else the largest); unset when there is no such partner.
  std::optional<Maybe<Growth>> partner_growth;
  // RCA of the selection's product (exports of one product only); unset when not asked for.
  std::optional<Maybe<Rca>> rca;
  // By product, exports: the RCA of each of the first options.rca_items items of `shares` (unset where not
  // defined); empty when none is defined.
  std::vector<std::optional<double>> item_rca;
  std::string rca_world_from;      // how the world of item_rca was formed
  std::vector<std::string> notes;  // shares.notes
};

// Validates the options and computes. Throws Error when the selection's own shares cannot be computed (no data
// for it, an unknown code); every other missing value carries its reason.
DescribeResult Describe(const TradeTable& table, const Reference& reference, const DescribeOptions& options);

}  // namespace tradeshock
