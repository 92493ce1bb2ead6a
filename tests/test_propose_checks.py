"""'Propose a practice' checks the case in the validator's words: each broken input, typed (or a page
option changed by hand) in Chromium from file://, is flagged on its field with the very message
scripts/validate.py's rules give for the file the page writes; a valid case passes both."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from formfill import fill_valid
from icp.check.validate import check_case
from icp.read.casefile import parse_case_text
from icp.render import proposal
from icp.site import Project

def open_filled(page, site: Path):
    """The form, emptied of any draft, with a small valid case typed in."""
    page.goto((site / proposal.PROPOSE_URL).as_uri())
    page.evaluate("localStorage.clear()")
    page.goto((site / proposal.PROPOSE_URL).as_uri())
    fill_valid(page)
    return page


def python_problems(text: str, tmp_path: Path) -> dict[str, list[str]]:
    """What the validator says of the file, by field."""
    project = Project(ROOT)
    folder = tmp_path / "practices"
    folder.mkdir(exist_ok=True)
    path = folder / "tromso-a-welcome-desk-at-the-library.md"
    known = {case.stem for case in project.practices_dir.glob("*.md")}
    problems = check_case(parse_case_text(path, text), project.vocabulary(), project.schema(), known, path.name)
    found: dict[str, list[str]] = {}
    for problem in problems:
        found.setdefault(problem.field, []).append(problem.message)
    return found


def shown(page, field_id: str) -> str:
    return page.locator(f"#{field_id}-error").text_content().removeprefix("Error: ").strip()


def send(page) -> None:
    page.get_by_role("button", name="Download the file").click()


def tampered_choice(page, field_id: str, value: str) -> None:
    """A choice's value changed by hand in the page (developer tools), then ticked."""
    page.evaluate("([id, value]) => { const box = document.querySelector('#' + id + ' input[type=checkbox]');"
                  " box.value = value; }", [field_id, value])
    page.locator(f"#{field_id} input[type=checkbox]").first.check()


def clear_title(page):
    page.get_by_label("Title (required)", exact=True).fill("")


def untick_topics(page):
    page.locator("#f-topics").get_by_label("Education", exact=True).uncheck()


def add_source(url: str):
    def act(page):
        page.get_by_role("button", name="Add a source").click()
        page.locator("#f-sources-0-title").fill("The city's report")
        page.locator("#f-sources-0-url").fill(url)
    return act


def typed(field_id: str, text: str):
    return lambda page: page.locator(f"#{field_id}").fill(text)


def chosen(field_id: str, value: str):
    return lambda page: page.locator(f"#{field_id}").select_option(value)


def tampered(field_id: str, value: str):
    return lambda page: tampered_choice(page, field_id, value)


def country_tampered(page):
    page.evaluate("document.querySelector('#f-country option[value=Norway]').value = 'Norwey'")
    page.locator("#f-country").select_option(label="Norway")


# name: (what the editor does, the field the page flags, the validator's field)
BROKEN = {
    "missing title": (clear_title, "f-title", "title"),
    "year 20100": (typed("f-year", "20100"), "f-year", "year"),
    "year as words": (typed("f-year", "2010s"), "f-year", "year"),
    "year before 1945": (typed("f-year", "1900"), "f-year", "year"),
    "no topic": (untick_topics, "f-topics", "topics"),
    "a topic not in the vocabulary": (tampered("f-topics", "Educaton"), "f-topics", "topics[1]"),
    "a topic with a zero-width space": (tampered("f-topics", "Educ\u200bation"), "f-topics", "topics[1]"),
    "a country not in the vocabulary": (country_tampered, "f-country", "country"),
    "address without https://": (add_source("www.example.org/report"), "f-sources-0-url", "sources[0].url"),
    "a related case that does not exist": (tampered("f-related", "oslo-oxlo-declaraton"), "f-related", "related[0]"),
    "raw <script> in a section": (typed("f-section-background", "Before.\n\n<script>alert(1)</script>\n"),
                                  "f-section-background", "body"),
    "an image from another host": (typed("f-section-results", "![A chart](https://example.org/chart.png)"),
                                   "f-section-results", "body"),
    "an event attribute": (typed("f-section-results", 'See <a href="https://example.org" onclick="x()">this</a>.'),
                           "f-section-results", "body"),
    "a javascript: link": (typed("f-section-results", "[Report](javascript:alert(1))"), "f-section-results", "body"),
    "Markdown in the summary": (typed("f-summary", "The **library** runs a desk."), "f-summary", "summary"),
    "a summary too long": (typed("f-summary", "A desk. " * 40), "f-summary", "summary"),
    "evaluated without an evaluation": (chosen("f-evidence", "evaluated"), "f-evidence", "evidence"),
    "status date without status": (typed("f-status_date", "2017"), "f-status_date", "status_date"),
    "latitude without longitude": (typed("f-lat", "69.65"), "f-lat", "lat"),
    "latitude out of range": (lambda page: (page.locator("#f-lat").fill("95"), page.locator("#f-lon").fill("18.9")),
                              "f-lat", "lat"),
    "a partner twice": (typed("f-partners", "Red Cross\nRed Cross"), "f-partners", "partners[1]"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_each_broken_input_is_flagged_on_its_field_in_the_validators_words(built_site, page, tmp_path, case):
    act, field_id, python_field = BROKEN[case]
    open_filled(page, built_site)
    act(page)
    send(page)
    text = page.evaluate("ICPPropose.fileText()")
    expected = python_problems(text, tmp_path)
    assert python_field in expected, (case, expected)
    assert shown(page, field_id) in expected[python_field], (case, shown(page, field_id), expected)
    control = page.locator(f"#{field_id}") if page.locator(f"#{field_id}").evaluate("e => e.tagName") != "FIELDSET" \
        else page.locator(f"#{field_id} input").first
    assert control.get_attribute("aria-invalid") == "true"
    assert f"{field_id}-error" in page.locator(f"#{field_id}").get_attribute("aria-describedby").split()
    summary = page.locator("#icp-error-summary")
    assert summary.is_visible() and summary.locator(f"a[href='#{field_id}']").count() == 1
    assert page.evaluate("document.activeElement.id") == "icp-error-summary"
    assert page.errors == []


def test_a_valid_case_passes_both_and_downloads(built_site, page, tmp_path):
    open_filled(page, built_site)
    with page.expect_download() as info:
        send(page)
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert python_problems(text, tmp_path) == {}
    assert not page.locator("#icp-error-summary").is_visible()
    assert page.locator("[aria-invalid=true]").count() == 0


def test_a_field_is_checked_when_left_and_cleared_when_corrected(built_site, page):
    open_filled(page, built_site)
    year = page.get_by_label("Year (optional)", exact=True)
    year.fill("20100")
    assert shown(page, "f-year") == "", "not while typing"
    year.press("Tab")
    assert shown(page, "f-year").startswith("20100 is after ")
    assert year.get_attribute("aria-invalid") == "true"
    assert not page.locator("#icp-error-summary").is_visible(), "the summary comes on sending"
    year.fill("2019")
    year.press("Tab")
    assert shown(page, "f-year") == "" and year.get_attribute("aria-invalid") is None


def test_a_summary_link_leads_to_its_field(built_site, page):
    open_filled(page, built_site)
    page.get_by_label("Title (required)", exact=True).fill("")
    send(page)
    page.locator("#icp-error-summary a[href='#f-title']").click()
    assert page.evaluate("document.activeElement.id") == "f-title"
