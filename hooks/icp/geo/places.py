"""Where a city is, from the coordinates of all its cases: their median, and how far a point lies from it.

The median, not the newest or the first case's point, so that no one case moves a city: with three
cases or more, one case anywhere moves the median by no more than the distance between the others.
Latitude and longitude are taken separately (the component-wise median); a city that straddles
the 180th meridian would need longitudes unwrapped first, and no city of the vocabulary does.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from statistics import median

EARTH_RADIUS_KM = 6371.0088

Point = tuple[float, float]  # (lat, lon)


def distance_km(a: Point, b: Point) -> float:
    """The great-circle distance between two (lat, lon) points (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def median_point(points: list[Point]) -> Point:
    """The component-wise median of ``points`` (one point or more): where the map draws their city."""
    return median(lat for lat, _ in points), median(lon for _, lon in points)


class Medians:
    """The points of one city's cases, sorted once, so that the median of all but one is found for
    each of them without sorting again (a city of thousands of cases is checked in milliseconds)."""

    def __init__(self, points: list[Point]):
        self.lats = sorted(lat for lat, _ in points)
        self.lons = sorted(lon for _, lon in points)

    def of_others(self, point: Point) -> Point:
        """The median of every point but (one copy of) ``point``, the nearest to ``point`` where there
        are two middle values: with an even count, any value between the two middle ones is a median
        (it minimises the sum of distances), so a point is judged by the nearest of them. Two cases
        of a city on one side and a third far away leave the two at home and the third refused."""
        return _without(self.lats, point[0]), _without(self.lons, point[1])


def _without(ordered: list[float], value: float) -> float:
    """The median of ``ordered`` with one ``value`` taken out, clamped towards ``value`` (see of_others)."""
    gone = bisect_left(ordered, value)
    count = len(ordered) - 1

    def at(index: int) -> float:  # the index-th value of the list without the one taken out
        return ordered[index + 1] if index >= gone else ordered[index]

    low, high = at((count - 1) // 2), at(count // 2)
    return min(max(value, low), high)
