// The brief writers on a hand-built CaseAnalysis (no analysis code involved): formatted numbers in the
// Markdown, one self-contained HTML file, JSON with provenance, and all-or-nothing writing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reference/reference_fixture.h"
#include "tradeshock/error.h"
#include "tradeshock/report.h"

namespace tradeshock {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

ValueResult Value(const std::string& partner, Flow flow, double value, const Period& period) {
  ValueResult result;
  result.selection.reporter = "CN-XJ";
  result.selection.partner = partner;
  result.selection.flow = flow;
  result.selection.period = period;
  result.value = value;
  result.currency = "USD";
  return result;
}

// A small case: trade 100 billion USD in 2020 with KAZ 51, USA 4.5, RUS 20 (itemised 75.5).
CaseAnalysis HandBuiltAnalysis() {
  CaseAnalysis analysis;
  analysis.title = "Ban <test> & brief";
  analysis.description = "A hand-built case.";
  analysis.input_files = {"case/flows.csv", "case/scenario.toml"};
  analysis.exporter = "CN-XJ";
  analysis.currency = "USD";
  analysis.base_period = Period::Year(2020);
  ShareResult& shares = analysis.partner_shares;
  shares.total = Value("WLD", Flow::kTrade, 100e9, Period::Year(2020));
  shares.currency = "USD";
  shares.items = {
      {"KAZ", "", 51e9, 0.51, {}, false}, {"RUS", "", 20e9, 0.20, {}, false}, {"USA", "", 4.5e9, 0.045, {}, false}};
  shares.itemised = 75.5e9;
  shares.coverage = 0.755;
  shares.rest = ShareItem{"", "", 24.5e9, 0.245, {}, true};
  // HHI = 0.51^2 + 0.2^2 + 0.045^2 = 0.2601 + 0.04 + 0.002025 = 0.302125.
  analysis.partner_concentration = {3, 0.302125, 0.302125 + 0.245 * 0.245, 0.0, 0.755, true};
  analysis.largest_partner = {"KAZ", 51e9, 100e9, 0.51, "USD"};
  ExposureResult& exposure = analysis.exposure;
  exposure.exporter = "CN-XJ";
  exposure.period = Period::Year(2020);
  exposure.currency = "USD";
  exposure.exports_total = Value("WLD", Flow::kExports, 60e9, Period::Year(2020));
  exposure.trade_total = shares.total;
  exposure.at_risk = 3e9;            // exports to the USA
  exposure.share_of_exports = 0.05;  // 3 / 60
  exposure.share_of_trade = 0.03;    // 3 / 100
  PolicyExposure policy;
  policy.policy.name = "US ban";
  policy.policy.imposed_by = "USA";
  policy.policy.on = "CN-XJ";
  policy.policy.products = {"TOTAL"};
  policy.policy.from = Date{2021, 7, 15};
  policy.covered = 3e9;
  policy.at_risk = 3e9;
  policy.year_earlier = Value("USA", Flow::kExports, 3e9, Period::Year(2020));
  exposure.policies = {policy};
  exposure.by_partner = {{"USA", 3e9, 3e9, 3e9, 0.05, 0.03}};
  exposure.year_earlier_value = 3e9;
  NowcastResult nowcast;
  nowcast.target = Value("USA", Flow::kExports, 0, Period::Range(2021, 1, 2021, 5)).selection;
  nowcast.profile = Value("WLD", Flow::kTrade, 0, Period::Year(2020)).selection;
  nowcast.stand_in = true;
  nowcast.currency = "USD";
  nowcast.ytd = Value("USA", Flow::kExports, 1.2e9, Period::Range(2021, 1, 2021, 5));
  nowcast.year = 2021;
  nowcast.months_observed = 5;
  // Uniform profile: 1.2 billion in 5 months -> 0.24 billion a month, 2.88 billion a year without the
  // policy; with a stop from 15 July: January-June 6 x 0.24 = 1.44, July keeps 14/31 of 0.24 =
  // 0.108387..., August-December nothing: 1.548387 billion.
  for (int m = 0; m < 12; ++m) {
    nowcast.without_policy.central.monthly[m] = 0.24e9;
    nowcast.without_policy.central.cumulative[m] = 0.24e9 * (m + 1);
    nowcast.with_policy.central.monthly[m] = m < 6 ? 0.24e9 : m == 6 ? 0.24e9 * 14 / 31 : 0;
    nowcast.with_policy.central.cumulative[m] = m < 6 ? 0.24e9 * (m + 1) : 1.44e9 + 0.24e9 * 14 / 31;
  }
  nowcast.without_policy.central.full_year = 2.88e9;
  nowcast.with_policy.central.full_year = 1.44e9 + 0.24e9 * 14 / 31;
  nowcast.without_policy.low = nowcast.without_policy.high = nowcast.without_policy.central;
  nowcast.with_policy.low = nowcast.with_policy.high = nowcast.with_policy.central;
  nowcast.with_policy.yoy_central = nowcast.with_policy.central.full_year / 3e9 - 1;  // 1.548387/3 - 1 = -48.4%
  nowcast.applied_policies = {"US ban"};
  nowcast.last_year = Value("USA", Flow::kExports, 3e9, Period::Year(2020));
  nowcast.assumptions = {"uniform profile C(m) = m/12: stated for the test",
                         "the seasonal profile of the total trade stands in for the US exports"};
  analysis.nowcast = nowcast;
  ClaimsReport claims;
  ClaimResult claim;
  claim.id = "us-share";
  claim.text = "the US accounted for 4.5% of trade";
  claim.metric = ClaimMetric::kShare;
  claim.stated = "4.5%";
  claim.interval = {0.0445, 0.0455, false, false};
  claim.status = ClaimStatus::kSupported;
  claim.computed = 0.045;
  claim.message = "computed 4.50%, within 4.45-4.55%";
  claim.used.label = "flow trade, currency USD";
  claim.used.currency = "USD";
  ClaimResult projection = claim;
  projection.id = "us-2021";
  projection.text = "exports to the US will not exceed 300 million US dollars";
  projection.metric = ClaimMetric::kProjectedValue;
  projection.stated = "300 million USD";
  projection.interval = {-1e300, 3e8, true, false};
  projection.status = ClaimStatus::kContradicted;
  projection.computed = 1.548387e9;
  projection.message = "computed 1.55 billion USD, above 300 million";
  claims.results = {claim, projection};
  claims.supported = 1;
  claims.contradicted = 1;
  claims.inconsistencies = {{{"us-2021", "us-drop"}, "300 million is a drop of 90%, not 70%"}};
  analysis.claims = claims;
  analysis.rates = {{"CNY", Period::Year(2020), 6.9042, "Federal Reserve H.10 annual average, 2020"}};
  analysis.notes = {"the profile of total trade stands in for the US flow"};
  return analysis;
}

const Reference& Ref() { return testing::RepoReference(); }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

fs::path FreshDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("tradeshock_brief_test_" + name);
  fs::remove_all(dir);
  return dir;
}

