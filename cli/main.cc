// tradeshock: trade statistics in, indicators out. Builds the command line, runs the chosen subcommand
// and turns failures into one line on stderr: exit code 1 for errors, 2 for usage errors.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

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
  tradeshock::cli::AddIoCommand(app);
  tradeshock::cli::AddServeCommand(app);
  // CLI11 would say only that an argument was not expected; name the command and list the known ones.
  const std::vector<CLI::App*> commands = app.get_subcommands([](const CLI::App*) { return true; });
  if (argc > 1 && argv[1][0] != '-' &&
      std::ranges::none_of(commands, [&](CLI::App* command) { return command->check_name(argv[1]); })) {
    std::string names;
    for (const CLI::App* command : commands) names += (names.empty() ? "" : ", ") + command->get_name();
    fmt::print(stderr, "tradeshock: error: unknown command '{}': expected one of {}\nRun with --help for usage.\n",
               tradeshock::Printable(argv[1]), names);
    return 2;
  }
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
