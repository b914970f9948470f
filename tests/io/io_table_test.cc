// Input-output table readers (tradeshock/io_table.h): the shipped WIOD 2013 table, the three layouts on the
// same made-up table (tests/data/io/make_fixtures.py), and one test per kind of fault, each asserting the whole
// located message.
#include "tradeshock/io_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "error_text.h"
#include "io/io_test_util.h"
#include "tradeshock/error.h"

namespace tradeshock::testing {
namespace {

std::string Repo(const std::string& relative) {
  return (std::filesystem::path(TRADESHOCK_SOURCE_DIR) / relative).string();
}

// A 2-economy, 1-industry table in the WIOD 2013 layout; `rows` follow the header.
std::string Wiod2013(const std::string& rows) {
  return "row,A.c1,B.c1,A.CONS_h,A.CONS_np,A.CONS_g,A.GFCF,A.INVEN,B.CONS_h,B.CONS_np,B.CONS_g,B.GFCF,B.INVEN,GO\n" +
         rows;
}
constexpr char kRowA[] = "A.c1,20,40,25,0,0,0,5,10,0,0,0,0,100\n";
constexpr char kRowB[] = "B.c1,10,60,20,0,0,0,0,110,0,0,0,0,200\n";

std::string ReadFails(const std::string& text) {
  return ThrownBy([&] { ReadIoTableBuffer(text, "t.csv"); });
}

TEST(IoTableTest, ReadsTheShippedWiod2011Table) {
  const IoTable table = ReadIoTable(Repo("data/io/wiod-2013/wiot_2011.csv.gz"));
  EXPECT_EQ(table.layout, IoLayout::kWiod2013);
  EXPECT_EQ(table.unit, "millions of US dollars");
  ASSERT_EQ(table.economies.size(), 41u);
  ASSERT_EQ(table.industries.size(), 35u);
  EXPECT_EQ(table.economies.front(), "AUS");
  EXPECT_EQ(table.economies.back(), "RoW");
  EXPECT_EQ(table.industries.back(), "c35");
  EXPECT_EQ(table.SectorLabel(table.Sector(*table.FindEconomy("CHN"), 13)), "CHN.c14");
  // The sanity figures of data/io/wiod-2013/README.md (sums of GO): world, USA, CHN, DEU.
  const auto go_of = [&](const std::string& code) {
    return table.output.segment(static_cast<Eigen::Index>(*table.FindEconomy(code) * 35), 35).sum();
  };
  EXPECT_DOUBLE_EQ(table.output.sum(), 141767904.0);
  EXPECT_DOUBLE_EQ(go_of("USA"), 26918122.0);
  EXPECT_DOUBLE_EQ(go_of("CHN"), 22271024.0);
  EXPECT_DOUBLE_EQ(go_of("DEU"), 6773099.0);
  // The first data row of the file: AUS.c1 sells 8732 to itself and 93 to AUS.c2.
  EXPECT_DOUBLE_EQ(table.intermediate(0, 0), 8732.0);
  EXPECT_DOUBLE_EQ(table.intermediate(0, 1), 93.0);
}

TEST(IoTableTest, ThreeLayoutsOfOneTableReadTheSame) {
  const IoTable wiod13 = ReadIoTable(Repo("tests/data/io/wiod2013_small.csv"));
  const IoTable wiod16 = ReadIoTable(Repo("tests/data/io/wiod2016_small.csv"));
  const IoTable icio = ReadIoTable(Repo("tests/data/io/icio_small.csv"));
  EXPECT_EQ(wiod13.layout, IoLayout::kWiod2013);
  EXPECT_EQ(wiod16.layout, IoLayout::kWiod2016);
  EXPECT_EQ(icio.layout, IoLayout::kOecdIcio);
  EXPECT_EQ(wiod13.economies, (std::vector<std::string>{"AUS", "CHN", "RoW"}));
  EXPECT_EQ(wiod16.economies, (std::vector<std::string>{"AUS", "CHN", "ROW"}));
  EXPECT_EQ(icio.economies, wiod16.economies);
  ASSERT_EQ(wiod16.industries.size(), 56u);
  // WIOD 2016 names industries by the rows' IndustryCode; ICIO by the column labels; WIOD 2013 c1 ... c56.
  EXPECT_EQ(wiod16.industries[4], "C10-C12");
  EXPECT_EQ(icio.industries[4], "C10TC12");
  EXPECT_EQ(wiod13.industries[4], "c5");
  EXPECT_EQ(wiod13.intermediate, wiod16.intermediate);
  EXPECT_EQ(wiod13.intermediate, icio.intermediate);
  EXPECT_EQ(wiod13.final_demand, wiod16.final_demand);
  EXPECT_EQ(wiod13.final_demand, icio.final_demand);
  EXPECT_EQ(wiod13.output, wiod16.output);
  EXPECT_EQ(wiod13.output, icio.output);
  EXPECT_GT(wiod13.output.minCoeff(), 0.0);
}

TEST(IoTableTest, SumsFinalUseCategoriesAndReadsGzip) {
  const IoTable table = ReadIoTableBuffer(Gzip(Wiod2013(std::string(kRowA) + kRowB)), "t.csv.gz");
  ASSERT_EQ(table.sectors(), 2u);
  // A's product in A's final demand: CONS_h 25 + INVEN 5 = 30.
  EXPECT_DOUBLE_EQ(table.final_demand(0, 0), 30.0);
  EXPECT_DOUBLE_EQ(table.final_demand(1, 1), 110.0);
  // Value added = GO - column sums: A 100 - (20 + 10) = 70, B 200 - (40 + 60) = 100.
  EXPECT_DOUBLE_EQ(table.ValueAdded()(0), 70.0);
  EXPECT_DOUBLE_EQ(table.ValueAdded()(1), 100.0);
}

TEST(IoTableTest, ReadsThroughTheOneCsvReaderBomCrlfQuotesBlankLines) {
  // A BOM, CRLF line ends, a quoted label, a blank line between the rows: the same as every CSV of the program.
  std::string text = "\xEF\xBB\xBF" + Wiod2013(std::string(kRowA) + "\n\"B.c1\"" + std::string(kRowB).substr(4));
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 2)) text.insert(at, "\r");
  const IoTable table = ReadIoTableBuffer(text, "t.csv");
  EXPECT_DOUBLE_EQ(table.output(1), 200.0);
  // An unterminated quote is located at its record's line (4: the header, row A, the blank line) and field.
  EXPECT_EQ(ReadFails(Wiod2013(std::string(kRowA) + "\nB.c1,\"10,60\n")),
            "t.csv:4:2: bad quoting: got 'B.c1,\"10,60', expected a closing quote before the end of the file");
}

