#include "io_output.h"

#include <fmt/format.h>

#include "output.h"

namespace tradeshock::cli {
namespace {

std::string Money(double value) { return WithSeparators(value, 1); }
std::string Share(const std::optional<double>& share) { return share ? Percent(*share, 2) : "n/a (denominator 0)"; }
std::string CsvShare(const std::optional<double>& share) { return share ? fmt::format("{:.12g}", *share) : ""; }
std::size_t Shown(std::size_t size, std::size_t top) { return top == 0 ? size : std::min(size, top); }

std::string Heading(const SupplyChainReport& r) {
  return fmt::format("Table {} ({}: {} economies x {} industries{}); values in {}\n", r.table, ToString(r.layout),
                     r.economies, r.industries,
                     r.idle_sectors > 0 ? fmt::format(", {} sectors without output", r.idle_sectors) : "", r.unit);
}

std::string FinalDemandText(const FinalDemandValueAdded& r, std::size_t top) {
  std::string text = fmt::format("Value added by origin embodied in {}'s final demand (TiVA's FDVA)\n", r.destination);
  text += fmt::format("{}'s final demand, all categories and origins (the shares' denominator): {}\n\n", r.destination,
                      Money(r.final_demand));
  TextTable table({"origin", "value added", fmt::format("share of {}'s final demand", r.destination)},
                  {false, true, true});
  for (std::size_t i = 0; i < Shown(r.origins.size(), top); ++i) {
    table.AddRow({r.origins[i].origin, Money(r.origins[i].value_added), Share(r.origins[i].share)});
  }
  return text + table.Render();
}

std::string ExportsText(const ExportValueAdded& r, std::size_t top) {
  const std::string to = r.importer.empty() ? "all other economies" : r.importer;
  std::string text =
      fmt::format("Value added in {}'s gross exports to {}: {}\n", r.exporter, to, Money(r.gross_exports));
  text += "Koopman-Wang-Wei (2014) first level, global inverse; double-counted terms not separated\n";
  text += fmt::format("  domestic content (DVA + RDV + domestic double counting): {} ({} of gross exports)\n",
                      Money(r.domestic), Share(r.domestic_share));
  text += fmt::format("  foreign content (FVA + foreign double counting):         {} ({} of gross exports)\n\n",
                      Money(r.foreign), Share(r.foreign_share));
  TextTable table({"foreign origin", "value added", "share of gross exports"}, {false, true, true});
  for (std::size_t i = 0; i < Shown(r.foreign_by_origin.size(), top); ++i) {
    const OriginValueAdded& o = r.foreign_by_origin[i];
    table.AddRow({o.origin, Money(o.value_added), Share(o.share)});
  }
  return text + table.Render();
}

std::string DependenceText(const DependenceResult& r) {
  std::string text =
      fmt::format("Input dependence on {} of the industries of {} ({} of {} shown)\n", r.origin,
                  r.economy.empty() ? "every other economy" : r.economy, r.industries.size(), r.industries_total);
  text += fmt::format(
      "direct: inputs from {} per unit of output; total: direct and indirect per unit of final "
      "demand; VA share: {}'s value added in the product's value\n\n",
      r.origin, r.origin);
  TextTable table({"economy", "industry", "output", "direct", "total", "VA share"},
                  {false, false, true, true, true, true});
  for (const IndustryDependence& row : r.industries) {
    table.AddRow({row.economy, row.industry, Money(row.output), fmt::format("{:.4f}", row.direct),
                  fmt::format("{:.4f}", row.total), Percent(row.value_added_share, 2)});
  }
  return text + table.Render();
}

// How the HS products of the options mapped to the industries that stop.
std::string ProductsLine(const ExtractionResult& r) {
  std::vector<std::string> counts;
  for (std::size_t i = 0; i < r.industries_stopped.size(); ++i) {
    counts.push_back(fmt::format("{} ({} HS6)", r.industries_stopped[i], r.products_per_industry[i]));
  }
  return fmt::format(
      "Products {} map to {} through the HS -> ISIC Rev. 3 concordance; each industry's sales stop whole (an "
      "upper bound; --stop-share scales them){}\n",
      fmt::join(r.options.products, ", "), fmt::join(counts, ", "),
      r.products_unmapped.empty() ? "" : fmt::format("; {} HS6 codes map to no industry", r.products_unmapped.size()));
}

std::string ExtractionText(const ExtractionResult& r, std::size_t top) {
  const ExtractionOptions& o = r.options;
  const bool all = o.industries.empty() && o.products.empty();
  std::string text =
      fmt::format("Hypothetical extraction: {} stops buying from {} ({}; {}{})\n", o.importer, o.exporter,
                  all ? "all industries" : fmt::format("industries {}", fmt::join(r.industries_stopped, ", ")),
                  o.intermediate && o.final ? "intermediate and final purchases"
                  : o.final                 ? "final purchases only"
                                            : "intermediate purchases only",
                  o.stop_share < 1.0 ? fmt::format(", {} of them", Percent(o.stop_share, 1)) : "");
  if (!o.products.empty()) text += ProductsLine(r);
  text += "Demand-driven, without substitution: no other supplier replaces what stops\n";
  text += fmt::format("Purchases stopped: {}; world value-added loss: {}\n\n", Money(r.purchases_stopped),
                      Money(r.world_value_added_loss));
  TextTable economies({"economy", "output loss", "VA loss", "share of its VA"}, {false, true, true, true});
  for (std::size_t i = 0; i < Shown(r.economies.size(), top); ++i) {
    const EconomyLoss& e = r.economies[i];
    economies.AddRow({e.economy, Money(e.output_loss), Money(e.value_added_loss), Share(e.value_added_loss_share)});
  }
  TextTable sectors({"sector", "output loss", "VA loss"}, {false, true, true});
  for (const SectorLoss& s : r.sectors) {
    sectors.AddRow({s.economy + "." + s.industry, Money(s.output_loss), Money(s.value_added_loss)});
  }
  return text + economies.Render() + "\n" + sectors.Render();
}

std::string CarriersText(const CarrierResult& r) {
  std::string text = fmt::format("{}'s value added in third countries' exports to {}\n", r.origin, r.importer);
  text += fmt::format("{}'s own gross exports to {}: {}; its value added in third countries' exports to {}: {}\n\n",
                      r.origin, r.importer, Money(r.direct_exports), r.importer, Money(r.through_third));
  TextTable table({"exporter", fmt::format("gross exports to {}", r.importer),
                   fmt::format("{}'s value added", r.origin), "share of those exports"},
                  {false, true, true, true});
  for (const Carrier& c : r.carriers)
    table.AddRow({c.exporter, Money(c.gross_exports), Money(c.value_added), Share(c.share)});
  return text + table.Render();
}

}  // namespace

std::string SupplyChainText(const SupplyChainReport& report, std::size_t top) {
  std::string text = Heading(report);
  if (report.final_demand) text += FinalDemandText(*report.final_demand, top);
  if (report.exports) text += ExportsText(*report.exports, top);
  if (report.dependence) text += DependenceText(*report.dependence);
  if (report.extraction) text += ExtractionText(*report.extraction, top);
  if (report.carriers) text += CarriersText(*report.carriers);
  return text;
}

std::string SupplyChainCsv(const SupplyChainReport& report) {
  std::string csv;
  const std::string unit = CsvField(report.unit);
  if (const auto& r = report.final_demand) {
    csv = "destination,origin,value_added,share_of_final_demand,final_demand,unit\n";
    for (const OriginValueAdded& o : r->origins) {
      csv += fmt::format("{},{},{:.6f},{},{:.6f},{}\n", r->destination, o.origin, o.value_added, CsvShare(o.share),
                         r->final_demand, unit);
    }
  } else if (const auto& e = report.exports) {
    csv = "exporter,importer,origin,value_added,share_of_gross_exports,gross_exports,unit\n";
    csv += fmt::format("{},{},{},{:.6f},{},{:.6f},{}\n", e->exporter, e->importer, e->exporter, e->domestic,
                       CsvShare(e->domestic_share), e->gross_exports, unit);
    for (const OriginValueAdded& o : e->foreign_by_origin) {
      csv += fmt::format("{},{},{},{:.6f},{},{:.6f},{}\n", e->exporter, e->importer, o.origin, o.value_added,
                         CsvShare(o.share), e->gross_exports, unit);
    }
  } else if (const auto& d = report.dependence) {
    csv = "origin,economy,industry,output,direct,total,value_added_share,unit\n";
    for (const IndustryDependence& row : d->industries) {
      csv += fmt::format("{},{},{},{:.6f},{:.12g},{:.12g},{:.12g},{}\n", d->origin, row.economy, row.industry,
                         row.output, row.direct, row.total, row.value_added_share, unit);
    }
  } else if (const auto& c = report.carriers) {
    csv = "origin,importer,exporter,gross_exports,value_added,share_of_gross_exports,unit\n";
    for (const Carrier& row : c->carriers) {
      csv += fmt::format("{},{},{},{:.6f},{:.6f},{},{}\n", c->origin, c->importer, row.exporter, row.gross_exports,
                         row.value_added, CsvShare(row.share), unit);
    }
  } else if (const auto& x = report.extraction) {
    csv = "importer,exporter,economy,output,output_loss,value_added,value_added_loss,value_added_loss_share,unit\n";
    for (const EconomyLoss& row : x->economies) {
      csv += fmt::format("{},{},{},{:.6f},{:.6f},{:.6f},{:.6f},{},{}\n", x->options.importer, x->options.exporter,
                         row.economy, row.output, row.output_loss, row.value_added, row.value_added_loss,
                         CsvShare(row.value_added_loss_share), unit);
    }
  }
  return csv;
}

}  // namespace tradeshock::cli
