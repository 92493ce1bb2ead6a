"""The facts practitioners ask for, on a real build in Chromium: a case page and every card say what
the year is, when the practice ran, its status, partners, target groups, evidence and budget ("not
given" where absent); the finder narrows by evidence and by the span of years a practice ran in; a
case page carries its schema.org JSON-LD, which no text of the case can break out of."""

from __future__ import annotations

import json

import pytest

from conftest import built_beside, copy_project
from test_finder import assert_menu_matches, count_text, open_filter, plural, result_titles

CITY = "Lillehammer"
HOSTILE = "</script><script>window.__pwned=1</script> & <b>"
CASE = """---
title: "{title}"
city: Lillehammer
country: Norway
year: {year}
topics: [Education]
summary: "{summary}"
{extra}---

## Summary

{summary}
"""
CASES = {
    "lillehammer-all-facts": dict(title="Every fact given", year=2009, summary="A case that gives every fact.", extra="""\
period: "2005–2008"
status: ended
status_date: "2008"
partners: [Red Cross Norway, Lillehammer Public Library]
target_groups: [newly arrived refugees]
evidence: evaluated
budget: "NOK 2 million (2006)"
lat: 61.1153
lon: 10.4662
sources:
  - title: An evaluation of the welcome programme
    publisher: Norwegian Institute for Urban and Regional Research
    date: "2009"
    url: https://example.org/evaluation
    evaluation: true
"""),
    "lillehammer-since": dict(title="Running since 2013", year=2013, summary="A case running since 2013.",
                              extra='period: "since 2013"\nevidence: none given\n'),
    "lillehammer-ongoing": dict(title="From 2016 on", year=2016, summary="A case from 2016 on.",
                                extra='period: "2016–ongoing"\nevidence: results reported\n'),
    "lillehammer-no-period": dict(title="Only a year", year=2014, summary="A case with only its year.",
                                  extra="evidence: none given\n"),
    "lillehammer-short-span": dict(title="A short span", year=2011, summary="A case of 2011-14.",
                                   extra='period: "2011-14"\nevidence: none given\n'),
    "lillehammer-hostile": dict(title=HOSTILE, year=2010, summary="Text with & and 1 < 2 > 0 in it.",
                                extra="evidence: none given\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("facts") / "project", languages=False)
    for slug, fields in CASES.items():
        (project / "practices" / f"{slug}.md").write_text(CASE.format(**fields), encoding="utf-8")
    return built_beside(project)


@pytest.fixture(scope="module")
def records(site):
    return json.loads((site / "practices.json").read_text(encoding="utf-8"))["practices"]


def facts_of(page) -> dict[str, str]:
    names = page.locator(".icp-facts dt").all_inner_texts()
    values = page.locator(".icp-facts dd").all_inner_texts()
    return dict(zip(names, values))


def test_a_case_page_gives_every_fact_or_says_it_is_not_given(page, site):
    page.goto((site / "practices" / "lillehammer-all-facts.html").as_uri())
    facts = facts_of(page)
    assert facts["Year of the record"].startswith("2009 (the year the source dates the practice by)")
    assert (facts["When it ran"], facts["Status"], facts["Evidence"], facts["Budget"]) == (
        "2005–2008", "ended (2008)", "evaluated", "NOK 2 million (2006)")
    assert facts["Partners"] == "Red Cross Norway; Lillehammer Public Library"
    assert facts["Target groups"] == "newly arrived refugees"
    page.goto((site / "practices" / "lillehammer-no-period.html").as_uri())
    facts = facts_of(page)
    for label in ("When it ran", "Status", "Partners", "Target groups", "Budget"):
        assert facts[label] == "not given", label
    assert facts["Evidence"] == "none given"
    assert page.errors == []


def card_text(page, selector: str, title: str) -> str:
    return page.locator(selector).filter(has=page.get_by_role("link", name=title, exact=True)).inner_text()


def test_the_site_s_cards_and_the_finder_s_say_the_same(page, site):
    """A topic page's card (written by the build) and the finder's (written by the script) alike."""
    page.goto((site / "topics" / "education.html").as_uri())
    written = card_text(page, ".icp-card", "Every fact given")
    assert "Lillehammer · Norway · Year of the record: 2009" in written
    assert ("When it ran: 2005–2008 · Status: ended (2008) · Evidence: evaluated · Partners: Red Cross Norway; "
            "Lillehammer Public Library · Target groups: newly arrived refugees · Budget: NOK 2 million (2006)") in written
    assert "When it ran: not given · Status: not given · Evidence: none given" in card_text(page, ".icp-card", "Only a year")
    open_filter(page, site, f"#city={CITY}")
    assert card_text(page, "#icp-results .icp-card", "Every fact given") == written
    assert page.errors == []


def test_the_evidence_facet_narrows_and_counts(page, site, records):
    open_filter(page, site)
    page.get_by_role("checkbox", name="results reported", exact=True).check()
    page.wait_for_function("() => location.hash.includes('evidence=results-reported')")
    expected = sorted(r["title"] for r in records if r["evidence"] == "results reported")
    assert sorted(result_titles(page)) == expected and count_text(page) == plural(len(expected))
    assert_menu_matches(page, records, {"evidence": {"results reported"}})
    assert page.locator("#icp-chips").inner_text().startswith("Evidence: results reported")
    assert page.errors == []


def test_the_span_of_years_finds_what_ran_in_it(page, site):
    """2012 to 2014: what ran since 2013, what is dated 2014 alone and 2011-14; not 2005–2008, nor 2016 on."""
    open_filter(page, site, f"#city={CITY}")
    page.get_by_label("From", exact=True).fill("2012")
    page.get_by_label("From", exact=True).press("Enter")
    page.get_by_label("to", exact=True).fill("2014")
    page.get_by_label("to", exact=True).press("Enter")
    page.wait_for_function("() => location.hash.includes('from=2012') && location.hash.includes('to=2014')")
    assert sorted(result_titles(page)) == ["A short span", "Only a year", "Running since 2013"]
    assert "Running 2012–2014" in page.locator("#icp-chips").inner_text()
    page.go_back()
    page.wait_for_function("() => !location.hash.includes('to=2014')")
    assert sorted(result_titles(page)) == ["A short span", "From 2016 on", "Only a year", "Running since 2013"]
    assert page.get_by_label("From", exact=True).input_value() == "2012"
    page.get_by_role("button", name="Reset filter").click()
    page.wait_for_function("() => !location.hash.includes('from=')")
    assert page.get_by_label("From", exact=True).input_value() == ""
    assert page.errors == []


def test_a_case_page_carries_its_json_ld_and_no_text_escapes_it(page, site):
    page.goto((site / "practices" / "lillehammer-all-facts.html").as_uri())
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@context"] == "https://schema.org" and data["headline"] == "Every fact given"
    assert data["spatialCoverage"]["geo"] == {"@type": "GeoCoordinates", "latitude": 61.1153, "longitude": 10.4662}
    assert data["temporalCoverage"] == "2005/2008" and data["keywords"] == ["Education"]
    assert data["isBasedOn"][0]["url"] == "https://example.org/evaluation"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    page.goto((site / "practices" / "lillehammer-hostile.html").as_uri())
    scripts = page.locator('script[type="application/ld+json"]')
    assert scripts.count() == 1
    data = json.loads(scripts.text_content())
    assert data["headline"] == HOSTILE and data["description"] == "Text with & and 1 < 2 > 0 in it."
    assert page.evaluate("() => window.__pwned") is None
    assert page.errors == []
