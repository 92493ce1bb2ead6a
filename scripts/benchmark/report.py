"""The benchmark's table, its targets, the machine it ran on, and where they are written: between
the markers of docs/benchmarks.md, and as raw figures in docs/benchmarks.json (merged by size, so
sizes can be run separately)."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path

from .builds import HOOK_STEPS
from .finder import CHROMIUM

FORMAT = 2  # results of another format (older rows, other measures) are dropped when writing
START_MARKER = "<!-- bench:start -->"
END_MARKER = "<!-- bench:end -->"
KIND_NOTE = {"real": " (real)", "real copies": " (real copies)", "synthetic": ""}


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
        memory = f"{int(Path('/proc/meminfo').read_text().split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError, IndexError):
        pass
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        chromium = "not found"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "os": platform.platform(),
            "python": platform.python_version(), "mkdocs": version("mkdocs"),
            "material": version("mkdocs-material"), "chromium": chromium}


def _kb(value) -> str:
    return "–" if value is None else f"{value / 1024:,.1f} KB"


def _mb(value) -> str:
    return "–" if value is None else f"{value / 1024 / 1024:,.1f} MB"


def _ms(value) -> str:
    return "–" if value is None else f"{value:,.0f} ms"


def _s(value) -> str:
    return "–" if value is None else f"{value:,.2f} s"


def _map(r: dict, view: str) -> str:
    drawn = r.get(f"map_{view}")
    if not drawn:
        return "–"
    return (f"{_kb(drawn['bytes'])} ({_kb(drawn['gzip_bytes'])} gz, {drawn['places']:,} cities); "
            f"{drawn['first_seconds'] * 1000:,.0f} / {drawn['seconds'] * 1000:,.0f} ms")


def _in_site(r: dict) -> str:
    maps = "; ".join(f"map {_kb(size)} in {page}" for page, size in (r.get("site_map_bytes") or {}).items())
    feeds = f"{r['site_feed_files']} feeds, {_kb(r['site_feed_bytes'])}" if r.get("site_feed_files") else ""
    return "; ".join(part for part in (maps, feeds) if part) or "neither yet"


def _hook_other(r: dict) -> float:
    return r["hook_seconds"] - sum(r["hook_steps"].values())


def _finder(key: str):
    return lambda r: _ms(r.get(key))


def rows(results: list[dict]) -> list[tuple[str, callable]]:
    """The table's rows; the hook's steps are those any result logged, in the order a build runs them."""
    logged = {step for r in results for step in r.get("hook_steps", {})}
    steps = [step for step in HOOK_STEPS if step in logged] + sorted(logged - set(HOOK_STEPS))
    return [
        ("Runs (medians of)", lambda r: str(r["runs"])),
        ("Full build", lambda r: _s(r["build_seconds"])),
        ("Floor with search: bare Material + search and offline plugins", lambda r: _s(r["floor_search_seconds"])),
        ("Floor without search: bare Material", lambda r: _s(r["floor_seconds"])),
        ("**Full / floor with search** (target ≤ 1.10 ×)", lambda r: f"{r['ratio_floor_search']:.2f} ×"),
        ("**Full / floor without search** (target ≤ 1.10 ×)", lambda r: f"{r['ratio_floor']:.2f} ×"),
        ("Hook's own time (share of the build)", lambda r: f"{_s(r['hook_seconds'])} ({r['hook_share'] * 100:.1f} %)"),
        (f"… {' / '.join(steps)} / other", lambda r: " / ".join(
            [f"{r['hook_steps'][step]:.2f}" if step in r["hook_steps"] else "–" for step in steps]
            + [f"{_hook_other(r):.2f}"]) + " s"),
        ("Peak memory: full / floor with / without search", lambda r: f"{r['build_max_rss_mb']:,.0f} / "
         f"{r['floor_search_max_rss_mb']:,.0f} / {r['floor_max_rss_mb']:,.0f} MB"),
        ("Site size (files)", lambda r: f"{_mb(r['site_bytes'])} ({r['files']:,})"),
        ("Largest page", lambda r: f"{_kb(r['largest_page_bytes'])} ({r['largest_page']})"),
        ("Case page, median / largest", lambda r: f"{_kb(r['case_page_bytes'])} / {_kb(r['case_page_max_bytes'])}"),
        ("Finder's bytes (per case; gzipped)", lambda r: f"{_kb(r['finder_bytes'])} "
         f"({r['finder_bytes_per_case']:,.0f} B; {_kb(r['finder_gzip_bytes'])})"),
        ("… page / data / search index / code", lambda r: " / ".join(
            _kb(r[f"finder_{part}_bytes"]) for part in ("page", "data", "index", "code"))),
        ("**Finder: open to first results, box usable** (of which its script)", lambda r: "–"
         if r.get("finder_ready_ms") is None else f"{_ms(r['finder_ready_ms'])} ({_ms(r['finder_script_ms'])})"),
        ("**Finder: open to search index loaded**", _finder("finder_search_ready_ms")),
        ("**Finder: a key typed to results and counts redrawn**, median / slowest key", lambda r: "–"
         if r.get("finder_key_ms") is None else f"{_ms(r['finder_key_ms'])} / {_ms(r['finder_key_slowest_ms'])}"),
        ("**Finder: a nine-letter word typed at machine speed, first key to its results**",
         _finder("finder_word_ms")),
        ("**Finder: bytes before a word's first result, gzipped**", lambda r: "–"
         if r.get("finder_first_result_gzip_bytes") is None else _kb(r["finder_first_result_gzip_bytes"])),
        ("Finder: bytes a typical search adds, gzipped, median / largest", lambda r: "–"
         if r.get("finder_search_adds_gzip_bytes") is None else
         f"{_kb(r['finder_search_adds_gzip_bytes'])} / {_kb(r['finder_search_adds_max_gzip_bytes'])}"),
        ("**Finder: tick an option**", _finder("finder_tick_ms")),
        ("Finder: Reset", _finder("finder_reset_ms")),
        ("Home page's map (SVG and lists): size; draw first / again", lambda r: _map(r, "europe")),
        ("Atom feeds: files, size; time to write all", lambda r: "–" if "feeds" not in r else
         f"{r['feeds']['files']}, {_kb(r['feeds']['bytes'])}; {r['feeds']['seconds'] * 1000:,.0f} ms"),
        ("Map and feeds in the built site", _in_site),
        ("`mkdocs serve`: edit to page updated", lambda r: "–" if r.get("serve_edit_seconds") is None
         else f"{_s(r['serve_edit_seconds'])} ({r['serve_mode']})"),
    ]


# (what, the result's key, the limit by N) for the targets of the issue.
TARGETS = [
    ("Full build ≤ 1.10 × the floor with search", "ratio_floor_search", {1000: 1.10, 10000: 1.10}, "×"),
    ("Full build ≤ 1.10 × the floor without search", "ratio_floor", {1000: 1.10, 10000: 1.10}, "×"),
    ("Finder: first results, box usable", "finder_ready_ms", {1000: 300, 10000: 300}, "ms"),
    ("Finder: search index loaded", "finder_search_ready_ms", {1000: 300, 10000: 1000}, "ms"),
    ("Finder: a key to results (slowest key)", "finder_key_slowest_ms", {1000: 100, 10000: 300}, "ms"),
    ("Finder: tick an option", "finder_tick_ms", {10000: 50}, "ms"),
    ("Finder: a nine-letter word typed at machine speed to its results", "finder_word_ms", {1000: 150, 10000: 250}, "ms"),
    ("Finder: bytes before the first result, gzipped", "finder_first_result_gzip_bytes", {10000: 400 * 1024}, "B"),
]


def column(r: dict) -> str:
    return f"N = {r['n']:,}{KIND_NOTE.get(r.get('kind'), '')}"


def table(results: list[dict]) -> str:
    lines = ["| Measure | " + " | ".join(column(r) for r in results) + " |", "|---|" + "---|" * len(results)]
    lines += [f"| {name} | " + " | ".join(_cell(cell, r) for r in results) + " |" for name, cell in rows(results)]
    return "\n".join(lines)


def _cell(cell, result: dict) -> str:
    try:
        return cell(result)
    except (KeyError, TypeError):
        return "–"


def _value(value, unit: str) -> str:
    return {"×": f"{value:.2f} ×", "B": _kb(value)}.get(unit, f"{value:,.0f} ms")


def targets(results: list[dict]) -> str:
    lines = ["| Target | Limit | Result |", "|---|---|---|"]
    for what, key, limits, unit in TARGETS:
        for n, limit in limits.items():
            verdicts = []
            for r in results:
                if r["n"] == n and r.get(key) is not None:
                    value = _value(r[key], unit)
                    verdicts.append(f"{column(r)}: {value}, {'met' if r[key] <= limit else '**not met**'}")
            shown = _value(limit, unit)
            lines.append(f"| {what} at N = {n:,} | {shown} | {'; '.join(verdicts) or 'not measured'} |")
    return "\n".join(lines)


def report(results: list[dict]) -> str:
    results = sorted(results, key=lambda r: (r["n"], r["label"]))
    machines = "\n".join(
        f"- {column(r)}: {r['date']}, {m['cpu']}, {m['cores']} cores, {m['memory']} RAM, {m['os']}, "
        f"Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['material']}, {m['chromium']}"
        for r in results for m in [r["machine"]])
    by_runs: dict[int, list[str]] = {}
    for r in results:
        by_runs.setdefault(r["runs"], []).append(r["label"])
    serve = {r["label"] for r in results if r.get("serve_edit_seconds") is not None}
    commands = "\n".join(
        f".venv/bin/python scripts/bench.py {' '.join(labels)} --runs {runs}"
        + "".join(f" --serve-at {label}" for label in labels if label in serve)
        for runs, labels in sorted(by_runs.items(), reverse=True))
    return (f"{START_MARKER}\n{table(results)}\n\nAgainst the targets:\n\n{targets(results)}\n\n"
            f"Measured on:\n\n{machines}\n\nReproduce (each size may be run on its own; its column is replaced):\n\n"
            f"```sh\nscripts/setup dev\n{commands}\n```\n{END_MARKER}")


def write_report(results_file: Path, page: Path, new: list[dict]) -> None:
    """Merge ``new`` into the stored results by label, then rewrite the page between its markers."""
    stored = json.loads(results_file.read_text()) if results_file.exists() else []
    labels = {r["label"] for r in new}
    merged = [r for r in stored if r.get("format") == FORMAT and r["label"] not in labels] + new
    results_file.write_text(json.dumps(merged, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    text = page.read_text(encoding="utf-8") if page.exists() else f"# Benchmarks\n\n{START_MARKER}\n{END_MARKER}\n"
    if START_MARKER not in text:
        text += f"\n{START_MARKER}\n{END_MARKER}\n"
    before, rest = text.split(START_MARKER, 1)
    after = rest.split(END_MARKER, 1)[1] if END_MARKER in rest else ""
    page.write_text(before + report(merged) + after, encoding="utf-8")
