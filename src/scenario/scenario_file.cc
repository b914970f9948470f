// Reading scenario files (TOML). Every fault names the file, line, column and key.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <cctype>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/case_path.h"
#include "core/regular_file.h"
#include "core/toml_limits.h"
#include "tradeshock/scenario.h"
#include "tradeshock/unit_words.h"

namespace tradeshock {

namespace {

class ScenarioParser {
 public:
  ScenarioParser(std::string file, const Reference& reference, const ReadOptions& options)
      : file_(std::move(file)), reference_(reference), options_(options) {}

  Scenario Parse(std::string_view text) {
    if (auto limit = toml_internal::CheckTomlLimits(text, file_)) throw InputException(std::move(*limit));
    toml::table root;
    try {
      root = toml::parse(text, file_);
    } catch (const toml::parse_error& error) {
      const auto& begin = error.source().begin;
      Throw(InputErrorKind::kBadSyntax, begin.line, begin.column, "",
            fmt::format("valid TOML ({})", error.description()));
    }
    Scenario scenario;
    scenario.file = file_;
    for (const auto& [key, node] : root) {
      if (key == "title") {
        scenario.title = String(key.str(), node);
      } else if (key == "description") {
        scenario.description = String(key.str(), node);
      } else if (key == "caveats") {
        scenario.caveats = Strings("caveats", node);
      } else if (key == "nowcast") {
        scenario.nowcast = Nowcast(node);
      } else if (key == "models") {
        scenario.models = Models(node);
      } else if (key != "policy") {
        Fail(InputErrorKind::kBadKey, node, key.str(), std::string(key.str()),
             "a top-level key title, description, caveats, [nowcast], [models] or [[policy]]");
      }
    }
    const toml::node* policies = root.get("policy");
    if (policies == nullptr) Throw(InputErrorKind::kEmpty, 1, 1, "", "at least one [[policy]] table");
    const toml::array* array = policies->as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      Fail(InputErrorKind::kBadKey, *policies, "policy", "", "key 'policy' to hold [[policy]] tables");
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      scenario.policies.push_back(ParsePolicy(*array->get(i)->as_table(), i));
    }
    return scenario;
  }

 private:
  [[noreturn]] void Throw(InputErrorKind kind, std::size_t line, std::size_t column, std::string value,
                          std::string expected) const {
    throw InputException(InputError{kind, file_, line, column, std::move(value), std::move(expected)});
  }
  [[noreturn]] void Fail(InputErrorKind kind, const toml::node& node, std::string_view key, std::string value,
                         std::string_view expected) const {
    const auto& begin = node.source().begin;
    Throw(kind, begin.line, begin.column, std::move(value), fmt::format("key '{}': {}", key, expected));
  }

  static std::string TypeName(const toml::node& node) {
    return std::string(toml::impl::node_type_friendly_names[static_cast<int>(node.type())]);
  }
  // Shows what a wrongly typed value was.
  static std::string Shown(const toml::node& node) {
    std::ostringstream out;
    if (node.is_table() || node.is_array()) return TypeName(node);
    // As written: a string without TOML's quotes, a float in its shortest form (0.1, not 0.10000000000000001).
    if (const auto text = node.value<std::string>(); text && node.is_string()) return *text;
    if (node.is_floating_point()) return fmt::format("{}", *node.value<double>());
    node.visit([&out](const auto& value) { out << value; });
    return out.str();
  }

  std::string String(std::string_view key, const toml::node& node) const {
    if (!node.is_string())
      Fail(InputErrorKind::kBadKey, node, key, Shown(node), fmt::format("a string, got a {}", TypeName(node)));
    return *node.value<std::string>();
  }

  std::vector<std::string> Strings(std::string_view key, const toml::node& node) const {
    const toml::array* list = node.as_array();
    if (list == nullptr) Fail(InputErrorKind::kBadKey, node, key, Shown(node), "a list of strings");
    std::vector<std::string> strings;
    for (const toml::node& element : *list) strings.push_back(String(key, element));
    return strings;
  }

