"""The finder in real Chromium, opened from the file system as an offline reader would: typing,
ticking, Back, Reset, shared addresses, the header's search, the keyboard and a phone's screen.
What the page shows is checked against the case files (through the core), never against the page's
own data."""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import quote

import pytest

from icp.read.vocabulary import slugify
from icp.search import stems
from icp.search import terms as search_terms
from icp.search import text as searchtext
from icp.site import Project

import sitecheck
from conftest import ROOT, built_beside, copy_project, write_case


@pytest.fixture(scope="module")
def records(built_site):
    return json.loads((built_site / "practices.json").read_text(encoding="utf-8"))["practices"]


def open_filter(page, built_site, fragment: str = ""):
    page.goto((built_site / "practices" / "index.html").as_uri() + fragment)
    page.wait_for_selector("html[data-icp-finder-ready]")


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
    year = str(min(r["year"] for r in records if "year" in r))
    expected = sorted(r["title"] for r in records if str(r.get("year")) == year)
    open_filter(page, built_site, f"#year={year}")
    assert page.get_by_role("checkbox", name=year, exact=True).is_checked()
    assert count_text(page) == plural(len(expected))
    assert sorted(result_titles(page)) == expected
    page.locator("#icp-results .icp-card__title").first.click()
    page.wait_for_load_state()
    assert "/practices/" in page.url and page.url.endswith(".html")
    assert page.locator("h1").first.inner_text() in expected
    assert page.errors == []


# --- text search ---------------------------------------------------------------------------

FIELDS = ("title", "subtitle", "summary", "city", "country", "organisation")


VOCABULARY = Project(ROOT).vocabulary()
SHORT_FORMS = set(searchtext.short_forms(VOCABULARY, search_terms.terms))


def case_terms(practice) -> set[str]:
    """Every term of a case as the index holds it, from the case file through the core: its body
    without the Sources section, and the other names of its place."""
    texts = [getattr(practice, field) or "" for field in FIELDS]
    texts += [", ".join(practice.topics), searchtext.body_text(practice.rendered),
              *VOCABULARY.aliases(practice.city, practice.country)]
    return {term for text in texts for term in search_terms.terms(text)}


def distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def term_matches(query_term: str, terms: set[str], held: dict[str, set[str]] | None = None) -> bool:
    """The finder's rule: a word may be cut short (two letters or more), and a long word (six or more)
    may differ by a letter or so (MiniSearch's fuzzy 0.15 of its length, rounded); or a term is another
    form of the word: the same Snowball stem in a language of the cases that hold the term (``held``,
    from :func:`languages_held`; icp.search.stems)."""
    allowed = round(len(query_term) * 0.15) if len(query_term) >= 6 else 0
    whole = len(query_term) < 2 or query_term in SHORT_FORMS
    return any(term == query_term if whole else term.startswith(query_term) for term in terms) or bool(
        allowed and any(abs(len(term) - len(query_term)) <= allowed and distance(term, query_term) <= allowed
                        for term in terms)) or (
        query_term not in SHORT_FORMS and held is not None
        and any(stems.stem(term, language) == stems.stem(query_term, language)
                for term in terms for language in held.get(term, ()) if language in stems.ALGORITHMS))


def languages_held(practices) -> dict[str, set[str]]:
    """Each term of the cases and the languages of the cases that hold it."""
    held: dict[str, set[str]] = {}
    for practice in practices:
        for term in case_terms(practice):
            held.setdefault(term, set()).add(practice.language)
    return held


def expected_for(index, query: str) -> list[str]:
    """The titles of the cases whose files contain every word of ``query`` (AND), in one of its forms."""
    words = search_terms.terms(query)
    held = languages_held(index.practices)
    return sorted(p.title for p in index.practices if all(term_matches(word, case_terms(p), held) for word in words))


def wait_for_count(page, text: str) -> None:
    page.wait_for_function("expected => document.getElementById('icp-result-count').textContent === expected",
                           arg=text)


def matching(n: int, query: str) -> str:
    verb = "matches" if n == 1 else "match"
    return f"{plural(n)} {verb} “{query}”" if n else f"No practice matches “{query}”"


