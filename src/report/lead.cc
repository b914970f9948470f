// The brief's lead paragraph: the answer in words, computed from the results (no template per case).
//  1. What is at stake: the value the policies put at risk, its share of the exporter's flow, the imposing
//     partners' share and the largest partner.
//  2. What the year may look like with the policies: the nowcast's central value, its band and the assumption
//     it leans on most (whose monthly profile it follows).
//  3. Which claims fail and why, one sentence each: figures of the article that disagree with each other
//     (worded as what they imply), then claims the data contradict. Or, when none fails, that none does.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "report/brief_model.h"
#include "tradeshock/claims.h"

namespace tradeshock::brief {
namespace {

// Claims named in the lead before "and N more": the rest are in the claims section.
constexpr std::size_t kMaxClaimSentences = 3;

std::string JoinNames(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
    text += names[i];
  }
  return text;
}

std::string Possessive(const std::string& name) { return name + (name.ends_with('s') ? "'" : "'s"); }

// "the United States", "Xinjiang": as a sentence names the economy; the code when unknown.
std::string InText(const Reference& reference, const std::string& code) {
  const Economy* economy = reference.FindEconomy(code);
  return economy == nullptr ? code : economy->NameInText();
}

// "Xinjiang's total trade", "Russia's exports to the United States in HS 27": a flow in words.
std::string FlowInWords(const Reference& reference, const Selection& selection) {
  std::string text = Possessive(InText(reference, selection.reporter)) + " " + FlowWord(selection.flow);
  if (selection.partner != kWorld) {
    const std::string_view preposition = selection.flow == Flow::kExports   ? "to"
                                         : selection.flow == Flow::kImports ? "from"
                                                                            : "with";
    text += fmt::format(" {} {}", preposition, InText(reference, selection.partner));
  }
  if (selection.product != kTotalProduct) {
    // A product group by its name; an HS code by its code (its description is in the brief's tables).
    const ProductGroup* group = reference.FindProductGroup(selection.product);
    text += group != nullptr && !group->name.empty() ? " of " + group->name : " in HS " + selection.product;
  }
  return text;
}

// "a fall of 82.1% on 2020", "a rise of 3.0% on 2020".
std::string ChangeOn(double change, int year) {
  return fmt::format("a {} of {} on {}", change < 0.0 ? "fall" : "rise", FormatPercent(std::fabs(change)), year);
}

std::string Capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// "“US ban on Xinjiang products”" or "the 2 policies (“a”, “b”)".
std::string PolicyNames(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const std::string& name : names) quoted.push_back(fmt::format("\u201c{}\u201d", name));
  if (quoted.size() == 1) return quoted.front();
  return fmt::format("the {} policies ({})", quoted.size(), JoinNames(quoted));
}

std::string StakeSentences(const CaseAnalysis& analysis, const Reference& reference) {
  const ExposureResult& exposure = analysis.exposure;
  const std::string exporter = InText(reference, analysis.exporter);
  std::vector<std::string> names;
  for (const PolicyExposure& policy : exposure.policies) names.push_back(policy.policy.name);
  std::string at_risk = FormatMoney(exposure.at_risk, exposure.currency);
  if (exposure.at_risk_range) {
    at_risk += fmt::format(" (from {} to {}, as the share it stops ranges)",
                           FormatMoney(exposure.at_risk_range->first, exposure.currency),
                           FormatMoney(exposure.at_risk_range->second, exposure.currency));
  }
  const std::string period = exposure.period.ToString();
  std::string text;
  if (exposure.share_of_exports) {
    text = fmt::format("At stake under {}: {}, {} of {} exports in {}.", PolicyNames(names), at_risk,
                       FormatPercent(*exposure.share_of_exports, 2), Possessive(exporter), period);
  } else if (exposure.share_of_trade) {
    text = fmt::format("At stake under {}: {}, {} of {} total trade in {} (its share of exports is not known).",
                       PolicyNames(names), at_risk, FormatPercent(*exposure.share_of_trade, 2), Possessive(exporter),
                       period);
  } else {
    text = fmt::format("At stake under {}: {} of {} exports in {} (their share of its exports is not known).",
                       PolicyNames(names), at_risk, Possessive(exporter), period);
  }
  // Partner shares only when they are of the exporter's whole flow, not of the partners the data happen to hold.
  if (!analysis.partner_total_known) return text;
  const std::string flow = analysis.partner_flow == Flow::kTrade ? "total trade" : "exports";
  const Dependence& largest = analysis.largest_partner;
  // "United States accounts for 4.5% and Canada for 2.0% of its total trade in 2020; its largest partner,
  // Kazakhstan, for 51.0%."
  std::vector<std::string> parts;
  bool largest_imposes = false;
  for (const std::string& partner : ImposingPartners(analysis)) {
    const auto found = PartnerShare(analysis, reference, partner);
    if (!found) continue;
    largest_imposes = largest_imposes || partner == largest.partner;
    parts.push_back(fmt::format("{} {}for {}", InText(reference, partner), parts.empty() ? "accounts " : "",
                                FormatPercent(found->second)));
  }
  const std::string largest_name = InText(reference, largest.partner);
  // A partner is the largest only when the part not itemised by partner is smaller than it.
  const bool largest_known = !analysis.partner_shares.rest || analysis.partner_shares.rest->share <= largest.share;
  if (!largest_known) {
    const std::string rest = FormatPercent(analysis.partner_shares.rest->share);
    if (parts.empty()) {
      return text + fmt::format(" Its largest partner is not known: {} of its {} in {} is not itemised by partner.",
                                rest, flow, analysis.base_period.ToString());
    }
    return text + fmt::format(" {} of its {} in {}; {} is not itemised by partner.", Capitalised(JoinNames(parts)),
                              flow, analysis.base_period.ToString(), rest);
  }
  if (parts.empty()) {
    return text + fmt::format(" Its largest partner, {}, accounts for {} of its {} in {}.", largest_name,
                              FormatPercent(largest.share), flow, analysis.base_period.ToString());
  }
  return text + fmt::format(
                    " {} of its {} in {}{}.", Capitalised(JoinNames(parts)), flow, analysis.base_period.ToString(),
                    largest_imposes
                        ? fmt::format(" ({} is its largest partner)", largest_name)
                        : fmt::format("; its largest partner, {}, for {}", largest_name, FormatPercent(largest.share)));
}

