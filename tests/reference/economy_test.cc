// Economy resolution against Debian's iso-codes and data/reference/groups.csv.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "error_text.h"
#include "reference/reference_fixture.h"
#include "tradeshock/error.h"

namespace tradeshock {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RepoReference;
using ::testing::UnorderedElementsAre;

TEST(EconomyTest, XinjiangIsASubdivisionOfChina) {
  for (const char* text : {"CN-XJ", "cn-xj", " CN-XJ ", "Xinjiang Uygur Zizhiqu"}) {
    const Economy* economy = RepoReference().FindEconomy(text);
    ASSERT_NE(economy, nullptr) << text;
    EXPECT_EQ(economy->code, "CN-XJ");
    EXPECT_EQ(economy->kind, EconomyKind::kSubdivision);
    EXPECT_EQ(economy->name, "Xinjiang Uygur Zizhiqu");
    EXPECT_EQ(economy->country, "CHN");
  }
}

TEST(EconomyTest, UnitedStatesByEveryCodeAndName) {
  for (const char* text :
       {"USA", "usa", "US", "840", "0840", "United States", "united states", "United States of America"}) {
    const Economy* economy = RepoReference().FindEconomy(text);
    ASSERT_NE(economy, nullptr) << text;
    EXPECT_EQ(economy->code, "USA") << text;
    EXPECT_EQ(economy->kind, EconomyKind::kCountry);
    EXPECT_EQ(economy->alpha2, "US");
    EXPECT_EQ(economy->numeric, "840");
  }
}

// How a sentence names an economy: data/reference/economy_names_in_text.csv ("the United States", "Xinjiang"),
// else iso-codes' common_name (Viet Nam has "Vietnam" in iso_3166-1.json), else the name (Kazakhstan).
TEST(EconomyTest, NamesInRunningText) {
  EXPECT_EQ(RepoReference().FindEconomy("USA")->NameInText(), "the United States");
  EXPECT_EQ(RepoReference().FindEconomy("CN-XJ")->NameInText(), "Xinjiang");
  EXPECT_EQ(RepoReference().FindEconomy("VNM")->NameInText(), "Vietnam");
  EXPECT_EQ(RepoReference().FindEconomy("VNM")->name, "Viet Nam");
  EXPECT_EQ(RepoReference().FindEconomy("KAZ")->NameInText(), "Kazakhstan");
  EXPECT_EQ(RepoReference().FindEconomy("WLD")->NameInText(), "the world");
}

// An unknown code suggests the nearest: "XJ" is the end of the region code CN-XJ (iso_3166-2.json); "Kazakstan"
// is one edit (a missing h) from Kazakhstan; three-letter codes are not guessed at.
TEST(EconomyTest, UnknownCodesSuggestTheNearest) {
  EXPECT_THAT(ThrownBy([] { RepoReference().ResolveEconomy("XJ"); }), HasSubstr("; did you mean CN-XJ?"));
  EXPECT_THAT(ThrownBy([] { RepoReference().ResolveEconomy("Kazakstan"); }), HasSubstr("; did you mean KAZ?"));
  EXPECT_THAT(ThrownBy([] { RepoReference().ResolveEconomy("BRI"); }), Not(HasSubstr("did you mean")));
}

TEST(EconomyTest, NumericCodesWithAndWithoutLeadingZeros) {
  EXPECT_EQ(RepoReference().ResolveEconomy("156").code, "CHN");
  EXPECT_EQ(RepoReference().ResolveEconomy("0156").code, "CHN");
  // ISO 3166-1 numeric 004 is Afghanistan.
  EXPECT_EQ(RepoReference().ResolveEconomy("4").code, "AFG");
  EXPECT_EQ(RepoReference().ResolveEconomy("004").code, "AFG");
}

TEST(EconomyTest, KazakhstanAndCommonNames) {
  const Economy& kazakhstan = RepoReference().ResolveEconomy("KAZ");
  EXPECT_EQ(kazakhstan.name, "Kazakhstan");
  EXPECT_EQ(kazakhstan.alpha2, "KZ");
  EXPECT_EQ(kazakhstan.numeric, "398");
  // iso-codes' common_name ("South Korea") and official_name ("Republic of Kazakhstan").
  EXPECT_EQ(RepoReference().ResolveEconomy("South Korea").code, "KOR");
  EXPECT_EQ(RepoReference().ResolveEconomy("Republic of Kazakhstan").code, "KAZ");
}

TEST(EconomyTest, CountryNamesWinOverRegionNames) {
  // "Georgia" is both a country and US-GA; the country wins.
  EXPECT_EQ(RepoReference().ResolveEconomy("Georgia").code, "GEO");
}

TEST(EconomyTest, AliasesFromTheAliasFile) {
  EXPECT_EQ(RepoReference().ResolveEconomy("Russia").code, "RUS");
  EXPECT_EQ(RepoReference().ResolveEconomy("turkey").code, "TUR");
  EXPECT_EQ(RepoReference().ResolveEconomy("Central Asia 5").code, "CA5");
  EXPECT_EQ(RepoReference().ResolveEconomy("European Union").code, "EU");
  EXPECT_EQ(RepoReference().ResolveEconomy("Xinjiang").code, "CN-XJ");
}

TEST(EconomyTest, WorldAndGroups) {
  for (const char* text : {"WLD", "World", "world"}) {
    const Economy& world = RepoReference().ResolveEconomy(text);
    EXPECT_EQ(world.code, "WLD");
    EXPECT_EQ(world.kind, EconomyKind::kWorld);
    EXPECT_EQ(world.name, "World");
  }
  const Economy& eu = RepoReference().ResolveEconomy("eu27");
  EXPECT_EQ(eu.code, "EU27");
  EXPECT_EQ(eu.kind, EconomyKind::kGroup);
}

TEST(EconomyTest, UnknownEconomyMessage) {
  EXPECT_EQ(RepoReference().FindEconomy("XX"), nullptr);
  EXPECT_EQ(RepoReference().FindEconomy(""), nullptr);
  try {
    RepoReference().ResolveEconomy("XX");
    FAIL() << "no exception";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(),
                 "unknown economy 'XX': expected an ISO 3166-1 alpha-3/alpha-2/numeric code, an ISO 3166-2 region "
                 "code (CN-XJ), a group (EU27, ...) or WLD");
  }
}

