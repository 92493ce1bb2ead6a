"""An SVG map of the cases, one linked marker per city, drawn at build time.

The caller aggregates the cases per city (``Place``). Markers are circles whose area grows with the
count (with a minimum, so one case stays visible and clickable) and are drawn largest first, so a
small city next to a big one stays on top. Cities closer than SPREAD units (London and Camden, on
the world map one point, where the one hid the other) are nudged apart (at most about SPREAD), so
one-case markers never overlap and every marker keeps a part a pointer can click. Each marker is an SVG link with an accessible name, so
the map is a keyboard- and screen-reader-usable list of cities too. The most frequent cities get a
visible name where it covers no other name or marker.

A phone shows the 1000-unit-wide map about 360 px wide, where names and markers sized for a
desktop column would be specks: the map carries a second set of names and a second key, twice
as large and placed for that size, and a media query swaps them and doubles the markers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable, Protocol
from urllib.parse import urlsplit

from icp.render.templating import plural, render

from .places import median_point
from .views import Frame, ViewGeometry, geometry

MIN_RADIUS = 4.0  # SVG units; the map is 1000 units wide
ONE_CASE_RADIUS = 5.0  # the radius of a one-case city while no city is large
MAX_RADIUS = 24.0
SPREAD = 2 * ONE_CASE_RADIUS  # two cities' marker centres at least this far apart: one-case markers never overlap
SPREAD_ROUNDS = 50
MAX_LABELS = 12
LABEL_SIZE = 16.0
KEY_SIZE = 13.0
NARROW_SCALE = 2.0  # markers, names and key on a narrow screen
NARROW_SCREEN = "45em"
SAFE_SCHEMES = {"", "http", "https"}

Box = tuple[float, float, float, float]  # left, top, right, bottom


class PlaceLike(Protocol):
    city: str
    country: str
    lat: float
    lon: float
    count: int
    href: str
    label: str | None


@dataclass(frozen=True)
class Place:
    """One city on the map. ``label`` is the marker's accessible name; None gives "City: N practices"."""

    city: str
    country: str
    lat: float
    lon: float
    count: int
    href: str
    label: str | None = None


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    r: float
    href: str
    name: str
    city: str
    count: int


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str
    text: str


@dataclass(frozen=True)
class Key:
    """The size key: reference circles with their counts, in a box at the map's bottom-left."""

    x: float
    y: float
    width: float
    height: float
    size: float
    title_y: float
    circles: tuple[tuple[float, float, float, str], ...]  # cx, cy, r, count as text
    text_y: float

    @property
    def box(self) -> Box:
        return self.x, self.y, self.x + self.width, self.y + self.height


def map_svg(places: Iterable[PlaceLike], view: str, highlight: Iterable[str] | None = None) -> str:
    """The SVG (a string, to put inline in a page so its links work) of ``places`` on ``view``.

    ``view`` is "europe" or "world". Places outside the view are left out (see ``in_view``).
    ``highlight`` names the countries drawn darker (pass the vocabulary's); by default, those of
    ``places``.
    """
    drawn = geometry(view)
    places = list(places)
    markers = place_markers(places, drawn)
    shaded = set(highlight) if highlight is not None else {place.country for place in places}
    counts = key_counts(markers)
    keys = {scale: size_key(counts, scale, drawn.frame) for scale in (1.0, NARROW_SCALE)}
    labels = {scale: place_labels(markers, drawn.frame, scale, keys[scale]) for scale in (1.0, NARROW_SCALE)}
    cities = len(markers)
    return render(
        "worldmap.svg",
        view=drawn.view,
        width=drawn.frame.width,
        height=drawn.frame.height,
        title=f"Map of {plural(sum(m.count for m in markers))} in {cities:,} "
              f"{'city' if cities == 1 else 'cities'}, {drawn.view.title}",
        countries=[(name, path, name in shaded) for name, path in sorted(drawn.paths.items())],
        markers=markers,
        wide_labels=labels[1.0],
        narrow_labels=labels[NARROW_SCALE],
        wide_key=keys[1.0],
        narrow_key=keys[NARROW_SCALE],
        label_size=LABEL_SIZE,
        narrow_scale=NARROW_SCALE,
        narrow_screen=NARROW_SCREEN,
    )


