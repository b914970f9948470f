"""tradeshock: trade-policy analysis from raw trade statistics, in Python.

The C++ engine of the ``tradeshock`` command line, with the same results:

>>> import tradeshock
>>> table = tradeshock.read("data/cases/xinjiang-2021/flows.csv")
>>> table.to_pandas().head()                               # doctest: +SKIP
>>> tradeshock.indicators(table, reporter="CN-XJ", period="2020", currency="USD")["total"]["value"]   # doctest: +SKIP
>>> tradeshock.scenario("data/cases/xinjiang-2021")["exposure"]["at_risk"]                         # doctest: +SKIP

Results that are tables come as pandas DataFrames; the others are dicts identical to the command line's
``--format json`` output (docs/FORMATS.md gives the schema). A fault in an input file raises
:class:`InputError` with ``.file``, ``.line``, ``.column``, ``.value`` and ``.expected``; a bad request
(unknown code, missing exchange rate, bad option) raises :class:`Error`.

Submodules: :mod:`tradeshock.gravity` (PPML/OLS with fixed effects on a DataFrame), :mod:`tradeshock.ge`
(general equilibrium on a panel file), :mod:`tradeshock.dask` (the same reading and aggregation on a Dask
cluster).
"""
from __future__ import annotations

import os
from typing import Iterable, Optional, Union

from . import _core
from ._core import Error, ExpressionError, InputError

__version__ = _core.__version__
__all__ = [
    "Error", "InputError", "ExpressionError", "TradeTable", "Result", "read", "indicators", "scenario", "nowcast",
    "claims", "brief",
]

PathLike = Union[str, "os.PathLike[str]"]
_CODED_COLUMNS = ("reporter", "partner", "flow", "product", "period", "currency")


def _paths(paths: Union[PathLike, Iterable[PathLike]]) -> list:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(path) for path in paths]


class Result(dict):
    """A result as the command line's ``--format json`` gives it: a dict, with its lists of records as
    DataFrames through :meth:`frame`."""

    def frame(self, key: str = "items"):
        """The list under ``key`` (``"items"`` of indicators, ``"economies"`` of GE, ...) as a DataFrame."""
        import pandas as pd

        return pd.DataFrame.from_records(self[key])


class TradeTable:
    """A trade table read by :func:`read`: one row per value (reporter, partner, flow, product, period, value,
    currency, and quantity when the source has one), held by the C++ engine in columns.

    ``len(table)`` is its number of rows; :meth:`to_pandas` gives it as a DataFrame, :meth:`inspect` says what
    it holds.
    """

    def __init__(self, core_table):
        self._table = core_table

    def __len__(self) -> int:
        return len(self._table)

    def __repr__(self) -> str:
        return f"<tradeshock.TradeTable {len(self)} rows from {len(self.files)} file(s)>"

    @property
    def files(self) -> list:
        """The files the rows came from, in order."""
        return list(self._table.files)

    def columns(self) -> dict:
        """The row columns as read-only NumPy arrays over the table's own memory (no copy): ``value``
        (float64), ``quantity`` (float32, when present) and the dictionary ids of the coded columns
        (``reporter``, ``partner``: uint16; ``product``: uint32; ``period``: uint16; ``flow``, ``currency``:
        uint8). :meth:`dictionaries` maps the ids to codes."""
        return self._table.columns()

    def dictionaries(self) -> dict:
        """For each coded column, the list of its codes indexed by id."""
        return self._table.dictionaries()

    def to_pandas(self):
        """The table as a pandas DataFrame.

        ``value`` and ``quantity`` are views of the table's memory (read-only, no copy; they keep the table
        alive); ``reporter``, ``partner``, ``flow``, ``product``, ``period`` and ``currency`` are
        ``pandas.Categorical`` built from the dictionary ids (one copy of the ids, widened to the integer type
        pandas needs) with the dictionary as categories.
        """
        import pandas as pd

        columns = self._table.columns()
        dictionaries = self._table.dictionaries()
        data = {}
        for name in _CODED_COLUMNS:
            data[name] = pd.Categorical.from_codes(columns[name].astype("int32"),
                                                   categories=pd.Index(dictionaries[name]))
        data["value"] = columns["value"]
        if "quantity" in columns:
            data["quantity"] = columns["quantity"]
        return pd.DataFrame(data, copy=False)

    def inspect(self) -> dict:
        """What the table holds, as ``tradeshock inspect --format json``: files (name, format, rows), rows kept
        and skipped, the reporters, partners, periods, currencies and flows used, the number of products, and
        the memory of the columns."""
        return self._table.inspect()


