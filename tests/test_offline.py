"""The site read offline: from a folder (file://), from the packaged zip, and nothing leaving the machine.

Run with -s to see the requests each page type makes.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from icp.publish.package import DOWNLOAD_DIR, DOWNLOAD_PATH, OFFLINE_NOTE, ZIP_NAME, write_offline_zip

import sitecheck
from conftest import ROOT, copy_project, mkdocs_build
from kinds import makes

PAGE_TYPES = ["home", "filter", "case", "topic", "country", "year", "topics overview",
              "countries overview", "years overview", "about", "contribute", "propose"]
# Root-absolute on purpose (a server sends it at any depth); checked over HTTP in test_not_found.py.
SERVER_ONLY_PAGES = {"404.html"}


@pytest.fixture(scope="session")
@makes("build")
def unpacked_zip(tmp_path_factory) -> Path:
    """The zip written by scripts/package_offline.py (which builds the site itself), unpacked."""
    folder = tmp_path_factory.mktemp("offline")
    zip_path = folder / ZIP_NAME
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "package_offline.py"), "--output", str(zip_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"Wrote {zip_path}" in result.stdout
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder / "unpacked")
    return folder / "unpacked"


def site_for(request, copy: str) -> Path:
    return request.getfixturevalue("built_site" if copy == "folder" else "unpacked_zip")


# --- links ------------------------------------------------------------------------------


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]


def broken_references(site: Path) -> list[str]:
    """Every href/src of every page that would not open from file://."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        relative_page = page.relative_to(site).as_posix()
        if relative_page in SERVER_ONLY_PAGES:
            continue
        parser = _References()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto", "data") or url.startswith("#"):
                continue
            if parts.scheme or parts.netloc or url.startswith("/"):
                problems.append(f"{relative_page}: {url} does not work from file://")
                continue
            target = PurePosixPath(relative_page).parent / unquote(parts.path)
            resolved = (site / target).resolve()
            if parts.path.endswith("/") or not resolved.is_file() or site.resolve() not in resolved.parents:
                problems.append(f"{relative_page}: {url} does not lead to a file of the site")
    return problems


@pytest.mark.parametrize("copy", ["folder", "zip"])
def test_every_relative_link_leads_to_a_file(request, copy):
    site = site_for(request, copy)
    assert len(list(site.rglob("*.html"))) > 10
    assert broken_references(site) == []


def test_the_link_check_finds_a_broken_link(tmp_path):
    (tmp_path / "index.html").write_text('<a href="topics/">t</a> <img src="missing.png"> <a href="/abs.html">a</a>'
                                         '<a href="https://example.org/">ok</a> <a href="#top">ok</a>')
    assert len(broken_references(tmp_path)) == 3


def test_no_page_loads_anything_from_another_host(built_site):
    loads = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.IGNORECASE)
    offenders = [page.relative_to(built_site).as_posix() for page in built_site.rglob("*.html")
                 if loads.search(page.read_text(encoding="utf-8"))]
    assert offenders == []


# --- every page type in Chromium --------------------------------------------------------


@pytest.mark.parametrize("copy", ["folder", "zip"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_loads_offline_with_no_error_and_no_request_elsewhere(request, browser, copy, page_type):
    site = site_for(request, copy)
    path = sitecheck.page_types(site)[page_type]
    context = browser.new_context()
    recorder = sitecheck.Recorder()
    recorder.watch(context)
    try:
        page = sitecheck.open_page(context, (site / path).as_uri())
        assert page.locator("h1").first.inner_text().strip()
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    finally:
        context.close()
    print(f"\n{copy} {page_type} ({path}): {len(recorder.requests)} requests, {dict(recorder.schemes())}")
    assert recorder.errors == []
    assert recorder.foreign() == []
    assert recorder.requests[0] == (site / path).as_uri()


def test_repository_link_makes_no_api_request(browser, tmp_path):
    """With repo_url set, Material's own partial fetches stars and forks from api.github.com; ours does not."""
    requests = {}
    for variant in ("ours", "material's"):
        project = copy_project(tmp_path / variant)
        if variant != "ours":
            (project / "hooks" / "overrides" / "partials" / "source.html").unlink()
        site = tmp_path / f"site-{variant}"
        result = mkdocs_build(project, site, repository="https://github.com/example/icp")
        assert result.returncode == 0, result.stderr
        context = browser.new_context()
        recorder = sitecheck.Recorder()
        recorder.watch(context)
        page = sitecheck.open_page(context, (site / "index.html").as_uri())
        assert page.locator(".md-header .md-source").get_attribute("href") == "https://github.com/example/icp"
        page.wait_for_timeout(500)
        context.close()
        requests[variant] = recorder.foreign()
    assert requests["ours"] == []
    assert any("api.github.com" in url for url in requests["material's"]), "the control no longer calls the API"


# --- the packaged copy -----------------------------------------------------------------


def test_zip_has_index_at_its_root_and_says_it_is_the_offline_copy(unpacked_zip, built_site):
    assert (unpacked_zip / "index.html").is_file()
    assert not (unpacked_zip / DOWNLOAD_DIR).exists(), "the zip would hold a copy of itself"
    assert OFFLINE_NOTE in (unpacked_zip / "index.html").read_text(encoding="utf-8")
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{DOWNLOAD_PATH}"' in home and OFFLINE_NOTE not in home
    published = built_site / DOWNLOAD_PATH
    with zipfile.ZipFile(published) as archive:
        names = set(archive.namelist())
    on_disk = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*")
               if path.is_file() and not path.relative_to(built_site).as_posix().startswith(DOWNLOAD_DIR + "/")}
    assert names == on_disk, "the published zip is not the whole site"


def test_package_script_refuses_a_folder_that_is_not_a_site(tmp_path):
    output = tmp_path / "out.zip"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "package_offline.py"),
                             "--site", str(tmp_path), "--output", str(output)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "has no index.html: build the site first" in result.stderr
    assert not output.exists()


def test_same_site_gives_the_same_zip_byte_for_byte(built_site, tmp_path):
    first = write_offline_zip(built_site, tmp_path / "first.zip")
    second = write_offline_zip(built_site, tmp_path / "second.zip")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == (built_site / DOWNLOAD_PATH).read_bytes()
