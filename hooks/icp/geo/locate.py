"""Whether a case's coordinates lie in its country, and if not, what the editor most likely got wrong.

The check runs once per case, so each country's border edges are sorted into thin latitude bands
once: a point is tested against its bounding box, then against the few edges of its band only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from .atlas import atlas

# Natural Earth 1:50m smooths coasts and borders by up to a few tens of km (0.5 mm on paper is
# 25 km): Oslo, Rotterdam and Liverpool sit at the head of a fjord or an estuary that the data draws
# as land or as sea. A city's coordinates are its centre, not its edge. The mistakes worth stopping
# (latitude and longitude swapped, a sign dropped, a wrong country) move a point hundreds of km.
TOLERANCE_KM = 30.0
BAND_DEGREES = 0.1
KM_PER_DEGREE = 111.2

Edge = tuple[float, float, float, float]


@dataclass(frozen=True)
class CountryIndex:
    name: str
    box: tuple[float, float, float, float]
    bands: dict[int, tuple[Edge, ...]]

    def contains(self, lon: float, lat: float) -> bool:
        west, south, east, north = self.box
        if not (west <= lon <= east and south <= lat <= north):
            return False
        inside = False
        for x1, y1, x2, y2 in self.bands.get(math.floor(lat / BAND_DEGREES), ()):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside

    def distance_km(self, lon: float, lat: float, limit_km: float = math.inf) -> float:
        """Distance to the nearest border or coast point, or ``inf`` if none lies within ``limit_km``."""
        nearest = min((distance for distance in self._distances(lon, lat, limit_km)), default=math.inf)
        return nearest if nearest <= limit_km else math.inf

    def within_km(self, lon: float, lat: float, limit_km: float) -> bool:
        return any(distance <= limit_km for distance in self._distances(lon, lat, limit_km))

    def _distances(self, lon: float, lat: float, limit_km: float):
        """Distances in km to the edges that might lie within ``limit_km`` (all edges for ``inf``)."""
        west, south, east, north = self.box
        scale = math.cos(math.radians(lat))
        reach_y = limit_km / KM_PER_DEGREE
        reach_x = reach_y / max(scale, 0.01)
        if not (west - reach_x <= lon <= east + reach_x and south - reach_y <= lat <= north + reach_y):
            return
        if math.isinf(limit_km):
            bands = self.bands.values()
        else:
            low, high = math.floor((lat - reach_y) / BAND_DEGREES), math.floor((lat + reach_y) / BAND_DEGREES)
            bands = [self.bands[band] for band in range(low, high + 1) if band in self.bands]
        left, right = lon - reach_x, lon + reach_x
        for edges in bands:
            for x1, y1, x2, y2 in edges:
                if (x1 < left and x2 < left) or (x1 > right and x2 > right):
                    continue
                yield _segment_distance(lon, lat, x1, y1, x2, y2, scale) * KM_PER_DEGREE


def _segment_distance(x: float, y: float, x1: float, y1: float, x2: float, y2: float, scale: float) -> float:
    """Distance in degrees of latitude, with longitudes shrunk by ``scale`` (a local flat map)."""
    ax, ay = (x1 - x) * scale, y1 - y
    bx, by = (x2 - x) * scale, y2 - y
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    px, py = ax + t * dx, ay + t * dy
    return math.sqrt(px * px + py * py)


def build_index(name: str, polygons) -> CountryIndex:
    bands: dict[int, list[Edge]] = {}
    xs, ys = [], []
    for polygon in polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                low, high = sorted((y1, y2))
                for band in range(math.floor(low / BAND_DEGREES), math.floor(high / BAND_DEGREES) + 1):
                    bands.setdefault(band, []).append((x1, y1, x2, y2))
            xs += [x for x, _ in ring]
            ys += [y for _, y in ring]
    return CountryIndex(name, (min(xs), min(ys), max(xs), max(ys)),
                        {band: tuple(edges) for band, edges in bands.items()})


@lru_cache(maxsize=None)
def country_index(name: str) -> CountryIndex | None:
    country = atlas().countries.get(name)
    return build_index(name, country.polygons) if country else None


@lru_cache(maxsize=1)
def _all_indexes() -> tuple[CountryIndex, ...]:
    return tuple(country_index(name) for name in atlas().countries)


def country_at(lat: float, lon: float) -> str | None:
    """The country that contains the point, else the nearest within TOLERANCE_KM (coastal cities), else None."""
    indexes = _all_indexes()
    inside = next((index.name for index in indexes if index.contains(lon, lat)), None)
    if inside:
        return inside
    distance, name = min(((index.distance_km(lon, lat, TOLERANCE_KM), index.name) for index in indexes),
                         default=(math.inf, None))
    return name if distance <= TOLERANCE_KM else None


@lru_cache(maxsize=None)
def main_land(name: str) -> CountryIndex | None:
    """The largest piece of a country (by area): metropolitan France without French Guiana, Jutland
    without Bornholm."""
    country = atlas().countries.get(name)
    if not country:
        return None
    return build_index(name, [max(country.polygons, key=lambda polygon: _area(polygon[0]))])


def main_land_km(name: str, lat: float, lon: float) -> float:
    """How far the point lies from its country's main land (0 on it); 0 for a country the atlas does not know."""
    index = main_land(name)
    if index is None or index.contains(lon, lat):
        return 0.0
    return index.distance_km(lon, lat)


