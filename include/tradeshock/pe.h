// Partial equilibrium for one importing market and one product, in the manner of the World Bank's
// WITS/SMART model (Laird & Yeats 1986; Jammes & Olarreaga 2005), plus an exact ban mode. Equations are
// in docs/METHODS.md, "Partial equilibrium" (numbered P1..P9 there).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tradeshock/error.h"

namespace tradeshock::pe {

struct Supplier {
  std::string code;
  double imports = 0.0;        // baseline imports at world prices (value = quantity, world price 1)
  double tariff_before = 0.0;  // ad valorem, as a fraction (0.1 = 10 %)
  double tariff_after = 0.0;
};

struct Elasticities {
  double import_demand = 1.5;   // |elasticity| of total import demand; the sign given is ignored
  double substitution = 1.5;    // Armington elasticity between suppliers (WITS default)
  double export_supply = 99.0;  // WITS default; >= kInfiniteSupply is treated as infinite
};

inline constexpr double kInfiniteSupply = 99.0;

struct SupplierEffect {
  std::string code;
  double trade_creation = 0.0;
  double trade_diversion = 0.0;
  double total_change = 0.0;
  double imports_after = 0.0;
};

struct TariffResult {
  std::vector<SupplierEffect> suppliers;
  double trade_creation = 0.0;
  double trade_diversion = 0.0;  // sums to zero across suppliers
  double total_change = 0.0;
  double tariff_revenue_before = 0.0;
  double tariff_revenue_after = 0.0;
  double consumer_surplus_change = 0.0;
};

// SMART tariff simulation. Throws Error on negative imports, tariffs <= -1 or negative elasticities.
TariffResult SimulateTariffChange(const std::vector<Supplier>& suppliers, const Elasticities& elasticities);

// Ban of one supplier in one market: exact removal of its variety from the CES import composite.
struct BanOptions {
  Elasticities elasticities;
  // The banned exporter's side: its sales to all other markets (same product, world prices), the price
  // elasticity of demand it faces there (the stated redirection elasticity) and its supply elasticity.
  double exporter_other_sales = 0.0;
  double redirection_elasticity = 1.5;
  double exporter_supply_elasticity = 1.0;
};

struct BanResult {
  std::string banned;
  double imports_lost = 0.0;              // the banned supplier's baseline imports
  std::vector<SupplierEffect> suppliers;  // others: trade_diversion = substitution towards them
  double substitution_by_others = 0.0;    // sum of the others' changes
  double importer_net_change = 0.0;       // -imports_lost + substitution_by_others
  double import_price_index_change_pct = 0.0;
  bool substitution_modelled = true;  // false when substitution <= 1 (composite undefined)
  double tariff_revenue_before = 0.0;
  double tariff_revenue_after = 0.0;
  // Exporter side.
  double exporter_price_change_pct = 0.0;
  double redirected = 0.0;      // extra sales to other markets (volume at old prices)
  double unplaced = 0.0;        // imports_lost - redirected
  double unplaced_share = 0.0;  // unplaced / imports_lost (0 when nothing was lost)
};

// Throws Error when `banned` is not among the suppliers or the inputs are invalid.
BanResult SimulateBan(const std::vector<Supplier>& suppliers, const std::string& banned, const BanOptions& options);

// Per-product import-demand elasticities from a CSV with header `product,import_demand_elasticity`.
// Faults raise InputException with file, line and column.
std::map<std::string, double> ReadImportDemandElasticities(const std::string& path);

}  // namespace tradeshock::pe
