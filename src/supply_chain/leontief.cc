// Technical coefficients, value-added coefficients and the Leontief inverse (docs/METHODS.md).
#include <fmt/format.h>

#include <cmath>

#include "tradeshock/error.h"
#include "tradeshock/supply_chain.h"

namespace tradeshock {
namespace {

std::string ListCodes(const std::vector<std::string>& codes) {
  if (codes.size() <= 12) return fmt::format("{}", fmt::join(codes, ", "));
  return fmt::format("{}, {}, ... {} ({} in all)", codes[0], codes[1], codes.back(), codes.size());
}

}  // namespace

LeontiefModel LeontiefModel::Build(const IoTable& table, const SupplyChainOptions& options) {
  options.Validate();
  LeontiefModel model;
  model.table_ = &table;
  const Eigen::Index n = table.intermediate.rows();
  if (n == 0) throw Error(fmt::format("supply_chain: the table '{}' has no sectors", table.source));
  const Eigen::VectorXd value_added = table.ValueAdded();
  model.a_ = Eigen::MatrixXd::Zero(n, n);
  model.v_ = Eigen::VectorXd::Zero(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const double x = table.output(j);
    if (!(x > options.min_output)) {
      ++model.idle_;
      continue;
    }
    model.a_.col(j) = table.intermediate.col(j) / x;
    model.v_(j) = value_added(j) / x;
  }
  const Eigen::MatrixXd leontief = Eigen::MatrixXd::Identity(n, n) - model.a_;
  const Eigen::PartialPivLU<Eigen::MatrixXd> lu(leontief);
  model.l_ = lu.inverse();
  // A check in O(n^2), on the vector of ones: L (I - A) 1 = 1 (InverseResidual, the full check, costs 2n^3).
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(n);
  const double residual = (model.l_ * (leontief * ones) - ones).cwiseAbs().maxCoeff();
  if (!model.l_.allFinite() || !(residual <= 1e-6)) {
    throw Error(
        fmt::format("supply_chain: I - A of '{}' is singular or nearly so (a sector whose inputs cost as much "
                    "as its output or more: no value added)",
                    table.source));
  }
  return model;
}

double LeontiefModel::InverseResidual() const {
  const Eigen::Index n = a_.rows();
  const Eigen::MatrixXd product = l_ * (Eigen::MatrixXd::Identity(n, n) - a_);
  return (product - Eigen::MatrixXd::Identity(n, n)).cwiseAbs().maxCoeff();
}

std::size_t LeontiefModel::Economy(const std::string& code) const {
  if (const auto found = table_->FindEconomy(code)) return *found;
  throw Error(fmt::format("supply_chain: no economy '{}' in the table '{}' ({})", Printable(code), table_->source,
                          ListCodes(table_->economies)));
}

std::size_t LeontiefModel::Industry(const std::string& code) const {
  if (const auto found = table_->FindIndustry(code)) return *found;
  throw Error(fmt::format("supply_chain: no industry '{}' in the table '{}' ({})", Printable(code), table_->source,
                          ListCodes(table_->industries)));
}

}  // namespace tradeshock
