// SMART-style tariff simulation and the exact ban mode; equations P1..P9 in docs/METHODS.md, "Partial equilibrium".
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "tradeshock/pe.h"

namespace tradeshock::pe {
namespace {

void CheckSuppliers(const std::vector<Supplier>& suppliers) {
  if (suppliers.empty()) throw Error("PE: no suppliers given");
  for (const Supplier& supplier : suppliers) {
    if (!std::isfinite(supplier.imports) || supplier.imports < 0) {
      throw Error(
          fmt::format("PE: imports from {} are {}, expected a finite value >= 0", supplier.code, supplier.imports));
    }
    for (double tariff : {supplier.tariff_before, supplier.tariff_after}) {
      if (!std::isfinite(tariff) || tariff <= -1) {
        throw Error(
            fmt::format("PE: tariff {} for {} is not a fraction > -1 (write 10 % as 0.1)", tariff, supplier.code));
      }
    }
  }
}

void CheckElasticity(const char* name, double value) {
  if (!std::isfinite(value) || value < 0) {
    throw Error(fmt::format("PE: the {} elasticity is {}, expected a finite value >= 0", name, value));
  }
}

// P1's supply term: 1 with infinitely elastic export supply, else 1 / (1 + eta / eps_x).
double SupplyFactor(double import_demand, double export_supply) {
  if (export_supply >= kInfiniteSupply) return 1.0;
  if (export_supply <= 0) return 0.0;
  return 1.0 / (1.0 + import_demand / export_supply);
}

}  // namespace

TariffResult SimulateTariffChange(const std::vector<Supplier>& suppliers, const Elasticities& elasticities) {
  CheckSuppliers(suppliers);
  const double demand = std::abs(elasticities.import_demand);
  CheckElasticity("import demand", demand);
  CheckElasticity("substitution", elasticities.substitution);
  CheckElasticity("export supply", elasticities.export_supply);
  const double supply_factor = SupplyFactor(demand, elasticities.export_supply);

  double total_imports = 0;
  for (const Supplier& supplier : suppliers) total_imports += supplier.imports;
  // P2: CES reallocation of a fixed total across suppliers after the relative price change.
  double weight_sum = 0;
  std::vector<double> weights;
  for (const Supplier& supplier : suppliers) {
    const double relative_price = (1 + supplier.tariff_after) / (1 + supplier.tariff_before);
    weights.push_back(supplier.imports * std::pow(relative_price, -elasticities.substitution));
    weight_sum += weights.back();
  }
  TariffResult result;
  for (std::size_t k = 0; k < suppliers.size(); ++k) {
    const Supplier& supplier = suppliers[k];
    SupplierEffect effect;
    effect.code = supplier.code;
    // P1: trade creation.
    effect.trade_creation = demand * supplier.imports * (supplier.tariff_before - supplier.tariff_after) /
                            (1 + supplier.tariff_before) * supply_factor;
    effect.trade_diversion = weight_sum > 0 ? total_imports * weights[k] / weight_sum - supplier.imports : 0.0;
    effect.total_change = effect.trade_creation + effect.trade_diversion;  // P3
    effect.imports_after = supplier.imports + effect.total_change;
    result.trade_creation += effect.trade_creation;
    result.trade_diversion += effect.trade_diversion;
    result.total_change += effect.total_change;
    result.tariff_revenue_before += supplier.tariff_before * supplier.imports;    // P4
    result.tariff_revenue_after += supplier.tariff_after * effect.imports_after;  // P4
    // P5: consumer surplus, rectangle on the old quantity plus the triangle on the created trade.
    result.consumer_surplus_change -=
        (supplier.tariff_after - supplier.tariff_before) * (supplier.imports + 0.5 * effect.trade_creation);
    result.suppliers.push_back(effect);
  }
  return result;
}

BanResult SimulateBan(const std::vector<Supplier>& suppliers, const std::string& banned, const BanOptions& options) {
  CheckSuppliers(suppliers);
  const double demand = std::abs(options.elasticities.import_demand);
  const double substitution = options.elasticities.substitution;
  CheckElasticity("import demand", demand);
  CheckElasticity("substitution", substitution);
  CheckElasticity("redirection", options.redirection_elasticity);
  CheckElasticity("exporter supply", options.exporter_supply_elasticity);
  if (!std::isfinite(options.exporter_other_sales) || options.exporter_other_sales < 0) {
    throw Error(fmt::format("PE: the banned exporter's sales to other markets are {}, expected a value >= 0",
                            options.exporter_other_sales));
  }
  const auto found = std::find_if(suppliers.begin(), suppliers.end(),
                                  [&](const Supplier& supplier) { return supplier.code == banned; });
  if (found == suppliers.end())
    throw Error(fmt::format("PE: the banned supplier {} is not among the suppliers", banned));

  BanResult result;
  result.banned = banned;
  result.imports_lost = found->imports;
  // P6: the banned variety's share of spending at domestic (tariff-inclusive) prices.
  double spending = 0;
  for (const Supplier& supplier : suppliers) spending += supplier.imports * (1 + supplier.tariff_before);
  const double banned_share = spending > 0 ? found->imports * (1 + found->tariff_before) / spending : 0.0;
  const bool others_exist = banned_share < 1.0;
  result.substitution_modelled = substitution > 1.0 && others_exist;
  // P7: P_hat = (1 - w_b)^(1/(1 - sigma)); each other supplier scales by P_hat^(sigma - eta).
  double price_index_hat = 1.0;
  if (result.substitution_modelled) price_index_hat = std::pow(1.0 - banned_share, 1.0 / (1.0 - substitution));
  const double others_factor = std::pow(price_index_hat, substitution - demand);
  result.import_price_index_change_pct = (price_index_hat - 1) * 100;
  for (const Supplier& supplier : suppliers) {
    result.tariff_revenue_before += supplier.tariff_before * supplier.imports;
    if (supplier.code == banned) continue;
    SupplierEffect effect;
    effect.code = supplier.code;
    effect.trade_diversion = supplier.imports * (others_factor - 1);
    effect.total_change = effect.trade_diversion;
    effect.imports_after = supplier.imports + effect.total_change;
    result.substitution_by_others += effect.trade_diversion;
    result.tariff_revenue_after += supplier.tariff_before * effect.imports_after;
    result.suppliers.push_back(effect);
  }
  result.importer_net_change = result.substitution_by_others - result.imports_lost;

  // P8: the exporter's other markets absorb the lost sales only at a lower price:
  // (X_o + L) p^kappa = X_o p^-rho  =>  p = (X_o / (X_o + L))^(1 / (kappa + rho)).
  const double other = options.exporter_other_sales;
  const double lost = result.imports_lost;
  const double rho = options.redirection_elasticity;
  const double kappa = options.exporter_supply_elasticity;
  if (lost > 0 && other > 0 && rho > 0) {
    const double price = std::pow(other / (other + lost), 1.0 / (kappa + rho));
    result.exporter_price_change_pct = (price - 1) * 100;
    result.redirected = other * (std::pow(price, -rho) - 1);  // P9
  }
  result.unplaced = lost - result.redirected;
  result.unplaced_share = lost > 0 ? result.unplaced / lost : 0.0;
  return result;
}

}  // namespace tradeshock::pe
