// Stated figures as articles write them (docs/FORMATS.md, "Stated figures"): currency signs and words, "bn"
// on the number, thousands separators, "per cent", comparison words, fractions and multipliers, and a year as
// a TOML integer. Every expected value is the written figure worked out by hand in the comment beside it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "error_text.h"
#include "tradeshock/claims.h"

namespace tradeshock {
namespace {

using ::testing::HasSubstr;

ClaimsFile One(const std::string& body) { return ParseClaims("[[claim]]\n" + body, "test.toml"); }

std::string ValueClaim(const std::string& stated) {
  return "id = \"c\"\ntext = \"t\"\nmetric = \"value\"\nreporter = \"CN-XJ\"\nperiod = \"2020\"\nstated = \"" + stated +
         "\"\n";
}

TEST(ArticleFormsTest, MoneyWithSignsScalesAndSeparators) {
  // "US$21.4bn": dollars, a billion written on the number, one decimal -> 21.4e9 +- 0.05e9.
  const StatedFigure glued = ParseStatedFigure("US$21.4bn");
  EXPECT_DOUBLE_EQ(glued.Value(), 21.4e9);
  EXPECT_DOUBLE_EQ(glued.HalfUnit(), 0.05e9);
  EXPECT_EQ(glued.currency, "USD");
  // "21.4 bn USD": the same figure with the code after it.
  EXPECT_DOUBLE_EQ(ParseStatedFigure("21.4 bn USD").Value(), 21.4e9);
  EXPECT_EQ(ParseStatedFigure("21.4 bn USD").currency, "USD");
  // "21,387 million CNY": 21387 x 1e6, no decimals -> half a million.
  const StatedFigure separated = ParseStatedFigure("21,387 million CNY");
  EXPECT_DOUBLE_EQ(separated.Value(), 21.387e9);
  EXPECT_DOUBLE_EQ(separated.HalfUnit(), 0.5e6);
  EXPECT_DOUBLE_EQ(ParseStatedFigure("1,234,567").Value(), 1234567.0);
  // Euro sign and words: 3e9 EUR both ways; pounds and yen by their words.
  EXPECT_EQ(ParseStatedFigure("\u20ac3 billion").currency, "EUR");
  EXPECT_DOUBLE_EQ(ParseStatedFigure("\u20ac3 billion").Value(), 3e9);
  EXPECT_EQ(ParseStatedFigure("3 billion euros").currency, "EUR");
  EXPECT_EQ(ParseStatedFigure("3 billion Euros").currency, "EUR");
  EXPECT_EQ(ParseStatedFigure("\u00a32 million").currency, "GBP");
  EXPECT_EQ(ParseStatedFigure("50 billion yen").currency, "JPY");
  EXPECT_EQ(ParseStatedFigure("USD 300 million").currency, "USD");
  // A separator that is not one of thousands, and two currencies that disagree, are errors.
  EXPECT_THROW(ParseStatedFigure("1,23 million"), Error);
  EXPECT_THROW(ParseStatedFigure("1,2345"), Error);
  EXPECT_THROW(ParseStatedFigure("1234,567"), Error);
  EXPECT_THROW(ParseStatedFigure("$3 billion euros"), Error);
}

TEST(ArticleFormsTest, PercentInWordsAndTheTypesetMinus) {
  // "4.5 per cent" is 4.5%: 0.045 +- 0.0005.
  const StatedFigure per_cent = ParseStatedFigure("4.5 per cent");
  EXPECT_TRUE(per_cent.percent);
  EXPECT_DOUBLE_EQ(per_cent.Value(), 0.045);
  EXPECT_DOUBLE_EQ(per_cent.HalfUnit(), 0.0005);
  EXPECT_DOUBLE_EQ(ParseStatedFigure("12 percent").Value(), 0.12);
  // U+2212, the minus of typeset text: -70%.
  EXPECT_DOUBLE_EQ(ParseStatedFigure("\u221270%").Value(), -0.7);
  EXPECT_THROW(ParseStatedFigure("4.5 per cent USD"), Error);
}

TEST(ArticleFormsTest, FractionsAndMultipliers) {
  // "a fifth" = 20% within 2.5 points: [17.5%, 22.5%].
  const StatedFigure fifth = ParseStatedFigure("a fifth");
  EXPECT_TRUE(fifth.percent);
  EXPECT_DOUBLE_EQ(fifth.Value(), 0.2);
  const Interval about_fifth = ClaimInterval(ClaimComparison::kAbout, fifth.Value(), fifth.HalfUnit());
  EXPECT_DOUBLE_EQ(about_fifth.low, 0.175);
  EXPECT_DOUBLE_EQ(about_fifth.high, 0.225);
  EXPECT_DOUBLE_EQ(ParseStatedFigure("a third").Value(), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(ParseStatedFigure("Two thirds").Value(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(ParseStatedFigure("half").Value(), 0.5);
  // "doubled" = +100% within 10 points: [+90%, +110%]; "halved" = -50%.
  const StatedFigure doubled = ParseStatedFigure("doubled");
  EXPECT_DOUBLE_EQ(doubled.Value(), 1.0);
  EXPECT_DOUBLE_EQ(doubled.HalfUnit(), 0.10);
  EXPECT_DOUBLE_EQ(ParseStatedFigure("halved").Value(), -0.5);
  EXPECT_DOUBLE_EQ(ParseStatedFigure("tripled").Value(), 2.0);
}

TEST(ArticleFormsTest, NearlyIsShortOfTheFigureByAtMostATenth) {
  // "nearly 5%": [4.5%, 5%]; "a fall of nearly 70%" (-70%): [-70%, -63%].
  const Interval five = ClaimInterval(ClaimComparison::kNearly, 0.05, 0.005);
  EXPECT_DOUBLE_EQ(five.low, 0.045);
  EXPECT_DOUBLE_EQ(five.high, 0.05);
  EXPECT_TRUE(five.Contains(0.05));
  EXPECT_FALSE(five.Contains(0.0449));
  const Interval fall = ClaimInterval(ClaimComparison::kNearly, -0.7, 0.005);
  EXPECT_DOUBLE_EQ(fall.low, -0.7);
  EXPECT_DOUBLE_EQ(fall.high, -0.63);
}

TEST(ArticleFormsTest, ComparisonWordsInTheClaimsFile) {
  // Words before the figure set the comparison; the figure keeps its text as written.
  struct Case {
    const char* stated;
    ClaimComparison comparison;
    double value;
  };
  for (const Case& c :
       {Case{"nearly 5%", ClaimComparison::kNearly, 0.05},
        Case{"almost 300 million USD", ClaimComparison::kNearly, 3e8},
        Case{"around 4.5%", ClaimComparison::kAbout, 0.045}, Case{"Over 20%", ClaimComparison::kMoreThan, 0.2},
        Case{"just under 10%", ClaimComparison::kLessThan, 0.1},
        Case{"about a third", ClaimComparison::kAbout, 1.0 / 3.0}}) {
    const bool percent = std::string(c.stated).find('%') != std::string::npos ||
                         std::string(c.stated).find("third") != std::string::npos;
    const std::string body = percent ? "id = \"c\"\ntext = \"t\"\nmetric = \"share\"\nreporter = \"CN-XJ\"\n"
                                       "period = \"2020\"\nstated = \"" +
                                           std::string(c.stated) + "\"\n"
                                     : ValueClaim(c.stated);
    const ClaimsFile file = One(body);
    ASSERT_EQ(file.claims.size(), 1u) << c.stated;
    EXPECT_EQ(file.claims[0].comparison, c.comparison) << c.stated;
    EXPECT_DOUBLE_EQ(file.claims[0].stated.Value(), c.value) << c.stated;
    EXPECT_EQ(file.claims[0].stated.text, c.stated);
  }
  EXPECT_EQ(ParseClaimComparison("almost"), ClaimComparison::kNearly);
  EXPECT_EQ(ParseClaimComparison("nearly"), ClaimComparison::kNearly);
}

TEST(ArticleFormsTest, AYearAsATomlInteger) {
  const ClaimsFile file =
      One("id = \"c\"\ntext = \"t\"\nmetric = \"value\"\nreporter = \"CN-XJ\"\nperiod = 2021\nstated = \"3\"\n");
  EXPECT_EQ(file.claims[0].period, Period::Year(2021));
  // A float or a boolean is a located error naming what a period may be.
  const std::string message = ThrownBy([] {
    One("id = \"c\"\ntext = \"t\"\nmetric = \"value\"\nreporter = \"CN-XJ\"\nperiod = 2021.5\nstated = \"3\"\n");
  });
  EXPECT_THAT(message, HasSubstr("test.toml:6:"));
  EXPECT_THAT(message, HasSubstr("expected a period: a year (2021 or \"2021\")"));
}

TEST(ArticleFormsTest, AnUnknownFormNamesTheAcceptedOnes) {
  const std::string message = ThrownBy([] { One(ValueClaim("seventy million")); });
  EXPECT_THAT(message, HasSubstr("test.toml:7:"));
  EXPECT_THAT(message, HasSubstr("got 'seventy million'"));
  EXPECT_THAT(message, HasSubstr("'US$21.4bn'"));
  EXPECT_THAT(message, HasSubstr("'a fifth'"));
  EXPECT_THAT(message, HasSubstr("'doubled'"));
}

TEST(ArticleFormsTest, StatedInWordsShowsTheComparisonOnce) {
  EXPECT_EQ(StatedInWords(ClaimComparison::kNotMoreThan, "300 million USD"), "not more than 300 million USD");
  EXPECT_EQ(StatedInWords(ClaimComparison::kLessThan, "-70%"), "less than -70%");
  EXPECT_EQ(StatedInWords(ClaimComparison::kMoreThan, "more than 20%"), "more than 20%");
  EXPECT_EQ(StatedInWords(ClaimComparison::kAbout, "4.5%"), "4.5%");
  // A currency sign before the number is part of the figure, not a comparison word.
  EXPECT_EQ(StatedInWords(ClaimComparison::kNotMoreThan, "US$300 million"), "not more than US$300 million");
  EXPECT_EQ(StatedInWords(ClaimComparison::kNearly, "nearly 5%"), "nearly 5%");
  EXPECT_EQ(StatedInWords(ClaimComparison::kMoreThan, "a third"), "more than a third");
}

}  // namespace
}  // namespace tradeshock
