"""The suite on several pytest-xdist workers without building anything twice.

- A module that defines (or imports from another test module) a fixture living longer than one test
  (``scope="module"`` or ``"session"``: a site built for the module) is one unit of work, run whole on one worker, so the fixture is made once. Every other test is
  a unit by itself, handed to whichever worker is free. This is xdist's ``--dist loadscope`` (which pyproject.toml
  turns on) with the scope narrowed from "every module" to "a module that shares a fixture".
  (xdist_group marks cannot do it here: xdist 3.8 writes the group into ``item._nodeid``, which pytest 9 no
  longer reads, so ``--dist loadgroup`` silently hands a group to every worker.)
- The units go out slowest first, each to the worker that is free. A worker holds the test after the one it
  runs (pytest needs it for the teardown), so behind a long test it is handed the quickest unit left, and no
  more until it is nearly done: nothing long waits behind a long test while the other worker idles. How long a test takes is what it took in the last run on this checkout (pytest's cache), else
  what ``tests/durations.json`` says (the tests of a second or more, measured once, for a fresh clone), else
  a guess of a fraction of a second.
- A fixture of conftest.py that every worker needs and that costs a build (``built_site``) is made once for the
  run by ``once_for_all_workers``: the first worker to ask makes it under a file lock in the run's shared
  temporary folder, the others wait and then read the same files.
"""

from __future__ import annotations

import ast
import fcntl
import functools
import json
import os
import shutil
from collections import OrderedDict
from pathlib import Path

import pytest
from xdist.scheduler import LoadScopeScheduling

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
WIDER_THAN_A_TEST = {"module", "class", "package", "session"}
DURATIONS = Path(__file__).with_name("durations.json")
CACHE_KEY = "icp/durations"
UNKNOWN_SECONDS = 0.2  # a test no run has timed yet: most are unit tests
# A worker gets its next unit while the tests it holds should take less than this: enough to never wait for
# the next test, too little to keep a short test waiting behind a long one.
AHEAD_SECONDS = 1.0


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


def known_durations(config: pytest.Config) -> dict[str, float]:
    """Seconds per test id: the last run's on this checkout over tests/durations.json."""
    known = json.loads(DURATIONS.read_text(encoding="utf-8")) if DURATIONS.is_file() else {}
    if getattr(config, "cache", None) is not None:
        known.update(config.cache.get(CACHE_KEY, {}))
    return known


class SharedFixtureScheduling(LoadScopeScheduling):
    """Load scheduling where a module that shares a fixture is one unit and any other test is a unit alone;
    the slowest unit goes first, and a worker is not handed more while it holds a second of work."""

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return module if shares_a_fixture(self.config.rootpath / module) else nodeid

    def _seconds(self, nodeid: str) -> float:
        if not hasattr(self, "_durations"):
            self._durations = known_durations(self.config)
        return self._durations.get(nodeid, UNKNOWN_SECONDS)

    def _pending_seconds(self, node) -> float:
        return sum(self._seconds(nodeid) for unit in self.assigned_work[node].values()
                   for nodeid, done in unit.items() if not done)

    def _assign_work_unit(self, node) -> None:
        """The slowest unit left; but behind a long test the quickest, since a worker holds its next test until
        the running one ends (pytest's teardown needs to know it) and a long one held there waits for nothing."""
        if not getattr(self, "_slowest_first", False):
            units = sorted(self.workqueue.items(), key=lambda unit: -sum(map(self._seconds, unit[1])))
            self.workqueue = OrderedDict(units)
            self._slowest_first = True
        if self._pending_seconds(node) > AHEAD_SECONDS:
            self.workqueue.move_to_end(next(reversed(self.workqueue)), last=False)
        super()._assign_work_unit(node)

    def _reschedule(self, node) -> None:
        # One held test always gets the next (or the worker would stop); beyond that, only while what it holds is short.
        pending = sum(not done for unit in self.assigned_work[node].values() for done in unit.values())
        if pending > 1 and self._pending_seconds(node) > AHEAD_SECONDS and self.workqueue:
            return
        super()._reschedule(node)


_seconds_this_run: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Every test's seconds (setup, call and teardown), as the controller (or a run in one process) hears them."""
    if WORKER == "main":
        _seconds_this_run[report.nodeid] = _seconds_this_run.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    """This run's seconds kept in pytest's cache for the next run; ``ICP_STORE_DURATIONS=1`` writes the tests of
    a second or more to tests/durations.json too (the estimate a fresh clone starts from)."""
    cache = getattr(session.config, "cache", None)
    if WORKER != "main" or not _seconds_this_run:
        return
    if cache is not None:
        cache.set(CACHE_KEY, {**cache.get(CACHE_KEY, {}), **{nodeid: round(seconds, 2)
                                                              for nodeid, seconds in _seconds_this_run.items()}})
    if os.environ.get("ICP_STORE_DURATIONS"):
        slow = {nodeid: round(seconds, 1) for nodeid, seconds in sorted(_seconds_this_run.items()) if seconds >= 1}
        DURATIONS.write_text(json.dumps(slow, indent=0) + "\n", encoding="utf-8")


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
