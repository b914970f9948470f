// tradeshock serve: loads case folders and trade files once and answers the JSON API over HTTP (docs/SERVER.md).
// The flags become ServeOptions; everything else is the server library's (server/server.h).
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "case_options.h"
#include "commands.h"
#include "output.h"
#include "server.h"

namespace tradeshock::cli {
namespace {

struct ServeFlags {
  std::vector<std::string> inputs;
  server::ServeOptions options = server::ServeOptions::Defaults();
  std::string mirror_imports = "auto";
  std::string baci_codes;
  std::int64_t max_inflated_bytes = 0;
  bool allow_outside_case = false;
  bool lenient = false;
};

void Run(ServeFlags& flags) {
  server::ServeOptions options = flags.options;
  options.inputs = flags.inputs;
  options.mirror = ParseMirrorImports(flags.mirror_imports);
  options.read.baci_country_codes = flags.baci_codes;
  options.read.max_inflated_bytes = flags.max_inflated_bytes;
  options.read.allow_outside_case = flags.allow_outside_case;
  options.read.lenient = flags.lenient;
  if (isatty(fileno(stderr)) != 0) {
    options.read.progress = [](std::string_view status) {
      fmt::print(stderr, "\r\033[K{}", status);
      std::fflush(stderr);
    };
  }
  options.log = [](std::string_view line) {
    if (isatty(fileno(stderr)) != 0) fmt::print(stderr, "\r\033[K");
    Note(fmt::format("serve: {}", line));
  };
  options.Validate();  // a bad flag is reported before any data are read
  server::Serve(std::move(options));
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto flags = std::make_shared<ServeFlags>();
  server::ServeOptions& options = flags->options;
  CLI::App* command = app.add_subcommand(
      "serve", "load case folders and trade files once and answer the JSON API over HTTP (docs/SERVER.md)");
  command->add_option("inputs", flags->inputs, "case folders and trade files (long CSV, BACI, Comtrade; .gz too)")
      ->required();
  command->add_option("--port", options.port, "TCP port (0: any free port, reported on stderr)")->capture_default_str();
  command->add_option("--bind", options.bind, "address to listen on (loopback unless told otherwise)")
      ->capture_default_str();
  command->add_option("--threads", options.threads, "worker threads answering requests")->capture_default_str();
  command->add_option("--max-body-bytes", options.max_body_bytes, "largest request body; a larger one gets 413")
      ->check(NotNegative())
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  command
      ->add_option("--timeout", options.request_timeout_seconds,
                   "seconds to read a request and to write its answer (slow clients are disconnected)")
      ->capture_default_str();
  command->add_option("--cors-origin", options.cors_origin,
                      "send Access-Control-Allow-Origin with this origin (default: no CORS header)");
  command
      ->add_option("--mirror-imports", flags->mirror_imports,
                   "imports from partners' exports for a table of exports only: auto (BACI files), on, off")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  command->add_flag("--lenient", flags->lenient, "skip bad rows of the inputs and report how many and why");
  AddBaciCodesOption(*command, flags->baci_codes);
  AddMaxInflatedBytesOption(*command, flags->max_inflated_bytes);
  AddAllowOutsideCaseFlag(*command, flags->allow_outside_case);
  command->callback([flags] { Run(*flags); });
}

}  // namespace tradeshock::cli
