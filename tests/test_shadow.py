"""Issue 15: no case moves or shadows another, and the rules that rested on one place have a second lock.

Driven as an editor or attacker would: case files added to a copy of the project, checked by the
validator (in-process and ``scripts/validate.py``), built by MkDocs (a refused build keeps the earlier
site byte for byte) and, for the map, the built home page opened in Chromium. The hostile case files
of the same classes are in ``tests/attacks/shadow/`` (driven by test_attacks.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest
from test_map import write_placed_case

from icp.check.cities import AGREE_KM, CityCase, city_problems
from icp.check.lookalikes import city_key, invisible_problem, mixed_problem
from icp.check.validate import check_practices
from icp.geo.places import Medians, distance_km, median_point
from icp.read.vocabulary import VocabularyError, load_vocabulary
from icp.site import Project

from conftest import ROOT, copy_project, earlier_site, mkdocs_build, write_case

COPENHAGEN = (55.6761, 12.5683)
BORNHOLM = (55.1, 14.9)


def problems_of(project) -> list[str]:
    _, problems = check_practices(project.practices_dir, project.vocabulary(), project.schema(), root=project.root)
    return [str(problem) for problem in problems]


def snapshot(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


# --- look-alike text --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Київ", "Αθήνα", "浜松市", "Reykjavík", "Malmö", "Łódź", "Tel Aviv-Yafo", "תל אביב", "Beyoğlu",
    "Women\u2019s 👩\u200d💻 coding club 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: a zero-width non-joiner inside a word
    "\u0915\u094d\u200d\u0937",  # Devanagari: a joiner after a virama
    "❤️ 1️⃣ 葛\U000e0100城市", "α-synuclein and β-cells",
])
def test_real_writing_is_accepted(text):
    assert invisible_problem(text) is None
    assert mixed_problem(text) is None


@pytest.mark.parametrize("text, found", [
    ("Oslo\u200b", "U+200B (ZERO WIDTH SPACE) after 'Oslo'"),
    ("\ufeffOslo", "U+FEFF (ZERO WIDTH NO-BREAK SPACE) at its start"),
    ("Os\u00adlo", "U+00AD (SOFT HYPHEN)"),
    ("Os\u2060lo", "U+2060 (WORD JOINER)"),
    ("Os\u200dlo", "U+200D (ZERO WIDTH JOINER)"),
    ("Os\u200clo", "U+200C (ZERO WIDTH NON-JOINER)"),
    ("Oslo\u200e", "U+200E (LEFT-TO-RIGHT MARK)"),
    ("Oslo\ufe0f", "U+FE0F (VARIATION SELECTOR-16)"),
    ("Oslo\u3164", "U+3164 (HANGUL FILLER)"),
    ("Oslo\u2800", "U+2800 (BRAILLE PATTERN BLANK)"),
    ("Oslo\U000e0041", "U+E0041 (TAG LATIN CAPITAL LETTER A)"),
])
def test_invisible_characters_are_refused_with_the_fix(text, found):
    message = invisible_problem(text)
    assert found in message and "remove it" in message


@pytest.mark.parametrize("text, found", [
    ("\u041eslo", "mixes Latin and Cyrillic letters ('О' (U+041E CYRILLIC CAPITAL LETTER O))"),
    ("Osl\u03bf", "mixes Latin and Greek letters ('ο' (U+03BF GREEK SMALL LETTER OMICRON))"),
    ("Ки\u0457v", "mixes Latin and Cyrillic letters"),
    ("\u0410\u03b8\u03b7\u03bd\u03b1", "mixes Cyrillic and Greek letters"),
])
def test_words_of_two_alphabets_are_refused_with_the_fix(text, found):
    message = mixed_problem(text)
    assert found in message and "retype the word: write all its letters as" in message


def test_spellings_of_one_city_share_a_key_and_other_cities_do_not():
    same = ["Oslo", "oslo", "OSLO", " Oslo ", "\u041e\u0455\u04cf\u043e", "Os\u200blo"]
    assert {city_key(city) for city in same} == {"oslo"}
    assert city_key("Malmö") == city_key("Malmo\u0308") == city_key("malmo")
    assert city_key("Kyiv") != city_key("Київ") and city_key("Hamilton") != city_key("Hamar")


def test_a_look_alike_city_is_refused_and_a_second_spelling_named(project_copy):
    directory = project_copy.practices_dir
    write_case(directory, "oslo-real", city="Oslo")
    write_case(directory, "oslo-real-too", city="Oslo")
    write_case(directory, "oslo-invisible", city='"Oslo\\u200B"')
    write_case(directory, "oslo-cyrillic", city="\u041eslo")
    write_case(directory, "oslo-lower", city="oslo")
    write_case(directory, "oslo-all-cyrillic", city="\u041e\u0455\u04cf\u043e")
    write_case(directory, "oslo-decomposed", city="O\u0301slo")
    write_case(directory, "title-joiner", title='"Wel\\u2060come"')
    problems = problems_of(project_copy)
    expected = {
        "practices/oslo-invisible.md:3: city: holds the invisible character U+200B": 1,
        "practices/oslo-cyrillic.md:3: city: the word 'Оslo' mixes Latin and Cyrillic letters": 1,
        "practices/oslo-lower.md:3: city: 'oslo' is 'Oslo' written another way (they differ only in capitals), as "
        "practices/oslo-real-too.md, practices/oslo-real.md, practices/title-joiner.md write it; did you mean 'Oslo'? "
        "Write city: Oslo": 1,
        "practices/oslo-all-cyrillic.md:3: city: 'Оѕӏо' is 'Oslo' written another way (they differ only in look-alike "
        "letters of another alphabet)": 1,
        "practices/oslo-decomposed.md:3: city: 'Óslo' is 'Oslo' written another way (they differ only in accents": 1,
        "practices/title-joiner.md:2: title: holds the invisible character U+2060 (WORD JOINER) after 'Wel'": 1,
    }
    for start in expected:
        assert sum(problem.startswith(start) for problem in problems) == 1, (start, problems)
    assert len(problems) == len(expected), problems


def test_the_same_letters_encoded_twice_or_spaced_twice_are_one_city(project_copy):
    directory = project_copy.practices_dir
    write_case(directory, "malmo-composed", city="Malmö", country="Sweden")
    write_case(directory, "malmo-decomposed", city="Malmo\u0308", country="Sweden")
    write_case(directory, "reggio-one", city="Reggio Emilia", country="Italy")
    write_case(directory, "reggio-two", city="Reggio  Emilia", country="Italy")
    assert problems_of(project_copy) == []
    cities = {(practice.city, practice.country) for practice in project_copy.load_index().practices}
    assert cities == {("Malmö", "Sweden"), ("Reggio Emilia", "Italy")}


# --- one place for each city ------------------------------------------------------------------------

def test_the_median_of_the_others_is_judged_from_the_nearest_middle_value():
    points = [COPENHAGEN, COPENHAGEN, BORNHOLM]
    medians = Medians(points)
    assert medians.of_others(COPENHAGEN) == COPENHAGEN  # the others are Copenhagen and Bornholm: no majority
    assert medians.of_others(BORNHOLM) == COPENHAGEN
    assert median_point(points) == COPENHAGEN
    assert distance_km(COPENHAGEN, BORNHOLM) == pytest.approx(161, abs=1)


def test_one_case_far_from_the_others_of_its_city_is_refused_naming_both_places(project_copy):
    directory = project_copy.practices_dir
    for number in range(3):
        write_placed_case(directory, f"copenhagen-case-{number}", "Copenhagen", "Denmark", COPENHAGEN)
    write_placed_case(directory, "copenhagen-bornholm", "Copenhagen", "Denmark", BORNHOLM)
    write_placed_case(directory, "copenhagen-nearby", "Copenhagen", "Denmark", (55.6786, 12.5326))
    assert problems_of(project_copy) == [
        "practices/copenhagen-bornholm.md:9: lat: the coordinates 55.1, 14.9 lie 161 km from Copenhagen as its other "
        "4 cases place it (55.6761, 12.5683, the median of their coordinates: practices/copenhagen-case-0.md, "
        "practices/copenhagen-case-1.md, practices/copenhagen-case-2.md and 1 more); the cases of a city must lie "
        "within 30 km of each other, since the map draws the city once, at their median; give the coordinates of "
        "Copenhagen itself (e.g. lat: 55.6761 and lon: 12.5683), or, if the practice is in another town, write that "
        "town as city"]


def test_of_two_cases_that_disagree_the_one_off_the_main_land_is_refused_else_both(project_copy):
    directory = project_copy.practices_dir
    write_placed_case(directory, "lyon-real", "Lyon", "France", (45.764, 4.8357))
    write_placed_case(directory, "lyon-guiana", "Lyon", "France", (4.9372, -52.326))
    write_placed_case(directory, "tromso-one", "Tromsø", "Norway", (69.6492, 18.9553))
    write_placed_case(directory, "tromso-two", "Tromsø", "Norway", (68.4385, 17.4272))  # Narvik, 150 km
    problems = problems_of(project_copy)
    assert [problem.split(": lat: ")[0] for problem in problems] == [
        "practices/lyon-guiana.md:9", "practices/tromso-one.md:9", "practices/tromso-two.md:9"]
    assert "lie 7,115 km from Lyon as its only other case, practices/lyon-real.md, places it (45.764, 4.8357)" in problems[0]
    assert "as its only other case, practices/tromso-two.md, places it" in problems[1]
    assert "nothing tells which of the two is wrong" in problems[1] and "nothing tells" in problems[2]


def test_the_rules_between_cases_only_judge_what_they_can_see():
    near = CityCase("a.md", "Oslo", "Norway", 3, (59.9139, 10.7522), 9)
    assert city_problems([near, CityCase("b.md", "Oslo", "Norway", 3, (59.95, 10.75), 9)]) == []
    assert city_problems([near, CityCase("b.md", "Oslo", "Norway", 3, None, 9)]) == []
    assert city_problems([near, CityCase("b.md", "Oslo", "Sweden", 3, (59.33, 18.06), 9)]) == []
    assert AGREE_KM == 30


def test_the_validator_script_judges_a_named_file_against_every_case(tmp_path):
    project = copy_project(tmp_path / "project")
    path = write_placed_case(project / "practices", "copenhagen-bornholm", "Copenhagen", "Denmark", BORNHOLM)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(project), str(path)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert "practices/copenhagen-bornholm.md:9: lat: the coordinates 55.1, 14.9 lie 161 km from Copenhagen" in result.stderr
    assert "Traceback" not in result.stderr


# --- the year ---------------------------------------------------------------------------------------

def test_a_year_after_the_builds_year_is_refused(project_copy, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2024, 6, 1, tzinfo=timezone.utc).timestamp())))
    write_case(project_copy.practices_dir, "oslo-this-year", year=2024)
    write_case(project_copy.practices_dir, "oslo-next-year", year=2025)
    assert problems_of(project_copy) == [
        "practices/oslo-next-year.md:5: year: 2025 is after 2024, the year this build is dated (SOURCE_DATE_EPOCH, else "
        "the last commit's date, never after today); give a year from 1945 to 2024 (a practice dated in the future "
        "would list first everywhere)"]


# --- second locks: the vocabulary --------------------------------------------------------------------

@pytest.mark.parametrize("topics, countries, message", [
    ("[Education, Index]", "[Norway]", "taxonomy.yml:1: topics[1]: 'Index' would be written as topics/index.html, the "
                                       "page that lists every term of the menu; rename it"),
    ("[Education]", "[Norway, ' INDEX ']", "taxonomy.yml:2: countries[1]: ' INDEX ' would be written as countries/index.html"),
    ("[Roma, Roma 2]", "[Norway]", "topics[1]: 'Roma 2' would be written as topics/roma-2.html, page 2 of the list of "
                                   "'Roma'; rename it without a number at its end"),
    ("[Education]", "[Norway, Narnia]", "taxonomy.yml:2: countries[1]: 'Narnia' is not a country of the map's atlas "
                                        "(world-atlas/countries-50m.json); Write the name the atlas uses"),
    ("[Education]", "[Norway, Czechia]", "'Czechia' is not a country of the map's atlas (world-atlas/countries-50m.json); "
                                         "did you mean 'Czech Republic'? Write"),
])
def test_the_vocabulary_refuses_names_of_generated_pages_and_countries_the_map_lacks(tmp_path, topics, countries, message):
    path = tmp_path / "taxonomy.yml"
    path.write_text(f"topics: {topics}\ncountries: {countries}\n", encoding="utf-8")
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary(path)
    assert message in str(raised.value)


# --- real builds: refused, the earlier site kept byte for byte ---------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory, built_site):
    root = tmp_path_factory.mktemp("shadow-kept")
    return copy_project(root / "project"), earlier_site(built_site, root / "site")


def refused_build(project, site) -> str:
    before = snapshot(site)
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before
    return result.stderr


def test_a_build_with_shadowing_cases_is_refused_and_keeps_the_earlier_site(built):
    project, site = built
    directory = project / "practices"
    added = [write_placed_case(directory, "copenhagen-bornholm", "Copenhagen", "Denmark", BORNHOLM),
             write_case(directory, "oslo-cyrillic", city="\u041eslo"),
             write_case(directory, "oslo-invisible", city='"Oslo\\u200B"'),
             write_case(directory, "oslo-next-year", year=datetime.now(timezone.utc).year + 1)]
    try:
        errors = refused_build(project, site)
    finally:
        for path in added:
            path.unlink()
    for expected in ("practices/copenhagen-bornholm.md:9: lat: the coordinates 55.1, 14.9 lie 161 km",
                     "practices/oslo-cyrillic.md:3: city: the word 'Оslo' mixes Latin and Cyrillic",
                     "practices/oslo-invisible.md:3: city: holds the invisible character U+200B",
                     "practices/oslo-next-year.md:5: year:"):
        assert expected in errors, errors[-3000:]


def test_a_loosened_schema_still_publishes_no_javascript_source(built):
    project, site = built
    schema_path = project / "practices" / "practice.schema.json"
    original = schema_path.read_text(encoding="utf-8")
    schema = json.loads(original)
    del schema["properties"]["sources"]["items"]["properties"]["url"]["pattern"]
    schema_path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    case = write_case(project / "practices", "oslo-script-source")
    case.write_text(case.read_text(encoding="utf-8").replace(
        "evidence: none given\n", "evidence: none given\nsources:\n  - title: A source\n"
        "    url: \"javascript:window.__pwned=1\"\n"), encoding="utf-8")
    try:
        errors = refused_build(project, site)
        checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(project)],
                                 capture_output=True, text=True)
    finally:
        case.unlink()
        schema_path.write_text(original, encoding="utf-8")
    expected = ("practices/oslo-script-source.md:11: sources[0].url: 'javascript:window.__pwned=1' is not an http(s) "
                "URL; write it in full, starting with https://")
    assert expected in errors and expected in checked.stderr


def test_a_topic_named_index_is_refused_by_the_build(built):
    project, site = built
    path = project / "practices" / "taxonomy.yml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("  - Education\n", "  - Education\n  - Index\n", 1), encoding="utf-8")
    try:
        errors = refused_build(project, site)
    finally:
        path.write_text(original, encoding="utf-8")
    assert "taxonomy.yml:" in errors and "'Index' would be written as topics/index.html" in errors, errors[-2000:]
    assert Project(project).vocabulary().topic_names[0] == "Anti-discrimination and Equality"


# --- the map in Chromium -------------------------------------------------------------------------------

MARKERS = """() => [...document.querySelectorAll('#icp-home-map svg .places a')].map(a => {
  const circle = a.querySelector('circle');
  const box = circle.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y)?.closest('a');
  return {name: a.getAttribute('aria-label'), cx: circle.getAttribute('cx'), cy: circle.getAttribute('cy'),
          hit: hit ? hit.getAttribute('aria-label') : null};
})"""


def markers(page, site) -> dict[str, dict]:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((site / "index.html").as_uri())
    page.locator("#icp-home-map").scroll_into_view_if_needed()
    found = page.evaluate(MARKERS)
    names = [marker["name"].split(":")[0] for marker in found]
    assert len(names) == len(set(names)), f"a city is drawn twice: {sorted(names)}"
    return {marker["name"].split(":")[0]: marker for marker in found}


def test_a_case_that_agrees_with_its_city_neither_moves_nor_doubles_its_marker(page, built, tmp_path):
    project, site = built
    before = markers(page, site)
    other = copy_project(tmp_path / "project")
    directory = other / "practices"
    write_placed_case(directory, "copenhagen-nearby", "Copenhagen", "Denmark", (55.6786, 12.5326), year=2026)
    write_case(directory, "neuchatel-decomposed", city="Neucha\u0302tel", country="Switzerland")
    write_case(directory, "reggio-spaced", city="Reggio  Emilia", country="Italy")
    result = mkdocs_build(other, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    after = markers(page, tmp_path / "site")
    assert set(after) == set(before)
    for city, count in (("Copenhagen", 4), ("Neuchâtel", 4), ("Reggio Emilia", 3)):
        assert after[city]["name"] == f"{city}: {count} practices"
        assert (after[city]["cx"], after[city]["cy"]) == (before[city]["cx"], before[city]["cy"]), city
        assert after[city]["hit"] == after[city]["name"], f"another link lies over {city}'s marker"
    assert page.errors == []
