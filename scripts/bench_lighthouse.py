#!/usr/bin/env python3
"""Lighthouse's mobile performance score of a built site's pages, served over HTTP on this machine.

    .venv/bin/python scripts/bench_lighthouse.py SITE --runs 3 [--pages home finder ...]

SITE is a built site (``scripts/build`` writes ``site/``). It is served by ``python -m http.server``
on 127.0.0.1 and each page is audited ``--runs`` times by Lighthouse (the version pinned in
package.json's devDependencies: ``npm ci``), its default mobile profile (a mid-range phone on a
slow 4G link, simulated), performance only, in the system Chromium with no background requests.
Prints, per page, the median score and its first paint, largest paint, blocking time, layout
shift and speed index. ``--pages`` names the kinds of page to audit (all of them by default).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _paths import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --disable-background-networking --no-sandbox --disable-gpu"
PAGES = {"home": "index.html", "finder": "practices/index.html", "case": None, "term": "topics/education.html",
         "overview": "topics/index.html", "about": "about.html", "codebook": "codebook.html", "propose": "propose.html",
         "404": "404.html", "fr-home": "fr/index.html", "fr-finder": "fr/practices/index.html"}
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS", "speed-index": "SI"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def a_case_page(site: Path) -> str:
    pages = sorted(path.name for path in (site / "practices").glob("*.html") if path.name != "index.html")
    return f"practices/{pages[0]}"


def audit(url: str, folder: Path) -> dict:
    report = folder / "report.json"
    subprocess.run([str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
                    f"--output-path={report}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"],
                   check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    result = json.loads(report.read_text(encoding="utf-8"))
    figures = {"score": result["categories"]["performance"]["score"] * 100}
    figures.update({name: result["audits"][key]["numericValue"] for key, name in METRICS.items()})
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        parser.error(f"{LIGHTHOUSE} is missing: run `npm ci` in {ROOT}")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(args.site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        pages = {name: PAGES[name] or a_case_page(args.site) for name in args.pages}
        with tempfile.TemporaryDirectory(prefix="icp-lighthouse-") as folder:
            for name, path in pages.items():
                runs = [audit(f"http://127.0.0.1:{port}/{path}", Path(folder)) for _ in range(args.runs)]
                median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
                scores = ", ".join(f"{run['score']:.0f}" for run in runs)
                print(f"{name} ({path}): score {median['score']:.0f} (runs: {scores}); "
                      + ", ".join(f"{key} {value:.3f}" if key == "CLS" else f"{key} {value:,.0f} ms"
                                  for key, value in median.items() if key != "score"), flush=True)
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
