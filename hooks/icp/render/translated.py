"""A case in other languages: the links of its page's "This practice in: ..." and the ``lang`` of a
case's own text where the page around it is in another language.

A translation is linked in the interface of its own language when the site has one (the French case
in the French pages, where the whole page is French), else in the current interface. The link's text
is the language's name in the reader's language, followed by its own name where that differs (a reader
who does not read the interface may still find theirs), marked with its ``lang``.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from icp import i18n, languages, routes
from icp.index import PracticeIndex
from icp.practice import Practice


@dataclass(frozen=True)
class TranslationLink:
    code: str
    name: str
    own_name: str
    href: str
    # The link's own text is in this language (the reader's).
    text_code: str


def case_language(practice: Practice) -> str:
    """The language of the case's own text where the page is in another ('' where they agree)."""
    return "" if i18n.current().code == practice.language else practice.language


def text_lang(practice: Practice) -> Markup:
    """A ``lang`` attribute for the case's own text (title, summary, body, its headings in the table of
    contents) where the page is in another language than the case."""
    language = case_language(practice)
    return Markup(' lang="%s"') % language if language else Markup()


def language_label(practice: Practice) -> str:
    """The case's language for a card or a finder row, where it differs from the page's: '' else."""
    reader = i18n.current().code
    return "" if practice.language == reader else languages.name(practice.language, reader)


def translation_links(practice: Practice, index: PracticeIndex, interfaces: tuple[str, ...]) -> list[TranslationLink]:
    """Each translation of ``practice`` (:meth:`PracticeIndex` made them symmetric), in its languages' order."""
    reader = i18n.current()
    here = reader.prefix + routes.case_page(practice.slug)
    links = []
    for slug in practice.translations:
        other = index.by_slug.get(slug)
        if other is None:
            continue
        code = other.language
        folder = ("" if code == i18n.DEFAULT else f"{code}/") if code in interfaces else reader.prefix
        links.append(TranslationLink(code, languages.name(code, reader.code), languages.own_name(code),
                                     routes.relative(folder + routes.case_page(slug), start=here), reader.code))
    return links
