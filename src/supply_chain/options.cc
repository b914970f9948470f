// Defaults() and Validate() of the supply-chain measures' options.
#include <fmt/format.h>

#include <cmath>

#include "tradeshock/error.h"
#include "tradeshock/supply_chain.h"

namespace tradeshock {
namespace {

void RequireCode(const std::string& code, std::string_view option) {
  if (code.empty()) throw Error(fmt::format("supply_chain: {} must name an economy, got ''", option));
}

}  // namespace

SupplyChainOptions SupplyChainOptions::Defaults() { return SupplyChainOptions(); }

void SupplyChainOptions::Validate() const {
  if (!(min_output >= 0.0) || !std::isfinite(min_output)) {
    throw Error(fmt::format("supply_chain: SupplyChainOptions::min_output must be a number >= 0, got {}", min_output));
  }
}

FinalDemandOptions FinalDemandOptions::Defaults() { return FinalDemandOptions(); }

void FinalDemandOptions::Validate() const { RequireCode(destination, "FinalDemandOptions::destination"); }

ExportContentOptions ExportContentOptions::Defaults() { return ExportContentOptions(); }

void ExportContentOptions::Validate() const {
  RequireCode(exporter, "ExportContentOptions::exporter");
  if (importer == exporter) {
    throw Error(
        fmt::format("supply_chain: ExportContentOptions::importer must differ from the exporter, got '{}' "
                    "for both",
                    Printable(exporter)));
  }
}

DependenceOptions DependenceOptions::Defaults() { return DependenceOptions(); }

void DependenceOptions::Validate() const {
  RequireCode(origin, "DependenceOptions::origin");
  if (economy == origin) {
    throw Error(fmt::format("supply_chain: DependenceOptions::economy must differ from the origin, got '{}' for both",
                            Printable(origin)));
  }
}

CarrierOptions CarrierOptions::Defaults() { return CarrierOptions(); }

void CarrierOptions::Validate() const {
  RequireCode(origin, "CarrierOptions::origin");
  RequireCode(importer, "CarrierOptions::importer");
  if (origin == importer) {
    throw Error(fmt::format("supply_chain: CarrierOptions::importer must differ from the origin, got '{}' for both",
                            Printable(origin)));
  }
}

ExtractionOptions ExtractionOptions::Defaults() { return ExtractionOptions(); }

void ExtractionOptions::Validate() const {
  RequireCode(importer, "ExtractionOptions::importer");
  RequireCode(exporter, "ExtractionOptions::exporter");
  if (importer == exporter) {
    throw Error(
        fmt::format("supply_chain: ExtractionOptions::importer must differ from the exporter, got '{}' for "
                    "both",
                    Printable(importer)));
  }
  if (!(stop_share > 0.0 && stop_share <= 1.0)) {
    throw Error(fmt::format("supply_chain: ExtractionOptions::stop_share must be in (0, 1], got {}", stop_share));
  }
  if (!industries.empty() && !products.empty()) {
    throw Error("supply_chain: ExtractionOptions: give industries or products, not both");
  }
  if (!intermediate && !final) {
    throw Error("supply_chain: ExtractionOptions: intermediate and final are both off, so no purchase stops");
  }
}

}  // namespace tradeshock
