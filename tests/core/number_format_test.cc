// The one number formatter (tradeshock/number_format.h). Every expectation is the rule of docs/FORMATS.md,
// "How numbers are written", applied by hand: four significant digits in the largest scale not above the
// amount, whole units below a thousand, nothing that rounds to zero with a sign.
#include "tradeshock/number_format.h"

#include <gtest/gtest.h>

#include <limits>

namespace tradeshock {
namespace {

TEST(ScaleOfTest, LargestPowerOfAThousandNotAboveTheAmount) {
  EXPECT_EQ(ScaleOf(999.0).divisor, 1.0);
  EXPECT_EQ(ScaleOf(1000.0).word, "thousand");
  EXPECT_EQ(ScaleOf(-2.5e6).word, "million");  // by size: the sign does not matter
  EXPECT_EQ(ScaleOf(21.387e9).word, "billion");
  EXPECT_EQ(ScaleOf(3e15).word, "trillion");  // nothing above trillion
  EXPECT_EQ(ScaleOf(std::numeric_limits<double>::infinity()).divisor, 1.0);
}

TEST(ColumnScaleTest, KeepsThreeIntegerDigitsOnTheLargest) {
  // 21.387e9 / 100 = 213.87e6: millions, so the total reads 21,387.0 million.
  EXPECT_EQ(ColumnScale(21.387e9).word, "million");
  EXPECT_EQ(ColumnScale(100e9).word, "billion");  // 100e9 / 100 = 1e9
  EXPECT_EQ(ColumnScale(99'999.0).word, "");      // 999.99: below a thousand
  EXPECT_EQ(ColumnScale(100'000.0).word, "thousand");
}

TEST(FormatMoneyTest, FourSignificantDigits) {
  EXPECT_EQ(FormatMoney(21.387e9, "USD"), "21.39 billion USD");  // 21.387 -> 2 decimals
  EXPECT_EQ(FormatMoney(4.5283e9, "CNY"), "4.528 billion CNY");  // 4.5283 -> 3 decimals
  EXPECT_EQ(FormatMoney(655.83e6, "USD"), "655.8 million USD");  // 655.83 -> 1 decimal
  EXPECT_EQ(FormatMoney(1.5e12, "USD"), "1.500 trillion USD");
  EXPECT_EQ(FormatMoney(2'400e12, "USD"), "2,400 trillion USD");  // above the last scale: whole, separated
  EXPECT_EQ(FormatMoney(12'346.0), "12.35 thousand");             // no currency: no unit; 12.346 -> 12.35
  EXPECT_EQ(FormatMoney(655.4, "USD"), "655 USD");                // whole units below a thousand
  EXPECT_EQ(FormatMoney(0.0, "USD"), "0 USD");
}

TEST(FormatMoneyTest, RoundingThatCarriesChangesTheDigitsOrTheScale) {
  EXPECT_EQ(FormatMoney(9.9996e9, "USD"), "10.00 billion USD");  // 9.9996 rounds to 10.000: 2 decimals
  EXPECT_EQ(FormatMoney(99.996e6, "USD"), "100.0 million USD");
  EXPECT_EQ(FormatMoney(999.96e6, "USD"), "1.000 billion USD");  // 999.96 million rounds to 1000.0
  EXPECT_EQ(FormatMoney(999.6, "USD"), "1.000 thousand USD");    // 999.6 rounds to 1000 whole units
}

TEST(FormatMoneyTest, NegativeAmountsAndZero) {
  EXPECT_EQ(FormatMoney(-2.5e6, "USD"), "-2.500 million USD");
  EXPECT_EQ(FormatMoney(-0.4, "USD"), "0 USD");  // rounds to zero: no sign
}

TEST(FormatMoneyInTest, GivenScaleAndDecimals) {
  EXPECT_EQ(FormatMoneyIn(12.34e6, kMillions, 1, "USD"), "12.3 million USD");
  EXPECT_EQ(FormatMoneyIn(5e8, kBillions, 3), "0.500 billion");
  EXPECT_EQ(FormatMoneyIn(1'550e6, kMillions, 1, "USD"), "1,550.0 million USD");
  EXPECT_EQ(FormatMoneyIn(42.0, kUnits, 2, "USD"), "42.00 USD");
}

TEST(FormatScaledTest, NumberAloneWithSeparators) {
  EXPECT_EQ(FormatScaled(12'345.6e6, kMillions, 1), "12,345.6");
  EXPECT_EQ(FormatScaled(-1e3, kThousands, 0), "-1");
}

TEST(FormatPercentTest, DecimalsAsAsked) {
  EXPECT_EQ(FormatPercent(0.0452), "4.5%");
  EXPECT_EQ(FormatPercent(0.0452, 2), "4.52%");
  EXPECT_EQ(FormatPercent(0.51352, 0), "51%");
  EXPECT_EQ(FormatPercent(-0.619), "-61.9%");
  EXPECT_EQ(FormatPercent(-0.00001), "0.0%");  // -0.001% rounds to zero: no sign
  EXPECT_EQ(FormatPercent(12.345, 1), "1,234.5%");
}

TEST(FormatSignedPercentTest, SignUnlessZero) {
  EXPECT_EQ(FormatSignedPercent(0.123), "+12.3%");
  EXPECT_EQ(FormatSignedPercent(-0.7), "\u221270.0%");
  EXPECT_EQ(FormatSignedPercent(-0.7, 1, "-"), "-70.0%");
  EXPECT_EQ(FormatSignedPercent(0.00004), "0.0%");
  EXPECT_EQ(FormatSignedPercent(-0.012346, 2), "\u22121.23%");
}

TEST(FormatPercentagePointsTest, DifferenceOfFractions) {
  EXPECT_EQ(FormatPercentagePoints(0.241), "24.1 percentage points");
  EXPECT_EQ(FormatPercentagePoints(0.0025, 2), "0.25 percentage points");
}

}  // namespace
}  // namespace tradeshock
