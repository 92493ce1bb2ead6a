"""The site's languages: gettext catalogues read with Babel, and the language a page is written in.

English is the language the interface is written in (the catalogues' message ids). Every other
language is a catalogue, ``locale/<lang>/LC_MESSAGES/messages.po``: the site has a language as soon
as its catalogue exists, with no change to the code. Catalogues are compiled in memory when a build
starts (Babel's ``read_po`` and ``write_mo``), so no compiled ``.mo`` file is kept beside its ``.po``
to drift from it.

The language of what is being rendered is a context variable set by :func:`use`; the core's one
Jinja2 environment (:mod:`icp.templating`) and the Python code translate through :func:`gettext`
and :func:`ngettext`. Strings defined in Python before a language is known are marked with
:func:`N_` (for ``pybabel extract``) and translated where they are used.
"""

from __future__ import annotations

import contextvars
import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from icp import languages as case_languages

DEFAULT = "en"
LOCALE_DIR = "locale"
DOCS_DIR = "docs"
CATALOGUE = "LC_MESSAGES/messages.po"
ROOT = Path(__file__).resolve().parents[2]


class CatalogueError(ValueError):
    """A catalogue cannot be read; the message names the file and the fix."""


@dataclass(frozen=True)
class Language:
    code: str
    translations: NullTranslations
    # The vocabulary's names in this language (practices/taxonomy.yml's ``names:``), by English name.
    terms: dict = field(default_factory=dict, compare=False, hash=False)
    # Its hand-written pages (docs/<code>/...), by their path below its folder: ``about.md``.
    handwritten: frozenset = frozenset()

    @property
    def prefix(self) -> str:
        """The folder of the language's pages in the site: '' for English, 'fr/' for French."""
        return "" if self.code == DEFAULT else f"{self.code}/"

    @property
    def up(self) -> str:
        """From the language's folder to the site's root, where what is published once lives: '' or '../'."""
        return "../" * self.prefix.count("/")

    @property
    def name(self) -> str:
        """The language's name in itself: 'English', 'Français', 'Dansk'."""
        return name_of(self.code)


@lru_cache(maxsize=None)
def name_of(code: str) -> str:
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def codes(root: Path = ROOT) -> tuple[str, ...]:
    """English first, then every language that has a catalogue, in alphabetical order."""
    folder = root / LOCALE_DIR
    found = sorted(path.parent.parent.name for path in folder.glob(f"*/{CATALOGUE}")) if folder.is_dir() else []
    return (DEFAULT, *[code for code in found if code != DEFAULT])


def languages(root: Path = ROOT, names: dict | None = None) -> tuple[Language, ...]:
    """Every language of the site; ``names``: the vocabulary's names by language, then English name."""
    return tuple(Language(code, catalogue(root, code), dict((names or {}).get(code, {})), handwritten(root, code))
                 for code in codes(root))


def handwritten(root: Path, code: str) -> frozenset:
    folder = root / DOCS_DIR / code if code != DEFAULT else None
    if folder is None or not folder.is_dir():
        return frozenset()
    return frozenset(path.relative_to(folder).as_posix() for path in folder.rglob("*.md"))


@lru_cache(maxsize=None)
def _compiled(path: Path, mtime: float) -> Translations:
    try:
        with path.open("rb") as file:
            messages = read_po(file, abort_invalid=True)
    except Exception as error:  # Babel raises several kinds for a broken catalogue
        raise CatalogueError(f"{path}: the catalogue cannot be read ({error}); fix it, then check it with "
                             f"`.venv/bin/pybabel compile -d {LOCALE_DIR} --statistics`") from None
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return Translations(buffer)


def catalogue(root: Path, code: str) -> NullTranslations:
    if code == DEFAULT:
        return NullTranslations()
    path = root / LOCALE_DIR / code / CATALOGUE
    return _compiled(path, path.stat().st_mtime)


_current: contextvars.ContextVar[Language] = contextvars.ContextVar("icp_language",
                                                                   default=Language(DEFAULT, NullTranslations()))


@contextmanager
def use(language: Language):
    """Everything rendered inside is in ``language``."""
    token = _current.set(language)
    try:
        yield language
    finally:
        _current.reset(token)


def current() -> Language:
    return _current.get()


def gettext(message: str) -> str:
    return _current.get().translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _current.get().translations.ngettext(singular, plural, count)


def term(name: str) -> str:
    """A topic's, country's, evidence's or case language's name in the current language (the English one
    if it has none; a language's from CLDR)."""
    language = _current.get()
    return language.terms.get(name) or case_languages.named(name, language.code) or language.translations.gettext(name)


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark for extraction, translate later"
    return message


def number(value: int) -> str:
    """A count as the language writes it: '2,000' in English, '2 000' in French."""
    return format_decimal(value, locale=_current.get().code)


def schema_messages(fileobj, keywords, comment_tags, options):
    """Babel's extraction method for ``practices/practice.schema.json`` (``babel.cfg``): each property's
    ``description``, which the codebook and the proposal form show as :func:`gettext` translates it."""
    import json

    def descriptions(spec):
        for prop in (spec.get("properties") or {}).values():
            if isinstance(prop, dict):
                if isinstance(prop.get("description"), str):
                    yield prop["description"]
                yield from descriptions(prop.get("items") if isinstance(prop.get("items"), dict) else prop)

    for text in descriptions(json.load(fileobj)):
        yield 0, None, text, []
