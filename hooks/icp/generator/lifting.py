"""Generated HTML taken past Python-Markdown, which the generator runs on every page.

Python-Markdown parses raw HTML with a pure-Python parser; on index pages of thousands of cards that
cost more than the rest of the page, and it would run its extensions over text that is already
HTML. A generated page marks its HTML with :func:`html_block`; the hook takes each marked block out
before Markdown (:func:`lift_html`) and puts it back after (:func:`restore_html`). Unlifted, the
marks are HTML comments and the page is still right.
"""

from __future__ import annotations

import re

_START = "<!-- icp:html -->"
_END = "<!-- /icp:html -->"
_LIFTABLE = re.compile(re.escape(_START) + r"\n(.*?)\n" + re.escape(_END), re.DOTALL)
_LIFTED = re.compile(r"<!-- icp:lifted (\d+) -->")


def html_block(html: str) -> str:
    return f"\n{_START}\n{html.strip()}\n{_END}\n\n"


def lift_html(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each marked HTML block replaced by a numbered comment, and the blocks."""
    blocks: list[str] = []

    def lift(match: re.Match) -> str:
        blocks.append(match.group(1))
        return f"<!-- icp:lifted {len(blocks) - 1} -->"

    return _LIFTABLE.sub(lift, markdown), blocks


def restore_html(html: str, blocks: list[str]) -> str:
    """Lifted blocks back where Markdown left their comments (a number out of range stays a comment)."""
    return _LIFTED.sub(lambda match: blocks[int(match.group(1))] if int(match.group(1)) < len(blocks)
                       else match.group(0), html)
