"""How a message names a value, a close match and the years allowed: templates of the validator's
table of messages (marked for the catalogues), told in English by the validator and in the reader's
language by the form and the preview (:mod:`icp.check.said`; the browser has them from
:mod:`icp.render.proposalwords`)."""

from __future__ import annotations

import datetime
import difflib

from icp.check.said import Said, said
from icp.i18n import N_
from icp.read.characters import excerpt

FIRST_YEAR = 1945
# What a value is expected to be, by JSON Schema's type.
KIND = {
    "string": N_("text"), "integer": N_("a whole number"), "number": N_("a number"), "array": N_("a list"),
    "object": N_("a mapping of keys to values"), "boolean": N_("true or false"),
}
# What a value is, as found: kind_of's words.
FOUND = {
    "nothing": N_("nothing"), "boolean": N_("true/false ({value})"), "number": N_("the number {value}"),
    "text": N_("the text '{text}'"), "longText": N_("the text '{text}' ({length} characters)"),
    "emptyList": N_("an empty list"), "list": N_("a list"), "emptyMapping": N_("an empty mapping"),
    "mapping": N_("a mapping"),
}
DID_YOU_MEAN = N_("; did you mean '{match}'?")
DID_YOU_MEAN_LANGUAGE = N_("; did you mean '{code}' ({name})?")
YEAR_RANGE = N_("give a year from {first} to {last}")
WEB_ADDRESS = N_("'{value}' is not an http(s) URL; write it in full, starting with https://")
BOUNDS = {"between": N_("it must be between {low} and {high}"), "low": N_("it must be at least {low}"),
          "high": N_("it must be at most {high}")}


def kind_of(value: object) -> Said | str:
    """What ``value`` is, for a message; a text is quoted short (:func:`icp.read.characters.excerpt`)."""
    if value is None:
        return said(FOUND["nothing"])
    if isinstance(value, bool):
        return said(FOUND["boolean"], value=value)
    if isinstance(value, (int, float)):
        return said(FOUND["number"], value=value)
    if isinstance(value, str):
        return (said(FOUND["longText"], text=excerpt(value), length=f"{len(value):,}") if len(value) > 40
                else said(FOUND["text"], text=excerpt(value)))
    if isinstance(value, list):
        return said(FOUND["list" if value else "emptyList"])
    if isinstance(value, dict):
        return said(FOUND["mapping" if value else "emptyMapping"])
    return type(value).__name__


def year_range(last_year: int | None = None) -> Said:
    """The years a case may give: to the year of the build's date (this year when not told)."""
    return said(YEAR_RANGE, first=FIRST_YEAR, last=last_year or datetime.date.today().year)


def did_you_mean(value: str, choices) -> Said | str:
    folded = {choice.lower(): choice for choice in choices}
    match = difflib.get_close_matches(value.lower(), list(folded), n=1, cutoff=0.6)
    return said(DID_YOU_MEAN, match=folded[match[0]]) if match else ""


def web_address_problem(value: str) -> Said:
    return said(WEB_ADDRESS, value=excerpt(value, 80))


def bounds(low: object, high: object) -> Said:
    if low is not None and high is not None:
        return said(BOUNDS["between"], low=low, high=high)
    return said(BOUNDS["low"], low=low) if low is not None else said(BOUNDS["high"], high=high)
