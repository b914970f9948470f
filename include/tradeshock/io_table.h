// Multi-regional input-output tables: the WIOD 2013 release as shipped (data/io/wiod-2013/), the WIOD 2016
// release (its R data frame written as CSV) and OECD ICIO (CSV). Layouts in docs/FORMATS.md, "Input-output
// tables". Every fault is a located InputException (file, line, column, value, expected): an unknown label,
// a sector row out of the header's order, negative intermediate use or output, a row whose output misses the
// sum of its uses by more than the stated tolerance (IoReadOptions).
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tradeshock {

enum class IoLayout { kAuto, kWiod2013, kWiod2016, kOecdIcio };
// "auto", "wiod2013", "wiod2016", "icio"
std::string_view ToString(IoLayout layout);
// The inverse of ToString; nullopt for any other text.
std::optional<IoLayout> ParseIoLayout(std::string_view text);

// One table: sectors are (economy, industry) pairs, economy-major (sector k = economy k / I, industry k % I),
// every economy with the same industries. Values in `unit` (WIOD and ICIO: millions of current US dollars).
struct IoTable {
  std::string source;  // the file name as given, for messages
  IoLayout layout = IoLayout::kAuto;
  std::string unit;
  std::vector<std::string> economies;   // AUS ... RoW, in the file's order
  std::vector<std::string> industries;  // c1 ... c35 (WIOD 2013), A01 ... U (WIOD 2016), 01T02 ... (ICIO)
  Eigen::MatrixXd intermediate;         // Z, sectors x sectors: row i sells to column j
  Eigen::MatrixXd final_demand;         // Y, sectors x economies: all final-use categories of the column's economy
  Eigen::VectorXd output;               // x, gross output of each sector (the file's GO / TOT / OUT column)

  std::size_t sectors() const { return economies.size() * industries.size(); }
  std::size_t Sector(std::size_t economy, std::size_t industry) const { return economy * industries.size() + industry; }
  std::size_t EconomyOf(std::size_t sector) const { return sector / industries.size(); }
  std::size_t IndustryOf(std::size_t sector) const { return sector % industries.size(); }
  // "CHN.c14"
  std::string SectorLabel(std::size_t sector) const;
  std::optional<std::size_t> FindEconomy(std::string_view code) const;
  std::optional<std::size_t> FindIndustry(std::string_view code) const;
  // Value added of each sector: output minus the column sum of intermediate use (taxes less subsidies on
  // products and, in WIOD 2016, the cif/fob adjustments count towards it, as in TiVA's value added at basic
  // prices plus net taxes).
  Eigen::VectorXd ValueAdded() const;
};

struct IoReadOptions {
  IoLayout layout = IoLayout::kAuto;  // kAuto: detected from the header's first field
  // Values in the file are rounded to this unit (1: whole millions, as WIOD ships them). A sector row's output
  // may then miss the sum of its intermediate and final uses by half a unit per value summed, plus
  // `relative_tolerance` of its output; more is an error (conflict) at the output column.
  double rounding = 1.0;
  double relative_tolerance = 1e-6;
  std::string unit = "millions of US dollars";
  // As ReadOptions::max_inflated_bytes: most bytes a gzip file may inflate to (0: the default rule).
  std::int64_t max_inflated_bytes = 0;

  static IoReadOptions Defaults();
  // Throws Error naming the option: "io: IoReadOptions::rounding must be a number >= 0, got -1".
  void Validate() const;
};

// Reads one table (plain or gzip; "-" is stdin). Throws InputException at the first fault, Error for options.
IoTable ReadIoTable(const std::string& path, const IoReadOptions& options = IoReadOptions::Defaults());
// The same from bytes in memory (plain or gzip); `name` is used in messages.
IoTable ReadIoTableBuffer(std::string_view bytes, const std::string& name,
                          const IoReadOptions& options = IoReadOptions::Defaults());

}  // namespace tradeshock
