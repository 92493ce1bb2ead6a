"""What a case body may contain once it is HTML: the one policy the sanitiser and the validator share.

The sanitiser (nh3, Rust's ammonia) applies it to every case body on its way into a page; the
validator walks the same HTML with the same predicates and reports, with a line and a fix, whatever
the sanitiser would remove. Because both ask :func:`attribute_value` the same question, the two cannot
drift apart: what the validator passes is exactly what the page shows.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

import nh3

TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "pre", "code", "kbd", "samp", "var", "em", "strong", "b", "i", "s", "del", "ins", "sub", "sup", "small",
    "mark", "abbr", "dfn", "cite", "q", "span", "div", "a", "img", "figure", "figcaption", "details", "summary",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
})
ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "abbr": frozenset({"title"}),
    "dfn": frozenset({"title"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"align", "colspan", "rowspan"}),
    "td": frozenset({"align", "colspan", "rowspan"}),
    "code": frozenset({"class"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Elements whose content is not text for the reader: dropped whole, not unwrapped.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "title",
    "textarea", "select", "xmp", "noembed", "noframes", "plaintext",
})
IMAGE_PATH = re.compile(r"images/[a-z0-9]+(?:-[a-z0-9]+)*\.(?:png|jpe?g|gif|webp)")
# Attributes that cmark-gfm itself writes for the validator's line numbers; never published.
CMARK_ONLY = frozenset({"data-sourcepos"})

_NUMBER = re.compile(r"[0-9]{1,4}")
_ALIGN = frozenset({"left", "center", "right"})
_CODE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_IGNORED = re.compile(r"[\t\n\r]")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read in ``url`` (it drops tabs and newlines, trims control
    characters and spaces at the ends), lower case; None for a relative address."""
    cleaned = _URL_IGNORED.sub("", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                             "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                             "\x1d\x1e\x1f ")
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def is_relative(url: str) -> bool:
    stripped = _URL_IGNORED.sub("", url).strip()
    return url_scheme(url) is None and not stripped.startswith(("//", "\\\\", "/\\", "\\/"))


def local_markdown_link(url: str) -> str:
    """A relative link to a Markdown file, as the page it becomes (``x.md#y`` -> ``x.html#y``)."""
    path, hash_mark, fragment = url.partition("#")
    if path.endswith(".md"):
        path = path[:-3] + ".html"
    return path + hash_mark + fragment


def attribute_value(tag: str, name: str, value: str) -> str | None:
    """The value the page keeps for this attribute, or None when the policy drops it."""
    if name not in ATTRIBUTES.get(tag, ()):
        return None
    if name == "href":
        if is_relative(value):
            return local_markdown_link(value)
        return value if url_scheme(value) in URL_SCHEMES else None
    if name == "src":
        return value if IMAGE_PATH.fullmatch(value) else None
    if name in ("width", "height", "start", "colspan", "rowspan"):
        return value if _NUMBER.fullmatch(value) else None
    if name == "align":
        return value if value in _ALIGN else None
    if name == "class":
        return value if _CODE_CLASS.fullmatch(value) else None
    return value


_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
# The sanitiser's parser drops an address it cannot parse (``https://a b``) before any filter sees it.
# For the view to keep such an address, so that the walk reports it, each name of an attribute that
# may hold one is marked while parsed: with the mark it is no address attribute to the sanitiser.
_MARK = "\x01"
_ADDRESS_NAMES = ("href", "src", "srcset", "action", "formaction", "data", "ping", "poster", "cite", "background")
_BEFORE_ADDRESS_NAME = re.compile(r"(?<=[\t\n\f\r /\"'])(?<!</)(?=" + "|".join(_ADDRESS_NAMES) + ")",
                                  re.IGNORECASE | re.ASCII)
_DROPPED_TAG = re.compile(r"<(" + "|".join(sorted(DROPPED_WITH_CONTENT)) + r")(?=[\s/>])", re.IGNORECASE)


def dropped_tags(html: str) -> list[str]:
    """The elements ``html`` opens that the sanitiser drops with their content, in order."""
    return [match.group(1).lower() for match in _DROPPED_TAG.finditer(html)]


def parsed_view(html: str) -> str:
    """``html`` as a browser's HTML parser reads it (html5ever, the parser the sanitiser uses),
    written back well-formed, with every element, attribute and address kept except the elements
    the sanitiser drops with their content. The validator walks this, not the text as written,
    so a parsing trick (``<!-->``, an attribute split over lines) is seen as the browser sees it.
    """
    marked = _BEFORE_ADDRESS_NAME.sub(_MARK, html.replace(_MARK, "\ufffd"))
    return nh3.clean(
        marked,
        tags=({name.lower() for name in _TAG_NAME.findall(html)} | TAGS) - DROPPED_WITH_CONTENT,
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={},
        generic_attribute_prefixes={""},
        url_schemes=set(URL_SCHEMES),
        strip_comments=False,
        link_rel=None,
    ).replace(_MARK, "")


@lru_cache(maxsize=4096)
def address_kept(url: str) -> bool:
    """Whether the sanitiser keeps ``url`` in an ``href``: besides its scheme, it must be an address
    rust-url can parse (no space in a host name, a port below 65536, ...)."""
    probe = nh3.clean(f'<a href="{escape(url)}"></a>', tags={"a"}, attributes={"a": {"href"}},
                      url_schemes=set(URL_SCHEMES), link_rel=None)
    return "href=" in probe


def sanitise(html: str) -> str:
    """``html`` with only the allowed tags, attributes and addresses left; comments removed."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=attribute_value,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
