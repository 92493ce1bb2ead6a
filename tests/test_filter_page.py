"""The filter page in real Chromium, opened from the file system as an offline reader would."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import sitecheck
from icp.vocabulary import slugify


@pytest.fixture(scope="module")
def records(built_site):
    return json.loads((built_site / "practices.json").read_text(encoding="utf-8"))["practices"]


def open_filter(page, built_site, fragment: str = ""):
    page.goto((built_site / "practices" / "index.html").as_uri() + fragment)
    page.wait_for_selector("html[data-icp-filter-ready]")


def result_titles(page) -> list[str]:
    return page.locator("#icp-results .icp-card__title").all_inner_texts()


def count_text(page) -> str:
    return page.locator("#icp-result-count").inner_text()


def plural(n: int) -> str:
    return f"{n} practice" + ("" if n == 1 else "s")


def menu_state(page) -> dict[str, dict[str, tuple[int, bool, bool]]]:
    """Every option of the menu by group and label: (its count, disabled, checked)."""
    rows = page.locator("#icp-filter input[type=checkbox]").evaluate_all(
        """inputs => inputs.map(input => [input.name, document.querySelector(`label[for="${input.id}"]`).textContent,
            document.getElementById(input.getAttribute("aria-describedby")).textContent, input.disabled, input.checked])"""
    )
    state: dict = {}
    for group, label, count, disabled, checked in rows:
        state.setdefault(group, {})[label] = (int(count), disabled, checked)
    return state


def assert_menu_matches(page, records, chosen: dict[str, set[str]]) -> None:
    """Each option's count is what it would give with the other groups' choices; an empty option is disabled."""
    state = menu_state(page)
    assert set(state) == set(sitecheck.GROUP_FIELDS)
    for group, options in state.items():
        expected = sitecheck.expected_options(records, chosen, group)
        for label, (count, disabled, checked) in options.items():
            is_chosen = label in chosen.get(group, set())
            assert (count, disabled, checked) == (expected[label], expected[label] == 0 and not is_chosen, is_chosen), \
                f"{group} option {label!r} with {chosen}"


def pick_topic_and_country(records):
    """The busiest topic, and a country that narrows it without emptying it."""
    topics = Counter(topic for record in records for topic in record["topics"])
    for topic, _ in topics.most_common():
        in_topic = [r for r in records if topic in r["topics"]]
        countries = Counter(r["country"] for r in in_topic)
        for country, count in countries.most_common():
            if count < len(in_topic):
                return topic, country
    pytest.fail("the cases give no topic that a country narrows")


def test_filter_by_topic_and_country_then_back_then_reset(page, built_site, records):
    open_filter(page, built_site)
    total = len(records)
    assert count_text(page) == plural(total)
    assert sorted(result_titles(page)) == sorted(r["title"] for r in records)[:50] or total > 50

    topic, country = pick_topic_and_country(records)
    in_topic = [r for r in records if topic in r["topics"]]
    page.get_by_role("checkbox", name=topic, exact=True).check()
    page.wait_for_function("expected => document.getElementById('icp-result-count').textContent === expected",
                           arg=plural(len(in_topic)))
    assert sorted(result_titles(page)) == sorted(r["title"] for r in in_topic)
    assert f"topic={slugify(topic)}" in page.url
    assert_menu_matches(page, records, {"topic": {topic}})

    # Each country now shows how many cases it would give with this topic; empty ones are disabled.
    for term in {r["country"] for r in records} | {"Australia"}:
        expected = sum(1 for r in in_topic if r["country"] == term)
        box = page.get_by_role("checkbox", name=term, exact=True)
        count = page.locator(f"#c-country-{slugify(term)}").inner_text()
        assert int(count) == expected, term
        assert box.is_disabled() == (expected == 0), term

    both = [r for r in in_topic if r["country"] == country]
    page.get_by_role("checkbox", name=country, exact=True).check()
    page.wait_for_function("expected => document.getElementById('icp-result-count').textContent === expected",
                           arg=plural(len(both)))
    assert sorted(result_titles(page)) == sorted(r["title"] for r in both)
    assert f"country={slugify(country)}" in page.url
    assert_menu_matches(page, records, {"topic": {topic}, "country": {country}})
    first = page.locator("#icp-results .icp-card__title").first
    assert first.get_attribute("href").endswith(".html")

    page.go_back()
    page.wait_for_function("expected => document.getElementById('icp-result-count').textContent === expected",
                           arg=plural(len(in_topic)))
    assert page.get_by_role("checkbox", name=topic, exact=True).is_checked()
    assert not page.get_by_role("checkbox", name=country, exact=True).is_checked()
    assert sorted(result_titles(page)) == sorted(r["title"] for r in in_topic)
    assert_menu_matches(page, records, {"topic": {topic}})

    page.get_by_role("button", name="Reset filter").click()
    page.wait_for_function("expected => document.getElementById('icp-result-count').textContent === expected",
                           arg=plural(total))
    assert not page.get_by_role("checkbox", name=topic, exact=True).is_checked()
    assert page.locator("#icp-filter input:checked").count() == 0
    assert_menu_matches(page, records, {})
    live_region = page.locator("#icp-result-count")
    assert (live_region.get_attribute("role"), live_region.get_attribute("aria-live")) == ("status", "polite")
    assert page.locator("#icp-filter input:disabled").count() == sum(
        1 for term in page.locator("#icp-filter .icp-count").all_inner_texts() if term == "0")
    assert page.errors == []


def test_a_shared_link_opens_the_same_selection(page, built_site, records):
    year = str(min(r["year"] for r in records))
    expected = sorted(r["title"] for r in records if str(r["year"]) == year)
    open_filter(page, built_site, f"#year={year}")
    assert page.get_by_role("checkbox", name=year, exact=True).is_checked()
    assert count_text(page) == plural(len(expected))
    assert sorted(result_titles(page)) == expected
    page.locator("#icp-results .icp-card__title").first.click()
    page.wait_for_load_state()
    assert "/practices/" in page.url and page.url.endswith(".html")
    assert page.locator("h1").first.inner_text() in expected
    assert page.errors == []