  double Number(std::string_view key, const toml::node& node) const {
    if (!node.is_number())
      Fail(InputErrorKind::kBadNumber, node, key, Shown(node), fmt::format("a number, got a {}", TypeName(node)));
    return *node.value<double>();
  }

  std::string Economy(std::string_view key, const toml::node& node) const {
    const std::string text = String(key, node);
    const tradeshock::Economy* economy = reference_.FindEconomy(text);
    if (economy == nullptr) {
      Fail(InputErrorKind::kUnknownCode, node, key, text,
           "an economy: ISO 3166-1 code, ISO 3166-2 region (CN-XJ), group (EU27) or WLD");
    }
    return economy->code;
  }

  std::string Product(std::string_view key, const toml::node& node) const {
    std::string text = String(key, node);
    if (text == "all" || text == "ALL" || text == kTotalProduct) return kTotalProduct;
    if (const HsEntry* hs = reference_.FindHs(text)) return hs->code;
    if (const ProductGroup* group = reference_.FindProductGroup(text)) return group->code;
    Fail(InputErrorKind::kUnknownCode, node, key, text,
         "\"all\", an HS code (2, 4 or 6 digits), an HS section or a product group");
  }

  Date ParseDate(std::string_view key, const toml::node& node) const {
    if (const auto* date = node.as_date()) {
      const toml::date& value = date->get();
      auto parsed = Date::Parse(fmt::format("{:04}-{:02}-{:02}", value.year, value.month, value.day));
      if (parsed) return *parsed;
    }
    if (node.is_string()) {
      if (auto parsed = Date::Parse(*node.value<std::string>())) return *parsed;
    }
    Fail(InputErrorKind::kBadPeriod, node, key, Shown(node), "a date YYYY-MM-DD");
  }

