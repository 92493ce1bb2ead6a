"""The two map views and their country outlines, as SVG path data computed once per process.

Outlines do not depend on the cases, so each view's paths are cached: a build pays for them once
(a few tenths of a second) and every map after that only places its markers. The borders are
simplified arc by arc, in projected units, so two neighbours share the same simplified border and
no gap or overlap opens between them. Coordinates are rounded to a grid and written relative to
the previous point, which keeps the file small.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .atlas import ATLAS_FILE, atlas
from .projection import equal_earth, lambert_azimuthal

XY = tuple[float, float]

WIDTH = 1000  # SVG user units across every view; the page scales the drawing to its column.


@dataclass(frozen=True)
class View:
    """A projection and the region it shows: ``frame`` points (lon, lat) that must be on the map."""

    name: str
    title: str
    project: Callable[[float, float], XY]
    frame: tuple[XY, ...]
    keep: tuple[float, float, float, float]  # (west, south, east, north): polygons touching it are drawn
    margin: float  # of the frame, as a share of its width
    cut_at_antimeridian: bool  # a map with edges at 180° must cut rings that cross it (eastern Russia, Fiji)


VIEWS = {
    "europe": View(
        name="europe",
        title="Europe",
        project=lambert_azimuthal(10.0, 52.0),
        # Iceland's west cape, Cabo de São Vicente, Eilat, Ukraine's east, the North Cape.
        frame=((-24.5, 65.5), (-9.5, 36.9), (34.9, 29.5), (40.2, 49.5), (25.8, 71.2), (-10.5, 51.5)),
        keep=(-60.0, 15.0, 100.0, 90.0),
        margin=0.02,
        cut_at_antimeridian=False,
    ),
    "world": View(
        name="world",
        title="the world",
        project=equal_earth,
        frame=((-180.0, 0.0), (180.0, 0.0), (0.0, 84.0), (0.0, -56.0)),
        keep=(-180.0, -90.0, 180.0, 90.0),
        margin=0.0,
        cut_at_antimeridian=True,
    ),
}

# Simplification and rounding, in SVG units (a column of 800 px shows 1 unit as 0.8 px); finer
# settings (0.5, 0.5) looked the same on a 2x screen and made the outlines 40 % larger.
TOLERANCE = 0.7
GRID = 1.0
MIN_RING_AREA = 1.5  # square units; smaller islands are dropped


@dataclass(frozen=True)
class Frame:
    """Projected coordinates -> SVG units: ``x * scale + dx``, ``dy - y * scale``."""

    scale: float
    dx: float
    dy: float
    width: float
    height: float

    def to_svg(self, point: XY) -> XY:
        return point[0] * self.scale + self.dx, self.dy - point[1] * self.scale


@dataclass(frozen=True)
class ViewGeometry:
    view: View
    frame: Frame
    paths: dict[str, str]  # country -> path data


def view(name: str) -> View:
    try:
        return VIEWS[name]
    except KeyError:
        raise ValueError(f"unknown map view {name!r}; choose one of {', '.join(sorted(VIEWS))}") from None


def make_frame(chosen: View) -> Frame:
    points = [chosen.project(lon, lat) for lon, lat in chosen.frame]
    west, east = min(x for x, _ in points), max(x for x, _ in points)
    south, north = min(y for _, y in points), max(y for _, y in points)
    pad = (east - west) * chosen.margin
    west, east, south, north = west - pad, east + pad, south - pad, north + pad
    scale = WIDTH / (east - west)
    return Frame(scale, -west * scale, north * scale, WIDTH, round((north - south) * scale))


# The outlines depend only on the atlas and the drawing settings: kept here for every build, made
# anew (and a test says the file is stale) when either changes. Decoding and projecting the atlas
# takes some 0.3 s, a build's worth of a thousand case checks.
OUTLINES_FILE = Path(__file__).resolve().parent.parent / "data" / "world-atlas" / "outlines.json"


def outlines_key() -> str:
    """What the kept outlines were made from: the atlas's bytes and the settings that shape them."""
    settings = json.dumps([TOLERANCE, GRID, MIN_RING_AREA, WIDTH,
                           {name: [v.frame, v.margin, v.keep, v.cut_at_antimeridian] for name, v in VIEWS.items()}],
                          default=str)
    return hashlib.sha256(ATLAS_FILE.read_bytes() + settings.encode()).hexdigest()


@lru_cache(maxsize=None)
def geometry(name: str) -> ViewGeometry:
    """Every country's outline for view ``name``, clipped to its frame (kept in OUTLINES_FILE)."""
    chosen = view(name)
    try:
        kept = json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    if kept.get("key") == outlines_key() and name in kept.get("views", {}):
        return ViewGeometry(chosen, Frame(**kept["views"][name]["frame"]), kept["views"][name]["paths"])
    return compute_geometry(name)


