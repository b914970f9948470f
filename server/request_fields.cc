#include "request_fields.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tradeshock/error.h"

namespace tradeshock::server {

namespace {

constexpr int kBadRequest = 400;

// Line and column (1-based, by bytes) of byte offset `offset` of `text`.
std::pair<std::size_t, std::size_t> LineColumn(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

std::string JsonTypeName(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    case nlohmann::json::value_t::number_float:
      return "a number";
    default:
      return "a value";
  }
}

nlohmann::json ParseRequestBody(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return nlohmann::json::object();
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(body.begin(), body.end());
  } catch (const nlohmann::json::parse_error& error) {
    // error.byte is the 1-based position where parsing stopped; the message after "syntax error " says why.
    const std::size_t offset = error.byte == 0 ? 0 : error.byte - 1;
    const auto [line, column] = LineColumn(body, offset);
    std::string why = error.what();
    if (const std::size_t at = why.find("syntax error "); at != std::string::npos) why = why.substr(at + 13);
    if (const std::size_t at = why.find(": "); why.rfind("while parsing", 0) == 0 && at != std::string::npos) {
      why = why.substr(at + 2);
    }
    throw RequestError(kBadRequest, fmt::format("$: bad JSON at line {}, column {}: {}", line, column, why), "$", line,
                       column);
  }
  if (!parsed.is_object()) {
    throw RequestError(kBadRequest, fmt::format("$: expected a JSON object, got {}", JsonTypeName(parsed)), "$");
  }
  return parsed;
}

RequestFields::RequestFields(const nlohmann::json& object, std::string path)
    : object_(&object), path_(std::move(path)) {
  if (!object.is_object()) {
    throw RequestError(kBadRequest, fmt::format("{}: expected an object, got {}", path_, JsonTypeName(object)), path_);
  }
}

std::string RequestFields::PathOf(std::string_view key) const { return fmt::format("{}.{}", path_, key); }

const nlohmann::json* RequestFields::Find(std::string_view key) {
  taken_.emplace(key);
  const auto found = object_->find(key);
  if (found == object_->end() || found->is_null()) return nullptr;
  return &*found;
}

void RequestFields::WrongType(std::string_view key, const nlohmann::json& value, std::string_view expected) const {
  std::string shown = value.dump();
  if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
  throw RequestError(kBadRequest,
                     fmt::format("{}: expected {}, got {} ({})", PathOf(key), expected, JsonTypeName(value), shown),
                     PathOf(key));
}

std::optional<std::string> RequestFields::String(std::string_view key) {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) WrongType(key, *value, "a string");
  return value->get<std::string>();
}

std::string RequestFields::RequiredString(std::string_view key) {
  std::optional<std::string> value = String(key);
  if (!value || value->empty()) {
    throw RequestError(kBadRequest, fmt::format("{}: required (a string)", PathOf(key)), PathOf(key));
  }
  return *value;
}

std::optional<std::int64_t> RequestFields::Integer(std::string_view key, std::int64_t min, std::int64_t max) {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return std::nullopt;
  const std::string expected = fmt::format("an integer from {} to {}", min, max);
  if (!value->is_number_integer()) WrongType(key, *value, expected);
  if (value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    WrongType(key, *value, expected);
  }
  const std::int64_t number = value->get<std::int64_t>();
  if (number < min || number > max) {
    throw RequestError(kBadRequest, fmt::format("{}: expected {}, got {}", PathOf(key), expected, number), PathOf(key));
  }
  return number;
}

std::optional<std::vector<std::int64_t>> RequestFields::IntegerArray(std::string_view key, std::int64_t min,
                                                                     std::int64_t max) {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return std::nullopt;
  const std::string expected = fmt::format("an array of integers from {} to {}", min, max);
  if (!value->is_array()) WrongType(key, *value, expected);
  std::vector<std::int64_t> numbers;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const nlohmann::json& item = (*value)[i];
    const std::string item_path = fmt::format("{}[{}]", PathOf(key), i);
    if (!item.is_number_integer() || item.get<std::int64_t>() < min || item.get<std::int64_t>() > max ||
        (item.is_number_unsigned() && item.get<std::uint64_t>() > static_cast<std::uint64_t>(max))) {
      throw RequestError(kBadRequest,
                         fmt::format("{}: expected an integer from {} to {}, got {}", item_path, min, max, item.dump()),
                         item_path);
    }
    numbers.push_back(item.get<std::int64_t>());
  }
  return numbers;
}

std::optional<RequestFields> RequestFields::Object(std::string_view key) {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_object()) WrongType(key, *value, "an object");
  return RequestFields(*value, PathOf(key));
}

std::optional<std::string> RequestFields::OneOf(std::string_view key, const std::vector<std::string>& allowed) {
  std::optional<std::string> value = String(key);
  if (!value) return std::nullopt;
  for (const std::string& option : allowed) {
    if (*value == option) return value;
  }
  std::string shown = *value;
  if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
  throw RequestError(kBadRequest,
                     fmt::format("{}: expected one of {}, got '{}'", PathOf(key), fmt::join(allowed, ", "), shown),
                     PathOf(key));
}

void RequestFields::Finish() const {
  for (const auto& [key, value] : object_->items()) {
    if (taken_.contains(key)) continue;
    std::string shown = key;
    if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
    throw RequestError(kBadRequest,
                       fmt::format("{}: unknown field; expected one of {}", PathOf(shown), fmt::join(taken_, ", ")),
                       PathOf(shown));
  }
}

}  // namespace tradeshock::server
