"""The French site's interface in French, as a reader sees it in Chromium: every kind of page walked
for a word of the English interface, and the header's site name on a phone and a desktop."""

from __future__ import annotations

import pytest

import sitecheck

PHONE, DESKTOP = (390, 844), (1280, 900)
SITE_NAME = "Intercultural City Practices"


@pytest.mark.parametrize("home", ["index.html", "fr/index.html"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_header_names_the_site_whole_or_short_and_whole_for_screen_readers(browser, built_site, home, size):
    context = browser.new_context(viewport=dict(zip(("width", "height"), size)))
    try:
        page = sitecheck.open_page(context, (built_site / home).as_uri())
        title = page.locator(".md-header__topic").first
        shown = title.evaluate("""node => [...node.querySelectorAll('.md-ellipsis > span')]
            .filter(span => span.getBoundingClientRect().width > 1).map(span => span.textContent).join('|')""")
        assert shown == ("ICP" if size == PHONE else SITE_NAME)
        # Not cut short: the name shown fits its box.
        assert title.locator(".md-ellipsis").evaluate("node => node.scrollWidth <= node.clientWidth")
        assert title.aria_snapshot().strip() == f"- text: {SITE_NAME}"
    finally:
        context.close()
