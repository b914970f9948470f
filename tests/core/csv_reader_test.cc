// The one CSV reader with located errors (core/csv_reader.h): line counting and the faults it names.
// Lines and columns are counted by hand from the text beside each test.
#include "core/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tradeshock::csv_internal {
namespace {

std::vector<std::string> Fields(const CsvReader& reader) {
  return std::vector<std::string>(reader.fields().begin(), reader.fields().end());
}

TEST(CsvReaderTest, LinesCountCommentsBlankLinesAndBreaksInsideQuotes) {
  // 1 "# source", 2 "a,b", 3-4 a record with a line break inside quotes, 5 blank (CRLF), 6 "3,4".
  CsvReader reader("# source\na,b\n\"1\n1\",2\n\r\n3,4", "t.csv", /*skip_comment_lines=*/true);
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.line(), 2u);
  EXPECT_EQ(Fields(reader), (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.line(), 3u);
  EXPECT_EQ(Fields(reader), (std::vector<std::string>{"1\n1", "2"}));
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.line(), 6u);
  EXPECT_EQ(Fields(reader), (std::vector<std::string>{"3", "4"}));
  EXPECT_FALSE(reader.Next());
}

TEST(CsvReaderTest, CommentLinesAreDataUnlessAsked) {
  CsvReader reader("# a,b\n1,2\n", "t.csv");
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(Fields(reader), (std::vector<std::string>{"# a", "b"}));
}

TEST(CsvReaderTest, RequireFieldsNamesTheFirstMissingField) {
  // Line 1 "a,b,c,d", line 2 "1,2": fields 3 and 4 are missing, so column 3.
  CsvReader reader("a,b,c,d\n1,2\n", "t.csv");
  ASSERT_TRUE(reader.Next());
  reader.RequireFields(4);
  ASSERT_TRUE(reader.Next());
  try {
    reader.RequireFields(4);
    FAIL();
  } catch (const InputException& exception) {
    EXPECT_EQ(exception.error().Message(),
              "t.csv:2:3: wrong number of fields: got '2 fields', expected 4 fields as in the header");
  }
}

TEST(CsvReaderTest, TextAfterAClosingQuoteIsLocated) {
  // Line 1 "a,b", line 2 '"x"y,1': the first field has text after its closing quote: column 1.
  CsvReader reader("a,b\n\"x\"y,1\n", "q.csv");
  ASSERT_TRUE(reader.Next());
  try {
    reader.Next();
    FAIL();
  } catch (const InputException& exception) {
    EXPECT_EQ(exception.error().kind, InputErrorKind::kQuoting);
    EXPECT_EQ(exception.error().line, 2u);
    EXPECT_EQ(exception.error().column, 1u);
  }
}

TEST(CsvReaderTest, FieldsOfTheInputAreKnownAsSuch) {
  const std::string text = "a,\"b\"\"c\"\n";
  CsvReader reader(text, "t.csv");
  ASSERT_TRUE(reader.Next());
  ASSERT_EQ(reader.fields().size(), 2u);
  EXPECT_TRUE(reader.IsInInput(reader.fields()[0]));
  EXPECT_EQ(reader.fields()[1], "b\"c");
  EXPECT_FALSE(reader.IsInInput(reader.fields()[1]));  // doubled quotes: unescaped into the reader's storage
}

}  // namespace
}  // namespace tradeshock::csv_internal
