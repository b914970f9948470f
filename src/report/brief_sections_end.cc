// The brief's closing sections: the nowcast, the claims, and the rates, notes and provenance (brief_sections.h).
#include <fmt/format.h>

#include <string>
#include <vector>

#include "report/brief_sections.h"

namespace tradeshock::brief {

void AddNowcast(const SectionContext& context, std::vector<Block>& blocks) {
  const CaseAnalysis& analysis = context.analysis;
  const Reference& reference = context.reference;
  if (analysis.nowcast) {
    const NowcastResult& nowcast = *analysis.nowcast;
    blocks.push_back(Heading(fmt::format("Nowcast: {} in {}", nowcast.target.Describe(), nowcast.year)));
    std::string text = fmt::format("Observed {}: {}.", nowcast.ytd.selection.period.ToString(),
                                   FormatMoney(nowcast.ytd.value, nowcast.ytd.currency));
    if (nowcast.last_year) {
      text += fmt::format(" Last year's actual ({}): {}.", nowcast.last_year->selection.period.ToString(),
                          FormatMoney(nowcast.last_year->value, nowcast.last_year->currency));
    }
    blocks.push_back(Paragraph(text));
    Table table{
        {"estimate", "central", "low", "high", "change on last year (central)"}, {false, true, true, true, true}, {}};
    const auto row = [&](const std::string& name, const NowcastEstimate& estimate) {
      table.rows.push_back({name, FormatMoney(estimate.central.full_year, nowcast.currency),
                            FormatMoney(estimate.low.full_year, nowcast.currency),
                            FormatMoney(estimate.high.full_year, nowcast.currency),
                            estimate.yoy_central ? FormatSignedPercent(*estimate.yoy_central) : "–"});
    };
    row("without the policy", nowcast.without_policy);
    if (!nowcast.applied_policies.empty()) {
      std::string names;
      for (const std::string& name : nowcast.applied_policies) names += (names.empty() ? "" : ", ") + name;
      row("with the policy (" + names + ")", nowcast.with_policy);
    }
    if (analysis.nowcast_stand_in) {
      // The flow's own history gave the rows above; the scenario's stand-in profile, for comparison.
      const NowcastResult& other = *analysis.nowcast_stand_in;
      const bool cut = !other.applied_policies.empty();
      row(fmt::format("{}, with the stand-in profile of {}", cut ? "with the policy" : "without the policy",
                      other.profile.DescribeFlow()),
          cut ? other.with_policy : other.without_policy);
    }
    blocks.push_back(TableBlock(std::move(table)));
    blocks.push_back(NowcastChart(analysis, nowcast, reference));
    blocks.push_back(Heading("Assumptions", 3));
    std::vector<std::string> assumptions;
    // The nowcast states the stand-in profile among its own assumptions; it is not repeated here.
    for (const std::string& assumption : nowcast.assumptions) assumptions.push_back(assumption);
    std::string years;
    for (const ProfileYear& year : nowcast.profile_years) {
      years += fmt::format("{}{} ({})", years.empty() ? "" : "; ", year.year, year.from);
    }
    if (!years.empty()) assumptions.push_back("Profile years: " + years + ".");
    blocks.push_back(List(assumptions));
  }
}

void AddClaims(const SectionContext& context, std::vector<Block>& blocks) {
  const CaseAnalysis& analysis = context.analysis;
  if (analysis.claims) {
    const ClaimsReport& claims = *analysis.claims;
    blocks.push_back(Heading("Claims"));
    blocks.push_back(
        Paragraph(fmt::format("{} claims checked: {}. A claim that matches the data entry only shows "
                              "that its own figure is in the case's data as stated; one consistent "
                              "with the projection holds under the nowcast's assumptions.",
                              claims.results.size(), VerdictCounts(claims))));
    Table table{
        {"claim", "status", "stated", "computed", "off by", "reading"}, {false, false, true, true, true, false}, {}};
    std::vector<std::string> details;
    for (const ClaimResult& result : claims.results) {
      table.rows.push_back(
          {fmt::format("\u201c{}\u201d", result.text), std::string(ToString(result.verdict)),
           StatedInWords(result.comparison, result.stated),
           result.computed ? FormatClaimQuantity(result.metric, *result.computed, result.used.currency) : "not known",
           ClaimDifference(result), result.used.label});
      std::string detail = fmt::format("{} ({}): {}", result.id, ToString(result.verdict), result.message);
      for (const std::string& note : result.notes) detail += " " + note;
      details.push_back(detail);
    }
    blocks.push_back(TableBlock(std::move(table)));
    if (!claims.inconsistencies.empty()) {
      blocks.push_back(Heading("The article's own figures disagree", 3));
      std::vector<std::string> items;
      for (const ClaimInconsistency& inconsistency : claims.inconsistencies) {
        std::string ids;
        for (const std::string& id : inconsistency.claim_ids) ids += (ids.empty() ? "" : ", ") + id;
        items.push_back(fmt::format("{}: {}", ids, inconsistency.explanation));
      }
      blocks.push_back(List(items));
    }
    blocks.push_back(Heading("How each claim was checked", 3));
    blocks.push_back(List(details));
  }
}

void AddRatesNotesAndProvenance(const SectionContext& context, std::vector<Block>& blocks) {
  const CaseAnalysis& analysis = context.analysis;
  blocks.push_back(Heading("Exchange rates used"));
  if (analysis.rates.empty()) {
    blocks.push_back(Paragraph("No conversion was needed."));
  } else {
    Table table{{"currency", "period", "per US dollar", "source"}, {false, false, true, false}, {}};
    for (const RateUsed& rate : analysis.rates) {
      table.rows.push_back({rate.currency, rate.period.ToString(), fmt::format("{:.4f}", rate.per_usd), rate.source});
    }
    blocks.push_back(TableBlock(std::move(table)));
  }
  if (!analysis.notes.empty()) {
    blocks.push_back(Heading("Notes"));
    blocks.push_back(List(analysis.notes));
  }
  blocks.push_back(Heading("Provenance"));
  std::vector<std::string> inputs;
  for (const std::string& file : analysis.input_files) inputs.push_back(file);
  blocks.push_back(
      Paragraph("Computed by tradeshock from these input files; brief.json lists the table rows and "
                "rates behind every number."));
  blocks.push_back(List(inputs));
}

}  // namespace tradeshock::brief
