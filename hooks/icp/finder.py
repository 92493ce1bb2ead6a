"""The finder: one page that searches and filters the cases together, and the data it runs on.

The page lists the newest cases in plain HTML (it works without JavaScript, and links the topic,
country and year pages); its scripts then take over: the data script holds every case as a compact
row, and the search index (:mod:`icp.searchindex`, written by :meth:`icp.sitebuild.SiteBuild.finish`
once the hand-written pages it also holds are rendered) is built once, at build time. Both are
classic scripts, so the finder works from ``file://``. The map view is the home page's map
(:mod:`icp.casemap`) inline in the page; the downloads come from :mod:`icp.records`, loaded when asked.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from . import records, searchindex
from .casemap import panel_html
from .body import Heading
from .index import PracticeIndex
from .pages import Cards, GROUP_LABELS, NOT_SEARCHED, GeneratedPage, page
from .templating import render

FIRST_RESULTS = 50
DATA_SCRIPT = "practices/finder-data.js"
INDEX_SCRIPT = searchindex.SCRIPT_PATH
RECORDS_SCRIPT = records.SCRIPT_PATH
MAP_PANEL_ID = "icp-map"
# The finder's own scripts, in the order they must run; paths from the finder page.
SCRIPTS = (
    "finder-data.js",
    "../assets/vendor/minisearch/minisearch.js",
    "../assets/javascripts/search-terms.js",
    "../assets/javascripts/finder/state.js",
    "../assets/javascripts/finder/search.js",
    "../assets/javascripts/finder/view.js",
    "../assets/javascripts/finder/map.js",
    "../assets/javascripts/finder/download.js",
    "../assets/javascripts/finder/finder.js",
)


def finder_page(index: PracticeIndex) -> GeneratedPage:
    groups = [{"key": GROUP_LABELS[group].key, "legend": GROUP_LABELS[group].legend, "entries": index.group(group)}
              for group in PracticeIndex.GROUPS]
    html = render("finder.html", groups=groups, total=len(index.practices),
                  shown=Cards().render(index.practices[:FIRST_RESULTS], "../"), scripts=SCRIPTS,
                  map_panel=Markup(panel_html(index, "index.html", panel_id=MAP_PANEL_ID, hidden=True)))
    # Hidden, but the theme's "Skip to content" link, the first stop of the keyboard, leads to the
    # first entry: the search box.
    toc = (Heading(2, "icp-q", "Search"), Heading(2, "icp-results-heading", "Results"))
    return page("Find practices", html, toc=toc, hide=["navigation", "toc"], **NOT_SEARCHED)


def script_json(value: object) -> str:
    """JSON that is safe inside a script: no character from a case can close or break it."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def finder_data(index: PracticeIndex) -> dict:
    """What the finder needs, compact: the menu's terms once, each case as a row of indexes and text.
    A case's row number is its id in the search index."""
    topic_position = {term.name: i for i, term in enumerate(index.vocabulary.topics)}
    country_position = {term.name: i for i, term in enumerate(index.vocabulary.countries)}
    year_position = {entry.name: i for i, entry in enumerate(index.years)}
    return {
        "groups": [
            {"key": GROUP_LABELS[group].key, "singular": GROUP_LABELS[group].singular,
             "terms": [[entry.slug, entry.name] for entry in index.group(group)]}
            for group in PracticeIndex.GROUPS
        ],
        "cases": [
            [practice.slug, practice.title, practice.city, [topic_position[name] for name in practice.topics],
             country_position[practice.country], year_position[str(practice.year)], practice.summary]
            for practice in index.practices
        ],
        "index": INDEX_SCRIPT.rsplit("/", 1)[-1],
        "records": RECORDS_SCRIPT.rsplit("/", 1)[-1],
    }


def finder_data_script(index: PracticeIndex) -> str:
    return f"window.ICP_FINDER_DATA={script_json(finder_data(index))};\n"
