"""Where a relative link or image in a case body may lead: the pages and files the site will have.

A case page lives at ``practices/<slug>.html``; a body links to another case as ``<slug>.md``
(optionally ``#section``), to a hand-written page as ``../about.md``, to a menu page as
``../topics/<slug>.md``, and shows images from ``images/``. Every such address is checked before
the build writes anything, so a broken one is a validation error with its line, not a broken page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Callable

from .body import PAGE_ANCHORS, Address

CASE_FOLDER = "practices"


@dataclass
class SiteMap:
    """The site's addresses a body may point at, relative to the site root, as ``.md`` sources."""

    cases: set[str]
    pages: set[str] = field(default_factory=set)
    images: set[str] = field(default_factory=set)
    anchors_of: Callable[[str], set[str] | None] = lambda slug: None

    def problem(self, address: Address, slug: str, own_anchors: set[str]) -> str | None:
        """What is wrong with ``address`` in the body of case ``slug``, or None."""
        url = address.url
        path, _, fragment = url.partition("#")
        if "?" in path:
            return f"the address '{_short(url)}' has a query ('?...'), which a page of this site never needs; remove it"
        if address.kind == "image":
            target = posixpath.normpath(posixpath.join(CASE_FOLDER, path))
            if target not in self.images:
                return (f"the image '{_short(url)}' is not in practices/images/; copy the file there "
                        "(lowercase name; .png, .jpg, .gif or .webp) and write images/<name>")
            return None
        if not path:
            if fragment and fragment not in own_anchors | PAGE_ANCHORS | {"sources"}:
                return f"this case has no section '#{fragment}'{_choices(fragment, own_anchors)}"
            return None
        target = posixpath.normpath(posixpath.join(CASE_FOLDER, path))
        if target.endswith(".html"):
            target = target[:-5] + ".md"
        if target.startswith("../") or target == "..":
            return f"the link '{_short(url)}' leads outside the site; link to a page of the site, or give a full https:// address"
        folder, _, name = target.rpartition("/")
        if folder == CASE_FOLDER and name.endswith(".md") and name[:-3] in self.cases:
            other = name[:-3]
            anchors = self.anchors_of(other)
            if fragment and anchors is not None and fragment not in anchors | PAGE_ANCHORS | {"sources"}:
                return f"the case '{other}' has no section '#{fragment}'{_choices(fragment, anchors)}"
            return None
        if target in self.pages:
            return None
        return (f"the link '{_short(url)}' leads to no page of the site; link to another case as <slug>.md "
                f"(e.g. {next(iter(sorted(self.cases - {slug})), 'other-case')}.md), to a page as ../about.md, or "
                "to a section of this case as #<section>")


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."


def _choices(fragment: str, anchors: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.6)
    if close:
        return f"; did you mean '#{close[0]}'?"
    listed = ", ".join(f"#{anchor}" for anchor in sorted(anchors)[:8])
    return f" (its sections: {listed})" if listed else ""
