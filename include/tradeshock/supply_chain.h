// Exposure through supply chains: measures on a multi-regional input-output table (tradeshock/io_table.h).
// Formulas and references in docs/METHODS.md, "Through supply chains". Every value is in the table's unit
// (WIOD: millions of current US dollars); every share names its numerator and denominator. An economy or
// industry the table does not have is an Error naming the ones it has, never a 0.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tradeshock/io_table.h"

namespace tradeshock {

struct SupplyChainOptions {
  // A sector whose gross output is at most this (in the table's unit) is idle: its column of technical
  // coefficients and its value-added coefficient are 0 (A = Z diag(x)^-1 is undefined there). WIOD 2013 has
  // 22 idle sectors in 2011, all with zero output. LeontiefModel::idle_sectors() counts them.
  double min_output = 0.0;

  static SupplyChainOptions Defaults();
  // Throws Error: "supply_chain: SupplyChainOptions::min_output must be a number >= 0, got -1".
  void Validate() const;
};

// Technical coefficients A = Z diag(x)^-1, value-added coefficients v = (x - column sums of Z) / x, and the
// Leontief inverse L = (I - A)^-1 by dense LU with partial pivoting (Eigen). The table must outlive the model.
class LeontiefModel {
 public:
  // Throws Error when I - A is singular (a column of A summing to 1 or more: no value added).
  static LeontiefModel Build(const IoTable& table, const SupplyChainOptions& options = SupplyChainOptions::Defaults());

  const IoTable& table() const { return *table_; }
  const Eigen::MatrixXd& coefficients() const { return a_; }
  const Eigen::MatrixXd& inverse() const { return l_; }
  const Eigen::VectorXd& value_added_coefficients() const { return v_; }
  std::size_t idle_sectors() const { return idle_; }
  // max |L (I - A) - I|: how far the inverse is from exact (tests assert 1e-9).
  double InverseResidual() const;
  // The index of `code` in the table; throws Error "supply_chain: no economy 'XX' in the table (AUS, ...)".
  std::size_t Economy(const std::string& code) const;
  std::size_t Industry(const std::string& code) const;

 private:
  const IoTable* table_ = nullptr;
  Eigen::MatrixXd a_;
  Eigen::MatrixXd l_;
  Eigen::VectorXd v_;
  std::size_t idle_ = 0;
};

// Value added of one origin economy in a total; `share` is value_added over the total the result names.
struct OriginValueAdded {
  std::string origin;
  double value_added = 0.0;
  std::optional<double> share;  // nullopt when the denominator is 0
};

// TiVA's FDVA: value added of each origin embodied in a destination's final demand,
// VA(s -> d) = sum over s's sectors i of v_i (L y_d)_i, y_d the destination's final demand (all categories,
// products of every origin). Shares: numerator VA(s -> d), denominator the destination's final demand.
struct FinalDemandOptions {
  std::string destination;           // an economy of the table
  std::vector<std::string> origins;  // the origins listed, in this order; empty: every economy

  static FinalDemandOptions Defaults();
  // Throws Error: "supply_chain: FinalDemandOptions::destination must name an economy, got ''".
  void Validate() const;
};
struct FinalDemandValueAdded {
  std::string destination;
  std::string unit;
  double final_demand = 0.0;              // the shares' denominator
  std::vector<OriginValueAdded> origins;  // the options' origins, or every economy largest value added first
  // final_demand - sum of value added: the destination's final demand for products of idle sectors (no output,
  // so no value added to carry; in WIOD a rounding artefact of a few millions, e.g. -2 for LUX 2011), else 0 up
  // to rounding (the identity v'L = 1').
  double unattributed = 0.0;
};
FinalDemandValueAdded ValueAddedInFinalDemand(const LeontiefModel& model, const FinalDemandOptions& options);

// Value added in gross exports, split as Koopman, Wang and Wei (2014) do at their first level with the global
// inverse: domestic content v_s L_ss e_s (their DVA + RDV + domestic double counting) and foreign content
// sum over t != s of v_t L_ts e_s (their FVA + foreign double counting, the VS of Hummels, Ishii and Yi 2001).
// e_s: the exporter's sales of intermediates and final goods to other economies (or to `importer` only). The
// double-counted terms are not separated out. Shares: numerator the content, denominator gross exports.
struct ExportContentOptions {
  std::string exporter;
  std::string importer;  // empty: exports to every other economy

