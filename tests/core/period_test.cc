#include "tradeshock/period.h"

#include <gtest/gtest.h>

namespace tradeshock {
namespace {

TEST(PeriodTest, ParsesYearMonthAndRange) {
  const auto year = Period::Parse("2020");
  ASSERT_TRUE(year);
  EXPECT_EQ(year->kind(), Period::Kind::kYear);
  EXPECT_EQ(year->month_count(), 12);
  EXPECT_EQ(year->ToString(), "2020");

  const auto month = Period::Parse("2021-03");
  ASSERT_TRUE(month);
  EXPECT_EQ(month->kind(), Period::Kind::kMonth);
  EXPECT_EQ(month->first_month(), 2021 * 12 + 2);

  const auto range = Period::Parse("2021-01..2021-05");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->kind(), Period::Kind::kRange);
  EXPECT_EQ(range->month_count(), 5);
  EXPECT_EQ(range->ToString(), "2021-01..2021-05");
}

TEST(PeriodTest, RejectsMalformedText) {
  for (const char* text : {"", "20", "20200", "2020-13", "2020-00", "2020-1", "2021-05..2021-01", "2021-01..",
                           "..2021-01", "2021-01..2021-1", "abcd", "0999", "2020-01-01"}) {
    EXPECT_FALSE(Period::Parse(text)) << text;
  }
}

TEST(PeriodTest, ShiftsByYearsForYearToDateComparisons) {
  const auto range = *Period::Parse("2021-01..2021-05");
  EXPECT_EQ(range.ShiftYears(-1).ToString(), "2020-01..2020-05");
  EXPECT_EQ(Period::Year(2021).ShiftYears(-1), Period::Year(2020));
}

TEST(PeriodTest, ContainsMonthsOfTheYear) {
  EXPECT_TRUE(Period::Year(2021).Contains(Period::Month(2021, 12)));
  EXPECT_FALSE(Period::Year(2021).Contains(Period::Month(2022, 1)));
  EXPECT_TRUE(Period::Year(2021).Contains(*Period::Parse("2021-01..2021-05")));
}

}  // namespace
}  // namespace tradeshock
