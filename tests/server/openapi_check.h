// Checks answers of the server against its hand-written OpenAPI description (docs/openapi.json): the route and
// method are in it, the status is one it documents, and the body has every field its schema requires, of the
// type it says, recursively through objects, arrays and $ref. Returns what does not match, empty when all does.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tradeshock::testing {

class OpenApiCheck {
 public:
  explicit OpenApiCheck(const std::string& path) {
    std::ifstream in(path);
    spec_ = nlohmann::json::parse(in);
  }
  const nlohmann::json& spec() const { return spec_; }

  // `route` as written in the spec ("/api/v1/cases/{name}/brief"), `method` lower case ("get").
  std::vector<std::string> Check(const std::string& route, const std::string& method, int status,
                                 const std::string& content_type, const nlohmann::json* body) const {
    std::vector<std::string> faults;
    const nlohmann::json& paths = spec_["paths"];
    if (!paths.contains(route)) return {"route " + route + " is not in the spec"};
    if (!paths[route].contains(method)) return {method + " " + route + " is not in the spec"};
    const nlohmann::json& responses = paths[route][method]["responses"];
    const std::string code = std::to_string(status);
    if (!responses.contains(code)) return {method + " " + route + ": status " + code + " is not documented"};
    const nlohmann::json& response = Resolve(responses[code]);
    const std::string media = content_type.substr(0, content_type.find(';'));
    if (!response.contains("content") || !response["content"].contains(media)) {
      return {method + " " + route + " " + code + ": content type " + media + " is not documented"};
    }
    const nlohmann::json& schema = response["content"][media]["schema"];
    if (body != nullptr) Match(schema, *body, "$", faults);
    return faults;
  }

 private:
  const nlohmann::json& Resolve(const nlohmann::json& node) const {
    if (!node.is_object() || !node.contains("$ref")) return node;
    std::string ref = node["$ref"].get<std::string>();  // "#/components/schemas/Error"
    const nlohmann::json* at = &spec_;
    std::size_t start = 2;
    while (start <= ref.size()) {
      const std::size_t end = ref.find('/', start);
      at = &(*at)[ref.substr(start, end == std::string::npos ? std::string::npos : end - start)];
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return Resolve(*at);
  }

  static bool TypeMatches(const std::string& type, const nlohmann::json& value) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    return true;
  }

  void Match(const nlohmann::json& schema_node, const nlohmann::json& value, const std::string& path,
             std::vector<std::string>& faults) const {
    const nlohmann::json& schema = Resolve(schema_node);
    if (value.is_null()) {
      if (!schema.value("nullable", false)) faults.push_back(path + ": null, not nullable");
      return;
    }
    if (schema.contains("type") && !TypeMatches(schema["type"].get<std::string>(), value)) {
      faults.push_back(path + ": not of type " + schema["type"].get<std::string>());
      return;
    }
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
      faults.push_back(path + ": " + value.dump() + " is not one of " + schema["enum"].dump());
    }
    if (value.is_object()) {
      for (const auto& required : schema.value("required", nlohmann::json::array())) {
        if (!value.contains(required.get<std::string>()))
          faults.push_back(path + "." + required.get<std::string>() + ": missing");
      }
      if (schema.contains("properties")) {
        for (const auto& [key, property] : schema["properties"].items()) {
          if (value.contains(key)) Match(property, value[key], path + "." + key, faults);
        }
      }
    }
    if (value.is_array() && schema.contains("items")) {
      for (std::size_t i = 0; i < value.size(); ++i)
        Match(schema["items"], value[i], path + "[" + std::to_string(i) + "]", faults);
    }
  }

  nlohmann::json spec_;
};

}  // namespace tradeshock::testing
