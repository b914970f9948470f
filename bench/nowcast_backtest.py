#!/usr/bin/env python3
"""The nowcast's back-test on Xinjiang's published year-to-date series of total trade (docs/METHODS.md, "Nowcast":
back-test report).

Builds a case from ../shared/data/xinjiang_customs_facts/facts.csv (total trade with the world, no breakdown:
year and year-to-date rows as published, plus the year-earlier values their year-on-year growth implies,
marked IMPLIED) and the seed case's 2020 total (21.387 bn USD), runs `tradeshock scenario --format json` with a
nowcast of 2023-01..2023-06, and prints the leave-one-out back-test the nowcast reports: each earlier year with a
full-year value, estimated at each month it observed from the other years' mean profile.

Usage: /usr/bin/python3 bench/nowcast_backtest.py [TRADESHOCK] [FACTS_CSV]
"""
import csv
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
cli = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build/release/tradeshock")
facts = sys.argv[2] if len(sys.argv) > 2 else str(ROOT.parent / "shared/data/xinjiang_customs_facts/facts.csv")

rows = [r for r in csv.DictReader(open(facts, encoding="utf-8"))
        if r["flow"] == "total" and r["partner_or_group"] == "World" and not r["breakdown"]
        and r["period_type"] in ("year", "cumulative")]
with tempfile.TemporaryDirectory() as tmp:
    case = pathlib.Path(tmp) / "case"
    case.mkdir()
    seen = set()
    with open(case / "flows.csv", "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["reporter", "partner", "flow", "product", "period", "value", "currency", "unit", "source"])

        def add(period, value, unit, source):
            if period in seen:
                return
            seen.add(period)
            w.writerow(["CN-XJ", "WLD", "trade", "TOTAL", period, value, "CNY" if unit.startswith("CNY") else "USD",
                        "billion", source])

        for r in rows:
            add(r["period"], r["value"], r["unit"], r["fact_id"])
        for r in rows:  # the year before, as the growth implies it
            if r["period_type"] == "cumulative" and r["yoy_pct"]:
                year = int(r["period"][:4])
                add(r["period"].replace(str(year), str(year - 1)),
                    round(float(r["value"]) / (1 + float(r["yoy_pct"]) / 100), 3), r["unit"],
                    "IMPLIED from " + r["fact_id"])
        add("2020", "21.387", "USD bn", "seed case: Xinjiang's 2020 total trade")
        # The exposure needs a covered flow; the policy starts after the data, so it cuts nothing.
        w.writerow(["CN-XJ", "USA", "exports", "TOTAL", "2022", "1", "USD", "billion", "placeholder"])
    (case / "scenario.toml").write_text(
        '[[policy]]\nkind = "ban"\nimposed_by = "USA"\non = "CN-XJ"\nproducts = "all"\nfrom = 2030-01-01\n'
        '[nowcast]\ntarget = { reporter = "CN-XJ", partner = "WLD", flow = "trade", period = "2023-01..2023-06" }\n')
    result = json.loads(subprocess.run([cli, "scenario", str(case), "--format", "json"], check=True,
                                       capture_output=True, text=True).stdout)
nowcast = result["nowcast"]
print("profile years:", ", ".join(f"{p['year']} (months {p['known_months']})" for p in nowcast["profile_years"]))
print("| year | cut-off month | error (estimate / actual - 1) |")
print("| ---: | ---: | ---: |")
for point in nowcast["backtest"]:
    print(f"| {point['year']} | {point['cutoff']} | {point['error']:+.1%} |")
print("band at month 6:", nowcast["band"]["method"], "; factor", round(nowcast["band"]["factor"], 4))
