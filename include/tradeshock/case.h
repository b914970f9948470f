// A case: a folder holding the statistics of one question (long-CSV files), the policy scenario
// (scenario.toml) and the numeric claims made about it (claims.toml), loaded into one table with its
// scenario and claims. What is computed from a loaded case is in case_analysis.h; its JSON form in
// result_json.h. Layout: docs/FORMATS.md, "Case folders".
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tradeshock/claims.h"
#include "tradeshock/io.h"
#include "tradeshock/reference.h"
#include "tradeshock/scenario.h"
#include "tradeshock/trade_table.h"

namespace tradeshock {

// The files of a case folder. Data files are the folder's *.csv files in name order; scenario.toml and
// claims.toml are optional. A BACI release's country_codes_V*.csv is not data: it is the code list of the
// folder's BACI files (with several, the highest name, as the BACI reader picks them). Throws Error naming the
// folder when it does not exist or holds no data file.
struct CaseFiles {
  std::filesystem::path dir;
  std::vector<std::filesystem::path> data;
  std::optional<std::filesystem::path> scenario;
  std::optional<std::filesystem::path> claims;
  std::optional<std::filesystem::path> baci_codes;
};
CaseFiles FindCaseFiles(const std::filesystem::path& dir);

// Whether a table that holds only exports gets imports derived from its partners' exports ("mirror" flows)
// so that total trade (exports + imports) is known. kAuto derives them when every data file was read as
// BACI, whose rows are one reconciled value per flow (exporter i to importer j), so i's exports to j are j's
// imports from i; kOn derives them for any table of exports only; kOff never.
enum class MirrorImports { kAuto, kOn, kOff };

// A loaded case: one table from all data files, the parsed scenario and claims (located errors on bad
// input, as ReadTrade, ReadScenarioFile and ReadClaimsFile throw them).
struct Case {
  CaseFiles files;
  TradeTable table;
  std::optional<Scenario> scenario;
  std::optional<ClaimsFile> claims;
  std::vector<ReadReport::FileReport> read;  // each data file's format and rows, as read
  // Set when imports were derived from mirror exports (AddMirrorImports): rows from this index on are the
  // derived imports; each mirrors the exports row with reporter and partner swapped.
  std::optional<std::size_t> mirror_rows_begin;
  std::vector<std::string> notes;  // how the data were completed (derived imports), in plain words
};
// Reads the folder's data files (with its country_codes_V*.csv as the BACI code list unless options name
// one), scenario and claims, then completes the table by `mirror` (AddMirrorImports). Unless
// options.allow_outside_case, a file of the folder that resolves (after symbolic links) outside it, and a
// scenario's panel outside it, are InputException kIo naming the path and --allow-outside-case.
Case LoadCase(const std::filesystem::path& dir, const Reference& reference, const ReadOptions& options = {},
              MirrorImports mirror = MirrorImports::kAuto);

// Where a front end's case comes from (`tradeshock scenario`, the Python package's scenario(), `tradeshock serve`'s
// inputs): one case folder, or loose trade files, or a table read before; with a scenario and a claims file that
// may replace the folder's.
struct CaseSource {
  // One case folder (read as LoadCase reads it), or trade files read as one table (a folder among several is an
  // Error: "'X' is a folder: give one case folder, or trade files").
  std::vector<std::string> paths;
  // Or, with `paths` empty, a table read before (copied; its files() are the case's data files) and how its
  // files were read (may be null).
  const TradeTable* table = nullptr;
  const ReadReport* read = nullptr;
  std::string scenario;  // a scenario file read instead of the folder's scenario.toml; empty: the folder's, if any
  std::string claims;    // a claims file read instead of the folder's claims.toml; empty: the folder's, if any
  // `paths` must be one case folder (brief): anything else gets LoadCase's message ("case folder 'X' does not
  // exist", "'X' is not a case folder").
  bool folder_only = false;
};
// Loads the case, reads source.scenario (checked against the table: CheckScenarioAgainstTable) and
// source.claims, then completes the table by `mirror` (AddMirrorImports, after the scenario and claims: they
// name whose imports are needed). Throws as LoadCase, ReadTradeFiles, ReadScenarioFile and ReadClaimsFile do.
Case LoadCaseFrom(const CaseSource& source, const Reference& reference, const ReadOptions& options = {},
                  MirrorImports mirror = MirrorImports::kAuto);

// Derives imports from exports when `mode` asks for it and the table holds exports only: an exports row
// (i -> j, product k, period t) gets an imports row (j <- i, k, t) with the same value, currency and
// quantity (WithMirrorImports). Only the imports of the economies the case is about are derived (the
// scenario's exporters and imposing partners, the nowcast's reporters, the claims' reporters), which keeps
// a 10-million-row BACI table from doubling; every economy's when the case has no scenario and no claims.
// Records the derivation in c.notes and c.mirror_rows_begin. Returns whether rows were added; does nothing
// when the table already has imports (or total trade) rows, or when imports were derived before.
bool AddMirrorImports(Case& c, const Reference& reference, MirrorImports mode);
// The table alone: the same rows in the same order, then the mirror imports grouped by their reporter (in
// the order of the exports rows they mirror). `importers` limits the derived rows to the imports of these
// economies (canonical codes; groups stand for their members); empty: every economy's. Rows whose reporter
// or partner is the world or a group are not mirrored. Throws Error when the table holds a row of another
// flow than exports.
TradeTable WithMirrorImports(const TradeTable& table, const Reference& reference,
                             const std::vector<std::string>& importers = {});

// A value of a nowcast target's own flow a year before a year-to-date period, implied by two claims of the
// case: a growth claim and the value claim whose figure it describes (refers_to). "More than 90 million USD
// ... down 10% on a year earlier" gives 90 / (1 - 10%) = 100 million USD a year earlier. It is the article's
// arithmetic, not data: the nowcast that uses it says so (docs/METHODS.md, "Nowcast").
struct ImpliedValue {
  Selection selection;  // the flow, canonical codes; period: the growth's base
  double value = 0.0;
  std::string currency;
  std::string value_claim;  // ids
  std::string growth_claim;
  std::string explanation;  // the sentence above with the numbers, also the row's source
};
// Pairs of claims of `target`'s flow (reporter, one partner, one flow, one product) whose period lies in or
// before the target's year: each growth claim with a percent figure that refers_to a value claim with a
// currency gives one ImpliedValue. A comparison ("more than") is read at its figure and named.
std::vector<ImpliedValue> ImpliedHistory(const ClaimsFile& claims, const Selection& target, const Reference& reference);
// The values whose key (over the same months, in any period form) the table does not hold already.
std::vector<ImpliedValue> NotInTable(const TradeTable& table, std::vector<ImpliedValue> values);
// A copy of the table (its columns copied whole, ids kept) with one row per value after the table's rows
// (source: its explanation; quantity not known). `values` must not repeat a key of the table (NotInTable).
TradeTable WithImpliedRows(const TradeTable& table, const std::vector<ImpliedValue>& values);

}  // namespace tradeshock