def test_typing_a_query_finds_the_cases_that_contain_it_and_the_counts_follow(page, built_site, records, real_index):
    open_filter(page, built_site)
    query = "schoo"
    expected = expected_for(real_index, query)
    assert expected, "the real cases have no school to find"
    page.get_by_label("Search the practices").press_sequentially(query, delay=40)
    wait_for_count(page, matching(len(expected), query))
    assert sorted(result_titles(page)) == expected
    assert page.locator("#icp-results mark").count() > 0, "the words that matched are shown"
    page.wait_for_function("() => location.hash === '#q=schoo'")  # once the typing pauses
    found = [r for r in records if r["title"] in expected]
    assert_menu_matches(page, found, {})

    country = Counter(r["country"] for r in found).most_common(1)[0][0]
    page.get_by_role("checkbox", name=country, exact=True).check()
    both = [r for r in found if r["country"] == country]
    wait_for_count(page, matching(len(both), query))
    assert sorted(result_titles(page)) == sorted(r["title"] for r in both)
    assert_menu_matches(page, found, {"country": {country}})
    assert page.get_by_role("button", name=f"Remove Country: {country}").is_visible()
    assert page.errors == []


def test_ranking_prefers_a_title_match_to_a_body_match(page, built_site, real_index):
    open_filter(page, built_site, "#q=schools")
    page.wait_for_function("() => document.getElementById('icp-result-count').textContent.includes('match')")
    titles = result_titles(page)
    in_title = [t for t in titles if "schools" in t.lower()]
    assert in_title and titles[0] == in_title[0], titles


def test_a_shared_address_with_a_query_and_an_unknown_value(page, built_site, records, real_index):
    query = "diversity"
    expected = expected_for(real_index, query)
    uk = [r["title"] for r in records if r["title"] in expected and r["country"] == "United Kingdom"]
    open_filter(page, built_site, f"#q={query}&country=united-kingdom&country=atlantis&colour=blue")
    wait_for_count(page, matching(len(uk), query))
    assert sorted(result_titles(page)) == sorted(uk)
    assert page.get_by_label("Search the practices").input_value() == query
    assert page.get_by_role("checkbox", name="United Kingdom", exact=True).is_checked()
    assert page.errors == []


def test_nothing_found_offers_to_clear_the_query_or_the_last_filter(page, built_site, records):
    open_filter(page, built_site, "#topic=education&q=zebrafish")
    wait_for_count(page, "No practice matches “zebrafish” with these filters")
    assert result_titles(page) == []
    page.get_by_role("button", name="Clear the search").click()
    in_topic = [r for r in records if "Education" in r["topics"]]
    wait_for_count(page, plural(len(in_topic)))
    assert page.get_by_label("Search the practices").input_value() == ""
    page.get_by_label("Search the practices").fill("zebrafish")
    page.get_by_label("Search the practices").press("Enter")
    wait_for_count(page, "No practice matches “zebrafish” with these filters")
    page.get_by_role("button", name="Remove “Topic: Education”").click()
    wait_for_count(page, "No practice matches “zebrafish”")
    assert page.errors == []


def test_back_after_typing_and_ticking_restores_each_step(page, built_site, records, real_index):
    open_filter(page, built_site)
    total = plural(len(records))
    box = page.get_by_label("Search the practices")
    box.press_sequentially("copenhagen", delay=30)
    copenhagen = expected_for(real_index, "copenhagen")
    wait_for_count(page, matching(len(copenhagen), "copenhagen"))
    box.press("Enter")
    page.get_by_role("checkbox", name="Business and Employment", exact=True).check()
    page.wait_for_function("() => location.hash.includes('topic=business-and-employment')")
    page.go_back()
    wait_for_count(page, matching(len(copenhagen), "copenhagen"))
    assert not page.get_by_role("checkbox", name="Business and Employment", exact=True).is_checked()
    page.go_back()
    wait_for_count(page, total)
    assert box.input_value() == ""


def test_the_header_search_of_another_page_opens_the_finder(page, built_site, real_index):
    page.goto((built_site / "about.html").as_uri())
    box = page.locator("#icp-header-q")
    box.fill("schools")
    box.press("Enter")
    page.wait_for_selector("html[data-icp-finder-ready]")
    expected = expected_for(real_index, "schools")
    wait_for_count(page, matching(len(expected), "schools"))
    assert page.url.split("/")[-1] == "index.html#q=schools"
    assert sorted(result_titles(page)) == expected
    assert page.errors == []


def test_a_search_form_without_javascript_state_still_lands_on_the_query(page, built_site, real_index):
    """The header's form is a plain GET form: ?q= works as well as #q=."""
    page.goto((built_site / "practices" / "index.html").as_uri() + "?q=schools")
    page.wait_for_selector("html[data-icp-finder-ready]")
    wait_for_count(page, matching(len(expected_for(real_index, "schools")), "schools"))
    assert page.url.endswith("#q=schools")