TEST(BriefMarkdownTest, ShowsTheFormattedNumbers) {
  const std::string md = RenderBriefMarkdown(HandBuiltAnalysis(), Ref());
  EXPECT_THAT(md, HasSubstr("# Ban <test> & brief"));
  EXPECT_THAT(md, HasSubstr("100.0 billion USD"));  // total trade, four significant digits (docs/FORMATS.md)
  EXPECT_THAT(md, HasSubstr("| 4.5% |"));           // US share 4.5 / 100
  EXPECT_THAT(md, HasSubstr("| 51.0% |"));          // Kazakhstan 51 / 100
  EXPECT_THAT(md, HasSubstr("\u2265 0.302"));       // HHI 0.302125, a lower bound (75.5% itemised)
  EXPECT_THAT(md, HasSubstr("3.000 billion USD"));  // at risk
  // Exposure shares with two decimals (docs/FORMATS.md); the key number had one until brief_demo_cli_test.cc
  // caught it disagreeing with the exposure tables (3.1% against 3.07% on the seed case).
  EXPECT_THAT(md, HasSubstr("5.00% of exports"));      // 3 / 60
  EXPECT_THAT(md, HasSubstr("3.00% of total trade"));  // 3 / 100
  EXPECT_THAT(md, HasSubstr("1.548 billion USD"));     // nowcast with the policy, 1.548387
  EXPECT_THAT(md, HasSubstr("2.880 billion USD"));     // without
  EXPECT_THAT(md, HasSubstr("\u221248.4%"));           // 1.548387 / 3 - 1
  EXPECT_THAT(md,
              HasSubstr("the seasonal profile of the total trade stands in for the US exports"));  // every assumption
  EXPECT_THAT(md, HasSubstr("uniform profile C(m) = m/12: stated for the test"));
  EXPECT_THAT(md, HasSubstr("contradicted"));
  // Off by: 1.548387 billion - 300 million = 1.248387 billion.
  EXPECT_THAT(md, HasSubstr("1.248 billion USD"));
  EXPECT_THAT(md, HasSubstr("300 million is a drop of 90%, not 70%"));
  EXPECT_THAT(md, HasSubstr("| CNY | 2020 | 6.9042 | Federal Reserve H.10 annual average, 2020 |"));
  EXPECT_THAT(md, HasSubstr("- case/flows.csv"));
  EXPECT_THAT(md, HasSubstr("24.5%"));  // the not itemised rest
}

