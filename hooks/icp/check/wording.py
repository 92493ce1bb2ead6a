"""The validator's messages that the schema's errors do not make, as templates to fill: told by
:mod:`icp.check.validate` and, in the same words, by "Propose a practice" in the browser
(:mod:`icp.render.proposal` writes them into its data, with :mod:`icp.check.messages`' tables)."""

from __future__ import annotations

from icp.i18n import N_

YEAR_AFTER_BUILD = N_("{year} is after {last_year}, the year this build is dated (SOURCE_DATE_EPOCH, else the last "
                    "commit's date, never after today); {years} (a practice dated in the future would list first "
                    "everywhere)")
YEAR_WHOLE = N_("expected a whole number, found the number {year}; write it as year: {whole}")
SUMMARY_NOT_PLAIN = N_("must be plain text: remove HTML tags and Markdown (links, **bold**, `code`, # headings)")
CONTACT_PERSONAL = N_("name an office or organisation; no personal e-mail addresses or phone numbers")
PEOPLE_PERSONAL = N_("name an organisation or a group; no e-mail addresses or phone numbers")
EVALUATED_WITHOUT_EVALUATION = N_("is 'evaluated' but no source is marked as an evaluation; add evaluation: true to the "
                                "source that evaluates the practice (list it under sources: if it is not there), or "
                                "write 'results reported' or 'none given'")
EVALUATION_WITHOUT_EVALUATED = N_("marks this source as an evaluation of the practice, but evidence is '{evidence}'; "
                                "write evidence: evaluated, or remove evaluation: true if the source is not an "
                                "evaluation")
NOTHING_VISIBLE = N_("has no visible text (only spaces or invisible characters); fill it in{or_remove}")
OR_REMOVE_KEY = N_(" or remove the key")
ADDRESS_WITH_SPACE = N_("has a space or a line break in it; write the address on one line, without spaces (write a "
                      "space inside an address as %20)")
RELATED_ITSELF = N_("'{slug}' is this case itself; remove it")
RELATED_MISSING = N_("no case 'practices/{slug}.md' exists{fix}")
RELATED_MISSING_FIX = N_("; write the file name of an existing case, without .md, or remove it")
TRANSLATION_ITSELF = N_("'{slug}' is this case itself; list only the same practice written in other languages")
TRANSLATION_MISSING_FIX = N_("; write the file name of the translation, without .md, or remove it")
TRANSLATION_SAME_LANGUAGE = N_("'{slug}' is also written in {language} (language: {code}); a translation is the same "
                             "practice in another language: correct the language of one of the two files, or list "
                             "'{slug}' under related: instead")
TRANSLATION_TWICE = N_("through '{slug}' this case is one practice with {cases}, of which {count} are in {language} "
                     "(language: {code}): a practice has one case a language (the build links every case of a "
                     "group to every other); remove the translation that is not this practice, or list it under "
                     "related: instead")
FILE_TAKEN = N_("'{name}' already exists; edit that file, or choose another title")
def templates() -> dict[str, str]:
    """Every template of this module by its name, for the browser."""
    return {name: value for name, value in globals().items() if name.isupper() and isinstance(value, str)}
