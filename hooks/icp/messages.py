"""How a broken rule is told to an editor: the JSON Schema's errors as what to fix, and the wording
every message of the validator shares (a close match, what a value is, the years allowed)."""

from __future__ import annotations

import datetime
import difflib
import re

from jsonschema.exceptions import ValidationError

from .casefile import CaseFile
from .characters import excerpt
from .frontmatter import field_name, lenient_integer
from .vocabulary import Vocabulary

FIRST_YEAR = 1945
_KIND = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of keys to values",
    "boolean": "true or false",
}


def explain(error: ValidationError, case: CaseFile, vocabulary: Vocabulary) -> tuple[int | None, str, str]:
    """The line, field and message of one schema error, worded as what to fix."""
    location = tuple(error.absolute_path)
    field = field_name(location)
    line = case.line_of(location)
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        key = missing.group(1) if missing else "?"
        if location[:1] == ("sources",):
            return (line or case.closing_line, f"sources[{location[1]}]",
                    f"the required key '{key}' is missing; add it to this source, e.g. {key}: The source's {key}")
        return (case.closing_line, key,
                f"the required key '{key}' is missing; add it to the front matter, between the "
                f"'---' lines (lines 1 and {case.closing_line}){_REQUIRED_HINTS.get(key, '')}")
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [key for key in value if key not in allowed]
        key = extras[0] if extras else "?"
        message = f"'{key}' is not an allowed key{did_you_mean(str(key), allowed)} (allowed: {', '.join(allowed)})"
        if len(extras) > 1:
            message = f"{', '.join(repr(k) for k in extras)} are not allowed keys (allowed: {', '.join(allowed)})"
        return (case.line_of(location + (key,)) or line, field or str(key) if not location else f"{field}.{key}", message)
    if kind == "enum":
        if location[:1] == ("topics",):
            return (line, field, f"'{excerpt(value, 80)}' is not a topic{did_you_mean(str(value), vocabulary.topic_names)}"
                    " (the topics are listed in practices/taxonomy.yml)")
        if location in (("evidence",), ("status",)):
            choices = error.validator_value
            close = did_you_mean(value, choices) if isinstance(value, str) else ""
            found = "is empty" if value == "" else f"{_quoted(value)} is not one of the allowed values{close}"
            return (line, field, f"{found}; write exactly one of "
                    + ", ".join(f"'{choice}'" for choice in choices) + _ENUM_HINTS[location[0]])
        return (line, field, f"'{excerpt(value, 80)}' is not a country in the vocabulary"
                f"{did_you_mean(str(value), vocabulary.country_names)}"
                " (add a new country to practices/taxonomy.yml in the same pull request)")
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, str) else expected[0]
        hint = ""
        text = value.strip() if isinstance(value, str) else ""
        span = re.fullmatch(r"(\d{4})\s*[-–—/]\s*(\d{2,4})", text)
        read_as = lenient_integer(text)
        if expected == "integer" and re.fullmatch(r"[0-9]{1,15}", text):
            hint = f"; remove the quotes: {location[-1]}: {text}"
        elif expected == "integer" and span and location == ("year",):
            hint = (f"; put the first year in 'year' and the span in 'period', e.g. year: {span[1]} "
                    f"and period: \"{span[1]}–{span[2]}\"")
        elif expected == "integer" and location == ("year",) and (read_as is not None or text.isdigit()):
            example = read_as if read_as is not None and FIRST_YEAR <= read_as <= 9999 else 2010
            hint = f"; write the year as four digits, e.g. year: {example}"
        elif expected == "integer" and isinstance(value, str):
            hint = f"; write a whole number without quotes, e.g. {location[-1]}: {2010 if location == ('year',) else 1}"
        elif expected == "number" and isinstance(value, str):
            hint = f"; write it as a decimal number without quotes, e.g. {location[-1]}: 59.91"
        elif expected == "array" and isinstance(value, str):
            hint = f"; write it as a list, e.g. {location[-1]}: [{value}]"
        elif expected == "string" and value is None:
            hint = "; fill it in or remove the key"
        return (line, field, f"expected {_KIND[expected]}, found {kind_of(value)}{hint}")
    if kind == "maxLength":
        return (line, field, f"is {len(value)} characters long; shorten it to at most {error.validator_value}")
    if kind == "minLength":
        return (line, field, "is empty; fill it in" + ("" if is_required(location) else " or remove the key"))
    if kind == "minItems":
        return (line, field, "is an empty list; give at least one")
    if kind == "maxItems":
        return (line, field, f"lists {len(value)} items; keep the {error.validator_value} most relevant")
    if kind == "uniqueItems":
        repeat = next(index for index, item in enumerate(value) if item in value[:index])
        return (case.line_of(location + (repeat,)) or line, f"{field}[{repeat}]",
                f"'{excerpt(str(value[repeat]), 80)}' is listed more than once; keep one")
    if kind in ("minimum", "maximum"):
        if location == ("year",):
            return (line, field, f"{value} is out of range; {year_range()}")
        return (line, field, f"{value} is out of range; it must be between "
                f"{error.schema.get('minimum')} and {error.schema.get('maximum')}")
    if kind == "pattern":
        if location[-1:] == ("url",):
            return (line, field, web_address_problem(value))
        return (line, field, f"'{excerpt(value, 80)}' is not a case slug (a file name without .md: lowercase letters, digits, single hyphens)")
    if kind == "dependentRequired":
        present = next((key for key in error.validator_value if key in value and any(
            needed not in value for needed in error.validator_value[key])), "?")
        other = next((needed for needed in error.validator_value.get(present, ()) if needed not in value), "?")
        if present == "status_date":
            return (case.line_of((present,)) or line, present,
                    "'status_date' is given without 'status'; add status: ended (or ongoing) as the source says, "
                    "or remove status_date")
        return (case.line_of((present,)) or line, present,
                f"'{present}' is given without '{other}'; give both coordinates or neither")
    return (line, field, error.message)


