"""A message of the validator that can be told again in the reader's language.

The validator words every problem in English, as ``scripts/validate.py`` prints it. A message made
from a template of the tables (:mod:`icp.check.messages`, :mod:`icp.check.wording`) is a
:class:`Said`: the English text itself (a ``str``, so it is compared, sorted and printed as before),
carrying the template and the blanks it was filled with. :func:`told` fills the template again as
the current language's catalogue translates it (:func:`icp.i18n.gettext`), and each blank that is
itself a message the same way (a value quoted from the file never is); a plain text that is a message of the catalogue (a template with no
blank) is translated as it is; anything else (a value quoted from the file) is kept.
"""

from __future__ import annotations

import string

from icp.i18n import gettext

_FORMATTER = string.Formatter()


class Said(str):
    """An English message, with the ``template`` and ``blanks`` it was made from."""

    template: str
    blanks: dict

    def __new__(cls, template: str, blanks: dict) -> Said:
        said = super().__new__(cls, template.format_map(blanks))
        said.template, said.blanks = template, blanks
        return said

    def __reduce__(self):
        return Said, (self.template, self.blanks)


def said(template: str, blanks=None, /, **named: object) -> Said:
    """``template`` filled from ``blanks`` (any mapping, asked only for the names the template has) and ``named``."""
    source = dict(blanks or {}) if not hasattr(blanks, "__missing__") else blanks
    values = {}
    for _text, name, _spec, _conversion in _FORMATTER.parse(template):
        if name and name not in values:
            values[name] = named[name] if name in named else source[name]
    return Said(template, values)


def retold(message: Said, *names: str, **values: object) -> str:
    """``message`` in the current language with the blanks ``names`` left as blanks (``{name}``) and
    ``values`` put in others: a template for the browser made from the message the validator makes."""
    blanks = {**message.blanks, **{name: "{" + name + "}" for name in names}, **values}
    return told(Said(message.template, blanks))


def told(message: str) -> str:
    """``message`` in the current language (English when none is in use)."""
    if isinstance(message, Said):
        return _filled(message)
    return gettext(message) if message else message


def _filled(message: Said) -> str:
    """A blank that is a message is told too; one quoted from the file (a plain text) never is."""
    return gettext(message.template).format_map({name: _filled(value) if isinstance(value, Said) else value
                                                 for name, value in message.blanks.items()})
