"""gravity.fit against the Advanced Guide's published coefficients and the command line; ge.run_panel against
the command line and the book's published trade-without-borders table."""
import gzip

import pandas as pd
import pytest

import tradeshock
from conftest import SOURCE_DIR, run_cli

AGTPA_CH1 = SOURCE_DIR / "tests" / "data" / "gravity" / "agtpa_ch1.csv.gz"
AGTPA_2006 = SOURCE_DIR / "tests" / "data" / "models" / "agtpa_2006.csv"
TABLE3_COLUMN2 = "trade ~ log(dist) + cntg + lang + clny + rta | exporter^year + importer^year"


@pytest.fixture(scope="module")
def agtpa():
    with gzip.open(AGTPA_CH1, "rt") as file:
        return pd.read_csv(file)


@pytest.fixture(scope="module")
def table3_column2(agtpa):
    return tradeshock.gravity.fit(agtpa, TABLE3_COLUMN2, subset="exporter != importer", cluster="pair_id",
                                  ssc="stata")


def test_gravity_reproduces_the_books_table_3_column_2(table3_column2):
    # Yotov, Piermartini, Monteiro & Larch (2016), An Advanced Guide to Trade Policy Analysis, ch. 1, Table 3,
    # column (2): PPML with exporter-year and importer-year fixed effects, standard errors clustered by pair
    # (the numbers tests/gravity/agtpa_test.cc checks from C++), printed to 4 decimals.
    fit = table3_column2
    published = {"log(dist)": (-0.8216, 0.0310), "cntg": (0.4155, 0.0828), "lang": (0.2499, 0.0767),
                 "clny": (-0.2054, 0.1143), "rta": (0.1907, 0.0658)}
    assert fit.converged and fit.observations == 28152
    for term, (estimate, std_error) in published.items():
        assert fit.coefficients.loc[term, "estimate"] == pytest.approx(estimate, abs=0.5e-4), term
        assert fit.coefficients.loc[term, "std_error"] == pytest.approx(std_error, abs=0.5e-4), term
    assert list(fit.vcov.index) == list(fit.coefficients.index)
    assert fit.vcov.loc["rta", "rta"] == pytest.approx(fit.coefficients.loc["rta", "std_error"] ** 2)


def test_gravity_equals_the_command_lines_json(table3_column2):
    cli = run_cli("gravity", AGTPA_CH1, "--formula", TABLE3_COLUMN2, "--subset", "exporter != importer",
                  "--cluster", "pair_id", "--ssc", "stata")
    python = table3_column2.json
    assert python.keys() == cli.keys()
    for key in python:
        if key == "coefficients":
            continue
        # Counts, flags and names exactly; the deviance and likelihood to the last bits of the data's parsing.
        if isinstance(python[key], float):
            assert python[key] == pytest.approx(cli[key], rel=1e-9), key
        else:
            assert python[key] == cli[key], key
    for ours, theirs in zip(python["coefficients"], cli["coefficients"]):
        assert ours["term"] == theirs["term"]
        # The same estimator on the same numbers; pandas parses the CSV's decimals as the C++ reader does, up
        # to its last bit, so the two fits agree to far below the published precision.
        for field in ("estimate", "std_error"):
            assert ours[field] == pytest.approx(theirs[field], rel=1e-9)


def test_text_columns_are_codes_and_a_bad_formula_is_located(agtpa):
    with pytest.raises(tradeshock.ExpressionError) as raised:
        tradeshock.gravity.fit(agtpa, "trade ~ log(dist) + | exporter")
    assert raised.value.column is not None
    with pytest.raises(tradeshock.Error, match="must be numeric"):
        tradeshock.gravity.fit(agtpa, "trade ~ exporter | importer")
    with pytest.raises(TypeError):
        tradeshock.gravity.fit(AGTPA_CH1, "trade ~ dist")


GE_ESTIMATE = "trade ~ ln_dist + cntg + intl_brdr | exporter + importer"


def test_ge_equals_the_command_lines_json():
    run = tradeshock.ge.run_panel(AGTPA_2006, "intl_brdr = 0", sigma=7, reference="DEU", estimate=GE_ESTIMATE)
    cli = run_cli("ge", AGTPA_2006, "--sigma", 7, "--reference", "DEU", "--estimate", GE_ESTIMATE,
                  "--counterfactual", "intl_brdr = 0")
    assert run.converged
    assert run.info["coefficients"] == cli["coefficients"]
    assert run.info["full"] == cli["full"] and run.info["conditional"] == cli["conditional"]
    expected = pd.DataFrame.from_records(cli["economies"]).set_index("economy")[list(run.economies.columns)]
    pd.testing.assert_frame_equal(run.economies, expected, check_exact=True)


def test_ge_book_procedure_reproduces_the_published_table():
    # The book's ch. 2 application 1 ("trade without borders"), full-endowment table as printed
    # (tests/models/agtpa_2006.h, kTradeWithoutBorders, from agtpa/PUBLISHED.md): exports (conditional, full),
    # factory-gate price, inward resistance, real GDP, in percent.
    published = {"AUS": (229.559411, 300.246795, 21.446000, -5.574740, 28.616009),
                 "CAN": (80.824632, 137.187578, 32.584461, -14.108814, 54.363290),
                 "CHN": (175.496419, 238.414357, 23.316692, 7.837747, 14.353921),
                 "USA": (359.980757, 438.312573, 11.140896, 0.442067, 10.651742)}
    run = tradeshock.ge.run_panel(AGTPA_2006, "intl_brdr = 0", sigma=7, reference="DEU", estimate=GE_ESTIMATE,
                                  method="book")
    columns = ["exports_change_cdl_pct", "exports_change_full_pct", "price_change_full_pct",
               "inward_mr_change_full_pct", "real_gdp_change_full_pct"]
    for economy, numbers in published.items():
        row = run.economies.loc[economy, columns]
        # As ge_book_test.cc: 5e-4 percentage points for exports, 5e-5 for the rest.
        for column, number, tolerance in zip(columns, numbers, (5e-4, 5e-4, 5e-5, 5e-5, 5e-5)):
            assert row[column] == pytest.approx(number, abs=tolerance), (economy, column)


def test_ge_bad_option_names_it():
    with pytest.raises(tradeshock.Error, match="sigma"):
        tradeshock.ge.run_panel(AGTPA_2006, "intl_brdr = 0", sigma=0.5, estimate=GE_ESTIMATE)
