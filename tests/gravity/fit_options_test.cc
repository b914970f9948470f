// FitOptions::Defaults and Validate: the messages name the option, and Fit refuses options out of range
// before it reads the data.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tradeshock/error.h"
#include "tradeshock/gravity.h"

namespace tradeshock::gravity {
namespace {

using ::testing::HasSubstr;

std::string ValidateMessage(const FitOptions& options) {
  try {
    options.Validate();
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

TEST(FitOptionsTest, DefaultsAreValid) { EXPECT_EQ(ValidateMessage(FitOptions::Defaults()), ""); }

TEST(FitOptionsTest, MessagesNameTheOption) {
  FitOptions options = FitOptions::Defaults();
  options.fe_tolerance = 0;
  EXPECT_THAT(ValidateMessage(options), HasSubstr("FitOptions::fe_tolerance must be a positive number, got 0"));
  options = FitOptions::Defaults();
  options.max_fe_iterations = 0;
  EXPECT_THAT(ValidateMessage(options), HasSubstr("FitOptions::max_fe_iterations must be at least 1, got 0"));
  options = FitOptions::Defaults();
  options.threads = -2;
  EXPECT_THAT(ValidateMessage(options), HasSubstr("FitOptions::threads"));
  options = FitOptions::Defaults();
  options.vcov = VcovType::kCluster;
  EXPECT_THAT(ValidateMessage(options), HasSubstr("one or two cluster variables"));
}

TEST(FitOptionsTest, FitValidatesBeforeReadingColumns) {
  // The formula names a column the data do not have: an invalid option must be the error reported.
  const DataFrame data = ParseDataFrame("y,x\n1,2\n3,4\n", "two-rows.csv");
  FitOptions options = FitOptions::Defaults();
  options.tolerance = -1;
  try {
    Fit(data, ParseFormula("y ~ missing"), options);
    FAIL() << "Fit accepted tolerance = -1";
  } catch (const Error& error) {
    EXPECT_THAT(std::string(error.what()), HasSubstr("FitOptions::tolerance"));
  }
}

}  // namespace
}  // namespace tradeshock::gravity
