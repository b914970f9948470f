// The reader has two ways through a data line: a fast path for plain lines (no quotes, no spaces, ASCII)
// and the general record reader, which every other line and every error goes through. These tests check
// that both give the same table, that line numbers stay right when a large file is cut into chunks read in
// parallel, and that the shortcut which skips the duplicate check on sorted BACI files cannot hide one.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>

#include "io/io_test_util.h"

namespace tradeshock::testing {
namespace {

constexpr char kCountryCodes[] =
    "country_code,country_name,country_iso2,country_iso3\n"
    "4,Afghanistan,AF,AFG\n"
    "156,China,CN,CHN\n"
    "251,France,FR,FRA\n"
    "398,Kazakhstan,KZ,KAZ\n"
    "842,USA,US,USA\n";

std::string BaciFile(const TempDir& dir, const std::string& name, const std::string& data,
                     const std::string& codes = kCountryCodes) {
  dir.Write("country_codes_V202401.csv", codes);
  return dir.Write(name, data);
}

// 1 to 30 random digits with a point somewhere (or none): around the limits of the reader's own conversion
// (19 digits, a mantissa of 2^53, 22 decimals), past which it hands over to fast_float.
std::string RandomDigits(std::mt19937& random) {
  std::uniform_int_distribution<int> length(1, 30);
  std::uniform_int_distribution<int> digit(0, 9);
  const int count = length(random);
  std::string digits;
  for (int i = 0; i < count; ++i) digits += static_cast<char>('0' + digit(random));
  const int point = std::uniform_int_distribution<int>(0, count + 2)(random);
  if (point <= count) digits.insert(static_cast<std::size_t>(point), ".");
  return digits;
}

// Random BACI lines, most of them plain, some in the forms only the general reader takes: a CRLF ending,
// a space before a number, NA for a missing quantity, a 5-digit k, exponents, a value starting or ending with
// a point, long digit strings.
std::string RandomBaciRows(std::mt19937& random, int rows) {
  const int codes[] = {4, 156, 251, 398, 842};
  std::uniform_int_distribution<int> code(0, 4);
  std::uniform_int_distribution<int> product(10000, 999999);
  std::uniform_int_distribution<int> form(0, 19);
  std::uniform_real_distribution<double> amount(0.0, 1e6);
  std::string text;
  for (int row = 0; row < rows; ++row) {
    const int k = product(random);
    const int kind = form(random);
    text += "2022," + std::to_string(codes[code(random)]) + "," + std::to_string(codes[code(random)]) + ",";
    std::string hs = std::to_string(k);
    if (kind != 0 && k < 100000) hs.insert(hs.begin(), '0');  // kind 0: BACI's 5-digit form without the zero
    text += hs;
    text += ",";
    const double v = amount(random);
    if (kind == 1) text += " ";
    text += kind == 2    ? "1.5e3"
            : kind == 3  ? ".25"
            : kind == 9  ? "7."
            : kind == 10 ? RandomDigits(random)
                         : std::to_string(v);
    text += ",";
    if (kind == 4)
      text += "NA";
    else if (kind == 5)
      text += "";
    else if (kind == 6)
      text += " 7";
    else
      text += std::to_string(v / 3.0);
    text += kind == 7 ? "\r\n" : "\n";
    if (kind == 8) text += "\n";  // a blank line
  }
  return text;
}

// Quoting one field of the first data row makes the whole (single-chunk) file go through the general reader.
std::string QuoteFirstField(const std::string& data) {
  const std::size_t first_row = data.find('\n') + 1;
  return data.substr(0, first_row) + "\"2022\"" + data.substr(first_row + 4);
}

void ExpectSameTables(const TradeTable& a, const TradeTable& b) {
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.has_quantity(), b.has_quantity());
  for (std::size_t row = 0; row < a.size(); ++row) {
    SCOPED_TRACE("row " + std::to_string(row));
    EXPECT_EQ(a.economies()[a.reporter()[row]], b.economies()[b.reporter()[row]]);
    EXPECT_EQ(a.economies()[a.partner()[row]], b.economies()[b.partner()[row]]);
    EXPECT_EQ(a.products()[a.product()[row]], b.products()[b.product()[row]]);
    EXPECT_EQ(a.periods()[a.period()[row]], b.periods()[b.period()[row]]);
    EXPECT_EQ(a.flow()[row], b.flow()[row]);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(a.value()[row]), std::bit_cast<std::uint64_t>(b.value()[row]));
    EXPECT_EQ(std::bit_cast<std::uint32_t>(a.quantity()[row]), std::bit_cast<std::uint32_t>(b.quantity()[row]));
  }
}

