"""Loading and indexing: which case is filed where, and which cases are related."""

import json
from datetime import date

from icp.publish import feeds, opendata
from icp.render import cite, facts, finder
from icp.render.pages import practice_page

from conftest import write_case


def load(project):
    return project.load_index()


def test_each_term_lists_exactly_its_cases(project_copy):
    d = project_copy.practices_dir
    write_case(d, "a", topics="Education, Refugees", country="Norway", year=2010)
    write_case(d, "b", topics="Refugees", country="Denmark", year=2016)
    write_case(d, "c", topics="Roma", country="Denmark", year=2010)
    index = load(project_copy)
    by_topic = {entry.name: [p.slug for p in entry.practices] for entry in index.topics}
    assert by_topic["Education"] == ["a"]
    assert by_topic["Refugees"] == ["b", "a"]  # newest first
    assert by_topic["Roma"] == ["c"]
    assert by_topic["Anti-rumour"] == []
    assert len(index.topics) == 20 and len(index.countries) == 24
    assert [entry.name for entry in index.years] == ["2010", "2016"]
    assert [p.slug for p in index.entry("countries", "denmark").practices] == ["b", "c"]


def test_related_puts_named_cases_first_then_the_closest_by_topics_and_city(project_copy):
    """A case of the same city counts as one shared topic more; among equals, the newest first."""
    d = project_copy.practices_dir
    write_case(d, "main", topics="Education, Refugees, Roma", related="", year=2010)
    (d / "main.md").write_text((d / "main.md").read_text().replace("summary:", "related: [far]\nsummary:"))
    write_case(d, "far", topics="Anti-rumour", year=2010, city="Bergen")
    write_case(d, "three", topics="Education, Refugees, Roma", year=2001, city="Bergen")
    write_case(d, "two", topics="Refugees, Roma", year=2015, city="Bergen")
    write_case(d, "neighbour", topics="Roma", year=2003)
    write_case(d, "one-new", topics="Education", year=2020, city="Bergen")
    write_case(d, "one-old", topics="Roma", year=2002, city="Bergen")
    write_case(d, "none", topics="Multilingualism", year=2020)
    write_case(d, "unrelated", topics="Multilingualism", year=2020, city="Bergen")
    index = load(project_copy)
    related = [p.slug for p in index.related(index.by_slug["main"])]
    assert related == ["far", "three", "two", "neighbour", "none", "one-new"]


def test_related_never_names_the_case_itself_and_stops_at_six(project_copy):
    d = project_copy.practices_dir
    for n in range(9):
        write_case(d, f"case-{n}", topics="Education")
    index = load(project_copy)
    for practice in index.practices:
        related = index.related(practice)
        assert len(related) == 6
        assert practice not in related
        assert len(set(related)) == 6


def test_a_case_whose_sources_give_no_year_is_listed_last_and_never_guessed(project_copy):
    write_case(project_copy.practices_dir, "oslo-dated", year=2012)
    undated = write_case(project_copy.practices_dir, "oslo-undated", year=2012)
    undated.write_text(undated.read_text(encoding="utf-8").replace("year: 2012\n", ""), encoding="utf-8")
    index = project_copy.load_index()
    assert [case.slug for case in index.practices] == ["oslo-dated", "oslo-undated"]
    case = index.by_slug["oslo-undated"]
    assert case.year is None and [entry.name for entry in index.years] == ["2012"]
    assert facts.running_span(case) is None
    data = finder.finder_data(index)
    row = dict(zip(data["row"], data["cases"][1]))
    assert row["slug"] == "oslo-undated" and row["year"] == [] and row["start"] is None and row["end"] is None
    page = practice_page(case, index, site_name="ICP", built=date(2026, 1, 2)).markdown
    assert "Year of the record</dt><dd>not given" in page and "years/None" not in page
    assert ", n.d. In:" in "".join(part.text for part in cite.reference(case, site_name="ICP", accessed=date(2026, 1, 2)))
    assert feeds.entry_date(case, date(2026, 1, 2)) == date(2026, 1, 2)
    assert opendata.csv_row(case)[opendata.CSV_COLUMNS.index("year")] == ""
    records = {record["slug"]: record for record in json.loads(opendata.practices_json(index))["practices"]}
    assert "year" not in records["oslo-undated"] and records["oslo-dated"]["year"] == 2012
