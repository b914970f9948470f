// Paths stay inside the case (core/case_path.h): a scenario's [models.ge] panel and the files of a case
// folder resolve, after symbolic links, inside the case folder unless ReadOptions::allow_outside_case
// (--allow-outside-case); the error names the path as written, where it is written, the folder and the flag.
// And a file that is not CSV named as a panel is never quoted beyond a cut header.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli/cli_runner.h"
#include "core/case_path.h"
#include "core/csv_reader.h"
#include "reference/reference_fixture.h"
#include "temp_dir.h"
#include "tradeshock/case.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/pe.h"
#include "tradeshock/scenario.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

// The ban of tests/case/beyond_test.cc: 7 lines, so "[models.ge]" is line 8 and "panel = ..." line 9, its
// value at column 9 ("panel = " is 8 characters).
constexpr char kBan[] =
    "[[policy]]\nname = \"ban\"\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"CHN\"\nproducts = \"all\"\n"
    "from = 2021-07-01\n";
// The flows of tests/case/beyond_test.cc.
constexpr char kFlows[] =
    "reporter,partner,flow,product,period,value,currency,unit,source\n"
    "CHN,WLD,trade,TOTAL,2020,1000,USD,unit,total trade\n"
    "CHN,USA,trade,TOTAL,2020,300,USD,unit,US trade\n"
    "CHN,KAZ,trade,TOTAL,2020,700,USD,unit,KAZ trade\n"
    "CHN,WLD,exports,TOTAL,2020,600,USD,unit,total exports\n"
    "CHN,USA,exports,TOTAL,2020,240,USD,unit,US exports\n";
constexpr char kPanel[] =
    "exporter,importer,trade\n"
    "CHN,CHN,1000\nCHN,USA,100\nCHN,DEU,50\nUSA,CHN,40\nUSA,USA,2000\nUSA,DEU,60\n"
    "DEU,CHN,30\nDEU,USA,70\nDEU,DEU,800\n";

template <class Call>
std::string ThrownMessage(Call&& call) {
  try {
    call();
  } catch (const std::exception& error) {
    return error.what();
  }
  return "no error";
}

std::string ScenarioWithPanel(const std::string& panel) {
  return std::string(kBan) + "[models.ge]\npanel = \"" + panel + "\"\ntheta = 4\n";
}

// A case folder "case" with its flows, beside a folder "outside" that holds a valid panel.
class CasePaths : public ::testing::Test {
 protected:
  CasePaths() {
    dir_.Write("case/flows.csv", kFlows);
    dir_.Write("outside/panel.csv", kPanel);
  }
  fs::path CaseDir() const { return dir_.path() / "case"; }
  fs::path Outside() const { return dir_.path() / "outside" / "panel.csv"; }
  std::string WriteScenario(const std::string& panel) const {
    return dir_.Write("case/scenario.toml", ScenarioWithPanel(panel));
  }
  // The InputError of loading the case, or a failure.
  InputError LoadError(const ReadOptions& options = ReadOptions::Defaults()) const {
    try {
      LoadCase(CaseDir(), RepoReference(), options);
    } catch (const InputException& exception) {
      return exception.error();
    }
    ADD_FAILURE() << "no error";
    return {};
  }

  TempDir dir_;
};

TEST_F(CasePaths, RelativePanelClimbingOutIsRefusedWhereItIsWritten) {
  const std::string scenario = WriteScenario("../outside/panel.csv");
  const InputError error = LoadError();
  EXPECT_EQ(error.kind, InputErrorKind::kIo);
  EXPECT_EQ(error.file, scenario);
  EXPECT_EQ(error.line, 9u);
  EXPECT_EQ(error.column, 9u);
  EXPECT_EQ(error.value, "../outside/panel.csv");  // as written, not resolved
  // The whole message, written out: place, kind, the path, the key, the folder, the flag.
  EXPECT_EQ(error.Message(), scenario +
                                 ":9:9: cannot read: got '../outside/panel.csv', expected key "
                                 "'models.ge.panel': a path inside the case folder '" +
                                 CaseDir().string() +
                                 "' (after symbolic links); pass --allow-outside-case to read a file outside it");
}

TEST_F(CasePaths, AbsolutePanelOutsideIsRefused) {
  WriteScenario(Outside().string());
  const InputError error = LoadError();
  EXPECT_EQ(error.value, Outside().string());
  EXPECT_THAT(error.expected, HasSubstr("--allow-outside-case"));
}

TEST_F(CasePaths, PanelOutsideIsRefusedEvenWhenItDoesNotExist) {
  // The containment is checked first: the message must not tell whether a file outside exists.
  WriteScenario("../outside/no-such-file.csv");
  EXPECT_THAT(LoadError().expected, HasSubstr("a path inside the case folder"));
}

