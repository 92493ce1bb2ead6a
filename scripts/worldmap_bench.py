#!/usr/bin/env python3
"""Measure the map module (hooks/icp/geo) and, with --shots, screenshot its maps in Chromium.

    .venv/bin/python scripts/worldmap_bench.py [--shots /work/notes]

Figures: loading the atlas, the coordinate check per call (a city inside its country, a coastal
city, a wrong one), and for the project's own cases and for 10,000 synthetic cases in ~400 cities:
the SVG's size (plain and gzipped) and the time to draw it, first call (outlines computed) and after.
The synthetic cities are the 96 of hooks/icp/synthetic/cases.py at their approximate coordinates, plus
places scattered inside the same countries, named "<city> <n>".
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import sys
import time
from pathlib import Path

from _paths import ROOT

from icp.geo.atlas import atlas
from icp.geo.locate import country_at, country_index, locate
from icp.geo.svgmap import Place, map_svg, places_by_city
from icp.geo.views import geometry
from icp.site import Project
from icp.synthetic.cases import CITIES
from icp.synthetic.coordinates import CITY_COORDINATES

SYNTHETIC_PLACES = 400
SYNTHETIC_CASES = 10_000
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;margin:0;padding:1rem;color:#222}}
main{{max-width:50rem;margin:auto}}</style>
<main><h1>{title}</h1>{svg}</main></html>"""


def real_places() -> list[Place]:
    index = Project(ROOT).load_index()
    return places_by_city(index.practices, lambda cases: cases[0].url if len(cases) == 1 else "practices/index.html")


def synthetic_places(seed: int = 7) -> list[Place]:
    """~400 cities in the vocabulary's countries whose counts add up to 10,000, Zipf-like."""
    pick = random.Random(seed)
    spots = [(country, city, *CITY_COORDINATES[city]) for country, cities in CITIES.items() for city in cities]
    bases = list(spots)
    numbers = {city: 1 for _, city, _, _ in bases}
    while len(spots) < SYNTHETIC_PLACES:
        country, city, lat, lon = pick.choice(bases)
        new_lat, new_lon = lat + pick.uniform(-1.5, 1.5), lon + pick.uniform(-2.0, 2.0)
        if country_index(country).contains(new_lon, new_lat):
            numbers[city] += 1
            spots.append((country, f"{city} {numbers[city]}", round(new_lat, 4), round(new_lon, 4)))
    pick.shuffle(spots)
    weights = [1 / rank ** 0.9 for rank in range(1, len(spots) + 1)]
    counts = [max(1, int(SYNTHETIC_CASES * w / sum(weights))) for w in weights]
    counts[0] += SYNTHETIC_CASES - sum(counts)
    return [Place(city, country, lat, lon, count, f"practices/index.html#city={number}")
            for number, ((country, city, lat, lon), count) in enumerate(zip(spots, counts))]


def per_call_us(function, args, runs: int) -> float:
    start = time.perf_counter()
    for _ in range(runs):
        function(*args)
    return (time.perf_counter() - start) / runs * 1e6


def measure_locate() -> None:
    start = time.perf_counter()
    atlas()
    print(f"atlas decoded: {time.perf_counter() - start:.2f} s")
    cases = [(country, *CITY_COORDINATES[city]) for country, cities in CITIES.items() for city in cities]
    start = time.perf_counter()
    for country, lat, lon in cases:
        locate(country, lat, lon)
    print(f"first locate for each of the 24 countries (builds their indexes): {time.perf_counter() - start:.2f} s")
    rounds = 10_000 // len(cases) + 1
    start = time.perf_counter()
    for _ in range(rounds):
        for country, lat, lon in cases:
            locate(country, lat, lon)
    print(f"locate, the 96 synthetic cities x {rounds}: {(time.perf_counter() - start) / (rounds * len(cases)) * 1e6:.1f} µs per call")
    start = time.perf_counter()
    country_at(0.0, 0.0)
    print(f"first wrong-country message (indexes every country): {time.perf_counter() - start:.2f} s")
    for label, args, runs in (("inside (Lyon, France)", ("France", 45.764, 4.8357), 20_000),
                              ("coastal (Copenhagen, Denmark)", ("Denmark", 55.6761, 12.5683), 20_000),
                              ("swapped (Copenhagen)", ("Denmark", 12.5683, 55.6761), 200),
                              ("wrong country (Copenhagen as Norway)", ("Norway", 55.6761, 12.5683), 200)):
        print(f"locate {label}: {per_call_us(locate, args, runs):.1f} µs per call")


def measure_map(label: str, places: list[Place], view: str) -> str:
    start = time.perf_counter()
    geometry(view)
    outlines = time.perf_counter() - start
    times = []
    for _ in range(5):
        start = time.perf_counter()
        svg = map_svg(places, view)
        times.append(time.perf_counter() - start)
    size, packed = len(svg.encode()), len(gzip.compress(svg.encode()))
    cases = sum(place.count for place in places)
    print(f"{label:>10} {view:>6}: {len(places):4} places, {cases:6,} cases: {size / 1024:6.1f} KiB "
          f"({packed / 1024:5.1f} KiB gzipped); outlines once {outlines * 1000:4.0f} ms, "
          f"then {statistics.median(times) * 1000:5.1f} ms per map")
    return svg


def screenshots(maps: dict[str, str], folder: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        for name, svg in maps.items():
            page_file = folder / f"worldmap-{name}.html"
            page_file.write_text(PAGE.format(title=f"Map: {name}", svg=svg), encoding="utf-8")
            for device, (width, height) in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_file.as_uri())
                page.screenshot(path=str(folder / f"worldmap-{name}-{device}.png"), full_page=True)
                page.close()
        browser.close()
    print(f"screenshots in {folder}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, help="write HTML pages and PNG screenshots of the maps here")
    args = parser.parse_args(argv)
    measure_locate()
    maps = {}
    for label, places in (("real", real_places()), ("synthetic", synthetic_places())):
        for view in ("europe", "world"):
            maps[f"{label}-{view}"] = measure_map(label, places, view)
    if args.shots:
        screenshots(maps, args.shots)
    return 0


if __name__ == "__main__":
    sys.exit(main())
