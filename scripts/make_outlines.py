#!/usr/bin/env python3
"""Write hooks/icp/data/world-atlas/outlines.json: every map view's country outlines, projected and
simplified from the vendored atlas, so that a build does not redo it. Run it after changing the atlas
or the map's drawing settings (tests/test_worldmap.py fails until the file is made again).

Usage: scripts/make_outlines.py
"""

from __future__ import annotations

import sys

from _paths import ROOT
from icp.geo.views import OUTLINES_FILE, write_outlines


def main() -> int:
    write_outlines()
    print(f"Wrote {OUTLINES_FILE.relative_to(ROOT)} ({OUTLINES_FILE.stat().st_size / 1024:.0f} KB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
