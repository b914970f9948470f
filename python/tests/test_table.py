"""read(), TradeTable.to_pandas() and inspect(), errors with their place, and an indicator by hand."""
import numpy as np
import pandas as pd
import pytest

import tradeshock
from conftest import XINJIANG, run_cli

FLOWS = XINJIANG / "flows.csv"


def test_inspect_is_the_command_lines_json():
    table = tradeshock.read(FLOWS)
    assert table.inspect() == run_cli("inspect", FLOWS)


def test_to_pandas_views_the_tables_memory_and_codes_are_categoricals(tmp_path):
    path = tmp_path / "tiny.csv"
    path.write_text("reporter,partner,flow,product,period,value,currency,unit\n"
                    "KAZ,CHN,exports,TOTAL,2020,1.5,USD,million\n"
                    "KAZ,RUS,exports,TOTAL,2020,2,USD,million\n"
                    "KAZ,CHN,imports,TOTAL,2021,3,CNY,thousand\n")
    table = tradeshock.read(path)
    frame = table.to_pandas()
    assert len(table) == 3 and list(frame.columns) == ["reporter", "partner", "flow", "product", "period",
                                                       "currency", "value"]
    # The value column is the table's own memory, read-only, not a copy.
    values = table.columns()["value"]
    assert not values.flags.writeable and not values.flags.owndata
    assert np.shares_memory(frame["value"].to_numpy(), values)
    assert frame["value"].tolist() == [1.5e6, 2e6, 3e3]  # units applied: million, million, thousand
    assert isinstance(frame["partner"].dtype, pd.CategoricalDtype)
    assert frame["partner"].tolist() == ["CHN", "RUS", "CHN"]
    assert frame["flow"].tolist() == ["exports", "exports", "imports"]
    assert frame["period"].tolist() == ["2020", "2020", "2021"]
    assert frame["currency"].tolist() == ["USD", "USD", "CNY"]
    del table, values
    assert frame["value"].sum() == 3.503e6  # the frame keeps the table alive


def test_indicator_by_hand(tmp_path):
    # KAZ exports 2020: CHN 30, RUS 50, USA 20 of a WLD total 100 (million USD).
    # Shares 0.3, 0.5, 0.2; HHI = 0.09 + 0.25 + 0.04 = 0.38; dependence on the largest (RUS) = 0.5.
    path = tmp_path / "kaz.csv"
    path.write_text("reporter,partner,flow,product,period,value,currency,unit\n"
                    "KAZ,WLD,exports,TOTAL,2020,100,USD,million\n"
                    "KAZ,CHN,exports,TOTAL,2020,30,USD,million\n"
                    "KAZ,RUS,exports,TOTAL,2020,50,USD,million\n"
                    "KAZ,USA,exports,TOTAL,2020,20,USD,million\n")
    result = tradeshock.indicators(tradeshock.read(path), reporter="KAZ", flow="exports", period="2020")
    assert result["total"]["value"] == pytest.approx(100e6)
    items = result.frame().set_index("partner")
    assert items.loc["RUS", "share"] == pytest.approx(0.5)
    assert items.loc["CHN", "share"] == pytest.approx(0.3)
    assert items.loc["USA", "share"] == pytest.approx(0.2)
    assert result["hhi"]["partners"]["hhi"] == pytest.approx(0.38)
    assert result["dependence"]["partner"] == "RUS"
    assert result["dependence"]["share"] == pytest.approx(0.5)


def test_bad_number_is_an_input_error_with_its_place(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("reporter,partner,flow,product,period,value,currency,unit\n"
                    "KAZ,CHN,exports,TOTAL,2020,1.5,USD,million\n"
                    "KAZ,RUS,exports,TOTAL,2020,1,2x,USD,million\n")
    with pytest.raises(tradeshock.InputError) as raised:
        tradeshock.read(path)
    error = raised.value
    assert (error.file, error.line, error.kind) == (str(path), 3, "wrong number of fields")
    assert isinstance(error, ValueError) and isinstance(error, tradeshock.Error)

    path.write_text("reporter,partner,flow,product,period,value,currency,unit\n"
                    "KAZ,CHN,exports,TOTAL,2020,1.5x,USD,million\n")
    with pytest.raises(tradeshock.InputError) as raised:
        tradeshock.read(path)
    error = raised.value
    assert (error.file, error.line, error.column, error.kind, error.value) == (str(path), 2, 6, "bad number", "1.5x")
    assert error.expected
    assert str(error).startswith(f"{path}:2:6: bad number")


def test_lenient_skips_and_counts(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("reporter,partner,flow,product,period,value,currency,unit\n"
                    "KAZ,CHN,exports,TOTAL,2020,1.5,USD,million\n"
                    "KAZ,RUS,exports,TOTAL,2020,x,USD,million\n")
    table = tradeshock.read(path, lenient=True)
    assert len(table) == 1 and table.inspect()["rows_skipped"] == 1


def test_a_bad_request_is_an_error_naming_it():
    table = tradeshock.read(FLOWS)
    with pytest.raises(tradeshock.Error, match="period"):
        tradeshock.indicators(table, reporter="CN-XJ", period="20x0")
    with pytest.raises(tradeshock.Error, match="by must be"):
        tradeshock.indicators(table, reporter="CN-XJ", period="2020", by="sector")
    with pytest.raises(tradeshock.Error, match="format must be"):
        tradeshock.read(FLOWS, format="xlsx")


def test_help_documents_the_arguments():
    doc = tradeshock.indicators.__doc__
    for word in ("reporter", "period", "currency", "by", "Returns"):
        assert word in doc
