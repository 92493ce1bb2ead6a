#!/usr/bin/env python3
"""Check every case file in practices/ and report every problem in one run.

Usage: scripts/validate.py [FILE ...]   (no files: all of practices/)
Exit status 0 when every case is good, 1 when any problem is found.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from _paths import ROOT
from icp.schema import SchemaFileError
from icp.site import Project
from icp.validate import case_files, check_practices
from icp.vocabulary import VocabularyError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="case files to check (default: every file in practices/)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this checkout)")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    try:
        vocabulary = project.vocabulary()
        schema = project.schema()
    except (VocabularyError, SchemaFileError) as error:
        print(error, file=sys.stderr)
        return 1
    paths = [Path(os.path.abspath(path)) for path in args.files if path.suffix == ".md"] or None
    if args.files and paths is None:
        print("No case files (*.md) given; nothing to check.")
        return 0
    practices, problems = check_practices(project.practices_dir, vocabulary, schema,
                                          root=project.root, paths=paths)
    for problem in problems:
        print(problem, file=sys.stderr)
    checked = len(paths) if paths is not None else len(case_files(project.practices_dir))
    if problems:
        files = len({problem.path for problem in problems})
        print(f"\n{len(problems)} problem(s) in {files} of {checked} case file(s).", file=sys.stderr)
        return 1
    print(f"All {checked} case file(s) are valid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
