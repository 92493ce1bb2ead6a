"""scripts/new_practice.py: a new case with every section, refused with the validator's own messages."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build, write_case
from icp.scaffold import SECTIONS, split_topics, slug_for
from icp.site import Project
from test_validate import EXPECTED, run_validator

SCAFFOLD = ROOT / "scripts" / "new_practice.py"
OPTIONS = ["--city", "Tromsø", "--country", "Norway", "--year", "2019",
           "--topics", "Culture, Leisure and Heritage,Education", "--topics", "Refugees",
           "--title", "Arctic welcome: a library for newcomers"]
SLUG = "tromso-arctic-welcome-a-library-for-newcomers"


def scaffold(root: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCAFFOLD), "--root", str(root), *options],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


def fill_summary(path: Path, summary: str = "A public library that runs a welcome desk for newcomers.",
                 evidence: str = "none given") -> None:
    """Fill in what the scaffold leaves to the editor: the summary and the evidence."""
    text = path.read_text(encoding="utf-8").replace("summary: ''", f"summary: {summary}")
    path.write_text(text.replace("evidence: ''", f"evidence: {evidence}"), encoding="utf-8")


def test_its_file_fails_only_for_the_empty_summary_and_evidence_then_passes(project_copy):
    result = scaffold(project_copy.root, *OPTIONS)
    assert result.returncode == 0, result.stderr
    path = project_copy.practices_dir / f"{SLUG}.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=practice.schema.json\n")
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == [name for name, _ in SECTIONS]
    checked = run_validator(project_copy.root)
    assert checked.returncode == 1
    assert checked.stderr.splitlines()[:2] == [
        f"practices/{SLUG}.md:13: summary: is empty; fill it in",
        f"practices/{SLUG}.md:18: evidence: is empty; write exactly one of 'evaluated', 'results reported', "
        "'none given' ('evaluated': a source is an evaluation, marked evaluation: true; 'results reported': a "
        "source gives outcomes or figures; 'none given': no source gives results)"]
    assert checked.stderr.count("\n") == 4  # those problems, a blank line and the count
    fill_summary(path)
    checked = run_validator(project_copy.root)
    assert checked.returncode == 0, checked.stderr
    meta = Project(project_copy.root).load_index().by_slug[SLUG]
    assert meta.topics == ("Culture, Leisure and Heritage", "Education", "Refugees")
    assert (meta.city, meta.country, meta.year) == ("Tromsø", "Norway", 2019)


def message_of(expected_line: str) -> str:
    """A validator line without its 'path:line: ' prefix, the way the scaffold prints it."""
    return re.sub(r"^\S+?:\d+: ", "", expected_line)


def test_an_unknown_term_gets_the_validators_message(project_copy):
    result = scaffold(project_copy.root, "--city", "Oslo", "--country", "Norwey", "--year", "2010",
                      "--topics", "Refugees,Educaton")
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        message_of(EXPECTED["unknown-country.md"][0]), message_of(EXPECTED["unknown-topic.md"][0])]
    assert list(project_copy.practices_dir.glob("*.md")) == []


def test_an_existing_slug_is_refused_and_left_alone(project_copy):
    existing = write_case(project_copy.practices_dir, SLUG)
    before = existing.read_bytes()
    result = scaffold(project_copy.root, *OPTIONS)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"file name: '{SLUG}.md' already exists; edit that file, or choose another title")
    assert existing.read_bytes() == before


def test_missing_options_without_a_terminal_are_an_error(project_copy):
    result = scaffold(project_copy.root, "--city", "Oslo")
    assert result.returncode == 2
    assert result.stderr == ("missing --country, --year, --topics (give them as options, "
                             "or run this in a terminal to be asked)\n")


def test_in_a_terminal_it_asks_for_what_is_missing(project_copy):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, str(SCAFFOLD), "--root", str(project_copy.root), "--city", "Oslo"])
    answers = iter(["Norway", "2012", "Roma, Refugees", ""])
    output = b""
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if output.rstrip().endswith(b":"):
            os.write(fd, (next(answers, "") + "\n").encode())
            output += b"\n"
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output.decode()
    path = project_copy.practices_dir / "oslo-roma.md"
    assert "Wrote practices/oslo-roma.md" in output.decode()
    text = path.read_text(encoding="utf-8")
    assert "title: 'Oslo: Roma'\n" in text and "topics:\n- Roma\n- Refugees\n" in text and "year: 2012\n" in text


@pytest.mark.parametrize("values, topics", [
    (["Education"], ["Education"]),
    (["Education,Refugees"], ["Education", "Refugees"]),
    (["Culture, Leisure and Heritage"], ["Culture, Leisure and Heritage"]),
    (["Roma, Culture, Leisure and Heritage", "Refugees"], ["Roma", "Culture, Leisure and Heritage", "Refugees"]),
    (["Educaton, Roma"], ["Educaton", "Roma"]),
])
def test_topics_as_repeated_options_or_comma_lists(values, topics):
    assert split_topics(values, Project(ROOT).vocabulary()) == topics


@pytest.mark.parametrize("city, title, slug", [
    ("Oslo", "OXLO: Oslo Extra Large", "oslo-oxlo-oslo-extra-large"),
    ("Oslo", "Oslo welcome desk", "oslo-welcome-desk"),
    ("Tromsø", "Arctic welcome", "tromso-arctic-welcome"),
])
def test_the_slug_is_city_then_title(city, title, slug):
    assert slug_for(city, title) == slug


def test_a_scaffolded_case_builds_into_every_listing(tmp_path):
    project = copy_project(tmp_path / "project")
    result = scaffold(project, *OPTIONS)
    assert result.returncode == 0, result.stderr
    fill_summary(project / "practices" / f"{SLUG}.md")
    site = tmp_path / "site"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr
    link = f'href="../practices/{SLUG}.html"'
    for listing in ("topics/culture-leisure-and-heritage.html", "topics/education.html", "topics/refugees.html",
                    "countries/norway.html", "years/2019.html"):
        assert link in (site / listing).read_text(encoding="utf-8"), listing
    page = (site / "practices" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "Arctic welcome: a library for newcomers</h1>" in page
    data = (site / "practices" / "finder-data.js").read_text(encoding="utf-8")
    cases = json.loads(data.removeprefix("window.ICP_FINDER_DATA=").rstrip().rstrip(";"))["cases"]
    assert [case[:3] for case in cases if case[0] == SLUG] == [[SLUG, "Arctic welcome: a library for newcomers", "Tromsø"]]


def test_the_sections_and_the_summary_hint_are_those_of_contributing_md():
    """The scaffold's hints and CONTRIBUTING.md's table of sections must not tell an editor two things."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text.split("## The body of a case", 1)[1].split("| --- | --- |\n", 1)[1].split("\n\n", 1)[0]
    rows = {match.group(1): match.group(2).strip()
            for match in re.finditer(r"^\| `## ([^`]+)` \| (.+) \|$", table, re.MULTILINE)}
    assert list(rows) == [name for name, _ in SECTIONS]
    assert dict(SECTIONS)["Summary"] == rows["Summary"]


