"""The same reading and aggregation on a Dask cluster, for data past one machine.

Each partition (one file: one year, one reporter or one HS chapter of a BACI release, a long CSV, plain or
gzip) is read on a worker by tradeshock's C++ reader and reduced there to totals per cell — exporter ×
importer × product × period by default, with flow and currency — and only the totals travel; the client
combines them.

>>> from distributed import Client
>>> client = Client("tcp://scheduler:8786")                                 # doctest: +SKIP
>>> cells = tradeshock.dask.aggregate("baci/BACI_HS17_Y*_V202401.csv", client=client)   # doctest: +SKIP
>>> tradeshock.dask.indicators("baci/*.csv", client=client, reporter="CHN", flow="exports",
...                            period="2022", by="product")                 # doctest: +SKIP

Pointing it at a real cluster: start a scheduler (``dask-scheduler``) and workers on every machine that sees
the files at the same path (``dask-worker tcp://scheduler:8786 --nprocs 1 --nthreads 8``: tradeshock's
reader uses every thread a worker process has), then pass ``Client("tcp://scheduler:8786")``; any Dask
deployment (dask-jobqueue on SLURM/PBS, dask-kubernetes, Coiled) gives a Client the same way. The workers need
this package importable by their interpreter (install it there with ``make install-python`` or pip).

Exactness: a cell's total is the sum of its rows in file order. When every cell lies in one partition — files
split by year, by reporter, or by HS chapter with products aggregated within the chapter — the result equals the
single-machine answer bit for bit. A cell that spans partitions is the sum of the partitions' subtotals (in
partition order), which can differ from summing the rows in one pass in the last bit.

The totals feed :func:`tradeshock.gravity.fit` directly: PPML on cell totals gives exactly the coefficients of
PPML on the rows when no regressor, fixed effect or weight varies within a cell.
"""
from __future__ import annotations

import glob as _glob
import os
from typing import Iterable, Optional, Sequence, Union

__all__ = ["aggregate", "indicators", "partitions", "aggregate_file"]

#: The default cells: exporter × importer × product × period (with flow and currency, which a total needs).
CELL = ("reporter", "partner", "product", "period")


def partitions(paths_or_glob: Union[str, "os.PathLike[str]", Iterable]) -> list:
    """The files of a glob pattern (sorted) or a list of paths, each one partition. Raises FileNotFoundError when
    the pattern matches nothing."""
    if isinstance(paths_or_glob, (str, os.PathLike)):
        text = os.fspath(paths_or_glob)
        paths = sorted(_glob.glob(text)) if _glob.has_magic(text) else [text]
    else:
        paths = [os.fspath(path) for path in paths_or_glob]
    if not paths:
        raise FileNotFoundError(f"tradeshock.dask: no file matches '{paths_or_glob}'")
    return paths


def _group_keys(by: Sequence[str]) -> list:
    keys = list(by)
    for needed in ("flow", "currency"):
        if needed not in keys:
            keys.append(needed)
    return keys


def aggregate_file(path: str, by: Sequence[str] = CELL, product_digits: Optional[int] = None,
                   format: str = "auto", baci_codes: Optional[str] = None, lenient: bool = False,
                   sum_duplicates: bool = False, threads: int = 0):
    """One partition's totals (what each worker runs): read ``path`` with the C++ reader, then sum ``value``
    (and ``quantity``) per cell of ``by`` + flow + currency. ``product_digits`` (2, 4 or 6) first cuts HS
    codes to that many digits (``TOTAL`` and product groups stay as they are). Codes come back as text."""
    import pandas as pd

    import tradeshock

    table = tradeshock.read(path, format=format, lenient=lenient, sum_duplicates=sum_duplicates,
                            baci_codes=baci_codes, threads=threads)
    frame = table.to_pandas()
    keys = _group_keys(by)
    unknown = [key for key in keys if key not in ("reporter", "partner", "flow", "product", "period", "currency")]
    if unknown:
        raise ValueError(f"tradeshock.dask: by must name reporter, partner, flow, product, period or currency, "
                         f"got {unknown}")
    if product_digits is not None:
        if product_digits not in (2, 4, 6):
            raise ValueError(f"tradeshock.dask: product_digits must be 2, 4 or 6, got {product_digits}")
        import numpy as np

        categories = frame["product"].cat.categories
        cut = [code[:product_digits] if code.isdigit() else code for code in categories]
        levels, inverse = np.unique(np.array(cut, dtype=object), return_inverse=True)
        codes = inverse[frame["product"].cat.codes.to_numpy()]
        frame["product"] = pd.Categorical.from_codes(codes, categories=pd.Index(levels))
    value_columns = ["value"] + (["quantity"] if "quantity" in frame.columns else [])
    grouped = frame.groupby(keys, observed=True, sort=False)[value_columns].sum(min_count=1)
    result = grouped.reset_index()
    for key in keys:
        result[key] = result[key].astype(str)
    return result


