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
// claims.toml are optional. Throws Error naming the folder when it does not exist or holds no data file.
struct CaseFiles {
  std::filesystem::path dir;
  std::vector<std::filesystem::path> data;
  std::optional<std::filesystem::path> scenario;
  std::optional<std::filesystem::path> claims;
};
CaseFiles FindCaseFiles(const std::filesystem::path& dir);

// A loaded case: one table from all data files, the parsed scenario and claims (located errors on bad
// input, as ReadTrade, ReadScenarioFile and ReadClaimsFile throw them).
struct Case {
  CaseFiles files;
  TradeTable table;
  std::optional<Scenario> scenario;
  std::optional<ClaimsFile> claims;
};
Case LoadCase(const std::filesystem::path& dir, const Reference& reference, const ReadOptions& options = {});

struct CaseAnalysisOptions {
  std::string currency = "USD";  // every value of the analysis is converted into it
  // Period of the description and the exposure. Unset: the last calendar year before the first policy's
  // `from` date for which the exporter's total trade is in the data.
  std::optional<Period> base_period;
};

// Everything a brief states, computed from the case's data.
struct CaseAnalysis {
  std::string title;        // the scenario's title, else the folder name
  std::string description;  // the scenario's description
  std::vector<std::string> input_files;  // as given, relative to the case folder's parent when possible
  std::string exporter;     // the scenario's exporter (policies' `on`)
  std::string currency;
  Period base_period = Period::Year(2000);

  // The exporter's trade by partner in the base period, its concentration and its largest partner.
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

  std::vector<RateUsed> rates;      // every FX rate used anywhere above, without repeats
  std::vector<std::string> notes;   // what was missing, what stood in for what, in plain words
};

// Throws Error when the case has no scenario or the exporter's data for the base period are missing.
CaseAnalysis AnalyseCase(const Case& c, const Reference& reference, const CaseAnalysisOptions& options = {});

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
nlohmann::json CaseAnalysisToJson(const CaseAnalysis& analysis, const TradeTable& table);

}  // namespace tradeshock
