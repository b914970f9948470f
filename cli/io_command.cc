// tradeshock io TABLE --measure fdva|fva|dependence|extraction: exposure through supply chains on a
// multi-regional input-output table (WIOD 2013 / 2016, OECD ICIO). Parses, calls RunSupplyChain, formats.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "io_output.h"
#include "output.h"
#include "tradeshock/error.h"
#include "tradeshock/result_json.h"
#include "tradeshock/supply_chain.h"

namespace tradeshock::cli {
namespace {

struct IoFlags {
  std::string table;
  std::string measure = "fdva";
  std::string layout = "auto";
  std::string destination;
  std::vector<std::string> origins;
  std::string exporter;
  std::string importer;
  std::string economy;
  std::vector<std::string> industries;
  std::vector<std::string> products;
  std::string concordance;
  double stop_share = 1.0;
  bool final_only = false;
  bool intermediate_only = false;
  std::size_t top = 10;
  double rounding = 1.0;
  std::int64_t max_inflated_bytes = 0;
  std::string format = "table";
  std::string out;
};

// The request from the flags; the measure's own options say what each needs (Validate).
SupplyChainRequest MakeRequest(const IoFlags& flags) {
  SupplyChainRequest request;
  request.table = flags.table;
  request.read.layout = *ParseIoLayout(flags.layout);
  request.read.rounding = flags.rounding;
  request.read.max_inflated_bytes = flags.max_inflated_bytes;
  request.measure = *ParseSupplyChainMeasure(flags.measure);
  request.final_demand.destination = flags.destination;
  request.final_demand.origins = flags.origins;
  request.exports.exporter = flags.exporter;
  request.exports.importer = flags.importer;
  request.dependence.origin = flags.origins.empty() ? std::string() : flags.origins.front();
  request.dependence.economy = flags.economy;
  request.dependence.top = flags.top;
  request.extraction.importer = flags.importer;
  request.extraction.exporter = flags.exporter;
  request.extraction.industries = flags.industries;
  request.extraction.products = flags.products;
  request.extraction.concordance = flags.concordance;
  request.extraction.stop_share = flags.stop_share;
  request.extraction.intermediate = !flags.final_only;
  request.extraction.final = !flags.intermediate_only;
  request.extraction.top = flags.top;
  request.carriers.origin = request.dependence.origin;
  request.carriers.importer = flags.importer;
  request.carriers.top = flags.top;
  const bool one_origin =
      request.measure == SupplyChainMeasure::kDependence || request.measure == SupplyChainMeasure::kCarriers;
  if (one_origin && flags.origins.size() > 1) {
    throw Error(fmt::format("io: --measure {} takes one --origin", flags.measure));
  }
  return request;
}

void Run(const IoFlags& flags) {
  const SupplyChainReport report = RunSupplyChain(MakeRequest(flags));
  std::string content;
  if (flags.format == "json") {
    content = ToJson(report).dump(2) + "\n";
  } else if (flags.format == "csv") {
    content = SupplyChainCsv(report);
  } else {
    content = SupplyChainText(report, flags.top);
  }
  Emit(flags.out, content);
}

}  // namespace

void AddIoCommand(CLI::App& app) {
  auto flags = std::make_shared<IoFlags>();
  CLI::App* command = app.add_subcommand(
      "io",
      "exposure through supply chains on an input-output table: value added in final demand (fdva) and in "
      "exports (fva), input dependence, hypothetical extraction");
  command->add_option("table", flags->table, "the table: WIOD 2013 / 2016 or OECD ICIO CSV, plain or gzip")->required();
  command->add_option("--measure", flags->measure, "fdva, fva, dependence, extraction or carriers")
      ->check(CLI::IsMember({"fdva", "fva", "dependence", "extraction", "carriers"}))
      ->capture_default_str();
  command->add_option("--layout", flags->layout, "auto, wiod2013, wiod2016 or icio")
      ->check(CLI::IsMember({"auto", "wiod2013", "wiod2016", "icio"}))
      ->capture_default_str();
  command->add_option("--destination", flags->destination, "fdva: the economy whose final demand is traced");
  command
      ->add_option("--origin", flags->origins,
                   "fdva: the origins to list (default: the top ones); "
                   "dependence, carriers: the economy depended on / whose value added is traced")
      ->delimiter(',');
  command->add_option("--exporter", flags->exporter,
                      "fva: the exporting economy; extraction: the one whose sales stop");
  command->add_option("--importer", flags->importer,
                      "fva: exports to this economy only; extraction, carriers: the buyer");
  command->add_option("--economy", flags->economy, "dependence: the industries of this economy (default: all others)");
  command->add_option("--industries", flags->industries, "extraction: the exporter's industries (default: all)")
      ->delimiter(',');
  command
      ->add_option("--products", flags->products,
                   "extraction: HS codes (2, 4 or 6 digits) whose WIOD 2013 industries stop, by the concordance")
      ->delimiter(',');
  command->add_option("--concordance", flags->concordance,
                      "extraction: the HS -> ISIC Rev. 3 concordance (default: the shipped WITS one)");
  command
      ->add_option("--stop-share", flags->stop_share,
                   "extraction: the fraction of the chosen purchases that stops, in (0, 1]")
      ->capture_default_str();
  command->add_flag("--final-only", flags->final_only, "extraction: stop only the importer's final demand");
  command->add_flag("--intermediate-only", flags->intermediate_only,
                    "extraction: stop only the importer's industries' purchases");
  command->add_option("--top", flags->top, "rows listed (0: all)")->capture_default_str();
  command
      ->add_option("--rounding", flags->rounding,
                   "the unit the table's values are rounded to; a row may miss its output by half of it per value")
      ->capture_default_str();
  AddMaxInflatedBytesOption(*command, flags->max_inflated_bytes);
  command->add_option("--format", flags->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  command->add_option("--out", flags->out, "write the result to this file (atomically) instead of stdout");
  command->callback([flags] { Run(*flags); });
}

}  // namespace tradeshock::cli
