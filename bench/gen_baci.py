#!/usr/bin/python3
"""Writes a BACI-shaped (CEPII) trade file for benchmarks, and the country codes file beside it.

Usage: bench/gen_baci.py OUTPUT.csv [--rows N] [--year YYYY] [--seed S]

OUTPUT.csv gets the header t,i,j,k,v,q and N rows (default 10,000,000) of one year: exporter i and
importer j as numeric country codes, k a 6-digit HS subheading (leading zeros kept), v in thousand US
dollars with 3 decimals, q in tonnes with 3 decimals or empty (about 6% of rows, as BACI leaves q
unknown for some flows). Keys (t, i, j, k) are unique, rows are sorted by i, j, k as in a BACI release.
The same arguments always give the same bytes.

Beside it goes country_codes_V<release>.csv (country_code,country_name,country_iso2,country_iso3), so
`tradeshock` resolves the codes as it does for a real release. Country codes come from Debian's
iso-codes (ISO 3166-1 numeric), read at run time; HS codes from the repository's HS nomenclature.

Exporters get rows in proportion to a Zipf-like weight, the largest first: China (156) has the most
rows, then the United States (840), Germany (276) and the rest of the list below, then every other
country in a seeded order. Standard library only.
"""

import argparse
import csv
import json
import math
import os
import random
import sys

ISO_3166_1 = "/usr/share/iso-codes/json/iso_3166-1.json"
HS_NOMENCLATURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "reference", "hs",
                               "harmonized-system.csv")
RELEASE = "V202401"
# The largest exporters by number of BACI flows, roughly; they lead the size ranking so that a benchmark
# can name a big reporter without reading the file first.
LEADERS = ["CHN", "USA", "DEU", "ITA", "FRA", "IND", "GBR", "NLD", "ESP", "JPN", "TUR", "KOR", "BEL", "CAN"]
# Share of an exporter's (partner, product) space it may fill at most: real exporters skip many pairs.
MAX_FILL = 0.6
MISSING_QUANTITY = 0.06


def load_countries(rng):
    with open(ISO_3166_1, encoding="utf-8") as handle:
        entries = json.load(handle)["3166-1"]
    countries = sorted(((int(e["numeric"]), e["name"], e["alpha_2"], e["alpha_3"]) for e in entries))
    by_iso3 = {country[3]: country for country in countries}
    leaders = [by_iso3[code] for code in LEADERS if code in by_iso3]
    rest = [country for country in countries if country[3] not in LEADERS]
    rng.shuffle(rest)
    return countries, leaders + rest


def load_hs6():
    with open(HS_NOMENCLATURE, encoding="utf-8-sig", newline="") as handle:
        codes = sorted(row["hscode"] for row in csv.DictReader(handle) if row["level"] == "6")
    if not codes:
        sys.exit(f"gen_baci: no 6-digit HS code in {HS_NOMENCLATURE}")
    return codes


def rows_per_exporter(total, exporters, pair_space):
    """Splits `total` rows over exporters by a Zipf weight, none above MAX_FILL of its pair space."""
    cap = int(pair_space * MAX_FILL)
    if total > cap * exporters:
        sys.exit(f"gen_baci: at most {cap * exporters} unique rows fit {exporters} exporters")
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(exporters)]
    counts = [0] * exporters
    open_ranks = list(range(exporters))
    remaining = total
    while remaining > 0:  # water-filling: capped exporters hand their excess to the others
        weight_sum = sum(weights[r] for r in open_ranks)
        still_open = []
        handed_out = 0
        for r in open_ranks:
            share = min(cap - counts[r], max(1, int(remaining * weights[r] / weight_sum)))
            share = min(share, remaining - handed_out)
            counts[r] += share
            handed_out += share
            if counts[r] < cap:
                still_open.append(r)
            if handed_out == remaining:
                break
        remaining -= handed_out
        open_ranks = still_open or open_ranks
    return counts


def main():
    parser = argparse.ArgumentParser(description="Write a BACI-shaped CSV and its country codes file.")
    parser.add_argument("output", help="path of the data file, e.g. BACI_HS17_Y2022_V202401.csv")
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--year", type=int, default=2022)
    parser.add_argument("--seed", type=int, default=20240101)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    countries, ranked = load_countries(rng)
    hs6 = load_hs6()
    pair_space = (len(countries) - 1) * len(hs6)
    counts = rows_per_exporter(args.rows, len(ranked), pair_space)

    folder = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(folder, exist_ok=True)
    codes_path = os.path.join(folder, f"country_codes_{RELEASE}.csv")
    with open(codes_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["country_code", "country_name", "country_iso2", "country_iso3"])
        writer.writerows(countries)

    # Big economies import more: a partner's values scale with its rank in the same size ranking.
    scale = {country[0]: 10.0 / (rank + 1) ** 0.5 for rank, country in enumerate(ranked)}
    year = str(args.year)
    temporary = args.output + ".part"
    with open(temporary, "w", encoding="ascii", newline="\n", buffering=1 << 22) as out:
        out.write("t,i,j,k,v,q\n")
        exporters = sorted(zip(ranked, counts), key=lambda item: item[0][0])  # BACI order: by i
        for (code, _, _, _), count in exporters:
            if count == 0:
                continue
            partner_codes = [c[0] for c in countries if c[0] != code]
            partners = [str(c) for c in partner_codes]
            partner_scale = [scale[c] for c in partner_codes]
            exporter = str(code)
            products = len(hs6)
            lines = []
            for pair in sorted(rng.sample(range(pair_space), count)):
                # Values are log-normal, most of them small as in BACI, scaled up for big importers; the
                # quantity is tied to the value through a log-normal unit value.
                value = math.exp(rng.gauss(1.5, 2.4)) * partner_scale[pair // products]
                if rng.random() < MISSING_QUANTITY:
                    quantity = ""
                else:
                    quantity = f"{value / math.exp(rng.gauss(1.0, 1.5)):.3f}"
                lines.append(f"{year},{exporter},{partners[pair // products]},{hs6[pair % products]},"
                             f"{max(value, 0.001):.3f},{quantity}\n")
            out.writelines(lines)
    os.replace(temporary, args.output)


if __name__ == "__main__":
    main()
