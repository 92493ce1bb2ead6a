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

from icp.render.scriptdata import data_script

PARTS_GLOBAL = "ICP_SEARCH_PARTS"
# A group's raw size before it is closed (both its parts): about 40 KB gzipped. The site's own
# 75 cases make one group; 10,000 cases make some twenty, and a letter is never split.
PART_BYTES = 256_000


@dataclass(frozen=True)
class Part:
    """One script of a group: its file name (beside the index script) and its entries."""

    name: str
    entries: list


def _size(entry: list) -> int:
    return len(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))


def first_character(term: str) -> str:
    return term[0]


def split_index(payload: dict, body_field: str, stem: str, part_bytes: int = PART_BYTES) -> tuple[dict, list[Part]]:
    """The index payload without its terms, with the table of its parts, and the parts: for each
    group ``[characters, short part's name, body part's name or None]``. ``stem`` names the parts
    (``stem-3.js``, ``stem-3-body.js``)."""
    index = payload["index"]
    body = str(index["fieldIds"][body_field])
    by_character: dict[str, list] = {}
    for entry in index["index"]:  # sorted by term, so each character's entries are together
        by_character.setdefault(first_character(entry[0]), []).append(entry)
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
                if rest:
                    short.append([term, rest])
                if body in fields:
                    long.append([term, {body: fields[body]}])
        names = [f"{stem}-{number}.js", f"{stem}-{number}-body.js" if long else None]
        parts += [Part(name, entries) for name, entries in zip(names, (short, long)) if name]
        table.append(["".join(characters), *names])
    return {**payload, "index": {**index, "index": []}, "parts": table}, parts


def part_script(part: Part) -> str:
    """The classic script of a part: it adds its entries to ``ICP_SEARCH_PARTS`` under its name."""
    return f"window.{PARTS_GLOBAL}=window.{PARTS_GLOBAL}||{{}};" + data_script(f"{PARTS_GLOBAL}[{json.dumps(part.name)}]",
                                                                             part.entries)
