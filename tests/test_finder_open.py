"""Opening the finder, in real Chromium from the file system: the page lists the first results and
the menu's counts itself, so with no state asked for the box and the menu work before the cases
(finder-data.js) arrive; the search engine and index load only after the cases; a choice made
meanwhile is drawn when they arrive."""

from __future__ import annotations

import json
import re

from icp.read.vocabulary import slugify
from test_finder import assert_menu_matches, count_text, plural, records, result_titles  # noqa: F401 - records is a fixture

READY_MS = 10_000


def test_the_box_and_the_menu_work_before_the_cases_arrive(page, built_site, records):
    held, asked = [], []
    page.on("request", lambda request: asked.append(request.url))
    page.route("**/finder-data.js", lambda route: held.append(route))
    # The held script keeps the page from its load event: what counts is the finder being ready.
    page.goto((built_site / "practices" / "index.html").as_uri(), wait_until="commit")
    page.wait_for_selector("html[data-icp-finder-ready]", state="attached", timeout=READY_MS)
    assert held, "the finder did not ask for its cases"
    assert count_text(page) == plural(len(records))
    assert len(result_titles(page)) == min(len(records), 50)
    assert page.locator("#icp-filter").is_visible() and page.locator("#icp-q").is_editable()
    assert_menu_matches(page, records, {})
    assert not [url for url in asked if re.search(r"/(search-index[-\w]*|minisearch\.min|snowball\.min)\.js$", url)], \
        "the search engine or index was asked for before the cases"

    topic = max({t for r in records for t in r["topics"]}, key=lambda t: sum(t in r["topics"] for r in records))
    in_topic = [r for r in records if topic in r["topics"]]
    page.get_by_role("checkbox", name=topic, exact=True).check()
    page.wait_for_function("() => document.getElementById('icp-result-count').textContent === 'Searching…'")
    held[0].continue_()
    page.wait_for_function("expected => document.getElementById('icp-result-count').textContent === expected",
                           arg=plural(len(in_topic)))
    assert sorted(result_titles(page)) == sorted(r["title"] for r in in_topic)[:50]
    assert_menu_matches(page, records, {"topic": {topic}})
    page.wait_for_selector("html[data-icp-search-ready]", state="attached")
    assert page.errors == []


def test_a_shared_state_is_drawn_once_the_cases_arrive(page, built_site, records):
    topic = records[0]["topics"][0]
    in_topic = [r for r in records if topic in r["topics"]]
    page.goto((built_site / "practices" / "index.html").as_uri() + f"#topic={slugify(topic)}")
    page.wait_for_selector("html[data-icp-finder-ready]", state="attached", timeout=READY_MS)
    assert count_text(page) == plural(len(in_topic))
    assert page.get_by_role("checkbox", name=topic, exact=True).is_checked()
    assert page.errors == []


def test_the_page_says_what_the_finder_needs_first_and_the_engine_is_not_in_its_way(built_site):
    html = (built_site / "practices" / "index.html").read_text(encoding="utf-8")
    meta = json.loads(re.search(r'<script type="application/json" id="icp-finder-meta">(.*?)</script>', html, re.S).group(1))
    assert meta["data"] == "finder-data.js" and meta["index"] == "search-index.js"
    assert meta["engine"] == ["../assets/vendor/minisearch/minisearch.min.js", "../assets/vendor/snowball/snowball.min.js"]
    listed = re.findall(r'<script src="([^"]+)"', html)
    assert not set(listed) & {"finder-data.js", *meta["engine"]}, "the cases or the engine hold up the finder's scripts"