def test_a_translation_is_scaffolded_with_its_language_and_the_case_it_translates(project_copy):
    write_case(project_copy.practices_dir, "tromso-welcome-desk", city="Tromsø")
    result = scaffold(project_copy.root, "--city", "Tromsø", "--country", "Norway", "--year", "2019",
                      "--topics", "Education", "--title", "Un guichet d'accueil", "--language", "fr",
                      "--translation-of", "tromso-welcome-desk")
    assert result.returncode == 0, result.stderr
    path = project_copy.practices_dir / "tromso-un-guichet-d-accueil.md"
    text = path.read_text(encoding="utf-8")
    assert "\ntitle: Un guichet d'accueil\nlanguage: fr\ncity: Tromsø\n" in text
    assert "\ntranslations:\n- tromso-welcome-desk\n" in text
    fill_summary(path)
    assert run_validator(project_copy.root).returncode == 0
    index = Project(project_copy.root).load_index()
    assert index.by_slug["tromso-welcome-desk"].translations == ("tromso-un-guichet-d-accueil",)


def test_a_language_given_by_its_name_is_refused_with_its_code(project_copy):
    result = scaffold(project_copy.root, *OPTIONS, "--language", "Norwegian")
    assert result.returncode == 1 and not (project_copy.practices_dir / f"{SLUG}.md").exists()
    assert ("language: 'Norwegian' is not a language's two-letter ISO 639-1 code; did you mean 'no' (Norwegian)?"
            in result.stderr)


@pytest.mark.parametrize("code", ["fr", "da"])
def test_a_case_in_french_or_danish_is_written_under_its_languages_headings_and_passes(code):
    """As practices/*-fr.md are written ("## Résumé", "## Contexte"): the form's file and the scaffold's."""
    from icp.check.validate import check_case
    from icp.read.casefile import parse_case_text
    from icp.scaffold import case_file

    project = Project(ROOT)
    schema = project.schema()
    meta = {"title": "Un guichet", "language": code, "city": "Oslo", "country": "Norway", "topics": ["Education"],
            "summary": "Un guichet.", "evidence": "none given"}
    text = case_file(meta, {"Summary": "Un guichet.", "Background": "Avant."}, list(schema["properties"]))
    first, second = {"fr": ("Résumé", "Contexte"), "da": ("Resumé", "Baggrund")}[code]
    assert f"\n## {first}\n\nUn guichet.\n\n## {second}\n\nAvant.\n" in text and "## Summary" not in text
    path = project.practices_dir / "oslo-un-guichet.md"
    assert check_case(parse_case_text(path, text), project.vocabulary(), schema, set(), path.name) == []
    english = case_file({**meta, "language": "en"}, {"Summary": "A desk."}, list(schema["properties"]))
    assert "\n## Summary\n\nA desk.\n" in english
