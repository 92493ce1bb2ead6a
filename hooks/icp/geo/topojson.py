"""TopoJSON decoding (the subset world-atlas uses), in plain Python.

A topology stores each shared border once, as an arc; polygons list the arcs of their rings by
index, and index ``~i`` (a negative number) means arc ``i`` walked backwards. A quantized topology
stores arc points as integer steps from the previous point, turned back into degrees by its
``transform``. Keeping the arcs lets the map simplify each border once, so neighbours still meet.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]


@dataclass(frozen=True)
class Feature:
    """One geometry of a collection: its name, and its polygons as rings of arc indexes."""

    name: str
    id: str | None
    polygons: tuple[tuple[tuple[int, ...], ...], ...]


class TopologyError(ValueError):
    """The file is not a TopoJSON topology this decoder understands."""


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Every arc as absolute (x, y) points: (longitude, latitude) for world-atlas."""
    transform = topology.get("transform")
    arcs = topology.get("arcs")
    if not isinstance(arcs, list):
        raise TopologyError("the topology has no 'arcs' list")
    if transform is None:
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in arcs]
    (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
    decoded = []
    for arc in arcs:
        x = y = 0
        points = []
        for step in arc:
            x += step[0]
            y += step[1]
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        decoded.append(points)
    return decoded


def features(topology: dict, object_name: str) -> list[Feature]:
    """The polygons and multipolygons of ``object_name``, a GeometryCollection; other types are skipped."""
    try:
        collection = topology["objects"][object_name]
    except (KeyError, TypeError) as error:
        raise TopologyError(f"the topology has no object '{object_name}'") from error
    geometries = collection.get("geometries", [collection])
    found = []
    for geometry in geometries:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        name = (geometry.get("properties") or {}).get("name") or str(geometry.get("id", ""))
        found.append(Feature(
            name=name,
            id=geometry.get("id"),
            polygons=tuple(tuple(tuple(ring) for ring in polygon) for polygon in polygons),
        ))
    return found


def arc_points(arcs: list[list[Point]], index: int) -> list[Point]:
    """Arc ``index`` in the direction the ring walks it: ``~i`` is arc ``i`` reversed."""
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def ring(arcs: list[list[Point]], indexes: tuple[int, ...]) -> Ring:
    """The closed ring made by joining the arcs; each arc starts where the last one ended."""
    points: Ring = []
    for index in indexes:
        walked = arc_points(arcs, index)
        points.extend(walked[1:] if points else walked)
    return points


def polygons(arcs: list[list[Point]], feature: Feature) -> list[Polygon]:
    """The feature's polygons, each an exterior ring then its holes, as (x, y) points."""
    return [[ring(arcs, indexes) for indexes in polygon] for polygon in feature.polygons]
