// Policy scenarios: what a partner does to an economy's exports (a ban or a tariff), read from a TOML
// scenario file (format: docs/FORMATS.md, "Scenario files"), and the exposure it creates: the value and
// share of the exporter's exports and total trade at risk, by product and partner, and the partner
// concentration before and after. Methods: docs/METHODS.md, "Scenarios and nowcast".
#pragma once

#include <compare>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tradeshock/error.h"
#include "tradeshock/flow.h"
#include "tradeshock/indicators.h"
#include "tradeshock/io.h"  // ReadOptions: allow_outside_case
#include "tradeshock/period.h"
#include "tradeshock/reference.h"
#include "tradeshock/trade_table.h"

namespace tradeshock {

// A calendar day (proleptic Gregorian), for policy effective dates.
struct Date {
  int year = 2000;
  int month = 1;  // 1..12
  int day = 1;    // 1..DaysInMonth(year, month)

  // Accepts YYYY-MM-DD only, with a valid day; years 1000..2999.
  static std::optional<Date> Parse(std::string_view text);
  static int DaysInMonth(int year, int month);
  // The month the date falls in, as a Period of kind kMonth.
  Period MonthPeriod() const { return Period::Month(year, month); }
  std::string ToString() const;  // "2021-07-15"
  // The day halfway from this one to `later` (rounded down): the central reading of a date range.
  Date Midpoint(const Date& later) const;
  auto operator<=>(const Date&) const = default;
};

enum class PolicyKind { kBan, kTariff };
std::string_view ToString(PolicyKind kind);

// Where a value was written in a scenario file is a SourcePlace (tradeshock/error.h): 1-based; 0 when the
// scenario was built in code.

// A model parameter with where it comes from; `is_default` when the scenario file did not set it.
struct ModelParameter {
  std::string name;  // "import_demand", "substitution", ... as written in the file
  double value = 0.0;
  std::string source;
  bool is_default = true;
};

// The share of the covered flow a tariff stops, from the trade elasticity theta: the flow falls to
// ((1 + rate) / (1 + rate_before))^-theta of itself, so 1 minus that stops (docs/METHODS.md, "Tariffs").
double TariffShareStopped(double rate, double rate_before, double theta);

struct Policy {
  std::string name;  // optional in the file; defaults to "policy N" (1-based position)
  PolicyKind kind = PolicyKind::kBan;
  // Tariffs only: ad valorem rates as FRACTIONS (0.25 = 25%): the new rate and the rate on the covered
  // flow before it (default 0).
  double rate = 0.0;
  double rate_before = 0.0;
  // Tariffs only: the trade elasticity theta; by default Reference::DefaultTradeElasticity().
  ModelParameter elasticity{"elasticity", 0.0, "", true};
  // Whether `share_stopped` was written in the file. If not, a ban stops 1 and a tariff
  // TariffShareStopped(rate, rate_before, elasticity.value) (ParseScenario computes it).
  bool share_stopped_stated = false;
  std::string imposed_by;  // canonical economy or group code (USA, EU27): the importer(s)
  std::string on;          // canonical exporter code, regions included (CN-XJ)
  // Canonical product selectors: TOTAL (the file said "all"), HS codes at any level, sections or product
  // groups (CN-CLOTHING). Never empty.
  std::vector<std::string> products;
  Date from;                   // first day the policy applies
  double share_stopped = 1.0;  // 0..1 of the covered flow that stops; < 1 for detention-style enforcement
  // A policy whose date or enforcement is uncertain (a bill not yet law, a withhold-release order) gives a
  // range: `from = [earliest, latest]`, `share_stopped = [low, high]`. `from` and `share_stopped` are then
  // the ranges' midpoints (the central reading) and the nowcast's band covers both ends (MostSevere,
  // LeastSevere).
  std::optional<std::pair<Date, Date>> from_range;
  std::optional<std::pair<double, double>> share_stopped_range;
  std::string note;
  SourcePlace place;       // where the [[policy]] table starts
  SourcePlace from_place;  // where `from` is written (for "date before the data" errors)

  // Whether the exports of `reporter` to `partner` in HS code or selector `product` are covered:
  // reporter == on, partner is imposed_by or one of its members, and one of `products` covers `product`
  // (TOTAL is covered only by TOTAL).
  bool Covers(const Reference& reference, std::string_view reporter, std::string_view partner,
              std::string_view product) const;

