"""One search document per case, small enough for the browser to index at once.

Material's search builds its lunr index in the browser when the search box is first used; from
``file://`` it runs on the page's own thread, and its cost grows with every word indexed. Its
plugin would split a case page into one document per section and index every word of it (about
8 documents and 5.5 KB a case). Here each case is one document: the title, the summary and where
and when (what a result shows), and every other word of the case once (what a query matches,
of which a result shows only those that matched, by ``practices.css``; words already shown are left out). Case pages are kept out of Material's own index
(``render.NOT_SEARCHED``) and these documents are added to it after it is written, to
``search_index.json`` and to the offline plugin's copy for ``file://``, ``search_index.js``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from html import escape, unescape

from .practice import Practice
from .render import text

INDEX_PATH = "search/search_index.json"
OFFLINE_INDEX_PATH = "search/search_index.js"
OFFLINE_PREFIX = "var __index = "
WORDS_CLASS = "icp-search-words"
# lunr's English stop words: its default pipeline drops them from every document and query.
STOP_WORDS = frozenset("""
a able about across after all almost also am among an and any are as at be because been but by can
cannot could dear did do does either else ever every for from get got had has have he her hers him
his how however i if in into is it its just least let like likely may me might most must my neither
no nor not of off often on only or other our own rather said say says she should since so some than
that the their them then there these they this tis to too twas us wants was we were what when where
which while who whom why will with would yet you your
""".split())
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"<?\b(?:https?|ftp|mailto):[^\s>)]*>?")
_TAG = re.compile(r"<[^>]+>")
_ATTRIBUTES = re.compile(r"\{:?[^{}\n]*\}")
# Each pattern runs only where its marker shows it can match: most bodies are plain paragraphs.
_MARKUP = [("](", _MARKDOWN_LINK, r"\1"), (":", _URL, " "), ("<", _TAG, " "), ("{", _ATTRIBUTES, " ")]
# A token between Material's default separators for English, [\s\-]+, without what lunr's trimmer
# would take off its ends.
_WORD = re.compile(r"\w(?:[^\s\-]*\w)?")


def _text(value: str) -> str:
    """Escaped as Material's plugin escapes page text (quotes kept: lunr would index entities)."""
    return escape(value, quote=False)


def markdown_text(markdown: str) -> str:
    """The words a reader sees of a case's Markdown body: link texts without their addresses, no tags."""
    for marker, pattern, replacement in _MARKUP:
        if marker in markdown:
            markdown = pattern.sub(replacement, markdown)
    return unescape(markdown) if "&" in markdown else markdown


def words(*texts: str) -> list[str]:
    """Every word of the plain texts once, lower case, in order of first use, without lunr's stop words."""
    seen: dict[str, None] = {}
    for value in texts:
        seen.update(dict.fromkeys(_WORD.findall(value.lower())))
    return [word for word in seen if word not in STOP_WORDS]


def search_document(practice: Practice) -> dict:
    """The case's entry in Material's search index; its text is HTML, every piece escaped."""
    sources = [part for source in practice.sources for part in (source.title, source.publisher) if part]
    shown_words = set(words(practice.title, practice.summary, practice.city, practice.country))
    matched = [word for word in words(practice.subtitle or "", practice.organisation or "", practice.period or "",
                                      " ".join(practice.topics), markdown_text(practice.body), *sources)
               if word not in shown_words]
    shown = (f"<p>{_text(practice.summary)}</p>"
             f"<p>{_text(practice.city)} · {_text(practice.country)} · {practice.year}</p>")
    return {
        "location": practice.url,
        "title": text(practice.title),  # as Material's plugin has a page title: from render.front_matter
        "text": shown + f'<p class="{WORDS_CLASS}">{_text(" ".join(matched))}</p>',
    }


def add_to_search_index(site_dir: Path, practices) -> None:
    """Adds one document per case to the index Material's search plugin wrote (if it wrote one),
    and to the script the offline plugin made of it (if it made one), in the offline plugin's form."""
    path = site_dir / INDEX_PATH
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] += [search_document(practice) for practice in practices]
    data = json.dumps(index, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")
    script = site_dir / OFFLINE_INDEX_PATH
    if script.is_file():
        script.write_text(OFFLINE_PREFIX + data, encoding="utf-8")
