// Formula parsing (fixest conventions), the subset language and the CSV data frame.
#include <gtest/gtest.h>

#include <string>

#include "tradeshock/error.h"
#include "tradeshock/gravity.h"

namespace tradeshock::gravity {
namespace {

TEST(FormulaTest, RegressorsLogAndInteractedFixedEffects) {
  Formula f = ParseFormula("trade ~ log(dist) + cntg + rta | exporter^year + importer^year + pair");
  EXPECT_EQ(f.response.column, "trade");
  ASSERT_EQ(f.regressors.size(), 3u);
  EXPECT_TRUE(f.regressors[0].log);
  EXPECT_EQ(f.regressors[0].Label(), "log(dist)");
  EXPECT_EQ(f.regressors[2].column, "rta");
  ASSERT_EQ(f.fixed_effects.size(), 3u);
  EXPECT_EQ(f.fixed_effects[0], (std::vector<std::string>{"exporter", "year"}));
  EXPECT_EQ(f.fixed_effects[2], (std::vector<std::string>{"pair"}));
  EXPECT_FALSE(f.intercept);
}

TEST(FormulaTest, InterceptWithoutFixedEffects) {
  EXPECT_TRUE(ParseFormula("y ~ x").intercept);
  EXPECT_FALSE(ParseFormula("y ~ x - 1").intercept);
  EXPECT_FALSE(ParseFormula("y ~ 0 + x").intercept);
}

TEST(FormulaTest, ErrorsNameTheColumn) {
  auto message = [](const std::string& text) {
    try {
      ParseFormula(text);
    } catch (const Error& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("y x"), "formula: expected '~' at column 3: y x");
  EXPECT_EQ(message("y ~ x +"), "formula: expected a regressor at column 8: y ~ x +");
  EXPECT_EQ(message("y ~ log(x | g"), "formula: expected ')' at column 11: y ~ log(x | g");
  EXPECT_EQ(message("y ~ x | a^"), "formula: expected a column after '^' at column 11: y ~ x | a^");
  EXPECT_EQ(message("y ~ x + x"), "formula: regressor 'x' repeated at column 9: y ~ x + x");
}

TEST(FormulaTest, SyntaxErrorsCarryTheirColumn) {
  // "y ~ x +": seven characters, so the missing regressor is at column 8, the end.
  try {
    ParseFormula("y ~ x +");
    FAIL();
  } catch (const ExpressionError& error) {
    EXPECT_EQ(error.place().column, 8u);
    EXPECT_EQ(error.place().line, 0u);  // given on the command line: no file, no line
  }
}

TEST(DataFrameTest, TypedColumnsAndMissing) {
  DataFrame d = ParseDataFrame("# provenance comment\na,b,c\n1,x,2.5\n,y,NA\n3,x,-1e3\n", "t.csv");
  ASSERT_EQ(d.rows, 3u);
  ASSERT_EQ(d.columns.size(), 3u);
  EXPECT_TRUE(d.columns[0].numeric);
  EXPECT_TRUE(std::isnan(d.columns[0].values[1]));
  EXPECT_FALSE(d.columns[1].numeric);
  EXPECT_EQ(d.columns[1].levels, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(d.columns[1].codes, (std::vector<std::int32_t>{0, 1, 0}));
  EXPECT_EQ(d.columns[2].values[2], -1000.0);
}

TEST(DataFrameTest, ColumnTurnsTextAtFirstNonNumber) {
  DataFrame d = ParseDataFrame("id\n10\n20\nUSA\n", "t.csv");
  EXPECT_FALSE(d.columns[0].numeric);
  EXPECT_EQ(d.columns[0].levels, (std::vector<std::string>{"10", "20", "USA"}));
  EXPECT_EQ(d.columns[0].first_text_line, 4u);
  EXPECT_EQ(d.columns[0].first_text_value, "USA");
}

TEST(DataFrameTest, FieldCountErrorHasLocation) {
  try {
    ParseDataFrame("a,b\n1,2\n3\n", "t.csv");
    FAIL();
  } catch (const InputException& e) {
    EXPECT_EQ(e.error().kind, InputErrorKind::kColumnCount);
    EXPECT_EQ(e.error().file, "t.csv");
    EXPECT_EQ(e.error().line, 3u);
    EXPECT_EQ(e.error().value, "1 fields");
  }
}

TEST(SubsetTest, ConditionsJoinedByAnd) {
  DataFrame d = ParseDataFrame("e,i,year\nA,A,1990\nA,B,1990\nA,B,1991\nB,A,1994\n", "t.csv");
  EXPECT_EQ(EvaluateSubset(d, "e != i & year in 1990,1994"), (std::vector<std::uint8_t>{0, 1, 0, 1}));
  EXPECT_EQ(EvaluateSubset(d, "year >= 1991"), (std::vector<std::uint8_t>{0, 0, 1, 1}));
  EXPECT_THROW(EvaluateSubset(d, "nope == 1"), Error);
}

}  // namespace
}  // namespace tradeshock::gravity
