"""Search finds what the reader means, in real Chromium on a real build: a word that only a case's
Sources section mentions does not match the case, and a city or a country is found by the names
in practices/taxonomy.yml (its own languages, short forms) without a short form finding other words."""

from __future__ import annotations

import pytest

from conftest import ROOT, built_beside, copy_project
from icp.site import Project
from test_finder import open_filter, result_titles

CASE = """---
title: {title}
city: {city}
country: {country}
year: 2015
topics: [Education]
summary: {summary}
evidence: none given
sources:
  - title: {source}
---

## Summary

{summary}

## Sources

{notes}
"""
CASES = {
    "oslo-cited-memo": dict(title="Reading clubs", city="Oslo", country="Norway", summary="Reading clubs for parents.",
                            source="The Xylofrob memorandum", notes="Everything comes from the Xylofrob memorandum."),
    "oslo-about-quetzal": dict(title="Quetzal gardens", city="Oslo", country="Norway",
                               summary="Shared gardens named after the xylofrob bird.", source="A council note",
                               notes="The council note."),
    "geneva-words": dict(title="Hurtful words", city="Geneva", country="Switzerland", summary="A campaign on words.",
                         source="A city page", notes="A city page."),
    "zurich-desk": dict(title="A welcome desk", city="Zürich", country="Switzerland", summary="A desk for newcomers.",
                        source="A city page", notes="A city page."),
    "montreal-spaces": dict(title="Public spaces", city="Montreal", country="Canada", summary="Spaces for meeting.",
                            source="A city page", notes="A city page."),
    "sumy-schools": dict(title="School curriculum", city="Sumy", country="Ukraine", summary="Lessons in schools.",
                         source="A city page", notes="A city page."),
    "auckland-framework": dict(title="Inclusive framework", city="Auckland", country="New Zealand",
                               summary="A framework for inclusion.", source="A council page", notes="A council page."),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("meaning") / "project", languages=False)
    for slug, fields in CASES.items():
        (project / "practices" / f"{slug}.md").write_text(CASE.format(**fields), encoding="utf-8")
    return built_beside(project)


def search(page, site, query: str) -> list[str]:
    open_filter(page, site)
    page.get_by_label("Search the practices").fill(query)
    page.wait_for_function("() => document.documentElement.hasAttribute('data-icp-search-ready')")
    # The count names the query as soon as the first part of the index answers; the rest may be loading.
    page.wait_for_function("q => document.getElementById('icp-result-count').textContent.includes('“' + q + '”')"
                           " && !document.documentElement.hasAttribute('data-icp-search-partial')", arg=query)
    return sorted(result_titles(page))


def test_a_word_only_the_sources_mention_does_not_match(page, site):
    assert search(page, site, "xylofrob") == ["Quetzal gardens"]
    assert search(page, site, "xylofrob memorandum") == []
    assert page.errors == []


def titles_of(**where) -> list[str]:
    """The titles of the real cases whose fields are ``where``."""
    return sorted(practice.title for practice in Project(ROOT).load_index().practices
                  if all(getattr(practice, key) == value for key, value in where.items()))


@pytest.mark.parametrize("query, name, place", [
    ("København", "Copenhagen", lambda: titles_of(city="Copenhagen")),
    ("Copenhague", "Copenhagen", lambda: titles_of(city="Copenhagen")),
    ("Genève", "Geneva", lambda: ["Hurtful words"]),
    ("Zürich", "Zurich", lambda: ["A welcome desk"]),
    ("Montréal", "Montreal", lambda: ["Public spaces"]),
    ("NZ", "New Zealand", lambda: ["Inclusive framework"]),
    ("UK", "United Kingdom", lambda: titles_of(country="United Kingdom")),
])
def test_a_place_is_found_by_its_other_names(page, site, query, name, place):
    """Every case of the place, and nothing that its English name would not find."""
    wanted = place()
    assert wanted, "the real cases should have this place"
    found = search(page, site, query)
    assert set(wanted) <= set(found)
    assert set(found) <= set(search(page, site, name))
    assert page.errors == []


def test_a_short_form_is_matched_whole(page, site):
    """'UK' is the United Kingdom's, not the start of Ukraine; 'Ukr' still finds it by its start."""
    assert "School curriculum" not in search(page, site, "UK")
    assert "School curriculum" in search(page, site, "Ukr")
