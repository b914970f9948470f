// indicators (Describe), the case analysis (scenario, nowcast), claims and the brief: options struct in, one
// library call, result_json.h's object out — the same object as the command line's --format json.
#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "bindings.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/describe.h"
#include "tradeshock/report.h"
#include "tradeshock/result_json.h"

namespace py = pybind11;

namespace tradeshock::python {
namespace {

Period ParsePeriodArgument(const std::string& text, std::string_view argument) {
  const auto period = Period::Parse(text);
  if (!period) {
    throw Error(fmt::format("bad {} '{}': expected YYYY, YYYY-MM or YYYY-MM..YYYY-MM", argument, Printable(text)));
  }
  return *period;
}

ShareBy ParseBy(const std::string& text) {
  if (text == "partner") return ShareBy::kPartner;
  if (text == "product") return ShareBy::kProduct;
  if (text == "partner,product" || text == "product,partner") return ShareBy::kPartnerProduct;
  throw Error(fmt::format("indicators: by must be partner, product or partner,product, got '{}'", Printable(text)));
}

Flow ParseFlowArgument(const std::string& text) {
  const auto flow = ParseFlow(text);
  if (!flow) throw Error(fmt::format("indicators: flow must be exports, imports or trade, got '{}'", Printable(text)));
  return *flow;
}

MirrorImports ParseMirror(const std::string& text) {
  if (text == "auto") return MirrorImports::kAuto;
  if (text == "on") return MirrorImports::kOn;
  if (text == "off") return MirrorImports::kOff;
  throw Error(fmt::format("mirror_imports must be auto, on or off, got '{}'", Printable(text)));
}

// The names the command line adds to each item of its indicators JSON, for a person reading it.
std::string EconomyName(const Reference& reference, const std::string& code) {
  const Economy* economy = reference.FindEconomy(code);
  return economy == nullptr ? std::string() : economy->name;
}
std::string ProductName(const Reference& reference, const std::string& code) {
  if (code == kTotalProduct) return "all products";
  if (const HsEntry* entry = reference.FindHs(code)) return entry->description;
  if (const ProductGroup* group = reference.FindProductGroup(code)) return group->name;
  return {};
}

py::object Indicators(const PyTable& table, const std::string& reporter, const std::string& flow,
                      const std::string& period, const std::string& by, const std::string& currency,
                      const std::string& partner, const std::string& product, const std::string& compare,
                      std::size_t rca_items) {
  const Reference& reference = Reference::Default();
  DescribeOptions options = DescribeOptions::Defaults();
  options.selection.reporter = reference.ResolveEconomy(reporter).code;
  options.selection.flow = ParseFlowArgument(flow);
  options.selection.product = product;
  options.selection.period = ParsePeriodArgument(period, "period");
  if (!partner.empty()) reference.ResolveEconomy(partner);
  options.partner = partner;
  options.by = ParseBy(by);
  if (!compare.empty()) options.compare = ParsePeriodArgument(compare, "compare");
  options.indicators.currency = currency;
  options.rca_items = rca_items;
  nlohmann::json json;
  {
    py::gil_scoped_release release;
    json = ToJson(Describe(table.table, reference, options), table.table);
  }
  for (nlohmann::json& item : json["items"]) {
    if (item.contains("partner")) item["partner_name"] = EconomyName(reference, item["partner"].get<std::string>());
    if (item.contains("product")) item["product_name"] = ProductName(reference, item["product"].get<std::string>());
  }
  return ToPython(json);
}

ReadOptions CaseReadOptions(const std::string& baci_codes, bool lenient, bool allow_outside_case) {
  ReadOptions options = ReadOptions::Defaults();
  options.baci_country_codes = baci_codes;
  options.lenient = lenient;
  options.allow_outside_case = allow_outside_case;
  return options;
}

CaseAnalysisOptions AnalysisOptions(const std::string& currency, const std::string& period) {
  CaseAnalysisOptions options = CaseAnalysisOptions::Defaults();
  options.currency = currency;
  options.Validate(Reference::Default());
  if (!period.empty()) options.base_period = ParsePeriodArgument(period, "period");
  return options;
}

// `tradeshock scenario --format json`: the case analysis without the claims.
py::object Analyse(const std::optional<std::filesystem::path>& case_dir, const PyTable* table,
                   const std::string& scenario, const std::string& currency, const std::string& period,
                   const std::string& mirror_imports, const std::string& baci_codes, bool lenient,
                   bool allow_outside_case) {
  const CaseAnalysisOptions options = AnalysisOptions(currency, period);
  const ReadOptions read_options = CaseReadOptions(baci_codes, lenient, allow_outside_case);
  const MirrorImports mirror = ParseMirror(mirror_imports);
  nlohmann::json json;
  {
    py::gil_scoped_release release;
    // A case folder, or a table read before with a scenario file beside it.
    CaseSource source;
    if (case_dir) {
      source.paths = {case_dir->string()};
    } else {
      source.table = &table->table;
      source.read = &table->read;
    }
    source.scenario = scenario;
    Case c = LoadCaseFrom(source, Reference::Default(), read_options, mirror);
    if (!c.scenario) throw Error("no scenario: give scenario=FILE, or a case folder that holds scenario.toml");
    // As the command line: the claims are not checked here, but they may give the nowcast its own history.
    CaseAnalysisOptions unchecked = options;
    unchecked.check_claims = false;
    const CaseAnalysis analysis = AnalyseCase(c, Reference::Default(), unchecked);
    json = CaseAnalysisToJson(analysis, c.table);
  }
  json.erase("claims");
  return ToPython(json);
}

// `tradeshock claims --format json`.
py::object Claims(const std::filesystem::path& case_dir, const std::string& claims, const std::string& currency,
                  bool allow_outside_case) {
  const CaseAnalysisOptions options = AnalysisOptions(currency, "");
  const ReadOptions read_options = CaseReadOptions("", false, allow_outside_case);
  nlohmann::json json;
  {
    py::gil_scoped_release release;
    Case c = LoadCase(case_dir, Reference::Default(), read_options);
    if (!claims.empty()) {
      c.claims = ReadClaimsFile(claims);
      c.files.claims = claims;
    }
    if (!c.claims) {
      throw Error(fmt::format("no claims: '{}' holds no claims.toml; give claims=FILE", case_dir.string()));
    }
    json = ToJson(*CheckCaseClaims(c, Reference::Default(), options), c.table);
  }
  return ToPython(json);
}

// `tradeshock brief`: writes brief.md, brief.html and brief.json; returns their paths and the summary.
py::dict Brief(const std::filesystem::path& case_dir, const std::filesystem::path& out, const std::string& currency,
               const std::string& mirror_imports, const std::string& baci_codes, bool allow_outside_case) {
  const Reference& reference = Reference::Default();
  const CaseAnalysisOptions options = AnalysisOptions(currency, "");
  const ReadOptions read_options = CaseReadOptions(baci_codes, false, allow_outside_case);
  const MirrorImports mirror = ParseMirror(mirror_imports);
  BriefPaths paths;
  std::string summary;
  {
    py::gil_scoped_release release;
    Case c = LoadCase(case_dir, reference, read_options, MirrorImports::kOff);
    AddMirrorImports(c, reference, mirror);
    const CaseAnalysis analysis = AnalyseCase(c, reference, options);
    paths = WriteBrief(analysis, c.table, reference, out);
    summary = BriefSummary(analysis, reference);
  }
  py::dict result;
  result["markdown"] = paths.markdown;
  result["html"] = paths.html;
  result["json"] = paths.json;
  result["summary"] = summary;
  return result;
}

}  // namespace

void DefineAnalysis(py::module_& module) {
  module.def("indicators", &Indicators, py::arg("table"), py::arg("reporter"), py::arg("flow"), py::arg("period"),
             py::arg("by"), py::arg("currency"), py::arg("partner"), py::arg("product"), py::arg("compare"),
             py::arg("rca_items"));
  module.def("analyse", &Analyse, py::arg("case_dir"), py::arg("table"), py::arg("scenario"), py::arg("currency"),
             py::arg("period"), py::arg("mirror_imports"), py::arg("baci_codes"), py::arg("lenient"),
             py::arg("allow_outside_case"));
  module.def("claims", &Claims, py::arg("case_dir"), py::arg("claims"), py::arg("currency"),
             py::arg("allow_outside_case"));
  module.def("brief", &Brief, py::arg("case_dir"), py::arg("out"), py::arg("currency"), py::arg("mirror_imports"),
             py::arg("baci_codes"), py::arg("allow_outside_case"));
}

}  // namespace tradeshock::python
