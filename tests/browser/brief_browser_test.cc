// Renders the Xinjiang brief in headless Chromium: it must load with no network request other than the
// file itself, no console error (a Content-Security-Policy violation is one), and every chart's <svg>
// with its title in the DOM. Saves a screenshot under the build folder for a person to look at. A
// negative control (a page loading an external image) proves the checks can fail.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>

#include "reference/reference_fixture.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/report.h"

namespace tradeshock {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr char kChromium[] = "/usr/bin/chromium";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

struct PageRun {
  int exit_code = -1;
  std::string dom;        // --dump-dom
  std::string console;    // stderr lines with console messages
  std::string net_log;    // --log-net-log JSON
};

// One headless load of `page`: DOM on stdout, console on stderr, network events in a net log; a
// screenshot when `screenshot` is set (a second run: Chromium takes one action per run).
PageRun Load(const fs::path& page, const fs::path& work, const fs::path& screenshot = {}) {
  fs::create_directories(work);
  const fs::path profile = work / "profile";
  fs::remove_all(profile);
  const std::string common = fmt::format(
      "{} --headless=new --no-sandbox --disable-gpu --no-first-run --no-default-browser-check "
      "--disable-background-networking --disable-component-update --disable-sync --user-data-dir={} "
      "--enable-logging=stderr --v=0 --virtual-time-budget=2000",
      kChromium, Quote(profile.string()));
  const std::string url = "file://" + fs::absolute(page).string();
  PageRun run;
  const fs::path out = work / "dom.html";
  const fs::path err = work / "stderr.txt";
  const fs::path net = work / "netlog.json";
  const std::string command = fmt::format("{} --log-net-log={} --dump-dom {} >{} 2>{}", common, Quote(net.string()),
                                          Quote(url), Quote(out.string()), Quote(err.string()));
  const int status = std::system(command.c_str());
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.dom = ReadFile(out);
  run.net_log = ReadFile(net);
  std::istringstream lines(ReadFile(err));
  for (std::string line; std::getline(lines, line);) {
    if (line.find("CONSOLE") != std::string::npos || line.find("Content Security Policy") != std::string::npos) {
      run.console += line + "\n";
    }
  }
  if (!screenshot.empty()) {
    fs::remove_all(profile);
    const std::string shot = fmt::format("{} --hide-scrollbars --window-size=1200,3000 --screenshot={} {} >/dev/null 2>&1",
                                         common, Quote(screenshot.string()), Quote(url));
    std::system(shot.c_str());
  }
  return run;
}

// URLs of network requests in the net log other than file:// ones: http(s), ws(s), data: is fine.
std::vector<std::string> NetworkRequests(const std::string& net_log) {
  std::vector<std::string> found;
  const std::regex url(R"re("(?:url|original_url)"\s*:\s*"((?:https?|wss?|ftp)://[^"]*)")re");
  // Chromium's own background services (update checks, account and time queries to Google hosts) appear
  // in the net log whatever page is loaded; they are not the page's requests.
  const std::regex browser_service(R"re(^https?://[^/]*\b(google\.com|googleapis\.com|gvt1\.com)(:\d+)?/)re");
  for (auto it = std::sregex_iterator(net_log.begin(), net_log.end(), url); it != std::sregex_iterator(); ++it) {
    const std::string found_url = (*it)[1];
    if (!std::regex_search(found_url, browser_service)) found.push_back(found_url);
  }
  return found;
}

// Console lines that are errors: Chromium logs console messages as "CONSOLE(line)" with the source and,
// at --v=0, CSP violations as "Refused to ...".
std::vector<std::string> ConsoleErrors(const std::string& console) {
  std::vector<std::string> errors;
  std::istringstream lines(console);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("Refused") != std::string::npos || line.find("violates") != std::string::npos ||
        line.find("ERROR") != std::string::npos ||
        line.find("Error") != std::string::npos || line.find("Failed") != std::string::npos) {
      errors.push_back(line);
    }
  }
  return errors;
}

class BrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " is not installed (scripts/bootstrap installs it)";
  }
  // Under the build folder, so the screenshot is easy to find and nothing lands in the source tree.
  fs::path Work(const std::string& name) { return fs::path(TRADESHOCK_TEST_OUTPUT_DIR) / "browser" / name; }
};

TEST_F(BrowserTest, XinjiangBriefLoadsCleanWithEveryChart) {
  const Reference& reference = testing::RepoReference();
  const fs::path case_dir = fs::path(TRADESHOCK_SOURCE_DIR) / "data" / "cases" / "xinjiang-2021";
  const Case loaded = LoadCase(case_dir, reference);
  const CaseAnalysis analysis = AnalyseCase(loaded, reference);
  const fs::path work = Work("xinjiang-2021");
  const BriefPaths paths = WriteBrief(analysis, loaded.table, reference, work);
  const fs::path screenshot = work / "brief.png";
  fs::remove(screenshot);
  const PageRun run = Load(paths.html, work / "chromium", screenshot);
  ASSERT_EQ(run.exit_code, 0) << run.console;
  EXPECT_THAT(NetworkRequests(run.net_log), ::testing::IsEmpty());
  EXPECT_THAT(run.net_log, HasSubstr("file://"));  // the log did record the page load itself
  EXPECT_THAT(ConsoleErrors(run.console), ::testing::IsEmpty()) << run.console;
  std::vector<std::string> charts = {"chart-partner-shares", "chart-risk-partner", "chart-nowcast"};
  if (analysis.product_shares) charts.push_back("chart-product-shares");
  if (!analysis.exposure.by_product.empty()) charts.push_back("chart-risk-product");
  // The seed scenario asks for the PE model: the "beyond the direct loss" chart must be there.
  EXPECT_TRUE(analysis.beyond && analysis.beyond->pe && analysis.beyond->pe->exporter_side);
  charts.push_back("chart-beyond");
  EXPECT_THAT(run.dom, HasSubstr("<h2>Beyond the direct loss</h2>"));
  for (const std::string& id : charts) {
    const std::regex svg(std::string("<svg id=\"") + id + "\"[^>]*>\\s*<title id=\"" + id + "-title\">[^<]+</title>");
    EXPECT_TRUE(std::regex_search(run.dom, svg)) << "no <svg> with a title for " << id;
  }
  EXPECT_TRUE(fs::exists(screenshot)) << "no screenshot at " << screenshot;
  std::cout << "screenshot: " << screenshot.string() << "\n";
}

TEST_F(BrowserTest, NegativeControlAnExternalImageIsCaught) {
  // The same checks on a page that tries to load an external image under the brief's policy: the CSP
  // blocks it and says so on the console. Without the policy, the request shows in the net log.
  const fs::path work = Work("negative");
  fs::create_directories(work);
  const fs::path with_csp = work / "with_csp.html";
  std::ofstream(with_csp) << "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                             "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"></head>"
                             "<body><img src=\"http://example.invalid/x.png\"></body></html>\n";
  const PageRun blocked = Load(with_csp, work / "chromium-csp");
  EXPECT_THAT(ConsoleErrors(blocked.console), ::testing::Not(::testing::IsEmpty())) << blocked.console;

  const fs::path without_csp = work / "without_csp.html";
  std::ofstream(without_csp) << "<!DOCTYPE html><html><body><img src=\"http://example.invalid/x.png\"></body></html>\n";
  const PageRun open = Load(without_csp, work / "chromium-open");
  EXPECT_THAT(NetworkRequests(open.net_log), ::testing::Contains(HasSubstr("example.invalid")));
}

}  // namespace
}  // namespace tradeshock
