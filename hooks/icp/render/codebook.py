"""The codebook of the open data: what every field of ``practices.json`` and every column of
``practices.csv`` holds, made from the front-matter schema at each build so that it cannot fall
behind it.

A field's rules are worded from the schema's own keywords; a keyword the wording does not know
stops the build (:class:`UnknownKeyword`) rather than leaving a rule out of the codebook. A CSV
column that is neither a schema field nor described here stops it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from icp import routes
from icp.body.convert import Heading
from icp.publish.opendata import CASE_LICENCE, CASE_LICENCE_URL, CSV_COLUMNS, LICENCE_NOTE, LIST_SEPARATOR, SOURCE_SEPARATOR
from icp.read.schema import schema_for
from icp.read.vocabulary import Vocabulary
from icp.render.pages import GeneratedPage, page
from icp.render.templating import render

CODEBOOK_PAGE = routes.CODEBOOK
CODEBOOK_TITLE = "Open data codebook"
CODEBOOK_TOC = (Heading(2, "missing-values", "Missing values"), Heading(2, "fields", "The fields of a case"),
                Heading(3, "source-fields", "The fields of a source"), Heading(2, "json", "The JSON file"),
                Heading(2, "csv", "The CSV file"))
# Schema keywords that say nothing about a value's rules (or are worded elsewhere).
_NOT_RULES = frozenset({"description", "type", "examples", "items", "properties", "required",
                        "additionalProperties", "$schema", "$id", "title"})
_TYPE_NAMES = {"string": "text", "integer": "whole number", "number": "number", "object": "object",
               "array": "list", "boolean": "true or false"}
_COLUMNS_NOT_IN_SCHEMA = {
    "slug": "The case's identifier: its file name in practices/ without .md. Never empty, never repeated.",
    "url": "The address of the case's page, relative to the site's root (practices/<slug>.html).",
    "licence": f"The licence of the case's text: {CASE_LICENCE} ({CASE_LICENCE_URL}).",
}


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
    if spec["type"] == "array":
        item = spec["items"]
        return "list of sources" if item.get("type") == "object" else f"list of {type_text(item)}"
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
        worded.extend(f"each item: {text}" for text in rules(item))
    if dependent:
        worded.append("given together with " + " and ".join(dependent))
    return tuple(worded)


def _length(spec: dict) -> str:
    low, high = spec.get("minLength"), spec.get("maxLength")
    if low and high:
        return f"{low} to {high} characters"
    return f"at least {low} characters" if low else f"at most {high} characters"


def _count(spec: dict) -> str:
    low, high = spec.get("minItems"), spec.get("maxItems")
    if low and high:
        return f"{low} to {high} items"
    return f"at least {low} items" if low else f"at most {high} items"


def _range(spec: dict) -> str:
    low, high = spec.get("minimum"), spec.get("maximum", spec.get("x-maximum"))
    if low is not None and high is not None:
        return f"from {low} to {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


_RULE_WORDS = {
    "minLength": _length,
    "maxLength": lambda spec: "" if "minLength" in spec else _length(spec),
    "minItems": _count,
    "maxItems": lambda spec: "" if "minItems" in spec else _count(spec),
    "minimum": _range,
    "maximum": lambda spec: "" if "minimum" in spec else _range(spec),
    "x-maximum": lambda spec: "" if "minimum" in spec else _range(spec),
    "uniqueItems": lambda spec: "no item twice" if spec["uniqueItems"] else "",
    "enum": lambda spec: f"one of {len(spec['enum'])}: " + ", ".join(map(str, spec["enum"])),
    "pattern": lambda spec: f"matches the regular expression {spec['pattern']}",
}


def schema_fields(spec: dict, dependencies: dict | None = None) -> list[FieldDoc]:
    """One entry per property of an object schema, in the schema's order."""
    dependencies = dependencies or {}
    required = set(spec.get("required", ()))
    return [
        FieldDoc(name=name, required=name in required, type=type_text(prop),
                 rules=rules(prop, tuple(dependencies.get(name, ()))), description=prop.get("description", ""),
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
            holds = _COLUMNS_NOT_IN_SCHEMA[column]
        elif column in properties and column != "sources":
            prop = properties[column]
            holds = prop.get("description", "")
            if prop["type"] == "array":
                holds += f' The items are joined with "{LIST_SEPARATOR}".'
        elif column == "sources":
            holds = (f"Every source in one cell, in order, joined with \"{SOURCE_SEPARATOR}\": each its title "
                     f"({sources['title'].get('description', '')}), then its address in angle brackets where it has one, "
                     "as in \"Title <https://example.org/page>\". The JSON file has every detail of each source.")
        else:
            raise KeyError(f"the codebook does not describe the CSV column {column!r}")
        columns.append(ColumnDoc(column, holds))
    return columns


def codebook_page(schema: dict, vocabulary: Vocabulary) -> GeneratedPage:
    """The codebook, with the schema's topic and country lists taken from the vocabulary."""
    synced = schema_for(schema, vocabulary)
    html = render(
        "codebook.html", title=CODEBOOK_TITLE,
        fields=schema_fields(synced, synced.get("dependentRequired")),
        source_fields=schema_fields(synced["properties"]["sources"]["items"]),
        columns=csv_columns(synced), separator=LIST_SEPARATOR, licence_note=LICENCE_NOTE,
    )
    return page(CODEBOOK_TITLE, html, toc=CODEBOOK_TOC, description="What each field of practices.json and each column of "
                                                   "practices.csv holds, and how a missing value is written.")
