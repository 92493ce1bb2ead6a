"""The map of the cases in real Chromium from file://: on the home page, every marker and list entry
is a link a keyboard reaches, named "City: N practices", that opens the finder with exactly that
city's cases; in the finder's map view, markers follow the filters and choosing one sets the city.
The site is the real one plus cases that test the edges: a city with a diacritic, a name two countries
share, cities outside the Europe view and a case without coordinates. Expected counts come from the
case files, through the core."""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

import pytest
from test_finder import count_text, plural

from icp.geo.svgmap import in_view, marker_radius, radius_per_root
from icp.render.casemap import view_for
from icp.site import Project

import sitecheck
import sweep
from conftest import built_beside, copy_project, write_case

EXTRA_CASES = {
    # slug: city, country, coordinates or None
    "malmo-meeting-places": ("Malmö", "Sweden", (55.605, 13.0036)),
    "hamilton-newcomers-hub": ("Hamilton", "Canada", (43.2557, -79.8711)),
    "hamilton-language-cafes": ("Hamilton", "New Zealand", (-37.787, 175.279)),
    "melbourne-welcome-network": ("Melbourne", "Australia", (-37.8136, 144.9631)),
    "riverton-youth-forum": ("Riverton", "Australia", None),
    "copenhagen-library-programme": ("Copenhagen", "Denmark", None),
}


