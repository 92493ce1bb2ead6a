#!/usr/bin/env python3
"""Create practices/<slug>.md for a new case, with the front matter and every section in place.

Usage: scripts/new_practice.py --city Oslo --country Norway --year 2016 --topics Education,Refugees [--title ...]
       [--language fr --translation-of oslo-welcome-desk]   (a case in another language, translating another)
Anything missing is asked for when run in a terminal. The file it writes is valid except for its
empty summary and evidence: fill that in, write the sections, then run scripts/validate.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _paths import ROOT

from icp.check.validate import Problem, case_files, check_case, slug_problems
from icp.read.casefile import CaseFileError, parse_case_text
from icp.read.characters import FRONT_MATTER_REFUSED, describe, fix_for, printable
from icp.scaffold import case_text, default_title, slug_for, split_topics
from icp.site import Project

# The scaffold leaves these empty on purpose: only the editor, reading the sources, can fill them in.
LEFT_TO_THE_EDITOR = ("summary", "evidence")
QUESTIONS = (
    ("city", "City"),
    ("country", "Country (as in practices/taxonomy.yml)"),
    ("year", "Year the source dates the practice by"),
    ("topics", "Topics (comma-separated, from practices/taxonomy.yml)"),
    ("title", "Title (empty: city and first topic)"),
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--city")
    parser.add_argument("--country")
    parser.add_argument("--year")
    parser.add_argument("--topics", action="append", default=[], help="repeat it, or give a comma list")
    parser.add_argument("--title", help="the practice's name (default: the city and the first topic)")
    parser.add_argument("--language", help="the language the case is written in, as its ISO 639-1 code "
                                           "(e.g. fr; default: English)")
    parser.add_argument("--translation-of", action="append", default=[], metavar="SLUG",
                        help="a case this one translates (its file name without .md); repeat for several")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this checkout)")
    return parser.parse_args(argv)


def fill_in(args: argparse.Namespace) -> list[str]:
    """Ask for what the options left out; returns the options still missing."""
    missing = []
    for name, question in QUESTIONS:
        if getattr(args, name):
            continue
        if not sys.stdin.isatty():
            if name != "title":
                missing.append(f"--{name}")
            continue
        answer = input(f"{question}: ").strip()
        setattr(args, name, [answer] if name == "topics" and answer else answer)
    return missing


def option_problems(args: argparse.Namespace) -> list[str]:
    """What no case file may hold, in the options as given: a control character (an escape sequence
    such as ESC [2J), a bidirectional control, or bytes that are not UTF-8."""
    problems = []
    for name in [*(name for name, _ in QUESTIONS), "language", "translation_of"]:
        values = getattr(args, name) or []
        for value in values if isinstance(values, list) else [values]:
            bad = FRONT_MATTER_REFUSED.search(value)
            if bad is None:
                continue
            if 0xDC80 <= ord(bad.group()) <= 0xDCFF:  # how Python hands over bytes that are not UTF-8
                problems.append(f"--{name.replace('_', '-')}: '{printable(value)}' is not UTF-8 text; set the terminal to UTF-8 "
                                "and type it again")
            else:
                problems.append(f"--{name.replace('_', '-')}: '{printable(value)}' holds {describe(bad.group())}; "
                                f"{fix_for(bad.group())}")
            break
    return problems


def year_value(text: str) -> object:
    return int(text) if text.strip().isdigit() else text


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = fill_in(args)
    if missing:
        print(f"missing {', '.join(missing)} (give them as options, or run this in a terminal to be asked)",
              file=sys.stderr)
        return 2
    refused = option_problems(args)
    if refused:
        print("\n".join(refused) + "\n\nNothing was written.", file=sys.stderr)
        return 1
    project = Project(args.root.resolve())
    vocabulary = project.vocabulary()
    topics = split_topics(args.topics, vocabulary)
    title = args.title or default_title(args.city, topics)
    slug = slug_for(args.city, title)
    if not slug:
        print(f"file name: the city '{printable(args.city)}' and the title '{printable(title)}' have no letters or "
              "digits to name the file after; give them in words, e.g. --city Oslo --title 'Welcome desk'\n\n"
              "Nothing was written.", file=sys.stderr)
        return 1
    text = case_text(title=title, city=args.city, country=args.country, year=year_value(args.year), topics=topics,
                     language=args.language, translations=args.translation_of)
    path = project.practices_dir / f"{slug}.md"
    shown = path.relative_to(project.root).as_posix()
    problems = slug_problems(slug, case_files(project.practices_dir), project.root)
    try:
        case = parse_case_text(path, text)
    except CaseFileError as error:
        problems.append(Problem(shown, error.line or 0, error.field or "front matter", error.message))
    else:
        known = {existing.stem for existing in case_files(project.practices_dir)}
        problems += [problem for problem in check_case(case, vocabulary, project.schema(), known, shown)
                     if problem.field not in LEFT_TO_THE_EDITOR]
    if problems:
        for problem in problems:
            print(printable(f"{problem.field}: {problem.message}"), file=sys.stderr)
        print(f"\nNothing was written; {shown} would break the rules above.", file=sys.stderr)
        return 1
    path.write_text(text, encoding="utf-8")
    print(f"Wrote {shown}: fill in the summary, the evidence and the sections, then run scripts/validate.py {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
