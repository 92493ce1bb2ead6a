"""The finder's index in parts (hooks/icp/search/shards.py), driven in real Chromium from file://.

The real site's index is one group; a copy of the built site has the same index split again into
many small groups (the build's own split_index, as 10,000 cases split it), so that these tests see
what a large site does: a search asks only for its words' groups, gives what the whole index gives,
draws the short fields before the body has arrived, and says so when a part cannot be loaded.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from urllib.parse import quote

import pytest

from icp.render.scriptdata import data_script
from icp.search import minisearch, shards
from icp.search import terms as search_terms
from test_finder import open_filter, result_titles

PRACTICES = "practices"
PART = re.compile(r"/search-index-(\d+)(-body)?\.js$")
COMPLETE = """q => document.getElementById('icp-result-count').textContent.includes('\\u201c' + q + '\\u201d')
    && !document.documentElement.hasAttribute('data-icp-search-partial')"""
# No word of six letters or more: a letter or so wrong is matched only within the groups a query
# loads, so only these must give exactly what one group gives.
QUERIES = ("housing", "refugee integration", "schoo", "uk", "kobenhavn", "mediators", "sport club", "xz")


def read_data_script(text: str):
    """The value of a ``window.X=JSON.parse('…');`` script (icp.render.scriptdata.data_script)."""
    return json.loads(ast.literal_eval(text[text.index("JSON.parse(") + 11:text.rindex(")")]))


@pytest.fixture(scope="module")
def split_site(built_site, tmp_path_factory):
    """A copy of the built site with its index split into groups of about 3 KB."""
    site = tmp_path_factory.mktemp("parts") / "site"
    shutil.copytree(built_site, site)
    folder = site / PRACTICES
    head = read_data_script((folder / "search-index.js").read_text(encoding="utf-8"))
    terms: dict[str, dict] = {}
    for path in sorted(folder.glob("search-index-*.js")):
        for term, fields, *_ in read_data_script(path.read_text(encoding="utf-8")):
            terms.setdefault(term, {}).update(fields)
        path.unlink()
    head["index"]["index"] = sorted(terms.items())
    head.pop("parts")
    payload, parts = shards.split_index(head, "body", part_bytes=3_000)
    assert len(parts) > 20, "not split into many groups"
    (folder / "search-index.js").write_text(data_script(minisearch.SCRIPT_GLOBAL, payload), encoding="utf-8")
    for part in parts:
        (folder / part.name).write_text(shards.part_script(part), encoding="utf-8")
    return site, payload["parts"]


def searched(page, site, query: str) -> tuple[str, list[str]]:
    open_filter(page, site, "#q=" + quote(query))
    page.wait_for_function(COMPLETE, arg=query)
    return page.locator("#icp-result-count").inner_text(), result_titles(page)


def count(page) -> int:
    return int(page.locator("#icp-result-count").inner_text().split()[0])


def group_of(table, character: str) -> int:
    return next(number for number, group in enumerate(table) if character in group[0])


def test_a_search_gives_what_the_whole_index_gives_and_loads_only_its_words_groups(page, built_site, split_site):
    site, table = split_site
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for query in QUERIES:
        requested.clear()
        assert searched(page, site, query) == searched(page, built_site, query), query
        groups = {int(match.group(1)) for url in requested if (match := PART.search(url)) and str(site) in url}
        words = search_terms.terms(query)
        assert groups == {group_of(table, word[0]) for word in words if any(word[0] in g[0] for g in table)}, query
    assert page.errors == []


def test_the_same_query_gives_the_same_results_whatever_was_searched_before(page, split_site):
    site, table = split_site
    assert group_of(table, "d") != group_of(table, "e"), "d and e share a group"
    # "ducation" is "education" without its first letter: found in the body only if "e" is loaded.
    open_filter(page, site)
    box = page.get_by_label("Search the practices")
    box.fill("ducation")
    page.wait_for_function(COMPLETE, arg="ducation")
    first = (page.locator("#icp-result-count").inner_text(), result_titles(page))
    box.fill("education")
    page.wait_for_function(COMPLETE, arg="education")
    assert "education" in page.locator("#icp-result-count").inner_text()
    box.fill("ducation")
    page.wait_for_function(COMPLETE, arg="ducation")
    assert (page.locator("#icp-result-count").inner_text(), result_titles(page)) == first
    assert page.errors == []


def test_the_short_fields_are_drawn_before_the_body_arrives(page, split_site):
    site, table = split_site
    held = []
    page.route(re.compile(r".*/search-index-\d+-body\.js$"), lambda route: held.append(route))
    open_filter(page, site)
    page.get_by_label("Search the practices").fill("copenhagen")
    page.wait_for_function("() => document.getElementById('icp-result-count').textContent.includes('copenhagen')")
    assert page.evaluate("() => document.documentElement.hasAttribute('data-icp-search-partial')")
    early = count(page)
    assert early > 0, "no title, summary or place holds Copenhagen"
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the body's part was not asked for"
    for route in held:
        route.continue_()
    page.wait_for_function(COMPLETE, arg="copenhagen")
    assert count(page) > early, "the body added no case"
    assert page.errors == []


def test_a_part_that_cannot_be_loaded_says_so_and_the_filters_still_work(page, split_site):
    site, _ = split_site
    page.route(re.compile(r".*/search-index-\d+(-body)?\.js$"), lambda route: route.abort())
    open_filter(page, site, "#q=schools")
    page.wait_for_function("() => document.getElementById('icp-result-count').textContent.includes('could not be loaded')")
    assert "Searching" not in page.locator("#icp-result-count").inner_text()
    page.get_by_role("checkbox", name="Education", exact=True).check()
    page.wait_for_function("() => document.querySelectorAll('#icp-results > li').length > 0")
    assert not page.evaluate("() => document.documentElement.hasAttribute('data-icp-search-partial')")
