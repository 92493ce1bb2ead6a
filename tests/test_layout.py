"""The pages at a phone's width and a desktop's, and a case page printed on A4, in real Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

import sitecheck
from conftest import copy_project, mkdocs_build

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
SOURCE_URL = "https://example.org/reports/a-very-long-address/of-the-source-document.pdf"
PRINTED_CASE = f"""---
title: A case with a linked source
city: Stavanger
country: Norway
year: 2012
topics: [Education]
summary: A case whose source has an address, to see it printed in full.
evidence: none given
sources:
  - title: The source report
    url: {SOURCE_URL}
    publisher: Example publisher
---

## Summary

A short body.
"""


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_filter_page_fits_and_its_menu_works(browser, built_site, tmp_path, width):
    context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS[width])))
    try:
        page = sitecheck.open_page(context, (built_site / "practices" / "index.html").as_uri())
        assert no_horizontal_scroll(page)
        total = page.locator("#icp-result-count").inner_text()
        if width == "phone":
            page.get_by_role("button", name="Filters").click()
        group = page.locator("#icp-filter details").first
        if not group.evaluate("details => details.open"):
            group.locator("summary").click()
        option = group.locator("input[type=checkbox]:not(:disabled)").first
        label = group.locator(f'label[for="{option.get_attribute("id")}"]')
        label.click()
        assert option.is_checked()
        page.wait_for_function("total => document.getElementById('icp-result-count').textContent !== total", arg=total)
        assert no_horizontal_scroll(page)
        assert page.locator("#icp-results .icp-card").first.is_visible()
        page.screenshot(path=str(tmp_path / f"filter-{width}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_case_page_fits(browser, built_site, width):
    context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS[width])))
    try:
        page = sitecheck.open_page(context, (built_site / sitecheck.page_types(built_site)["case"]).as_uri())
        assert no_horizontal_scroll(page)
        assert page.get_by_role("button", name="Print this practice").is_visible()
    finally:
        context.close()


@pytest.fixture(scope="module")
def site_with_linked_source(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"), languages=False)
    (project / "practices" / "stavanger-linked-source.md").write_text(PRINTED_CASE, encoding="utf-8")
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_print_button_opens_the_print_dialog(browser, site_with_linked_source):
    context = browser.new_context()
    try:
        page = sitecheck.open_page(context, (site_with_linked_source / "practices" / "stavanger-linked-source.html").as_uri())
        page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
        page.get_by_role("button", name="Print this practice").click()
        assert page.evaluate("window.printed") == 1
    finally:
        context.close()


def test_case_prints_on_a4_without_chrome_and_with_source_addresses(browser, site_with_linked_source, tmp_path):
    context = browser.new_context()
    address = (site_with_linked_source / "practices" / "stavanger-linked-source.html").as_uri()
    try:
        page = sitecheck.open_page(context, address)
        day, month, year = page.evaluate("() => { const d = new Date(); return [d.getDate(), d.getMonth(), d.getFullYear()]; }")
        related = page.locator(".icp-related .icp-card")
        assert related.count() > 0, "the printed case should have related practices to print"
        related_titles = related.locator(".icp-card__title").all_inner_texts()
        related_summaries = related.locator(".icp-card__summary").all_inner_texts()
        page.emulate_media(media="print")
        for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer",
                       "[data-icp-print]", ".md-top"):
            assert not page.locator(chrome).first.is_visible(), f"{chrome} would be printed"
        assert page.locator("article h1").is_visible()
        source = page.locator(".icp-sources a").first
        assert source.evaluate("link => getComputedStyle(link, '::after').content") == f'" <{SOURCE_URL}>"'
        pdf = page.pdf(format="A4")
    finally:
        context.close()
    width, height = map(float, re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups())
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, f"{width} x {height} points is not A4"
    assert shutil.which("pdftotext"), "the print test reads the PDF with pdftotext (Debian's poppler-utils)"
    (tmp_path / "case.pdf").write_bytes(pdf)
    printed = subprocess.run(["pdftotext", "-layout", str(tmp_path / "case.pdf"), "-"],
                             capture_output=True, text=True, check=True).stdout
    assert "example.org/reports/a-very-long-address" in printed
    assert "Print this practice" not in printed and "Search" not in printed
    # The first lines say where the page comes from and when it was printed.
    head = printed.split("A case with a linked source")[0]
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    assert "Intercultural City Practices" in head
    assert address in "".join(head.split()), "the page's address, perhaps wrapped over lines"
    assert f"Printed {day} {months[month]} {year}" in " ".join(head.split())
    # Related practices: one line each (title and place), without their summaries; the reference, not the BibTeX.
    flat = " ".join(printed.split())
    assert "Related practices" in flat
    assert all(" ".join(title.split()) in flat for title in related_titles)
    assert not any(" ".join(summary.split())[:60] in flat for summary in related_summaries)
    assert "Cite this practice" in flat and "@online" not in flat and "Copy BibTeX" not in flat
