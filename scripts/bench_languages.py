#!/usr/bin/env python3
"""The cost of the site's languages: the build and the offline zip with every language against the
same project with English alone (no locale/, no docs/<lang>/), built in turn (docs/benchmarks.md,
"Three languages"). Each build's wall time and its CPU time (user + system, of the build's process:
on a shared machine, the steadier of the two).

    .venv/bin/python scripts/bench_languages.py real 1000 --runs 2
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _paths import ROOT  # noqa: F401 - makes hooks/ importable

from benchmark.projects import full_project, parse_size
from icp import i18n
from icp.publish.package import write_offline_zip


def cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def build(project: Path, site: Path) -> tuple[float, float]:
    """The build's wall time and CPU time, in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ICP_SITE_URL": "", "ICP_OFFLINE_ZIP": ""}
    start, cpu = time.perf_counter(), cpu_seconds()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                             str(project / "mkdocs.yml"), "-d", str(site)], env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stderr[-2000:])
    return time.perf_counter() - start, cpu_seconds() - cpu


def english_only(project: Path, destination: Path) -> Path:
    shutil.copytree(project, destination)
    shutil.rmtree(destination / i18n.LOCALE_DIR)
    for code in i18n.codes(project)[1:]:
        shutil.rmtree(destination / "docs" / code, ignore_errors=True)
    return destination


def measure(size: str, runs: int) -> str:
    work = Path(tempfile.mkdtemp(prefix=f"icp-languages-{size}-"))
    try:
        every = full_project(work / "every", parse_size(size))
        projects = {"one": english_only(every, work / "one"), "every": every}
        times: dict[str, list[float]] = {name: [] for name in projects}
        cpus: dict[str, list[float]] = {name: [] for name in projects}
        for _ in range(runs):
            for name, project in projects.items():
                wall, cpu = build(project, work / f"site-{name}")
                times[name].append(wall)
                cpus[name].append(cpu)
        line = [size]
        for name in projects:
            site = work / f"site-{name}"
            files = [path for path in site.rglob("*") if path.is_file()]
            zipped = write_offline_zip(site, work / f"{name}.zip").stat().st_size
            line.append(f"{name}: {statistics.median(times[name]):.2f} s {[round(t, 2) for t in times[name]]}, "
                        f"CPU {statistics.median(cpus[name]):.2f} s {[round(t, 2) for t in cpus[name]]}, "
                        f"{sum(path.stat().st_size for path in files) / 1e6:.1f} MB in {len(files)} files, "
                        f"zip {zipped / 1e6:.2f} MB")
        line.append(f"ratio: wall {statistics.median(times['every']) / statistics.median(times['one']):.2f}, "
                    f"CPU {statistics.median(cpus['every']) / statistics.median(cpus['one']):.2f}")
        return "; ".join(line)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", help="real, a number of synthetic cases, or real<N>")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    for size in args.sizes:
        print(measure(size, args.runs), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