def _area(ring) -> float:
    """A ring's area in square degrees of latitude, longitudes shrunk by the cosine of its mean latitude."""
    scale = math.cos(math.radians(sum(y for _, y in ring) / len(ring)))
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))) * scale / 2


def is_near(index: CountryIndex, lat: float, lon: float) -> bool:
    return index.contains(lon, lat) or index.within_km(lon, lat, TOLERANCE_KM)


def locate(country: str, lat: float, lon: float) -> str | None:
    """None if the point lies in ``country`` or within TOLERANCE_KM of it, else what is wrong and the fix.

    A country the atlas does not know is not checked (None): the vocabulary check reports it.
    """
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return f"{lat}, {lon} is not a place; write lat and lon as decimal degrees, e.g. lat: 59.9139 and lon: 10.7522"
    index = country_index(country)
    if index is None or is_near(index, lat, lon):
        return None
    where = f"{_number(lat)}, {_number(lon)}"
    if abs(lon) <= 90 and is_near(index, lon, lat):
        return (f"{where} lies outside {_the(country)}; latitude and longitude look swapped: "
                f"write lat: {_number(lon)} and lon: {_number(lat)}")
    for new_lat, new_lon, fix in ((lat, -lon, f"lon: {_number(-lon)}"), (-lat, lon, f"lat: {_number(-lat)}"),
                                  (-lat, -lon, f"lat: {_number(-lat)} and lon: {_number(-lon)}")):
        if is_near(index, new_lat, new_lon):
            return (f"{where} lies outside {_the(country)}; a minus sign looks wrong (west of Greenwich and south "
                    f"of the equator are negative): write {fix}")
    hint = "look the city up on a map and copy its latitude (north-south) into lat and its longitude into lon"
    other = country_at(lat, lon)
    if other:
        return f"{where} lies in {_the(other)}, not {_the(country)}; {hint}"
    distance = index.distance_km(lon, lat)
    return f"{where} lies in no country, {distance:,.0f} km from {_the(country)}; {hint}"


def _number(value: float) -> str:
    """As an editor would write it: up to six decimals, no trailing zeros."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_WITH_THE = {"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Seychelles", "Comoros", "Vatican"}


def _the(country: str) -> str:
    """"the Netherlands", "the United Kingdom", "the Solomon Is.", but "Norway"."""
    plural = country.startswith("United ") or country.endswith((" Republic", " Rep.", " Is.", " Islands"))
    return f"the {country}" if plural or country in _WITH_THE else country
