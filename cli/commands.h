// The subcommands of the tradeshock command line. Each Add* registers its options on `app` and sets a
// callback that runs the command; failures are thrown as tradeshock::Error and reported by main.
#pragma once

#include <CLI/CLI.hpp>

namespace tradeshock::cli {

void AddIndicatorsCommand(CLI::App& app);
void AddLookupCommand(CLI::App& app);
void AddInspectCommand(CLI::App& app);
void AddScenarioCommand(CLI::App& app);
void AddClaimsCommand(CLI::App& app);
void AddBriefCommand(CLI::App& app);

void AddGravityCommand(CLI::App& app);
void AddGeCommand(CLI::App& app);
void AddIoCommand(CLI::App& app);
void AddServeCommand(CLI::App& app);

}  // namespace tradeshock::cli
