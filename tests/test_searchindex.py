"""The finder's search index: written in Python, loaded by the vendored MiniSearch in real Chromium."""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path

import pytest

from icp.check.validate import render_case_body
from icp.practice import Practice
from icp.read.casefile import parse_case_text
from icp.search import budget, minisearch, shards
from icp.search import terms as search_terms
from icp.synthetic.cases import SyntheticCases

from conftest import ROOT, write_case

MINISEARCH = ROOT / "docs" / "assets" / "vendor" / "minisearch" / "minisearch.min.js"
SEARCH_TERMS = ROOT / "docs" / "assets" / "javascripts" / "search-terms.js"
SYNTHETIC_CASES = 300
QUERIES = [
    ("schoo", {"prefix": True}),
    ("youth mediators", {"prefix": True}),
    ("youth mediators", {"combineWith": "AND"}),
    ("Malmo", {}),
    ("MONTREAL neukolln", {"prefix": True}),
    ("Kópavogur Reykjavik", {"fuzzy": 0.2}),
    ("mediatrs intercultral", {"fuzzy": 0.2, "prefix": True}),
    ("copenhagen", {"prefix": True, "fuzzy": 0.2}),
    ("oslo extra large", {"boost": {"body": 3}}),
    ("the of and", {"prefix": True}),
    ("contribut", {"prefix": True}),
]
NASTY = [
    "İstanbul ISTANBUL istanbul ıi İi",
    "ΟΔΟΣ οδός Σίσυφος ΣΊΣΥΦΟΣ ς σ Σ",
    "ﬁnancial ﬂow ﬀ Œuvre œuvre Æsir Straße STRASSE ẞ Ĳssel",
    "東京都 中华人民共和国 한국어 日本語のテキスト",
    "😀 ❤️ 👩🏽‍🚀 1️⃣ 🇪🇺 emoji😀inside",
    "Montre\u0301al Malmo\u0308 e\u0301\u0301 \u0301alone a\u20dd",
    "Women's women’s l'intégration dʼUkraine don't",
    "Berlin-Neukölln co‑design well—known 2019–2020 ½ ² ⅻ ①",
    "2.6 1,000 3.14 0x1F 1e10 ١٢٣ ۴۵۶ ४२",
    "Łódź Đakovo Þórshöfn Ørsta ÐÞ Hafnarfjörður",
    "ℌello ℓ ㎏ Ａｂｃ ｶﾀｶﾅ",
    "\u00ad soft\u00adhyphen zero\u200bwidth joined\u200dword tab\tnew\nline\u2028sep\u2029para",
    "\ua7f1 \U000105c9 \U0001ccd6\U0001ccd7 newer Unicode than Python's",
    "<script>alert(1)</script> &amp; a_b snake_case x+y=z",
]


def case_documents(practices, first_row: int = 0) -> list[dict]:
    return [minisearch.case_document(practice, first_row + row) for row, practice in enumerate(practices)]


def synthetic_practices(project, count: int) -> list[Practice]:
    cases = SyntheticCases(project.vocabulary())
    practices = []
    for number in range(1, count + 1):
        slug, text = cases.case(number)
        case = parse_case_text(Path(f"{slug}.md"), text)
        practices.append(Practice.from_front_matter(slug, case.path, case.meta, case.body, render_case_body(case)))
    return practices


def page_documents() -> list[dict]:
    return [minisearch.page_document(f"{name}.html", name.title(), (ROOT / source).read_text(encoding="utf-8"))
            for name, source in (("about", "docs/about.md"), ("contribute", "CONTRIBUTING.md"))]


@pytest.fixture(scope="module")
def documents(real_index):
    from icp.site import Project

    real = case_documents(real_index.practices)
    synthetic = case_documents(synthetic_practices(Project(ROOT), SYNTHETIC_CASES), first_row=len(real))
    return real + synthetic + page_documents()


def open_index(page, folder: Path, script: str, *, inline: bool = False, parts=()):
    """A page from file:// with the vendored MiniSearch, search-terms.js and ``script``, by src or
    inline (and the scripts named ``parts``, beside it)."""
    index = folder / "search-index.js"
    index.write_text(script, encoding="utf-8")
    tag = f"<script>{script}</script>" if inline else f'<script src="{index.name}"></script>'
    tag += "".join(f'<script src="{name}"></script>' for name in parts)
    html = folder / "finder.html"
    html.write_text(f'<!doctype html><meta charset="utf-8"><title>t</title>'
                    f'<script src="{MINISEARCH.as_uri()}"></script><script src="{SEARCH_TERMS.as_uri()}"></script>'
                    f"{tag}" + ("" if parts else "<script>window.loaded = ICP.searchTerms.load(window.ICP_SEARCH_INDEX);</script>"),
                    encoding="utf-8")
    page.goto(html.as_uri())
    if parts:
        page.evaluate(_JOIN_PARTS)
    assert page.errors == []


