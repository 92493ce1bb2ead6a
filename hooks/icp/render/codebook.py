"""The codebook of the open data: what every field of ``practices.json`` and every column of
``practices.csv`` holds, made from the front-matter schema at each build so that it cannot fall
behind it.

A field's rules are worded from the schema's own keywords; a keyword the wording does not know
stops the build (:class:`UnknownKeyword`) rather than leaving a rule out of the codebook. A CSV
column that is neither a schema field nor described here stops it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from icp import i18n, routes
from icp.i18n import N_
from icp.i18n import gettext as _
from icp.body.convert import Heading
from icp.publish.opendata import (CASE_LICENCE, CASE_LICENCE_URL, CSV_COLUMNS, LICENCE_WORDING, LIST_SEPARATOR,
                                  SITE_NAME, SOURCE_SEPARATOR)
from icp.read.schema import schema_for
from icp.read.vocabulary import Vocabulary
from icp.render.pages import GeneratedPage, page
from icp.render.templating import render

CODEBOOK_PAGE = routes.CODEBOOK
CODEBOOK_TITLE = N_("Open data codebook")
CODEBOOK_TOC = ((2, "missing-values", N_("Missing values")), (2, "fields", N_("The fields of a case")),
                (3, "source-fields", N_("The fields of a source")), (2, "json", N_("The JSON file")),
                (2, "csv", N_("The CSV file")))
# Schema keywords that say nothing about a value's rules (or are worded elsewhere).
_NOT_RULES = frozenset({"description", "type", "examples", "items", "properties", "required",
                        "additionalProperties", "$schema", "$id", "title"})
_TYPE_NAMES = {"string": N_("text"), "integer": N_("whole number"), "number": N_("number"), "object": N_("object"),
               "array": N_("list"), "boolean": N_("true or false")}
_COLUMNS_NOT_IN_SCHEMA = {
    "slug": N_("The case's identifier: its file name in practices/ without .md. Never empty, never repeated."),
    "url": N_("The address of the case's page, relative to the site's root (practices/<slug>.html)."),
    "licence": N_("The licence of the case's text: {licence} ({address})."),
}


# The schema's words for a limit that moves (``x-maximum``), translated where the codebook shows them.
_NEXT_YEAR = N_("next year")


class UnknownKeyword(ValueError):
    """The schema uses a keyword the codebook cannot word: teach :func:`rules` or the build stops."""


@dataclass(frozen=True)
class FieldDoc:
    name: str
    required: bool
    type: str
    rules: tuple[str, ...]
    description: str
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    holds: str


def type_text(spec: dict) -> str:
    """``list of text``, ``whole number``, ..."""
    name = _TYPE_NAMES[spec["type"]]
    name = _(name)
    if spec["type"] == "array":
        item = spec["items"]
        return _("list of sources") if item.get("type") == "object" else _("list of {type}").format(type=type_text(item))
    return name


def rules(spec: dict, dependent: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Each constraint of a property in words, for the value and (for a list) for each item."""
    worded = []
    for keyword in spec:
        if keyword in _NOT_RULES:
            continue
        if keyword not in _RULE_WORDS:
            raise UnknownKeyword(f"the codebook cannot word the schema keyword {keyword!r}")
        text = _RULE_WORDS[keyword](spec)
        if text:
            worded.append(text)
    item = spec.get("items")
    if isinstance(item, dict) and item.get("type") != "object":
        worded.extend(_("each item: {rule}").format(rule=text) for text in rules(item))
    if dependent:
        worded.append(_("given together with {fields}").format(fields=_(" and ").join(dependent)))
    return tuple(worded)


def _length(spec: dict) -> str:
    low, high = spec.get("minLength"), spec.get("maxLength")
    if low and high:
        return _("{low} to {high} characters").format(low=low, high=high)
    return _("at least {low} characters").format(low=low) if low else _("at most {high} characters").format(high=high)


def _count(spec: dict) -> str:
    low, high = spec.get("minItems"), spec.get("maxItems")
    if low and high:
        return _("{low} to {high} items").format(low=low, high=high)
    return _("at least {low} items").format(low=low) if low else _("at most {high} items").format(high=high)


