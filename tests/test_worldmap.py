"""The map module (hooks/icp/geo): TopoJSON decoding, the coordinate check and the SVG map."""

from __future__ import annotations

import json
import math
import random
import re
import xml.etree.ElementTree as ET

import pytest

from icp.geo import topojson
from icp.geo.atlas import ATLAS_FILE, ATLAS_NAMES, MOVED_POLYGONS, build_atlas, country_shapes
from icp.geo.locate import TOLERANCE_KM, build_index, country_index, locate
from icp.geo.svgmap import Place, in_view, map_svg, places_by_city
from icp.geo.views import cut_at_antimeridian, path_data, simplify
from icp.site import Project
from icp.synthetic.cases import CITIES
from icp.synthetic.coordinates import CITY_COORDINATES

from conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"

# Two unit squares side by side that share one border (arc 0, walked backwards by the second), and
# a multipolygon: a square with a square hole, plus a triangle. Quantized: x = 10 + 0.5 * step sum.
HAND_MADE = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [0, 2]],
        [[2, 2], [-2, 0], [0, -2], [2, 0]],
        [[2, 0], [2, 0], [0, 2], [-2, 0]],
        [[10, 10], [10, 0], [0, 10], [-10, 0], [0, -10]],
        [[12, 12], [0, 6], [6, 0], [0, -6], [-6, 0]],
        [[30, 30], [2, 0], [-1, 2], [-1, -2]],
    ],
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[1, 0]], "properties": {"name": "West"}},
        {"type": "Polygon", "arcs": [[2, ~0]], "properties": {"name": "East"}},
        {"type": "MultiPolygon", "arcs": [[[3], [4]], [[5]]], "id": "999", "properties": {"name": "Holey"}},
        {"type": "Point", "coordinates": [0, 0], "properties": {"name": "Dot"}},
        {"type": None, "properties": {"name": "Nothing"}},
    ]}},
}


def test_decodes_quantized_delta_encoded_arcs():
    arcs = topojson.decode_arcs(HAND_MADE)
    assert arcs[0] == [(11.0, 20.0), (11.0, 21.0)]
    assert arcs[1] == [(11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)]


def test_decodes_polygons_multipolygons_and_reversed_arcs():
    arcs = topojson.decode_arcs(HAND_MADE)
    found = {feature.name: feature for feature in topojson.features(HAND_MADE, "countries")}
    assert set(found) == {"West", "East", "Holey"}, "points and empty geometries are skipped"
    west, = topojson.polygons(arcs, found["West"])
    east, = topojson.polygons(arcs, found["East"])
    assert west == [[(11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0), (11.0, 21.0)]]
    assert east == [[(11.0, 20.0), (12.0, 20.0), (12.0, 21.0), (11.0, 21.0), (11.0, 20.0)]]
    outer_with_hole, triangle = topojson.polygons(arcs, found["Holey"])
    assert len(outer_with_hole) == 2 and len(triangle) == 1
    assert outer_with_hole[1][0] == (16.0, 26.0)
    assert all(ring[0] == ring[-1] for polygon in (west, east, outer_with_hole, triangle) for ring in polygon)
    assert found["Holey"].id == "999"


def test_an_unquantized_topology_is_read_as_it_is():
    plain = {**HAND_MADE, "transform": None, "arcs": [[[0, 0], [1.5, 2.5]]]}
    del plain["transform"]
    assert topojson.decode_arcs(plain) == [[(0.0, 0.0), (1.5, 2.5)]]


def test_point_in_polygon_respects_holes_and_shared_borders():
    atlas = build_atlas(HAND_MADE)
    holey = build_index("Holey", atlas.countries["Holey"].polygons)
    assert holey.contains(15.5, 25.5), "in the outer square, outside the hole"
    assert not holey.contains(18.0, 28.0), "in the hole"
    assert holey.contains(25.5, 35.3), "in the triangle"
    west = build_index("West", atlas.countries["West"].polygons)
    east = build_index("East", atlas.countries["East"].polygons)
    assert west.contains(10.5, 20.5) and not east.contains(10.5, 20.5)
    assert east.contains(11.5, 20.5) and not west.contains(11.5, 20.5)
    assert west.distance_km(10.5, 22.0) == pytest.approx(111.2, rel=0.01)


