// Reading scenario files (TOML). Every fault names the file, line, column and key.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "tradeshock/scenario.h"

namespace tradeshock {

namespace {

class ScenarioParser {
 public:
  ScenarioParser(std::string file, const Reference& reference) : file_(std::move(file)), reference_(reference) {}

  Scenario Parse(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, file_);
    } catch (const toml::parse_error& error) {
      const auto& begin = error.source().begin;
      Throw(InputErrorKind::kBadHeader, begin.line, begin.column, "",
            fmt::format("valid TOML ({})", error.description()));
    }
    Scenario scenario;
    scenario.file = file_;
    for (const auto& [key, node] : root) {
      if (key == "title") {
        scenario.title = String(key.str(), node);
      } else if (key == "description") {
        scenario.description = String(key.str(), node);
      } else if (key == "nowcast") {
        scenario.nowcast = Nowcast(node);
      } else if (key != "policy") {
        Fail(InputErrorKind::kBadHeader, node, key.str(), std::string(key.str()),
             "a top-level key title, description, [nowcast] or [[policy]]");
      }
    }
    const toml::node* policies = root.get("policy");
    if (policies == nullptr) Throw(InputErrorKind::kEmpty, 1, 1, "", "at least one [[policy]] table");
    const toml::array* array = policies->as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      Fail(InputErrorKind::kBadHeader, *policies, "policy", "", "key 'policy' to hold [[policy]] tables");
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
    node.visit([&out](const auto& value) { out << value; });
    return out.str();
  }

  std::string String(std::string_view key, const toml::node& node) const {
    if (!node.is_string())
      Fail(InputErrorKind::kBadHeader, node, key, Shown(node), fmt::format("a string, got a {}", TypeName(node)));
    return *node.value<std::string>();
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
    static const std::set<std::string, std::less<>> kKeys = {"kind", "rate",          "imposed_by", "on",  "products",
                                                             "from", "share_stopped", "name",       "note"};
    for (const auto& [key, node] : table) {
      if (!kKeys.contains(key.str())) {
        Fail(InputErrorKind::kBadHeader, node, key.str(), std::string(key.str()),
             "a policy key: kind, rate, imposed_by, on, products, from, share_stopped, name or note");
      }
    }
    auto required = [&](std::string_view key) -> const toml::node& {
      const toml::node* node = table.get(key);
      if (node == nullptr) {
        const auto& begin = table.source().begin;
        Throw(InputErrorKind::kBadHeader, begin.line, begin.column, "",
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
      Fail(InputErrorKind::kBadHeader, kind, "kind", kind_text, "\"ban\" or \"tariff\"");
    }
    if (const toml::node* rate = table.get("rate")) {
      if (policy.kind != PolicyKind::kTariff)
        Fail(InputErrorKind::kBadHeader, *rate, "rate", Shown(*rate), "no rate for a ban");
      policy.rate = Number("rate", *rate);
      if (!(policy.rate >= 0.0) || policy.rate > 10.0) {
        Fail(InputErrorKind::kBadNumber, *rate, "rate", Shown(*rate),
             "an ad valorem fraction from 0 to 10 (0.25 = 25%)");
      }
    } else if (policy.kind == PolicyKind::kTariff) {
      required("rate");
    }
    policy.imposed_by = Economy("imposed_by", required("imposed_by"));
    policy.on = Economy("on", required("on"));
    const toml::node& products = required("products");
    if (const toml::array* list = products.as_array()) {
      if (list->empty())
        Fail(InputErrorKind::kBadHeader, products, "products", "[]", "\"all\" or a non-empty list of codes");
      for (const toml::node& element : *list) policy.products.push_back(Product("products", element));
    } else {
      policy.products.push_back(Product("products", products));
    }
    const toml::node& from = required("from");
    policy.from = ParseDate("from", from);
    policy.from_place = Place(from);
    if (const toml::node* share = table.get("share_stopped")) {
      policy.share_stopped = Number("share_stopped", *share);
      if (!(policy.share_stopped >= 0.0 && policy.share_stopped <= 1.0)) {
        Fail(InputErrorKind::kBadNumber, *share, "share_stopped", Shown(*share), "a number from 0 to 1");
      }
    }
    return policy;
  }

  NowcastSettings Nowcast(const toml::node& node) const {
    NowcastSettings settings;
    const toml::table* table = node.as_table();
    if (table == nullptr) Fail(InputErrorKind::kBadHeader, node, "nowcast", Shown(node), "a table [nowcast]");
    for (const auto& [key, value] : *table) {
      if (key == "profile") {
        const toml::table* profile = value.as_table();
        if (profile == nullptr)
          Fail(InputErrorKind::kBadHeader, value, "profile", Shown(value), "a table { partner = ..., flow = ... }");
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
            Fail(InputErrorKind::kBadHeader, pvalue, full, std::string(pkey.str()),
                 "one of reporter, partner, flow, product");
          }
        }
      } else if (key == "years") {
        const toml::array* years = value.as_array();
        if (years == nullptr) Fail(InputErrorKind::kBadHeader, value, "years", Shown(value), "a list of years");
        for (const toml::node& year : *years) {
          if (!year.is_integer() || *year.value<int64_t>() < 1000 || *year.value<int64_t>() > 2999) {
            Fail(InputErrorKind::kBadNumber, year, "years", Shown(year), "a year such as 2019");
          }
          settings.profile_years.push_back(static_cast<int>(*year.value<int64_t>()));
        }
      } else if (key == "target") {
        settings.target = Target(value);
      } else {
        Fail(InputErrorKind::kBadHeader, value, key.str(), std::string(key.str()),
             "a [nowcast] key: profile, years or target");
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
      Fail(InputErrorKind::kBadHeader, node, "target", Shown(node), "a table { reporter, partner, flow, period }");
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
        Fail(InputErrorKind::kBadHeader, value, full, std::string(key.str()),
             "one of reporter, partner, flow, product, period");
      }
    }
    if (!has_reporter || !has_period) {
      Fail(InputErrorKind::kBadHeader, node, "target", "", "both target.reporter and target.period");
    }
    return selection;
  }

  SourcePlace Place(const toml::node& node) const {
    return SourcePlace{file_, node.source().begin.line, node.source().begin.column};
  }

  std::string file_;
  const Reference& reference_;
};

}  // namespace

Scenario ParseScenario(std::string_view text, const Reference& reference, std::string file) {
  return ScenarioParser(std::move(file), reference).Parse(text);
}

Scenario ReadScenarioFile(const std::filesystem::path& path, const Reference& reference) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputException(InputError{InputErrorKind::kIo, path.string(), 0, 0, "", "a readable scenario file"});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseScenario(buffer.str(), reference, path.string());
}

void CheckScenarioAgainstTable(const Scenario& scenario, const TradeTable& table) {
  if (table.periods().empty()) return;
  int first_month = table.periods().front().first_month();
  for (const Period& period : table.periods()) first_month = std::min(first_month, period.first_month());
  for (const Policy& policy : scenario.policies) {
    const int month = policy.from.year * 12 + policy.from.month - 1;
    if (month < first_month) {
      throw InputException(
          InputError{InputErrorKind::kBadPeriod, policy.from_place.file, policy.from_place.line,
                     policy.from_place.column, policy.from.ToString(),
                     fmt::format("key 'from': a date within the data (the data start in {}; {} starts before it)",
                                 Period::Month(first_month / 12, first_month % 12 + 1).ToString(), policy.name)});
    }
  }
}

}  // namespace tradeshock
