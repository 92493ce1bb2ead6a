"""The finder's search index, written at build time in MiniSearch's own serialised form.

The browser never indexes the cases: it reads one classic script (it must work from ``file://``,
so no fetch, no module, no worker) and hands the index in it to ``MiniSearch.loadJS`` (the vendored
``assets/vendor/minisearch``). :func:`serialise` builds exactly what MiniSearch 7.2's ``toJSON``
would give after ``addAll`` of the same documents with the same options (``serializationVersion``
2), so scores in the browser are MiniSearch's own. The tokenizer and term rules are defined here
once; the script carries them (:func:`term_rules`) and ``assets/javascripts/search-terms.js`` only
applies them, so an index and the rules it was made with always ship together and no generated
JavaScript file has to be kept in step. The payload is a ``JSON.parse('…')`` string, which Chromium
runs in about half the time of the same object literal, and the index is kept within what the
browser loads in well under a second (:func:`within_budget`), each case with its own share of it.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate, chain
from pathlib import Path

from icp import routes
from icp.index import PracticeIndex
from icp.practice import Practice
from icp.read.vocabulary import FOLD
from icp.render.scriptdata import data_script
from icp.search import shards
from icp.search.text import body_text, place_names, short_forms

SERIALIZATION_VERSION = 2
SCRIPT_PATH = routes.SEARCH_INDEX
SCRIPT_GLOBAL = "ICP_SEARCH_INDEX"
FIELDS = ("title", "subtitle", "summary", "city", "country", "organisation", "topics", "body", "places")
# Search-time boosts (MiniSearch applies them per query, so they can change without a rebuild).
# What a reader scans a result by weighs most: the title, then the summary and the place; the body
# has ~500 words, so a word there is weak evidence and is outweighed by one in any short field.
BOOST = {"title": 4, "summary": 2, "city": 2, "country": 2, "places": 2, "topics": 1.5, "subtitle": 1,
         "organisation": 1, "body": 0.5}
TOPIC_SEPARATOR = ", "
# What the browser can load in time (scripts/bench_search_index.py): the script runs at ~80 ms a MB,
# and MiniSearch.loadJS makes Maps for each term: a posting costs about 1 µs in all, a term about
# as much as TERM_COST postings. The index is kept within INDEX_COST such units (~0.7 s for both
# steps in headless Chromium on the 2 shared cores measured). The short fields are always indexed
# whole; the bodies are too if they fit. Otherwise every case gets the same share of what is left,
# and keeps the body terms most worth their cost that fit in it (a term used often in the body and
# seldom elsewhere, that costs a posting and its part of the term's own cost); a case that needs
# less than its share leaves the rest to the others. A case's FLOOR_TERMS best terms are kept
# whatever the others hold: two cases of 200 KB of made-up words cannot starve the real ones.
TERM_COST = 10
INDEX_COST = 800_000
FLOOR_TERMS = 16
SHARE_PRECISION = 0.05  # of a cost unit: a posting costs at least 1, so no share closer to the best gains a term


# --- terms: defined here, applied the same way by search-terms.js from term_rules() ---------

# Words that are in nearly every case and that nobody searches for alone. Each would be the
# longest posting list in the index and, with BM25+'s floor on every match, would let any query
# holding it match every case. "s" and "t" are what apostrophes leave ("city's", "don't"). The list
# is kept short: "it" (IT services), "us", "who" (WHO), "all", "no", "not", "new", "open" can be
# in a title and stay searchable.
STOP_WORDS = frozenset("""
a an and are as at be been but by for from had has have in into is its of on or s t that the their
these this to was were which with
""".split())
_FOLD_TABLE = str.maketrans(FOLD)


def _category_ranges(categories: str) -> list[tuple[int, int]]:
    """The code point ranges whose general category starts with one of ``categories`` ("L", "M", "N")."""
    ranges: list[tuple[int, int]] = []
    start = None
    for code in range(sys.maxunicode + 2):
        inside = code <= sys.maxunicode and unicodedata.category(chr(code))[0] in categories
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append((start, code - 1))
            start = None
    return ranges


def _encode_ranges(ranges: list[tuple[int, int]]) -> str:
    """Ranges as "gap[-span]" in hex, comma separated, each gap counted from the previous range's end:
    781 ranges of letters, marks and digits fit in 3.4 KB."""
    previous = 0
    parts = []
    for first, last in ranges:
        parts.append(f"{first - previous:x}" + (f"-{last - first:x}" if last > first else ""))
        previous = last
    return ",".join(parts)


def _pattern_class(ranges: list[tuple[int, int]]) -> str:
    return "".join(f"\\U{first:08x}" + (f"-\\U{last:08x}" if last > first else "") for first, last in ranges)


UNICODE_RANGES = Path(__file__).resolve().parent.parent / "data" / "unicode-ranges.json"


def category_ranges() -> dict[str, list[tuple[int, int]]]:
    """The ranges of letters, marks and digits ("LMN") and of marks ("M") of this Python's Unicode.

    Walking every code point takes a second or more, in every build; the ranges are kept in
    ``data/unicode-ranges.json`` for the Unicode version they were made with (a test keeps the file
    right), and computed only under another version.
    """
    try:
        kept = json.loads(UNICODE_RANGES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    if kept.get("unicode") == unicodedata.unidata_version:
        return {name: [tuple(pair) for pair in kept[name]] for name in ("LMN", "M")}
    return {"LMN": _category_ranges("LMN"), "M": _category_ranges("M")}


@lru_cache(maxsize=1)
def _unicode_classes() -> tuple[str, str, re.Pattern, re.Pattern, re.Pattern]:
    """A term's characters are letters, marks and digits by Python's own Unicode tables; the script
    carries them as ranges, since Chromium's regular expressions know a newer Unicode than Python 3.11
    (14.0) and p{L} there would count as letters characters that Python does not know."""
    ranges = category_ranges()
    words, marks = ranges["LMN"], ranges["M"]
    # Python's re checks a class above U+FFFF range by range; text without such characters is
    # matched with the class's BMP part and one range, about four times as fast.
    basic = [(first, min(last, 0xFFFF)) for first, last in words if first <= 0xFFFF] + [(0x10000, sys.maxunicode)]
    return (_encode_ranges(words), _encode_ranges(marks), re.compile(f"[{_pattern_class(words)}]+"),
            re.compile(f"[{_pattern_class(basic)}]+"), re.compile(f"[{_pattern_class(marks)}]+"))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ASCII_WORD = re.compile("[A-Za-z0-9]+")


def tokenize(text: str) -> list[str]:
    """The runs of letters, marks and digits (a mark stays with its letter), as written. Nothing is
    normalised before the split: a character Python's Unicode does not know is a separator on both
    sides, though a newer Unicode might decompose it into letters (U+1CCD6, outlined A, is "A")."""
    if text.isascii():  # most text: letters, marks and digits are [A-Za-z0-9] there, and matched faster
        return _ASCII_WORD.findall(text)
    _, _, word, basic_word, _ = _unicode_classes()
    return (word if _ASTRAL.search(text) else basic_word).findall(text)


@lru_cache(maxsize=1 << 17)
def process_term(token: str) -> tuple[str, ...]:
    """The terms of a token: compatibility-decomposed ("ﬁ" is "fi", "é" an "e" and a mark, "ℌ" an "H"),
    lowercase and decomposed again ("İ" lowercase is "i" and a mark), without marks, with :data:`FOLD`,
    split where the decomposition left a separator ("½" is "1⁄2"), without stop words. Usually one
    term, none for a stop word; applying it again to its terms gives them back."""
    _, _, word, _, marks = _unicode_classes()
    lowered = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", token).lower())
    folded = marks.sub("", lowered).translate(_FOLD_TABLE)
    return tuple(term for term in word.findall(folded) if term not in STOP_WORDS)


def terms(text: str) -> list[str]:
    """The terms of ``text``, in order, as MiniSearch indexes or searches for them."""
    return [term for token in tokenize(text) for term in process_term(token)]


def term_counts(text: str) -> tuple[int, dict[str, int]]:
    """How many distinct tokens ``text`` has (MiniSearch's field length) and how often each term is
    in it, in order of first use: each distinct token is processed once."""
    tokens = Counter(tokenize(text))
    counts: dict[str, int] = {}
    for token, count in tokens.items():
        for term in process_term(token):
            counts[term] = counts.get(term, 0) + count
    return len(tokens), counts


def case_document(practice: Practice, row: int, places: str | None = None) -> dict:
    """A case as a search document; its id is its row in the finder's data, which has the rest. The
    body is searched without its Sources section; ``places`` are other names of its city and country
    (:mod:`icp.search.text`)."""
    return {
        "id": row,
        "title": practice.title,
        "subtitle": practice.subtitle,
        "summary": practice.summary,
        "city": practice.city,
        "country": practice.country,
        "organisation": practice.organisation,
        "topics": TOPIC_SEPARATOR.join(practice.topics),
        "body": body_text(practice.rendered),
        "places": places,
    }


def page_document(url: str, title: str, text: str) -> dict:
    """A hand-written page (About, Contribute): its id is its address, a string, unlike a case's row."""
    return {"id": url, "kind": "page", "title": title, "body": text}


def serialise(documents, fields=FIELDS, store_fields=(), count_terms=term_counts) -> dict:
    """MiniSearch's ``toJSON()`` of an index of ``documents`` (dicts with an ``id``); a field that is
    missing or None is skipped as MiniSearch skips it, and every indexed value must be a string.
    ``count_terms`` is :func:`term_counts`, or a memo of it that :func:`within_budget` filled."""
    field_ids = {field: number for number, field in enumerate(fields)}
    document_ids: dict[str, object] = {}
    field_lengths: dict[str, list] = {}
    average_lengths: list = []
    stored: dict[str, dict] = {}
    postings: dict[str, dict[str, dict[str, int]]] = {}
    seen_ids = set()
    for short_id, document in enumerate(documents):
        key = str(short_id)
        identifier = document.get("id")
        if identifier is None or identifier in seen_ids:
            raise ValueError(f"document {short_id} has no id or a duplicate one: {identifier!r}")
        seen_ids.add(identifier)
        document_ids[key] = identifier
        if store_fields:
            stored[key] = {name: document[name] for name in store_fields if name in document}
        for field in fields:
            value = document.get(field)
            if value is None:
                continue
            if not isinstance(value, str):
                raise TypeError(f"document {identifier!r}: field {field!r} is a {type(value).__name__}, not a string")
            field_id = field_ids[field]
            length, counts = count_terms(value)
            _add_field_length(field_lengths.setdefault(key, []), average_lengths, field_id, short_id, length)
            column = str(field_id)
            for term, count in counts.items():
                postings.setdefault(term, {}).setdefault(column, {})[key] = count
    return {
        "documentCount": len(document_ids),
        "nextId": len(document_ids),
        "documentIds": document_ids,
        "fieldIds": field_ids,
        "fieldLength": field_lengths,
        "averageFieldLength": [_number(value) for value in average_lengths],
        "storedFields": stored,
        "dirtCount": 0,
        "index": [[term, postings[term]] for term in sorted(postings)],
        "serializationVersion": SERIALIZATION_VERSION,
    }


def _add_field_length(lengths: list, averages: list, field_id: int, count: int, length: int) -> None:
    """MiniSearch's ``addFieldLength``: the running mean over the documents added so far, including
    those without the field (as MiniSearch counts them), in the same floating-point steps."""
    while len(lengths) <= field_id:
        lengths.append(None)
    lengths[field_id] = length
    while len(averages) <= field_id:
        averages.append(None)
    average = averages[field_id] or 0
    averages[field_id] = (average * count + length) / (count + 1)


def _number(value):
    """An integral float as an int: JavaScript writes 3.0 as 3, and the script is shorter."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


class FieldTerms:
    """How often each term is in one field of every document, and in how many documents' field."""

    def __init__(self, documents: list[dict], field: str, count_terms=term_counts):
        self.field = field
        self.counts = [count_terms(document[field])[1] if document.get(field) is not None else None
                       for document in documents]
        self.shares = Counter(term for counts in self.counts if counts for term in counts)

    def cost(self) -> int:
        return sum(len(counts) for counts in self.counts if counts) + TERM_COST * len(self.shares)

    def ranked(self, min_documents: int, max_documents: float) -> list[list[str]]:
        """Each document's terms that are in ``min_documents`` to ``max_documents`` documents, those
        that say most about it first: the highest tf-idf (used often in it, seldom elsewhere), then
        the first in the text."""
        everyone = len(self.counts)
        ranked = []
        for counts in self.counts:
            weight = {term: count * math.log(everyone / self.shares[term]) for term, count in (counts or {}).items()
                      if min_documents <= self.shares[term] <= max_documents}
            ranked.append(sorted(weight, key=weight.__getitem__, reverse=True))
        return ranked

    def by_worth(self) -> tuple[list[list[str]], list[list[float]]]:
        """Each document's terms, those most worth their cost first, and the share of the budget the
        document needs to keep each one with those before it (-1 for its first FLOOR_TERMS, kept
        whatever the share). A term is worth its tf-idf per cost; it costs a posting and its part of
        the term's own cost (TERM_COST shared by the documents that hold it)."""
        everyone = len(self.counts)
        cost = {term: 1 + TERM_COST / share for term, share in self.shares.items()}
        worth = {term: math.log(everyone / share) / cost[term] for term, share in self.shares.items()}
        ranked, needs = [], []
        for counts in self.counts:
            score = {term: count * worth[term] for term, count in (counts or {}).items()}
            order = sorted(score, key=score.__getitem__, reverse=True)
            levels = list(accumulate(map(cost.__getitem__, order)))
            levels[:FLOOR_TERMS] = [-1.0] * min(FLOOR_TERMS, len(levels))
            ranked.append(order)
            needs.append(levels)
        return ranked, needs

    def keep(self, documents: list[dict], ranked: list[list[str]], per_document: int | None | list[int]) -> list[dict]:
        """The documents with the field reduced to its ``per_document`` best ranked terms (one number for
        all, or one per document), each as often as it was there (MiniSearch keeps no positions): what
        MiniSearch indexes from these documents scores as its own."""
        trimmed = []
        limits = per_document if isinstance(per_document, list) else [per_document] * len(documents)
        for document, counts, best, limit in zip(documents, self.counts, ranked, limits):
            kept = set(best[:limit])
            trimmed.append(document if counts is None else {**document, self.field: " ".join(
                " ".join([term] * count) for term, count in counts.items() if term in kept)})
        return trimmed


def trim_field(documents, field: str = "body", max_share: float = 1.0, max_terms: int | None = None,
               min_documents: int = 1) -> list[dict]:
    """The documents with ``field`` reduced to its terms in ``min_documents`` to ``max_share`` of the
    documents and, of those, to its ``max_terms`` best (:meth:`FieldTerms.ranked`), for
    scripts/bench_search_index.py to compare with :func:`within_budget`."""
    documents = list(documents)
    field_terms = FieldTerms(documents, field)
    return field_terms.keep(documents, field_terms.ranked(min_documents, max_share * len(documents)), max_terms)


def within_budget(case_documents, budget: int = INDEX_COST, count_terms=term_counts) -> list[dict]:
    """The case documents as the finder indexes them: whole if the index stays within ``budget``,
    otherwise each body with the terms that fit in its share (see INDEX_COST)."""
    documents = list(case_documents)
    body = FieldTerms(documents, "body", count_terms)
    short_fields = sum(FieldTerms(documents, field, count_terms).cost() for field in FIELDS if field != "body")
    if short_fields + body.cost() <= budget:
        return documents
    ranked, needs = body.by_worth()
    share = largest_share(ranked, needs, budget - short_fields)
    return body.keep(documents, ranked, [bisect_right(levels, share) for levels in needs])


def largest_share(ranked: list[list[str]], needs: list[list[float]], budget: float) -> float:
    """The largest share each document may spend for the terms kept to cost at most ``budget`` in
    all (-1: each keeps its floor only, whatever that costs). The cost is the index's own: a posting
    per term kept in a document, and TERM_COST per distinct term kept."""
    floors = sum(min(FLOOR_TERMS, len(levels)) for levels in needs)
    floor_terms = set().union(*(order[:FLOOR_TERMS] for order in ranked))
    first_need: dict[str, float] = {}  # each term's least need, in the documents holding it beyond their floor
    need_of = first_need.get
    for order, levels in zip(ranked, needs):
        for term, level in zip(order[FLOOR_TERMS:], levels[FLOOR_TERMS:]):
            if level < need_of(term, math.inf):
                first_need[term] = level
    term_needs = sorted(need for term, need in first_need.items() if term not in floor_terms)
    postings = sorted(chain.from_iterable(levels[FLOOR_TERMS:] for levels in needs))

    def cost(share: float) -> int:
        return (floors + bisect_right(postings, share)
                + TERM_COST * (len(floor_terms) + bisect_right(term_needs, share)))

    low, high = -1.0, postings[-1] if postings else 0.0
    if cost(low) > budget:
        return low
    while high - low > SHARE_PRECISION:
        middle = (low + high) / 2
        low, high = (middle, high) if cost(middle) <= budget else (low, middle)
    return low


def term_rules() -> dict:
    """What search-terms.js needs to make the same terms as :func:`terms`."""
    return {
        "unicode": unicodedata.unidata_version,
        "word": _unicode_classes()[0],
        "mark": _unicode_classes()[1],
        "fold": FOLD,
        "stop": sorted(STOP_WORDS),
    }


def index_payload(documents, fields=FIELDS, store_fields=(), boost=None, count_terms=term_counts,
                  exact=()) -> dict:
    """``exact``: terms the finder matches whole, never as a word's start (:func:`icp.search.text.short_forms`)."""
    documents = list(documents)
    return {
        "rules": term_rules(),
        "exact": list(exact),
        "fields": list(fields),
        "storeFields": list(store_fields),
        "boost": dict(BOOST if boost is None else boost),
        "pages": {document["id"]: document["title"] for document in documents if document.get("kind") == "page"},
        "index": serialise(documents, fields, store_fields, count_terms),
    }


def index_script(documents, fields=FIELDS, store_fields=(), boost=None, count_terms=term_counts, exact=()) -> str:
    """``window.ICP_SEARCH_INDEX = JSON.parse('…');``."""
    return data_script(SCRIPT_GLOBAL, index_payload(documents, fields, store_fields, boost, count_terms, exact))


def search_index_files(index: PracticeIndex, pages=(), part_bytes: int = shards.PART_BYTES) -> dict[str, str]:
    """The finder's index script and its parts (:mod:`icp.search.shards`), by path in the site: every
    case, as the row it has in the finder's data (within the budget of :func:`within_budget`), and
    ``pages`` (documents from :func:`page_document`)."""
    # The budget and the index read the same texts: each is split into terms once.
    count_terms = lru_cache(maxsize=None)(term_counts)
    vocabulary = index.vocabulary
    documents = within_budget((case_document(practice, row, place_names(practice, vocabulary))
                               for row, practice in enumerate(index.practices)), count_terms=count_terms)
    payload = index_payload(documents + list(pages), count_terms=count_terms, exact=short_forms(vocabulary, terms))
    folder, name = SCRIPT_PATH.rsplit("/", 1)
    head, parts = shards.split_index(payload, "body", name.removesuffix(".js"), part_bytes)
    return {SCRIPT_PATH: data_script(SCRIPT_GLOBAL, head),
            **{f"{folder}/{part.name}": shards.part_script(part) for part in parts}}
