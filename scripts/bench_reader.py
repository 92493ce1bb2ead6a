#!/usr/bin/env python3
"""Time the case reader on good cases and on hostile ones: every check must stay linear.

    .venv/bin/python scripts/bench_reader.py [--rounds 15] [--old PATH/TO/casefile.py]

Prints the best of ``--rounds`` for reading the real cases and 1,000 synthetic ones
(``parse_case_bytes``; with ``--old``, the same for an older reader module, for comparison), then
the time of a full ``check_practices`` on a project holding one hostile case each: 200 KB lines in
the front matter and the body, deep nesting, long lists, many keys, many control characters,
files at the size limit. Two body lines are 20 KB, not 200 KB: ``validate._body_problems`` takes
time quadratic in their length.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _paths import ROOT

from icp.check.validate import check_practices
from icp.read.casefile import MAX_CASE_BYTES, parse_case_bytes
from icp.site import Project
from icp.synthetic.cases import SyntheticCases

LINE = 200_000
QUADRATIC = 20_000  # the body checks in validate.py that take time quadratic in a line's length: 200 KB would take minutes
GOOD = ("title: Hostile\ncity: Oslo\ncountry: Norway\nyear: 2010\ntopics: [Education]\n"
        "summary: A short plain summary.\nevidence: none given\n")
ESCAPE = "\\u00e9"
BODY = "\n## Summary\n\nA short plain summary.\n"


def hostile_cases() -> dict[str, str]:
    """Case texts by name, each as bad as its kind gets within the size limit."""
    fill = MAX_CASE_BYTES - 200
    return {
        "200 KB plain value": f"---\n{GOOD}contact: {'a' * LINE}\n---\n{BODY}",
        "200 KB double-quoted escapes": f"---\n{GOOD}contact: \"{ESCAPE * (LINE // 6)}\"\n---\n{BODY}",
        "200 KB comment line": f"---\n{GOOD}# {'#' * LINE}\n---\n{BODY}",
        "200 KB flow list": f"---\n{GOOD}related: [{'a,' * (LINE // 2)}a]\n---\n{BODY}",
        "200 KB of '[' (deep)": f"---\n{GOOD}x: {'[' * LINE}\n---\n{BODY}",
        "200 KB of '{a: ' (deep)": f"---\n{GOOD}x: {'{a: ' * (LINE // 4)}\n---\n{BODY}",
        "200 KB of 'a: ' (syntax)": f"---\n{GOOD}x: {'a: ' * (LINE // 3)}\n---\n{BODY}",
        "90 KB of 'a: ' (syntax, PyYAML rewords)": f"---\n{GOOD}x: {'a: ' * 30_000}\n---\n{BODY}",
        "1 MB of keys": "---\n" + GOOD + "".join(f"k{i}: v\n" for i in range(fill // 10)) + "---\n" + BODY,
        "2,400 unknown keys": "---\n" + GOOD + "".join(f"k{i}: v\n" for i in range(2_400)) + "---\n" + BODY,
        "2,400 duplicate keys": "---\n" + GOOD + "city: Oslo\n" * 2_400 + "---\n" + BODY,
        "2,400 unknown related slugs": "---\n" + GOOD + "related:\n" + "".join(f"  - no-such-case-{i}\n" for i in range(2_400)) + "---\n" + BODY,
        "1 MB of newlines in the front": "---\n" + GOOD + "\n" * fill + "---\n" + BODY,
        "1 MB of '-' lines": "---\n" + GOOD + "---\n" + BODY + ("-" * 99 + "\n") * (fill // 100),
        "200 KB of '-' on the opening line": "-" * LINE + "\n" + GOOD + "---\n" + BODY,
        "200 KB body line": f"---\n{GOOD}---\n{BODY}{'word ' * (LINE // 5)}\n",
        "20 KB body line of '<a ' (quadratic)": f"---\n{GOOD}---\n{BODY}{'<a ' * (QUADRATIC // 3)}\n",
        "20 KB body line '# a' + spaces (quadratic)": f"---\n{GOOD}---\n{BODY}# a{' ' * QUADRATIC}b\n",
        "200 KB body line of backticks": f"---\n{GOOD}---\n{BODY}{'`a' * (LINE // 2)}\n",
        "1 MB body of control characters": f"---\n{GOOD}---\n{BODY}" + "\x01\n" * (fill // 2),
        "1 MB body, control character last": f"---\n{GOOD}---\n{BODY}" + "ok\n" * (fill // 3) + "\x01",
    }


def best(function, rounds: int, clock=time.perf_counter) -> float:
    times = []
    for _ in range(rounds):
        start = clock()
        function()
        times.append(clock() - start)
    return min(times)


def load_module(path: Path):
    spec = importlib.util.spec_from_file_location("icp._old_casefile", path, submodule_search_locations=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "icp"
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--old", type=Path, help="an older casefile.py to compare with")
    args = parser.parse_args()
    project = Project(ROOT)
    real = [(path, path.read_bytes()) for path in sorted(project.practices_dir.glob("*.md"))]
    synthetic_cases = SyntheticCases(project.vocabulary())
    synthetic = [(Path(f"{slug}.md"), text.encode()) for slug, text in map(synthetic_cases.case, range(1_000))]
    readers = {"reader": parse_case_bytes}
    if args.old:
        readers["old reader"] = load_module(args.old).parse_case_bytes
    for label, files in ((f"{len(real)} real cases", real), ("1,000 synthetic cases", synthetic)):
        times: dict[str, list[float]] = {name: [] for name in readers}
        for _ in range(args.rounds):  # alternating, so that a busy machine slows every reader alike
            for name, read in readers.items():
                times[name].append(best(lambda: [read(path, raw) for path, raw in files], 1, time.process_time))
        for name, seconds in times.items():
            print(f"{label:24} {name:11} {min(seconds) * 1000:8.1f} ms CPU (best of {args.rounds})")
    with tempfile.TemporaryDirectory() as folder:
        hostile = Project(Path(folder))
        hostile.practices_dir.mkdir()
        for name in ("taxonomy.yml", "practice.schema.json"):
            shutil.copy(project.practices_dir / name, hostile.practices_dir / name)
        SyntheticCases(project.vocabulary()).write(hostile.practices_dir, 1_000)
        vocabulary, schema = hostile.vocabulary(), hostile.schema()
        path = hostile.practices_dir / "hostile.md"
        print(f"\ncheck_practices on 1,000 synthetic cases plus one hostile case (best of 3):")
        for name, text in hostile_cases().items():
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            seconds = best(lambda: check_practices(hostile.practices_dir, vocabulary, schema, root=hostile.root), 3)
            _, problems = check_practices(hostile.practices_dir, vocabulary, schema, root=hostile.root)
            first = str(problems[0])[:110] if problems else "no problem"
            print(f"  {name:42} {seconds:6.2f} s  {len(problems):5} problem(s)  {first}")
        path.unlink()
        seconds = best(lambda: check_practices(hostile.practices_dir, vocabulary, schema, root=hostile.root), 3)
        print(f"  {'(none: the 1,000 synthetic cases alone)':42} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
