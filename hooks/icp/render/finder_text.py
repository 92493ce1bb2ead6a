"""The finder's words for its scripts, in the page's language: the scripts hold no interface text.

Each message is gettext's (``icp.i18n``); the scripts fill ``{name}`` placeholders. A message with a
count comes in the language's plural forms as ``[one, other]``, which the scripts choose between with
the browser's ``Intl.PluralRules`` for the page's language.
"""

from __future__ import annotations

from icp.i18n import gettext as _
from icp.i18n import ngettext


def _forms(message) -> list[str]:
    """``message(count)`` for one and for many: the language's two forms."""
    return [message(1), message(2)]


def finder_text() -> dict:
    return {
        "practices": _forms(lambda n: ngettext("{num} practice", "{num} practices", n)),
        "cities": _forms(lambda n: ngettext("{num} city", "{num} cities", n)),
        "match": _forms(lambda n: ngettext("{practices} matches “{query}”", "{practices} match “{query}”", n)),
        "noMatch": _("No practice matches"),
        "noMatchQuery": _("No practice matches “{query}”"),
        "noMatchFilters": _("No practice matches with these filters"),
        "noMatchBoth": _("No practice matches “{query}” with these filters"),
        "city": _("City: {city}"),
        "fact": _("{label}: {value}"),
        "running.both": _("Running {from}–{to}"),
        "running.from": _("Running in {from} or later"),
        "running.to": _("Running in {to} or earlier"),
        "span.both": _("{from}–{to}"),
        "span.from": _("in {from} or later"),
        "span.to": _("in {to} or earlier"),
        "chosen": _("({num} chosen)"),
        "searching": _("Searching…"),
        "clearSearch": _("Clear the search"),
        "remove": _("Remove “{label}”"),
        "removeChip": _("Remove {label}"),
        "tryFewer": _("Try fewer or shorter words, another spelling, or fewer filters."),
        "pagesHeading": _("Pages of this site"),
        "pageKind": _(" (page)"),
        "alsoInText": _("Also in the text: "),
        "preparing": _("Preparing the file…"),
        "downloadStale": _("The download does not match this page; reload the page and try again."),
        "saved": _("{practices} saved as {format}."),
        "recordsFailed": _("The records could not be loaded; the full files are linked below."),
        "searchFailed": _("The search could not be loaded (reload the page to try again); the filters still work: "),
        "mapOf": _("Map of {practices} in {cities}"),
    }
