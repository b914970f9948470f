#!/usr/bin/env python3
"""The peer of bench/io_bench.cc: the same steps with numpy, as pymrio computes them (A = Z / x,
L = numpy.linalg.inv(I - A)), on the shipped WIOD 2011 table; best of RUNS wall and CPU times in milliseconds.
Usage: python3 bench/io_numpy_bench.py [RUNS]
"""
import csv
import gzip
import os
import sys
import time

import numpy as np

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "io", "wiod-2013", "wiot_2011.csv.gz")


def best(label, fn):
    times, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(f"{label:32s} {min(times) * 1000:10.1f} ms wall {min(cpu) * 1000:10.1f} ms CPU")
    return out


def read():
    with gzip.open(PATH, "rt", newline="") as f:
        rows = list(csv.reader(f))
    n = len(rows) - 1
    values = np.array([[float(v) for v in r[1:]] for r in rows[1:]])
    return rows[0], values, n


def main():
    print(f"numpy {np.__version__}, runs {RUNS}")
    header, values, n = best("read (csv + float)", read)
    z, x = values[:, :n], values[:, -1]
    y = values[:, n:-1].reshape(n, -1, 5).sum(axis=2)

    def build():
        live = x > 0
        a = np.zeros((n, n))
        a[:, live] = z[:, live] / x[live]
        v = np.zeros(n)
        v[live] = 1 - a[:, live].sum(axis=0)
        return a, v, np.linalg.inv(np.eye(n) - a)

    a, v, leontief = best("A, v, L = inv(I - A)", build)
    best("FDVA one destination", lambda: v * (leontief @ y[:, 39]))
    best("FDVA every destination", lambda: v[:, None] * (leontief @ y))

    def extraction():
        a2 = a.copy()
        a2[6 * 35:7 * 35, 39 * 35:40 * 35] = 0
        f = y.sum(axis=1)
        f2 = f.copy()
        f2[6 * 35:7 * 35] -= y[6 * 35:7 * 35, 39]
        return leontief @ f - np.linalg.solve(np.eye(n) - a2, f2)

    best("extraction USA from CHN (solve)", extraction)


if __name__ == "__main__":
    main()
