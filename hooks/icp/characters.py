"""Characters a case file may not hold, and how to tell an editor about one they cannot see.

Control characters and lone surrogates break the open data (a surrogate cannot even be written
as UTF-8) and are invisible on the page. Bidirectional overrides and isolates can make a short
field display in a misleading order, so the front matter refuses them too; the body may need
them for right-to-left text, and its HTML goes through the sanitiser anyway.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SURROGATE = "\ud800-\udfff"
_BIDI = "\u202a-\u202e\u2066-\u2069"

BODY_REFUSED = re.compile(f"[{_CONTROL}{_SURROGATE}]")
FRONT_MATTER_REFUSED = re.compile(f"[{_CONTROL}{_SURROGATE}{_BIDI}]")


def describe(char: str) -> str:
    """What the character is, for a message: 'the control character U+0007'."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X}, half of a UTF-16 surrogate pair and no character by itself"
    if FRONT_MATTER_REFUSED.match(char) and not BODY_REFUSED.match(char):
        return f"the bidirectional control character U+{code:04X} ({unicodedata.name(char)})"
    return f"the invisible control character U+{code:04X}"


def fix_for(char: str) -> str:
    """What to do about it."""
    if 0xD800 <= ord(char) <= 0xDFFF:
        return r"write the character itself, not a '\u' escape of its UTF-16 halves"
    if not BODY_REFUSED.match(char):
        return "remove it (it can make the text display in a misleading order)"
    return "remove it (it is invisible on the page and breaks the open data)"


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` as a message may quote it: short, with refused characters written as escapes."""
    short = text if len(text) <= limit else text[:limit] + "…"
    return FRONT_MATTER_REFUSED.sub(lambda match: f"\\u{ord(match.group()):04x}", short)
