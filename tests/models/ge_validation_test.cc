// General equilibrium end to end on the data of the book's chapter 2 (NAFTA), of Python gegravity and of
// Stata ge_gravity: estimate with the gravity library, build the baseline, parse the counterfactual, solve,
// and check the identities of the model that the solver does not impose directly.
//
// These runs check identities a hand can verify (the comparisons with the book's Stata logs are in
// ge_book_test.cc; the gegravity and ge_gravity samples ship no reference output):
//  (a) conditional flows keep the baseline margins: sum_j X'_ij = Y_i, sum_i X'_ij = E_j (G3);
//  (b) full endowment: sum_j X'_ij = p_i Y_i (market clearing, G7) and world expenditure = world output;
//      multiplicative closure: E'_j / (p_j Y_j) / (E_j / Y_j) is the same for every j (one common factor, G5);
//  (c) the reference economy's inward resistance does not change (numeraire);
//  (d) odds ratio: both solutions have the product form X'_ij = X_ij t_ij a_i b_j, so
//      (X'_ij X'_ji / X'_ii X'_jj) / (X_ij X_ji / X_ii X_jj) = t_ij t_ji / (t_ii t_jj) for every pair,
//      whatever the resistances: for a pair whose policy changes from 1 to 0 with coefficient beta, exp(-2 beta);
//  (e) Arkolakis-Costinot-Rodriguez-Clare: real GDP hat = (domestic share hat)^(-1/theta) when t_ii = 1.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "tradeshock/error.h"
#include "tradeshock/ge.h"
#include "tradeshock/gravity.h"

