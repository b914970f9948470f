// The nowcast against published figures: each year's full-year total predicted from its own year-to-date
// total with the OTHER year's profile (fixture: tests/scenario/data/xinjiang_total_trade.csv, fact ids in
// its README and source column).
#include <gtest/gtest.h>

#include <filesystem>

#include "indicators/table_builder.h"
#include "reference/reference_fixture.h"
#include "tradeshock/io.h"
#include "tradeshock/nowcast.h"

namespace tradeshock::testing {
namespace {

const TradeTable& Facts() {
  static const TradeTable table = ReadTradeFiles(
      {(std::filesystem::path(TRADESHOCK_SOURCE_DIR) / "tests/scenario/data/xinjiang_total_trade.csv").string()},
      RepoReference());
  return table;
}

NowcastResult Predict(const std::string& ytd, int profile_year) {
  NowcastRequest request;
  request.target = Select("CN-XJ", "WLD", kT, "TOTAL", ytd);
  request.profile_years = {profile_year};
  request.options.currency = "CNY";
  NowcastResult result = Nowcast(Facts(), RepoReference(), request);
  // The reader applies the unit: values are in yuan; the comments and checks below are in billions.
  for (NowcastPath* path : {&result.without_policy.central, &result.without_policy.low, &result.without_policy.high}) {
    path->full_year /= 1e9;
  }
  return result;
}

// 2020 full year: 21.387 bn USD x 6.9042 CNY/USD (Fed H.10, 2020) = 147.660 bn yuan.
constexpr double k2020 = 21.387 * 6.9042;

TEST(NowcastRealFiguresTest, Xinjiang2020FromJanuaryAugustWith2022Profile) {
  // 2022 profile: C(8) = 145.6 / 240 = 0.60667 (XJ2022M01_08_T, XJ2022_T). Jan-Aug 2020 = 88.950
  // (implied from XJ2021M01_08_T) -> 88.950 / 0.60667 = 146.62 bn yuan, 0.7% under the published 147.66.
  const NowcastResult result = Predict("2020-01..2020-08", 2022);
  EXPECT_NEAR(result.without_policy.central.full_year, 88.950 / (145.6 / 240.0), 1e-9);
  EXPECT_NEAR(result.without_policy.central.full_year / k2020 - 1.0, 0.0, 0.02);  // within 2%
  // One profile year, no back-test: the wide band, the projected months x/÷ 2:
  // 88.950 + (146.62 - 88.950) / 2 = 117.79 .. 88.950 + 2 x 57.67 = 204.29, which holds the published value.
  const double central = 88.950 / (145.6 / 240.0);
  EXPECT_NEAR(result.without_policy.low.full_year, 88.950 + (central - 88.950) / 2.0, 1e-9);
  EXPECT_NEAR(result.without_policy.high.full_year, 88.950 + (central - 88.950) * 2.0, 1e-9);
  EXPECT_LT(result.without_policy.low.full_year, k2020);
  EXPECT_GT(result.without_policy.high.full_year, k2020);
}

TEST(NowcastRealFiguresTest, Xinjiang2022FromJanuaryNovemberWith2020Profile) {
  // 2020 profile: C(11) = 139.473 / 147.660 = 0.94456. Jan-Nov 2022 = 219.4 (XJ2022M01_11_T)
  // -> 219.4 / 0.94456 = 232.28 bn yuan. Published: "exceeded 240" (XJ2022_T), 3.2% above the estimate;
  // the wide band's top, 219.4 + 2 x (232.28 - 219.4) = 245.16, is above it.
  const NowcastResult result = Predict("2022-01..2022-11", 2020);
  EXPECT_NEAR(result.without_policy.central.full_year, 219.4 / (139.473 / k2020), 1e-6);
  EXPECT_NEAR(result.without_policy.central.full_year / 240.0 - 1.0, 0.0, 0.05);  // within 5%
  const double central = 219.4 / (139.473 / k2020);
  EXPECT_NEAR(result.without_policy.high.full_year, 219.4 + 2.0 * (central - 219.4), 1e-6);
  EXPECT_GT(result.without_policy.high.full_year, 240.0);
}

TEST(NowcastRealFiguresTest, Xinjiang2022FromJanuaryAugustWith2020Profile) {
  // C_2020(8) = 88.950 / 147.660 = 0.60240; Jan-Aug 2022 = 145.6 (XJ2022M01_08_T)
  // -> 145.6 / 0.60240 = 241.70, consistent with "exceeded 240" (XJ2022_T).
  const NowcastResult result = Predict("2022-01..2022-08", 2020);
  EXPECT_NEAR(result.without_policy.central.full_year, 145.6 / (88.950 / k2020), 1e-6);
  EXPECT_GE(result.without_policy.central.full_year, 240.0);
}

}  // namespace
}  // namespace tradeshock::testing
