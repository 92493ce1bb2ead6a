"""The finder's "Download CSV" and "Download JSON" in real Chromium from file://: the files hold every
practice that matches (not only the 50 on screen), with the columns and records of practices.csv and
practices.json. The site is the real one plus synthetic cases, so a selection runs past 50; what must
match is computed from the case files, through the core."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_finder import case_terms, languages_held, term_matches

from icp.publish.opendata import CSV_COLUMNS
from icp.search.terms import terms
from icp.site import Project
from icp.synthetic.cases import SyntheticCases

import sitecheck
from conftest import built_beside, copy_project, write_case

SYNTHETIC = 150
QUERY = "residents"
FORMULA = {"title": '=HYPERLINK("http://example.com")', "city": "+Hamar", "summary": "@SUM(A1) is not a summary."}


@pytest.fixture(scope="module")
def big_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("downloads")
    project = copy_project(root / "project", languages=False)
    SyntheticCases(Project(project).vocabulary()).write(project / "practices", SYNTHETIC)
    write_case(project / "practices", "formula-case", **{key: json.dumps(value) for key, value in FORMULA.items()})
    return project


@pytest.fixture(scope="module")
def big_site(big_project):
    return built_beside(big_project)


@pytest.fixture(scope="module")
def big_index(big_project):
    return Project(big_project).load_index()


def matching_slugs(index, query: str, topics: set[str]) -> set[str]:
    words = terms(query)
    held = languages_held(index.practices)
    return {p.slug for p in index.practices
            if set(p.topics) & topics and all(term_matches(word, case_terms(p), held) for word in words)}


def topics_for_a_long_selection(index) -> list[str]:
    """Topics that together give more than 50 matches, yet not every case."""
    chosen: list[str] = []
    for topic in index.vocabulary.topic_names:
        chosen.append(topic)
        if len(matching_slugs(index, QUERY, set(chosen))) > 60:
            return chosen
    pytest.fail("no selection runs past 50")


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def selection(browser, big_site, big_index):
    """The finder after typing the query and ticking the topics, with every match shown, and both
    downloads; a recorder watched every request."""
    recorder = sitecheck.Recorder()
    context = browser.new_context(accept_downloads=True)
    recorder.watch(context)
    page = context.new_page()
    page.goto((big_site / "practices" / "index.html").as_uri())
    page.wait_for_selector("html[data-icp-finder-ready]")
    page.get_by_label("Search the practices").fill(QUERY)
    page.get_by_label("Search the practices").press("Enter")
    topics = topics_for_a_long_selection(big_index)
    for topic in topics:
        page.get_by_role("checkbox", name=topic, exact=True).check()
    expected = matching_slugs(big_index, QUERY, set(topics))
    page.wait_for_function("n => document.getElementById('icp-result-count').textContent.startsWith(n + ' practices')",
                           arg=len(expected))
    before = list(recorder.requests)
    while page.get_by_role("button", name="Show more practices").is_visible():
        page.get_by_role("button", name="Show more practices").click()
    shown = [href.removesuffix(".html") for href in
             page.locator("#icp-results .icp-card__title").evaluate_all("links => links.map(a => a.getAttribute('href'))")]
    files = {}
    for button, kind in (("Download CSV", "csv"), ("Download JSON", "json")):
        with page.expect_download() as info:
            page.get_by_role("button", name=button).click()
        download = info.value
        files[kind] = (download.suggested_filename, download.path().read_bytes())
    status = page.locator("#icp-download-status").inner_text()
    yield {"expected": expected, "shown": shown, "files": files, "before": before, "recorder": recorder,
           "status": status}
    context.close()


def test_the_selection_runs_past_the_first_page(selection):
    assert len(selection["shown"]) > 50
    assert set(selection["shown"]) == selection["expected"]
    assert not any(url.endswith("records.js") for url in selection["before"]), "records load only when asked"


def test_the_csv_holds_every_match_as_practices_csv_has_it(selection, big_site):
    name, data = selection["files"]["csv"]
    assert name == "practices-selection.csv"
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so a spreadsheet reads UTF-8"
    rows = csv_rows(data[3:].decode("utf-8"))
    assert rows[0] == list(CSV_COLUMNS)
    assert [row[0] for row in rows[1:]] == selection["shown"], "every match, in the order shown"
    published = {row[0]: row for row in csv_rows((big_site / "practices.csv").read_text(encoding="utf-8-sig"))[1:]}
    assert rows[1:] == [published[slug] for slug in selection["shown"]]
    assert b"\r\n" in data and data.count(b"\r\n") >= len(rows)


def test_the_json_holds_every_match_as_practices_json_has_it(selection, big_site):
    name, data = selection["files"]["json"]
    assert name == "practices-selection.json"
    document = json.loads(data.decode("utf-8"))
    published = json.loads((big_site / "practices.json").read_text(encoding="utf-8"))
    assert (document["name"], document["licence"]) == (published["name"], published["licence"])
    by_slug = {record["slug"]: record for record in published["practices"]}
    assert [record["slug"] for record in document["practices"]] == selection["shown"]
    assert document["practices"] == [by_slug[slug] for slug in selection["shown"]]


def test_nothing_leaves_the_machine_and_the_reader_is_told(selection):
    recorder = selection["recorder"]
    assert recorder.foreign() == [] and recorder.errors == []
    assert sum(url.endswith("/practices/records.js") for url in recorder.requests) == 1, "loaded once"
    assert selection["status"] == f"{len(selection['shown'])} practices saved as JSON."


def test_a_formula_in_a_case_stays_text_in_the_download(browser, big_site):
    """OWASP: a cell that a spreadsheet would run gets a leading apostrophe, in the download as in practices.csv."""
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.goto((big_site / "practices" / "index.html").as_uri() + "#city=%2BHamar")
        page.wait_for_selector("html[data-icp-finder-ready]")
        with page.expect_download() as info:
            page.get_by_role("button", name="Download CSV").click()
        rows = csv_rows(info.value.path().read_bytes()[3:].decode("utf-8"))
        assert len(rows) == 2
        row = dict(zip(rows[0], rows[1]))
        assert (row["title"], row["city"], row["summary"]) == ("'" + FORMULA["title"], "'+Hamar", "'" + FORMULA["summary"])
    finally:
        context.close()
