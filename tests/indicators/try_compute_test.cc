// TryComputeX: a value the data cannot give is missing with the reason ComputeX would throw; a value it can
// give is the same as ComputeX's; a request wrong in itself still throws. Also IndicatorOptions::Validate.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include "error_text.h"
#include "indicators/table_builder.h"
#include "tradeshock/error.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

const Reference& Ref() { return RepoReference(); }

// CHN exports: 2019 USA 30 + KAZ 10 = 40; 2020 USA 50 + KAZ 10 = 60. KGZ exports 2020: a zero row.
TradeTable Table() {
  return BuildTable({{"CHN", "USA", kX, "TOTAL", "2019", 30},
                     {"CHN", "KAZ", kX, "TOTAL", "2019", 10},
                     {"CHN", "USA", kX, "TOTAL", "2020", 50},
                     {"CHN", "KAZ", kX, "TOTAL", "2020", 10},
                     {"KGZ", "CHN", kX, "TOTAL", "2019", 0},
                     {"KGZ", "CHN", kX, "TOTAL", "2020", 5}});
}

TEST(TryComputeTest, PresentValueIsTheSameAsComputeValue) {
  const TradeTable table = Table();
  const Selection selection = Select("CHN", "WLD", kX, "TOTAL", "2020");
  const Maybe<ValueResult> value = TryComputeValue(table, Ref(), selection);
  ASSERT_TRUE(value) << value.reason();
  EXPECT_TRUE(value.reason().empty());
  // 50 + 10 = 60, and the same rows as ComputeValue's.
  EXPECT_DOUBLE_EQ(value->value, 60.0);
  const ValueResult thrown = ComputeValue(table, Ref(), selection);
  EXPECT_EQ(value->value, thrown.value);
  EXPECT_EQ(value->rows, thrown.rows);
}

TEST(TryComputeTest, MissingValueHasComputeValuesMessageAsReason) {
  const TradeTable table = Table();
  const Selection selection = Select("CHN", "WLD", kX, "TOTAL", "2018");
  const Maybe<ValueResult> value = TryComputeValue(table, Ref(), selection);
  ASSERT_FALSE(value);
  // CHN has rows for 2019 and 2020, none with WLD.
  EXPECT_EQ(value.reason(), "no data for CHN exports to WLD, TOTAL, 2018; the data hold rows of CHN for 2019, 2020");
  EXPECT_EQ(value.reason(), ThrownBy([&] { ComputeValue(table, Ref(), selection); }));
  // value() of a missing value throws the reason; it never gives a 0.
  EXPECT_EQ(ThrownBy([&] { (void)value.value(); }), value.reason());
}

