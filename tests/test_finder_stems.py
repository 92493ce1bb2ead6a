"""The finder finds the other forms of a word, in the English, French and Danish finders from file://,
in real Chromium on a real build: each case's words by its own language's stemmer, the query's by
those of the cases present (hooks/icp/search/stems.py, assets/javascripts/finder/stems.js).

Each query here is neither the start of the case's word nor a letter or so from it: without the
stems it finds nothing."""

from __future__ import annotations

import pytest

from conftest import built_beside, copy_project

CASE = """---
title: {title}
{language}city: Oslo
country: Norway
year: 2015
topics: [Education]
summary: {summary}
evidence: none given
sources:
  - title: A city page
---

## Summary

{summary}

## Sources

A city page.
"""
CASES = {
    "oslo-family-houses": dict(title="Houses for families", summary="The council builds houses with families."),
    "oslo-logo-contest": dict(title="A logo contest", summary="Pupils draw logos for their school."),
    "oslo-educators": dict(title="Mentors in class", summary="Education by mentors for pupils."),
    "oslo-accueil-logement": dict(language="fr", title="Accueil et logement",
                                  summary="Un logement et l'éducation pour chaque famille réfugiée."),
    "oslo-boliger-flygtninge": dict(language="da", title="Boliger til flygtninge",
                                    summary="Uddannelse og skole for nyankomne familier."),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("stems") / "project")
    for slug, fields in CASES.items():
        language = f"language: {fields['language']}\n" if "language" in fields else ""
        text = CASE.format(title=fields["title"], summary=fields["summary"], language=language)
        (project / "practices" / f"{slug}.md").write_text(text, encoding="utf-8")
    return built_beside(project)


def found(page, site, folder: str, query: str) -> list[str]:
    """The titles the finder in ``folder`` ('', 'fr/', 'da/') shows for ``query``, once every part answered."""
    page.goto((site / folder / "practices" / "index.html").as_uri() + "#q=" + query)
    page.wait_for_function("() => document.documentElement.hasAttribute('data-icp-search-ready')")
    page.wait_for_function("q => document.getElementById('icp-result-count').textContent.includes(q)"
                           " && !document.documentElement.hasAttribute('data-icp-search-partial')", arg=query)
    assert page.errors == []
    return page.locator("#icp-results .icp-card__title").all_inner_texts()


@pytest.mark.parametrize("folder", ["", "fr/", "da/"])
@pytest.mark.parametrize("query, title", [
    ("housing", "Houses for families"),
    ("educators", "Mentors in class"),
])
def test_an_english_case_is_found_by_another_form_of_its_word_in_every_finder(page, site, folder, query, title):
    """Cases are mostly in English on every language's site: their words are stemmed in English there too."""
    assert title in found(page, site, folder, query)


def test_a_form_is_highlighted_where_the_case_says_it(page, site):
    found(page, site, "", "housing")
    card = page.locator(".icp-card", has_text="Houses for families")
    assert "houses" in [text.lower() for text in card.locator("mark").all_inner_texts()]


def test_another_word_is_no_form_of_it(page, site):
    """'logos' is no form of the French 'logement' (nor 'logement' of 'logos'); 'logo' still finds
    'logos' as a word's start."""
    assert "A logo contest" not in found(page, site, "fr/", "logement")
    assert "Accueil et logement" not in found(page, site, "", "logos")
    assert "A logo contest" in found(page, site, "", "logo")


@pytest.mark.parametrize("query", ["accueillir", "éducatives", "logements accueillir"])
def test_a_french_case_is_found_by_the_forms_of_its_french_words(page, site, query):
    assert "Accueil et logement" in found(page, site, "fr/", query)


@pytest.mark.parametrize("query", ["uddannet", "boligerne", "skolerne"])
def test_a_danish_case_is_found_by_the_forms_of_its_danish_words(page, site, query):
    assert "Boliger til flygtninge" in found(page, site, "da/", query)
