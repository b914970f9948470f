// Helpers shared by the subcommands: reading options, number formatting, aligned tables, and writing the
// result to stdout or atomically to --out.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tradeshock/io.h"
#include "tradeshock/reference.h"
#include "tradeshock/report.h"
#include "tradeshock/trade_table.h"

namespace tradeshock::cli {

// Input options common to the commands that read trade files.
struct InputFlags {
  std::vector<std::string> files;
  std::string format = "auto";
  bool lenient = false;
  bool sum_duplicates = false;
  std::string baci_codes;
  std::int64_t max_inflated_bytes = 0;  // ReadOptions::max_inflated_bytes (0: the default rule)
  bool allow_outside_case = false;      // ReadOptions::allow_outside_case (case commands only)
};
void AddInputFlags(CLI::App& command, InputFlags& flags);
// --max-inflated-bytes N (64MiB, 2G ...), declared once for every command that reads trade files.
void AddMaxInflatedBytesOption(CLI::App& command, std::int64_t& max_inflated_bytes);

// Refuses a value written with a minus sign (a size), before a transform could wrap it to a huge number.
const CLI::Validator& NotNegative();
// --allow-outside-case, declared once for the case commands (scenario, brief, claims).
void AddAllowOutsideCaseFlag(CLI::App& command, bool& allow_outside_case);
// --baci-codes FILE, declared once for every command that reads BACI files (AddInputFlags, scenario, brief).
void AddBaciCodesOption(CLI::App& command, std::string& baci_codes);
// --currency CODE, declared once for the case commands (scenario, brief, claims): the code is put in
// capitals here; whether it is a currency is the library's check (CaseAnalysisOptions::Validate).
void AddCurrencyOption(CLI::App& command, std::string& currency, const std::string& help);
// Reads the files; shows progress on stderr when it is a terminal; reports skipped rows (lenient) on stderr.
TradeTable ReadInput(const InputFlags& flags, const Reference& reference, ReadReport* report = nullptr);

using tradeshock::WithSeparators;  // 1234567.891 -> "1,234,567.9" (tradeshock/report.h)
// 0.51352 -> "51.4%"
std::string Percent(double ratio, int decimals = 1);

// A text table with aligned columns: left-aligned text, right-aligned numbers (per column).
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, std::vector<bool> right_aligned);
  void AddRow(std::vector<std::string> cells);
  std::string Render(std::string_view indent = "  ") const;

 private:
  std::vector<std::vector<std::string>> rows_;
  std::vector<bool> right_aligned_;
};

// One CSV field, quoted when needed.
std::string CsvField(std::string_view text);

// Writes to --out atomically when `out` is set, else to stdout.
void Emit(const std::string& out, const std::string& content);
// A note for the user on stderr (never mixed into stdout's machine-readable output).
void Note(std::string_view text);

}  // namespace tradeshock::cli