def web_address_problem(value: str) -> str:
    return f"'{excerpt(value, 80)}' is not an http(s) URL; write it in full, starting with https://"


def is_required(location: tuple) -> bool:
    """Whether the value at ``location`` (``("title",)``, ``("sources", 0, "title")``) must be given."""
    return location in [(key,) for key in _REQUIRED_HINTS] or location[::2] == ("sources", "title")


_REQUIRED_HINTS = {
    "title": ", e.g. title: The practice's name",
    "city": ", e.g. city: Copenhagen",
    "country": ", e.g. country: Denmark (one of the countries in practices/taxonomy.yml)",
    "topics": ", e.g. topics: [Education] (topics from practices/taxonomy.yml)",
    "summary": ", e.g. summary: One or two plain sentences, at most 300 characters",
    "evidence": (", e.g. evidence: none given (exactly one of 'evaluated', 'results reported', 'none given': "
                 "what the sources show of the practice's results)"),
}
_ENUM_HINTS = {
    "evidence": (" ('evaluated': a source is an evaluation, marked evaluation: true; 'results reported': a source "
                 "gives outcomes or figures; 'none given': no source gives results)"),
    "status": " ('ongoing' or 'ended', as the source says; leave status out when it does not say)",
}


def _quoted(value: object) -> str:
    return f"'{excerpt(value, 80)}'" if isinstance(value, str) else kind_of(value)


def kind_of(value: object) -> str:
    """What ``value`` is, for a message; a text is quoted short (:func:`icp.characters.excerpt`)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{excerpt(value)}'" + (f" ({len(value):,} characters)" if len(value) > 40 else "")
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def year_range(last_year: int | None = None) -> str:
    """The years a case may give: to the year of the build's date (this year when not told)."""
    return f"give a year from {FIRST_YEAR} to {last_year or datetime.date.today().year}"


def did_you_mean(value: str, choices) -> str:
    folded = {choice.lower(): choice for choice in choices}
    match = difflib.get_close_matches(value.lower(), list(folded), n=1, cutoff=0.6)
    return f"; did you mean '{folded[match[0]]}'?" if match else ""
