// Named limits on one CSV record (core/csv_record.h): a record over kMaxRecordBytes or with more than
// kMaxFields fields is an "over a limit" error located at its line, in the core reader and the trade readers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "core/csv_reader.h"
#include "reference/reference_fixture.h"
#include "tradeshock/io.h"

namespace tradeshock::testing {
namespace {

using csv_internal::kMaxFields;
using csv_internal::kMaxRecordBytes;
using ::testing::HasSubstr;

std::string CoreError(const std::string& text) {
  try {
    csv_internal::CsvReader reader(text, "t.csv");
    while (reader.Next()) {
    }
  } catch (const InputException& error) {
    return error.what();
  }
  return "no error";
}

TEST(RecordLimitsTest, FieldCountLimit) {
  // kMaxFields fields (kMaxFields - 1 commas) pass; one more field is refused on line 2.
  const std::string ok = "a\n" + std::string(kMaxFields - 1, ',') + "\n";
  EXPECT_EQ(CoreError(ok), "no error");
  const std::string over = "a\n" + std::string(kMaxFields, ',') + "\n";
  EXPECT_THAT(CoreError(over), HasSubstr("t.csv:2:"));
  EXPECT_THAT(CoreError(over), HasSubstr("kMaxFields"));
}

TEST(RecordLimitsTest, RecordLengthLimitInCoreAndTradeReaders) {
  const std::string header = "reporter,partner,flow,product,period,value,unit,currency\n";
  const std::string line = "CHN,USA,exports,TOTAL,2020," + std::string(kMaxRecordBytes + 10, '1') + ",unit,USD\n";
  EXPECT_THAT(CoreError(header + line), HasSubstr("t.csv:2:6: over a limit"));
  try {
    ReadTradeBuffer(header + line, "big.csv", RepoReference());
    FAIL() << "no error";
  } catch (const InputException& error) {
    EXPECT_THAT(error.what(), HasSubstr("big.csv:2:6: over a limit"));
    EXPECT_THAT(error.what(), HasSubstr("kMaxRecordBytes"));
  }
}

}  // namespace
}  // namespace tradeshock::testing
