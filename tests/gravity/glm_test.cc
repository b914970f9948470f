// PPML with exporter-year and importer-year fixed effects against R's glm(family = quasipoisson) with the
// fixed effects as dummy variables. Expected numbers: the R output recorded in the header of
// tests/data/gravity/glm_small.csv (R 4.2.2, exact call there).
#include <gtest/gtest.h>

#include <string>

#include "tradeshock/gravity.h"

namespace tradeshock::gravity {
namespace {

const DataFrame& Small() {
  static const DataFrame data = ReadDataFrame(std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/gravity/glm_small.csv");
  return data;
}

const Formula& SmallFormula() {
  static const Formula formula = ParseFormula("trade ~ log(dist) + cntg + rta | exporter^year + importer^year");
  return formula;
}

TEST(GlmTest, CoefficientsAndDispersionMatchR) {
  FitOptions options;
  options.vcov = VcovType::kIid;
  options.small_sample = SmallSample::kNone;
  options.check_separation = true;
  FitResult r = Fit(Small(), SmallFormula(), options);
  ASSERT_TRUE(r.converged);
  ASSERT_EQ(r.coefficients.size(), 3u);
  EXPECT_EQ(r.observations, 128u);
  EXPECT_NEAR(r.coefficients[0].estimate, -2.276913777975102, 1e-6);
  EXPECT_NEAR(r.coefficients[1].estimate, -0.973041275951452, 1e-6);
  EXPECT_NEAR(r.coefficients[2].estimate, 0.346187319520962, 1e-6);
  // Poisson iid SEs without correction are glm's unscaled ones (dispersion 1).
  EXPECT_NEAR(r.coefficients[0].std_error, 0.00237331049870591, 1e-9);
  EXPECT_NEAR(r.coefficients[1].std_error, 0.00810109908849323, 1e-9);
  EXPECT_NEAR(r.coefficients[2].std_error, 0.02284481833364778, 1e-9);
  EXPECT_NEAR(r.deviance, 76419.4396307545, 1e-6 * 76419.44);
  // glm's df.residual 95 = 128 - 33 (3 regressors + 30 free fixed effects: 16 + 16 less one per year).
  EXPECT_EQ(r.fixed_effect_parameters, 30u);
  EXPECT_NEAR(r.dispersion, 1598.73262417136, 1e-6 * 1598.73);
}

TEST(GlmTest, ClusteredSandwichMatchesFullDummyDesign) {
  FitOptions options;
  options.vcov = VcovType::kCluster;
  options.cluster = {"pair_id"};
  options.small_sample = SmallSample::kNone;
  options.check_separation = true;
  FitResult r = Fit(Small(), SmallFormula(), options);
  EXPECT_NEAR(r.coefficients[0].std_error, 0.164453624817559, 1e-7);
  EXPECT_NEAR(r.coefficients[1].std_error, 0.203320193509784, 1e-7);
  EXPECT_NEAR(r.coefficients[2].std_error, 0.664370470406849, 1e-7);
}

// The fixed effects recovered from the fit reproduce the fitted means: mu = exp(x'b + a_exporter-year +
// a_importer-year), and they are normalised so the first importer-year level is 0.
TEST(GlmTest, FixedEffectsReproduceFittedValues) {
  FitOptions options;
  options.check_separation = true;
  FitResult r = Fit(Small(), SmallFormula(), options);
  ASSERT_EQ(r.fixed_effects.size(), 2u);
  EXPECT_EQ(r.fixed_effects[1].values[0], 0.0);
  const DataFrame& d = Small();
  const Column* dist = d.Find("dist");
  const Column* cntg = d.Find("cntg");
  const Column* rta = d.Find("rta");
  const Column* exporter = d.Find("exporter");
  const Column* importer = d.Find("importer");
  const Column* year = d.Find("year");
  auto level = [&](const FixedEffectValues& fe, const std::string& label) {
    for (std::size_t g = 0; g < fe.levels.size(); ++g) {
      if (fe.levels[g] == label) return fe.values[g];
    }
    ADD_FAILURE() << "no level " << label;
    return 0.0;
  };
  for (std::size_t row = 0; row < d.rows; row += 7) {
    std::string y = std::to_string(static_cast<int>(year->values[row]));
    double eta = r.coefficients[0].estimate * std::log(dist->values[row]) +
                 r.coefficients[1].estimate * cntg->values[row] + r.coefficients[2].estimate * rta->values[row] +
                 level(r.fixed_effects[0], exporter->levels[exporter->codes[row]] + "^" + y) +
                 level(r.fixed_effects[1], importer->levels[importer->codes[row]] + "^" + y);
    EXPECT_NEAR(std::exp(eta), r.fitted[row], 1e-8 * r.fitted[row]) << "row " << row;
  }
}

}  // namespace
}  // namespace tradeshock::gravity

namespace tradeshock::gravity {
namespace {

// The 50 x 50 x 5 synthetic panel of the benchmark (tests/data/gravity/gravity_50x50x5.csv.gz, written by
// the shared generator gen_gravity.py with its default seed; see the README there) against R 4.2.2 glm with
// dummy fixed effects, the call recorded in tests/data/gravity/README.md:
//   glm(flow ~ rta + ldist + factor(exp_year) + factor(imp_year), family = quasipoisson)  (default epsilon
//   1e-8; converged in 6 iterations): rta 0.402965512010203, ldist -1.017067353410773, unscaled SEs
//   0.00793869537802223, 0.00264097642868323, deviance 26986.70565897, 12500 observations.
TEST(GlmTest, SyntheticPanelMatchesR) {
  DataFrame d = ReadDataFrame(std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/gravity/gravity_50x50x5.csv.gz");
  FitOptions options;
  options.vcov = VcovType::kIid;
  options.small_sample = SmallSample::kNone;
  FitResult r = Fit(d, ParseFormula("flow ~ rta + ldist | exp_year + imp_year"), options);
  ASSERT_TRUE(r.converged);
  ASSERT_EQ(r.coefficients.size(), 2u);
  EXPECT_EQ(r.observations, 12500u);
  EXPECT_NEAR(r.coefficients[0].estimate, 0.402965512010203, 1e-6);
  EXPECT_NEAR(r.coefficients[1].estimate, -1.017067353410773, 1e-6);
  EXPECT_NEAR(r.coefficients[0].std_error, 0.00793869537802223, 1e-8);
  EXPECT_NEAR(r.coefficients[1].std_error, 0.00264097642868323, 1e-8);
  EXPECT_NEAR(r.deviance, 26986.70565897, 1e-6 * 26986.7);
}

// Same panel with pair fixed effects. R 4.2.2, after dropping the 691 pairs with no trade in any year (their
// dummies go to -Inf; every PPML tool drops them):
//   d <- d[ave(d$flow, d$pair, FUN = sum) > 0, ]
//   m <- glm(flow ~ rta + factor(exp_year) + factor(imp_year) + factor(pair), family = quasipoisson, data = d)
//   (default epsilon; 6 iterations, 301 s CPU): rta 0.51067492086296, unscaled SE 0.0224498719535005,
//   deviance 7198.75981454937, 9045 observations.
TEST(GlmTest, SyntheticPanelPairEffectsMatchesR) {
  DataFrame d = ReadDataFrame(std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/gravity/gravity_50x50x5.csv.gz");
  FitOptions options;
  options.vcov = VcovType::kIid;
  options.small_sample = SmallSample::kNone;
  FitResult r = Fit(d, ParseFormula("flow ~ rta | exp_year + imp_year + pair"), options);
  ASSERT_TRUE(r.converged);
  ASSERT_EQ(r.coefficients.size(), 1u);
  EXPECT_EQ(r.observations, 9045u);
  EXPECT_EQ(r.dropped.separated_fe, 12500u - 9045u);
  EXPECT_NEAR(r.coefficients[0].estimate, 0.51067492086296, 1e-8);
  EXPECT_NEAR(r.coefficients[0].std_error, 0.0224498719535005, 1e-5 * 0.02245);
  EXPECT_NEAR(r.deviance, 7198.75981454937, 1e-9 * 7198.76);
}

}  // namespace
}  // namespace tradeshock::gravity

namespace tradeshock::gravity {
namespace {

// fixest's `trade` data (tests/data/gravity/fixest_trade.csv.gz, README there), four one-way fixed effects,
// against R 4.2.2 glm with dummies:
//   d <- read.csv("trade.csv")
//   m <- glm(Euros ~ log(dist_km) + factor(Origin) + factor(Destination) + factor(Product) + factor(Year),
//            family = quasipoisson, data = d)   # default glm.control(): 6 iterations
//   coef -1.52787437146564, unscaled SE 1.92498679629479e-06, deviance 1.40494025069178e+12, nobs 38325.
// glm's unscaled SE uses the weights of its last iteration (the means before the final update), ours the
// final means, so the SE agrees to about 2e-6 relative, not to the last digit.
TEST(GlmTest, FixestTradeFourFixedEffectsMatchesR) {
  DataFrame d = ReadDataFrame(std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/gravity/fixest_trade.csv.gz");
  FitOptions options;
  options.vcov = VcovType::kIid;
  options.small_sample = SmallSample::kNone;
  options.check_separation = true;
  FitResult r = Fit(d, ParseFormula("Euros ~ log(dist_km) | Origin + Destination + Product + Year"), options);
  ASSERT_TRUE(r.converged);
  ASSERT_EQ(r.coefficients.size(), 1u);
  EXPECT_EQ(r.observations, 38325u);
  EXPECT_NEAR(r.coefficients[0].estimate, -1.52787437146564, 1e-8);
  EXPECT_NEAR(r.coefficients[0].std_error, 1.92498679629479e-06, 1e-5 * 1.925e-06);
  EXPECT_NEAR(r.deviance, 1.40494025069178e+12, 1e-9 * 1.405e12);
}

}  // namespace
}  // namespace tradeshock::gravity

namespace tradeshock::gravity {
namespace {

// The ppml_panel_sg / ppmlhdfe example (tests/data/gravity/fta_total.csv.gz: the TOTAL rows of
// EXAMPLE_TRADE_FTA_DATA, README there) with exporter-year, importer-year and pair effects, against R 4.2.2:
//   d <- d[d$category == "TOTAL", ]
//   m <- glm(trade ~ fta + factor(paste(isoexp, year)) + factor(paste(isoimp, year)) +
//            factor(paste(isoexp, isoimp)), family = quasipoisson, data = d)   # default epsilon, 6 iterations
//   fta 0.192445493471580, deviance 3.77332502254133e+08, nobs 5950.
TEST(GlmTest, FtaExamplePairEffectsMatchesR) {
  DataFrame d = ReadDataFrame(std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/gravity/fta_total.csv.gz");
  FitOptions options;
  options.check_separation = true;
  FitResult r = Fit(d, ParseFormula("trade ~ fta | isoexp^year + isoimp^year + isoexp^isoimp"), options);
  ASSERT_TRUE(r.converged);
  ASSERT_EQ(r.coefficients.size(), 1u);
  EXPECT_EQ(r.observations, 5950u);
  EXPECT_NEAR(r.coefficients[0].estimate, 0.192445493471580, 1e-8);
  EXPECT_NEAR(r.deviance, 3.77332502254133e+08, 1e-9 * 3.7733e8);
}

}  // namespace
}  // namespace tradeshock::gravity
