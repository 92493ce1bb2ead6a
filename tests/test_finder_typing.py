"""Typing into the finder as fast as a machine can, in real Chromium from the file system: keys that
arrive while a search runs are coalesced (only the latest text is searched and drawn), typing makes
no request, and a search index that cannot load says so while the filters keep working."""

from __future__ import annotations

import re

from test_finder import expected_for, matching, open_filter, plural, records, result_titles, wait_for_count  # noqa: F401 - records is a fixture

APPLIED = "() => Number(document.documentElement.getAttribute('data-icp-finder-applied'))"
COMPLETE = """() => document.getElementById('icp-result-count').textContent.includes('\u201c')
    && !document.documentElement.hasAttribute('data-icp-search-partial')"""


def test_keys_typed_at_machine_speed_show_only_the_last_querys_results(page, built_site, real_index):
    open_filter(page, built_site)
    page.wait_for_selector("html[data-icp-search-ready]", state="attached")
    query = "copenhagen"
    expected = expected_for(real_index, query)
    assert expected, "the real cases have no Copenhagen to find"
    page.focus("#icp-q")
    page.keyboard.type(query, delay=0)
    wait_for_count(page, matching(len(expected), query))
    page.wait_for_timeout(200)
    assert page.locator("#icp-result-count").inner_text() == matching(len(expected), query), "a stale search drew last"
    assert sorted(result_titles(page)) == expected
    assert page.errors == []


def test_input_events_that_arrive_together_are_searched_and_drawn_once(page, built_site, real_index):
    open_filter(page, built_site)
    page.wait_for_selector("html[data-icp-search-ready]", state="attached")
    # The parts of the index that "sc" needs, loaded first: each part drawn as it arrives is a redraw
    # of its own (tests/test_finder_parts.py), not what this test counts.
    page.get_by_label("Search the practices").fill("sc")
    page.wait_for_function(COMPLETE)
    page.get_by_label("Search the practices").fill("")
    page.wait_for_function("() => !document.getElementById('icp-result-count').textContent.includes('\u201c')")
    before = page.evaluate(APPLIED)
    page.evaluate("""() => {
        const box = document.getElementById("icp-q");
        box.focus();
        for (const text of ["s", "sc", "sch", "scho", "schoo"]) {
            box.value = text;
            box.dispatchEvent(new Event("input", { bubbles: true }));
        }
    }""")
    expected = expected_for(real_index, "schoo")
    wait_for_count(page, matching(len(expected), "schoo"))
    page.wait_for_timeout(100)
    assert page.evaluate(APPLIED) == before + 1, "each input event was searched and drawn"
    assert sorted(result_titles(page)) == expected


def test_typing_a_word_makes_no_request_per_key_and_the_address_follows_the_pause(page, built_site, real_index):
    """Chromium fetches the page's icon at every change of the address (replaceState too): typed at
    machine speed, a word changes the address once, when the typing pauses, not at each key, and
    asks for the parts of the index its first letter needs once."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_filter(page, built_site)
    page.wait_for_selector("html[data-icp-search-ready]", state="attached")
    page.wait_for_load_state("load")
    for _ in range(100):  # the browser asks for the page's icon once the page has loaded
        if any(url.endswith("favicon.png") for url in requests):
            break
        page.wait_for_timeout(100)
    requests.clear()
    entries = page.evaluate("history.length")
    page.focus("#icp-q")
    page.keyboard.type("copenhagen", delay=0)
    wait_for_count(page, matching(len(expected_for(real_index, "copenhagen")), "copenhagen"))
    page.wait_for_function("() => location.hash === '#q=copenhagen'")
    page.wait_for_timeout(600)
    # The index's parts for the word's first letter ("c"), once each (a short part and a body part).
    parts = [url for url in requests if re.search(r"/search-index-\d+(-body)?\.js$", url)]
    assert len(parts) == len(set(parts)) <= 2, parts
    others = [url for url in requests if url not in parts]
    assert len(others) <= 1, f"typing a word made {len(others)} requests: {others}"
    assert all(url.endswith("favicon.png") for url in others), others
    assert page.evaluate("history.length") == entries + 1


def test_a_search_index_that_cannot_load_says_so_and_the_filters_still_work(page, built_site, records):
    page.route("**/search-index*.js", lambda route: route.abort())
    open_filter(page, built_site, "#q=schools")
    page.wait_for_function("() => document.getElementById('icp-result-count').textContent.includes('could not be loaded')")
    message = page.locator("#icp-result-count").inner_text()
    assert "Searching" not in message
    page.get_by_role("checkbox", name="Education", exact=True).check()
    in_topic = [r for r in records if "Education" in r["topics"]]
    page.wait_for_function("n => document.querySelectorAll('#icp-results > li').length === n",
                           arg=min(len(in_topic), 50))
    assert page.get_by_role("checkbox", name="Education", exact=True).is_checked()
    assert plural(len(in_topic)) in page.locator("#icp-result-count").inner_text()


def test_the_finders_own_scripts_are_deferred_and_minisearch_is_the_minified_build(built_site):
    html = (built_site / "practices" / "index.html").read_text(encoding="utf-8")
    own = re.findall(r'<script src="([^"]*(?:finder|minisearch|search-terms)[^"]*)"([^>]*)>', html)
    assert own and all("defer" in attributes for _, attributes in own), own
    # MiniSearch loads with the index, after the cases (tests/test_finder_open.py): the page names it.
    assert '"../assets/vendor/minisearch/minisearch.min.js"' in html
