#!/usr/bin/env python3
"""Benchmark the site at N cases: build against a bare MkDocs floor, page sizes, the filter page.

    .venv/bin/python scripts/bench.py real 1000 10000 --runs 3

For each N ("real" = the project's own cases) the project is copied to a temporary folder,
N synthetic cases are generated there (hooks/icp/synthetic.py), and the site is built
``--runs`` times, alternating with the floor: the same case files in docs/ of a bare site with
the same theme, plugins and Markdown extensions, no hook, cases out of the nav. Medians go in
a table, written into docs/benchmarks.md between its markers; the raw figures of every N
measured so far are kept in docs/benchmarks.json so that N values can be run separately.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from _paths import ROOT

from icp.site import Project
from icp.synthetic import SyntheticCases
from icp.validate import case_files

PYTHON = sys.executable
START_MARKER = "<!-- bench:start -->"
END_MARKER = "<!-- bench:end -->"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BROWSER_TRIES = 5
SEARCH_QUERY = "mediators"
SEARCH_TRIES = 3
SEARCH_LATER_MS = 300


# --- the projects ------------------------------------------------------------------------


def full_project(workdir: Path, size: str) -> Path:
    """A copy of the project with ``size`` synthetic cases (or its own cases for 'real')."""
    project = workdir / "full"
    for name in _tracked_files():
        source = ROOT / name
        if source.is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)
    if size != "real":
        for path in case_files(project / "practices"):
            path.unlink()
        SyntheticCases(Project(project).vocabulary()).write(project / "practices", int(size))
    _stub_missing_nav_pages(project)
    return project


def _tracked_files() -> list[str]:
    """The checkout's files as git knows them (the working copy's version), plus new files."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    return [name for name in listed if not name.startswith((".venv", "site/"))]


def _stub_missing_nav_pages(project: Path) -> None:
    """Pages the nav names that neither docs/ nor the hook provide yet (strict mode stops on them)."""
    generated = {"practices/index.md", "topics/index.md", "countries/index.md", "years/index.md"}
    for name in re.findall(r":\s*([\w/.-]+\.md)\s*$", (project / "mkdocs.yml").read_text(), re.MULTILINE):
        page = project / "docs" / name
        if name not in generated and not page.exists():
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {page.stem.title()}\n", encoding="utf-8")


FLOOR_CONFIG = """\
site_name: Floor
site_url: ""
edit_uri: https://example.org/edit/main/
use_directory_urls: false
strict: false
theme:
  name: material
  custom_dir: {custom_dir}
  language: en
  font: false
  features: [navigation.top, content.action.edit, search.highlight]
  palette: {primary: indigo, accent: indigo}
plugins: [search, offline]
extra:
  polyfills: [assets/vendor/iframe-worker/shim.js]
extra_css: [assets/stylesheets/practices.css]
extra_javascript: [assets/javascripts/print.js]
markdown_extensions: [admonition, attr_list, md_in_html, tables, {toc: {permalink: false}}]
validation:
  nav: {omitted_files: info, not_found: warn}
  links: {not_found: warn, anchors: warn, unrecognized_links: info}
"""


def floor_project(workdir: Path, full: Path) -> Path:
    """The bare site: the full project's case files as plain pages, out of the nav, no hook.

    Its nav has the full site's entries (as one-line pages): Material renders the nav into every page.
    """
    floor = workdir / "floor"
    (floor / "docs" / "practices").mkdir(parents=True)
    shutil.copytree(full / "docs" / "assets", floor / "docs" / "assets")
    config = (full / "mkdocs.yml").read_text()
    custom_dir = re.search(r"^\s+custom_dir:\s*(\S+)", config, re.MULTILINE).group(1)
    shutil.copytree(full / custom_dir, floor / custom_dir)
    (floor / "docs" / "index.md").write_text("# Floor\n", encoding="utf-8")
    for path in case_files(full / "practices"):
        shutil.copy(path, floor / "docs" / "practices" / path.name)
    nav = re.search(r"^nav:\n(?:[ \t]+-.*\n)+", config, re.MULTILINE)
    for name in re.findall(r":\s*([\w/.-]+\.md)\s*$", nav.group(0), re.MULTILINE):
        page = floor / "docs" / name
        if not page.exists():
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {page.stem.title()}\n", encoding="utf-8")
    (floor / "mkdocs.yml").write_text(FLOOR_CONFIG.replace("{custom_dir}", custom_dir) + nav.group(0),
                                      encoding="utf-8")
    return floor


