// The one error a request handler throws for a request that cannot be served as sent: an HTTP status (400 bad
// request, 404 unknown name, 413 too large, 422 an analysis the data cannot give), the message, and where in
// the request the fault is — a JSON field path ("$.scenario", "$.target.period") and, for a JSON syntax
// fault or a posted TOML text, the line and column (1-based; 0 when not applicable).
#pragma once

#include <cstddef>
#include <string>

#include "tradeshock/error.h"

namespace tradeshock::server {

class RequestError : public Error {
 public:
  RequestError(int status, std::string message, std::string path = {}, std::size_t line = 0, std::size_t column = 0)
      : Error(std::move(message)), status_(status), path_(std::move(path)), line_(line), column_(column) {}
  int status() const { return status_; }
  const std::string& path() const { return path_; }
  std::size_t line() const { return line_; }
  std::size_t column() const { return column_; }

 private:
  int status_;
  std::string path_;
  std::size_t line_;
  std::size_t column_;
};

}  // namespace tradeshock::server