TEST(IoTableTest, UnknownRowLabelIsLocated) {
  EXPECT_EQ(ReadFails(Wiod2013(std::string(kRowA) + "C.c1,10,60,20,0,0,0,0,110,0,0,0,0,200\n")),
            "t.csv:3:1: unknown code: got 'C.c1', expected a sector of the header's columns");
  EXPECT_EQ(ReadFails(Wiod2013(std::string(kRowA) + "VA,10,60,20,0,0,0,0,110,0,0,0,0,200\n")),
            "t.csv:3:1: unknown code: got 'VA', expected a sector label of the header (ECONOMY.cN)");
}

TEST(IoTableTest, RowsOutOfOrderAndMissingRowsAreLocated) {
  EXPECT_EQ(ReadFails(Wiod2013(std::string(kRowB) + kRowA)),
            "t.csv:2:1: conflict: got 'B.c1', expected the row of A c1 here (sector rows in the header's column "
            "order, each once)");
  EXPECT_EQ(ReadFails(Wiod2013(kRowA)),
            "t.csv:3: no data: got '1 sector rows', expected a row for each of the 2 sectors of the header "
            "(missing from B c1 on)");
}

TEST(IoTableTest, NegativeIntermediateUseIsLocated) {
  EXPECT_EQ(ReadFails(Wiod2013(std::string(kRowA) + "B.c1,10,-60,20,0,0,0,0,230,0,0,0,0,200\n")),
            "t.csv:3:3: negative value: got '-60', expected intermediate use >= 0");
}

TEST(IoTableTest, UnbalancedRowBeyondTheToleranceIsLocated) {
  // Row B sums to 10 + 60 + 20 + 110 = 200; 210 is off by 10, beyond 12 values x 0.5 + 1e-6 x 210 = 6.5.
  EXPECT_EQ(ReadFails(Wiod2013(std::string(kRowA) + "B.c1,10,60,20,0,0,0,0,110,0,0,0,0,210\n")),
            "t.csv:3:14: conflict: got 'output 210 against uses 200 (off by 10)', expected output within "
            "6.50021 of the sum of its intermediate and final uses (half the rounding unit 1 per value, plus "
            "relative tolerance 1e-06)");
  // Off by 6 is within the rounding tolerance.
  EXPECT_NO_THROW(ReadIoTableBuffer(Wiod2013(std::string(kRowA) + "B.c1,10,60,20,0,0,0,0,110,0,0,0,0,206\n"), "t"));
  IoReadOptions exact = IoReadOptions::Defaults();
  exact.rounding = 0.0;
  EXPECT_EQ(ThrownBy([&] {
              ReadIoTableBuffer(Wiod2013(std::string(kRowA) + "B.c1,10,60,20,0,0,0,0,110,0,0,0,0,201\n"), "t", exact);
            }),
            "t:3:14: conflict: got 'output 201 against uses 200 (off by 1)', expected output within 0.000201 of "
            "the sum of its intermediate and final uses (half the rounding unit 0 per value, plus relative "
            "tolerance 1e-06)");
}

