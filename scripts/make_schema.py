#!/usr/bin/env python3
"""Write the topic and country lists of practices/taxonomy.yml into practices/practice.schema.json.

The committed schema carries the lists so that an editor's YAML language server can offer them
as completions; tests/test_schema.py fails when the two files disagree.
Usage: scripts/make_schema.py [--check]
"""

from __future__ import annotations

import argparse
import sys

from _paths import ROOT

from icp.read.schema import dump_schema, schema_for
from icp.site import Project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the schema is up to date")
    args = parser.parse_args(argv)
    project = Project(ROOT)
    current = project.schema_path.read_text(encoding="utf-8")
    wanted = dump_schema(schema_for(project.schema(), project.vocabulary()))
    if current == wanted:
        print(f"{project.schema_path.relative_to(ROOT)} is up to date.")
        return 0
    if args.check:
        print(f"{project.schema_path.relative_to(ROOT)} is out of date; run scripts/make_schema.py", file=sys.stderr)
        return 1
    project.schema_path.write_text(wanted, encoding="utf-8")
    print(f"Wrote {project.schema_path.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
