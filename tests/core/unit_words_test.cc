// The one vocabulary of unit words (tradeshock/unit_words.h), against the list of docs/FORMATS.md
// ("Long CSV", column `unit`) written out by hand.
#include "tradeshock/unit_words.h"

#include <gtest/gtest.h>

namespace tradeshock {
namespace {

TEST(UnitScaleTest, EveryWordOfTheDocumentedList) {
  for (const char* word : {"", "unit", "units", "one"}) EXPECT_EQ(UnitScale(word), 1.0) << word;
  for (const char* word : {"thousand", "thousands", "k"}) EXPECT_EQ(UnitScale(word), 1e3) << word;
  for (const char* word : {"million", "millions", "mn"}) EXPECT_EQ(UnitScale(word), 1e6) << word;
  for (const char* word : {"billion", "billions", "bn"}) EXPECT_EQ(UnitScale(word), 1e9) << word;
  for (const char* word : {"trillion", "trillions", "tn"}) EXPECT_EQ(UnitScale(word), 1e12) << word;
}

TEST(UnitScaleTest, IgnoresCaseAndSurroundingBlanks) {
  EXPECT_EQ(UnitScale("  Billion "), 1e9);
  EXPECT_EQ(UnitScale("BN"), 1e9);
  EXPECT_EQ(UnitScale("\tK"), 1e3);
}

TEST(UnitScaleTest, RefusesAnythingElse) {
  for (const char* word :
       {"dozen", "thousandz", "b", "m", "mil", "bil", "billion usd", "1e3", "a very long unit word"}) {
    EXPECT_FALSE(UnitScale(word).has_value()) << word;
  }
}

TEST(UnitWordsTest, TableHoldsSixteenWordsOfFiveScales) {
  // 4 words for 1 and 3 for each of thousand, million, billion, trillion: 4 + 4 * 3 = 16.
  EXPECT_EQ(UnitWords().size(), 16u);
  for (const UnitWord& entry : UnitWords()) EXPECT_EQ(UnitScale(entry.word), entry.scale) << entry.word;
}

TEST(ScaleWordTest, TheWordWrittenForEachScale) {
  EXPECT_EQ(ScaleWord(1e3), "thousand");
  EXPECT_EQ(ScaleWord(1e6), "million");
  EXPECT_EQ(ScaleWord(1e9), "billion");
  EXPECT_EQ(ScaleWord(1e12), "trillion");
  EXPECT_EQ(ScaleWord(1.0), "");
  EXPECT_EQ(ScaleWord(1e4), "");  // not a scale of the vocabulary
}

}  // namespace
}  // namespace tradeshock
