"""The home page's ways into the cases, filled into ``docs/index.md`` where its markers stand."""

from __future__ import annotations

from markupsafe import Markup

from icp.generator.lifting import html_block
from icp.i18n import N_
from icp.index import PracticeIndex
from icp import i18n
from icp.publish.package import OFFLINE_HOWTO, download_link
from icp.render.casemap import FINDER, panel_html
from icp.render.pages import Cards
from icp.render.templating import render

LATEST = 5


def home_terms(index: PracticeIndex, group: str, label: str) -> str:
    entries = index.group(group)
    return render("home-terms.html", filled=[entry for entry in entries if entry.practices],
                  entries=entries, group=group, label=label)


def home_map(index: PracticeIndex) -> str:
    """The map of the cities with cases, each a link to the finder for that city."""
    return render("home-map.html", panel=Markup(panel_html(index, FINDER, panel_id="icp-home-map", beside=True)))


def fill_home(markdown: str, index: PracticeIndex, *, offline_zip: bool = False) -> str:
    """The home page's markers, replaced by the ways into the cases."""
    fillers = {
        "<!-- practices:search -->": lambda: render(
            "home-search.html", count=len(index.practices), cities=len({(p.city, p.country) for p in index.practices}),
            countries=len({p.country for p in index.practices})),
        "<!-- practices:topics -->": lambda: home_terms(index, "topics", N_("All %(num)s topics")),
        "<!-- practices:countries -->": lambda: home_terms(index, "countries", N_("All %(num)s countries")),
        "<!-- practices:latest -->": lambda: render("home-latest.html", cards=Cards().render(index.latest(LATEST), "")),
        "<!-- practices:map -->": lambda: home_map(index),
        "<!-- practices:offline -->": lambda: download_link(i18n.current().up) if offline_zip else OFFLINE_HOWTO,
    }
    for marker, make in fillers.items():
        if marker in markdown:
            markdown = markdown.replace(marker, html_block(make()))
    return markdown
