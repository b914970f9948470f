// `tradeshock serve`: the HTTP front end over the loaded data (loaded_data.h) and the JSON API (api.h), with
// cpp-httplib. Listens on ServeOptions::bind (loopback by default), caps request bodies (413), times out slow
// clients, answers from a fixed pool of worker threads that share the immutable loaded data, sends no CORS
// header unless asked, and on Stop() (SIGTERM or SIGINT in Serve) stops accepting, lets the requests in flight
// finish and returns.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "loaded_data.h"
#include "serve_options.h"
#include "tradeshock/reference.h"

namespace tradeshock::server {

// The OpenAPI 3 description of the API (docs/openapi.json, embedded at build time).
std::string_view OpenApiJson();

// A file of the dashboard (server/static/, embedded at build time): "/" (index.html), "/app.js", "/app.css".
struct StaticAsset {
  std::string_view body;
  const char* content_type;
};
std::optional<StaticAsset> FindStaticAsset(std::string_view path);

// The Content-Security-Policy sent with the dashboard's files: scripts, styles, fetches and images from the
// server itself only; no inline script, no frame, no form posted elsewhere.
inline constexpr char kDashboardCsp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

class Server {
 public:
  // Validates the options and loads the inputs (LoadedData::Load). Throws what loading throws.
  explicit Server(ServeOptions options, const Reference& reference = Reference::Default());
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds options.bind:options.port (port 0: a free port) and returns the port bound. Throws Error naming the
  // address when it cannot be bound.
  int Bind();
  // Answers requests until Stop(); returns when the requests in flight are answered. Bind() first.
  void Listen();
  // Thread-safe; may be called before Listen() has started, and more than once.
  void Stop();

  const LoadedData& data() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The whole command: blocks SIGTERM and SIGINT, loads, binds, reports "listening on http://ADDRESS:PORT" through
// options.log, answers until SIGTERM or SIGINT arrives, drains and returns 0. Throws what Server and Bind throw.
int Serve(ServeOptions options);

}  // namespace tradeshock::server
