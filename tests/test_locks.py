"""The hashed lock files scripts/setup installs from agree with the requirements an editor changes."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", re.M)


def pins(text: str) -> dict[str, str]:
    return {name.lower().replace("_", "-"): version for name, version in PIN.findall(text)}


@pytest.mark.parametrize("name", ["requirements", "requirements-dev", "requirements-properdocs"])
def test_each_lock_file_pins_what_its_requirements_and_the_constraints_say(name):
    lock = (ROOT / f"{name}.lock").read_text(encoding="utf-8")
    locked = pins(lock)
    wanted = pins((ROOT / f"{name}.txt").read_text(encoding="utf-8"))
    if name == "requirements-dev":
        wanted |= pins((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    constraints = pins((ROOT / "constraints.txt").read_text(encoding="utf-8"))
    stale = {package: version for package, version in wanted.items() if locked.get(package) != version}
    assert not stale, f"{name}.lock is out of date for {stale}: run scripts/lock"
    drifted = {package: version for package, version in locked.items() if constraints.get(package, version) != version}
    assert not drifted, f"{name}.lock disagrees with constraints.txt on {drifted}: run scripts/lock"
    entries = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", lock.split("\n\n", 1)[-1])
    unhashed = [entry.split()[0] for entry in entries if PIN.match(entry) and "--hash=sha256:" not in entry]
    assert not unhashed, f"{name}.lock has packages without hashes: {unhashed}"
