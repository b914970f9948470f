// Thousands separators of the tables and charts, against strings written out by hand.
#include <gtest/gtest.h>

#include <limits>

#include "tradeshock/number_format.h"

namespace tradeshock {
namespace {

TEST(WithSeparators, GroupsTheIntegerPartByThrees) {
  EXPECT_EQ(WithSeparators(1234567.891, 1), "1,234,567.9");
  EXPECT_EQ(WithSeparators(123456, 0), "123,456");
  EXPECT_EQ(WithSeparators(12.5, 2), "12.50");
  EXPECT_EQ(WithSeparators(0, 0), "0");
}

TEST(WithSeparators, RoundingCanOpenANewGroup) {
  EXPECT_EQ(WithSeparators(999.96, 1), "1,000.0");  // 999.96 rounds up to 1000.0
}

TEST(WithSeparators, SignOnlyWhenTheRoundedValueIsNotZero) {
  EXPECT_EQ(WithSeparators(-1500, 0), "-1,500");
  EXPECT_EQ(WithSeparators(-1500, 0, "\u2212"), "\u22121,500");  // the typographic minus of the charts
  EXPECT_EQ(WithSeparators(-0.04, 1), "0.0");                    // rounds to zero: no "-0.0"
}

TEST(WithSeparators, NonFiniteValuesAreWrittenAsSuch) {
  EXPECT_EQ(WithSeparators(std::numeric_limits<double>::infinity(), 1), "inf");
  EXPECT_EQ(WithSeparators(std::numeric_limits<double>::quiet_NaN(), 1), "nan");
}

}  // namespace
}  // namespace tradeshock