# The index and its parts joined again into MiniSearch's serialised form, then loaded.
_JOIN_PARTS = """() => {
  const data = window.ICP_SEARCH_INDEX;
  const terms = new Map();
  for (const group of data.parts) {
    for (const name of group.slice(1).filter(Boolean)) {
      for (const [term, fields] of ICP_SEARCH_PARTS[name]) terms.set(term, {...terms.get(term), ...fields});
    }
  }
  data.index.index = [...terms];
  window.loaded = ICP.searchTerms.load(data);
}"""


def open_site_index(page, folder: Path, files: dict[str, str]):
    """open_index for the index and parts the site's build writes (:func:`shards.search_index_files`)."""
    head = files.pop(minisearch.SCRIPT_PATH)
    for path, script in files.items():
        (folder / path.rsplit("/", 1)[-1]).write_text(script, encoding="utf-8")
    open_index(page, folder, head, parts=[path.rsplit("/", 1)[-1] for path in files])


def comparable(serialised: dict) -> dict:
    """A serialised index with its terms as a dict: their order is the radix tree's, and loadJS ignores it."""
    return {**serialised, "index": dict(serialised["index"])}


def search(page, query: str, options: dict | None = None) -> list[list]:
    return page.evaluate("([q, o]) => loaded.search(q, o).map(r => [r.id, r.score])", [query, options or {}])


def js_terms(page, texts: list[str]) -> list[list[str]]:
    return page.evaluate("""texts => {
        const rules = ICP.searchTerms.termRules(window.ICP_SEARCH_INDEX.rules);
        return texts.map(text => rules.tokenize(text).flatMap(rules.processTerm));
    }""", texts)


# --- (a) the Python-built index is the index MiniSearch builds ------------------------------------


def test_the_python_index_is_what_minisearch_serialises_and_scores_the_same(page, tmp_path, documents):
    open_index(page, tmp_path, minisearch.index_script(documents))
    reference = page.evaluate("""documents => {
        const data = window.ICP_SEARCH_INDEX;
        window.reference = new MiniSearch(ICP.searchTerms.options(data, ICP.searchTerms.termRules(data.rules)));
        reference.addAll(documents);
        return JSON.stringify(reference);
    }""", documents)
    assert comparable(json.loads(reference)) == comparable(minisearch.serialise(documents))
    for query, options in QUERIES:
        loaded = search(page, query, options)
        indexed = page.evaluate("([q, o]) => reference.search(q, o).map(r => [r.id, r.score])", [query, options])
        assert loaded or query == "the of and", query
        assert dict(loaded) == pytest.approx(dict(indexed), rel=1e-12), (query, options)
        assert [score for _, score in loaded] == sorted((score for _, score in loaded), reverse=True)


def test_stored_fields_and_missing_fields_are_kept_as_minisearch_keeps_them(page, tmp_path):
    documents = [
        {"id": 0, "title": "Only a title", "city": "Oslo"},
        {"id": "page.html", "title": None, "body": "A body and no title", "kind": "page"},
        {"id": 2, "title": "", "summary": "The the THE the", "city": "Malmö", "body": "x"},
    ]
    fields, stored = ["title", "summary", "city", "body"], ["city", "kind"]
    open_index(page, tmp_path, minisearch.index_script(documents, fields, stored))
    reference = page.evaluate("""([documents, fields, storeFields]) => {
        const data = window.ICP_SEARCH_INDEX;
        const options = {...ICP.searchTerms.options(data, ICP.searchTerms.termRules(data.rules)), fields, storeFields};
        const search = new MiniSearch(options);
        search.addAll(documents);
        return JSON.stringify(search);
    }""", [documents, fields, stored])
    assert comparable(json.loads(reference)) == comparable(minisearch.serialise(documents, fields, stored))
    found = page.evaluate("loaded.search('malmo the')")
    assert [(result["id"], result["city"], result["match"]) for result in found] == [(2, "Malmö", {"malmo": ["city"]})]


def test_documents_need_an_id_once_and_text_fields():
    with pytest.raises(ValueError):
        minisearch.serialise([{"id": 1, "title": "a"}, {"id": 1, "title": "b"}])
    with pytest.raises(TypeError):
        minisearch.serialise([{"id": 1, "title": ["a"]}])


def test_past_its_budget_a_body_keeps_its_best_terms_and_minisearch_scores_them(page, tmp_path, documents):
    cases = [document for document in documents if document.get("kind") != "page"]
    assert budget.within_budget(cases, budget=10**9) == cases
    short_fields = sum(budget.FieldTerms(cases, field).cost() for field in minisearch.FIELDS if field != "body")
    whole = budget.FieldTerms(cases, "body")
    limit = short_fields + whole.cost() // 4
    trimmed = budget.within_budget(cases, limit)
    kept = budget.FieldTerms(trimmed, "body")
    assert short_fields + kept.cost() <= limit
    assert all(len(after) >= min(len(before), budget.FLOOR_TERMS) for before, after in zip(whole.counts, kept.counts))
    assert all(set(after) <= set(before) for before, after in zip(whole.counts, kept.counts))
    assert len({len(counts) for counts in kept.counts}) > 1
    assert [{**document, "body": None} for document in trimmed] == [{**document, "body": None} for document in cases]
    open_index(page, tmp_path, minisearch.index_script(trimmed))
    page.evaluate("""documents => {
        const data = window.ICP_SEARCH_INDEX;
        window.reference = new MiniSearch(ICP.searchTerms.options(data, ICP.searchTerms.termRules(data.rules)));
        reference.addAll(documents);
    }""", trimmed)
    for query, options in QUERIES[:4]:
        indexed = page.evaluate("([q, o]) => reference.search(q, o).map(r => [r.id, r.score])", [query, options])
        assert dict(search(page, query, options)) == pytest.approx(dict(indexed), rel=1e-12)


