// Reproduces the published PPML/OLS estimates of Yotov, Piermartini, Monteiro & Larch (2016), "An Advanced
// Guide to Trade Policy Analysis" (WTO/UNCTAD), chapter 1, from the book's own data (tests/data/gravity/
// agtpa_ch1.csv.gz, the six chapter-1 years of agtpa_applications.csv; source and licence in the README
// there). Expected numbers are the book's printed estimates; the fixest-convention standard errors are those
// listed in the data set's PUBLISHED.md (fixest default small-sample correction).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "tradeshock/gravity.h"

namespace tradeshock::gravity {
namespace {

const DataFrame& Agtpa() {
  static const DataFrame data =
      ReadDataFrame(std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/gravity/agtpa_ch1.csv.gz");
  return data;
}

const Coefficient& Find(const FitResult& result, const std::string& name) {
  for (const Coefficient& c : result.coefficients) {
    if (c.name == name) return c;
  }
  ADD_FAILURE() << "no coefficient " << name;
  static Coefficient none;
  return none;
}

// Published to 4 decimals: agreement within half a unit of the last digit.
constexpr double kFourDigits = 0.5e-4 + 1e-12;

FitOptions ClusteredByPair(SmallSample ssc, Family family = Family::kPoisson) {
  FitOptions options;
  options.family = family;
  options.vcov = VcovType::kCluster;
  options.cluster = {"pair_id"};
  options.small_sample = ssc;
  // The book's samples have no separated observations: with the rectifier on, the published observation
  // counts (e.g. 28,152 below) check that it drops none.
  options.check_separation = true;
  return options;
}

// Book Table 1, column (4): PPML, international flows, exporter-year and importer-year FE, SE by pair.
TEST(AgtpaTest, Table1PpmlColumn4StataConvention) {
  FitOptions options = ClusteredByPair(SmallSample::kStata);
  options.subset = EvaluateSubset(Agtpa(), "exporter != importer");
  FitResult r =
      Fit(Agtpa(), ParseFormula("trade ~ log(dist) + cntg + lang + clny | exporter^year + importer^year"), options);
  ASSERT_TRUE(r.converged);
  EXPECT_EQ(r.observations, 28152u);
  EXPECT_NEAR(Find(r, "log(dist)").estimate, -0.8409, kFourDigits);
  EXPECT_NEAR(Find(r, "cntg").estimate, 0.4374, kFourDigits);
  EXPECT_NEAR(Find(r, "lang").estimate, 0.2475, kFourDigits);
  EXPECT_NEAR(Find(r, "clny").estimate, -0.2225, kFourDigits);
  EXPECT_NEAR(Find(r, "log(dist)").std_error, 0.0317, kFourDigits);
  EXPECT_NEAR(Find(r, "cntg").std_error, 0.0832, kFourDigits);
  EXPECT_NEAR(Find(r, "lang").std_error, 0.0765, kFourDigits);
  EXPECT_NEAR(Find(r, "clny").std_error, 0.1162, kFourDigits);
}

// Same fit, fixest's default small-sample correction (PUBLISHED.md: 0.032, 0.084, 0.078, 0.118).
TEST(AgtpaTest, Table1PpmlColumn4FixestConvention) {
  FitOptions options = ClusteredByPair(SmallSample::kFixest);
  options.subset = EvaluateSubset(Agtpa(), "exporter != importer");
  FitResult r =
      Fit(Agtpa(), ParseFormula("trade ~ log(dist) + cntg + lang + clny | exporter^year + importer^year"), options);
  EXPECT_NEAR(Find(r, "log(dist)").std_error, 0.032, 0.5e-3);
  EXPECT_NEAR(Find(r, "cntg").std_error, 0.084, 0.5e-3);
  EXPECT_NEAR(Find(r, "lang").std_error, 0.078, 0.5e-3);
  EXPECT_NEAR(Find(r, "clny").std_error, 0.118, 0.5e-3);
}

// Book Table 1, column (3): OLS on ln(trade) for trade > 0 (log drops the zeros), clustered by pair, with the
// book's small-sample factor G/(G-1) (N-1)/(N-K) where K counts the 4 regressors and the constant but not the
// absorbed exporter-year and importer-year coefficients. Arithmetic: without any correction the SEs are
// 0.037546, 0.199443, 0.080720, 0.146952; counting the ~822 absorbed coefficients would multiply them by
// sqrt(2339/2338 * 25688/24863) = 1.0167 (0.0382, 0.2028, 0.0821, 0.1494: not the book's); with K = 5 the
// factor is sqrt(2339/2338 * 25688/25684) = 1.00029 and gives 0.0376, 0.1995, 0.0807, 0.1470 as printed.
TEST(AgtpaTest, Table1OlsColumn3) {
  FitOptions options = ClusteredByPair(SmallSample::kStata, Family::kGaussian);
  options.subset = EvaluateSubset(Agtpa(), "exporter != importer");
  FitResult r = Fit(
      Agtpa(), ParseFormula("log(trade) ~ log(dist) + cntg + lang + clny | exporter^year + importer^year"), options);
  EXPECT_EQ(r.observations, 25689u);
  EXPECT_NEAR(Find(r, "log(dist)").estimate, -1.2156, kFourDigits);
  EXPECT_NEAR(Find(r, "cntg").estimate, 0.2232, kFourDigits);
  EXPECT_NEAR(Find(r, "lang").estimate, 0.6609, kFourDigits);
  EXPECT_NEAR(Find(r, "clny").estimate, 0.6705, kFourDigits);
  EXPECT_NEAR(Find(r, "log(dist)").std_error, 0.0376, kFourDigits);
  EXPECT_NEAR(Find(r, "cntg").std_error, 0.1995, kFourDigits);
  EXPECT_NEAR(Find(r, "lang").std_error, 0.0807, kFourDigits);
  EXPECT_NEAR(Find(r, "clny").std_error, 0.1470, kFourDigits);
}

// Book Table 3, column (2): as Table 1 (4) plus RTA.
TEST(AgtpaTest, Table3Column2) {
  FitOptions options = ClusteredByPair(SmallSample::kStata);
  options.subset = EvaluateSubset(Agtpa(), "exporter != importer");
  FitResult r = Fit(
      Agtpa(), ParseFormula("trade ~ log(dist) + cntg + lang + clny + rta | exporter^year + importer^year"), options);
  EXPECT_EQ(r.observations, 28152u);
  EXPECT_NEAR(Find(r, "log(dist)").estimate, -0.8216, kFourDigits);
  EXPECT_NEAR(Find(r, "cntg").estimate, 0.4155, kFourDigits);
  EXPECT_NEAR(Find(r, "lang").estimate, 0.2499, kFourDigits);
  EXPECT_NEAR(Find(r, "clny").estimate, -0.2054, kFourDigits);
  EXPECT_NEAR(Find(r, "rta").estimate, 0.1907, kFourDigits);
  EXPECT_NEAR(Find(r, "log(dist)").std_error, 0.0310, kFourDigits);
  EXPECT_NEAR(Find(r, "cntg").std_error, 0.0828, kFourDigits);
  EXPECT_NEAR(Find(r, "lang").std_error, 0.0767, kFourDigits);
  EXPECT_NEAR(Find(r, "clny").std_error, 0.1143, kFourDigits);
  EXPECT_NEAR(Find(r, "rta").std_error, 0.0658, kFourDigits);
}

// Book Table 3, column (4): all rows incl. domestic, pair FE; pairs with zero trade in all six years are
// separated by the pair fixed effect and dropped (N 28,482). Robust SE of the same estimate: 0.0558.
TEST(AgtpaTest, Table3Column4PairFixedEffects) {
  FitOptions options = ClusteredByPair(SmallSample::kStata);
  const Formula formula = ParseFormula("trade ~ rta | exporter^year + importer^year + pair_id");
  FitResult r = Fit(Agtpa(), formula, options);
  EXPECT_EQ(r.observations, 28482u);
  EXPECT_EQ(r.dropped.separated_fe, 28566u - 28482u);
  EXPECT_NEAR(Find(r, "rta").estimate, 0.5572, kFourDigits);
  EXPECT_NEAR(Find(r, "rta").std_error, 0.1022, kFourDigits);
  options.vcov = VcovType::kHeteroskedastic;
  FitResult robust = Fit(Agtpa(), formula, options);
  EXPECT_NEAR(Find(robust, "rta").std_error, 0.0558, kFourDigits);
}

// Book Table 3, column (6): lags of RTA.
TEST(AgtpaTest, Table3Column6Lags) {
  FitOptions options = ClusteredByPair(SmallSample::kStata);
  FitResult r = Fit(
      Agtpa(), ParseFormula("trade ~ rta + rta_lag4 + rta_lag8 + rta_lag12 | exporter^year + importer^year + pair_id"),
      options);
  EXPECT_NEAR(Find(r, "rta").estimate, 0.2914, kFourDigits);
  EXPECT_NEAR(Find(r, "rta_lag4").estimate, 0.4135, kFourDigits);
  EXPECT_NEAR(Find(r, "rta_lag8").estimate, 0.1687, kFourDigits);
  EXPECT_NEAR(Find(r, "rta_lag12").estimate, 0.1189, kFourDigits);
  EXPECT_NEAR(Find(r, "rta").std_error, 0.0892, kFourDigits);
  EXPECT_NEAR(Find(r, "rta_lag4").std_error, 0.0672, kFourDigits);
  EXPECT_NEAR(Find(r, "rta_lag8").std_error, 0.0431, kFourDigits);
  EXPECT_NEAR(Find(r, "rta_lag12").std_error, 0.0301, kFourDigits);
  // Sum 0.9926 (0.0943): the SE of a sum is sqrt(1' V 1).
  double sum = 0;
  for (const Coefficient& c : r.coefficients) sum += c.estimate;
  EXPECT_NEAR(sum, 0.9926, kFourDigits);
  EXPECT_NEAR(std::sqrt(r.vcov.sum()), 0.0943, kFourDigits);
}

// Chapter 2, Application 1 baseline (PUBLISHED.md): 2006, domestic flows included, exporter and importer
// FE, robust SEs: ln_DIST -0.7912879 (0.0501494), CNTG 0.6736456 (0.1073719), INTL_BRDR -2.47445 (0.1193816).
TEST(AgtpaTest, Chapter2Baseline) {
  DataFrame data = Agtpa();
  Column border;
  border.name = "intl_brdr";
  const Column* exporter = data.Find("exporter");
  const Column* importer = data.Find("importer");
  for (std::size_t row = 0; row < data.rows; ++row) {
    border.values.push_back(exporter->levels[exporter->codes[row]] != importer->levels[importer->codes[row]] ? 1.0
                                                                                                             : 0.0);
  }
  data.columns.push_back(border);
  FitOptions options;
  options.vcov = VcovType::kHeteroskedastic;
  options.small_sample = SmallSample::kStata;
  options.check_separation = true;
  options.subset = EvaluateSubset(data, "year == 2006");
  FitResult r = Fit(data, ParseFormula("trade ~ log(dist) + cntg + intl_brdr | exporter + importer"), options);
  EXPECT_EQ(r.observations, 4761u);
  EXPECT_NEAR(Find(r, "log(dist)").estimate, -0.7912879, 0.5e-7);
  EXPECT_NEAR(Find(r, "cntg").estimate, 0.6736456, 0.5e-7);
  EXPECT_NEAR(Find(r, "intl_brdr").estimate, -2.47445, 0.5e-5);
  EXPECT_NEAR(Find(r, "log(dist)").std_error, 0.0501494, 0.5e-7);
  EXPECT_NEAR(Find(r, "cntg").std_error, 0.1073719, 0.5e-7);
  EXPECT_NEAR(Find(r, "intl_brdr").std_error, 0.1193816, 0.5e-7);
}

}  // namespace
}  // namespace tradeshock::gravity