TEST(ReadPathsTest, FastAndGeneralReadersGiveTheSameTable) {
  std::mt19937 random(20261129);
  const std::string data = "t,i,j,k,v,q\n" + RandomBaciRows(random, 5000);
  TempDir dir;
  ReadOptions options;
  options.duplicates = DuplicatePolicy::kSum;  // random keys repeat; summing is order-independent per key
  const TradeTable plain = ReadTradeFiles({BaciFile(dir, "plain.csv", data)}, Ref(), options);
  const TradeTable general = ReadTradeFiles({BaciFile(dir, "quoted.csv", QuoteFirstField(data))}, Ref(), options);
  EXPECT_GT(plain.size(), 3000u);
  ExpectSameTables(plain, general);
}

// Builds a multi-chunk file (well over the 1 MiB a chunk needs) of unique, sorted rows with blank lines and
// CRLF endings here and there, and returns it with the number of lines written so far.
struct BigFile {
  std::string text = "t,i,j,k,v,q\n";
  std::size_t lines = 1;
  void Row(int year, int i, int j, int k, const std::string& tail = "1.5,2") {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%d,%d,%d,%06d,", year, i, j, k);
    text += buffer + tail + "\n";
    ++lines;
  }
};

BigFile SortedBigFile() {
  BigFile file;
  const int codes[] = {4, 156, 251, 398, 842};
  for (const int i : codes) {
    for (const int j : codes) {
      for (int k = 10000; k < 26000; ++k) {
        file.Row(2022, i, j, k);
        if (k % 4999 == 0) {
          file.text += "\n";  // blank line: the lines and the rows part ways here
          ++file.lines;
        }
      }
    }
  }
  return file;
}

TEST(ReadPathsTest, ErrorLineIsRightDeepInAChunkedFile) {
  BigFile file = SortedBigFile();
  ASSERT_GT(file.text.size(), 8u << 20);  // several chunks on two threads
  file.Row(2023, 4, 4, 10000, "oops,1");
  const std::size_t bad_line = file.lines;
  TempDir dir;
  const std::string path = BaciFile(dir, "big.csv", file.text);
  ReadOptions options;
  options.threads = 2;
  EXPECT_EQ(FileErrorOf({path}, options).Message(),
            path + ":" + std::to_string(bad_line) + ":5: bad number: got 'oops', expected a decimal number");
}

TEST(ReadPathsTest, DuplicateAfterSortedRowsIsFoundAcrossChunks) {
  BigFile file = SortedBigFile();
  const std::size_t rows_before = 5 * 5 * 16000;
  file.Row(2022, 4, 4, 10000);  // the first data row again, at the end: keys no longer increase
  const std::size_t duplicate_line = file.lines;
  TempDir dir;
  const std::string path = BaciFile(dir, "big.csv", file.text);
  ReadOptions options;
  options.threads = 2;
  EXPECT_EQ(FileErrorOf({path}, options).Message(),
            path + ":" + std::to_string(duplicate_line) +
                ": duplicate key: got 'AFG,AFG,exports,010000,2022', expected a key not seen before (first at " + path +
                ":2; use --sum-duplicates to add them)");
  options.duplicates = DuplicatePolicy::kSum;
  const TradeTable table = ReadTradeFiles({path}, Ref(), options);
  EXPECT_EQ(table.size(), rows_before);
  EXPECT_DOUBLE_EQ(table.value()[0], 3000.0);  // 1.5 + 1.5 thousand USD
}

TEST(ReadPathsTest, SortedRowsWithTwoCodesForOneCountryAreStillChecked) {
  // Two codes for Germany (276 today, 280 the Federal Republic before 1990): the source keys 2022,276,... and
  // 2022,280,... increase, yet both rows have the key DEU,USA,exports,010121,2022.
  const std::string codes =
      "country_code,country_name,country_iso2,country_iso3\n276,Germany,DE,DEU\n280,Germany,DE,DEU\n842,USA,US,USA\n";
  TempDir dir;
  const std::string path =
      BaciFile(dir, "deu.csv", "t,i,j,k,v,q\n2022,276,842,010121,1,1\n2022,280,842,010121,2,1\n", codes);
  EXPECT_EQ(FileErrorOf({path}).Message(),
            path + ":3: duplicate key: got 'DEU,USA,exports,010121,2022', expected a key not seen before (first at " +
                path + ":2; use --sum-duplicates to add them)");
}

TEST(ReadPathsTest, SortedFilesAreCheckedAgainstEachOther) {
  TempDir dir;
  const std::string first = BaciFile(dir, "a.csv", "t,i,j,k,v,q\n2022,156,842,010121,1,1\n");
  const std::string second = BaciFile(dir, "b.csv", "t,i,j,k,v,q\n2021,156,842,010121,1,1\n2022,156,842,010121,1,1\n");
  EXPECT_EQ(FileErrorOf({first, second}).Message(),
            second + ":3: duplicate key: got 'CHN,USA,exports,010121,2022', expected a key not seen before (first at " +
                first + ":2; use --sum-duplicates to add them)");
}

}  // namespace
}  // namespace tradeshock::testing
