"""The date a build stands for: the same for every build of one commit, so that rebuilding the same
sources gives the same feeds, citations and footer.

``SOURCE_DATE_EPOCH`` wins when it is set (the reproducible-builds convention: a packager or CI pins
the date), then the date of the checkout's last commit, then, outside a git checkout (a copy of the
sources, the offline zip), today. A date after today is today: a commit's date is whatever its author
set (a forged 2099 would otherwise stand in every footer, citation and feed). Only the last commit is
asked, which every checkout has, however shallow.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from datetime import date, datetime, timezone
from pathlib import Path


def build_date(root: Path, environ: Mapping[str, str] = os.environ) -> date:
    """The UTC date of ``SOURCE_DATE_EPOCH``, else of the last commit at ``root``, else today; never
    after today."""
    today = datetime.now(timezone.utc)
    moment = _epoch(environ.get("SOURCE_DATE_EPOCH", "")) or last_commit_time(root) or today
    return min(moment, today).date()


def last_commit_time(root: Path) -> datetime | None:
    """When the commit checked out at ``root`` was made; None outside a git checkout or without git."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                                text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return _epoch(result.stdout.strip())


def _epoch(text: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(text), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None