# --- builds ------------------------------------------------------------------------------


def build(project: Path, site: Path, timing_file: Path | None = None, strict: bool = True) -> dict:
    """One `mkdocs build`: wall time, the child's peak memory, the hook's timing log.

    The floor is built without --strict: its case pages link to pages only the full site has.
    """
    if site.exists():
        shutil.rmtree(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if timing_file:
        env["ICP_HOOK_TIMING"] = str(timing_file)
    log = project.parent / f"{project.name}-build.log"
    with log.open("w") as output:
        start = time.perf_counter()
        command = [PYTHON, "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
        child = subprocess.Popen(command,
                                 cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"the build of {project} failed:\n{log.read_text()}")
    result = {"seconds": seconds, "max_rss_mb": usage.ru_maxrss / 1024}
    if timing_file:
        result["hook"] = json.loads(timing_file.read_text())
    return result


def sizes(site: Path, cases: int) -> dict:
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = [path for path in files if path.suffix == ".html"]
    largest = max(pages, key=lambda path: path.stat().st_size)
    case_pages = [path for path in (site / "practices").glob("*.html") if path.name != "index.html"]
    search_index = site / "search" / "search_index.json"
    filter_data = site / "practices" / "filter-data.js"
    return {
        "site_bytes": sum(path.stat().st_size for path in files),
        "files": len(files),
        "largest_page_bytes": largest.stat().st_size,
        "largest_page": largest.relative_to(site).as_posix(),
        "case_page_bytes": statistics.median(path.stat().st_size for path in case_pages),
        "case_page_max_bytes": max(path.stat().st_size for path in case_pages),
        "filter_page_bytes": (site / "practices" / "index.html").stat().st_size,
        "filter_data_bytes": filter_data.stat().st_size,
        "filter_data_bytes_per_case": filter_data.stat().st_size / cases,
        "search_index_bytes": search_index.stat().st_size,
        "search_index_bytes_per_case": search_index.stat().st_size / cases,
        "search_index_docs": len(json.loads(search_index.read_text())["docs"]),
    }


# --- the browser -------------------------------------------------------------------------

_MEASURE_CHANGE = """async (selector) => {
  const root = document.documentElement;
  const before = root.getAttribute("data-icp-filter-applied");
  const start = performance.now();
  const done = new Promise((resolve) => {
    new MutationObserver((_, observer) => { observer.disconnect(); resolve(); })
      .observe(root, { attributes: true, attributeFilter: ["data-icp-filter-applied"] });
  });
  document.querySelector(selector).click();
  await done;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { ms: performance.now() - start, changed: root.getAttribute("data-icp-filter-applied") !== before };
}"""


def filter_page_timings(browser, site: Path) -> dict:
    """Medians over fresh page loads: load to first results, one option applied, the reset."""
    url = (site / "practices" / "index.html").as_uri()
    ready, script, apply, reset = [], [], [], []
    for _ in range(BROWSER_TRIES):
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        page.wait_for_selector("html[data-icp-filter-ready]", state="attached")
        marks = page.evaluate("""() => Object.fromEntries(performance.getEntriesByType("mark")
                                  .map((mark) => [mark.name, mark.startTime]))""")
        ready.append(marks["icp-filter-ready"])
        script.append(marks["icp-filter-ready"] - marks["icp-filter-start"])
        option = page.evaluate("""() => { const input = [...document.querySelectorAll('#icp-filter input')]
                                   .find((i) => !i.disabled); return '#' + CSS.escape(input.id); }""")
        for selector, tries in ((option, apply), ("#icp-reset", reset)):
            measured = page.evaluate(_MEASURE_CHANGE, selector)
            assert measured["changed"], f"{selector} did not redraw the results"
            tries.append(measured["ms"])
        assert not errors, errors
        page.close()
    return {
        "filter_ready_ms": statistics.median(ready),
        "filter_script_ms": statistics.median(script),
        "filter_apply_ms": statistics.median(apply),
        "filter_reset_ms": statistics.median(reset),
    }


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


# Marks in the page: when the query starts, when Material hands the index to its search worker
# (the iframe-worker shim on file://), when the worker says it is ready (its lunr index is built)
# and when the first result item is in the list.
_SEARCH_MARKS = r"""
(() => {
  const mark = (name) => { if (!performance.getEntriesByName(name).length) performance.mark(name); };
  window.__icpMark = mark;
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes)
      if (node.nodeType === 1 && node.matches(".md-search-result__item")) mark("search-first-result");
  }).observe(document, { childList: true, subtree: true });
  addEventListener("message", (event) => { if (event.data && event.data.type === 1) mark("search-ready"); });
  document.addEventListener("DOMContentLoaded", () => {
    const post = window.Worker.prototype.postMessage;  // the shim's on file://
    window.Worker.prototype.postMessage = function (message) {
      if (message && message.type === 0) mark("search-setup");
      return post.apply(this, arguments);
    };
  });
})();
"""


def _search_once(browser, url: str, wait_ms: int) -> dict | None:
    """Type the query ``wait_ms`` after the load event; milliseconds from the first key on."""
    page = browser.new_page()
    try:
        page.add_init_script(_SEARCH_MARKS)
        page.goto(url, wait_until="load")
        search = page.locator("input.md-search__input")
        if not search.is_visible():  # Material hides search where its worker cannot start
            return None
        if wait_ms:
            page.wait_for_timeout(wait_ms)
        page.evaluate("window.__icpMark('search-typing')")
        search.click()
        search.press_sequentially(SEARCH_QUERY)
        try:
            page.wait_for_function("performance.getEntriesByName('search-first-result').length", timeout=120_000)
        except Exception:  # noqa: BLE001 - no answer from this scheme
            return None
        marks = page.evaluate("""() => Object.fromEntries(performance.getEntriesByType("mark")
                                  .map((mark) => [mark.name, mark.startTime]))""")
        typing = marks["search-typing"]
        return {name: marks[name] - typing for name in ("search-setup", "search-ready", "search-first-result")
                if name in marks}
    finally:
        page.close()


def _median_or_none(values: list) -> float | None:
    """Ready and build are marked only on file://, where the worker's messages reach the window."""
    values = [value for value in values if value is not None]
    return statistics.median(values) if len(values) == SEARCH_TRIES else None


def search_timing(browser, site: Path) -> dict:
    """From typing a query to the first result, typed at the load event and 300 ms after it,
    from file:// or else over http://; medians of SEARCH_TRIES page loads each."""
    for scheme in ("file", "http"):
        server = None
        if scheme == "file":
            url = (site / "index.html").as_uri()
        else:
            handler = functools.partial(_QuietHandler, directory=str(site))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        try:
            at_load = [_search_once(browser, url, 0) for _ in range(SEARCH_TRIES)]
            if None in at_load:
                continue
            later = [_search_once(browser, url, SEARCH_LATER_MS) for _ in range(SEARCH_TRIES)]
            if None in later:
                continue
            return {
                "search_first_ms": statistics.median(run["search-first-result"] for run in at_load),
                "search_ready_ms": _median_or_none([run.get("search-ready") for run in at_load]),
                "search_build_ms": _median_or_none([run["search-ready"] - run["search-setup"] for run in at_load
                                                    if "search-ready" in run and "search-setup" in run]),
                "search_first_later_ms": statistics.median(run["search-first-result"] for run in later),
                "search_scheme": scheme,
            }
        finally:
            if server:
                server.shutdown()
    return {"search_first_ms": None, "search_scheme": "none"}


def browser_timings(site: Path, search: bool) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
        try:
            result = filter_page_timings(browser, site)
            if search:
                result.update(search_timing(browser, site))
            return result
        finally:
            browser.close()


# --- mkdocs serve ------------------------------------------------------------------------


SERVE_OPTIONS = ["--dirty", "--no-strict"]  # as `scripts/build serve` runs it
SERVE_EDITS = 5


def serve_timing(project: Path) -> dict:
    """Edit case titles under `mkdocs serve`; seconds until the served page shows each edit (median)."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [PYTHON, "-m", "mkdocs", "serve", *SERVE_OPTIONS, "-a", f"127.0.0.1:{port}"]
    cases = case_files(project / "practices")[:SERVE_EDITS]
    log = project.parent / "serve.log"
    seconds = []
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            _wait_for(f"http://127.0.0.1:{port}/index.html", "</html>", timeout=600, server=server)
            for number, case in enumerate(cases):
                time.sleep(1.5)
                marker = f"Edited{number}x{int(time.time())}"
                text = case.read_text(encoding="utf-8")
                start = time.perf_counter()
                case.write_text(_TITLE.sub(rf"\1{marker} ", text, count=1), encoding="utf-8")
                _wait_for(f"http://127.0.0.1:{port}/practices/{case.stem}.html", marker, timeout=300, server=server)
                seconds.append(time.perf_counter() - start)
        except SystemExit as error:
            raise SystemExit(f"{error}: {' '.join(log.read_text().split()[-30:])}") from None
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"serve_edit_seconds": statistics.median(seconds), "serve_edit_runs_seconds": seconds,
            "serve_mode": f"dirty rebuild, median of {len(seconds)} edits"}


_TITLE = re.compile(r"^(title:\s*[\"']?)", re.MULTILINE)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _wait_for(url: str, needle: str, timeout: float, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped (exit code {server.returncode})")
        try:
            with _LOCAL.open(url, timeout=5) as response:
                if needle in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {needle!r} within {timeout} s")


# --- one N -------------------------------------------------------------------------------


def measure(size: str, runs: int, browser: bool, search: bool, serve: bool, keep: bool) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"icp-bench-{size}-"))
    try:
        full = full_project(workdir, size)
        cases = len(case_files(full / "practices"))
        floor = floor_project(workdir, full)
        full_runs, floor_runs = [], []
        for run in range(runs):
            print(f"  N={cases}: run {run + 1} of {runs}", file=sys.stderr, flush=True)
            full_runs.append(build(full, workdir / "site", workdir / "hook-timing.json"))
            floor_runs.append(build(floor, workdir / "floor-site", strict=False))
        result = {
            "n": cases,
            "label": size,
            "runs": runs,
            "date": datetime.date.today().isoformat(),
            "build_seconds": statistics.median(run["seconds"] for run in full_runs),
            "floor_seconds": statistics.median(run["seconds"] for run in floor_runs),
            "build_max_rss_mb": statistics.median(run["max_rss_mb"] for run in full_runs),
            "floor_max_rss_mb": statistics.median(run["max_rss_mb"] for run in floor_runs),
            "hook_seconds": statistics.median(run["hook"]["hook"] - run["hook"].get("offline zip", 0)
                                              for run in full_runs),
            "hook_steps": {step: statistics.median(run["hook"].get(step, 0) for run in full_runs)
                           for step in ("read", "validate", "index", "render", "offline zip")},
            "build_runs_seconds": [run["seconds"] for run in full_runs],
            "floor_runs_seconds": [run["seconds"] for run in floor_runs],
        }
        result["ratio"] = result["build_seconds"] / result["floor_seconds"]
        result["hook_share"] = result["hook_seconds"] / result["build_seconds"]
        result["zip_share"] = result["hook_steps"]["offline zip"] / result["build_seconds"]
        result.update(sizes(workdir / "site", cases))
        if browser:
            result.update(browser_timings(workdir / "site", search))
        if serve:
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


# --- the report --------------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kilobytes = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kilobytes / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    from importlib.metadata import version

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
        "chromium": _chromium_version(),
    }


def _chromium_version() -> str:
    try:
        return subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except OSError:
        return "not found"


def _kb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1024:,.1f} KB"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1024 / 1024:,.1f} MB"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} ms"


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:,.2f} s"


ROWS = [
    ("Runs (medians of)", lambda r: str(r["runs"])),
    ("Full build", lambda r: _s(r["build_seconds"])),
    ("Floor build (bare Material, same cases)", lambda r: _s(r["floor_seconds"])),
    ("Full / floor", lambda r: f"{r['ratio']:.2f} ×"),
    ("Hook's own time (read, validate, index, render; no zip)", lambda r: _s(r["hook_seconds"])),
    ("… read / validate / index / render", lambda r: " / ".join(f"{r['hook_steps'][s]:.2f}" for s in
                                                                 ("read", "validate", "index", "render")) + " s"),
    ("Hook's share of the build", lambda r: f"{r['hook_share'] * 100:.1f} %"),
    ("Offline zip (hook, on_post_build; share)", lambda r: f"{r['hook_steps']['offline zip']:.2f} s "
     f"({r['zip_share'] * 100:.1f} %)" if r["hook_steps"]["offline zip"] else "– (publishing builds only)"),
    ("Peak memory, full / floor", lambda r: f"{r['build_max_rss_mb']:,.0f} / {r['floor_max_rss_mb']:,.0f} MB"),
    ("Site size (files)", lambda r: f"{_mb(r['site_bytes'])} ({r['files']:,})"),
    ("Largest page", lambda r: f"{_kb(r['largest_page_bytes'])} ({r['largest_page']})"),
    ("Case page, median / largest", lambda r: f"{_kb(r['case_page_bytes'])} / {_kb(r['case_page_max_bytes'])}"),
    ("Filter page", lambda r: _kb(r["filter_page_bytes"])),
    ("Filter data script (per case)", lambda r: f"{_kb(r['filter_data_bytes'])} ({r['filter_data_bytes_per_case']:.0f} B)"),
    ("Search index (per case; documents)", lambda r: f"{_mb(r['search_index_bytes'])} "
     f"({r['search_index_bytes_per_case'] / 1024:.1f} KB; {r['search_index_docs']:,})"),
    ("Filter page: load to first results", lambda r: _ms(r.get("filter_ready_ms"))),
    ("… of which the filter script", lambda r: _ms(r.get("filter_script_ms"))),
    ("Filter page: apply one option", lambda r: _ms(r.get("filter_apply_ms"))),
    ("Filter page: reset", lambda r: _ms(r.get("filter_reset_ms"))),
    ("Search: typing at the load event to first result", lambda r: "–" if r.get("search_first_ms") is None
     else f"{_ms(r['search_first_ms'])} ({r['search_scheme']})"),
    ("… of which until the index is built (building it)", lambda r: "–" if r.get("search_ready_ms") is None
     else f"{_ms(r['search_ready_ms'])} ({_ms(r.get('search_build_ms'))})"),
    ("Search: typing 300 ms after load to first result", lambda r: _ms(r.get("search_first_later_ms"))),
    ("`mkdocs serve`: edit to page updated", lambda r: "–" if r.get("serve_edit_seconds") is None
     else f"{_s(r['serve_edit_seconds'])} ({r['serve_mode']})"),
]


def table(results: list[dict]) -> str:
    header = "| Measure | " + " | ".join(f"N = {r['n']:,}" + (" (real)" if r["label"] == "real" else "")
                                       for r in results) + " |"
    lines = [header, "|---|" + "---|" * len(results)]
    lines += [f"| {name} | " + " | ".join(cell(r) for r in results) + " |" for name, cell in ROWS]
    return "\n".join(lines)


def report(results: list[dict]) -> str:
    results = sorted(results, key=lambda r: r["n"])
    machines = []
    for result in results:
        m = result["machine"]
        line = (f"- N = {result['n']:,}: {result['date']}, {m['cpu']}, {m['cores']} cores, {m['memory']} RAM, "
                f"{m['os']}, Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['material']}, {m['chromium']}")
        machines.append(line)
    by_runs: dict[int, list[str]] = {}
    for result in results:
        by_runs.setdefault(result["runs"], []).append(result["label"])
    serve = [r["label"] for r in results if r.get("serve_edit_seconds") is not None]
    commands = "\n".join(
        f".venv/bin/python scripts/bench.py {' '.join(labels)} --runs {runs}"
        + "".join(f" --serve-at {label}" for label in serve if label in labels)
        for runs, labels in sorted(by_runs.items(), reverse=True))
    return (
        f"{START_MARKER}\n{table(results)}\n\nMeasured on:\n\n" + "\n".join(machines) + "\n\n"
        "Reproduce (each N may be run on its own; its column is replaced):\n\n"
        f"```sh\nscripts/setup dev\n{commands}\n```\n{END_MARKER}"
    )


def write_report(results_file: Path, page: Path, new: list[dict]) -> None:
    stored = json.loads(results_file.read_text()) if results_file.exists() else []
    labels = {r["label"] for r in new}
    merged = [r for r in stored if r["label"] not in labels] + new
    results_file.write_text(json.dumps(merged, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    text = page.read_text(encoding="utf-8") if page.exists() else f"# Benchmarks\n\n{START_MARKER}\n{END_MARKER}\n"
    if START_MARKER not in text:
        text += f"\n{START_MARKER}\n{END_MARKER}\n"
    before, rest = text.split(START_MARKER, 1)
    after = rest.split(END_MARKER, 1)[1] if END_MARKER in rest else ""
    page.write_text(before + report(merged) + after, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", help="numbers of cases, or 'real' for the project's own cases")
    parser.add_argument("--runs", type=int, default=3, help="builds per N (full and floor each); default 3")
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip the Chromium timings")
    parser.add_argument("--no-search", dest="search", action="store_false", help="skip the search timing")
    parser.add_argument("--serve-at", action="append", default=[], metavar="N",
                        help="time an edit under `mkdocs serve` at this N (repeatable)")
    parser.add_argument("--page", type=Path, default=ROOT / "docs" / "benchmarks.md", help="page to write the table into")
    parser.add_argument("--results", type=Path, default=ROOT / "docs" / "benchmarks.json", help="raw results, merged by N")
    parser.add_argument("--no-write", dest="write", action="store_false", help="print the table only")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args(argv)
    for size in args.sizes:
        if size != "real" and not size.isdigit():
            parser.error(f"{size!r} is not a number of cases or 'real'")
    about = machine()
    results = []
    for size in args.sizes:
        print(f"Measuring N={size} ({args.runs} run(s))", file=sys.stderr, flush=True)
        result = measure(size, args.runs, args.browser, args.search, size in args.serve_at, args.keep)
        result["machine"] = about
        results.append(result)
        print(table([result]), flush=True)
    print("\n" + table(results))
    print(f"\nReproduce: .venv/bin/python scripts/bench.py {' '.join(args.sizes)} --runs {args.runs}")
    if args.write:
        write_report(args.results, args.page, results)
        print(f"Written to {args.page.relative_to(ROOT) if args.page.is_relative_to(ROOT) else args.page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