def in_view(view: str, lat: float, lon: float) -> bool:
    """Whether a point falls on the map ``view`` (a Melbourne case is not on the Europe map)."""
    return _svg_point(geometry(view), lat, lon) is not None


def _svg_point(drawn: ViewGeometry, lat: float, lon: float) -> tuple[float, float] | None:
    x, y = drawn.frame.to_svg(drawn.view.project(lon, lat))
    return (x, y) if 0 <= x <= drawn.frame.width and 0 <= y <= drawn.frame.height else None


def radius_per_root(most: int) -> float:
    """Radius = this x sqrt(count): area proportional to the count, the largest city at most MAX_RADIUS."""
    return min(ONE_CASE_RADIUS, MAX_RADIUS / math.sqrt(most))


def marker_radius(count: int, per_root: float) -> float:
    return round(max(MIN_RADIUS, per_root * math.sqrt(count)), 1)


def place_markers(places: list[PlaceLike], drawn: ViewGeometry) -> list[Marker]:
    """Markers in drawing order: largest first, then by city and position so the output is stable."""
    shown = []
    for place in places:
        if place.lat is None or place.lon is None or place.count < 1:
            continue
        point = _svg_point(drawn, place.lat, place.lon)
        if point:
            shown.append((place, point))
    if not shown:
        return []
    per_root = radius_per_root(max(place.count for place, _ in shown))
    points = spread([point for _, point in shown])
    shown = [(place, point) for (place, _), point in zip(shown, points)]
    markers = [
        Marker(x=round(x, 1), y=round(y, 1), r=marker_radius(place.count, per_root), href=safe_href(place.href),
               name=place.label or f"{place.city}: {plural(place.count)}", city=place.city, count=place.count)
        for place, (x, y) in shown
    ]
    return sorted(markers, key=lambda m: (-m.count, m.city, m.x, m.y))


