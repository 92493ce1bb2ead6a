"""The search index: one small document per case, with every word of the case to match."""

from __future__ import annotations

import json

import sitecheck
from icp import search


def test_words_are_the_visible_words_once_without_addresses_or_stop_words():
    body = ("The [annual *report*](https://example.org/report.pdf) of the co-design team, see "
            "<https://example.org/x> and <b>Report</b> { #anchor } &amp; the city's 2019 figures.")
    assert search.words(search.markdown_text(body)) == [
        "annual", "report", "co", "design", "team", "see", "city's", "2019", "figures"]


def test_a_case_document_shows_its_summary_and_holds_its_other_words_once(real_index):
    practice = real_index.practices[0]
    document = search.search_document(practice)
    assert document["location"] == practice.url
    shown, hidden = document["text"].split(f'<p class="{search.WORDS_CLASS}">')
    assert practice.city in shown and str(practice.year) in shown
    matched = hidden.removesuffix("</p>").split()
    assert len(matched) == len(set(matched))
    assert not set(matched) & search.STOP_WORDS
    assert set(search.words(search.markdown_text(practice.body))) <= set(matched) | set(
        search.words(practice.title, practice.summary, practice.city, practice.country))


def test_the_built_index_has_one_document_per_case_with_its_words(built_site, real_index):
    documents = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for practice in real_index.practices:
        entries = [doc for doc in documents if doc["location"].split("#")[0] == practice.url]
        assert entries == [search.search_document(practice)]
    script = (built_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert json.loads(script.removeprefix(search.OFFLINE_PREFIX)) == {
        **json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))}
    assert len(sitecheck.cases(built_site)) == len(real_index.practices)
