#include "tradeshock/error.h"

#include <gtest/gtest.h>

namespace tradeshock {
namespace {

TEST(ErrorTest, MessageNamesFileLineColumnValueAndExpectation) {
  const InputError error{InputErrorKind::kBadNumber, "flows.csv", 12, 6, "1,2x", "a decimal number"};
  EXPECT_EQ(error.Message(), "flows.csv:12:6: bad number: got '1,2x', expected a decimal number");
}

TEST(ErrorTest, SourcePlaceLeavesOutWhatIsNotKnown) {
  EXPECT_EQ((SourcePlace{"a.toml", 3, 8}).ToString(), "a.toml:3:8");
  EXPECT_EQ((SourcePlace{"a.csv", 3, 0}).ToString(), "a.csv:3");
  EXPECT_EQ((SourcePlace{"a.csv", 0, 0}).ToString(), "a.csv");
  EXPECT_EQ((SourcePlace{"", 0, 4}).ToString(), "<input>");
  const InputError error{InputErrorKind::kBadSyntax, "s.toml", 2, 9, "", "valid TOML"};
  EXPECT_EQ(error.place().ToString(), "s.toml:2:9");
  EXPECT_EQ(error.Message(), "s.toml:2:9: bad syntax, expected valid TOML");
}

TEST(ErrorTest, PrintableEscapesBytesThatAreNotUtf8) {
  EXPECT_EQ(Printable("ab\xFF"
                      "c"),
            "ab\\xFFc");
  EXPECT_EQ(Printable("tab\there"), "tab\\x09here");
  EXPECT_EQ(Printable("\xE4\xB8\xAD"), "\xE4\xB8\xAD");  // a valid three-byte sequence is kept
  EXPECT_EQ(Printable("abcdef", 3), "abc...");
}

}  // namespace
}  // namespace tradeshock
