"""The cases on a map: the home page's Map section and the finder's map view, one panel for both.

A marker stands for a city and every case of it, not only the cases that give coordinates: its
count is then the count the finder shows for that city (``#city=...``). A city is placed at the
median of the coordinates of all its cases that give them (:func:`icp.geo.places.median_point`), so
no one case moves it (and the validator refuses a case far from the others: :mod:`icp.check.cities`). The
map shows Europe while every case is there, and the world once one is not (:func:`view_for`). Cities
the view cannot show and cities whose cases give no coordinates are listed beside the map as links
to the same finder addresses, so every case is reachable from the panel. A city name that two
countries share (Hamilton, Canada and New Zealand) links with its country too, since the finder's
city filter matches the name alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable
from urllib.parse import quote

from markupsafe import Markup

from icp import routes
from icp.i18n import N_
from icp.geo.places import median_point
from icp.geo.svgmap import MIN_RADIUS, Place, in_view, map_svg, radius_per_root
from icp.index import PracticeIndex
from icp.practice import Practice
from icp.render.templating import plural, render

VIEW = "europe"
WORLD = "world"
FINDER = routes.html(routes.FINDER)


@dataclass(frozen=True)
class CityCases:
    """One city's cases, as the map and its lists show them."""

    city: str
    country: str
    country_slug: str
    count: int
    lat: float | None
    lon: float | None
    shared_name: bool  # another country has a city of this name

    @property
    def name(self) -> str:
        """The city as a reader tells it apart: with its country when the name alone is ambiguous."""
        return f"{self.city}, {self.country}" if self.shared_name else self.city

    @property
    def label(self) -> str:
        """The accessible name of its marker or link: "Copenhagen: 3 practices"."""
        return f"{self.name}: {plural(self.count)}"

    def finder_state(self) -> str:
        """The finder's address fragment that lists exactly this city's cases."""
        fragment = f"city={quote(self.city, safe='')}"
        return fragment + (f"&country={self.country_slug}" if self.shared_name else "")


@dataclass(frozen=True)
class MapPanel:
    """What the panel shows: the cities on the map, those outside its view, those without coordinates."""

    placed: tuple[CityCases, ...]
    elsewhere: tuple[CityCases, ...]
    unplaced: tuple[CityCases, ...]


def cities(practices: Iterable[Practice], country_slugs: dict[str, str]) -> list[CityCases]:
    """One entry per (country, city), in the order of the cases' cities by name."""
    groups: dict[tuple[str, str], list[Practice]] = {}
    for practice in practices:
        groups.setdefault((practice.city, practice.country), []).append(practice)
    countries_of: dict[str, set[str]] = {}
    for city, country in groups:
        countries_of.setdefault(city, set()).add(country)
    found = []
    for (city, country), cases in sorted(groups.items(), key=lambda item: (item[0][0].casefold(), item[0])):
        points = [(case.lat, case.lon) for case in cases if case.lat is not None and case.lon is not None]
        point = median_point(points) if points else (None, None)
        found.append(CityCases(city, country, country_slugs[country], len(cases), *point,
                               shared_name=len(countries_of[city]) > 1))
    return found


def view_for(index: PracticeIndex) -> str:
    """Europe while every placed city is on its map; the world once a case lies beyond it."""
    outside = any(practice.lat is not None and practice.lon is not None and not in_view(VIEW, practice.lat, practice.lon)
                  for practice in index.practices)
    return WORLD if outside else VIEW


def map_panel(index: PracticeIndex, view: str | None = None) -> MapPanel:
    view = view or view_for(index)
    slugs = {term.name: term.slug for term in index.vocabulary.countries}
    placed, elsewhere, unplaced = [], [], []
    for city in cities(index.practices, slugs):
        if city.lat is None:
            unplaced.append(city)
        elif in_view(view, city.lat, city.lon):
            placed.append(city)
        else:
            elsewhere.append(city)
    return MapPanel(tuple(placed), tuple(elsewhere), tuple(unplaced))


def panel_html(index: PracticeIndex, finder: str, *, panel_id: str, hidden: bool = False, beside: bool = False,
               view: str | None = None) -> str:
    """The map with its lists as HTML; every link leads to ``finder`` (the finder page's address from
    the page the panel is on) with the city's state. ``beside``: the lists stand beside the map on a
    wide screen (a full-width page), not below it (a column, where the map needs all the width)."""
    view = view or view_for(index)
    panel = map_panel(index, view)
    places = [Place(city.city, city.country, city.lat, city.lon, city.count, f"{finder}#{city.finder_state()}",
                    label=city.label) for city in panel.placed]
    svg = map_svg(places, view, highlight=index.vocabulary.country_names)
    # The finder redraws each marker for its current count on the same scale, so the size key stays true.
    scale = radius_per_root(max(city.count for city in panel.placed)) if panel.placed else 0
    return render("map-panel.html", panel=panel, svg=Markup(svg), finder=finder, panel_id=panel_id, hidden=hidden,
                  beside=beside, view_title=N_("Europe") if view == "europe" else N_("the world"),
                  marker_scale=round(scale, 6), marker_min=MIN_RADIUS)
