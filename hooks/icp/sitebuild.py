"""One build of the site, as any static-site generator would drive it.

A generator (today MkDocs, through ``hooks/practices.py``) starts a :class:`SiteBuild`, asks it for
the pages, data files and images to publish, hands it each rendered page it wants searchable, and
calls :meth:`SiteBuild.finish` on the finished folder. Everything the site decides (which cases
are published, what a preview shows, which page has an edit link, what each page's head announces)
is decided here, without the generator's types; the hook only translates.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from markupsafe import Markup, escape

from icp import i18n, routes, timing
from icp.body.allowlist import sanitise
from icp.body.convert import plain_text
from icp.check.images import prepared_images
from icp.check.validate import image_notices
from icp.generator import preview
from icp.generator.incremental import CheckedFiles
from icp.generator.pagefile import front_matter, front_matter_fields
from icp.index import TermEntry
from icp.publish import datapackage, feeds, opendata, package, records
from icp.read.casefile import CaseFileError, read_project_file
from icp.read.inventory import link_problems
from icp.render import codebook, finder, footer, home, proposal
from icp.render.alternates import Alternates
from icp.render.pages import CaseParts, GeneratedPage, generated_pages, topic_pages
from icp.search import minisearch, shards
from icp.site import CONTRIBUTING_FILE, PRACTICES_DIR, Project, Publication

CONTRIBUTE_PAGE = routes.CONTRIBUTE
CONTRIBUTE_TITLE = i18n.N_("Contribute")
FINDER_PAGE = routes.FINDER


class SettingsError(ValueError):
    """A setting of the site (the generator's configuration) or a file beside the cases is wrong;
    the message names it and the fix."""


@dataclass(frozen=True)
class Settings:
    """What the generator's configuration says about the site."""

    name: str
    url: str = ""
    offline_zip: bool = False
    feed_id_authority: str = feeds.DEFAULT_TAG_AUTHORITY
    feed_id_date: str = feeds.DEFAULT_TAG_DATE
    # The folders the generator publishes from besides the cases (docs/, theme overrides).
    source_folders: tuple[Path, ...] = ()
    # Where a proposed case goes: the repository's address (GitHub), else an e-mail address, else neither.
    repository_url: str = ""
    contact_email: str = ""

    @property
    def destination(self) -> proposal.Destination:
        return proposal.Destination(self.repository_url.rstrip("/"), self.contact_email, self.url)


@dataclass
class SiteBuild:
    """The cases to publish (and, in a preview, the problems of those left out) and what is made of them."""

    project: Project
    settings: Settings
    publication: Publication
    loaded: preview.LoadedSite
    contributing: GeneratedPage
    # Searchable hand-written pages, by source path; a preview's next build starts from the last one's.
    page_documents: dict[str, dict] = field(default_factory=dict)
    _feed_links: dict[tuple[str, str | None], Markup] = field(default_factory=dict, repr=False)
    _footers: dict[str, Markup] = field(default_factory=dict, repr=False)

    @classmethod
    def start(cls, root: Path, settings: Settings, *, keep_going: bool, checked: CheckedFiles | None = None,
              previous: SiteBuild | None = None) -> SiteBuild:
        """Read, check and index the cases. Unless ``keep_going`` (a preview), any problem raises
        (PracticeProblems, VocabularyError, SchemaFileError) before anything is written."""
        project = Project(root)
        links = [problem for folder in settings.source_folders for problem in link_problems(root, folder)]
        if links:
            raise SettingsError("\n".join(links))
        try:
            publication = project.publication(settings.name, settings.url, tag_authority=settings.feed_id_authority,
                                              tag_date=settings.feed_id_date)
        except ValueError as error:
            raise SettingsError(f"mkdocs.yml extra: {error}") from None
        try:
            contributing = contribute_page(project)
        except CaseFileError as error:
            raise SettingsError(f"{CONTRIBUTING_FILE}: {error.message}") from None
        loaded = preview.load_site(project, keep_going=keep_going, checked=checked)
        documents = dict(previous.page_documents) if previous is not None else {}
        return cls(project, settings, publication, loaded, contributing, documents)

    @property
    def index(self):
        return self.loaded.index

    @property
    def problems(self) -> tuple[str, ...]:
        return self.loaded.problems

    @property
    def banner(self) -> Markup:
        """What a preview shows on every page: the problems of the cases left out (empty otherwise)."""
        return self.loaded.banner

    def banner_for(self, dest_uri: str) -> Markup:
        """The preview's banner for the page at ``dest_uri``, in its language."""
        return self.loaded.banner_in(self.language_of(dest_uri))

    @cached_property
    def languages(self) -> tuple[i18n.Language, ...]:
        """English, then every language with a catalogue in ``locale/`` (:mod:`icp.i18n`)."""
        return i18n.languages(self.project.root, self.index.vocabulary.names)

    def language_of(self, src_uri: str) -> i18n.Language:
        """The language of the page at ``src_uri`` (a source or a site path): by its first folder."""
        first = src_uri.split("/", 1)[0]
        return next((language for language in self.languages[1:] if language.code == first), self.languages[0])

    def footer(self, language: i18n.Language | None = None) -> Markup:
        """The footer of every page in ``language`` (English by default): made once per language."""
        language = language or self.languages[0]
        if language.code not in self._footers:
            with i18n.use(language):
                self._footers[language.code] = footer.footer_html(self.settings.name, self.publication.built)
        return self._footers[language.code]

    def pages(self) -> dict[str, GeneratedPage]:
        """Every page the site makes, by its source path: those made from the cases, the finder, the
        codebook (not in a preview whose schema file is broken) and Contribute (from CONTRIBUTING.md; in
        another language, from its translation in docs/<code>/contribute.md, hand-written, where it has one)."""
        index, publication, schema = self.index, self.publication, self.loaded.schema
        made: dict[str, GeneratedPage] = {}
        # A case page's text, sources, BibTeX and JSON-LD are the same in every language: made once.
        parts = CaseParts(site_name=publication.name, site_url=publication.url, built=publication.built)
        for language in self.languages:
            with timing.step("render"), i18n.use(language):
                pages = generated_pages(index, site_name=publication.name, site_url=publication.url,
                                        built=publication.built, interfaces=tuple(lang.code for lang in self.languages),
                                        parts=parts)
                pages[FINDER_PAGE] = finder.finder_page(index)
                if schema is not None:
                    pages[codebook.CODEBOOK_PAGE] = codebook.codebook_page(schema, index.vocabulary)
                    pages[proposal.PROPOSE_PAGE] = proposal.propose_page(index, schema, self.settings.destination)
                if language.code == i18n.DEFAULT:
                    pages[CONTRIBUTE_PAGE] = self.contributing
                elif CONTRIBUTE_PAGE not in language.handwritten:  # a language without its own translation
                    pages[CONTRIBUTE_PAGE] = translated_contribute(self.project)
            made.update({language.prefix + path: page for path, page in pages.items()})
        return made

    def alternates(self, dest_uris) -> Alternates:
        """Which page exists in which language, from every page the site writes (``dest_uris``)."""
        return Alternates(self.languages, set(dest_uris), self.publication.url)

    def data_files(self) -> dict[str, str]:
        """Open data, feeds and the finder's scripts, by their path in the site."""
        index, publication, schema = self.index, self.publication, self.loaded.schema
        with timing.step("render"):
            files = {
                routes.PRACTICES_JSON: opendata.practices_json(index),
                routes.PRACTICES_CSV: opendata.practices_csv(index),
                finder.RECORDS_SCRIPT: records.records_script(index),
            }
            for language in self.languages:
                with i18n.use(language):
                    files[language.prefix + finder.DATA_SCRIPT] = finder.finder_data_script(index)
                    files.update(feeds.feed_files(index, publication.feed, publication.built))
            if schema is not None:  # a preview whose schema file is broken has no table schema to describe
                files[datapackage.PATH] = datapackage.datapackage_json(schema, index.vocabulary)
                files.update(proposal.correction_scripts(index))
                for language in self.languages:
                    with i18n.use(language):
                        files[language.prefix + proposal.DATA_SCRIPT] = proposal.propose_data_script(
                            index, schema, self.settings.destination, publication.built.year)
            return files

    def images(self) -> dict[str, bytes]:
        """The case images as the site publishes them (re-encoded, see ``icp.check.images``), by their address
        there (``practices/images/<name>``); a preview leaves out those it refuses, and lists them."""
        return {routes.image(path.name): image.data
                for path, image in prepared_images(self.project.practices_dir).items() if image.problem is None}

    def image_notices(self) -> list[str]:
        return image_notices(self.project.practices_dir, self.project.root)

    def is_home(self, src_uri: str) -> bool:
        """The home page of a language (``index.md``, ``fr/index.md``), which the core fills."""
        return src_uri in {language.prefix + "index.md" for language in self.languages}

    def fill_home(self, markdown: str, src_uri: str = "index.md") -> str:
        with i18n.use(self.language_of(src_uri)):
            return home.fill_home(markdown, self.index, offline_zip=self.settings.offline_zip)

    def edit_path(self, src_uri: str, *, handwritten: bool, docs_dir: str) -> str | None:
        """The file in the repository that an edit button opens for the page ``src_uri``, or None.

        A case page opens its case file, Contribute opens CONTRIBUTING.md, a hand-written page its own
        file; a page made from many cases (a topic, a country, a year, an overview, the finder) has no
        one file to edit, and no button.
        """
        if handwritten:
            return f"{docs_dir}/{src_uri}"
        src_uri = src_uri.removeprefix(self.language_of(src_uri).prefix)
        if src_uri == CONTRIBUTE_PAGE:
            return CONTRIBUTING_FILE
        folder, _, name = src_uri.rpartition("/")
        if folder == PRACTICES_DIR and src_uri != FINDER_PAGE:
            return f"{PRACTICES_DIR}/{name}"
        return None

    def page_rendered(self, src_uri: str, *, url: str, title: str, html: str, searchable: bool) -> None:
        """A page as the reader gets it: the finder's search finds the hand-written ones too (their
        words only: the sanitiser drops scripts, styles and comments before the tags are stripped)."""
        if searchable:
            language = self.language_of(src_uri)
            url = url.removeprefix(language.prefix)
            self.page_documents[src_uri] = minisearch.page_document(url, title, plain_text(sanitise(html)), language.code)

    @cached_property
    def _topic_pages(self) -> dict[str, TermEntry]:
        return topic_pages(self.index)

    def feed_links(self, dest_uri: str) -> Markup:
        """The head's feed links for the page at ``dest_uri``: its language's feed, and a topic page's own.
        They differ only by the page's folder and topic, so each pair is written once."""
        language = self.language_of(dest_uri)
        topic = self._topic_pages.get(dest_uri.removeprefix(language.prefix))
        key = (posixpath.dirname(dest_uri), topic.slug if topic else None)
        if key not in self._feed_links:
            with i18n.use(language):
                links = feeds.feed_links(dest_uri, self.publication.feed, topic)
                self._feed_links[key] = Markup(feeds.feed_links_html(links))
        return self._feed_links[key]

    def feed_links_from(self, root_path: str) -> Markup:
        """The site's feed link for a page served at any depth (404), from the site's root path."""
        links = [feeds.FeedLink(root_path + link.href, link.title) for link in feeds.feed_links("", self.publication.feed)]
        return Markup(feeds.feed_links_html(links))

    def finish(self, site_dir: Path) -> None:
        """After every page is written: the finder's search index (it holds the hand-written pages,
        now rendered), then the offline zip of the whole site if asked."""
        with timing.step("hook"), timing.step("search index"):
            cases = shards.CaseDocuments(self.index)  # the cases' documents, the same in every language's index
            for language in self.languages:
                documents = [self.page_documents[key] for key in sorted(self.page_documents)
                             if self.language_of(key) == language]
                for path, script in shards.search_index_files(self.index, documents, cases=cases).items():
                    (site_dir / language.prefix / path).write_text(script, encoding="utf-8")
        if self.settings.offline_zip:
            with timing.step("hook"), timing.step("offline zip"):
                package.write_offline_zip(site_dir, site_dir / package.DOWNLOAD_PATH)


def translated_contribute(project: Project) -> GeneratedPage:
    """Contribute in a language that has no translation of the guide (docs/<code>/contribute.md): the
    guide in English (CONTRIBUTING.md), under the menu's title in the language and a note saying so."""
    english = contribute_page(project)
    text = english.markdown.split("\n---\n", 1)[1]
    fields = front_matter_fields(i18n.gettext(CONTRIBUTE_TITLE))
    note = i18n.gettext("This guide is written in English only: it is the repository's own guide for contributors.")
    return GeneratedPage(front_matter(fields) + f'<p class="icp-language-note">{escape(note)}</p>\n\n'
                         f'<div lang="en" markdown="1">\n{text}\n</div>\n', meta=fields)


def contribute_page(project: Project, *, up: str = "") -> GeneratedPage:
    """The Contribute page: CONTRIBUTING.md as the repository shows it, under the menu's title.

    Made here rather than included by a Markdown extension, so that no page can pull in another
    file of the checkout (an include of ``.git/config`` would publish it).
    """
    text = read_project_file(project.contributing_path, kind="text file").decode("utf-8")
    fields = front_matter_fields(CONTRIBUTE_TITLE)
    return GeneratedPage(front_matter(fields) + proposal.with_form_lead(text, up=up), meta=fields)
