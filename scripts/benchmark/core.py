"""What the core draws at N, timed in this process: the map of the cases and the Atom feeds.

They are measured by calling the core directly on the project's cases: the map panel as the home
page draws it (icp.render.casemap: the Europe view with one marker per city, and the lists beside it),
and every feed. Their sizes in the built site (the maps of the home page and the finder, the
feeds) are reported too.
"""

from __future__ import annotations

import datetime
import gzip
import re
import statistics
import time
from pathlib import Path

from icp.geo.atlas import atlas
from icp.geo.views import geometry
from icp.index import PracticeIndex
from icp.publish.feeds import FeedSite, feed_files
from icp.render.casemap import map_panel, panel_html
from icp.site import Project

REPEATS = 3
SITE_NAME = "Intercultural City Practices"
BUILD_DATE = datetime.date(2026, 1, 1)
_MAP = re.compile(r'<svg[^>]*class="icp-map\b.*?</svg>', re.DOTALL)


def core_timings(project: Path, site: Path) -> dict:
    index = Project(project).load_index()
    return {**map_timings(index), **feed_timings(index), **in_site(site)}


def map_timings(index: PracticeIndex) -> dict:
    """The home page's map panel: the cities drawn, its size (plain and gzipped), the first drawing
    (with the atlas decoded and the country outlines computed, as a build does once) and one after."""
    atlas.cache_clear()
    geometry.cache_clear()

    def draw() -> str:
        return panel_html(index, "practices/index.html", panel_id="icp-home-map", beside=True)

    start = time.perf_counter()
    html = draw()
    first = time.perf_counter() - start
    again = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        html = draw()
        again.append(time.perf_counter() - start)
    data = html.encode("utf-8")
    return {"map_cases": sum(1 for p in index.practices if p.lat is not None and p.lon is not None),
            "map_europe": {"places": len(map_panel(index).placed), "bytes": len(data),
                           "gzip_bytes": len(gzip.compress(data, 6)), "first_seconds": first,
                           "seconds": statistics.median(again)}}


def feed_timings(index: PracticeIndex) -> dict:
    """Every feed (the site's and one per topic): how many, their bytes, the time to write them all."""
    site = FeedSite(SITE_NAME)
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        files = feed_files(index, site, BUILD_DATE)
        times.append(time.perf_counter() - start)
    return {"feeds": {"files": len(files), "bytes": sum(len(text.encode("utf-8")) for text in files.values()),
                      "seconds": statistics.median(times)}}


def in_site(site: Path) -> dict:
    """The map and the feeds as the built site has them, if it has them."""
    maps = {}
    for page in ("index.html", "practices/index.html"):
        path = site / page
        found = _MAP.findall(path.read_text(encoding="utf-8")) if path.exists() else []
        if found:
            maps[page] = sum(len(svg.encode("utf-8")) for svg in found)
    feeds = [site / "feed.xml", *sorted((site / "topics").glob("*.xml"))]
    feeds = [path for path in feeds if path.exists()]
    return {"site_map_bytes": maps, "site_feed_bytes": sum(path.stat().st_size for path in feeds),
            "site_feed_files": len(feeds)}
