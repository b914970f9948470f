// Numbers a double cannot hold (core/number_range.h): a value written nonzero that underflows to 0
// (1e-400) or to a subnormal double (1e-320; DBL_MIN is 2.2250738585072014e-308), and values or sums that
// overflow (past DBL_MAX = 1.7976931348623157e308), are located errors in every reader; FX reference rates
// lie within 1e-6..1e7 per USD; a 400-digit stated figure is a located claims error, not "stod".
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/number_range.h"
#include "error_text.h"
#include "io/io_test_util.h"
#include "tradeshock/claims.h"
#include "tradeshock/gravity.h"
#include "tradeshock/indicators.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

constexpr char kHeader[] = "reporter,partner,flow,product,period,value,unit,currency\n";

std::string Row(const std::string& partner, const std::string& value) {
  return "CHN," + partner + ",exports,TOTAL,2020," + value + ",unit,USD\n";
}

TEST(NumberRange, UnderflowedByHand) {
  EXPECT_TRUE(number_internal::Underflowed("1e-400", 0.0));     // nonzero digit, value 0
  EXPECT_TRUE(number_internal::Underflowed("1e-320", 1e-320));  // 1e-320 < 2.2e-308: subnormal
  EXPECT_FALSE(number_internal::Underflowed("0", 0.0));
  EXPECT_FALSE(number_internal::Underflowed("0.000e-400", 0.0));     // written as zero
  EXPECT_FALSE(number_internal::Underflowed("0e5", 0.0));            // the 5 is the exponent
  EXPECT_FALSE(number_internal::Underflowed("2.3e-308", 2.3e-308));  // just above DBL_MIN: normal
}

TEST(NumberRange, LongCsvUnderflowIsLocated) {
  for (const std::string value : {"1e-400", "1e-320", "0.1e-399"}) {
    const InputError error = ErrorOf(std::string(kHeader) + Row("USA", "5") + Row("KAZ", value));
    EXPECT_EQ(error.kind, InputErrorKind::kBadNumber) << value;
    EXPECT_EQ(error.line, 3u);    // header line 1, rows 2 and 3
    EXPECT_EQ(error.column, 6u);  // value is the 6th field
    EXPECT_EQ(error.value, value);
    EXPECT_EQ(error.expected, number_internal::kUnderflowExpected);
  }
  // Zero written as zero is a value.
  EXPECT_EQ(ReadText(std::string(kHeader) + Row("USA", "0") + Row("KAZ", "0e-400")).size(), 2u);
}

TEST(NumberRange, BaciValueThatOverflowsInDollarsIsLocated) {
  TempDir dir;
  ReadOptions options;
  options.baci_country_codes = dir.Write("codes.csv", "country_code,iso_3digit_alpha\n156,CHN\n842,USA\n");
  // v is in thousands of USD: 1e306 x 1000 = 1e309 > 1.8e308. The plain line goes to the fast path first,
  // which hands it to the checked one.
  const InputError error = ErrorOf("t,i,j,k,v,q\n2020,156,842,610910,1,1\n2020,156,842,610911,1e306,1\n", options);
  EXPECT_EQ(error.kind, InputErrorKind::kBadNumber);
  EXPECT_EQ(error.line, 3u);
  EXPECT_EQ(error.column, 5u);
  EXPECT_THAT(error.expected, HasSubstr("once multiplied by 1000"));
  // 1.7e305 x 1000 = 1.7e308 < 1.8e308: kept.
  EXPECT_EQ(ReadText("t,i,j,k,v,q\n2020,156,842,610910,1.7e305,1\n", options).size(), 1u);
  const InputError tiny = ErrorOf("t,i,j,k,v,q\n2020,156,842,610910,1e-400,1\n", options);
  EXPECT_EQ(tiny.column, 5u);
  EXPECT_EQ(tiny.expected, number_internal::kUnderflowExpected);
  // The quantity is stored as a float: at most 3.4e38.
  const InputError quantity = ErrorOf("t,i,j,k,v,q\n2020,156,842,610910,1,1e39\n", options);
  EXPECT_EQ(quantity.column, 6u);
  EXPECT_THAT(quantity.expected, HasSubstr("3.4e38"));
}

TEST(NumberRange, SummedDuplicatesThatOverflowAreLocated) {
  ReadOptions options;
  options.duplicates = DuplicatePolicy::kSum;
  // 1e308 + 1e308 = 2e308 > 1.8e308.
  const InputError error =
      ErrorOf(std::string(kHeader) + Row("USA", "1e308") + Row("USA", "1e308"), options, "dup.csv");
  EXPECT_EQ(error.kind, InputErrorKind::kBadNumber);
  EXPECT_EQ(error.file, "dup.csv");
  EXPECT_EQ(error.line, 3u);
  EXPECT_EQ(error.value, "CHN,USA,exports,TOTAL,2020");
  EXPECT_THAT(error.expected, HasSubstr("first at dup.csv:2"));
}

