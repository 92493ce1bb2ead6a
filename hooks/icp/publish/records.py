"""The finder's downloads: every case as its row of ``practices.csv`` and its record of ``practices.json``.

The browser makes a download of the matching cases by picking rows from this script and joining
them, so the columns, the spreadsheet-safe cells and the licence are defined once, in
:mod:`icp.publish.opendata`. It is a classic script (the finder must work from ``file://``), loaded only
when a reader asks for a download, since at 10,000 cases it is the largest file of the site.
"""

from __future__ import annotations

from icp import routes
from icp.index import PracticeIndex
from icp.publish.opendata import LICENCE_NOTE, SITE_NAME, csv_head, csv_lines, csv_row, open_data_record
from icp.render.scriptdata import data_script

SCRIPT_PATH = routes.RECORDS
SCRIPT_GLOBAL = "ICP_RECORDS"


def records_payload(index: PracticeIndex) -> dict:
    """``rows`` in the finder's row order: [slug, CSV line, JSON record]; ``csvHead`` starts the CSV
    file (byte-order mark and header line), ``name`` and ``licence`` head the JSON document."""
    practices = index.practices
    lines = csv_lines([csv_row(practice) for practice in practices])
    return {
        "name": SITE_NAME,
        "licence": LICENCE_NOTE,
        "csvHead": csv_head(),
        "rows": [[practice.slug, line, open_data_record(practice)] for practice, line in zip(practices, lines)],
    }


def records_script(index: PracticeIndex) -> str:
    return data_script(SCRIPT_GLOBAL, records_payload(index))