def compute_geometry(name: str) -> ViewGeometry:
    """Every country's outline for view ``name``, projected, simplified and clipped to its frame."""
    chosen = view(name)
    frame = make_frame(chosen)
    data = atlas()
    west, south, east, north = chosen.keep
    clip = (-GRID, -GRID, frame.width + GRID, frame.height + GRID)
    simplified: dict[int, list[XY]] = {}

    def arc(index: int) -> list[XY]:
        key = index if index >= 0 else ~index
        if key not in simplified:
            projected = [frame.to_svg(chosen.project(lon, lat)) for lon, lat in data.arcs[key]]
            simplified[key] = simplify(projected, TOLERANCE)
        return simplified[key] if index >= 0 else simplified[key][::-1]

    paths = {}
    for country in data.countries.values():
        rings = []
        for polygon, arc_rings in zip(country.polygons, country.arc_rings):
            lons = [lon for lon, _ in polygon[0]]
            lats = [lat for _, lat in polygon[0]]
            if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
                continue
            for geographic, indexes in zip(polygon, arc_rings):
                if chosen.cut_at_antimeridian and crosses_antimeridian(geographic):
                    pieces = [simplify([frame.to_svg(chosen.project(lon, lat)) for lon, lat in piece + piece[:1]],
                                       TOLERANCE) for piece in cut_at_antimeridian(geographic)]
                else:
                    pieces = [[]]
                    for index in indexes:
                        walked = arc(index)
                        pieces[0].extend(walked[1:] if pieces[0] else walked)
                for points in pieces:
                    points = clip_ring(points, clip)
                    if len(points) >= 3 and abs(ring_area(points)) >= MIN_RING_AREA:
                        rings.append(points)
        text = path_data(rings)
        if text:
            paths[country.name] = text
    return ViewGeometry(chosen, frame, paths)


def crosses_antimeridian(ring: list[XY]) -> bool:
    return any(abs(b[0] - a[0]) > 180 for a, b in zip(ring, ring[1:]))


def cut_at_antimeridian(ring: list[XY]) -> list[list[XY]]:
    """A ring that steps across 180° (stored as a jump from 179.9 to -179.9) as pieces within ±180°.

    Longitudes are first made continuous (180.5 instead of -179.5), then the ring is clipped to
    [-180, 180] as it is, shifted west and shifted east. (A ring around a pole would not close;
    only Antarctica has one, and no map draws it.)
    """
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append((lon, lat))
    pieces = []
    for shift in (-360, 0, 360):
        piece = clip_ring([(lon + shift, lat) for lon, lat in unwrapped], (-180, -90, 180, 90))
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def simplify(points: list[XY], tolerance: float) -> list[XY]:
    """Douglas-Peucker keeping both ends; a closed arc (an island) is split at its farthest point first."""
    if len(points) < 3:
        return points
    if points[0] == points[-1]:
        x0, y0 = points[0]
        far = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
        if far in (0, len(points) - 1):
            return points[:1] + points[-1:]
        return simplify(points[: far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    limit = tolerance * tolerance
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy or 1e-12
        worst, worst_at = limit * length, 0
        for i in range(first + 1, last):
            x, y = points[i]
            cross = (x - ax) * dy - (y - ay) * dx
            if cross * cross > worst:
                worst, worst_at = cross * cross, i
        if worst_at:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [point for point, kept in zip(points, keep) if kept]


def clip_ring(points: list[XY], box: tuple[float, float, float, float]) -> list[XY]:
    """Sutherland-Hodgman against a rectangle; right for a filled ring (a concave one may gain
    zero-width edges along the box, which the frame hides)."""
    left, top, right, bottom = box
    if all(left <= x <= right and top <= y <= bottom for x, y in points):
        return points
    for inside, cross in (
        (lambda p: p[0] >= left, lambda a, b: _at_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: _at_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: _at_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: _at_y(a, b, bottom)),
    ):
        if not points:
            break
        result = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return points


def _at_x(a: XY, b: XY, x: float) -> XY:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: XY, b: XY, y: float) -> XY:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def ring_area(points: list[XY]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1])) / 2


def path_data(rings: list[list[XY]]) -> str:
    """``M x y l dx dy ... z`` per ring on the GRID, as short as SVG allows ("1-.5" for "1 -0.5");
    steps that round to nothing are dropped."""
    parts = []
    for ring in rings:
        cells = [(round(x / GRID), round(y / GRID)) for x, y in ring]
        steps = []
        last = cells[0]
        for cell in cells[1:]:
            if cell != last:
                steps += [cell[0] - last[0], cell[1] - last[1]]
                last = cell
        if cells[0] == last and steps:
            del steps[-2:]  # "z" draws the closing step
        if len(steps) < 4:
            continue
        parts.append(f"M{_numbers(cells[0])}l{_numbers(steps)}z")
    return "".join(parts)


def _numbers(cells) -> str:
    text = ""
    for cell in cells:
        value = cell * GRID
        number = str(int(value)) if value == int(value) else _short(value)
        text += number if not text or number[0] == "-" else " " + number
    return text


def _short(value: float) -> str:
    text = f"{value:g}"
    return "." + text[2:] if text.startswith("0.") else "-." + text[3:] if text.startswith("-0.") else text


def write_outlines() -> None:
    """Keep every view's outlines in OUTLINES_FILE (``scripts/make_outlines.py``)."""
    views = {}
    for name in sorted(VIEWS):
        drawn = compute_geometry(name)
        views[name] = {"frame": asdict(drawn.frame), "paths": drawn.paths}
    OUTLINES_FILE.write_text(json.dumps({"key": outlines_key(), "views": views}, separators=(",", ":")) + "\n",
                             encoding="utf-8")
