// The JSON form of a supply-chain measure (include/tradeshock/result_json.h): `tradeshock io --format json`.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "tradeshock/result_json.h"
#include "tradeshock/supply_chain.h"

namespace tradeshock {
namespace {

using nlohmann::json;

json Share(const std::optional<double>& share) { return share ? json(*share) : json(nullptr); }

json OriginsJson(const std::vector<OriginValueAdded>& origins) {
  json out = json::array();
  for (const OriginValueAdded& origin : origins) {
    out.push_back({{"origin", origin.origin}, {"value_added", origin.value_added}, {"share", Share(origin.share)}});
  }
  return out;
}

json FinalDemandJson(const FinalDemandValueAdded& result) {
  return {
      {"destination", result.destination},
      {"final_demand", result.final_demand},
      {"numerator", fmt::format("value added of the origin embodied in {}'s final demand", result.destination)},
      {"denominator", fmt::format("{}'s final demand (all categories, products of every origin)", result.destination)},
      {"origins", OriginsJson(result.origins)},
      {"unattributed", result.unattributed}};
}

json ExportsJson(const ExportValueAdded& result) {
  const std::string to = result.importer.empty() ? "all other economies" : result.importer;
  return {{"exporter", result.exporter},
          {"importer", result.importer.empty() ? json(nullptr) : json(result.importer)},
          {"decomposition",
           "Koopman-Wang-Wei (2014) first level with the global inverse: domestic content "
           "(DVA + RDV + domestic double counting), foreign content (FVA + foreign double counting)"},
          {"gross_exports", result.gross_exports},
          {"domestic", result.domestic},
          {"foreign", result.foreign},
          {"domestic_share", Share(result.domestic_share)},
          {"foreign_share", Share(result.foreign_share)},
          {"denominator", fmt::format("{}'s gross exports to {} (intermediate and final)", result.exporter, to)},
          {"foreign_by_origin", OriginsJson(result.foreign_by_origin)}};
}

json DependenceJson(const DependenceResult& result) {
  json industries = json::array();
  for (const IndustryDependence& row : result.industries) {
    industries.push_back({{"economy", row.economy},
                          {"industry", row.industry},
                          {"output", row.output},
                          {"direct", row.direct},
                          {"total", row.total},
                          {"value_added_share", row.value_added_share}});
  }
  return {{"origin", result.origin},
          {"economy", result.economy.empty() ? json(nullptr) : json(result.economy)},
          {"direct", fmt::format("inputs from {} per unit of the industry's output (sum of A)", result.origin)},
          {"total", fmt::format("inputs from {}, direct and indirect, per unit of final demand for the industry's "
                                "product (sum of L)",
                                result.origin)},
          {"value_added_share",
           fmt::format("{}'s value added over the value of the industry's final product", result.origin)},
          {"industries", industries},
          {"industries_total", result.industries_total},
          {"idle_skipped", result.idle_skipped}};
}

json ExtractionJson(const ExtractionResult& result) {
  json economies = json::array();
  for (const EconomyLoss& row : result.economies) {
    economies.push_back({{"economy", row.economy},
                         {"output", row.output},
                         {"output_loss", row.output_loss},
                         {"value_added", row.value_added},
                         {"value_added_loss", row.value_added_loss},
                         {"value_added_loss_share", Share(row.value_added_loss_share)}});
  }
  json sectors = json::array();
  for (const SectorLoss& row : result.sectors) {
    sectors.push_back({{"economy", row.economy},
                       {"industry", row.industry},
                       {"output_loss", row.output_loss},
                       {"value_added_loss", row.value_added_loss}});
  }
  const ExtractionOptions& o = result.options;
  return {{"importer", o.importer},
          {"exporter", o.exporter},
          {"industries", result.industries_stopped},
          {"products", o.products},
          {"products_per_industry", result.products_per_industry},
          {"products_unmapped", result.products_unmapped},
          {"stop_share", o.stop_share},
          {"intermediate", o.intermediate},
          {"final", o.final},
          {"assumption",
           "demand-driven, without substitution: no other supplier replaces the purchases that stop; "
           "coefficients and all other final demand stay"},
          {"purchases_stopped", result.purchases_stopped},
          {"world_value_added_loss", result.world_value_added_loss},
          {"value_added_loss_share_denominator", "the economy's value added before the extraction"},
          {"economies", economies},
          {"sectors", sectors},
          {"sectors_total", result.sectors_total}};
}

json CarriersJson(const CarrierResult& result) {
  json carriers = json::array();
  for (const Carrier& c : result.carriers) {
    carriers.push_back({{"exporter", c.exporter},
                        {"gross_exports", c.gross_exports},
                        {"value_added", c.value_added},
                        {"share", Share(c.share)}});
  }
  return {{"origin", result.origin},
          {"importer", result.importer},
          {"direct_exports", result.direct_exports},
          {"through_third", result.through_third},
          {"numerator", fmt::format("{}'s value added embodied in the exporter's gross exports to {}", result.origin,
                                    result.importer)},
          {"denominator", fmt::format("the exporter's gross exports to {}", result.importer)},
          {"carriers", carriers},
          {"carriers_total", result.carriers_total}};
}

}  // namespace

nlohmann::json ToJson(const SupplyChainReport& report) {
  json out = {{"table", report.table},
              {"layout", std::string(ToString(report.layout))},
              {"unit", report.unit},
              {"economies", report.economies},
              {"industries", report.industries},
              {"idle_sectors", report.idle_sectors},
              {"measure", std::string(ToString(report.measure))}};
  if (report.final_demand) out["fdva"] = FinalDemandJson(*report.final_demand);
  if (report.exports) out["fva"] = ExportsJson(*report.exports);
  if (report.dependence) out["dependence"] = DependenceJson(*report.dependence);
  if (report.extraction) out["extraction"] = ExtractionJson(*report.extraction);
  if (report.carriers) out["carriers"] = CarriersJson(*report.carriers);
  return out;
}

}  // namespace tradeshock
