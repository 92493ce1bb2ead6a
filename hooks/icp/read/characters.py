"""Characters a case file may not hold, and how to tell an editor about one they cannot see.

Control characters and lone surrogates break the open data (a surrogate cannot even be written
as UTF-8) and are invisible on the page. Bidirectional overrides and isolates can make a short
field display in a misleading order, so the front matter refuses them too; the body may need
them for right-to-left text, and its HTML goes through the sanitiser anyway. Long runs of
combining marks ("Zalgo" text) stack into towers that a browser draws over the lines, cards and
header around them, which no element box shows; real writing puts a few on a letter at most.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SURROGATE = "\ud800-\udfff"
_BIDI = "\u202a-\u202e\u2066-\u2069"

BODY_REFUSED = re.compile(f"[{_CONTROL}{_SURROGATE}]")
FRONT_MATTER_REFUSED = re.compile(f"[{_CONTROL}{_SURROGATE}{_BIDI}]")
_DEFAULT_IGNORABLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                      "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
                      "\U0001d173-\U0001d17a\U000e0000-\U000e0fff")
_OTHER_FORMAT = "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
# Invisible characters: every format character and default-ignorable code point, and the blank Braille
# pattern (icp.check.lookalikes says which the front matter refuses where).
INVISIBLE = re.compile(f"[{_DEFAULT_IGNORABLE}{_OTHER_FORMAT}\u2800]")
# What a message never quotes as it is: a character refused, or one that cannot be seen (a zero-width space).
SHOWN_ESCAPED = re.compile(f"[{_CONTROL}{_SURROGATE}{_BIDI}{_DEFAULT_IGNORABLE}{_OTHER_FORMAT}\u2800]")
# Vietnamese puts two marks on a letter, pointed and cantillated Hebrew or Tibetan stacks up to about five.
MAX_COMBINING_RUN = 6
_MARKS = ("Mn", "Me")
_LONG_NON_ASCII = re.compile(f"[^\\x00-\\x7f]{{{MAX_COMBINING_RUN + 1},}}")


def combining_run(text: str) -> tuple[int, int] | None:
    """The start and length of the first run of more than MAX_COMBINING_RUN combining marks in
    ``text``, or None. Only stretches of non-ASCII text are looked at, each character once."""
    if text.isascii():
        return None
    for stretch in _LONG_NON_ASCII.finditer(text):
        run = 0
        for offset, character in enumerate(stretch.group()):
            run = run + 1 if unicodedata.category(character) in _MARKS else 0
            if run > MAX_COMBINING_RUN:
                start = stretch.start() + offset - run + 1
                end = start + run
                while end < stretch.end() and unicodedata.category(text[end]) in _MARKS:
                    end += 1
                return start, end - start
    return None


def combining_problem(length: int) -> str:
    """What is wrong with a run of ``length`` combining marks, and the fix."""
    return (f"{length} combining marks (accents) in a row, which stack into a tower drawn over the text "
            f"around it; keep at most {MAX_COMBINING_RUN} on one letter")


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


_UNPRINTABLE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_SURROGATE}{_BIDI}]")


def printable(text: str) -> str:
    """``text`` safe to print on one line of a terminal or a CI log: every control character (line
    breaks and escape sequences included), surrogate and bidirectional control written as an escape.
    A file's name comes from whoever sent it, and a forged line could pass for another message."""
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` as a message may quote it: short, with refused and invisible characters written as escapes
    (``\\u200b``), so a message shows what the editor cannot see."""
    short = text if len(text) <= limit else text[:limit] + "…"
    return SHOWN_ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", short)