std::string NowcastSentence(const CaseAnalysis& analysis, const Reference& reference) {
  const NowcastResult& nowcast = *analysis.nowcast;
  const NowcastEstimate& estimate = nowcast.with_policy;
  const bool cut = !nowcast.applied_policies.empty();
  const std::string change =
      estimate.yoy_central ? ", " + ChangeOn(*estimate.yoy_central, nowcast.year - 1) : std::string();
  // The assumption the projection leans on most: whose monthly profile spreads the year.
  std::string profile;
  if (nowcast.profile_years.empty()) {
    profile = "if each month still to come is like the average month observed";
  } else if (nowcast.stand_in) {
    profile = fmt::format(
        "if the rest of the year follows the monthly profile of {}, which stands in for the flow's "
        "own history",
        FlowInWords(reference, nowcast.profile));
  } else if (!analysis.nowcast_implied.empty()) {
    // The own history is the article's arithmetic: say whose, and what the stand-in would give.
    const ImpliedValue& implied = analysis.nowcast_implied.front();
    profile = fmt::format(
        "if the rest of the year follows the flow's own monthly profile of {}, which the article's own figures "
        "imply ({} in {})",
        implied.selection.period.first_month() / 12, FormatMoney(implied.value, implied.currency),
        implied.selection.period.ToString());
    if (analysis.nowcast_stand_in) {
      profile += fmt::format(
          "; with the profile of {} instead, about {}", FlowInWords(reference, analysis.nowcast_stand_in->profile),
          FormatMoney(analysis.nowcast_stand_in->with_policy.central.full_year, analysis.nowcast_stand_in->currency));
    }
  } else {
    profile = "if the rest of the year follows the flow's own monthly profile in earlier years";
  }
  std::string with;
  if (cut) {
    std::vector<std::string> dated;
    for (const PolicyExposure& policy : analysis.exposure.policies) {
      for (const std::string& name : nowcast.applied_policies) {
        if (name == policy.policy.name)
          dated.push_back(policy.policy.from_range
                              ? fmt::format("starting between {} and {}", policy.policy.from_range->first.ToString(),
                                            policy.policy.from_range->second.ToString())
                              : fmt::format("from {}", policy.policy.from.ToString()));
      }
    }
    with = fmt::format("With {} {}, ", nowcast.applied_policies.size() == 1 ? "the policy" : "the policies",
                       JoinNames(dated));
  }
  const std::string subject = fmt::format("{} in {}", FlowInWords(reference, nowcast.target), nowcast.year);
  return fmt::format("{}{} may come to about {} (between {} and {}){}, {}.", with, cut ? subject : Capitalised(subject),
                     FormatMoney(estimate.central.full_year, nowcast.currency),
                     FormatMoney(estimate.low.full_year, nowcast.currency),
                     FormatMoney(estimate.high.full_year, nowcast.currency), change, profile);
}

