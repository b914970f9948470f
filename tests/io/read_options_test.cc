// ReadOptions::Validate: the messages name the option.
#include <gtest/gtest.h>

#include <string>

#include "error_text.h"
#include "reference/reference_fixture.h"
#include "tradeshock/error.h"
#include "tradeshock/io.h"

namespace tradeshock {
namespace {

TEST(ReadOptionsTest, ReadOptionsValidateNamesTheOption) {
  EXPECT_EQ(ThrownBy([] { ReadOptions::Defaults().Validate(); }), "no error");
  ReadOptions threads;
  threads.threads = 5000;
  EXPECT_EQ(ThrownBy([&] { threads.Validate(); }), "io: ReadOptions::threads must be 0 (all cores) to 1024, got 5000");
  ReadOptions format;
  format.format = static_cast<InputFormat>(9);
  EXPECT_EQ(ThrownBy([&] { format.Validate(); }),
            "io: ReadOptions::format must be auto, long, baci or comtrade, got 9");
  ReadOptions duplicates;
  duplicates.duplicates = static_cast<DuplicatePolicy>(7);
  EXPECT_EQ(ThrownBy([&] { duplicates.Validate(); }), "io: ReadOptions::duplicates must be error or sum, got 7");
}

TEST(ReadOptionsTest, TheReaderValidatesItsOptions) {
  // A valid one-row long CSV: read with valid options it gives 1 row; with threads = 5000 it is refused before
  // any parsing, with the option's message, by both ways in (a buffer, a file list).
  const std::string csv =
      "reporter,partner,flow,product,period,value,currency,unit,source\n"
      "CHN,USA,exports,TOTAL,2020,10,USD,million,test\n";
  EXPECT_EQ(ReadTradeBuffer(csv, "ok.csv", testing::RepoReference()).size(), 1u);
  ReadOptions threads;
  threads.threads = 5000;
  const std::string message = "io: ReadOptions::threads must be 0 (all cores) to 1024, got 5000";
  EXPECT_EQ(ThrownBy([&] { ReadTradeBuffer(csv, "ok.csv", testing::RepoReference(), threads); }), message);
  EXPECT_EQ(ThrownBy([&] { ReadTradeFiles({"no-such-file.csv"}, testing::RepoReference(), threads); }), message);
}

}  // namespace
}  // namespace tradeshock
