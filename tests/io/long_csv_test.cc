// Long CSV reader: hand-computed values and one test per kind of malformed input, each asserting the
// whole message (file:line:column, the value found, what was expected).
#include <gtest/gtest.h>

#include <string>

#include "io/io_test_util.h"

namespace tradeshock::testing {
namespace {

constexpr char kEconomyExpected[] =
    "an economy code (ISO 3166-1 alpha-3/alpha-2/numeric, ISO 3166-2 such as CN-XJ, a group such as EU27, or WLD)";

std::string Long(const std::string& rows) { return std::string(kLongHeader) + rows; }

// ------------------------------------------------------------------------------------------ good input

TEST(LongCsvTest, ScalesBillionAndKeepsCodes) {
  // The seed article's figure: 75.826 billion yuan = 75.826 * 10^9 = 75,826,000,000 CNY.
  const TradeTable table = ReadText(Long("CN-XJ,KAZ,trade,TOTAL,2020,75.826,CNY,billion\n"));
  ASSERT_EQ(table.size(), 1u);
  EXPECT_DOUBLE_EQ(table.value()[0], 75.826e9);
  EXPECT_EQ(table.economies()[table.reporter()[0]], "CN-XJ");
  EXPECT_EQ(table.economies()[table.partner()[0]], "KAZ");
  EXPECT_EQ(table.flow()[0], Flow::kTrade);
  EXPECT_EQ(table.products()[table.product()[0]], "TOTAL");
  EXPECT_EQ(table.periods()[table.period()[0]], Period::Year(2020));
  EXPECT_EQ(table.currencies()[table.currency()[0]], "CNY");
  EXPECT_FALSE(table.has_source());
  EXPECT_FALSE(table.has_quantity());
  ASSERT_EQ(table.files().size(), 1u);
  EXPECT_EQ(table.files()[0], "t.csv");
}

TEST(LongCsvTest, EveryUnitWordAndPeriodForm) {
  const TradeTable table =
      ReadText(Long("CHN,USA,exports,61,2020,1.5,USD,\n"                    // empty unit: 1.5
                    "CHN,USA,exports,62,2020,2,USD,unit\n"                  // 2
                    "CHN,USA,exports,6109,2020,3,USD,thousand\n"            // 3 * 10^3 = 3,000
                    "CHN,USA,exports,6110,2020,4,USD,k\n"                   // 4,000
                    "CHN,USA,exports,610910,2020,5,USD,million\n"           // 5 * 10^6
                    "CHN,USA,exports,610990,2020,6,USD,mn\n"                // 6,000,000
                    "CHN,USA,imports,61,2020,7,USD,bn\n"                    // 7 * 10^9
                    "CHN,USA,imports,62,2020,0.25,USD,trillion\n"           // 0.25 * 10^12 = 250,000,000,000
                    "CHN,USA,imports,TOTAL,2021-03,8,USD,Million\n"         // case-insensitive: 8,000,000
                    "CHN,USA,imports,TOTAL,2021-01..2021-05,9,EUR,tn\n"));  // 9 * 10^12
  ASSERT_EQ(table.size(), 10u);
  const double expected[] = {1.5, 2, 3e3, 4e3, 5e6, 6e6, 7e9, 2.5e11, 8e6, 9e12};
  for (std::size_t row = 0; row < 10; ++row) EXPECT_DOUBLE_EQ(table.value()[row], expected[row]) << "row " << row;
  EXPECT_EQ(table.periods()[table.period()[8]], Period::Month(2021, 3));
  EXPECT_EQ(table.periods()[table.period()[9]], Period::Range(2021, 1, 2021, 5));
  EXPECT_EQ(table.products()[table.product()[4]], "610910");
  EXPECT_EQ(table.flow()[6], Flow::kImports);
  EXPECT_EQ(table.currencies()[table.currency()[9]], "EUR");
}

TEST(LongCsvTest, ResolvesAlpha2NumericAndLowerCaseToCanonicalCodes) {
  // 398 is Kazakhstan's ISO 3166-1 numeric code, KZ its alpha-2.
  const TradeTable table = ReadText(Long("cn-xj,398,trade,TOTAL,2020,1,usd,\nCN-XJ,KZ,trade,TOTAL,2019,2,USD,\n"));
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table.economies()[table.reporter()[0]], "CN-XJ");
  EXPECT_EQ(table.economies()[table.partner()[0]], "KAZ");
  EXPECT_EQ(table.economies()[table.partner()[1]], "KAZ");
  EXPECT_EQ(table.currencies()[table.currency()[0]], "USD");
}

TEST(LongCsvTest, SourceColumnWithQuotedCommasAndDoubledQuotes) {
  const TradeTable table = ReadText(
      "reporter,partner,flow,product,period,value,currency,unit,source\n"
      "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,,\"Urumqi Customs, 2021: \"\"up 5%\"\"\"\n"
      "CN-XJ,USA,trade,TOTAL,2020,2,USD,,\"two\nlines\"\n");
  ASSERT_EQ(table.size(), 2u);
  ASSERT_TRUE(table.has_source());
  EXPECT_EQ(table.sources()[table.source()[0]], "Urumqi Customs, 2021: \"up 5%\"");
  EXPECT_EQ(table.sources()[table.source()[1]], "two\nlines");
}

TEST(LongCsvTest, ColumnsInAnyOrderAndBlankLinesSkipped) {
  const TradeTable table = ReadText(
      "unit,currency,value,period,product,flow,partner,reporter\n\n"
      "million,USD,12.5,2020,TOTAL,exports,KAZ,CN-XJ\n\n");
  ASSERT_EQ(table.size(), 1u);
  EXPECT_DOUBLE_EQ(table.value()[0], 12.5e6);  // 12.5 * 10^6
  EXPECT_EQ(table.economies()[table.partner()[0]], "KAZ");
}

TEST(LongCsvTest, ByteOrderMarkBeforeHeaderIsIgnored) {
  const TradeTable table = ReadText("\xEF\xBB\xBF" + Long("CN-XJ,KAZ,trade,TOTAL,2020,3,USD,\n"));
  ASSERT_EQ(table.size(), 1u);
  EXPECT_DOUBLE_EQ(table.value()[0], 3.0);
}

TEST(LongCsvTest, CrlfLineEndings) {
  const TradeTable table = ReadText(
      "reporter,partner,flow,product,period,value,currency,unit\r\n"
      "CN-XJ,KAZ,trade,TOTAL,2020,3,USD,million\r\n"
      "CN-XJ,USA,trade,TOTAL,2020,\"4\",USD,million\r\n");
  ASSERT_EQ(table.size(), 2u);
  EXPECT_DOUBLE_EQ(table.value()[0], 3e6);  // "million\r" must not be read as an unknown unit
  EXPECT_DOUBLE_EQ(table.value()[1], 4e6);
}

TEST(LongCsvTest, SumDuplicatesAddsValues) {
  ReadOptions options;
  options.duplicates = DuplicatePolicy::kSum;
  // 1 million + 2.5 million = 3.5 million.
  const TradeTable table = ReadText(Long("CN-XJ,KAZ,trade,TOTAL,2020,1,USD,million\nCN-XJ,USA,trade,TOTAL,2020,9,USD,\n"
                                         "CN-XJ,KAZ,trade,TOTAL,2020,2.5,USD,million\n"),
                                    options);
  ASSERT_EQ(table.size(), 2u);
  double kaz = 0;
  for (std::size_t row = 0; row < table.size(); ++row) {
    if (table.economies()[table.partner()[row]] == "KAZ") kaz = table.value()[row];
  }
  EXPECT_DOUBLE_EQ(kaz, 3.5e6);
}

TEST(LongCsvTest, LenientSkipsBadRowsAndCountsThemByKind) {
  ReadOptions options;
  options.lenient = true;
  ReadReport report;
  const TradeTable table = ReadText(Long("CN-XJ,KAZ,trade,TOTAL,2020,1,USD,\n"     // line 2: kept
                                         "CN-XJ,USA,trade,TOTAL,2020,x,USD,\n"     // line 3: bad number
                                         "CN-XJ,RUS,sideways,TOTAL,2020,1,USD,\n"  // line 4: bad flow
                                         "CN-XJ,DEU,trade,TOTAL,2020,-1,USD,\n"    // line 5: negative
                                         "CN-XJ,FRA,trade,TOTAL,2020,1e,USD,\n"    // line 6: bad number
                                         "CN-XJ,JPN,trade,TOTAL,2020,2,USD,\n"),   // line 7: kept
                                    options, &report);
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(report.rows_kept, 2u);
  EXPECT_EQ(report.rows_skipped, 4u);
  EXPECT_EQ(report.skipped_by_kind[InputErrorKind::kBadNumber], 2u);
  EXPECT_EQ(report.skipped_by_kind[InputErrorKind::kBadFlow], 1u);
  EXPECT_EQ(report.skipped_by_kind[InputErrorKind::kNegativeValue], 1u);
  ASSERT_EQ(report.examples.size(), 4u);
  EXPECT_EQ(report.examples[0].Message(), "t.csv:3:6: bad number: got 'x', expected a decimal number");
  EXPECT_EQ(report.examples[1].Message(), "t.csv:4:3: bad flow: got 'sideways', expected exports, imports or trade");
  EXPECT_EQ(report.examples[3].line, 6u);
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_EQ(report.files[0].format, InputFormat::kLong);
  EXPECT_EQ(report.files[0].rows, 2u);
}

TEST(LongCsvTest, LenientReadThatKeepsNoRowIsAnError) {
  ReadOptions options;
  options.lenient = true;
  const InputError error =
      ErrorOf(Long("CN-XJ,USA,trade,TOTAL,2020,x,USD,\nCN-XJ,RUS,sideways,TOTAL,2020,1,USD,\n"), options);
  EXPECT_EQ(error.Message(),
            "t.csv: no data, expected at least one row without faults (--lenient skipped all 2 data rows; the first: "
            "t.csv:2:6: bad number: got 'x', expected a decimal number)");
  EXPECT_EQ(error.kind, InputErrorKind::kEmpty);
}

TEST(LongCsvTest, LenientResynchronisesAfterMisplacedQuote) {
  ReadOptions options;
  options.lenient = true;
  ReadReport report;
  const TradeTable table =
      ReadText(Long("CN-XJ,KA\"Z,trade,TOTAL,2020,1,USD,\nCN-XJ,USA,trade,TOTAL,2020,2,USD,\n"), options, &report);
  ASSERT_EQ(table.size(), 1u);
  EXPECT_DOUBLE_EQ(table.value()[0], 2.0);
  EXPECT_EQ(report.skipped_by_kind[InputErrorKind::kQuoting], 1u);
}

// ------------------------------------------------------------------------------------------ bad input

struct BadCase {
  const char* name;
  std::string rows;  // after the standard header (line 1)
  std::string message;
  InputErrorKind kind;
  std::size_t line, column;
  std::string value;
};
// Test names already say which case it is; this keeps ctest's listing free of byte dumps.
void PrintTo(const BadCase& bad, std::ostream* out) { *out << bad.name; }

class LongCsvBadRowTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(LongCsvBadRowTest, ReportsFileLineColumnValueAndExpectation) {
  const BadCase& bad = GetParam();
  const InputError error = ErrorOf(Long(bad.rows));
  EXPECT_EQ(error.Message(), bad.message);
  EXPECT_EQ(error.kind, bad.kind);
  EXPECT_EQ(error.file, "t.csv");
  EXPECT_EQ(error.line, bad.line);
  EXPECT_EQ(error.column, bad.column);
  EXPECT_EQ(error.value, bad.value);
}

const std::string kGood = "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,\n";

INSTANTIATE_TEST_SUITE_P(
    Malformed, LongCsvBadRowTest,
    ::testing::Values(
        BadCase{"TooManyFields", "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,unit,extra\n",
                "t.csv:2:9: wrong number of fields: got '9 fields', expected 8 fields as in the header",
                InputErrorKind::kColumnCount, 2, 9, "9 fields"},
        BadCase{"TooFewFields", kGood + "CN-XJ,KAZ,trade,TOTAL,2021,1,USD\n",
                "t.csv:3:8: wrong number of fields: got '7 fields', expected 8 fields as in the header",
                InputErrorKind::kColumnCount, 3, 8, "7 fields"},
        BadCase{"QuotedCommaInNumber", "CN-XJ,KAZ,trade,TOTAL,2020,\"1,2\",USD,\n",
                "t.csv:2:6: bad number: got '1,2', expected a decimal number", InputErrorKind::kBadNumber, 2, 6, "1,2"},
        BadCase{"EmptyValue", "CN-XJ,KAZ,trade,TOTAL,2020,,USD,\n",
                "t.csv:2:6: bad number: got '', expected a decimal number", InputErrorKind::kBadNumber, 2, 6, ""},
        BadCase{"NegativeValue", "CN-XJ,KAZ,trade,TOTAL,2020,-5,USD,\n",
                "t.csv:2:6: negative value: got '-5', expected a value >= 0", InputErrorKind::kNegativeValue, 2, 6,
                "-5"},
        BadCase{"NaN", "CN-XJ,KAZ,trade,TOTAL,2020,nan,USD,\n",
                "t.csv:2:6: bad number: got 'nan', expected a finite decimal number", InputErrorKind::kBadNumber, 2, 6,
                "nan"},
        BadCase{"Infinity", "CN-XJ,KAZ,trade,TOTAL,2020,inf,USD,\n",
                "t.csv:2:6: bad number: got 'inf', expected a finite decimal number (out of range)",
                InputErrorKind::kBadNumber, 2, 6, "inf"},
        BadCase{"HugeNumber", "CN-XJ,KAZ,trade,TOTAL,2020,1e999,USD,\n",
                "t.csv:2:6: bad number: got '1e999', expected a finite decimal number (out of range)",
                InputErrorKind::kBadNumber, 2, 6, "1e999"},
        BadCase{"HugeOnceScaled", "CN-XJ,KAZ,trade,TOTAL,2020,1e300,USD,trillion\n",
                "t.csv:2:6: bad number: got '1e300', expected a finite decimal number (out of range once scaled "
                "by the unit)",
                InputErrorKind::kBadNumber, 2, 6, "1e300"},
        BadCase{"Month13", "CN-XJ,KAZ,trade,TOTAL,2021-13,1,USD,\n",
                "t.csv:2:5: bad period: got '2021-13', expected a period YYYY, YYYY-MM or YYYY-MM..YYYY-MM",
                InputErrorKind::kBadPeriod, 2, 5, "2021-13"},
        BadCase{"ReversedRange", "CN-XJ,KAZ,trade,TOTAL,2021-05..2021-01,1,USD,\n",
                "t.csv:2:5: bad period: got '2021-05..2021-01', expected a period YYYY, YYYY-MM or "
                "YYYY-MM..YYYY-MM",
                InputErrorKind::kBadPeriod, 2, 5, "2021-05..2021-01"},
        BadCase{"FiscalYear", "CN-XJ,KAZ,trade,TOTAL,FY2020,1,USD,\n",
                "t.csv:2:5: bad period: got 'FY2020', expected a period YYYY, YYYY-MM or YYYY-MM..YYYY-MM",
                InputErrorKind::kBadPeriod, 2, 5, "FY2020"},
        BadCase{"BadFlow", "CN-XJ,KAZ,sideways,TOTAL,2020,1,USD,\n",
                "t.csv:2:3: bad flow: got 'sideways', expected exports, imports or trade", InputErrorKind::kBadFlow, 2,
                3, "sideways"},
        BadCase{"UnknownReporter", "ATLANTIS,KAZ,trade,TOTAL,2020,1,USD,\n",
                std::string("t.csv:2:1: unknown code: got 'ATLANTIS', expected ") + kEconomyExpected,
                InputErrorKind::kUnknownCode, 2, 1, "ATLANTIS"},
        BadCase{"UnknownPartner", "CN-XJ,QQQ,trade,TOTAL,2020,1,USD,\n",
                std::string("t.csv:2:2: unknown code: got 'QQQ', expected ") + kEconomyExpected,
                InputErrorKind::kUnknownCode, 2, 2, "QQQ"},
        BadCase{"UnknownCurrency", "CN-XJ,KAZ,trade,TOTAL,2020,1,ABC,\n",
                "t.csv:2:7: unknown currency: got 'ABC', expected an ISO 4217 currency code (USD, CNY, ...)",
                InputErrorKind::kUnknownCurrency, 2, 7, "ABC"},
        BadCase{"CurrencySymbol", "CN-XJ,KAZ,trade,TOTAL,2020,1,$,\n",
                "t.csv:2:7: unknown currency: got '$', expected an ISO 4217 currency code (USD, CNY, ...)",
                InputErrorKind::kUnknownCurrency, 2, 7, "$"},
        BadCase{"UnknownUnit", "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,dozen\n",
                "t.csv:2:8: bad unit: got 'dozen', expected a unit: empty, unit, thousand (k), million (mn), "
                "billion (bn) or trillion (tn)",
                InputErrorKind::kBadUnit, 2, 8, "dozen"},
        BadCase{"FiveDigitHsCode", "CN-XJ,KAZ,trade,61091,2020,1,USD,\n",
                "t.csv:2:4: unknown code: got '61091', expected a product: TOTAL, an HS code of 2, 4 or 6 digits, "
                "or a product group (CN-MECH-ELEC, ...)",
                InputErrorKind::kUnknownCode, 2, 4, "61091"},
        BadCase{"LetterInHsCode", "CN-XJ,KAZ,trade,61O9,2020,1,USD,\n",
                "t.csv:2:4: unknown code: got '61O9', expected a product: TOTAL, an HS code of 2, 4 or 6 digits, "
                "or a product group (CN-MECH-ELEC, ...)",
                InputErrorKind::kUnknownCode, 2, 4, "61O9"},
        BadCase{"UnterminatedQuote", kGood + "CN-XJ,\"KAZ,trade,TOTAL,2020,1,USD,\n",
                "t.csv:3:2: bad quoting: got 'CN-XJ,\"KAZ,trade,TOTAL,2020,1,USD,', expected a closing quote "
                "before the end of the file",
                InputErrorKind::kQuoting, 3, 2, "CN-XJ,\"KAZ,trade,TOTAL,2020,1,USD,"},
        BadCase{"QuoteInsideUnquotedField", "CN-XJ,KA\"Z,trade,TOTAL,2020,1,USD,\n",
                "t.csv:2:2: bad quoting: got 'CN-XJ,KA\"Z,trade,TOTAL,2020,1,USD,', expected quotes only around a "
                "whole field (a quote inside one is doubled: \"\")",
                InputErrorKind::kQuoting, 2, 2, "CN-XJ,KA\"Z,trade,TOTAL,2020,1,USD,"},
        BadCase{"TextAfterClosingQuote", "CN-XJ,\"KAZ\"x,trade,TOTAL,2020,1,USD,\r\n",
                "t.csv:2:2: bad quoting: got 'CN-XJ,\"KAZ\"x,trade,TOTAL,2020,1,USD,', expected quotes only around "
                "a whole field (a quote inside one is doubled: \"\")",
                InputErrorKind::kQuoting, 2, 2, "CN-XJ,\"KAZ\"x,trade,TOTAL,2020,1,USD,"},
        BadCase{"Latin1Byte", "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,caf\xE9\n",
                "t.csv:2:8: invalid UTF-8: got 'caf\\xE9', expected UTF-8 text", InputErrorKind::kEncoding, 2, 8,
                "caf\xE9"}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return std::string(info.param.name); });

TEST(LongCsvErrorTest, LineNumbersCountBlankLinesAndQuotedLineBreaks) {
  // Line 2 holds a source with a line break (lines 2-3), line 4 is blank, line 5 is bad.
  const InputError error = ErrorOf(
      "reporter,partner,flow,product,period,value,currency,unit,source\n"
      "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,,\"a\nb\"\n"
      "\n"
      "CN-XJ,USA,trade,TOTAL,2020,1,USD,furlongs,\n");
  EXPECT_EQ(error.Message(),
            "t.csv:5:8: bad unit: got 'furlongs', expected a unit: empty, unit, thousand (k), million (mn), billion "
            "(bn) or trillion (tn)");
}

TEST(LongCsvErrorTest, CrlfErrorValueHasNoCarriageReturn) {
  const InputError error = ErrorOf(
      "reporter,partner,flow,product,period,value,currency,unit\r\n"
      "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,\r\n"
      "CN-XJ,USA,trade,TOTAL,2020,1,USD,dozen\r\n");
  EXPECT_EQ(error.line, 3u);
  EXPECT_EQ(error.column, 8u);
  EXPECT_EQ(error.value, "dozen");
}

TEST(LongCsvErrorTest, BomDoesNotShiftLinesOrColumns) {
  const InputError error = ErrorOf("\xEF\xBB\xBF" + Long("CN-XJ,KAZ,trade,TOTAL,2020,x,USD,\n"));
  EXPECT_EQ(error.Message(), "t.csv:2:6: bad number: got 'x', expected a decimal number");
}

TEST(LongCsvErrorTest, EmptyFile) {
  EXPECT_EQ(ErrorOf("").Message(), "t.csv: no data, expected a header line and data rows");
  EXPECT_EQ(ErrorOf("\n\r\n").kind, InputErrorKind::kEmpty);
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF").kind, InputErrorKind::kEmpty);
}

TEST(LongCsvErrorTest, HeaderOnly) {
  const InputError error = ErrorOf(kLongHeader);
  EXPECT_EQ(error.Message(), "t.csv: no data, expected at least one data row after the header");
  EXPECT_EQ(error.kind, InputErrorKind::kEmpty);
}

TEST(LongCsvErrorTest, UnknownHeader) {
  const InputError error = ErrorOf("a,b,c\n1,2,3\n");
  EXPECT_EQ(error.Message(),
            "t.csv:1: bad header: got 'a,b,c', expected a long CSV header (reporter,partner,flow,product,period,"
            "value,currency,unit), BACI (t,i,j,k,v,q) or UN Comtrade (period,reporterISO,partnerISO,flowCode,"
            "cmdCode,primaryValue,...)");
  EXPECT_EQ(error.kind, InputErrorKind::kBadHeader);
}

TEST(LongCsvErrorTest, ExtraHeaderColumn) {
  const InputError error =
      ErrorOf("reporter,partner,flow,product,period,value,currency,unit,note\nCN-XJ,KAZ,trade,TOTAL,2020,1,USD,,x\n");
  EXPECT_EQ(error.Message(),
            "t.csv:1:9: bad header: got 'note', expected only the long CSV columns reporter,partner,flow,product,"
            "period,value,currency,unit,source");
}

TEST(LongCsvErrorTest, MissingHeaderColumn) {
  const InputError error =
      ErrorOf("reporter,partner,flow,product,period,value,currency\nCN-XJ,KAZ,trade,TOTAL,2020,1,USD\n");
  EXPECT_EQ(error.Message(),
            "t.csv:1: bad header: got 'reporter,partner,flow,product,period,value,currency', expected a column "
            "named 'unit' (long CSV needs reporter,partner,flow,product,period,value,currency,unit and may have "
            "source)");
}

TEST(LongCsvErrorTest, ColumnNamedTwice) {
  const InputError error =
      ErrorOf("reporter,partner,flow,product,period,value,currency,unit,value\nCN-XJ,KAZ,trade,TOTAL,2020,1,USD,,2\n");
  EXPECT_EQ(error.Message(),
            "t.csv:1:9: bad header: got 'value', expected a column name used once (column 6 has the same name)");
}

TEST(LongCsvErrorTest, InvalidUtf8InHeader) {
  const InputError error = ErrorOf("reporter\xFF,partner\n1,2\n");
  EXPECT_EQ(error.Message(), "t.csv:1:1: invalid UTF-8: got 'reporter\\xFF', expected UTF-8 text");
}

TEST(LongCsvErrorTest, ForcedFormatMustMatchHeader) {
  ReadOptions options;
  options.format = InputFormat::kBaci;
  options.baci_country_codes = "unused.csv";
  const InputError error = ErrorOf(Long(kGood), options);
  EXPECT_EQ(error.Message(),
            "t.csv:1: bad header: got 'reporter,partner,flow,product,period,value,currency,unit', expected the BACI "
            "header t,i,j,k,v,q");
}

TEST(LongCsvErrorTest, DuplicateKeyNamesBothLines) {
  const std::string text = Long(
      "CN-XJ,KAZ,trade,TOTAL,2020,1,USD,\nCN-XJ,USA,trade,TOTAL,2020,1,USD,\n"
      "CN-XJ,kaz,trade,TOTAL,2020,2,USD,\n");
  const InputError error = ErrorOf(text);
  EXPECT_EQ(error.Message(),
            "t.csv:4: duplicate key: got 'CN-XJ,KAZ,trade,TOTAL,2020', expected a key not seen before (first at "
            "t.csv:2; use --sum-duplicates to add them)");
  EXPECT_EQ(error.kind, InputErrorKind::kDuplicateKey);
}

TEST(LongCsvErrorTest, OneQuantityThroughTwoPeriodFormsIsADuplicate) {
  // 2020 and 2020-01..2020-12 cover the same twelve months; so do 2021-03 and 2021-03..2021-03. Adding them
  // would count the quantity twice, so --sum-duplicates does not either.
  ReadOptions sum;
  sum.duplicates = DuplicatePolicy::kSum;
  for (const ReadOptions& options : {ReadOptions{}, sum}) {
    const InputError year =
        ErrorOf(Long("CN-XJ,KAZ,trade,TOTAL,2020,1,USD,\nCN-XJ,KAZ,trade,TOTAL,2020-01..2020-12,1,USD,\n"), options);
    EXPECT_EQ(year.Message(),
              "t.csv:3: duplicate key: got 'CN-XJ,KAZ,trade,TOTAL,2020-01..2020-12', expected one value per key and "
              "months (the row at t.csv:2 gives the same months as 2020; not added even with --sum-duplicates)");
    const InputError month =
        ErrorOf(Long("CN-XJ,KAZ,trade,TOTAL,2021-03..2021-03,1,USD,\nCN-XJ,KAZ,trade,TOTAL,2021-03,1,USD,\n"), options);
    EXPECT_EQ(month.kind, InputErrorKind::kDuplicateKey);
    EXPECT_EQ(month.line, 3u);
  }
  // Different months stay separate quantities: a year and its first five months.
  EXPECT_EQ(ReadText(Long("CN-XJ,KAZ,trade,TOTAL,2020,1,USD,\nCN-XJ,KAZ,trade,TOTAL,2020-01..2020-05,1,USD,\n")).size(),
            2u);
}

TEST(LongCsvErrorTest, SumDuplicatesRefusesMixedCurrencies) {
  ReadOptions options;
  options.duplicates = DuplicatePolicy::kSum;
  const InputError error =
      ErrorOf(Long("CN-XJ,KAZ,trade,TOTAL,2020,1,USD,\nCN-XJ,KAZ,trade,TOTAL,2020,2,CNY,\n"), options);
  EXPECT_EQ(error.Message(),
            "t.csv:3: duplicate key: got 'CN-XJ,KAZ,trade,TOTAL,2020', expected the same currency as the row it "
            "duplicates (t.csv:2, USD)");
}

}  // namespace
}  // namespace tradeshock::testing
