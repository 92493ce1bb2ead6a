"""A case body, from the Markdown an editor wrote to the HTML a reader's browser gets.

The body is GitHub Flavored Markdown, rendered by cmark-gfm: GitHub's own C renderer, linear in its
input on any text (Python-Markdown took 66 s for 20 KB of ``[``), and the dialect a pull request's
preview shows. No extension that reads files, sets attributes or runs code is enabled: the Markdown
extensions of the hand-written pages never reach a case.

What the browser will get is checked, not the text as written: the rendered HTML is parsed the way
a browser parses it (:func:`icp.body.allowlist.parsed_view`) and walked with the allowlist's own
predicates; whatever the sanitiser would remove is reported with its file line and a fix. Then the
sanitiser runs, and only its output reaches a page. A last count of elements before and after
catches any disagreement between the walk and the sanitiser. A body far past what a case needs
(:mod:`icp.body.cost`) is refused before any of this, so every check stays fast on any text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from html import unescape

import cmarkgfm
from cmarkgfm.cmark import Options
from markupsafe import Markup

from icp.body import allowlist, wording
from icp.body.cost import MAX_DEPTH, cost_problem, markdown_cost_problem, parsed_cost_problem
from icp.body.tokens import VOID_ELEMENTS, tokens
from icp.read.characters import excerpt
from icp.read.vocabulary import slugify

_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SOURCEPOS
_EXTENSIONS = ("table", "strikethrough", "autolink")
_SOURCEPOS = re.compile(r"(\d+):\d+-(\d+):\d+")
# In cmark's own HTML: a tag, its block's lines, and its other attributes (cmark always writes
# name="value", escaped).
_CMARK_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?: [a-z-]+="[^"]*")*)')
_CMARK_ATTRIBUTE = re.compile(r' ([a-z-]+)="([^"]*)"')
_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SETEXT_H1 = re.compile(r"=+[ \t]*")
# Elements an HTML parser adds by itself (a table gets a tbody): not a sign of a parsing trick.
_IMPLIED = frozenset({"tbody", "html", "head", "body"})
MAX_ISSUES = 20
# Ids on a case page that are not headings of its body (sections the page template adds).
PAGE_ANCHORS = frozenset({"related-practices", "cite-this-practice", "icp-content"})


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str
    lang: str = ""  # the text's language where it differs from the page's (a case's heading on a French page)


@dataclass(frozen=True)
class Address:
    """A relative link or image address in the body, checked later against the site's pages."""

    line: int
    url: str
    kind: str  # "link" or "image"


@dataclass(frozen=True)
class BodyIssue:
    line: int
    message: str


@dataclass(frozen=True)
class RenderedBody:
    """``html`` is sanitised: the only case text a template may print without escaping it."""

    html: Markup
    headings: tuple[Heading, ...]
    addresses: tuple[Address, ...]
    issues: tuple[BodyIssue, ...]
    text: str = field(default="", repr=False)


def render_body(markdown: str, *, title: str = "", first_line: int = 1) -> RenderedBody:
    """The body as sanitised HTML with heading ids, and what the validator needs to know of it.

    ``first_line`` is the file line the body starts on, so issues point at the file's lines. A first
    heading that repeats ``title`` is left out (the page shows the title in its header).
    """
    return _render(markdown, title, first_line, trust_cmark=True)


def _render(markdown: str, title: str, first_line: int, *, trust_cmark: bool) -> RenderedBody:
    """``trust_cmark``: a body without raw HTML is read from cmark's output as it stands (tests
    compare it with the full reading, which every body with a "<" gets)."""
    source = _without_title_heading(markdown, title)
    too_costly = markdown_cost_problem(source, first_line)
    if too_costly is not None:
        return _refused(*too_costly)
    rendered = cmarkgfm.markdown_to_html_with_extensions(source, options=_OPTIONS, extensions=list(_EXTENSIONS))
    too_costly = cost_problem(rendered, first_line)
    if too_costly is not None:
        return _refused(*too_costly)
    # Without a "<" in the Markdown there is no raw HTML: the rendered HTML is cmark's own, which a
    # browser reads exactly as written, so it is walked as it is (most bodies: a third of the time).
    raw_html = "<" in source or not trust_cmark
    view = allowlist.parsed_view(rendered) if raw_html else rendered
    too_costly = parsed_cost_problem(view, first_line)
    if too_costly is not None:
        return _refused(*too_costly)
    walk = _Walk(source, first_line)
    if raw_html:
        walk.read(view)
    else:
        walk.read_cmark(rendered)
    dropped = _Walk(source, first_line)
    for tag in allowlist.dropped_tags(rendered):
        walk.report(dropped.where("<" + tag, "<" + tag.upper()), _tag_problem(tag))
    clean = allowlist.sanitise(rendered)
    issues = walk.all_issues() + (_differences(walk, clean, first_line) if raw_html
                                  else _addresses_kept(walk, rendered, clean, first_line))
    html, headings = _with_heading_ids(clean)
    level_1 = [heading for heading in headings if heading.level == 1]
    issues += [BodyIssue(line, f"the level-1 heading '{excerpt(heading.text, 80)}' differs from the title; remove it (the "
                               "page takes its heading from 'title') or use '##' for a section")
               for heading, line in zip(level_1, walk.h1_lines + [first_line] * len(level_1))]
    if not source.strip():
        issues.append(BodyIssue(first_line, wording.EMPTY))
    return RenderedBody(html=Markup(html), headings=tuple(headings), addresses=tuple(walk.addresses),
                        issues=tuple(sorted(set(issues), key=lambda issue: issue.line)), text=plain_text(html))


