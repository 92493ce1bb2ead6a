"""datapackage.json: the Frictionless Data Package descriptor of practices.csv, checked by the
Frictionless Framework's own validator (frictionless-py, v1 tabular profile) on a real build, and its
constraints shown to bite: a country or a topic outside the vocabulary, a missing evidence or a
repeated slug in the table makes the package invalid."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from icp.publish.opendata import CSV_COLUMNS
from icp.site import Project

from conftest import ROOT

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def validate(folder: Path) -> dict:
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"], cwd=folder,
                            capture_output=True, text=True, timeout=300)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def package(built_site):
    return json.loads((built_site / "datapackage.json").read_text(encoding="utf-8"))


def test_the_package_describes_every_column_with_the_vocabulary(package):
    vocabulary = Project(ROOT).vocabulary()
    fields = {field["name"]: field for field in package["resources"][0]["schema"]["fields"]}
    assert list(fields) == list(CSV_COLUMNS)
    assert fields["country"]["constraints"]["enum"] == vocabulary.country_names
    assert fields["evidence"]["constraints"] == {"required": True, "enum": ["evaluated", "results reported", "none given"]}
    assert fields["year"]["type"] == "integer" and fields["lat"]["type"] == "number"
    assert all(topic in fields["topics"]["constraints"]["pattern"] for topic in ("Roma", "Education"))
    assert all(field["description"] for field in fields.values())


def test_frictionless_finds_the_site_s_package_valid(built_site):
    report = validate(built_site)
    assert report["valid"], json.dumps(report["tasks"][0]["errors"][:5], indent=1)
    assert report["tasks"][0]["stats"]["rows"] == len(Project(ROOT).load_index().practices)


@pytest.mark.parametrize("column, value, error", [
    ("country", "Narnia", "constraint-error"),
    ("topics", "Education | Astrology", "constraint-error"),
    ("evidence", "", "constraint-error"),
    ("year", "twenty ten", "type-error"),
    ("slug", None, "primary-key"),  # the first row's slug again
])
def test_a_table_outside_its_description_is_invalid(built_site, tmp_path, column, value, error):
    import csv
    import io

    shutil.copy(built_site / "datapackage.json", tmp_path / "datapackage.json")
    text = (built_site / "practices.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    at = rows[0].index(column)
    rows[2][at] = rows[1][at] if value is None else value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    (tmp_path / "practices.csv").write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    report = validate(tmp_path)
    assert not report["valid"]
    assert error in {item["type"] for item in report["tasks"][0]["errors"]}
