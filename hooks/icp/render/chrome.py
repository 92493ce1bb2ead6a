"""Parts of the theme's frame around a page made once and reused (issue 19, docs/benchmarks.md "The
theme's frame, made once"): Material renders its menu, tabs, footer, configuration and script tags
again for every page, the same for a thousand case pages of one folder.

What such a part shows depends on the page only through
- its language (the words, the language's menu: part of the key);
- its folder (every link is relative to the page, and a tab is marked current for the pages inside
  its folder: part of the key);
- whether the page is itself in the menu (its item is then marked current and holds its contents):
  such a page (the home page, About, a topics index, some ten per language) is not cached at all.

The templates (``hooks/overrides``) wrap such a part in ``{% call icp_once("part") %}``; this module
knows nothing of MkDocs: the hook gives each page its ``once`` with the page's key.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

Once = Callable[..., str]


def _render(part: str, caller: Callable[[], str]) -> str:
    return caller()


class Chrome:
    """The theme's parts already made, by (part, language, folder); one build's worth."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str, str], str] = {}
        self.reused = 0

    def clear(self) -> None:
        self._made.clear()
        self.reused = 0

    def once_for(self, language: str, page_url: str, *, in_menu: bool) -> Once:
        """The ``once`` of a page at ``page_url`` (the address MkDocs gives it, relative to the site)
        in ``language``: a part rendered by the first page of the same language and folder that is
        not in the menu serves the others; a page in the menu renders its own."""
        if in_menu:
            return _render
        folder = posixpath.dirname(page_url)

        def once(part: str, caller: Callable[[], str]) -> str:
            key = (part, language, folder)
            made = self._made.get(key)
            if made is None:
                made = self._made[key] = caller()
            else:
                self.reused += 1
            return made

        return once