  static ExportContentOptions Defaults();
  // Throws Error for an empty exporter and for importer == exporter.
  void Validate() const;
};
struct ExportValueAdded {
  std::string exporter;
  std::string importer;  // empty: all other economies
  std::string unit;
  double gross_exports = 0.0;
  double domestic = 0.0;
  double foreign = 0.0;
  std::optional<double> domestic_share;             // domestic / gross exports
  std::optional<double> foreign_share;              // foreign / gross exports
  std::vector<OriginValueAdded> foreign_by_origin;  // each t != s, largest first; shares of gross exports
};
ExportValueAdded ValueAddedInExports(const LeontiefModel& model, const ExportContentOptions& options);

// The third countries whose exports to an importer carry an origin's value added: for each exporter t other
// than the origin s and the importer r, VA(s in e_tr) = sum over s's sectors i of v_i (L e_tr)_i, the part of
// ValueAddedInExports({t, r})'s foreign content that comes from s. Shares: numerator that value added,
// denominator t's gross exports to r. Beside it, s's own gross exports to r (the direct view).
struct CarrierOptions {
  std::string origin;
  std::string importer;
  std::size_t top = 10;  // carriers listed, the most value added first; 0: all

  static CarrierOptions Defaults();
  void Validate() const;
};
struct Carrier {
  std::string exporter;
  double gross_exports = 0.0;  // to the importer
  double value_added = 0.0;    // the origin's, embodied in them
  std::optional<double> share;
};
struct CarrierResult {
  std::string origin;
  std::string importer;
  std::string unit;
  double direct_exports = 0.0;     // the origin's own gross exports to the importer
  double through_third = 0.0;      // the origin's value added in every third country's exports to the importer
  std::vector<Carrier> carriers;   // the `top` ones
  std::size_t carriers_total = 0;  // before `top`
};
CarrierResult ThirdCountryCarriers(const LeontiefModel& model, const CarrierOptions& options);

// Each industry's input dependence on an origin economy t, per unit of the industry's output (direct) or of
// final demand for it (total): direct = sum over t's sectors i of A_ij; total = sum over i in t of L_ij (j is
// never in t: the origin's own industries are not listed); value_added_share = sum over i in t of v_i L_ij, the share
// of t's value added in the value of j's final product (numerator t's value added, denominator the product's
// value; over all origins it sums to 1).
struct DependenceOptions {
  std::string origin;
  std::string economy;  // the industries of this economy; empty: every industry outside the origin
  std::size_t top = 0;  // the most dependent (by total) first; 0: every industry

  static DependenceOptions Defaults();
  void Validate() const;
};
struct IndustryDependence {
  std::string economy;
  std::string industry;
  double output = 0.0;  // the industry's gross output, for weight
  double direct = 0.0;
  double total = 0.0;
  double value_added_share = 0.0;
};
struct DependenceResult {
  std::string origin;
  std::string economy;
  std::vector<IndustryDependence> industries;  // largest total first
  std::size_t industries_total = 0;            // before `top`
  std::size_t idle_skipped = 0;                // industries without output, not listed
};
DependenceResult InputDependence(const LeontiefModel& model, const DependenceOptions& options);

// Hypothetical extraction (Dietzenbacher and Lahr 2013; Los, Timmer and de Vries 2016): the importer's
// purchases from the exporter stop, for all the exporter's industries or the listed ones: the importer's
// intermediate purchases (A_sr set to 0) and its final demand for them (y_sr set to 0). Demand-driven and
// without substitution: no other supplier replaces them, coefficients and all other final demand stay.
// Loss = L f - L* f*, output in every sector; value-added loss = v times the output loss.
struct ExtractionOptions {
  std::string importer;
  std::string exporter;
  std::vector<std::string> industries;  // the exporter's industries whose sales stop; empty: all (or `products`)
  // HS codes (2, 4 or 6 digits) whose industries stop instead, through the HS -> ISIC Rev. 3 concordance
  // (MapProductsToWiod2013; WIOD 2013 tables only). Each mapped industry's sales stop whole (times stop_share).
  std::vector<std::string> products;
  std::string concordance;  // the concordance file; empty: data/io/concordance-hs-isic3/hs_isic3.csv
  // The fraction of the chosen purchases that stops, in (0, 1]: 1 stops them all; a caller who knows the banned
  // products' share of the industries' sales to the importer passes it here.
  double stop_share = 1.0;
  bool intermediate = true;  // stop the importer's industries' purchases
  bool final = true;         // stop the importer's final demand for them
  std::size_t top = 10;      // sectors listed, largest value-added loss first; 0: all

