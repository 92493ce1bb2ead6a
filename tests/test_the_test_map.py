"""tests/README.md maps every module of the core and every script to its tests; the map must stay true."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

README = ROOT / "tests" / "README.md"
ROW = re.compile(r"^\| `([^`]+)` \|(.*)\|$", re.MULTILINE)
TEST_FILE = re.compile(r"`(test_[a-z0-9_]+\.py)`")


def rows(heading: str) -> dict[str, str]:
    """The rows of the table under ``### heading``: first cell -> the rest of the row."""
    text = README.read_text(encoding="utf-8")
    section = text.split(f"### {heading}", 1)[1].split("\n### ", 1)[0]
    return {name: rest for name, rest in ROW.findall(section)}


def core_modules() -> set[str]:
    hooks = ROOT / "hooks"
    return {path.relative_to(hooks).as_posix() for path in hooks.rglob("*.py")
            if "__pycache__" not in path.parts and "overrides" not in path.parts}


def scripts() -> set[str]:
    folder = ROOT / "scripts"
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts}


def test_every_module_of_the_core_has_a_row_and_every_row_a_module():
    mapped = set(rows("The core (`hooks/`)"))
    modules = core_modules()
    assert not modules - mapped, f"add these modules to tests/README.md's map: {sorted(modules - mapped)}"
    assert not mapped - modules, f"tests/README.md maps modules that are gone: {sorted(mapped - modules)}"


def test_every_script_has_a_row_and_every_row_a_script():
    mapped = set(rows("The scripts (`scripts/`)"))
    assert not scripts() - mapped, f"add these scripts to tests/README.md's map: {sorted(scripts() - mapped)}"
    assert not mapped - scripts(), f"tests/README.md maps scripts that are gone: {sorted(mapped - scripts())}"


def test_every_test_file_the_map_names_exists():
    text = README.read_text(encoding="utf-8")
    named = set(TEST_FILE.findall(text))
    missing = {name for name in named if not (ROOT / "tests" / name).is_file()}
    assert named and not missing, f"tests/README.md names test files that do not exist: {sorted(missing)}"


def test_every_module_row_names_a_test_or_says_why_not():
    for heading in ("The core (`hooks/`)", "The scripts (`scripts/`)"):
        for name, rest in rows(heading).items():
            tests = rest.rsplit("|", 1)[-1].strip()
            assert TEST_FILE.search(tests) or tests.startswith("- ("), \
                f"{name}: its row in tests/README.md names no test (or '- (why not)')"


def test_the_helpers_table_names_files_that_exist():
    for name in rows("Helpers in `tests/`"):
        assert (ROOT / "tests" / name.rstrip("/")).exists(), f"tests/README.md lists tests/{name}, which is gone"


def test_the_readme_names_this_file():
    assert Path(__file__).name in README.read_text(encoding="utf-8")