def write_placed_case(directory, slug, city, country, point, **fields):
    path = write_case(directory, slug, title=f"Practice of {city} {slug.split('-')[1]}", city=city, country=country,
                      **fields)
    if point:
        text = path.read_text(encoding="utf-8")
        head, rest = text.split("\n---\n", 1)
        path.write_text(f"{head}\nlat: {point[0]}\nlon: {point[1]}\n---\n{rest}", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def map_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("mapsite")
    project = copy_project(root / "project", languages=False)
    for slug, (city, country, point) in EXTRA_CASES.items():
        write_placed_case(project / "practices", slug, city, country, point)
    return project


@pytest.fixture(scope="module")
def map_site(map_project):
    return built_beside(map_project)


@pytest.fixture(scope="module")
def map_index(map_project):
    return Project(map_project).load_index()


def city_counts(practices) -> Counter:
    return Counter((p.city, p.country) for p in practices)


def expected_links(index) -> dict[str, tuple[str, int, list[str]]]:
    """Every city's accessible name -> (where it belongs, its count, its cases' titles in listing order)."""
    counts = city_counts(index.practices)
    shared = {city for city, n in Counter(city for city, _ in counts).items() if n > 1}
    links = {}
    for (city, country), count in counts.items():
        cases = [p for p in index.practices if (p.city, p.country) == (city, country)]
        placed = next(((p.lat, p.lon) for p in cases if p.lat is not None), None)
        where = "unplaced" if placed is None else "map" if in_view(view_for(index), *placed) else "elsewhere"
        name = f"{city}, {country}" if city in shared else city
        links[f"{name}: {count} practice{'' if count == 1 else 's'}"] = (where, count, [p.title for p in cases])
    return links


def marker_names(page, root: str) -> list[str]:
    return page.locator(f"{root} svg .places a").evaluate_all(
        "links => links.filter(a => getComputedStyle(a).display !== 'none').map(a => a.getAttribute('aria-label'))")


def wait_for_finder(page):
    page.wait_for_selector("html[data-icp-finder-ready]")


def test_the_fixture_has_every_kind_of_city(map_index):
    """Cases beyond Europe (Melbourne, Hamilton, Montréal...): the map is the world's, and every placed city is on it."""
    assert view_for(map_index) == "world"
    kinds = Counter(where for where, _, _ in expected_links(map_index).values())
    assert kinds["map"] >= 8 and kinds["elsewhere"] == 0 and kinds["unplaced"] == 1
    copenhagen = [p for p in map_index.practices if p.city == "Copenhagen"]
    assert any(p.lat is None for p in copenhagen) and any(p.lat is not None for p in copenhagen)


def test_home_map_markers_and_lists_name_every_city_with_its_count(page, map_site, map_index):
    page.goto((map_site / "index.html").as_uri())
    expected = expected_links(map_index)
    on_map = marker_names(page, "#icp-home-map")
    assert sorted(on_map) == sorted(name for name, (where, _, _) in expected.items() if where == "map")
    assert on_map == sorted(on_map, key=lambda name: -expected[name][1]), "largest first"
    assert "Copenhagen: 4 practices" in on_map, "a case without coordinates counts for its city"
    for heading, where in (("Outside the map of Europe", "elsewhere"), ("Not on the map", "unplaced")):
        section = page.locator("#icp-home-map h3", has_text=heading)
        names = section.locator("xpath=following-sibling::ul[1]//a").evaluate_all(
            "links => links.map(a => a.getAttribute('aria-label'))")
        assert sorted(names) == sorted(name for name, (w, _, _) in expected.items() if w == where), heading
    every = page.locator("#icp-home-map a").evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
    assert sum(expected[name][1] for name in set(every)) == len(map_index.practices), "every case is reachable"
    assert page.errors == []


def test_tab_reaches_the_markers_in_size_order(browser, map_site, map_index):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto((map_site / "index.html").as_uri())
        expected = marker_names(page, "#icp-home-map")
        page.evaluate("""() => { const links = [...document.querySelectorAll('a')];
            const first = document.querySelector('#icp-home-map svg a');
            links[links.indexOf(first) - 1].focus(); }""")
        reached = []
        for _ in expected:
            page.keyboard.press("Tab")
            reached.append(page.evaluate("[document.activeElement.closest('svg') !== null, "
                                         "document.activeElement.getAttribute('aria-label')]"))
        assert reached == [[True, name] for name in expected]
        ring = page.evaluate("""() => { const c = document.activeElement.querySelector('circle');
            return getComputedStyle(c).fill; }""")
        assert ring == "rgb(194, 24, 91)", "the focused marker stands out"
        page.keyboard.press("Enter")
        wait_for_finder(page)
        city = expected[-1].split(":")[0]
        assert page.url.endswith(f"#city={quote(city)}")
        assert count_text(page) == expected[-1].split(": ")[1]
    finally:
        context.close()


def test_every_link_of_the_home_map_opens_the_finder_with_its_city(browser, map_site, map_index):
    """Each marker and list entry, followed as a reader would, in a context that lets nothing leave the machine.
    Every city under the thorough profile; else each kind of city (on the map, not on it, a name two countries
    share, one with a diacritic, one case or several) and a sample of the others (tests/sweep.py)."""
    recorder = sitecheck.Recorder()
    context = browser.new_context()
    recorder.watch(context)
    try:
        page = context.new_page()
        home = (map_site / "index.html").as_uri()
        page.goto(home)
        expected = expected_links(map_index)
        names = page.locator("#icp-home-map a").evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
        hrefs = page.locator("#icp-home-map a").evaluate_all(
            "links => links.map(a => [a.getAttribute('aria-label'), a.getAttribute('href')])")
        assert all(dict(hrefs)[name] == href for name, href in hrefs), "a marker and its list entry lead alike"
        for name in sweep.sample("home map", dict.fromkeys(names), FOLLOWED, kinds=lambda name: city_kinds(name, expected)):
            page.goto(home)
            # The list entry: markers of neighbouring cities may overlap on a world map; the lists never do.
            link = page.locator("#icp-home-map li").get_by_role("link", name=name, exact=True)
            if not link.is_visible():
                page.locator("#icp-home-map summary").click()
            link.click()
            wait_for_finder(page)
            # the finder's last load is its search index, which it loads once the results are shown: the next
            # address would cut it short (networkidle waited 500 ms more on every city for the same)
            page.wait_for_selector("html[data-icp-search-ready]", state="attached")
            _, count, titles = expected[name]
            assert count_text(page) == plural(count), name
            assert page.locator("#icp-results .icp-card__title").all_inner_texts() == titles, name
            city = name.split(":")[0].split(",")[0]
            assert page.get_by_role("button", name=f"Remove City: {city}").is_visible()
        assert "Malmö: 1 practice" in names and "Hamilton, Canada: 1 practice" in names
        assert recorder.foreign() == [] and recorder.errors == []
        assert recorder.schemes()["file"] > 0
    finally:
        context.close()


FOLLOWED = 10  # cities followed in a usual run: one of each kind first, then others up to this many


def city_kinds(name: str, expected: dict) -> set[str]:
    where, count, _ = expected[name]
    city = name.split(":")[0]
    return {where, "shared" if "," in city else "own", "one" if count == 1 else "several",
            "ascii" if city.isascii() else "diacritic"}


# Where a pointer lands on each marker's own link: points across its circle, first its centre, as the page draws them.
CLICKABLE = """() => [...document.querySelectorAll('#icp-home-map svg .places a')].map(a => {
  const box = a.querySelector('circle').getBoundingClientRect();
  const cx = box.left + box.width / 2, cy = box.top + box.height / 2, r = box.width / 2;
  for (const f of [0, .3, .6, .85]) for (let angle = 0; angle < 360; angle += f ? 10 : 360) {
    const x = cx + f * r * Math.cos(angle * Math.PI / 180), y = cy + f * r * Math.sin(angle * Math.PI / 180);
    if (document.elementFromPoint(x, y)?.closest('a') === a) return [a.getAttribute('aria-label'), x, y];
  }
  return [a.getAttribute('aria-label'), null, null];
})"""


def test_every_marker_of_the_home_map_shows_a_part_a_pointer_can_click(page, map_site, map_index):
    """London and Camden fall on one point of the world map (the one hid the other): every city keeps a visible part,
    and a click there opens the finder with that city."""
    page.set_viewport_size({"width": 1280, "height": 900})
    home = (map_site / "index.html").as_uri()
    page.goto(home)
    page.locator("#icp-home-map svg").scroll_into_view_if_needed()
    points = {name: (x, y) for name, x, y in page.evaluate(CLICKABLE)}
    assert len(points) == sum(where == "map" for where, _, _ in expected_links(map_index).values())
    assert [name for name, (x, _) in points.items() if x is None] == [], "markers no pointer can reach"
    for city in ("Camden", "London"):
        page.goto(home)
        page.locator("#icp-home-map svg").scroll_into_view_if_needed()
        name, x, y = next(found for found in page.evaluate(CLICKABLE) if found[0].startswith(f"{city}:"))
        page.mouse.click(x, y)
        wait_for_finder(page)
        assert page.url.endswith(f"#city={city}") and count_text(page) == name.split(": ")[1], city
        page.wait_for_load_state("load")
    assert page.errors == []


def test_the_finder_map_follows_the_filters_and_a_marker_sets_the_city(page, map_site, map_index):
    page.goto((map_site / "practices" / "index.html").as_uri() + "#view=map")
    wait_for_finder(page)
    expected = expected_links(map_index)
    assert page.locator("#icp-map").is_visible() and not page.locator("#icp-results").is_visible()
    assert page.get_by_role("button", name="Map").get_attribute("aria-pressed") == "true"
    assert sorted(marker_names(page, "#icp-map")) == sorted(n for n, (w, _, _) in expected.items() if w == "map")

    topics = Counter(t for p in map_index.practices if p.lat is not None for t in p.topics)
    topic = next(t for t, n in topics.most_common() if 1 < n < len(map_index.practices))
    page.get_by_role("checkbox", name=topic, exact=True).check()
    page.wait_for_function("() => location.hash.includes('topic=')")
    in_topic = [p for p in map_index.practices if topic in p.topics]
    counts = city_counts(in_topic)
    shown = marker_names(page, "#icp-map")
    want = sorted(f"{city}: {plural(n)}" for (city, country), n in counts.items()
                  if expected_links_where(expected, city, country) == "map")
    assert sorted(shown) == want
    assert len(shown) < len([n for n, (w, _, _) in expected.items() if w == "map"]), "some markers are hidden"
    assert_lists_follow(page, map_index, in_topic)
    totals = [count for where, count, _ in expected.values() if where == "map"]
    per_root = radius_per_root(max(totals))
    radii = page.locator("#icp-map svg .places a").evaluate_all(
        "links => links.filter(a => getComputedStyle(a).display !== 'none')"
        ".map(a => [a.getAttribute('aria-label'), parseFloat(a.querySelector('circle').getAttribute('r'))])")
    assert radii == sorted(radii, key=lambda pair: -int(pair[0].split(": ")[1].split()[0])), "largest first"
    for name, radius in radii:
        assert radius == marker_radius(int(name.split(": ")[1].split()[0]), per_root), \
            f"{name}: drawn for its current count on the size key's scale"
    hidden_names = page.locator("#icp-map svg .names text").evaluate_all(
        "texts => texts.filter(t => getComputedStyle(t).display !== 'none').map(t => t.textContent)")
    assert set(hidden_names) <= {name.split(":")[0] for name in shown}, "no name without its marker"
    gaps = page.evaluate("""() => [...document.querySelectorAll('#icp-map svg .names.wide text')]
        .filter(t => getComputedStyle(t).display !== 'none').map(t => {
            const link = [...document.querySelectorAll('#icp-map svg .places a')]
                .find(a => a.getAttribute('aria-label').startsWith(t.textContent + ':'));
            const c = link.querySelector('circle'), box = t.getBBox();
            const cx = +c.getAttribute('cx'), cy = +c.getAttribute('cy'), r = +c.getAttribute('r');
            const dx = Math.max(box.x - cx, 0, cx - box.x - box.width), dy = Math.max(box.y - cy, 0, cy - box.y - box.height);
            return [t.textContent, Math.hypot(dx, dy) - r]; })""")
    assert gaps and all(gap < 3.5 for _, gap in gaps), f"names stay beside their redrawn markers: {gaps}"

    chosen = shown[0]
    # By keyboard: on the world map a neighbour's marker may lie over this one; Enter chooses it all the same.
    page.get_by_role("link", name=chosen, exact=True).focus()
    page.keyboard.press("Enter")
    city = chosen.split(":")[0]
    page.wait_for_function("city => location.hash.includes('city=' + encodeURIComponent(city))", arg=city)
    assert count_text(page) == chosen.split(": ")[1]
    assert page.get_by_role("button", name="List").get_attribute("aria-pressed") == "true"
    assert page.locator("#icp-results").is_visible() and not page.locator("#icp-map").is_visible()
    assert page.evaluate("document.activeElement.id") == "icp-results-heading"
    assert sorted(page.locator("#icp-results .icp-card__title").all_inner_texts()) == sorted(
        p.title for p in in_topic if p.city == city)
    assert "topic=" in page.url, "the other filters stay"
    page.go_back()
    page.wait_for_function("() => !location.hash.includes('city=')")
    assert page.locator("#icp-map").is_visible()
    assert page.errors == []


def assert_lists_follow(page, index, matching) -> None:
    """The lists beside the finder's map show the cities with a match, with their counts; an empty list
    is hidden with its heading."""
    expected = expected_links(index)
    shared = {city for city, n in Counter(city for city, _ in city_counts(index.practices)).items() if n > 1}
    for heading, where in (("Outside the map of Europe", "elsewhere"), ("Not on the map", "unplaced")):
        want = sorted(f"{city}, {country}: {plural(n)}" if city in shared else f"{city}: {plural(n)}"
                      for (city, country), n in city_counts(matching).items()
                      if expected_links_where(expected, city, country) == where)
        section = page.locator("#icp-map h3", has_text=heading)
        assert section.is_visible() == bool(want), heading
        names = section.locator("xpath=following-sibling::ul[1]/li[not(@hidden)]/a").evaluate_all(
            "links => links.map(a => a.getAttribute('aria-label'))")
        assert sorted(names) == want, heading


def test_the_finder_map_lists_follow_the_filters(page, map_site, map_index):
    for fragment, keep in (("#topic=education&view=map", lambda p: "Education" in p.topics),
                           ("#country=australia&view=map", lambda p: p.country == "Australia")):
        page.goto((map_site / "practices" / "index.html").as_uri() + fragment)
        wait_for_finder(page)
        matching = [p for p in map_index.practices if keep(p)]
        assert any(p.lat is None for p in matching) and any(p.lat is not None and not in_view("europe", p.lat, p.lon)
                                                            for p in matching)
        assert_lists_follow(page, map_index, matching)
    assert page.errors == []


def expected_links_where(expected, city, country) -> str:
    for name, (where, _, _) in expected.items():
        if name.split(":")[0] in (city, f"{city}, {country}"):
            return where
    return ""


def test_a_shared_city_name_in_the_finder_map_takes_its_country(page, map_site, map_index):
    page.goto((map_site / "practices" / "index.html").as_uri() + "#view=map")
    wait_for_finder(page)
    page.get_by_role("link", name="Hamilton, New Zealand: 1 practice").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash.includes('city=Hamilton')")
    assert page.url.endswith("#city=Hamilton&country=new-zealand")
    titles = [p.title for p in map_index.practices if p.city == "Hamilton" and p.country == "New Zealand"]
    assert page.locator("#icp-results .icp-card__title").all_inner_texts() == titles
    page.get_by_role("button", name="Map").click()
    page.wait_for_function("() => location.hash.endsWith('view=map')")
    current = page.locator("#icp-map a[aria-current]").evaluate_all("a => a.map(l => l.getAttribute('aria-label'))")
    assert set(current) == {"Hamilton, New Zealand: 1 practice"}, "the chosen city is marked; the other Hamilton is empty"
    assert not page.get_by_role("link", name="Hamilton, Canada: 0 practices").is_visible()
    assert page.errors == []


def test_the_validator_places_every_case_in_its_country(project_copy):
    """locate() in the validator: a swapped pair, a dropped minus sign and a wrong country are each
    reported on lat, with the fix; a right pair, a coastal city and a pair the schema refuses are not."""
    from icp.check.validate import check_practices

    cases = {
        "swapped": ("Copenhagen", "Denmark", (12.5683, 55.6761), "latitude and longitude look swapped"),
        "minus": ("Lisbon", "Portugal", (38.72, 9.14), "write lon: -9.14"),
        "elsewhere": ("Oslo", "Denmark", (59.9139, 10.7522), "lies in Norway, not Denmark"),
        "right": ("Malmö", "Sweden", (55.605, 13.0036), None),
        "coast": ("Copenhagen", "Denmark", (55.6761, 12.5683), None),
        "refused": ("Oslo", "Norway", (159.91, 10.75), "is out of range"),
    }
    for slug, (city, country, point, _) in cases.items():
        write_placed_case(project_copy.practices_dir, f"case-{slug}", city, country, point)
    _, problems = check_practices(project_copy.practices_dir, project_copy.vocabulary(), project_copy.schema(),
                                  root=project_copy.root)
    found = {problem.path.split("case-")[1].removesuffix(".md"): problem for problem in problems}
    for slug, (_, _, _, message) in cases.items():
        if message is None:
            assert slug not in found, found.get(slug)
        else:
            assert found[slug].field == "lat" and found[slug].line == 9 and message in found[slug].message, slug
    assert len(problems) == 4, "one problem each, none twice"


def test_the_size_key_ends_at_the_largest_city(page, map_site, map_index):
    """The key's largest circle is the busiest city's count (it said 1 and 2 beside a city of 4)."""
    page.goto((map_site / "index.html").as_uri())
    most = max(count for _, count, _ in expected_links(map_index).values())
    key = page.locator("#icp-home-map svg .key.wide text").all_text_contents()
    assert key[0] == "Practices per city" and key[1] == "1" and key[-1] == f"{most:,}"
    assert page.locator("#icp-home-map svg > title").text_content().endswith(", the world")


def test_europe_alone_is_drawn_as_europe(project_copy):
    from icp.render.casemap import panel_html

    write_placed_case(project_copy.practices_dir, "case-oslo", "Oslo", "Norway", (59.91, 10.75))
    write_placed_case(project_copy.practices_dir, "case-lyon", "Lyon", "France", (45.76, 4.84))
    index = project_copy.load_index()
    assert view_for(index) == "europe" and "icp-map-europe" in panel_html(index, "x.html", panel_id="m")
    write_placed_case(project_copy.practices_dir, "case-haifa", "Haifa", "Israel", (32.79, 34.99))
    write_placed_case(project_copy.practices_dir, "case-auckland", "Auckland", "New Zealand", (-36.85, 174.76))
    index = project_copy.load_index()
    assert view_for(index) == "world" and "icp-map-world" in panel_html(index, "x.html", panel_id="m")
