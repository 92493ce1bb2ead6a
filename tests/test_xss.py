"""Text from a case file shows as text in a real browser: on every page, in search and in the data script."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build

PROBE = ROOT / "tests" / "fixtures" / "xss-probe.md"
SLUG = "oslo-xss-probe"
PAYLOAD = '<img src=x onerror="window.__xss=(window.__xss||0)+1">'
WORD = "Quokkawelcome"
PAGES = [
    f"practices/{SLUG}.html", "topics/education.html", "topics/roma.html", "countries/norway.html",
    "years/2012.html", "topics/index.html", "practices/index.html", "index.html",
]


@pytest.fixture(scope="module")
def probe_site(tmp_path_factory) -> Path:
    """The real site plus one case with a script payload in every free-text field."""
    root = tmp_path_factory.mktemp("xss")
    project = copy_project(root / "project")
    shutil.copy(PROBE, project / "practices" / f"{SLUG}.md")
    result = mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def assert_nothing_ran(page) -> None:
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert page.locator('img[src="x"], img[src="x/onerror=window.__xss=(window.__xss||0)+1"]').count() == 0


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_on_any_page(page, probe_site, path):
    page.goto((probe_site / path).as_uri())
    page.wait_for_load_state("load")
    assert_nothing_ran(page)
    if path != "topics/index.html":
        assert PAYLOAD in page.locator("article").inner_text(), "the payload shows as text"


def test_the_case_page_shows_every_field_as_text(page, probe_site):
    page.goto((probe_site / "practices" / f"{SLUG}.html").as_uri())
    assert page.title().startswith(f"{WORD} {PAYLOAD} desk </title>{PAYLOAD} - ")
    assert page.locator("h1").first.inner_text() == f"{WORD} {PAYLOAD} desk </title>{PAYLOAD}"
    assert PAYLOAD in page.locator(".md-header__topic").last.inner_text()
    facts = page.locator(".icp-facts").inner_text()
    for value in (f"{PAYLOAD}Oslo", f"{PAYLOAD} org", f"{PAYLOAD} period", f"{PAYLOAD} office"):
        assert value in facts
    sources = page.locator(".icp-sources").inner_text()
    assert f"{PAYLOAD} source ({PAYLOAD} publisher, {PAYLOAD}, {PAYLOAD} ref)" in sources
    assert page.locator(".icp-sources a").get_attribute("href") == (
        'https://example.org/"><img/src=x/onerror=window.__xss=(window.__xss||0)+1>')
    description = page.locator('meta[name="description"]').get_attribute("content")
    assert description == ('Quokkawelcome summary with &lt;img src=x onerror=alert(1)&gt; and "quotes" and </script')
    toc = page.locator(".md-sidebar--secondary .md-nav__link").all_inner_texts()
    assert any(PAYLOAD in entry for entry in toc), toc
    assert_nothing_ran(page)


def test_the_filter_page_after_ticking_a_filter(page, probe_site):
    page.goto((probe_site / "practices" / "index.html").as_uri())
    page.get_by_role("checkbox", name="Roma", exact=True).check()
    page.wait_for_function("() => document.getElementById('icp-result-count').textContent === '1 practice'")
    assert page.locator("#icp-results .icp-card__title").inner_text() == f"{WORD} {PAYLOAD} desk </title>{PAYLOAD}"
    assert PAYLOAD in page.locator("#icp-results .icp-card__meta").inner_text()
    assert_nothing_ran(page)


def test_the_data_script_cannot_be_closed_from_a_case(probe_site):
    script = (probe_site / "practices" / "finder-data.js").read_text(encoding="utf-8")
    assert "<" not in script and ">" not in script
    data = json.loads(script.removeprefix("window.ICP_FILTER_DATA=").rstrip().rstrip(";"))
    case = next(case for case in data["cases"] if case[0] == SLUG)
    assert case[1] == f"{WORD} {PAYLOAD} desk </title>{PAYLOAD}"


def test_the_search_index_holds_titles_as_escaped_html(probe_site):
    docs = json.loads((probe_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = [doc for doc in docs if doc["location"].startswith(f"practices/{SLUG}.html")]
    assert entries and all("<img" not in doc["title"] + doc["text"] for doc in entries)
    assert entries[0]["title"] == (f"{WORD} &lt;img src=x onerror=&quot;window.__xss=(window.__xss||0)+1&quot;&gt; "
                                   "desk &lt;/title&gt;&lt;img src=x onerror=&quot;window.__xss=(window.__xss||0)+1"
                                   "&quot;&gt;")


@pytest.fixture(scope="module")
def served_site(probe_site):
    """Search needs a web worker, which Chromium does not run from file:// without a shim."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(probe_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def search(page, query: str) -> None:
    """Type into Material's search box like a reader, once its worker has the index."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)


@pytest.mark.parametrize("query", [WORD, f"{WORD} img onerror"])
def test_search_results_show_the_payload_as_text(page, served_site, query):
    with page.expect_response("**/search/search_index.json"):
        page.goto(served_site + "index.html")
    page.wait_for_timeout(500)
    search(page, query)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    first = results.first.locator("h1").inner_text()
    assert first == f"{WORD} {PAYLOAD} desk </title>{PAYLOAD}"
    shown = results.first.inner_text()
    assert 'summary with &lt;img src=x onerror=alert(1)&gt; and "quotes" and </script' in shown
    assert_nothing_ran(page)
