"""The site in its languages (icp.i18n, icp.alternates): English at the root, French at fr/ and Danish at
da/ with the same paths below, each page's <html lang> and its reciprocal hreflang alternates, the
French finder in French and finding the same cases by any language's name of a place, and the language
switcher keeping the finder's state. The real site as published, read from file:// in Chromium."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from icp import i18n
from icp.render.alternates import Alternates
from test_accessibility import blocking_violations
from test_finder import wait_for_count

ROOT = Path(__file__).resolve().parents[1]
_LANG = re.compile(r'<html lang="([^"]+)"')
_ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def html_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html") if path.parts[-2:] != ("download",))


def alternates(site: Path, page: str) -> dict[str, str]:
    """hreflang -> the page it names, as a path from the site's root."""
    text = (site / page).read_text(encoding="utf-8")
    return {code: posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
            for code, href in _ALTERNATE.findall(text)}


def test_every_page_says_its_language(built_site):
    wrong = []
    for page in html_pages(built_site):
        first = page.split("/", 1)[0]
        expected = first if first in ("fr", "da") else "en"
        found = _LANG.search((built_site / page).read_text(encoding="utf-8"))
        if not found or found.group(1) != expected:
            wrong.append((page, found and found.group(1)))
    assert not wrong


def test_french_and_danish_have_the_pages_of_english_at_the_same_paths(built_site):
    pages = set(html_pages(built_site))
    for page in ("index.html", "practices/index.html", "topics/index.html", "topics/education.html",
                 "countries/denmark.html", "years/index.html", "contribute.html"):
        assert page in pages and f"fr/{page}" in pages, page
    cases = [page for page in pages if page.startswith("practices/") and page != "practices/index.html"]
    assert cases and all(f"fr/{page}" in pages and f"da/{page}" in pages for page in cases)


def test_hreflang_alternates_are_reciprocal_on_every_page(built_site):
    pages = set(html_pages(built_site))
    checked = 0
    for page in pages:
        links = alternates(built_site, page)
        if not links:
            continue
        checked += 1
        assert links.get("x-default") == links["en"], page
        own = page.split("/", 1)[0] if page.split("/", 1)[0] in ("fr", "da") else "en"
        assert links[own] == page, page
        for code, target in links.items():
            assert target in pages, (page, code, target)
            assert alternates(built_site, target) == links, (page, target)
    assert checked > 3 * 75


def test_the_french_pages_are_in_french(built_site):
    finder = (built_site / "fr/practices/index.html").read_text(encoding="utf-8")
    assert "<h1>Trouver des pratiques</h1>" in finder and "Éducation" in finder
    case = next((built_site / "fr/practices").glob("copenhagen-*.html")).read_text(encoding="utf-8")
    assert "Citer cette pratique" in case and "Imprimer cette pratique" in case and "Danemark" in case
    # The case's own text keeps its language.
    assert re.search(r'<h1 lang="en">', case)


def english_interface_words() -> set[str]:
    """Words of the English interface that French never uses: none may show in a French page's interface."""
    def words(text: str) -> set[str]:
        # Tags, placeholders, and file names and paths (practices.json, practices/taxonomy.yml) aside.
        return set(re.findall(r"[A-Za-z]{3,}", re.sub(r"<[^>]*>|%\(\w+\)s|\{\w+\}|[\w<>-]+(?:[./][\w<>-]+)+|\w+/", " ", text)))

    with (ROOT / "locale/fr/LC_MESSAGES/messages.po").open("rb") as file:
        catalogue = read_po(file)
    english, french = set(), set()
    for message in catalogue:
        if not message.id:
            continue
        for text in (message.id if isinstance(message.id, tuple) else (message.id,)):
            english |= words(text)
        for text in (message.string if isinstance(message.string, tuple) else (message.string,)):
            french |= words(text)
    return english - french - {"København", "Genève", "CSV", "JSON", "BibTeX", "Atom", "Ctrl", "Cmd", "Mac", "html"}


def visible_interface_text(page) -> str:
    """What the finder shows outside the cases' own text (cards, map names) and its placeholders."""
    return page.evaluate("""() => {
        const root = document.querySelector('#icp-finder').cloneNode(true);
        root.querySelectorAll('.icp-card__title, .icp-card__summary, .icp-card__meta, .icp-card__found, svg, '
                              + '.icp-map-cities, [hidden]').forEach(node => node.remove());
        const shown = [...document.querySelectorAll('#icp-finder [placeholder], #icp-finder [aria-label]')]
            .map(node => (node.getAttribute('placeholder') || '') + ' ' + (node.getAttribute('aria-label') || ''));
        return root.textContent + ' ' + shown.join(' ') + ' ' + document.querySelector('.md-tabs').textContent;
    }""").replace("practices.csv", "").replace("practices.json", "")  # file names, the same in every language


def copenhagen_titles(index) -> set[str]:
    titles = {practice.title for practice in index.practices if practice.city == "Copenhagen"}
    assert titles
    return titles


