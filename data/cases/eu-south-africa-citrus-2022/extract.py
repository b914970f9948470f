"""Writes flows.csv of this case from the CEPII BACI extract (HS 1992, release V202301, 2021) that ships as
`baci-extract-2021/` in the project's shared data: South Africa's (i = 710) 2021 exports, summed to one TOTAL
row per importer (but "Other Asia, nes", which has no economy code) and one for the world, and kept at HS 6 digits for citrus (HS 0805), per importer and for the
world. Usage: python3 extract.py BACI_DIR > flows.csv"""
import csv
import sys
from collections import defaultdict
from pathlib import Path

baci = Path(sys.argv[1])
iso3 = {}
with open(baci / "country_codes_V202301.csv", newline="", encoding="utf-8") as codes:
    for row in csv.DictReader(codes):
        iso3[int(row["country_code"])] = row["iso_3digit_alpha"]
total = defaultdict(float)
citrus = defaultdict(float)
with open(baci / "BACI_HS92_Y2021_V202301_exporters_AFG_ZAF.csv", newline="", encoding="utf-8") as data:
    for row in csv.DictReader(data):
        if int(row["i"]) != 710:
            continue
        partner = iso3[int(row["j"])]
        value = float(row["v"])  # thousands of USD
        product = row["k"].zfill(6)
        # "Other Asia, nes" (ISO3 "N/A" in the code list) has no economy code: it counts in the world's total
        # and is left out as a partner.
        keep = partner != "N/A"
        if keep:
            total[partner] += value
        total["WLD"] += value
        if product.startswith("0805"):
            if keep:
                citrus[(partner, product)] += value
            citrus[("WLD", product)] += value
SOURCE = "CEPII BACI HS92 V202301, 2021, exporter 710 (South Africa): sum of the rows"
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["reporter", "partner", "flow", "product", "period", "value", "currency", "unit", "source"])
for partner in sorted(total, key=lambda p: (p != "WLD", p)):
    what = "to every importer (BACI is the complete matrix)" if partner == "WLD" else f"to importer {partner}"
    out.writerow(["ZAF", partner, "exports", "TOTAL", 2021, f"{total[partner]:.3f}", "USD", "thousand",
                  f"{SOURCE} {what}, all products"])
for (partner, product) in sorted(citrus, key=lambda k: (k[0] != "WLD", k)):
    what = "to every importer" if partner == "WLD" else f"to importer {partner}"
    out.writerow(["ZAF", partner, "exports", product, 2021, f"{citrus[(partner, product)]:.3f}", "USD", "thousand",
                  f"{SOURCE} {what}, HS {product}"])
