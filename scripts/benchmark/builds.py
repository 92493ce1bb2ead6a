"""`mkdocs build` timed: wall time, the child's peak memory, the hook's own steps, the site's sizes."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from icp.render import finder

# The hook's steps (hooks/icp/timing.py) in the order a build runs them; steps added later are
# shown after these. "hook" is the total of the hook's events, the steps are parts of it.
HOOK_STEPS = ("read", "validate", "body", "index", "render", "search index", "offline zip")
HOOK_TOTAL = "hook"


# Linux counts in a child's peak memory (ru_maxrss) the pages of the process that started it, as
# they were at the fork, and this process grows (it loads the cases for the map and the feeds). So
# each build is started from a small Python process that times it and reports its own peak.
_LAUNCHER = """\
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "max_rss_mb": usage.ru_maxrss / 1024}, out)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def build(project: Path, site: Path, timing_file: Path | None = None, strict: bool = True) -> dict:
    """One `mkdocs build` of ``project`` into ``site``: wall time, peak memory, the hook's steps.
    Raises SystemExit with the build's log if it fails.

    The floors are built without --strict: their case pages link to pages only the full site has.
    """
    if site.exists():
        shutil.rmtree(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ICP_OFFLINE_ZIP": ""}
    env.pop("ICP_HOOK_TIMING", None)
    if timing_file:
        env["ICP_HOOK_TIMING"] = str(timing_file)
    log = project.parent / f"{project.name}-build.log"
    measured = project.parent / f"{project.name}-build.json"
    command = [sys.executable, "-S", "-c", _LAUNCHER, str(measured),
               "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
    with log.open("w") as output:
        status = subprocess.run(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT).returncode
    if status != 0:
        raise SystemExit(f"the build of {project} failed:\n{log.read_text()}")
    result = json.loads(measured.read_text())
    if timing_file:
        result["hook"] = json.loads(timing_file.read_text())
    return result


def summary(full_runs: list[dict], floor_runs: dict[str, list[dict]]) -> dict:
    """Medians of the runs, the ratios to each floor and the hook's steps."""
    result = {
        "build_seconds": statistics.median(run["seconds"] for run in full_runs),
        "build_max_rss_mb": statistics.median(run["max_rss_mb"] for run in full_runs),
        "build_runs_seconds": [run["seconds"] for run in full_runs],
    }
    for name, runs in floor_runs.items():
        result[f"{name}_seconds"] = statistics.median(run["seconds"] for run in runs)
        result[f"{name}_max_rss_mb"] = statistics.median(run["max_rss_mb"] for run in runs)
        result[f"{name}_runs_seconds"] = [run["seconds"] for run in runs]
        result[f"ratio_{name}"] = result["build_seconds"] / result[f"{name}_seconds"]
    logged = {step for run in full_runs for step in run["hook"]} - {HOOK_TOTAL}
    steps = [step for step in HOOK_STEPS if step in logged] + sorted(logged - set(HOOK_STEPS))
    result["hook_steps"] = {step: statistics.median(run["hook"].get(step, 0.0) for run in full_runs)
                            for step in steps}
    result["hook_seconds"] = statistics.median(run["hook"][HOOK_TOTAL] for run in full_runs)
    result["hook_share"] = result["hook_seconds"] / result["build_seconds"]
    return result


def site_sizes(site: Path, cases: int) -> dict:
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = [path for path in files if path.suffix == ".html"]
    largest = max(pages, key=lambda path: path.stat().st_size)
    case_pages = [path.stat().st_size for path in (site / "practices").glob("*.html") if path.name != "index.html"]
    return {
        "site_bytes": sum(path.stat().st_size for path in files),
        "files": len(files),
        "largest_page_bytes": largest.stat().st_size,
        "largest_page": largest.relative_to(site).as_posix(),
        "case_page_bytes": statistics.median(case_pages),
        "case_page_max_bytes": max(case_pages),
        **finder_sizes(site, cases),
    }


def finder_files(site: Path) -> dict[str, list[Path]]:
    """What opening the finder loads, by part: the page, its data, its search index, its code."""
    folder = (site / finder.DATA_SCRIPT).parent
    code = [(folder / script).resolve() for script in finder.SCRIPTS + finder.ENGINE]
    return {
        "page": [folder / "index.html"],
        "data": [site / finder.DATA_SCRIPT],
        "index": sorted((site / finder.INDEX_SCRIPT).parent.glob("search-index*.js")),  # the index and its parts
        "code": code,
    }


def finder_sizes(site: Path, cases: int) -> dict:
    """The finder's own bytes (Material's stylesheet and scripts, shared by every page, are not counted)."""
    result = {}
    for part, paths in finder_files(site).items():
        result[f"finder_{part}_bytes"] = sum(path.stat().st_size for path in paths)
    result["finder_bytes"] = sum(result[f"finder_{part}_bytes"] for part in ("page", "data", "index", "code"))
    result["finder_bytes_per_case"] = result["finder_bytes"] / cases
    result["finder_gzip_bytes"] = sum(len(gzip.compress(path.read_bytes(), 6))
                                      for paths in finder_files(site).values() for path in paths)
    return result
