"""Cases in other languages, in the real site as published: "This practice in: ..." both ways with
hreflang and lang, the case's own text marked with its language on pages in another, the finder showing
and filtering by language in Chromium from file:// (its state in the address, kept by the language
switcher), the Language group and its term pages without JavaScript, and the open data's columns."""

from __future__ import annotations

import csv
import io
import json
import re

from test_finder import open_filter, plural, wait_for_count

EN = "tenerife-interfaith-dialogue-group"
FR = "tenerife-interfaith-dialogue-group-fr"
_TRANSLATIONS = re.compile(r'<p class="icp-translations">(.*?)</p>')


def translations(site, page: str) -> str:
    found = _TRANSLATIONS.findall((site / page).read_text(encoding="utf-8"))
    assert len(found) == 1, page
    return found[0]


def test_the_english_case_links_its_french_version_in_the_french_pages(built_site):
    assert translations(built_site, f"practices/{EN}.html") == (
        f'This practice in: <a href="../fr/practices/{FR}.html" hreflang="fr" lang="en">French '
        '<span lang="fr">(Français)</span></a>')
    assert (built_site / f"fr/practices/{FR}.html").is_file()


def test_the_french_case_links_back_though_only_its_own_file_lists_the_translation(built_site):
    assert translations(built_site, f"fr/practices/{FR}.html") == (
        f'Cette pratique en\u00a0: <a href="../../practices/{EN}.html" hreflang="en" lang="fr">Anglais '
        '<span lang="en">(English)</span></a>')
    assert translations(built_site, f"practices/{FR}.html") == (
        f'This practice in: <a href="{EN}.html" hreflang="en" lang="en">English</a>')
    assert translations(built_site, f"da/practices/{EN}.html").endswith(
        f'<a href="../../fr/practices/{FR}.html" hreflang="fr" lang="da">Fransk <span lang="fr">(Français)</span></a>')


def test_a_case_without_translations_says_nothing_of_them(built_site):
    assert "icp-translations" not in (built_site / "practices/amadora-dont-feed-the-rumour.html").read_text(
        encoding="utf-8")


def test_the_case_text_carries_its_language_where_the_page_is_in_another(built_site):
    def marked(page: str) -> list[str]:
        text = (built_site / page).read_text(encoding="utf-8")
        return re.findall(r'<(?:h1|div class="icp-case-text")( lang="\w+")?>', text)

    assert marked(f"practices/{FR}.html") == [' lang="fr"', ' lang="fr"']
    assert marked(f"fr/practices/{FR}.html") == ["", ""]
    assert marked(f"fr/practices/{EN}.html") == [' lang="en"', ' lang="en"']
    assert marked(f"practices/{EN}.html") == ["", ""]
    card = re.search(r'<li class="icp-card"><a class="icp-card__title" href="\.\./practices/' + FR
                     + r'\.html" lang="fr">.*?</li>', (built_site / "languages/fr.html").read_text(encoding="utf-8"))
    assert card and '<span class="icp-card__language">French</span>' in card.group(0)
    assert '<p class="icp-card__summary" lang="fr">' in card.group(0)


def test_the_finder_without_javascript_lists_the_language_group_and_its_pages(built_site):
    finder = (built_site / "practices/index.html").read_text(encoding="utf-8")
    group = re.search(r'<details class="icp-filter__group" data-group="language" open>.*?</details>', finder, re.S)
    assert group, "no Language group in the finder's form"
    assert re.search(r'<input type="checkbox" id="f-language-fr" name="language" value="fr" '
                     r'aria-describedby="c-language-fr"><label for="f-language-fr">French</label> '
                     r'<span class="icp-count" id="c-language-fr">1</span>', group.group(0))
    assert '<a href="../languages/index.html">language</a>' in finder
    overview = (built_site / "languages/index.html").read_text(encoding="utf-8")
    assert '<a href="fr.html">French</a>' in overview and '<a href="en.html">English</a>' in overview
    assert f"../practices/{FR}.html" in (built_site / "languages/fr.html").read_text(encoding="utf-8")
    assert '<a href="fr.html">Français</a>' in (built_site / "fr/languages/index.html").read_text(encoding="utf-8")


def test_the_finder_filters_by_language_and_shows_it_from_file(page, built_site, real_index):
    open_filter(page, built_site)
    total = len(real_index.practices)
    wait_for_count(page, plural(total))
    page.locator("#f-language-fr").check()
    wait_for_count(page, plural(1))
    assert page.url.endswith("#language=fr")
    card = page.locator("#icp-results .icp-card")
    assert card.locator(".icp-card__title").get_attribute("lang") == "fr"
    assert card.locator(".icp-card__summary").get_attribute("lang") == "fr"
    assert card.locator(".icp-card__language").inner_text() == "French"
    assert page.locator("#icp-chips").inner_text().startswith("Language: French")
    assert not page.errors
    # The switcher keeps the filter; in French the French case is in the page's language, unmarked.
    page.locator(".icp-languages").get_by_role("link", name="Français").click()
    page.wait_for_url("**/fr/practices/index.html#language=fr")
    page.wait_for_selector("html[data-icp-finder-ready]")
    wait_for_count(page, "1 pratique")
    assert page.locator("#f-language-fr").is_checked()
    card = page.locator("#icp-results .icp-card")
    assert card.locator(".icp-card__title").get_attribute("lang") is None
    assert card.locator(".icp-card__language").count() == 0
    page.locator("#f-language-fr").uncheck()
    page.locator("#f-language-en").check()
    wait_for_count(page, f"{total - 1} pratiques")
    first = page.locator("#icp-results .icp-card").first
    assert first.locator(".icp-card__language").inner_text() == "Anglais"
    assert first.locator(".icp-card__title").get_attribute("lang") == "en"
    assert not page.errors


def test_the_open_data_carries_each_case_language_and_translations(built_site):
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(
        (built_site / "practices.csv").read_text(encoding="utf-8-sig")))}
    assert (rows[EN]["language"], rows[EN]["translations"]) == ("en", FR)
    assert (rows[FR]["language"], rows[FR]["translations"]) == ("fr", EN)
    assert {row["language"] for row in rows.values()} == {"en", "fr"}
    records = {record["slug"]: record for record in json.loads(
        (built_site / "practices.json").read_text(encoding="utf-8"))["practices"]}
    assert (records[EN]["language"], records[EN]["translations"]) == ("en", [FR])
    assert (records[FR]["language"], records[FR]["translations"]) == ("fr", [EN])
    fields = {field["name"]: field for field in json.loads(
        (built_site / "datapackage.json").read_text(encoding="utf-8"))["resources"][0]["schema"]["fields"]}
    assert "fr" in fields["language"]["constraints"]["enum"] and fields["translations"]["type"] == "string"
    codebook = (built_site / "codebook.html").read_text(encoding="utf-8")
    assert "translations" in codebook and "en when left out" in codebook


def test_the_structured_data_gives_the_case_its_language(built_site):
    def in_language(page: str) -> str:
        text = (built_site / page).read_text(encoding="utf-8")
        return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))["inLanguage"]

    assert [in_language(page) for page in (f"practices/{FR}.html", f"fr/practices/{FR}.html",
                                           f"practices/{EN}.html")] == ["fr", "fr", "en"]
