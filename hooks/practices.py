"""MkDocs hook: hands the knowledge base's pages to MkDocs and MkDocs' pages back to it.

The site is made by the core (``hooks/icp``, no MkDocs inside); :class:`icp.sitebuild.SiteBuild`
decides what is published. This module only translates between it and MkDocs' events and types,
and keeps what only MkDocs needs: Markdown kept off generated HTML (``icp.generator.lifting``), the table of
contents in MkDocs' form, the preview server's memory between rebuilds, and the swap of a finished
build into place.

A case that breaks a rule stops ``mkdocs build`` in ``on_config``, before MkDocs cleans or writes
anything; ``mkdocs build`` then writes into a fresh folder and swaps it in only when the whole build
succeeded (``icp.publish.staging``), so a refused build leaves the earlier site as it was. ``mkdocs serve``
instead builds without the broken cases and shows their problems on every page (``icp.generator.preview``).
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from icp import i18n, routes, timing
from icp.body.convert import Heading
from icp.check.validate import PracticeProblems
from icp.generator import preview
from icp.generator.incremental import ChangedFiles, CheckedFiles, outdate
from icp.generator.lifting import lift_html, restore_html
from icp.publish.staging import SiteSwap
from icp.render import csp
from icp.render.alternates import Alternates
from icp.render.chrome import Chrome
from icp.render.minify import ScriptError, minify
from icp.render.styles import Stylesheets
from icp.sitebuild import Settings, SettingsError, SiteBuild

log = logging.getLogger("mkdocs.hooks.practices")
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_MATERIAL_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


@dataclass
class HookState:
    """All the hook keeps, in one place. MkDocs loads a hook once per process, so ``mkdocs serve``
    keeps this between rebuilds: the first five fields for the process, the rest for one build."""

    command: str = ""
    checked: CheckedFiles | None = None  # serve: the case files already checked, by their bytes
    dirty_serve: bool = False
    sources: ChangedFiles | None = None  # serve --dirty: generated sources rewritten only when changed
    built_banner: str = ""  # the problems shown by the last finished build: when they change, every page is redone
    build: SiteBuild | None = None
    swap: SiteSwap | None = None
    lifted: dict[str, list[str]] = field(default_factory=dict)
    tocs: dict[str, tuple[Heading, ...]] = field(default_factory=dict)
    metas: dict[str, dict] = field(default_factory=dict)
    navs: dict[str, Navigation] = field(default_factory=dict)  # each language's menu but English's (MkDocs' own)
    alternates: Alternates | None = None  # which page exists in which language
    styles: Stylesheets | None = None  # the stylesheets: each page's first screen's, and the shared file
    chrome: Chrome = field(default_factory=Chrome)  # the theme's parts made once per language and folder

    def start_files(self) -> None:
        self.lifted.clear()
        self.tocs.clear()
        self.metas.clear()


_state = HookState()


def on_startup(*, command: str, dirty: bool) -> None:
    _state.command = command
    if command == "serve":
        _state.checked = CheckedFiles()
        _state.dirty_serve = dirty


def on_shutdown() -> None:
    if _state.sources is not None:
        shutil.rmtree(_state.sources.folder, ignore_errors=True)


@timing.timed("hook")
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    timing.reset()
    settings = Settings(
        name=config.site_name, url=config.site_url or "", offline_zip=bool(config.extra.get("offline_zip")),
        feed_id_authority=str(config.extra.get("feed_id_authority", Settings.feed_id_authority)),
        feed_id_date=str(config.extra.get("feed_id_date", Settings.feed_id_date)),
        repository_url=config.repo_url or "", contact_email=str(config.extra.get("contact_email") or ""),
        source_folders=tuple(Path(folder) for folder in (config.docs_dir, config.theme.custom_dir) if folder))
    try:
        _state.build = SiteBuild.start(Path(config.config_file_path).resolve().parent, settings,
                                       keep_going=preview.keeps_going(_state.command), checked=_state.checked,
                                       previous=_state.build)
    except (SettingsError, PracticeProblems, *preview.RULES_BROKEN) as error:
        raise PluginError(str(error)) from None
    if _state.build.problems:
        # Not a warning: `mkdocs serve` with mkdocs.yml's strict mode would abort on one, and hang.
        log.info("Previewing without what has a problem (a build refuses it):\n  %s", "\n  ".join(_state.build.problems))
    for notice in _state.build.image_notices():
        log.info("%s", notice)
    config.copyright = _state.build.footer()
    config.extra["routes"] = routes.for_templates()
    if _state.dirty_serve and _state.sources is None:
        _state.sources = ChangedFiles(Path(f"{config.site_dir}-sources"))
    if _state.command == "build":
        _state.swap = SiteSwap(Path(config.site_dir), strict=bool(config.strict), logger="mkdocs")
        config.site_dir = str(_state.swap.staging)
    return config


@timing.timed("hook")
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Adds the site's pages, data files and images; edit links only with a repository."""
    assert _state.build is not None
    _state.start_files()
    if _state.sources is not None:
        _state.sources.start_round()
    in_menu = set(_nav_paths(config.nav))
    for file in files.documentation_pages():
        if _state.build.language_of(file.src_uri).code != i18n.DEFAULT:
            file.inclusion = InclusionLevel.NOT_IN_NAV  # a hand-written page in another language: its menu is made in on_nav
    for src_uri, made in _state.build.pages().items():
        inclusion = InclusionLevel.UNDEFINED if src_uri in in_menu else InclusionLevel.NOT_IN_NAV
        content, _state.lifted[src_uri] = lift_html(made.markdown)
        _state.tocs[src_uri] = made.toc
        if made.meta is not None:
            _state.metas[src_uri] = made.meta
        _replace(files, _generated(config, src_uri, content, inclusion, extra=_state.lifted[src_uri]))
    docs = Path(config.docs_dir).resolve().relative_to(_state.build.project.root).as_posix()
    for file in files.documentation_pages():
        file.edit_uri = _state.build.edit_path(file.src_uri, handwritten=file.generated_by is None,
                                         docs_dir=docs) if config.repo_url else None
    for path, content in _state.build.data_files().items():
        _replace(files, _generated(config, path, content))
    for uri, data in _state.build.images().items():
        _replace(files, File.generated(config, uri, content=data))
    if _state.sources is not None:
        _follow_edits(files, config)
    _state.alternates = _state.build.alternates(file.dest_uri for file in files.documentation_pages())
    _minify_own_scripts(files, config)
    _state.styles = _stylesheets(files, config)
    return files


