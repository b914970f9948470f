// Numeric claims about a case (a news article's figures) and a checker that tests them against the data.
//
// A claims file (TOML, docs/FORMATS.md, "Claims files") lists [[claim]] tables: the quoted sentence, a metric and its
// arguments, a comparison and the stated figure written as the journalist wrote it ("4.5%", "300 million
// USD"). CheckClaims computes each metric with the indicators library (indicators.h) and answers supported,
// contradicted (with the computed value and by how much) or not checkable (naming what is missing), tries the
// readings a careful reader would try when a claim is ambiguous, and reports claims that cannot all hold
// together. How checking works: docs/METHODS.md, "Checking claims". Results are plain structs; the library never
// prints.
#pragma once

#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradeshock/error.h"
#include "tradeshock/flow.h"
#include "tradeshock/indicators.h"
#include "tradeshock/period.h"
#include "tradeshock/reference.h"
#include "tradeshock/scenario.h"
#include "tradeshock/trade_table.h"

namespace tradeshock {

enum class ClaimMetric {
  kValue,            // the value of a selection
  kShare,            // value(selection) / value(denominator `of`)
  kGrowth,           // value(period) / value(base) - 1
  kProjectedValue,   // a period not (fully) in the data: from a ProjectionSource
  kProjectedGrowth,  // projected value / actual value of the base period - 1
  kCount,            // how many partners (or products) the selection has in the data
  kRank,             // the partner's (or product's) rank by value in the selection: 1 = largest
};
std::string_view ToString(ClaimMetric metric);
std::optional<ClaimMetric> ParseClaimMetric(std::string_view text);

// kNearly: "nearly X", "almost X": from 90% of X up to X (docs/FORMATS.md).
enum class ClaimComparison { kAbout, kAtLeast, kMoreThan, kLessThan, kNotMoreThan, kNearly };
std::string_view ToString(ClaimComparison comparison);
// about, at_least, more_than, less_than, not_more_than (alias at_most), nearly (alias almost).
std::optional<ClaimComparison> ParseClaimComparison(std::string_view text);

// A figure as written: "4.5%", "-70%", "21.387 billion USD", "300 million USD", "1", "US$21.4bn", "4.5 per cent",
// "21,387 million CNY", "€3 billion", "a third", "doubled".
struct StatedFigure {
  std::string text;      // as written in the file
  double number = 0.0;   // the written number: 4.5, -70, 21.387, 300
  double scale = 1.0;    // 1, 1e3, 1e6, 1e9, 1e12 ("thousand" ... "trillion")
  bool percent = false;  // the number is in percent
  std::string currency;  // ISO 4217 when written ("USD"), else empty
  int decimals = 0;      // digits after the decimal point: the stated precision
  // Plain units; when > 0 it replaces the half unit of the last digit: the precision of words ("a third":
  // 2.5 percentage points, "doubled": 10; docs/FORMATS.md).
  double tolerance = 0.0;
  // The figure in plain units: 0.045 for "4.5%", 3e8 for "300 million".
  double Value() const { return percent ? number / 100.0 : number * scale; }
  // Half a unit of the last written digit, in plain units: 0.0005 for "4.5%", 5e5 for "21.387 billion".
  double HalfUnit() const;
};
// Throws Error "expected a number with an optional unit ..." for text that is not a figure.
StatedFigure ParseStatedFigure(std::string_view text);

// An interval of the real line; bounds may be open and infinite.
struct Interval {
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
  bool low_open = true;
  bool high_open = true;
  bool Contains(double x) const;
  bool Empty() const;
  Interval Intersect(const Interval& other) const;
  // Affine image a * x + b (a != 0; a negative a swaps the bounds).
  Interval Affine(double a, double b) const;
};

// The feasible interval of a comparison against a stated value with the given half-unit (for kAbout).
Interval ClaimInterval(ClaimComparison comparison, double value, double half_unit);

// Overrides of the selection for a share's denominator (`of = { product = "TOTAL" }`): the keys it names
// replace the claim's own, every other key is the claim's (partner included). Default when the claim gives no
// `of`: product TOTAL of the same partner and flow when the claim names a product (a product's share of
// exports to that partner), else partner WLD (a partner's share).
struct SelectionOverride {
  std::optional<std::string> reporter;
  std::optional<std::vector<std::string>> partners;
  std::optional<Flow> flow;
  std::optional<std::vector<std::string>> products;
  std::optional<Period> period;
};

struct Claim {
  std::string id;
  std::string text;    // the quoted sentence
  std::string source;  // optional: where the sentence is from
  ClaimMetric metric = ClaimMetric::kValue;
  std::string reporter;
  std::vector<std::string> partners = {kWorld};  // several: their values are added ("KGZ+KAZ+RUS")
  // Readings of the flow; several when the claim is ambiguous (the first is the one the claim most likely
  // means). Empty in the file means "not said": exports and trade are tried.
  std::vector<Flow> flows;
  std::vector<std::string> products = {kTotalProduct};  // several: their values are added (two groups)
  Period period = Period::Year(2000);
  std::optional<Period> base;           // growth: default the same months a year earlier
  std::optional<SelectionOverride> of;  // share: the denominator
  std::string by = "partner";           // count and rank: "partner" or "product"
  // Readings of the currency the value is compared in; empty: the stated figure's currency, or, when the
  // figure has none, each currency of the rows used.
  std::vector<std::string> currencies;
  ClaimComparison comparison = ClaimComparison::kAbout;
  StatedFigure stated;
  // The claim is about the stated figure of another claim rather than about data: "will not exceed 300
  // million USD, which will drop by more than 70%" — the growth claim refers to the value claim.
  std::string refers_to;
  std::size_t line = 0;  // where the [[claim]] starts in the file
  // The interval the statement allows for its quantity (plain units; shares and growth as fractions).
  Interval Feasible() const;
};

// Where the claims come from (the optional [source] table): an article, a report, a speech. Any field may be
// empty (not known); the brief says "not known" for a missing link or date.
struct ClaimsSource {
  std::string outlet;  // "Global Times", "Reuters"
  std::string title;
  std::string date;  // as written: "2021-07-15", "July 2021"
  std::string url;
};

struct ClaimsFile {
  std::string file;
  std::string case_name;  // optional top-level `case`
  std::optional<ClaimsSource> source;
  std::vector<Claim> claims;
};

// A located fault in a claims file: "claims.toml:12:1: claim 'us-share': key 'comparison': got 'roughly',
// expected one of about, at_least, more_than, less_than, not_more_than, at_most".
// A TOML syntax fault has kind() kBadSyntax and reads "claims.toml:3:8: bad syntax: <what toml++ says>";
// the other faults have no kind of their own (kind() is empty).
class ClaimsFileError : public Error {
 public:
  ClaimsFileError(std::string file, std::size_t line, std::size_t column, std::string key, std::string message);
  ClaimsFileError(InputErrorKind kind, SourcePlace place, std::string message);
  const SourcePlace& place() const { return place_; }
  const std::string& file() const { return place_.file; }
  std::size_t line() const { return place_.line; }
  std::size_t column() const { return place_.column; }
  const std::string& key() const { return key_; }
  std::optional<InputErrorKind> kind() const { return kind_; }