namespace tradeshock::ge {
namespace {

std::string DataPath(const std::string& relative) {
  return std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/" + relative;
}

std::string Text(const gravity::Column& column, std::size_t row) {
  return column.numeric ? std::to_string(static_cast<long long>(column.values[row])) : column.levels[column.codes[row]];
}

// The cross-section of `data` (rows with year == `year`, or all rows when year < 0) as a square baseline,
// plus the values of the named columns as matrices and, when `fitted` is given, the fitted flows.
struct Section {
  Baseline observed;
  std::map<std::string, Eigen::MatrixXd> columns;
  Eigen::MatrixXd fitted;
};

Section Cut(const gravity::DataFrame& data, double year, const std::vector<std::string>& names,
            const std::vector<double>* fitted = nullptr) {
  const gravity::Column& exporter = *data.Find("exporter");
  const gravity::Column& importer = *data.Find("importer");
  const gravity::Column& trade = *data.Find("trade");
  const gravity::Column* year_column = data.Find("year");
  std::vector<std::size_t> rows;
  std::vector<FlowRow> flows;
  for (std::size_t r = 0; r < data.rows; ++r) {
    if (year >= 0 && year_column->values[r] != year) continue;
    rows.push_back(r);
    flows.push_back({Text(exporter, r), Text(importer, r), trade.values[r]});
  }
  Section section;
  section.observed = BuildBaseline(flows);
  std::map<std::string, Eigen::Index> index;
  for (std::size_t i = 0; i < section.observed.economies.size(); ++i)
    index[section.observed.economies[i]] = Eigen::Index(i);
  const auto n = Eigen::Index(index.size());
  for (const std::string& name : names) section.columns[name] = Eigen::MatrixXd::Zero(n, n);
  section.fitted = Eigen::MatrixXd::Zero(n, n);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const Eigen::Index i = index[flows[k].exporter];
    const Eigen::Index j = index[flows[k].importer];
    for (const std::string& name : names) section.columns[name](i, j) = data.Find(name)->values[rows[k]];
    if (fitted != nullptr) section.fitted(i, j) = std::isnan((*fitted)[rows[k]]) ? 0.0 : (*fitted)[rows[k]];
  }
  return section;
}

// The book's baseline: the PPML fitted flows, brought to the observed margins (a no-op when the estimate
// has exporter(-year) and importer(-year) fixed effects and used every pair).
Baseline FittedBaseline(const Section& section) {
  return FitBaseline(section.observed, section.fitted.unaryExpr([](double x) {
    return x > 0 ? std::log(x) : -std::numeric_limits<double>::infinity();
  }));
}

double Coefficient(const gravity::FitResult& fit, const std::string& name) {
  for (const gravity::Coefficient& c : fit.coefficients) {
    if (c.name == name) return c.estimate;
  }
  ADD_FAILURE() << "no coefficient " << name;
  return 0;
}

Eigen::Index IndexOf(const Baseline& baseline, const std::string& code) {
  return Eigen::Index(std::find(baseline.economies.begin(), baseline.economies.end(), code) -
                      baseline.economies.begin());
}

const EconomyResult& Row(const Result& result, const std::string& code) {
  return *std::find_if(result.economies.begin(), result.economies.end(),
                       [&](const EconomyResult& r) { return r.economy == code; });
}

void ExpectIdentities(const Baseline& baseline, const Eigen::MatrixXd& cost, const Options& options,
                      const Result& result) {
  const Eigen::MatrixXd& x = baseline.flows;
  const Eigen::Index n = x.rows();
  const Eigen::VectorXd output = x.rowwise().sum();
  const Eigen::VectorXd expenditure = x.colwise().sum().transpose();
  const double world = output.sum();
  Eigen::VectorXd price(n);
  for (Eigen::Index i = 0; i < n; ++i) price(i) = 1 + result.economies[i].price_change_full_pct / 100;
  // (a)
  for (Eigen::Index i = 0; i < n; ++i) {
    EXPECT_NEAR(result.flows_conditional.row(i).sum(), output(i), 1e-7 * output(i)) << baseline.economies[i];
    EXPECT_NEAR(result.flows_conditional.col(i).sum(), expenditure(i), 1e-7 * expenditure(i)) << baseline.economies[i];
  }
  // (b)
  const Eigen::VectorXd new_output = price.cwiseProduct(output);
  for (Eigen::Index i = 0; i < n; ++i) {
    EXPECT_NEAR(result.flows_full.row(i).sum(), new_output(i), 1e-6 * new_output(i)) << baseline.economies[i];
  }
  const double world_expenditure = result.flows_full.sum();
  if (options.imbalance == Imbalance::kMultiplicative) {
    EXPECT_NEAR(world_expenditure, new_output.sum(), 1e-6 * world);
    const double k0 = result.flows_full.col(0).sum() / new_output(0) / (expenditure(0) / output(0));
    for (Eigen::Index j = 1; j < n; ++j) {
      const double k = result.flows_full.col(j).sum() / new_output(j) / (expenditure(j) / output(j));
      EXPECT_NEAR(k, k0, 1e-6) << baseline.economies[j];
    }
  } else {
    // Additive: sum_j (p_j Y_j + D_j) = sum p Y because the deficits sum to zero.
    EXPECT_NEAR(world_expenditure, new_output.sum(), 1e-6 * world);
    for (Eigen::Index j = 0; j < n; ++j) {
      EXPECT_NEAR(result.flows_full.col(j).sum(), new_output(j) + expenditure(j) - output(j), 1e-6 * expenditure(j));
    }
  }
  // (c)
  EXPECT_NEAR(Row(result, options.reference).inward_mr_change_full_pct, 0.0, 1e-9);
  // (d) every pair with flows both ways (a PPML fit leaves pairs that never trade with flows of 1e-300 and
  // less, which underflow to 0 after a solve; their log odds carry no information)
  const auto traded = [&](Eigen::Index i, Eigen::Index j) { return x(i, j) > 1e-12 * output(i) && cost(i, j) > 0; };
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = i + 1; j < n; ++j) {
      if (!traded(i, j) || !traded(j, i)) continue;
      const double expected = std::log(cost(i, j) * cost(j, i) / (cost(i, i) * cost(j, j)));
      const double before = std::log(x(i, j) * x(j, i) / (x(i, i) * x(j, j)));
      for (const Eigen::MatrixXd* after : {&result.flows_conditional, &result.flows_full}) {
        const Eigen::MatrixXd& y = *after;
        const double log_odds = std::log(y(i, j) * y(j, i) / (y(i, i) * y(j, j)));
        EXPECT_NEAR(log_odds - before, expected, 1e-6) << baseline.economies[i] << "-" << baseline.economies[j];
      }
    }
  }
  // (e)
  if (options.imbalance == Imbalance::kMultiplicative) {
    for (Eigen::Index j = 0; j < n; ++j) {
      if (cost(j, j) != 1.0) continue;
      const double share_hat = (result.flows_full(j, j) / result.flows_full.col(j).sum()) / (x(j, j) / expenditure(j));
      EXPECT_NEAR(result.economies[j].real_gdp_change_full_pct, (std::pow(share_hat, -1 / options.theta) - 1) * 100,
                  1e-6)
          << baseline.economies[j];
    }
  }
  EXPECT_TRUE(result.conditional.converged);
  EXPECT_TRUE(result.full.converged);
}

