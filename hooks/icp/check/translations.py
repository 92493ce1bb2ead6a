"""The rules of ``language:`` and ``translations:`` that span files: a translation is another case,
in another language, and a practice has one case a language.

Translations need not be listed both ways: the build makes them symmetric and closes them over
chains (:func:`groups`), so that A listing B and B listing C make A, B and C one practice in three
languages. That closure is also what these rules check: a group with two cases in one language is
refused, each file's listing that joins it named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from icp import languages
from icp.check import wording
from icp.check.messages import did_you_mean
from icp.check.problems import Problem
from icp.check.said import said
from icp.read.casefile import CaseFile
from icp.read.characters import excerpt

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def language_of(meta: object) -> str | None:
    """A case's language as its front matter gives it (English when left out); None when not a code."""
    if not isinstance(meta, dict):
        return None
    code = meta.get("language", languages.DEFAULT)
    return code if languages.is_code(code) else None


def listed(meta: object) -> list[tuple[int, str]]:
    """The translations a front matter lists that the schema lets through: (index, slug), each once."""
    items = meta.get("translations") if isinstance(meta, dict) else None
    if not isinstance(items, list) or len(items) > 20:
        return []
    seen: set[str] = set()
    found = []
    for index, slug in enumerate(items):
        if isinstance(slug, str) and re.fullmatch(SLUG_PATTERN, slug) and slug not in seen:
            seen.add(slug)
            found.append((index, slug))
    return found


def groups(edges: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Each case named in ``edges`` -> every case joined to it by a chain of translations, itself included."""
    parent: dict[str, str] = {}

    def root(slug: str) -> str:
        parent.setdefault(slug, slug)
        while parent[slug] != slug:
            parent[slug] = parent[parent[slug]]
            slug = parent[slug]
        return slug

    for one, other in edges:
        parent[root(one)] = root(other)
    members: dict[str, set[str]] = {}
    for slug in list(parent):
        members.setdefault(root(slug), set()).add(slug)
    return {slug: frozenset(members[root(slug)]) for slug in parent}


def translation_problems(cases: list[CaseFile], known_slugs: set[str], shown: Callable[[CaseFile], str],
                         read: Callable[[str], CaseFile | None], listing: Iterable[CaseFile] = ()) -> list[Problem]:
    """The translations of ``cases`` that are no case, the case itself, in its language, or that join a
    group with two cases in one language. ``read`` gives another case by slug (None if it cannot be read).
    ``listing``: other cases that list one of ``cases`` (when some files are checked alone): their listings
    that join a checked case to a group with two cases in one language are told too, as a whole check tells them."""
    problems: list[Problem] = []
    by_slug = {case.slug: case for case in cases}
    about = set(by_slug)
    listing = [case for case in listing if case.slug not in about]
    by_slug.update((case.slug, case) for case in listing)

    def case_of(slug: str) -> CaseFile | None:
        if slug not in by_slug:
            by_slug[slug] = read(slug) if slug in known_slugs else None
        return by_slug[slug]

    edges: list[tuple[CaseFile, int, str]] = []
    for case in [*cases, *listing]:
        own = language_of(case.meta)
        for index, slug in listed(case.meta):
            field, line = f"translations[{index}]", case.line_of(("translations", index))
            if case.slug not in about:
                other = case_of(slug) if slug in known_slugs and slug != case.slug else None
                if other is not None and own is not None and language_of(other.meta) not in (None, own):
                    edges.append((case, index, slug))
                elif other is not None and slug in about and language_of(other.meta) == own:
                    problems.append(Problem(shown(case), line, field, said(wording.TRANSLATION_SAME_LANGUAGE,
                        slug=slug, language=languages.name(own), code=own)))
            elif slug == case.slug:
                problems.append(Problem(shown(case), line, field, said(wording.TRANSLATION_ITSELF, slug=slug)))
            elif slug not in known_slugs:
                fix = did_you_mean(slug, known_slugs - {case.slug}) or said(wording.TRANSLATION_MISSING_FIX)
                problems.append(Problem(shown(case), line, field,
                                        said(wording.RELATED_MISSING, slug=excerpt(slug, 80), fix=fix)))
            elif (other := case_of(slug)) is not None and own is not None and language_of(other.meta) == own:
                problems.append(Problem(shown(case), line, field, said(wording.TRANSLATION_SAME_LANGUAGE,
                    slug=slug, language=languages.name(own), code=own)))
            elif other is not None and own is not None and language_of(other.meta) is not None:
                edges.append((case, index, slug))
    problems += _group_problems(edges, case_of, shown, about)
    return problems


def _group_problems(edges: list[tuple[CaseFile, int, str]], case_of, shown, about: set[str]) -> list[Problem]:
    """A group joined by the checked cases' listings, and by the listings of the cases they reach; a listing
    of another case (not in ``about``) only when its group holds a checked case."""
    pairs = {(case.slug, slug) for case, _, slug in edges}
    todo = [slug for _, _, slug in edges]
    seen = {case.slug for case, _, _ in edges}
    while todo:
        slug = todo.pop()
        if slug in seen:
            continue
        seen.add(slug)
        other = case_of(slug)
        for _, listed_slug in listed(other.meta) if other is not None else ():
            further = case_of(listed_slug)
            if further is not None and listed_slug != slug and language_of(further.meta) not in (
                    None, language_of(other.meta)):
                pairs.add((slug, listed_slug))
                todo.append(listed_slug)
    joined = groups(pairs)
    problems = []
    for case, index, slug in edges:
        if case.slug not in about and not joined[case.slug] & about:
            continue
        group = sorted(joined[case.slug])
        by_language: dict[str, list[str]] = {}
        for member in group:
            by_language.setdefault(language_of(case_of(member).meta), []).append(member)
        for code, members in by_language.items():
            if len(members) > 1:
                problems.append(Problem(shown(case), case.line_of(("translations", index)), f"translations[{index}]",
                                        said(wording.TRANSLATION_TWICE,
                                            slug=slug, cases=", ".join(f"'{member}'" for member in group),
                                            count=len(members), language=languages.name(code), code=code)))
                break
    return problems
