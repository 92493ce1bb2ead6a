"""The whole knowledge base as files: what any generator (or a script) needs to publish it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import finder, opendata, pages, records, timing
from .incremental import CheckedFiles
from .allowlist import IMAGE_FOLDER
from .index import PracticeIndex
from .inventory import local_images
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


def published_images(project: Project) -> dict[str, Path]:
    """The case images to copy into the site, by their address there (``practices/images/<name>``)."""
    return {f"{PRACTICES_DIR}/{IMAGE_FOLDER}/{path.name}": path for path in local_images(project.practices_dir)}


def generated_pages(index: PracticeIndex) -> dict[str, pages.GeneratedPage]:
    """Every generated page by its path in the site's docs tree."""
    generated = pages.generated_pages(index)
    generated["practices/index.md"] = finder.finder_page(index)
    return generated


def generated_data(index: PracticeIndex) -> dict[str, str]:
    """Open data exports and the finder's data script, by their path in the site."""
    return {
        "practices.json": opendata.practices_json(index),
        "practices.csv": opendata.practices_csv(index),
        finder.DATA_SCRIPT: finder.finder_data_script(index),
        finder.RECORDS_SCRIPT: records.records_script(index),
    }
