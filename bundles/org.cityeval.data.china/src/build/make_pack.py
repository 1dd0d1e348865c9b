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
- National designations (designations/national-designations.csv) give, for each of the four designations, a
  dummy (1 from the first batch year the city was designated in on, else 0) and the years since that first
  designation (year - batch year from then on, else 0), in every row. How a row's place becomes registry
  cities (designation_cities below): its parent_city is a registry short or full name (a district or a city
  group such as 长株潭城市群 is already mapped to its city or cities by the source); "X(province)" means every
  registry city of province X; the regions 京津冀 and 珠江三角洲 mean the cities listed in REGIONS. A
  county-level city (昆山, 常熟, 永城, 昌吉市) or an XPCC city (阿拉尔, 石河子) is a city of its own, not its
  prefecture: it is not counted, and listed (the quality report lists it too).
- Higher-education institutions (universities/moe-higher-education-institutions.csv, the MOE list of about
  2019) give per city the number of institutions and of 本科 institutions, and both per 10,000 residents of
  2019 (the 2019 row's resident_pop_10k; empty where the city has none). A city of the registry that the list
  does not name has 0 institutions. The list is one vintage: the same figures are written in every year's row
  of a city, and the ids say 2019. How a place becomes a registry city (institution_city below): whitespace
  removed (the source breaks some names across lines); a registry full or short name; "X州" for the
  autonomous prefecture whose name starts with X (凉山州, 临夏州); the county-level cities of COUNTY_CITIES
  count for their prefecture (张家港, 昆山 -> 苏州; 莱芜 -> 济南, merged into it in January 2019). Places that
  are not in a prefecture-level city of the registry (province-administered county-level cities such as
  济源, 仙桃, XPCC cities) are not counted, and listed.
The Java quality report of org.cityeval.data (PackSources) applies the same place rules to the shipped
source files and lists every row that does not resolve, with file and row; its test checks that the counts
here equal what it derives.
"""
import csv
import io
import re
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


# designation columns: (policy_name in the source, dummy column, years-since column)
DESIGNATIONS = [
    ("broadband_china_pilot", "broadband_china_pilot", "broadband_china_years"),
    ("innovative_city_pilot", "innovative_city_pilot", "innovative_city_years"),
    ("ip_demo_city", "ip_demo_city", "ip_demo_city_years"),
    ("bigdata_comprehensive_pilot", "bigdata_pilot_zone", "bigdata_pilot_zone_years"),
]
# regions a designation names, as registry city names (京津冀: Beijing, Tianjin and every city of Hebei)
REGIONS = {
    "京津冀": ["北京市", "天津市", "province:河北省"],
    "珠江三角洲": ["广州市", "深圳市", "珠海市", "佛山市", "江门市", "东莞市", "中山市", "惠州市", "肇庆市"],
}
# county-level cities of the institution list that count for their prefecture-level city
COUNTY_CITIES = {"张家港市": "苏州市", "昆山市": "苏州市", "莱芜市": "济南市"}
INSTITUTION_COLUMNS = ["hei_2019", "hei_undergrad_2019", "hei_per_10k_2019", "hei_undergrad_per_10k_2019"]
POP_YEAR = "2019"


def by_name(registry):
    names = {}
    for code, r in registry.items():
        names.setdefault(r["name"], code)
        names.setdefault(r["short_name"], code)
    return names


def designation_cities(place, registry, names):
    """Registry adcodes a designation row's parent_city stands for; [] when it is not a registry city."""
    m = re.fullmatch(r"(.+)\((province|region)\)", place)
    if m and m.group(2) == "province":
        return sorted(c for c, r in registry.items() if r["province"] == m.group(1))
    if m:
        out = []
        for n in REGIONS.get(m.group(1), []):
            if n.startswith("province:"):
                out += [c for c, r in registry.items() if r["province"] == n[len("province:"):]]
            else:
                out.append(names[n])
        return sorted(out)
    return [names[place]] if place in names else []


def institution_city(place, registry, names):
    """The registry adcode of an institution's city, or None."""
    p = re.sub(r"\s", "", place)
    p = COUNTY_CITIES.get(p, p)
    if p in names:
        return names[p]
    if p.endswith("州") and len(p) > 1:
        hits = [c for c, r in registry.items()
                if r["level"] == "autonomous_prefecture" and r["name"].startswith(p[:-1])]
        if len(hits) == 1:
            return hits[0]
    return None


def designations(shared, registry):
    """adcode -> {dummy column: first batch year}; and the rows that name no registry city."""
    names = by_name(registry)
    first, unresolved = {}, []
    known = {d[0]: d[1] for d in DESIGNATIONS}
    for i, r in enumerate(read(shared / "designations/national-designations.csv"), start=2):
        if r["policy_name"] not in known:
            sys.exit(f"designations row {i}: unknown policy_name {r['policy_name']}")
        year = int(r["batch_year"])
        cities = designation_cities(r["parent_city"], registry, names)
        if not cities:
            unresolved.append(f"row {i} {r['policy_name']} {r['batch_year']} {r['raw_region_name']}")
        for c in cities:
            col = known[r["policy_name"]]
            slot = first.setdefault(c, {})
            slot[col] = min(year, slot.get(col, year))
    return first, unresolved


def institutions(shared, registry):
    """adcode -> (institutions, 本科 institutions); and the places that are not a registry city."""
    names = by_name(registry)
    counts, unresolved = {}, {}
    for r in read(shared / "universities/moe-higher-education-institutions.csv"):
        code = institution_city(r["city"], registry, names)
        if code is None:
            p = re.sub(r"\s", "", r["city"])
            unresolved[p] = unresolved.get(p, 0) + 1
            continue
        n, u = counts.get(code, (0, 0))
        if r["level"] not in ("本科", "专科"):
            sys.exit(f"institution {r['moe_code']}: level {r['level']}")
        counts[code] = (n + 1, u + (r["level"] == "本科"))
    return counts, unresolved


def per_10k(count, pop):
    if not pop:
        return ""
    return str((Decimal(count) / Decimal(pop)).quantize(Decimal("0.00000001")).normalize())


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

    first, unresolved_designations = designations(shared, registry)
    counts, unresolved_places = institutions(shared, registry)
    for (code, year), vals in rows.items():
        for _, dummy, years in DESIGNATIONS:
            since = first.get(code, {}).get(dummy)
            designated = since is not None and int(year) >= since
            vals[dummy] = "1" if designated else "0"
            vals[years] = str(int(year) - since) if designated else "0"
        n, u = counts.get(code, (0, 0))
        pop = rows.get((code, POP_YEAR), {}).get("resident_pop_10k", "")
        vals.update(zip(INSTITUTION_COLUMNS, [str(n), str(u), per_10k(n, pop), per_10k(u, pop)]))

    columns = (["adcode", "year"] + KEY_VARIABLES + [dst for _, dst, _ in CENSUS]
               + [c for _, d, y in DESIGNATIONS for c in (d, y)] + INSTITUTION_COLUMNS)
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
    for _, dummy, _ in DESIGNATIONS:
        cities = sorted(c for c, d in first.items() if dummy in d)
        print(f"{dummy}: {len(cities)} registry cities")
    print(f"designation rows that name no registry city (not counted): {len(unresolved_designations)}: "
          + "; ".join(unresolved_designations))
    print(f"institutions counted: {sum(n for n, _ in counts.values())} in {len(counts)} cities "
          f"({sum(u for _, u in counts.values())} 本科); not in a registry city (not counted): "
          f"{sum(unresolved_places.values())}: " + "; ".join(f"{k} {v}" for k, v in sorted(unresolved_places.items())))


if __name__ == "__main__":
    main()
