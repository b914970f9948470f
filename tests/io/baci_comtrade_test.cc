// BACI (CEPII) and UN Comtrade readers. BACI files are written in the layout of a CEPII release: a data
// file t,i,j,k,v,q (v in thousand USD, q in tonnes) and country_codes_V*.csv beside it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "io/io_test_util.h"

namespace tradeshock::testing {
namespace {

constexpr char kCountryCodes[] =
    "country_code,country_name,country_iso2,country_iso3\n"
    "156,China,CN,CHN\n"
    "251,France,FR,FRA\n"
    "490,\"Other Asia, nes\",,S19\n"
    "842,USA,US,USA\n";

std::string BaciDir(const TempDir& dir, const std::string& data) {
  dir.Write("country_codes_V202401.csv", kCountryCodes);
  return dir.Write("BACI_HS17_Y2022_V202401.csv", data);
}

TEST(BaciTest, ThousandDollarsTonnesAndLeadingZeros) {
  TempDir dir;
  const std::string path = BaciDir(dir,
                                   "t,i,j,k,v,q\n"
                                   "2022,156,842,010121,1234.5,2.5\n"  // 1234.5 thousand USD = 1,234,500 USD
                                   "2022,842,251,10121,0.001,NA\n"     // 5-digit k: leading zero restored
                                   "2022,156,490,851712,10,\n");       // 10 thousand = 10,000 USD
  ReadReport report;
  const TradeTable table = ReadTradeFiles({path}, Ref(), {}, &report);
  ASSERT_EQ(table.size(), 3u);
  EXPECT_DOUBLE_EQ(table.value()[0], 1234500.0);
  EXPECT_DOUBLE_EQ(table.value()[1], 1.0);  // 0.001 * 1000
  EXPECT_DOUBLE_EQ(table.value()[2], 10000.0);
  EXPECT_EQ(table.products()[table.product()[0]], "010121");
  EXPECT_EQ(table.products()[table.product()[1]], "010121");
  EXPECT_EQ(table.products()[table.product()[2]], "851712");
  EXPECT_EQ(table.economies()[table.reporter()[0]], "CHN");
  EXPECT_EQ(table.economies()[table.partner()[0]], "USA");
  EXPECT_EQ(table.economies()[table.partner()[1]], "FRA");
  EXPECT_EQ(table.economies()[table.partner()[2]], "S19");  // BACI's own aggregate, kept verbatim
  for (std::size_t row = 0; row < 3; ++row) {
    EXPECT_EQ(table.flow()[row], Flow::kExports);
    EXPECT_EQ(table.currencies()[table.currency()[row]], "USD");
    EXPECT_EQ(table.periods()[table.period()[row]], Period::Year(2022));
  }
  ASSERT_TRUE(table.has_quantity());
  EXPECT_FLOAT_EQ(table.quantity()[0], 2.5f);
  EXPECT_TRUE(std::isnan(table.quantity()[1]));
  EXPECT_TRUE(std::isnan(table.quantity()[2]));
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_EQ(report.files[0].format, InputFormat::kBaci);
}

TEST(BaciTest, CountryCodesNamedByOptionAndOldColumnNames) {
  TempDir dir;
  // Older releases call the column iso_3digit_alpha.
  const std::string codes = dir.Write("codes.csv", "country_code,iso_3digit_alpha\n156,CHN\n842,USA\n");
  ReadOptions options;
  options.baci_country_codes = codes;
  const TradeTable table = ReadText("t,i,j,k,v,q\n2020,156,842,610910,2,1\n", options);
  ASSERT_EQ(table.size(), 1u);
  EXPECT_EQ(table.economies()[table.partner()[0]], "USA");
  EXPECT_DOUBLE_EQ(table.value()[0], 2000.0);  // 2 thousand USD
}

TEST(BaciTest, MissingCountryCodesFile) {
  TempDir dir;
  const std::string path = dir.Write("BACI_HS17_Y2022_V202401.csv", "t,i,j,k,v,q\n2022,156,842,010121,1,1\n");
  const InputError error = FileErrorOf({path});
  EXPECT_EQ(error.Message(),
            path +
                ": cannot read, expected BACI's country_codes_V*.csv beside the data file (or name it with "
                "--baci-codes)");
  EXPECT_EQ(error.kind, InputErrorKind::kIo);
}

TEST(BaciTest, NamedCountryCodesFileMissing) {
  ReadOptions options;
  options.baci_country_codes = (std::filesystem::temp_directory_path() / "tradeshock-no-such-codes.csv").string();
  const InputError error = ErrorOf("t,i,j,k,v,q\n2022,156,842,010121,1,1\n", options);
  EXPECT_EQ(error.Message(),
            options.baci_country_codes + ": cannot read, expected a readable file (No such file or directory)");
}

TEST(BaciTest, UnknownNumericCountryCode) {
  TempDir dir;
  const std::string path = BaciDir(dir, "t,i,j,k,v,q\n2022,156,842,010121,1,1\n2022,156,999,010121,1,1\n");
  EXPECT_EQ(FileErrorOf({path}).Message(),
            path + ":3:3: unknown code: got '999', expected a country_code listed in country_codes_V202401.csv");
}

TEST(BaciTest, ProductCodeOfSevenDigits) {
  TempDir dir;
  const std::string path = BaciDir(dir, "t,i,j,k,v,q\n2022,156,842,0101211,1,1\n");
  EXPECT_EQ(FileErrorOf({path}).Message(),
            path +
                ":2:4: unknown code: got '0101211', expected a 6-digit HS code (5 digits when BACI dropped the "
                "leading zero)");
}

TEST(BaciTest, BadYear) {
  TempDir dir;
  const std::string path = BaciDir(dir, "t,i,j,k,v,q\n22,156,842,010121,1,1\n");
  EXPECT_EQ(FileErrorOf({path}).Message(), path + ":2:1: bad period: got '22', expected a year YYYY");
}

TEST(BaciTest, NegativeQuantity) {
  TempDir dir;
  const std::string path = BaciDir(dir, "t,i,j,k,v,q\n2022,156,842,010121,1,-3\n");
  EXPECT_EQ(FileErrorOf({path}).Message(), path + ":2:6: negative value: got '-3', expected a value >= 0");
}

TEST(BaciTest, BadLineInCountryCodesFileIsLocated) {
  TempDir dir;
  const std::string codes = dir.Write("country_codes_V202401.csv",
                                      "country_code,country_name,country_iso2,country_iso3\n"
                                      "156,China,CN,CHN\n"
                                      "x1,Nowhere,,XXX\n");  // line 3
  const std::string path = dir.Write("BACI.csv", "t,i,j,k,v,q\n2022,156,156,010121,1,1\n");
  EXPECT_EQ(FileErrorOf({path}).Message(), codes + ":3:1: bad number: got 'x1', expected a numeric country code");
}

TEST(BaciTest, ShortLineInCountryCodesFileIsLocated) {
  TempDir dir;
  const std::string codes = dir.Write("country_codes_V202401.csv",
                                      "country_code,country_name,country_iso2,country_iso3\n"
                                      "490,\"Other Asia,\nnes\",,S19\n"  // lines 2-3
                                      "156,China\n");                    // line 4
  const std::string path = dir.Write("BACI.csv", "t,i,j,k,v,q\n2022,156,156,010121,1,1\n");
  EXPECT_EQ(FileErrorOf({path}).Message(),
            codes + ":4: wrong number of fields: got '2 fields', expected 4 fields as in the header");
}

TEST(BaciTest, CodeListedForTwoEconomiesIsAConflict) {
  TempDir dir;
  const std::string codes = dir.Write("country_codes_V202401.csv",
                                      "country_code,country_name,country_iso2,country_iso3\n"
                                      "156,China,CN,CHN\n"         // line 2
                                      "842,USA,US,USA\n"           // line 3
                                      "156,China again,CN,CHN\n"   // line 4: the same economy again is harmless
                                      "156,Kazakhstan,KZ,KAZ\n");  // line 5: 156 cannot also be Kazakhstan
  const std::string path = dir.Write("BACI.csv", "t,i,j,k,v,q\n2022,156,842,010121,1,1\n");
  const InputError error = FileErrorOf({path});
  EXPECT_EQ(error.Message(), codes +
                                 ":5:1: conflict: got '156', expected a country_code listed for one economy (line 2 "
                                 "lists it for CHN, this line for KAZ)");
  EXPECT_EQ(error.kind, InputErrorKind::kConflict);
}

TEST(BaciTest, UnknownIsoCodeInCodeListIsAnError) {
  TempDir dir;
  const std::string codes = dir.Write("country_codes_V202401.csv",
                                      "country_code,country_name,country_iso2,country_iso3\n"
                                      "156,China,CN,CHM\n");  // a typo of CHN: not kept as a new economy
  const std::string path = dir.Write("BACI.csv", "t,i,j,k,v,q\n2022,156,156,010121,1,1\n");
  EXPECT_EQ(FileErrorOf({path}).Message(),
            codes +
                ":2:4: unknown code: got 'CHM', expected an ISO 3166-1 alpha-3 code, a former country's ISO 3166-3 "
                "code (CSK, SUN) or a BACI aggregate code with a digit or '/' (S19, N/A)");
}

TEST(BaciTest, FormerCountriesAndAggregatesAreKept) {
  // Lines of CEPII's country_codes_V202301.csv: Czechoslovakia (ISO 3166-3 CSK), the former USSR (SUN), and
  // "Other Asia, nes" (N/A), plus S19 as older releases write it.
  TempDir dir;
  dir.Write("country_codes_V202301.csv",
            "country_code,country_name,country_iso2,country_iso3\n"
            "200,Czechoslovakia,CS,CSK\n810,Fmr USSR,SU,SUN\n490,Other Asia nes,N/A,N/A\n491,Other Asia,,S19\n"
            "156,China,CN,CHN\n");
  const std::string path = dir.Write("BACI.csv",
                                     "t,i,j,k,v,q\n1990,200,156,010121,1,1\n1990,810,156,010121,2,1\n"
                                     "2022,490,156,010121,3,1\n2022,491,156,010121,4,1\n");
  const TradeTable table = ReadTradeFiles({path}, Ref(), {});
  ASSERT_EQ(table.size(), 4u);
  std::vector<std::string> reporters;
  for (std::size_t row = 0; row < table.size(); ++row) reporters.push_back(table.economies()[table.reporter()[row]]);
  std::ranges::sort(reporters);
  EXPECT_EQ(reporters, (std::vector<std::string>{"CSK", "N/A", "S19", "SUN"}));
}

// ------------------------------------------------------------------------------------------ Comtrade

constexpr char kComtradeHeader[] =
    "typeCode,freqCode,period,reporterCode,reporterISO,flowCode,partnerCode,partnerISO,partner2Code,cmdCode,"
    "customsCode,motCode,primaryValue\n";

TEST(ComtradeTest, KeepsTotalsOfExportsAndImportsAndSkipsBreakdowns) {
  ReadReport report;
  const TradeTable table = ReadText(std::string(kComtradeHeader) +
                                        "C,A,2022,156,CHN,X,842,USA,0,TOTAL,C00,0,5000.5\n"  // kept
                                        "C,A,2022,156,CHN,M,842,USA,0,TOTAL,C00,0,300\n"     // kept
                                        "C,A,2022,156,CHN,RX,842,USA,0,TOTAL,C00,0,20\n"     // re-exports: in X
                                        "C,A,2022,156,CHN,RM,842,USA,0,TOTAL,C00,0,20\n"     // re-imports: in M
                                        "C,A,2022,156,CHN,X,0,W00,0,TOTAL,C00,0,90000\n"     // world: WLD
                                        "C,A,2022,156,CHN,X,842,USA,0,TOTAL,C00,2100,123\n"  // by transport
                                        "C,A,2022,156,CHN,X,842,USA,36,TOTAL,C00,0,1\n"      // by 2nd partner
                                        "C,A,2022,156,CHN,X,842,USA,0,TOTAL,C01,0,2\n"       // by procedure
                                        "C,A,2022,156,CHN,X,842,USA,0,010121,C00,0,7\n",     // kept
                                    {}, &report);
  ASSERT_EQ(table.size(), 4u);
  EXPECT_EQ(report.rows_skipped, 0u);  // breakdowns are valid rows, not errors
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_EQ(report.files[0].format, InputFormat::kComtrade);
  EXPECT_EQ(table.flow()[0], Flow::kExports);
  EXPECT_DOUBLE_EQ(table.value()[0], 5000.5);  // primaryValue is in US dollars, no scaling
  EXPECT_EQ(table.flow()[1], Flow::kImports);
  EXPECT_DOUBLE_EQ(table.value()[1], 300.0);
  EXPECT_EQ(table.economies()[table.partner()[2]], "WLD");
  EXPECT_DOUBLE_EQ(table.value()[2], 90000.0);
  EXPECT_EQ(table.products()[table.product()[3]], "010121");
  EXPECT_EQ(table.currencies()[table.currency()[0]], "USD");
}

TEST(ComtradeTest, NumericCodesOnlyAndMonthlyPeriod) {
  // Comtrade's own numeric codes: 842 is the USA (ISO uses 840), 0 the world.
  const TradeTable table = ReadText(
      "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n"
      "202103,156,842,X,61,10\n"
      "202103,156,0,X,61,30\n"
      "2021,156,398,M,TOTAL,5\n");
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table.economies()[table.reporter()[0]], "CHN");
  EXPECT_EQ(table.economies()[table.partner()[0]], "USA");
  EXPECT_EQ(table.economies()[table.partner()[1]], "WLD");
  EXPECT_EQ(table.economies()[table.partner()[2]], "KAZ");
  EXPECT_EQ(table.periods()[table.period()[0]], Period::Month(2021, 3));
  EXPECT_EQ(table.periods()[table.period()[2]], Period::Year(2021));
}

constexpr char kShortComtradeHeader[] = "period,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n";

TEST(ComtradeTest, BadFlowCode) {
  EXPECT_EQ(ErrorOf(std::string(kShortComtradeHeader) + "2022,CHN,USA,Z,TOTAL,1\n").Message(),
            "t.csv:2:4: bad flow: got 'Z', expected a Comtrade flowCode X or M (RX, RM, DX, FM are skipped)");
}

TEST(ComtradeTest, BadPeriod) {
  EXPECT_EQ(ErrorOf(std::string(kShortComtradeHeader) + "2021-03,CHN,USA,X,TOTAL,1\n").Message(),
            "t.csv:2:1: bad period: got '2021-03', expected a Comtrade period YYYY or YYYYMM");
  EXPECT_EQ(ErrorOf(std::string(kShortComtradeHeader) + "202113,CHN,USA,X,TOTAL,1\n").Message(),
            "t.csv:2:1: bad period: got '202113', expected a Comtrade period YYYY or YYYYMM");
}

TEST(ComtradeTest, BadCommodityCode) {
  EXPECT_EQ(ErrorOf(std::string(kShortComtradeHeader) + "2022,CHN,USA,X,AG2,1\n").Message(),
            "t.csv:2:5: unknown code: got 'AG2', expected a cmdCode TOTAL or an HS code of 2, 4 or 6 digits");
}

TEST(ComtradeTest, UnknownIsoCode) {
  EXPECT_EQ(ErrorOf(std::string(kShortComtradeHeader) + "2022,QQQ,USA,X,TOTAL,1\n").Message(),
            "t.csv:2:2: unknown code: got 'QQQ', expected an economy code (ISO 3166-1 alpha-3/alpha-2/numeric, "
            "ISO 3166-2 such as CN-XJ, a group such as EU27, or WLD)");
}

TEST(ComtradeTest, MissingRequiredColumn) {
  EXPECT_EQ(ErrorOf("period,reporterISO,partnerISO,flowCode,primaryValue\n2022,CHN,USA,X,1\n").Message(),
            "t.csv:1: bad header: got 'period,reporteriso,partneriso,flowcode,primaryvalue', expected a Comtrade "
            "column named 'cmdCode' (needs period, reporterISO or reporterCode, partnerISO or partnerCode, "
            "flowCode, cmdCode, primaryValue)");
}

TEST(ComtradeTest, IsoAndNumericCodesMustAgree) {
  const std::string header = "period,reporterCode,reporterISO,partnerCode,partnerISO,flowCode,cmdCode,primaryValue\n";
  // 842 is Comtrade's USA and 156 is China: both columns agree on both rows.
  EXPECT_EQ(ReadText(header + "2022,156,CHN,842,USA,X,TOTAL,1\n").size(), 1u);
  const InputError error = ErrorOf(header + "2022,156,CHN,842,USA,X,TOTAL,1\n2022,156,CHN,392,USA,X,01,1\n");
  // 392 is Japan in ISO 3166-1 numeric.
  EXPECT_EQ(error.Message(),
            "t.csv:3:4: conflict: got '392', expected the numeric code of USA given in column 5 (392 is JPN)");
  EXPECT_EQ(error.kind, InputErrorKind::kConflict);
}

TEST(ComtradeTest, BreakdownCodesMustBeComtradeCodes) {
  const std::string header = std::string(kComtradeHeader);
  EXPECT_EQ(ErrorOf(header + "C,A,2022,156,CHN,X,842,USA,x9,TOTAL,C00,0,1\n").Message(),
            "t.csv:2:9: unknown code: got 'x9', expected a Comtrade partner2Code (a number; 0 is the total)");
  EXPECT_EQ(ErrorOf(header + "C,A,2022,156,CHN,X,842,USA,0,TOTAL,C00,air,1\n").Message(),
            "t.csv:2:12: unknown code: got 'air', expected a Comtrade motCode (a number; 0 is the total)");
  EXPECT_EQ(ErrorOf(header + "C,A,2022,156,CHN,X,842,USA,0,TOTAL,X01,0,1\n").Message(),
            "t.csv:2:11: unknown code: got 'X01', expected a Comtrade customsCode (C and two digits; C00 is the "
            "total)");
}

TEST(ComtradeTest, ColumnNamedTwiceIsABadHeader) {
  const InputError error = ErrorOf(
      "period,reporterISO,partnerISO,flowCode,cmdCode,primaryValue,PrimaryValue\n"
      "2022,CHN,USA,X,TOTAL,1,2\n");
  EXPECT_EQ(error.Message(),
            "t.csv:1:7: bad header: got 'PrimaryValue', expected a column name used once (column 6 has the same "
            "name)");
  EXPECT_EQ(error.kind, InputErrorKind::kBadHeader);
}

}  // namespace
}  // namespace tradeshock::testing
