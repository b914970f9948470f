// End to end, what `make demo` runs: `tradeshock brief data/cases/xinjiang-2021 --out DIR`. The key numbers of
// brief.md, brief.html and brief.json are derived by hand from the case's CSV files below, written as
// docs/FORMATS.md ("How numbers are written") says — four significant digits for amounts, one decimal for
// percentages, two for exposure shares — and the three files must agree.
//
// Hand arithmetic (flows.csv, profile.csv; Federal Reserve H.10 2020 average, 6.9042 CNY per USD):
//   total trade 2020: the row, 21.387 bn USD                                  -> "21.39 billion USD"
//   exports at risk (US ban on all products, share stopped 1): exports to the US 2020,
//     4.528 bn CNY / 6.9042 = 0.6558327 bn USD                                 -> "655.8 million USD"
//     share of total trade 0.6558327 / 21.387 = 3.0665%                        -> "3.07%"
//     share of exports: no total of Xinjiang's exports in the data (the only partner sum is the banned flow
//     itself), so none is given.
//   largest partner: Kazakhstan, 75.826 bn CNY / 6.9042 = 10.98259 bn USD     -> "10.98 billion USD"
//     share 10.98259 / 21.387 = 51.352%                                       -> "51.4%"
//   nowcast 2021, exports to the US, with the ban from 2021-07-15 (scenario_cli_test.cc has the steps):
//     profile 2020: C(2) = (12.95 + 7.08) / (21.387 x 6.9042) = 0.1356493, C(8) = 88.950 / 147.6601 = 0.6023969,
//     C(5) = (C(2) + C(8)) / 2 = 0.3690231; F = 90 M / C(5) = 243.887 M; June F (C(8) - C(2)) / 6 = 18.972 M,
//     July 14/31 of it = 8.568 M: 90 + 18.972 + 8.568 = 117.540 M USD       -> "117.5 million USD"
//     band: one profile year, so from the uniform profile (90 x 12/5 = 216 M, 18 M a month: 90 + 18 + 18 x
//     14/31 = 116.129 M) to 117.540 M                                         -> "116.1 ... to 117.5 million USD"
//     on 2020: 117.540 / 655.833 - 1 = -82.08%                                -> "−82.1%"
//   claims: 19; 12 supported, 0 contradicted, 7 not checkable (each derived in seed_claims_cli_test.cc).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "cli/cli_runner.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct KeyNumber {
  std::string label, value, detail;
};

// The key-number row of brief.md whose label starts with `label`: "| label | value | detail |".
KeyNumber MarkdownKey(const std::string& md, const std::string& label) {
  const std::size_t at = md.find("\n| " + label);
  if (at == std::string::npos) {
    ADD_FAILURE() << "no key number '" << label << "' in brief.md";
    return {};
  }
  const std::string line = md.substr(at + 1, md.find('\n', at + 1) - at - 1);
  std::vector<std::string> cells;
  std::size_t start = 1;
  for (std::size_t bar = line.find(" |", start); bar != std::string::npos; bar = line.find(" |", start)) {
    cells.push_back(line.substr(start + 1, bar - start - 1));
    start = bar + 2;
  }
  if (cells.size() != 3) {
    ADD_FAILURE() << "key number row with " << cells.size() << " cells: " << line;
    return {};
  }
  return {cells[0], cells[1], cells[2]};
}

// The key number of brief.html whose label starts with `label`.
KeyNumber HtmlKey(const std::string& html, const std::string& label) {
  const std::string open = "<div class=\"key\"><div class=\"label\">";
  const std::size_t at = html.find(open + label);
  if (at == std::string::npos) {
    ADD_FAILURE() << "no key number '" << label << "' in brief.html";
    return {};
  }
  auto field = [&](const std::string& cls, std::size_t from) {
    const std::string tag = "<div class=\"" + cls + "\">";
    const std::size_t begin = html.find(tag, from) + tag.size();
    return html.substr(begin, html.find("</div>", begin) - begin);
  };
  // The HTML escapes what Markdown writes as is; compare the text a reader sees.
  const auto unescaped = [](std::string text) {
    for (const auto& [entity, c] : {std::pair<std::string, std::string>{"&#39;", "'"},
                                    {"&quot;", "\""},
                                    {"&lt;", "<"},
                                    {"&gt;", ">"},
                                    {"&amp;", "&"}}) {
      for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
        text.replace(at, entity.size(), c);
      }
    }
    return text;
  };
  return {unescaped(field("label", at)), unescaped(field("value", at)), unescaped(field("detail", at))};
}

