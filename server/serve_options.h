// How `tradeshock serve` runs: what it loads, where it listens and the limits on each request. Defaults() are the
// safe ones (loopback only, 1 MiB bodies, 10 s to read a request and to write its answer, no CORS headers);
// Validate() names the option at fault, so the command line and the tests get the same checks.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tradeshock/case.h"
#include "tradeshock/io.h"

namespace tradeshock::server {

struct ServeOptions {
  // Case folders (a folder holding data *.csv and scenario.toml) and trade files (long CSV, BACI, Comtrade),
  // loaded once at start. Each is served under its loaded name: a folder's name, a file's name without
  // .csv/.gz ("flows.csv.gz" -> "flows"). At least one.
  std::vector<std::string> inputs;
  std::string bind = "127.0.0.1";                     // an IPv4 or IPv6 address; loopback unless told otherwise
  int port = 8080;                                    // 0: any free port (the port chosen is reported)
  std::size_t max_body_bytes = std::size_t{1} << 20;  // a larger request body is refused with 413
  // Seconds to read a request and to write its answer: a client slower than this is disconnected (the server
  // stays up for the others). Also the keep-alive idle time.
  int request_timeout_seconds = 10;
  unsigned threads = 4;  // worker threads answering requests
  // Access-Control-Allow-Origin sent with every answer; empty (the default): no CORS header, so a page of
  // another origin cannot read the answers.
  std::string cors_origin;
  // How the inputs are read (lenient, BACI codes, limits) and completed; read.progress reports loading.
  ReadOptions read = ReadOptions::Defaults();
  MirrorImports mirror = MirrorImports::kAuto;
  // Called with one line for each stage of loading and when listening; the server never prints.
  std::function<void(std::string_view)> log;

  static constexpr std::size_t kMaxBodyBytes = std::size_t{1} << 30;
  static constexpr int kMaxTimeoutSeconds = 3600;
  static constexpr unsigned kMaxThreads = 256;

  static ServeOptions Defaults();
  // Throws Error naming the option: "serve: ServeOptions::port must be 0 (any free port) to 65535, got 70000",
  // an address that is not IPv4 or IPv6, no inputs, a body cap of 0 or above 1 GiB, a timeout outside 1..3600
  // seconds, threads outside 1..256, a CORS origin with a line break; and ReadOptions::Validate's messages.
  void Validate() const;
};

}  // namespace tradeshock::server
