"""The finder's stems: Python (snowballstemmer) and the browser (the vendored Snowball script) make the
same stem of every term of the site's index and of hard words in each language, in real Chromium; the
codes that carry a term's stems in the index's parts, and which terms get them."""

from __future__ import annotations

import json

import pytest

from icp.search import minisearch, shards, stems
from icp.search.terms import process_term, term_counts

from conftest import ROOT
from test_searchindex import case_documents, page_documents

SNOWBALL = ROOT / "docs" / "assets" / "vendor" / "snowball" / "snowball.min.js"
STEMS_JS = ROOT / "docs" / "assets" / "javascripts" / "finder" / "stems.js"
# Words whose stems differ between Snowball's releases (snowballstemmer 2.2 and 3.x stem "added",
# "emergency", "française", "fuzz", "jamaïque" otherwise), the rules' exceptions, and accented words,
# as written and as the index folds them.
HARD = {
    "en": """added emergency emergencies generously news skies skis dying lying tying early only singly innings
             outing canning proceed exceed succeed herring earring atlas cosmos bias andes communism generate
             university past organization organizer biologist refugee refugees refuge housing houses household
             education educational educators city cities cities' consignment conspiring happy happiness
             knightly knights sky yearly yield yields y ys aed feed fed bed seeing agreed""".split(),
    "fr": """française françaises irlandaise jamaïque élymaïque réfugiés réfugié réfugiées logement logements
             éducation éducatif éducatives chevaux cheval yeux quelqu aujourd hui continuation contrainte
             intégration intégrer accueillir accueil nationalité nationalités enfants écoles école
             citoyenneté égalité habitants habitantes très mêmes œuvre maïs naïveté""".split(),
    "da": """fuzz boliger bolig uddannelse uddannelser flygtninge flygtning københavn kommunerne kommune særlig
             søgning ældre børn børnene integration indvandrere indvandrer skolerne skole fællesskab
             fællesskaber sammenhængskraft aarhus ålborg æbler øerne""".split(),
    # Stemmed alike in every language: another script's digit, letters beyond the BMP (an attacker's try).
    "any": "logement٣s 𐌰y 𐐨ies a𐌰ing refugee²s houses١".split(),
}


def site_terms(real_index) -> set[str]:
    """Every distinct term of the indexes the site's build writes, its cases' and its pages' in each
    language."""
    found = set()
    translated = [minisearch.page_document(path.name, path.stem, path.read_text(encoding="utf-8"), path.parent.name)
                  for path in sorted((ROOT / "docs").glob("[a-z][a-z]/*.md"))]
    assert {document["language"] for document in translated} >= {"fr", "da"}
    for document in case_documents(real_index.practices) + page_documents() + translated:
        for field in minisearch.FIELDS:
            if document.get(field) is not None:
                found.update(term_counts(document[field])[1])
    return found


def browser_stems(page, words: list[str]) -> dict[str, list[str]]:
    page.set_content('<!doctype html><meta charset="utf-8"><title>t</title>')
    page.add_script_tag(path=str(SNOWBALL))
    page.add_script_tag(path=str(STEMS_JS))
    return page.evaluate("""([words, languages]) => {
      const stems = ICP.finderStems.make(languages);
      const out = {};
      languages.forEach((language, i) => { out[language[0]] = words.map(word => stems.stem(word, i)); });
      return out;
    }""", [words, [[code, name] for code, (name, _) in stems.ALGORITHMS.items()]])


def test_python_and_chromium_make_the_same_stem_of_every_word(page, real_index):
    """Every term of the site's index, and the hard words as written and folded, in each language: one
    word stemmed otherwise on one side fails it, as a stemmer of another release does."""
    words = site_terms(real_index)
    for language_words in HARD.values():
        for word in language_words:
            words.add(word.lower())
            words.update(process_term(word))
    words = sorted(words)
    assert len(words) > 4000
    made = browser_stems(page, words)
    assert page.errors == []
    differ = {}
    for language in stems.ALGORITHMS:
        python = [stems.stem(word, language) for word in words]
        differ[language] = [(word, mine, theirs) for word, mine, theirs in zip(words, python, made[language])
                            if mine != theirs]
        assert sum(stem != word for stem, word in zip(python, words)) > 500, f"{language} stems too little"
    assert differ == {language: [] for language in stems.ALGORITHMS}


