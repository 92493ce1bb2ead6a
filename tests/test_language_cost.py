"""What the site's languages share, so that three languages cost less than three sites (issue 19,
docs/benchmarks.md "Three languages"): a case page's text, sources, BibTeX and JSON-LD are made once
per build (icp.render.pages.CaseParts) and every language's page shows them; the search index's case
documents are made once (icp.search.shards.CaseDocuments); each language's finder loads its own
data and index only, read from file:// in Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project
from icp.render import pages
from icp.search import shards
from icp.sitebuild import Settings, SiteBuild
from test_finder import open_filter

SLUG = "copenhagen-engage-in-copenhagen"
CASE_TEXT = re.compile(r'<div class="icp-case-text"[^>]*>(.*?)</div>\n', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("languages") / "project")


def started(root: Path, previous: SiteBuild | None = None) -> SiteBuild:
    return SiteBuild.start(root, Settings(name="Intercultural City Practices"), keep_going=False, previous=previous)


def case_text(made: dict, prefix: str, slug: str = SLUG) -> str:
    return CASE_TEXT.search(made[f"{prefix}practices/{slug}.md"].markdown).group(1)


def test_every_languages_case_page_is_made_from_one_rendering_of_the_case(project, monkeypatch):
    calls = {"json_ld": 0, "bibtex": 0}
    json_ld, bibtex = pages.json_ld_script, pages.bibtex

    def counted(name, function):
        def call(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return call

    monkeypatch.setattr(pages, "json_ld_script", counted("json_ld", json_ld))
    monkeypatch.setattr(pages, "bibtex", counted("bibtex", bibtex))
    build = started(project)
    made = build.pages()
    assert [language.code for language in build.languages] == ["en", "da", "fr"]
    cases = len(build.index.practices)
    assert calls == {"json_ld": cases, "bibtex": cases}, "made again for each language"
    english, french, danish = (case_text(made, prefix) for prefix in ("", "fr/", "da/"))
    assert len(_TAG.sub("", english)) > 500
    # The same text; only the addresses of links to pages French has are its own.
    assert _TAG.sub("", french) == _TAG.sub("", english) == _TAG.sub("", danish)
    for prefix in ("fr/", "da/"):
        page = made[f"{prefix}practices/{SLUG}.md"].markdown
        assert '<script type="application/ld+json">' in page and "@online{icp:" + SLUG in page
        assert page.split('<script type="application/ld+json">')[1] == \
            made[f"practices/{SLUG}.md"].markdown.split('<script type="application/ld+json">')[1]


def test_a_change_to_a_case_reaches_every_language_in_the_next_build(project):
    """As ``mkdocs serve`` rebuilds in one process: nothing of the last build's case text is kept."""
    first = started(project)
    before = first.pages()
    case = project / "practices" / f"{SLUG}.md"
    original = case.read_text(encoding="utf-8")
    sentence = "Every mediator also keeps a public logbook of the languages asked for."
    case.write_text(original.replace("\n## ", f"\n{sentence}\n\n## ", 1), encoding="utf-8")
    try:
        after = started(project, previous=first).pages()
    finally:
        case.write_text(original, encoding="utf-8")
    for prefix in ("", "fr/", "da/"):
        assert sentence not in case_text(before, prefix)
        assert sentence in case_text(after, prefix), prefix


def test_the_search_indexs_case_documents_are_made_once_for_every_language(project, monkeypatch):
    build = started(project)
    made = []
    monkeypatch.setattr(shards, "CaseDocuments", lambda index, made=made, real=shards.CaseDocuments: (
        made.append(index) or real(index)))
    site = project.parent / "index-only"
    for language in build.languages:
        (site / language.prefix / "practices").mkdir(parents=True)
    build.finish(site)
    assert len(made) == 1
    for language in build.languages:
        assert (site / language.prefix / "practices" / "search-index.js").is_file()
    shutil.rmtree(site)


@pytest.mark.parametrize("prefix", ["", "fr/", "da/"])
def test_each_languages_finder_loads_only_its_own_data_and_index(page, built_site, prefix):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((built_site / prefix / "practices" / "index.html").as_uri() + "#q=housing")
    page.wait_for_selector("html[data-icp-finder-ready]")
    page.wait_for_function("() => !document.documentElement.hasAttribute('data-icp-search-partial')"
                           " && document.getElementById('icp-result-count').textContent.includes('housing')")
    own = (built_site / prefix / "practices").as_uri() + "/"
    loaded = [url for url in requested if re.search(r"/(finder-data|search-index[-\d\w]*)\.js$", url)]
    assert any(url.endswith("/search-index.js") for url in loaded) and any("finder-data" in url for url in loaded)
    assert all(url.startswith(own) and "/" not in url[len(own):] for url in loaded), loaded
    assert page.errors == []
