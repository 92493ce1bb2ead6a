"""A checkout of the knowledge base: where it keeps its cases and rules, and what it says about itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from icp import timing
from icp.builddate import build_date
from icp.check.validate import PracticeProblems, Problem, check_practices
from icp.generator.incremental import CheckedFiles
from icp.index import PracticeIndex
from icp.publish import feeds
from icp.read.inventory import TAXONOMY_FILE
from icp.read.schema import SCHEMA_FILE, load_schema
from icp.read.vocabulary import Vocabulary, load_vocabulary

PRACTICES_DIR = "practices"
CONTRIBUTING_FILE = "CONTRIBUTING.md"


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
        """The site as this checkout publishes it; asks git for the build date."""
        feed = feeds.FeedSite(name, url, tag_authority=tag_authority, tag_date=tag_date)
        return Publication(feed, build_date(self.root))


@dataclass(frozen=True)
class Publication:
    """What the pages and feeds say about the site itself: its name and address and the feeds' id
    authority (``feed``) and the date this build stands for."""

    feed: feeds.FeedSite
    built: date

    @property
    def name(self) -> str:
        return self.feed.name

    @property
    def url(self) -> str:
        return self.feed.url