  bool HasRange() const { return from_range.has_value() || share_stopped_range.has_value(); }
  // The policy read at the ends of its ranges: from the earliest date stopping the largest share, and from
  // the latest stopping the smallest. Without ranges, the policy itself.
  Policy MostSevere() const;
  Policy LeastSevere() const;
  // "2021-07-15", or for a range "between 2021-07-15 and 2022-06-21 (central 2022-01-01)".
  std::string FromText() const;
};

// What the policy stops and why, in one phrase for every output: "a ban stopping 100% of the covered flow",
// "a tariff of 10% (before: 0%): the covered flow falls to ((1 + 0.1) / (1 + 0))^-5.03 = 0.6191 of itself
// (trade elasticity 5.03: source), so 38.09% of it stops".
std::string DescribeEffect(const Policy& policy);

// [nowcast] settings: which flow's seasonal profile stands in for the nowcast flow. Unset fields mean
// "the nowcast flow's own": profile = { partner = "WLD", flow = "trade" } -> the exporter's total trade.
struct NowcastSettings {
  std::optional<std::string> profile_reporter;
  std::optional<std::string> profile_partner;
  std::optional<Flow> profile_flow;
  std::optional<std::string> profile_product;
  std::vector<int> profile_years;  // empty: every earlier year with data
  // Whether the case's claims may give the target flow's own history: a growth claim on a value claim of the
  // target's flow and period implies the value a year earlier (ImpliedHistory, case.h). Default true.
  bool profile_from_claims = true;
  // Year-to-date flow to nowcast (optional): { reporter, partner, flow, product, period = "2021-01..2021-05" }.
  std::optional<Selection> target;
};

// ---------------------------------------------------------------------------------------------------
// [models]: what a ban costs beyond the direct loss (docs/FORMATS.md, "Scenario files"; computed by
// AnalyseCase, include/tradeshock/case_analysis.h).

// An amount stated in the scenario file: value in units of `currency` (the unit already applied).
struct StatedAmount {
  double value = 0.0;
  std::string currency;
  std::string source;
  SourcePlace place;
};

// The exporter's sales to the markets the policies leave open, the base of the redirection (P8).
enum class OtherMarkets {
  kExports,  // the data's total of the exporter's exports less the covered flows (default)
  kTrade,    // the exporter's total trade less its trade with the imposing partners: an upper bound
  kStated,   // a stated amount
};

// [models.pe]: SMART-style partial equilibrium (include/tradeshock/pe.h), ban mode.
struct PeSettings {
  ModelParameter import_demand{"import_demand", 1.5,
                               "tradeshock default (pe.h); WITS/SMART uses product-level estimates (Kee, Nicita "
                               "& Olarreaga 2008), none of which is given here"};
  ModelParameter substitution{"substitution", 1.5, "WITS/SMART default Armington substitution elasticity"};
  ModelParameter export_supply{"export_supply", 99.0,
                               "WITS/SMART default (99 = infinitely elastic supply of the other suppliers)"};
  ModelParameter redirection{"redirection", 1.5,
                             "tradeshock default (docs/METHODS.md, P8): price elasticity of demand in the "
                             "exporter's other markets"};
  ModelParameter exporter_supply{"exporter_supply", 1.0,
                                 "tradeshock default (docs/METHODS.md, P8): the banned exporter's supply elasticity"};
  ModelParameter tariff_before{"tariff_before", 0.0, "tradeshock default: no tariff on the covered flow before"};
  OtherMarkets other_markets = OtherMarkets::kExports;
  std::optional<StatedAmount> other_markets_stated;
  // The importer's imports of the covered products from all suppliers in the base period (for what it
  // buys elsewhere); unset: taken from the data when they hold it, else the importer side is not computed.
  std::optional<StatedAmount> importer_imports;
  SourcePlace place;
};

// [models.ge]: one-sector structural gravity on a square bilateral panel (include/tradeshock/ge.h).
struct GeSettings {
  std::string panel;                 // as written
  std::filesystem::path panel_path;  // resolved against the scenario file's folder, inside it (above)
  std::string exporter_column = "exporter";
  std::string importer_column = "importer";
  std::string value_column = "trade";
  ModelParameter theta{"theta", 0.0, ""};  // trade elasticity (sigma - 1); required in the file, so no default
  std::string reference;                   // economy whose inward resistance is fixed; empty: the first
  bool additive_imbalance = false;
  // Factor on the banned flows at given prices and resistances; unset: 1 - share_stopped (0 for a full
  // ban); tariffs always (1 + rate)^-theta.
  std::optional<double> ban_cost_change;
  // A panel economy that stands in for the scenario's exporter: the result is then an illustration.
  std::optional<std::string> stand_in_exporter;
  std::string label;  // optional description of the panel (shown in the brief)
  SourcePlace place;
};

struct ModelSettings {
  std::optional<PeSettings> pe;
  std::optional<GeSettings> ge;
  // [models] notes = [...]: what the case assumes where its data are thinner than the models need, in the
  // case author's words; shown with the results.
  std::vector<std::string> notes;
  bool any() const { return pe.has_value() || ge.has_value(); }
};

struct Scenario {
  std::string file;  // as given to the parser ("<string>" for ParseScenario without a name)
  std::string title;
  std::string description;
  // Real-world facts a reader must know beside the analysis ("the bill did not become law as written"),
  // printed near the top of the brief.
  std::vector<std::string> caveats;
  std::vector<Policy> policies;  // at least one
  NowcastSettings nowcast;
  ModelSettings models;  // [models.pe], [models.ge]; both optional
};

// Parse and validate a scenario. Codes are resolved with `reference` and stored canonical. Throws
// InputException (file, line, column, value, expected) for TOML syntax errors, unknown keys, wrong types,
// impossible values (share_stopped outside 0..1, a negative rate, a rate above 1 without rate_percent, bad
// date) and unknown codes. A tariff's share_stopped is computed here unless stated (TariffShareStopped).
// The [models.ge] panel must resolve, after symbolic links, inside the folder of `file` (the case folder)
// unless options.allow_outside_case; the options are validated first (ReadOptions::Validate).
Scenario ParseScenario(std::string_view text, const Reference& reference, std::string file = "<string>",
                       const ReadOptions& options = ReadOptions::Defaults());
Scenario ReadScenarioFile(const std::filesystem::path& path, const Reference& reference,
                          const ReadOptions& options = ReadOptions::Defaults());

// Checks the scenario against the data it is applied to: a policy that starts before the table's first
// period (no data before it to compare with) is an InputException located at its `from`.
void CheckScenarioAgainstTable(const Scenario& scenario, const TradeTable& table);

// ---------------------------------------------------------------------------------------------------
// Exposure.

struct ExposureItem {
  std::string code;               // partner or product code
  double value = 0.0;             // the exporter's exports in this item (period, base currency)
  double covered = 0.0;           // of which covered by a policy
  double at_risk = 0.0;           // covered x share_stopped
  double share_of_exports = 0.0;  // at_risk / exporter's total exports (0 when unknown)
  double share_of_trade = 0.0;    // at_risk / exporter's total trade (0 when unknown)
};

struct PartnerRank {
  std::string partner;
  double value = 0.0;
  double share = 0.0;
};

// Partner concentration of one flow of the exporter (trade or exports), before and after the stopped
// value is removed from the imposing partners.
struct ConcentrationChange {
  Flow flow = Flow::kTrade;
  Concentration before;
  Concentration after;
  std::vector<PartnerRank> largest_before;  // largest first, all partners
  std::vector<PartnerRank> largest_after;
};

struct PolicyExposure {
  Policy policy;
  double covered = 0.0;  // value of the covered exports in the period
  double at_risk = 0.0;  // covered x share_stopped
  // covered x the ends of share_stopped's range, when the scenario gives one.
  std::optional<std::pair<double, double>> at_risk_range;
  std::vector<std::size_t> rows;  // the table rows `covered` adds up
  // The covered flow over the same months a year earlier (nullopt when not in the data; see notes).
  std::optional<ValueResult> year_earlier;
  std::vector<ExposureItem> by_partner;
  std::vector<ExposureItem> by_product;
};

struct ExposureResult {
  std::string exporter;
  Period period = Period::Year(2000);
  std::string currency;
  std::optional<ValueResult> exports_total;  // exporter -> WLD exports, TOTAL (nullopt when not in the data)
  std::optional<ValueResult> trade_total;    // exporter <-> WLD trade, TOTAL
  double at_risk = 0.0;                      // sum over policies
  // The sum over policies at the ends of their share_stopped ranges (each policy's central value where it
  // gives no range); nullopt when no policy gives one.
  std::optional<std::pair<double, double>> at_risk_range;
  std::optional<double> share_of_exports;  // at_risk / exports_total
  std::optional<double> share_of_trade;    // at_risk / trade_total
  std::vector<PolicyExposure> policies;
  std::vector<ExposureItem> by_partner;  // all policies, largest at_risk first
  std::vector<ExposureItem> by_product;
  std::vector<ConcentrationChange> concentration;  // for trade and for exports, when partner data exists
  std::optional<double> year_earlier_value;        // sum of the policies' year_earlier values
  std::vector<RateUsed> rates;                     // every FX rate used, without repeats
  std::vector<std::string> notes;                  // how values were obtained, what was missing
};

// How complete the table's itemisation is, which decides whether a total summed from itemised rows is a total.
enum class Itemisation {
  // A sum over products may cover only the products the source lists (the seed case lists two product
  // groups): not used as a total. A sum over partners is used unless it holds only the covered partners.
  kPartial,
  // Every flow is itemised by partner and product, as in BACI (the complete bilateral HS 6-digit matrix):
  // sums over partners and products are the totals.
  kComplete,
};

// Exposure of the scenario's exporter(s) in `period` (e.g. 2020, the last full year before the ban), in
// options.currency (the table's currency when empty and uniform). Throws Error when the covered flow has
// no data at all.
ExposureResult ComputeExposure(const TradeTable& table, const Reference& reference, const Scenario& scenario,
                               const Period& period, const IndicatorOptions& options = {},
                               Itemisation itemisation = Itemisation::kPartial);

}  // namespace tradeshock
