// Options shared by the case commands (scenario, brief) and the parsing of a period flag: how a table of exports only
// is completed
// (--mirror-imports) and --timings, which reports the wall time of each stage on stderr (StageTimer).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

#include "stage_timer.h"
#include "tradeshock/case.h"
#include "tradeshock/period.h"

namespace tradeshock::cli {

struct CaseDataFlags {
  std::string mirror_imports = "auto";
  bool timings = false;
};
void AddCaseDataFlags(CLI::App& command, CaseDataFlags& flags);
MirrorImports ParseMirrorImports(const std::string& text);
// A period flag's value ("2020", "2021-03", "2021-01..2021-05"); throws Error naming the flag otherwise.
Period ParsePeriodFlag(const std::string& text, std::string_view flag);

}  // namespace tradeshock::cli
