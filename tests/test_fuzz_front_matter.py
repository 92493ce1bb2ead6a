"""Fuzzing the front matter (Hypothesis): every YAML type in every field, through the validator and a running preview.

The values come from tests/front_matter_values.py. The validator must never raise, and every problem
must name the file, a line, the field and a fix, one message a field. The preview is a real
``mkdocs serve`` on 127.0.0.1 (as scripts/build serve starts it), started with a broken case in
place; broken front matter is then written while it runs, and after each edit every page must still
be answered, with the banner listing exactly what the validator says about the file.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from test_any_value import MATRIX
from test_serve import BANNER, Served, banner_lines

from icp.check.validate import case_files, check_practices
from icp.generator.incremental import CheckedFiles
from icp.site import Project
from icp.synthetic.cases import SyntheticCases

from conftest import copy_project, examples
from front_matter_values import FIX, VALID, FrontMatter, front_matters

FUZZED = "practices/fuzz-case.md"
VALIDATOR_EXAMPLES = examples(200, thorough=500)
PREVIEW_EDITS = examples(8, thorough=20)
PAGES = ("index.html", "about.html", "practices/index.html")
tally: Counter = Counter()


def assert_told(problems, shown: str = FUZZED) -> None:
    fields = Counter(problem.field for problem in problems)
    assert all(count == 1 for count in fields.values()), [str(problem) for problem in problems]
    for problem in problems:
        assert problem.path == shown and problem.field and problem.line >= 1, str(problem)
        assert FIX.search(problem.message), f"no fix in: {problem}"
        assert "checker failed" not in problem.message, str(problem)


@pytest.fixture(scope="module")
def checked_project(tmp_path_factory) -> tuple[Project, CheckedFiles]:
    """The project, and the validator's memory of its unchanged files (the preview's), so that each example
    checks the fuzzed file and every rule between files, not the real cases' own rules 500 times over."""
    project = Project(copy_project(tmp_path_factory.mktemp("fuzz-validator") / "project"))
    yield project, CheckedFiles()
    print(f"\nvalidator fuzz: {sum(tally.values())} inputs, {tally['refused']} refused with a message, "
          f"{tally['accepted']} accepted, 0 crashes")


@settings(max_examples=VALIDATOR_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(front=front_matters)
def test_any_front_matter_gets_a_message_with_file_field_and_fix(checked_project, front: FrontMatter):
    project, checked = checked_project
    (project.root / FUZZED).write_text(front.case(), encoding="utf-8")
    practices, problems = check_practices(project.practices_dir, project.vocabulary(), project.schema(),
                                          root=project.root, checked=checked)
    assert_told(problems)
    published = {practice.slug for practice in practices}
    assert len(published) == len(case_files(project.practices_dir)) - (1 if problems else 0)
    tally["refused" if problems else "accepted"] += 1


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """A preview server started with a case already broken in a way that used to stop it (country: 5)."""
    root = tmp_path_factory.mktemp("fuzz-preview")
    project = copy_project(root / "project", languages=False)
    for path in case_files(project / "practices"):
        path.unlink()
    SyntheticCases(Project(project).vocabulary()).write(project / "practices", 8)
    (project / "practices" / "issue-country-number.md").write_text(MATRIX["issue-country-number"], encoding="utf-8")
    server = Served(project, root / "serve.log")
    try:
        yield Project(project), server
    finally:
        server.stop()


def expected_banner(project: Project) -> list[str]:
    _, problems = check_practices(project.practices_dir, project.vocabulary(), project.schema(), root=project.root)
    return [str(problem) for problem in problems]


def test_a_preview_started_with_a_broken_case_serves_every_page_with_the_banner(preview):
    project, server = preview
    expected = expected_banner(project)
    assert expected == ["practices/issue-country-number.md:4: country: expected text, found the number 5; write one "
                        "of the countries in practices/taxonomy.yml, e.g. country: Denmark"]
    server.wait_until("index.html", lambda text: banner_lines(text) == expected, timeout=120)
    for page in PAGES:
        status, text = server.fetch(page)
        assert status == 200 and banner_lines(text) == expected, page
    (project.practices_dir / "issue-country-number.md").unlink()
    server.wait_until("about.html", lambda text: BANNER not in text)


@settings(max_examples=PREVIEW_EDITS, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(front=front_matters)
def test_broken_front_matter_written_while_the_preview_runs_shows_in_its_banner(preview, front: FrontMatter):
    project, server = preview
    (project.practices_dir / "issue-country-number.md").unlink(missing_ok=True)  # when run alone
    path = project.root / FUZZED
    path.write_text(front.case(), encoding="utf-8")
    expected = expected_banner(project)
    assert all(line.startswith(f"{FUZZED}:") for line in expected), expected
    server.wait_until("about.html", lambda text: banner_lines(text) == expected, timeout=60)
    for page in PAGES:
        status, text = server.fetch(page)
        assert status == 200 and banner_lines(text) == expected, page
    status, text = server.fetch("practices/fuzz-case.html")
    assert (status == 404) == bool(expected), "a broken case is left out, a good one is published"
    assert server.process.poll() is None, "the preview server stopped"


def test_after_the_fuzzing_a_good_case_clears_the_banner(preview):
    project, server = preview
    text = FrontMatter((), False, True).case()
    assert VALID["title"] in text
    (project.root / FUZZED).write_text(text, encoding="utf-8")
    server.wait_until("practices/fuzz-case.html", lambda page: f"{VALID['title']}</h1>" in page, timeout=60)
    time.sleep(0.5)
    for page in PAGES:
        status, html = server.fetch(page)
        assert status == 200 and BANNER not in html, page
    assert server.process.poll() is None
