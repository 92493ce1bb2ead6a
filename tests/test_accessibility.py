"""An axe-core audit (axe-playwright-python ships axe-core) of the main page types from file://."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

import sitecheck

BLOCKING = {"serious", "critical"}


def blocking_violations(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{v['impact']} {v['id']}: {v['help']} at {[node['target'] for node in v['nodes']]}"
            for v in violations if v["impact"] in BLOCKING]


@pytest.mark.parametrize("page_type", ["home", "filter", "case", "topic", "topics overview", "about", "contribute",
                                       "propose"])
def test_no_serious_or_critical_violation(browser, built_site, page_type):
    context = browser.new_context()
    try:
        page = sitecheck.open_page(context, (built_site / sitecheck.page_types(built_site)[page_type]).as_uri())
        assert blocking_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("page_type", ["home", "filter", "case", "topic", "topics overview", "codebook", "about",
                                       "contribute", "propose"])
def test_no_serious_or_critical_violation_in_french(browser, built_site, page_type):
    path = sitecheck.language_page_types(built_site, "fr").get(page_type)
    if path is None:
        pytest.skip(f"no French {page_type} page yet")
    context = browser.new_context()
    try:
        page = sitecheck.open_page(context, (built_site / path).as_uri())
        assert blocking_violations(page) == []
    finally:
        context.close()


FINDER_STATES = {
    "query typed": ("#q=schools", None),
    "options ticked": ("#topic=education&country=united-kingdom&year=2010", None),
    "nothing found": ("#q=zebrafish&topic=education", None),
    "phone, menu open": ("#q=diversity&country=denmark", (390, 844)),
    "map view, a city chosen": ("#topic=business-and-employment&city=Copenhagen&view=map", None),
    "phone, map view": ("#view=map", (390, 844)),
}


@pytest.mark.parametrize("state", FINDER_STATES)
def test_the_finder_has_no_violation_in_any_state(browser, built_site, state):
    fragment, size = FINDER_STATES[state]
    viewport = dict(zip(("width", "height"), size or (1280, 900)))
    context = browser.new_context(viewport=viewport)
    try:
        page = sitecheck.open_page(context, (built_site / "practices" / "index.html").as_uri() + fragment)
        page.wait_for_selector("html[data-icp-finder-ready]")
        page.wait_for_function("() => !document.getElementById('icp-result-count').textContent.startsWith('Searching')")
        if size:
            page.get_by_role("button", name="Filters").click()
            assert page.locator("#icp-filter").is_visible()
        assert all_violations(page) == []
    finally:
        context.close()


def all_violations(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{v['impact']} {v['id']}: {v['help']} at {[node['target'] for node in v['nodes']]}" for v in violations]


def test_the_audit_finds_a_violation(browser, built_site):
    context = browser.new_context()
    try:
        page = sitecheck.open_page(context, (built_site / "practices" / "index.html").as_uri())
        page.evaluate("document.querySelector('label[for=icp-q]').remove()")
        assert any("label" in violation for violation in blocking_violations(page))
    finally:
        context.close()