// The result of claim `id` in brief.json's claims results.
const nlohmann::json& ById(const nlohmann::json& results, const std::string& id) {
  for (const nlohmann::json& result : results) {
    if (result["id"] == id) return result;
  }
  ADD_FAILURE() << "no claim " << id;
  static const nlohmann::json kNone = nlohmann::json::object();
  return kNone;
}

class BriefDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    out_ = new std::filesystem::path(TempPath("tradeshock-brief-demo"));
    const CliRun run = RunCli({"brief", RepoPath("data/cases/xinjiang-2021").string(), "--out", out_->string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    md_ = new std::string(ReadWholeFile(*out_ / "brief.md"));
    html_ = new std::string(ReadWholeFile(*out_ / "brief.html"));
    json_ = new nlohmann::json(nlohmann::json::parse(ReadWholeFile(*out_ / "brief.json")));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*out_);
    delete out_;
    delete md_;
    delete html_;
    delete json_;
  }
  // The same key number in brief.md and brief.html, which must agree with each other and with `expected`.
  static void ExpectKey(const std::string& label, const std::string& value, const std::string& detail) {
    const KeyNumber md = MarkdownKey(*md_, label);
    const KeyNumber html = HtmlKey(*html_, label);
    EXPECT_EQ(md.value, value) << label;
    EXPECT_EQ(html.value, value) << label;
    EXPECT_EQ(md.detail, detail) << label;
    EXPECT_EQ(html.detail, detail) << label;
    EXPECT_EQ(md.label, html.label);
  }
  static std::filesystem::path* out_;
  static std::string* md_;
  static std::string* html_;
  static nlohmann::json* json_;
};

std::filesystem::path* BriefDemoTest::out_ = nullptr;
std::string* BriefDemoTest::md_ = nullptr;
std::string* BriefDemoTest::html_ = nullptr;
nlohmann::json* BriefDemoTest::json_ = nullptr;

TEST_F(BriefDemoTest, TotalTrade) {
  const KeyNumber md = MarkdownKey(*md_, "Total trade, 2020");
  EXPECT_EQ(md.value, "21.39 billion USD");
  EXPECT_EQ(md.detail, "Xinjiang's exports plus imports");  // its name in text (economy_names_in_text.csv)
  const KeyNumber html = HtmlKey(*html_, "Total trade, 2020");
  EXPECT_EQ(html.value, "21.39 billion USD");
  EXPECT_EQ(html.detail, "Xinjiang's exports plus imports");              // as a reader sees it (HtmlKey unescapes)
  EXPECT_THAT(*html_, HasSubstr("Xinjiang&#39;s exports plus imports"));  // XML-escaped in the file
  EXPECT_DOUBLE_EQ((*json_)["partner_shares"]["total"]["value"].get<double>(), 21.387e9);
}

TEST_F(BriefDemoTest, ExposureValueAndShare) {
  ExpectKey("Exports at risk, 2020", "655.8 million USD",
            "3.07% of total trade; share of exports not known (no total of exports in the data)");
  const nlohmann::json& exposure = (*json_)["exposure"];
  EXPECT_EQ(exposure["currency"], "USD");
  EXPECT_NEAR(exposure["at_risk"].get<double>(), 4.528e9 / 6.9042, 1.0);  // 655,832,682 USD
  EXPECT_NEAR(exposure["share_of_trade"].get<double>(), 4.528 / 6.9042 / 21.387, 1e-12);
  EXPECT_TRUE(exposure["share_of_exports"].is_null());
}

