"""MkDocs hook: wires the knowledge-base core (``hooks/icp``) to MkDocs' build events.

All the work happens in the core, which does not import MkDocs; this module only hands its output
to MkDocs. A case that breaks a rule stops ``mkdocs build`` in ``on_config``, before MkDocs cleans or
writes anything. ``mkdocs build`` writes into a fresh folder next to the site and swaps it in only
when the whole build succeeded, so a refused build leaves the earlier site as it was, byte for byte.
``mkdocs serve`` instead builds without the broken cases and shows their problems on every page
(``icp.preview``): a preview that raised here would stop rebuilding until the file was fixed.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from icp import feeds, finder, footer, home, package, preview, searchindex, timing
from icp.body import Heading, plain_text
from icp.incremental import ChangedFiles, CheckedFiles, outdate
from icp.index import PracticeIndex, TermEntry
from icp.lifting import lift_html, restore_html
from icp.pages import topic_pages
from icp.site import (CONTRIBUTE_PAGE, Project, Publication, contribute_page, edit_path, generated_data,
                      generated_pages, published_images)
from icp.staging import SiteSwap
from icp.validate import PracticeProblems

log = logging.getLogger("mkdocs.hooks.practices")
_index: PracticeIndex | None = None
_project: Project | None = None
_publication: Publication | None = None
_schema: dict | None = None
_topic_pages: dict[str, TermEntry] = {}
_lifted: dict[str, list[str]] = {}
_tocs: dict[str, tuple[Heading, ...]] = {}
_page_documents: dict[str, dict] = {}
_offline_zip = False
_command = ""
_swap: SiteSwap | None = None
# Kept between rebuilds of one `mkdocs serve` (MkDocs loads this module once per process).
_checked: CheckedFiles | None = None
_dirty_serve = False
_sources: ChangedFiles | None = None
_banner = ""  # the problems of this build, shown on every page (only ever set under `mkdocs serve`)
_built_banner = ""  # ... and those of the last finished build: when they differ, every page is redone


def on_startup(*, command: str, dirty: bool) -> None:
    global _checked, _dirty_serve, _command
    _command = command
    if command == "serve":
        _checked = CheckedFiles()
        _dirty_serve = dirty


def on_shutdown() -> None:
    if _sources is not None:
        shutil.rmtree(_sources.folder, ignore_errors=True)


@timing.timed("hook")
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _index, _project, _publication, _offline_zip, _sources, _swap, _banner, _schema
    timing.reset()
    _offline_zip = bool(config.extra.get("offline_zip"))
    _project = Project(Path(config.config_file_path).resolve().parent)
    try:
        _publication = _project.publication(
            config.site_name, config.site_url or "",
            tag_authority=str(config.extra.get("feed_id_authority", feeds.DEFAULT_TAG_AUTHORITY)),
            tag_date=str(config.extra.get("feed_id_date", feeds.DEFAULT_TAG_DATE)))
    except ValueError as error:
        raise PluginError(f"mkdocs.yml extra: {error}") from None
    config.copyright = footer.footer_html(config.site_name, _publication.built)
    if _dirty_serve and _sources is None:
        _sources = ChangedFiles(Path(f"{config.site_dir}-sources"))
    try:
        loaded = preview.load_site(_project, keep_going=preview.keeps_going(_command), checked=_checked)
    except (PracticeProblems, *preview.RULES_BROKEN) as error:
        raise PluginError(str(error)) from None
    _index, _banner, _schema = loaded.index, loaded.banner, loaded.schema
    if loaded.problems:
        # Not a warning: `mkdocs serve` with mkdocs.yml's strict mode would abort on one, and hang.
        log.info("Previewing without what has a problem (a build refuses it):\n  %s", "\n  ".join(loaded.problems))
    if _command == "build":
        _swap = SiteSwap(Path(config.site_dir), strict=bool(config.strict))
        config.site_dir = str(_swap.staging)
    return config


@timing.timed("hook")
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Adds the generated pages and data files; edit links only with a repository, and only where
    one file makes the page."""
    global _topic_pages
    assert _index is not None and _project is not None and _publication is not None
    _lifted.clear()
    _tocs.clear()
    if _sources is not None:
        _sources.start_round()
    with timing.step("render"):
        pages = generated_pages(_index, _publication, _schema)
        data = generated_data(_index, _publication)
        _topic_pages = topic_pages(_index)
    for src_uri, generated in pages.items():
        listed = src_uri.endswith("/index.md")
        inclusion = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
        content, _lifted[src_uri] = lift_html(generated.markdown)
        _tocs[src_uri] = generated.toc
        _replace(files, _generated(config, src_uri, content, inclusion, extra=_lifted[src_uri]))
    _replace(files, _generated(config, CONTRIBUTE_PAGE, contribute_page(_project)))
    docs = Path(config.docs_dir).resolve().relative_to(_project.root).as_posix()
    for file in files.documentation_pages():
        file.edit_uri = edit_path(file.src_uri, handwritten=file.generated_by is None,
                                  docs_dir=docs) if config.repo_url else None
    for path, content in data.items():
        _replace(files, _generated(config, path, content))
    for uri, path in published_images(_project).items():
        _replace(files, File.generated(config, uri, abs_src_path=str(path)))
    if _sources is not None:
        _fill_home_ahead(files, config)
        for src_uri in _sources.forget_unasked():
            Path(File(src_uri, None, config.site_dir, config.use_directory_urls).abs_dest_path).unlink(missing_ok=True)
        if _banner != _built_banner:
            outdate(Path(file.abs_dest_path) for file in files.documentation_pages())
        log.debug("Generated files changed: %s", " ".join(_sources.written) or "none")
    return files


