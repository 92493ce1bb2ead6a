"""The finder's search index, written at build time in MiniSearch's own serialised form.

The browser never indexes the cases: it reads classic scripts (it must work from ``file://``, so
no fetch, no module, no worker) and hands the index in them to ``MiniSearch.loadJS`` (the vendored
``assets/vendor/minisearch``). :func:`serialise` builds exactly what MiniSearch 7.2's ``toJSON``
would give after ``addAll`` of the same documents with the same options (``serializationVersion``
2), so scores in the browser are MiniSearch's own. The terms are :mod:`icp.search.terms`'; which
body terms a case keeps is :mod:`icp.search.budget`'s; how the index is split into the scripts the
finder loads is :mod:`icp.search.shards`'.
"""

from __future__ import annotations

from icp import languages, routes
from icp.practice import Practice
from icp.render.scriptdata import data_script
from icp.search.stems import ALGORITHMS, stemmed
from icp.search.terms import term_counts, term_rules
from icp.search.text import body_text

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
# A case without a language field, and a page, are in the site's default language (one place says which).
DEFAULT_LANGUAGE = languages.DEFAULT


def case_document(practice: Practice, row: int, places: str | None = None) -> dict:
    """A case as a search document; its id is its row in the finder's data, which has the rest. The
    body is searched without its Sources section; ``places`` are other names of its city and country
    (:mod:`icp.search.text`)."""
    return {
        "id": row,
        "language": getattr(practice, "language", None) or DEFAULT_LANGUAGE,
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


def page_document(url: str, title: str, text: str, language: str = DEFAULT_LANGUAGE) -> dict:
    """A hand-written page (About, Contribute): its id is its address, a string, unlike a case's row;
    ``language`` is the interface's, which its words are stemmed by."""
    return {"id": url, "kind": "page", "title": title, "body": text, "language": language}


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
        # The languages whose forms of a word the parts name (icp.search.stems), with the browser
        # Snowball's name of each algorithm.
        "stemmers": [[language, ALGORITHMS[language][0]]
                     for language in stemmed(document.get("language", DEFAULT_LANGUAGE) for document in documents)],
        "index": serialise(documents, fields, store_fields, count_terms),
    }


def index_script(documents, fields=FIELDS, store_fields=(), boost=None, count_terms=term_counts, exact=()) -> str:
    """``window.ICP_SEARCH_INDEX = JSON.parse('…');``."""
    return data_script(SCRIPT_GLOBAL, index_payload(documents, fields, store_fields, boost, count_terms, exact))
