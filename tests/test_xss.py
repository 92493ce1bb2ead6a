"""Text from a case file shows as text in a real browser: on every page, in search and in the data script."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, built_beside, copy_project

PROBE = ROOT / "tests" / "fixtures" / "xss-probe.md"
SLUG = "oslo-xss-probe"
PAYLOAD = '<img src=x onerror="window.__xss=(window.__xss||0)+1">'
SHORT_PAYLOAD = "<img src=x onerror=window.__xss=1>"  # a source's date is at most 40 characters
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
    return built_beside(project)


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
    assert f"{PAYLOAD} source ({PAYLOAD} publisher, {SHORT_PAYLOAD}, {PAYLOAD} ref)" in sources
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
    page.get_by_role("checkbox", name="Norway", exact=True).check()  # no real case of Norway is filed under Roma
    page.wait_for_function("() => document.getElementById('icp-result-count').textContent === '1 practice'")
    assert page.locator("#icp-results .icp-card__title").inner_text() == f"{WORD} {PAYLOAD} desk </title>{PAYLOAD}"
    assert PAYLOAD in page.locator("#icp-results .icp-card__meta").inner_text()
    assert_nothing_ran(page)


def test_the_data_script_cannot_be_closed_from_a_case(probe_site):
    script = (probe_site / "practices" / "finder-data.js").read_text(encoding="utf-8")
    assert "<" not in script and ">" not in script
    data = json.loads(script.removeprefix("window.ICP_FINDER_DATA=").rstrip().rstrip(";"))
    case = next(case for case in data["cases"] if case[0] == SLUG)
    assert case[1] == f"{WORD} {PAYLOAD} desk </title>{PAYLOAD}"


def test_the_search_index_scripts_cannot_be_closed_from_a_case(probe_site):
    scripts = sorted((probe_site / "practices").glob("search-index*.js"))
    assert len(scripts) >= 2, "the index and at least one part"
    for path in scripts:
        script = path.read_text(encoding="utf-8")
        assert "<" not in script and ">" not in script and "\u2028" not in script, path.name


@pytest.mark.parametrize("query", [WORD, f"{WORD} img onerror"])
def test_search_results_show_the_payload_as_text(page, probe_site, query):
    page.goto((probe_site / "practices" / "index.html").as_uri())
    page.get_by_label("Search the practices").press_sequentially(query, delay=20)
    page.wait_for_function("() => document.getElementById('icp-result-count').textContent.includes('match')")
    first = page.locator("#icp-results .icp-card").first
    assert first.locator(".icp-card__title").inner_text() == f"{WORD} {PAYLOAD} desk </title>{PAYLOAD}"
    assert 'summary with &lt;img src=x onerror=alert(1)&gt; and "quotes" and </script' in first.inner_text()
    assert first.locator("mark").count() >= 1
    assert_nothing_ran(page)
