"""General equilibrium by exact hat algebra on a bilateral panel file — ``tradeshock ge``.

>>> run = tradeshock.ge.run_panel("tests/data/models/agtpa_2006.csv", sigma=7, reference="DEU",
...     estimate="trade ~ ln_dist + cntg + intl_brdr | exporter + importer",
...     counterfactual="intl_brdr = 0")                                                # doctest: +SKIP
>>> run.economies.loc["ARG", "welfare_change_pct"]                                     # doctest: +SKIP

The baseline is the observed flows, or PPML fitted flows (``estimate=``, with the book's second stage for
pairs that never trade, ``fill_costs=``); or give the coefficient directly (``beta=``, ``policy=``) as
Stata's ge_gravity does. docs/METHODS.md, "General equilibrium", has the equations.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

from . import _core

__all__ = ["GeResult", "run_panel", "solve"]


@dataclass
class GeResult:
    """A GE run.

    Attributes
    ----------
    economies : pandas.DataFrame
        Indexed by economy: the percentage changes of exports (conditional and full endowment), prices,
        inward and outward multilateral resistance, real GDP and welfare — the columns of ``tradeshock ge``.
    info : dict
        The object of ``tradeshock ge --format json`` but its economies: counterfactual, theta, sigma,
        reference, baseline kind, imbalance, method, stopping rule, tolerance, the counterfactual variables'
        coefficients (absent for bans only), the conditional and full solves' iterations, final change and
        convergence (``book_rounds`` with ``method="book"``); plus the notes of the run and ``fit`` (the
        baseline PPML as ``gravity.fit``'s json) when estimated.
    """

    economies: "object"
    info: dict

    @property
    def converged(self) -> bool:
        return bool(self.info["conditional"]["converged"] and self.info["full"]["converged"])


def run_panel(panel, counterfactual: str, *, sigma: Optional[float] = None, theta: Optional[float] = None,
              reference: str = "", estimate: str = "", estimate_subset: str = "", beta: Optional[float] = None,
              policy: str = "", baseline: str = "", fill_costs: str = "", year: Optional[float] = None,
              year_column: str = "year", exporter: str = "exporter", importer: str = "importer",
              trade: str = "trade", imbalance: str = "multiplicative", method: str = "equilibrium",
              stopping_rule: str = "log-flows", tolerance: Optional[float] = None,
              max_iterations: Optional[int] = None) -> GeResult:
    """Solve a counterfactual on a panel file (CSV, plain or gzip), as ``tradeshock ge``; every argument is the
    flag of the same name (``tradeshock ge --help``). Exactly one of ``sigma`` (> 1) and ``theta`` (> 0).

    Raises
    ------
    InputError
        A malformed panel, located at the cell.
    Error
        An option that does not validate (the message names it), a panel that is not a complete square.
    """
    import pandas as pd

    options = {
        "panel": os.fspath(panel), "counterfactual": counterfactual, "sigma": sigma, "theta": theta,
        "reference": reference, "estimate": estimate, "estimate_subset": estimate_subset, "beta": beta,
        "policy": policy, "baseline": baseline, "fill_costs": fill_costs, "year": year,
        "year_column": year_column, "exporter": exporter, "importer": importer, "trade": trade,
        "imbalance": imbalance, "method": method, "stopping_rule": stopping_rule, "tolerance": tolerance,
        "max_iterations": max_iterations,
    }
    raw = _core.ge_run_panel(options)
    economies = pd.DataFrame.from_records(raw.pop("economies")).set_index("economy")
    return GeResult(economies=economies, info=raw)


solve = run_panel
