"""Text that looks like other text: invisible characters, words of two alphabets, and the key two
spellings of one city share.

``city: "Oslo"`` followed by a zero-width space, or with a Cyrillic capital O, looks like Oslo on
every page but is another city to the map and the finder: a second marker on top of the real one,
a second entry in every list. So the front matter refuses

- invisible characters: every format character (Unicode category Cf: zero-width space, joiner and
  non-joiner, word joiner, byte order mark, soft hyphen, direction marks, ...) and the other
  default-ignorable code points (variation selectors, Hangul fillers, ...), and the blank Braille
  pattern. Kept where writing needs them and where they cannot hide a letter: a zero-width joiner
  between two emoji (a family, a profession: one picture) or, with the non-joiner, between two
  letters of a script that shapes its letters by them (Arabic, Persian, the Indic scripts); a
  variation selector after an emoji, a symbol or a Han character; the tags of a flag emoji;
- words that mix the Latin, Cyrillic and Greek alphabets, whose look-alike letters (a, e, o, p, c,
  x, y ...) are drawn the same. A name in one alphabet (Київ, Αθήνα, 浜松市) is a name.

:func:`city_key` is what two spellings of one city have in common (capitals, accents, spacing,
punctuation and look-alike letters aside): the validator refuses a second spelling of a city.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from icp.read.characters import INVISIBLE
from icp.read.vocabulary import FOLD

ZWNJ, ZWJ = "\u200c", "\u200d"
_VARIATION = range(0xFE00, 0xFE10)
_IDEOGRAPHIC_VARIATION = range(0xE0100, 0xE01F0)
_MONGOLIAN_VARIATION = range(0x180B, 0x1810)
_TAGS = range(0xE0020, 0xE0080)
_BLACK_FLAG = "\U0001f3f4"
_SKIN_TONES = range(0x1F3FB, 0x1F400)
# Scripts whose letters join or take other shapes by a zero-width (non-)joiner in ordinary writing.
_JOINING_SCRIPTS = frozenset({
    "ARABIC", "SYRIAC", "NKO", "MANDAIC", "MONGOLIAN", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA",
    "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "TIBETAN", "MYANMAR", "KHMER", "HANIFI",
})
LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_MARK_RANGES = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = re.compile(f"(?:[^\\W\\d_]|[{_MARK_RANGES}])+")
# Cyrillic and Greek letters drawn like Latin ones, lowercase (a key is casefolded first):
# Cyrillic а в е к м н о р с т у х ѕ і ј ԁ ӏ һ ԛ ԝ ү, Greek α β ε ζ η ι κ μ ν ο ρ τ υ χ ω ϲ ϳ.
LATIN_LOOKALIKES = str.maketrans(
    "авекмнорстухѕіјԁӏһԛԝүαβεζηικμνορτυχωϲϳ",
    "abekmhopctyxsijdlhqwyabezhikmnoptyxwcj",
)
_FOLD_TABLE = str.maketrans(FOLD)


@lru_cache(maxsize=4096)
def script_of(character: str) -> str:
    """The alphabet a letter belongs to, by its Unicode name: "LATIN", "CYRILLIC", "GREEK", "ARABIC", ..."""
    name = unicodedata.name(character, "")
    return name.split(" ", 1)[0]


def _is_emoji(character: str) -> bool:
    code = ord(character)
    return unicodedata.category(character) in ("So", "Sk") and (0x2190 <= code <= 0x2BFF or 0x1F000 <= code <= 0x1FAFF)


def _joins(before: str, after: str) -> bool:
    """Whether a joiner between ``before`` and ``after`` is ordinary writing of a joining script."""
    return (bool(before) and bool(after) and unicodedata.category(before)[0] in "LM"
            and unicodedata.category(after)[0] in "LM"
            and script_of(before) in _JOINING_SCRIPTS and script_of(after) in _JOINING_SCRIPTS)


def _needed(text: str, at: int) -> bool:
    """Whether the invisible character at ``at`` is one that writing needs there (see the module)."""
    character, code = text[at], ord(text[at])
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if character == ZWJ:
        back = at - 1
        while back >= 0 and (ord(text[back]) in _VARIATION or ord(text[back]) in _SKIN_TONES):
            back -= 1
        if back >= 0 and _is_emoji(text[back]) and after and _is_emoji(after):
            return True
        return _joins(before, after)
    if character == ZWNJ:
        return _joins(before, after)
    if code in _VARIATION:
        return bool(before) and (unicodedata.category(before)[0] in "SN" or script_of(before) == "CJK")
    if code in _IDEOGRAPHIC_VARIATION:
        return bool(before) and script_of(before) == "CJK"
    if code in _MONGOLIAN_VARIATION:
        return bool(before) and script_of(before) == "MONGOLIAN"
    if code in _TAGS:
        return bool(before) and (before == _BLACK_FLAG or ord(before) in _TAGS)
    return False


def invisible_character(text: str) -> tuple[int, str] | None:
    """The position and character of the first invisible character ``text`` may not hold, or None."""
    if text.isascii():
        return None
    for found in INVISIBLE.finditer(text):
        if not _needed(text, found.start()):
            return found.start(), found.group()
    return None


def invisible_problem(text: str) -> str | None:
    """What is wrong, and the fix, when ``text`` holds an invisible character it may not; else None."""
    found = invisible_character(text)
    if found is None:
        return None
    at, character = found
    name = unicodedata.name(character, "a format character")
    where = f"after '{text[max(0, at - 30):at]}'" if at else "at its start"
    return (f"holds the invisible character U+{ord(character):04X} ({name}) {where}, which makes the text "
            "differ from what a reader sees (a second city or title that looks the same); remove it: delete "
            "the text around it and type it again")


def mixed_word(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The first word of ``text`` whose letters come from two of the Latin, Cyrillic and Greek
    alphabets, and those alphabets; None if every word keeps to one."""
    if text.isascii():
        return None
    for found in _WORD.finditer(text):
        word = found.group()
        if word.isascii():
            continue
        scripts = {script_of(character) for character in word if unicodedata.category(character)[0] == "L"}
        mixed = tuple(script for script in LOOKALIKE_SCRIPTS if script in scripts)
        if len(mixed) > 1:
            return word, mixed
    return None


