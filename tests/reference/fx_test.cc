// FX rates from the Federal Reserve H.10 files in data/reference/fx.
#include <gtest/gtest.h>

#include "reference/reference_fixture.h"
#include "tradeshock/error.h"

namespace tradeshock {
namespace {

using testing::RepoReference;

std::string ErrorText(const std::string& currency, const Period& period) {
  try {
    RepoReference().PerUsd(currency, period);
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

TEST(FxTest, AnnualAverageIsThePublishedFigure) {
  // Federal Reserve H.10/G.5A, China 2020 annual average: 6.9042 yuan per dollar (quoted in issue 2).
  const FxRate rate = RepoReference().PerUsd("CNY", Period::Year(2020));
  EXPECT_DOUBLE_EQ(rate.per_usd, 6.9042);
  EXPECT_EQ(rate.currency, "CNY");
  EXPECT_EQ(rate.period, Period::Year(2020));
  EXPECT_EQ(rate.source, "Federal Reserve H.10 annual average, 2020");
}

TEST(FxTest, MonthlyAverage) {
  // data/reference/fx/monthly.csv, row "2021-03-01,China,6.5109" (H.10 monthly average, March 2021).
  const FxRate rate = RepoReference().PerUsd("CNY", Period::Month(2021, 3));
  EXPECT_DOUBLE_EQ(rate.per_usd, 6.5109);
  EXPECT_EQ(rate.source, "Federal Reserve H.10 monthly average, 2021-03");
}

TEST(FxTest, RangeIsTheMeanOfMonthlyAverages) {
  // monthly.csv: China 2021-01 6.4672, 2021-02 6.4601, 2021-03 6.5109.
  // (6.4672 + 6.4601 + 6.5109) / 3 = 19.4382 / 3 = 6.4794
  const FxRate rate = RepoReference().PerUsd("CNY", Period::Range(2021, 1, 2021, 3));
  EXPECT_NEAR(rate.per_usd, 6.4794, 1e-12);
  EXPECT_EQ(rate.source, "Federal Reserve H.10 mean of 3 monthly averages, 2021-01..2021-03");
}

TEST(FxTest, EuroIsQuotedPerDollar) {
  // The Fed publishes the euro as dollars per euro; the datahub snapshot stores euros per dollar
  // already (README.md in data/reference/fx). Independent check: the ECB's 2020 average reference
  // rate was 1.1422 USD per EUR, so 1 / 1.1422 = 0.87550 EUR per USD; H.10's own average differs by
  // a few basis points (different fixing time), hence the 0.5% tolerance. An inverted quote would be
  // about 1.14 and fail.
  const FxRate rate = RepoReference().PerUsd("EUR", Period::Year(2020));
  EXPECT_DOUBLE_EQ(rate.per_usd, 0.8764);  // yearly.csv row "2020-01-01,Euro,0.8764"
  EXPECT_NEAR(rate.per_usd, 1.0 / 1.1422, 0.005 * 0.8755);
}

TEST(FxTest, DollarIsOne) {
  const FxRate rate = RepoReference().PerUsd("USD", Period::Month(1900 + 126, 9));
  EXPECT_EQ(rate.per_usd, 1.0);
}

TEST(FxTest, CurrencyOutsideH10) {
  EXPECT_EQ(ErrorText("KZT", Period::Year(2020)),
            "no FX rate for KZT in 2020: the Federal Reserve H.10 series (data/reference/fx) does not cover KZT");
}

TEST(FxTest, MonthAfterTheSnapshot) {
  EXPECT_EQ(ErrorText("CNY", Period::Month(2026, 9)),
            "no FX rate for CNY in 2026-09: the Federal Reserve H.10 series (data/reference/fx) has no monthly rate "
            "for CNY in 2026-09");
  // A range needs every month; the message names the first missing one.
  EXPECT_EQ(ErrorText("CNY", Period::Range(2026, 5, 2026, 8)),
            "no FX rate for CNY in 2026-05..2026-08: the Federal Reserve H.10 series (data/reference/fx) has no "
            "monthly rate for CNY in 2026-07");
  EXPECT_EQ(ErrorText("CNY", Period::Year(2026)),
            "no FX rate for CNY in 2026: the Federal Reserve H.10 series (data/reference/fx) has no annual average "
            "for CNY in 2026");
}

TEST(FxTest, YearWithoutAnAnnualAverageIsTheMeanOfItsMonths) {
  // yearly.csv has no United Kingdom rows; monthly.csv has them. 2018's twelve monthly averages, in pounds per
  // dollar: 0.7234 0.7163 0.7155 0.7103 0.7424 0.7522 0.7598 0.7765 0.7653 0.7685 0.7752 0.7896.
  const FxRate rate = RepoReference().PerUsd("GBP", Period::Year(2018));
  EXPECT_NEAR(
      rate.per_usd,
      (0.7234 + 0.7163 + 0.7155 + 0.7103 + 0.7424 + 0.7522 + 0.7598 + 0.7765 + 0.7653 + 0.7685 + 0.7752 + 0.7896) / 12,
      1e-12);
  EXPECT_EQ(rate.source,
            "Federal Reserve H.10 mean of 12 monthly averages, 2018 (the series has no annual average for 2018)");
  // A year with an annual average keeps it, even when its months are there too.
  EXPECT_EQ(RepoReference().PerUsd("EUR", Period::Year(2020)).source, "Federal Reserve H.10 annual average, 2020");
}

TEST(FxTest, NotACurrency) {
  EXPECT_EQ(ErrorText("XYZ", Period::Year(2020)), "no FX rate for 'XYZ' in 2020: not an ISO 4217 currency code");
  EXPECT_TRUE(RepoReference().IsCurrency("KZT"));
  EXPECT_TRUE(RepoReference().IsCurrency("CNY"));
  EXPECT_FALSE(RepoReference().IsCurrency("XYZ"));
}

TEST(FxTest, CurrencyNamesComeFromIso4217) {
  // Names as ISO 4217 (Debian iso-codes, iso_4217.json) spells them.
  EXPECT_EQ(RepoReference().CurrencyName("cny"), "Yuan Renminbi");
  EXPECT_EQ(RepoReference().CurrencyName("KZT"), "Tenge");
  EXPECT_EQ(RepoReference().CurrencyName("XYZ"), "");
}

}  // namespace
}  // namespace tradeshock