  static ExtractionOptions Defaults();
  // Throws Error: empty codes, importer == exporter, neither intermediate nor final.
  void Validate() const;
};
struct EconomyLoss {
  std::string economy;
  double output = 0.0;  // before, L f
  double output_loss = 0.0;
  double value_added = 0.0;  // before
  double value_added_loss = 0.0;
  std::optional<double> value_added_loss_share;  // loss over the economy's value added before
};
struct SectorLoss {
  std::string economy;
  std::string industry;
  double output_loss = 0.0;
  double value_added_loss = 0.0;
};
struct ExtractionResult {
  ExtractionOptions options;
  std::vector<std::string> industries_stopped;     // the exporter's industries whose sales to the importer stop
  std::vector<std::size_t> products_per_industry;  // with `products`: HS 6-digit codes mapped to each of them
  std::vector<std::string> products_unmapped;      // with `products`: HS 6-digit codes that map to no industry
  std::string unit;
  double purchases_stopped = 0.0;  // the direct flows removed: sum of Z_sr and y_sr
  double world_value_added_loss = 0.0;
  std::vector<EconomyLoss> economies;  // every economy, largest value-added loss first
  std::vector<SectorLoss> sectors;     // the `top` sectors
  std::size_t sectors_total = 0;
};
ExtractionResult HypotheticalExtraction(const LeontiefModel& model, const ExtractionOptions& options);

// HS products to the WIOD 2013 release's industries (c1 ... c35): each HS 6-digit code that starts with one of
// `hs_codes` maps through the WITS HS -> ISIC Rev. 3 concordance to a 4-digit ISIC class, whose division maps
// to a WIOD industry. Throws Error for a code that is not 2, 4 or 6 digits or matches no HS code of the
// concordance, InputException for a fault in the file.
struct ProductIndustries {
  std::vector<std::string> industries;  // c-codes, in table order
  std::vector<std::size_t> hs6_counts;  // HS 6-digit codes mapped to each
  std::vector<std::string> unmapped;    // HS 6-digit codes whose ISIC class has no WIOD industry (9999)
};
ProductIndustries MapProductsToWiod2013(const std::vector<std::string>& hs_codes, const std::string& concordance);
// data/io/concordance-hs-isic3/hs_isic3.csv under the data folder (TRADESHOCK_DATA_DIR, else the build's).
std::string DefaultHsIsic3Concordance();

// The one entry point of the front ends (`tradeshock io`, and later the server and Python): reads the table,
// builds the model and computes one measure.
enum class SupplyChainMeasure { kFinalDemand, kExports, kDependence, kExtraction, kCarriers };
// "fdva", "fva", "dependence", "extraction", "carriers"
std::string_view ToString(SupplyChainMeasure measure);
std::optional<SupplyChainMeasure> ParseSupplyChainMeasure(std::string_view text);

struct SupplyChainRequest {
  std::string table;  // the table's file (plain or gzip; "-" is stdin)
  IoReadOptions read = IoReadOptions::Defaults();
  SupplyChainOptions model = SupplyChainOptions::Defaults();
  SupplyChainMeasure measure = SupplyChainMeasure::kFinalDemand;
  FinalDemandOptions final_demand = FinalDemandOptions::Defaults();
  ExportContentOptions exports = ExportContentOptions::Defaults();
  DependenceOptions dependence = DependenceOptions::Defaults();
  ExtractionOptions extraction = ExtractionOptions::Defaults();
  CarrierOptions carriers = CarrierOptions::Defaults();
};
struct SupplyChainReport {
  std::string table;
  IoLayout layout = IoLayout::kAuto;
  std::string unit;
  std::size_t economies = 0;
  std::size_t industries = 0;
  std::size_t idle_sectors = 0;
  SupplyChainMeasure measure = SupplyChainMeasure::kFinalDemand;
  std::optional<FinalDemandValueAdded> final_demand;  // the one for `measure` is set
  std::optional<ExportValueAdded> exports;
  std::optional<DependenceResult> dependence;
  std::optional<ExtractionResult> extraction;
  std::optional<CarrierResult> carriers;
};
// Throws InputException for a fault in the table, Error for options and codes the table does not have.
SupplyChainReport RunSupplyChain(const SupplyChainRequest& request);

}  // namespace tradeshock
