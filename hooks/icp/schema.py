"""The JSON Schema of a case's front matter: one file, kept in step with the vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

from .vocabulary import Vocabulary

SCHEMA_FILE = "practice.schema.json"


def load_schema(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def schema_for(schema: dict, vocabulary: Vocabulary) -> dict:
    """The schema with its topic and country lists taken from the vocabulary."""
    synced = json.loads(json.dumps(schema))
    synced["properties"]["country"]["enum"] = vocabulary.country_names
    synced["properties"]["topics"]["items"]["enum"] = vocabulary.topic_names
    return synced


def dump_schema(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
