// Input plumbing: gzip, stdin, several files, the parallel chunked parse, and atomic writes.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "io/io_test_util.h"

namespace tradeshock::testing {
namespace {

const std::string kSmall = std::string(kLongHeader) +
                           "CN-XJ,KAZ,trade,TOTAL,2020,75.826,CNY,billion\n"
                           "CN-XJ,USA,trade,TOTAL,2020,6.6,CNY,billion\n";

void ExpectSameTable(const TradeTable& a, const TradeTable& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t row = 0; row < a.size(); ++row) {
    ASSERT_EQ(a.economies()[a.reporter()[row]], b.economies()[b.reporter()[row]]) << row;
    ASSERT_EQ(a.economies()[a.partner()[row]], b.economies()[b.partner()[row]]) << row;
    ASSERT_EQ(a.flow()[row], b.flow()[row]) << row;
    ASSERT_EQ(a.products()[a.product()[row]], b.products()[b.product()[row]]) << row;
    ASSERT_EQ(a.periods()[a.period()[row]], b.periods()[b.period()[row]]) << row;
    ASSERT_EQ(a.currencies()[a.currency()[row]], b.currencies()[b.currency()[row]]) << row;
    ASSERT_EQ(a.value()[row], b.value()[row]) << row;
  }
}

TEST(GzipTest, GzipFileReadsLikePlainFile) {
  TempDir dir;
  const std::string plain = dir.Write("flows.csv", kSmall);
  const std::string gzipped = dir.Write("flows.csv.gz", Gzip(kSmall));
  const TradeTable a = ReadTradeFiles({plain}, Ref());
  const TradeTable b = ReadTradeFiles({gzipped}, Ref());
  ExpectSameTable(a, b);
  EXPECT_DOUBLE_EQ(b.value()[1], 6.6e9);  // 6.6 billion
}

TEST(GzipTest, ConcatenatedMembersAreOneStream) {
  // gzip allows members back to back (cat a.gz b.gz); the rows of both are read.
  const std::string text = Gzip(std::string(kLongHeader) + "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,\n") +
                           Gzip("CN-XJ,USA,trade,TOTAL,2020,2,USD,\n");
  EXPECT_EQ(ReadText(text).size(), 2u);
}

TEST(GzipTest, TruncatedStream) {
  const std::string gzipped = Gzip(kSmall);
  const InputError error = ErrorOf(gzipped.substr(0, gzipped.size() / 2), {}, "flows.csv.gz");
  EXPECT_EQ(error.Message(),
            "flows.csv.gz: bad gzip data: got 'truncated gzip stream', expected a complete gzip stream");
  EXPECT_EQ(error.kind, InputErrorKind::kCompression);
}

TEST(GzipTest, TruncatedFileOnDisk) {
  TempDir dir;
  const std::string gzipped = Gzip(kSmall);
  const std::string path = dir.Write("flows.csv.gz", gzipped.substr(0, gzipped.size() - 4));  // size field cut
  EXPECT_EQ(FileErrorOf({path}).Message(),
            path + ": bad gzip data: got 'truncated gzip stream', expected a complete gzip stream");
}

TEST(GzipTest, CorruptChecksum) {
  std::string gzipped = Gzip(kSmall);
  gzipped[gzipped.size() - 8] ^= 0x55;  // the CRC-32 of the trailer
  EXPECT_EQ(ErrorOf(gzipped, {}, "flows.csv.gz").Message(),
            "flows.csv.gz: bad gzip data: got 'incorrect data check', expected a complete gzip stream");
}

TEST(GzipTest, TrailingGarbage) {
  const std::string gzipped = Gzip(kSmall) + "junk";
  EXPECT_EQ(ErrorOf(gzipped, {}, "flows.csv.gz").Message(),
            "flows.csv.gz: bad gzip data: got '4 bytes of trailing garbage', expected a complete gzip stream");
}

TEST(GzipTest, ErrorLinesCountInflatedText) {
  const std::string gzipped = Gzip(std::string(kLongHeader) + "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,\n" +
                                   "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,parsecs\n");
  EXPECT_EQ(ErrorOf(gzipped, {}, "flows.csv.gz").Message(),
            "flows.csv.gz:3:8: bad unit: got 'parsecs', expected a unit: empty, unit, thousand (k), million (mn), "
            "billion (bn) or trillion (tn)");
}

// Points stdin at `path` for the life of the object.
class StdinFrom {
 public:
  // CI may run the tests with stdin closed: then dup() fails and open() itself returns descriptor 0.
  explicit StdinFrom(const std::string& path) : saved_(::dup(STDIN_FILENO)) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd != STDIN_FILENO) {
      ::dup2(fd, STDIN_FILENO);
      ::close(fd);
    }
  }
  ~StdinFrom() {
    if (saved_ >= 0) {
      ::dup2(saved_, STDIN_FILENO);
      ::close(saved_);
    } else {
      ::close(STDIN_FILENO);
    }
  }

 private:
  int saved_;
};

