"""The French site's interface in French, as a reader sees it in Chromium: every kind of page walked
for a word of the English interface, and the header's site name on a phone and a desktop."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import sitecheck

ROOT = Path(__file__).resolve().parents[1]

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


def english_msgids(code: str = "fr") -> tuple[set[str], list[re.Pattern]]:
    """The catalogue's English messages that ``code`` translates otherwise: whole texts, and those with
    placeholders as patterns (their fixed words long enough to be telling)."""
    with (ROOT / "locale" / code / "LC_MESSAGES/messages.po").open("rb") as file:
        catalogue = read_po(file)
    whole, patterns = set(), []
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            if not text or text in strings:
                continue
            text = re.sub(r"<[^>]+>", "", text).strip()
            parts = re.split(r"%\(\w+\)s|\{\w+\}", text)
            if len(parts) == 1:
                whole.add(text)
            elif sum(len(re.sub(r"\W", "", part)) for part in parts) >= 8:
                patterns.append(re.compile(".+?".join(re.escape(part) for part in parts), re.S))
    return whole, patterns


# What the reader is shown in the page's own language (not a case's text, which keeps its language:
# lang="en" on it): each visible text node and each shown attribute.
SHOWN_TEXT = """() => {
    const own = element => (element.closest('[lang]') || document.documentElement).lang === document.documentElement.lang;
    const shown = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const element = walker.currentNode.parentElement;
        if (!element || element.closest('script, style, noscript, template, code, pre, kbd, samp') || !own(element)) continue;
        if (!element.checkVisibility({visibilityProperty: true})) continue;
        const text = walker.currentNode.textContent.replace(/\\s+/g, ' ').trim();
        if (text) shown.push(text);
    }
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
        if (!own(element)) continue;
        for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
            const value = element.getAttribute(name);
            if (value && value.trim()) shown.push(value.trim());
        }
    }
    return shown;
}"""


def english_shown(page, whole: set[str], patterns: list[re.Pattern]) -> list[str]:
    shown = page.evaluate(SHOWN_TEXT)
    return sorted({text for text in shown if text in whole or any(pattern.fullmatch(text) for pattern in patterns)})


WALKED = ["home", "filter", "case", "topic", "country", "year", "topics overview", "countries overview",
          "years overview", "codebook", "about", "contribute", "propose"]


@pytest.mark.parametrize("page_type", WALKED)
def test_every_kind_of_french_page_shows_no_english_interface_word(browser, built_site, page_type):
    path = sitecheck.language_page_types(built_site, "fr").get(page_type)
    if path is None:
        pytest.skip(f"no French {page_type} page yet")
    whole, patterns = english_msgids()
    context = browser.new_context()
    try:
        page = sitecheck.open_page(context, (built_site / path).as_uri())
        if page_type == "filter":
            page.wait_for_selector("html[data-icp-finder-ready]")
        assert page.evaluate("document.documentElement.lang") == "fr"
        assert english_shown(page, whole, patterns) == [], path
    finally:
        context.close()


def test_the_walk_sees_the_english_interface_on_the_english_pages(browser, built_site):
    whole, patterns = english_msgids()
    context = browser.new_context()
    try:
        page = sitecheck.open_page(context, (built_site / "practices/index.html").as_uri())
        page.wait_for_selector("html[data-icp-finder-ready]")
        found = english_shown(page, whole, patterns)
        assert {"Find practices", "Topics", "Countries"} <= set(found)
        assert any(text.endswith(" practices") for text in found)
    finally:
        context.close()