TEST(NumberRange, SumOfASelectionThatOverflowsNamesTheRows) {
  // The world is not in the data, so CHN's exports to WLD are the sum over its partners:
  // 1.6e308 + 1.5e308 + 1 = 3.1e308 > 1.8e308.
  const TradeTable table =
      ReadText(std::string(kHeader) + Row("USA", "1.6e308") + Row("KAZ", "1.5e308") + Row("DEU", "1"));
  Selection selection;
  selection.reporter = "CHN";
  selection.partner = "WLD";
  selection.flow = Flow::kExports;
  selection.product = "TOTAL";
  selection.period = Period::Year(2020);
  EXPECT_EQ(ThrownBy([&] { ComputeValue(table, Ref(), selection); }),
            "the sum of 3 rows in USD overflows: more than 1.8e308, the largest double (largest rows: CHN USA exports "
            "TOTAL 2020 = 1.6e+308 USD; CHN KAZ exports TOTAL 2020 = 1.5e+308 USD; CHN DEU exports TOTAL 2020 = 1 "
            "USD)");
}

TEST(NumberRange, PanelValuesOutOfRangeAreLocated) {
  const auto error_of = [](const std::string& text) {
    try {
      gravity::ParseDataFrame(text, "panel.csv");
    } catch (const InputException& exception) {
      return exception.error();
    }
    ADD_FAILURE() << "no error";
    return InputError{};
  };
  const InputError tiny = error_of("exporter,importer,trade\nCHN,USA,1\nCHN,DEU,1e-400\n");
  EXPECT_EQ(tiny.Message(),
            std::string("panel.csv:3:3: bad number: got '1e-400', expected ") + number_internal::kUnderflowExpected);
  const InputError huge = error_of("exporter,importer,trade\nCHN,USA,1e400\n");
  EXPECT_EQ(huge.line, 2u);
  EXPECT_EQ(huge.column, 3u);
  EXPECT_THAT(huge.expected, HasSubstr("at most 1.8e308"));
  // "inf" spelled out is a word: the column becomes text, as before.
  EXPECT_FALSE(gravity::ParseDataFrame("a,b\nx,inf\n", "p.csv").columns[1].numeric);
}

TEST(NumberRange, FourHundredDigitStatedFigureIsLocated) {
  const std::string digits(400, '9');  // 10^400 - 1 > 1.8e308
  EXPECT_THAT(ThrownBy([&] { ParseStatedFigure(digits + " USD"); }),
              HasSubstr("expected a number of at most 1.8e308 in magnitude"));
  try {
    ParseClaims(
        "[[claim]]\nid = \"a\"\ntext = \"t\"\nmetric = \"value\"\nreporter = \"CN-XJ\"\nperiod = \"2020\"\n"
        "stated = \"" +
            digits + " USD\"\n",
        "big.toml");
    FAIL() << "no error";
  } catch (const ClaimsFileError& error) {
    EXPECT_EQ(error.place().ToString(), "big.toml:7:10");  // line 7, after "stated = "
    EXPECT_THAT(error.what(), HasSubstr("key 'stated'"));
    EXPECT_THAT(error.what(), Not(HasSubstr("stod")));
    EXPECT_THAT(error.what(), HasSubstr(std::string(60, '9') + "..."));  // the figure cut at 60 characters
  }
  EXPECT_THAT(ThrownBy([&] { ParseStatedFigure("0." + std::string(400, '0') + "1 USD"); }),
              HasSubstr(number_internal::kUnderflowExpected));
  EXPECT_DOUBLE_EQ(ParseStatedFigure("+4.5 billion USD").Value(), 4.5e9);  // a leading '+' still reads
}

// ---------------------------------------------------------------------------------------------------
// FX reference rates: a copy of the repo's reference folder with one rate appended to fx/yearly.csv.

class FxRates : public ::testing::Test {
 protected:
  // Appends `line` to the copy's yearly.csv; returns the message of loading the copy and the line's number.
  std::pair<std::string, std::size_t> LoadWith(const std::string& line) const {
    const fs::path data = dir_.path() / "data";
    fs::create_directories(data);
    fs::copy(RepoReferencePaths().data_dir / "reference", data / "reference",
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    const fs::path yearly = data / "reference" / "fx" / "yearly.csv";
    std::ifstream in(yearly);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    std::ofstream(yearly, std::ios::app) << line << "\n";
    Reference::Paths paths = RepoReferencePaths();
    paths.data_dir = data;
    return {ThrownBy([&] { Reference::Load(paths); }), lines + 1};
  }
  TempDir dir_;
};

TEST_F(FxRates, SubnormalRateIsRefusedWithItsLine) {
  // South Korea is mapped to KRW (h10_currencies.csv); its series ends before 2099, so the date order holds.
  const auto [message, line] = LoadWith("2099-01-01,South Korea,1e-320");
  EXPECT_THAT(message, HasSubstr(fmt::format("fx/yearly.csv', line {}:", line)));
  EXPECT_THAT(message, HasSubstr("rate '1e-320' underflows"));
}

TEST_F(FxRates, RateOutsideTheBandSaysWhy) {
  const auto [message, line] = LoadWith("2099-01-01,South Korea,2e7");
  EXPECT_THAT(message, HasSubstr(fmt::format("fx/yearly.csv', line {}:", line)));
  EXPECT_THAT(message, HasSubstr("rate '2e7' (2e+07 KRW per USD) is outside 1e-06 to 1e+07 per USD"));
  EXPECT_THAT(message, HasSubstr("scale or typing error"));
  // Inside the band: loads.
  EXPECT_EQ(LoadWith("2099-01-01,South Korea,9e6").first, "no error");
}

}  // namespace
}  // namespace tradeshock::testing