def read(paths: Union[PathLike, Iterable[PathLike]], format: str = "auto", lenient: bool = False, *,
         sum_duplicates: bool = False, baci_codes: Optional[PathLike] = None, threads: int = 0,
         max_inflated_bytes: int = 0) -> TradeTable:
    """Read trade files into one :class:`TradeTable`.

    Parameters
    ----------
    paths : path or list of paths
        Long CSV, BACI or UN Comtrade files, plain or gzip (docs/FORMATS.md).
    format : {"auto", "long", "baci", "comtrade"}
        ``"auto"`` detects each file's format from its header.
    lenient : bool
        Skip bad rows and count them (``table.inspect()["rows_skipped"]``) instead of raising at the first.
    sum_duplicates : bool
        Add up rows with the same key instead of raising.
    baci_codes : path, optional
        BACI's ``country_codes_V*.csv``; by default it is found beside the data file.
    threads : int
        Reader threads; 0 uses every core.
    max_inflated_bytes : int
        Most bytes a gzip input may inflate to; 0 applies the default rule (docs/FORMATS.md, "Limits").

    Raises
    ------
    InputError
        A fault in a file, with ``.file``, ``.line``, ``.column``, ``.kind``, ``.value`` and ``.expected``.
    """
    return TradeTable(_core.read(_paths(paths), format, lenient, sum_duplicates,
                                 os.fspath(baci_codes) if baci_codes else "", threads, max_inflated_bytes))


def _table_of(table_or_paths) -> TradeTable:
    return table_or_paths if isinstance(table_or_paths, TradeTable) else read(table_or_paths)


def indicators(table: Union[TradeTable, PathLike, Iterable[PathLike]], *, reporter: str, period: str,
               flow: str = "trade", by: str = "partner", currency: Optional[str] = None,
               partner: Optional[str] = None, product: str = "TOTAL", compare: Optional[str] = None,
               rca_items: int = 20) -> Result:
    """Totals, shares, HHI, dependence, growth and RCA of one reporter's flow — ``tradeshock indicators``.

    Parameters
    ----------
    table : TradeTable or path(s)
        A table from :func:`read`, or files to read.
    reporter : str
        Reporting economy: ISO code (``"CHN"``), region (``"CN-XJ"``) or group (``"EU27"``).
    period : str
        ``"2020"``, ``"2021-03"`` or ``"2021-01..2021-05"``.
    flow : {"exports", "imports", "trade"}
        ``"trade"`` is exports plus imports.
    by : {"partner", "product", "partner,product"}
        The breakdown of the shares.
    currency : str, optional
        Convert every row into this ISO 4217 currency at its period's rate (the rates used are in
        ``result["rates"]``). None keeps the rows' own currency, which must then be one.
    partner : str, optional
        Partner of dependence and partner growth; None: the largest partner.
    product : str
        ``"TOTAL"``, an HS code (``"61"``, ``"6109"``), a section or a product group.
    compare : str, optional
        Base period of growth; None: the same months a year earlier.
    rca_items : int
        How many of the largest product items get their own RCA.

    Returns
    -------
    Result
        The dict of ``tradeshock indicators --format json``: ``total``, ``items`` (``result.frame()`` as a
        DataFrame), ``rest``, ``hhi`` (of partners and products), ``dependence``, ``growth``, ``rca``, ``rates``, ``notes``. A value the
        data cannot give is ``{"error": reason}``.

    Examples
    --------
    >>> r = tradeshock.indicators("data/cases/xinjiang-2021/flows.csv", reporter="CN-XJ", period="2020",
    ...                           currency="USD")                      # doctest: +SKIP
    >>> r.frame()[["partner", "value", "share"]]                         # doctest: +SKIP
    """
    core_table = _table_of(table)._table
    return Result(_core.indicators(core_table, reporter, flow, period, by, currency or "", partner or "", product,
                                   compare or "", rca_items))


