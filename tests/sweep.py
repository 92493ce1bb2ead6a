"""Sweeps: a test that checks one property over every item of a kind (every case filled in the form, every page
under its Content-Security-Policy, every link of the home map, every real case found by its own words) checks, in
the usual run, every *kind* of item and a sample of the rest that changes from day to day; under
``--hypothesis-profile=thorough`` it checks every item.

The sample is drawn from a seed: the day's number (so runs on different days cover different items and, over
days, every one), or ``ICP_SAMPLE_SEED`` when it is set. The run's header prints the seed and the command that
draws the same sample again, so a failure seen once is replayed exactly. tests/README.md lists each sweep's
sample.
"""

from __future__ import annotations

import datetime
import os
import random
from collections.abc import Callable, Iterable
from typing import TypeVar

from hypothesis import settings

Item = TypeVar("Item")
SEED_VARIABLE = "ICP_SAMPLE_SEED"


def thorough() -> bool:
    """Whether this run is the thorough one (``--hypothesis-profile=thorough``): every example, every item."""
    return settings.get_current_profile_name() == "thorough"


def seed() -> int:
    """This run's seed: ``ICP_SAMPLE_SEED``, else the day's number (set for the workers by ``fix_seed``)."""
    return int(os.environ.get(SEED_VARIABLE) or datetime.date.today().toordinal())


def fix_seed() -> int:
    """The seed chosen once by the run's first process and handed to pytest-xdist's workers through the
    environment (they start after it), so a run that crosses midnight draws one sample."""
    os.environ[SEED_VARIABLE] = str(seed())
    return seed()


def header() -> str:
    if thorough():
        return "sweeps: every item (thorough profile)"
    return (f"sweeps: each kind and a sample, seed {seed()} (replay: {SEED_VARIABLE}={seed()}; "
            "every item: --hypothesis-profile=thorough)")


def sample(name: str, items: Iterable[Item], size: int,
           kinds: Callable[[Item], Iterable[object]] = lambda item: ()) -> list[Item]:
    """``items`` in their order, all of them in a thorough run; otherwise, for every kind any item has
    (``kinds(item)`` names an item's kinds), one item of that kind, then others up to ``size`` in all, drawn
    from the run's seed and ``name`` (each sweep its own draw)."""
    items = list(items)
    if thorough() or len(items) <= size:
        return items
    draw = random.Random(f"{seed()}:{name}")
    order = draw.sample(range(len(items)), len(items))
    chosen: set[int] = set()
    covered: set[object] = set()
    for position in order:  # a kind's item drawn at random: the first of that kind in the shuffled order
        new = set(kinds(items[position])) - covered
        if new:
            chosen.add(position)
            covered |= new
    for position in order:
        if len(chosen) >= size:
            break
        chosen.add(position)
    return [items[position] for position in sorted(chosen)]