def _combine(parts: list, keys: list):
    import pandas as pd

    if not parts:
        return pd.DataFrame(columns=keys + ["value"])
    frame = pd.concat(parts, ignore_index=True)
    value_columns = [column for column in ("value", "quantity") if column in frame.columns]
    return frame.groupby(keys, sort=True)[value_columns].sum(min_count=1).reset_index()


def aggregate(paths_or_glob, *, client=None, by: Sequence[str] = CELL, product_digits: Optional[int] = None,
              format: str = "auto", baci_codes: Optional[str] = None, lenient: bool = False,
              sum_duplicates: bool = False, threads: int = 0):
    """Totals per cell over partitioned files, computed on the Dask cluster of ``client``.

    Parameters
    ----------
    paths_or_glob : str or list of paths
        A glob (``"baci/BACI_HS17_Y*_V202401.csv"``) or the files; one file is one partition. Every worker must
        see them at that path (a shared file system, or the same copy on each machine).
    client : distributed.Client, optional
        The cluster; None reads the files one after the other in this process (the single-machine answer).
    by : sequence of str
        The cell: any of reporter, partner, product, period (default all four); flow and currency are always
        kept.
    product_digits : {2, 4, 6}, optional
        Aggregate HS products to chapters (2), headings (4) or subheadings (6) first.
    format, baci_codes, lenient, sum_duplicates, threads
        As :func:`tradeshock.read`, for every partition.

    Returns
    -------
    pandas.DataFrame
        One row per cell, sorted by its keys: the ``by`` columns, flow, currency (text), ``value`` (and
        ``quantity`` when the files have one).
    """
    paths = partitions(paths_or_glob)
    keys = _group_keys(by)
    options = dict(by=tuple(by), product_digits=product_digits, format=format, baci_codes=baci_codes,
                   lenient=lenient, sum_duplicates=sum_duplicates, threads=threads)
    if client is None:
        parts = [aggregate_file(path, **options) for path in paths]
    else:
        futures = client.map(aggregate_file, paths, pure=False, **options)
        parts = client.gather(futures)
    return _combine(parts, keys)


def indicators(paths_or_glob, *, client=None, reporter: str, period: str, flow: str = "trade",
               by: str = "partner", currency: Optional[str] = None, partner: Optional[str] = None,
               product: str = "TOTAL", compare: Optional[str] = None, rca_items: int = 20,
               format: str = "auto", baci_codes: Optional[str] = None, lenient: bool = False,
               sum_duplicates: bool = False):
    """:func:`tradeshock.indicators` over partitioned files: the cells (:func:`aggregate` with the full key)
    are computed on the cluster, then the indicators on the client from a table of the cells. The values and
    shares equal those of ``tradeshock.indicators(tradeshock.read(all files), ...)``; the ``rows`` of the
    provenance index the table of cells, not the files' rows."""
    import tradeshock

    cells = aggregate(paths_or_glob, client=client, by=("reporter", "partner", "product", "period"),
                      format=format, baci_codes=baci_codes, lenient=lenient, sum_duplicates=sum_duplicates)
    table = from_cells(cells)
    return tradeshock.indicators(table, reporter=reporter, period=period, flow=flow, by=by, currency=currency,
                                 partner=partner, product=product, compare=compare, rca_items=rca_items)


def from_cells(cells):
    """A :class:`tradeshock.TradeTable` of cell totals (a frame as :func:`aggregate` returns it with the full
    key), for the library's indicators. Codes must be canonical, as tradeshock's reader leaves them."""
    import numpy as np
    import pandas as pd

    import tradeshock
    from . import _core

    codes, dictionaries = {}, {}
    for key in ("reporter", "partner", "flow", "product", "period", "currency"):
        ids, levels = pd.factorize(cells[key], sort=False)
        codes[key] = ids.astype(np.int64)
        dictionaries[key] = [str(level) for level in levels]
    values = np.ascontiguousarray(cells["value"].to_numpy(dtype=np.float64))
    return tradeshock.TradeTable(_core.from_columns(codes, dictionaries, values, "<dask cells>"))
