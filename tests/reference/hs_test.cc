// HS nomenclature and named product groups.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reference/reference_fixture.h"
#include "tradeshock/error.h"

namespace tradeshock {
namespace {

using ::testing::ElementsAre;
using testing::RepoReference;

TEST(HsTest, ChapterHeadingSubheading) {
  const HsEntry* chapter = RepoReference().FindHs("61");
  ASSERT_NE(chapter, nullptr);
  EXPECT_EQ(chapter->level, 2);
  EXPECT_EQ(chapter->parent, "TOTAL");
  EXPECT_EQ(chapter->section, "XI");

  const HsEntry* subheading = RepoReference().FindHs("610910");
  ASSERT_NE(subheading, nullptr);
  EXPECT_EQ(subheading->level, 6);
  EXPECT_EQ(subheading->parent, "6109");
  const HsEntry* heading = RepoReference().FindHs(subheading->parent);
  ASSERT_NE(heading, nullptr);
  EXPECT_EQ(heading->level, 4);
  EXPECT_EQ(heading->parent, "61");

  EXPECT_EQ(RepoReference().FindHs("6199"), nullptr);
  EXPECT_EQ(RepoReference().FindHs(""), nullptr);
}

TEST(HsTest, Sections) {
  // sections.csv starts with a UTF-8 BOM; the first section must still be "I".
  const HsEntry* first = RepoReference().FindHs("I");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->level, 1);
  EXPECT_EQ(first->description, "live animals; animal products");
  const HsEntry* textiles = RepoReference().FindHs("XI");
  ASSERT_NE(textiles, nullptr);
  EXPECT_EQ(textiles->level, 1);
}

TEST(ProductGroupTest, ChinaClothingIsChapters61And62) {
  const ProductGroup* clothing = RepoReference().FindProductGroup("CN-CLOTHING");
  ASSERT_NE(clothing, nullptr);
  EXPECT_THAT(clothing->hs_codes, ElementsAre("61", "62"));
  EXPECT_FALSE(clothing->source.empty());
}

TEST(ProductGroupTest, EveryCodeIsInTheNomenclature) {
  ASSERT_FALSE(RepoReference().product_groups().empty());
  for (const ProductGroup& group : RepoReference().product_groups()) {
    EXPECT_FALSE(group.name.empty()) << group.code;
    EXPECT_FALSE(group.source.empty()) << group.code;
    EXPECT_FALSE(group.hs_codes.empty()) << group.code;
    for (const std::string& code : group.hs_codes) {
      const HsEntry* entry = RepoReference().FindHs(code);
      ASSERT_NE(entry, nullptr) << group.code << " " << code;
      EXPECT_GE(entry->level, 2) << group.code << " " << code;
    }
  }
}

TEST(ProductCoversTest, CodesSectionsGroupsAndTotal) {
  const Reference& reference = RepoReference();
  EXPECT_TRUE(reference.ProductCovers("61", "610910"));
  EXPECT_TRUE(reference.ProductCovers("6109", "610910"));
  EXPECT_FALSE(reference.ProductCovers("6110", "610910"));
  EXPECT_TRUE(reference.ProductCovers("TOTAL", "010121"));
  // Section XI (textiles) holds chapters 50-63; chapter 84 is in section XVI.
  EXPECT_TRUE(reference.ProductCovers("XI", "610910"));
  EXPECT_FALSE(reference.ProductCovers("XI", "847130"));
  EXPECT_TRUE(reference.ProductCovers("CN-CLOTHING", "620342"));
  EXPECT_FALSE(reference.ProductCovers("CN-CLOTHING", "640299"));
  EXPECT_TRUE(reference.ProductCovers("CN-MECH-ELEC", "847130"));
  try {
    reference.ProductCovers("CN-NOPE", "61");
    FAIL() << "no exception";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(),
                 "unknown product 'CN-NOPE': expected an HS chapter, heading or subheading (61, 6109, 610910), an HS "
                 "section (XI), TOTAL or a product group (CN-MECH-ELEC, ...)");
  }
}

TEST(HsTest, TotalAndChapter99) {
  const HsEntry* total = RepoReference().FindHs("TOTAL");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->level, 0);
  const HsEntry* unspecified = RepoReference().FindHs("9999");
  ASSERT_NE(unspecified, nullptr);
  EXPECT_EQ(unspecified->level, 4);
  EXPECT_EQ(unspecified->section, "TOTAL");
}

}  // namespace
}  // namespace tradeshock
