#!/usr/bin/env python3
"""Peer check of tradeshock's FDVA (tests/supply_chain/peer_check_test.cc): the share of Chinese value added in
US final demand, 2011, on the shipped WIOD 2013 table, computed independently with numpy (not with tradeshock's
reader or code): A = Z diag(x)^-1 (columns of zero output left 0), v = (x - column sums of Z) / x,
L = inv(I - A) (numpy.linalg.inv, LAPACK), VA(CHN -> USA) = sum over CHN's sectors of v * (L y_USA).
Usage: python3 tests/supply_chain/peer_fdva_numpy.py [data/io/wiod-2013/wiot_2011.csv.gz]
"""
import csv
import gzip
import os
import sys

import numpy as np


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "data", "io", "wiod-2013",
                                                              "wiot_2011.csv.gz")
    with gzip.open(path, "rt", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    n = len(body)
    values = np.array([[float(v) for v in r[1:]] for r in body])
    z, x = values[:, :n], values[:, -1]
    final_cols = header[1 + n:-1]
    usa = [i for i, c in enumerate(final_cols) if c.startswith("USA.")]
    y_usa = values[:, n:-1][:, usa].sum(axis=1)
    live = x > 0
    a = np.zeros((n, n))
    a[:, live] = z[:, live] / x[live]
    v = np.zeros(n)
    v[live] = (x[live] - z[:, live].sum(axis=0)) / x[live]
    leontief = np.linalg.inv(np.eye(n) - a)
    embodied = v * (leontief @ y_usa)
    chn = [i for i, r in enumerate(body) if r[0].startswith("CHN.")]
    print(f"numpy {np.__version__}")
    print(f"USA final demand (millions of USD): {y_usa.sum():.6f}")
    print(f"CHN value added in it (millions of USD): {embodied[chn].sum():.6f}")
    print(f"share: {embodied[chn].sum() / y_usa.sum():.12f}")
    print(f"all origins' value added over final demand: {embodied.sum() / y_usa.sum():.12f}")


if __name__ == "__main__":
    main()