def test_the_french_finder_shows_no_english_word_and_finds_copenhagen_as_copenhague(page, built_site, real_index):
    page.goto((built_site / "fr/practices/index.html").as_uri() + "#q=Copenhague")
    page.wait_for_function("() => /pratiques correspondent à «\\u00a0Copenhague\\u00a0»/.test("
                           "document.getElementById('icp-result-count').textContent)")
    assert copenhagen_titles(real_index) <= set(page.locator("#icp-results .icp-card__title").all_inner_texts())
    shown = set(re.findall(r"[A-Za-z]{3,}", visible_interface_text(page)))
    assert shown & english_interface_words() == set()
    page.goto((built_site / "fr/practices/index.html").as_uri() + "#q=zzzz&topic=education")
    wait_for_count(page, "Aucune pratique ne correspond à «\u00a0zzzz\u00a0» avec ces filtres")  # French spacing
    shown = set(re.findall(r"[A-Za-z]{3,}", visible_interface_text(page)))
    assert shown & english_interface_words() == set()


def test_the_check_of_english_words_sees_one():
    assert {"Search", "practices", "Filters"} <= english_interface_words()


@pytest.mark.parametrize("name", ["København", "Kopenhagen", "Copenhague"])
def test_the_english_finder_finds_copenhagen_by_its_other_names(page, built_site, real_index, name):
    page.goto((built_site / "practices/index.html").as_uri() + f"#q={name}")
    page.wait_for_function("name => document.getElementById('icp-result-count').textContent.endsWith("
                           "'practices match “' + name + '”')", arg=name)
    assert copenhagen_titles(real_index) <= set(page.locator("#icp-results .icp-card__title").all_inner_texts())


def test_a_topic_name_in_french_finds_the_topics_cases_in_english(page, built_site, real_index):
    education = [practice for practice in real_index.practices if "Education" in practice.topics]
    page.goto((built_site / "practices/index.html").as_uri() + "#q=%C3%A9ducation")
    page.wait_for_function("() => /match/.test(document.getElementById('icp-result-count').textContent)")
    titles = set(page.locator("#icp-results .icp-card__title").all_inner_texts())
    assert {practice.title for practice in education[:10]} <= titles


def test_the_language_switcher_keeps_the_page_and_the_finders_state(page, built_site):
    page.goto((built_site / "fr/practices/index.html").as_uri() + "#q=Copenhague&topic=business-and-employment")
    page.wait_for_function("() => /correspond/.test(document.getElementById('icp-result-count').textContent)")
    french = page.locator("#icp-results .icp-card__title").all_inner_texts()
    page.locator(".icp-languages").get_by_role("link", name="English").click()
    page.wait_for_url("**/practices/index.html#q=Copenhague&topic=business-and-employment")
    assert "/fr/" not in page.url
    page.wait_for_function("() => /match/.test(document.getElementById('icp-result-count').textContent)")
    assert page.locator("#icp-results .icp-card__title").all_inner_texts() == french
    assert page.locator("#icp-q").input_value() == "Copenhague"
    assert page.locator("#f-topic-business-and-employment").is_checked()


@pytest.mark.parametrize("path", ["fr/index.html", "fr/practices/index.html", "fr/topics/education.html",
                                  "fr/practices/copenhagen-engage-in-copenhagen.html"])
def test_the_french_pages_have_no_serious_accessibility_violation(browser, built_site, path):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((built_site / path).as_uri())
        page.wait_for_load_state("networkidle")
        assert blocking_violations(page) == []
    finally:
        context.close()


def test_the_sitemap_lists_every_version_with_absolute_addresses():
    languages = i18n.languages(ROOT)
    found = Alternates(languages, {"index.html", "fr/index.html", "about.html"}, "https://example.org/icp")
    assert [(v.code, v.href) for v in found.versions("fr/index.html", absolute=True)] == [
        ("en", "https://example.org/icp/index.html"), ("fr", "https://example.org/icp/fr/index.html")]
    assert found.head_links("about.html") == ""  # one language only: no alternates


def test_a_case_body_on_a_french_page_leads_to_french_pages_where_they_exist():
    from babel.support import NullTranslations
    from markupsafe import Markup

    from icp.render.relink import relinked

    body = Markup('<a href="../topics/education.html">t</a> <a href="../about.html#x">a</a> <a href="index.html">i</a> '
                  '<img src="images/a.png" alt=""> <a href="https://example.org/">x</a> <a href="#y">y</a>')
    with i18n.use(i18n.Language("fr", NullTranslations(), handwritten=frozenset({"index.md"}))):
        assert relinked(body, "practices") == (
            '<a href="../topics/education.html">t</a> <a href="../../about.html#x">a</a> <a href="index.html">i</a> '
            '<img src="../../practices/images/a.png" alt=""> <a href="https://example.org/">x</a> <a href="#y">y</a>')
    assert relinked(body, "practices") == body  # English: as written
