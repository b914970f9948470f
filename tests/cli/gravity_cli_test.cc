// `tradeshock gravity` end to end: the command run as a process on tests/data/gravity/glm_small.csv, its JSON
// coefficients and unscaled standard errors against R 4.2.2 glm(family = quasipoisson) with dummy fixed
// effects (the R output recorded in the header of that file; the same figures as tests/gravity/glm_test.cc).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> SmallFit(const std::string& format) {
  return {"gravity",   RepoPath("tests/data/gravity/glm_small.csv").string(),
          "--formula", "trade ~ log(dist) + cntg + rta | exporter^year + importer^year",
          "--vcov",    "iid",
          "--ssc",     "none",
          "--format",  format};
}

TEST(GravityCliTest, JsonCoefficientsMatchRGlm) {
  const CliRun run = RunCli(SmallFit("json"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json json = nlohmann::json::parse(run.out);
  EXPECT_TRUE(json["converged"].get<bool>());
  EXPECT_TRUE(json["fe_converged"].get<bool>());
  EXPECT_EQ(json["observations"].get<int>(), 128);
  ASSERT_EQ(json["coefficients"].size(), 3u);
  const double estimates[3] = {-2.276913777975102, -0.973041275951452, 0.346187319520962};
  const double std_errors[3] = {0.00237331049870591, 0.00810109908849323, 0.02284481833364778};
  const char* terms[3] = {"log(dist)", "cntg", "rta"};
  for (int k = 0; k < 3; ++k) {
    const nlohmann::json& c = json["coefficients"][k];
    EXPECT_EQ(c["term"], terms[k]);
    EXPECT_NEAR(c["estimate"].get<double>(), estimates[k], 1e-6) << terms[k];
    EXPECT_NEAR(c["std_error"].get<double>(), std_errors[k], 1e-9) << terms[k];
  }
  EXPECT_NEAR(json["deviance"].get<double>(), 76419.4396307545, 1e-6 * 76419.44);
}

TEST(GravityCliTest, TableShowsCoefficientsAndNoConvergenceWarning) {
  const CliRun run = RunCli(SmallFit("table"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("log(dist)"));
  EXPECT_THAT(run.out, HasSubstr("-2.2769"));  // R: -2.276913777975102
  EXPECT_THAT(run.out, HasSubstr("converged"));
  EXPECT_THAT(run.out, ::testing::Not(HasSubstr("did NOT converge")));
}

}  // namespace
}  // namespace tradeshock::testing
