"""The line at the foot of every page: the site's name, its licences and the day it was built."""

from __future__ import annotations

import datetime

from markupsafe import Markup

from icp.publish.opendata import CASE_LICENCE, CASE_LICENCE_URL
from icp.render.templating import render

CODE_LICENCE = "MIT"


def footer_html(site_name: str, built: datetime.date) -> Markup:
    return Markup(render("footer.html", site_name=site_name, case_licence=CASE_LICENCE,
                         case_licence_url=CASE_LICENCE_URL, code_licence=CODE_LICENCE, built=built,
                         built_text=f"{built.day} {built:%B %Y}").strip())
