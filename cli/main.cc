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
#include "tradeshock/suggest.h"
#include "tradeshock/version.h"

namespace {

// "unknown option '--scenaro' for brief: did you mean --scenario?" for the first argument of `command` that
// looks like a flag and is none of its options; empty when there is none (CLI11's own message stands).
std::string UnknownOption(const CLI::App& command, int argc, char** argv) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
  }
  for (int i = 2; i < argc; ++i) {
    const std::string arg = std::string(argv[i]).substr(0, std::string(argv[i]).find('='));
    if (!arg.starts_with("--") || arg == "--") continue;
    if (std::ranges::find(names, arg) != names.end()) continue;
    // A third of the name's letters may differ: --scenaro is --scenario, --top is nothing of `brief`'s.
    const std::string nearest = tradeshock::Nearest(arg, names, std::max<std::size_t>(1, (arg.size() - 2) / 3));
    return fmt::format("unknown option '{}' for {}{}", tradeshock::Printable(arg), command.get_name(),
                       nearest.empty() ? std::string() : fmt::format(": did you mean {}?", nearest));
  }
  return {};
}

}  // namespace

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
    std::string message = usage.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&usage) != nullptr && argc > 1) {
      for (const CLI::App* command : commands) {
        if (!command->check_name(argv[1])) continue;
        if (std::string unknown = UnknownOption(*command, argc, argv); !unknown.empty()) message = std::move(unknown);
      }
    }
    fmt::print(stderr, "tradeshock: error: {}\nRun with --help for usage.\n", message);
    return 2;
  } catch (const std::exception& error) {
    std::fflush(stdout);
    fmt::print(stderr, "tradeshock: error: {}\n", error.what());
    return 1;
  }
  return 0;
}
