"""The suite on several pytest-xdist workers without building anything twice.

- A module that defines (or imports from another test module) a fixture living longer than one test
  (``scope="module"`` or ``"session"``: a site built for the module) is one unit of work, run whole on one worker, so the fixture is made once. Every other test is
  a unit by itself, handed to whichever worker is free. This is xdist's ``--dist loadscope`` (which pyproject.toml
  turns on) with the scope narrowed from "every module" to "a module that shares a fixture".
  (xdist_group marks cannot do it here: xdist 3.8 writes the group into ``item._nodeid``, which pytest 9 no
  longer reads, so ``--dist loadgroup`` silently hands a group to every worker.)
- A fixture of conftest.py that every worker needs and that costs a build (``built_site``) is made once for the
  run by ``once_for_all_workers``: the first worker to ask makes it under a file lock in the run's shared
  temporary folder, the others wait and then read the same files.
"""

from __future__ import annotations

import ast
import fcntl
import functools
import os
import shutil
from pathlib import Path

import pytest
from xdist.scheduler import LoadScopeScheduling

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
WIDER_THAN_A_TEST = {"module", "class", "package", "session"}


@functools.cache
def shared_fixtures(path: Path) -> frozenset[str]:
    """The fixtures that outlive one test in the test module at ``path``: those it defines with a wider scope,
    and those it imports from another test module (``from test_finder import records``)."""
    if not path.is_file():
        return frozenset()
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef) and any(_wider_fixture(decorator) for decorator in node.decorator_list):
            names.add(node.name)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {alias.asname or alias.name for alias in node.names
                      if alias.name in shared_fixtures(path.with_name(f"{node.module}.py"))}
    return frozenset(names)


def _wider_fixture(decorator: ast.expr) -> bool:
    return isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "pytest.fixture" and any(
        keyword.arg == "scope" and isinstance(keyword.value, ast.Constant) and keyword.value.value in WIDER_THAN_A_TEST
        for keyword in decorator.keywords)


def shares_a_fixture(path: Path) -> bool:
    """Whether the test module at ``path`` has a fixture that outlives one test."""
    return bool(shared_fixtures(path))


class SharedFixtureScheduling(LoadScopeScheduling):
    """Load scheduling where a module that shares a fixture is one unit and any other test is a unit alone."""

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return module if shares_a_fixture(self.config.rootpath / module) else nodeid


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") == "loadscope":
        return SharedFixtureScheduling(config, log)
    return None


def once_for_all_workers(tmp_path_factory: pytest.TempPathFactory, name: str, make, worker: str = WORKER) -> Path:
    """A folder that ``make(folder)`` fills once per test run, whichever worker asks first."""
    if worker == "main":
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder; each worker's own is inside it
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder
