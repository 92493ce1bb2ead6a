"""Rules between the cases of one city: one spelling, and one place.

A city's marker stands for all its cases, so no one case may move it or draw a second one:

- **One spelling.** Two cases of a country whose cities differ only in capitals, accents, spacing,
  punctuation or look-alike letters (``Oslo``, ``oslo``, ``Оslo`` with a Cyrillic O) would be two
  cities on the map and in the finder. The spelling most cases use is kept (one without look-alike
  letters first; then the one more cases use; then a capital first, then the one with accents) and
  every other is refused, with the spelling to use.
- **One place.** The map draws a city at the median of its cases' coordinates
  (:func:`icp.geo.places.median_point`). A case whose coordinates lie more than ``AGREE_KM`` from
  the median of the city's other cases is refused, naming both places. With three cases or more
  the median is what most of them say. Two cases that disagree have no majority: the one farther
  from its country's main land (Bornholm rather than Copenhagen, French Guiana rather than Lyon) is
  refused, naming the other; when neither is farther by more than ``AGREE_KM``, both are refused,
  each naming the other, since nothing tells which one is right.

The checks take every case of the project, those with problems of their own too (a case with a
broken link still says where its city is), except coordinates already refused for their country.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from icp.check.lookalikes import city_key, has_lookalikes, normal_city
from icp.geo.locate import locate, main_land_km
from icp.geo.places import Medians, Point, distance_km
from icp.read.casefile import CaseFile, CaseFileError, parse_case_bytes, read_case_bytes

AGREE_KM = 30.0
FILES_NAMED = 3

Found = tuple[str, int, str, str]  # (file, line, field, message), as icp.check.validate.Problem takes them


@dataclass(frozen=True)
class CityCase:
    """What these rules read of one case: its file, city, country and, if given and not refused, its point."""

    shown: str
    city: str
    country: str
    city_line: int
    point: Point | None = None
    point_line: int = 0
    spelled_right: bool = True  # False when the city itself is refused (an invisible or a mixed-alphabet letter)

    @property
    def key(self) -> tuple[str, str]:
        return self.country, city_key(self.city) or self.city


def project_city_problems(cases: list[CaseFile], all_paths: list[Path], paths: list[Path] | None,
                          shown_of: Callable[[Path], str], countries: set[str], *, refused: set[str],
                          misspelled: set[str]) -> list[Found]:
    """The problems of these rules for the files checked (``paths``, or all), judged against every case
    of the project: ``cases`` were read by the check, the other files of ``all_paths`` are read here.
    ``refused``: files whose coordinates are already refused; ``misspelled``: files whose city is."""
    everyone = [(case, True) for case in cases]
    if paths is not None:
        read = {os.path.abspath(case.path) for case in cases}
        for path in all_paths:
            if os.path.abspath(path) not in read:
                try:
                    everyone.append((parse_case_bytes(path, read_case_bytes(path)), False))
                except CaseFileError:
                    continue
    entries = []
    for case, checked in everyone:
        meta = case.meta if isinstance(case.meta, dict) else {}
        city, country, lat, lon = (meta.get(key) for key in ("city", "country", "lat", "lon"))
        if not isinstance(city, str) or not city.strip() or not isinstance(country, str) or country not in countries:
            continue
        shown = shown_of(case.path)
        placed = (_coordinate(lat, 90) and _coordinate(lon, 180) and shown not in refused
                  and (checked or locate(country, lat, lon) is None))
        entries.append(CityCase(shown, city, country, case.line_of(("city",)) or 0,
                                (lat, lon) if placed else None, case.line_of(("lat",)) or 0,
                                spelled_right=shown not in misspelled))
    reported = {shown_of(path) for path in paths} if paths is not None else None
    return [found for found in city_problems(entries) if reported is None or found[0] in reported]


def _coordinate(value: object, limit: float) -> bool:
    """A coordinate the schema accepts (a value it refuses is reported by the schema alone)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and -limit <= value <= limit


def city_problems(cases: list[CityCase]) -> list[Found]:
    groups: dict[tuple[str, str], list[CityCase]] = {}
    for case in cases:
        groups.setdefault(case.key, []).append(case)
    found: list[Found] = []
    for group in groups.values():
        found += _spelling_problems(group)
        found += _place_problems([case for case in group if case.point is not None])
    return found


def _spelling_problems(group: list[CityCase]) -> list[Found]:
    spellings: dict[str, list[CityCase]] = {}
    for case in group:
        if case.spelled_right:
            spellings.setdefault(normal_city(case.city), []).append(case)
    if len(spellings) < 2:
        return []

    def preference(spelling: str) -> tuple:
        return (not has_lookalikes(spelling), len(spellings[spelling]), spelling[:1].isupper(),
                sum(not character.isascii() for character in spelling), spelling)

    kept = max(spellings, key=preference)
    found = []
    for spelling, cases in spellings.items():
        if spelling == kept:
            continue
        how = ("look-alike letters of another alphabet" if has_lookalikes(spelling)
               else "capitals" if spelling.casefold() == kept.casefold()
               else "accents, capitals, spaces or punctuation")
        for case in cases:
            found.append((case.shown, case.city_line, "city",
                          f"'{spelling}' is '{kept}' written another way (they differ only in {how}), as "
                          f"{_files(spellings[kept])} write{'s' if len(spellings[kept]) == 1 else ''} it; "
                          f"did you mean '{kept}'? Write city: {kept}, so that the map and the finder show "
                          "the city once"))
    return found


def _place_problems(placed: list[CityCase]) -> list[Found]:
    if len(placed) < 2:
        return []
    if len(placed) == 2:
        return _two_places(*placed)
    medians = Medians([case.point for case in placed])
    found = []
    for case in placed:
        centre = medians.of_others(case.point)
        distance = distance_km(case.point, centre)
        if distance > AGREE_KM:
            others = [other for other in placed if other is not case]
            where = (f"as its other {len(others)} cases place it ({_point(centre)}, the median of their "
                     f"coordinates: {_files(others)})")
            found.append(_far(case, distance, where, centre))
    return found


def _two_places(first: CityCase, second: CityCase) -> list[Found]:
    distance = distance_km(first.point, second.point)
    if distance <= AGREE_KM:
        return []
    away = {case.shown: main_land_km(case.country, *case.point) for case in (first, second)}
    if away[first.shown] > away[second.shown] + AGREE_KM:
        pairs = [(first, second)]
    elif away[second.shown] > away[first.shown] + AGREE_KM:
        pairs = [(second, first)]
    else:
        pairs = [(first, second), (second, first)]
    return [_far(case, distance, f"as its only other case, {other.shown}, places it ({_point(other.point)})",
                 other.point, both=len(pairs) == 2)
            for case, other in pairs]


def _far(case: CityCase, distance: float, where: str, centre: Point, *, both: bool = False) -> Found:
    fix = (f"give the coordinates of {case.city} itself (e.g. lat: {_number(centre[0])} and lon: "
           f"{_number(centre[1])}), or, if the practice is in another town, write that town as city")
    if both:
        fix = "nothing tells which of the two is wrong: in the one that is, " + fix
    return (case.shown, case.point_line, "lat",
            f"the coordinates {_point(case.point)} lie {distance:,.0f} km from {case.city} {where}; the cases of a city must lie "
            f"within {AGREE_KM:.0f} km of each other, since the map draws the city once, at their median; {fix}")


def _files(cases: list[CityCase]) -> str:
    names = sorted({case.shown for case in cases})
    shown = ", ".join(names[:FILES_NAMED])
    return shown + (f" and {len(names) - FILES_NAMED} more" if len(names) > FILES_NAMED else "")


def _point(point: Point) -> str:
    return f"{_number(point[0])}, {_number(point[1])}"


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
