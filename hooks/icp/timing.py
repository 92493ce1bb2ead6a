"""Where the knowledge base's own build time goes, for the benchmark.

Steps add up their seconds in one registry per process; a timer costs well under a
microsecond, so it stays on. The hook writes the totals as JSON when ``ICP_HOOK_TIMING``
names a file.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from time import perf_counter

ENV_VARIABLE = "ICP_HOOK_TIMING"
seconds: defaultdict[str, float] = defaultdict(float)


@contextmanager
def step(name: str):
    start = perf_counter()
    try:
        yield
    finally:
        seconds[name] += perf_counter() - start


def timed(name: str):
    """Adds every call of the decorated function to the step ``name``."""
    def decorate(function):
        @wraps(function)
        def run(*args, **kwargs):
            with step(name):
                return function(*args, **kwargs)
        return run
    return decorate


def reset() -> None:
    seconds.clear()


def write_if_asked() -> Path | None:
    target = os.environ.get(ENV_VARIABLE)
    if not target:
        return None
    path = Path(target)
    path.write_text(json.dumps(dict(seconds), indent=1) + "\n", encoding="utf-8")
    return path
