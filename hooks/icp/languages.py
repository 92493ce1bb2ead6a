"""The languages a case may be written in: ISO 639-1's two-letter codes, named with Babel's CLDR data.

A case says ``language:`` (English when it does not); any language of ISO 639-1 may be given, not only
those the interface is translated into. :func:`name` gives a language's name in the reader's language
(the page's), :func:`own_name` in the language itself; :func:`code_for` reads what an editor may have
written instead of a code (a name, a region's variant) to suggest the code.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from babel import Locale, UnknownLocaleError

DEFAULT = "en"
# Names an editor may have written, in these languages besides the language's own.
_NAMED_IN = ("en", "fr", "da", "de", "es", "it", "pt", "nl")


@lru_cache(maxsize=1)
def codes() -> tuple[str, ...]:
    """Every ISO 639-1 code CLDR names, in alphabetical order (184)."""
    return tuple(sorted(code for code in Locale("en").languages if len(code) == 2 and code.isalpha()))


def is_code(value: object) -> bool:
    return isinstance(value, str) and value in _code_set()


@lru_cache(maxsize=1)
def _code_set() -> frozenset[str]:
    return frozenset(codes())


@lru_cache(maxsize=None)
def name(code: str, reader: str = DEFAULT) -> str:
    """``code``'s name in the ``reader``'s language, capitalised as a label: name('fr', 'en') 'French',
    name('en', 'fr') 'Anglais'."""
    try:
        found = Locale.parse(reader).languages.get(code)
    except (ValueError, TypeError, UnknownLocaleError):
        found = None
    found = found or Locale("en").languages.get(code) or code
    return found[:1].upper() + found[1:]


def own_name(code: str) -> str:
    """The language's name in itself, where CLDR has it: 'Français', 'Dansk'; else its English name."""
    try:
        Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        return name(code)
    return name(code, code)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for reader in _NAMED_IN:
        for code, written in Locale(reader).languages.items():
            if is_code(code):
                names.setdefault(written.casefold(), code)
    for code in codes():
        names.setdefault(own_name(code).casefold(), code)
    return names


_VARIANT = re.compile(r"([A-Za-z]{2})[-_][A-Za-z0-9]{2,8}")


def code_for(text: str) -> str | None:
    """The code an editor most likely meant by ``text``: 'FR' 'fr', 'fr-CA' 'fr', 'French' or 'français'
    'fr', and a full-width 'ｆｒ' 'fr' (read as NFKC folds it); None when nothing is close."""
    stripped = unicodedata.normalize("NFKC", text).strip()
    if is_code(stripped.lower()):
        return stripped.lower()
    variant = _VARIANT.fullmatch(stripped)
    if variant and is_code(variant[1].lower()):
        return variant[1].lower()
    return _by_name().get(stripped.casefold())


@lru_cache(maxsize=1)
def _by_english_name() -> dict[str, str]:
    return {name(code): code for code in codes()}


def english_name(code: str) -> str:
    """The name a case's language is filed under (the Language menu's terms, like the vocabulary's, are
    named in English and shown in the reader's language by :func:`icp.i18n.term`)."""
    return name(code)


def named(english: str, reader: str) -> str | None:
    """A language filed under its English name, named in the ``reader``'s language; None if ``english``
    names no language."""
    code = _by_english_name().get(english)
    return name(code, reader) if code else None
