"""Each test's wall and CPU seconds, for tests/README.md's figures (a pytest plugin, loaded on demand):

    ICP_CPU_LOG=/tmp/cpu .venv/bin/python -m pytest -n 2 -p cputime -q     # one JSON line a test, a file a worker
    .venv/bin/python tests/cputime.py /tmp/cpu                              # CPU (setup, call) and wall s by file

A test's CPU is its worker's own, that of the processes the worker waited for (a build, a validator), and what every
live process below the worker used meanwhile (Chromium, a server), read from /proc: on a shared machine the wall
time says how loaded it was, the CPU time what the test costs. When a process tree ends inside a test (Chromium at
a worker's last test), what it used is already counted and is not counted again.
"""

from __future__ import annotations

import collections
import json
import os
import resource
import sys
import time
from pathlib import Path

import pytest

TICK = os.sysconf("SC_CLK_TCK")


def _below(root: int) -> float:
    """CPU seconds of every live process below ``root``, with the children each of them waited for."""
    children: dict[int, list[tuple[int, list[str]]]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append((int(entry), fields))
    total, todo = 0.0, [root]
    while todo:
        for child, fields in children.get(todo.pop(), []):
            total += sum(int(ticks) for ticks in fields[11:15]) / TICK  # utime, stime, cutime, cstime
            todo.append(child)
    return total


def _now() -> tuple[float, float, float, float]:
    own, waited = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return (time.perf_counter(), own.ru_utime + own.ru_stime, waited.ru_utime + waited.ru_stime,
            _below(os.getpid()))


def _spent(before: tuple[float, float, float, float]) -> tuple[float, float]:
    wall, own, waited, live = (after - start for after, start in zip(_now(), before))
    # a tree that ended here moved its seconds from "live" to "waited" (or to no one): counted once, never below 0
    return wall, own + (max(0.0, waited + live) if live < 0 else waited + live)


_phases: dict[str, float] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    before = _now()
    yield
    _phases["setup"] = _spent(before)[1]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    before = _now()
    yield
    _phases["call"] = _spent(before)[1]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """The test's wall and CPU seconds, and its CPU seconds in setup (its fixtures) and call (the rest is teardown)."""
    _phases.clear()
    before = _now()
    yield
    wall, cpu = _spent(before)
    folder = Path(os.environ.get("ICP_CPU_LOG", "cputime"))
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.jsonl", "a", encoding="utf-8") as log:
        log.write(json.dumps({"id": item.nodeid, "wall": round(wall, 3), "cpu": round(cpu, 3),
                              **{phase: round(seconds, 3) for phase, seconds in _phases.items()}}) + "\n")


def by_file(folder: Path) -> dict[str, list[float]]:
    """CPU seconds, of them in setup (fixtures: a module's build) and in call, wall seconds and tests, by test file."""
    files: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, 0])
    for path in folder.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            test = json.loads(line)
            row = files[test["id"].split("::")[0]]
            for column, key in enumerate(("cpu", "setup", "call", "wall")):
                row[column] += test.get(key, 0.0)
            row[4] += 1
    return files


if __name__ == "__main__":
    files = by_file(Path(sys.argv[1]))
    for name, (cpu, setup, call, wall, count) in sorted(files.items(), key=lambda item: -item[1][0]):
        print(f"{cpu:8.1f} CPU s (setup {setup:6.1f}, call {call:6.1f}) {wall:8.1f} wall s {count:5d} tests  {name}")
    print(f"{sum(row[0] for row in files.values()):8.1f} CPU s {sum(row[3] for row in files.values()):34.1f} wall s "
          f"{sum(row[4] for row in files.values()):5d} tests  in all")
