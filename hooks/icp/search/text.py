"""What of a case the finder's search reads beyond its front matter: the text of its body without
its Sources section (a source's title or publisher is not what a case is about: the Copenhagen memo
that seven cases cite must not make each of them a match for "copenhagen"), and the other names of
its city and country (``practices/taxonomy.yml``: "København", "UK"), so a reader finds a place by
the name they know it by.
"""

from __future__ import annotations

import re

from icp.body.convert import RenderedBody, plain_text
from icp.practice import Practice
from icp.read.vocabulary import Vocabulary

SOURCES_HEADING = '<h2 id="sources">'
_NEXT_SECTION = re.compile(r"<h2[\s>]")
# A short form this long or shorter is matched whole, never as the start of a longer word: "UK" must
# not find Ukraine, nor "NZ" every word that starts with "nz".
SHORT_FORM = 3


def body_text(rendered: RenderedBody | None) -> str:
    """The body's words without its Sources section (from its heading to the next level-2 heading)."""
    if rendered is None:
        return ""
    html = str(rendered.html)
    start = html.find(SOURCES_HEADING)
    if start < 0:
        return rendered.text
    following = _NEXT_SECTION.search(html, start + len(SOURCES_HEADING))
    return plain_text(html[:start] + (html[following.start():] if following else ""))


def place_names(practice: Practice, vocabulary: Vocabulary) -> str | None:
    """The other names of the case's city and country, and its country's and topics' names in the
    site's other languages (``names:``), one text, so a search in any of the site's languages finds
    the same cases; None when the vocabulary has none."""
    names = list(vocabulary.aliases(practice.city, practice.country))
    for name in (practice.country, *practice.topics):
        names += [other for other in vocabulary.all_names(name) if other != name and other not in names]
    return " ".join(names) if names else None


def short_forms(vocabulary: Vocabulary, terms) -> list[str]:
    """The terms of every other name of a place that are at most SHORT_FORM characters long: the
    finder matches them whole. ``terms`` is the index's own term function."""
    names = [alias for table in (vocabulary.country_aliases, vocabulary.city_aliases)
             for _, aliases in table for alias in aliases]
    return sorted({term for name in names for term in terms(name) if len(term) <= SHORT_FORM})
