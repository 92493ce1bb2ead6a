"""Which body terms each case keeps in the finder's index: the budget, and each case's floor.

What the browser can load in time (scripts/bench_search_index.py): the script runs at ~80 ms a MB,
and MiniSearch.loadJS makes Maps for each term: a posting costs about 1 µs in all, a term about
as much as TERM_COST postings. The index is kept within INDEX_COST such units (~0.7 s for both
steps in headless Chromium on the 2 shared cores measured). The short fields are always indexed
whole; the bodies are too if they fit. Otherwise every case gets the same share of what is left,
and keeps the body terms most worth their cost that fit in it (a term used often in the body and
seldom elsewhere, that costs a posting and its part of the term's own cost); a case that needs
less than its share leaves the rest to the others. A case's FLOOR_TERMS best terms are kept
whatever the others hold: two cases of 200 KB of made-up words cannot starve the real ones.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from itertools import accumulate, chain

from icp.search.minisearch import FIELDS
from icp.search.terms import term_counts

TERM_COST = 10
INDEX_COST = 800_000
FLOOR_TERMS = 16
SHARE_PRECISION = 0.05  # of a cost unit: a posting costs at least 1, so no share closer to the best gains a term


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
