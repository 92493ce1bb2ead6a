#!/usr/bin/env python3
"""Check every case file in practices/ and report every problem in one run.

Usage: scripts/validate.py [FILE ...]   (no files: all of practices/; an image given checks the images)
Exit status 0 when every case is good, 1 when any problem is found. What publishing changes in an
image (metadata removed, an animation's first frame kept, scaled down) is printed as a notice.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from _paths import ROOT

from icp.check.validate import case_files, check_practices, count_problems, image_notices, image_problems
from icp.read.inventory import IMAGES_DIR
from icp.read.schema import SchemaFileError
from icp.read.vocabulary import VocabularyError
from icp.site import Project


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
    images = not args.files or any(Path(os.path.abspath(path)).parent.name == IMAGES_DIR for path in args.files)
    if args.files and paths is None and not images:
        print("No case files (*.md) given; nothing to check.")
        return 0
    problems = []
    if paths is not None or not args.files:
        _, problems = check_practices(project.practices_dir, vocabulary, schema, root=project.root, paths=paths)
    if args.files and images:
        problems = sorted(set(problems) | set(image_problems(project.practices_dir, project.root)))
    for problem in problems:
        print(problem, file=sys.stderr)
    for notice in image_notices(project.practices_dir, project.root) if images else ():
        print(notice)
    checked = len(paths) if paths is not None else len(case_files(project.practices_dir))
    if problems:
        print(f"\n{count_problems(problems, checked)}.", file=sys.stderr)
        return 1
    print(f"All {checked} case file(s) are valid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
