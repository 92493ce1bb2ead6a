"""Issue 15, search cannot be starved: two cases of ~200 KB of made-up words each are valid cases,
but the finder's index still finds every real case by the words of its body.

The index has a budget (icp.searchindex.INDEX_COST); each case gets its own share of it and a floor
of body terms that no other case can take. Driven as an attacker would: the two floods are added to
a copy of the project, which MkDocs builds; the finder is opened in Chromium from file:// and asked
for the words that only the body of one real case holds (``airports``, ``boligvejledning``, ...).
"""

from __future__ import annotations

import itertools
import json
import string
from urllib.parse import quote

import pytest

from conftest import ROOT, built_beside, copy_project
from icp import searchindex
from icp.site import Project
from test_finder import result_titles

FLOOD_BYTES = 200_000
SHORT_FIELDS = ("title", "subtitle", "summary", "city", "country", "organisation")
CHROMIUM_WORDS = 3  # of each real case, asked in the finder; the index itself is checked for every word


def flood_case(first: str) -> str:
    """A valid case whose body is ~200 KB of distinct made-up four-character words, each a digit of
    ``first``, a letter and two letters or digits (no real word looks like that)."""
    alphabet = string.digits + string.ascii_lowercase
    words, size = [], 0
    for combination in itertools.product(first, string.ascii_lowercase, alphabet, alphabet):
        words.append("".join(combination))
        size += len(words[-1]) + 1
        if size >= FLOOD_BYTES:
            break
    lines = [" ".join(words[start:start + 16]) for start in range(0, len(words), 16)]
    paragraphs = "\n\n".join("\n".join(lines[start:start + 12]) for start in range(0, len(lines), 12))
    return (f"---\ntitle: Flood {first}\ncity: Oslo\ncountry: Norway\nyear: 2010\ntopics: [Education]\n"
            f"summary: A case of made-up words.\n---\n\n## Summary\n\n{paragraphs}\n")


def short_terms(practice) -> set[str]:
    texts = [getattr(practice, field) or "" for field in SHORT_FIELDS] + [", ".join(practice.topics)]
    return {term for text in texts for term in searchindex.terms(text)}


def body_only_words(practices) -> dict[str, list[str]]:
    """Each real case's body terms that no other case holds anywhere and its own short fields do not:
    only its body can find the case by them. Longest first."""
    found = {}
    for practice in practices:
        others = set()
        for other in practices:
            if other is not practice:
                others |= set(searchindex.terms(other.rendered.text)) | short_terms(other)
        own = set(searchindex.terms(practice.rendered.text)) - short_terms(practice) - others
        found[practice.slug] = sorted(own, key=lambda term: (-len(term), term))
    return found


@pytest.fixture(scope="module")
def flooded(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("flooded") / "project")
    for number, first in enumerate(("01234", "56789")):
        (project / "practices" / f"oslo-flood-{number}.md").write_text(flood_case(first), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def flooded_site(flooded):
    return built_beside(flooded)


@pytest.fixture(scope="module")
def real_practices():
    return Project(ROOT).load_index().practices


def test_the_floods_are_valid_cases_that_would_overflow_the_budget(flooded):
    index = Project(flooded).load_index()
    assert len(index.practices) == 12
    documents = [searchindex.case_document(practice, row) for row, practice in enumerate(index.practices)]
    short = sum(searchindex.FieldTerms(documents, field).cost() for field in searchindex.FIELDS if field != "body")
    assert short + searchindex.FieldTerms(documents, "body").cost() > searchindex.INDEX_COST, "no flood at all"


def test_every_body_term_of_every_real_case_is_in_the_built_index(page, flooded_site, real_practices):
    page.goto((flooded_site / "practices" / "index.html").as_uri())
    page.wait_for_selector("html[data-icp-finder-ready]")
    payload = page.evaluate("() => window.ICP_SEARCH_INDEX")
    index = payload["index"]
    body = str(index["fieldIds"]["body"])
    postings = dict(index["index"])
    row_of = {document_id: short for short, document_id in index["documentIds"].items()}
    rows = {record["slug"]: row for row, record in enumerate(
        json.loads((flooded_site / "practices.json").read_text(encoding="utf-8"))["practices"])}
    missing = {}
    for practice in real_practices:
        short_id = row_of[rows[practice.slug]]
        lost = [term for term in set(searchindex.terms(practice.rendered.text))
                if short_id not in postings.get(term, {}).get(body, {})]
        if lost:
            missing[practice.slug] = sorted(lost)[:10]
    assert missing == {}, f"body terms the floods took from real cases: {missing}"


def test_the_finder_finds_each_real_case_by_the_words_only_its_body_holds(page, flooded_site, real_practices):
    words = body_only_words(real_practices)
    assert "airports" in words["copenhagen-engage-in-copenhagen"]
    assert "boligvejledning" in words["rotterdam-welcome-centre"]
    titles = {practice.slug: practice.title for practice in real_practices}
    asked = {slug: terms[:CHROMIUM_WORDS] for slug, terms in words.items()}
    asked["copenhagen-engage-in-copenhagen"].append("airports")
    asked["rotterdam-welcome-centre"].append("boligvejledning")
    not_found = []
    for slug, terms in asked.items():
        for term in terms:
            page.goto((flooded_site / "practices" / "index.html").as_uri() + f"#q={quote(term)}")
            page.wait_for_selector("html[data-icp-finder-ready]")
            page.wait_for_function("() => document.documentElement.hasAttribute('data-icp-search-ready')")
            page.wait_for_function("() => document.getElementById('icp-result-count').textContent.includes('match')")
            if titles[slug] not in result_titles(page):
                not_found.append((term, slug, result_titles(page)))
    assert not_found == []
    assert page.errors == []


def test_a_case_keeps_its_floor_whatever_the_others_hold(real_practices):
    """Hundreds of floods and a budget too small for them all: every real case keeps at least its
    FLOOR_TERMS best body terms, and the rest of the index stays within the budget."""
    real = [searchindex.case_document(practice, row) for row, practice in enumerate(real_practices)]
    words = flood_case(string.digits).split("## Summary", 1)[1].split()
    floods = [{"id": len(real) + number, "title": f"Flood {number}", "body": " ".join(words[number::300])}
              for number in range(300)]
    documents = real + floods
    kept = searchindex.FieldTerms(searchindex.within_budget(documents, budget=300_000), "body")
    whole = searchindex.FieldTerms(documents, "body")
    ranked, _ = whole.by_worth()
    for row in range(len(real)):
        floor = ranked[row][:searchindex.FLOOR_TERMS]
        assert set(floor) <= set(kept.counts[row]), real[row]["title"]
    assert len(kept.counts[0]) < len(whole.counts[0]), "the budget was not tight: the floor was not tested"
