"""The whole knowledge base as files: what any generator (or a script) needs to publish it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import codebook, feeds, finder, opendata, pages, timing
from .builddate import build_date
from .incremental import CheckedFiles
from .index import PracticeIndex
from .schema import SCHEMA_FILE, load_schema
from .validate import load_practices
from .vocabulary import Vocabulary, load_vocabulary

PRACTICES_DIR = "practices"
TAXONOMY_FILE = "taxonomy.yml"


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

    def vocabulary(self) -> Vocabulary:
        return load_vocabulary(self.taxonomy_path)

    def schema(self) -> dict:
        return load_schema(self.schema_path)

    def load_index(self, checked: CheckedFiles | None = None) -> PracticeIndex:
        """Every case, validated and indexed; raises PracticeProblems listing every problem."""
        vocabulary = self.vocabulary()
        practices = load_practices(self.practices_dir, vocabulary, self.schema(), root=self.root, checked=checked)
        with timing.step("index"):
            return PracticeIndex(practices, vocabulary)

    def publication(self, name: str, url: str = "", *, tag_authority: str = feeds.DEFAULT_TAG_AUTHORITY,
                    tag_date: str = feeds.DEFAULT_TAG_DATE) -> Publication:
        """The site as this checkout publishes it; asks git twice (build date, each case's last commit)."""
        feed = feeds.FeedSite(name, url, tag_authority=tag_authority, tag_date=tag_date)
        return Publication(feed, build_date(self.root), feeds.case_commit_dates(self.practices_dir))


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


def generated_pages(index: PracticeIndex, publication: Publication, schema: dict) -> dict[str, pages.GeneratedPage]:
    """Every generated page by its path in the site's docs tree."""
    generated = pages.generated_pages(index, site_name=publication.name, site_url=publication.url,
                                      built=publication.built)
    generated["practices/index.md"] = finder.finder_page(index)
    generated[codebook.CODEBOOK_PAGE] = codebook.codebook_page(schema, index.vocabulary)
    return generated


def generated_data(index: PracticeIndex, publication: Publication) -> dict[str, str]:
    """Open data exports, the Atom feeds and the finder's data script, by their path in the site."""
    return {
        "practices.json": opendata.practices_json(index),
        "practices.csv": opendata.practices_csv(index),
        finder.DATA_SCRIPT: finder.finder_data_script(index),
        **feeds.feed_files(index, publication.feed, publication.built, updated=publication.updated),
    }
