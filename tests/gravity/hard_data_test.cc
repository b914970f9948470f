// Hard data: separation, collinearity, non-convergence and divergence are detected and reported.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "tradeshock/error.h"
#include "tradeshock/gravity.h"

namespace tradeshock::gravity {
namespace {

DataFrame Separation(const std::string& name) {
  return ReadDataFrame(std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/gravity/separation/" + name);
}

DataFrame Inline(const std::string& csv) { return ParseDataFrame(csv, "inline.csv"); }

// sep_02 (ppmlhdfe test set 02): y ~ | id1 + id2. Hand calculation: z = a(id1) + b(id2) must be 0 on the
// positive rows (1,1) and (2,2), so b1 = -a1 and b2 = -a2; on the zero row (2,1) z = a2 - a1 can be made
// > 0, on the zero rows (1,1) and (2,2) z = 0. Exactly data row 3 (0-based 2) is separated, and only the
// rectifier finds it (no fixed-effect group is all zeros).
TEST(SeparationTest, Sep02FixedEffectsOnly) {
  FitOptions options;
  options.drop_singletons = false;
  options.check_separation = true;
  FitResult r = Fit(Separation("sep_02.csv"), ParseFormula("y ~ 1 | id1 + id2"), options);
  EXPECT_EQ(r.separated_rows, (std::vector<std::size_t>{2}));
  EXPECT_EQ(r.dropped.separated_relu, 1u);
  EXPECT_EQ(r.dropped.separated_fe, 0u);
  EXPECT_TRUE(r.converged);
}

// sep_12 (and sep_13, the same rows once the data set's ground-truth column is removed): y ~ 1 | id1 + id2.
// Hand calculation: z = a[id1] + b[id2] must be 0 on the positive rows (1,1), (2,2), (3,3), ..., (10,10), so
// b[k] = -a[k] for every k. On the zero rows, (3,3), (4,4), (6,6), (7,7), (8,8), (9,9) then have z = 0 and
// (4,3), the second data row (0-based 1), has z = a[4] - a[3], which can be made > 0: exactly that row is
// separated. Singletons are kept so that the row numbers are the file's.
TEST(SeparationTest, Sep12And13OneCrossedCell) {
  for (const char* file : {"sep_12.csv", "sep_13.csv"}) {
    SCOPED_TRACE(file);
    FitOptions options;
    options.drop_singletons = false;
    options.check_separation = true;
    FitResult r = Fit(Separation(file), ParseFormula("y ~ 1 | id1 + id2"), options);
    EXPECT_EQ(r.separated_rows, (std::vector<std::size_t>{1}));
    EXPECT_TRUE(r.converged);
  }
}

// sep_03: R 4.2.2 glm(y ~ factor(id1) + factor(id2) + factor(id3), family = poisson,
// control = glm.control(maxit = 200, epsilon = 1e-14)) drives the fitted means of rows 1 and 2 to 2.22e-16
// and leaves all others at 1.00: those two (0-based 0 and 1) are the separated observations.
TEST(SeparationTest, Sep03ThreeFixedEffects) {
  FitOptions options;
  options.drop_singletons = false;
  options.check_separation = true;
  FitResult r = Fit(Separation("sep_03.csv"), ParseFormula("y ~ 1 | id1 + id2 + id3"), options);
  EXPECT_EQ(r.separated_rows, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(r.observations, 14u);
}

// sep_09: y ~ x1 + x2 + x3 with intercept. Hand calculation: z = c + b1 x1 + b2 x2 + b3 x3 zero on the four
// positive rows (3,2,1), (1,1,2), (2,2,2), (4,2,1): rows 1 and 4 give b1 = 0, rows 2 and 3 give b2 = 0, then
// c + b3 = c + 2 b3 = 0 gives c = b3 = 0. So z = 0 everywhere: nothing is separated.
TEST(SeparationTest, Sep09NothingSeparated) {
  FitOptions options;
  options.check_separation = true;
  FitResult r = Fit(Separation("sep_09.csv"), ParseFormula("y ~ x1 + x2 + x3"), options);
  EXPECT_TRUE(r.separated_rows.empty());
  EXPECT_EQ(r.observations, 7u);
}

// Regressor separation: x > 0 only where y = 0, so z = x separates rows 3 and 4 (0-based 2 and 3);
// after dropping them x is all zero and is dropped as collinear.
TEST(SeparationTest, RegressorSeparatesZeros) {
  DataFrame d = Inline("y,x,g\n1,0,a\n2,0,b\n0,1,a\n0,2,b\n3,0,a\n1,0,b\n");
  FitOptions options;
  options.check_separation = true;
  FitResult r = Fit(d, ParseFormula("y ~ x | g"), options);
  EXPECT_EQ(r.separated_rows, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(r.collinear, (std::vector<std::string>{"x"}));
  EXPECT_TRUE(r.coefficients.empty());
}

// x2 = 2 * x1 exactly: x2 is dropped with a note, x1 is estimated.
TEST(CollinearityTest, DuplicateRegressorDropped) {
  DataFrame d = Inline("y,x1,x2,g\n1,1,2,a\n3,2,4,a\n2,0.5,1,b\n6,3,6,b\n4,1.5,3,a\n5,2.5,5,b\n");
  FitResult r = Fit(d, ParseFormula("y ~ x1 + x2 | g"), FitOptions{});
  ASSERT_EQ(r.coefficients.size(), 1u);
  EXPECT_EQ(r.coefficients[0].name, "x1");
  EXPECT_EQ(r.collinear, (std::vector<std::string>{"x2"}));
  ASSERT_FALSE(r.notes.empty());
  EXPECT_NE(r.notes.back().find("x2 dropped: collinear"), std::string::npos);
}

// A regressor constant within the fixed effect groups is collinear with them.
TEST(CollinearityTest, RegressorAbsorbedByFixedEffect) {
  DataFrame d = Inline("y,x,z,g\n1,5,1,a\n3,5,2,a\n2,7,3,b\n6,7,1,b\n");
  FitResult r = Fit(d, ParseFormula("y ~ x + z | g"), FitOptions{});
  EXPECT_EQ(r.collinear, (std::vector<std::string>{"x"}));
}

// With max_iterations = 2 the Poisson fit of the glm panel cannot meet the 1e-8 deviance rule: reported.
TEST(ConvergenceTest, IterationLimitReported) {
  DataFrame d = ReadDataFrame(std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/gravity/glm_small.csv");
  FitOptions options;
  options.max_iterations = 2;
  FitResult r = Fit(d, ParseFormula("trade ~ log(dist) + cntg + rta | exporter^year + importer^year"), options);
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.iterations, 2);
  EXPECT_GT(r.last_change, 1e-8);
  ASSERT_FALSE(r.notes.empty());
  EXPECT_NE(r.notes.back().find("did not converge: 2 iterations"), std::string::npos);
}

// Two crossed fixed effects (exporter^year, importer^year) cannot be partialled out in one alternating-
// projections sweep: with max_fe_iterations = 1 every inner solve stops at its limit, and the result must say
// so (fe_converged false, a note naming max_fe_iterations) instead of dropping the flag. The control fit with
// the default limit on the same data converges.
TEST(ConvergenceTest, FixedEffectProjectionLimitReported) {
  DataFrame d = ReadDataFrame(std::string(TRADESHOCK_SOURCE_DIR) + "/tests/data/gravity/glm_small.csv");
  Formula formula = ParseFormula("trade ~ log(dist) + cntg + rta | exporter^year + importer^year");
  FitOptions control;
  FitResult converged = Fit(d, formula, control);
  EXPECT_TRUE(converged.fe_converged);
  EXPECT_TRUE(converged.converged);

  FitOptions options;
  options.max_fe_iterations = 1;
  options.max_iterations = 5;
  FitResult r = Fit(d, formula, options);
  EXPECT_FALSE(r.fe_converged);
  EXPECT_FALSE(r.converged);  // IRLS cannot count as converged on unconverged inner solves
  bool noted = false;
  for (const std::string& note : r.notes) noted = noted || note.find("max_fe_iterations") != std::string::npos;
  EXPECT_TRUE(noted);
}

// Means beyond the largest double: y = 1e308 three times sums to infinity, so the starting means and the
// deviance are infinite and no step-halving can make them finite. The fit must stop with the message, not
// return NaN coefficients.
TEST(ConvergenceTest, DivergenceStopsWithMessage) {
  DataFrame d = Inline("y,x\n1e308,0\n1e308,1\n1e308,2\n");
  try {
    Fit(d, ParseFormula("y ~ x"), FitOptions{});
    FAIL() << "expected a divergence error";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "gravity: the Poisson fit diverged at iteration 1 (fitted means infinite or zero); check for separation "
              "or rescale the regressors");
  }
}

// A start close to the data is not a fit of the model: from glm's starting means (y + 0.1) the deviance is
// about 0.3 here, while at the answer it is larger, so the first step must be allowed to raise it (a
// step-halving on it would stall at the start and report a tiny change as convergence). Hand calculation:
// y = 1, 3 at x = 0 and 10, 30 at x = 1; the Poisson MLE fits the group means 2 and 20, so the intercept
// is log(2) and the slope log(10); the deviance there is 2 (log(1/2) + 3 log(3/2) + 10 log(1/2) +
// 30 log(3/2)) = 11.50.
TEST(ConvergenceTest, FirstStepMayRaiseDeviance) {
  DataFrame d = Inline("y,x\n1,0\n3,0\n10,1\n30,1\n");
  FitResult r = Fit(d, ParseFormula("y ~ x"), FitOptions{});
  ASSERT_TRUE(r.converged);
  ASSERT_EQ(r.coefficients.size(), 2u);
  EXPECT_NEAR(r.coefficients[0].estimate, std::log(10.0), 1e-9);  // x
  EXPECT_NEAR(r.coefficients[1].estimate, std::log(2.0), 1e-9);   // (Intercept)
  EXPECT_NEAR(r.deviance, 2 * (std::log(0.5) + 3 * std::log(1.5) + 10 * std::log(0.5) + 30 * std::log(1.5)), 1e-9);
}

TEST(InputTest, TextRegressorNamesLineAndValue) {
  DataFrame d = Inline("y,x\n1,2\n2,abc\n");
  try {
    Fit(d, ParseFormula("y ~ x"), FitOptions{});
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()), "gravity: regressor column 'x' must be numeric: inline.csv:3: got 'abc'");
  }
}

TEST(InputTest, NegativePoissonResponse) {
  EXPECT_THROW(Fit(Inline("y,x\n1,2\n-2,3\n"), ParseFormula("y ~ x"), FitOptions{}), Error);
}

}  // namespace
}  // namespace tradeshock::gravity

