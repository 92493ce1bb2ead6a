"""The house rules a newcomer reads in README.md, held by tests: the core imports no generator, its
folders are the pipeline's stages and the README and package docstring say so, no file grows past
what one reader takes in."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import ROOT

import icp

CORE = ROOT / "hooks" / "icp"
GENERATORS = ("mkdocs", "material", "properdocs", "pymdownx")
MAX_LINES = 400
MAX_TOP_MODULES = 12
# Our own code: vendored libraries (docs/assets/vendor/) and data are not ours to split.
OWN_CODE = [*(ROOT / "hooks").rglob("*.py"), *(ROOT / "scripts").rglob("*.py"),
            *(ROOT / "docs" / "assets" / "javascripts").rglob("*.js")]


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_no_module_of_the_core_imports_a_generator():
    for path in CORE.rglob("*.py"):
        generators = {name for name in imported_modules(path) if name.split(".")[0] in GENERATORS}
        assert not generators, f"{path.relative_to(ROOT)} imports {sorted(generators)}: the core must outlive the generator"


def test_importing_the_whole_core_loads_no_generator():
    code = ("import importlib, pkgutil, sys, icp\n"
            "for module in pkgutil.walk_packages(icp.__path__, 'icp.'):\n"
            "    importlib.import_module(module.name)\n"
            f"print(sorted(name for name in sys.modules if name.split('.')[0] in {GENERATORS!r}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT / "hooks", check=True)
    assert result.stdout.strip() == "[]", result.stdout


def test_no_file_of_ours_runs_past_the_limit():
    long = {path.relative_to(ROOT).as_posix(): count for path in OWN_CODE
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these by what their parts do (at most {MAX_LINES} lines a file): {long}"


def test_the_top_of_the_core_holds_few_modules_and_every_folder_is_a_stage_the_readme_names():
    top = sorted(path.name for path in CORE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, f"hooks/icp/ holds {len(top)} modules at its top; put them in a stage folder: {top}"
    folders = sorted(path.name for path in CORE.iterdir()
                     if path.is_dir() and (path / "__init__.py").is_file())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    docstring = icp.__doc__
    for folder in folders:
        assert f"`hooks/icp/{folder}/`" in readme, f"README.md's layout table does not name hooks/icp/{folder}/"
        assert f"``{folder}/``" in docstring, f"hooks/icp/__init__.py's module map does not name {folder}/"
        assert (CORE / folder / "__init__.py").read_text(encoding="utf-8").lstrip().startswith('"""'), \
            f"hooks/icp/{folder}/__init__.py needs a docstring saying what the stage does"
