// Each industry's direct and total input dependence on an origin economy (docs/METHODS.md).
#include <algorithm>

#include "tradeshock/supply_chain.h"

namespace tradeshock {

DependenceResult InputDependence(const LeontiefModel& model, const DependenceOptions& options) {
  options.Validate();
  const IoTable& table = model.table();
  const std::size_t origin = model.Economy(options.origin);
  const std::optional<std::size_t> economy =
      options.economy.empty() ? std::nullopt : std::optional(model.Economy(options.economy));
  const auto industries = static_cast<Eigen::Index>(table.industries.size());
  const Eigen::Index first = static_cast<Eigen::Index>(origin) * industries;
  // Column sums over the origin's rows: one row vector per measure.
  const Eigen::RowVectorXd direct = model.coefficients().middleRows(first, industries).colwise().sum();
  const Eigen::RowVectorXd total = model.inverse().middleRows(first, industries).colwise().sum();
  const Eigen::RowVectorXd value_added = model.value_added_coefficients().segment(first, industries).transpose() *
                                         model.inverse().middleRows(first, industries);
  DependenceResult result;
  result.origin = options.origin;
  result.economy = options.economy;
  for (std::size_t j = 0; j < table.sectors(); ++j) {
    const std::size_t e = table.EconomyOf(j);
    if (e == origin || (economy && e != *economy)) continue;
    const auto col = static_cast<Eigen::Index>(j);
    if (!(table.output(col) > 0.0)) {
      ++result.idle_skipped;
      continue;
    }
    result.industries.push_back({table.economies[e], table.industries[table.IndustryOf(j)], table.output(col),
                                 direct(col), total(col), value_added(col)});
  }
  std::ranges::stable_sort(result.industries, [](const auto& a, const auto& b) { return a.total > b.total; });
  result.industries_total = result.industries.size();
  if (options.top > 0 && result.industries.size() > options.top) result.industries.resize(options.top);
  return result;
}

}  // namespace tradeshock
