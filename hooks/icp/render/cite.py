""""Cite this practice": a reference line and a BibTeX entry for a case page.

The reference follows the Chicago style for a web page, with the case's place and year after
its title, since the year is the practice's, not the page's:

    Title. City, Country, Year. In: Intercultural City Practices. Address. Accessed 30 November 2026.

The address is the page's URL when the site has a ``site_url``, otherwise its path from the
site's root. Two parts are left for the page's script (``docs/assets/javascripts/cite.js``)
to fill in when the reader copies: the date of access (today, where the build can only
give its own date) and, on a site built without ``site_url`` but read over http(s), the
page's real address. Each part says which, so the text before any script runs is a
complete citation already.

The BibTeX entry is an ``@online`` (biblatex's type for a web page; BibTeX styles read it as
``@misc``) keyed ``icp:<slug>``. Its fields are escaped for (La)TeX, and braces are kept
balanced even where the text has a lone ``{`` or ``}``: BibTeX counts every brace, escaped or
not, so those become ``\\textbraceleft{}`` and ``\\textbraceright{}``. Words with capitals are
braced so that styles which lower-case titles leave them alone; non-ASCII stays UTF-8,
as biber and biblatex read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from icp import i18n
from icp.i18n import gettext as _
from icp.practice import Practice
# Characters with a meaning in BibTeX or LaTeX text, and what stands for each.
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
    "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", '"': '{"}',
}
_SPECIAL = re.compile("|".join(re.escape(char) for char in BIBTEX_SPECIALS))
_WORD_OR_SPECIAL = re.compile(r"[^\W\d_]+|" + _SPECIAL.pattern)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACE = re.compile(r"\s+")
_URL_UNSAFE = re.compile(r"[{}\\\s\"]")
_SENTENCE_END = re.compile(r"[.?!…][\"'”’»)\]]*$")


@dataclass(frozen=True)
class Part:
    """A run of citation text; ``fill`` names what the page's script may put in its place:
    ``accessed`` (today, as 30 November 2026), ``urldate`` (today, as 2026-11-30) or ``address``."""

    text: str
    fill: str | None = None


@dataclass(frozen=True)
class Citation:
    slug: str
    reference: tuple[Part, ...]
    bibtex: tuple[Part, ...]

    @property
    def reference_text(self) -> str:
        return "".join(part.text for part in self.reference)

    @property
    def bibtex_text(self) -> str:
        return "".join(part.text for part in self.bibtex)


def plain(text: object) -> str:
    """One line of text: runs of white space made one space, control characters dropped."""
    return _CONTROL.sub("", _SPACE.sub(" ", str(text))).strip()


def sentence(text: str) -> str:
    """The text ended by a full stop, unless it ends a sentence already (``Who belongs?``)."""
    return text if _SENTENCE_END.search(text) else text + "."


def long_date(day: date) -> str:
    """'30 November 2026', '30 novembre 2026', '30. november 2026': the language's long date (British
    English's for English), as the page's script writes it with Intl.DateTimeFormat."""
    return format_date(day, "long", locale=date_locale())


def date_locale() -> str:
    code = i18n.current().code
    return "en_GB" if code == i18n.DEFAULT else code


def page_address(practice: Practice, site_url: str = "") -> str:
    """The case page's URL under ``site_url``, or its path from the site's root without one."""
    return f"{site_url.rstrip('/')}/{practice.url}" if site_url else practice.url


def bibtex_escape(text: str) -> str:
    return _SPECIAL.sub(lambda match: BIBTEX_SPECIALS[match.group()], plain(text))


def bibtex_title(text: str) -> str:
    """Escaped, with every word that has a capital in braces, as ``{Oslo} {Extra} {Large}``."""
    def protect(match: re.Match) -> str:
        token = match.group()
        if token in BIBTEX_SPECIALS:
            return BIBTEX_SPECIALS[token]
        return "{" + token + "}" if any(char.isupper() for char in token) else token

    return _WORD_OR_SPECIAL.sub(protect, plain(text))


def bibtex_url(url: str) -> str:
    """A URL fit for a verbatim ``url`` field: the characters that would unbalance or end it percent-encoded."""
    return _URL_UNSAFE.sub(lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode()), url)


def reference(practice: Practice, *, site_name: str, site_url: str = "", accessed: date) -> tuple[Part, ...]:
    year = practice.year if practice.year is not None else _("n.d.")
    head = (f"{sentence(plain(practice.title))} {plain(practice.city)}, {plain(i18n.term(practice.country))}, {year}"
            f"{'' if practice.year is None else '.'} {_('In:')} {sentence(plain(site_name))} ")
    return (
        Part(head),
        Part(page_address(practice, site_url), None if site_url else "address"),
        Part(". " + _("Accessed") + " "),
        Part(long_date(accessed), "accessed"),
        Part("."),
    )


def bibtex(practice: Practice, *, site_name: str, site_url: str = "", accessed: date) -> tuple[Part, ...]:
    address = Part(bibtex_url(page_address(practice, site_url)), None if site_url else "address")
    fields: list[tuple[str, tuple[Part, ...]]] = [
        ("author", (Part("{" + bibtex_escape(site_name) + "}"),)),
        ("title", (Part(bibtex_title(practice.title)),)),
        ("year", (Part(str(practice.year) if practice.year is not None else "n.d."),)),
        ("url", (address,)),
        ("howpublished", (Part("\\url{"), address, Part("}"))),
        ("urldate", (Part(accessed.isoformat(), "urldate"),)),
        ("note", (Part(f"{bibtex_escape(practice.city)}, {bibtex_escape(practice.country)}"),)),
    ]
    parts = [Part(f"@online{{icp:{practice.slug},\n")]
    for name, value in fields:
        parts.append(Part(f"  {name:<12} = {{"))
        parts.extend(value)
        parts.append(Part("},\n"))
    parts.append(Part("}"))
    return tuple(parts)


def citation(practice: Practice, *, site_name: str, site_url: str = "", accessed: date) -> Citation:
    """Both ways to cite a case; ``accessed`` is the build's date, which the page's script replaces."""
    options = dict(site_name=site_name, site_url=site_url, accessed=accessed)
    return Citation(practice.slug, reference(practice, **options), bibtex(practice, **options))
