// Beyond the direct loss: the results of a scenario's [models] (scenario.h) computed next to the
// exposure, as plain structs. ComputeBeyondDirectLoss (case_analysis.h) fills them; pe.h and ge.h are
// the models themselves.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tradeshock/indicators.h"  // RateUsed
#include "tradeshock/scenario.h"    // ModelParameter

namespace tradeshock {

// Exporter side of the PE ban mode (docs/METHODS.md, P8-P9), all policies together: can the exporter
// sell what it lost elsewhere?
struct PeExporterSide {
  double direct_loss = 0.0;        // the exposure's at-risk value (base period, analysis currency)
  double other_markets = 0.0;      // X_o: the exporter's sales to the markets left open
  std::string other_markets_from;  // how X_o was obtained, in words
  double redirected = 0.0;         // extra sales elsewhere, at the old prices
  double redirected_share = 0.0;   // redirected / direct_loss
  double net_loss = 0.0;           // direct_loss - redirected (the unplaced sales)
  // The loss of sales revenue when the lower price on all sales in the other markets is counted too:
  // (X_o + L) - X_o p^(1 - rho). Equals net_loss only when the price does not move.
  double revenue_loss = 0.0;
  double exporter_price_change_pct = 0.0;  // the exporter's price in its other markets
  // The redirected share as the other markets grow without bound: rho / (kappa + rho), an upper bound.
  double redirected_share_limit = 0.0;
  // The redirected share with half the other markets, to show how much the result leans on X_o.
  double redirected_share_half_markets = 0.0;
};

// Importer side of the PE ban mode for one policy (P6-P7): what the importer buys from others instead.
struct PeImporterSide {
  std::string policy;
  std::string importer;
  double importer_imports = 0.0;  // the importer's imports of the covered products from all suppliers
  std::string importer_imports_from;
  double banned_imports = 0.0;          // the stopped flow
  double substitution_by_others = 0.0;  // extra imports from other suppliers
  double importer_net_change = 0.0;     // -banned_imports + substitution_by_others
  double import_price_index_change_pct = 0.0;
  bool substitution_modelled = true;
  double tariff_revenue_lost = 0.0;  // tariff_before x banned imports
};

struct PeAnalysis {
  std::string currency;                    // of every amount below (the analysis currency)
  std::vector<ModelParameter> parameters;  // every elasticity and tariff used, with its source
  std::optional<PeExporterSide> exporter_side;
  std::vector<PeImporterSide> importer_side;
  std::vector<std::string> assumptions;   // stated in plain words with the results
  std::vector<std::string> not_computed;  // what was not computed and why
  std::vector<RateUsed> rates;
};

// One economy (or the aggregate of the third countries) in the GE counterfactual.
struct GeChange {
  std::string role;                      // "exporter", "imposing partner", "third country", "third countries"
  std::string economy;                   // panel code; "third countries (N)" for the aggregate
  double exports_change_cdl_pct = 0.0;   // exports to other economies, conditional equilibrium
  double exports_change_full_pct = 0.0;  // full endowment
  double real_income_change_pct = 0.0;   // real GDP, full endowment (output-weighted for the aggregate)
  double welfare_change_pct = 0.0;
};

struct GeAnalysis {
  std::string panel;  // the panel file as written in the scenario
  std::string label;
  std::size_t economies = 0;          // in the panel
  std::string exporter;               // the panel economy that is banned (the scenario's, or its stand-in)
  bool illustration = false;          // true when a stand-in economy replaces the scenario's exporter
  std::vector<std::string> imposing;  // panel economies that impose the policies
  std::vector<ModelParameter> parameters;
  std::string reference;
  std::vector<GeChange> changes;  // exporter, imposing partners, third countries (aggregate first, then the
                                  // three largest gains and losses in real income)
  int iterations_conditional = 0;
  int iterations_full = 0;
  double final_change_full = 0.0;
  std::vector<std::string> assumptions;
};

struct BeyondDirectLoss {
  std::vector<std::string> case_notes;  // the scenario's [models] notes: what the case assumes
  std::optional<PeAnalysis> pe;
  std::optional<GeAnalysis> ge;
  std::vector<std::string> not_computed;  // models asked for but not computed, and why
};

}  // namespace tradeshock
