// Every CSV the program reads outside the trade readers goes through one RFC 4180 reader
// (core/csv_reader.h): the gravity data frame (and GE panels, which are data frames), the PE elasticities
// file and the reference tables. The same faults give the same located errors in each. Every line and
// column below is counted by hand from the input text next to it (lines from 1, the header included;
// blank lines and line breaks inside quotes count; the column is the 1-based field).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "reference/csv_file.h"
#include "temp_dir.h"
#include "tradeshock/error.h"
#include "tradeshock/gravity.h"
#include "tradeshock/pe.h"

namespace tradeshock {
namespace {

// Runs `read` and returns the InputError it throws (a default one, failing the test, when it throws none).
InputError ErrorOf(const std::function<void()>& read) {
  try {
    read();
  } catch (const InputException& exception) {
    return exception.error();
  }
  ADD_FAILURE() << "no InputException";
  return {};
}

// The readers that take a CSV text of any columns, named for the messages (the elasticities file has a
// fixed header and is tested on its own below).
struct TextReader {
  const char* name;
  std::function<void(const std::string& text)> read;
};

std::vector<TextReader> TextReaders(const testing::TempDir& dir) {
  return {
      {"gravity data frame", [](const std::string& text) { gravity::ParseDataFrame(text, "t.csv"); }},
      {"reference table",
       [&dir](const std::string& text) { reference_internal::CsvFile::Read(dir.Write("t.csv", text)); }},
  };
}

// --- a quoted field with a comma, doubled quotes, a line break; CRLF; a BOM; a blank line ---

TEST(EveryCsvReader, GravityDataFrameReadsQuotedCommaCrlfAndBom) {
  const gravity::DataFrame frame = gravity::ParseDataFrame(
      "\xEF\xBB\xBF"
      "exporter,importer,trade\r\n"
      "\"Korea, Rep.\",USA,10\r\n"
      "USA,\"Korea, Rep.\",20\r\n"
      "\r\n"
      "\"Say \"\"hi\"\"\",\"two\nlines\",30\r\n",
      "t.csv");
  ASSERT_EQ(frame.rows, 3u);
  ASSERT_EQ(frame.columns.size(), 3u);
  EXPECT_EQ(frame.columns[0].name, "exporter");  // the BOM is not part of the first name
  EXPECT_EQ(frame.columns[0].levels, (std::vector<std::string>{"Korea, Rep.", "USA", "Say \"hi\""}));
  EXPECT_EQ(frame.columns[1].levels, (std::vector<std::string>{"USA", "Korea, Rep.", "two\nlines"}));
  ASSERT_TRUE(frame.columns[2].numeric);
  EXPECT_EQ(frame.columns[2].values, (std::vector<double>{10, 20, 30}));
}

TEST(EveryCsvReader, ElasticitiesFileReadsQuotedCommaCrlfAndBom) {
  const testing::TempDir dir;
  const std::string path = dir.Write("e.csv",
                                     "\xEF\xBB\xBF"
                                     "product,import_demand_elasticity\r\n"
                                     "\"01,02\",-1.5\r\n"
                                     "\r\n"
                                     "\"two\nlines\",\"2\"\r\n"
                                     "0303,0.5\r\n");
  const std::map<std::string, double> elasticities = pe::ReadImportDemandElasticities(path);
  ASSERT_EQ(elasticities.size(), 3u);
  EXPECT_EQ(elasticities.at("01,02"), 1.5);  // the magnitude of -1.5
  EXPECT_EQ(elasticities.at("two\nlines"), 2.0);
  EXPECT_EQ(elasticities.at("0303"), 0.5);
}

TEST(EveryCsvReader, ReferenceTableReadsQuotedCommaCrlfAndBom) {
  const testing::TempDir dir;
  const auto csv =
      reference_internal::CsvFile::Read(dir.Write("r.csv",
                                                  "\xEF\xBB\xBF"
                                                  "code,name,note\r\n"                                     // line 1
                                                  "KOR,\"Korea, Republic of\",\"said \"\"South\"\"\"\r\n"  // 2
                                                  "\r\n"                                                   // line 3
                                                  "XYZ,\"two\nlines\",\"x \"\"y\"\"\"\r\n"                 // lines 4-5
                                                  "ABC,plain,\r\n"));                                      // line 6
  ASSERT_EQ(csv.row_count(), 3u);
  EXPECT_EQ(csv.Column("code"), 0u);  // the BOM is not part of the first name
  EXPECT_EQ(csv.at(0, 1), "Korea, Republic of");
  // Cells with doubled quotes outlive the reader's scratch space, which later such cells reuse.
  EXPECT_EQ(csv.at(0, 2), "said \"South\"");
  EXPECT_EQ(csv.at(1, 1), "two\nlines");
  EXPECT_EQ(csv.at(1, 2), "x \"y\"");
  EXPECT_EQ(csv.at(2, 2), "");
  EXPECT_EQ(csv.line(0), 2u);
  EXPECT_EQ(csv.line(1), 4u);
  EXPECT_EQ(csv.line(2), 6u);
}

// --- a ragged row ---

// Line 1 the header (3 fields); lines 2-3 one record whose first field holds a line break; line 4 blank;
// line 5 "USA,CAN": 2 fields where the header has 3, so the first missing field, column 3, is named.
constexpr char kRaggedThreeColumns[] = "exporter,importer,trade\n\"Korea,\nRep.\",USA,10\n\nUSA,CAN\n";

TEST(EveryCsvReader, RaggedRowIsLocatedTheSameInEachReader) {
  const testing::TempDir dir;
  for (const TextReader& reader : TextReaders(dir)) {
    SCOPED_TRACE(reader.name);
    const InputError error = ErrorOf([&] { reader.read(kRaggedThreeColumns); });
    EXPECT_EQ(error.kind, InputErrorKind::kColumnCount);
    EXPECT_EQ(error.line, 5u);
    EXPECT_EQ(error.column, 3u);
    EXPECT_EQ(error.value, "2 fields");
    EXPECT_EQ(error.expected, "3 fields as in the header");
  }
}

TEST(EveryCsvReader, RaggedRowInElasticitiesFileIsLocated) {
  // Line 1 header (2 fields); lines 2-3 "two\nlines",1; line 4 blank; line 5 "0303,1,2": 3 fields, so the
  // first extra field, column 3, is named.
  const testing::TempDir dir;
  const std::string path = dir.Write("e.csv", "product,import_demand_elasticity\n\"two\nlines\",1\n\n0303,1,2\n");
  const InputError error = ErrorOf([&] { pe::ReadImportDemandElasticities(path); });
  EXPECT_EQ(error.kind, InputErrorKind::kColumnCount);
  EXPECT_EQ(error.file, path);
  EXPECT_EQ(error.line, 5u);
  EXPECT_EQ(error.column, 3u);
  EXPECT_EQ(error.value, "3 fields");
  EXPECT_EQ(error.expected, "2 fields as in the header");
  EXPECT_EQ(error.Message(), path + ":5:3: wrong number of fields: got '3 fields', expected 2 fields as in the header");
}

// --- quoting faults ---

TEST(EveryCsvReader, MisplacedQuoteIsLocatedTheSameInEachReader) {
  // Line 1 the header (ending in CRLF); line 2 'USA,CA"N,1', whose second field has a quote inside: column 2.
  const testing::TempDir dir;
  for (const TextReader& reader : TextReaders(dir)) {
    SCOPED_TRACE(reader.name);
    const InputError error = ErrorOf([&] { reader.read("exporter,importer,trade\r\nUSA,CA\"N,1\r\n"); });
    EXPECT_EQ(error.kind, InputErrorKind::kQuoting);
    EXPECT_EQ(error.line, 2u);
    EXPECT_EQ(error.column, 2u);
    EXPECT_EQ(error.value, "USA,CA\"N,1");
  }
}

TEST(EveryCsvReader, UnterminatedQuoteIsLocatedAtItsRecord) {
  // Lines 1 header, 2 "A,B,1", 3 blank, 4 'C,"D,2' whose second field never closes: line 4, column 2.
  const testing::TempDir dir;
  for (const TextReader& reader : TextReaders(dir)) {
    SCOPED_TRACE(reader.name);
    const InputError error = ErrorOf([&] { reader.read("exporter,importer,trade\nA,B,1\n\nC,\"D,2\nE,F,3\n"); });
    EXPECT_EQ(error.kind, InputErrorKind::kQuoting);
    EXPECT_EQ(error.line, 4u);
    EXPECT_EQ(error.column, 2u);
    EXPECT_EQ(error.expected, "a closing quote before the end of the file");
  }
}

TEST(EveryCsvReader, BytesThatAreNotUtf8AreAnErrorInEachReader) {
  const testing::TempDir dir;
  for (const TextReader& reader : TextReaders(dir)) {
    SCOPED_TRACE(reader.name);
    const InputError error = ErrorOf([&] { reader.read("exporter,importer,trade\ncaf\xE9,B,1\n"); });
    EXPECT_EQ(error.kind, InputErrorKind::kEncoding);
  }
}

}  // namespace
}  // namespace tradeshock
