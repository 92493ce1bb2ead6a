"""Issue 15, search cannot be starved: two cases of ~200 KB of made-up words each are valid cases,
but the finder's index still finds every real case by the words of its body.

The index has a budget (icp.search.minisearch.INDEX_COST); each case gets its own share of it and a floor
of body terms that no other case can take. Driven as an attacker would: the two floods are added to
a copy of the project, which MkDocs builds; the finder is opened in Chromium from file:// and asked
for the words that only the body of one real case holds (``airports``, ...; ``boligvejledning``, the
issue's other example, is now only in its case's Sources section, which the finder does not search).
"""

from __future__ import annotations

import itertools
import json
import string
from urllib.parse import quote

import pytest
import sweep
from test_finder import result_titles

from icp.search import budget, minisearch
from icp.search import terms as search_terms
from icp.search.text import place_names
from icp.site import Project

from conftest import CASE_TEMPLATE, ROOT, built_beside, copy_project

FLOOD_BYTES = 200_000
SHORT_FIELDS = ("title", "subtitle", "summary", "city", "country", "organisation")
CHROMIUM_WORDS = 3  # of each real case, asked in the finder; the index itself is checked for every word
ASKED = 12  # real cases asked by their words in a usual run (every one: --hypothesis-profile=thorough)


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
    head = CASE_TEMPLATE.format(title=f"Flood {first}", city="Oslo", country="Norway", year=2010, topics="Education",
                                summary="A case of made-up words.", evidence="none given")
    return f"{head}\n{paragraphs}\n"


def documents_of(index) -> list[dict]:
    """The cases as the build makes their search documents, before the budget."""
    return [minisearch.case_document(practice, row, place_names(practice, index.vocabulary))
            for row, practice in enumerate(index.practices)]


def terms_of(document: dict, fields) -> set[str]:
    return {term for field in fields for term in search_terms.terms(document.get(field) or "")}


def body_only_words(index) -> dict[str, list[str]]:
    """Each case's body terms that no other case holds in any field and its own other fields do not:
    only its body can find the case by them. Longest first."""
    documents = documents_of(index)
    others = [field for field in minisearch.FIELDS if field != "body"]
    everywhere = [terms_of(document, minisearch.FIELDS) for document in documents]
    found = {}
    for row, (practice, document) in enumerate(zip(index.practices, documents)):
        elsewhere = set().union(*(terms for other, terms in enumerate(everywhere) if other != row))
        own = terms_of(document, ["body"]) - terms_of(document, others) - elsewhere
        found[practice.slug] = sorted(own, key=lambda term: (-len(term), term))
    return found


@pytest.fixture(scope="module")
def flooded(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("flooded") / "project", languages=False)
    for number, first in enumerate(("01234", "56789")):
        (project / "practices" / f"oslo-flood-{number}.md").write_text(flood_case(first), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def flooded_site(flooded):
    return built_beside(flooded)


@pytest.fixture(scope="module")
def real():
    return Project(ROOT).load_index()


def test_the_floods_are_valid_cases_that_would_overflow_the_budget(flooded, real):
    index = Project(flooded).load_index()
    assert len(index.practices) == len(real.practices) + 2
    documents = documents_of(index)
    short = sum(budget.FieldTerms(documents, field).cost() for field in minisearch.FIELDS if field != "body")
    assert short + budget.FieldTerms(documents, "body").cost() > budget.INDEX_COST, "no flood at all"


# Every part's script added to the page at once, as the finder adds one; their entries once all have run.
LOAD_PARTS = """names => Promise.all(names.map(name => new Promise((loaded, failed) => {
  const script = Object.assign(document.createElement("script"), {src: name});
  script.onload = loaded;
  script.onerror = () => failed(new Error("no part " + name));
  document.head.append(script);
}))).then(() => names.map(name => window.ICP_SEARCH_PARTS[name]))"""


def test_every_body_term_of_every_real_case_is_in_the_built_index(page, flooded_site, real):
    page.goto((flooded_site / "practices" / "index.html").as_uri())
    page.wait_for_selector("html[data-icp-finder-ready]")
    payload = page.evaluate("() => window.ICP_SEARCH_INDEX")
    index = payload["index"]
    body = str(index["fieldIds"]["body"])
    postings = {}
    names = [name for group in payload["parts"] for name in group[1:] if name]  # the terms come in parts
    for entries in page.evaluate(LOAD_PARTS, names):
        for term, fields, *_ in entries:
            postings.setdefault(term, {}).update(fields)
    row_of = {document_id: short for short, document_id in index["documentIds"].items()}
    rows = {record["slug"]: row for row, record in enumerate(
        json.loads((flooded_site / "practices.json").read_text(encoding="utf-8"))["practices"])}
    missing = {}
    for practice, document in zip(real.practices, documents_of(real)):
        short_id = row_of[rows[practice.slug]]
        lost = [term for term in terms_of(document, ["body"])
                if short_id not in postings.get(term, {}).get(body, {})]
        if lost:
            missing[practice.slug] = sorted(lost)[:10]
    assert missing == {}, f"body terms the floods took from real cases: {missing}"


def test_the_finder_finds_each_real_case_by_the_words_only_its_body_holds(page, flooded_site, real):
    """Every real case under the thorough profile; else Copenhagen's Engage (by 'airports' too) and a sample of the
    others (tests/sweep.py). The built index itself is checked for every body term of every case, above."""
    words = body_only_words(real)
    assert "airports" in words["copenhagen-engage-in-copenhagen"]
    titles = {practice.slug: practice.title for practice in real.practices}
    cases = sweep.sample("body words", words, ASKED, kinds=lambda slug: {slug} & {"copenhagen-engage-in-copenhagen"})
    asked = {slug: words[slug][:CHROMIUM_WORDS] for slug in cases}
    asked["copenhagen-engage-in-copenhagen"].append("airports")
    not_found = []
    for slug, terms in asked.items():
        for term in terms:
            page.goto((flooded_site / "practices" / "index.html").as_uri() + f"#q={quote(term)}")
            page.wait_for_selector("html[data-icp-finder-ready]")
            page.wait_for_function("() => document.documentElement.hasAttribute('data-icp-search-ready')")
            page.wait_for_function("() => document.getElementById('icp-result-count').textContent.includes('match')"
                                   " && !document.documentElement.hasAttribute('data-icp-search-partial')")
            if titles[slug] not in result_titles(page):
                not_found.append((term, slug, result_titles(page)))
    assert not_found == []
    assert page.errors == []


def test_a_case_keeps_its_floor_whatever_the_others_hold(real):
    """Hundreds of floods and a budget too small for them all: every real case keeps at least its
    FLOOR_TERMS best body terms, and the rest of the index stays within the budget."""
    cases = documents_of(real)
    words = flood_case(string.digits).split("made-up words.\n", 2)[2].split()
    floods = [{"id": len(cases) + number, "title": f"Flood {number}", "body": " ".join(words[number::300])}
              for number in range(300)]
    documents = cases + floods
    kept = budget.FieldTerms(budget.within_budget(documents, budget=300_000), "body")
    whole = budget.FieldTerms(documents, "body")
    ranked, _ = whole.by_worth()
    for row in range(len(cases)):
        floor = ranked[row][:budget.FLOOR_TERMS]
        assert set(floor) <= set(kept.counts[row]), cases[row]["title"]
    assert len(kept.counts[0]) < len(whole.counts[0]), "the budget was not tight: the floor was not tested"
