"""The finder's terms: how a text is split into words and each word into the terms the index holds.

Defined here once, in Python; the index script carries the rules (:func:`term_rules`) and
``assets/javascripts/search-terms.js`` only applies them, so an index and the rules it was made
with always ship together and no generated JavaScript file has to be kept in step.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

from icp.read.vocabulary import FOLD

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



def term_rules() -> dict:
    """What search-terms.js needs to make the same terms as :func:`terms`."""
    return {
        "unicode": unicodedata.unidata_version,
        "word": _unicode_classes()[0],
        "mark": _unicode_classes()[1],
        "fold": FOLD,
        "stop": sorted(STOP_WORDS),
    }
