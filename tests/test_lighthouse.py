"""Lighthouse (the version package.json pins) on one page of each kind, served from this machine in the
system Chromium, by the audits whose verdict does not depend on how loaded the machine is: nothing
holds up the first paint, the scripts and stylesheets are minified, no error reaches the console, and
the page with all it loads stays under a stated weight. The score itself, which does depend on the
load, is measured by scripts/bench_lighthouse.py (docs/benchmarks.md). Text compression is left out:
it is the web server's part, and the test's server compresses nothing."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading

import pytest

import sitecheck
from conftest import ROOT, chromium_path

AUDITS = ROOT / "tests" / "lighthouse_audits.mjs"
# What a page may weigh with everything it loads before the reader does anything (the finder: the page,
# Material's bundle, its scripts and data, and the shared stylesheet, 91 KiB, which every later page takes
# from the browser's cache); the heaviest, the finder, weighs some 575 KiB, served uncompressed.
WEIGHT_CAP = 600 * 1024


def lighthouse_available() -> bool:
    if (ROOT / "node_modules" / "lighthouse").exists() and shutil.which("node") and chromium_path():
        return True
    if os.environ.get("CI"):
        pytest.fail("Lighthouse is missing: scripts/setup dev installs it with npm ci")
    pytest.skip("Lighthouse needs node, npm's lighthouse (scripts/setup dev: npm ci) and Chromium")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def test_no_page_waits_for_a_stylesheet_or_script_and_none_is_heavy(built_site):
    lighthouse_available()
    kinds = sitecheck.page_types(built_site)
    pages = [kinds[kind] for kind in ("home", "filter", "case", "topic", "topics overview", "about", "propose")]
    pages += ["codebook.html", "404.html", "fr/practices/index.html"]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{server.server_address[1]}/"
        result = subprocess.run(["node", str(AUDITS), *(address + page for page in pages)], capture_output=True,
                                text=True, cwd=ROOT, timeout=300, env={**os.environ, "CHROME_PATH": chromium_path()})
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr[-2000:]
    found = {url.removeprefix(address): audits for url, audits in json.loads(result.stdout).items()}
    assert sorted(found) == sorted(pages)
    for page, audits in found.items():
        for audit in ("render-blocking-resources", "render-blocking-insight", "unminified-javascript", "unminified-css",
                      "errors-in-console"):
            assert audits[audit]["mode"] != "error", (page, audit, audits[audit]["error"])
            assert audits[audit]["items"] == [], (page, audit, audits[audit]["items"])
            assert audits[audit]["score"] in (1, None), (page, audit, audits[audit])
        assert audits["total-byte-weight"]["value"] < WEIGHT_CAP, (page, audits["total-byte-weight"]["items"])
