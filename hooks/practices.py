"""MkDocs hook: wires the knowledge-base core (``hooks/icp``) to MkDocs' build events.

All the work happens in the core, which does not import MkDocs; this module only hands its
output to MkDocs. A case that breaks a rule stops the build in ``on_config``, before MkDocs
cleans or writes anything in ``site/``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from icp import package, render, search, timing
from icp.index import PracticeIndex
from icp.site import Project, generated_data, generated_pages
from icp.validate import PracticeProblems
from icp.vocabulary import VocabularyError

log = logging.getLogger("mkdocs.hooks.practices")
_index: PracticeIndex | None = None
_project: Project | None = None
_lifted: dict[str, list[str]] = {}
_offline_zip = False


@timing.timed("hook")
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _index, _project, _offline_zip
    timing.reset()
    _offline_zip = bool(config.extra.get("offline_zip"))
    _project = Project(Path(config.config_file_path).resolve().parent)
    try:
        _index = _project.load_index()
    except (PracticeProblems, VocabularyError) as error:
        raise PluginError(str(error)) from None
    return config


@timing.timed("hook")
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Adds the generated pages; edit links point at the repository's files (edit_uri is its root)."""
    assert _index is not None and _project is not None
    _lifted.clear()
    with timing.step("render"):
        pages = generated_pages(_index)
        data = generated_data(_index)
    for src_uri, content in pages.items():
        listed = src_uri.endswith("/index.md")
        inclusion = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
        content, _lifted[src_uri] = render.lift_html(content)
        file = File.generated(config, src_uri, content=content, inclusion=inclusion)
        if src_uri.startswith("practices/") and not listed:
            file.edit_uri = src_uri
        _replace(files, file)
    docs = Path(config.docs_dir).resolve().relative_to(_project.root).as_posix()
    for file in files.documentation_pages():
        if file.generated_by is None:
            file.edit_uri = f"{docs}/{file.src_uri}"
    for path, content in data.items():
        _replace(files, File.generated(config, path, content=content))
    return files


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


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