  Policy ParsePolicy(const toml::table& table, std::size_t index) const {
    Policy policy;
    policy.name = fmt::format("policy {}", index + 1);
    policy.place = Place(table);
    static const std::set<std::string, std::less<>> kKeys = {
        "kind",          "rate",       "rate_percent", "rate_before", "rate_before_percent",
        "elasticity",    "imposed_by", "on",           "products",    "from",
        "share_stopped", "name",       "note"};
    for (const auto& [key, node] : table) {
      if (!kKeys.contains(key.str())) {
        Fail(InputErrorKind::kBadKey, node, key.str(), std::string(key.str()),
             "a policy key: kind, rate, rate_percent, rate_before, rate_before_percent, elasticity, imposed_by, on, "
             "products, from, share_stopped, name or note");
      }
    }
    auto required = [&](std::string_view key) -> const toml::node& {
      const toml::node* node = table.get(key);
      if (node == nullptr) {
        const auto& begin = table.source().begin;
        Throw(InputErrorKind::kBadKey, begin.line, begin.column, "",
              fmt::format("key '{}' in [[policy]] #{} (required)", key, index + 1));
      }
      return *node;
    };
    if (const toml::node* name = table.get("name")) policy.name = String("name", *name);
    if (const toml::node* note = table.get("note")) policy.note = String("note", *note);
    const toml::node& kind = required("kind");
    const std::string kind_text = String("kind", kind);
    if (kind_text == "ban") {
      policy.kind = PolicyKind::kBan;
    } else if (kind_text == "tariff") {
      policy.kind = PolicyKind::kTariff;
    } else {
      Fail(InputErrorKind::kBadKey, kind, "kind", kind_text, "\"ban\" or \"tariff\"");
    }
    if (policy.kind == PolicyKind::kBan) {
      for (std::string_view key : {"rate", "rate_percent", "rate_before", "rate_before_percent", "elasticity"}) {
        if (const toml::node* node = table.get(key))
          Fail(InputErrorKind::kBadKey, *node, key, Shown(*node), "no tariff rate or elasticity for a ban");
      }
    }
    policy.imposed_by = Economy("imposed_by", required("imposed_by"));
    policy.on = Economy("on", required("on"));
    // The world imposes nothing and exports nothing of its own; a policy on itself stops no trade.
    if (policy.imposed_by == "WLD") {
      Fail(InputErrorKind::kUnknownCode, required("imposed_by"), "imposed_by", "WLD",
           "the importer that imposes the policy: an economy or a group, not the world");
    }
    if (policy.on == "WLD") {
      Fail(InputErrorKind::kUnknownCode, required("on"), "on", "WLD",
           "the exporter the policy is on: an economy or region, not the world");
    }
    if (policy.on == policy.imposed_by) {
      Fail(InputErrorKind::kConflict, required("on"), "on", policy.on,
           fmt::format("an exporter other than the importer imposing the policy (imposed_by = \"{}\")",
                       policy.imposed_by));
    }
    const toml::node& products = required("products");
    if (const toml::array* list = products.as_array()) {
      if (list->empty())
        Fail(InputErrorKind::kBadKey, products, "products", "[]", "\"all\" or a non-empty list of codes");
      for (const toml::node& element : *list) policy.products.push_back(Product("products", element));
    } else {
      policy.products.push_back(Product("products", products));
    }
    const toml::node& from = required("from");
    policy.from_place = Place(from);
    if (const auto ends = Pair(from, "from")) {
      policy.from_range = std::pair{ParseDate("from", *ends->first), ParseDate("from", *ends->second)};
      if (!(policy.from_range->first < policy.from_range->second)) {
        Fail(InputErrorKind::kBadPeriod, *ends->second, "from", Shown(*ends->second),
             fmt::format("a latest date after the earliest ({})", policy.from_range->first.ToString()));
      }
      policy.from = policy.from_range->first.Midpoint(policy.from_range->second);
    } else {
      policy.from = ParseDate("from", from);
    }
    if (const toml::node* share = table.get("share_stopped")) {
      if (const auto ends = Pair(*share, "share_stopped")) {
        policy.share_stopped_range = std::pair{ShareStopped(*ends->first), ShareStopped(*ends->second)};
        if (!(policy.share_stopped_range->first < policy.share_stopped_range->second)) {
          Fail(InputErrorKind::kBadNumber, *ends->second, "share_stopped", Shown(*ends->second),
               fmt::format("a high end above the low end ({:g})", policy.share_stopped_range->first));
        }
        policy.share_stopped = (policy.share_stopped_range->first + policy.share_stopped_range->second) / 2.0;
      } else {
        policy.share_stopped = ShareStopped(*share);
      }
      policy.share_stopped_stated = true;
    }
    if (policy.kind == PolicyKind::kTariff) TariffResponse(table, index, policy);
    return policy;
  }

  // The two ends of a range `[low, high]`; nullopt when `node` is not an array. An array of another length
  // is an error.
  std::optional<std::pair<const toml::node*, const toml::node*>> Pair(const toml::node& node,
                                                                      std::string_view key) const {
    const toml::array* list = node.as_array();
    if (list == nullptr) return std::nullopt;
    if (list->size() != 2) {
      Fail(InputErrorKind::kBadKey, node, key, fmt::format("an array of {}", list->size()),
           "one value, or a range of two: [earliest or low, latest or high]");
    }
    return std::pair{list->get(0), list->get(1)};
  }

  double ShareStopped(const toml::node& node) const {
    const double share = Number("share_stopped", node);
    if (!(share >= 0.0 && share <= 1.0))
      Fail(InputErrorKind::kBadNumber, node, "share_stopped", Shown(node), "a number from 0 to 1");
    return share;
  }

