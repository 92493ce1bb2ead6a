"""'Propose a practice' keeps what is typed (a draft in localStorage, back after a reload, gone only by
'Start again' once confirmed) and shows the case page as it is typed, never running or loading what a
section holds. In Chromium from file://, with every request recorded."""

from __future__ import annotations

from conftest import ROOT
from formfill import fill_valid
from icp.render import proposal
from sitecheck import Recorder


def fresh(browser, site):
    context = browser.new_context()
    recorder = Recorder()
    recorder.watch(context)
    page = context.new_page()
    page.goto((site / proposal.PROPOSE_URL).as_uri())
    page.evaluate("localStorage.clear()")
    page.goto((site / proposal.PROPOSE_URL).as_uri())
    return context, recorder, page


def test_a_reload_keeps_the_draft_and_only_start_again_clears_it(built_site, browser):
    context, recorder, page = fresh(browser, built_site)
    fill_valid(page)
    page.locator("#f-topics").get_by_label("Refugees", exact=True).check()
    page.get_by_role("button", name="Add a source").click()
    page.locator("#f-sources-0-title").fill("The library's annual report")
    page.locator("#f-section-results").fill("Forty people a week use the desk.")
    before = page.evaluate("ICPPropose.fileText()")
    page.reload()
    assert page.locator("#f-title").input_value() == "A welcome desk at the library"
    assert page.locator("#f-sources-0-title").input_value() == "The library's annual report"
    assert page.evaluate("ICPPropose.fileText()") == before, "the same file, topics in the order ticked"
    assert "is back" in page.locator("#icp-draft-status").inner_text()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Start again").click()
    assert page.evaluate("ICPPropose.fileText()") == before, "nothing cleared without the confirmation"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start again").click()
    assert page.locator("#f-title").input_value() == ""
    page.reload()
    assert page.locator("#f-title").input_value() == ""
    assert page.locator("#icp-draft-status").inner_text() == ""
    assert recorder.foreign() == [] and page_errors(recorder) == []
    context.close()


def page_errors(recorder: Recorder) -> list[str]:
    return [error for error in recorder.errors if "favicon" not in error]


def test_the_preview_shows_the_page_and_never_runs_or_fetches_what_a_section_holds(built_site, browser):
    context, recorder, page = fresh(browser, built_site)
    fill_valid(page, title="A desk <b>for</b> newcomers")
    page.locator("#f-section-background").fill(
        "The **library** saw [a need](https://example.org/need).\n\n<script>window.icpRan = 1</script>\n\n"
        '<img src="https://example.org/track.png" onerror="window.icpRan = 2">\n\n'
        "![A chart](https://example.org/chart.png)\n\n[Bad](javascript:window.icpRan=3)")
    preview = page.locator("#icp-preview-body")
    preview.locator("h4", has_text="Background").wait_for()
    assert preview.locator(".icp-preview__title").inner_text() == "A desk <b>for</b> newcomers"
    assert preview.locator("strong").inner_text() == "library"
    assert preview.locator("a[href='https://example.org/need']").inner_text() == "a need"
    assert preview.locator("script, img, [onerror]").count() == 0
    assert "<script>window.icpRan = 1</script>" in preview.inner_text(), "raw HTML shown as text"
    assert "[image: A chart]" in preview.inner_text()
    assert preview.locator("a[href^='javascript']").count() == 0
    page.get_by_role("button", name="Download the file").click()  # the checks run too
    assert page.evaluate("window.icpRan") is None
    assert recorder.foreign() == [] and page_errors(recorder) == []
    context.close()


def test_a_case_image_shows_in_the_preview_from_the_site(built_site, browser):
    images = sorted((ROOT / "practices" / "images").glob("*.png")) if (ROOT / "practices" / "images").is_dir() else []
    context, recorder, page = fresh(browser, built_site)
    name = images[0].name if images else "missing.png"
    page.locator("#f-section-summary").fill(f"![A photo](images/{name})")
    image = page.locator("#icp-preview-body img")
    image.wait_for(state="attached")
    assert image.get_attribute("src") == f"practices/images/{name}" and image.get_attribute("alt") == "A photo"
    assert recorder.foreign() == []
    context.close()
