// Renders the Xinjiang brief in headless Chromium: it must load with no network request other than the
// file itself, no console error (a Content-Security-Policy violation is one), and every chart's <svg>
// with its title in the DOM. At a phone's width (390 px) and a desktop's (1280 px), no text may render
// smaller than 11 px and nothing may reach past the viewport except inside a box that scrolls. Saves
// screenshots at both widths under the build folder for a person to look at. Negative controls (a page
// loading an external image; a page with 9 px text and a wide table) prove the checks can fail.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

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
  std::string dom;      // --dump-dom
  std::string console;  // stderr lines with console messages
  std::string net_log;  // --log-net-log JSON
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
    const std::string shot =
        fmt::format("{} --hide-scrollbars --window-size=1200,3000 --screenshot={} {} >/dev/null 2>&1", common,
                    Quote(screenshot.string()), Quote(url));
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
        line.find("ERROR") != std::string::npos || line.find("Error") != std::string::npos ||
        line.find("Failed") != std::string::npos) {
      errors.push_back(line);
    }
  }
  return errors;
}

// Measures the rendered page in the browser: a copy of the page without its Content-Security-Policy (which
// forbids scripts) and with this script at the end, whose report --dump-dom prints. Text size is the
// computed font size times the on-screen scale of an SVG's coordinates; an element overflows when its right
// edge passes the viewport and no ancestor scrolls or clips sideways.
constexpr char kMeasureScript[] = R"js(<script>
(function () {
  const viewport = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };
  let minFont = 1e9, minWhere = '';
  const overflow = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const text = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (text) {
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGGraphicsElement) {
        const m = el.getScreenCTM();
        size *= Math.sqrt(m.a * m.a + m.b * m.b);
      }
      if (size < minFont) { minFont = size; minWhere = el.tagName + ': ' + el.textContent.trim().slice(0, 60); }
    }
    if (r.right > viewport + 1 && !clipped(el)) {
      overflow.push(el.tagName + ' to ' + Math.round(r.right) + ': ' + (el.textContent || '').trim().slice(0, 60));
    }
  }
  parent.postMessage(JSON.stringify({viewport, scroll_width: document.documentElement.scrollWidth,
                                      min_font: minFont, min_font_at: minWhere, overflow: overflow.slice(0, 10)}), '*');
})();
</script>)js";

// Headless Chromium's window is at least 500 px wide, so a phone's width is the width of a frame: the page
// loads in an <iframe> of that width (its media queries see the frame's width), and the frame's report comes
// back by postMessage into the outer page, which --dump-dom prints.
constexpr char kFramePage[] = R"html(<!DOCTYPE html><html><body style="margin:0">
<iframe src="measured.html" style="width:WIDTHpx;height:2400px;border:0"></iframe>
<script>addEventListener('message', (e) => { const p = document.createElement('pre'); p.id = 'layout-report';
p.textContent = e.data; document.body.appendChild(p); });</script></body></html>
)html";

struct Layout {
  double viewport = 0;
  double scroll_width = 0;
  double min_font = 0;
  std::string min_font_at;
  std::vector<std::string> overflow;
};