// "a fall of more than 70%" for less_than −70%; "a rise of about 5%" for about 5%.
std::string ChangeWords(ClaimComparison comparison, const StatedFigure& stated) {
  const double value = stated.Value();
  const bool fall = value < 0.0;
  const std::string size = FormatPercent(std::fabs(value), stated.decimals);
  std::string_view words;
  switch (comparison) {
    case ClaimComparison::kAbout:
      words = "about";
      break;
    // A change below −70% is a fall of more than 70%; below +5%, a rise of less than 5%.
    case ClaimComparison::kLessThan:
      words = fall ? "more than" : "less than";
      break;
    case ClaimComparison::kNotMoreThan:
      words = fall ? "at least" : "at most";
      break;
    case ClaimComparison::kMoreThan:
      words = fall ? "less than" : "more than";
      break;
    case ClaimComparison::kAtLeast:
      words = fall ? "at most" : "at least";
      break;
    case ClaimComparison::kNearly:
      words = "nearly";
      break;
  }
  return fmt::format("a {} of {} {}", fall ? "fall" : "rise", words, size);
}

// "The article's 300.0 million USD would be a 54.3% fall on 2020's 655.8 million USD, not a fall of more than
// 70%: that needs less than 196.8 million USD."
std::string ImpliedChangeSentence(const ImpliedChange& implied) {
  const bool fall = implied.change < 0.0;
  return fmt::format("The article's {} would be a {} {} on {} {}, not {}: that needs {}.",
                     FormatMoney(implied.figure, implied.currency),
                     FormatPercent(std::fabs(implied.change), implied.stated_change.decimals + 1),
                     fall ? "fall" : "rise", Possessive(implied.base_period.ToString()),
                     FormatMoney(implied.base, implied.currency),
                     ChangeWords(implied.comparison, implied.stated_change),
                     FormatInterval(implied.needed, ClaimMetric::kValue, implied.currency));
}

std::string ContradictedSentence(const ClaimResult& result) {
  const bool growth = result.metric == ClaimMetric::kGrowth || result.metric == ClaimMetric::kProjectedGrowth;
  const std::string what =
      result.metric == ClaimMetric::kProjectedGrowth || result.metric == ClaimMetric::kProjectedValue
          ? "the projection gives"
          : "the data give";
  if (growth && result.computed) {
    // "a fall of nearly 50%; the projection gives a fall of 18.6%".
    const double computed = *result.computed;
    return fmt::format("\u201c{}\u201d means {}; {} a {} of {}.", result.text,
                       ChangeWords(result.comparison, result.figure), what, computed < 0.0 ? "fall" : "rise",
                       FormatPercent(std::fabs(computed)));
  }
  const std::string computed = result.computed
                                   ? FormatClaimQuantity(result.metric, *result.computed, result.used.currency)
                                   : std::string("not known");
  return fmt::format("\u201c{}\u201d states {}; {} {}.", result.text, StatedInWords(result.comparison, result.stated),
                     what, computed);
}

std::string ClaimSentences(const ClaimsReport& claims) {
  std::vector<std::string> sentences;
  for (const ClaimInconsistency& inconsistency : claims.inconsistencies) {
    sentences.push_back(inconsistency.implied
                            ? ImpliedChangeSentence(*inconsistency.implied)
                            : fmt::format("The article's figures disagree ({}): {}.",
                                          JoinNames(inconsistency.claim_ids), inconsistency.explanation));
  }
  for (const ClaimResult& result : claims.results) {
    if (result.status == ClaimStatus::kContradicted) sentences.push_back(ContradictedSentence(result));
  }
  const std::size_t checked = claims.results.size();
  std::string text;
  if (sentences.empty()) {
    text = checked == 1 ? std::string("The one claim checked is not contradicted by the data")
                        : fmt::format("None of the {} claims checked is contradicted by the data", checked);
    if (claims.not_checkable > 0) text += fmt::format(" ({} could not be checked)", claims.not_checkable);
    return text + ".";
  }
  for (std::size_t i = 0; i < sentences.size() && i < kMaxClaimSentences; ++i) {
    text += (text.empty() ? "" : " ") + sentences[i];
  }
  if (sentences.size() > kMaxClaimSentences) {
    text += fmt::format(" {} more findings are under Claims.", sentences.size() - kMaxClaimSentences);
  }
  return text;
}

}  // namespace

std::string BuildLead(const CaseAnalysis& analysis, const Reference& reference) {
  std::string lead = StakeSentences(analysis, reference);
  if (analysis.nowcast) lead += " " + NowcastSentence(analysis, reference);
  if (analysis.claims) lead += " " + ClaimSentences(*analysis.claims);
  return lead;
}

}  // namespace tradeshock::brief
