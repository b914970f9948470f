// Tables of a case whose data cover only part of the exporter's trade: a product mix known only for the
// exports to one partner is of those exports and says so, a partner table whose total is only the sum of the
// partners the policies cover gives no share of the whole, and shares that are not known are null in JSON and
// "not known" in the brief, never 0. Every expected number is worked out by hand in a comment.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "reference/reference_fixture.h"
#include "temp_dir.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/report.h"
#include "tradeshock/result_json.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kHeader[] = "reporter,partner,flow,product,period,value,currency,unit\n";
// A US ban on Russian energy (HS 27) from 9 March 2022; the base period is 2021.
constexpr char kScenario[] =
    "title = \"US ban on Russian energy\"\n"
    "[[policy]]\nname = \"energy ban\"\nkind = \"ban\"\nimposed_by = \"USA\"\non = \"RUS\"\nproducts = [\"27\"]\n"
    "from = 2022-03-09\n";

CaseAnalysis Analyse(const TempDir& dir, const std::string& rows) {
  dir.Write("flows.csv", std::string(kHeader) + rows);
  dir.Write("scenario.toml", kScenario);
  const Case c = LoadCase(dir.path(), RepoReference());
  return AnalyseCase(c, RepoReference());
}

bool HasNote(const CaseAnalysis& analysis, const std::string& words) {
  for (const std::string& note : analysis.notes) {
    if (note.find(words) != std::string::npos) return true;
  }
  return false;
}

TEST(PartialTablesTest, ProductMixOfTheExportsToOnePartnerIsOfThoseExports) {
  // RUS -> USA: HS 27 = 70, HS 72 = 20, TOTAL = 100; RUS -> WLD: TOTAL = 2448 (no world row by product).
  // The product mix is of the exports to the US: 27 = 70 / 100 = 70.0%, 72 = 20 / 100 = 20.0%, the rest 10 not
  // itemised (10.0%). Shown as Russia's whole mix it would read 70 / 2448 = 2.86% and 20 / 2448 = 0.82%.
  TempDir dir;
  const CaseAnalysis analysis = Analyse(dir,
                                        "RUS,USA,exports,27,2021,70,USD,unit\n"
                                        "RUS,USA,exports,72,2021,20,USD,unit\n"
                                        "RUS,USA,exports,TOTAL,2021,100,USD,unit\n"
                                        "RUS,WLD,exports,TOTAL,2021,2448,USD,unit\n");
  ASSERT_TRUE(analysis.product_shares.has_value());
  const ShareResult& products = *analysis.product_shares;
  EXPECT_EQ(products.total.selection.partner, "USA");
  EXPECT_DOUBLE_EQ(products.total.value, 100.0);
  ASSERT_EQ(products.items.size(), 2u);
  EXPECT_EQ(products.items[0].product, "27");
  EXPECT_DOUBLE_EQ(products.items[0].share, 0.70);
  EXPECT_DOUBLE_EQ(products.items[1].share, 0.20);
  ASSERT_TRUE(products.rest.has_value());
  EXPECT_DOUBLE_EQ(products.rest->value, 10.0);
  EXPECT_EQ(analysis.product_partners, std::vector<std::string>{"USA"});
  EXPECT_TRUE(HasNote(analysis, "by product only to USA, not to the world"));
  // The partner table has a real world total (a row): US 100 / 2448 = 4.08%.
  EXPECT_TRUE(analysis.partner_total_known);
  EXPECT_NEAR(analysis.largest_partner.share, 100.0 / 2448.0, 1e-15);

  const std::string md = RenderBriefMarkdown(analysis, RepoReference());
  EXPECT_THAT(md, HasSubstr("## What it exports to United States"));
  EXPECT_THAT(md, HasSubstr("exports to United States, by product, 2021"));
  EXPECT_THAT(md, HasSubstr("not of Russia's whole exports"));
  EXPECT_THAT(md, HasSubstr("| 70.0% |"));
  EXPECT_THAT(md, Not(HasSubstr("## What it exports\n")));

  const nlohmann::json json = CaseAnalysisToJson(analysis, LoadCase(dir.path(), RepoReference()).table);
  EXPECT_EQ(json["product_shares"]["denominator"], "RUS exports to USA, TOTAL, 2021");
  EXPECT_EQ(json["product_shares"]["items"][0]["numerator"], "RUS exports to USA, 27, 2021");
  EXPECT_EQ(json["product_partners"], nlohmann::json::array({"USA"}));
  EXPECT_EQ(json["largest_partner"]["numerator"], "RUS exports to USA, TOTAL, 2021");
  EXPECT_EQ(json["largest_partner"]["denominator"], "RUS exports to WLD, TOTAL, 2021");
}

TEST(PartialTablesTest, NoTotalOfTheExportsToThatPartnerGivesValuesOnly) {
  // No RUS -> USA TOTAL row: the products' only total would be 70 + 20 = 90, their own sum, so the shares are
  // not known (values 70 and 20 only); JSON gives them as null, never 0.
  TempDir dir;
  const CaseAnalysis analysis = Analyse(dir,
                                        "RUS,USA,exports,27,2021,70,USD,unit\n"
                                        "RUS,USA,exports,72,2021,20,USD,unit\n"
                                        "RUS,WLD,exports,TOTAL,2021,2448,USD,unit\n");
  EXPECT_FALSE(analysis.product_shares.has_value());
  ASSERT_TRUE(analysis.product_values.has_value());
  EXPECT_EQ(analysis.product_values->total.selection.partner, "USA");
  EXPECT_TRUE(
      HasNote(analysis, "the data give RUS's exports to USA of 27, 72 in 2021 but no total of its exports to USA"));
  const nlohmann::json json = CaseAnalysisToJson(analysis, LoadCase(dir.path(), RepoReference()).table);
  const nlohmann::json& values = json["product_values"];
  ASSERT_EQ(values["items"].size(), 2u);
  EXPECT_EQ(values["items"][0]["value"], 70.0);
  EXPECT_TRUE(values["items"][0]["share"].is_null());
  EXPECT_TRUE(values["total"].is_null());
  EXPECT_TRUE(values["coverage"].is_null());
}

