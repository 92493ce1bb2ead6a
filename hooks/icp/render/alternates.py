"""Every page's versions in the site's languages: the head's ``<link rel="alternate" hreflang>``, the
language switcher and the sitemap's alternates, from one list of the pages the site writes.

A page's versions share its path below the language's folder (``topics/education.html``,
``fr/topics/education.html``). English, the site's root, is also the ``x-default``. Links are
relative to the page (the site works from a folder) unless the site has a published address.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from markupsafe import Markup, escape

from icp import i18n
from icp.render.templating import render


# Stands for a page's file name while the links of every page of its folder are rendered once.
_NAME = "\x00"


@dataclass(frozen=True)
class Version:
    code: str
    name: str
    href: str
    current: bool


class Alternates:
    def __init__(self, languages: tuple[i18n.Language, ...], dest_uris: set[str], site_url: str = "") -> None:
        self.languages = languages
        self.dest_uris = dest_uris
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        # The head's links and the switcher of a folder's pages differ only by the page's file name:
        # rendered once per folder, language and set of versions (a thousand case pages: one each).
        self._rendered: dict[tuple, str] = {}
        self._folders: dict[tuple[str, str], str] = {}

    def language_of(self, dest_uri: str) -> i18n.Language:
        first = dest_uri.split("/", 1)[0]
        return next((language for language in self.languages[1:] if language.code == first), self.languages[0])

    def base(self, dest_uri: str) -> str:
        """The page's path below its language's folder."""
        return dest_uri.removeprefix(self.language_of(dest_uri).prefix)

    def versions(self, dest_uri: str, *, absolute: bool = False) -> list[Version]:
        """The page in each language it exists in, the page itself included, in the site's order."""
        base, own = self.base(dest_uri), self.language_of(dest_uri)
        found = []
        for language in self.languages:
            target = language.prefix + base
            if target not in self.dest_uris:
                continue
            if absolute or self.site_url:
                href = self.site_url + target
            else:
                href = self._folder_link(posixpath.dirname(target), posixpath.dirname(dest_uri)) + posixpath.basename(target)
            found.append(Version(language.code, language.name, href, language is own))
        return found

    def _folder_link(self, folder: str, start: str) -> str:
        """From the folder ``start`` to ``folder`` (both from the site's root), ending in '/' unless the same."""
        key = (folder, start)
        if key not in self._folders:
            self._folders[key] = "" if folder == start else posixpath.relpath(folder or ".", start or ".") + "/"
        return self._folders[key]

    def head_links(self, dest_uri: str) -> Markup:
        """The head's alternates: every version (itself too) and the English one as x-default; none for
        a page that exists in one language only."""
        return self._shaped("alternates.html", dest_uri)

    def switcher(self, dest_uri: str) -> Markup:
        """The header's language switcher: the page in each language (the finder's state follows, by
        ``assets/javascripts/languages.js``)."""
        return self._shaped("languages.html", dest_uri)

    def _shaped(self, template: str, dest_uri: str) -> Markup:
        versions = self.versions(dest_uri)
        if len(versions) < 2:
            return Markup()
        name = dest_uri.rsplit("/", 1)[-1]
        if not name or _NAME in dest_uri or not all(version.href.endswith(name) for version in versions):
            return self._render(template, dest_uri, versions)
        shape = [Version(v.code, v.name, v.href[:-len(name)] + _NAME, v.current) for v in versions]
        key = (template, self.language_of(dest_uri).code, tuple(shape))
        if key not in self._rendered:
            self._rendered[key] = str(self._render(template, dest_uri, shape))
        return Markup(self._rendered[key].replace(_NAME, str(escape(name))))

    def _render(self, template: str, dest_uri: str, versions: list[Version]) -> Markup:
        with i18n.use(self.language_of(dest_uri)):
            return Markup(render(template, versions=versions, default=versions[0]))