def spread(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """``points`` moved apart until no two lie closer than SPREAD (within rounding), each as little as it can.

    A pair too close is pushed apart symmetrically along the line between them (west to east, in the
    order given, for points on top of each other), for at most SPREAD_ROUNDS rounds. The counts play
    no part, so a case that agrees with its city moves no marker.
    """
    moved = [list(point) for point in points]
    for _ in range(SPREAD_ROUNDS):
        pushed = False
        for i, a in enumerate(moved):
            for j in range(i + 1, len(moved)):
                b = moved[j]
                dx, dy = b[0] - a[0], b[1] - a[1]
                distance = math.hypot(dx, dy)
                if distance >= SPREAD - 0.01:
                    continue
                ux, uy = (dx / distance, dy / distance) if distance > 1e-9 else (1.0, 0.0)
                half = (SPREAD - distance) / 2
                a[0], a[1] = a[0] - ux * half, a[1] - uy * half
                b[0], b[1] = b[0] + ux * half, b[1] + uy * half
                pushed = True
        if not pushed:
            break
    return [(x, y) for x, y in moved]


def safe_href(href: str) -> str:
    """The link, unless it would run script (``javascript:``) or is not a web or relative address."""
    scheme = urlsplit(href.strip()).scheme.lower()
    if scheme not in SAFE_SCHEMES:
        raise ValueError(f"map link {href!r}: only relative, http and https addresses are allowed")
    return href


def text_width(text: str, size: float) -> float:
    """A generous estimate for a sans-serif face (no font metrics at build time)."""
    return 0.7 * size * len(text)


def place_labels(markers: list[Marker], frame: Frame, scale: float, key: Key | None) -> list[Label]:
    """Names of the most frequent cities, each beside its marker where it covers no other name,
    not the middle of another marker and not the key; markers and names as drawn at ``scale``."""
    size = LABEL_SIZE * scale
    taken: list[Box] = [key.box] if key else []
    circles = [(m.x, m.y, m.r * scale) for m in markers]
    labels = []
    for number, marker in enumerate(markers[:MAX_LABELS]):
        width, gap = text_width(marker.city, size), marker.r * scale + 3 * scale
        others = circles[:number] + circles[number + 1:]
        for anchor, left, baseline in (
            ("start", marker.x + gap, marker.y + size * 0.35),
            ("end", marker.x - gap - width, marker.y + size * 0.35),
            ("middle", marker.x - width / 2, marker.y - gap - size * 0.2),
            ("middle", marker.x - width / 2, marker.y + gap + size * 0.8),
        ):
            box = (left, baseline - size * 0.8, left + width, baseline + size * 0.2)
            if (box[0] >= 0 and box[2] <= frame.width and box[1] >= 0 and box[3] <= frame.height
                    and not any(_overlap(box, other) for other in taken)
                    and not any(_touches(box, circle) for circle in others)):
                taken.append(box)
                x = {"start": left, "end": left + width, "middle": left + width / 2}[anchor]
                labels.append(Label(round(x, 1), round(baseline, 1), anchor, marker.city))
                break
    return labels


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _touches(box: Box, circle: tuple[float, float, float]) -> bool:
    """Whether a name over this box would hide the marker's middle (an edge may go under it)."""
    x, y, r = circle
    inner = r * 0.6
    nearest_x, nearest_y = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
    return (x - nearest_x) ** 2 + (y - nearest_y) ** 2 < inner * inner


def key_counts(markers: list[Marker]) -> list[tuple[int, float]]:
    """Reference counts with their radii: 1, a round number near a fifth (at most half) of the largest,
    and the largest itself, so the key's biggest circle is the map's biggest marker (a key of 1 and 2
    beside a city of 4 told the reader nothing of that city)."""
    if not markers:
        return []
    most = max(marker.count for marker in markers)
    per_root = radius_per_root(most)
    nice = [n * 10 ** e for e in range(7) for n in (1, 2, 5)]
    middle = max(n for n in nice if n <= max(1, most // 5, most // 2 if most < 10 else 0))
    return [(count, marker_radius(count, per_root)) for count in sorted({1, middle, most})]


def size_key(counts: list[tuple[int, float]], scale: float, frame: Frame) -> Key | None:
    """Circles side by side on one baseline, their counts below, a title above, at ``scale``."""
    if not counts:
        return None
    size, pad, gap = KEY_SIZE * scale, 8 * scale, 10 * scale
    title = "Practices per city"
    tallest = 2 * counts[-1][1] * scale
    title_y = pad + size * 0.8
    bottom = title_y + 6 * scale + tallest
    circles, cursor = [], pad
    for count, r in counts:
        text = f"{count:,}"
        room = max(2 * r * scale, text_width(text, size))
        circles.append((round(cursor + room / 2, 1), round(bottom - r * scale, 1), round(r * scale, 1), text))
        cursor += room + gap
    width = max(cursor - gap, text_width(title, size)) + pad
    height = bottom + size * 1.2 + pad
    margin = 8
    return Key(x=margin, y=round(frame.height - height - margin, 1), width=round(width, 1), height=round(height, 1),
               size=round(size, 1), title_y=round(title_y, 1), circles=tuple(circles),
               text_y=round(bottom + size * 1.1, 1))


def places_by_city(practices: Iterable, link: Callable[[list], str]) -> list[Place]:
    """One Place per (country, city) of the cases that have coordinates, at the median of their points.

    ``link(cases)`` gives the marker's address for that city's cases, e.g. the case page for one
    case and a filtered list for several.
    """
    groups: dict[tuple[str, str], list] = {}
    for practice in practices:
        if practice.lat is not None and practice.lon is not None:
            groups.setdefault((practice.country, practice.city), []).append(practice)
    return [Place(city, country, *median_point([(case.lat, case.lon) for case in cases]), len(cases), link(cases))
            for (country, city), cases in sorted(groups.items())]