def _refused(line: int, message: str) -> RenderedBody:
    """A body past a cost limit (:mod:`icp.body.cost`): nothing published, one issue."""
    return RenderedBody(html=Markup(), headings=(), addresses=(), issues=(BodyIssue(line, message),))


def plain_text(html: str) -> str:
    """The words of sanitised HTML, for search: tags become spaces."""
    return " ".join(unescape(_TAG.sub(" ", html)).split())


def _atx_heading_text(line: str) -> str | None:
    """The text of a level-1 ATX heading line (``# Text #``), without regular expressions that could
    backtrack on a long line; None when the line is no such heading."""
    line = line.strip()
    if not line.startswith("#") or line[1:2] not in (" ", "\t"):
        return None
    text = line[1:].strip(" \t")
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):
        text = closed.rstrip(" \t")
    return text


def _without_title_heading(markdown: str, title: str) -> str:
    """The body with a first heading equal to ``title`` blanked out, line count kept."""
    lines = markdown.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not title:
        return markdown
    atx = _atx_heading_text(lines[first])
    if atx and atx.strip() == title.strip():
        lines[first] = ""
    elif (lines[first].strip() == title.strip() and first + 1 < len(lines)
          and _SETEXT_H1.fullmatch(lines[first + 1].strip())):
        lines[first] = lines[first + 1] = ""
    return "\n".join(lines)


class _Walk:
    """One pass over the HTML as a browser reads it: what the allowlist drops, with the file line of each.

    Lines come from cmark's ``data-sourcepos`` on block elements; raw HTML and addresses are looked
    up in the source, moving forward only; a failed look-up stops further ones until the next block,
    and all look-ups together read at most a few times the body, so the walk stays linear.
    """

    def __init__(self, source: str, first_line: int):
        self.source = source
        self.first_line = first_line
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self.cursor = 0
        self.search_end = len(source)
        self.searching = True
        self.search_budget = 4 * len(source) + 10_000
        self.blocks: list[tuple[str, int]] = []
        self.last_line = 1
        self.issues: list[BodyIssue] = []
        self.unreported = 0
        self.addresses: list[Address] = []
        self.elements: Counter = Counter()
        self.h1_lines: list[int] = []

    def where(self, *written: str) -> int:
        """The file line of what is being read."""
        if self.searching and self.search_budget > 0:
            for text in written:
                found = self.source.find(text, self.cursor, self.search_end) if text else -1
                self.search_budget -= (found if found >= 0 else self.search_end) - self.cursor
                if found >= 0:
                    self.cursor = found
                    return bisect_right(self.line_starts, found) + self.first_line - 1
            self.searching = False
        line = self.blocks[-1][1] if self.blocks else self.last_line
        return line + self.first_line - 1

    def report(self, line: int, message: str) -> None:
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(BodyIssue(line, message))
        else:
            self.unreported += 1

    def all_issues(self) -> list[BodyIssue]:
        if not self.unreported:
            return list(self.issues)
        return self.issues + [BodyIssue(self.issues[-1].line, f"... and {self.unreported} more problems like these; fix them the same way")]

    def read(self, view: str) -> None:
        for token in tokens(view):
            if token.kind == "start":
                self._start(token.tag, token.attributes)
            elif token.kind == "end":
                self._end(token.tag)
            elif token.kind == "comment":
                self._comment(token.text)
            else:
                self.report(self.where(), "the browser would read this HTML in an unusual way; write plain, "
                                          f"well-formed HTML or use Markdown (near '{token.text}')")

    def _enter_block(self, position: re.Match) -> None:
        start, end = int(position.group(1)), int(position.group(2))
        self.last_line = start
        self.cursor = max(self.cursor, self.line_starts[min(start, len(self.line_starts)) - 1])
        self.search_end = self.line_starts[end] if end < len(self.line_starts) else len(self.source)
        self.searching = True

    def _start(self, tag: str, attributes: tuple[tuple[str, str], ...]) -> None:
        position = next((_SOURCEPOS.match(value) for name, value in attributes if name == "data-sourcepos"), None)
        if position and not self.last_line <= int(position.group(1)) <= int(position.group(2)) < len(self.line_starts) + 1:
            position = None  # not cmark's: an editor may write data-sourcepos too
        if position:
            self._enter_block(position)
        if tag not in VOID_ELEMENTS:
            self.blocks.append((tag, int(position.group(1)) if position else
                                self.blocks[-1][1] if self.blocks else self.last_line))
            if len(self.blocks) == MAX_DEPTH + 1:
                self.report(self.where(), f"elements are nested more than {MAX_DEPTH} deep here, which a browser "
                                          "shows differently from this check; write flatter HTML or Markdown")
        names = tuple(sorted(name for name, _ in attributes if name not in allowlist.CMARK_ONLY))
        self.elements[(tag, names)] += 1
        if tag == "h1":
            self.h1_lines.append(int(position.group(1)) + self.first_line - 1 if position else self.where("<h1", "# "))
        if tag not in allowlist.TAGS:
            self.report(self.where("<" + tag, "<" + tag.upper()), _tag_problem(tag))
            return
        for name, value in attributes:
            if name not in allowlist.CMARK_ONLY:
                self._attribute(tag, name, value)

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if allowlist.attribute_value(tag, name, value) is None or not _scheme_allowed(name, value):
            self.report(self.where(value, name + "="), _attribute_problem(tag, name, value))
        elif name in ("href", "src") and not allowlist.address_kept(value):
            self.report(self.where(value, name + "="), _unreadable_address(value))
        elif name in ("href", "src") and allowlist.is_relative(value):
            self.addresses.append(Address(self.where(value), value, "image" if name == "src" else "link"))

    def read_cmark(self, rendered: str) -> None:
        """The same checks over HTML that cmark wrote from Markdown alone (no raw HTML): its markup is
        regular, so one pattern reads its tags and attributes with no parser."""
        for match in _CMARK_TAG.finditer(rendered):
            closing, tag, attribute_text = match.groups()
            if closing:
                self._end(tag)
            else:
                self._start(tag, tuple((name, unescape(value)) for name, value in _CMARK_ATTRIBUTE.findall(attribute_text)))

    def _end(self, tag: str) -> None:
        for index in range(len(self.blocks) - 1, max(-1, len(self.blocks) - 64), -1):
            if self.blocks[index][0] == tag:
                del self.blocks[index:]
                if not self.blocks:
                    self.search_end = len(self.source)
                    self.searching = True
                break

    def _comment(self, data: str) -> None:
        if data.startswith(("?", "[", "!")):
            self.report(self.where("<" + data[:1]), "a declaration, CDATA section or processing instruction "
                                                     "(<!...>, <![...]>, <?...>) is not allowed in a body; remove it")


