#!/usr/bin/env python3
"""Write the offline copy of the site: one zip with index.html at its root.

Usage: scripts/package_offline.py [--site DIR] [--output ZIP]
Without --site it builds the site (mkdocs build --strict) into a temporary folder first.
The build also publishes the same zip inside the site, at download/intercultural-city-practices.zip.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _paths import ROOT

from icp.publish.package import ZIP_NAME, PackageError, write_offline_zip


def build_site(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir)]
    subprocess.run(command, check=True, env=env, cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing built site (default: build one now)")
    parser.add_argument("--output", type=Path, default=ROOT / "dist" / ZIP_NAME, help=f"the zip to write (default: dist/{ZIP_NAME})")
    args = parser.parse_args(argv)
    try:
        if args.site:
            zip_path = write_offline_zip(args.site, args.output)
        else:
            with tempfile.TemporaryDirectory() as temporary:
                site = Path(temporary) / "site"
                build_site(site)
                zip_path = write_offline_zip(site, args.output)
    except subprocess.CalledProcessError as error:
        print(f"The site did not build (exit status {error.returncode}); nothing was written.", file=sys.stderr)
        return 1
    except PackageError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Wrote {zip_path} ({zip_path.stat().st_size / 1e6:.1f} MB). Unpack it and open index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
