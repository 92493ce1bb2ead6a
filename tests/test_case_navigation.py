"""Case pages lead on, in Chromium from the file system: the city leads to the finder for that city,
"Back to results" returns to the finder exactly as the reader left it, and a reader who came from
elsewhere gets the finder as it opens; related practices name the chosen ones first, six at most."""

from __future__ import annotations

from collections import Counter

import sweep
from test_finder import count_text, open_filter, plural, records, result_titles  # noqa: F401 (a fixture)


def test_the_city_leads_to_the_finder_for_that_city(page, built_site, records):
    city = Counter(r["city"] for r in records).most_common(1)[0][0]
    case = next(r for r in records if r["city"] == city)
    page.goto((built_site / case["url"]).as_uri())
    page.locator(".icp-facts").get_by_role("link", name=city, exact=True).click()
    page.wait_for_selector("html[data-icp-finder-ready]")
    expected = sorted(r["title"] for r in records if r["city"] == city)
    assert sorted(result_titles(page)) == expected
    assert f"City: {city}" in page.locator("#icp-chips").inner_text()
    assert page.errors == []


def test_back_to_results_returns_to_the_finder_as_the_reader_left_it(page, built_site, records):
    topic = Counter(t for r in records for t in r["topics"]).most_common(1)[0][0]
    open_filter(page, built_site)
    page.get_by_role("checkbox", name=topic, exact=True).check()
    box = page.get_by_label("Search the practices")
    box.fill("city")
    box.press("Enter")
    page.wait_for_function("() => location.hash.includes('q=city') && location.hash.includes('topic=')")
    left = page.evaluate("() => location.hash")
    titles, count = result_titles(page), count_text(page)
    assert titles, "the query and the topic should leave some results"
    page.locator("#icp-results .icp-card__title").last.click()
    page.wait_for_selector(".icp-facts")
    back = page.get_by_role("link", name="Back to results")
    back.click()
    page.wait_for_selector("html[data-icp-finder-ready]")
    page.wait_for_function("count => document.getElementById('icp-result-count').textContent === count", arg=count)
    assert page.evaluate("() => location.hash") == left
    assert result_titles(page) == titles and box.input_value() == "city"
    assert page.get_by_role("checkbox", name=topic, exact=True).is_checked()
    assert page.errors == []


def test_a_reader_from_elsewhere_gets_the_finder(page, built_site, records):
    open_filter(page, built_site, "#q=city")
    page.locator("#icp-results .icp-card__title").first.click()
    page.wait_for_selector(".icp-facts")
    other = next(r for r in records if not page.url.endswith(r["url"]))
    page.goto((built_site / other["url"]).as_uri())  # typed, bookmarked or followed from another page
    link = page.locator("[data-icp-back]")
    assert link.inner_text() == "Find practices" and link.get_attribute("href") == "../practices/index.html"
    link.click()
    page.wait_for_selector("html[data-icp-finder-ready]")
    assert count_text(page) == plural(len(records)) and page.evaluate("() => location.hash") == ""
    assert page.errors == []


def related_kinds(record: dict) -> set[str]:
    """How many related cases the editors chose: none (all found by the index), fewer than six, six or more."""
    chosen = len(record.get("related", []))
    return {"none chosen" if not chosen else "fewer than six chosen" if chosen < 6 else "six or more chosen"}


def test_related_practices_name_the_chosen_first_and_stop_at_six(page, built_site, records):
    """Every case's page under the thorough profile; else each kind (none, some, six or more chosen) and a sample
    of the others (tests/sweep.py)."""
    titles = {r["slug"]: r["title"] for r in records}
    for record in sweep.sample("related", records, 12, kinds=related_kinds):
        page.goto((built_site / record["url"]).as_uri())
        shown = page.locator(".icp-related .icp-card__title").all_inner_texts()
        named = [titles[slug] for slug in record.get("related", []) if slug in titles][:6]
        assert shown[:len(named)] == named, record["slug"]
        assert len(shown) <= 6 and record["title"] not in shown