TEST(StdinTest, DashReadsStandardInput) {
  TempDir dir;
  const std::string path = dir.Write("flows.csv", kSmall);
  TradeTable table;
  {
    StdinFrom redirect(path);
    table = ReadTradeFiles({"-"}, Ref());
  }
  ASSERT_EQ(table.size(), 2u);
  EXPECT_DOUBLE_EQ(table.value()[0], 75.826e9);
  ASSERT_EQ(table.files().size(), 1u);
  EXPECT_EQ(table.files()[0], "<stdin>");
}

TEST(StdinTest, GzipOnStdinAndErrorsNameStdin) {
  TempDir dir;
  const std::string path =
      dir.Write("bad.csv.gz", Gzip(std::string(kLongHeader) + "CN-XJ,KAZ,trade,TOTAL,2020,x,USD,\n"));
  StdinFrom redirect(path);
  EXPECT_EQ(FileErrorOf({"-"}).Message(), "<stdin>:2:6: bad number: got 'x', expected a decimal number");
}

TEST(FilesTest, MissingFile) {
  const std::string path = (std::filesystem::temp_directory_path() / "tradeshock-no-such-file.csv").string();
  EXPECT_EQ(FileErrorOf({path}).Message(),
            path + ": cannot read, expected a readable file (No such file or directory)");
}

TEST(FilesTest, DirectoryIsNotAFile) {
  TempDir dir;
  EXPECT_EQ(FileErrorOf({dir.path().string()}).Message(),
            dir.path().string() + ": cannot read: got 'a directory', expected a regular file as the input file");
}

TEST(FilesTest, SeveralFilesOneTableAndDuplicatesAcrossFiles) {
  TempDir dir;
  const std::string a = dir.Write("a.csv", std::string(kLongHeader) + "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,\n");
  const std::string b = dir.Write("b.csv",
                                  "reporter,partner,flow,product,period,value,currency,unit,source\n"
                                  "CN-XJ,USA,trade,TOTAL,2020,2,USD,,customs\n"
                                  "CN-XJ,KAZ,trade,TOTAL,2020,3,USD,,customs\n");
  EXPECT_EQ(FileErrorOf({a, b}).Message(),
            b + ":3: duplicate key: got 'CN-XJ,KAZ,trade,TOTAL,2020', expected a key not seen before (first at " + a +
                ":2; use --sum-duplicates to add them)");
  ReadOptions options;
  options.duplicates = DuplicatePolicy::kSum;
  const TradeTable table = ReadTradeFiles({a, b}, Ref(), options);
  ASSERT_EQ(table.size(), 2u);
  EXPECT_DOUBLE_EQ(table.value()[0], 4.0);  // 1 + 3
  ASSERT_TRUE(table.has_source());          // the first file's rows get an empty source
  EXPECT_EQ(table.sources()[table.source()[0]], "");
  EXPECT_EQ(table.sources()[table.source()[1]], "customs");
}

// ------------------------------------------------------------------------------------------ parallel

// About 2.6 MB of distinct long-CSV rows: 40,000 rows over 20 partners x 2,000 months.
std::string BigFile(std::size_t rows) {
  static const char* const kPartners[] = {"KAZ", "USA", "RUS", "DEU", "FRA", "JPN", "KOR", "IND", "BRA", "ZAF",
                                          "GBR", "ITA", "ESP", "CAN", "MEX", "AUS", "TUR", "IRN", "PAK", "KGZ"};
  std::string text = "reporter,partner,flow,product,period,value,currency,unit,source\n";
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t month = i / 20;
    text += fmt::format("CN-XJ,{},exports,TOTAL,{:04}-{:02},{}.25,USD,thousand,\"row {}, quoted\"\n", kPartners[i % 20],
                        1000 + month / 12, month % 12 + 1, i, i);
  }
  return text;
}

TEST(ParallelTest, ChunkedParseEqualsSingleThreaded) {
  const std::string text = BigFile(40000);
  ASSERT_GT(text.size(), 2u << 20);
  ReadOptions one;
  one.threads = 1;
  ReadOptions two;
  two.threads = 2;
  const TradeTable a = ReadText(text, one);
  const TradeTable b = ReadText(text, two);
  ASSERT_EQ(a.size(), 40000u);
  ExpectSameTable(a, b);
  // Row 39999: 39999.25 thousand = 39,999,250 USD.
  EXPECT_DOUBLE_EQ(b.value()[39999], 39999250.0);
  EXPECT_EQ(b.sources()[b.source()[39999]], "row 39999, quoted");
}

