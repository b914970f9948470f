#include "case_options.h"

#include <fmt/format.h>

#include "tradeshock/error.h"

namespace tradeshock::cli {

void AddCaseDataFlags(CLI::App& command, CaseDataFlags& flags) {
  command
      .add_option("--mirror-imports", flags.mirror_imports,
                  "imports from partners' exports for a table of exports only: auto (BACI files), on, off")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  command.add_flag("--timings", flags.timings, "report the wall time of reading, analysing and writing on stderr");
}

MirrorImports ParseMirrorImports(const std::string& text) {
  if (text == "on") return MirrorImports::kOn;
  if (text == "off") return MirrorImports::kOff;
  return MirrorImports::kAuto;
}

Period ParsePeriodFlag(const std::string& text, std::string_view flag) {
  const auto period = Period::Parse(text);
  if (!period) {
    throw Error(fmt::format("bad {} '{}': expected YYYY, YYYY-MM or YYYY-MM..YYYY-MM", flag, Printable(text)));
  }
  return *period;
}

}  // namespace tradeshock::cli
