"""A Content-Security-Policy for every page, as a second fence behind the sanitiser.

Written into the page's ``<head>`` as a ``<meta http-equiv>`` (a static site, read from any host or
from ``file://``, has no headers of its own to send). Scripts and styles may come only from the
site itself or be one of the inline blocks the page was built with, each allowed by the SHA-256 of
its text: so an inline event handler, a ``javascript:`` address or a script another host serves is
refused by the browser even if it ever reached a page. ``file:`` stands beside ``'self'`` because a
page opened from a folder has an opaque origin, which some browsers do not count as ``'self'``;
a page served over HTTP can never load a ``file:`` address.
"""

from __future__ import annotations

import base64
import hashlib
import re

from icp.render.templating import render

# Inline <script> and <style> blocks as the templates write them: an executable script has no type or
# a JavaScript one; a data block (``application/json``, ``application/ld+json``) is never run.
_INLINE = re.compile(r"<(script|style)((?:\s[^>]*)?)>(.*?)</\1\s*>", re.S | re.I)
_SOURCE = re.compile(r"\ssrc\s*=", re.I)
_DATA_TYPE = re.compile(r"""\stype\s*=\s*["']?(?!(?:text|application)/(?:x-)?(?:java|ecma)script|module)""", re.I)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)


def policy(html: str) -> str:
    """The policy for one page: its own inline scripts and styles by hash, everything else from the site."""
    scripts, styles = set(), set()
    for tag, attributes, body in _INLINE.findall(html):
        if tag.lower() == "style":
            styles.add(_digest(body))
        elif not _SOURCE.search(attributes) and not _DATA_TYPE.search(attributes):
            scripts.add(_digest(body))
    return "; ".join([
        "default-src 'self' file:",
        "script-src " + " ".join(["'self'", "file:", *sorted(scripts)]),
        "style-src " + " ".join(["'self'", "file:", *sorted(styles)]),
        "img-src 'self' file: data:",
        "font-src 'self' file: data:",
        "connect-src 'self' file:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self' file:",
    ])


def with_policy(html: str) -> str:
    """``html`` with its policy as the first element of its head (before any script it governs)."""
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = render("csp_meta.html", policy=policy(html))
    return html[:head.end()] + meta + html[head.end():]


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"