TEST(PartialTablesTest, PartnerTableOfTheCoveredPartnerAloneIsNotTheWhole) {
  // Only exports to the US (HS 27 = 70, HS 72 = 20, TOTAL = 100) and no world row: the "world" total would be
  // the one US row, 100, and the US "100% of Russia's exports". The partner shares, the HHI and the largest
  // partner's share of the whole are not known; the exposure's share of exports neither (no total).
  TempDir dir;
  const CaseAnalysis analysis = Analyse(dir,
                                        "RUS,USA,exports,27,2021,70,USD,unit\n"
                                        "RUS,USA,exports,72,2021,20,USD,unit\n"
                                        "RUS,USA,exports,TOTAL,2021,100,USD,unit\n");
  EXPECT_FALSE(analysis.partner_total_known);
  EXPECT_FALSE(analysis.exposure.share_of_exports.has_value());
  EXPECT_TRUE(HasNote(analysis, "the shares are of the sum of those partners, not of its whole exports"));

  const std::string md = RenderBriefMarkdown(analysis, RepoReference());
  EXPECT_THAT(md, HasSubstr("| Exports with the partners in the data, 2021 | 100 USD |"));
  EXPECT_THAT(md, HasSubstr("| United States share of exports | not known |"));
  EXPECT_THAT(md, HasSubstr("| Largest partner in the data: United States | not known |"));
  EXPECT_THAT(md, HasSubstr("| Partner concentration (HHI) | not known |"));
  EXPECT_THAT(md, HasSubstr("exports to the partners in the data, by partner, 2021"));
  EXPECT_THAT(md, HasSubstr("| Sum of the partners in the data | 100 USD | 100.0% |"));
  EXPECT_THAT(md, Not(HasSubstr("| 1.000 |")));  // an HHI of one partner "of the whole"
  // The product mix is of the exports to the US (TOTAL row 100): 70.0% and 20.0%.
  ASSERT_TRUE(analysis.product_shares.has_value());
  EXPECT_DOUBLE_EQ(analysis.product_shares->items[0].share, 0.70);

  const nlohmann::json json = CaseAnalysisToJson(analysis, LoadCase(dir.path(), RepoReference()).table);
  EXPECT_EQ(json["partner_total_known"], false);
  EXPECT_TRUE(json["largest_partner"]["share"].is_null());
  EXPECT_TRUE(json["largest_partner"]["denominator"].is_null());
  EXPECT_TRUE(json["partner_concentration"].is_null());
  EXPECT_TRUE(json["exposure"]["share_of_exports"].is_null());
  // At risk by partner: 70 to the US, its share of exports not known: null, not 0.
  ASSERT_EQ(json["exposure"]["by_partner"].size(), 1u);
  EXPECT_EQ(json["exposure"]["by_partner"][0]["at_risk"], 70.0);
  EXPECT_TRUE(json["exposure"]["by_partner"][0]["share_of_exports"].is_null());
  EXPECT_TRUE(json["exposure"]["policies"][0]["by_product"][0]["share_of_exports"].is_null());
}

// Data that give the exporter's flow only to a group as a whole (the Commission's figure of Russia's coal
// exports to the EU): 4 bn EUR of HS 2701 in 2021, nothing to single partners, no total. The base period is
// that flow's last year before the policy (2021), the partner shares are of that one group (its sum is no
// total: not known), and the exposure is the whole row: 4 / 0.8453 EUR per USD (H.10 2021 annual average,
// data/reference/fx/yearly.csv) = 4.7320 bn USD.
TEST(PartialTablesTest, AFlowGivenOnlyToAGroupIsAnalysed) {
  TempDir dir;
  dir.Write("flows.csv", std::string(kHeader) + "RUS,EU27,exports,2701,2021,4,EUR,billion\n");
  dir.Write("scenario.toml",
            "[[policy]]\nkind = \"ban\"\nimposed_by = \"EU27\"\non = \"RUS\"\nproducts = [\"2701\"]\n"
            "from = 2022-08-10\n");
  const Case c = LoadCase(dir.path(), RepoReference());
  CaseAnalysisOptions options;
  options.currency = "USD";
  const CaseAnalysis analysis = AnalyseCase(c, RepoReference(), options);
  EXPECT_EQ(analysis.base_period, Period::Year(2021));
  EXPECT_FALSE(analysis.partner_total_known);
  ASSERT_EQ(analysis.partner_shares.items.size(), 1u);
  EXPECT_EQ(analysis.partner_shares.items[0].partner, "EU27");
  EXPECT_NEAR(analysis.exposure.at_risk, 4e9 / 0.8453, 1e6);
  EXPECT_FALSE(analysis.exposure.share_of_exports.has_value());
  EXPECT_TRUE(HasNote(analysis, "only to EU27 (not to single partners)"));
  const nlohmann::json json = CaseAnalysisToJson(analysis, c.table);
  EXPECT_TRUE(json["largest_partner"]["share"].is_null());
  EXPECT_TRUE(json["partner_concentration"].is_null());
}

}  // namespace
}  // namespace tradeshock::testing
