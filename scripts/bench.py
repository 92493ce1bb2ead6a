#!/usr/bin/env python3
"""Benchmark the site at N cases: the build against two bare Material floors, sizes, the finder.

    .venv/bin/python scripts/bench.py real real1000 1000 --runs 3 --serve-at 1000
    .venv/bin/python scripts/bench.py 10000 --runs 2

A size is ``real`` (the project's own cases), a number (synthetic cases, hooks/icp/synthetic/cases.py)
or ``real<N>`` (N copies of the real cases: real-sized text). For each size the project is copied
to a temporary folder with those cases and built ``--runs`` times, each run alternating the full
build with the two floors (the same case files as plain pages in bare Material, with and without
its search plugin; scripts/benchmark/projects.py). Medians go in a table written into
docs/benchmarks.md between its markers; the raw figures of every size measured so far are kept
in docs/benchmarks.json, so sizes can be run separately.
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import sys
import tempfile
from pathlib import Path

from _paths import ROOT

from icp.check.validate import case_files

from benchmark.builds import build, site_sizes, summary
from benchmark.core import core_timings
from benchmark.finder import finder_timings
from benchmark.projects import Size, floor_project, full_project, parse_size
from benchmark.report import FORMAT, machine, table, write_report
from benchmark.serve import SERVE_OPTIONS, serve_timing  # noqa: F401 - SERVE_OPTIONS is used by tests/test_serve.py

FLOORS = {"floor_search": True, "floor": False}  # result key -> with Material's search


def measure(size: Size, runs: int, browser: bool, core: bool, serve: bool, keep: bool) -> dict:
    """Every figure for one size, in a temporary folder removed afterwards unless ``keep``."""
    workdir = Path(tempfile.mkdtemp(prefix=f"icp-bench-{size.label}-"))
    try:
        full = full_project(workdir, size)
        cases = len(case_files(full / "practices"))
        floors = {name: floor_project(workdir, full, search) for name, search in FLOORS.items()}
        full_runs, floor_runs = [], {name: [] for name in floors}
        for run in range(runs):
            print(f"  {size.label}: run {run + 1} of {runs}", file=sys.stderr, flush=True)
            full_runs.append(build(full, workdir / "site", workdir / "hook-timing.json"))
            for name, floor in floors.items():
                floor_runs[name].append(build(floor, workdir / f"{name}-site", strict=False))
        result = {"format": FORMAT, "n": cases, "label": size.label, "kind": size.kind, "runs": runs,
                  "date": datetime.date.today().isoformat(), **summary(full_runs, floor_runs),
                  **site_sizes(workdir / "site", cases)}
        if browser:
            print(f"  {size.label}: the finder in Chromium", file=sys.stderr, flush=True)
            result.update(finder_timings(workdir / "site"))
        if core:
            print(f"  {size.label}: map and feeds", file=sys.stderr, flush=True)
            result.update(core_timings(full, workdir / "site"))
        if serve:
            print(f"  {size.label}: mkdocs serve", file=sys.stderr, flush=True)
            try:
                result.update(serve_timing(full))
            except SystemExit as error:
                print(f"  mkdocs serve: {error}; see the log in {workdir}", file=sys.stderr)
                result.update({"serve_edit_seconds": None, "serve_mode": f"failed: {error}"})
        return result
    finally:
        if keep:
            print(f"  kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", help="'real', a number of synthetic cases, or 'real<N>' for N copies of the real cases")
    parser.add_argument("--runs", type=int, default=3, help="builds per size (the full site and each floor); default 3")
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip the finder in Chromium")
    parser.add_argument("--no-core", dest="core", action="store_false", help="skip the map and feed timings")
    parser.add_argument("--serve-at", action="append", default=[], metavar="SIZE",
                        help="time an edit under `mkdocs serve` at this size (repeatable)")
    parser.add_argument("--page", type=Path, default=ROOT / "docs" / "benchmarks.md", help="page to write the table into")
    parser.add_argument("--results", type=Path, default=ROOT / "docs" / "benchmarks.json", help="raw results, merged by size")
    parser.add_argument("--no-write", dest="write", action="store_false", help="print the table only")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args(argv)
    try:
        sizes = [parse_size(text) for text in args.sizes]
    except ValueError as error:
        parser.error(str(error))
    about = machine()
    results = []
    for size in sizes:
        print(f"Measuring {size.label} ({args.runs} run(s))", file=sys.stderr, flush=True)
        result = measure(size, args.runs, args.browser, args.core, size.label in args.serve_at, args.keep)
        result["machine"] = about
        results.append(result)
        print(table([result]), flush=True)
    print("\n" + table(results))
    if args.write:
        write_report(args.results, args.page, results)
        print(f"Written to {args.page.relative_to(ROOT) if args.page.is_relative_to(ROOT) else args.page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
