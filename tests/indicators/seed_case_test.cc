// The seed case (data/cases/xinjiang-2021/flows.csv, the article's figures as rows) through the library.
// The article: Xinjiang's 2020 foreign trade was 21.387 billion USD; trade with Kazakhstan 75.826 billion yuan,
// with the United States 6.681 billion yuan, "accounting for 4.5%".
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "reference/reference_fixture.h"
#include "tradeshock/error.h"
#include "tradeshock/indicators.h"
#include "tradeshock/io.h"

namespace tradeshock::testing {
namespace {

const TradeTable& SeedTable() {
  static const TradeTable table =
      ReadTradeFiles({(std::filesystem::path(TRADESHOCK_SOURCE_DIR) / "data/cases/xinjiang-2021/flows.csv").string()},
                     RepoReference());
  return table;
}

Selection XinjiangTrade2020() {
  return Selection{
      .reporter = "CN-XJ", .partner = "WLD", .flow = Flow::kTrade, .product = "TOTAL", .period = Period::Year(2020)};
}

const ShareItem& Item(const ShareResult& shares, const std::string& partner) {
  for (const ShareItem& item : shares.items) {
    if (item.partner == partner) return item;
  }
  throw Error("partner " + partner + " missing");
}

TEST(SeedCaseTest, PartnerSharesAtTheFed2020Rate) {
  const ShareResult shares = ComputeShares(SeedTable(), RepoReference(), XinjiangTrade2020(), ShareBy::kPartner,
                                           IndicatorOptions{.currency = "USD"});
  // The total is the article's own USD figure, not converted.
  EXPECT_DOUBLE_EQ(shares.total.value, 21.387e9);
  // Federal Reserve H.10, 2020 average: 6.9042 CNY per USD.
  ASSERT_EQ(shares.rates.size(), 1u);
  EXPECT_DOUBLE_EQ(shares.rates[0].per_usd, 6.9042);
  // USA: 6.681 / 6.9042 = 0.96767 billion USD; / 21.387 = 0.045246 -> 4.5% (as the article says).
  const double usa = Item(shares, "USA").share;
  EXPECT_NEAR(usa, 0.045246, 1e-6);
  EXPECT_EQ(fmt::format("{:.1f}%", 100 * usa), "4.5%");
  // KAZ: 75.826 / 6.9042 = 10.98259 billion USD; / 21.387 = 0.513517 -> 51.4%.
  const double kaz = Item(shares, "KAZ").share;
  EXPECT_NEAR(kaz, 0.513517, 1e-6);
  EXPECT_EQ(fmt::format("{:.1f}%", 100 * kaz), "51.4%");
  // The four partners named (KAZ, RUS, KGZ, USA) cover (75.826 + 12.247 + 10.262 + 6.681) / 6.9042 / 21.387
  // = 105.016 / 6.9042 / 21.387 = 0.71120 of the total; the rest is not itemised.
  EXPECT_NEAR(shares.coverage, 105.016 / 6.9042 / 21.387, 1e-12);
  ASSERT_TRUE(shares.rest.has_value());
  EXPECT_NEAR(shares.rest->share, 1 - 105.016 / 6.9042 / 21.387, 1e-12);
  // Dependence on the largest partner is Kazakhstan's share.
  EXPECT_EQ(ComputeDependence(shares).partner, "KAZ");
}

TEST(SeedCaseTest, WithoutACurrencyTheMixIsRefused) {
  try {
    ComputeShares(SeedTable(), RepoReference(), XinjiangTrade2020(), ShareBy::kPartner);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "rows are in CNY and USD: choose a currency with --currency");
  }
}

TEST(SeedCaseTest, YearToDateGrowthNeedsTheBaseYear) {
  // The article's "-10% year on year" for January-May 2021 exports to the US cannot be computed: the base
  // (January-May 2020) is not in the data.
  Selection selection{.reporter = "CN-XJ",
                      .partner = "USA",
                      .flow = Flow::kExports,
                      .product = "TOTAL",
                      .period = *Period::Parse("2021-01..2021-05")};
  try {
    ComputeGrowth(SeedTable(), RepoReference(), selection);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    // flows.csv has Xinjiang's exports to the US for 2020 and 2021-01..2021-05.
    EXPECT_STREQ(error.what(),
                 "no data for CN-XJ exports to USA, TOTAL, 2020-01..2020-05; the data hold CN-XJ exports to USA for "
                 "2020, 2021-01..2021-05");
  }
}

}  // namespace
}  // namespace tradeshock::testing
