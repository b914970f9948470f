// The nowcast target's own history as a case's claims imply it (include/tradeshock/case.h, ImpliedHistory):
// a growth claim on the figure of a value claim gives the value a year earlier.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "case/table_copy.h"
#include "tradeshock/case.h"
#include "tradeshock/number_format.h"

namespace tradeshock {

namespace {

// The claim's selection, in canonical codes, when it is one flow of one partner and one product; nullopt
// when it adds several up or names a code the reference does not know.
std::optional<Selection> SingleSelection(const Claim& claim, const Reference& reference) {
  if (claim.partners.size() != 1 || claim.products.size() != 1 || claim.flows.size() != 1) return std::nullopt;
  const Economy* reporter = reference.FindEconomy(claim.reporter);
  const Economy* partner = reference.FindEconomy(claim.partners.front());
  if (reporter == nullptr || partner == nullptr) return std::nullopt;
  return Selection{reporter->code, partner->code, claim.flows.front(), claim.products.front(), claim.period};
}

bool SameFlow(const Selection& a, const Selection& b) {
  return a.reporter == b.reporter && a.partner == b.partner && a.flow == b.flow && a.product == b.product;
}

// "more than 90 million USD" read at its figure: the comparison words are kept in the explanation.
std::string FigureWords(const Claim& claim) {
  return claim.comparison == ClaimComparison::kAbout ? claim.stated.text
                                                     : fmt::format("{}, taken at its figure", claim.stated.text);
}

}  // namespace

std::vector<ImpliedValue> ImpliedHistory(const ClaimsFile& claims, const Selection& target,
                                         const Reference& reference) {
  std::vector<ImpliedValue> implied;
  for (const Claim& growth : claims.claims) {
    if (growth.metric != ClaimMetric::kGrowth || growth.refers_to.empty()) continue;
    const auto value_claim = std::ranges::find(claims.claims, growth.refers_to, &Claim::id);
    if (value_claim == claims.claims.end() || value_claim->metric != ClaimMetric::kValue) continue;
    const std::optional<Selection> of_value = SingleSelection(*value_claim, reference);
    const std::optional<Selection> of_growth = SingleSelection(growth, reference);
    if (!of_value || !of_growth || !SameFlow(*of_value, target) || !SameFlow(*of_growth, target)) continue;
    if (!(of_value->period == of_growth->period) ||
        of_value->period.first_month() / 12 > target.period.first_month() / 12) {
      continue;
    }
    const std::string currency = value_claim->stated.currency;
    const double figure = value_claim->stated.Value();
    const double rate = growth.stated.Value();
    if (currency.empty() || !growth.stated.percent || !(rate > -1.0) || !(figure > 0.0) || !std::isfinite(figure)) {
      continue;
    }
    ImpliedValue value;
    value.selection = *of_value;
    value.selection.period = growth.base.value_or(of_value->period.ShiftYears(-1));
    value.value = figure / (1.0 + rate);
    value.currency = currency;
    value.value_claim = value_claim->id;
    value.growth_claim = growth.id;
    value.explanation = fmt::format(
        "{} {}: implied by the article's claims '{}' ({}) and '{}' ({} on a year earlier): {} / (1 {} {}) = {}; "
        "the article's arithmetic, not data",
        value.selection.DescribeFlow(), value.selection.period.ToString(), value_claim->id, FigureWords(*value_claim),
        growth.id, growth.stated.text, FormatMoney(figure, currency), rate < 0 ? "-" : "+",
        FormatPercent(std::abs(rate), 1), FormatMoney(value.value, currency));
    implied.push_back(std::move(value));
  }
  return implied;
}

namespace {

// Whether the table holds a row of this flow over the same months (in any period form).
bool HasRow(const TradeTable& table, const Selection& key) {
  for (std::size_t row = 0; row < table.size(); ++row) {
    const Period& period = table.periods()[table.period()[row]];
    if (table.economies()[table.reporter()[row]] == key.reporter &&
        table.economies()[table.partner()[row]] == key.partner && table.flow()[row] == key.flow &&
        table.products()[table.product()[row]] == key.product && period.first_month() == key.period.first_month() &&
        period.last_month() == key.period.last_month()) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<ImpliedValue> NotInTable(const TradeTable& table, std::vector<ImpliedValue> values) {
  std::erase_if(values, [&](const ImpliedValue& value) { return HasRow(table, value.selection); });
  return values;
}

TradeTable WithImpliedRows(const TradeTable& table, const std::vector<ImpliedValue>& values) {
  TradeTableBuilder builder = case_internal::BuilderLike(table);
  builder.EnableSource();  // the implied rows carry their explanation
  const std::size_t rows = table.size();
  const TradeTableBuilder::Columns out = builder.Grow(rows);
  const auto copy = [rows](const auto& from, auto* to) {
    if (rows > 0) std::memcpy(to, from.data(), rows * sizeof(*to));
  };
  copy(table.reporter(), out.reporter);
  copy(table.partner(), out.partner);
  copy(table.flow(), out.flow);
  copy(table.product(), out.product);
  copy(table.period(), out.period);
  copy(table.currency(), out.currency);
  copy(table.value(), out.value);
  if (table.has_quantity()) copy(table.quantity(), out.quantity);
  if (table.has_source()) {
    copy(table.source(), out.source);
  } else {
    std::fill(out.source, out.source + rows, builder.InternSource(""));
  }
  // The table's keys are distinct (it was built); NotInTable keeps only values whose keys it lacks.
  builder.AddFile("claims (implied values)");
  for (std::size_t i = 0; i < values.size(); ++i) {
    const ImpliedValue& value = values[i];
    TradeTableBuilder::Row row;
    row.reporter = value.selection.reporter;
    row.partner = value.selection.partner;
    row.flow = value.selection.flow;
    row.product = value.selection.product;
    row.period = value.selection.period;
    row.value = value.value;
    row.currency = value.currency;
    row.source = value.explanation;
    row.quantity = std::numeric_limits<float>::quiet_NaN();  // not known
    builder.Add(row, static_cast<std::uint32_t>(i + 1));
  }
  return builder.Build();
}

}  // namespace tradeshock
