"""The site's stylesheets, delivered so that nothing has to be fetched before a page is drawn and no
page carries them whole.

A page names its stylesheets with ``<link rel="stylesheet">``: the theme's (Material's ``main`` and
``palette``) and the site's own (``mkdocs.yml``'s ``extra_css``). A browser draws nothing until each
has arrived, one more round trip on a slow connection (Lighthouse's "render-blocking resources").
:meth:`Stylesheets.deliver` replaces those links, where the first was, with:

- a ``<style>`` element holding what the page's first screen needs of them (:mod:`icp.render.critical`),
  allowed by the page's Content-Security-Policy by its hash (:mod:`icp.render.csp`);
- a link to :attr:`Stylesheets.shared_path`, the same stylesheets as one file (comments and runs of
  white space left out), the same for every page and language, so that a reader's browser and the
  offline zip hold it once. It is linked for print media, which no screen waits for, and a one-line
  script switches it to every medium once it has arrived (no event handler attribute: the policy
  allows that script by its hash); a ``<noscript>`` link gives it to a browser without JavaScript.

The shared file comes after the page's own rules, which are a part of it in the same order, so once
it has arrived every element is styled exactly as by the stylesheets linked as MkDocs writes them.
Before it has, the first screen looks the same already: only what lies further down, or what a
reader's act or a script brings, waits for it.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from icp.render import critical
from icp.render.templating import render

_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)">[ \t]*\n?')
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# A script's class name made at run time: the text before a template literal's ${...} ("md-tag--${x}").
_PREFIX = re.compile(r"([A-Za-z_][\w-]*-)\$\{")
_PROPERTY = re.compile(r"--[A-Za-z_][\w-]*")
# What a selector names: classes, ids, attributes (with the words of their value), elements.
_ATTRIBUTE = re.compile(r"""\[\s*([\w-]+)\s*(?:[~|^$*]?=\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]*))\s*(?:[iIsS]\s*)?)?\]""")
_PSEUDO = re.compile(r"::?[\w-]+")
_CLASS_OR_ID = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")
_STRING_OR_SPACE = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|\s+""", re.S)
_TIGHT = re.compile(r"\s*([{};,])\s*")
# At-rules that hold rules (kept when one of their rules is); any other block is kept whole.
_GROUPS = ("@media", "@supports", "@layer", "@container", "@document")


class StylesheetError(ValueError):
    """A stylesheet the site cannot write into its pages (a bug of the site's own CSS, named here)."""


@dataclass(frozen=True)
class Rule:
    """A style rule: its selectors (each with the words it needs), and its declarations as written."""

    selectors: tuple[tuple[str, frozenset[str]], ...]
    declarations: str


@dataclass(frozen=True)
class Group:
    """An at-rule with rules inside (``@media``, ``@supports``...)."""

    prelude: str
    children: tuple


@dataclass(frozen=True)
class Verbatim:
    """Anything kept as written: ``@keyframes``, ``@font-face``, ``@page``."""

    text: str


class Stylesheets:
    """The stylesheets a build's pages link to, by their path in the site and in the order the pages
    link them, read once per build; ``scripts`` are the texts of the scripts the pages run (the
    classes they add, and the custom properties they name, count as used by the shared file)."""

    def __init__(self, sheets: dict[str, str], scripts=()) -> None:
        self._sheets = {path: parse(text, path) for path, text in sheets.items()}
        script_text = "\n".join(scripts)
        prefixes = tuple(sorted({prefix.lower() for prefix in _PREFIX.findall(script_text)}))
        script_words = frozenset(word.lower() for word in _WORD.findall(script_text))
        needed = {word for tree in self._sheets.values() for word in _words_needed(tree)}
        self._needed = frozenset(needed)
        self._script_words = frozenset(word for word in needed if word in script_words or word.startswith(prefixes))
        self._script_properties = frozenset(_PROPERTY.findall(script_text))
        self._used: set[str] = set()
        self.shared_css = "".join(_write(tree) for tree in self._sheets.values())
        digest = hashlib.sha256(self.shared_css.encode("utf-8")).hexdigest()[:8]
        self.shared_path = f"assets/stylesheets/site.{digest}.min.css"

    def shared_css_for_pages(self) -> str:
        """The shared file for the pages delivered so far (a whole build's): every rule that can apply to
        one of them or to what a script adds, every custom property such a rule or a script uses."""
        have = frozenset(self._used) | self._script_words
        return critical.write(self._sheets.values(), have, _declarations, first_screen=False,
                              properties=self._script_properties)

    def paths(self) -> tuple[str, ...]:
        return tuple(self._sheets)

    def deliver(self, html: str, page_path: str, root: str = "/") -> str:
        """``html`` (the page at ``page_path`` in the site) with its links to these stylesheets replaced,
        where the first was, by its first screen's rules and the link to the shared file. ``root`` is
        the site's path on its server, for a link that starts with ``/`` (the 404 page's)."""
        links = [match for match in _LINK.finditer(html) if self._sheet_of(match.group(1), page_path, root)]
        if not links:
            return html
        first_screen, everything = critical.tag_words(html)
        self._used |= everything & self._needed
        css = self._first_screen(first_screen & self._needed)
        if "</style" in css.lower():
            raise StylesheetError(f"{self.paths()[0]}: a stylesheet holds '</style', which would end the page's <style> element")
        if links[0].group(1).startswith("/"):
            href = root + self.shared_path
        else:
            href = posixpath.relpath(self.shared_path, posixpath.dirname(page_path) or ".")
        style = render("inline_style.html", css=Markup(css), href=href)
        pieces, at = [], 0
        for number, match in enumerate(links):
            pieces.append(html[at:match.start()])
            if number == 0:
                pieces.append(style)
            at = match.end()
        pieces.append(html[at:])
        return "".join(pieces)

    def _sheet_of(self, href: str, page_path: str, root: str) -> str | None:
        if "://" in href or href.startswith("//"):
            return None
        if href.startswith("/"):
            path = href[len(root):] if href.startswith(root) else None
        else:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), href))
        return path if path in self._sheets else None

    @lru_cache(maxsize=256)
    def _first_screen(self, words: frozenset[str]) -> str:
        return critical.write(self._sheets.values(), words, _declarations)


