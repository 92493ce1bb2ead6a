"""Where a relative link or image in a case body may lead: the pages and files the site will have.

A case page lives at ``practices/<slug>.html``; a body links to another case as ``<slug>.md``
(optionally ``#section``), to a hand-written page as ``../about.md``, to a menu page as
``../topics/<slug>.md``, and shows images from ``images/``. Every such address is checked before
the build writes anything, so a broken one is a validation error with its line, not a broken page.
"""

from __future__ import annotations

import difflib
import posixpath
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

from icp import languages, routes
from icp.body.convert import MAX_ISSUES, PAGE_ANCHORS, Address
from icp.read.casefile import CaseFile
from icp.read.characters import excerpt
from icp.read.vocabulary import Vocabulary

# A suggestion compares the missing section with this many of the case's sections (those next to it
# in alphabetical order), so a body of thousands of broken links to a case of thousands of sections
# costs milliseconds, not minutes.
SUGGESTION_CANDIDATES = 40


@dataclass
class SiteMap:
    """The site's addresses a body may point at, relative to the site root, as ``.md`` sources."""

    cases: set[str]
    pages: set[str] = field(default_factory=set)
    images: set[str] = field(default_factory=set)
    anchors_of: Callable[[str], set[str] | None] = lambda slug: None

    def problems(self, addresses: Iterable[Address], slug: str, own_anchors: set[str]) -> list[tuple[int, str]]:
        """The line and message of each bad address of case ``slug``; past ``MAX_ISSUES`` only a count."""
        found: list[tuple[int, str]] = []
        more = 0
        for address in addresses:
            if len(found) >= MAX_ISSUES:
                more += self.problem(address, slug, own_anchors, suggest=False) is not None
            elif (message := self.problem(address, slug, own_anchors)) is not None:
                found.append((address.line, message))
        if more:
            found.append((found[-1][0], f"... and {more} more links or images like these; fix them the same way"))
        return found

    def problem(self, address: Address, slug: str, own_anchors: set[str], *, suggest: bool = True) -> str | None:
        """What is wrong with ``address`` in the body of case ``slug``, or None."""
        url = address.url
        path, _, fragment = url.partition("#")
        if "?" in path:
            return f"the address '{excerpt(url, 80)}' has a query ('?...'), which a page of this site never needs; remove it"
        if address.kind == "image":
            target = posixpath.normpath(posixpath.join(routes.CASE_FOLDER, path))
            if target not in self.images:
                return (f"the image '{excerpt(url, 80)}' is not in practices/images/; copy the file there "
                        "(lowercase name; .png, .jpg, .gif or .webp) and write images/<name>")
            return None
        if not path:
            if fragment and fragment not in own_anchors | PAGE_ANCHORS | {"sources"}:
                return f"this case has no section '#{excerpt(fragment, 80)}'{_choices(fragment, own_anchors, suggest)}"
            return None
        target = posixpath.normpath(posixpath.join(routes.CASE_FOLDER, path))
        if target.endswith(".html"):
            target = target[:-5] + ".md"
        if target.startswith("../") or target == "..":
            return f"the link '{excerpt(url, 80)}' leads outside the site; link to a page of the site, or give a full https:// address"
        folder, _, name = target.rpartition("/")
        if folder == routes.CASE_FOLDER and name.endswith(".md") and name[:-3] in self.cases:
            other = name[:-3]
            anchors = self.anchors_of(other)
            if fragment and anchors is not None and fragment not in anchors | PAGE_ANCHORS | {"sources"}:
                return f"the case '{other}' has no section '#{excerpt(fragment, 80)}'{_choices(fragment, anchors, suggest)}"
            return None
        if target in self.pages:
            return None
        return (f"the link '{excerpt(url, 80)}' leads to no page of the site; link to another case as <slug>.md "
                f"(e.g. {next(iter(sorted(self.cases - {slug})), 'other-case')}.md), to a page as ../about.md, or "
                "to a section of this case as #<section>")


def _choices(fragment: str, anchors: set[str], suggest: bool = True) -> str:
    if not suggest:
        return ""
    ordered = sorted(anchors)
    middle = bisect_left(ordered, fragment)
    nearby = ordered[max(0, middle - SUGGESTION_CANDIDATES // 2):middle + SUGGESTION_CANDIDATES // 2]
    close = difflib.get_close_matches(fragment[:100], nearby, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '#{close[0]}'? Link to a section as its heading's id, or remove the link"
    listed = ", ".join(f"#{anchor}" for anchor in ordered[:8])
    return f"; link to one of its sections ({listed}) or remove the link" if listed else "; remove the link"


def term_counts(vocabulary: Vocabulary, cases: list[CaseFile]) -> dict[str, dict[str, int]]:
    """How many of ``cases`` each term of the three menus lists (a term page may run to several pages);
    every topic and country has a page, a year or a language only when a case has it."""
    counts: dict[str, Counter] = {group: Counter() for group in routes.GROUPS}
    topics, countries = set(vocabulary.topic_names), set(vocabulary.country_names)
    for case in cases:
        meta = case.meta if isinstance(case.meta, dict) else {}
        chosen = meta.get("topics")
        for topic in set(chosen) if isinstance(chosen, list) else ():
            if isinstance(topic, str) and topic in topics:
                counts["topics"][vocabulary.topic(topic).slug] += 1
        if isinstance(country := meta.get("country"), str) and country in countries:
            counts["countries"][vocabulary.country(country).slug] += 1
        if isinstance(year := meta.get("year"), int) and not isinstance(year, bool):
            counts["years"][str(year)] += 1
        if languages.is_code(code := meta.get("language", languages.DEFAULT)):
            counts["languages"][code] += 1
    return {"topics": {term.slug: counts["topics"][term.slug] for term in vocabulary.topics},
            "countries": {term.slug: counts["countries"][term.slug] for term in vocabulary.countries},
            "years": dict(counts["years"]), "languages": dict(counts["languages"])}
