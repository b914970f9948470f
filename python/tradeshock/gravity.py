"""Structural gravity: Poisson PML (or OLS) with high-dimensional fixed effects on a pandas DataFrame.

The estimator of ``tradeshock gravity`` (docs/METHODS.md, "Gravity"), with fixest's formula syntax:

>>> fit = tradeshock.gravity.fit(df, "trade ~ log(dist) + cntg + lang + clny + rta | exporter^year + importer^year",
...                              cluster="pair_id", ssc="stata")                      # doctest: +SKIP
>>> fit.coefficients                                                                  # doctest: +SKIP

PPML on totals aggregated over cells (``tradeshock.dask.aggregate``) gives the same coefficients as on the rows
of those cells when no regressor, fixed effect or weight varies within a cell: Poisson's score equations are
sums over rows, which add up within a cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence, Union

from . import _core

__all__ = ["FitResult", "fit"]


@dataclass
class FitResult:
    """A gravity fit.

    Attributes
    ----------
    coefficients : pandas.DataFrame
        Indexed by term: ``estimate``, ``std_error``, ``statistic``, ``p_value``.
    vcov : pandas.DataFrame
        The variance matrix of the estimates (terms by terms).
    json : dict
        Everything, as ``tradeshock gravity --format json``: family, vcov type and clusters, observations,
        dropped rows by reason, iterations, ``converged``, ``fe_converged``, deviance, log-likelihood,
        pseudo R², notes.
    fitted : numpy.ndarray
        Fitted values per input row (NaN where a row was not used).
    """

    coefficients: "object"
    vcov: "object"
    json: dict
    fitted: "object" = field(repr=False)

    @property
    def converged(self) -> bool:
        return bool(self.json["converged"] and self.json["fe_converged"])

    @property
    def observations(self) -> int:
        return int(self.json["observations"])

    @property
    def iterations(self) -> int:
        return int(self.json["iterations"])

    @property
    def pseudo_r2(self) -> float:
        return float(self.json["pseudo_r2"])


def _column(name, series):
    import numpy as np
    import pandas as pd

    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
        return (str(name), np.asarray(series, dtype=np.float64), None, None)
    codes, levels = pd.factorize(series, sort=False)
    return (str(name), None, codes.astype(np.int32), [str(level) for level in levels])


def fit(data, formula: str, *, cluster: Union[None, str, Sequence[str]] = None, family: str = "poisson",
        vcov: Optional[str] = None, ssc: str = "fixest", subset: Optional[str] = None,
        weights: Optional[str] = None, offset: Optional[str] = None, tolerance: float = 1e-8,
        max_iterations: int = 100, drop_singletons: bool = True, rectifier: bool = True,
        threads: int = 0) -> FitResult:
    """Fit a gravity model on a pandas DataFrame.

    Parameters
    ----------
    data : pandas.DataFrame
        Numeric columns (missing as NaN) are numbers; any other column (text, categorical) is a code, usable
        as a fixed effect or cluster.
    formula : str
        fixest syntax: ``"trade ~ log(dist) + rta | exporter^year + importer^year"``.
    cluster : str or list of str, optional
        One or two cluster variables (``"pair_id"``, or ``["exporter", "importer"]``); clustered standard
        errors when given.
    family : {"poisson", "ols"}
    vcov : {"iid", "hc1", "cluster"}, optional
        Default: ``"cluster"`` with ``cluster``, else ``"hc1"``.
    ssc : {"fixest", "stata", "none"}
        Small-sample correction (docs/METHODS.md).
    subset : str, optional
        Rows to use: ``"exporter != importer & year in 1986,1990"``.
    weights, offset : str, optional
        Column names.
    rectifier : bool
        Poisson: detect separated observations with the iterative rectifier (as the command line does).

    Returns
    -------
    FitResult
        Coefficients and standard errors as a DataFrame, the variance matrix, and the diagnostics
        (observations, dropped rows, iterations, convergence) as ``tradeshock gravity --format json``.

    Raises
    ------
    ExpressionError
        A formula or subset that does not parse (``.column`` is the character).
    Error
        An unknown column, a text column used as a number, no observations left.
    """
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"gravity.fit: data must be a pandas DataFrame, got {type(data).__name__}")
    clusters = [] if cluster is None else [cluster] if isinstance(cluster, str) else list(cluster)
    options = {
        "family": family, "cluster": clusters, "vcov": vcov or "", "ssc": ssc, "subset": subset or "",
        "weights": weights or "", "offset": offset or "", "tolerance": float(tolerance),
        "max_iterations": int(max_iterations), "drop_singletons": bool(drop_singletons),
        "rectifier": bool(rectifier), "threads": int(threads),
    }
    columns = [_column(name, data[name]) for name in data.columns]
    raw = _core.gravity_fit(columns, len(data), formula, options)
    json = raw["json"]
    coefficients = pd.DataFrame.from_records(json["coefficients"], columns=[
        "term", "estimate", "std_error", "statistic", "p_value"]).set_index("term")
    vcov_frame = pd.DataFrame(raw["vcov"], index=raw["names"], columns=raw["names"])
    return FitResult(coefficients=coefficients, vcov=vcov_frame, json=json, fitted=raw["fitted"])