TEST_F(CasePaths, SymbolicLinkInsideTheCaseToAFileOutsideIsRefused) {
  fs::create_directories(CaseDir() / "ge");
  fs::create_symlink(Outside(), CaseDir() / "ge" / "panel.csv");
  WriteScenario("ge/panel.csv");
  const InputError error = LoadError();
  EXPECT_EQ(error.value, "ge/panel.csv");
  EXPECT_EQ(error.line, 9u);
}

TEST_F(CasePaths, SymbolicLinkedFolderOutsideIsRefused) {
  fs::create_directory_symlink(dir_.path() / "outside", CaseDir() / "ge");
  WriteScenario("ge/panel.csv");
  EXPECT_EQ(LoadError().value, "ge/panel.csv");
}

TEST_F(CasePaths, SiblingFolderWithTheCaseNameAsPrefixIsOutside) {
  // "case-evil" starts with "case" but is not inside it: compared by path component, not by text.
  dir_.Write("case-evil/panel.csv", kPanel);
  WriteScenario("../case-evil/panel.csv");
  EXPECT_EQ(LoadError().value, "../case-evil/panel.csv");
}

TEST_F(CasePaths, PanelInsideTheCaseIsRead) {
  dir_.Write("case/ge/panel.csv", kPanel);
  fs::create_symlink("panel.csv", CaseDir() / "ge" / "linked.csv");  // a link that stays inside
  for (const std::string panel : {"ge/panel.csv", "./ge/../ge/panel.csv", "ge/linked.csv"}) {
    WriteScenario(panel);
    const Case loaded = LoadCase(CaseDir(), RepoReference());
    ASSERT_TRUE(loaded.scenario && loaded.scenario->models.ge) << panel;
    EXPECT_EQ(loaded.scenario->models.ge->panel, panel);
  }
}

TEST_F(CasePaths, AllowOutsideCaseReadsThePanel) {
  WriteScenario("../outside/panel.csv");
  ReadOptions options = ReadOptions::Defaults();
  options.allow_outside_case = true;
  const Case loaded = LoadCase(CaseDir(), RepoReference(), options);
  ASSERT_TRUE(loaded.scenario && loaded.scenario->models.ge);
  EXPECT_EQ(fs::weakly_canonical(loaded.scenario->models.ge->panel_path), fs::weakly_canonical(Outside()));
  // The panel is read and the model runs: three economies, as in kPanel.
  const CaseAnalysis analysis = AnalyseCase(loaded, RepoReference());
  ASSERT_TRUE(analysis.beyond && analysis.beyond->ge);
  EXPECT_EQ(analysis.beyond->ge->economies, 3u);
}

TEST_F(CasePaths, ParseScenarioTakesTheFolderOfItsFileName) {
  ReadOptions options = ReadOptions::Defaults();
  const std::string file = (CaseDir() / "scenario.toml").string();
  try {
    ParseScenario(ScenarioWithPanel("../outside/panel.csv"), RepoReference(), file, options);
    FAIL() << "no error";
  } catch (const InputException& exception) {
    EXPECT_EQ(exception.error().place().ToString(), file + ":9:9");
  }
  options.allow_outside_case = true;
  EXPECT_TRUE(ParseScenario(ScenarioWithPanel("../outside/panel.csv"), RepoReference(), file, options).models.ge);
}

// A scenario a network client sends (the server sets refuse_paths) names no file: even a panel inside the case,
// and even with allow_outside_case, is refused at its key before the disk is looked at.
TEST_F(CasePaths, RefusePathsRefusesEveryPanel) {
  ReadOptions options = ReadOptions::Defaults();
  options.refuse_paths = true;
  options.allow_outside_case = true;
  for (const std::string panel : {"ge/panel.csv", "/etc/passwd", "../outside/panel.csv"}) {
    try {
      ParseScenario(ScenarioWithPanel(panel), RepoReference(), "request", options);
      FAIL() << "no error for " << panel;
    } catch (const InputException& exception) {
      EXPECT_EQ(exception.error().place().ToString(), "request:9:9") << panel;
      EXPECT_EQ(exception.error().kind, InputErrorKind::kIo);
      EXPECT_THAT(exception.what(), ::testing::HasSubstr("key 'models.ge.panel': no file path"));
      EXPECT_THAT(exception.what(), ::testing::Not(::testing::HasSubstr("looked for")));
    }
  }
}

TEST_F(CasePaths, DataFileLinkedFromOutsideIsRefused) {
  dir_.Write("outside/more.csv",
             "reporter,partner,flow,product,period,value,currency,unit\n"
             "CHN,KAZ,exports,TOTAL,2020,100,USD,unit\n");
  fs::create_symlink(dir_.path() / "outside" / "more.csv", CaseDir() / "more.csv");
  const InputError error = LoadError();
  EXPECT_EQ(error.file, (CaseDir() / "more.csv").string());
  EXPECT_EQ(error.value, "more.csv");
  EXPECT_THAT(error.expected, HasSubstr("a path inside the case folder '" + CaseDir().string() + "'"));
  ReadOptions options = ReadOptions::Defaults();
  options.allow_outside_case = true;
  EXPECT_EQ(LoadCase(CaseDir(), RepoReference(), options).files.data.size(), 2u);
}