@pytest.mark.parametrize("form", ["?q=", "#q="])
def test_a_query_longer_than_the_limit_is_cut_between_characters(page, built_site, form):
    """The limit (200 characters) falls inside an emoji's surrogate pair: the finder must still open."""
    query = "a" * 199 + "\U0001F600" + "b"
    page.goto((built_site / "practices" / "index.html").as_uri() + form + quote(query))
    page.wait_for_selector("html[data-icp-finder-ready]")
    assert page.locator("#icp-q").input_value() == "a" * 199 + "\U0001F600"
    wait_for_count(page, matching(0, "a" * 199 + "\U0001F600"))
    page.locator("#icp-q").press("End")
    page.keyboard.type("c")
    assert page.errors == []


@pytest.fixture(scope="module")
def accented_site(tmp_path_factory):
    """The real site plus two cases whose cities are written with diacritics."""
    root = tmp_path_factory.mktemp("accents")
    project = copy_project(root / "project", languages=False)
    write_case(project / "practices", "malmo-meeting-places", title="Meeting places", city="Malmö", country="Sweden",
               topics="Education", summary="Malmö opened meeting places for neighbours.")
    write_case(project / "practices", "trois-rivieres-welcome", title="A welcome network", city="Trois-Rivières",
               country="Canada", topics="Refugees", summary="A network that welcomes newcomers.")
    return built_beside(project)


@pytest.mark.parametrize("query, title", [("Malmo", "Meeting places"), ("Malmö", "Meeting places"),
                                          ("MALMÖ", "Meeting places"), ("rivieres", "A welcome network"),
                                          ("Rivières", "A welcome network"), ("rivie", "A welcome network")])
def test_a_city_is_found_with_and_without_its_diacritics(page, accented_site, query, title):
    open_filter(page, accented_site)
    page.get_by_label("Search the practices").press_sequentially(query, delay=30)
    wait_for_count(page, matching(1, query))
    assert result_titles(page) == [title]


def test_the_first_result_is_on_screen_after_ticking_at_1280_by_900(browser, built_site, records):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        open_filter(page, built_site)
        topic, _ = pick_topic_and_country(records)
        page.get_by_role("checkbox", name=topic, exact=True).check()
        page.wait_for_function("() => location.hash.includes('topic=')")
        first = page.locator("#icp-results .icp-card").first.bounding_box()
        facets = page.locator("#icp-filter").bounding_box()
        assert first["y"] + 40 < 900, f"the first result starts at {first['y']} px"
        assert facets["x"] + facets["width"] <= first["x"], "the menu stands beside the results"
    finally:
        context.close()


def test_keyboard_only_reaches_a_checkbox_with_a_visible_focus_ring(browser, built_site):
    """The first Tab offers "Skip to content", which leads to the search box; the menu is three Tabs on."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        open_filter(page, built_site)
        page.locator("body").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "icp-q"
        assert page.evaluate("location.hash") == "", "a skip link leaves the finder's address alone"
        presses = 0
        while presses < 10 and page.evaluate("document.activeElement.type") != "checkbox":
            page.keyboard.press("Tab")
            presses += 1
        assert page.evaluate("document.activeElement.type") == "checkbox", "Tab never reached the menu"
        assert presses <= 3, f"{presses} Tabs from the search box to the first option"
        ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }""")
        assert ring[0] not in ("none", "hidden") and ring[1] >= 2, ring
        page.keyboard.press("Space")
        page.wait_for_function("() => location.hash.length > 1")
        assert page.evaluate("document.activeElement.checked")
        skip = page.locator(".icp-skip")
        skip.focus()
        assert skip.is_visible(), "the skip link to the results shows when it has the focus"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "icp-results-heading"
        assert page.get_by_role("checkbox", checked=True).count() == 1, "the choice survives the skip link"
    finally:
        context.close()


def test_the_phone_layout_puts_results_first_and_the_menu_behind_a_button(browser, built_site, records):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        open_filter(page, built_site)
        assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
        first = page.locator("#icp-results .icp-card").first.bounding_box()
        assert first["y"] < 844, "the first result is on the first screen"
        assert not page.locator("#icp-filter").is_visible()
        toggle = page.get_by_role("button", name="Filters")
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        topic, _ = pick_topic_and_country(records)
        page.get_by_role("checkbox", name=topic, exact=True).check()
        page.wait_for_function("() => location.hash.includes('topic=')")
        assert toggle.inner_text() == "Filters (1 chosen)"
        page.get_by_role("button", name="Show the practices").click()
        assert not page.locator("#icp-filter").is_visible()
        in_topic = [r for r in records if topic in r["topics"]]
        assert count_text(page) == plural(len(in_topic))
        assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