def parse(text: str, name: str) -> tuple:
    """A stylesheet as rules, groups and verbatim at-rules, without comments."""
    return tuple(_parse_block(_without_comments(text, name), name))


def _without_comments(text: str, name: str) -> str:
    out, at = [], 0
    for match in re.finditer(r"""/\*.*?\*/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|/\*""", text, re.S):
        token = match.group(0)
        if token == "/*":
            raise StylesheetError(f"{name}: a comment is never closed (*/)")
        out.append(text[at:match.start()])
        out.append(" " if token.startswith("/*") else token)
        at = match.end()
    out.append(text[at:])
    return "".join(out)


def _parse_block(text: str, name: str):
    at = 0
    while True:
        prelude_end = _next(text, at, "{;")
        prelude = text[at:prelude_end].strip()
        if prelude_end == len(text):
            if prelude:
                raise StylesheetError(f"{name}: text after the last rule: {prelude[:60]!r}")
            return
        if text[prelude_end] == ";":
            if prelude.lower().startswith("@import"):
                raise StylesheetError(f"{name}: @import cannot be written into a page; list the stylesheet in mkdocs.yml")
            if prelude and not prelude.lower().startswith("@charset"):
                yield Verbatim(prelude + ";")
            at = prelude_end + 1
            continue
        body_end = _closing(text, prelude_end, name)
        body = text[prelude_end + 1:body_end]
        keyword = prelude.split("(", 1)[0].split(None, 1)[0].lower() if prelude.startswith("@") else ""
        if keyword in _GROUPS:
            yield Group(_tight(prelude), tuple(_parse_block(body, name)))
        elif keyword:
            yield Verbatim(_tight(prelude) + "{" + _tight(body) + "}")
        else:
            yield Rule(tuple((_tight(selector), _needs(selector)) for selector in _split(prelude)), _tight(body))
        at = body_end + 1


def _next(text: str, at: int, stops: str) -> int:
    """The index of the first of ``stops`` at ``at`` or after, outside strings and brackets."""
    depth, quote, i = 0, "", at
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth <= 0 and char in stops:
            return i
        i += 1
    return len(text)


def _closing(text: str, opening: int, name: str) -> int:
    depth, i = 0, opening
    while True:
        i = _next(text, i, "{}")
        if i == len(text):
            raise StylesheetError(f"{name}: a block opened with '{{' is never closed")
        depth += 1 if text[i] == "{" else -1
        if depth == 0:
            return i
        i += 1


def _split(selectors: str) -> list[str]:
    parts, at = [], 0
    while at <= len(selectors):
        end = _next(selectors, at, ",")
        parts.append(selectors[at:end].strip())
        at = end + 1
    return [part for part in parts if part]


def _needs(selector: str) -> frozenset[str]:
    """The words a page must hold for ``selector`` to match anything: its classes, ids, attributes
    and elements, outside functional pseudo-classes (``:not(.x)`` matches where .x is absent). A
    selector with an escape needs nothing: it is always kept."""
    if "\\" in selector:
        return frozenset()
    needs = set()
    rest = _without_functions(selector)

    def attribute(match: re.Match) -> str:
        needs.add(match.group(1).lower())
        value = next((group for group in match.groups()[1:] if group), "")
        needs.update(word.lower() for word in _WORD.findall(value))
        return " "

    rest = _ATTRIBUTE.sub(attribute, rest)
    rest = _PSEUDO.sub(" ", rest)
    needs.update(name.lower() for name in _CLASS_OR_ID.findall(rest))
    rest = _CLASS_OR_ID.sub(" ", rest)
    needs.update(word.lower() for word in _WORD.findall(rest))
    return frozenset(needs)


def _without_functions(selector: str) -> str:
    out, depth = [], 0
    for char in re.sub(r"::?[\w-]+\(", "(", selector):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def _tight(text: str) -> str:
    """White space folded to one space, and none around braces, semicolons and commas (strings kept)."""
    folded = _STRING_OR_SPACE.sub(lambda match: match.group(1) or " ", text).strip()
    pieces = re.split(r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""", folded, flags=re.S)
    return "".join(piece if i % 2 else _TIGHT.sub(r"\1", piece) for i, piece in enumerate(pieces)).rstrip(";")


def _words_needed(tree) -> set[str]:
    words = set()
    for item in tree:
        if isinstance(item, Rule):
            for _, needs in item.selectors:
                words |= needs
        elif isinstance(item, Group):
            words |= _words_needed(item.children)
    return words


def _write(tree) -> str:
    out = []
    for item in tree:
        if isinstance(item, Rule):
            out.append(",".join(selector for selector, _ in item.selectors) + "{" + item.declarations + "}")
        elif isinstance(item, Group):
            out.append(item.prelude + "{" + _write(item.children) + "}")
        else:
            out.append(item.text)
    return "".join(out)


def _declarations(block: str) -> list[str]:
    """A rule's declarations, each as written (a ``;`` in a string or brackets does not end one)."""
    out, at = [], 0
    while at < len(block):
        end = _next(block, at, ";")
        if block[at:end].strip():
            out.append(block[at:end].strip())
        at = end + 1
    return out