TEST(TryComputeTest, SharesAndDependence) {
  const TradeTable table = Table();
  const Selection selection = Select("CHN", "WLD", kX, "TOTAL", "2020");
  const Maybe<ShareResult> shares = TryComputeShares(table, Ref(), selection, ShareBy::kPartner);
  ASSERT_TRUE(shares) << shares.reason();
  ASSERT_EQ(shares->items.size(), 2u);
  EXPECT_DOUBLE_EQ(shares->items[0].share, 50.0 / 60.0);  // USA
  // Dependence on KAZ: 10 / 60, both ways.
  const Maybe<Dependence> on_kaz = TryComputeDependence(*shares, "KAZ");
  ASSERT_TRUE(on_kaz) << on_kaz.reason();
  EXPECT_DOUBLE_EQ(on_kaz->share, 10.0 / 60.0);
  const Maybe<Dependence> direct = TryComputeDependence(table, Ref(), selection, "KAZ");
  ASSERT_TRUE(direct) << direct.reason();
  EXPECT_DOUBLE_EQ(direct->share, 10.0 / 60.0);
  // FRA is not a partner of CHN here.
  const Maybe<Dependence> on_fra = TryComputeDependence(*shares, "FRA");
  ASSERT_FALSE(on_fra);
  EXPECT_EQ(on_fra.reason(), "no data for CHN exports to WLD, TOTAL, 2020 with partner FRA");
  const Maybe<ShareResult> none =
      TryComputeShares(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2018"), ShareBy::kPartner);
  EXPECT_FALSE(none);
  EXPECT_THAT(none.reason(), HasSubstr("no data for CHN exports to WLD, TOTAL, 2018"));
}

TEST(TryComputeTest, GrowthFromZeroIsMissingNotInfinite) {
  const TradeTable table = Table();
  // CHN: (60 - 40) / 40 = 0.5.
  const Maybe<Growth> chn = TryComputeGrowth(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020"));
  ASSERT_TRUE(chn) << chn.reason();
  EXPECT_DOUBLE_EQ(chn->growth, 0.5);
  // KGZ: the 2019 value is 0, so growth (5 - 0) / 0 is undefined.
  const Maybe<Growth> kgz = TryComputeGrowth(table, Ref(), Select("KGZ", "WLD", kX, "TOTAL", "2020"));
  ASSERT_FALSE(kgz);
  EXPECT_EQ(kgz.reason(), "growth is undefined: the value of KGZ exports to WLD, TOTAL, 2019 is 0");
}

TEST(TryComputeTest, RcaWithoutAWorldIsMissing) {
  // Only one reporter exports chapter 61 and there are no WLD rows: no world market to compare with.
  const TradeTable table = BuildTable({{"CHN", "USA", kX, "61", "2020", 10}, {"CHN", "USA", kX, "85", "2020", 30}});
  const Maybe<Rca> rca = TryComputeRca(table, Ref(), Select("CHN", "WLD", kX, "61", "2020"));
  ASSERT_FALSE(rca);
  EXPECT_THAT(rca.reason(), HasSubstr("needs world exports"));
  const Maybe<RcaByProduct> by_product =
      TryComputeRcaByProduct(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020"));
  ASSERT_FALSE(by_product);
  EXPECT_THAT(by_product.reason(), HasSubstr("needs world exports"));
}

TEST(TryComputeTest, WrongRequestsStillThrow) {
  const TradeTable table = Table();
  // An unknown product code is not a missing value: the request is wrong.
  EXPECT_THAT(ThrownBy([&] { TryComputeValue(table, Ref(), Select("CHN", "WLD", kX, "NOTACODE", "2020")); }),
              HasSubstr("unknown product 'NOTACODE'"));
  EXPECT_THAT(ThrownBy([&] { TryComputeValue(table, Ref(), Select("ATLANTIS", "WLD", kX, "TOTAL", "2020")); }),
              HasSubstr("unknown economy 'ATLANTIS'"));
  EXPECT_THAT(
      ThrownBy([&] { TryComputeValue(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020"), {.currency = "XYZ"}); }),
      HasSubstr("unknown currency 'XYZ'"));
  EXPECT_EQ(ThrownBy([&] { TryComputeRca(table, Ref(), Select("CHN", "WLD", kM, "61", "2020")); }),
            "revealed comparative advantage is defined on exports");
  EXPECT_EQ(ThrownBy([&] { TryComputeRca(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020")); }),
            "revealed comparative advantage needs a product (an HS code or product group), not TOTAL");
}

TEST(TryComputeTest, IndicatorOptionsValidateNamesTheOption) {
  EXPECT_EQ(ThrownBy([] { IndicatorOptions::Defaults().Validate(); }), "no error");
  EXPECT_EQ(ThrownBy([] { IndicatorOptions{.currency = "cny"}.Validate(); }), "no error");
  EXPECT_EQ(ThrownBy([] { IndicatorOptions{.currency = "US"}.Validate(); }),
            "indicators: IndicatorOptions::currency must be an ISO 4217 code of 3 letters (USD, CNY, ...), got 'US'");
  EXPECT_EQ(ThrownBy([] { IndicatorOptions{.currency = "", .tolerance = -0.5}.Validate(); }),
            "indicators: IndicatorOptions::tolerance must be a number >= 0, got -0.5");
  // A tolerance that is not a number is refused too (NaN >= 0 is false).
  EXPECT_THAT(ThrownBy([] { IndicatorOptions{.currency = "", .tolerance = std::nan("")}.Validate(); }),
              HasSubstr("IndicatorOptions::tolerance must be a number >= 0"));
  // ComputeValue validates too.
  const TradeTable table = Table();
  const IndicatorOptions negative{.currency = "", .tolerance = -1};
  EXPECT_THAT(ThrownBy([&] { ComputeValue(table, Ref(), Select("CHN", "WLD", kX, "TOTAL", "2020"), negative); }),
              HasSubstr("IndicatorOptions::tolerance"));
}

TEST(TryComputeTest, AWrongOptionIsReportedEvenWithoutData) {
  // 2018 has no rows: the option's fault must still be what is reported, not "no data", by every ComputeX.
  const TradeTable table = Table();
  const Selection none = Select("CHN", "WLD", kX, "TOTAL", "2018");
  const IndicatorOptions negative{.currency = "", .tolerance = -1};
  const IndicatorOptions unknown{.currency = "XYZ"};
  const std::string tolerance = "indicators: IndicatorOptions::tolerance must be a number >= 0, got -1";
  const std::string currency = "unknown currency 'XYZ': expected an ISO 4217 code (USD, CNY, EUR, ...)";
  EXPECT_EQ(ThrownBy([&] { ComputeValue(table, Ref(), none, negative); }), tolerance);
  EXPECT_EQ(ThrownBy([&] { ComputeShares(table, Ref(), none, ShareBy::kPartner, negative); }), tolerance);
  EXPECT_EQ(ThrownBy([&] { ComputeGrowth(table, Ref(), none, std::nullopt, negative); }), tolerance);
  EXPECT_EQ(ThrownBy([&] { ComputeDependence(table, Ref(), none, "USA", negative); }), tolerance);
  EXPECT_EQ(ThrownBy([&] { ComputeValue(table, Ref(), none, unknown); }), currency);
  EXPECT_EQ(ThrownBy([&] { ComputeShares(table, Ref(), none, ShareBy::kPartner, unknown); }), currency);
  // The Try forms throw the same (a wrong request is not a missing value).
  EXPECT_EQ(ThrownBy([&] { TryComputeValue(table, Ref(), none, negative); }), tolerance);
  EXPECT_EQ(ThrownBy([&] { TryComputeGrowth(table, Ref(), none, std::nullopt, unknown); }), currency);
}

}  // namespace
}  // namespace tradeshock::testing
