"""The JSON Schema of a case's front matter: one file, kept in step with the vocabulary."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from icp import languages
from icp.read.vocabulary import Vocabulary

SCHEMA_FILE = "practice.schema.json"


class SchemaFileError(ValueError):
    """The schema file itself is broken; the message names the file, the place and the fix."""


_UNDO = "undo the edit (git checkout -- practices/practice.schema.json) or correct it"


def load_schema(path: Path) -> dict:
    """The schema as JSON, or :class:`SchemaFileError` saying where it is broken."""
    from icp.read.casefile import CaseFileError, read_project_file

    try:
        text = read_project_file(path, kind="schema file").decode("utf-8")
    except CaseFileError as error:
        raise SchemaFileError(f"{path}: cannot read the schema: {error.message}") from None
    except UnicodeDecodeError:
        raise SchemaFileError(f"{path}: the schema is not UTF-8; {_UNDO}") from None
    problem = _schema_problem(text)
    if problem:
        raise SchemaFileError(f"{path}{problem}; {_UNDO}")
    return json.loads(text)


@lru_cache(maxsize=4)
def _schema_problem(text: str) -> str:
    """What is wrong with a schema's text ('' if nothing), remembered: checking a schema against
    the meta-schema takes some 10 ms, and a preview server reloads the same text on every edit."""
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as error:
        return (f":{error.lineno}: the schema is not valid JSON: {error.msg} "
                f"(line {error.lineno}, column {error.colno})")
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
        properties = schema["properties"]
        if not isinstance(properties["topics"]["items"], dict) or not isinstance(properties["country"], dict):
            raise TypeError
    except SchemaError as error:
        return f": not a valid JSON Schema: {error.message}"
    except (KeyError, TypeError):
        return ": the schema has no 'properties' for 'country' and 'topics' items"
    return ""


def schema_for(schema: dict, vocabulary: Vocabulary) -> dict:
    """The schema with its topic and country lists taken from the vocabulary, its languages from CLDR."""
    synced = json.loads(json.dumps(schema))
    synced["properties"]["country"]["enum"] = vocabulary.country_names
    synced["properties"]["topics"]["items"]["enum"] = vocabulary.topic_names
    if isinstance(synced["properties"].get("language"), dict):
        synced["properties"]["language"]["enum"] = list(languages.codes())
    return synced


def dump_schema(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


class FrontMatterValidator:
    """The schema's verdict on a front matter, asked cheaply first.

    ``jsonschema`` takes about 0.1 ms a case, a tenth of the build hook's time, yet nearly every
    case is valid. A check compiled from the same schema answers "valid" for those; only when it
    cannot vouch for a case does ``jsonschema`` run, to find and word the problems. The compiled
    check never passes what the schema rejects (it is stricter where in doubt), and a schema with
    a keyword it does not know sends every case to ``jsonschema``.
    """

    def __init__(self, schema: dict):
        from jsonschema import Draft202012Validator

        self._full = Draft202012Validator(schema)
        self.quick = compile_quick_check(schema)

    def iter_errors(self, meta: object):
        if self.quick is not None and self.quick(meta):
            return iter(())
        return self._full.iter_errors(meta)


class _Unsupported(Exception):
    pass


_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "examples", "default"})
_TYPES = {
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    "array": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
    "boolean": lambda value: isinstance(value, bool),
}


def compile_quick_check(schema: dict):
    """A function meta -> bool that is True only for what ``schema`` accepts; None if it cannot be made."""
    try:
        return _compile(schema)
    except _Unsupported:
        return None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _compile(node: dict):
    checks = []
    for keyword, rule in node.items():
        if keyword in _ANNOTATIONS or keyword.startswith("x-"):
            continue
        checks.append(_keyword(keyword, rule, node))
    return lambda value: all(check(value) for check in checks)


def _keyword(keyword: str, rule, node: dict):  # noqa: C901 - one branch per keyword, on purpose
    if keyword == "type":
        if not isinstance(rule, str) or rule not in _TYPES:
            raise _Unsupported(keyword)
        return _TYPES[rule]
    if keyword == "enum":
        if not all(isinstance(item, str) for item in rule):
            raise _Unsupported(keyword)
        allowed = frozenset(rule)
        return lambda value: isinstance(value, str) and value in allowed
    if keyword == "minLength":
        return lambda value: not isinstance(value, str) or len(value) >= rule
    if keyword == "maxLength":
        return lambda value: not isinstance(value, str) or len(value) <= rule
    if keyword == "pattern":
        import re

        expression = re.compile(rule)
        return lambda value: not isinstance(value, str) or expression.search(value) is not None
    if keyword == "minimum":
        return lambda value: not _is_number(value) or value >= rule
    if keyword == "maximum":
        return lambda value: not _is_number(value) or value <= rule
    if keyword == "required":
        return lambda value: not isinstance(value, dict) or all(key in value for key in rule)
    if keyword == "properties":
        properties = {key: _compile(child) for key, child in rule.items()}
        return lambda value: not isinstance(value, dict) or all(
            properties[key](item) for key, item in value.items() if key in properties)
    if keyword == "additionalProperties":
        if rule is not False:
            raise _Unsupported(keyword)
        known = frozenset(node.get("properties", {}))
        return lambda value: not isinstance(value, dict) or all(key in known for key in value)
    if keyword == "items":
        if not isinstance(rule, dict):
            raise _Unsupported(keyword)
        item_check = _compile(rule)
        return lambda value: not isinstance(value, list) or all(item_check(item) for item in value)
    if keyword == "minItems":
        return lambda value: not isinstance(value, list) or len(value) >= rule
    if keyword == "maxItems":
        return lambda value: not isinstance(value, list) or len(value) <= rule
    if keyword == "uniqueItems":
        if rule is not True:
            raise _Unsupported(keyword)
        # Only lists of text are vouched for: JSON equality of other values (1 == 1.0 == true?) is subtle.
        return lambda value: not isinstance(value, list) or (
            all(isinstance(item, str) for item in value) and len(set(value)) == len(value))
    if keyword == "dependentRequired":
        return lambda value: not isinstance(value, dict) or all(
            all(needed in value for needed in needs) for key, needs in rule.items() if key in value)
    raise _Unsupported(keyword)