def _minify_own_scripts(files: Files, config: MkDocsConfig) -> None:
    """The scripts in docs/assets/ (the site's own and those it vendors) published without comments and
    indentation; one already minified (*.min.js) as it is."""
    own = Path(config.docs_dir).resolve() / "assets"
    for file in list(files):
        if (file.src_uri.endswith(".js") and not file.src_uri.endswith(".min.js") and file.abs_src_path
                and Path(file.abs_src_path).resolve().is_relative_to(own)):
            try:
                text = minify(file.content_string, f"{config.docs_dir}/{file.src_uri}")
            except ScriptError as error:
                raise PluginError(str(error)) from None
            _replace(files, _generated(config, file.src_uri, text))


def _stylesheets(files: Files, config: MkDocsConfig) -> Stylesheets:
    """The stylesheets every page links, in its order (Material's main and palette, then extra_css), the
    scripts the pages may run (Material's own search, which the site does not use, left out), and their
    shared file, published with the site: whole here, purged of what no page uses once all are written
    (on_post_build; not under `serve --dirty`, which writes only some)."""
    theme = [file for name in ("main", "palette") for file in files
             if file.src_uri.startswith(f"assets/stylesheets/{name}.") and file.src_uri.endswith(".min.css")]
    extra = [files.get_file_from_path(str(path)) for path in config.extra_css]
    scripts = [file.content_string for file in files
               if file.src_uri.endswith(".js") and not file.src_uri.startswith(_MATERIAL_SEARCH)]
    styles = Stylesheets({file.src_uri: file.content_string for file in theme + extra if file is not None}, scripts)
    _replace(files, _generated(config, styles.shared_path, styles.shared_css))
    return styles


