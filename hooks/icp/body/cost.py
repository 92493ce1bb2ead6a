"""What a case body may cost before its HTML is parsed: refusals that keep every check fast.

cmark-gfm renders any text in linear time, but the HTML parser behind the sanitiser (html5ever, via
nh3) does not: it takes time quadratic in the length of one text run holding entities (200 KB of
``x&`` costs seconds), in the attributes of one tag and in the depth of nested elements, and it
reopens formatting elements left open in every new paragraph (a million elements from 20 KB). A
case is a page or two of text, so bodies far past what a case needs are refused here, from cmark's
HTML and in one pass each, before the parser (twice: the validator's view and the sanitiser) sees
them; :func:`parsed_cost_problem` catches what the parser still makes of the rest.
"""

from __future__ import annotations

import re

from icp.body.tokens import VOID_ELEMENTS

# A case of 500 words makes about 100 elements; past this a body is a data dump (or an attack on
# the build's time).
MAX_ELEMENTS = 10_000
# A paragraph of prose is a few thousand characters; a stretch of HTML longer than this between two
# tags (a paragraph, a code block or one tag) is refused.
MAX_RUN = 20_000
# Lists in quotes in tables are a dozen deep; Chromium's parser stops nesting at 512 and puts deeper
# elements beside each other, so a page would differ from what the validator walked. The walk
# refuses more than MAX_DEPTH; elements left open this far past it are refused before parsing.
MAX_DEPTH = 100
MAX_OPEN = 10 * MAX_DEPTH
# A parser reopens every formatting element left open (<b>, <em>, <code class=...> ...) in each new
# paragraph: 1,000 distinct ones left open before 1,000 paragraphs make a million elements from
# 20 KB. A few left open is a slip; past this many the body is refused before it is parsed.
MAX_OPEN_FORMATTING = 20
# cmark-gfm gives every row of a table as many cells as its header has: a header of 5,000 columns
# over 1,000 one-cell rows is 24 KB of text, 20 MB of HTML and half a second. Bounded from the text
# (widest row times rows with a '|') before cmark runs.
MAX_TABLE_CELLS = 5 * MAX_ELEMENTS
# What a parser may still add by reopening those: past this the view is refused before it is walked.
MAX_PARSED_ELEMENTS = 4 * MAX_ELEMENTS
# The formatting elements a parser keeps a list of and reopens (<a> and <nobr> close their own kind).
_FORMATTING = frozenset({"b", "big", "code", "em", "font", "i", "s", "small", "strike", "strong", "tt", "u"})
# Elements whose end a parser implies or that it reopens by itself: left open, they do not nest.
_NOT_NESTING = _FORMATTING | VOID_ELEMENTS | frozenset({
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup", "option",
    "optgroup", "rb", "rt", "rtc", "rp", "html", "head", "body", "a", "nobr",
})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_SOURCEPOS = re.compile(r'data-sourcepos="(\d+):')


def markdown_cost_problem(markdown: str, first_line: int) -> tuple[int, str] | None:
    """The line and message when the Markdown's tables could make more than ``MAX_TABLE_CELLS`` cells."""
    widest, widest_line, rows = 0, 0, 0
    for number, line in enumerate(markdown.split("\n")):
        pipes = line.count("|")
        if pipes:
            rows += 1
            if pipes > widest:
                widest, widest_line = pipes, number
    if (widest + 1) * rows > MAX_TABLE_CELLS:
        return widest_line + first_line, (
            f"this line has {widest:,} '|' and the body {rows:,} lines with one: a table gets as many cells in "
            f"each row as its header has, which could be more than {MAX_TABLE_CELLS:,} here; split the table, or "
            "link to the data it lists")
    return None


def cost_problem(html: str, first_line: int) -> tuple[int, str] | None:
    """The line and message of the first limit cmark's ``html`` goes past, or None."""
    if html.count("<") > MAX_ELEMENTS:
        return first_line, (f"the body makes more than {MAX_ELEMENTS:,} HTML elements; a case is a page or two of "
                            "text: shorten it, or link to the data it lists")
    long_run = _long_run(html)
    if long_run is not None:
        return _source_line(html, long_run, first_line), (
            f"this paragraph, code block or tag runs to more than {MAX_RUN:,} characters without a break; a case "
            "is a page or two of text: break it into paragraphs, or link to the data it lists")
    left_open = _left_open(html)
    if left_open is not None:
        offset, formatting = left_open
        if formatting:
            return _source_line(html, offset, first_line), (
                f"more than {MAX_OPEN_FORMATTING} bold, italic, code or other formatting elements are left open "
                "here, and a browser repeats each one in every paragraph after it; close each one you open "
                "(</b>, </em>, ...), or use Markdown")
        return _source_line(html, offset, first_line), (
            f"more than {MAX_OPEN:,} elements are left open here, nested far past the {MAX_DEPTH} levels a page "
            "may have; close each element you open, or use Markdown")
    return None


def parsed_cost_problem(view: str, first_line: int) -> tuple[int, str] | None:
    """The line and message when the parsed ``view`` holds far more elements than the text did."""
    if view.count("<") > 2 * MAX_PARSED_ELEMENTS:
        return first_line, ("a browser would build more than {:,} elements from this HTML (formatting left open "
                            "and repeated in every paragraph); close each element you open, or use Markdown"
                            ).format(MAX_PARSED_ELEMENTS)
    return None


def _long_run(html: str) -> int | None:
    """The offset of the first stretch of ``html`` between two ``<`` longer than ``MAX_RUN``, if any."""
    start = 0
    while start < len(html):
        end = html.find("<", start + 1)
        end = len(html) if end < 0 else end
        if end - start > MAX_RUN:
            return start
        start = end
    return None


def _left_open(html: str) -> tuple[int, bool] | None:
    """Where, counted from the text of the tags, more than ``MAX_OPEN`` nesting elements or more than
    ``MAX_OPEN_FORMATTING`` formatting elements are open at once (upper bounds of what a parser keeps
    open), and whether it is the formatting; None if nowhere."""
    nesting = 0
    formatting: dict[str, int] = {}
    open_formatting = 0
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        closing = bool(match.group(1))
        if name in _FORMATTING:
            count = formatting.get(name, 0)
            if closing and count:
                formatting[name] = count - 1
                open_formatting -= 1
            elif not closing:
                formatting[name] = count + 1
                open_formatting += 1
                if open_formatting > MAX_OPEN_FORMATTING:
                    return match.start(), True
        elif name not in _NOT_NESTING:
            nesting = max(0, nesting - 1) if closing else nesting + 1
            if nesting > MAX_OPEN:
                return match.start(), False
    return None


def _source_line(html: str, offset: int, first_line: int) -> int:
    """The file line of the block of cmark's HTML that holds ``offset``."""
    found = html.rfind('data-sourcepos="', 0, offset + 64)
    match = _SOURCEPOS.match(html, found) if found >= 0 else None
    return int(match.group(1)) + first_line - 1 if match else first_line
