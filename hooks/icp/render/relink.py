"""A case's body on its page in another language: the relative links and images of its HTML lead to
that language's version of a page where it has one (the case pages, the menus' pages, the finder,
Contribute, its hand-written pages), else to the English site (images, open data, the codebook, a
hand-written page not yet translated). The body is rendered once, for the English page."""

from __future__ import annotations

import posixpath
import re

from markupsafe import Markup

from icp import i18n, routes

# Attributes of the sanitised HTML that hold an address (the sanitiser writes them double-quoted).
_ADDRESS = re.compile(r'\b(href|src)="([^"]*)"')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Pages every language has, by their first folder or their address.
_IN_EVERY_LANGUAGE = (routes.CASE_FOLDER + "/", *(group + "/" for group in routes.GROUPS))


def translated(target: str, language: i18n.Language) -> bool:
    """Whether the page at ``target`` (a published address) exists in ``language``."""
    if not target.endswith(".html") or target.startswith(routes.IMAGES + "/"):
        return False
    if target.startswith(_IN_EVERY_LANGUAGE) or target == routes.html(routes.CONTRIBUTE):
        return True
    return target[: -len(".html")] + ".md" in language.handwritten


def relinked(html: Markup, folder: str) -> Markup:
    """``html`` of a page in ``folder`` (below the language's own folder), its addresses changed for
    the current language; unchanged in English."""
    language = i18n.current()
    if not language.prefix:
        return html
    up = language.up + "../" * (folder.count("/") + 1)

    def relink(match: re.Match) -> str:
        attribute, address = match.groups()
        if not address or address.startswith(("#", "/", "?")) or _SCHEME.match(address):
            return match.group()
        path, hash_mark, fragment = address.partition("#")
        target = posixpath.normpath(posixpath.join(folder, path))
        if target.startswith("../") or translated(target, language):
            return match.group()
        return f'{attribute}="{up}{target}{hash_mark}{fragment}"'

    return Markup(_ADDRESS.sub(relink, str(html)))