def test_every_vocabulary_country_has_a_shape():
    shapes = country_shapes()
    for country in Project(ROOT).vocabulary().country_names:
        assert shapes.get(country), f"{country} has no shape: add it to ATLAS_NAMES in hooks/icp/geo/atlas.py"
        assert all(len(ring) >= 4 and ring[0] == ring[-1] for polygon in shapes[country] for ring in polygon)


def test_the_name_tables_name_real_atlas_countries():
    raw = {feature.name for feature in topojson.features(json.loads(ATLAS_FILE.read_text()), "countries")}
    assert {name for names in ATLAS_NAMES.values() for name in names} <= raw
    assert {source for source, _, _ in MOVED_POLYGONS} <= raw
    shapes = country_shapes()
    assert "N. Cyprus" not in shapes and "Czechia" not in shapes and "Czech Republic" in shapes
    assert {"Malta", "Andorra", "Monaco", "San Marino", "Liechtenstein"} <= set(shapes)


def real_cases_with_coordinates():
    return [p for p in Project(ROOT).load_index().practices if p.lat is not None]


def test_the_real_cases_coordinates_lie_in_their_countries():
    cases = real_cases_with_coordinates()
    assert len(cases) >= 8
    for case in cases:
        assert locate(case.country, case.lat, case.lon) is None, case.slug


def test_the_synthetic_cities_coordinates_lie_in_their_countries():
    assert set(CITY_COORDINATES) == {city for cities in CITIES.values() for city in cities}
    for country, cities in CITIES.items():
        for city in cities:
            assert locate(country, *CITY_COORDINATES[city]) is None, city


def test_crimea_and_northern_cyprus_count_as_ukraine_and_cyprus():
    assert locate("Ukraine", 44.95, 34.10) is None  # Simferopol
    assert locate("Cyprus", 35.34, 33.32) is None  # Kyrenia
    assert "lies in Ukraine, not Russia" in locate("Russia", 44.95, 34.10)


@pytest.mark.parametrize("case", real_cases_with_coordinates(), ids=lambda case: case.slug)
def test_swapped_coordinates_are_named_with_the_fix(case):
    message = locate(case.country, case.lon, case.lat)
    assert message is not None
    assert "latitude and longitude look swapped" in message
    written = [f"{value:.6f}".rstrip("0").rstrip(".") for value in (case.lat, case.lon)]  # as the editor wrote it
    assert f"write lat: {written[0]} and lon: {written[1]}" in message
    fix = re.search(r"write lat: (\S+) and lon: (\S+)$", message)
    assert (float(fix[1]), float(fix[2])) == (case.lat, case.lon), "the fix gives back the very numbers, no digit lost"


def test_a_point_in_another_country_names_that_country():
    assert locate("Norway", 55.6761, 12.5683).startswith("55.6761, 12.5683 lies in Denmark, not Norway;")
    assert "lies in the Netherlands, not Norway" in locate("Norway", 51.9244, 4.4777)
    assert "lies in France, not Spain" in locate("Spain", 45.7640, 4.8357)


def test_a_dropped_minus_sign_is_named_with_the_fix():
    assert "write lon: -2.9916" in locate("United Kingdom", 53.4084, 2.9916)
    assert "write lat: -37.81" in locate("Australia", 37.81, 144.96)


def test_a_point_in_no_country_says_how_far_off_it_is():
    message = locate("Norway", 0, 0)
    assert message.startswith("0, 0 lies in no country, ") and "km from Norway" in message


def test_the_tolerance_lets_coastal_cities_pass_and_stops_points_far_out_at_sea():
    bergen = country_index("Norway")
    near = (60.39, 4.70)  # about 10 km off Norway's outer coast, in the North Sea
    far = (60.39, 2.5)  # about 150 km out
    assert not bergen.contains(near[1], near[0]) and bergen.distance_km(near[1], near[0]) < TOLERANCE_KM
    assert locate("Norway", *near) is None
    assert "lies in no country" in locate("Norway", *far)


def test_an_unknown_country_is_not_checked():
    assert locate("Atlantis", 0, 0) is None


@pytest.mark.parametrize("lat, lon", [(math.nan, 10.0), (59.9, math.inf)])
def test_a_value_that_is_not_a_number_is_named(lat, lon):
    assert "is not a place; write lat and lon as decimal degrees" in locate("Norway", lat, lon)