def _case_or_table(case_or_table):
    if isinstance(case_or_table, TradeTable):
        return None, case_or_table._table
    if isinstance(case_or_table, (str, os.PathLike)) and os.path.isdir(case_or_table):
        return os.fspath(case_or_table), None
    return None, read(case_or_table)._table


def scenario(case_or_table, scenario: Optional[PathLike] = None, *, currency: str = "USD",
             period: Optional[str] = None, mirror_imports: str = "auto", baci_codes: Optional[PathLike] = None,
             lenient: bool = False, allow_outside_case: bool = False) -> Result:
    """Exposure to a scenario's policies and the nowcast of its ``[nowcast]`` target — ``tradeshock scenario``.

    Parameters
    ----------
    case_or_table : path of a case folder, TradeTable, or trade file path(s)
        A case folder (data ``*.csv`` with ``scenario.toml``), or a table with ``scenario=FILE``.
    scenario : path, optional
        Scenario file (TOML, docs/FORMATS.md); default: the case folder's ``scenario.toml``.
    currency : str
        Currency of every value (ISO 4217).
    period : str, optional
        Base period of the exposure; None: the last year before the first policy with data.
    mirror_imports : {"auto", "on", "off"}
        Imports derived from partners' exports for a table of exports only (auto: BACI files).

    Returns
    -------
    Result
        The dict of ``tradeshock scenario --format json``: ``exposure`` (``at_risk``, ``share_of_trade``,
        ``by_partner``, ``by_product``, ...), ``partner_shares``, ``nowcast``, ``beyond``, ``rates``, ``notes``.
    """
    case_dir, table = _case_or_table(case_or_table)
    return Result(_core.analyse(case_dir, table, os.fspath(scenario) if scenario else "", currency, period or "",
                                mirror_imports, os.fspath(baci_codes) if baci_codes else "", lenient,
                                allow_outside_case))


_scenario = scenario  # nowcast's argument `scenario` hides the function


def nowcast(case_or_table, scenario: Optional[PathLike] = None, **options) -> Optional[Result]:
    """The year-to-date nowcast of the scenario's ``[nowcast]`` target, with and without the policies and with
    its back-test band: ``scenario(...)["nowcast"]`` (None when the scenario names no target). Takes the
    arguments of :func:`scenario`."""
    result = _scenario(case_or_table, scenario, **options).get("nowcast")
    return None if result is None else Result(result)


def claims(case: PathLike, claims: Optional[PathLike] = None, *, currency: str = "USD",
           allow_outside_case: bool = False) -> Result:
    """Check each numeric claim of a case against its data — ``tradeshock claims``.

    Returns the dict of ``tradeshock claims --format json``: ``results`` (one per claim: supported,
    contradicted or not checkable, with the readings tried; ``result.frame("results")``), ``inconsistencies``
    and the counts.
    """
    return Result(_core.claims(os.fspath(case), os.fspath(claims) if claims else "", currency, allow_outside_case))


def brief(case: PathLike, out: PathLike, *, currency: str = "USD", mirror_imports: str = "auto",
          baci_codes: Optional[PathLike] = None, allow_outside_case: bool = False) -> dict:
    """Write the case's brief — ``brief.md``, ``brief.html`` (self-contained, with charts) and ``brief.json``
    — into ``out`` (all three or none), as ``tradeshock brief CASE --out OUT``.

    Returns ``{"markdown": path, "html": path, "json": path, "summary": text}``; the summary is what the
    command prints.
    """
    return _core.brief(os.fspath(case), os.fspath(out), currency, mirror_imports,
                       os.fspath(baci_codes) if baci_codes else "", allow_outside_case)


from . import ge, gravity  # noqa: E402  (submodules use the names above)
