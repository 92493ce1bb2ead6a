"""MkDocs hook: wires the knowledge-base core (``hooks/icp``) to MkDocs' build events.

All the work happens in the core, which does not import MkDocs; this module only hands its
output to MkDocs. A case that breaks a rule stops the build in ``on_config``, before MkDocs
cleans or writes anything in ``site/``.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from icp import package, render, search, timing
from icp.incremental import ChangedFiles, CheckedFiles, search_entries_on
from icp.index import PracticeIndex
from icp.site import Project, generated_data, generated_pages
from icp.validate import PracticeProblems
from icp.vocabulary import VocabularyError

log = logging.getLogger("mkdocs.hooks.practices")
_index: PracticeIndex | None = None
_project: Project | None = None
_lifted: dict[str, list[str]] = {}
_offline_zip = False
# Kept between rebuilds of one `mkdocs serve` (MkDocs loads this module once per process).
_checked: CheckedFiles | None = None
_dirty_serve = False
_sources: ChangedFiles | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    global _checked, _dirty_serve
    if command == "serve":
        _checked = CheckedFiles()
        _dirty_serve = dirty


def on_shutdown() -> None:
    if _sources is not None:
        shutil.rmtree(_sources.folder, ignore_errors=True)


@timing.timed("hook")
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _index, _project, _offline_zip, _sources
    timing.reset()
    _offline_zip = bool(config.extra.get("offline_zip"))
    _project = Project(Path(config.config_file_path).resolve().parent)
    if _dirty_serve and _sources is None:
        _sources = ChangedFiles(Path(f"{config.site_dir}-sources"))
    try:
        _index = _project.load_index(_checked)
    except (PracticeProblems, VocabularyError) as error:
        raise PluginError(str(error)) from None
    return config


@timing.timed("hook")
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Adds the generated pages; edit links point at the repository's files (edit_uri is its root)."""
    assert _index is not None and _project is not None
    _lifted.clear()
    if _sources is not None:
        _sources.start_round()
    with timing.step("render"):
        pages = generated_pages(_index)
        data = generated_data(_index)
    for src_uri, content in pages.items():
        listed = src_uri.endswith("/index.md")
        inclusion = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
        content, _lifted[src_uri] = render.lift_html(content)
        file = _generated(config, src_uri, content, inclusion, extra=_lifted[src_uri])
        if src_uri.startswith("practices/") and not listed:
            file.edit_uri = src_uri
        _replace(files, file)
    docs = Path(config.docs_dir).resolve().relative_to(_project.root).as_posix()
    for file in files.documentation_pages():
        if file.generated_by is None:
            file.edit_uri = f"{docs}/{file.src_uri}"
    for path, content in data.items():
        _replace(files, _generated(config, path, content))
    if _sources is not None:
        _fill_home_ahead(files, config)
        log.debug("Generated files changed: %s", " ".join(_sources.written) or "none")
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Under --dirty, Material's search keeps the previous index but replaces the entries of only one
    rebuilt page: keep only the entries of pages that exist and will not be rebuilt."""
    previous = getattr(config.plugins.get("material/search"), "search_index_prev", None)
    if _sources is None or previous is None:
        return env
    unchanged = {file.url for file in files.documentation_pages() if not file.is_modified()}
    previous.entries = search_entries_on(previous.entries, unchanged)
    return env


@timing.timed("hook")
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.is_homepage or _index is None:
        return markdown
    return render.fill_home(markdown, _index, offline_zip=_offline_zip)


@timing.timed("hook")
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Generated HTML skips Python-Markdown (see render.html_block): put it back in the page."""
    blocks = _lifted.get(page.file.src_uri)
    return render.restore_html(html, blocks) if blocks else html


@timing.timed("hook")
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Blocks kept from the search index (related cards) go into the finished page."""
    blocks = _lifted.get(page.file.src_uri)
    return render.restore_html(output, blocks, late=True) if blocks else output


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """After the search (0) and offline (-100) plugins wrote the index: add the cases, then the zip."""
    site_dir = Path(config.site_dir)
    if _index is not None:
        with timing.step("hook"), timing.step("search"):
            search.add_to_search_index(site_dir, _index.practices)
    if _offline_zip:
        with timing.step("hook"), timing.step("offline zip"):
            package.write_offline_zip(site_dir, site_dir / package.DOWNLOAD_PATH)
    timing.write_if_asked()


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
    home = files.get_file_from_path("index.md")
    if home is None or home.generated_by is not None:
        return
    text = render.fill_home(home.content_string, _index, offline_zip=_offline_zip)
    filled = _generated(config, home.src_uri, text)
    filled.edit_uri = home.edit_uri
    _replace(files, filled)


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