def test_simplification_keeps_ends_and_the_shape():
    line = [(x, math.sin(x / 3) * 10) for x in range(60)]
    simple = simplify(line, 0.5)
    assert simple[0] == line[0] and simple[-1] == line[-1] and 5 < len(simple) < len(line)
    island = [(0, 0), (5, 0.1), (10, 0), (10, 10), (0, 10), (0, 0)]
    assert len(simplify(island, 0.5)) >= 4


def test_rings_across_the_antimeridian_are_cut_at_it():
    pieces = cut_at_antimeridian([(170, 60), (-170, 60), (-170, 70), (170, 70), (170, 60)])
    assert sorted(round(min(lon for lon, _ in piece)) for piece in pieces) == [-180, 170]
    assert all(-180 <= lon <= 180 for piece in pieces for lon, _ in piece)


def test_path_data_is_relative_and_compact():
    assert path_data([[(0, 0), (10, 0), (10, 3), (0, 0)]]) == "M0 0l10 0 0 3z"
    assert path_data([[(2, 2), (12, 2), (6, -1)]]) == "M2 2l10 0-6-3z", "no space before a minus sign"
    assert path_data([[(0, 0), (0.1, 0.1), (0.2, 0)]]) == "", "a ring that rounds to a point is dropped"


# --- the SVG map ---------------------------------------------------------------------------------


def europe_places() -> list[Place]:
    return [
        Place("Copenhagen", "Denmark", 55.6761, 12.5683, 3, "practices/copenhagen.html"),
        Place("Oslo", "Norway", 59.9139, 10.7522, 1, "practices/oslo.html"),
        Place("Lyon", "France", 45.7640, 4.8357, 12, "https://example.org/lyon?x=1&y=2"),
        Place("Melbourne", "Australia", -37.81, 144.96, 2, "practices/melbourne.html"),
    ]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def links(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}a")


def test_the_map_has_one_named_link_per_place_in_view():
    root = parse(map_svg(europe_places(), "europe"))
    found = {a.get("href"): a for a in links(root)}
    assert set(found) == {"practices/copenhagen.html", "practices/oslo.html", "https://example.org/lyon?x=1&y=2"}
    assert found["practices/copenhagen.html"].get("aria-label") == "Copenhagen: 3 practices"
    assert found["practices/copenhagen.html"].find(f"{SVG}title").text == "Copenhagen: 3 practices"
    assert found["practices/oslo.html"].get("aria-label") == "Oslo: 1 practice"
    assert not in_view("europe", -37.81, 144.96) and in_view("world", -37.81, 144.96)
    world = parse(map_svg(europe_places(), "world"))
    assert len(links(world)) == 4


def test_a_caller_label_is_the_accessible_name():
    place = Place("Oslo", "Norway", 59.9139, 10.7522, 2, "oslo.html", label="Oslo – 2 cases")
    link, = links(parse(map_svg([place], "europe")))
    assert link.get("aria-label") == "Oslo – 2 cases"


def test_markers_are_drawn_largest_first_with_area_following_the_count():
    places = [Place(f"City {n}", "France", 44 + n / 10, 2 + n / 5, count, f"c{n}.html")
              for n, count in enumerate([1, 400, 25, 100, 4])]
    circles = [(int(a.get("aria-label").split(": ")[1].split()[0]), float(a.find(f"{SVG}circle").get("r")))
               for a in links(parse(map_svg(places, "europe")))]
    assert [count for count, _ in circles] == [400, 100, 25, 4, 1]
    (big, r_big), (mid, r_mid) = circles[0], circles[1]
    assert (r_big / r_mid) ** 2 == pytest.approx(big / mid, rel=0.02)
    assert min(r for _, r in circles) >= 4.0, "one case stays big enough to see and click"


def test_one_path_per_country_and_the_highlighted_ones_darker():
    root = parse(map_svg(europe_places(), "europe", highlight=["Norway", "France"]))
    paths = root.findall(f".//{SVG}g[@class='land']/{SVG}path")
    names = [path.get("data-country") for path in paths]
    assert len(names) == len(set(names)) and {"Malta", "Norway", "Russia", "Iceland"} <= set(names)
    assert {path.get("data-country") for path in paths if path.get("class") == "v"} == {"Norway", "France"}
    world = parse(map_svg([], "world")).findall(f".//{SVG}g[@class='land']/{SVG}path")
    assert len(world) > 170 and not any(path.get("data-country") == "Antarctica" for path in world)


