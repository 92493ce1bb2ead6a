#!/usr/bin/env python3
"""Measure the map and the downloads at scale, and optionally screenshot them in Chromium.

    .venv/bin/python scripts/map_bench.py [--cases 10000] [--build DIR] [--shots DIR]

The project is copied to a temporary folder with ``--cases`` synthetic cases (hooks/icp/synthetic/cases.py)
placed at their city's approximate coordinates (hooks/icp/synthetic/coordinates.py). Figures: the map
panel's size and the time to draw it (home page and finder), records.js's size and the time to write
it, next to practices.csv and practices.json. With ``--build`` the site is built there with MkDocs, and
the finder's apply is timed in Chromium in the list and the map view; with ``--shots`` the home page's
map and the finder's map view are screenshot at 1280x900 and 390x844.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _paths import ROOT

from icp.check.validate import case_files
from icp.publish import opendata, records
from icp.render import casemap
from icp.site import Project
from icp.synthetic.cases import SyntheticCases
from icp.synthetic.coordinates import CITY_COORDINATES

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def placed_project(workdir: Path, count: int) -> Path:
    """A copy of the project whose cases are ``count`` synthetic ones, each with its city's coordinates."""
    project = workdir / "project"
    for name in ("docs", "hooks", "practices", "locale"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(ROOT / name, project / name)
    for path in case_files(project / "practices"):
        path.unlink()
    maker = SyntheticCases(Project(project).vocabulary())
    for number in range(1, count + 1):
        slug, text = maker.case(number)
        city = next(line for line in text.splitlines() if line.startswith("city: "))[7:-1]
        if city in CITY_COORDINATES:
            lat, lon = CITY_COORDINATES[city]
            text = text.replace("\n---\n", f"\nlat: {lat}\nlon: {lon}\n---\n", 1)
        (project / "practices" / f"{slug}.md").write_text(text, encoding="utf-8")
    return project


def timed(function, runs: int = 5):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times), times[0]


def size(text: str) -> str:
    data = text.encode()
    return f"{len(data) / 1024:8.1f} KiB ({len(gzip.compress(data)) / 1024:7.1f} KiB gzipped)"


def measure(project: Path) -> None:
    start = time.perf_counter()
    index = Project(project).load_index()
    print(f"{len(index.practices):,} cases loaded and checked in {time.perf_counter() - start:.1f} s")
    panel = casemap.map_panel(index)
    print(f"cities: {len(panel.placed)} on the map, {len(panel.elsewhere)} outside it, {len(panel.unplaced)} without coordinates")
    for label, finder in (("home panel", casemap.FINDER), ("finder panel", "index.html")):
        html, median, first = timed(lambda: casemap.panel_html(index, finder, panel_id="x"))
        print(f"{label:>14}: {size(html)}; drawn in {median * 1000:6.1f} ms (first call {first * 1000:6.0f} ms)")
    svg = casemap.panel_html(index, casemap.FINDER, panel_id="x")
    svg = svg[svg.index("<svg"):svg.index("</svg>") + 6]
    print(f"{'its SVG':>14}: {size(svg)}")
    script, median, _ = timed(lambda: records.records_script(index), runs=3)
    print(f"{'records.js':>14}: {size(script)}; written in {median:.2f} s")
    for name, make in (("practices.csv", opendata.practices_csv), ("practices.json", opendata.practices_json)):
        text, median, _ = timed(lambda: make(index), runs=3)
        print(f"{name:>14}: {size(text)}; written in {median:.2f} s")


def build(project: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ICP_OFFLINE_ZIP": ""}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                   check=True, cwd=project, env=env)
    print(f"site built in {time.perf_counter() - start:.0f} s: home {size((site / 'index.html').read_text())}, "
          f"finder {size((site / 'practices' / 'index.html').read_text())}")


def browse(site: Path, shots: Path | None) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    finder = (site / "practices" / "index.html").as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for view in ("list", "map"):
            page.goto(f"{finder}#view={view}")
            page.wait_for_selector("html[data-icp-finder-ready]")
            times = page.evaluate("""() => {
                const box = document.querySelector('#icp-filter input[name=topic]');
                const times = [];
                for (let i = 0; i < 6; i++) {
                    const start = performance.now();
                    box.click();
                    window.dispatchEvent(new HashChangeEvent('hashchange'));
                    document.body.offsetHeight;
                    times.push(performance.now() - start);
                }
                return times; }""")
            print(f"finder, {view} view: ticking a topic takes {statistics.median(times):.0f} ms (median of 6, with layout)")
        start = time.perf_counter()
        with page.expect_download() as info:
            page.get_by_role("button", name="Download CSV").click()
        info.value.path()
        print(f"Download CSV of every case, records.js loaded first: {time.perf_counter() - start:.1f} s")
        page.close()
        if shots:
            shots.mkdir(parents=True, exist_ok=True)
            for device, (width, height) in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto((site / "index.html").as_uri())
                page.locator("#map").scroll_into_view_if_needed()
                page.evaluate("window.scrollBy(0, document.getElementById('map').getBoundingClientRect().top - 60)")
                page.screenshot(path=str(shots / f"map-home-{device}.png"))
                page.goto(f"{finder}#topic=education&view=map")
                page.wait_for_selector("html[data-icp-finder-ready]")
                page.screenshot(path=str(shots / f"map-finder-{device}.png"), full_page=True)
                page.close()
            print(f"screenshots in {shots}")
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--build", type=Path, help="build the site here and time the finder in Chromium")
    parser.add_argument("--shots", type=Path, help="with --build: write screenshots of the maps here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        project = placed_project(Path(folder), args.cases)
        measure(project)
        if args.build:
            build(project, args.build)
            browse(args.build, args.shots)
    return 0


if __name__ == "__main__":
    sys.exit(main())