# --- (b) the same terms in Python and in the browser --------------------------------------------


def test_python_and_the_browser_make_the_same_terms_of_every_text(page, tmp_path, documents):
    open_index(page, tmp_path, minisearch.index_script(documents[:1]))
    texts = [value for document in documents for key, value in document.items()
             if isinstance(value, str) and key != "kind"] + NASTY
    assert js_terms(page, texts) == [search_terms.terms(text) for text in texts]


def test_python_and_the_browser_agree_on_every_character(page, tmp_path):
    """Every code point Python's Unicode assigns, alone, after a letter and in one long run."""
    open_index(page, tmp_path, minisearch.index_script([{"id": 0, "title": "x"}]))
    characters = [chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) not in ("Cs", "Co", "Cn")]
    texts = [" ".join(characters), " ".join("a" + character for character in characters), "".join(characters)]
    for text, in_browser in zip(texts, js_terms(page, texts)):
        assert in_browser == search_terms.terms(text)


def test_terms_fold_case_marks_and_letters_without_decomposition():
    assert search_terms.terms("Malmö MONTRÉAL Łódź Straße Þórshöfn Œuvre İstanbul ΟΔΟΣ ﬁnancial") == [
        "malmo", "montreal", "lodz", "strasse", "thorshofn", "oeuvre", "istanbul", "οδοσ", "financial"]
    assert search_terms.terms("The city's schools and the co-design of it") == ["city", "schools", "co", "design", "it"]
    assert search_terms.terms("½ 2019–2020 😀") == ["1", "2", "2019", "2020"]


# --- (c) no text can break out of the script ----------------------------------------------------


HOSTILE = "Break </script><script>window.__x=1</script> out\u2028line\u2029para 'quote' \\ <!-- &amp; -->"


@pytest.mark.parametrize("inline", [False, True], ids=["src", "inline"])
def test_no_text_can_close_or_break_the_script(page, tmp_path, inline):
    documents = [{"id": 0, "title": HOSTILE, "body": HOSTILE},
                 minisearch.page_document("hostile.html", HOSTILE, HOSTILE)]
    script = minisearch.index_script(documents)
    assert script.endswith(";\n") and not set(script[:-1]) & set("<>&\u2028\u2029\n\r")
    open_index(page, tmp_path, script, inline=inline)
    assert page.evaluate("window.__x") is None
    assert page.evaluate("ICP_SEARCH_INDEX.pages") == {"hostile.html": HOSTILE}
    assert {id for id, _ in search(page, "script window")} == {0, "hostile.html"}


# --- (d) what a reader types finds what the case says ------------------------------------------


def test_the_finder_finds_cities_without_their_marks_and_words_by_their_start(page, tmp_path, project_copy):
    write_case(project_copy.practices_dir, "malmo-schools", title="Schools together", city="Malmö", country="Sweden")
    write_case(project_copy.practices_dir, "montreal-hub", title="Welcome hub", city="Montréal", country="Canada")
    write_case(project_copy.practices_dir, "oslo-forum", title="A forum", city="Oslo", country="Norway")
    index = project_copy.load_index()
    rows = {practice.slug: row for row, practice in enumerate(index.practices)}
    pages = [minisearch.page_document("contribute.html", "Contribute", "How to send a case.")]
    open_site_index(page, tmp_path, shards.search_index_files(index, pages, part_bytes=2_000))
    found = {query: [id for id, _ in search(page, query, {"prefix": True})]
             for query in ("Malmo", "Montreal", "schoo", "malmö", "contrib")}
    assert found == {"Malmo": [rows["malmo-schools"]], "Montreal": [rows["montreal-hub"]],
                     "schoo": [rows["malmo-schools"]], "malmö": [rows["malmo-schools"]],
                     "contrib": ["contribute.html"]}
    assert page.evaluate("ICP_SEARCH_INDEX.pages") == {"contribute.html": "Contribute"}
    assert all(math.isfinite(score) for _, score in search(page, "oslo forum"))


def test_the_kept_unicode_ranges_are_this_pythons():
    """data/unicode-ranges.json saves every build a walk over all code points; it must be what the walk gives."""
    assert search_terms.category_ranges() == {"LMN": search_terms._category_ranges("LMN"),
                                             "M": search_terms._category_ranges("M")}


def test_the_ascii_shortcut_splits_as_the_unicode_classes_do():
    _, _, word, _, _ = search_terms._unicode_classes()
    text = "".join(map(chr, range(128))) * 2 + " Schools, 2016: a-b_c d'e"
    assert search_terms.tokenize(text) == word.findall(text)
