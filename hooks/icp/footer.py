"""The line at the foot of every page: the site's name, its licences and the day it was built."""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path
from typing import Mapping

from markupsafe import Markup

from .opendata import CASE_LICENCE, CASE_LICENCE_URL
from .templating import render

CODE_LICENCE = "MIT"


def build_date(root: Path, environ: Mapping[str, str] = os.environ) -> datetime.date:
    """The day the site is dated by, the same for every build of one commit where possible:
    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), else the date of the checkout's last
    commit, else today (all in UTC)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        try:
            result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                                    text=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            result = None
        epoch = result.stdout.strip() if result is not None and result.returncode == 0 else ""
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.datetime.now(datetime.timezone.utc).date()


def footer_html(site_name: str, built: datetime.date) -> Markup:
    return Markup(render("footer.html", site_name=site_name, case_licence=CASE_LICENCE,
                         case_licence_url=CASE_LICENCE_URL, code_licence=CODE_LICENCE, built=built,
                         built_text=f"{built.day} {built:%B %Y}").strip())
