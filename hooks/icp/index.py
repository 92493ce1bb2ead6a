"""Which cases sit under which topic, country and year, and which cases are related."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations
from urllib.parse import quote

from icp import languages, routes
from icp.check.translations import groups
from icp.practice import Practice
from icp.read.vocabulary import Term, Vocabulary, slugify
from icp.render.facts import EVIDENCE

MAX_RELATED = 6


@dataclass(frozen=True)
class TermEntry:
    """One option of the filter menu with the cases filed under it, newest first."""

    group: str
    name: str
    slug: str
    practices: tuple[Practice, ...]

    @property
    def url(self) -> str:
        return routes.html(self.pages[0])

    @property
    def pages(self) -> list[str]:
        """Its page and the continuations of its list, as source paths."""
        return routes.term_pages(self.group, self.slug, len(self.practices))


class PracticeIndex:
    """The cases grouped by the three menus of the source site: Topic, Countries, Year; and by the
    language each case is written in."""

    GROUPS = ("topics", "countries", "years", "languages")

    def __init__(self, practices: list[Practice], vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.practices: tuple[Practice, ...] = tuple(sorted(symmetric_translations(practices), key=listing_order))
        self.by_slug = {practice.slug: practice for practice in self.practices}
        self._position = {practice.slug: i for i, practice in enumerate(self.practices)}
        self.topics = self._entries("topics", vocabulary.topics, lambda p: p.topics)
        self.countries = self._entries("countries", vocabulary.countries, lambda p: (p.country,))
        years = sorted({practice.year for practice in self.practices if practice.year is not None})
        self.years = self._entries("years", [Term(str(y), str(y)) for y in years],
                                   lambda p: (str(p.year),) if p.year is not None else ())
        # The languages the cases are written in (only those that have a case), by their English names.
        codes = sorted({practice.language for practice in self.practices}, key=languages.english_name)
        self.languages = self._entries("languages", [Term(languages.english_name(code), code) for code in codes],
                                       lambda p: (languages.english_name(p.language),))
        # Not a menu of the source site (no pages of its own): a facet of the finder.
        self.evidence = self._entries("evidence", [Term(name, slugify(name)) for name in EVIDENCE],
                                      lambda p: (p.evidence,))
        self._by_topic_set = self._topic_set_index()
        self._countries_of_city: dict[str, set[str]] = {}
        self._by_place: dict[tuple[str, str], list[Practice]] = {}
        for practice in self.practices:
            self._countries_of_city.setdefault(practice.city, set()).add(practice.country)
            self._by_place.setdefault((practice.city, practice.country), []).append(practice)

    def _entries(self, group: str, terms, names_of) -> tuple[TermEntry, ...]:
        filed: dict[str, list[Practice]] = {term.name: [] for term in terms}
        for practice in self.practices:
            for name in names_of(practice):
                filed[name].append(practice)
        return tuple(TermEntry(group, term.name, term.slug, tuple(filed[term.name])) for term in terms)

    def group(self, name: str) -> tuple[TermEntry, ...]:
        return getattr(self, name)

    def entry(self, group: str, slug: str) -> TermEntry:
        return next(entry for entry in self.group(group) if entry.slug == slug)

    def topic_entry(self, name: str) -> TermEntry:
        return next(entry for entry in self.topics if entry.name == name)

    def city_state(self, practice: Practice) -> str:
        """The finder's address fragment for every case of the practice's city: ``city=Oslo``, with its
        country when another country has a city of that name (the finder matches the name alone)."""
        state = f"city={quote(practice.city, safe='')}"
        if len(self._countries_of_city.get(practice.city, ())) > 1:
            state += f"&country={self.vocabulary.country(practice.country).slug}"
        return state

    def latest(self, count: int) -> tuple[Practice, ...]:
        return self.practices[:count]

    def _topic_set_index(self) -> dict[frozenset, list[Practice]]:
        """Every set of topics a case has (and each subset) -> the cases that have it, in listing order."""
        index: dict[frozenset, list[Practice]] = {}
        for practice in self.practices:
            topics = practice.topics
            for size in range(1, len(topics) + 1):
                for subset in combinations(topics, size):
                    index.setdefault(frozenset(subset), []).append(practice)
        return index

    def related(self, practice: Practice) -> list[Practice]:
        """Cases named in ``related``, then the closest: most topics shared, a case of the same city
        counting as one topic more; newest first among equals. At most :data:`MAX_RELATED`."""
        chosen = [self.by_slug[slug] for slug in practice.related if slug in self.by_slug][:MAX_RELATED]
        seen = {practice.slug, *(p.slug for p in chosen)}
        own = set(practice.topics)
        place = (practice.city, practice.country)

        def score(other: Practice) -> int:
            return len(own.intersection(other.topics)) + ((other.city, other.country) == place)

        neighbours = [other for other in self._by_place.get(place, ()) if other.slug not in seen]
        for size in range(len(practice.topics), 0, -1):
            need = MAX_RELATED - len(chosen)
            if need <= 0:
                break
            candidates: dict[str, Practice] = {other.slug: other for other in neighbours
                                               if other.slug not in seen and score(other) >= size}
            for subset in combinations(practice.topics, size):
                taken = 0
                for other in self._by_topic_set.get(frozenset(subset), ()):
                    if other.slug in seen or other.slug in candidates:
                        continue
                    candidates[other.slug] = other
                    taken += 1
                    if taken >= need:
                        break
            best = sorted(candidates.values(), key=lambda p: (-score(p), self._position[p.slug]))[:need]
            chosen.extend(best)
            seen.update(p.slug for p in best)
        return chosen


def symmetric_translations(practices: list[Practice]) -> list[Practice]:
    """The cases with their translations made symmetric and closed over chains: each case of a group
    (joined by any case's ``translations:``) lists every other, in the order of their languages' codes.
    A listed case that is not built is left out."""
    present = {practice.slug: practice for practice in practices}
    joined = groups((practice.slug, slug) for practice in practices for slug in practice.translations if slug in present)
    return [replace(practice, translations=tuple(sorted(
        (slug for slug in joined.get(practice.slug, ()) if slug != practice.slug),
        key=lambda slug: (present[slug].language, slug)))) for practice in practices]


def listing_order(practice: Practice) -> tuple:
    """Newest first (a case whose source gives no year last), then by title: the order of every listing."""
    return (practice.year is None, -(practice.year or 0), practice.title.casefold(), practice.slug)