TEST(ResolvesInside, ByComponentAfterLinks) {
  TempDir dir;
  dir.Write("a/b/file.csv", "x");
  const fs::path a = dir.path() / "a";
  EXPECT_TRUE(file_internal::ResolvesInside(a / "b" / "file.csv", a));
  EXPECT_TRUE(file_internal::ResolvesInside(a / "b" / "not-yet.csv", a));  // the rest normalised
  EXPECT_TRUE(file_internal::ResolvesInside(a, a));
  EXPECT_FALSE(file_internal::ResolvesInside(a / ".." / "a2" / "x.csv", a));
  EXPECT_FALSE(file_internal::ResolvesInside(a / "b" / ".." / ".." / "x.csv", a));
  EXPECT_FALSE(file_internal::ResolvesInside("/etc/passwd", a));
  // Relative paths are taken from the current folder, which an empty folder stands for.
  EXPECT_TRUE(file_internal::ResolvesInside("no-such-file.csv", ""));
  EXPECT_TRUE(file_internal::ResolvesInside("sub/no-such-file.csv", "."));
  EXPECT_FALSE(file_internal::ResolvesInside("../no-such-file.csv", ""));
}

// ---------------------------------------------------------------------------------------------------
// A file that is not CSV named as a panel or elasticities file: no more than a cut header is quoted.

constexpr char kPasswdLike[] = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";

TEST(NotCsvEcho, PanelThatIsNotCsvIsNotQuoted) {
  TempDir dir;
  dir.Write("flows.csv", kFlows);
  dir.Write("ge/panel.csv", kPasswdLike);
  dir.Write("scenario.toml", ScenarioWithPanel("ge/panel.csv"));
  const std::string message =
      ThrownMessage([&] { AnalyseCase(LoadCase(dir.path(), RepoReference()), RepoReference()); });
  EXPECT_THAT(message, Not(HasSubstr("root:x")));
  EXPECT_THAT(message, Not(HasSubstr("/bin/bash")));
  EXPECT_THAT(message, HasSubstr("ge/panel.csv:1: bad header, expected a column 'exporter'"));
  EXPECT_THAT(message, HasSubstr("not a CSV file?"));
}

TEST(NotCsvEcho, LongHeaderNamesAreCut) {
  // Each name at most 20 characters then "...", the whole at most 60 (Printable): 26 letters -> 20 + "...".
  EXPECT_EQ(csv_internal::HeaderInMessage({"abcdefghijklmnopqrstuvwxyz", "b"}), "abcdefghijklmnopqrst...,b");
  EXPECT_EQ(csv_internal::HeaderInMessage({"one field, the whole line"}), "");
  const std::string many = csv_internal::HeaderInMessage(
      {std::string(30, 'x'), std::string(30, 'y'), std::string(30, 'z'), std::string(30, 'w')});
  // "xxx...x..." (23) + "," + "yyy...y..." (23) + "," = 48 characters, then 12 z's reach 60, then "...".
  EXPECT_EQ(many, std::string(20, 'x') + "...," + std::string(20, 'y') + "...," + std::string(12, 'z') + "...");
}

TEST(NotCsvEcho, ElasticitiesFileThatIsNotCsvIsNotQuoted) {
  TempDir dir;
  const std::string path = dir.Write("e.csv", kPasswdLike);
  const std::string message = ThrownMessage([&] { pe::ReadImportDemandElasticities(path); });
  EXPECT_THAT(message, Not(HasSubstr("root:x")));
  EXPECT_THAT(message, HasSubstr(path + ":1:1: bad header, expected product,import_demand_elasticity (the first "
                                        "line is one field, not comma-separated: not a CSV file?)"));
}

// ---------------------------------------------------------------------------------------------------
// Through the command line: the flag on the case commands.

TEST_F(CasePaths, CommandsRefuseAndAllow) {
  WriteScenario("../outside/panel.csv");
  for (const std::string command : {"scenario", "brief", "claims"}) {
    std::vector<std::string> args = {command, CaseDir().string()};
    if (command == "brief") args.insert(args.end(), {"--out", (dir_.path() / "out").string()});
    const CliRun refused = RunCli(args);
    EXPECT_EQ(refused.exit_code, 1) << command;
    EXPECT_THAT(refused.err, HasSubstr("got '../outside/panel.csv', expected key 'models.ge.panel'")) << command;
    EXPECT_THAT(refused.err, HasSubstr("--allow-outside-case")) << command;
  }
  const CliRun allowed = RunCli({"scenario", CaseDir().string(), "--allow-outside-case", "--format", "json"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_THAT(RunCli({"scenario", "--help"}).out, HasSubstr("--allow-outside-case"));
}

}  // namespace
}  // namespace tradeshock::testing
