"""'Suggest a correction' on a case page opens the form filled with the case as published, in edit
mode: the file keeps its name and, corrected, passes the validator. In Chromium from file://."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from conftest import ROOT, copy_project
from formfill import case_values
from icp.read.casefile import parse_case_text
from icp.render.proposal import correction_values
from icp.scaffold import case_file
from icp.site import Project
from sitecheck import Recorder
from test_validate import run_validator

SLUG = "oslo-oxlo-declaration"


def open_correction(browser, site: Path):
    context = browser.new_context()
    recorder = Recorder()
    recorder.watch(context)
    page = context.new_page()
    page.goto((site / "practices" / f"{SLUG}.html").as_uri())
    page.evaluate("localStorage.clear()")
    page.get_by_role("link", name="Suggest a correction").click()
    expect(page.locator("#f-title")).not_to_have_value("")
    return context, recorder, page


def test_a_case_page_opens_the_form_filled_with_the_case_in_edit_mode(built_site, browser, tmp_path):
    context, recorder, page = open_correction(browser, built_site)
    project = Project(ROOT)
    practice = project.load_index().by_slug[SLUG]
    published = correction_values(practice)
    schema = project.schema()
    expected = case_file(published["meta"], published["sections"], list(schema["properties"]),
                         list(schema["properties"]["sources"]["items"]["properties"]))
    assert page.evaluate("ICPPropose.fileText()") == expected
    assert page.locator("h1").first.inner_text() == f"Suggest a correction: {practice.title}"
    assert not page.locator(".icp-lead").is_visible(), "the new proposal's introduction is not a correction's"
    assert page.locator("#icp-file-name").inner_text() == f"practices/{SLUG}.md"
    page.get_by_label("Period (optional)", exact=True).fill("since 2013")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the file").click()
    assert info.value.suggested_filename == f"{SLUG}.md", "the file keeps its name: the same file, corrected"
    corrected = Path(info.value.path()).read_text(encoding="utf-8")
    assert "\nperiod: since 2013\n" in corrected
    original_meta, original_sections = case_values(ROOT / "practices" / f"{SLUG}.md")
    assert parse_case_text(tmp_path / f"{SLUG}.md", corrected).meta == {**original_meta, "period": "since 2013"}
    copy = copy_project(tmp_path / "project")
    (copy / "practices" / f"{SLUG}.md").write_text(corrected, encoding="utf-8")
    checked = run_validator(copy)
    assert checked.returncode == 0, checked.stderr
    assert recorder.foreign() == [] and [error for error in recorder.errors if "favicon" not in error] == []
    context.close()


def test_a_correction_draft_is_kept_apart_from_a_new_proposal(built_site, browser):
    context, _, page = open_correction(browser, built_site)
    page.get_by_label("Period (optional)", exact=True).fill("since 2013")
    page.reload()
    expect(page.locator("#f-title")).not_to_have_value("")
    assert page.get_by_label("Period (optional)", exact=True).input_value() == "since 2013"
    page.goto(page.url.split("#")[0])
    assert page.locator("#f-title").input_value() == "", "a new proposal starts empty"
    context.close()
