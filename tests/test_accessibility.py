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


@pytest.mark.parametrize("page_type", ["home", "filter", "case", "topic"])
def test_no_serious_or_critical_violation(browser, built_site, page_type):
    context = browser.new_context()
    try:
        page = sitecheck.open_page(context, (built_site / sitecheck.page_types(built_site)[page_type]).as_uri())
        assert blocking_violations(page) == []
        if page_type == "filter":
            page.locator("#icp-filter details").evaluate_all("groups => groups.forEach(g => g.open = true)")
            page.locator("#icp-filter input[type=checkbox]:not(:disabled)").first.check()
            assert blocking_violations(page) == [], "with the menu open and an option ticked"
    finally:
        context.close()


def test_the_audit_finds_a_violation(browser, built_site):
    context = browser.new_context()
    try:
        page = sitecheck.open_page(context, (built_site / "index.html").as_uri())
        page.evaluate("document.querySelector('.md-search').removeAttribute('aria-label')")
        assert any("aria-dialog-name" in violation for violation in blocking_violations(page))
    finally:
        context.close()
