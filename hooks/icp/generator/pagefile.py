"""A generated page's front matter, as MkDocs and Material read it.

The core hands the generator each page as Markdown under a front matter (its title, description and
search settings). Material prints those values into HTML unescaped, and MkDocs keeps a front matter
it cannot read in the page's Markdown, so both are written here with care; another generator would
take the same fields as data.
"""

from __future__ import annotations

import json
import re
from html import escape


def front_matter_fields(title: str, **extra: object) -> dict:
    """The fields of a generated page's front matter. Material prints ``page.meta`` values into HTML
    without escaping (the title in <title> and the header, the description in a meta tag), so text
    is HTML-escaped here, the one place it lands."""
    return {key: escape(value) if isinstance(value, str) else value for key, value in {"title": title, **extra}.items()}


def front_matter(fields: dict) -> str:
    """A generated page's front matter holding ``fields`` (made by :func:`front_matter_fields`),
    every value written by :func:`yaml_flow`."""
    return "---\n" + "\n".join(f"{key}: {yaml_flow(value)}" for key, value in fields.items()) + "\n---\n\n"


def yaml_flow(value: object) -> str:
    """``value`` as a YAML flow value in ASCII, with YAML's own escapes (``\\xHH``, ``\\uHHHH``,
    ``\\UHHHHHHHH``). Not JSON: JSON writes a character above U+FFFF as two surrogate escapes, which
    libyaml refuses, and MkDocs then keeps the unread front matter in the page's Markdown, where
    Python-Markdown's extensions would read a case's title as Markdown."""
    if isinstance(value, str):
        return '"' + _YAML_ESCAPED.sub(_yaml_char, value) + '"'
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_flow(key)}: {yaml_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_flow(item) for item in value) + "]"
    if value is None or isinstance(value, (bool, int)):
        return json.dumps(value)
    raise TypeError(f"no YAML form for a front-matter value of type {type(value).__name__}")


# Everything but printable ASCII, the quote and the backslash: written as an escape.
_YAML_ESCAPED = re.compile(r'[^\x20\x21\x23-\x5b\x5d-\x7e]')


def _yaml_char(match: re.Match) -> str:
    character = match.group()
    code = ord(character)
    if character in '"\\':
        return "\\" + character
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"
