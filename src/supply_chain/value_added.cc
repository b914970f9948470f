// Value added by origin in final demand (TiVA's FDVA) and in gross exports (Koopman, Wang and Wei 2014, first
// level). docs/METHODS.md, "Through supply chains".
#include <algorithm>

#include "tradeshock/supply_chain.h"

namespace tradeshock {
namespace {

std::optional<double> Ratio(double numerator, double denominator) {
  if (denominator == 0.0) return std::nullopt;
  return numerator / denominator;
}

// Value added of each economy in the sector vector `embodied` = v ∘ (L d), as shares of `denominator`.
std::vector<OriginValueAdded> ByOrigin(const LeontiefModel& model, const Eigen::VectorXd& embodied,
                                       double denominator) {
  const IoTable& table = model.table();
  const auto industries = static_cast<Eigen::Index>(table.industries.size());
  std::vector<OriginValueAdded> origins;
  for (std::size_t e = 0; e < table.economies.size(); ++e) {
    const double value = embodied.segment(static_cast<Eigen::Index>(e) * industries, industries).sum();
    origins.push_back({table.economies[e], value, Ratio(value, denominator)});
  }
  std::ranges::stable_sort(origins, [](const auto& a, const auto& b) { return a.value_added > b.value_added; });
  return origins;
}

}  // namespace

FinalDemandValueAdded ValueAddedInFinalDemand(const LeontiefModel& model, const FinalDemandOptions& options) {
  options.Validate();
  const IoTable& table = model.table();
  const auto destination = static_cast<Eigen::Index>(model.Economy(options.destination));
  const Eigen::VectorXd demand = table.final_demand.col(destination);
  const Eigen::VectorXd embodied = model.value_added_coefficients().cwiseProduct(model.inverse() * demand);
  FinalDemandValueAdded result;
  result.destination = options.destination;
  result.unit = table.unit;
  result.final_demand = demand.sum();
  result.origins = ByOrigin(model, embodied, result.final_demand);
  result.unattributed = result.final_demand - embodied.sum();
  if (!options.origins.empty()) {
    std::vector<OriginValueAdded> chosen;
    for (const std::string& code : options.origins) {
      model.Economy(code);  // an unknown origin is an error, never a 0
      chosen.push_back(*std::ranges::find_if(result.origins, [&](const auto& o) { return o.origin == code; }));
    }
    result.origins = std::move(chosen);
  }
  return result;
}

ExportValueAdded ValueAddedInExports(const LeontiefModel& model, const ExportContentOptions& options) {
  options.Validate();
  const IoTable& table = model.table();
  const std::size_t s = model.Economy(options.exporter);
  const std::optional<std::size_t> r =
      options.importer.empty() ? std::nullopt : std::optional(model.Economy(options.importer));
  const auto industries = static_cast<Eigen::Index>(table.industries.size());
  const Eigen::Index first = static_cast<Eigen::Index>(s) * industries;
  // e_s: sales of the exporter's sectors to the other economies' (or the importer's) industries and final demand.
  Eigen::VectorXd exports = Eigen::VectorXd::Zero(industries);
  for (std::size_t e = 0; e < table.economies.size(); ++e) {
    if (e == s || (r && e != *r)) continue;
    const auto block = static_cast<Eigen::Index>(e) * industries;
    exports += table.intermediate.block(first, block, industries, industries).rowwise().sum();
    exports += table.final_demand.block(first, static_cast<Eigen::Index>(e), industries, 1);
  }
  const Eigen::VectorXd embodied =
      model.value_added_coefficients().cwiseProduct(model.inverse().middleCols(first, industries) * exports);
  ExportValueAdded result;
  result.exporter = options.exporter;
  result.importer = options.importer;
  result.unit = table.unit;
  result.gross_exports = exports.sum();
  result.domestic = embodied.segment(first, industries).sum();
  result.foreign = embodied.sum() - result.domestic;
  result.domestic_share = Ratio(result.domestic, result.gross_exports);
  result.foreign_share = Ratio(result.foreign, result.gross_exports);
  for (OriginValueAdded& origin : ByOrigin(model, embodied, result.gross_exports)) {
    if (origin.origin != options.exporter) result.foreign_by_origin.push_back(std::move(origin));
  }
  return result;
}

CarrierResult ThirdCountryCarriers(const LeontiefModel& model, const CarrierOptions& options) {
  options.Validate();
  const IoTable& table = model.table();
  model.Economy(options.origin);
  model.Economy(options.importer);
  CarrierResult result;
  result.origin = options.origin;
  result.importer = options.importer;
  result.unit = table.unit;
  result.direct_exports = ValueAddedInExports(model, {options.origin, options.importer}).gross_exports;
  for (const std::string& exporter : table.economies) {
    if (exporter == options.origin || exporter == options.importer) continue;
    const ExportValueAdded content = ValueAddedInExports(model, {exporter, options.importer});
    const auto from = std::ranges::find_if(content.foreign_by_origin,
                                           [&](const OriginValueAdded& o) { return o.origin == options.origin; });
    result.carriers.push_back({exporter, content.gross_exports, from->value_added, from->share});
    result.through_third += from->value_added;
  }
  std::ranges::stable_sort(result.carriers, [](const auto& a, const auto& b) { return a.value_added > b.value_added; });
  result.carriers_total = result.carriers.size();
  if (options.top > 0 && result.carriers.size() > options.top) result.carriers.resize(options.top);
  return result;
}

}  // namespace tradeshock
