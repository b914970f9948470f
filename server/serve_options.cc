#include "serve_options.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include "tradeshock/error.h"

namespace tradeshock::server {

ServeOptions ServeOptions::Defaults() { return ServeOptions(); }

void ServeOptions::Validate() const {
  if (inputs.empty()) {
    throw Error("serve: ServeOptions::inputs must name at least one case folder or trade file");
  }
  in6_addr address{};
  if (inet_pton(AF_INET, bind.c_str(), &address) != 1 && inet_pton(AF_INET6, bind.c_str(), &address) != 1) {
    throw Error(
        fmt::format("serve: ServeOptions::bind must be an IPv4 or IPv6 address (127.0.0.1, ::1, 0.0.0.0), got '{}'",
                    Printable(bind)));
  }
  if (port < 0 || port > 65535) {
    throw Error(fmt::format("serve: ServeOptions::port must be 0 (any free port) to 65535, got {}", port));
  }
  if (max_body_bytes == 0 || max_body_bytes > kMaxBodyBytes) {
    throw Error(fmt::format("serve: ServeOptions::max_body_bytes must be 1 to {} (1 GiB), got {}", kMaxBodyBytes,
                            max_body_bytes));
  }
  if (request_timeout_seconds < 1 || request_timeout_seconds > kMaxTimeoutSeconds) {
    throw Error(fmt::format("serve: ServeOptions::request_timeout_seconds must be 1 to {}, got {}", kMaxTimeoutSeconds,
                            request_timeout_seconds));
  }
  if (threads < 1 || threads > kMaxThreads) {
    throw Error(fmt::format("serve: ServeOptions::threads must be 1 to {}, got {}", kMaxThreads, threads));
  }
  if (cors_origin.find_first_of("\r\n") != std::string::npos) {
    throw Error("serve: ServeOptions::cors_origin must be one line (an origin such as http://localhost:3000)");
  }
  read.Validate();
}

}  // namespace tradeshock::server