namespace tradeshock::gravity {
namespace {

// Every ppmlhdfe separation test set with an answer from an independent tool: R 4.2.2 (Debian r-base-core)
//   glm(y ~ <x columns or 1> + factor(<id columns>), family = poisson,
//       control = glm.control(maxit = 1000, epsilon = 1e-14))
// drives the fitted means of the separated observations to zero; the expected rows are those with y = 0 and
// a fitted mean below 1e-7 (0-based data rows), singletons kept as glm keeps them. (Sets 12 and 13 are not
// here: glm stops with "NA/NaN/Inf in 'x'" on them, so there is no independent answer.)
struct SeparationCase {
  const char* file;
  const char* formula;
  std::vector<std::size_t> separated;
};

TEST(SeparationTest, AllSetsMatchGlmLimits) {
  std::vector<std::size_t> sep04 = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 14, 16, 17, 18, 19, 20, 21, 22,
                                    23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
                                    44, 45, 47, 48, 49, 50, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66,
                                    67, 68, 69, 70, 71, 72, 73, 75, 76, 77, 78, 80, 81, 82, 83, 84, 85, 86, 87, 88};
  std::vector<std::size_t> first29;
  for (std::size_t i = 0; i < 29; ++i) first29.push_back(i);
  const std::vector<SeparationCase> cases = {
      {"guide_example1.csv", "y ~ x1 + x2 + x3 + x4", {4}},
      {"guide_example2.csv", "y ~ x1 + x2 + x3 + x4", {0, 1, 2, 3, 4, 5, 6, 7, 8}},
      {"guide_fe1.csv", "y ~ x1 + x2 | i + j", {4, 7, 13, 14}},
      {"guide_fe2.csv", "y ~ x1 | i + j", {0, 1, 2, 3, 4}},
      {"guide_fe3.csv", "y ~ x1 | i + j", {4, 5, 6, 7, 8, 10, 11}},
      {"guide_simple10.csv", "y ~ x1 + x2 + x3", {0, 4}},
      {"sep_01.csv", "y ~ x1 + x2 | id1 + id2", {0, 1}},
      {"sep_02.csv", "y ~ 1 | id1 + id2", {2}},
      {"sep_03.csv", "y ~ 1 | id1 + id2 + id3", {0, 1}},
      {"sep_04.csv", "y ~ 1 | id1 + id2", sep04},
      {"sep_05.csv", "y ~ x1 + x2 + x3 + x4", {3}},
      {"sep_06.csv", "y ~ x1 + x2 + x3 + x4", {5}},
      {"sep_07.csv", "y ~ x1 + x2 | id1 + id2", {5, 9, 10, 12}},
      {"sep_08.csv", "y ~ x1 + x2 | id1 + id2", {0}},
      {"sep_09.csv", "y ~ x1 + x2 + x3", {}},
      {"sep_10.csv", "y ~ x1 + x2 + x3", {0, 1, 2, 4, 5}},
      {"sep_11.csv", "y ~ x1", {}},
      {"sep_14.csv", "y ~ x1 + x2", {}},
      {"sep_15.csv", "y ~ x1 + x2 + x3", {8, 9, 10, 11, 12, 13, 14, 15, 16}},
      {"sep_16.csv", "y ~ x1 + x2 + x3", first29},
      {"sep_17.csv", "y ~ x1 + x2 + x3", first29},
      {"sep_18.csv", "y ~ x1 + x2 + x3", first29},
  };
  for (const SeparationCase& c : cases) {
    FitOptions options;
    options.drop_singletons = false;
    options.check_separation = true;
    FitResult r = Fit(Separation(c.file), ParseFormula(c.formula), options);
    EXPECT_EQ(r.separated_rows, c.separated) << c.file;
    EXPECT_TRUE(r.converged) << c.file;
  }
}

}  // namespace
}  // namespace tradeshock::gravity
