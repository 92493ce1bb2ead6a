#!/usr/bin/env python3
"""The finder before and after a change, on one built site: the same pages, data and index, with
the finder's scripts of another commit in a copy, the two timed in turn by the benchmark's
finder_timings (scripts/benchmark/finder.py) so a shared machine's load falls on both alike.

    .venv/bin/python scripts/bench_finder_ab.py SITE 3ce143b --rounds 2

SITE is a site built by this checkout (for example a kept `scripts/bench.py real1000 --keep`
folder's site); REVISION's scripts must read the same data and index formats. When the formats
changed, give instead of REVISION a site that REVISION built (a folder): the two sites are timed
in turn as they are. Prints the medians of the rounds for each side.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _paths import ROOT

from benchmark.finder import finder_timings

KEYS = ("finder_ready_ms", "finder_search_ready_ms", "finder_word_ms", "finder_key_ms", "finder_key_slowest_ms",
        "finder_tick_ms", "finder_first_result_gzip_bytes", "finder_search_adds_gzip_bytes")
SCRIPTS = "docs/assets/javascripts"
VENDOR = "docs/assets/vendor/minisearch"


def git_show(revision: str, path: str) -> bytes:
    return subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:{path}"], check=True,
                          capture_output=True).stdout


def git_files(revision: str, folder: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", revision, folder], check=True,
                         capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.endswith(".js")]


def before_site(site: Path, revision: str, into: Path) -> Path:
    """A copy of ``site`` whose finder page loads REVISION's scripts, as REVISION's page listed them."""
    copy = into / "site"
    shutil.copytree(site, copy)
    for path in git_files(revision, SCRIPTS) + git_files(revision, VENDOR):
        target = copy / path.removeprefix("docs/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(git_show(revision, path))
    finder = git_show(revision, "hooks/icp/render/finder.py").decode("utf-8")
    listed = re.search(r"SCRIPTS = \((.*?)\n\)", finder, re.S).group(1)
    tags = "".join(f'<script src="{src}"></script>\n' for src in re.findall(r'"([^"]+\.js)"', listed))
    page = copy / "practices" / "index.html"
    html = page.read_text(encoding="utf-8")
    own = re.compile(r'<script src="(?:finder-data\.js|\.\./assets/(?:vendor/minisearch|javascripts/(?:finder/|search-terms))'
                     r'[^"]*)"[^>]*></script>\n')
    first = own.search(html)
    page.write_text(html[:first.start()] + tags + own.sub("", html[first.start():]), encoding="utf-8")
    return copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("revision", help="a commit whose scripts to time on SITE, or a site built by another commit")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="icp-finder-ab-") as folder:
        before = Path(args.revision)
        if not before.is_dir():
            before = before_site(args.site, args.revision, Path(folder))
        sides = {"before": before, "after": args.site}
        figures: dict[str, list[dict]] = {name: [] for name in sides}
        for round_ in range(args.rounds):
            for name, site in sides.items():
                result = finder_timings(site)
                figures[name].append(result)
                print(name, round_ + 1, {key: round(result[key]) for key in KEYS}, file=sys.stderr, flush=True)
    for name, results in figures.items():
        print(name, {key: round(statistics.median(r[key] for r in results)) for key in KEYS})
    return 0


if __name__ == "__main__":
    sys.exit(main())
