// Options shared by the case commands (scenario, brief): how a table of exports only is completed
// (--mirror-imports) and --timings, which reports the wall time of each stage on stderr (StageTimer).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "stage_timer.h"
#include "tradeshock/case.h"

namespace tradeshock::cli {

struct CaseDataFlags {
  std::string mirror_imports = "auto";
  bool timings = false;
};
void AddCaseDataFlags(CLI::App& command, CaseDataFlags& flags);
MirrorImports ParseMirrorImports(const std::string& text);

}  // namespace tradeshock::cli