  // A tariff's rates, elasticity and the share of the covered flow it stops (docs/FORMATS.md).
  void TariffResponse(const toml::table& table, std::size_t index, Policy& policy) const {
    const std::optional<double> rate = Rate(table, "rate");
    if (!rate) {
      const auto& begin = table.source().begin;
      Throw(InputErrorKind::kBadKey, begin.line, begin.column, "",
            fmt::format("key 'rate' or 'rate_percent' in [[policy]] #{} (required for a tariff)", index + 1));
    }
    policy.rate = *rate;
    policy.rate_before = Rate(table, "rate_before").value_or(0.0);
    if (policy.rate < policy.rate_before) {
      const toml::node* node = table.get("rate") != nullptr ? table.get("rate") : table.get("rate_percent");
      Fail(InputErrorKind::kBadNumber, *node, "rate", Shown(*node),
           fmt::format("a rate at least rate_before ({:g}%): a tariff cut is not modelled", policy.rate_before * 100));
    }
    const TradeElasticity& fallback = reference_.DefaultTradeElasticity();
    policy.elasticity = ModelParameter{
        "elasticity", fallback.value,
        fmt::format("tradeshock default (data/reference/trade_elasticity.csv): {}", fallback.source), true};
    if (const toml::node* elasticity = table.get("elasticity")) {
      if (policy.share_stopped_stated) {
        Fail(InputErrorKind::kBadKey, *elasticity, "elasticity", Shown(*elasticity),
             "no elasticity with share_stopped (share_stopped overrides the trade response: give one of them)");
      }
      policy.elasticity =
          Parameter("elasticity", *elasticity, policy.elasticity, 0, true, 50, "a trade elasticity > 0 and <= 50");
    }
    if (!policy.share_stopped_stated) {
      policy.share_stopped = TariffShareStopped(policy.rate, policy.rate_before, policy.elasticity.value);
    }
  }

  // `key` as a fraction, or `key_percent` in percent; nullopt when neither is written. A fraction above 1
  // is refused with a hint: users who mean 5% write 5.
  std::optional<double> Rate(const toml::table& table, std::string_view key) const {
    const std::string percent_key = fmt::format("{}_percent", key);
    const toml::node* fraction = table.get(key);
    const toml::node* percent = table.get(percent_key);
    if (fraction != nullptr && percent != nullptr) {
      Fail(InputErrorKind::kDuplicateKey, *percent, percent_key, Shown(*percent),
           fmt::format("'{}' or '{}', not both", key, percent_key));
    }
    if (fraction != nullptr) {
      const double value = Number(key, *fraction);
      if (!std::isfinite(value) || value < 0.0) {
        Fail(InputErrorKind::kBadNumber, *fraction, key, Shown(*fraction),
             "an ad valorem rate as a fraction from 0 to 1 (0.1 = 10%), not negative");
      }
      if (value > 1.0) {
        Fail(InputErrorKind::kBadNumber, *fraction, key, Shown(*fraction),
             fmt::format("an ad valorem rate as a fraction from 0 to 1 (0.1 = 10%): {} = {:g} is {:g}%: did you mean "
                         "{} = {:g} ({:g}%)?",
                         key, value, value * 100, percent_key, value, value));
      }
      return value;
    }
    if (percent != nullptr) {
      const double value = Number(percent_key, *percent);
      if (!std::isfinite(value) || value < 0.0 || value > 10000.0) {
        Fail(InputErrorKind::kBadNumber, *percent, percent_key, Shown(*percent),
             "an ad valorem rate in percent from 0 to 10000 (10 = 10%), not negative");
      }
      return value / 100.0;
    }
    return std::nullopt;
  }

