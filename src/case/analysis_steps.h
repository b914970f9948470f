// The steps of AnalyseCase (case_analysis.cc runs them in order; each fills part of the CaseAnalysis and
// adds its notes and rates):
//   1. StartAnalysis: title, description, input files, exporter and currency from the case;
//   2. ChooseBasePeriod: the base period and the flow of the partner shares (total trade, else exports);
//   3. AddPartnerShares: the exporter's partners, their concentration and the largest one (of its exports
//      when the data give partners for exports only);
//   4. AddExposure: the scenario's policies applied to the base period (scenario.h);
//   5. AddProductComposition: the exporter's exports by product, shares only against a real total;
//   6. AddNowcast: the scenario's [nowcast] target, when it names one;
//   then the scenario's [models] (beyond.cc) and the case's claims.
// Internal to src/case/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tradeshock/case.h"
#include "tradeshock/case_analysis.h"

namespace tradeshock::case_internal {

// Appends a note not there yet (notes are listed once, as rates are by MergeRates, tradeshock/indicators.h).
void AddNote(std::vector<std::string>& notes, std::string note);

// kComplete when every file of the case is BACI (the complete bilateral HS 6-digit matrix: sums of its rows
// are totals), else kPartial.
Itemisation ItemisationOf(const Case& c);

CaseAnalysis StartAnalysis(const Case& c, const CaseAnalysisOptions& options);
void ChooseBasePeriod(const Case& c, const Reference& reference, const CaseAnalysisOptions& options,
                      CaseAnalysis& analysis);
void AddPartnerShares(const Case& c, const Reference& reference, CaseAnalysis& analysis);
void AddExposure(const Case& c, const Reference& reference, CaseAnalysis& analysis);
void AddProductComposition(const Case& c, const Reference& reference, CaseAnalysis& analysis);
void AddNowcast(const Case& c, const Reference& reference, CaseAnalysis& analysis);

// The table the nowcast reads: the case's own, or a copy with the target's history that the case's claims
// imply ([nowcast] profile_from_claims, on by default; ImpliedHistory, case.h) where the data lack it.
struct NowcastTable {
  std::vector<ImpliedValue> implied;
  std::optional<TradeTable> with_implied;
  const TradeTable& Of(const Case& c) const { return with_implied ? *with_implied : c.table; }
};
NowcastTable MakeNowcastTable(const Case& c, const Reference& reference);

}  // namespace tradeshock::case_internal
