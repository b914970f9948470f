#include "api.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "request_fields.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/claims.h"
#include "tradeshock/describe.h"
#include "tradeshock/error.h"
#include "tradeshock/nowcast.h"
#include "tradeshock/report.h"
#include "tradeshock/result_json.h"
#include "tradeshock/scenario.h"
#include "tradeshock/version.h"

namespace tradeshock::server {

namespace {

using nlohmann::json;

constexpr int kBadRequest = 400;
constexpr int kNotFound = 404;

// The file name the library's messages give a posted text: "$.scenario:9:9: cannot read ..." locates the fault
// in the request's field and, within its text, at line and column.
constexpr char kScenarioField[] = "$.scenario";
constexpr char kClaimsField[] = "$.claims";

bool IsRequestField(const std::string& file) { return file == kScenarioField || file == kClaimsField; }

ApiResponse JsonAnswer(const json& body) { return ApiResponse{200, body.dump(2) + "\n", "application/json"}; }

// Only the parameters an endpoint knows; another is a 400 naming it.
void CheckQuery(const QueryParams& query, const std::set<std::string>& allowed) {
  for (const auto& [key, value] : query) {
    if (!allowed.contains(key)) {
      std::string names;
      for (const std::string& name : allowed) names += (names.empty() ? "" : ", ") + name;
      throw RequestError(kBadRequest,
                         fmt::format("?{}: unknown query parameter; expected {}", Printable(key),
                                     names.empty() ? std::string("none") : names),
                         "?" + key);
    }
  }
}

std::optional<std::string> QueryValue(const QueryParams& query, const std::string& key) {
  const auto found = query.find(key);
  if (found == query.end()) return std::nullopt;
  return found->second;
}

std::string EconomyKindName(EconomyKind kind) {
  switch (kind) {
    case EconomyKind::kCountry:
      return "country";
    case EconomyKind::kSubdivision:
      return "region";
    case EconomyKind::kGroup:
      return "group";
    case EconomyKind::kWorld:
      return "world";
  }
  return "country";
}

Period NeedPeriod(const std::string& text, const std::string& path) {
  const std::optional<Period> period = Period::Parse(text);
  if (!period) {
    throw RequestError(
        kBadRequest,
        fmt::format("{}: expected a period YYYY, YYYY-MM or YYYY-MM..YYYY-MM, got '{}'", path, Printable(text)), path);
  }
  return *period;
}

// A canonical economy code, or a 400 at `path` with the reference's message.
std::string NeedEconomy(const Reference& reference, const std::string& text, const std::string& path) {
  if (reference.FindEconomy(text) == nullptr) {
    try {
      reference.ResolveEconomy(text);
    } catch (const Error& unknown) {
      throw RequestError(kBadRequest, fmt::format("{}: {}", path, unknown.what()), path);
    }
  }
  return reference.FindEconomy(text)->code;
}

Flow NeedFlow(const std::string& text, const std::string& path) {
  const std::optional<Flow> flow = ParseFlow(text);
  if (!flow) {
    throw RequestError(kBadRequest,
                       fmt::format("{}: expected exports, imports or trade, got '{}'", path, Printable(text)), path);
  }
  return *flow;
}

// An ISO 4217 code in capitals, as CaseAnalysisOptions::Validate and IndicatorOptions::Validate want it; checked
// here so that the answer names the field.
std::string NeedCurrency(const Reference& reference, const std::string& text, const std::string& path) {
  const bool capitals = text.size() == 3 && std::all_of(text.begin(), text.end(), [](char ch) {
                          return std::isupper(static_cast<unsigned char>(ch)) != 0;
                        });
  if (!capitals || !reference.IsCurrency(text)) {
    throw RequestError(kBadRequest,
                       fmt::format("{}: expected an ISO 4217 currency code in capitals (USD, CNY, EUR, ...), got '{}'",
                                   path, Printable(text)),
                       path);
  }
  return text;
}

// A scenario sent as TOML text: parsed and checked by the library's own parser, with no path allowed.
Scenario ParsePostedScenario(const std::string& text, const Reference& reference, const TradeTable& table) {
  ReadOptions options = ReadOptions::Defaults();
  options.refuse_paths = true;
  Scenario scenario = ParseScenario(text, reference, kScenarioField, options);
  CheckScenarioAgainstTable(scenario, table);
  return scenario;
}

// The case-level request fields shared by /scenario, /claims and /brief: the data, a posted scenario and claims
// standing in for the case's own, and the analysis options. The case is copied only when something is posted.
struct CaseRequest {
  const Dataset* dataset = nullptr;
  std::optional<Case> posted;  // the dataset's case with the posted scenario or claims
  CaseAnalysisOptions options = CaseAnalysisOptions::Defaults();
  const Case& data() const { return posted ? *posted : dataset->data; }
};

std::string FormatOf(RequestFields& fields) { return fields.OneOf("format", {"json", "md", "html"}).value_or("json"); }

ApiResponse BriefAnswer(const CaseAnalysis& analysis, const TradeTable& table, const Reference& reference,
                        const std::string& format) {
  if (format == "md") return ApiResponse{200, RenderBriefMarkdown(analysis, reference), "text/markdown; charset=utf-8"};
  if (format == "html") return ApiResponse{200, RenderBriefHtml(analysis, reference), "text/html; charset=utf-8"};
  return ApiResponse{200, RenderBriefJson(analysis, table, reference), "application/json"};
}

}  // namespace

ApiResponse ErrorAnswer(int status, const std::string& message, const std::string& path, std::size_t line,
                        std::size_t column) {
  json error = {{"status", status}, {"message", message}};
  if (!path.empty()) error["path"] = path;
  if (line != 0) error["line"] = line;
  if (column != 0) error["column"] = column;
  return ApiResponse{status, json{{"error", error}}.dump(2) + "\n", "application/json"};
}

ApiResponse Answer(const std::function<ApiResponse()>& handler) {
  try {
    return handler();
  } catch (const RequestError& error) {
    return ErrorAnswer(error.status(), error.what(), error.path(), error.line(), error.column());
  } catch (const InputException& error) {
    // A fault in a posted text is the request's (400, located in it); one in a loaded case's own file (its GE
    // panel, read by the analysis) is the data's (422).
    const InputError& fault = error.error();
    if (!IsRequestField(fault.file)) return ErrorAnswer(422, error.what());
    return ErrorAnswer(kBadRequest, error.what(), fault.file, fault.line, fault.column);
  } catch (const ClaimsFileError& error) {
    if (!IsRequestField(error.file())) return ErrorAnswer(422, error.what());
    return ErrorAnswer(kBadRequest, error.what(), error.file(), error.line(), error.column());
  } catch (const Error& error) {
    return ErrorAnswer(422, error.what());
  } catch (const std::bad_alloc&) {
    return ErrorAnswer(503, "out of memory for this request");
  } catch (const std::exception&) {
    return ErrorAnswer(500, "internal error");
  }
}

const Dataset& Api::Need(const std::string& name, const std::string& path) const {
  const Dataset* dataset = data_.Find(name);
  if (dataset == nullptr) {
    std::string names;
    for (const Dataset& loaded : data_.datasets()) names += (names.empty() ? "" : ", ") + loaded.name;
    throw RequestError(kNotFound,
                       fmt::format("{}: no loaded case or table named '{}'; loaded: {}", path, Printable(name), names),
                       path);
  }
  return *dataset;
}

ApiResponse Api::Health() const {
  return JsonAnswer({{"status", "ok"}, {"version", kTradeshockVersion}, {"datasets", data_.datasets().size()}});
}

ApiResponse Api::Economies(const QueryParams& query) const {
  CheckQuery(query, {"data"});
  std::set<std::string> codes;
  const std::optional<std::string> name = QueryValue(query, "data");
  for (const Dataset& dataset : data_.datasets()) {
    if (name && dataset.name != *name) continue;
    codes.insert(dataset.economies.begin(), dataset.economies.end());
  }
  if (name) Need(*name, "?data");
  json list = json::array();
  for (const std::string& code : codes) {
    const Economy* economy = reference_.FindEconomy(code);
    list.push_back({{"code", code},
                    {"name", economy != nullptr ? economy->name : std::string()},
                    {"kind", economy != nullptr ? EconomyKindName(economy->kind) : std::string("unknown")}});
  }
  return JsonAnswer({{"economies", list}});
}

ApiResponse Api::Products(const QueryParams& query) const {
  CheckQuery(query, {"data"});
  std::set<std::string> codes;
  const std::optional<std::string> name = QueryValue(query, "data");
  if (name) Need(*name, "?data");
  for (const Dataset& dataset : data_.datasets()) {
    if (name && dataset.name != *name) continue;
    codes.insert(dataset.products.begin(), dataset.products.end());
  }
  json list = json::array();
  for (const std::string& code : codes)
    list.push_back({{"code", code}, {"name", ProductDisplayName(reference_, code)}});
  return JsonAnswer({{"products", list}});
}

ApiResponse Api::Periods(const QueryParams& query) const {
  CheckQuery(query, {"data"});
  std::set<Period> periods;
  const std::optional<std::string> name = QueryValue(query, "data");
  if (name) Need(*name, "?data");
  for (const Dataset& dataset : data_.datasets()) {
    if (name && dataset.name != *name) continue;
    periods.insert(dataset.periods.begin(), dataset.periods.end());
  }
  json list = json::array();
  for (const Period& period : periods) list.push_back(period.ToString());
  return JsonAnswer({{"periods", list}});
}

ApiResponse Api::Cases(const QueryParams& query) const {
  CheckQuery(query, {});
  json cases = json::array();
  for (const Dataset& dataset : data_.datasets()) {
    const Case& c = dataset.data;
    json entry = {{"name", dataset.name},
                  {"kind", dataset.is_case ? "case" : "table"},
                  {"files", dataset.file_names},
                  {"rows", c.table.size()},
                  {"has_scenario", c.scenario.has_value()},
                  {"has_claims", c.claims.has_value()},
                  {"title", c.scenario ? c.scenario->title : std::string()},
                  {"brief", dataset.analysis.has_value()}};
    if (!dataset.analysis) entry["brief_error"] = dataset.analysis_error;
    cases.push_back(std::move(entry));
  }
  return JsonAnswer({{"cases", cases}});
}

ApiResponse Api::CaseBrief(const std::string& name, const QueryParams& query) const {
  CheckQuery(query, {"format"});
  const Dataset& dataset = Need(name, "name");
  std::string format = QueryValue(query, "format").value_or("json");
  if (format != "json" && format != "md" && format != "html") {
    throw RequestError(kBadRequest, fmt::format("?format: expected one of json, md, html, got '{}'", Printable(format)),
                       "?format");
  }
  if (!dataset.analysis) throw Error(fmt::format("no brief for '{}': {}", dataset.name, dataset.analysis_error));
  return BriefAnswer(*dataset.analysis, dataset.data.table, reference_, format);
}

ApiResponse Api::Indicators(std::string_view body) const {
  const json request = ParseRequestBody(body);
  RequestFields fields(request, "$");
  const Dataset& dataset = Need(fields.RequiredString("data"), "$.data");
  DescribeOptions options = DescribeOptions::Defaults();
  options.selection.reporter = NeedEconomy(reference_, fields.RequiredString("reporter"), "$.reporter");
  options.selection.flow = NeedFlow(fields.String("flow").value_or("trade"), "$.flow");
  options.selection.product = fields.String("product").value_or(kTotalProduct);
  options.selection.period = NeedPeriod(fields.RequiredString("period"), "$.period");
  const std::string by =
      fields.OneOf("by", {"partner", "product", "partner,product", "product,partner"}).value_or("partner");
  options.by = by == "partner" ? ShareBy::kPartner : by == "product" ? ShareBy::kProduct : ShareBy::kPartnerProduct;
  if (std::optional<std::string> partner = fields.String("partner"); partner && !partner->empty()) {
    NeedEconomy(reference_, *partner, "$.partner");
    options.partner = *partner;
  }
  if (std::optional<std::string> compare = fields.String("compare"); compare && !compare->empty()) {
    options.compare = NeedPeriod(*compare, "$.compare");
  }
  if (std::optional<std::string> currency = fields.String("currency"); currency && !currency->empty()) {
    options.indicators.currency = NeedCurrency(reference_, *currency, "$.currency");
  }
  const auto top = static_cast<std::size_t>(fields.Integer("top", 0, 100000).value_or(0));
  options.rca_items = top == 0 ? 20 : top;
  fields.Finish();
  const DescribeResult result = Describe(dataset.data.table, reference_, options);
  return JsonAnswer(IndicatorsToJson(result, dataset.data.table, reference_, top));
}

namespace {

// Reads data, scenario, claims, currency and period (those `with_*` allows) into a CaseRequest.
CaseRequest ReadCaseRequest(RequestFields& fields, const Dataset& dataset, const Reference& reference, bool with_claims,
                            bool with_period) {
  CaseRequest request;
  request.dataset = &dataset;
  if (std::optional<std::string> currency = fields.String("currency")) {
    request.options.currency = NeedCurrency(reference, *currency, "$.currency");
  }
  if (with_period) {
    if (std::optional<std::string> period = fields.String("period"); period && !period->empty()) {
      request.options.base_period = NeedPeriod(*period, "$.period");
    }
  }
  const std::optional<std::string> scenario = fields.String("scenario");
  const std::optional<std::string> claims = with_claims ? fields.String("claims") : std::nullopt;
  if (scenario || claims) request.posted = dataset.data;
  if (scenario) request.posted->scenario = ParsePostedScenario(*scenario, reference, dataset.data.table);
  if (claims) request.posted->claims = ParseClaims(*claims, kClaimsField);
  return request;
}

void NeedScenario(const CaseRequest& request) {
  if (!request.data().scenario) {
    throw RequestError(kBadRequest,
                       fmt::format("$.scenario: required: '{}' has no scenario of its own", request.dataset->name),
                       kScenarioField);
  }
}

}  // namespace

ApiResponse Api::Scenario(std::string_view body) const {
  const json parsed = ParseRequestBody(body);
  RequestFields fields(parsed, "$");
  const Dataset& dataset = Need(fields.RequiredString("data"), "$.data");
  CaseRequest request = ReadCaseRequest(fields, dataset, reference_, false, true);
  fields.Finish();
  NeedScenario(request);
  request.options.check_claims = false;  // as `tradeshock scenario`: the exposure and the nowcast
  const CaseAnalysis analysis = AnalyseCase(request.data(), reference_, request.options);
  json out = CaseAnalysisToJson(analysis, request.data().table);
  out.erase("claims");
  return JsonAnswer(out);
}

ApiResponse Api::Nowcast(std::string_view body) const {
  const json parsed = ParseRequestBody(body);
  RequestFields fields(parsed, "$");
  const Dataset& dataset = Need(fields.RequiredString("data"), "$.data");
  IndicatorOptions options = IndicatorOptions::Defaults();
  options.currency = NeedCurrency(reference_, fields.String("currency").value_or("USD"), "$.currency");
  std::optional<tradeshock::Scenario> scenario;
  if (std::optional<std::string> text = fields.String("scenario")) {
    scenario = ParsePostedScenario(*text, reference_, dataset.data.table);
  } else if (dataset.data.scenario) {
    scenario = dataset.data.scenario;
  }
  std::optional<Selection> target;
  if (std::optional<RequestFields> posted = fields.Object("target")) {
    Selection selection;
    selection.reporter = NeedEconomy(reference_, posted->RequiredString("reporter"), posted->PathOf("reporter"));
    selection.partner = NeedEconomy(reference_, posted->String("partner").value_or(kWorld), posted->PathOf("partner"));
    selection.flow = NeedFlow(posted->String("flow").value_or("exports"), posted->PathOf("flow"));
    selection.product = posted->String("product").value_or(kTotalProduct);
    selection.period = NeedPeriod(posted->RequiredString("period"), posted->PathOf("period"));
    posted->Finish();
    target = selection;
  } else if (scenario && scenario->nowcast.target) {
    target = scenario->nowcast.target;
  }
  fields.Finish();
  if (!target) {
    throw RequestError(kBadRequest,
                       fmt::format("$.target: required: no scenario of '{}' names a [nowcast] target", dataset.name),
                       "$.target");
  }
  const TradeTable& table = dataset.data.table;
  NowcastRequest request;
  if (scenario) {
    request = ChooseNowcastRequests(table, reference_, *scenario, *target, options).main;
  } else {
    request.target = *target;
    request.options = options;
  }
  return JsonAnswer(ToJson(tradeshock::Nowcast(table, reference_, request), table));
}

ApiResponse Api::Claims(std::string_view body) const {
  const json parsed = ParseRequestBody(body);
  RequestFields fields(parsed, "$");
  const Dataset& dataset = Need(fields.RequiredString("data"), "$.data");
  CaseRequest request = ReadCaseRequest(fields, dataset, reference_, true, false);
  fields.Finish();
  if (!request.data().claims) {
    throw RequestError(kBadRequest, fmt::format("$.claims: required: '{}' has no claims of its own", dataset.name),
                       kClaimsField);
  }
  const ClaimsReport report = *CheckCaseClaims(request.data(), reference_, request.options);
  return JsonAnswer(ToJson(report, request.data().table));
}

ApiResponse Api::Brief(std::string_view body) const {
  const json parsed = ParseRequestBody(body);
  RequestFields fields(parsed, "$");
  const Dataset& dataset = Need(fields.RequiredString("data"), "$.data");
  CaseRequest request = ReadCaseRequest(fields, dataset, reference_, true, true);
  const std::string format = FormatOf(fields);
  fields.Finish();
  NeedScenario(request);
  const bool as_loaded = !request.posted && request.options.currency == CaseAnalysisOptions::Defaults().currency &&
                         !request.options.base_period;
  if (as_loaded && dataset.analysis) return BriefAnswer(*dataset.analysis, dataset.data.table, reference_, format);
  const CaseAnalysis analysis = AnalyseCase(request.data(), reference_, request.options);
  return BriefAnswer(analysis, request.data().table, reference_, format);
}

}  // namespace tradeshock::server
