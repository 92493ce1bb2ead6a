"""Every page's versions in the site's languages: the head's ``<link rel="alternate" hreflang>``, the
language switcher and the sitemap's alternates, from one list of the pages the site writes.

A page's versions share its path below the language's folder (``topics/education.html``,
``fr/topics/education.html``). English, the site's root, is also the ``x-default``. Links are
relative to the page (the site works from a folder) unless the site has a published address.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from markupsafe import Markup

from icp import i18n
from icp.render.templating import render


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
                href = posixpath.relpath(target, posixpath.dirname(dest_uri) or ".")
            found.append(Version(language.code, language.name, href, language is own))
        return found

    def head_links(self, dest_uri: str) -> Markup:
        """The head's alternates: every version (itself too) and the English one as x-default; none for
        a page that exists in one language only."""
        versions = self.versions(dest_uri)
        if len(versions) < 2:
            return Markup()
        return Markup(render("alternates.html", versions=versions, default=versions[0]))

    def switcher(self, dest_uri: str) -> Markup:
        """The header's language switcher: the page in each language (the finder's state follows, by
        ``assets/javascripts/languages.js``)."""
        versions = self.versions(dest_uri)
        if len(versions) < 2:
            return Markup()
        with i18n.use(self.language_of(dest_uri)):
            return Markup(render("languages.html", versions=versions))
