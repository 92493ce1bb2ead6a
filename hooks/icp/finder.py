"""The finder: one page that searches and filters the cases together, and the data it runs on."""

from __future__ import annotations

import json

from .index import PracticeIndex
from .pages import GROUP_LABELS, NOT_SEARCHED, GeneratedPage, page
from .templating import render

FILTER_FIRST_RESULTS = 50
MENU_LEGENDS = {"topics": "Topic", "countries": "Countries", "years": "Year"}
DATA_SCRIPT = "practices/filter-data.js"


def finder_page(index: PracticeIndex) -> GeneratedPage:
    groups = [{"key": GROUP_LABELS[group][2], "legend": MENU_LEGENDS[group], "entries": index.group(group)}
              for group in PracticeIndex.GROUPS]
    html = render("finder.html", groups=groups, total=len(index.practices),
                  shown=index.practices[:FILTER_FIRST_RESULTS])
    return page("Browse practices", html, hide=["toc"], **NOT_SEARCHED)


def script_json(value: object) -> str:
    """JSON that is safe inside a script: no character from a case can close or break it."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def excerpt(summary: str, limit: int = 90) -> str:
    if len(summary) <= limit:
        return summary
    cut = summary[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "…"


def filter_data(index: PracticeIndex) -> dict:
    """What the filter page needs, compact: terms once, each case as a row of indexes."""
    topic_position = {term.name: i for i, term in enumerate(index.vocabulary.topics)}
    country_position = {term.name: i for i, term in enumerate(index.vocabulary.countries)}
    year_position = {entry.name: i for i, entry in enumerate(index.years)}
    return {
        "groups": [
            {"key": GROUP_LABELS[group][2], "terms": [[entry.slug, entry.name] for entry in index.group(group)]}
            for group in PracticeIndex.GROUPS
        ],
        "cases": [
            [
                practice.slug,
                practice.title,
                practice.city,
                [topic_position[name] for name in practice.topics],
                country_position[practice.country],
                year_position[str(practice.year)],
                excerpt(practice.summary),
            ]
            for practice in index.practices
        ],
    }


def finder_data_script(index: PracticeIndex) -> str:
    return f"window.ICP_FILTER_DATA={script_json(filter_data(index))};\n"