TEST(BriefMarkdownTest, SaysWhereTheClaimsComeFromAndTheCaveats) {
  CaseAnalysis analysis = HandBuiltAnalysis();
  analysis.source = ClaimsSource{"Reuters", "A test article", "2022-03-08", ""};
  analysis.caveats = {"The bill did not become law as written."};
  const std::string md = RenderBriefMarkdown(analysis, Ref());
  EXPECT_THAT(md, HasSubstr("Claims from: Reuters, \u201cA test article\u201d, 2022-03-08; link not known."));
  EXPECT_THAT(md, HasSubstr("### Caveats"));
  EXPECT_THAT(md, HasSubstr("- The bill did not become law as written."));
  const nlohmann::json json = nlohmann::json::parse(RenderBriefJson(analysis, TradeTable(), Ref()));
  EXPECT_EQ(json["source"]["outlet"], "Reuters");
  EXPECT_TRUE(json["source"]["url"].is_null());
  EXPECT_EQ(json["caveats"], nlohmann::json({"The bill did not become law as written."}));
}

TEST(BriefHtmlTest, IsOneSelfContainedFileWithEveryChart) {
  const std::string html = RenderBriefHtml(HandBuiltAnalysis(), Ref());
  EXPECT_THAT(html, HasSubstr("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                              "style-src 'unsafe-inline'; img-src data:\">"));
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
  EXPECT_THAT(html, Not(HasSubstr("href=")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, HasSubstr("<title>Ban &lt;test&gt; &amp; brief</title>"));
  for (const char* id : {"chart-partner-shares", "chart-risk-partner", "chart-nowcast"}) {
    EXPECT_THAT(html, HasSubstr(std::string("<svg id=\"") + id + "\"")) << id;
  }
  EXPECT_THAT(html, HasSubstr("<td class=\"num\">51.0%</td>"));
  // The nowcast chart's reference levels: last year's total (3 billion) and the projected claim's 300 million.
  EXPECT_THAT(html, HasSubstr(">2020 total: 3.000 billion USD</text>"));
  EXPECT_THAT(html, HasSubstr(">claim: " + StatedInWords(ClaimComparison::kAbout, "300 million USD") + "</text>"));
}

TEST(BriefJsonTest, ParsesAndNamesItsInputs) {
  const CaseAnalysis analysis = HandBuiltAnalysis();
  const TradeTable table;
  const nlohmann::json json = nlohmann::json::parse(RenderBriefJson(analysis, table, Ref()));
  EXPECT_EQ(json["generated_by"]["program"], "tradeshock");
  EXPECT_EQ(json["generated_by"]["version"], kTradeshockVersion);
  EXPECT_EQ(json["generated_by"]["inputs"], nlohmann::json({"case/flows.csv", "case/scenario.toml"}));
}

// The lead paragraph, sentence by sentence, from the hand-built numbers above. Names in running text: CN-XJ is
// "Xinjiang" and USA "the United States" in data/reference/economy_names_in_text.csv, KAZ "Kazakhstan" in Debian's
// iso-codes; money in four significant digits, exposure shares with two decimals, other percentages with one
// (docs/FORMATS.md).
TEST(BriefLeadTest, StatesTheStakeTheYearAndTheFailingClaims) {
  const std::string lead = BriefLead(HandBuiltAnalysis(), Ref());
  // At risk 3 billion of exports of 60 billion: 5.00%; the US 4.5 of 100 billion of trade, Kazakhstan 51.
  EXPECT_THAT(lead, HasSubstr("At stake under \u201cUS ban\u201d: 3.000 billion USD, 5.00% of Xinjiang's exports in "
                              "2020. The United States accounts for 4.5% of its total trade in 2020; its largest "
                              "partner, Kazakhstan, for 51.0%."));
  // 1.44 + 0.24 x 14/31 = 1.548387 billion, 1.548387 / 3 - 1 = -48.4%; a uniform profile (no profile years).
  EXPECT_THAT(lead, HasSubstr("With the policy from 2021-07-15, Xinjiang's exports to the United States in 2021 may "
                              "come to about 1.548 billion USD (between 1.548 billion USD and 1.548 billion USD), a "
                              "fall of 48.4% on 2020, if each month still to come is like the average month "
                              "observed."));
  // Claims that fail: the inconsistency, then the contradicted claim with what the data give.
  EXPECT_THAT(lead, HasSubstr("The article's figures disagree (us-2021 and us-drop): 300 million is a drop of 90%, "
                              "not 70%."));
  EXPECT_THAT(lead, HasSubstr("\u201cexports to the US will not exceed 300 million US dollars\u201d states 300 "
                              "million USD; the projection gives 1.548 billion USD."));  // a projected claim
  // The same paragraph leads every form.
  EXPECT_THAT(RenderBriefMarkdown(HandBuiltAnalysis(), Ref()), HasSubstr("**" + lead + "**"));
  const nlohmann::json json = nlohmann::json::parse(RenderBriefJson(HandBuiltAnalysis(), TradeTable(), Ref()));
  EXPECT_EQ(json["lead"], lead);
}

// A share stopped between 50% and 100% (central 75%) of the covered 3 billion: 2.25 billion at stake, from 1.5 to
// 3 billion; the policy from between two dates.
TEST(BriefLeadTest, GivesTheRangesOfAnUncertainPolicy) {
  CaseAnalysis analysis = HandBuiltAnalysis();
  analysis.exposure.at_risk = 2.25e9;
  analysis.exposure.at_risk_range = std::pair{1.5e9, 3e9};
  analysis.exposure.share_of_exports = 2.25 / 60;  // 3.75%
  analysis.exposure.policies[0].policy.from_range = std::pair{Date{2021, 7, 15}, Date{2022, 6, 21}};
  const std::string lead = BriefLead(analysis, Ref());
  EXPECT_THAT(lead, HasSubstr("At stake under \u201cUS ban\u201d: 2.250 billion USD (from 1.500 billion USD to 3.000 "
                              "billion USD, as the share it stops ranges), 3.75% of Xinjiang's exports in 2020."));
  EXPECT_THAT(lead, HasSubstr("With the policy starting between 2021-07-15 and 2022-06-21, "));
}

// A value claim's figure against the actual base, with the change another claim states of it: 300 million on
// 3 billion is 300/3000 - 1 = -90.0%; "less than -70%" needs less than 3000 x 0.3 = 900 million.
TEST(BriefLeadTest, SaysWhatTheArticlesOwnFiguresImply) {
  CaseAnalysis analysis = HandBuiltAnalysis();
  ImpliedChange implied{.value_claim = "us-2021",
                        .growth_claim = "us-drop",
                        .figure = 300e6,
                        .currency = "USD",
                        .base_period = Period::Year(2020),
                        .base = 3e9,
                        .change = 300e6 / 3e9 - 1,
                        .comparison = ClaimComparison::kLessThan,
                        .stated_change = ParseStatedFigure("-70%"),
                        .needed = {-std::numeric_limits<double>::infinity(), 900e6, true, true}};
  analysis.claims->inconsistencies.front().implied = implied;
  EXPECT_THAT(BriefLead(analysis, Ref()),
              HasSubstr("The article's 300.0 million USD would be a 90.0% fall on 2020's 3.000 billion USD, not a "
                        "fall of more than 70%: that needs less than 900.0 million USD."));
  // Nothing failing: the lead says so, with what could not be checked.
  analysis.claims->inconsistencies.clear();
  analysis.claims->results.pop_back();
  analysis.claims->not_checkable = 0;
  EXPECT_THAT(BriefLead(analysis, Ref()), HasSubstr("The one claim checked is not contradicted by the data."));
}

// The "beyond the direct loss" section, from hand-set model results (the numbers are the renderer's input):
// 655.8 million at risk, 391.0 million redirected (59.6%), 264.8 million net loss (40.4%).
CaseAnalysis WithBeyond() {
  CaseAnalysis analysis = HandBuiltAnalysis();
  BeyondDirectLoss beyond;
  PeAnalysis pe;
  pe.currency = "USD";
  pe.parameters = {{"redirection", 1.5, "tradeshock default (docs/METHODS.md, P8)", true}};
  pe.exporter_side = PeExporterSide{.direct_loss = 655.8e6,
                                    .other_markets = 20.42e9,
                                    .other_markets_from = "total trade less trade with the US: an upper bound",
                                    .redirected = 391.0e6,
                                    .redirected_share = 0.5962,
                                    .net_loss = 264.8e6,
                                    .revenue_loss = 526.3e6,
                                    .exporter_price_change_pct = -1.2566,
                                    .redirected_share_limit = 0.6,
                                    .redirected_share_half_markets = 0.5926};
  pe.not_computed = {"What USA buys from other suppliers instead is not computed: no figure."};
  beyond.pe = pe;
  beyond.not_computed = {"General equilibrium: not computed. It needs a square bilateral panel."};
  analysis.beyond = beyond;
  return analysis;
}

TEST(BriefBeyondTest, MarkdownHasTheSection) {
  const std::string md = RenderBriefMarkdown(WithBeyond(), Ref());
  EXPECT_THAT(md, HasSubstr("## Beyond the direct loss"));
  EXPECT_THAT(md, HasSubstr("| Redirected to other markets | 391.0 million USD | 59.6% |"));
  EXPECT_THAT(md, HasSubstr("| Net loss (direct loss minus redirected) | 264.8 million USD | 40.4% |"));
  // 526.3 / 655.8 = 0.80253.
  EXPECT_THAT(
      md, HasSubstr("| Revenue loss, counting the lower price on all sales elsewhere | 526.3 million USD | 80.3% |"));
  EXPECT_THAT(md, HasSubstr("| redirection (\u03c1) | 1.5 | default: tradeshock default (docs/METHODS.md, P8) |"));
  EXPECT_THAT(md, HasSubstr("cannot exceed \u03c1/(\u03ba+\u03c1) = 60.0%"));
  EXPECT_THAT(md, HasSubstr("with half of them the redirected share would be 59.3%"));
  EXPECT_THAT(md, HasSubstr("falls by 1.26%"));
  EXPECT_THAT(md, HasSubstr("- General equilibrium: not computed."));
  // Not a key number on the first screen: a model figure with default elasticities (issue 14, d6).
  EXPECT_THAT(md, Not(HasSubstr("| Net loss after redirection |")));
  // Without [models] in the scenario there is no such section.
  EXPECT_THAT(RenderBriefMarkdown(HandBuiltAnalysis(), Ref()), Not(HasSubstr("Beyond the direct loss")));
}

TEST(BriefBeyondTest, HtmlHasTheChartAndJsonTheNumbers) {
  const CaseAnalysis analysis = WithBeyond();
  const std::string html = RenderBriefHtml(analysis, Ref());
  EXPECT_THAT(html, HasSubstr("<h2>Beyond the direct loss</h2>"));
  EXPECT_THAT(html, HasSubstr("<svg id=\"chart-beyond\""));
  const nlohmann::json json = nlohmann::json::parse(RenderBriefJson(analysis, TradeTable(), Ref()));
  EXPECT_EQ(json["beyond_direct_loss"]["pe"]["exporter_side"]["redirected_share"], 0.5962);
  EXPECT_EQ(json["beyond_direct_loss"]["ge"], nullptr);
  EXPECT_EQ(json["beyond_direct_loss"]["pe"]["parameters"][0]["source"], "tradeshock default (docs/METHODS.md, P8)");
}

TEST(WriteBriefTest, WritesTheThreeFiles) {
  const fs::path dir = FreshDir("ok");
  const TradeTable table;
  const BriefPaths paths = WriteBrief(HandBuiltAnalysis(), table, Ref(), dir / "nested");
  EXPECT_EQ(paths.html, dir / "nested" / "brief.html");
  EXPECT_THAT(ReadFile(paths.markdown), HasSubstr("100.0 billion USD"));
  EXPECT_THAT(ReadFile(paths.html), HasSubstr("</html>"));
  EXPECT_NO_THROW(nlohmann::json::parse(ReadFile(paths.json)));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir / "nested")) ++files;
  EXPECT_EQ(files, 3u);  // no temporary left over
  fs::remove_all(dir);
}

