#!/usr/bin/env python3
"""Builds the china-cities data pack (one wide CSV) from the shared statistics.

How to run (Python 3.8+, standard library only), from the repository root:

    python3 bundles/org.cityeval.data.china/src/build/make_pack.py [SHARED_DATA_DIR]

SHARED_DATA_DIR defaults to ../shared/data beside the repository (the layout of the workplace and CI).
The script writes src/main/resources/OSGI-INF/cityeval/data/china-cities.csv of this bundle and prints a
summary of the census join. Running it twice gives the same bytes. The CSV is committed; the build does not
run this script.

What it does, and what it deliberately does not do:
- Every row of statistics/city_key_indicators_2019_2023.csv is kept (one row per city and year), with the
  14 variable columns under their own names and with their values copied as text, digit for digit. The
  columns city, province and city_type are dropped: the adcode is the key, the registry gives the names.
- Values are NOT corrected. The source contains real errors (e.g. a provincial GDP in a city row); the
  data-quality report of org.cityeval.data is there to find them.
- Two adcodes of the source are outdated division codes that the registry no longer has; they are mapped
  to the current codes (the key is corrected, no value is): 469003 儋州市 -> 460400 (prefecture-level since
  2015), 652100 吐鲁番地区 -> 650400 吐鲁番市 (since 2015). The registry names are checked against the
  source names (the old name 吐鲁番地区 is accepted for 650400).
- Census 2020 (statistics/census_city_2010_2020.csv) is attached to the year-2020 row of a city, matched by
  its city_code column (110100/120100/310100/500100 mean the municipalities 110000/120000/310000/500000):
    popu_2020       -> census_pop_2020      persons, as published
    popu_urban_2020 -> urban_pop_2020       persons, as published
    age_65_2020     -> age_65_share_2020    the source gives percent (3.22..22.67); divided by 100 exactly
                                            (decimal arithmetic) into a share 0..1
    household_2020  -> household_size_2020  persons per family household, as published
  A registry city with census figures but no 2020 row in the key indicators (seven Qinghai prefectures that
  lack 2020 statistics, and 三沙市 that has no statistics at all) gets a 2020 row holding only the census
  values, so that no census figure of a registry city is lost. Census units that are not registry cities
  (county-level cities under a province, XPCC cities, Hong Kong, Macao) are left out and listed.
"""
import csv
import io
import sys
from decimal import Decimal
from pathlib import Path

BUNDLE = Path(__file__).resolve().parents[2]
OUT = BUNDLE / "src/main/resources/OSGI-INF/cityeval/data/china-cities.csv"

KEY_VARIABLES = [
    "gdp_100m_yuan", "va2_share", "va3_share", "resident_pop_10k",
    "gdp_per_capita_yuan_derived", "gdp_per_capita_yuan_reported",
    "fiscal_revenue_100m", "fiscal_expenditure_100m",
    "pku_dfiic_total", "coverage_breadth", "usage_depth", "digitization_level",
    "co2_t", "co2_t_per_10k_yuan_gdp",
]
CENSUS = [  # (source column, pack column, converter)
    ("popu_2020", "census_pop_2020", lambda v: v),
    ("popu_urban_2020", "urban_pop_2020", lambda v: v),
    ("age_65_2020", "age_65_share_2020", lambda v: str((Decimal(v) / 100).normalize())),
    ("household_2020", "household_size_2020", lambda v: v),
]
CENSUS_YEAR = "2020"
YEARS = ["2019", "2020", "2021", "2022", "2023"]
# census codes of the municipalities -> registry adcodes
MUNICIPALITIES = {"110100": "110000", "120100": "120000", "310100": "310000", "500100": "500000"}
# outdated adcodes of the key-indicator file -> current registry adcodes, with the old names accepted
OUTDATED = {"469003": ("460400", {"儋州市"}), "652100": ("650400", {"吐鲁番地区", "吐鲁番市"})}


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else BUNDLE.parents[2] / "shared" / "data"
    registry = {r["adcode"]: r for r in read(shared / "cities-registry.csv")}
    key = read(shared / "statistics/city_key_indicators_2019_2023.csv")
    census = read(shared / "statistics/census_city_2010_2020.csv")

    missing = [c for c in ["adcode", "year"] + KEY_VARIABLES if c not in key[0]]
    if missing:
        sys.exit(f"key indicators lack columns {missing}")

    rows = {}  # (adcode, year) -> {column: text}
    remapped = set()
    for r in key:
        code, name = r["adcode"], r["city"]
        if code in OUTDATED:
            new, names = OUTDATED[code]
            if name not in names:
                sys.exit(f"{code} is named {name}, expected one of {names}")
            remapped.add(f"{code} {name} -> {new} {registry[new]['name']}")
            code = new
        elif code not in registry:
            sys.exit(f"adcode {code} ({name}) is not in the registry")
        elif registry[code]["name"] != name:
            sys.exit(f"adcode {code}: source says {name}, registry says {registry[code]['name']}")
        if r["year"] not in YEARS:
            sys.exit(f"unexpected year {r['year']} for {code}")
        k = (code, r["year"])
        if k in rows:
            sys.exit(f"two rows for {k}")
        rows[k] = {v: r[v] for v in KEY_VARIABLES}
    key_cities = {c for c, _ in rows}
    n_key_rows = len(rows)

    matched, added, not_registry = [], [], []
    for r in census:
        code = MUNICIPALITIES.get(r["city_code"], r["city_code"])
        if code not in registry:
            not_registry.append(f"{r['city_code']} {r['city']}")
            continue
        if registry[code]["name"] != r["city"]:
            sys.exit(f"census {r['city_code']} {r['city']} vs registry {code} {registry[code]['name']}")
        k = (code, CENSUS_YEAR)
        if k not in rows:
            rows[k] = {}
            added.append(f"{code} {r['city']}" + ("" if code in key_cities else " (no key indicators at all)"))
        for src, dst, conv in CENSUS:
            v = r[src].strip()
            if v:
                float(v)  # must be a number
                rows[k][dst] = conv(v)
        matched.append(code)
    unmatched_key = sorted(key_cities - set(matched))

    columns = ["adcode", "year"] + KEY_VARIABLES + [dst for _, dst, _ in CENSUS]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(columns)
    for (code, year) in sorted(rows):
        vals = rows[(code, year)]
        line = [code, year] + [vals.get(c, "") for c in columns[2:]]
        if any(("," in x or '"' in x) for x in line):
            sys.exit(f"a value needs quoting in {code} {year}")
        w.writerow(line)
    OUT.write_bytes(buf.getvalue().encode("utf-8"))

    years = sorted({y for _, y in rows})
    print(f"wrote {OUT.relative_to(BUNDLE)}: {len(rows)} rows ({n_key_rows} from the key indicators, "
          f"{len(added)} census-only), {len({c for c, _ in rows})} cities, years {years[0]}-{years[-1]}, "
          f"{len(columns) - 2} variables")
    print("outdated adcodes mapped: " + "; ".join(sorted(remapped)))
    print(f"census units matched to registry cities: {len(matched)} of {len(census)}")
    print(f"key-indicator cities without census figures: {len(unmatched_key)} {unmatched_key}")
    print(f"census-only 2020 rows added: {len(added)}: " + "; ".join(added))
    print(f"census units that are not registry cities (left out): {len(not_registry)}: " + "; ".join(not_registry))


if __name__ == "__main__":
    main()
