"""The filter menu (topics and countries) and the slugs of its terms."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path


_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Lowercase letters that have no decomposition to drop a mark from, as their usual transliteration,
# for slugs and for the finder's search terms (icp.searchindex); "ς" (final sigma) is "σ" so that a
# search term does not depend on where the sigma stood in its word.
FOLD = {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i", "ς": "σ"}
_FOLD_TABLE = str.maketrans(FOLD)


def slugify(name: str) -> str:
    """Lowercase ASCII with every run of other characters replaced by one hyphen."""
    letters = name.lower().translate(_FOLD_TABLE)
    ascii_name = unicodedata.normalize("NFKD", letters).encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("-", ascii_name.lower()).strip("-")


@dataclass(frozen=True)
class Term:
    name: str
    slug: str


@dataclass(frozen=True)
class Vocabulary:
    """Topics and countries in menu order, as the source database lists them."""

    topics: tuple[Term, ...]
    countries: tuple[Term, ...]

    @classmethod
    def from_names(cls, topics: list[str], countries: list[str]) -> "Vocabulary":
        return cls(
            topics=tuple(Term(name, slugify(name)) for name in topics),
            countries=tuple(Term(name, slugify(name)) for name in countries),
        )

    @property
    def topic_names(self) -> list[str]:
        return [term.name for term in self.topics]

    @property
    def country_names(self) -> list[str]:
        return [term.name for term in self.countries]

    def topic(self, name: str) -> Term:
        return next(term for term in self.topics if term.name == name)

    def country(self, name: str) -> Term:
        return next(term for term in self.countries if term.name == name)


class VocabularyError(ValueError):
    """The taxonomy file itself is broken; the message names the file and the fix."""


def load_vocabulary(path: Path) -> Vocabulary:
    """The vocabulary, read as a case file is: no link, no device, no YAML alias, no deep nesting."""
    from .casefile import CaseFileError, read_project_file
    from .frontmatter import load_front_matter

    try:
        data = load_front_matter(read_project_file(path, kind="vocabulary file").decode("utf-8"), 1).meta
    except CaseFileError as error:
        where = f" (line {error.line})" if error.line else ""
        raise VocabularyError(f"{path}: cannot read the vocabulary{where}: {error.message}") from None
    except UnicodeDecodeError:
        raise VocabularyError(f"{path}: cannot read the vocabulary: it is not UTF-8; save it with UTF-8 encoding") from None
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}: expected a mapping with the keys 'topics' and 'countries'")
    lists = {}
    for key in ("topics", "countries"):
        names = data.get(key)
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise VocabularyError(f"{path}: '{key}' must be a non-empty list of names")
        seen: dict[str, str] = {}
        for name in names:
            slug = slugify(name)
            if not slug:
                raise VocabularyError(f"{path}: {key}: {name!r} has no letters or digits to make a slug from")
            if slug in seen:
                raise VocabularyError(
                    f"{path}: {key}: {name!r} and {seen[slug]!r} have the same slug {slug!r}; rename one"
                )
            seen[slug] = name
        lists[key] = names
    unknown = set(data) - {"topics", "countries"}
    if unknown:
        raise VocabularyError(f"{path}: unknown keys {sorted(unknown)}; only 'topics' and 'countries' are allowed")
    return Vocabulary.from_names(lists["topics"], lists["countries"])