@timing.timed("hook")
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.is_homepage or _index is None:
        return markdown
    content, _lifted[page.file.src_uri] = lift_html(home.fill_home(markdown, _index, offline_zip=_offline_zip))
    return content


@timing.timed("hook")
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Generated HTML skips Python-Markdown (see icp.lifting): put it back, with the page's contents."""
    src_uri = page.file.src_uri
    if _tocs.get(src_uri):
        page.toc = get_toc([_toc_token(heading) for heading in _nested(_tocs[src_uri])])
    blocks = _lifted.get(src_uri)
    html = restore_html(html, blocks) if blocks else html
    if _searchable(page):
        _page_documents[src_uri] = searchindex.page_document(page.url, page.title or "", plain_text(html))
    return html


def _searchable(page: Page) -> bool:
    """Hand-written pages are found by the finder's search too, unless they opt out as Material's
    convention has it (``search: exclude: true``); the home page only leads to the others."""
    search = (page.meta or {}).get("search")
    return not page.is_homepage and not (isinstance(search, dict) and search.get("exclude"))


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return preview.with_banner(output, _banner)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page too: a preview serves it for a case left out."""
    return preview.with_banner(output_content, _banner) if template_name.endswith(".html") else output_content


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """The feeds' autodiscovery links for the page's head (``overrides/main.html``), relative to the page."""
    if _publication is not None:
        url = page.file.dest_uri
        links = feeds.feed_links(url, _publication.feed, _topic_pages.get(url))
        context["icp_feed_links"] = Markup(feeds.feed_links_html(links))
    return context


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    """The 404 page is served at any depth: its feed link starts from the site's root, as its other links do."""
    if template_name == "404.html" and _publication is not None:
        root = urlsplit(config.site_url or "").path.rstrip("/") + "/"
        links = [feeds.FeedLink(root + link.href, link.title) for link in feeds.feed_links("", _publication.feed)]
        context["icp_feed_links"] = Markup(feeds.feed_links_html(links))
    return context


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Last of all: the finder's search index (it holds the hand-written pages, now rendered), the
    offline zip of the finished site, then (`mkdocs build`) the swap into place."""
    global _built_banner
    site_dir = Path(config.site_dir)
    if _index is not None:
        with timing.step("hook"), timing.step("search index"):
            script = searchindex.search_index_script(_index, [_page_documents[key] for key in sorted(_page_documents)])
            (site_dir / finder.INDEX_SCRIPT).write_text(script, encoding="utf-8")
    if _offline_zip:
        with timing.step("hook"), timing.step("offline zip"):
            package.write_offline_zip(site_dir, site_dir / package.DOWNLOAD_PATH)
    timing.write_if_asked()
    _built_banner = _banner
    if _swap is not None:
        _swap.finish()


def on_build_error(*, error: Exception) -> None:
    if _swap is not None:
        _swap.abandon()


def _nested(headings: tuple[Heading, ...]) -> list[dict]:
    """Flat headings as MkDocs' table-of-contents tokens: level 3 under the level 2 before it."""
    top: list[dict] = []
    for heading in headings:
        token = {"level": heading.level, "id": heading.id, "name": heading.text, "children": []}
        if heading.level > 2 and top:
            top[-1]["children"].append(token)
        else:
            top.append(token)
    return top


def _toc_token(token: dict) -> dict:
    """MkDocs prints toc names as HTML: the heading's text is escaped here."""
    from html import escape

    return {**token, "name": escape(token["name"]), "children": [_toc_token(child) for child in token["children"]]}


def _generated(config: MkDocsConfig, src_uri: str, content: str,
               inclusion: InclusionLevel = InclusionLevel.UNDEFINED, *, extra: list[str] = ()) -> File:
    """In memory for a build; under `mkdocs serve --dirty`, a file rewritten only when its text changed,
    so MkDocs' modification-time check rebuilds only the pages an edit changed."""
    if _sources is None:
        return File.generated(config, src_uri, content=content, inclusion=inclusion)
    path = _sources.path_for(src_uri, content, extra=extra)
    return File.generated(config, src_uri, abs_src_path=str(path), inclusion=inclusion)


def _fill_home_ahead(files: Files, config: MkDocsConfig) -> None:
    """The home page's latest cases change with the cases, not with docs/index.md: under --dirty it
    must count as modified when its filled text changes."""
    home_file = files.get_file_from_path("index.md")
    if home_file is None or home_file.generated_by is not None:
        return
    text = home.fill_home(home_file.content_string, _index, offline_zip=_offline_zip)
    filled = _generated(config, home_file.src_uri, text)
    filled.edit_uri = home_file.edit_uri
    _replace(files, filled)


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