TEST_F(BriefDemoTest, LargestPartner) {
  const KeyNumber md = MarkdownKey(*md_, "Largest partner: ");
  EXPECT_EQ(md.label, "Largest partner: Kazakhstan");
  ExpectKey("Largest partner: ", "51.4%", "10.98 billion USD of total trade");
  const nlohmann::json& largest = (*json_)["largest_partner"];
  EXPECT_EQ(largest["partner"], "KAZ");
  EXPECT_EQ(largest["currency"], "USD");
  EXPECT_NEAR(largest["value"].get<double>(), 75.826e9 / 6.9042, 1.0);
  EXPECT_NEAR(largest["share"].get<double>(), 75.826 / 6.9042 / 21.387, 1e-12);
}

TEST_F(BriefDemoTest, MonthlyTableSaysWhichMonthsAreData) {
  // The case gives Jan-May 2021 as one total (90 million USD, the article's figure): May's running total is
  // observed, January-April are it spread by the profile, June on is projected.
  EXPECT_THAT(*md_, HasSubstr("| Jan | spread by the profile |"));
  EXPECT_THAT(*md_, HasSubstr("| May | observed | 90.00 million USD |"));
  EXPECT_THAT(*md_, HasSubstr("| Jun | projected |"));
  EXPECT_THAT(*md_, Not(HasSubstr("| Apr | observed")));
}

// The nowcast leans on the flow's own history as the article's claims imply it: "more than 90 million USD" in
// January-May 2021, down 10% on a year earlier, gives 90 / 0.9 = 100 million USD for January-May 2020; with
// 2020's 4.528 billion CNY / 6.9042 = 655.832 million USD, C(5) = 100 / 655.832 = 0.152478. Without the ban:
// 90 / 0.152478 = 590.249 million USD; each month June-December (1 - C(5)) / 7 of it = 71.464 million. The ban
// from 15 July stops June not at all and July from its 15th (17 of 31 days stopped, 14 kept):
// 90 + 71.464 + 71.464 x 14/31 = 193.738 million USD.
TEST_F(BriefDemoTest, NowcastCentralValue) {
  const double year_2020 = 4528.0 / 6.9042;
  const double c5 = 100.0 / year_2020;
  const double month = (90.0 / c5 - 90.0) / 7.0;
  const double central = 90.0 + month + month * 14.0 / 31.0;
  EXPECT_NEAR(central, 193.738, 0.001);
  ExpectKey("Nowcast 2021: exports to United States", "193.7 million USD",
            "range 141.9 million USD to 297.5 million USD; \u221270.5% on 2020");
  const nlohmann::json& with = (*json_)["nowcast"]["with_policy"];
  EXPECT_NEAR(with["central"]["full_year"].get<double>(), central * 1e6, 0.001e6);
  // One profile year, no back-test: the wide band, the projected months (central - 90 observed) x/÷ 2.
  EXPECT_NEAR(with["low"]["full_year"].get<double>(), (90.0 + (central - 90.0) / 2) * 1e6, 0.001e6);
  EXPECT_NEAR(with["high"]["full_year"].get<double>(), (90.0 + (central - 90.0) * 2) * 1e6, 0.001e6);
  EXPECT_NEAR(with["yoy_central"].get<double>(), central / year_2020 - 1, 2e-6);
  // Where that history comes from, in the JSON and the assumptions.
  ASSERT_EQ((*json_)["nowcast_implied"].size(), 1u);
  EXPECT_NEAR((*json_)["nowcast_implied"][0]["value"].get<double>(), 100e6, 1.0);
  EXPECT_EQ((*json_)["nowcast_implied"][0]["growth_claim"], "us-exports-jan-may-2021-yoy");
  // The scenario's stand-in (Xinjiang's total trade) is shown beside it: its value is checked by hand in
  // SeedScenarioTest.NowcastOf2021ExportsToTheUs (117.540 million USD).
  EXPECT_NEAR((*json_)["nowcast_stand_in"]["with_policy"]["central"]["full_year"].get<double>(), 117.540e6, 0.001e6);
}