 private:
  SourcePlace place_;
  std::string key_;
  std::optional<InputErrorKind> kind_;
};

// Parses and checks a claims file; throws ClaimsFileError (syntax, unknown keys, wrong types, bad values,
// duplicate ids, a `refers_to` naming no claim). Codes (economies, products) are resolved when checking.
ClaimsFile ParseClaims(std::string_view toml_text, const std::string& file_name);
ClaimsFile ReadClaimsFile(const std::string& path);

// A projection of a flow's value for a period the data does not (fully) cover; the nowcast implements it.
struct Projection {
  double central = 0.0;
  double low = 0.0;
  double high = 0.0;
  std::string currency;
  std::string description;               // "nowcast from January-May 2021 with the 2015-2020 profile"
  std::vector<std::string> assumptions;  // printed with the result
};
class ProjectionSource {
 public:
  virtual ~ProjectionSource() = default;
  // nullopt when it cannot project this selection.
  virtual std::optional<Projection> Project(const Selection& selection, const IndicatorOptions& options) = 0;
};

enum class ClaimStatus { kSupported, kContradicted, kNotCheckable };
std::string_view ToString(ClaimStatus status);

// What a check established, for a reader: a supported claim is split by what supports it.
enum class ClaimVerdict {
  kMatchesDataEntry,          // a value claim whose rows hold its own figure (in its currency): checks the typing
  kSupported,                 // supported by data that are not the claim's own figure
  kConsistentWithProjection,  // a projected claim within the projection, under its stated assumptions
  kContradicted,
  kNotCheckable,
};
// "matches the data entry", "supported by independent data", "consistent with the projection", "contradicted",
// "not checkable".
std::string_view ToString(ClaimVerdict verdict);

// A table row used, for provenance.
struct ClaimRow {
  std::size_t index = 0;  // into the table
  std::string source;     // the table's source text for the row, if it has a source column
};

// One side of a share: what it is ("RUS exports to USA, 27, 2021") and its value when the data give it
// (nullopt: not known, never 0).
struct ClaimTerm {
  std::string describes;
  std::optional<double> value;  // plain units, in the reading's currency
};

// One reading of a claim (one flow, one currency) and what it gave.
struct ClaimReading {
  std::string label;  // "flow exports, currency USD"
  Flow flow = Flow::kTrade;
  std::string currency;
  ClaimStatus status = ClaimStatus::kNotCheckable;
  std::optional<double> computed;  // plain units (fractions for shares and growth)
  std::optional<Projection> projection;
  std::string message;  // "computed 4.52%, within 4.45-4.55%" / "no data for ..."
  std::vector<ClaimRow> rows;
  std::vector<RateUsed> rates;
  std::vector<std::string> method;  // how values were built (ValueResult::method)
  // Shares: the numerator and the denominator, named even when the share is not checkable.
  std::optional<ClaimTerm> numerator;
  std::optional<ClaimTerm> denominator;
};

struct ClaimResult {
  std::string id;
  std::string text;
  ClaimMetric metric = ClaimMetric::kValue;
  ClaimComparison comparison = ClaimComparison::kAbout;
  std::string stated;   // as written
  StatedFigure figure;  // the stated figure as read (its text is `stated`)
  Interval interval;    // what the statement allows, plain units
  ClaimStatus status = ClaimStatus::kNotCheckable;
  ClaimVerdict verdict = ClaimVerdict::kNotCheckable;  // the status, with a supported claim split by what supports it
  std::optional<double> computed;
  std::string message;              // the used reading's message, with the reading named when there were several
  ClaimReading used;                // the reading the status comes from
  std::vector<ClaimReading> tried;  // every reading tried, the used one included
  std::vector<ClaimRow> rows;       // of the used reading
  std::vector<RateUsed> rates;      // of the used reading
  std::vector<std::string> notes;   // e.g. an implied base value
};

// What a value claim's figure means against the actual base when another claim states its change ("will
// not exceed 300 million USD, which will drop by more than 70%" on a 2020 actual of 655.8 million USD).
struct ImpliedChange {
  std::string value_claim;   // the claim stating the figure
  std::string growth_claim;  // the claim stating its change
  double figure = 0.0;       // the value claim's figure, plain units
  std::string currency;      // of the figure and the base
  Period base_period = Period::Year(2000);
  double base = 0.0;                                     // the actual of the base period
  double change = 0.0;                                   // figure / base - 1
  ClaimComparison comparison = ClaimComparison::kAbout;  // the growth claim's comparison
  StatedFigure stated_change;                            // the growth claim's figure as written
  Interval needed;  // the figures the growth claim allows on that base, plain units
};

// Claims that cannot all hold together, with the arithmetic.
struct ClaimInconsistency {
  std::vector<std::string> claim_ids;
  std::string explanation;
  std::optional<ImpliedChange> implied;  // when a growth claim refers to a value claim's figure
};

struct ClaimsReport {
  std::vector<ClaimResult> results;  // in the file's order
  std::vector<ClaimInconsistency> inconsistencies;
  std::size_t supported = 0;  // of which:
  std::size_t matches_data_entry = 0;
  std::size_t consistent_with_projection = 0;
  std::size_t contradicted = 0;
  std::size_t not_checkable = 0;
  // Supported by data that are not the claims' own figures.
  std::size_t SupportedIndependently() const { return supported - matches_data_entry - consistent_with_projection; }
};

struct ClaimCheckOptions {
  ProjectionSource* projections = nullptr;  // null: projected claims are not checkable
  double tolerance = 1e-6;                  // passed to IndicatorOptions
  // Whether a share's denominator summed from itemised rows (a WLD total from partner rows, a TOTAL from
  // product rows) is a total: kPartial (the default) makes such a share not checkable, and a value claim on
  // such a sum too (it is only a lower bound); kComplete (BACI) accepts the sum, with a note.
  Itemisation itemisation = Itemisation::kPartial;
};

ClaimsReport CheckClaims(const TradeTable& table, const Reference& reference, const ClaimsFile& claims,
                         const ClaimCheckOptions& options = {});

// The count of each verdict in words: "8 match the data entry, 2 supported by independent data, 2 consistent
// with the projection, 0 contradicted, 7 not checkable; the article's own figures disagree in 1 place".
std::string VerdictCounts(const ClaimsReport& report);

// Formats a plain-units quantity for messages: "4.52%", "655.8 million USD", "3".
std::string FormatClaimQuantity(ClaimMetric metric, double value, const std::string& currency);
// The stated figure with its comparison as a reader says it: "not more than 300 million USD" for
// comparison = "not_more_than" and stated = "300 million USD"; "more than 20%" as written; "4.5%" (about).
std::string StatedInWords(ClaimComparison comparison, const std::string& stated);
// An interval of such quantities in words: "4.45% to 4.55%", "at most 300.0 million USD", "more than 90.0
// million USD".
std::string FormatInterval(const Interval& interval, ClaimMetric metric, const std::string& currency,
                           int percent_decimals = 1);

}  // namespace tradeshock