  NowcastSettings Nowcast(const toml::node& node) const {
    NowcastSettings settings;
    const toml::table* table = node.as_table();
    if (table == nullptr) Fail(InputErrorKind::kBadKey, node, "nowcast", Shown(node), "a table [nowcast]");
    for (const auto& [key, value] : *table) {
      if (key == "profile") {
        const toml::table* profile = value.as_table();
        if (profile == nullptr)
          Fail(InputErrorKind::kBadKey, value, "profile", Shown(value), "a table { partner = ..., flow = ... }");
        for (const auto& [pkey, pvalue] : *profile) {
          const std::string full = fmt::format("profile.{}", pkey.str());
          if (pkey == "reporter") {
            settings.profile_reporter = Economy(full, pvalue);
          } else if (pkey == "partner") {
            settings.profile_partner = Economy(full, pvalue);
          } else if (pkey == "flow") {
            settings.profile_flow = FlowOf(full, pvalue);
          } else if (pkey == "product") {
            settings.profile_product = Product(full, pvalue);
          } else {
            Fail(InputErrorKind::kBadKey, pvalue, full, std::string(pkey.str()),
                 "one of reporter, partner, flow, product");
          }
        }
      } else if (key == "years") {
        const toml::array* years = value.as_array();
        if (years == nullptr) Fail(InputErrorKind::kBadKey, value, "years", Shown(value), "a list of years");
        for (const toml::node& year : *years) {
          if (!year.is_integer() || *year.value<int64_t>() < 1000 || *year.value<int64_t>() > 2999) {
            Fail(InputErrorKind::kBadNumber, year, "years", Shown(year), "a year such as 2019");
          }
          settings.profile_years.push_back(static_cast<int>(*year.value<int64_t>()));
        }
      } else if (key == "target") {
        settings.target = Target(value);
      } else if (key == "profile_from_claims") {
        if (!value.is_boolean()) {
          Fail(InputErrorKind::kBadKey, value, "profile_from_claims", Shown(value), "true or false");
        }
        settings.profile_from_claims = *value.value<bool>();
      } else {
        Fail(InputErrorKind::kBadKey, value, key.str(), std::string(key.str()),
             "a [nowcast] key: profile, years, target or profile_from_claims");
      }
    }
    return settings;
  }

  Flow FlowOf(std::string_view key, const toml::node& node) const {
    const std::string text = String(key, node);
    auto flow = ParseFlow(text);
    if (!flow) Fail(InputErrorKind::kBadFlow, node, key, text, "exports, imports or trade");
    return *flow;
  }

  Selection Target(const toml::node& node) const {
    const toml::table* table = node.as_table();
    if (table == nullptr)
      Fail(InputErrorKind::kBadKey, node, "target", Shown(node), "a table { reporter, partner, flow, period }");
    Selection selection;
    bool has_reporter = false, has_period = false;
    for (const auto& [key, value] : *table) {
      const std::string full = fmt::format("target.{}", key.str());
      if (key == "reporter") {
        selection.reporter = Economy(full, value);
        has_reporter = true;
      } else if (key == "partner") {
        selection.partner = Economy(full, value);
      } else if (key == "flow") {
        selection.flow = FlowOf(full, value);
      } else if (key == "product") {
        selection.product = Product(full, value);
      } else if (key == "period") {
        const std::string text = String(full, value);
        auto period = Period::Parse(text);
        if (!period) Fail(InputErrorKind::kBadPeriod, value, full, text, "a period YYYY-01..YYYY-MM");
        selection.period = *period;
        has_period = true;
      } else {
        Fail(InputErrorKind::kBadKey, value, full, std::string(key.str()),
             "one of reporter, partner, flow, product, period");
      }
    }
    if (!has_reporter || !has_period) {
      Fail(InputErrorKind::kBadKey, node, "target", "", "both target.reporter and target.period");
    }
    return selection;
  }

  // [models]: [models.pe] and [models.ge].
  ModelSettings Models(const toml::node& node) const {
    ModelSettings models;
    const toml::table* table = node.as_table();
    if (table == nullptr) Fail(InputErrorKind::kBadKey, node, "models", Shown(node), "a table [models]");
    for (const auto& [key, value] : *table) {
      if (key == "pe") {
        models.pe = Pe(value);
      } else if (key == "ge") {
        models.ge = Ge(value);
      } else if (key == "notes") {
        models.notes = Strings("models.notes", value);
      } else {
        Fail(InputErrorKind::kBadKey, value, fmt::format("models.{}", key.str()), std::string(key.str()),
             "a [models] key: notes, [models.pe] or [models.ge]");
      }
    }
    return models;
  }

  const toml::table& TableOf(const toml::node& node, std::string_view key, std::string_view expected) const {
    const toml::table* table = node.as_table();
    if (table == nullptr) Fail(InputErrorKind::kBadKey, node, key, Shown(node), expected);
    return *table;
  }

