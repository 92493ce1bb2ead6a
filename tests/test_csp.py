"""Every page carries a Content-Security-Policy: Chromium runs the site under it without a single
violation, from a folder and from a web server, and refuses what a page was not built with."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest

from icp.render import csp

import sweep

POLICY = re.compile(r'<head[^>]*>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(
  `${event.violatedDirective} ${event.blockedURI} ${event.sample || ''}`));
"""


def policy_of(path: Path) -> str:
    found = POLICY.search(path.read_text(encoding="utf-8"))
    assert found, f"{path}: no Content-Security-Policy as the first element of the head"
    return found.group(1).replace("&#39;", "'")


def test_every_page_has_a_strict_policy_first_in_its_head(built_site):
    for path in built_site.rglob("*.html"):
        directives = dict(part.split(" ", 1) for part in policy_of(path).split("; "))
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'", path
        for name in ("script-src", "style-src", "default-src"):
            assert "unsafe-inline" not in directives[name] and "unsafe-eval" not in directives[name], (path, name)
            assert "*" not in directives[name].split() and "http:" not in directives[name], (path, name)


def test_a_policy_allows_exactly_the_inline_scripts_and_styles_the_page_holds():
    page = ('<html><head><script>run()</script><script type="application/ld+json">{"a": 1}</script>'
            '<script src="x.js"></script><style>p{}</style></head><body onload="x()"></body></html>')
    directives = dict(part.split(" ", 1) for part in csp.policy(page).split("; "))
    assert directives["script-src"].split() == ["'self'", "file:", csp._digest("run()")]
    assert directives["style-src"].split() == ["'self'", "file:", csp._digest("p{}")]
    assert csp.with_policy(page).startswith('<html><head><meta http-equiv="Content-Security-Policy"')


@pytest.fixture(scope="module")
def served_site(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


# The violations a page reported while it loaded: each is dispatched in a task queued when it happens, so one frame
# and one task after the load event every one is in (a fixed 100 ms wait per page did the same, 15 s a sweep).
SETTLED_VIOLATIONS = "() => new Promise(done => requestAnimationFrame(() => setTimeout(() => done(window.__violations))))"


def violations_on(page, address: str) -> list[str]:
    page.goto(address)  # returns at the load event
    return page.evaluate(SETTLED_VIOLATIONS)


LANGUAGES = {"fr", "da"}  # the site's folders of other languages than English
OPENED = 24  # pages opened in a usual run: one of each kind first, then others up to this many


def page_kinds(site: Path, path: Path) -> set[str]:
    """A page's language, and what it is: a page at the top by its name, a page of a folder by the folder and
    whether it is the folder's index."""
    parts = path.relative_to(site).parts
    language, parts = (parts[0], parts[1:]) if parts[0] in LANGUAGES else ("en", parts)
    kind = parts[0] if len(parts) == 1 else f"{parts[0]}/{'index' if parts[-1] == 'index.html' else 'page'}"
    return {language, kind}


def test_no_page_breaks_its_policy_from_a_folder(page, built_site):
    """Every page under the thorough profile; else each kind of page in each language and a sample of the others
    (tests/sweep.py)."""
    page.add_init_script(RECORD_VIOLATIONS)
    pages = sorted(built_site.rglob("*.html"))
    for path in sweep.sample("csp", pages, OPENED, kinds=lambda path: page_kinds(built_site, path)):
        assert violations_on(page, path.as_uri()) == [], path.relative_to(built_site)
        if path.name != "404.html":  # its links start at the server's root, which a folder does not have
            assert page.errors == [], path.relative_to(built_site)
        page.errors.clear()


def test_the_pages_work_under_their_policy_on_a_web_server(page, served_site):
    page.add_init_script(RECORD_VIOLATIONS)
    for address in ("index.html", "practices/index.html", "topics/index.html", "codebook.html", "about.html",
                    "practices/copenhagen-engage-in-copenhagen.html", "no/such/page.html"):
        assert violations_on(page, served_site + address) == [], address
    page.goto(served_site + "practices/index.html#q=copenhagen")
    page.wait_for_selector("html[data-icp-finder-ready]")
    assert page.locator("#icp-results .icp-card__title").count() > 0
    assert page.evaluate("window.__violations") == []
    assert [error for error in page.errors if "404" not in error] == []


def test_what_a_page_was_not_built_with_is_refused(page, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    case = site / "practices" / "copenhagen-engage-in-copenhagen.html"
    html = case.read_text(encoding="utf-8")
    case.write_text(html.replace("</body>", '<img src="nowhere.png" onerror="window.__ran = 1">'
                                           '<script>window.__ran = 2</script>'
                                           '<a id="probe" href="javascript:window.__ran=3">x</a></body>'),
                    encoding="utf-8")
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(case.as_uri())
    page.click("#probe")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    refused = page.evaluate("window.__violations")
    assert len([entry for entry in refused if entry.startswith("script-src")]) >= 3, refused
