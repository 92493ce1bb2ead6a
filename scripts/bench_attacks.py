#!/usr/bin/env python3
"""Figures for issue 8: what the validator does with every attack, and how long the worst take.

    .venv/bin/python scripts/bench_attacks.py [--rounds 3] [--length 200000]

Prints, for each group of ``tests/attacks`` (files and generated ones), how many attacks the
validator refuses and how many it accepts (``tests/test_attacks.py`` builds the accepted ones and
checks them harmless in Chromium), then the best of ``--rounds`` for ``render_body`` and for a
``check_practices`` of the one file, for a line of ``--length`` characters of each hostile pattern,
and for the same pattern filling a case file up to the reader's limit (256 KB).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from _paths import ROOT

sys.path.insert(0, str(ROOT / "tests"))

from attacks import LINE_PATTERNS, file_attacks, generated_attacks, long_line  # noqa: E402

from icp.body.convert import render_body  # noqa: E402
from icp.check.validate import check_practices  # noqa: E402
from icp.read.casefile import MAX_CASE_BYTES  # noqa: E402
from icp.site import Project  # noqa: E402


def copy_for_validation(destination: Path) -> Project:
    import shutil

    for name in ("docs", "practices"):
        shutil.copytree(ROOT / name, destination / name)
    return Project(destination)


def best(rounds: int, run) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def verdict_table(project: Project, rounds: int) -> None:
    counts: Counter = Counter()
    slowest: list[tuple[float, str]] = []
    for attack in file_attacks() + generated_attacks():
        if attack.name.startswith("line-"):
            counts[(attack.group, "line")] += 1
            continue
        attack.install(project.root)
        problems: list = []

        def check() -> None:
            problems[:] = check_practices(project.practices_dir, project.vocabulary(), project.schema(),
                                          root=project.root, paths=[project.root / attack.shown])[1]

        try:
            slowest.append((best(rounds, check), f"{attack.group}/{attack.name}"))
            _, problems = check_practices(project.practices_dir, project.vocabulary(), project.schema(),
                                          root=project.root)
        finally:
            attack.uninstall(project.root)
        counts[(attack.group, "refused" if problems else "accepted")] += 1
    print(f"{'group':10} {'attacks':>8} {'refused':>8} {'accepted':>9}")
    for group in ("script", "request", "cover", "machine", "opendata", "crash"):
        refused, accepted, lines = counts[(group, "refused")], counts[(group, "accepted")], counts[(group, "line")]
        extra = f"  (+ {lines} long lines)" if lines else ""
        print(f"{group:10} {refused + accepted:>8} {refused:>8} {accepted:>9}{extra}")
    print("\nslowest to check alone (check_practices of the one file):")
    for seconds, name in sorted(slowest, reverse=True)[:5]:
        print(f"  {seconds * 1000:7.1f} ms  {name}")
    print()


def line_table(project: Project, rounds: int, length: int) -> None:
    front = ("---\ntitle: Bench\ncity: Oslo\ncountry: Norway\nyear: 2010\ntopics: [Education]\n"
             "summary: A short plain summary.\nevidence: none given\n---\n")
    path = project.practices_dir / "bench-hostile-line.md"
    worst = (0.0, "")
    print(f"{'pattern':22} {'render ' + str(length // 1000) + ' KB':>15} {'check 1 file':>13} {'render at limit':>12}  problems")
    for name, pattern in LINE_PATTERNS.items():
        line = long_line(name, pattern, length)
        full = long_line(name, pattern, MAX_CASE_BYTES - 1000)
        render = best(rounds, lambda: render_body(line, title="Bench"))
        render_full = best(rounds, lambda: render_body(full, title="Bench"))
        path.write_text(front + line, encoding="utf-8")
        problems: list = []

        def check() -> None:
            problems[:] = check_practices(project.practices_dir, project.vocabulary(), project.schema(),
                                          root=project.root, paths=[path])[1]

        checked = best(rounds, check)
        path.unlink()
        worst = max(worst, (checked, name), (render_full, f"{name} (at the limit)"))
        shown = problems[0].message[:50] if problems else "accepted"
        print(f"{name:22} {render * 1000:>12.1f} ms {checked * 1000:>10.1f} ms {render_full * 1000:>9.1f} ms  "
              f"{len(problems)}: {shown}")
    print(f"\nworst: {worst[0] * 1000:.0f} ms ({worst[1]})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--length", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = copy_for_validation(Path(folder))
        verdict_table(project, args.rounds)
        line_table(project, args.rounds, args.length)


if __name__ == "__main__":
    main()