// Loads `page` at `width` px (in a frame of that width) with the measuring script and returns its report.
Layout MeasureAt(const fs::path& page, int width, const fs::path& work) {
  fs::create_directories(work);
  std::string html = ReadFile(page);
  html = std::regex_replace(html, std::regex("<meta http-equiv=\"Content-Security-Policy\"[^>]*>"), "");
  const std::size_t body_end = html.rfind("</body>");
  html.insert(body_end == std::string::npos ? html.size() : body_end, kMeasureScript);
  std::ofstream(work / "measured.html") << html;
  const fs::path frame = work / "frame.html";
  std::ofstream(frame) << std::regex_replace(kFramePage, std::regex("WIDTH"), std::to_string(width));
  const fs::path profile = work / "profile";
  fs::remove_all(profile);
  const fs::path out = work / "dom.html";
  const std::string command = fmt::format(
      "{} --headless=new --no-sandbox --disable-gpu --no-first-run --no-default-browser-check "
      "--disable-background-networking --disable-component-update --disable-sync --hide-scrollbars "
      "--user-data-dir={} --window-size={},2400 --virtual-time-budget=3000 --dump-dom {} >{} 2>/dev/null",
      kChromium, Quote(profile.string()), std::max(width, 500) + 20, Quote("file://" + fs::absolute(frame).string()),
      Quote(out.string()));
  std::system(command.c_str());
  const std::string dom = ReadFile(out);
  std::smatch match;
  Layout layout;
  if (!std::regex_search(dom, match, std::regex("<pre id=\"layout-report\">([^<]*)</pre>"))) {
    ADD_FAILURE() << "no layout report in the page at " << width << " px";
    return layout;
  }
  std::string text = match[1];
  for (const auto& [entity, c] :
       {std::pair<std::string, std::string>{"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
      text.replace(at, entity.size(), c);
    }
  }
  const nlohmann::json report = nlohmann::json::parse(text);
  layout.viewport = report["viewport"];
  layout.scroll_width = report["scroll_width"];
  layout.min_font = report["min_font"];
  layout.min_font_at = report["min_font_at"];
  layout.overflow = report["overflow"].get<std::vector<std::string>>();
  return layout;
}

// A screenshot of `page` in a frame `width` px wide (see kFramePage), in a window just wider than it.
void Screenshot(const fs::path& page, int width, const fs::path& work, const fs::path& png) {
  fs::create_directories(work);
  fs::copy_file(page, work / "measured.html", fs::copy_options::overwrite_existing);
  const fs::path frame = work / "frame.html";
  std::ofstream(frame) << std::regex_replace(kFramePage, std::regex("WIDTH"), std::to_string(width));
  fs::remove_all(work / "profile");
  fs::remove(png);
  const std::string command = fmt::format(
      "{} --headless=new --no-sandbox --disable-gpu --no-first-run --no-default-browser-check "
      "--disable-background-networking --disable-component-update --disable-sync --hide-scrollbars "
      "--user-data-dir={} --window-size={},3200 --screenshot={} {} >/dev/null 2>&1",
      kChromium, Quote((work / "profile").string()), std::max(width, 500), Quote(png.string()),
      Quote("file://" + fs::absolute(frame).string()));
  std::system(command.c_str());
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

// The brief on a phone (390 px) and a desktop (1280 px): text of at least 11 px and no overflow of the viewport
// (tables scroll inside their box; charts are drawn at the phone's width instead of being scaled down).
TEST_F(BrowserTest, XinjiangBriefReadsOnAPhoneAndADesktop) {
  const Reference& reference = testing::RepoReference();
  const fs::path case_dir = fs::path(TRADESHOCK_SOURCE_DIR) / "data" / "cases" / "xinjiang-2021";
  const Case loaded = LoadCase(case_dir, reference);
  const CaseAnalysis analysis = AnalyseCase(loaded, reference);
  const fs::path work = Work("xinjiang-2021-widths");
  const BriefPaths paths = WriteBrief(analysis, loaded.table, reference, work);
  for (const int width : {390, 1280}) {
    const Layout layout = MeasureAt(paths.html, width, work / fmt::format("measure-{}", width));
    EXPECT_EQ(layout.viewport, width) << "the window did not give the viewport asked for";
    EXPECT_GE(layout.min_font, 11.0) << width << " px: smallest text " << layout.min_font << " px at "
                                     << layout.min_font_at;
    EXPECT_THAT(layout.overflow, ::testing::IsEmpty()) << width << " px";
    EXPECT_LE(layout.scroll_width, layout.viewport) << width << " px: the page scrolls sideways";
    const fs::path png = work / fmt::format("brief-{}.png", width);
    Screenshot(paths.html, width, work / fmt::format("shot-{}", width), png);
    EXPECT_TRUE(fs::exists(png)) << "no screenshot at " << png;
    std::cout << "screenshot: " << png.string() << "\n";
  }
}

TEST_F(BrowserTest, NegativeControlSmallTextAndAWideTableAreCaught) {
  const fs::path work = Work("negative-layout");
  fs::create_directories(work);
  const fs::path page = work / "page.html";
  std::ofstream(page) << "<!DOCTYPE html><html><head><meta name=\"viewport\" content=\"width=device-width\">"
                         "</head><body><p style=\"font-size:9px\">tiny</p><table style=\"width:800px\"><tr><td>wide"
                         "</td></tr></table><svg width=\"720\" viewBox=\"0 0 720 100\" style=\"width:360px\"><text "
                         "x=\"0\" y=\"50\" font-size=\"12\">scaled</text></svg></body></html>\n";
  const Layout layout = MeasureAt(page, 390, work / "measure");
  EXPECT_DOUBLE_EQ(layout.min_font, 6.0);  // 12 px SVG text drawn at half its size: 360 / 720
  EXPECT_THAT(layout.overflow, ::testing::Contains(HasSubstr("TABLE")));
  EXPECT_GT(layout.scroll_width, layout.viewport);
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
