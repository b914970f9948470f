#include "server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "api.h"
#include "tradeshock/error.h"

namespace tradeshock::server {

namespace {

QueryParams QueryOf(const httplib::Request& request) {
  return QueryParams(request.params.begin(), request.params.end());
}

void Send(httplib::Response& response, const ApiResponse& answer) {
  response.status = answer.status;
  response.set_content(answer.body, answer.content_type.c_str());
}

}  // namespace

struct Server::Impl {
  Impl(ServeOptions serve_options, const Reference& ref)
      : options(std::move(serve_options)),
        reference(ref),
        data(LoadedData::Load(options, reference)),
        api(data, reference) {}

  // The body of a POST, read through httplib's content reader so that a chunked body is capped as well as one
  // with a Content-Length (which httplib itself refuses above the cap, with 413).
  bool ReadBody(const httplib::Request& request, const httplib::ContentReader& reader, std::string& body) const {
    // A declared length over the cap: httplib has skipped the body, not read it.
    if (request.has_header("Content-Length")) {
      const std::string declared = request.get_header_value("Content-Length");
      errno = 0;
      char* end = nullptr;
      const unsigned long long length = std::strtoull(declared.c_str(), &end, 10);
      if (errno != 0 || end == declared.c_str() || length > options.max_body_bytes) return false;
    }
    bool too_large = false;
    reader([&](const char* bytes, std::size_t length) {
      if (body.size() + length > options.max_body_bytes) {
        too_large = true;
        return false;
      }
      body.append(bytes, length);
      return true;
    });
    return !too_large;
  }

  void Post(const std::string& route, ApiResponse (Api::*handler)(std::string_view) const) {
    http.Post(route, [this, handler](const httplib::Request& request, httplib::Response& response,
                                     const httplib::ContentReader& reader) {
      std::string body;
      if (!ReadBody(request, reader, body)) {
        Send(response,
             ErrorAnswer(413, fmt::format("$: request body over the limit of {} bytes", options.max_body_bytes)));
        return;
      }
      Send(response, Answer([&] { return (api.*handler)(body); }));
    });
  }

  void Get(const std::string& route, ApiResponse (Api::*handler)(const QueryParams&) const) {
    http.Get(route, [this, handler](const httplib::Request& request, httplib::Response& response) {
      Send(response, Answer([&] { return (api.*handler)(QueryOf(request)); }));
    });
  }

  void Route() {
    http.Get("/healthz", [this](const httplib::Request&, httplib::Response& response) {
      Send(response, Answer([&] { return api.Health(); }));
    });
    http.Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(std::string(OpenApiJson()), "application/json");
    });
    for (const char* path : {"/", "/index.html", "/app.js", "/app.css"}) {
      http.Get(path, [](const httplib::Request& request, httplib::Response& response) {
        const std::optional<StaticAsset> asset = FindStaticAsset(request.path);
        response.set_header("Content-Security-Policy", kDashboardCsp);
        response.set_header("Cache-Control", "no-cache");
        response.set_content(std::string(asset->body), asset->content_type);
      });
    }
    Get("/api/v1/economies", &Api::Economies);
    Get("/api/v1/products", &Api::Products);
    Get("/api/v1/periods", &Api::Periods);
    Get("/api/v1/cases", &Api::Cases);
    http.Get(R"(/api/v1/cases/([^/]+)/brief)", [this](const httplib::Request& request, httplib::Response& response) {
      Send(response, Answer([&] { return api.CaseBrief(request.matches[1].str(), QueryOf(request)); }));
    });
    Post("/api/v1/indicators", &Api::Indicators);
    Post("/api/v1/scenario", &Api::Scenario);
    Post("/api/v1/nowcast", &Api::Nowcast);
    Post("/api/v1/claims", &Api::Claims);
    Post("/api/v1/brief", &Api::Brief);
    // Answers httplib makes itself (no route 404, a body over the cap 413, a bad request 400) get a JSON body
    // like every other error; the handlers' own errors already have one.
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request& request, httplib::Response& response) {
          if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          std::string message = fmt::format("HTTP {}", response.status);
          if (response.status == 404) message = fmt::format("no route {} {}", request.method, Printable(request.path));
          if (response.status == 413) message = "request body over the limit";
          Send(response, ErrorAnswer(response.status, message));
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
      Send(response, ErrorAnswer(500, "internal error"));
    });
  }

  void Configure() {
    const unsigned threads = options.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(options.max_body_bytes);
    // Answers are small and written at once: without this, Nagle and delayed ACKs add 40 ms to each.
    http.set_tcp_nodelay(true);
    http.set_read_timeout(options.request_timeout_seconds, 0);
    http.set_write_timeout(options.request_timeout_seconds, 0);
    http.set_keep_alive_timeout(options.request_timeout_seconds);
    httplib::Headers headers = {{"X-Content-Type-Options", "nosniff"}};
    if (!options.cors_origin.empty()) headers.emplace("Access-Control-Allow-Origin", options.cors_origin);
    http.set_default_headers(headers);
  }

  ServeOptions options;
  const Reference& reference;
  const LoadedData data;
  const Api api;
  httplib::Server http;
  std::atomic<bool> stop_requested{false};
};

Server::Server(ServeOptions options, const Reference& reference)
    : impl_(std::make_unique<Impl>(std::move(options), reference)) {
  impl_->Configure();
  impl_->Route();
}

Server::~Server() { Stop(); }

int Server::Bind() {
  const ServeOptions& options = impl_->options;
  if (options.port == 0) {
    const int port = impl_->http.bind_to_any_port(options.bind);
    if (port <= 0) throw Error(fmt::format("serve: cannot bind {} to any port", options.bind));
    return port;
  }
  if (!impl_->http.bind_to_port(options.bind, options.port)) {
    throw Error(fmt::format("serve: cannot bind {}:{} (in use, or not an address of this machine)", options.bind,
                            options.port));
  }
  return options.port;
}

void Server::Listen() {
  if (impl_->stop_requested) return;
  impl_->http.listen_after_bind();
}

void Server::Stop() {
  impl_->stop_requested = true;
  impl_->http.stop();
}

const LoadedData& Server::data() const { return impl_->data; }

int Serve(ServeOptions options) {
  // Blocked here, before any thread starts, so every thread inherits the mask and only the waiter below takes
  // the signals: a handler never runs inside a request.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  const std::function<void(std::string_view)> log = options.log;
  const std::string bind = options.bind;
  Server server(std::move(options));
  const int port = server.Bind();
  if (log)
    log(fmt::format("listening on http://{}:{}", bind.find(':') == std::string::npos ? bind : "[" + bind + "]", port));
  std::atomic<bool> signalled{false};
  std::thread waiter([&server, &signals, &log, &signalled] {
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    if (signalled.exchange(true)) return;  // the wake-up below, not a signal
    if (log)
      log(fmt::format("stopping on {}: finishing the requests in flight",
                      signal_number == SIGINT ? "SIGINT" : "SIGTERM"));
    server.Stop();
  });
  server.Listen();
  server.Stop();
  // Wakes the waiter when listening ended for another reason than a signal.
  if (!signalled.exchange(true)) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (log) log("stopped");
  return 0;
}

}  // namespace tradeshock::server
