// Inflated size and stdin caps (io/input_bytes.h, ReadOptions::max_inflated_bytes, --max-inflated-bytes):
// a gzip stops inflating at the limit, stdin stops being read at it; the error names the file, the limit and
// the flag. The gzip inputs are made here with zlib from a few hundred kilobytes of text: no bomb is shipped.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "cli/cli_runner.h"
#include "error_text.h"
#include "io/input_bytes.h"
#include "io/io_test_util.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kHeader[] = "reporter,partner,flow,product,period,value,unit,currency\n";

// A long CSV of `rows` times the same row (38 bytes), read with duplicates summed.
std::string LongCsv(int rows) {
  std::string text = kHeader;
  for (int i = 0; i < rows; ++i) text += "CHN,USA,exports,TOTAL,2020,1,unit,USD\n";
  return text;
}

ReadOptions Summed() {
  ReadOptions options = ReadOptions::Defaults();
  options.duplicates = DuplicatePolicy::kSum;
  return options;
}

TEST(InflateLimits, DefaultRuleIsTheLargerOfOneGibAndSixtyFourTimesTheInput) {
  // 1 GiB = 2^30 = 1,073,741,824 bytes. 64 x 1,000 = 64,000 < 1 GiB; 64 x 100 MiB = 64 x 104,857,600
  // = 6,710,886,400 > 1 GiB. A positive max_bytes is the limit whatever the input's size.
  EXPECT_EQ(io_internal::InflatedLimit(0, 1000), 1073741824u);
  EXPECT_EQ(io_internal::InflatedLimit(0, 0), 1073741824u);
  EXPECT_EQ(io_internal::InflatedLimit(0, 104857600), 6710886400u);
  EXPECT_EQ(io_internal::InflatedLimit(5000, 104857600), 5000u);
}

TEST(InflateLimits, GzipPastTheLimitStopsWithTheLimitAndFlagNamed) {
  const std::string text = std::string(kHeader) + std::string(200000, '#');  // 200,056 bytes inflated
  const std::string gz = Gzip(text);
  ASSERT_LT(gz.size(), 2000u);  // deflate packs a run of one byte ~1000:1
  try {
    io_internal::Gunzip(gz, "bomb.csv.gz", 100000);
    FAIL() << "no error";
  } catch (const InputException& exception) {
    EXPECT_EQ(exception.error().kind, InputErrorKind::kOverLimit);
    EXPECT_EQ(exception.error().Message(),
              "bomb.csv.gz: over a limit: got 'more than 100000 bytes when inflated', expected at most 100000 bytes "
              "(limit max_inflated_bytes as given; raise it with --max-inflated-bytes)");
  }
}

TEST(InflateLimits, LimitIsInclusive) {
  const std::string text = LongCsv(50);
  const std::string gz = Gzip(text);
  EXPECT_EQ(io_internal::Gunzip(gz, "exact.csv.gz", static_cast<std::int64_t>(text.size())), text);
  EXPECT_THAT(ThrownBy([&] { io_internal::Gunzip(gz, "exact.csv.gz", static_cast<std::int64_t>(text.size()) - 1); }),
              HasSubstr(fmt::format("got 'more than {} bytes when inflated'", text.size() - 1)));
}

TEST(InflateLimits, ReadOptionsCarryTheLimitToBuffersAndFiles) {
  const std::string text = LongCsv(2000);  // 2,000 rows of 38 bytes, 76 KB
  const std::string gz = Gzip(text);
  ReadOptions options = Summed();
  EXPECT_EQ(ReadTradeBuffer(gz, "t.csv.gz", Ref(), options).size(), 1u);  // the default rule: 1 GiB
  options.max_inflated_bytes = 10000;
  const InputError buffer_error = ErrorOf(gz, options, "t.csv.gz");
  EXPECT_EQ(buffer_error.kind, InputErrorKind::kOverLimit);
  EXPECT_EQ(buffer_error.file, "t.csv.gz");
  TempDir dir;
  const std::string path = dir.Write("t.csv.gz", gz);
  const InputError file_error = FileErrorOf({path}, options);
  EXPECT_EQ(file_error.file, path);
  EXPECT_EQ(file_error.value, "more than 10000 bytes when inflated");
}

TEST(InflateLimits, NegativeLimitIsRefusedByValidate) {
  ReadOptions options = ReadOptions::Defaults();
  options.max_inflated_bytes = -1;
  EXPECT_EQ(ThrownBy([&] { options.Validate(); }),
            "io: ReadOptions::max_inflated_bytes must be 0 (the default: the larger of 1 GiB and 64 x the compressed "
            "size) or a positive number of bytes, got -1");
  EXPECT_THAT(ThrownBy([&] { ReadTradeBuffer(LongCsv(1), "t.csv", Ref(), options); }),
              HasSubstr("ReadOptions::max_inflated_bytes"));
}

// ---------------------------------------------------------------------------------------------------
// stdin through the command line.

CliRun RunCliWithStdin(const std::vector<std::string>& args, const std::string& stdin_path) {
  const auto err_path = TempPath("tradeshock-cli-err");
  std::string command = ShellQuote(TRADESHOCK_CLI_PATH);
  for (const std::string& arg : args) command.append(" ").append(ShellQuote(arg));
  command.append(" >/dev/null 2>").append(ShellQuote(err_path.string()));
  command.append(" <").append(ShellQuote(stdin_path));
  const int status = std::system(command.c_str());
  CliRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = ReadWholeFile(err_path);
  std::filesystem::remove(err_path);
  return run;
}

TEST(InflateLimits, StdinOverTheLimitThroughTheCli) {
  TempDir dir;
  const std::string text = LongCsv(2000);
  const std::string path = dir.Write("t.csv", text);
  ASSERT_GT(text.size(), 65536u);  // more than one 64 KiB read
  const CliRun over = RunCliWithStdin({"inspect", "-", "--sum-duplicates", "--max-inflated-bytes", "64KiB"}, path);
  EXPECT_EQ(over.exit_code, 1);
  // 64 KiB = 65,536 bytes.
  EXPECT_THAT(over.err, HasSubstr("<stdin>: over a limit: got 'more than 65536 bytes read', expected at most 65536 "
                                  "bytes (limit max_inflated_bytes as given; raise it with --max-inflated-bytes)"));
  EXPECT_EQ(RunCliWithStdin({"inspect", "-", "--sum-duplicates", "--max-inflated-bytes", "1MiB"}, path).exit_code, 0);
}

TEST(InflateLimits, EndlessStdinStopsAtTheLimit) {
  // /dev/zero never ends: read until the limit, then the error (was: memory grew until std::bad_alloc).
  const CliRun run = RunCliWithStdin({"inspect", "-", "--max-inflated-bytes", "4MiB"}, "/dev/zero");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("<stdin>: over a limit: got 'more than 4194304 bytes read'"));  // 4 x 1,048,576
}

TEST(InflateLimits, GzipFileOverTheLimitThroughTheCli) {
  TempDir dir;
  const std::string path = dir.Write("t.csv.gz", Gzip(LongCsv(2000)));
  const CliRun run = RunCli({"inspect", path, "--max-inflated-bytes", "10000"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr(path + ": over a limit: got 'more than 10000 bytes when inflated'"));
  EXPECT_THAT(RunCli({"inspect", "--help"}).out, HasSubstr("--max-inflated-bytes"));
}

}  // namespace
}  // namespace tradeshock::testing
