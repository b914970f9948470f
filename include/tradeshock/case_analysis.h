// AnalyseCase: everything a brief states about a loaded case (case.h), computed from its data as plain
// result structs with their provenance. The report module renders them (report.h); result_json.h gives
// them to machines. Every front end (command line, server, Python) calls these entry points.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tradeshock/beyond.h"
#include "tradeshock/case.h"
#include "tradeshock/claims.h"
#include "tradeshock/indicators.h"
#include "tradeshock/nowcast.h"
#include "tradeshock/period.h"
#include "tradeshock/reference.h"
#include "tradeshock/scenario.h"

namespace tradeshock {

struct CaseAnalysisOptions {
  std::string currency = "USD";  // every value of the analysis is converted into it
  // Period of the description and the exposure. Unset: the last calendar year before the first policy's
  // `from` date for which the exporter's total trade is in the data.
  std::optional<Period> base_period;
  // Whether AnalyseCase checks the case's claims (CaseAnalysis::claims); false for the exposure alone
  // (`tradeshock scenario`, the server's /scenario), whose rates then name no claim's rate.
  bool check_claims = true;

  static CaseAnalysisOptions Defaults();
  // Throws Error naming the option when the currency is not an ISO 4217 code in capitals. AnalyseCase
  // calls it; front ends may call it first to report a bad flag before reading any data.
  void Validate(const Reference& reference) const;
};

// Everything a brief states, computed from the case's data.
struct CaseAnalysis {
  std::string title;                     // the scenario's title, else the folder name
  std::string description;               // the scenario's description
  std::vector<std::string> caveats;      // the scenario's caveats
  std::optional<ClaimsSource> source;    // where the claims come from (the claims file's [source])
  std::vector<std::string> input_files;  // as given, relative to the case folder's parent when possible
  std::string exporter;                  // the scenario's exporter (policies' `on`)
  std::string currency;
  Period base_period = Period::Year(2000);
  // The flow of the partner shares, their concentration and the largest partner: total trade when the data
  // give the exporter's imports too, else its exports (with a note saying so).
  Flow partner_flow = Flow::kTrade;

  // The exporter's trade (or exports, see partner_flow) by partner in the base period, its concentration and
  // its largest partner.
  ShareResult partner_shares;
  Concentration partner_concentration;
  Dependence largest_partner;
  // False when the partner shares' total is not a total of the exporter's flow but only the sum of the partner
  // rows present, which ComputeExposure does not accept as one (the data give exports to the US alone): the
  // shares are then of that sum, and the exporter's share with each partner, its concentration and its largest
  // partner's share of its whole flow are not known.
  bool partner_total_known = true;
  // The exporter's exports by product in the base period, when the data itemise products. Of its exports to
  // the world, or, when the data give products only for the exports to one partner, of the exports to that
  // partner (total.selection.partner says which; product_partners names it).
  std::optional<ShareResult> product_shares;
  // When the data itemise products but give no real total of the exporter's exports to take shares of
  // (a WLD total summed from partial partner rows would give shares far above 100%): the product values
  // alone, shares left at 0, with a note. product_shares is then unset.
  std::optional<ShareResult> product_values;
  // The partners the product composition covers when the data give products only for the exports to some
  // partners, not to the world (RUS -> USA only); empty when it is of the exports to the world.
  std::vector<std::string> product_partners;

  ExposureResult exposure;               // the scenario's policies applied to the base period
  std::optional<NowcastResult> nowcast;  // when the scenario names a [nowcast] target
  // The scenario's stand-in profile, when the data also give the target's own history (which `nowcast` uses).
  std::optional<NowcastResult> nowcast_stand_in;
  // The target's own history that `nowcast` takes from the case's claims (ImpliedHistory, case.h), when the
  // data lack it; empty when the data give it or the nowcast uses a stand-in.
  std::vector<ImpliedValue> nowcast_implied;
  std::optional<ClaimsReport> claims;  // when the case has claims; projections use the nowcast
  // The scenario's [models] (when it has any): PE redirection and net loss, GE changes.
  std::optional<BeyondDirectLoss> beyond;

  std::vector<RateUsed> rates;     // every FX rate used anywhere above, without repeats
  std::vector<std::string> notes;  // what was missing, what stood in for what, in plain words
};

// Computes the scenario's [models] for an analysis whose exposure is done (AnalyseCase calls it). Throws
// InputException located in the GE panel file for a malformed panel, Error when the panel lacks an
// economy the scenario needs.
BeyondDirectLoss ComputeBeyondDirectLoss(const Case& c, const Reference& reference, const CaseAnalysis& analysis);

// Throws Error when the case has no scenario or the exporter's data for the base period are missing.
CaseAnalysis AnalyseCase(const Case& c, const Reference& reference, const CaseAnalysisOptions& options = {});

// The economies (or groups) imposing the scenario's policies, in order of first appearance.
std::vector<std::string> ImposingPartners(const CaseAnalysis& analysis);

// Checks the case's claims (nullopt when it has none). Projected claims are answered by the nowcast of the
// scenario's [nowcast] target when there is one (NowcastProjectionSource), else they are not checkable.
std::optional<ClaimsReport> CheckCaseClaims(const Case& c, const Reference& reference,
                                            const CaseAnalysisOptions& options = {});

}  // namespace tradeshock
