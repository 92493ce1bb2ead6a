"""Every address the site publishes, in one place: the pages, the data files, the feeds and scripts.

A page is named by its source path (``practices/index.md``), as the generator and a case body's links
name it; :func:`html` gives the address a reader's browser gets. Templates reach these names through
the ``routes`` global of the core's Jinja2 environment; the link checker accepts exactly
:func:`link_targets`.
"""

from __future__ import annotations

import posixpath
from math import ceil
from typing import Iterable

HOME = "index.md"
FINDER = "practices/index.md"
CONTRIBUTE = "contribute.md"
CODEBOOK = "codebook.md"
PROPOSE = "propose.md"
GROUPS = ("topics", "countries", "years", "languages")
CASE_FOLDER = "practices"
IMAGES = "practices/images"

PRACTICES_JSON = "practices.json"
PRACTICES_CSV = "practices.csv"
DATAPACKAGE = "datapackage.json"
SITE_FEED = "feed.xml"
FINDER_DATA = "practices/finder-data.js"
SEARCH_INDEX = "practices/search-index.js"
RECORDS = "practices/records.js"
PROPOSE_DATA = "propose-data.js"
OFFLINE_FOLDER = "download"

# A term page lists this many cases; past it, the list goes on at <slug>-2.md, <slug>-3.md, ...
PER_PAGE = 300


def search_index_part(group: int, body: bool) -> str:
    """A part of the finder's search index (icp.search.shards), beside it: a group's short fields or its body."""
    return f"{SEARCH_INDEX.removesuffix('.js')}-{group}{'-body' if body else ''}.js"


def html(page: str) -> str:
    """The address a page's source path is published at (``use_directory_urls: false``)."""
    return page[: -len(".md")] + ".html" if page.endswith(".md") else page


def case_page(slug: str) -> str:
    return f"{CASE_FOLDER}/{slug}.md"


def overview(group: str) -> str:
    return f"{group}/index.md"


def term_pages(group: str, slug: str, count: int) -> list[str]:
    """The page of a term of a menu, and its continuations when ``count`` cases overflow one."""
    pages = max(1, ceil(count / PER_PAGE))
    return [f"{group}/{slug}.md"] + [f"{group}/{slug}-{n}.md" for n in range(2, pages + 1)]


def correction_data(slug: str) -> str:
    """A case's values for "Suggest a correction" (a script the form page loads)."""
    return f"{CASE_FOLDER}/{slug}.propose.js"


def topic_feed(slug: str) -> str:
    return f"topics/{slug}.xml"


def image(name: str) -> str:
    return f"{IMAGES}/{name}"


def relative(target: str, *, start: str) -> str:
    """``target`` (a site path) as a relative link from the page published at ``start``."""
    return posixpath.relpath(html(target), posixpath.dirname(html(start)) or ".")


def generated_pages(*, case_slugs: Iterable[str], terms: dict[str, dict[str, int]],
                    languages: Iterable[str] = ()) -> set[str]:
    """The source path of every page the core makes: the cases, the finder, the codebook, Contribute,
    "Propose a practice", each menu's overview and each term's pages (``terms``: group -> term slug -> its
    number of cases), and the same below each of the other ``languages``' folders (``fr/...``)."""
    pages = {FINDER, CODEBOOK, CONTRIBUTE, PROPOSE, *(case_page(slug) for slug in case_slugs)}
    for group in GROUPS:
        pages.add(overview(group))
        for slug, count in terms.get(group, {}).items():
            pages.update(term_pages(group, slug, count))
    return pages | {f"{code}/{page}" for code in languages for page in pages}


def data_files(*, topic_slugs: Iterable[str], languages: Iterable[str] = ()) -> set[str]:
    """The open data (once, at the root) and the feeds (in every language's folder; the finder's scripts
    aside: no page links to them)."""
    feeds = {SITE_FEED, *(topic_feed(slug) for slug in topic_slugs)}
    return {PRACTICES_JSON, PRACTICES_CSV, DATAPACKAGE, *feeds} | {f"{code}/{feed}" for code in languages for feed in feeds}


def link_targets(*, handwritten: Iterable[str], case_slugs: Iterable[str],
                 terms: dict[str, dict[str, int]], languages: Iterable[str] = ()) -> set[str]:
    """What a case body may link to: every page the site publishes (by its source path, in every
    language: ``languages`` are the codes of those but English), the open data and the feeds."""
    languages = tuple(languages)
    return (set(handwritten) | generated_pages(case_slugs=case_slugs, terms=terms, languages=languages)
            | data_files(topic_slugs=terms.get("topics", {}), languages=languages))


def for_templates() -> dict[str, str]:
    """The published addresses the generator's own templates link to (header, footer, 404 page)."""
    return {"finder": html(FINDER), "contribute": html(CONTRIBUTE), "codebook": html(CODEBOOK), "propose": html(PROPOSE),
            "practices_json": PRACTICES_JSON, "practices_csv": PRACTICES_CSV, "feed": SITE_FEED}
