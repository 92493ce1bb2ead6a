"""The theme's parts made once per language and folder (icp.render.chrome, hooks/overrides/main.html and
partials/nav.html; issue 19): a page not in the menu shows the menu, tabs, footer, configuration and
script tags that Material renders for a page of its language and folder, with nothing of another page
(its current item, its language, its folder's links); a page in the menu renders its own."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from icp.render.chrome import Chrome

LANGUAGES = ("", "fr/", "da/")
FOLDERS = ("", "practices/", "topics/", "countries/", "years/")
IN_MENU = {"index.html", "about.html", "contribute.html", "propose.html", "404.html"}
PARTS = {
    "tabs": re.compile(r'<nav class="md-tabs".*?</nav>', re.S),
    "footer": re.compile(r'<footer class="md-footer">.*?</footer>', re.S),
    "config": re.compile(r'<script id="__config".*?</script>', re.S),
    "scripts": re.compile(r'<script src="[^"]*bundle\.[^"]*".*?</body>', re.S),
}
_MENU = re.compile(r'data-md-type="navigation".*?data-md-type="toc"', re.S)
_MENU_LINK = re.compile(r'<a href="([^"#][^"]*)" class="md-nav__link[^"]*">\s*(?:<span[^>]*>\s*)?([^<]*?)\s*<', re.S)
_ACTIVE = re.compile(r" md-(?:tabs__item|nav__link)--active")


def page_template() -> jinja2.Template:
    """A page's frame as the overrides write it: a part in ``icp_once``, showing the page's language,
    folder and current item."""
    return jinja2.Environment(autoescape=True).from_string(
        '{% call icp_once("tabs") %}{{ language }} {{ folder }} {{ current }}{% endcall %}')


def shown(chrome: Chrome, language: str, url: str, *, in_menu: bool = False) -> str:
    folder, _, name = url.rpartition("/")
    return page_template().render(icp_once=chrome.once_for(language, url, in_menu=in_menu),
                                  language=language, folder=folder, current=name if in_menu else "none")


def test_a_part_is_made_once_per_language_and_folder_and_never_for_a_page_in_the_menu():
    chrome = Chrome()
    assert shown(chrome, "en", "practices/a.html") == "en practices none"
    assert shown(chrome, "en", "practices/b.html") == "en practices none"
    assert chrome.reused == 1
    assert shown(chrome, "fr", "practices/a.html") == "fr practices none", "another language's part"
    assert shown(chrome, "en", "topics/a.html") == "en topics none", "another folder's part"
    assert shown(chrome, "en", "about.html", in_menu=True) == "en  about.html"
    assert shown(chrome, "en", "codebook.html") == "en  none", "a page in the menu's current item reused"
    assert shown(chrome, "en", "contribute.html", in_menu=True) == "en  contribute.html"
    assert chrome.reused == 1
    chrome.clear()
    assert shown(chrome, "en", "practices/c.html") == "en practices none" and chrome.reused == 0


def parts(html: str) -> dict[str, str]:
    found = {name: pattern.search(html) for name, pattern in PARTS.items()}
    assert all(found.values()), [name for name, match in found.items() if not match]
    return {name: match.group(0) for name, match in found.items()}


def unmarked(html: str) -> str:
    """Tabs without their current one (Material leaves a blank line where it marks one)."""
    return re.sub(r"\s+", " ", _ACTIVE.sub("", html))


def menu_links(html: str) -> list[tuple[str, str]]:
    return _MENU_LINK.findall(_MENU.search(html).group(0))


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_page_outside_the_menu_shows_what_material_renders_for_its_language_and_folder(built_site: Path, prefix):
    for folder in FOLDERS:
        directory = built_site / prefix / folder
        reference_name = "about.html" if folder == "" else "index.html"
        reference = (directory / reference_name).read_text(encoding="utf-8")
        expected = parts(reference)
        # The page in the menu (rendered whole, never cached) marks itself, in the tabs and the menu.
        assert _ACTIVE.search(expected["tabs"]), f"{prefix}{folder}{reference_name}: no current tab"
        assert f'<a href="{reference_name}" class="md-nav__link md-nav__link--active">' in reference
        outside = sorted(path for path in directory.glob("*.html") if path.name not in IN_MENU)
        assert outside, f"no page outside the menu in {prefix}{folder}"
        for path in outside:
            html = path.read_text(encoding="utf-8")
            got = parts(html)
            name = f"{prefix}{folder}{path.name}"
            for part in ("footer", "config", "scripts"):
                assert got[part] == expected[part], f"{name}: its {part} is not its language's and folder's"
            if folder:  # a folder's pages: its tab is the current one, as on the folder's own page
                assert got["tabs"] == expected["tabs"], f"{name}: its tabs"
            else:  # the root's pages outside the menu: no current tab, no current item
                assert not _ACTIVE.search(got["tabs"]), f"{name}: another page's current tab"
                assert unmarked(got["tabs"]) == unmarked(expected["tabs"]), f"{name}: its tabs"
            assert "md-nav__link--active" not in _MENU.search(html).group(0), f"{name}: another page's current item"
            assert menu_links(html) == menu_links(reference), f"{name}: its menu"
