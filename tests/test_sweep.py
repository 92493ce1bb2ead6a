"""tests/sweep.py: a usual run checks every kind of item and a sample drawn from a printed seed; a thorough run
checks every item; the same seed draws the same sample, another seed another."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import settings

import sweep
from conftest import ROOT

ITEMS = list(range(100))


def kinds(number: int) -> set[str]:
    return {"odd" if number % 2 else "even", *(["ninety"] if number >= 90 else []), *(["seven"] if number == 7 else [])}


@pytest.fixture
def seeded(monkeypatch):
    def use(seed: int) -> None:
        monkeypatch.setenv(sweep.SEED_VARIABLE, str(seed))
    return use


def test_a_sample_has_every_kind_keeps_the_order_and_stops_at_its_size(seeded):
    seeded(1)
    chosen = sweep.sample("numbers", ITEMS, 10, kinds=kinds)
    assert len(chosen) == 10 and chosen == sorted(set(chosen))
    assert 7 in chosen and any(number >= 90 for number in chosen), "the rare kinds are always there"
    assert {"odd", "even"} <= {kind for number in chosen for kind in kinds(number)}


def test_every_kind_is_kept_even_past_the_size(seeded):
    seeded(1)
    chosen = sweep.sample("numbers", ITEMS, 1, kinds=lambda number: {number % 5})
    assert sorted(number % 5 for number in chosen) == [0, 1, 2, 3, 4]


def test_the_seed_replays_a_sample_and_another_seed_draws_another(seeded):
    seeded(5)
    first = sweep.sample("numbers", ITEMS, 10, kinds=kinds)
    assert sweep.sample("numbers", ITEMS, 10, kinds=kinds) == first
    assert sweep.sample("other sweep", ITEMS, 10, kinds=kinds) != first, "each sweep draws its own"
    drawn = set()
    for seed in range(6, 40):
        seeded(seed)
        drawn |= set(sweep.sample("numbers", ITEMS, 10, kinds=kinds))
    assert len(drawn) > 90, "over days, the samples reach nearly every item"


def test_a_thorough_run_takes_every_item(seeded):
    seeded(1)
    with_profile = settings.get_current_profile_name()
    settings.load_profile("thorough")
    try:
        assert sweep.sample("numbers", ITEMS, 10, kinds=kinds) == ITEMS
        assert sweep.header() == "sweeps: every item (thorough profile)"
    finally:
        settings.load_profile(with_profile)


def test_the_run_prints_its_seed_and_how_to_replay_it():
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-p", "no:cacheprovider",
                             "tests/test_sweep.py"], capture_output=True, text=True, cwd=ROOT,
                            env={"ICP_SAMPLE_SEED": "12345", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("sweeps: each kind and a sample, seed 12345 (replay: ICP_SAMPLE_SEED=12345; "
            "every item: --hypothesis-profile=thorough)") in result.stdout.splitlines()
