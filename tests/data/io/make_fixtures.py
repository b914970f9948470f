#!/usr/bin/env python3
"""Writes one small made-up input-output table in the three layouts tradeshock reads (docs/FORMATS.md,
"Input-output tables"): wiod2013_small.csv, wiod2016_small.csv and icio_small.csv. Same numbers in all three,
so tests/io/io_table_test.cc can assert the readers agree. 3 economies (AUS, CHN, ROW; WIOD 2013 calls the
rest of the world RoW) x 56 industries (the WIOD 2016 release's industry codes; ICIO and WIOD 2013 get their
own style of codes for the same industries). Values are whole numbers from a fixed-seed generator, mostly 0.
Run: python3 tests/data/io/make_fixtures.py (writes beside itself). Made for this project, 2026-12-08.
"""
import os
import random

WIOD16_CODES = ("A01 A02 A03 B C10-C12 C13-C15 C16 C17 C18 C19 C20 C21 C22 C23 C24 C25 C26 C27 C28 C29 C30 "
                "C31_C32 C33 D35 E36 E37-E39 F G45 G46 G47 H49 H50 H51 H52 H53 I J58 J59_J60 J61 J62_J63 K64 "
                "K65 K66 L68 M69_M70 M71 M72 M73 M74_M75 N O84 P85 Q R_S T U").split()
ECONOMIES = ["AUS", "CHN", "ROW"]
FINAL_WIOD = ["CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN"]
FINAL_ICIO = ["HFCE", "NPISH", "GGFC", "GFCF", "INVNT"]
INDUSTRIES = len(WIOD16_CODES)
SECTORS = len(ECONOMIES) * INDUSTRIES


def make_table(seed=2016):
    rng = random.Random(seed)
    z = [[rng.randint(1, 40) if rng.random() < 0.08 else 0 for _ in range(SECTORS)] for _ in range(SECTORS)]
    y = [[rng.randint(0, 300) if rng.random() < 0.5 else 0 for _ in range(len(ECONOMIES) * 5)]
         for _ in range(SECTORS)]
    for row in y:
        row[4] = -rng.randint(0, 5)  # AUS inventories may fall
        row[0] += 50                 # every sector sells to AUS households: output > 0, value added > 0
    go = [sum(z[i]) + sum(y[i]) for i in range(SECTORS)]
    return z, y, go


def wiod2013(z, y, go):
    labels = [f"{'RoW' if e == 'ROW' else e}.c{i + 1}" for e in ECONOMIES for i in range(INDUSTRIES)]
    finals = [f"{'RoW' if e == 'ROW' else e}.{f}" for e in ECONOMIES for f in FINAL_WIOD]
    lines = ["row," + ",".join(labels + finals + ["GO"])]
    for i in range(SECTORS):
        lines.append(",".join([labels[i]] + [str(v) for v in z[i] + y[i]] + [str(go[i])]))
    return lines


def wiod2016(z, y, go):
    header = ["IndustryCode", "IndustryDescription", "Country", "RNr", "Year"]
    header += [f"{e}{i + 1}" for e in ECONOMIES for i in range(INDUSTRIES)]
    header += [f"{e}{57 + f}" for e in ECONOMIES for f in range(5)]
    lines = [",".join(header + ["TOT"])]
    for i in range(SECTORS):
        e, k = divmod(i, INDUSTRIES)
        labels = [WIOD16_CODES[k], f"\"Industry {k + 1}, made up\"", ECONOMIES[e], str(k + 1), "2014"]
        lines.append(",".join(labels + [str(v) for v in z[i] + y[i]] + [str(go[i])]))
    intermediate = [sum(z[i][j] for i in range(SECTORS)) for j in range(SECTORS)]
    blank = ["0"] * (len(ECONOMIES) * 5) + ["0"]
    lines.append(",".join(["II_fob", "Total intermediate consumption", "TOT", "65", "2014"] +
                          [str(v) for v in intermediate] + blank))
    lines.append(",".join(["VA", "Value added at basic prices", "TOT", "70", "2014"] +
                          [str(go[j] - intermediate[j]) for j in range(SECTORS)] + blank))
    lines.append(",".join(["GO", "Output at basic prices", "TOT", "73", "2014"] + [str(v) for v in go] + blank))
    return lines


def icio(z, y, go):
    codes = [c.replace("-", "T") for c in WIOD16_CODES]
    labels = [f"{e}_{c}" for e in ECONOMIES for c in codes]
    finals = [f"{e}_{f}" for e in ECONOMIES for f in FINAL_ICIO]
    lines = ["V1," + ",".join(labels + finals + ["OUT"])]
    for i in range(SECTORS):
        lines.append(",".join([labels[i]] + [str(v) for v in z[i] + y[i]] + [str(go[i])]))
    intermediate = [sum(z[i][j] for i in range(SECTORS)) for j in range(SECTORS)]
    blank = ["0"] * (len(ECONOMIES) * 5 + 1)
    lines.append(",".join(["TLS"] + ["0"] * SECTORS + blank))
    lines.append(",".join(["VA"] + [str(go[j] - intermediate[j]) for j in range(SECTORS)] + blank))
    lines.append(",".join(["OUT"] + [str(v) for v in go] + blank))
    return lines


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    z, y, go = make_table()
    for name, lines in (("wiod2013_small.csv", wiod2013(z, y, go)), ("wiod2016_small.csv", wiod2016(z, y, go)),
                        ("icio_small.csv", icio(z, y, go))):
        with open(os.path.join(here, name), "w", encoding="utf-8", newline="\n") as out:
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
