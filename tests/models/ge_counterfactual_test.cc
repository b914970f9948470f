// Counterfactual expressions of the GE command: which pairs a condition selects, the cost change it implies,
// and located parse errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tradeshock/error.h"
#include "tradeshock/ge.h"

namespace tradeshock::ge {
namespace {

using ::testing::HasSubstr;

bool Applies(const std::string& text, const std::string& exporter, const std::string& importer) {
  const Counterfactual counterfactual = ParseCounterfactual(text);
  EXPECT_EQ(counterfactual.changes.size(), 1u);
  return counterfactual.changes[0].applies(exporter, importer);
}

std::string ParseError(const std::string& text) {
  try {
    ParseCounterfactual(text);
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

TEST(GeCounterfactual, NaftaConditionSelectsPairsInsideTheBloc) {
  const std::string nafta = "rta = 0 where exporter in (CAN,MEX,USA) and importer in (CAN,MEX,USA)";
  const Counterfactual counterfactual = ParseCounterfactual(nafta);
  ASSERT_EQ(counterfactual.changes.size(), 1u);
  const CounterfactualChange& change = counterfactual.changes[0];
  EXPECT_EQ(change.variable, "rta");
  EXPECT_FALSE(change.ban);
  EXPECT_EQ(change.value, 0.0);
  EXPECT_EQ(change.condition, "exporter in (CAN,MEX,USA) and importer in (CAN,MEX,USA)");
  EXPECT_TRUE(change.applies("CAN", "MEX"));
  EXPECT_TRUE(change.applies("USA", "USA"));
  EXPECT_FALSE(change.applies("CAN", "DEU"));
  EXPECT_FALSE(change.applies("DEU", "USA"));
  EXPECT_EQ(counterfactual.Variables(), std::vector<std::string>{"rta"});
}

TEST(GeCounterfactual, NoConditionAppliesEverywhere) {
  EXPECT_TRUE(Applies("intl_brdr = 0", "AUS", "AUT"));
  EXPECT_TRUE(Applies("intl_brdr = 0", "AUS", "AUS"));
}

TEST(GeCounterfactual, AndBindsTighterThanOrAndParenthesesOverride) {
  // exporter == A or (exporter == B and importer == C)
  const std::string text = "x = 1 where exporter == A or exporter == B and importer == C";
  EXPECT_TRUE(Applies(text, "A", "Z"));
  EXPECT_FALSE(Applies(text, "B", "Z"));
  EXPECT_TRUE(Applies(text, "B", "C"));
  // (exporter == A or exporter == B) and importer == C
  const std::string grouped = "x = 1 where (exporter == A or exporter == B) and importer == C";
  EXPECT_FALSE(Applies(grouped, "A", "Z"));
  EXPECT_TRUE(Applies(grouped, "A", "C"));
}

TEST(GeCounterfactual, NegationsAndPairComparisons) {
  EXPECT_TRUE(Applies("x = 1 where exporter not in (A,B)", "C", "A"));
  EXPECT_FALSE(Applies("x = 1 where exporter not in (A,B)", "B", "C"));
  EXPECT_TRUE(Applies("x = 1 where exporter != importer", "A", "B"));
  EXPECT_FALSE(Applies("x = 1 where exporter != importer", "A", "A"));
  EXPECT_TRUE(Applies("x = 1 where not exporter == importer & importer != B", "A", "C"));
  EXPECT_FALSE(Applies("x = 1 where not (exporter == A | importer == A)", "B", "A"));
  EXPECT_TRUE(Applies("x = 1 WHERE Exporter IN (156) AND importer = 842", "156",
                      "842"));  // numeric codes, keywords in capitals
}

TEST(GeCounterfactual, SeveralChangesAndABan) {
  const Counterfactual counterfactual =
      ParseCounterfactual("rta = 0 where exporter == A; ban where exporter == B and importer == C; pta = 1;");
  ASSERT_EQ(counterfactual.changes.size(), 3u);
  EXPECT_TRUE(counterfactual.changes[1].ban);
  EXPECT_EQ(counterfactual.changes[2].variable, "pta");
  EXPECT_EQ(counterfactual.Variables(), (std::vector<std::string>{"rta", "pta"}));
}

// Three economies A, B, C; rta = 1 for A<->B only. beta = 0.5.
//  `rta = 0 where exporter in (A,B) and importer in (A,B)`: A->B and B->A go from 1 to 0, so
//  t_hat = exp(0.5 * (0 - 1)) = exp(-0.5) = 0.6065306597; A->A and B->B had rta 0 and keep it: t_hat 1.
//  `ban where exporter == C and importer == A`: t_hat(C, A) = 0. Everything else 1.
TEST(GeCounterfactual, CostChangeIsExpBetaTimesDeltaAndZeroWhereBanned) {
  Eigen::MatrixXd rta = Eigen::MatrixXd::Zero(3, 3);
  rta(0, 1) = rta(1, 0) = 1;
  const Counterfactual counterfactual = ParseCounterfactual(
      "rta = 0 where exporter in (A,B) and importer in (A,B); ban where exporter == C and importer == A");
  const Eigen::MatrixXd cost = CounterfactualCostChange(counterfactual, {"A", "B", "C"}, {{"rta", 0.5, rta}});
  EXPECT_NEAR(cost(0, 1), 0.6065306597, 1e-10);
  EXPECT_NEAR(cost(1, 0), 0.6065306597, 1e-10);
  EXPECT_EQ(cost(0, 0), 1.0);
  EXPECT_EQ(cost(1, 1), 1.0);
  EXPECT_EQ(cost(2, 0), 0.0);
  EXPECT_EQ(cost(0, 2), 1.0);
  EXPECT_EQ(cost(2, 2), 1.0);
}

// A later change of the same variable overrides an earlier one where both apply: x goes 0 -> 2 on every
// pair, then back to 0 on A->B, so t_hat(A, B) = exp(beta * 0) = 1 and t_hat(B, A) = exp(-1 * 2) = 0.1353352832.
TEST(GeCounterfactual, LaterChangeOverridesEarlierOne) {
  const Counterfactual counterfactual =
      ParseCounterfactual("x = 2 where exporter != importer; x = 0 where exporter == A");
  const Eigen::MatrixXd cost =
      CounterfactualCostChange(counterfactual, {"A", "B"}, {{"x", -1.0, Eigen::MatrixXd::Zero(2, 2)}});
  EXPECT_EQ(cost(0, 1), 1.0);
  EXPECT_NEAR(cost(1, 0), 0.1353352832, 1e-10);
}

TEST(GeCounterfactual, ParseErrorsNameColumnTokenAndExpectation) {
  // "rta = 0 where exporter inn (CAN)": 'inn' starts at column 24 (r=1 ... 'exporter' 15-22, space 23).
  EXPECT_EQ(ParseError("rta = 0 where exporter inn (CAN)"),
            "counterfactual: expected 'in', 'not in', '==' or '!=' at column 24, found 'inn': "
            "rta = 0 where exporter inn (CAN)");
  EXPECT_THAT(ParseError("rta = where exporter == A"),
              HasSubstr("expected a number (the new value of rta) at column 7, found 'where'"));
  // 34 characters, so the end is column 35.
  EXPECT_THAT(ParseError("rta = 0 where exporter in (CAN,MEX"),
              HasSubstr("expected ',' or ')' in the list of economies at column 35, found the end of the expression"));
  EXPECT_THAT(ParseError("ban"),
              HasSubstr("expected 'where' after 'ban' (a ban needs the pairs it applies to) at column 4"));
  EXPECT_THAT(ParseError("rta = 0 foo"),
              HasSubstr("expected ';', 'where' or the end of the expression at column 9, found 'foo'"));
  EXPECT_THAT(ParseError(""), HasSubstr("expected a change such as"));
  EXPECT_THAT(ParseError("rta = 0 where partner == A"),
              HasSubstr("expected 'exporter', 'importer', 'not' or '(' at column 15, found 'partner'"));
  EXPECT_THAT(ParseError("rta = 0 where (exporter == A"), HasSubstr("expected ')' or 'and'/'or' at column 29"));
  EXPECT_THAT(ParseError("rta = 1x"), HasSubstr("expected a number (the new value of rta) at column 7, found '1x'"));
  EXPECT_THAT(ParseError("rta = 0 where exporter == A # note"), HasSubstr("unexpected character '#' at column 29"));
}

TEST(GeCounterfactual, ParseErrorsCarryTheirColumn) {
  // "rta = 0 where exporter inn (CAN)": 'inn' starts at column 24, as counted above.
  try {
    ParseCounterfactual("rta = 0 where exporter inn (CAN)");
    FAIL();
  } catch (const ExpressionError& error) {
    EXPECT_EQ(error.place().column, 24u);
  }
}

TEST(GeCounterfactual, UnknownEconomyOrVariableIsAnError) {
  const Eigen::MatrixXd zero = Eigen::MatrixXd::Zero(2, 2);
  try {
    CounterfactualCostChange(ParseCounterfactual("rta = 0 where exporter in (A,ZZ)"), {"A", "B"}, {{"rta", 1, zero}});
    FAIL();
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("economy 'ZZ' in 'exporter in (A,ZZ)' is not in the baseline (2 economies)"));
  }
  try {
    CounterfactualCostChange(ParseCounterfactual("pta = 0"), {"A", "B"}, {{"rta", 1, zero}});
    FAIL();
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("no coefficient for 'pta'"));
  }
  Eigen::MatrixXd missing = zero;
  missing(0, 1) = std::nan("");
  try {
    CounterfactualCostChange(ParseCounterfactual("rta = 1"), {"A", "B"}, {{"rta", 1, missing}});
    FAIL();
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("'rta' has no value for A -> B"));
  }
}

}  // namespace
}  // namespace tradeshock::ge
