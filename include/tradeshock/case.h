// A case: a folder holding the statistics of one question (long-CSV files), the policy scenario
// (scenario.toml) and the numeric claims made about it (claims.toml). AnalyseCase computes everything a
// brief shows, as plain result structs with their provenance; the report module renders them
// (report.h) and CaseAnalysisToJson gives them to machines. Layout: docs/FORMATS.md, "Case folders".
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "tradeshock/claims.h"
#include "tradeshock/indicators.h"
#include "tradeshock/io.h"
#include "tradeshock/nowcast.h"
#include "tradeshock/period.h"
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
// one), scenario and claims, then completes the table by `mirror` (AddMirrorImports).
Case LoadCase(const std::filesystem::path& dir, const Reference& reference, const ReadOptions& options = {},
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

struct CaseAnalysisOptions {
  std::string currency = "USD";  // every value of the analysis is converted into it
  // Period of the description and the exposure. Unset: the last calendar year before the first policy's
  // `from` date for which the exporter's total trade is in the data.
  std::optional<Period> base_period;
};

// ---------------------------------------------------------------------------------------------------
// Beyond the direct loss: the scenario's [models] (scenario.h) computed next to the exposure.

// Exporter side of the PE ban mode (docs/METHODS.md, P8-P9), all policies together: can the exporter
// sell what it lost elsewhere?
struct PeExporterSide {
  double direct_loss = 0.0;        // the exposure's at-risk value (base period, analysis currency)
  double other_markets = 0.0;      // X_o: the exporter's sales to the markets left open
  std::string other_markets_from;  // how X_o was obtained, in words
  double redirected = 0.0;         // extra sales elsewhere, at the old prices
  double redirected_share = 0.0;   // redirected / direct_loss
  double net_loss = 0.0;           // direct_loss - redirected (the unplaced sales)
  // The loss of sales revenue when the lower price on all sales in the other markets is counted too:
  // (X_o + L) - X_o p^(1 - rho). Equals net_loss only when the price does not move.
  double revenue_loss = 0.0;
  double exporter_price_change_pct = 0.0;  // the exporter's price in its other markets
  // The redirected share as the other markets grow without bound: rho / (kappa + rho), an upper bound.
  double redirected_share_limit = 0.0;
  // The redirected share with half the other markets, to show how much the result leans on X_o.
  double redirected_share_half_markets = 0.0;
};

// Importer side of the PE ban mode for one policy (P6-P7): what the importer buys from others instead.
struct PeImporterSide {
  std::string policy;
  std::string importer;
  double importer_imports = 0.0;  // the importer's imports of the covered products from all suppliers
  std::string importer_imports_from;
  double banned_imports = 0.0;          // the stopped flow
  double substitution_by_others = 0.0;  // extra imports from other suppliers
  double importer_net_change = 0.0;     // -banned_imports + substitution_by_others
  double import_price_index_change_pct = 0.0;
  bool substitution_modelled = true;
  double tariff_revenue_lost = 0.0;  // tariff_before x banned imports
};

struct PeAnalysis {
  std::string currency;                    // of every amount below (the analysis currency)
  std::vector<ModelParameter> parameters;  // every elasticity and tariff used, with its source
  std::optional<PeExporterSide> exporter_side;
  std::vector<PeImporterSide> importer_side;
  std::vector<std::string> assumptions;   // stated in plain words with the results
  std::vector<std::string> not_computed;  // what was not computed and why
  std::vector<RateUsed> rates;
};

// One economy (or the aggregate of the third countries) in the GE counterfactual.
struct GeChange {
  std::string role;                      // "exporter", "imposing partner", "third country", "third countries"
  std::string economy;                   // panel code; "third countries (N)" for the aggregate
  double exports_change_cdl_pct = 0.0;   // exports to other economies, conditional equilibrium
  double exports_change_full_pct = 0.0;  // full endowment
  double real_income_change_pct = 0.0;   // real GDP, full endowment (output-weighted for the aggregate)
  double welfare_change_pct = 0.0;
};

struct GeAnalysis {
  std::string panel;  // the panel file as written in the scenario
  std::string label;
  std::size_t economies = 0;          // in the panel
  std::string exporter;               // the panel economy that is banned (the scenario's, or its stand-in)
  bool illustration = false;          // true when a stand-in economy replaces the scenario's exporter
  std::vector<std::string> imposing;  // panel economies that impose the policies
  std::vector<ModelParameter> parameters;
  std::string reference;
  std::vector<GeChange> changes;  // exporter, imposing partners, third countries (aggregate first, then the
                                  // three largest gains and losses in real income)
  int iterations_conditional = 0;
  int iterations_full = 0;
  double final_change_full = 0.0;
  std::vector<std::string> assumptions;
};

struct BeyondDirectLoss {
  std::vector<std::string> case_notes;  // the scenario's [models] notes: what the case assumes
  std::optional<PeAnalysis> pe;
  std::optional<GeAnalysis> ge;
  std::vector<std::string> not_computed;  // models asked for but not computed, and why
};

// Everything a brief states, computed from the case's data.
struct CaseAnalysis {
  std::string title;        // the scenario's title, else the folder name
  std::string description;  // the scenario's description
  std::vector<std::string> input_files;  // as given, relative to the case folder's parent when possible
  std::string exporter;     // the scenario's exporter (policies' `on`)
  std::string currency;
  Period base_period = Period::Year(2000);
  // The flow of the partner shares, their concentration and the largest partner: total trade when the data
  // give the exporter's imports too, else its exports (with a note saying so).
  Flow partner_flow = Flow::kTrade;

  // The exporter's trade (or exports, see partner_flow) by partner in the base period, its concentration and
  // its largest partner.
  ShareResult partner_shares;
  Concentration partner_concentration;
  Dependence largest_partner;
  // The exporter's exports by product in the base period, when the data itemise products.
  std::optional<ShareResult> product_shares;
  // When the data itemise products but give no real total of the exporter's exports to take shares of
  // (a WLD total summed from partial partner rows would give shares far above 100%): the product values
  // alone, shares left at 0, with a note. product_shares is then unset.
  std::optional<ShareResult> product_values;

  ExposureResult exposure;                 // the scenario's policies applied to the base period
  std::optional<NowcastResult> nowcast;    // when the scenario names a [nowcast] target
  std::optional<ClaimsReport> claims;      // when the case has claims; projections use the nowcast
  // The scenario's [models] (when it has any): PE redirection and net loss, GE changes.
  std::optional<BeyondDirectLoss> beyond;

  std::vector<RateUsed> rates;      // every FX rate used anywhere above, without repeats
  std::vector<std::string> notes;   // what was missing, what stood in for what, in plain words
};

// Computes the scenario's [models] for an analysis whose exposure is done (AnalyseCase calls it). Throws
// InputException located in the GE panel file for a malformed panel, Error when the panel lacks an
// economy the scenario needs.
BeyondDirectLoss ComputeBeyondDirectLoss(const Case& c, const Reference& reference, const CaseAnalysis& analysis);

// Throws Error when the case has no scenario or the exporter's data for the base period are missing.
CaseAnalysis AnalyseCase(const Case& c, const Reference& reference, const CaseAnalysisOptions& options = {});

// The economies (or groups) imposing the scenario's policies, in order of first appearance.
std::vector<std::string> ImposingPartners(const CaseAnalysis& analysis);

// Checks the case's claims (nullopt when it has none). Projected claims are answered by the nowcast of the
// scenario's [nowcast] target when there is one (NowcastProjectionSource), else they are not checkable.
std::optional<ClaimsReport> CheckCaseClaims(const Case& c, const Reference& reference,
                                            const CaseAnalysisOptions& options = {});

// Projections from a year-to-date nowcast. Project answers a selection whose reporter, partner, flow and
// product are the nowcast target's (after resolving codes) and whose period is the target's calendar year;
// central, low and high are the full-year estimates WITH the scenario's policies. The nowcast is computed
// in the currency the checker asks for (options.currency; the target's own currency when empty), once
// per currency.
class NowcastProjectionSource : public ProjectionSource {
 public:
  NowcastProjectionSource(const TradeTable& table, const Reference& reference, NowcastRequest request);
  std::optional<Projection> Project(const Selection& selection, const IndicatorOptions& options) override;

 private:
  const NowcastResult& NowcastIn(const std::string& currency);
  const TradeTable& table_;
  const Reference& reference_;
  NowcastRequest request_;
  std::map<std::string, NowcastResult> by_currency_;
};

// Machine-readable forms (nlohmann::json), with every number's provenance: the table rows used (index and
// source text) and the FX rates. The table is needed to name the rows' sources.
nlohmann::json ToJson(const ExposureResult& exposure, const TradeTable& table);
nlohmann::json ToJson(const NowcastResult& nowcast, const TradeTable& table);
nlohmann::json ToJson(const ClaimsReport& claims, const TradeTable& table);
nlohmann::json ToJson(const ShareResult& shares, const TradeTable& table);
nlohmann::json ToJson(const BeyondDirectLoss& beyond);
nlohmann::json CaseAnalysisToJson(const CaseAnalysis& analysis, const TradeTable& table);

}  // namespace tradeshock