// ---- Book ch. 2 application 2: removing NAFTA (Yotov et al. 2016; data: tests/data/gravity/agtpa_ch1.csv.gz) ----
// The book estimates RTA effects on the panel 1986-2006 (every 4 years) with exporter-year, importer-year and
// pair fixed effects, builds trade costs exp(pair FE + beta RTA) and simulates on the 1994 cross-section with
// sigma = 7 and DEU as reference, setting RTA = 0 for the six NAFTA pairs. Its coefficient is the one of book
// Table 3 column (4), which PUBLISHED.md lists: RTA 0.5572. This test uses the fitted flows of the panel
// estimate, so the 14 cells of pairs that never trade keep no flow; the book's two-stage trade costs (a second
// gravity regression for those cells) and the comparison with its Stata log are in ge_book_test.cc. (That the
// book's domestic pairs share one pair fixed effect is only a normalisation: same fit, see there.)
TEST(GeValidation, NaftaRemovalOnTheBookPanel) {
  const gravity::DataFrame data = gravity::ReadDataFrame(DataPath("gravity/agtpa_ch1.csv.gz"));
  gravity::FitOptions fit_options;
  const gravity::FitResult fit =
      gravity::Fit(data, gravity::ParseFormula("trade ~ rta | exporter^year + importer^year + pair_id"), fit_options);
  const double beta = Coefficient(fit, "rta");
  EXPECT_NEAR(beta, 0.5572, 1e-4);  // book Table 3 column (4), PUBLISHED.md
  const Section section = Cut(data, 1994, {"rta"}, &fit.fitted);
  const Baseline baseline = FittedBaseline(section);
  // The exporter-year and importer-year fixed effects make the 1994 fitted margins equal the observed ones
  // (PPML first-order conditions), so the book's constrained baseline fit is our fitted flows.
  for (Eigen::Index i = 0; i < baseline.flows.rows(); ++i) {
    EXPECT_NEAR(section.fitted.row(i).sum(), section.observed.flows.row(i).sum(),
                1e-5 * section.observed.flows.row(i).sum());
  }
  const Counterfactual nafta =
      ParseCounterfactual("rta = 0 where exporter in (CAN,MEX,USA) and importer in (CAN,MEX,USA)");
  const Eigen::MatrixXd cost =
      CounterfactualCostChange(nafta, baseline.economies, {{"rta", beta, section.columns.at("rta")}});
  const Eigen::Index can = IndexOf(baseline, "CAN");
  const Eigen::Index mex = IndexOf(baseline, "MEX");
  EXPECT_NEAR(cost(can, mex), std::exp(-beta), 1e-12);  // RTA was 1 for CAN->MEX in 1994 (data)
  EXPECT_EQ(cost(can, can), 1.0);                       // domestic RTA is 0 and stays 0
  Options options;
  options.theta = 6;
  options.reference = "DEU";
  const Result result = Simulate(baseline, cost, options);
  ExpectIdentities(baseline, cost, options, result);
  for (const char* member : {"CAN", "MEX", "USA"}) {
    EXPECT_LT(Row(result, member).exports_change_cdl_pct, 0) << member;
    EXPECT_LT(Row(result, member).exports_change_full_pct, 0) << member;
    EXPECT_LT(Row(result, member).real_gdp_change_full_pct, 0) << member;
  }
  // Smaller partners lose more real income than the USA (their NAFTA trade is a larger share of expenditure).
  EXPECT_LT(Row(result, "CAN").real_gdp_change_full_pct, Row(result, "USA").real_gdp_change_full_pct);
  EXPECT_LT(Row(result, "MEX").real_gdp_change_full_pct, Row(result, "USA").real_gdp_change_full_pct);
}

