"""``datapackage.json``: a Frictionless Data Package descriptor (the v1 tabular profile) of
``practices.csv``, so a reader's tools can check and load the table: each column's type, what is
required and unique, and the vocabulary as constraints (the countries, evidence and status as enums,
the topics as a pattern of their names joined as the CSV joins them). Made from the same schema and
vocabulary as the cases are checked against, at each build; tests run ``frictionless validate`` on it.
"""

from __future__ import annotations

import json
import re

from icp import routes
from icp.publish.opendata import CASE_LICENCE, CASE_LICENCE_URL, CSV_COLUMNS, LIST_SEPARATOR, SITE_NAME
from icp.read.schema import schema_for
from icp.read.vocabulary import Vocabulary
from icp.render.codebook import csv_columns

PATH = routes.DATAPACKAGE
_NUMBERS = {"integer": "integer", "number": "number"}
_REQUIRED_COLUMNS = {"slug", "url", "licence"}


def _field(column: str, schema: dict, vocabulary: Vocabulary, holds: str) -> dict:
    spec = schema["properties"].get(column, {})
    field: dict = {"name": column, "type": _NUMBERS.get(spec.get("type"), "string"), "description": holds}
    constraints: dict = {}
    if column in schema.get("required", ()) or column in _REQUIRED_COLUMNS:
        constraints["required"] = True
    if column == "slug":
        constraints["unique"] = True
        constraints["pattern"] = "[a-z0-9]+(-[a-z0-9]+)*"
    if "enum" in spec:
        constraints["enum"] = list(spec["enum"])
    if column == "topics":
        name = "(" + "|".join(re.escape(topic) for topic in vocabulary.topic_names) + ")"
        constraints["pattern"] = f"{name}({re.escape(LIST_SEPARATOR)}{name})*"
    if column == "licence":
        constraints["enum"] = [CASE_LICENCE]
    for keyword in ("minimum", "maximum"):
        if keyword in spec:
            constraints[keyword] = spec[keyword]
    if constraints:
        field["constraints"] = constraints
    return field


def datapackage(schema: dict, vocabulary: Vocabulary) -> dict:
    synced = schema_for(schema, vocabulary)
    holds = {column.name: column.holds for column in csv_columns(synced)}
    return {
        "profile": "tabular-data-package",
        "name": "intercultural-city-practices",
        "title": SITE_NAME,
        "description": "Good practices in intercultural integration from cities, one row per case; "
                       "codebook.html says what each column holds.",
        "licenses": [{"name": "CC-BY-4.0", "path": CASE_LICENCE_URL, "title": "Creative Commons Attribution 4.0"}],
        "resources": [{
            "name": "practices",
            "path": routes.PRACTICES_CSV,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": True,
                        "header": True},
            "schema": {
                "fields": [_field(column, synced, vocabulary, holds[column]) for column in CSV_COLUMNS],
                "primaryKey": ["slug"],
                "missingValues": [""],
            },
        }],
    }


def datapackage_json(schema: dict, vocabulary: Vocabulary) -> str:
    return json.dumps(datapackage(schema, vocabulary), ensure_ascii=False, indent=2) + "\n"