TEST(IoTableTest, BadNumbersAndFieldCountsAreLocated) {
  EXPECT_EQ(ReadFails(Wiod2013(std::string(kRowA) + "B.c1,10,6x,20,0,0,0,0,110,0,0,0,0,200\n")),
            "t.csv:3:3: bad number: got '6x', expected a finite decimal number");
  EXPECT_EQ(ReadFails(Wiod2013(std::string(kRowA) + "B.c1,10,60\n")),
            "t.csv:3:4: wrong number of fields: got '3 fields', expected 14 fields as in the header");
}

TEST(IoTableTest, BadHeadersAreLocated) {
  EXPECT_EQ(ReadFails("economy,value\nA,1\n"),
            "t.csv:1:1: bad header: got 'economy', expected an input-output table: a WIOD 2013 header "
            "(row,AUS.c1,...,GO), WIOD 2016 (IndustryCode,...,AUS1,...,TOT) or OECD ICIO (V1,AUS_01T02,...,OUT)");
  EXPECT_EQ(ReadFails("row,A.c1,B.c1,C.CONS_h,GO\n"),
            "t.csv:1:4: unknown code: got 'C.CONS_h', expected an economy of the sector columns");
  EXPECT_EQ(ReadFails("row,A.c1,A.c2,B.c2,B.c1,GO\n"),
            "t.csv:1:4: bad header: got 'B c2', expected industry c1 of B here (every economy with A's "
            "industries, in its order)");
  EXPECT_EQ(ReadFails("row,A.c1,A.x,GO\n"),
            "t.csv:1:3: bad header: got 'A.x', expected a WIOD 2013 column: row, then ECONOMY.cN (industries), "
            "ECONOMY.CONS_h, CONS_np, CONS_g, GFCF or INVEN (final uses), and GO last");
  EXPECT_EQ(ReadFails(""), "t.csv: no data, expected a header and sector rows");
}

TEST(IoTableTest, Wiod2016IndustryCodesMustAgreeAcrossEconomies) {
  std::string text = "IndustryCode,IndustryDescription,Country,RNr,Year,AUS1,ROW1,AUS57,ROW57,TOT\n";
  text += "A01,Crops,AUS,1,2014,1,2,3,4,10\n";
  text += "A02,Crops,ROW,1,2014,1,2,3,4,10\n";
  EXPECT_EQ(ReadFails(text), "t.csv:3:1: conflict: got 'A02', expected industry code A01 for RNr 1, as in AUS");
  text = "IndustryCode,IndustryDescription,Country,RNr,Year,AUS1,ROW1,AUS57,ROW57,TOT\n";
  text += "A01,Crops,AUS,1,2014,1,2,3,4,10\nA01,Crops,ROW,1,2014,1,2,3,4,10\nXX,Other,TOT,70,2014,0,0,0,0,0\n";
  EXPECT_EQ(ReadFails(text),
            "t.csv:4:3: unknown code: got 'TOT 70 XX', expected a sector of the header (Country and RNr 1-56, "
            "with its IndustryCode) or a TOT row (II_fob, TXSP, EXP_adj, PURR, PURNR, VA, IntTTM, GO)");
}

TEST(IoTableTest, AHeaderLargerThanTheFileCanHoldIsRefusedBeforeAllocating) {
  // 2 economies x 5,000 industries = 10,000 sectors would be 800 MB per matrix; the file is 158 KB, and 10,000
  // rows of 10,000 values need at least 2 x 10,000^2 = 200,000,000 bytes.
  std::string header = "row";
  for (const char* economy : {"A", "B"}) {
    for (int i = 1; i <= 5000; ++i) header += fmt::format(",{}.c{}", economy, i);
  }
  header += ",GO\n";
  EXPECT_EQ(ReadFails(header), fmt::format("t.csv: no data: got '{} bytes', expected at least 200000000 bytes for "
                                           "the 10000 rows of 10000 values that the header's 10000 sectors need",
                                           header.size()));
}

TEST(IoTableTest, OptionsAreValidated) {
  IoReadOptions options = IoReadOptions::Defaults();
  options.rounding = -1;
  EXPECT_EQ(ThrownBy([&] { options.Validate(); }), "io: IoReadOptions::rounding must be a number >= 0, got -1");
  options = IoReadOptions::Defaults();
  options.relative_tolerance = std::nan("");
  EXPECT_EQ(ThrownBy([&] { options.Validate(); }),
            "io: IoReadOptions::relative_tolerance must be a number >= 0, got nan");
  EXPECT_EQ(ParseIoLayout("icio"), IoLayout::kOecdIcio);
  EXPECT_EQ(ParseIoLayout("wiod"), std::nullopt);
}

}  // namespace
}  // namespace tradeshock::testing