TEST(WriteBriefTest, AnOutDirThatIsAFileWritesNothing) {
  const fs::path dir = FreshDir("file");
  fs::create_directories(dir);
  { std::ofstream(dir / "out") << "a file"; }
  const TradeTable table;
  try {
    WriteBrief(HandBuiltAnalysis(), table, Ref(), dir / "out");
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr((dir / "out").string()));
  }
  EXPECT_EQ(ReadFile(dir / "out"), "a file");
  fs::remove_all(dir);
}

TEST(WriteBriefTest, OneUnwritableTargetLeavesNoneOfTheThree) {
  // brief.html is a directory, so it cannot be replaced; brief.md and brief.json must not appear either,
  // and no temporary file may stay behind.
  const fs::path dir = FreshDir("blocked");
  fs::create_directories(dir / "brief.html");
  const TradeTable table;
  try {
    WriteBrief(HandBuiltAnalysis(), table, Ref(), dir);
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("brief.html"));
  }
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  EXPECT_THAT(names, ::testing::ElementsAre("brief.html"));
  fs::remove_all(dir);
}

TEST(BriefSummaryTest, HasTheKeyNumbersInAFewLines) {
  const std::string summary = BriefSummary(HandBuiltAnalysis(), Ref());
  EXPECT_THAT(summary, HasSubstr("51.0%"));
  // The share claim is supported by data that are not its own figure; the projected claim is contradicted.
  EXPECT_THAT(summary, HasSubstr("0 match the data entry, 1 supported by independent data, 0 consistent with the "
                                 "projection, 1 contradicted, 0 not checkable"));
  // The title, the lead wrapped to 100 columns, then one line per key number.
  std::istringstream in(summary);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "Ban <test> & brief");
  std::getline(in, line);
  EXPECT_EQ(line, "");
  std::string lead;
  while (std::getline(in, line) && !line.empty()) {
    EXPECT_LE(line.size(), 100u) << line;
    lead += (lead.empty() ? "" : " ") + line.substr(2);
  }
  EXPECT_EQ(lead, BriefLead(HandBuiltAnalysis(), Ref()));
  int key_lines = 0;
  while (std::getline(in, line)) ++key_lines;
  EXPECT_GE(key_lines, 5);
  EXPECT_LE(key_lines, 10);
}

}  // namespace
}  // namespace tradeshock
