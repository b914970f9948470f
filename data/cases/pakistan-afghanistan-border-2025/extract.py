"""Writes flows.csv of this case from the CEPII BACI extract (HS 1992, release V202301, 2021) that ships as
`baci-extract-2021/` in the project's shared data: Afghanistan's (i = 4) 2021 exports, summed to one TOTAL row per
importer and one for the world, and by HS heading (4 digits) for the world, Pakistan and India. "Other Asia, nes"
(no economy code) counts in the world's rows only. Usage: python3 extract.py BACI_DIR > flows.csv"""
import csv
import sys
from collections import defaultdict
from pathlib import Path

baci = Path(sys.argv[1])
iso3 = {}
with open(baci / "country_codes_V202301.csv", newline="", encoding="utf-8") as codes:
    for row in csv.DictReader(codes):
        iso3[int(row["country_code"])] = row["iso_3digit_alpha"]
values = defaultdict(float)  # (partner, product) -> thousands of USD
with open(baci / "BACI_HS92_Y2021_V202301_exporters_AFG_ZAF.csv", newline="", encoding="utf-8") as data:
    for row in csv.DictReader(data):
        if int(row["i"]) != 4:
            continue
        partner = iso3[int(row["j"])]
        value = float(row["v"])
        heading = row["k"].zfill(6)[:4]
        for p in ("WLD", partner) if partner != "N/A" else ("WLD",):
            values[(p, "TOTAL")] += value
            if p in ("WLD", "PAK", "IND"):  # headings only where the case needs them, to keep it small
                values[(p, heading)] += value
SOURCE = "CEPII BACI HS92 V202301, 2021, exporter 4 (Afghanistan): sum of the rows"
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["reporter", "partner", "flow", "product", "period", "value", "currency", "unit", "source"])
for (partner, product) in sorted(values, key=lambda k: (k[0] != "WLD", k[0], k[1] != "TOTAL", k[1])):
    to = "to every importer (BACI is the complete matrix)" if partner == "WLD" else f"to importer {partner}"
    what = "all products" if product == "TOTAL" else f"HS {product}"
    out.writerow(["AFG", partner, "exports", product, 2021, f"{values[(partner, product)]:.3f}", "USD", "thousand",
                  f"{SOURCE} {to}, {what}"])