def mixed_problem(text: str) -> str | None:
    found = mixed_word(text)
    if found is None:
        return None
    word, scripts = found
    foreign = [f"'{character}' (U+{ord(character):04X} {unicodedata.name(character, '')})" for character in word
               if unicodedata.category(character)[0] == "L" and script_of(character) != scripts[0]][:3]
    alphabets = " and ".join(script.capitalize() for script in scripts)
    return (f"the word '{word}' mixes {alphabets} letters ({', '.join(foreign)}), which look alike but are other "
            f"letters; retype the word: write all its letters as {scripts[0].capitalize()} ones")


def city_key(city: str) -> str:
    """What every spelling of one city has in common: without accents, capitals, spaces, punctuation
    and invisible characters, with look-alike Cyrillic and Greek letters read as the Latin ones
    ("Malmö", "malmo", "Malmo " and "Маlmö" with a Cyrillic M all give "malmo")."""
    decomposed = unicodedata.normalize("NFKD", INVISIBLE.sub("", city))
    letters = "".join(character for character in decomposed if unicodedata.category(character)[0] != "M")
    folded = letters.casefold().translate(_FOLD_TABLE).translate(LATIN_LOOKALIKES)
    return "".join(character for character in folded if character.isalnum())


def has_lookalikes(city: str) -> bool:
    """Whether ``city`` holds a Cyrillic or Greek letter that :func:`city_key` reads as a Latin one."""
    lowered = unicodedata.normalize("NFKD", city).casefold()
    return lowered.translate(LATIN_LOOKALIKES) != lowered


def normal_city(city: str) -> str:
    """A city as it is compared and shown: composed (NFC) and with single spaces, so that two ways of
    encoding the same letters, or a double space, make one city and not two."""
    return " ".join(unicodedata.normalize("NFC", city).split())
