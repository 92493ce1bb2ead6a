"""The finder's search index in parts, so that a search loads only what its words need.

The index script (``search-index.js``) holds everything but the postings: the term rules, the
fields, their boosts, the pages' titles and MiniSearch's serialised index with its documents and
field lengths (so a score is the one the whole index gives) and an empty list of terms. The terms
are split by their first character into groups of about :data:`PART_BYTES`, each written as two
classic scripts (loaded on demand with a ``<script>`` element, which works from ``file://``):
first the short fields' postings (title, subtitle, summary, place, organisation, topics, other
names of the place), then the body's. A word needs the group of its first character, whether it
is matched whole, as a word's start or, for a long word, with a letter or so wrong; the finder
draws what the short fields give as soon as their part has run and adds the body when its part
has. A word mistyped in its first character matches another word only in the groups the query
loads: every group while the index is small enough to be one, so the site's own cases search as
the whole index does.

A part script runs ``ICP_SEARCH_PARTS[name] = [[term, {field id: {document: count}}], ...]``:
MiniSearch's own serialised entries, which ``finder/search.js`` adds to the loaded index.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from icp import routes
from icp.index import PracticeIndex
from icp.render.scriptdata import data_script
from icp.search.budget import within_budget
from icp.search import stems
from icp.search.minisearch import DEFAULT_LANGUAGE, SCRIPT_GLOBAL, SCRIPT_PATH, case_document, index_payload
from icp.search.terms import term_counts, terms
from icp.search.text import place_names, short_forms

PARTS_GLOBAL = "ICP_SEARCH_PARTS"
# A group's raw size before it is closed (both its parts): about 40 KB gzipped. The site's own
# 75 cases make one group; 10,000 cases make some twenty, and a letter is never split.
PART_BYTES = 256_000


@dataclass(frozen=True)
class Part:
    """One script of a group: its file name (beside the index script: routes.search_index_part) and its entries."""

    name: str
    entries: list


def _size(entry: list) -> int:
    return len(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))


def split_index(payload: dict, body_field: str = "body", part_bytes: int = PART_BYTES,
                languages: list[str] = ()) -> tuple[dict, list[Part]]:
    """The index payload without its terms, with the table of its parts, and the parts: for each
    group ``[characters, short part's name, body part's name or None]``. ``languages``: each
    document's language, by its place in the index, for the stems' codes (:mod:`icp.search.stems`)
    that a term's first entry carries as its third item, when it is not its own stem (every document
    in English if not given)."""
    index = payload["index"]
    body = str(index["fieldIds"][body_field])
    stemmers = [language for language, _ in payload.get("stemmers", [])]
    by_character: dict[str, list] = {}
    for entry in index["index"]:  # sorted by term, so each character's entries are together
        by_character.setdefault(entry[0][0], []).append(entry)
    groups: list[list[str]] = []
    size = part_bytes
    for character in sorted(by_character):
        if size >= part_bytes:
            groups.append([])
            size = 0
        groups[-1].append(character)
        size += sum(map(_size, by_character[character]))
    table, parts = [], []
    for number, characters in enumerate(groups):
        short, long = [], []
        for character in characters:
            for term, fields in by_character[character]:
                rest = {field: postings for field, postings in fields.items() if field != body}
                coded = stems.codes(term, _holders(fields, languages), stemmers) if stemmers else None
                if rest:
                    short.append([term, rest, coded] if coded else [term, rest])
                if body in fields:
                    long.append([term, {body: fields[body]}, coded] if coded and not rest else [term, {body: fields[body]}])
        names = [_name(number, False), _name(number, True) if long else None]
        parts += [Part(name, entries) for name, entries in zip(names, (short, long)) if name]
        table.append(["".join(characters), *names])
    return {**payload, "index": {**index, "index": []}, "parts": table}, parts


def _holders(fields: dict, languages: list[str]) -> set[str]:
    """The languages of the documents whose postings are in ``fields`` (English when not given)."""
    return {languages[int(document)] if languages else DEFAULT_LANGUAGE for postings in fields.values()
            for document in postings}


def _name(group: int, body: bool) -> str:
    return routes.search_index_part(group, body).rsplit("/", 1)[-1]


def part_script(part: Part) -> str:
    """The classic script of a part: it adds its entries to ``ICP_SEARCH_PARTS`` under its name."""
    return f"window.{PARTS_GLOBAL}=window.{PARTS_GLOBAL}||{{}};" + data_script(f"{PARTS_GLOBAL}[{json.dumps(part.name)}]",
                                                                             part.entries)


class CaseDocuments:
    """Every case as a search document (within the budget of :func:`icp.search.budget.within_budget`),
    and the memo of their texts' terms: made once per build and shared by every language's index,
    which differs from the others only by its hand-written pages."""

    def __init__(self, index: PracticeIndex) -> None:
        # The budget and the index read the same texts: each is split into terms once.
        self.count_terms = lru_cache(maxsize=None)(term_counts)
        vocabulary = index.vocabulary
        self.documents = within_budget((case_document(practice, row, place_names(practice, vocabulary))
                                        for row, practice in enumerate(index.practices)), count_terms=self.count_terms)


def search_index_files(index: PracticeIndex, pages=(), part_bytes: int = PART_BYTES,
                       cases: CaseDocuments | None = None) -> dict[str, str]:
    """The finder's index script and its parts, by path in the site: every case, as the row it has in
    the finder's data (``cases``, made here when not given), and ``pages`` (documents from
    :func:`icp.search.minisearch.page_document`)."""
    cases = cases or CaseDocuments(index)
    payload = index_payload(cases.documents + list(pages), count_terms=cases.count_terms,
                            exact=short_forms(index.vocabulary, terms))
    languages = [document.get("language", DEFAULT_LANGUAGE) for document in cases.documents + list(pages)]
    head, parts = split_index(payload, "body", part_bytes, languages)
    folder = SCRIPT_PATH.rsplit("/", 1)[0]
    return {SCRIPT_PATH: data_script(SCRIPT_GLOBAL, head),
            **{f"{folder}/{part.name}": part_script(part) for part in parts}}
