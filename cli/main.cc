// tradeshock: trade statistics in, indicators out. Builds the command line, runs the chosen subcommand
// and turns failures into one line on stderr: exit code 1 for errors, 2 for usage errors.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "commands.h"
#include "tradeshock/error.h"
#include "tradeshock/version.h"

int main(int argc, char** argv) {
  CLI::App app{"tradeshock: read trade statistics and compute trade indicators"};
  app.set_version_flag("--version", fmt::format("tradeshock {}", tradeshock::kTradeshockVersion));
  app.require_subcommand(1);
  tradeshock::cli::AddIndicatorsCommand(app);
  tradeshock::cli::AddLookupCommand(app);
  tradeshock::cli::AddInspectCommand(app);
  tradeshock::cli::AddScenarioCommand(app);
  tradeshock::cli::AddClaimsCommand(app);
  tradeshock::cli::AddBriefCommand(app);
  tradeshock::cli::AddGravityCommand(app);
  tradeshock::cli::AddGeCommand(app);
  tradeshock::cli::AddServeCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& success) {
    return app.exit(success);
  } catch (const CLI::ParseError& usage) {
    fmt::print(stderr, "tradeshock: error: {}\nRun with --help for usage.\n", usage.what());
    return 2;
  } catch (const std::exception& error) {
    std::fflush(stdout);
    fmt::print(stderr, "tradeshock: error: {}\n", error.what());
    return 1;
  }
  return 0;
}
