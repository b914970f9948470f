// Reads a claims file (TOML, docs/FORMATS.md, "Claims files") into Claim structs, with located errors.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "claims/format.h"
#include "core/regular_file.h"
#include "core/toml_limits.h"
#include "tradeshock/claims.h"

namespace tradeshock {

ClaimsFileError::ClaimsFileError(std::string file, std::size_t line, std::size_t column, std::string key,
                                 std::string message)
    : Error(fmt::format("{}:{}:{}: {}", file, line, column, message)),
      place_{std::move(file), line, column},
      key_(std::move(key)) {}

ClaimsFileError::ClaimsFileError(InputErrorKind kind, SourcePlace place, std::string message)
    : Error(fmt::format("{}: {}: {}", place.ToString(), ToString(kind), message)),
      place_(std::move(place)),
      kind_(kind) {}

namespace {

constexpr char kComparisonExpected[] =
    "one of about, at_least, more_than, less_than, not_more_than, at_most, nearly, almost";
constexpr char kMetricExpected[] = "one of value, share, growth, projected_value, projected_growth, count, rank";

// Words a journalist puts before a figure, read as the comparison when the claim has no `comparison` key.
struct ComparisonWord {
  std::string_view words;
  ClaimComparison comparison;
};
constexpr ComparisonWord kComparisonWords[] = {
    {"not more than ", ClaimComparison::kNotMoreThan},
    {"no more than ", ClaimComparison::kNotMoreThan},
    {"at most ", ClaimComparison::kNotMoreThan},
    {"more than ", ClaimComparison::kMoreThan},
    {"over ", ClaimComparison::kMoreThan},
    {"at least ", ClaimComparison::kAtLeast},
    {"less than ", ClaimComparison::kLessThan},
    {"under ", ClaimComparison::kLessThan},
    {"about ", ClaimComparison::kAbout},
    {"around ", ClaimComparison::kAbout},
    {"roughly ", ClaimComparison::kAbout},
    {"approximately ", ClaimComparison::kAbout},
    {"just over ", ClaimComparison::kMoreThan},
    {"just under ", ClaimComparison::kLessThan},
    {"nearly ", ClaimComparison::kNearly},
    {"almost ", ClaimComparison::kNearly},
};

std::string AsciiLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class ClaimParser {
 public:
  ClaimParser(const std::string& file, const toml::table& table, std::size_t index)
      : file_(file), table_(table), index_(index) {}

  Claim Parse() {
    Claim claim;
    claim.line = table_.source().begin.line;
    static const std::set<std::string, std::less<>> kKeys = {
        "id",   "text", "source", "metric",   "reporter",   "partner", "flow",  "product", "period",
        "base", "of",   "by",     "currency", "comparison", "stated",  "value", "unit",    "refers_to"};
    claim.id = RequiredString("id");
    for (const auto& [key, node] : table_) {
      if (!kKeys.contains(key.str())) {
        Fail(key.str(), node,
             fmt::format("unknown key '{}', expected one of id, text, source, metric, reporter, "
                         "partner, flow, product, period, base, of, by, currency, comparison, "
                         "stated (or value and unit), refers_to",
                         key.str()));
      }
    }
    claim.text = RequiredString("text");
    claim.source = OptionalString("source").value_or("");
    const std::string metric = RequiredString("metric");
    const auto parsed_metric = ParseClaimMetric(metric);
    if (!parsed_metric)
      Fail("metric", *table_.get("metric"), fmt::format("got '{}', expected {}", metric, kMetricExpected));
    claim.metric = *parsed_metric;
    claim.reporter = RequiredString("reporter");
    if (table_.contains("partner")) claim.partners = StringList("partner");
    if (table_.contains("flow")) claim.flows = Flows("flow");
    if (table_.contains("product")) claim.products = StringList("product");
    claim.period = ParsePeriod("period", RequiredPeriodText("period"));
    if (table_.contains("base")) claim.base = ParsePeriod("base", RequiredPeriodText("base"));
    if (const toml::node* of = table_.get("of")) claim.of = Override(*of);
    if (auto by = OptionalString("by")) {
      if (*by != "partner" && *by != "product") {
        Fail("by", *table_.get("by"), fmt::format("got '{}', expected partner or product", *by));
      }
      claim.by = *by;
    }
    if (table_.contains("currency")) {
      claim.currencies = StringList("currency");
      for (const std::string& currency : claim.currencies) CheckCurrency("currency", currency);
    }
    ParseStated(claim);
    claim.refers_to = OptionalString("refers_to").value_or("");
    CheckMetricArguments(claim);
    return claim;
  }

 private:
  [[noreturn]] void Fail(std::string_view key, const toml::node& node, const std::string& message) const {
    const auto& begin = node.source().begin;
    FailAt(key, begin.line, begin.column, message);
  }
  [[noreturn]] void FailAt(std::string_view key, std::size_t line, std::size_t column,
                           const std::string& message) const {
    const std::string where = id_.empty() ? fmt::format("claim #{}", index_ + 1) : fmt::format("claim '{}'", id_);
    throw ClaimsFileError(file_, line, column, std::string(key), fmt::format("{}: key '{}': {}", where, key, message));
  }
  [[noreturn]] void Missing(std::string_view key) const {
    const auto& begin = table_.source().begin;
    FailAt(key, begin.line, begin.column, "missing (required)");
  }

  std::string TypeName(const toml::node& node) const {
    return std::string(toml::impl::node_type_friendly_names[static_cast<int>(node.type())]);
  }

  std::optional<std::string> OptionalString(std::string_view key) {
    const toml::node* node = table_.get(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_string()) Fail(key, *node, fmt::format("got a {}, expected a string", TypeName(*node)));
    return node->value<std::string>();
  }

  std::string RequiredString(std::string_view key) {
    std::optional<std::string> value = OptionalString(key);
    if (!value) Missing(key);
    if (value->empty()) Fail(key, *table_.get(key), "got an empty string, expected a value");
    if (key == "id") id_ = *value;
    return *value;
  }

  // A period as a string ("2021", "2021-01..2021-05") or a year as a TOML integer (period = 2021).
  std::string RequiredPeriodText(std::string_view key) {
    const toml::node* node = table_.get(key);
    if (node != nullptr && node->is_integer()) return fmt::format("{}", *node->value<std::int64_t>());
    if (node != nullptr && !node->is_string()) {
      Fail(key, *node,
           fmt::format("got a {}, expected a period: a year (2021 or \"2021\"), \"YYYY-MM\" or "
                       "\"YYYY-MM..YYYY-MM\"",
                       TypeName(*node)));
    }
    return RequiredString(key);
  }

  // A string or an array of strings.
  std::vector<std::string> StringList(std::string_view key) {
    const toml::node& node = *table_.get(key);
    return StringListOf(key, node);
  }
  std::vector<std::string> StringListOf(std::string_view key, const toml::node& node) {
    std::vector<std::string> values;
    if (node.is_string()) {
      values.push_back(*node.value<std::string>());
    } else if (const toml::array* array = node.as_array()) {
      for (const toml::node& element : *array) {
        if (!element.is_string()) {
          Fail(key, element, fmt::format("got a {} in the list, expected strings", TypeName(element)));
        }
        values.push_back(*element.value<std::string>());
      }
    } else {
      Fail(key, node, fmt::format("got a {}, expected a string or a list of strings", TypeName(node)));
    }
    if (values.empty()) Fail(key, node, "got an empty list, expected at least one value");
    for (const std::string& value : values) {
      if (value.empty()) Fail(key, node, "got an empty string, expected a value");
    }
    return values;
  }

  std::vector<Flow> Flows(std::string_view key) {
    const toml::node& node = *table_.get(key);
    std::vector<Flow> flows;
    for (const std::string& text : StringListOf(key, node)) flows.push_back(ParseFlowAt(key, node, text));
    return flows;
  }

  Flow ParseFlowAt(std::string_view key, const toml::node& node, const std::string& text) {
    const auto flow = ParseFlow(text);
    if (!flow) Fail(key, node, fmt::format("got '{}', expected exports, imports or trade", Printable(text)));
    return *flow;
  }

  Period ParsePeriod(std::string_view key, const std::string& text) {
    const auto period = Period::Parse(text);
    if (!period) {
      Fail(key, *table_.get(key),
           fmt::format("got '{}', expected a period: YYYY, YYYY-MM or YYYY-MM..YYYY-MM", Printable(text)));
    }
    return *period;
  }

  void CheckCurrency(std::string_view key, const std::string& currency) {
    const bool ok = currency.size() == 3 &&
                    std::all_of(currency.begin(), currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!ok) {
      Fail(key, *table_.get(key), fmt::format("got '{}', expected an ISO 4217 code (USD, CNY)", Printable(currency)));
    }
  }

  SelectionOverride Override(const toml::node& node) {
    const toml::table* of = node.as_table();
    if (of == nullptr) {
      Fail("of", node, fmt::format("got a {}, expected a table such as {{ partner = \"WLD\" }}", TypeName(node)));
    }
    SelectionOverride result;
    for (const auto& [key, value] : *of) {
      const std::string name = "of." + std::string(key.str());
      if (key == "partner") {
        result.partners = StringListOf(name, value);
      } else if (key == "product") {
        result.products = StringListOf(name, value);
      } else if (key == "reporter" || key == "flow" || key == "period") {
        if (!value.is_string()) Fail(name, value, fmt::format("got a {}, expected a string", TypeName(value)));
        const std::string text = *value.value<std::string>();
        if (key == "reporter") result.reporter = text;
        if (key == "flow") result.flow = ParseFlowAt(name, value, text);
        if (key == "period") {
          const auto period = Period::Parse(text);
          if (!period) Fail(name, value, fmt::format("got '{}', expected a period", Printable(text)));
          result.period = *period;
        }
      } else {
        Fail(name, value,
             fmt::format("unknown key '{}', expected one of reporter, partner, flow, product, period", key.str()));
      }
    }
    return result;
  }

  void ParseStated(Claim& claim) {
    const toml::node* stated = table_.get("stated");
    const toml::node* value = table_.get("value");
    std::optional<ClaimComparison> from_words;
    std::string text;
    const toml::node* where = stated;
    if (stated != nullptr && value != nullptr) Fail("value", *value, "give either 'stated' or 'value' (with 'unit')");
    if (stated != nullptr) {
      text = *OptionalString("stated");
      // "more than 20%": the comparison written with the figure.
      for (const ComparisonWord& word : kComparisonWords) {
        if (text.size() >= word.words.size() && AsciiLower(text.substr(0, word.words.size())) == word.words) {
          from_words = word.comparison;
          text = text.substr(word.words.size());
          break;
        }
      }
    } else if (value != nullptr) {
      where = value;
      if (!value->is_number()) Fail("value", *value, fmt::format("got a {}, expected a number", TypeName(*value)));
      // The shortest text that reads back as the number keeps the written precision (4.5 -> "4.5").
      text = fmt::format("{}", value->value<double>().value());
      if (auto unit = OptionalString("unit")) text += (unit->starts_with("%") ? "" : " ") + *unit;
    } else {
      Missing("stated");
    }
    try {
      claim.stated = ParseStatedFigure(text);
      claim.stated.text = *(stated != nullptr ? OptionalString("stated") : std::optional<std::string>(text));
    } catch (const Error& error) {
      Fail(stated != nullptr ? "stated" : "value", *where, error.what());
    }
    if (auto comparison = OptionalString("comparison")) {
      const auto parsed = ParseClaimComparison(*comparison);
      if (!parsed) {
        Fail("comparison", *table_.get("comparison"),
             fmt::format("got '{}', expected {}", Printable(*comparison), kComparisonExpected));
      }
      if (from_words && *from_words != *parsed) {
        Fail("comparison", *table_.get("comparison"),
             fmt::format("'{}' disagrees with the stated '{}'", *comparison, claim.stated.text));
      }
      claim.comparison = *parsed;
    } else {
      claim.comparison = from_words.value_or(ClaimComparison::kAbout);
    }
    if (!claim.stated.currency.empty() && !claim.currencies.empty() &&
        std::find(claim.currencies.begin(), claim.currencies.end(), claim.stated.currency) == claim.currencies.end()) {
      Fail("currency", *table_.get("currency"),
           fmt::format("does not include the stated figure's currency {}", claim.stated.currency));
    }
  }

  void CheckMetricArguments(const Claim& claim) {
    const toml::node& stated_node = table_.contains("stated") ? *table_.get("stated") : *table_.get("value");
    const std::string stated_key = table_.contains("stated") ? "stated" : "value";
    if (IsPercentMetric(claim.metric) && !claim.stated.percent) {
      Fail(stated_key, stated_node,
           fmt::format("got '{}', expected a percentage for metric {}", claim.stated.text, ToString(claim.metric)));
    }
    if (!IsPercentMetric(claim.metric) && claim.stated.percent) {
      Fail(stated_key, stated_node,
           fmt::format("got '{}', a percentage, but metric {} is not a share or growth", claim.stated.text,
                       ToString(claim.metric)));
    }
    if (!IsValueMetric(claim.metric) && !IsPercentMetric(claim.metric) && !claim.stated.currency.empty()) {
      Fail(stated_key, stated_node,
           fmt::format("got '{}', expected a plain number for metric {}", claim.stated.text, ToString(claim.metric)));
    }
    auto only_for = [&](std::string_view key, bool allowed, std::string_view metrics) {
      if (table_.contains(key) && !allowed) {
        Fail(key, *table_.get(key), fmt::format("only for metric {}", metrics));
      }
    };
    only_for("base", claim.metric == ClaimMetric::kGrowth || claim.metric == ClaimMetric::kProjectedGrowth,
             "growth or projected_growth");
    only_for("of", claim.metric == ClaimMetric::kShare, "share");
    only_for("by", claim.metric == ClaimMetric::kCount || claim.metric == ClaimMetric::kRank, "count or rank");
    only_for("refers_to", claim.metric == ClaimMetric::kGrowth || claim.metric == ClaimMetric::kProjectedGrowth,
             "growth or projected_growth (the growth a value claim's figure implies)");
    if (claim.metric == ClaimMetric::kRank && claim.by == "partner" && claim.partners.size() != 1) {
      Fail("partner", *table_.get("partner"), "rank needs exactly one partner");
    }
    if (claim.metric == ClaimMetric::kRank && claim.by == "product" && claim.products.size() != 1) {
      Fail("product", *table_.get("product"), "rank needs exactly one product");
    }
    if (claim.base && claim.base->first_month() >= claim.period.first_month()) {
      Fail("base", *table_.get("base"),
           fmt::format("got '{}', expected a period before {}", claim.base->ToString(), claim.period.ToString()));
    }
  }

  const std::string& file_;
  const toml::table& table_;
  std::size_t index_;
  std::string id_;
};

// [source]: outlet, title, date (a TOML date or a string as written) and url, all optional strings.
ClaimsSource ParseSource(const std::string& file_name, const toml::node& node) {
  const auto& place = node.source().begin;
  const toml::table* table = node.as_table();
  if (table == nullptr)
    throw ClaimsFileError(file_name, place.line, place.column, "source", "key 'source': expected a [source] table");
  ClaimsSource source;
  for (const auto& [key, value] : *table) {
    const auto& begin = value.source().begin;
    std::string* field = key == "outlet"  ? &source.outlet
                         : key == "title" ? &source.title
                         : key == "date"  ? &source.date
                         : key == "url"   ? &source.url
                                          : nullptr;
    if (field == nullptr) {
      throw ClaimsFileError(file_name, begin.line, begin.column, std::string(key.str()),
                            fmt::format("[source]: unknown key '{}', expected outlet, title, date or url", key.str()));
    }
    if (const auto* date = value.as_date(); date != nullptr && key == "date") {
      *field = fmt::format("{:04}-{:02}-{:02}", date->get().year, date->get().month, date->get().day);
    } else if (value.is_string()) {
      *field = *value.value<std::string>();
    } else {
      throw ClaimsFileError(file_name, begin.line, begin.column, std::string(key.str()),
                            fmt::format("[source]: key '{}': expected a string", key.str()));
    }
  }
  return source;
}

}  // namespace

ClaimsFile ParseClaims(std::string_view toml_text, const std::string& file_name) {
  if (auto limit = toml_internal::CheckTomlLimits(toml_text, file_name)) {
    throw ClaimsFileError(limit->kind, limit->place(),
                          fmt::format("got '{}', expected {}", limit->value, limit->expected));
  }
  toml::table root;
  try {
    root = toml::parse(toml_text, file_name);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    throw ClaimsFileError(InputErrorKind::kBadSyntax, SourcePlace{file_name, begin.line, begin.column},
                          fmt::format("expected valid TOML syntax ({})", error.description()));
  }
  ClaimsFile result;
  result.file = file_name;
  for (const auto& [key, node] : root) {
    const auto& begin = node.source().begin;
    if (key == "case") {
      if (!node.is_string())
        throw ClaimsFileError(file_name, begin.line, begin.column, "case", "key 'case': expected a string");
      result.case_name = *node.value<std::string>();
    } else if (key == "source") {
      result.source = ParseSource(file_name, node);
    } else if (key != "claim") {
      throw ClaimsFileError(file_name, begin.line, begin.column, std::string(key.str()),
                            fmt::format("unknown top-level key '{}', expected case, [source] or [[claim]]", key.str()));
    }
  }
  const toml::node* claims = root.get("claim");
  if (claims == nullptr) throw ClaimsFileError(file_name, 1, 1, "claim", "no [[claim]] in the file");
  const toml::array* array = claims->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    const auto& begin = claims->source().begin;
    throw ClaimsFileError(file_name, begin.line, begin.column, "claim", "key 'claim': expected [[claim]] tables");
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table& table = *array->get(i)->as_table();
    Claim claim = ClaimParser(file_name, table, i).Parse();
    if (!ids.insert(claim.id).second) {
      const auto& begin = table.get("id")->source().begin;
      throw ClaimsFileError(file_name, begin.line, begin.column, "id",
                            fmt::format("claim '{}': key 'id': duplicate id '{}'", claim.id, claim.id));
    }
    result.claims.push_back(std::move(claim));
  }
  for (std::size_t i = 0; i < result.claims.size(); ++i) {
    const Claim& claim = result.claims[i];
    if (claim.refers_to.empty()) continue;
    const auto& begin = array->get(i)->as_table()->get("refers_to")->source().begin;
    auto target = std::find_if(result.claims.begin(), result.claims.end(),
                               [&](const Claim& other) { return other.id == claim.refers_to; });
    if (target == result.claims.end() || target->id == claim.id) {
      throw ClaimsFileError(
          file_name, begin.line, begin.column, "refers_to",
          fmt::format("claim '{}': key 'refers_to': no other claim has id '{}'", claim.id, claim.refers_to));
    }
    if (!IsValueMetric(target->metric)) {
      throw ClaimsFileError(file_name, begin.line, begin.column, "refers_to",
                            fmt::format("claim '{}': key 'refers_to': '{}' is a {} claim, expected a value or "
                                        "projected_value claim",
                                        claim.id, claim.refers_to, ToString(target->metric)));
    }
  }
  return result;
}

ClaimsFile ReadClaimsFile(const std::string& path) {
  const std::string text =
      file_internal::ReadRegularFile(path, "claims file", toml_internal::kMaxTomlFileBytes, "limit kMaxTomlFileBytes");
  return ParseClaims(text, path);
}

}  // namespace tradeshock
