"""Any value of any YAML type in any field gets one message naming file, line, field and fix.

Each value of each kind (nothing, true/false, numbers, text, dates, lists, mappings, nested,
empty, huge) goes into each field of a valid case (top-level keys, a source's keys, an unknown
key), one case file each. The real validator (``scripts/validate.py``, as the pre-commit hook runs
it too) and a real ``mkdocs build`` are run on all of them at once: every file is refused with one
message a field and no traceback, and the refused build leaves the earlier site byte for byte.
The preview server is driven by tests/test_fuzz_front_matter.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from front_matter_values import FIELDS, FIX, SOURCE_FIELDS, Edit, FrontMatter

from conftest import ROOT, copy_project, earlier_site, mkdocs_build, write_case
from test_attacks import snapshot
from test_validate import run_validator

# Values of every kind, by name; each is put into every field below.
VALUES = {
    "nothing": None, "true": True, "false": False, "zero": 0, "whole": 5, "negative": -40, "decimal": 1.5,
    "huge-whole": 10 ** 30, "empty-text": "", "blank-text": "   ", "date-text": "2016-05-01",
    "huge-text": "word " * 500, "list": ["Denmark"], "list-of-two": ["Education", 2010], "empty-list": [],
    "list-with-nothing": ["Education", None], "mapping": {"name": "Oslo"}, "empty-mapping": {},
    "nested": [[{"a": [1]}]], "long-list": list(range(60)),
}
# The lines an editor types that PyYAML never writes.
TYPED = {"blank": "", "empty-item": "\n  - Education\n  -", "flow-empty-item": "[Education, , Refugees]",
         "issue-topics": "[Education, 2010]", "issue-country": "[Denmark]", "timestamp": "2016-05-01 10:00:00"}
PLACES = [*FIELDS, *(f"sources[0].{key}" for key in SOURCE_FIELDS), "+organization", "+notes", "sources[0].+pages"]
# The examples an editor hit first (issue 15), as written.
ISSUE = {"country-blank": ("country", ""), "country-number": ("country", "5"), "country-list": ("country", "[Denmark]"),
         "topics-number": ("topics", "[Education, 2010]"), "topics-empty-item": ("topics", "\n  - Education\n  -")}


def _edit(place: str, value=None, typed: str | None = None) -> Edit:
    if place.startswith("sources[0].+"):
        place = "sources[0]." + place.split("+", 1)[1]
    return Edit(place, value, typed)


def matrix() -> dict[str, str]:
    """Every value in every place, as case files by name."""
    cases = {}
    for place in PLACES:
        slug = re.sub(r"[^a-z0-9]+", "-", place.lower()).strip("-")
        for name, value in VALUES.items():
            cases[f"{slug}-{name}"] = FrontMatter((_edit(place, value),), False, True).case()
        if not place.startswith(("+", "sources")):
            for name, typed in TYPED.items():
                cases[f"{slug}-typed-{name}"] = FrontMatter((Edit(place, typed=typed),), False, True).case()
    for name, (place, typed) in ISSUE.items():
        cases[f"issue-{name}"] = FrontMatter((Edit(place, typed=typed),), False, True).case()
    return cases


MATRIX = matrix()
# Text a text field takes: a date, and a whole number too long to be a number (more than 15 digits: text);
# a list of one text in the lists of names; an empty list of the optional lists; evaluation: false.
# A contact refuses the date (it looks like a phone number), status_date anything without a status.
_TEXT_FIELDS = ("budget", "city", "organisation", "period", "subtitle", "summary", "title")
ACCEPTED = sorted([*(f"{field}-{value}" for field in _TEXT_FIELDS for value in ("date-text", "huge-whole", "typed-timestamp")),
                   *(f"sources-0-{field}-{value}" for field in ("date", "publisher", "reference", "title")
                     for value in ("date-text", "huge-whole")),
                   *(f"{field}-{value}" for field in ("partners", "target-groups") for value in ("list", "typed-issue-country")),
                   "related-empty-list", "sources-empty-list", "sources-0-evaluation-false"])


LINE = re.compile(r"^(?P<path>practices/[^:]+\.md):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


def tell(printed: str) -> dict[str, list[re.Match]]:
    """The validator's lines by the case they name; fails on any line that does not name file, line and field."""
    told: dict[str, list[re.Match]] = {}
    for line in printed.splitlines():
        if not line or re.fullmatch(r"\d+ problem\(s\) in .*\.", line):
            continue
        match = LINE.match(line)
        assert match, f"a line without file, line and field: {line!r}"
        told.setdefault(Path(match["path"]).stem, []).append(match)
    return told


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("any-value") / "project")
    for name, text in MATRIX.items():
        (root / "practices" / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def test_every_value_in_every_field_gets_one_message_with_the_fix(project):
    result = run_validator(project)
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr[-3000:]
    told = tell(result.stderr)
    accepted = sorted(set(MATRIX) - set(told))
    for name, lines in told.items():
        fields = [line["field"] for line in lines]
        assert len(fields) == len(set(fields)), f"{name}: more than one message for a field: {fields}"
        for line in lines:
            assert FIX.search(line["message"]), f"{name}: no fix in {line.group()!r}"
            assert "checker failed" not in line["message"], line.group()
    assert accepted == ACCEPTED, accepted
    print(f"\nvalidator: {len(MATRIX)} inputs, {len(told)} refused with a message, {len(accepted)} accepted, 0 crashes")


@pytest.mark.parametrize("name, field, message", [
    ("issue-country-blank", "country", "expected text, found nothing; fill it in, e.g. country: Denmark"),
    ("issue-country-number", "country", "expected text, found the number 5; write one of the countries in "
                                        "practices/taxonomy.yml, e.g. country: Denmark"),
    ("issue-country-list", "country", "expected text, found a list; write it without the brackets: country: Denmark"),
    ("issue-topics-number", "topics[1]", "expected text, found the number 2010; write a topic from "
                                         "practices/taxonomy.yml, e.g. topics: [Education, Refugees]"),
    ("issue-topics-empty-item", "topics[1]", "expected text, found nothing; fill it in or remove the empty item "
                                             "(a '-' or ',' with nothing after it)"),
])
def test_the_first_slips_of_an_editor_through_the_pre_commit_hook(project, name, field, message):
    """The pre-commit hook runs the validator on the changed files: each of these used to stop it with a TypeError."""
    result = run_validator(project, project / "practices" / f"{name}.md")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = tell(result.stderr)[name]
    assert (line["field"], line["message"]) == (field, message)
    assert result.stderr.splitlines()[-1] == "1 problem(s) in 1 of 1 case file(s)."


def test_a_build_refuses_them_all_and_keeps_the_earlier_site(built_site, tmp_path):
    project = copy_project(tmp_path / "project")
    site = earlier_site(built_site, tmp_path / "site")
    before = snapshot(site)
    for name in (*(f"issue-{name}" for name in ISSUE), "country-nested", "sources-0-url-mapping", "notes-huge-whole"):
        (project / "practices" / f"{name}.md").write_text(MATRIX[name], encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    told = tell("\n".join(line.strip() for line in result.stderr.splitlines() if line.startswith("  practices/")))
    assert sorted(told) == sorted(["country-nested", "notes-huge-whole", "sources-0-url-mapping",
                                   *(f"issue-{name}" for name in ISSUE)])
    assert "8 problem(s) in 8 case file(s); nothing was built" in result.stderr
    assert snapshot(site) == before


def test_the_summary_counts_case_files_and_other_files_apart(project_copy):
    write_case(project_copy.practices_dir, "oslo-good")
    write_case(project_copy.practices_dir, "oslo-broken", country="Norwey")
    images = project_copy.practices_dir / "images"
    images.mkdir()
    for number in range(3):
        (images / f"photo-{number}.png").write_bytes(b"not a png")
    (project_copy.practices_dir / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    result = run_validator(project_copy.root)
    assert result.stderr.splitlines()[-1] == "5 problem(s) in 1 of 2 case file(s) and 4 other file(s) in practices/."


@pytest.mark.parametrize("name, what", [
    (".DS_Store", "a file macOS's Finder leaves"), ("Thumbs.db", "a file Windows' Explorer leaves"),
    (".oslo-good.md.swp", "Vim's swap file"), ("oslo-good.md~", "an editor's backup of the file"),
    (".#oslo-good.md", "Emacs's lock file"), ("#oslo-good.md#", "Emacs's auto-save file"),
    ("._oslo-good.md", "a resource file macOS leaves"),
])
def test_editor_litter_is_reported_with_what_it_is(project_copy, name, what):
    write_case(project_copy.practices_dir, "oslo-good")
    (project_copy.practices_dir / name).write_text("litter", encoding="utf-8")
    result = run_validator(project_copy.root)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"practices/{name}: file: '{name}' is {what}" + result.stderr.splitlines()[0].split(what, 1)[1])
    assert "delete it (close the file in the editor first) and do not commit it" in result.stderr
    assert result.stderr.splitlines()[-1] == "1 problem(s) in 1 other file(s) in practices/."


SCAFFOLD = ROOT / "scripts" / "new_practice.py"


@pytest.mark.parametrize("options, message", [
    (["--city", "\x1b[2J"], "--city: '\\u001b[2J' holds the invisible control character U+001B; remove it"),
    (["--city", "Oslo", "--title", "Desk\u202eksed"], "--title: 'Desk\\u202eksed' holds the bidirectional control"),
    (["--city", ".", "--title", "."], "file name: the city '.' and the title '.' have no letters or digits to name "
                                      "the file after; give them in words, e.g. --city Oslo --title 'Welcome desk'"),
    (["--city", "-", "--title", "—"], "file name: the city '-' and the title '—' have no letters or digits"),
])
def test_the_scaffold_refuses_control_characters_and_names_without_letters(project_copy, options, message):
    result = subprocess.run([sys.executable, str(SCAFFOLD), "--root", str(project_copy.root), "--country", "Norway",
                             "--year", "2010", "--topics", "Education", *options],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(message), result.stderr
    assert "\x1b" not in result.stderr and list(project_copy.practices_dir.glob("*.md")) == []