  // A number, or { value = N, source = "..." }, within [low, high] (open at the low end when low_open).
  ModelParameter Parameter(std::string_view key, const toml::node& node, ModelParameter parameter, double low,
                           bool low_open, double high, std::string_view range) const {
    const toml::node* number = &node;
    parameter.is_default = false;
    parameter.source = "stated in the scenario file (no source given)";
    if (const toml::table* table = node.as_table()) {
      number = nullptr;
      for (const auto& [sub, value] : *table) {
        const std::string full = fmt::format("{}.{}", key, sub.str());
        if (sub == "value") {
          number = &value;
        } else if (sub == "source") {
          parameter.source = String(full, value);
          if (parameter.source.empty()) Fail(InputErrorKind::kEmpty, value, full, "", "a non-empty source");
        } else {
          Fail(InputErrorKind::kBadKey, value, full, std::string(sub.str()), "value or source");
        }
      }
      if (number == nullptr) Fail(InputErrorKind::kBadKey, node, key, "", "a table { value = N, source = \"...\" }");
    }
    parameter.value = Number(key, *number);
    if (!std::isfinite(parameter.value) || parameter.value < low || (low_open && parameter.value == low) ||
        parameter.value > high) {
      Fail(InputErrorKind::kBadNumber, *number, key, Shown(*number), range);
    }
    return parameter;
  }

  // { value = 15.2, currency = "USD", unit = "billion", source = "..." }.
  StatedAmount Amount(std::string_view key, const toml::node& node) const {
    const toml::table& table =
        TableOf(node, key, "a table { value = N, currency = \"USD\", unit = \"billion\", source = \"...\" }");
    StatedAmount amount;
    amount.place = Place(node);
    double scale = 1.0;
    const toml::node* value_node = nullptr;
    for (const auto& [sub, value] : table) {
      const std::string full = fmt::format("{}.{}", key, sub.str());
      if (sub == "value") {
        amount.value = Number(full, value);
        value_node = &value;
        if (!std::isfinite(amount.value) || amount.value < 0)
          Fail(InputErrorKind::kBadNumber, value, full, Shown(value), "an amount >= 0");
      } else if (sub == "currency") {
        amount.currency = String(full, value);
        if (!reference_.IsCurrency(amount.currency))
          Fail(InputErrorKind::kUnknownCode, value, full, amount.currency, "an ISO 4217 currency code");
        for (char& c : amount.currency) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      } else if (sub == "unit") {
        const std::string unit = String(full, value);
        if (const std::optional<double> words = UnitScale(unit)) {
          scale = *words;
        } else {
          Fail(InputErrorKind::kBadUnit, value, full, unit, kUnitWordsExpected);
        }
      } else if (sub == "source") {
        amount.source = String(full, value);
      } else {
        Fail(InputErrorKind::kBadKey, value, full, std::string(sub.str()), "one of value, currency, unit, source");
      }
    }
    for (const auto& [name, present] :
         {std::pair{"value", value_node != nullptr}, std::pair{"currency", !amount.currency.empty()},
          std::pair{"source", !amount.source.empty()}}) {
      if (!present) Fail(InputErrorKind::kBadKey, node, key, "", fmt::format("'{}' in the table (required)", name));
    }
    amount.value *= scale;
    return amount;
  }

