// WriteFileSet: the files of a set change together. What a killed writer or several concurrent writers
// leave must be one whole set: every file of it written by the same run (each run writes its own tag into
// all three). (A reader that opens the files one by one by name while a run swaps them may still see two
// sets; the brief's readers are people and browsers after the run.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "temp_dir.h"
#include "tradeshock/error.h"
#include "tradeshock/io.h"

namespace tradeshock::testing {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The set a run with `tag` writes: its tag in every file, and a body long enough that a write takes time.
void WriteTagged(const fs::path& dir, const std::string& tag) {
  const std::string body(200000, 'x');
  const std::string md = "md " + tag + "\n" + body;
  const std::string html = "html " + tag + "\n" + body;
  const std::string json = "json " + tag + "\n" + body;
  WriteFileSet(dir, {{"brief.md", md}, {"brief.html", html}, {"brief.json", json}});
}

// The tag of the set in `dir`, or "" when there is no set; a mix of tags, a missing file or a torn file
// fails the test.
std::string TagOfSet(const fs::path& dir) {
  if (!fs::exists(dir)) return "";
  std::set<std::string> tags;
  for (const char* name : {"brief.md", "brief.html", "brief.json"}) {
    const std::string text = Slurp(dir / name);
    EXPECT_EQ(text.size(), text.find('\n') + 1 + 200000) << name << " is torn or missing";
    const std::string first = text.substr(0, text.find('\n'));
    tags.insert(first.substr(first.find(' ') + 1));
  }
  EXPECT_EQ(tags.size(), 1u) << "files of different runs";
  return *tags.begin();
}

std::set<std::string> Names(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

TEST(WriteFileSetTest, WritesANewFolderAndReplacesTheSet) {
  TempDir temp;
  const fs::path dir = temp.path() / "out" / "case";
  WriteTagged(dir, "first");
  EXPECT_EQ(TagOfSet(dir), "first");
  WriteTagged(dir, "second");
  EXPECT_EQ(TagOfSet(dir), "second");
  EXPECT_EQ(Names(dir), (std::set<std::string>{"brief.html", "brief.json", "brief.md"}));
  EXPECT_EQ(Names(temp.path() / "out"), std::set<std::string>{"case"});  // no staging folder left
}

TEST(WriteFileSetTest, KeepsOtherFilesOfTheFolder) {
  TempDir temp;
  const fs::path dir = temp.path() / "case";
  temp.Write("case/notes.txt", "mine");
  WriteTagged(dir, "first");
  WriteTagged(dir, "second");
  EXPECT_EQ(TagOfSet(dir), "second");
  EXPECT_EQ(Slurp(dir / "notes.txt"), "mine");
  EXPECT_EQ(Names(temp.path()), std::set<std::string>{"case"});
}

TEST(WriteFileSetTest, RefusesWhatIsNotAFolderOrAFile) {
  TempDir temp;
  temp.Write("file", "a file, not a folder");
  EXPECT_THROW(WriteTagged(temp.path() / "file", "x"), Error);
  EXPECT_EQ(Slurp(temp.path() / "file"), "a file, not a folder");
  fs::create_directories(temp.path() / "case" / "brief.md");  // a folder where a file of the set goes
  try {
    WriteTagged(temp.path() / "case", "x");
    ADD_FAILURE() << "no Error";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "cannot write into " + (temp.path() / "case").string() + ": brief.md exists and is not a regular file");
  }
  EXPECT_THROW(WriteFileSet(temp.path() / "other", {{"a/b", "x"}}), Error);
}

TEST(WriteFileSetTest, RemovesTheStagingFolderOfADeadRun) {
  TempDir temp;
  const fs::path dir = temp.path() / "case";
  // A child that exits at once leaves a PID that no process has (until the PID space wraps).
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  temp.Write(".case.new-" + std::to_string(child) + "-0000abcd/brief.md", "half a brief");
  temp.Write(".case.new-" + std::to_string(::getppid()) + "-0000abcd/brief.md", "a live run's");
  WriteTagged(dir, "first");
  EXPECT_EQ(Names(temp.path()),
            (std::set<std::string>{".case.new-" + std::to_string(::getppid()) + "-0000abcd", "case"}));
}

TEST(WriteFileSetTest, ConcurrentRunsLeaveOneWholeSet) {
  TempDir temp;
  const fs::path dir = temp.path() / "case";
  std::vector<pid_t> children;
  for (int writer = 0; writer < 4; ++writer) {
    const pid_t child = ::fork();
    if (child == 0) {
      try {
        for (int round = 0; round < 25; ++round) WriteTagged(dir, std::to_string(writer) + "-" + std::to_string(round));
      } catch (...) {
        ::_exit(1);
      }
      ::_exit(0);
    }
    children.push_back(child);
  }
  for (const pid_t child : children) {
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_THAT(TagOfSet(dir), ::testing::EndsWith("-24"));
  EXPECT_EQ(Names(temp.path()), std::set<std::string>{"case"});
}

TEST(WriteFileSetTest, KilledRunLeavesTheOldSetOrTheNew) {
  TempDir temp;
  const fs::path dir = temp.path() / "case";
  WriteTagged(dir, "old");
  std::mt19937 random(20261208);  // fixed seed: the same kill times on every run
  std::set<std::string> seen;
  for (int trial = 0; trial < 40; ++trial) {
    const pid_t child = ::fork();
    if (child == 0) {
      for (int round = 0;; ++round) WriteTagged(dir, "new-" + std::to_string(round));
    }
    std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 20000)(random)));
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    seen.insert(TagOfSet(dir));
  }
  EXPECT_FALSE(seen.contains(""));  // the folder never went missing
  // The next run removes the staging folders the killed ones left.
  WriteTagged(dir, "after");
  EXPECT_EQ(TagOfSet(dir), "after");
  EXPECT_EQ(Names(temp.path()), std::set<std::string>{"case"});
}

}  // namespace
}  // namespace tradeshock::testing
