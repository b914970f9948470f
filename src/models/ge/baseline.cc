// Turning long flow rows into a square baseline, and the checks every solve relies on.
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>

#include "tradeshock/error.h"
#include "tradeshock/ge.h"

namespace tradeshock::ge {

Baseline BuildBaseline(const std::vector<FlowRow>& rows) {
  if (rows.empty()) throw Error("GE baseline: no flows given");
  std::set<std::string> exporters;
  std::set<std::string> importers;
  for (const FlowRow& row : rows) {
    exporters.insert(row.exporter);
    importers.insert(row.importer);
  }
  if (exporters != importers) {
    for (const std::string& code : exporters) {
      if (!importers.contains(code)) {
        throw Error(
            fmt::format("GE baseline is not square: {} appears as exporter but never as importer; the "
                        "model needs every economy on both sides, including its internal flow",
                        code));
      }
    }
    for (const std::string& code : importers) {
      if (!exporters.contains(code)) {
        throw Error(
            fmt::format("GE baseline is not square: {} appears as importer but never as exporter; the "
                        "model needs every economy on both sides, including its internal flow",
                        code));
      }
    }
  }
  Baseline baseline;
  baseline.economies.assign(exporters.begin(), exporters.end());
  std::map<std::string, Eigen::Index> index;
  for (std::size_t i = 0; i < baseline.economies.size(); ++i) index[baseline.economies[i]] = Eigen::Index(i);
  const auto n = Eigen::Index(baseline.economies.size());
  baseline.flows = Eigen::MatrixXd::Constant(n, n, std::nan(""));
  for (const FlowRow& row : rows) {
    double& cell = baseline.flows(index[row.exporter], index[row.importer]);
    if (!std::isnan(cell)) {
      throw Error(fmt::format("GE baseline: the flow {} -> {} is given twice", row.exporter, row.importer));
    }
    cell = row.value;
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      if (std::isnan(baseline.flows(i, j))) {
        throw Error(fmt::format("GE baseline is not square: the flow {} -> {} is missing (give 0 for no trade)",
                                baseline.economies[i], baseline.economies[j]));
      }
    }
  }
  ValidateBaseline(baseline);
  return baseline;
}

void ValidateBaseline(const Baseline& baseline) {
  const Eigen::Index n = baseline.flows.rows();
  if (n == 0 || baseline.flows.cols() != n || Eigen::Index(baseline.economies.size()) != n) {
    throw Error(fmt::format("GE baseline is not square: {} economies, flow matrix {} x {}", baseline.economies.size(),
                            baseline.flows.rows(), baseline.flows.cols()));
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      const double value = baseline.flows(i, j);
      if (!std::isfinite(value) || value < 0) {
        throw Error(fmt::format("GE baseline: the flow {} -> {} is {}, expected a finite value >= 0",
                                baseline.economies[i], baseline.economies[j], value));
      }
    }
    // A zero internal flow leaves the economy's own price undetermined in the hat algebra (its output
    // and expenditure shares on itself are the anchor of market clearing).
    if (baseline.flows(i, i) <= 0) {
      throw Error(
          fmt::format("GE baseline: the internal flow of {} ({} -> {}) is zero; structural gravity needs "
                      "domestic sales for every economy (add them, or drop the economy)",
                      baseline.economies[i], baseline.economies[i], baseline.economies[i]));
    }
  }
}

}  // namespace tradeshock::ge