def _range(spec: dict) -> str:
    low, high = spec.get("minimum"), spec.get("maximum", spec.get("x-maximum"))
    if low is not None and high is not None:
        return _("from {low} to {high}").format(low=low, high=_(high) if high == _NEXT_YEAR else high)
    return _("at least {low}").format(low=low) if low is not None else _("at most {high}").format(high=high)


_RULE_WORDS = {
    "minLength": _length,
    "maxLength": lambda spec: "" if "minLength" in spec else _length(spec),
    "minItems": _count,
    "maxItems": lambda spec: "" if "minItems" in spec else _count(spec),
    "minimum": _range,
    "maximum": lambda spec: "" if "minimum" in spec else _range(spec),
    "x-maximum": lambda spec: "" if "minimum" in spec else _range(spec),
    "uniqueItems": lambda spec: _("no item twice") if spec["uniqueItems"] else "",
    "enum": lambda spec: _("one of {count}: {values}").format(count=len(spec["enum"]),
                                                              values=", ".join(map(str, spec["enum"]))),
    "pattern": lambda spec: _("matches the regular expression {pattern}").format(pattern=spec["pattern"]),
    "default": lambda spec: _("{default} when left out (the open data always gives it)").format(default=spec["default"]),
}


def schema_fields(spec: dict, dependencies: dict | None = None) -> list[FieldDoc]:
    """One entry per property of an object schema, in the schema's order."""
    dependencies = dependencies or {}
    required = set(spec.get("required", ()))
    return [
        FieldDoc(name=name, required=name in required, type=type_text(prop),
                 rules=rules(prop, tuple(dependencies.get(name, ()))), description=described(prop),
                 examples=tuple(map(str, prop.get("examples", ()))))
        for name, prop in spec["properties"].items()
    ]


def csv_columns(schema: dict) -> list[ColumnDoc]:
    """What each column of ``practices.csv`` holds, in the file's order."""
    properties = schema["properties"]
    sources = properties["sources"]["items"]["properties"]
    columns = []
    for column in CSV_COLUMNS:
        if column in _COLUMNS_NOT_IN_SCHEMA:
            holds = _(_COLUMNS_NOT_IN_SCHEMA[column]).format(licence=CASE_LICENCE, address=CASE_LICENCE_URL)
        elif column in properties and column != "sources":
            prop = properties[column]
            holds = described(prop)
            if prop["type"] == "array":
                holds += " " + _('The items are joined with "{separator}".').format(separator=LIST_SEPARATOR)
        elif column == "sources":
            holds = _("Every source in one cell, in order, joined with \"{separator}\": each its title ({title}), then "
                      "its address in angle brackets where it has one, as in \"Title <https://example.org/page>\". The "
                      "JSON file has every detail of each source.").format(separator=SOURCE_SEPARATOR,
                                                                           title=described(sources["title"]))
        else:
            raise KeyError(f"the codebook does not describe the CSV column {column!r}")
        columns.append(ColumnDoc(column, holds))
    return columns


def codebook_page(schema: dict, vocabulary: Vocabulary) -> GeneratedPage:
    """The codebook, with the schema's topic and country lists taken from the vocabulary."""
    synced = schema_for(schema, vocabulary)
    html = render(
        "codebook.html", title=_(CODEBOOK_TITLE), up=i18n.current().up,
        fields=schema_fields(synced, synced.get("dependentRequired")),
        source_fields=schema_fields(synced["properties"]["sources"]["items"]),
        columns=csv_columns(synced), separator=LIST_SEPARATOR,
        licence_note=_(LICENCE_WORDING).format(licence=CASE_LICENCE, address=CASE_LICENCE_URL, site=SITE_NAME),
    )
    toc = tuple(Heading(level, anchor, _(text)) for level, anchor, text in CODEBOOK_TOC)
    return page(_(CODEBOOK_TITLE), html, toc=toc, description=_("What each field of practices.json and each column of "
                                                                 "practices.csv holds, and how a missing value is written."))


def described(spec: dict) -> str:
    """A field's description from the schema, in the language being rendered (the catalogue holds
    the schema's descriptions: :func:`icp.i18n.schema_messages`)."""
    text = spec.get("description", "")
    return _(text) if text else ""
