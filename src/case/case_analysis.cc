// AnalyseCase: everything a brief states about a case, from its data (include/tradeshock/case_analysis.h).
// The steps are in analysis_steps.cc, the [models] in beyond.cc.
#include "tradeshock/case_analysis.h"

#include <fmt/format.h>

#include <algorithm>

#include "case/analysis_steps.h"
#include "tradeshock/nowcast_projection.h"

namespace tradeshock {

CaseAnalysisOptions CaseAnalysisOptions::Defaults() { return CaseAnalysisOptions{}; }

void CaseAnalysisOptions::Validate(const Reference& reference) const {
  const bool upper = std::all_of(currency.begin(), currency.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
  if (!upper || !reference.IsCurrency(currency)) {
    throw Error(
        fmt::format("currency: unknown currency '{}': expected an ISO 4217 code in capitals (USD, CNY, "
                    "EUR, ...)",
                    currency));
  }
}

std::optional<ClaimsReport> CheckCaseClaims(const Case& c, const Reference& reference,
                                            const CaseAnalysisOptions& options) {
  options.Validate(reference);
  if (!c.claims) return std::nullopt;
  std::optional<NowcastProjectionSource> source;
  const case_internal::NowcastTable nowcast_table = case_internal::MakeNowcastTable(c, reference);
  if (c.scenario && c.scenario->nowcast.target) {
    NowcastRequests requests =
        ChooseNowcastRequests(nowcast_table.Of(c), reference, *c.scenario, *c.scenario->nowcast.target,
                              IndicatorOptions{.currency = options.currency});
    source.emplace(nowcast_table.Of(c), reference, std::move(requests.main));
  }
  ClaimCheckOptions check;
  if (source) check.projections = &*source;
  check.itemisation = case_internal::ItemisationOf(c);
  return CheckClaims(c.table, reference, *c.claims, check);
}

std::vector<std::string> ImposingPartners(const CaseAnalysis& analysis) {
  std::vector<std::string> partners;
  for (const PolicyExposure& policy : analysis.exposure.policies) {
    if (std::find(partners.begin(), partners.end(), policy.policy.imposed_by) == partners.end()) {
      partners.push_back(policy.policy.imposed_by);
    }
  }
  return partners;
}

CaseAnalysis AnalyseCase(const Case& c, const Reference& reference, const CaseAnalysisOptions& options) {
  options.Validate(reference);
  if (!c.scenario) {
    throw Error(fmt::format("case '{}' has no scenario: expected scenario.toml in the folder", c.files.dir.string()));
  }
  CaseAnalysis analysis = case_internal::StartAnalysis(c, options);
  case_internal::ChooseBasePeriod(c, reference, options, analysis);
  case_internal::AddPartnerShares(c, reference, analysis);
  case_internal::AddExposure(c, reference, analysis);
  case_internal::AddProductComposition(c, reference, analysis);
  case_internal::AddNowcast(c, reference, analysis);
  if (c.scenario->models.any()) {
    analysis.beyond = ComputeBeyondDirectLoss(c, reference, analysis);
    if (analysis.beyond->pe) MergeRates(analysis.rates, analysis.beyond->pe->rates);
  }
  if (options.check_claims) analysis.claims = CheckCaseClaims(c, reference, options);
  if (analysis.claims) {
    for (const ClaimResult& result : analysis.claims->results) MergeRates(analysis.rates, result.rates);
  }
  return analysis;
}

}  // namespace tradeshock
