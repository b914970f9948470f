// The 2006 cross-section of the book's data (tests/data/models/agtpa_2006.csv, see the README there) as a GE
// baseline, with the trade costs of the book's baseline PPML (Yotov et al. 2016, ch. 2 application 1).
#pragma once

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tradeshock/ge.h"

namespace tradeshock::ge {

struct BorderData {
  Baseline observed;
  Eigen::MatrixXd log_cost;  // baseline: b_dist ln DIST + b_cntg CNTG + b_brdr INTL_BRDR
  Eigen::MatrixXd border;    // INTL_BRDR
};

// tests/data/models/agtpa_2006.csv: the 2006 rows of the book's data (see the README there).
inline BorderData LoadBorderData() {
  std::ifstream in(std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/models/agtpa_2006.csv");
  std::string line;
  std::getline(in, line);
  std::vector<FlowRow> rows;
  std::map<std::pair<std::string, std::string>, std::pair<double, double>> geography;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string exporter, importer, trade, dist, cntg;
    std::getline(fields, exporter, ',');
    std::getline(fields, importer, ',');
    std::getline(fields, trade, ',');
    std::getline(fields, dist, ',');
    std::getline(fields, cntg, ',');
    rows.push_back({exporter, importer, std::stod(trade)});
    geography[{exporter, importer}] = {std::stod(dist), std::stod(cntg)};
  }
  BorderData data;
  data.observed = BuildBaseline(rows);
  const auto n = Eigen::Index(data.observed.economies.size());
  data.log_cost.resize(n, n);
  data.border.resize(n, n);
  // PUBLISHED.md, ch. 2 application 1: ln_DIST -0.7912879, CNTG 0.6736456, INTL_BRDR -2.47445.
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      const auto [dist, cntg] = geography[{data.observed.economies[i], data.observed.economies[j]}];
      data.border(i, j) = i == j ? 0.0 : 1.0;
      data.log_cost(i, j) = -0.7912879 * std::log(dist) + 0.6736456 * cntg - 2.47445 * data.border(i, j);
    }
  }
  return data;
}

// The book's printed results for "trade without borders" (agtpa/PUBLISHED.md, ch. 2 application 1 table):
// percentage changes of exports (conditional and full endowment), factory-gate price, inward multilateral
// resistance and real GDP (full endowment).
struct Published {
  const char* economy;
  double exports_cdl, exports_full, price_full, inward_full, real_gdp_full;
};
inline constexpr Published kTradeWithoutBorders[] = {
    {"AUS", 229.559411, 300.246795, 21.446000, -5.574740, 28.616009},
    {"CAN", 80.824632, 137.187578, 32.584461, -14.108814, 54.363290},
    {"CHN", 175.496419, 238.414357, 23.316692, 7.837747, 14.353921},
    {"USA", 359.980757, 438.312573, 11.140896, 0.442067, 10.651742},
};

}  // namespace tradeshock::ge