def test_python_and_chromium_read_a_code_alike(page):
    pairs = [(word, stems.stem(word, language)) for language, words in HARD.items()
             for word in (term for written in words for term in process_term(written))]
    pairs += [("city", "citi"), ("chevaux", "cheval"), ("abc", "abcde"), ("word", "word"), ("x", "")]
    coded = [stems.code(term, stem) for term, stem in pairs]
    assert [stems.apply(term, code) for (term, _), code in zip(pairs, coded)] == [stem for _, stem in pairs]
    page.set_content('<!doctype html><meta charset="utf-8"><title>t</title>')
    page.add_script_tag(path=str(STEMS_JS))
    read = page.evaluate("([terms, codes]) => terms.map((t, i) => ICP.finderStems.apply(t, codes[i]))",
                         [[term for term, _ in pairs], coded])
    assert read == [stem for _, stem in pairs]
    assert page.evaluate("ICP.finderStems.apply('word', '~')") is None


def test_a_code_says_what_to_cut_and_add():
    assert stems.code("refugees", "refuge") == "2"
    assert stems.code("city", "citi") == "1i"
    assert stems.code("logement", "logement") == ""
    assert stems.apply("refugees", "2") == "refuge"
    assert stems.apply("city", "1i") == "citi"
    assert stems.apply("logement", "") == "logement"
    assert stems.apply("logement", stems.ABSENT) is None


def test_a_term_with_a_digit_is_its_own_stem():
    """Snowball's Danish would make 'real1000' 'real100': a number is no word's form."""
    assert stems.stem("real1000", "da") == "real1000"
    assert stems.stem("covid19s", "en") == "covid19s"
    assert stems.stem("refugees", "en") == "refuge"


def test_a_term_is_stemmed_by_the_languages_that_hold_it():
    assert stems.codes("logements", {"fr"}, ["en", "fr"]) == "~,6"
    assert stems.codes("logements", {"en", "fr"}, ["en", "fr"]) == "1,6"
    assert stems.codes("logo", {"en", "fr"}, ["en", "fr"]) is None
    assert stems.codes("logo", {"en"}, ["en", "fr"]) == ",~"
    assert stems.stemmed(["en", "fr", "en", "xx", "da"]) == ["da", "en", "fr"]


def documents_in(language_of: dict[str, str]) -> list[dict]:
    return [{"id": row, "title": title, "language": language}
            for row, (title, language) in enumerate(language_of.items())]


def test_the_parts_carry_a_terms_codes_once():
    """In the term's first part (the short fields' when it has postings there), for the languages
    of the documents that hold it; none for a term that is its own stem in each."""
    documents = documents_in({"Refugees welcome": "en", "Logements pour réfugiés": "fr"})
    documents[0]["body"] = "Refugees and housing"
    payload = minisearch.index_payload(documents, fields=("title", "body"))
    assert payload["stemmers"] == [["en", "english"], ["fr", "french"]]
    head, parts = shards.split_index(payload, "body", languages=[d["language"] for d in documents])
    entries = {part.name: {entry[0]: entry[2:] for entry in part.entries} for part in parts}
    [[_, short_name, body_name]] = head["parts"]
    short, body = entries[short_name], entries[body_name]
    assert short["refugees"] == ["2,~"] and body["refugees"] == []
    assert body["housing"] == ["3,~"]
    assert short["logements"] == ["~,6"]
    assert short["refugies"] == ["~,3"]
    assert short["welcome"] == ["1,~"]
    assert "stemmers" in head and json.dumps(head)


def test_an_index_of_one_language_names_only_its_stemmer():
    payload = minisearch.index_payload(documents_in({"Welcome": "en", "Refugees": "en"}), fields=("title",))
    assert payload["stemmers"] == [["en", "english"]]
    payload = minisearch.index_payload(documents_in({"Velkommen": "da", "Bonjour": "xx"}), fields=("title",))
    assert payload["stemmers"] == [["da", "danish"]]


@pytest.mark.parametrize("language", sorted(stems.ALGORITHMS))
def test_the_browser_names_the_same_algorithm(page, language):
    """The name the index gives the browser's Snowball is one it knows (an unknown one throws)."""
    page.set_content('<!doctype html><meta charset="utf-8"><title>t</title>')
    page.add_script_tag(path=str(SNOWBALL))
    name = stems.ALGORITHMS[language][0]
    assert page.evaluate("n => { const s = new Snowball(n); s.setCurrent('x'); s.stem(); return s.getCurrent(); }",
                         name) == "x"
