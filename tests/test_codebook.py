"""The open-data codebook and the files it describes, read from real builds."""

from __future__ import annotations

import copy
import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from icp.render import codebook

from conftest import ROOT, copy_project, mkdocs_build, write_case

FORMULA = '=HYPERLINK("http://x")'
TWO_SOURCES = """---
title: Two sources, one with an address
city: Bergen
country: Norway
year: 2015
topics: [Education]
summary: A case whose first source has no address and whose second has one.
sources:
  - title: A printed memo
    publisher: The city
  - title: A web page
    url: https://example.org/page
    evaluation: true
evidence: evaluated
status: ended
status_date: "2017"
partners: [Red Cross Norway, Bergen public library]
target_groups: [newly arrived refugees]
budget: "NOK 1 million (2016)"
---

A body.
"""


class Rows(HTMLParser):
    """Each table row's id and its cells' text, and every link of the page's content."""

    def __init__(self):
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self.order: list[str] = []
        self.links: list[str] = []
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and attrs.get("id"):
            self._row = attrs["id"]
            self.rows[self._row] = []
            self.order.append(self._row)
        elif tag in ("th", "td") and self._row:
            self._cell = ""
        elif tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._row and self._cell is not None:
            self.rows[self._row].append(" ".join(self._cell.split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def rows_of(path: Path) -> Rows:
    parser = Rows()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def csv_rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff"), "the CSV starts with a byte-order mark"
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_every_schema_field_and_csv_column_is_in_the_codebook(built_site):
    schema = json.loads((ROOT / "practices" / "practice.schema.json").read_text(encoding="utf-8"))
    page = rows_of(built_site / "codebook.html")
    for name, spec in schema["properties"].items():
        field_name, required, kind, rules, holds = page.rows[f"field-{name}"]
        assert field_name == name
        assert required == ("yes" if name in schema["required"] else "no")
        assert kind and rules and holds.startswith(spec["description"])
    for name, spec in schema["properties"]["sources"]["items"]["properties"].items():
        field_name, required, _, _, holds = page.rows[f"source-field-{name}"]
        assert (field_name, required) == (name, "yes" if name == "title" else "no")
        assert holds.startswith(spec["description"])
    with (built_site / "practices.csv").open(encoding="utf-8", newline="") as file:
        assert file.read(1) == "\ufeff"
        header = next(csv.reader(file))
    assert [row.removeprefix("column-") for row in page.order if row.startswith("column-")] == header
    assert all(page.rows[f"column-{column}"][1] for column in header)
    assert 'as in "Title <https://example.org/page>"' in page.rows["column-sources"][1]


def test_the_codebook_links_to_the_files_and_about_links_to_it(built_site):
    page = built_site / "codebook.html"
    targets = {Path(urljoin(page.as_uri(), href).removeprefix("file://")) for href in rows_of(page).links}
    assert {built_site / "practices.json", built_site / "practices.csv"} <= targets
    about = built_site / "about.html"
    from_about = {Path(urljoin(about.as_uri(), href).removeprefix("file://")) for href in rows_of(about).links}
    assert {built_site / "codebook.html", built_site / "feed.xml"} <= from_about
    text = page.read_text(encoding="utf-8")
    assert "the sources do not give it" in text


@pytest.mark.parametrize("code, title, required", [("fr", "Dictionnaire des données ouvertes", "oui"),
                                                    ("da", "Kodebog for de åbne data", "ja")])
def test_the_codebook_in_french_and_danish_is_in_its_language_and_links_to_the_files(built_site, code, title, required):
    from icp import i18n

    language = next(language for language in i18n.languages() if language.code == code)
    schema = json.loads((ROOT / "practices" / "practice.schema.json").read_text(encoding="utf-8"))
    page = built_site / code / "codebook.html"
    rows = rows_of(page)
    text = page.read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in text and "the sources do not give it" not in text
    described = schema["properties"]["city"]["description"]
    translated = language.translations.gettext(described)
    assert translated != described and rows.rows["field-city"][4].startswith(translated)
    assert rows.rows["field-title"][1] == required
    targets = {Path(urljoin(page.as_uri(), href).removeprefix("file://")) for href in rows.links}
    assert {built_site / "practices.json", built_site / "practices.csv"} <= targets
    about = built_site / code / "about.html"
    from_about = {Path(urljoin(about.as_uri(), href).removeprefix("file://")) for href in rows_of(about).links}
    assert page in from_about


def test_csv_and_json_from_a_built_copy_keep_formulas_inert_and_missing_values_missing(tmp_path):
    project = copy_project(tmp_path / "project")
    write_case(project / "practices", "oslo-formula", title="'" + FORMULA + "'", summary="'@SUM(1+1)'")
    (project / "practices" / "bergen-two-sources.md").write_text(TWO_SOURCES, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    rows = {row["slug"]: row for row in csv_rows(site / "practices.csv")}
    assert list(rows["oslo-formula"]) == list(codebook.CSV_COLUMNS)
    assert rows["oslo-formula"]["title"] == "'" + FORMULA
    assert rows["oslo-formula"]["summary"] == "'@SUM(1+1)"
    assert rows["oslo-formula"]["organisation"] == "" and rows["oslo-formula"]["sources"] == ""
    records = {record["slug"]: record for record in json.loads((site / "practices.json").read_text("utf-8"))["practices"]}
    assert records["oslo-formula"]["title"] == FORMULA
    assert "organisation" not in records["oslo-formula"] and "sources" not in records["oslo-formula"]
    assert records["oslo-formula"]["text"] == "## Summary\n\n'@SUM(1+1)'"
    bergen = rows["bergen-two-sources"]
    assert bergen["sources"] == "A printed memo; A web page <https://example.org/page>"
    assert records["bergen-two-sources"]["text"] == "A body."
    assert [bergen[key] for key in ("evidence", "status", "status_date", "partners", "target_groups", "budget")] == [
        "evaluated", "ended", "2017", "Red Cross Norway | Bergen public library", "newly arrived refugees",
        "NOK 1 million (2016)"]
    assert records["bergen-two-sources"]["partners"] == ["Red Cross Norway", "Bergen public library"]
    assert records["bergen-two-sources"]["sources"][1]["evaluation"] is True
    assert records["oslo-formula"]["evidence"] == "none given" and "status" not in records["oslo-formula"]
    assert rows["oslo-formula"]["status"] == rows["oslo-formula"]["partners"] == ""


def test_schema_text_is_escaped(real_index):
    schema = json.loads((ROOT / "practices" / "practice.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["city"]["description"] = "<script>alert(1)</script> & co"
    html = codebook.codebook_page(schema, real_index.vocabulary).markdown
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_a_rule_the_codebook_cannot_word_stops_the_build(real_index, monkeypatch):
    schema = json.loads((ROOT / "practices" / "practice.schema.json").read_text(encoding="utf-8"))
    changed = copy.deepcopy(schema)
    changed["properties"]["city"]["format"] = "hostname"
    with pytest.raises(codebook.UnknownKeyword, match="format"):
        codebook.codebook_page(changed, real_index.vocabulary)
    monkeypatch.setattr(codebook, "CSV_COLUMNS", (*codebook.CSV_COLUMNS, "mystery"))
    with pytest.raises(KeyError, match="mystery"):
        codebook.codebook_page(schema, real_index.vocabulary)