def test_hostile_city_names_appear_only_as_text():
    hostile = '<script>alert(1)</script>'
    places = [Place(hostile, "Norway", 59.9139, 10.7522, 50, 'a.html?q="><script>x</script>'),
              Place('"><img src=x onerror=alert(2)>', "France", 45.764, 4.8357, 1, "b.html")]
    svg = map_svg(places, "europe")
    root = parse(svg)
    assert "<script" not in svg and "<img" not in svg
    assert not [element for element in root.iter() if element.tag.split("}")[-1] in {"script", "img", "foreignObject"}]
    names = {a.get("aria-label") for a in links(root)}
    assert names == {f"{hostile}: 50 practices", '"><img src=x onerror=alert(2)>: 1 practice'}
    assert hostile in [text.text for text in root.iter(f"{SVG}text")], "the big city's visible name"
    assert {a.get("href") for a in links(root)} == {'a.html?q="><script>x</script>', "b.html"}


@pytest.mark.parametrize("href", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_links_that_would_run_script_are_refused(href):
    with pytest.raises(ValueError, match="only relative, http and https"):
        map_svg([Place("Oslo", "Norway", 59.9, 10.7, 1, href)], "europe")


def test_the_map_is_deterministic_whatever_the_order_of_places():
    places = europe_places() * 1
    shuffled = places[:]
    random.Random(3).shuffle(shuffled)
    assert map_svg(places, "world") == map_svg(shuffled, "world") == map_svg(places, "world")


def test_an_unknown_view_is_refused():
    with pytest.raises(ValueError, match="unknown map view 'asia'"):
        map_svg([], "asia")


def test_places_by_city_aggregates_cases():
    cases = real_cases_with_coordinates()
    places = places_by_city(cases + cases[:1], lambda group: f"{group[0].slug}.html#{len(group)}")
    assert len(places) == len({(c.country, c.city) for c in cases})
    first = next(p for p in places if p.city == cases[0].city)
    in_city = sum(1 for c in cases if (c.country, c.city) == (cases[0].country, cases[0].city))
    assert first.count == in_city + 1 and first.href.endswith(f"#{in_city + 1}")


# --- in a real browser ---------------------------------------------------------------------------


def open_map(page, tmp_path, svg: str, width: int = 1280, height: int = 900):
    html = tmp_path / "map.html"
    html.write_text(f'<!doctype html><html lang="en"><meta charset="utf-8"><title>Map</title><main>'
                    f'<h1>Map</h1>{svg}</main></html>', encoding="utf-8")
    page.set_viewport_size({"width": width, "height": height})
    page.goto(html.as_uri())


def test_markers_are_links_a_keyboard_reaches_in_size_order(page, tmp_path):
    open_map(page, tmp_path, map_svg(europe_places(), "europe"))
    reached = []
    for _ in range(3):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
    assert reached == ["Lyon: 12 practices", "Copenhagen: 3 practices", "Oslo: 1 practice"]
    role = page.get_by_role("link", name="Copenhagen: 3 practices")
    assert role.count() == 1
    assert page.errors == []


def test_the_map_passes_an_accessibility_audit(page, tmp_path):
    from test_accessibility import blocking_violations

    open_map(page, tmp_path, map_svg(europe_places(), "europe"))
    assert blocking_violations(page) == []


def test_a_phone_gets_the_large_names_and_markers(page, tmp_path):
    svg = map_svg(europe_places(), "europe")
    open_map(page, tmp_path, svg, 390, 844)
    shown = page.evaluate("""() => [...document.querySelectorAll('.icp-map .names, .icp-map .key')]
        .map(g => g.getAttribute('class') + ':' + getComputedStyle(g).display)""")
    assert sorted(shown) == ["key narrow:inline", "key wide:none", "names narrow:inline", "names wide:none"]
    radius = page.evaluate("document.querySelector('.icp-map .places circle').getBoundingClientRect().width")
    open_map(page, tmp_path, svg, 1280, 900)
    assert page.evaluate("getComputedStyle(document.querySelector('.icp-map .names.wide')).display") != "none"
    assert radius > 8, "a one-case marker is still a few pixels wide on a phone"


def test_the_kept_outlines_are_what_the_atlas_gives():
    """data/world-atlas/outlines.json saves every build the projection of the atlas; it must be current
    (scripts/make_outlines.py writes it)."""
    from icp.geo.views import VIEWS, compute_geometry, geometry

    geometry.cache_clear()
    for name in VIEWS:
        kept = geometry(name)
        assert kept == compute_geometry(name), f"{name}: run scripts/make_outlines.py"
