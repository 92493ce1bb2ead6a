"""'Propose a practice' for everyone: keyboard only from the first field to the download, no serious axe
violation with errors shown, controls a thumb can hit on a 390 px phone. Chromium from file://."""

from __future__ import annotations

from pathlib import Path

from test_accessibility import blocking_violations

from icp.render import proposal

PHONE = {"width": 390, "height": 844}
THUMB = 44  # CSS pixels: WCAG 2.5.5's target size, Apple's and GOV.UK's minimum


def tab_to(page, field_id: str, limit: int = 400) -> None:
    """Tab forward until ``field_id`` has the focus, as a keyboard user does."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == field_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{field_id} cannot be reached with Tab")


def test_keyboard_only_from_the_first_field_to_the_download(built_site, page):
    page.goto((built_site / proposal.PROPOSE_URL).as_uri())
    page.evaluate("localStorage.clear()")
    page.goto((built_site / proposal.PROPOSE_URL).as_uri())
    tab_to(page, "f-title")
    page.keyboard.type("A welcome desk at the library")
    tab_to(page, "f-city")
    page.keyboard.type("Tromsø")
    tab_to(page, "f-country")
    page.keyboard.type("Norway")
    tab_to(page, "f-year")
    page.keyboard.type("2019")
    tab_to(page, "f-topics-7")  # Education, the seventh topic of the menu
    page.keyboard.press("Space")
    tab_to(page, "f-summary")
    page.keyboard.type("The city library runs a desk where newcomers get help with forms and find courses.")
    tab_to(page, "f-evidence")
    page.keyboard.type("none")
    tab_to(page, "f-section-summary")
    page.keyboard.type("The library opened a desk for newcomers in 2019.")
    tab_to(page, "icp-download")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "country: Norway\nyear: 2019\ntopics:\n- Education\n" in text and "evidence: none given\n" in text
    assert page.errors == []


def test_no_serious_violation_with_errors_shown_on_a_phone(built_site, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto((built_site / proposal.PROPOSE_URL).as_uri())
    page.get_by_label("Year (optional)", exact=True).fill("20100")
    page.get_by_role("button", name="Download the file").click()
    assert page.locator("#icp-error-summary").is_visible()
    assert blocking_violations(page) == []
    context.close()


def test_every_control_is_thumb_sized_on_a_phone(built_site, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto((built_site / proposal.PROPOSE_URL).as_uri())
    page.get_by_role("button", name="Add a source").click()
    small = page.evaluate("""(thumb) => {
        const targets = [...document.querySelectorAll('#icp-propose-form input[type=text], #icp-propose-form select,'
            + ' #icp-propose-form textarea:not([readonly]), #icp-propose-form button')]
            .concat([...document.querySelectorAll('#icp-propose-form .icp-choices li, .icp-field--checkbox')]);
        return targets.filter(target => {
            const box = target.getBoundingClientRect();
            return box.height < thumb || box.width < thumb;
        }).map(target => target.id || target.textContent.trim().slice(0, 30));
    }""", THUMB)
    assert small == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
    context.close()
