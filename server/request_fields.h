// Reading a request's JSON strictly: the body must be one JSON object (a syntax fault is a 400 with its line
// and column), each field is taken with its expected type (a wrong type is a 400 naming the field's path,
// "$.target.period", what was found and what was expected), and a field the endpoint does not know is a 400
// naming it once the handler has taken the fields it knows (Finish). So a typo is never silently ignored.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "request_error.h"

namespace tradeshock::server {

// Parses a request body: a JSON object, else RequestError 400 ("$: bad JSON at line 3, column 7: ...",
// or "$: expected a JSON object, got an array"). An empty body is the empty object.
nlohmann::json ParseRequestBody(std::string_view body);

class RequestFields {
 public:
  // `object` must be a JSON object (else a 400 at `path`). The fields are read from it; it must outlive this.
  RequestFields(const nlohmann::json& object, std::string path);

  std::optional<std::string> String(std::string_view key);
  std::string RequiredString(std::string_view key);
  // An integer from min to max.
  std::optional<std::int64_t> Integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<std::vector<std::int64_t>> IntegerArray(std::string_view key, std::int64_t min, std::int64_t max);
  // A nested object, read the same way (its own Finish is the caller's).
  std::optional<RequestFields> Object(std::string_view key);
  // One of `allowed`, else a 400 naming the field and the allowed values.
  std::optional<std::string> OneOf(std::string_view key, const std::vector<std::string>& allowed);

  // The path of a field of this object: "$.target" + "period" -> "$.target.period".
  std::string PathOf(std::string_view key) const;
  // Throws RequestError 400 for the first field not taken: "$.scenario.polices: unknown field; expected one of ...".
  void Finish() const;

 private:
  const nlohmann::json* Find(std::string_view key);
  [[noreturn]] void WrongType(std::string_view key, const nlohmann::json& value, std::string_view expected) const;

  const nlohmann::json* object_;
  std::string path_;
  std::set<std::string, std::less<>> taken_;
};

// The JSON type of a value in words, for messages: "a string", "a number", "an object", "null".
std::string JsonTypeName(const nlohmann::json& value);

}  // namespace tradeshock::server
