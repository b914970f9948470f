// Which part of a flow the policies of a scenario cover, alone and together, in a base period; and from
// that the share of the flow a mix of policies stops when they overlap (docs/METHODS.md, "Several
// policies"). On a cell (partner, product) that several policies cover, the largest share stopped counts:
// a ban wins over a tariff on the same goods, and a flow is never stopped twice. By the max-min identity,
//   stopped share = sum over overlapping sets S of policies of (-1)^(|S|+1) x weight(S) x min over S of s_p,
// where weight(S) is the base-period value of the cells every policy in S covers, over the flow's value.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tradeshock/indicators.h"
#include "tradeshock/reference.h"
#include "tradeshock/scenario.h"
#include "tradeshock/trade_table.h"

namespace tradeshock::scenario_internal {

// Cells that a set of policies all cover inside the flow.
struct PolicyOverlap {
  std::vector<std::size_t> policies;  // indices into the policies given, ascending
  // Value of the cells in the base period (nullopt: the cells are the whole flow and no period was needed).
  std::optional<double> value;
  // The value over the flow's (0..1); nullopt when the flow's value is not known.
  std::optional<double> weight;
  std::string cells;  // "exports to USA in 27" (partners and products, for notes)
};

struct FlowCoverage {
  Selection flow;  // the flow, canonical codes, with the base period when one was needed
  // The flow in the base period; nullopt when no policy covers only part of it (the weights are then 1
  // without looking at any period) or when the data do not give it (the weights are then not known).
  std::optional<ValueResult> flow_value;
  // Every non-empty overlap, single policies first. A policy absent from every entry leaves the flow alone
  // (or its share could not be measured: see notes).
  std::vector<PolicyOverlap> overlaps;
  std::vector<std::string> notes;          // shares that could not be measured, in plain words
  std::vector<std::string> overlap_notes;  // which policies overlap where, and overlaps not measured
  std::vector<RateUsed> rates;
};

// The coverage of `flow` (its period is ignored) by `policies`, with weights from `base` when a policy
// covers only part of the flow. Only policies on the flow's reporter, on exports, count; imports are never
// covered. A policy whose covered value is not in the data is left out, with a note.
FlowCoverage MeasureCoverage(const TradeTable& table, const Reference& reference, const std::vector<Policy>& policies,
                             const Selection& flow, const std::vector<Period>& base_candidates,
                             const IndicatorOptions& options);

// The share of the flow stopped when policy i stops stopped[i] of what it covers (0 when not in force);
// overlaps whose weight is not known are left out.
double StoppedShare(const FlowCoverage& coverage, const std::vector<double>& stopped);

// What the policies' overlaps add to the sum of each policy's own stopped value (<= 0: what the sum
// counts twice), from the overlaps' values.
double OverlapCorrection(const FlowCoverage& coverage, const std::vector<double>& stopped);

}  // namespace tradeshock::scenario_internal