// The lead says the finding in words. Exports to the US in 2020: 4.528 billion CNY at 6.9042 CNY per USD (the
// Federal Reserve's 2020 average, data/reference/fx) = 655.83 million USD; 300 / 655.83 - 1 = -54.26%; a fall of
// more than 70% needs less than 0.3 x 655.83 = 196.75 million USD, written 196.7 (four significant digits).
TEST_F(BriefDemoTest, LeadSaysTheFindingInWords) {
  const std::string lead = (*json_)["lead"].get<std::string>();
  EXPECT_THAT(lead, HasSubstr("The article's 300.0 million USD would be a 54.3% fall on 2020's 655.8 million USD, not "
                              "a fall of more than 70%: that needs less than 196.7 million USD."));
  // The nowcast's central value, as in the key numbers, and the assumption it leans on.
  EXPECT_THAT(lead, HasSubstr("may come to about " + MarkdownKey(*md_, "Nowcast 2021").value));
  EXPECT_THAT(lead, HasSubstr("if the rest of the year follows the flow's own monthly profile of 2020, which the "
                              "article's own figures imply (100.0 million USD in 2020-01..2020-05); with the profile "
                              "of Xinjiang's total trade instead, about 117.5 million USD."));
  // The same paragraph first in brief.md and in brief.html (where the apostrophe is escaped).
  EXPECT_THAT(*md_, HasSubstr("\n**" + lead + "**\n"));
  EXPECT_THAT(*html_, HasSubstr("<p class=\"lead\">At stake under"));
}

TEST_F(BriefDemoTest, VerdictCounts) {
  // Of the 12 supported: the 8 value claims whose rows are the article's own figures (flows.csv, whose source
  // column quotes them: total trade, Kazakhstan, Russia, Kyrgyzstan, US trade, US exports, mechanical and
  // electrical, clothing) only match the data entry; Kazakhstan's rank and the US share are computed from several
  // rows and a rate; the 2021 cap and drop hold under the nowcast. The cap and the drop disagree with each other.
  ExpectKey("Claims checked", "19",
            "8 match the data entry, 2 supported by independent data, 2 consistent with the projection, 0 "
            "contradicted, 7 not checkable; the article's own figures disagree in 1 place");
  const nlohmann::json& claims = (*json_)["claims"];
  ASSERT_EQ(claims["results"].size(), 19u);
  EXPECT_EQ(claims["supported"], 12);
  EXPECT_EQ(claims["contradicted"], 0);
  EXPECT_EQ(claims["not_checkable"], 7);
  EXPECT_EQ(claims["verdicts"]["matches_data_entry"], 8);
  EXPECT_EQ(claims["verdicts"]["supported_by_independent_data"], 2);
  EXPECT_EQ(claims["verdicts"]["consistent_with_projection"], 2);
  EXPECT_EQ(claims["verdicts"]["figures_disagree"], 1);
  EXPECT_EQ(ById(claims["results"], "us-share-2020")["verdict"], "supported by independent data");
  EXPECT_EQ(ById(claims["results"], "total-trade-2020")["verdict"], "matches the data entry");
  // The one inconsistent pair is listed as a key number too.
  EXPECT_EQ(MarkdownKey(*md_, "The article's own figures disagree").value,
            "us-exports-2021-cap + us-exports-2021-drop");
  // A claim whose share has no real denominator: its computed value is "not known", never a 0 or a dash, and
  // the JSON names the denominator with a null value.
  EXPECT_THAT(*md_, HasSubstr("| not checkable | more than 50% | not known |"));
  for (const nlohmann::json& result : claims["results"]) {
    if (result["id"] != "mech-elec-clothing-share-2020") continue;
    EXPECT_EQ(result["denominator"]["describes"], "CN-XJ exports to WLD, TOTAL, 2020");
    EXPECT_TRUE(result["denominator"]["value"].is_null());
  }
}

TEST_F(BriefDemoTest, JsonNamesItsInputs) {
  const auto inputs = (*json_)["generated_by"]["inputs"].get<std::vector<std::string>>();
  // The case's two data files (scenario.toml and claims.toml are not trade data).
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0], "xinjiang-2021/flows.csv");
  EXPECT_EQ(inputs[1], "xinjiang-2021/profile.csv");
}

}  // namespace
}  // namespace tradeshock::testing
