// Only regular files are read (core/regular_file.h): a FIFO, a directory, a dangling symbolic link or a
// device as a data file, code list, scenario, claims or case file is an error naming the path, never a
// hang and never silently skipped.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <functional>

#include "reference/reference_fixture.h"
#include "temp_dir.h"
#include "tradeshock/case.h"
#include "tradeshock/claims.h"
#include "tradeshock/io.h"
#include "tradeshock/scenario.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

constexpr char kLong[] =
    "reporter,partner,flow,product,period,value,unit,currency\nCHN,USA,exports,TOTAL,2020,1,unit,USD\n";

// The message of the error `read` throws, checking that it comes within a second (a FIFO opened for
// reading would wait for a writer forever).
std::string ErrorOf(const std::function<void()>& read) {
  const auto start = std::chrono::steady_clock::now();
  std::string message = "no error";
  try {
    read();
  } catch (const std::exception& error) {
    message = error.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  return message;
}

std::string ReadDataError(const std::string& path) {
  return ErrorOf([&] { ReadTradeFiles({path}, RepoReference()); });
}

class NotRegular : public ::testing::Test {
 protected:
  std::string Fifo(const std::string& name) const {
    const std::string path = (dir_.path() / name).string();
    EXPECT_EQ(::mkfifo(path.c_str(), 0600), 0);
    return path;
  }
  std::string Dangling(const std::string& name) const {
    const fs::path path = dir_.path() / name;
    fs::create_symlink(dir_.path() / "missing.csv", path);
    return path.string();
  }
  std::string Directory(const std::string& name) const {
    fs::create_directories(dir_.path() / name);
    return (dir_.path() / name).string();
  }
  TempDir dir_;
};

TEST_F(NotRegular, FifoAsDataFileIsAnErrorNotAHang) {
  const std::string path = Fifo("data.csv");
  const std::string message = ReadDataError(path);
  EXPECT_THAT(message, HasSubstr(path));
  EXPECT_THAT(message, HasSubstr("a FIFO"));
  EXPECT_THAT(message, HasSubstr("expected a regular file"));
}

TEST_F(NotRegular, DirectoryDanglingLinkAndDeviceAsDataFile) {
  EXPECT_THAT(ReadDataError(Directory("more.csv")), HasSubstr("a directory"));
  const std::string link = Dangling("link.csv");
  EXPECT_THAT(ReadDataError(link), HasSubstr("a dangling symbolic link"));
  EXPECT_THAT(ReadDataError(link), HasSubstr(link));
  EXPECT_THAT(ReadDataError("/dev/zero"), HasSubstr("/dev/zero: cannot read: got 'a device'"));
}

TEST_F(NotRegular, BaciCodeListThatIsAFifo) {
  ReadOptions options;
  options.baci_country_codes = Fifo("country_codes_V202401.csv");
  const std::string data = dir_.Write("BACI_HS17_Y2020_V202401.csv", "t,i,j,k,v,q\n2020,156,842,010121,1.5,2\n");
  const std::string message = ErrorOf([&] { ReadTradeFiles({data}, RepoReference(), options); });
  EXPECT_THAT(message, HasSubstr("a FIFO"));
}

TEST_F(NotRegular, ScenarioAndClaimsFiles) {
  const std::string scenario = Fifo("scenario.toml");
  EXPECT_THAT(ErrorOf([&] { ReadScenarioFile(scenario, RepoReference()); }), HasSubstr(scenario + ": cannot read"));
  const std::string claims = Directory("claims.toml");
  EXPECT_THAT(ErrorOf([&] { ReadClaimsFile(claims); }), HasSubstr("a directory"));
  EXPECT_THAT(ErrorOf([&] { ReadClaimsFile("/dev/zero"); }), HasSubstr("a device"));
}

TEST_F(NotRegular, CaseFolderEntriesUnderCaseFileNamesAreErrors) {
  dir_.Write("trade.csv", kLong);
  EXPECT_NO_THROW(FindCaseFiles(dir_.path()));
  Directory("notes");  // a folder with no case file's name is not the case's business
  EXPECT_NO_THROW(FindCaseFiles(dir_.path()));
  const std::string more = Directory("more.csv");
  EXPECT_THAT(ErrorOf([&] { FindCaseFiles(dir_.path()); }), HasSubstr(more));
  fs::remove(more);
  EXPECT_THAT(ErrorOf([&] { FindCaseFiles(dir_.path()); }), HasSubstr("no error"));
  const std::string claims = Directory("claims.toml");
  EXPECT_THAT(ErrorOf([&] { FindCaseFiles(dir_.path()); }), HasSubstr(claims + ": cannot read: got 'a directory'"));
  fs::remove(claims);
  const std::string link = Dangling("old.csv");
  EXPECT_THAT(ErrorOf([&] { FindCaseFiles(dir_.path()); }), HasSubstr("dangling"));
  fs::remove(link);
  Fifo("scenario.toml");
  EXPECT_THAT(ErrorOf([&] { LoadCase(dir_.path(), RepoReference()); }), HasSubstr("a FIFO"));
}

}  // namespace
}  // namespace tradeshock::testing