TEST(GroupTest, Eu27AfterBrexit) {
  const CountryGroup* eu = RepoReference().FindGroup("EU27");
  ASSERT_NE(eu, nullptr);
  EXPECT_EQ(eu->members.size(), 27u);
  EXPECT_THAT(eu->members, Contains("DEU"));
  EXPECT_THAT(eu->members, Contains("HRV"));
  EXPECT_THAT(eu->members, Not(Contains("GBR")));
  EXPECT_EQ(eu->as_of, "2020-02-01");
  EXPECT_THAT(eu->source, ::testing::HasSubstr("europa.eu"));
}

// The EU of changing membership (groups.csv, dates from the EU's "History of the EU"): 28 members from
// Croatia's accession on 2013-07-01 to the United Kingdom's last day, 2020-01-31; 27 from 2020-02-01; 27 on
// 2013-06-30 (before Croatia); 15 in 2003 (before the 2004 enlargement of ten).
TEST(GroupTest, TheEuOnADateHasItsMembersOfThatDay) {
  const Reference& reference = RepoReference();
  EXPECT_EQ(reference.MembersOn("EU", "2013-06-30").size(), 27u);
  EXPECT_THAT(reference.MembersOn("EU", "2013-06-30"), Not(Contains("HRV")));
  EXPECT_EQ(reference.MembersOn("EU", "2013-07-01").size(), 28u);
  EXPECT_THAT(reference.MembersOn("EU", "2020-01-31"), Contains("GBR"));
  EXPECT_EQ(reference.MembersOn("EU", "2020-02-01").size(), 27u);
  EXPECT_THAT(reference.MembersOn("EU", "2020-02-01"), Not(Contains("GBR")));
  EXPECT_EQ(reference.MembersAtEndOf("EU", Period::Year(2003)).size(), 15u);
  EXPECT_EQ(reference.MembersAtEndOf("EU", Period::Year(2019)).size(), 28u);
  EXPECT_EQ(reference.MembersAtEndOf("EU", *Period::Parse("2020-01")).size(), 28u);  // 31 January
  EXPECT_EQ(reference.MembersAtEndOf("EU", *Period::Parse("2020-02")).size(), 27u);
  // Today's members are EU27's.
  std::vector<std::string> today = reference.Members("EU");
  std::vector<std::string> eu27 = reference.Members("EU27");
  std::sort(today.begin(), today.end());
  std::sort(eu27.begin(), eu27.end());
  EXPECT_EQ(today, eu27);
  // A group of fixed membership is the same on every day.
  EXPECT_EQ(reference.MembersOn("EU27", "2005-01-01").size(), 27u);
  EXPECT_THAT(reference.MembersOn("USA", "2005-01-01"), UnorderedElementsAre("USA"));
}

TEST(GroupTest, EaeuAseanG7CentralAsia) {
  EXPECT_THAT(RepoReference().Members("EAEU"), UnorderedElementsAre("ARM", "BLR", "KAZ", "KGZ", "RUS"));
  EXPECT_THAT(RepoReference().Members("ASEAN"),
              UnorderedElementsAre("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"));
  EXPECT_THAT(RepoReference().Members("G7"), UnorderedElementsAre("CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"));
  EXPECT_THAT(RepoReference().Members("CA5"), UnorderedElementsAre("KAZ", "KGZ", "TJK", "TKM", "UZB"));
  // Anything that is not a group is its own single member.
  EXPECT_THAT(RepoReference().Members("USA"), UnorderedElementsAre("USA"));
}

TEST(GroupTest, EveryGroupHasSourceAndDate) {
  ASSERT_FALSE(RepoReference().groups().empty());
  for (const CountryGroup& group : RepoReference().groups()) {
    EXPECT_FALSE(group.source.empty()) << group.code;
    EXPECT_EQ(group.as_of.size(), 10u) << group.code;
    for (const std::string& member : group.members) {
      const Economy* economy = RepoReference().FindEconomy(member);
      ASSERT_NE(economy, nullptr) << member;
      EXPECT_EQ(economy->kind, EconomyKind::kCountry) << member;
    }
  }
}

}  // namespace
}  // namespace tradeshock
