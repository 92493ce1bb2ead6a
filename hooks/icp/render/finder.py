"""The finder: one page that searches and filters the cases together, and the data it runs on.

The page lists the newest cases in plain HTML (it works without JavaScript, and links the topic,
country and year pages); its scripts then take over: the data script holds every case as a compact
row, and the search index (:mod:`icp.search.minisearch`, written by :meth:`icp.sitebuild.SiteBuild.finish`
once the hand-written pages it also holds are rendered) is built once, at build time. Both are
classic scripts, so the finder works from ``file://``. The map view is the home page's map
(:mod:`icp.render.casemap`) inline in the page; the downloads come from :mod:`icp.publish.records`, loaded when asked.
"""

from __future__ import annotations

from markupsafe import Markup

from icp import i18n, routes
from icp.body.convert import Heading
from icp.i18n import N_
from icp.i18n import gettext as _
from icp.index import PracticeIndex
from icp.publish import records
from icp.render.casemap import panel_html
from icp.render.facts import EVIDENCE_LABEL, NOT_GIVEN, YEAR_LABEL, card_facts, running_span, this_year
from icp.render.pages import GROUP_LABELS, NOT_SEARCHED, Cards, GeneratedPage, page
from icp.render.scriptdata import script_json
from icp.render.finder_text import finder_text
from icp.render.templating import render
from icp.search import minisearch

FIRST_RESULTS = 50
FINDER_TITLE = N_("Find practices")
DATA_SCRIPT = routes.FINDER_DATA
INDEX_SCRIPT = minisearch.SCRIPT_PATH
RECORDS_SCRIPT = records.SCRIPT_PATH
MAP_PANEL_ID = "icp-map"
# The finder's own scripts, in the order they must run; paths from the finder page. The cases
# (DATA_SCRIPT) and the search engine (ENGINE) are not among them: the page lists the first results
# and the menu's counts itself, so the scripts make the box and the menu work at once and load the
# cases, then the engine and the index, after that (finder.js).
SCRIPTS = (
    "../assets/javascripts/search-terms.js",
    "../assets/javascripts/finder/load.js",
    "../assets/javascripts/finder/state.js",
    "../assets/javascripts/finder/stems.js",
    "../assets/javascripts/finder/search.js",
    "../assets/javascripts/finder/filter.js",
    "../assets/javascripts/finder/view.js",
    "../assets/javascripts/finder/list.js",
    "../assets/javascripts/finder/cases.js",
    "../assets/javascripts/finder/layout.js",
    "../assets/javascripts/finder/map.js",
    "../assets/javascripts/finder/download.js",
    "../assets/javascripts/finder/finder.js",
)
# What a search needs beyond the index, in the order it must run (search.js loads it with the index).
ENGINE = (
    "../assets/vendor/minisearch/minisearch.min.js",
    "../assets/vendor/snowball/snowball.min.js",
)


# The menu's groups: the source site's three, then the evidence the sources give.
FINDER_GROUPS = (*PracticeIndex.GROUPS, "evidence")
# A case row of the finder's data, by column: the scripts read it by these names (data["row"]).
ROW = ("slug", "title", "city", "topics", "country", "year", "summary", "evidence", "start", "end", "facts", "language")
# The row's column of each menu group.
GROUP_COLUMNS = {"topics": "topics", "countries": "country", "years": "year", "languages": "language",
                 "evidence": "evidence"}


def to_root() -> str:
    """From the finder page of the current language to the site's root folder (its assets)."""
    return i18n.current().up


def scripts(listed: tuple[str, ...] = SCRIPTS) -> list[str]:
    """The finder's scripts as its page names them: its own language's data and index beside it, the
    shared code from the site's root."""
    return [to_root() + script if script.startswith("../") else script for script in listed]


