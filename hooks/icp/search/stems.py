"""The finder's stems: which of the index's terms are forms of the same word in a language.

The index keeps every term as it is written (folded, :mod:`icp.search.terms`), so a word being typed
still matches as a word's start and a word with a letter wrong still matches; stemming only adds,
for a query's word, the other forms that the index holds ("refugee" also finds "refugees", "houses"
"housing", "logements" "logement"). Each term is stemmed by the languages of the documents that
hold it (a case's ``language``, a page's interface language), never by another: an English case's
"logo" is not a French form of "logement". The browser stems the query's words by the same
languages with the same Snowball algorithms (``assets/vendor/snowball``, whose release these are:
tests/test_stems.py stems every term of the site's index on both sides and compares them).

A term's stems travel with its entry in the index's parts (:mod:`icp.search.shards`) as one short
code per language, how to make the stem from the term: ``""`` the term is its own stem, ``"2"``
cut two characters, ``"1i"`` cut one and add "i", ``"~"`` no document of that language holds the
term. An entry whose codes are all ``""`` has none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from snowballstemmer.danish_stemmer import DanishStemmer
from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.french_stemmer import FrenchStemmer

# The languages stemmed, by code, and the name the browser's Snowball gives the algorithm. The
# package's own stemmer() would take PyStemmer's C stemmers of another release when installed:
# the pure Python classes are named here.
ALGORITHMS = {"da": ("danish", DanishStemmer), "en": ("english", EnglishStemmer), "fr": ("french", FrenchStemmer)}
ABSENT = "~"


def stemmed(languages) -> list[str]:
    """The languages among ``languages`` that have a stemmer, in a fixed order."""
    return sorted(set(languages) & ALGORITHMS.keys())


@lru_cache(maxsize=None)
def _stemmer(language: str):
    return ALGORITHMS[language][1]()


# A term with an ASCII digit is its own stem ("real1000" is no plural of "real100"), and so is one with a
# character beyond the Basic Multilingual Plane: the browser's Snowball counts UTF-16 units, this one
# code points, so the two would cut such a word differently. stems.js tests the same characters.
OWN_STEM = re.compile("[0-9\U00010000-\U0010ffff]")


@lru_cache(maxsize=1 << 18)
def stem(term: str, language: str) -> str:
    """The Snowball stem of a term (lowercase, folded) in ``language``, or the term (:data:`OWN_STEM`)."""
    if language not in ALGORITHMS or OWN_STEM.search(term):
        return term
    return _stemmer(language).stemWord(term)


def code(term: str, stem_: str) -> str:
    """How to make ``stem_`` from ``term``: characters to cut, then the characters to add."""
    if stem_ == term:
        return ""
    common = 0
    for a, b in zip(term, stem_):
        if a != b:
            break
        common += 1
    return f"{len(term) - common}{stem_[common:]}"


def apply(term: str, code_: str) -> str | None:
    """The stem :func:`code` describes, None for :data:`ABSENT`."""
    if code_ == ABSENT:
        return None
    digits = len(code_) - len(code_.lstrip("0123456789"))
    cut = int(code_[:digits] or 0)
    return term[:len(term) - cut] + code_[digits:]


def codes(term: str, holders: frozenset | set, languages: list[str]) -> str | None:
    """The term's codes for ``languages``, comma separated; None when it is its own stem in each."""
    parts = [code(term, stem(term, language)) if language in holders else ABSENT for language in languages]
    return None if all(part == "" for part in parts) else ",".join(parts)
