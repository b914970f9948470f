// The word-at-a-time digit reader of the fast BACI path, against values read off the test strings by hand.
#include "io/swar_digits.h"

#include <gtest/gtest.h>

#include <string>

namespace tradeshock::io_internal::swar {
namespace {

// The first eight bytes of `text`, padded with commas (the reader always has eight readable bytes).
std::uint64_t Word(std::string text) {
  text.resize(8, ',');
  return Load8(text.data());
}

TEST(SwarDigits, CountsTheLeadingDigits) {
  if (!kAvailable) GTEST_SKIP() << "big-endian machine: the reader uses its per-byte loop";
  EXPECT_EQ(LeadingDigits(Word("2022,4,8")), 4);
  EXPECT_EQ(LeadingDigits(Word(",4,8")), 0);
  EXPECT_EQ(LeadingDigits(Word("12345678")), 8);
  EXPECT_EQ(LeadingDigits(Word("1234567.")), 7);
  // Bytes next to the digits in ASCII order are not digits: '/' (0x2F) before '0', ':' (0x3A) after '9'.
  EXPECT_EQ(LeadingDigits(Word("09/")), 2);
  EXPECT_EQ(LeadingDigits(Word("90:")), 2);
  EXPECT_EQ(LeadingDigits(Word(" 1")), 0);
  EXPECT_EQ(LeadingDigits(Word("7\n")), 1);
}

TEST(SwarDigits, ReadsTheValueOfTheLeadingDigits) {
  if (!kAvailable) GTEST_SKIP() << "big-endian machine: the reader uses its per-byte loop";
  EXPECT_EQ(DigitsValue(Word("2022,4,8"), 4), 2022u);
  EXPECT_EQ(DigitsValue(Word("4,8,0102"), 1), 4u);
  EXPECT_EQ(DigitsValue(Word("010290,1"), 6), 10290u);  // leading zero of an HS code
  EXPECT_EQ(DigitsValue(Word("12345678"), 8), 12345678u);
  EXPECT_EQ(DigitsValue(Word("99999999"), 8), 99999999u);
  EXPECT_EQ(DigitsValue(Word("00000000"), 8), 0u);
  EXPECT_EQ(DigitsValue(Word("1000000,"), 7), 1000000u);
  EXPECT_EQ(DigitsValue(Word("784,0.18"), 3), 784u);
}

}  // namespace
}  // namespace tradeshock::io_internal::swar
