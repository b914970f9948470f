// Loading: defaults, the shared instance, and errors for missing or damaged reference files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>
#include <vector>

#include "reference/reference_fixture.h"
#include "tradeshock/error.h"

namespace tradeshock {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::RepoReferencePaths;

// A private copy of data/reference in a temporary folder, to damage one file at a time.
class ReferenceCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("tradeshock_reference_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    fs::copy(RepoReferencePaths().data_dir / "reference", root_ / "reference", fs::copy_options::recursive);
    paths_ = RepoReferencePaths();
    paths_.data_dir = root_;
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const fs::path& relative, const std::string& content) {
    std::ofstream(root_ / "reference" / relative, std::ios::binary | std::ios::trunc) << content;
  }
  std::string LoadError() {
    try {
      Reference::Load(paths_);
    } catch (const Error& error) {
      return error.what();
    }
    return "no error";
  }

  fs::path root_;
  Reference::Paths paths_;
};

TEST_F(ReferenceCopy, LoadsUnchanged) { EXPECT_EQ(LoadError(), "no error"); }

TEST_F(ReferenceCopy, MissingFileIsNamed) {
  fs::remove(root_ / "reference" / "groups.csv");
  const std::string message = LoadError();
  EXPECT_THAT(message, HasSubstr("cannot read reference file '"));
  EXPECT_THAT(message, HasSubstr((root_ / "reference" / "groups.csv").string()));
}

TEST_F(ReferenceCopy, MissingIsoCodesFolderIsNamed) {
  paths_.iso_codes_dir = root_ / "no-such-folder";
  EXPECT_THAT(LoadError(), HasSubstr((root_ / "no-such-folder" / "iso_3166-1.json").string()));
}

TEST_F(ReferenceCopy, GarbledIsoCodesJson) {
  fs::create_directories(root_ / "iso");
  for (const char* name : {"iso_3166-1.json", "iso_3166-2.json", "iso_4217.json"}) {
    fs::copy_file(RepoReferencePaths().iso_codes_dir / name, root_ / "iso" / name);
  }
  std::ofstream(root_ / "iso" / "iso_3166-2.json", std::ios::trunc) << "{\"3166-2\": [ {\"code\": \"CN-XJ\",";
  paths_.iso_codes_dir = root_ / "iso";
  // The text above is 30 bytes; the parser reports the end of input as position 31.
  EXPECT_EQ(LoadError(),
            "reference file '" + (root_ / "iso" / "iso_3166-2.json").string() + "' is not valid JSON (byte 31)");
}

TEST_F(ReferenceCopy, UnknownGroupMemberNamesFileAndLine) {
  Write("groups.csv",
        "group,name,member,member_from,member_until,as_of,source\nX1,Test,DEU,,,2020-01-01,test\n"
        "X1,Test,XXX,,,2020-01-01,test\n");
  EXPECT_EQ(LoadError(), "reference file '" + (root_ / "reference" / "groups.csv").string() +
                             "', line 3: member 'XXX' of X1 is not an ISO 3166-1 alpha-3 code");
}

TEST_F(ReferenceCopy, WrongFieldCount) {
  // A ragged row is located like in every other CSV: line 2, column 7 (the first missing field of 7).
  Write("groups.csv", "group,name,member,member_from,member_until,as_of,source\nX1,Test,DEU,,,2020-01-01\n");
  EXPECT_EQ(LoadError(), (root_ / "reference" / "groups.csv").string() +
                             ":2:7: wrong number of fields: got '6 fields', expected 7 fields as in the header");
}

TEST_F(ReferenceCopy, MembershipEndingBeforeItStartsNamesFileAndLine) {
  Write("groups.csv",
        "group,name,member,member_from,member_until,as_of,source\nX1,Test,DEU,2020-01-01,2019-12-31,"
        "2020-01-01,test\n");
  EXPECT_EQ(LoadError(), "reference file '" + (root_ / "reference" / "groups.csv").string() +
                             "', line 2: member_until 2019-12-31 is before member_from 2020-01-01");
}

TEST_F(ReferenceCopy, ProductGroupCodeNotInHs) {
  Write("product_groups.csv", "group,name,hs_code,source\nP,Test,6199,test\n");
  EXPECT_EQ(LoadError(), "reference file '" + (root_ / "reference" / "product_groups.csv").string() +
                             "', line 2: '6199' in P is not an HS chapter, heading or subheading");
}

TEST_F(ReferenceCopy, OverlappingProductGroupCodes) {
  Write("product_groups.csv", "group,name,hs_code,source\nP,Test,61,test\nP,Test,6109,test\n");
  EXPECT_THAT(LoadError(), HasSubstr("line 3: 6109 overlaps 61 in P"));
}

TEST_F(ReferenceCopy, BadFxNumber) {
  Write("fx/yearly.csv", "Date,Country,Value\n2020-01-01,China,6.9x\n");
  EXPECT_EQ(LoadError(), "reference file '" + (root_ / "reference" / "fx" / "yearly.csv").string() +
                             "', line 2: rate '6.9x' is not a positive number");
}

TEST_F(ReferenceCopy, FxMappingMustBeIso4217) {
  Write("fx/h10_currencies.csv", "h10_country,currency,direction\nGermany,DEM,per_usd\n");
  EXPECT_THAT(LoadError(), HasSubstr("h10_currencies.csv', line 2: 'DEM' is not an ISO 4217 currency code"));
}

TEST_F(ReferenceCopy, UsdPerUnitQuotesAreInverted) {
  // A file in the Fed's own convention for the euro: US dollars per euro.
  Write("fx/h10_currencies.csv", "h10_country,currency,direction\nEuro,EUR,usd_per\n");
  Write("fx/yearly.csv", "Date,Country,Value\n2020-01-01,Euro,1.25\n");
  Write("fx/monthly.csv", "Date,Country,Exchange rate\n2021-01-01,Euro,1.25\n2021-02-01,Euro,1.6\n");
  const auto reference = Reference::Load(paths_);
  // 1.25 USD per EUR -> 1 / 1.25 = 0.8 EUR per USD.
  EXPECT_DOUBLE_EQ(reference->PerUsd("EUR", Period::Year(2020)).per_usd, 0.8);
  // Range: each month inverted, then averaged: (1/1.25 + 1/1.6) / 2 = (0.8 + 0.625) / 2 = 0.7125.
  EXPECT_DOUBLE_EQ(reference->PerUsd("EUR", Period::Range(2021, 1, 2021, 2)).per_usd, 0.7125);
}

TEST(ReferencePathsTest, EnvironmentOverridesDefaults) {
  ::setenv("TRADESHOCK_DATA_DIR", "/some/data", 1);
  ::setenv("TRADESHOCK_ISO_CODES_DIR", "/some/iso", 1);
  const Reference::Paths paths = Reference::Paths::Defaults();
  ::unsetenv("TRADESHOCK_DATA_DIR");
  ::unsetenv("TRADESHOCK_ISO_CODES_DIR");
  EXPECT_EQ(paths.data_dir, fs::path("/some/data"));
  EXPECT_EQ(paths.iso_codes_dir, fs::path("/some/iso"));
  EXPECT_NE(Reference::Paths::Defaults().data_dir, fs::path("/some/data"));
}

TEST(ReferenceDefaultTest, OneSharedInstanceAcrossThreads) {
  std::vector<const Reference*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&seen, i] { seen[i] = &Reference::Default(); });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(std::set<const Reference*>(seen.begin(), seen.end()).size(), 1u);
  EXPECT_EQ(Reference::Default().ResolveEconomy("CN-XJ").country, "CHN");
}

}  // namespace
}  // namespace tradeshock