def _scheme_allowed(name: str, value: str) -> bool:
    if name not in ("href", "src"):
        return True
    return allowlist.is_relative(value) or allowlist.url_scheme(value) in allowlist.URL_SCHEMES


_tag_problem = wording.tag_problem
_attribute_problem = wording.attribute_problem


def _unreadable_address(value: str) -> str:
    return (f"the address '{excerpt(value, 60)}' is not one a browser can read (a space or other character in the host name, "
            "a port past 65535, ...); copy the address from the browser's address bar")


def _differences(walk: _Walk, clean: str, first_line: int) -> list[BodyIssue]:
    """The sanitiser removed nothing the walk did not report, and kept nothing the walk did not see."""
    if walk.issues:
        return []
    after: Counter = Counter()
    for token in tokens(clean):
        if token.kind == "start":
            after[(token.tag, tuple(sorted(name for name, _ in token.attributes if name != "rel")))] += 1
    removed = walk.elements - after
    added = [key for key in after if key not in walk.elements and key[0] not in _IMPLIED]
    if not removed and not added:
        return []
    what = ", ".join(f"<{tag}{''.join(' ' + name for name in names)}>" for tag, names in list(removed or added)[:3])
    return [BodyIssue(first_line, f"the sanitiser changes this body's HTML (around {what}); write plain, "
                                  "well-formed HTML or use Markdown instead")]


def _addresses_kept(walk: _Walk, rendered: str, clean: str, first_line: int) -> list[BodyIssue]:
    """cmark's own HTML: the sanitiser can only drop a link's or an image's address (every other
    element and attribute of it is allowed), and the walk asked the same predicate, so the counts of
    addresses agree unless the sanitiser's URL parser refused one the predicate passed."""
    if walk.issues or (rendered.count(' href="') + rendered.count(' src="')
                       == clean.count(' href="') + clean.count(' src="')):
        return []
    return [BodyIssue(first_line, "the sanitiser drops an address of this body that looks well-formed (a link "
                                  "or an image); check every address: no spaces, a valid host and port")]


def _with_heading_ids(html: str) -> tuple[str, list[Heading]]:
    """Ids for every heading, from its text (ASCII, unique on the page), and the headings in order."""
    used = set(PAGE_ANCHORS)
    next_number: dict[str, int] = {}
    headings: list[Heading] = []

    def add_id(match: re.Match) -> str:
        level, inner = int(match.group(1)), match.group(2)
        text = plain_text(inner)
        base = slugify(text)[:60].strip("-") or "section"
        if base.startswith(("icp-", "md-")):
            base = f"section-{base}"
        anchor, number = base, next_number.get(base, 1)
        while anchor in used:
            number += 1
            anchor = f"{base}-{number}"
        next_number[base] = number
        used.add(anchor)
        headings.append(Heading(level, anchor, text))
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    return _HEADING.sub(add_id, html), headings