TEST(ParallelTest, ErrorDeepInFileHasAbsoluteLine) {
  std::string text = BigFile(40000);
  // Row 35000 (0-based) is on line 35002: the header is line 1, row 0 is line 2.
  const std::string needle = "35000.25,USD,thousand";
  const std::size_t at = text.find(needle);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, needle.size(), "35000.25,USD,thousandz");
  ReadOptions options;
  options.threads = 2;
  const InputError error = ErrorOf(text, options, "big.csv");
  EXPECT_EQ(error.Message(),
            "big.csv:35002:8: bad unit: got 'thousandz', expected a unit: empty, unit, thousand (k), million (mn), "
            "billion (bn) or trillion (tn)");
}

TEST(ParallelTest, LenientCountsAcrossChunks) {
  std::string text = BigFile(40000);
  // Break rows 100 (line 102) and 39000 (line 39002): two bad numbers in different chunks.
  for (const std::size_t row : {100u, 39000u}) {
    const std::string needle = fmt::format(",{}.25,", row);
    text.replace(text.find(needle), needle.size(), fmt::format(",{}.2.5,", row));
  }
  ReadOptions options;
  options.threads = 2;
  options.lenient = true;
  ReadReport report;
  const TradeTable table = ReadText(text, options, &report, "big.csv");
  EXPECT_EQ(table.size(), 39998u);
  EXPECT_EQ(report.rows_skipped, 2u);
  ASSERT_EQ(report.examples.size(), 2u);
  EXPECT_EQ(report.examples[0].Message(), "big.csv:102:6: bad number: got '100.2.5', expected a decimal number");
  EXPECT_EQ(report.examples[1].Message(), "big.csv:39002:6: bad number: got '39000.2.5', expected a decimal number");
}

TEST(ParallelTest, ProgressIsReportedThroughTheCallback) {
  // The library never prints; it may call the callback (not necessarily: a fast parse ends first).
  ReadOptions options;
  options.threads = 2;
  std::size_t calls = 0;
  options.progress = [&](std::string_view line) {
    ++calls;
    EXPECT_TRUE(line.starts_with("read ")) << line;
  };
  EXPECT_EQ(ReadText(BigFile(40000), options).size(), 40000u);
}

// ------------------------------------------------------------------------------------------ writes

TEST(WriteFileTest, CreatesAndReplacesLeavingNothingElse) {
  TempDir dir;
  const std::string path = (dir.path() / "out.csv").string();
  WriteFileAtomically(path, "first\n");
  WriteFileAtomically(path, "second\n");
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "second\n");
  std::size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++entries;
    EXPECT_EQ(entry.path().filename(), "out.csv");
  }
  EXPECT_EQ(entries, 1u);
}

TEST(WriteFileTest, MissingDirectoryThrowsAndLeavesNothing) {
  TempDir dir;
  const std::string path = (dir.path() / "no-such-dir" / "out.csv").string();
  try {
    WriteFileAtomically(path, "x");
    FAIL() << "no Error";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()), "cannot write " + path + ": No such file or directory");
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(WriteFileTest, TargetThatIsNotARegularFileIsRefusedAndKept) {
  TempDir dir;
  // A folder, a device and a symbolic link in the target's place: renaming over them would replace the folder,
  // the device itself (as root) or the link, so each is refused, and nothing is left beside them.
  const auto folder = dir.path() / "out.csv";
  std::filesystem::create_directory(folder);
  dir.Write("out.csv/keep", "kept");
  const auto link = dir.path() / "link.csv";
  std::filesystem::create_symlink(folder / "keep", link);
  for (const std::string target : {folder.string(), std::string("/dev/null"), link.string()}) {
    try {
      WriteFileAtomically(target, "x");
      ADD_FAILURE() << "no Error for " << target;
    } catch (const Error& error) {
      EXPECT_EQ(std::string(error.what()), "cannot write " + target +
                                               ": it exists and is not a regular file (expected a new file or one to "
                                               "replace)");
    }
  }
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 2u);  // out.csv/ and link.csv, no .out.csv.tmp-*
  std::ifstream kept(folder / "keep");
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(kept)), std::istreambuf_iterator<char>()), "kept");
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));
}

}  // namespace
}  // namespace tradeshock::testing
