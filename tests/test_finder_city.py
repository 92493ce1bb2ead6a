"""The finder's city filter (#city=...) in real Chromium from file://: the map's markers lead to it,
so it must give exactly the cases of that city, with the query and the menus, in the option counts,
as a removable chip, in the address and in the history. Expected sets come from the case files."""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

import pytest
from test_finder import (
    assert_menu_matches,
    count_text,
    expected_for,
    matching,
    open_filter,
    plural,
    result_titles,
    wait_for_count,
)

from icp.read.vocabulary import slugify

import sitecheck


@pytest.fixture(scope="module")
def records(built_site):
    return sitecheck.cases(built_site)


def busiest_city(records) -> str:
    return Counter(record["city"] for record in records).most_common(1)[0][0]


def titles_of(records) -> list[str]:
    return sorted(record["title"] for record in records)


def test_a_city_in_the_address_gives_exactly_its_cases(page, built_site, records, real_index):
    city = busiest_city(records)
    expected = [p for p in real_index.practices if p.city == city]
    assert len(expected) > 1, "the real cases have no city with two cases"
    open_filter(page, built_site, f"#city={quote(city)}")
    assert count_text(page) == plural(len(expected))
    assert result_titles(page) == [p.title for p in expected], "in listing order"
    chip = page.get_by_role("button", name=f"Remove City: {city}")
    assert chip.is_visible() and chip.inner_text().startswith(f"City: {city}")
    in_city = [r for r in records if r["city"] == city]
    assert_menu_matches(page, in_city, {})
    assert page.errors == []


def test_the_city_combines_with_query_topic_country_and_year(page, built_site, records, real_index):
    city = busiest_city(records)
    in_city = [r for r in records if r["city"] == city]
    topic = Counter(t for r in in_city for t in r["topics"]).most_common(1)[0][0]
    with_topic = [r for r in in_city if topic in r["topics"]]
    open_filter(page, built_site, f"#city={quote(city)}")
    page.get_by_role("checkbox", name=topic, exact=True).check()
    wait_for_count(page, plural(len(with_topic)))
    assert sorted(result_titles(page)) == titles_of(with_topic)
    assert_menu_matches(page, in_city, {"topic": {topic}})
    assert page.url.endswith(f"#city={quote(city)}&topic={slugify(topic)}")

    dated = next(r for r in with_topic if "year" in r)
    year, country = str(dated["year"]), dated["country"]
    query = city.lower()
    expected = [r for r in with_topic if str(r.get("year")) == year and r["country"] == country
                and r["title"] in expected_for(real_index, query)]
    open_filter(page, built_site, f"#q={query}&city={quote(city)}&topic={slugify(topic)}"
                                  f"&country={slugify(country)}&year={year}")
    wait_for_count(page, matching(len(expected), query))
    assert sorted(result_titles(page)) == titles_of(expected)
    assert page.errors == []


def test_a_city_is_matched_exactly_as_written(page, built_site, records):
    city = busiest_city(records)
    for written in (city.lower(), city + " ", city[:-1]):
        open_filter(page, built_site, f"#city={quote(written)}")
        wait_for_count(page, "No practice matches with these filters")
        assert result_titles(page) == []


def test_an_unknown_city_finds_nothing_and_offers_to_remove_it(page, built_site, records):
    open_filter(page, built_site, "#topic=education&city=Atlantis")
    wait_for_count(page, "No practice matches with these filters")
    assert result_titles(page) == []
    assert page.locator("#icp-filter input:checked").count() == 1
    assert all(count == "0" for count in page.locator("#icp-filter .icp-count").all_inner_texts()), \
        "every option is counted with the city, as a group of its own"
    page.get_by_role("button", name="Remove “City: Atlantis”").click()
    in_topic = [r for r in records if "Education" in r["topics"]]
    wait_for_count(page, plural(len(in_topic)))
    assert "city=" not in page.url
    assert page.errors == []


def test_removing_the_city_chip_then_back_then_reset(page, built_site, records):
    city = busiest_city(records)
    in_city = [r for r in records if r["city"] == city]
    topic = Counter(t for r in in_city for t in r["topics"]).most_common(1)[0][0]
    open_filter(page, built_site, f"#topic={slugify(topic)}&city={quote(city)}")
    wait_for_count(page, plural(sum(1 for r in in_city if topic in r["topics"])))
    page.get_by_role("button", name=f"Remove City: {city}").click()
    in_topic = [r for r in records if topic in r["topics"]]
    wait_for_count(page, plural(len(in_topic)))
    assert "city=" not in page.url
    assert_menu_matches(page, records, {"topic": {topic}})
    page.go_back()
    wait_for_count(page, plural(sum(1 for r in in_city if topic in r["topics"])))
    assert page.get_by_role("button", name=f"Remove City: {city}").is_visible()
    page.get_by_role("button", name="Reset filter").click()
    wait_for_count(page, plural(len(records)))
    assert page.locator("#icp-chips li").count() == 0
    assert page.evaluate("location.hash") == ""
    assert page.errors == []


def test_the_phone_menu_button_counts_only_the_menu(browser, built_site, records):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        city = busiest_city(records)
        open_filter(page, built_site, f"#city={quote(city)}&topic=education")
        assert page.get_by_role("button", name="Filters").inner_text() == "Filters (1 chosen)"
    finally:
        context.close()


def test_the_state_reads_writes_and_toggles_the_city(page, built_site):
    """state.js itself, as the finder page loads it: one city at most, kept in the order chosen."""
    open_filter(page, built_site)
    result = page.evaluate("""() => {
        const S = ICP.finderState, groups = ICP_FINDER_DATA.groups;
        const text = s => S.serialise(s, groups);
        const a = S.parse("#city=Malm%C3%B6&topic=education&city=New+York&view=map", groups);
        const off = S.toggle(a, S.CITY, "Oslo", false);
        const none = S.toggle(a, S.CITY, "New York", false);
        const other = S.toggle(S.parse("#city=Oslo&topic=education", groups), S.CITY, "Vic", true);
        return {city: a.city, a: text(a), off: text(off), none: text(none), other: text(other),
                count: S.chosenCount(a), view: a.view, reset: text(S.withoutFilters(a)),
                query: text(S.withQuery(a, "schools")), list: text(S.withView(a, "list")),
                odd: text(S.parse("#view=satellite&city=", groups)),
                long: S.parse("#city=" + "x".repeat(500), groups).city.length};
    }""")
    assert result == {
        "city": "New York", "a": "topic=education&city=New%20York&view=map", "off": "topic=education&city=New%20York&view=map",
        "none": "topic=education&view=map", "other": "topic=education&city=Vic", "count": 2, "view": "map",
        "reset": "view=map", "query": "q=schools&topic=education&city=New%20York&view=map",
        "list": "topic=education&city=New%20York", "odd": "", "long": 200,
    }