@timing.timed("hook")
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _check_front_matter_read(page)
    if _state.build is None or not _state.build.is_home(page.file.src_uri):
        return markdown
    content, _state.lifted[page.file.src_uri] = lift_html(_state.build.fill_home(markdown, page.file.src_uri))
    return content


def _check_front_matter_read(page: Page) -> None:
    """A generated page's front matter must reach ``page.meta`` as written: MkDocs keeps a front
    matter it cannot read in the page's Markdown, where a case's title would be read as Markdown."""
    expected = _state.metas.get(page.file.src_uri)
    if expected is None:
        return
    meta = page.meta or {}
    wrong = [key for key, value in expected.items() if meta.get(key) != value]
    if wrong:
        raise PluginError(f"{page.file.src_uri}: MkDocs did not read the generated page's front matter "
                          f"({', '.join(wrong)}); this is a bug of the hook (icp.generator.pagefile.front_matter), not of a case")


@timing.timed("hook")
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Generated HTML skipped Python-Markdown (see icp.generator.lifting): put it back, with the page's contents."""
    src_uri = page.file.src_uri
    if _state.tocs.get(src_uri):
        page.toc = get_toc(_toc_tokens(_state.tocs[src_uri]))
    blocks = _state.lifted.get(src_uri)
    html = restore_html(html, blocks) if blocks else html
    if _state.build is not None:
        search = (page.meta or {}).get("search")
        excluded = isinstance(search, dict) and search.get("exclude")  # Material's convention
        _state.build.page_rendered(src_uri, url=page.url, title=page.title or "", html=html,
                                   searchable=not _state.build.is_home(src_uri) and not excluded)
    return html


def on_nav(nav, *, config: MkDocsConfig, files: Files):
    """Every page is dated by the build (the sitemap's lastmod and its gzip header), not by the clock,
    so that one commit builds the same files; each language but English gets its menu (its pages
    that mkdocs.yml's nav names), handed to its pages in on_page_context."""
    if _state.build is not None:
        built = _state.build.publication.built.isoformat()
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.update_date = built
        _state.navs.clear()
        _state.chrome.clear()
        for language in _state.build.languages[1:]:
            _state.navs[language.code] = _language_nav(language.prefix, config, files)
    return nav