def finder_page(index: PracticeIndex) -> GeneratedPage:
    groups = [{"key": GROUP_LABELS[group].key, "legend": GROUP_LABELS[group].legend, "entries": index.group(group)}
              for group in FINDER_GROUPS]
    spans = [running_span(practice) for practice in index.practices]
    first = min((span.start for span in spans if span is not None), default=this_year())
    html = render("finder.html", groups=groups, total=len(index.practices), first_year=first, last_year=this_year(),
                  shown=Cards().render(index.practices[:FIRST_RESULTS], "../"), scripts=scripts(),
                  meta=Markup(script_json(finder_meta(index))),
                  map_panel=Markup(panel_html(index, "index.html", panel_id=MAP_PANEL_ID, hidden=True)))
    # Hidden, but the theme's "Skip to content" link, the first stop of the keyboard, leads to the
    # first entry: the search box.
    toc = (Heading(2, "icp-q", _("Search")), Heading(2, "icp-results-heading", _("Results")))
    return page(_(FINDER_TITLE), html, toc=toc, hide=["navigation", "toc"], **NOT_SEARCHED)


def finder_meta(index: PracticeIndex) -> dict:
    """What the finder's scripts need before the cases, in the page itself (a JSON data block): the
    row's columns, the menu's groups and terms, the interface's words, where the cases
    (:data:`DATA_SCRIPT`), the search engine, the index and the records are, and how many cases there are."""
    return {
        "row": list(ROW),
        "groups": [
            {"key": GROUP_LABELS[group].key, "singular": _(GROUP_LABELS[group].singular), "column": GROUP_COLUMNS[group],
             "terms": [[entry.slug, i18n.term(entry.name)] for entry in index.group(group)]}
            for group in FINDER_GROUPS
        ],
        "facts": [_(fact.label) for fact in card_facts(index.practices[0])] if index.practices else [],
        "evidenceLabel": _(EVIDENCE_LABEL),
        "yearLabel": _(YEAR_LABEL),
        "notGiven": _(NOT_GIVEN),
        "language": i18n.current().code,
        "text": finder_text(),
        "total": len(index.practices),
        "data": DATA_SCRIPT.rsplit("/", 1)[-1],
        "engine": scripts(ENGINE),
        "index": INDEX_SCRIPT.rsplit("/", 1)[-1],
        "records": to_root() + ("../" + RECORDS_SCRIPT if to_root() else RECORDS_SCRIPT.rsplit("/", 1)[-1]),
    }


def finder_data(index: PracticeIndex) -> dict:
    """What the finder needs, compact: :func:`finder_meta`'s part, and each case as a row of indexes and text.
    A case's row number is its id in the search index. A row (its columns named by :data:`ROW`, which
    the data carries, as each group the name of its column): slug, title, city, topic indexes,
    country, year (an empty list when the sources give none) and evidence indexes, summary, the first and
    last year it ran (both null when no year is known; the last null: still running),
    then the card's facts but the evidence (:func:`icp.render.facts.card_facts`: null where not given, the
    trailing ones left out), and the index of the language it is written in (a term of the languages
    group: [code, name in the page's language])."""
    topic_position = {term.name: i for i, term in enumerate(index.vocabulary.topics)}
    country_position = {term.name: i for i, term in enumerate(index.vocabulary.countries)}
    year_position = {entry.name: i for i, entry in enumerate(index.years)}
    evidence_position = {entry.name: i for i, entry in enumerate(index.evidence)}
    language_position = {entry.slug: i for i, entry in enumerate(index.languages)}
    rows = []
    for practice in index.practices:
        span = running_span(practice)
        facts = [fact.value for fact in card_facts(practice) if fact.label != EVIDENCE_LABEL]
        while facts and facts[-1] is None:
            facts.pop()
        cells = {"slug": practice.slug, "title": practice.title, "city": practice.city,
                 "topics": [topic_position[name] for name in practice.topics],
                 "country": country_position[practice.country],
                 "year": year_position[str(practice.year)] if practice.year is not None else [],
                 "summary": practice.summary, "evidence": evidence_position[practice.evidence],
                 "start": span.start if span else None, "end": span.end if span else None, "facts": facts,
                 "language": language_position[practice.language]}
        rows.append([cells[name] for name in ROW])
    return {**finder_meta(index), "cases": rows}


def finder_data_script(index: PracticeIndex) -> str:
    return f"window.ICP_FINDER_DATA={script_json(finder_data(index))};\n"
