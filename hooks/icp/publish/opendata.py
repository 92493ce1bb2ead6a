"""The cases as open data: ``practices.json`` and ``practices.csv``.

Both carry every field of every case and the licence. The CSV opens correctly in a spreadsheet when
double-clicked (UTF-8 with a byte-order mark), and no cell can run as a formula there: text that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (after any spaces or line breaks)
gets a leading apostrophe, as OWASP's guidance on CSV injection says. The JSON is always valid JSON (no NaN or Infinity).
"""

from __future__ import annotations

import csv
import io
import json

from icp.i18n import N_
from icp.index import PracticeIndex
from icp.practice import Practice

SITE_NAME = "Intercultural City Practices"
CASE_LICENCE = "CC BY 4.0"
CASE_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# The files carry the note in English; the codebook shows it in the page's language.
LICENCE_WORDING = N_("Case texts: {licence} ({address}), {site}. The facts come from the sources each case cites; "
                     "the source documents belong to their publishers.")
LICENCE_NOTE = LICENCE_WORDING.format(licence=CASE_LICENCE, address=CASE_LICENCE_URL, site=SITE_NAME)
LIST_SEPARATOR = " | "
SOURCE_SEPARATOR = "; "
CSV_COLUMNS = ("slug", "url", "title", "subtitle", "city", "country", "year", "topics", "summary",
               "organisation", "period", "status", "status_date", "partners", "target_groups", "evidence", "budget",
               "contact", "sources", "related", "language", "translations", "lat", "lon", "licence")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def open_data_record(practice: Practice) -> dict:
    """A case as published: its front matter (with its language, English when the file leaves it out, and
    every translation the build links it to), its slug, its page's address and its text (the body as its
    file gives it, in Markdown)."""
    return {**practice.front_matter(), "language": practice.language, "translations": list(practice.translations),
            "slug": practice.slug, "url": practice.url, "text": practice.body.strip()}


def sources_cell(practice: Practice) -> str:
    """Every source in one cell: "title <address>; title; ..." (a source without an address: its title)."""
    return SOURCE_SEPARATOR.join(f"{source.title} <{source.url}>" if source.url else source.title
                                 for source in practice.sources)


def practices_json(index: PracticeIndex) -> str:
    """One case a line: readable, and written by the JSON encoder's fast path (an indented document
    takes Python's slow one, a second at 10,000 cases)."""
    head = json.dumps({"name": SITE_NAME, "licence": LICENCE_NOTE}, ensure_ascii=False)[:-1]
    records = ",\n".join(json.dumps(open_data_record(practice), ensure_ascii=False, allow_nan=False)
                         for practice in index.practices)
    return f'{head}, "practices": [\n{records}\n]}}\n'



def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows as text, never evaluates (OWASP: prefix a single quote). Spaces and
    line breaks before the formula do not save it: some spreadsheets trim them first."""
    return "'" + text if text.lstrip(" \n\u00a0").startswith(_FORMULA_START) else text


def csv_row(practice: Practice) -> list[str]:
    """One case as CSV cells; lists joined with ' | ', the sources in one cell (:func:`sources_cell`)."""
    texts = {
        "slug": practice.slug, "url": practice.url, "title": practice.title, "subtitle": practice.subtitle,
        "city": practice.city, "country": practice.country, "topics": LIST_SEPARATOR.join(practice.topics),
        "summary": practice.summary, "organisation": practice.organisation, "period": practice.period,
        "contact": practice.contact, "related": LIST_SEPARATOR.join(practice.related), "licence": CASE_LICENCE,
        "status": practice.status, "status_date": practice.status_date, "evidence": practice.evidence,
        "partners": LIST_SEPARATOR.join(practice.partners), "target_groups": LIST_SEPARATOR.join(practice.target_groups),
        "budget": practice.budget, "sources": sources_cell(practice), "language": practice.language,
        "translations": LIST_SEPARATOR.join(practice.translations),
    }
    numbers = {"year": practice.year, "lat": practice.lat, "lon": practice.lon}
    return [spreadsheet_safe(texts[column] or "") if column in texts
            else ("" if numbers[column] is None else repr(numbers[column])) for column in CSV_COLUMNS]


def csv_lines(rows) -> list[str]:
    """Each row as its line of ``practices.csv`` (quoted as needed, CRLF): the finder's downloads
    (:mod:`icp.publish.records`) join the same lines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    lines = []
    for row in rows:
        writer.writerow(row)
        lines.append(out.getvalue())
        out.seek(0)
        out.truncate()
    return lines


def csv_head() -> str:
    """What starts the CSV file: a byte-order mark (a spreadsheet then reads UTF-8) and the header line."""
    return "\ufeff" + csv_lines([CSV_COLUMNS])[0]


def practices_csv(index: PracticeIndex) -> str:
    return csv_head() + "".join(csv_lines(csv_row(practice) for practice in index.practices))