// ---- gegravity (USITC) sample: 30 countries, 2006 ----
// The package example estimates a PPML with exporter and importer fixed effects and an international-border
// dummy on this file and uses sigma = 5
// and DEU as reference; the counterfactual here is a new CAN-JPN preferential agreement (pta 0 -> 1 for the two
// international pairs, the example of the package README).
TEST(GeValidation, GegravitySampleCanadaJapanAgreement) {
  const gravity::DataFrame data = gravity::ReadDataFrame(DataPath("models/gegravity_sample.csv.gz"));
  const gravity::FitResult fit =
      gravity::Fit(data,
                   gravity::ParseFormula(
                       "trade ~ pta + contiguity + common_language + lndist + international | exporter + importer"),
                   gravity::FitOptions{});
  ASSERT_TRUE(fit.converged);
  const double beta = Coefficient(fit, "pta");
  EXPECT_GT(beta, 0);
  const Section section = Cut(data, -1, {"pta"}, &fit.fitted);
  ASSERT_EQ(section.observed.economies.size(), 30u);
  const Eigen::Index can = IndexOf(section.observed, "CAN");
  const Eigen::Index jpn = IndexOf(section.observed, "JPN");
  ASSERT_EQ(section.columns.at("pta")(can, jpn), 0.0);  // no agreement in the data
  const Counterfactual counterfactual =
      ParseCounterfactual("pta = 1 where exporter in (CAN,JPN) and importer in (CAN,JPN) and exporter != importer");
  for (const char* kind : {"fitted", "observed"}) {
    SCOPED_TRACE(kind);
    const Baseline baseline = std::string(kind) == "fitted" ? FittedBaseline(section) : section.observed;
    const Eigen::MatrixXd cost =
        CounterfactualCostChange(counterfactual, baseline.economies, {{"pta", beta, section.columns.at("pta")}});
    EXPECT_NEAR(cost(can, jpn), std::exp(beta), 1e-12);
    EXPECT_EQ((cost.array() != 1.0).count(), 2);  // only CAN->JPN and JPN->CAN change
    Options options;
    options.theta = 4;
    options.reference = "DEU";
    const Result result = Simulate(baseline, cost, options);
    ExpectIdentities(baseline, cost, options, result);
    for (const char* member : {"CAN", "JPN"}) {
      EXPECT_GT(Row(result, member).exports_change_full_pct, 0) << member;
      EXPECT_GT(Row(result, member).real_gdp_change_full_pct, 0) << member;
    }
  }
}

// ---- ge_gravity (Stata) / GEGravity (R) example: WIOD, 44 economies ----
// As in the ge_gravity help file: three-way PPML on international flows with exporter-year, importer-year and
// pair fixed effects gives the partial effect of eu_enlargement; the GE is solved on the 2000 cross-section
// (observed flows, theta = 4) with eu_enlargement switched on for the pairs that are EU pairs by 2014.
TEST(GeValidation, GeGravityWiodEuEnlargement) {
  const gravity::DataFrame data = gravity::ReadDataFrame(DataPath("models/ge_gravity_wiod.csv.gz"));
  gravity::FitOptions fit_options;
  fit_options.subset = gravity::EvaluateSubset(data, "exporter != importer");
  const gravity::FitResult fit = gravity::Fit(
      data,
      gravity::ParseFormula("trade ~ eu_enlargement + other_fta | exporter^year + importer^year + exporter^importer"),
      fit_options);
  ASSERT_TRUE(fit.converged);
  const double beta = Coefficient(fit, "eu_enlargement");
  EXPECT_GT(beta, 0);
  const Section section = Cut(data, 2000, {"eu_enlargement"});
  // The 29 economies with eu_enlargement = 1 in 2014 (data; NOR is coded with the EU in this file).
  const std::string eu =
      "(AUT,BEL,BGR,CYP,CZE,DEU,DNK,ESP,EST,FIN,FRA,GBR,GRC,HRV,HUN,IRL,ITA,LTU,LUX,LVA,MLT,NLD,NOR,POL,PRT,ROU,SVK,"
      "SVN,SWE)";
  const Counterfactual counterfactual = ParseCounterfactual("eu_enlargement = 1 where exporter in " + eu +
                                                            " and importer in " + eu + " and exporter != importer");
  const Eigen::MatrixXd cost = CounterfactualCostChange(
      counterfactual, section.observed.economies, {{"eu_enlargement", beta, section.columns.at("eu_enlargement")}});
  // 29 * 28 ordered EU pairs, of which 16 * 15 were already EU pairs in 2000: 572 change (the README's count).
  EXPECT_EQ((cost.array() != 1.0).count(), 572);
  for (const Imbalance imbalance : {Imbalance::kMultiplicative, Imbalance::kAdditive}) {
    Options options;
    options.theta = 4;
    options.reference = "USA";
    options.imbalance = imbalance;
    const Result result = Simulate(section.observed, cost, options);
    ExpectIdentities(section.observed, cost, options, result);
    for (const char* joiner : {"POL", "CZE", "HUN", "ROU"}) {
      EXPECT_GT(Row(result, joiner).exports_change_full_pct, 0) << joiner;
      EXPECT_GT(Row(result, joiner).welfare_change_pct, 0) << joiner;
    }
  }
}

}  // namespace
}  // namespace tradeshock::ge
