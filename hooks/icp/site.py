"""The whole knowledge base as files: what any generator (or a script) needs to publish it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import codebook, feeds, finder, opendata, pages, records, timing
from .builddate import build_date
from .incremental import CheckedFiles
from .index import PracticeIndex
from .inventory import IMAGES_DIR, TAXONOMY_FILE, local_images
from .schema import SCHEMA_FILE, load_schema
from .validate import PracticeProblems, Problem, check_practices
from .vocabulary import Vocabulary, load_vocabulary

PRACTICES_DIR = "practices"
CONTRIBUTING_FILE = "CONTRIBUTING.md"
CONTRIBUTE_PAGE = "contribute.md"
FINDER_PAGE = "practices/index.md"


@dataclass(frozen=True)
class Project:
    """Where a checkout keeps its cases, vocabulary and schema."""

    root: Path

    @property
    def practices_dir(self) -> Path:
        return self.root / PRACTICES_DIR

    @property
    def taxonomy_path(self) -> Path:
        return self.practices_dir / TAXONOMY_FILE

    @property
    def schema_path(self) -> Path:
        return self.practices_dir / SCHEMA_FILE

    @property
    def contributing_path(self) -> Path:
        return self.root / CONTRIBUTING_FILE

    def vocabulary(self) -> Vocabulary:
        return load_vocabulary(self.taxonomy_path)

    def schema(self) -> dict:
        return load_schema(self.schema_path)

    def check_index(self, checked: CheckedFiles | None = None) -> tuple[PracticeIndex, list[Problem]]:
        """The good cases, indexed, and every problem of the others (cases with a problem are left out).

        Raises VocabularyError or SchemaFileError when the rules themselves cannot be read.
        """
        vocabulary = self.vocabulary()
        practices, problems = check_practices(self.practices_dir, vocabulary, self.schema(), root=self.root,
                                              checked=checked)
        with timing.step("index"):
            return PracticeIndex(practices, vocabulary), problems

    def load_index(self, checked: CheckedFiles | None = None) -> PracticeIndex:
        """Every case, validated and indexed; raises PracticeProblems listing every problem."""
        index, problems = self.check_index(checked)
        if problems:
            raise PracticeProblems(problems)
        return index

    def publication(self, name: str, url: str = "", *, tag_authority: str = feeds.DEFAULT_TAG_AUTHORITY,
                    tag_date: str = feeds.DEFAULT_TAG_DATE) -> Publication:
        """The site as this checkout publishes it; asks git twice (build date, each case's last commit)."""
        feed = feeds.FeedSite(name, url, tag_authority=tag_authority, tag_date=tag_date)
        return Publication(feed, build_date(self.root), feeds.case_commit_dates(self.practices_dir))


def published_images(project: Project) -> dict[str, Path]:
    """The case images to copy into the site, by their address there (``practices/images/<name>``)."""
    return {f"{PRACTICES_DIR}/{IMAGES_DIR}/{path.name}": path for path in local_images(project.practices_dir)}


@dataclass(frozen=True)
class Publication:
    """What the pages and feeds say about the site itself: its name and address and the feeds' id
    authority (``feed``), the date this build stands for, and when each case file last changed."""

    feed: feeds.FeedSite
    built: date
    updated: Mapping[str, datetime] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.feed.name

    @property
    def url(self) -> str:
        return self.feed.url


def generated_pages(index: PracticeIndex, publication: Publication,
                    schema: dict | None) -> dict[str, pages.GeneratedPage]:
    """Every generated page by its path in the site's docs tree (no codebook without a schema: a
    preview with a broken schema file goes on without it)."""
    generated = pages.generated_pages(index, site_name=publication.name, site_url=publication.url,
                                      built=publication.built)
    generated[FINDER_PAGE] = finder.finder_page(index)
    if schema is not None:
        generated[codebook.CODEBOOK_PAGE] = codebook.codebook_page(schema, index.vocabulary)
    return generated


def contribute_page(project: Project) -> str:
    """The Contribute page: CONTRIBUTING.md as the repository shows it, under the menu's title.

    Made here rather than included by a Markdown extension, so that no page can pull in another
    file of the checkout (an include of ``.git/config`` would publish it).
    """
    return pages.front_matter("Contribute") + project.contributing_path.read_text(encoding="utf-8")


def edit_path(src_uri: str, *, handwritten: bool, docs_dir: str) -> str | None:
    """The file in the repository that an edit button opens for the page ``src_uri``, or None.

    A case page opens its case file, Contribute opens CONTRIBUTING.md, a hand-written page its own
    file; a page made from many cases (a topic, a country, a year, an overview, the finder) has no
    one file to edit, and no button.
    """
    if handwritten:
        return f"{docs_dir}/{src_uri}"
    if src_uri == CONTRIBUTE_PAGE:
        return CONTRIBUTING_FILE
    folder, _, name = src_uri.rpartition("/")
    if folder == PRACTICES_DIR and src_uri != FINDER_PAGE:
        return f"{PRACTICES_DIR}/{name}"
    return None


def generated_data(index: PracticeIndex, publication: Publication) -> dict[str, str]:
    """Open data exports, the Atom feeds and the finder's data script, by their path in the site."""
    return {
        "practices.json": opendata.practices_json(index),
        "practices.csv": opendata.practices_csv(index),
        finder.DATA_SCRIPT: finder.finder_data_script(index),
        finder.RECORDS_SCRIPT: records.records_script(index),
        **feeds.feed_files(index, publication.feed, publication.built, updated=publication.updated),
    }
