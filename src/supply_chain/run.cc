// RunSupplyChain: the front ends' one entry point (read, build, measure).
#include <array>

#include "tradeshock/supply_chain.h"

namespace tradeshock {
namespace {

constexpr std::array<std::pair<SupplyChainMeasure, std::string_view>, 5> kMeasureNames = {{
    {SupplyChainMeasure::kFinalDemand, "fdva"},
    {SupplyChainMeasure::kExports, "fva"},
    {SupplyChainMeasure::kDependence, "dependence"},
    {SupplyChainMeasure::kExtraction, "extraction"},
    {SupplyChainMeasure::kCarriers, "carriers"},
}};

}  // namespace

std::string_view ToString(SupplyChainMeasure measure) {
  for (const auto& [value, name] : kMeasureNames) {
    if (value == measure) return name;
  }
  return "unknown";
}

std::optional<SupplyChainMeasure> ParseSupplyChainMeasure(std::string_view text) {
  for (const auto& [value, name] : kMeasureNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

SupplyChainReport RunSupplyChain(const SupplyChainRequest& request) {
  request.read.Validate();
  request.model.Validate();
  switch (request.measure) {  // options first: a bad option fails before the table is read
    case SupplyChainMeasure::kFinalDemand:
      request.final_demand.Validate();
      break;
    case SupplyChainMeasure::kExports:
      request.exports.Validate();
      break;
    case SupplyChainMeasure::kDependence:
      request.dependence.Validate();
      break;
    case SupplyChainMeasure::kExtraction:
      request.extraction.Validate();
      break;
    case SupplyChainMeasure::kCarriers:
      request.carriers.Validate();
      break;
  }
  const IoTable table = ReadIoTable(request.table, request.read);
  const LeontiefModel model = LeontiefModel::Build(table, request.model);
  SupplyChainReport report;
  report.table = table.source;
  report.layout = table.layout;
  report.unit = table.unit;
  report.economies = table.economies.size();
  report.industries = table.industries.size();
  report.idle_sectors = model.idle_sectors();
  report.measure = request.measure;
  switch (request.measure) {
    case SupplyChainMeasure::kFinalDemand:
      report.final_demand = ValueAddedInFinalDemand(model, request.final_demand);
      break;
    case SupplyChainMeasure::kExports:
      report.exports = ValueAddedInExports(model, request.exports);
      break;
    case SupplyChainMeasure::kDependence:
      report.dependence = InputDependence(model, request.dependence);
      break;
    case SupplyChainMeasure::kExtraction:
      report.extraction = HypotheticalExtraction(model, request.extraction);
      break;
    case SupplyChainMeasure::kCarriers:
      report.carriers = ThirdCountryCarriers(model, request.carriers);
      break;
  }
  return report;
}

}  // namespace tradeshock