  PeSettings Pe(const toml::node& node) const {
    const toml::table& table = TableOf(node, "models.pe", "a table [models.pe]");
    PeSettings pe;
    pe.place = Place(node);
    constexpr double kLarge = 100.0;
    for (const auto& [key, value] : table) {
      const std::string full = fmt::format("models.pe.{}", key.str());
      if (key == "import_demand") {
        // WITS lists import-demand elasticities as negative numbers; the magnitude is used (pe.h).
        pe.import_demand = Parameter(full, value, pe.import_demand, -kLarge, false, kLarge,
                                     "an elasticity from -100 to 100 (its magnitude is used)");
        pe.import_demand.value = std::abs(pe.import_demand.value);
      } else if (key == "substitution") {
        pe.substitution = Parameter(full, value, pe.substitution, 0, false, kLarge, "an elasticity from 0 to 100");
      } else if (key == "export_supply") {
        pe.export_supply = Parameter(full, value, pe.export_supply, 0, true, 1e6,
                                     "an elasticity > 0 (99 or more: infinitely elastic)");
      } else if (key == "redirection") {
        pe.redirection = Parameter(full, value, pe.redirection, 0, false, kLarge, "an elasticity from 0 to 100");
      } else if (key == "exporter_supply") {
        pe.exporter_supply =
            Parameter(full, value, pe.exporter_supply, 0, false, kLarge, "an elasticity from 0 to 100");
      } else if (key == "tariff_before") {
        pe.tariff_before =
            Parameter(full, value, pe.tariff_before, 0, false, 10.0, "an ad valorem fraction from 0 to 10 (0.1 = 10%)");
      } else if (key == "other_markets") {
        if (value.is_string()) {
          const std::string text = String(full, value);
          if (text == "exports") {
            pe.other_markets = OtherMarkets::kExports;
          } else if (text == "trade") {
            pe.other_markets = OtherMarkets::kTrade;
          } else {
            Fail(InputErrorKind::kBadKey, value, full, text, "\"exports\", \"trade\" or a stated amount table");
          }
        } else {
          pe.other_markets = OtherMarkets::kStated;
          pe.other_markets_stated = Amount(full, value);
        }
      } else if (key == "importer_imports") {
        pe.importer_imports = Amount(full, value);
      } else {
        Fail(InputErrorKind::kBadKey, value, full, std::string(key.str()),
             "a [models.pe] key: import_demand, substitution, export_supply, redirection, exporter_supply, "
             "tariff_before, other_markets or importer_imports");
      }
    }
    if (pe.redirection.value == 0 && pe.exporter_supply.value == 0) {
      Fail(InputErrorKind::kBadNumber, node, "models.pe", "0",
           "redirection and exporter_supply not both 0 (the exporter's price would be undetermined)");
    }
    return pe;
  }

