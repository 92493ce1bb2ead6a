"""The vendored world-atlas countries, under the names the project uses.

Natural Earth shows de facto control and uses short names ("Czechia", "Bosnia and Herz."). The
project follows the Council of Europe, whose Intercultural Cities database it mirrors: Northern
Cyprus is part of Cyprus and Crimea part of Ukraine (UN General Assembly resolution 68/262). Both
choices are tables here, so they are visible and easy to change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import topojson
from .topojson import Point, Polygon

ATLAS_FILE = Path(__file__).resolve().parent.parent / "data" / "world-atlas" / "countries-50m.json"

# A project name whose world-atlas name differs -> the world-atlas names of the features it covers.
ATLAS_NAMES: dict[str, tuple[str, ...]] = {
    "Cyprus": ("Cyprus", "N. Cyprus"),
    "Bosnia and Herzegovina": ("Bosnia and Herz.",),
    "Czech Republic": ("Czechia",),
    "North Macedonia": ("Macedonia",),
    "Türkiye": ("Turkey",),
    "United States": ("United States of America",),
    "Dominican Republic": ("Dominican Rep.",),
    "Faroe Islands": ("Faeroe Is.",),
    "Eswatini": ("eSwatini",),
    "Western Sahara": ("W. Sahara",),
}

# (world-atlas country, a point inside one of its polygons, the project country that polygon goes to).
MOVED_POLYGONS: tuple[tuple[str, Point, str], ...] = (
    ("Russia", (34.10, 44.95), "Ukraine"),  # Crimea, found by Simferopol
)

# Drawn on no map and matched by no case: nobody runs an intercultural city there.
LEFT_OUT = frozenset({"Antarctica"})


@dataclass(frozen=True)
class Country:
    """A country's polygons both as (lon, lat) rings and as rings of arc indexes (for the map)."""

    name: str
    polygons: tuple[Polygon, ...]
    arc_rings: tuple[tuple[tuple[int, ...], ...], ...]


@dataclass(frozen=True)
class Atlas:
    arcs: list[list[Point]]
    countries: dict[str, Country]


@lru_cache(maxsize=1)
def atlas() -> Atlas:
    """The vendored file, decoded once per process (about 0.2 s)."""
    topology = json.loads(ATLAS_FILE.read_text(encoding="utf-8"))
    return build_atlas(topology)


def build_atlas(topology: dict) -> Atlas:
    arcs = topojson.decode_arcs(topology)
    project_name = {atlas_name: name for name, names in ATLAS_NAMES.items() for atlas_name in names}
    polygons: dict[str, list[Polygon]] = {}
    arc_rings: dict[str, list[tuple[tuple[int, ...], ...]]] = {}
    for feature in topojson.features(topology, "countries"):
        if feature.name in LEFT_OUT:
            continue
        name = project_name.get(feature.name, feature.name)
        for indexes, polygon in zip(feature.polygons, topojson.polygons(arcs, feature)):
            owner = _moved_to(feature.name, polygon) or name
            polygons.setdefault(owner, []).append(polygon)
            arc_rings.setdefault(owner, []).append(indexes)
    countries = {
        name: Country(name, tuple(polygons[name]), tuple(arc_rings[name])) for name in sorted(polygons)
    }
    return Atlas(arcs, countries)


def _moved_to(atlas_name: str, polygon: Polygon) -> str | None:
    for source, (lon, lat), destination in MOVED_POLYGONS:
        if source == atlas_name and ring_contains(polygon[0], lon, lat):
            return destination
    return None


def ring_contains(ring: list[Point], x: float, y: float) -> bool:
    """Even-odd ray casting; for one-off tests (the locator has an indexed version)."""
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
        x1, y1 = x2, y2
    return inside


def country_shapes() -> dict[str, list[Polygon]]:
    """Country name (the project's where it differs from world-atlas) -> polygons of (lon, lat) rings.

    Each polygon is its exterior ring followed by its holes; rings are closed (last point = first).
    """
    return {name: list(country.polygons) for name, country in atlas().countries.items()}
