// Pieces shared by the two full-endowment solvers (solver.cc, book_procedure.cc); not part of the public API.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "tradeshock/ge.h"

namespace tradeshock::ge::internal {

// Biproportional scaling: returns r_i base_ij c_j with row sums `rows` and column sums `cols` (the fitted
// flows of a PPML with exporter and importer fixed effects and offset log base), and the factors r and c.
// Stops when the factors change by less than `tolerance` in logs; throws Error after `max_iterations`.
Eigen::MatrixXd ScaleToMarginFactors(const Eigen::MatrixXd& base, const Eigen::ArrayXd& rows,
                                     const Eigen::ArrayXd& cols, double tolerance, int max_iterations,
                                     Eigen::ArrayXd* row_factor, Eigen::ArrayXd* col_factor);

struct BookSolution {
  Eigen::MatrixXd flows;
  Eigen::ArrayXd price;    // p hat
  Eigen::ArrayXd inward;   // P hat
  Eigen::ArrayXd outward;  // Pi hat
  Eigen::ArrayXd expenditure_hat;
  SolveInfo info;
  std::vector<BookRoundSummary> rounds;
};

BookSolution SolveBookProcedure(const Eigen::MatrixXd& flows, const Eigen::MatrixXd& cost_change,
                                Eigen::Index reference, const Options& options);

}  // namespace tradeshock::ge::internal