  // Long: one check per key of [models.ge], each with its own located message.
  GeSettings Ge(const toml::node& node) const {
    const toml::table& table = TableOf(node, "models.ge", "a table [models.ge]");
    GeSettings ge;
    ge.place = Place(node);
    bool has_theta = false;
    const toml::node* panel_node = nullptr;
    for (const auto& [key, value] : table) {
      const std::string full = fmt::format("models.ge.{}", key.str());
      if (key == "panel") {
        ge.panel = String(full, value);
        panel_node = &value;
      } else if (key == "columns") {
        const toml::table& columns = TableOf(value, full, "a table { exporter, importer, value }");
        for (const auto& [sub, column] : columns) {
          const std::string name = fmt::format("{}.{}", full, sub.str());
          std::string text = String(name, column);
          if (text.empty()) Fail(InputErrorKind::kEmpty, column, name, "", "a column name");
          if (sub == "exporter") {
            ge.exporter_column = text;
          } else if (sub == "importer") {
            ge.importer_column = text;
          } else if (sub == "value") {
            ge.value_column = text;
          } else {
            Fail(InputErrorKind::kBadKey, column, name, std::string(sub.str()), "exporter, importer or value");
          }
        }
      } else if (key == "theta" || key == "sigma") {
        if (has_theta) Fail(InputErrorKind::kDuplicateKey, value, full, Shown(value), "theta or sigma, not both");
        has_theta = true;
        if (key == "theta") {
          ge.theta = Parameter(full, value, ge.theta, 0, true, 50, "a trade elasticity > 0 and <= 50");
        } else {
          ModelParameter sigma =
              Parameter(full, value, ModelParameter{"sigma", 0, ""}, 1, true, 51, "an elasticity of substitution > 1");
          ge.theta = ModelParameter{"theta", sigma.value - 1,
                                    fmt::format("sigma - 1 with sigma = {:g} ({})", sigma.value, sigma.source), false};
        }
      } else if (key == "reference") {
        ge.reference = Economy(full, value);
      } else if (key == "imbalance") {
        const std::string text = String(full, value);
        if (text != "multiplicative" && text != "additive")
          Fail(InputErrorKind::kBadKey, value, full, text, "\"multiplicative\" or \"additive\"");
        ge.additive_imbalance = text == "additive";
      } else if (key == "ban_cost_change") {
        const double factor = Number(full, value);
        if (!(factor >= 0.0 && factor <= 1.0))
          Fail(InputErrorKind::kBadNumber, value, full, Shown(value),
               "a factor from 0 (flow stopped) to 1 (no change)");
        ge.ban_cost_change = factor;
      } else if (key == "exporter") {
        ge.stand_in_exporter = Economy(full, value);
      } else if (key == "label") {
        ge.label = String(full, value);
      } else {
        Fail(InputErrorKind::kBadKey, value, full, std::string(key.str()),
             "a [models.ge] key: panel, columns, theta, sigma, reference, imbalance, ban_cost_change, exporter "
             "or label");
      }
    }
    if (panel_node == nullptr) Fail(InputErrorKind::kBadKey, node, "models.ge", "", "key 'panel' (required)");
    if (!has_theta) Fail(InputErrorKind::kBadKey, node, "models.ge", "", "key 'theta' or 'sigma' (required)");
    if (options_.refuse_paths) {
      Fail(InputErrorKind::kIo, *panel_node, "models.ge.panel", ge.panel,
           "no file path: a scenario sent to the server may not name a file (give [models.ge] in a case folder "
           "loaded by the server)");
    }
    const std::filesystem::path panel(ge.panel);
    const std::filesystem::path case_folder = std::filesystem::path(file_).parent_path();
    ge.panel_path = panel.is_absolute() ? panel : case_folder / panel;
    // Checked before the file is looked at, so that a path outside the case says nothing of what is there.
    if (!options_.allow_outside_case && !file_internal::ResolvesInside(ge.panel_path, case_folder)) {
      InputError outside = file_internal::OutsideCaseError(Place(*panel_node), ge.panel, case_folder);
      outside.expected = "key 'models.ge.panel': " + outside.expected;
      throw InputException(std::move(outside));
    }
    std::error_code error;
    if (!std::filesystem::is_regular_file(ge.panel_path, error)) {
      Fail(InputErrorKind::kIo, *panel_node, "models.ge.panel", ge.panel,
           fmt::format("a readable CSV file relative to the scenario file (looked for {})", ge.panel_path.string()));
    }
    return ge;
  }

  SourcePlace Place(const toml::node& node) const {
    return SourcePlace{file_, node.source().begin.line, node.source().begin.column};
  }

  std::string file_;
  const Reference& reference_;
  const ReadOptions& options_;
};

}  // namespace

Scenario ParseScenario(std::string_view text, const Reference& reference, std::string file,
                       const ReadOptions& options) {
  options.Validate();
  return ScenarioParser(std::move(file), reference, options).Parse(text);
}

Scenario ReadScenarioFile(const std::filesystem::path& path, const Reference& reference, const ReadOptions& options) {
  const std::string text = file_internal::ReadRegularFile(path.string(), "scenario file",
                                                          toml_internal::kMaxTomlFileBytes, "limit kMaxTomlFileBytes");
  return ParseScenario(text, reference, path.string(), options);
}

void CheckScenarioAgainstTable(const Scenario& scenario, const TradeTable& table) {
  if (table.periods().empty()) return;
  int first_month = table.periods().front().first_month();
  for (const Period& period : table.periods()) first_month = std::min(first_month, period.first_month());
  for (const Policy& policy : scenario.policies) {
    const Date earliest = policy.MostSevere().from;
    const int month = earliest.year * 12 + earliest.month - 1;
    if (month < first_month) {
      throw InputException(
          InputError{InputErrorKind::kBadPeriod, policy.from_place.file, policy.from_place.line,
                     policy.from_place.column, earliest.ToString(),
                     fmt::format("key 'from': a date within the data (the data start in {}; {} starts before it)",
                                 Period::Month(first_month / 12, first_month % 12 + 1).ToString(), policy.name)});
    }
  }
}

}  // namespace tradeshock
