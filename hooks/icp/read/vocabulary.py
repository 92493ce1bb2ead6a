"""The filter menu (topics and countries) and the slugs of its terms."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# The names the site's generated pages take in the topics/ and countries/ folders beside each term's
# own page: the overview of the menu (index.html). A term's listing continues on <slug>-2.html, ...,
# so a term whose slug is another's followed by -<number> is refused too (see icp.render.pages).
RESERVED_TERM_SLUGS = frozenset({"index"})
_PAGE_NUMBER = re.compile(r"^(.+)-([0-9]+)$")
# Lowercase letters that have no decomposition to drop a mark from, as their usual transliteration,
# for slugs and for the finder's search terms (icp.search.minisearch); "ς" (final sigma) is "σ" so that a
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
    """Topics and countries in menu order, as the source database lists them, and the other names a
    reader may search a country or a city by (its own languages, short forms), as (name, aliases) pairs."""

    topics: tuple[Term, ...]
    countries: tuple[Term, ...]
    country_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    city_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The topics' and countries' names in the site's other languages: (language, ((name, its name there), ...)).
    translated: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    @property
    def names(self) -> dict[str, dict[str, str]]:
        """Language -> English name -> the name in that language."""
        return {language: dict(pairs) for language, pairs in self.translated}

    def all_names(self, name: str) -> tuple[str, ...]:
        """A topic's or country's names in every language the vocabulary gives, but the English one."""
        return tuple(dict.fromkeys(pairs[name] for pairs in self.names.values() if name in pairs))

    @classmethod
    def from_names(cls, topics: list[str], countries: list[str], country_aliases: dict | None = None,
                   city_aliases: dict | None = None, names: dict | None = None) -> "Vocabulary":
        return cls(
            topics=tuple(Term(name, slugify(name)) for name in topics),
            countries=tuple(Term(name, slugify(name)) for name in countries),
            country_aliases=tuple((name, tuple(aliases)) for name, aliases in (country_aliases or {}).items()),
            city_aliases=tuple((name, tuple(aliases)) for name, aliases in (city_aliases or {}).items()),
            translated=tuple((language, tuple(table.items())) for language, table in (names or {}).items()),
        )

    def aliases(self, city: str, country: str) -> tuple[str, ...]:
        """The other names of a case's city and country, for search. An entry of a table is a set of
        names for one place: a case whose city is any of them is found by all the others."""
        found: list[str] = []
        for table, name in ((self.city_aliases, city), (self.country_aliases, country)):
            folded = name.casefold()
            for key, aliases in table:
                names = (key, *aliases)
                if any(other.casefold() == folded for other in names):
                    found += [other for other in names if other.casefold() != folded and other not in found]
        return tuple(found)

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
    from icp.read.casefile import CaseFileError, read_project_file
    from icp.read.frontmatter import load_front_matter

    try:
        front = load_front_matter(read_project_file(path, kind="vocabulary file").decode("utf-8"), 1)
    except CaseFileError as error:
        where = f" (line {error.line})" if error.line else ""
        raise VocabularyError(f"{path}: cannot read the vocabulary{where}: {error.message}") from None
    except UnicodeDecodeError:
        raise VocabularyError(f"{path}: cannot read the vocabulary: it is not UTF-8; save it with UTF-8 encoding") from None
    data = front.meta
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}: expected a mapping with the keys 'topics' and 'countries'")
    lists = {}
    for key in ("topics", "countries"):
        names = data.get(key)
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise VocabularyError(f"{path}: '{key}' must be a non-empty list of names")
        seen: dict[str, str] = {}
        for number, name in enumerate(names):
            where = f"{path}:{front.lines.get((key, number), 0)}: {key}[{number}]"
            slug = slugify(name)
            if not slug:
                raise VocabularyError(f"{where}: {name!r} has no letters or digits to make a slug from")
            if slug in seen:
                raise VocabularyError(f"{where}: {name!r} and {seen[slug]!r} have the same slug {slug!r}; rename one")
            if slug in RESERVED_TERM_SLUGS:
                raise VocabularyError(f"{where}: {name!r} would be written as {key}/{slug}.html, the page that lists "
                                      f"every term of the menu; rename it (and the cases that use it), then run scripts/make_schema.py")
            seen[slug] = name
        for slug, name in seen.items():
            page = _PAGE_NUMBER.match(slug)
            if page and page.group(1) in seen and int(page.group(2)) >= 2:
                raise VocabularyError(
                    f"{path}:{front.lines.get((key, names.index(name)), 0)}: {key}[{names.index(name)}]: {name!r} "
                    f"would be written as {key}/{slug}.html, page {page.group(2)} of the list of "
                    f"{seen[page.group(1)]!r}; rename it without a number at its end (and the cases that use it), then run "
                    "scripts/make_schema.py")
        lists[key] = names
    unknown = set(data) - {"topics", "countries", "names", *ALIAS_TABLES}
    if unknown:
        raise VocabularyError(f"{path}: unknown keys {sorted(unknown)}; only 'topics', 'countries', "
                              "'country_aliases', 'cities' and 'names' are allowed")
    countries = lists["countries"]
    _check_atlas(path, countries, front.lines)
    tables = {key: _alias_table(path, key, data.get(key, {}), countries if key == "country_aliases" else None)
              for key in ALIAS_TABLES}
    names = _names_table(path, data.get("names", {}), lists["topics"] + countries)
    return Vocabulary.from_names(lists["topics"], countries, tables["country_aliases"], tables["cities"], names)


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def _names_table(path: Path, table: object, terms: list[str]) -> dict[str, dict[str, str]]:
    """``names:``, the topics' and countries' names per language (``fr: {Education: Éducation}``),
    checked: a language code, then names of the lists above, each with one name in that language."""
    example = "names: {fr: {Education: Éducation, Denmark: Danemark}}"
    if not isinstance(table, dict):
        raise VocabularyError(f"{path}: 'names' must map language codes to tables of names, e.g. {example}")
    for language, names in table.items():
        if not isinstance(language, str) or not _LANGUAGE_CODE.fullmatch(language):
            raise VocabularyError(f"{path}: names: {language!r} is not a language code (two or three lower-case "
                                  f"letters, as the catalogue's folder locale/<code>/), e.g. {example}")
        if not isinstance(names, dict):
            raise VocabularyError(f"{path}: names: {language}: expected a table of names, e.g. {example}")
        for name, local in names.items():
            if name not in terms:
                raise VocabularyError(f"{path}: names: {language}: {name!r} is not in the 'topics' or 'countries' "
                                      "list; write the name as that list spells it")
            if not _is_name(local):
                raise VocabularyError(f"{path}: names: {language}: {name}: expected its name in {language} (text of "
                                      f"1 to {MAX_NAME} characters with a letter), e.g. {example}")
    return {language: {name: local.strip() for name, local in names.items()} for language, names in table.items()}


ALIAS_TABLES = ("country_aliases", "cities")
MAX_NAME = 100
MAX_ALIASES = 20
MAX_ENTRIES = 2000


def _alias_table(path: Path, key: str, table: object, countries: list[str] | None) -> dict[str, list[str]]:
    """A table of other names (``Name: [alias, ...]``), checked: ``countries`` are the names its keys
    must be (for country aliases); a city's name is the one its cases give in ``city:``."""
    example = "United Kingdom: [UK, Great Britain]" if countries else "Copenhagen: [København, Copenhague]"
    if not isinstance(table, dict):
        raise VocabularyError(f"{path}: '{key}' must be a mapping of names to lists of other names, e.g. {example}")
    if len(table) > MAX_ENTRIES:
        raise VocabularyError(f"{path}: '{key}' has {len(table)} entries; at most {MAX_ENTRIES} are read")
    for name, aliases in table.items():
        if not _is_name(name):
            raise VocabularyError(f"{path}: {key}: {name!r} is not a name (text of 1 to {MAX_NAME} characters "
                                  f"with a letter), e.g. {example}")
        if countries is not None and name not in countries:
            raise VocabularyError(f"{path}: {key}: {name!r} is not in the 'countries' list; write the country as "
                                  "that list spells it, or add it there")
        if not isinstance(aliases, list) or not aliases or not all(_is_name(alias) for alias in aliases):
            raise VocabularyError(f"{path}: {key}: {name}: expected a list of other names (text of 1 to "
                                  f"{MAX_NAME} characters with a letter), e.g. {example}")
        if len(aliases) > MAX_ALIASES:
            raise VocabularyError(f"{path}: {key}: {name}: {len(aliases)} names; keep the {MAX_ALIASES} most used")
        repeated = next((alias for index, alias in enumerate(aliases) if alias in aliases[:index]), None)
        if repeated is not None:
            raise VocabularyError(f"{path}: {key}: {name}: {repeated!r} is listed twice; keep one")
    return {name: [alias.strip() for alias in aliases] for name, aliases in table.items()}


def _is_name(value: object) -> bool:
    return (isinstance(value, str) and 0 < len(value.strip()) <= MAX_NAME
            and any(character.isalpha() for character in value))


def _check_atlas(path: Path, countries: list[str], lines: dict) -> None:
    """Every country must be one the map can draw and the validator can check coordinates in: a
    country the atlas does not know would have no outline, and any coordinates would pass."""
    from icp.geo.atlas import ATLAS_FILE, ATLAS_NAMES, atlas

    known = atlas().countries
    for number, name in enumerate(countries):
        if name not in known:
            renamed = {atlas_name: ours for ours, names in ATLAS_NAMES.items() for atlas_name in names}
            close = [renamed[name]] if name in renamed else difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise VocabularyError(
                f"{path}:{lines.get(('countries', number), 0)}: countries[{number}]: {name!r} is not a country of "
                f"the map's atlas ({ATLAS_FILE.parent.name}/{ATLAS_FILE.name}); {hint}Write the name the atlas uses, "
                f"or, if the atlas spells it otherwise, add {name!r} with the atlas's name to ATLAS_NAMES in "
                f"hooks/icp/geo/atlas.py (it has {len(ATLAS_NAMES)} such names already)")