def _language_nav(prefix: str, config: MkDocsConfig, files: Files) -> Navigation:
    """A language's menu: the pages mkdocs.yml's nav names, in that language's folder (each titled by
    its own page), without those the language lacks."""
    pages = []
    for path in _nav_paths(config.nav):
        file = files.get_file_from_path(prefix + path)
        if file is not None and file.page is not None:
            pages.append(file.page)
    menu = Navigation(list(pages), pages)
    menu.homepage = next((page for page in pages if page.file.src_uri == prefix + "index.md"), None)
    return menu


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """The feeds' autodiscovery links for the page's head (``overrides/main.html``), and the page's
    language: Material's words (``overrides/partials/language.html``), the menu, the overrides' own
    words, the footer, the alternates and the language switcher; and the theme's parts that are made
    once per language and folder (``icp_once``)."""
    build = _state.build
    if build is not None:
        context["icp_feed_links"] = build.feed_links(page.file.dest_uri)
        language = build.language_of(page.file.src_uri)
        context["icp_language"] = language.code
        context["_"] = language.translations.gettext
        context["icp_footer"] = build.footer(language)
        if language.code in _state.navs:
            context["nav"] = _state.navs[language.code]
        context["icp_once"] = _state.chrome.once_for(language.code, page.url, in_menu=page in context["nav"].pages)
        if _state.alternates is not None:
            context["icp_alternates"] = _state.alternates.head_links(page.file.dest_uri)
            context["icp_languages"] = _state.alternates.switcher(page.file.dest_uri)
    return context


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    """The 404 page is served at any depth: its feed link starts from the site's root, as its other links do."""
    if template_name == "404.html" and _state.build is not None:
        context["icp_feed_links"] = _state.build.feed_links_from(urlsplit(config.site_url or "").path.rstrip("/") + "/")
    context.setdefault("_", i18n.current().translations.gettext)  # the overrides' words (English outside a page)
    alternates = _state.alternates
    if template_name == "sitemap.xml" and alternates is not None:
        context["icp_versions"] = lambda dest_uri: alternates.versions(dest_uri, absolute=True)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _finished(output, page.file.dest_uri, config)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page too: a preview serves it for a case left out."""
    return _finished(output_content, template_name, config) if template_name.endswith(".html") else output_content


def _finished(html: str, dest_uri: str, config: MkDocsConfig) -> str:
    """A page as it is written: the preview's banner in its language, valid HTML where Material's templates
    are not (``autocomplete`` is not allowed on its checkbox toggles), its stylesheets delivered
    (icp.render.styles), then the page's security policy."""
    if _state.build is not None:
        html = preview.with_banner(html, _state.build.banner_for(dest_uri))
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    if _state.styles is not None:
        root = urlsplit(config.site_url or "").path.rstrip("/") + "/"
        html = _state.styles.deliver(html, dest_uri, root)
    return csp.with_policy(html)


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Last of all: the shared stylesheet for the pages written, what the core adds to the finished site
    (the offline zip among it), then (`mkdocs build`) the swap into place."""
    if _state.styles is not None and not _state.dirty_serve:
        Path(config.site_dir, _state.styles.shared_path).write_text(_state.styles.shared_css_for_pages(), encoding="utf-8")
    if _state.build is not None:
        _state.build.finish(Path(config.site_dir))
        _state.built_banner = _state.build.banner
    timing.write_if_asked()
    if _state.swap is not None:
        _state.swap.finish()


def on_build_error(*, error: Exception) -> None:
    if _state.swap is not None:
        _state.swap.abandon()


def _nav_paths(nav) -> list[str]:
    """The page paths ``mkdocs.yml``'s nav names (its menu); every other generated page is kept out of it."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in _nav_paths(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in _nav_paths(item)]
    return []


def _toc_tokens(headings: tuple[Heading, ...]) -> list[dict]:
    """Flat headings as MkDocs' table-of-contents tokens (level 3 under the level 2 before it); MkDocs
    prints their names as HTML, so the text is escaped here (and marked with its language where it is
    not the page's)."""
    top: list[dict] = []
    for heading in headings:
        name = escape(heading.text)
        if heading.lang:
            name = f'<span lang="{escape(heading.lang)}">{name}</span>'
        token = {"level": heading.level, "id": heading.id, "name": name, "children": []}
        if heading.level > 2 and top:
            top[-1]["children"].append(token)
        else:
            top.append(token)
    return top


def _generated(config: MkDocsConfig, src_uri: str, content: str,
               inclusion: InclusionLevel = InclusionLevel.UNDEFINED, *, extra: list[str] = ()) -> File:
    """In memory for a build; under `mkdocs serve --dirty`, a file rewritten only when its text changed,
    so MkDocs' modification-time check rebuilds only the pages an edit changed."""
    if _state.sources is None:
        return File.generated(config, src_uri, content=content, inclusion=inclusion)
    path = _state.sources.path_for(src_uri, content, extra=extra)
    return File.generated(config, src_uri, abs_src_path=str(path), inclusion=inclusion)


def _follow_edits(files: Files, config: MkDocsConfig) -> None:
    """Under `serve --dirty`: the home page counts as changed when its filled text does, a page whose
    case was left out is removed, and every page is redone when the preview's banner changed."""
    home_file = files.get_file_from_path("index.md")
    if home_file is not None and home_file.generated_by is None:
        filled = _generated(config, home_file.src_uri, _state.build.fill_home(home_file.content_string))
        filled.edit_uri = home_file.edit_uri
        _replace(files, filled)
    for src_uri in _state.sources.forget_unasked():
        Path(File(src_uri, None, config.site_dir, config.use_directory_urls).abs_dest_path).unlink(missing_ok=True)
    if _state.build.banner != _state.built_banner:
        outdate(Path(file.abs_dest_path) for file in files.documentation_pages())
    log.debug("Generated files changed: %s", " ".join(_state.sources.written) or "none")


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
