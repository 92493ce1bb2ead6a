"""tests/kinds.py: the markers come from what a test uses, and a test that builds without its marker fails."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from kinds import UnmarkedCost, command_kind, script_builds


KINDS = ("browser", "build", "serve", "properdocs", "slow")
REPORTER = f"""
def pytest_collection_finish(session):
    for item in session.items:
        kinds = sorted(mark.name for mark in item.iter_markers() if mark.name in {KINDS!r})
        print("KINDS", item.nodeid, ",".join(kinds))
"""


@pytest.fixture(scope="module")
def kinds(tmp_path_factory) -> dict[str, set[str]]:
    """The markers of every test of a few test files, as a real collection sets them."""
    plugin = tmp_path_factory.mktemp("reporter")
    (plugin / "kinds_reporter.py").write_text(REPORTER, encoding="utf-8")
    files = ["tests/test_bench.py", "tests/test_serve.py", "tests/test_offline.py", "tests/test_searchindex.py",
             "tests/test_vocabulary.py", "tests/test_properdocs.py", "tests/test_attacks.py",
             "tests/test_image_safety.py", "tests/test_fuzz_bodies.py"]
    env = {name: value for name, value in os.environ.items() if not name.startswith(("PYTEST_XDIST", "PYTEST_ADDOPTS"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(plugin), env.get("PYTHONPATH")]))
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             "-p", "kinds_reporter", *files], cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return {nodeid: set(filter(None, marks.split(","))) for line in result.stdout.splitlines()
            if line.startswith("KINDS ") for nodeid, marks in [line[6:].rsplit(" ", 1)]}


@pytest.mark.parametrize("test, expected", [
    # the page fixture is built on browser
    ("tests/test_searchindex.py::test_python_and_the_browser_agree_on_every_character", {"browser"}),
    # runs scripts/bench.py, which builds through scripts/benchmark/builds.py
    ("tests/test_bench.py::test_bench_runs_at_a_small_n_and_writes_its_table", {"build"}),
    # the served fixture calls _serving, which makes a Served (@makes("serve"))
    ("tests/test_serve.py::test_a_deleted_case_leaves_the_indexes_and_its_page_is_gone", {"serve", "build"}),
    # asks for built_site or unpacked_zip by name, through request.getfixturevalue
    ("tests/test_offline.py::test_every_relative_link_leads_to_a_file[zip]", {"build"}),
    # marked properdocs by its module; uses built_site too
    ("tests/test_properdocs.py::test_properdocs_builds_the_same_files", {"properdocs", "build"}),
    # harmless_site (a fixture of the module) calls conftest.mkdocs_build and needs verdicts (@makes("slow"));
    # recorded_context needs browser
    ("tests/test_attacks.py::test_no_file_of_the_machine_is_published", {"build", "slow"}),
    ("tests/test_attacks.py::test_the_page_check_sees_what_it_looks_for", {"build", "browser", "slow"}),
    ("tests/test_attacks.py::test_every_refused_attack_is_reported_by_the_validator_script", {"slow"}),
    ("tests/test_attacks.py::test_a_200_kb_line_is_checked_without_hanging[star-bracket]", set()),
    # a Hypothesis property test
    ("tests/test_fuzz_bodies.py::test_any_body_renders_to_inert_html_and_a_passed_body_is_shown_as_written",
     {"slow"}),
    ("tests/test_fuzz_bodies.py::test_known_tricks[<a href=\"https://a b/\">x</a>]", set()),
    # imports test_serve's _serving inside the test, which makes a Served
    ("tests/test_image_safety.py::test_the_preview_serves_images_made_safe_and_lists_a_refused_one_until_it_is_gone",
     {"serve", "build"}),
    ("tests/test_vocabulary.py::test_seed_menu_matches_taxonomy", set()),
    ("tests/test_bench.py::test_the_same_seed_gives_the_same_cases", set()),
])
def test_a_test_is_marked_from_what_it_uses(kinds, test, expected):
    assert test in kinds, f"{test} is not collected: rename it here"
    assert kinds[test] == expected


def test_an_unmarked_test_that_starts_a_build_fails_before_it_starts():
    with pytest.raises(UnmarkedCost, match="was not collected as a build test"):
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "no-such" / "mkdocs.yml")])


@pytest.mark.parametrize("command, kind", [
    (["python", "-m", "mkdocs", "build", "--strict"], "build"),
    (["python", "-m", "mkdocs", "serve", "--dirty"], "serve"),
    ([".venv-properdocs/bin/properdocs", "build"], "build"),
    (["python", str(ROOT / "scripts" / "package_offline.py"), "--output", "x.zip"], "build"),
    (["python", str(ROOT / "scripts" / "bench.py"), "20"], "build"),
    (["python", str(ROOT / "scripts" / "validate.py")], None),
    (["python", "-m", "mkdocs", "--version"], None),
    (["git", "log", "-1"], None),
    ("mkdocs build --strict", "build"),
])
def test_which_commands_build(command, kind):
    assert command_kind(command) == kind


def test_a_script_builds_when_it_or_a_module_it_imports_starts_mkdocs():
    assert script_builds("package_offline.py") and script_builds("bench.py")
    assert not script_builds("validate.py") and not script_builds("new_practice.py")
    assert not script_builds("no_such_script.py")
