// The JSON API of `tradeshock serve`, as functions of the loaded data and the request: each handler reads the
// request's JSON into the library's options structs (request_fields.h: typed fields, located errors), calls one
// library entry point, and formats its result with the ToJson functions of tradeshock/result_json.h — the
// objects `--format json` and brief.json give. Routes and shapes: docs/SERVER.md, docs/openapi.json.
//
// A request names data by its loaded name only, never a path, and a scenario it sends is parsed with
// ReadOptions::refuse_paths: no request makes the server read a file.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "loaded_data.h"
#include "tradeshock/reference.h"

namespace tradeshock::server {

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

// Query parameters of a GET request (name -> value).
using QueryParams = std::multimap<std::string, std::string>;

class Api {
 public:
  Api(const LoadedData& data, const Reference& reference) : data_(data), reference_(reference) {}

  ApiResponse Health() const;
  // ?data=NAME (optional: every loaded input when absent).
  ApiResponse Economies(const QueryParams& query) const;
  ApiResponse Products(const QueryParams& query) const;
  ApiResponse Periods(const QueryParams& query) const;
  ApiResponse Cases(const QueryParams& query) const;
  // ?format=json|md|html; the case's own analysis computed at load.
  ApiResponse CaseBrief(const std::string& name, const QueryParams& query) const;

  // POST bodies (JSON objects).
  ApiResponse Indicators(std::string_view body) const;
  ApiResponse Scenario(std::string_view body) const;
  ApiResponse Nowcast(std::string_view body) const;
  ApiResponse Claims(std::string_view body) const;
  ApiResponse Brief(std::string_view body) const;

 private:
  const Dataset& Need(const std::string& name, const std::string& path) const;

  const LoadedData& data_;
  const Reference& reference_;
};

// Runs `handler`, turning what it throws into the error answer {"error": {status, message, path?, line?, column?}}:
// RequestError with its status; a located fault in a posted scenario or claims text (InputException,
// ClaimsFileError) 400 with its line and column, one in a loaded case's own file 422; any other tradeshock::Error — the
// analysis cannot be done on these data — 422 with the library's message; anything else 500 without details.
ApiResponse Answer(const std::function<ApiResponse()>& handler);
ApiResponse ErrorAnswer(int status, const std::string& message, const std::string& path = {}, std::size_t line = 0,
                        std::size_t column = 0);

}  // namespace tradeshock::server
