// Hypothetical extraction of one importer's purchases from one exporter (docs/METHODS.md).
#include <fmt/format.h>

#include <algorithm>

#include "tradeshock/error.h"
#include "tradeshock/supply_chain.h"

namespace tradeshock {
namespace {

// The exporter's sectors whose sales to the importer stop: the listed industries (or all), named in `result`.
std::vector<Eigen::Index> StoppedSectors(const LeontiefModel& model, const std::vector<std::string>& industries,
                                         const std::string& exporter_code, ExtractionResult& result) {
  const IoTable& table = model.table();
  const std::size_t exporter = model.Economy(exporter_code);
  std::vector<Eigen::Index> sectors;
  const std::vector<std::string>& codes = industries.empty() ? table.industries : industries;
  for (const std::string& code : codes) {
    const auto sector = static_cast<Eigen::Index>(table.Sector(exporter, model.Industry(code)));
    if (std::ranges::find(sectors, sector) != sectors.end()) {
      throw Error(fmt::format("supply_chain: ExtractionOptions::industries names '{}' twice", Printable(code)));
    }
    sectors.push_back(sector);
    result.industries_stopped.push_back(code);
  }
  return sectors;
}

// The industries the options name: their own list, or those the HS products map to (WIOD 2013 tables only).
std::vector<std::string> ChosenIndustries(const LeontiefModel& model, const ExtractionOptions& options,
                                          ExtractionResult& result) {
  if (options.products.empty()) return options.industries;
  if (model.table().layout != IoLayout::kWiod2013) {
    throw Error(
        fmt::format("supply_chain: ExtractionOptions::products maps HS codes to the WIOD 2013 industries "
                    "only; the table '{}' is {}: list its industries instead",
                    model.table().source, ToString(model.table().layout)));
  }
  const std::string concordance = options.concordance.empty() ? DefaultHsIsic3Concordance() : options.concordance;
  ProductIndustries mapped = MapProductsToWiod2013(options.products, concordance);
  if (mapped.industries.empty()) {
    throw Error("supply_chain: ExtractionOptions::products map to no industry of the table (only to ISIC 9999)");
  }
  result.products_per_industry = mapped.hs6_counts;
  result.products_unmapped = mapped.unmapped;
  return mapped.industries;
}

std::vector<EconomyLoss> LossByEconomy(const LeontiefModel& model, const Eigen::VectorXd& before,
                                       const Eigen::VectorXd& loss) {
  const IoTable& table = model.table();
  const auto industries = static_cast<Eigen::Index>(table.industries.size());
  const Eigen::VectorXd& v = model.value_added_coefficients();
  std::vector<EconomyLoss> economies;
  for (std::size_t e = 0; e < table.economies.size(); ++e) {
    const Eigen::Index first = static_cast<Eigen::Index>(e) * industries;
    EconomyLoss row;
    row.economy = table.economies[e];
    row.output = before.segment(first, industries).sum();
    row.output_loss = loss.segment(first, industries).sum();
    row.value_added = v.segment(first, industries).dot(before.segment(first, industries));
    row.value_added_loss = v.segment(first, industries).dot(loss.segment(first, industries));
    if (row.value_added != 0.0) row.value_added_loss_share = row.value_added_loss / row.value_added;
    economies.push_back(std::move(row));
  }
  std::ranges::stable_sort(economies,
                           [](const auto& a, const auto& b) { return a.value_added_loss > b.value_added_loss; });
  return economies;
}

std::vector<SectorLoss> LossBySector(const LeontiefModel& model, const Eigen::VectorXd& loss, std::size_t top) {
  const IoTable& table = model.table();
  std::vector<SectorLoss> sectors;
  for (std::size_t k = 0; k < table.sectors(); ++k) {
    const auto i = static_cast<Eigen::Index>(k);
    sectors.push_back({table.economies[table.EconomyOf(k)], table.industries[table.IndustryOf(k)], loss(i),
                       model.value_added_coefficients()(i) * loss(i)});
  }
  std::ranges::stable_sort(sectors,
                           [](const auto& a, const auto& b) { return a.value_added_loss > b.value_added_loss; });
  if (top > 0 && sectors.size() > top) sectors.resize(top);
  return sectors;
}

}  // namespace

ExtractionResult HypotheticalExtraction(const LeontiefModel& model, const ExtractionOptions& options) {
  options.Validate();
  const IoTable& table = model.table();
  const std::size_t importer = model.Economy(options.importer);
  ExtractionResult result;
  const std::vector<Eigen::Index> stopped =
      StoppedSectors(model, ChosenIndustries(model, options, result), options.exporter, result);
  const double keep = 1.0 - options.stop_share;
  const auto industries = static_cast<Eigen::Index>(table.industries.size());
  const Eigen::Index buyers = static_cast<Eigen::Index>(importer) * industries;
  const Eigen::VectorXd demand = table.final_demand.rowwise().sum();
  Eigen::MatrixXd a = model.coefficients();
  Eigen::VectorXd demand_after = demand;
  for (const Eigen::Index i : stopped) {
    if (options.intermediate) {
      result.purchases_stopped += options.stop_share * table.intermediate.row(i).segment(buyers, industries).sum();
      a.row(i).segment(buyers, industries) *= keep;
    }
    if (options.final) {
      const double bought = options.stop_share * table.final_demand(i, static_cast<Eigen::Index>(importer));
      result.purchases_stopped += bought;
      demand_after(i) -= bought;
    }
  }
  const Eigen::Index n = a.rows();
  const Eigen::VectorXd before = model.inverse() * demand;
  const Eigen::VectorXd after = (Eigen::MatrixXd::Identity(n, n) - a).partialPivLu().solve(demand_after);
  const Eigen::VectorXd loss = before - after;
  result.options = options;
  result.unit = table.unit;
  result.world_value_added_loss = model.value_added_coefficients().dot(loss);
  result.economies = LossByEconomy(model, before, loss);
  result.sectors = LossBySector(model, loss, options.top);
  result.sectors_total = table.sectors();
  return result;
}

}  // namespace tradeshock
