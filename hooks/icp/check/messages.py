"""How a broken rule is told to an editor: the JSON Schema's errors as what to fix, and the wording
every message of the validator shares (a close match, what a value is, the years allowed).

The wording is data. ``WORDING`` maps a schema keyword, or a keyword at one field ("enum country"),
to a template; ``TYPE_HINTS`` picks the fix after "expected ..., found ...". The blanks of both are
filled by :class:`Facts`, each worked out only when a template names it, from a value of any kind.
jsonschema may report one value several times (a number given as a country breaks both ``type`` and
``enum``): only the most telling error of each field is worded (``PRIORITY``).
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable

from jsonschema.exceptions import ValidationError

from icp import languages
from icp.read.casefile import CaseFile
from icp.read.characters import excerpt
from icp.read.frontmatter import field_name, lenient_integer
from icp.read.vocabulary import Vocabulary

FIRST_YEAR = 1945
_KIND = {
    "string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
    "object": "a mapping of keys to values", "boolean": "true or false",
}

# The wording of a schema error: "<keyword> <field>" (the field as in EXAMPLES) first, then "<keyword>".
WORDING = {
    "type": "expected {expected}, found {found}{type_hint}",
    "enum country": "{quoted} is not a country in the vocabulary{did_you_mean} "
                    "(add a new country to practices/taxonomy.yml in the same pull request)",
    "enum language": "{quoted} is not a language's two-letter ISO 639-1 code{did_you_mean}; write the code of the "
                     "language the case is written in, e.g. language: fr (French), or leave the key out for English",
    "enum topics[]": "{quoted} is not a topic{did_you_mean} (the topics are listed in practices/taxonomy.yml)",
    "enum": "{enum_found}; write exactly one of {allowed_values}{enum_hint}",
    "required": "the required key '{key}' is missing; add it to the front matter, between the '---' lines "
                "(lines 1 and {closing_line}){required_hint}",
    "required sources[]": "the required key '{key}' is missing; add it to this source, e.g. {key}: The source's {key}",
    "additionalProperties": "'{shown_key}' is not an allowed key{key_did_you_mean} (allowed: {allowed_keys}){remove_key}",
    "maxLength": "is {length:,} characters long; shorten it to at most {rule}",
    "minLength": "is empty; fill it in{or_remove}",
    "minItems": "is an empty list; give at least one",
    "maxItems": "lists {length} items; keep the {rule} most relevant",
    "uniqueItems": "{repeated} is listed more than once; keep one",
    "minimum year": "{value} is out of range; {years}",
    "maximum year": "{value} is out of range; {years}",
    "minimum": "{value} is out of range; {bounds}",
    "maximum": "{value} is out of range; {bounds}",
    "pattern sources[].url": "{quoted} is not an http(s) URL; write it in full, starting with https://",
    "pattern related[]": "{quoted} is not a case slug (a file name without .md: lowercase letters, digits, "
                         "single hyphens); write the other case's file name, e.g. {example}",
    "pattern translations[]": "{quoted} is not a case slug (a file name without .md: lowercase letters, digits, "
                              "single hyphens); write the translation's file name, e.g. {example}",
    "pattern": "{quoted} is not written the way this key needs; see its description in practices/practice.schema.json",
    "dependentRequired status_date": "'status_date' is given without 'status'; add status: ended (or ongoing) as the "
                                     "source says, or remove status_date",
    "dependentRequired": "'{key}' is given without '{other}'; give both coordinates or neither",
}
# When jsonschema reports a field more than once, the first of these is told (any other keyword last).
PRIORITY = ("type", "required", "additionalProperties", "dependentRequired", "enum", "minItems", "maxItems",
            "minLength", "maxLength", "uniqueItems", "pattern", "minimum", "maximum")

# How each field is written, for the fix of a message; a list's items as "<list>[]".
EXAMPLES = {
    "title": "title: The practice's name",
    "subtitle": "subtitle: A one-line strapline",
    "city": "city: Copenhagen",
    "country": "country: Denmark",
    "year": "year: 2016",
    "topics": "topics: [Education]",
    "topics[]": "topics: [Education, Refugees]",
    "summary": "summary: One or two plain sentences",
    "organisation": "organisation: City of Oslo, Welcome Office",
    "period": "period: 2011–2014",
    "status": "status: ongoing",
    "status_date": 'status_date: "2017"',
    "partners": "partners: [Red Cross Norway]",
    "partners[]": "partners: [Red Cross Norway]",
    "target_groups": "target_groups: [newly arrived refugees, employers]",
    "target_groups[]": "target_groups: [newly arrived refugees, employers]",
    "evidence": "evidence: none given",
    "budget": "budget: EUR 50,000 a year (2016)",
    "contact": "contact: City of Oslo, Welcome Office",
    "sources": "sources: [{title: The source's title}]",
    "sources[]": "sources: [{title: The source's title}]",
    "sources[].title": "title: The source's title",
    "sources[].publisher": "publisher: City of Oslo",
    "sources[].date": 'date: "2016-05-01"',
    "sources[].url": "url: https://www.example.org/report",
    "sources[].reference": "reference: Case no. 12/345",
    "sources[].evaluation": "evaluation: true",
    "related": "related: [oslo-oxlo-declaration]",
    "related[]": "related: [oslo-oxlo-declaration]",
    "translations": "translations: [oslo-oxlo-declaration-fr]", "translations[]": "translations: [oslo-oxlo-declaration-fr]",
    "lat": "lat: 59.91", "lon": "lon: 10.75", "language": "language: fr",
}
_CHOSEN_FROM = {
    "country": "one of the countries in practices/taxonomy.yml",
    "status": "'ongoing' or 'ended'",
    "evidence": "exactly one of 'evaluated', 'results reported', 'none given'",
    "topics[]": "a topic from practices/taxonomy.yml",
    "related[]": "another case's file name without .md", "translations[]": "another case's file name without .md",
    "language": "a language's two-letter code",
}

# The fix after "expected <type>, found <value>": the first rule whose test the facts pass.
TYPE_HINTS = (
    (lambda f: f.expects("integer") and re.fullmatch(r"[0-9]{1,15}", f.text), "; remove the quotes: {name}: {text}"),
    (lambda f: f.expects("integer") and f.is_year and f.span, "; put the first year in 'year' and the span in "
     "'period', e.g. year: {span_from} and period: \"{span_from}–{span_to}\""),
    (lambda f: f.expects("integer") and f.is_year and (f.read_as is not None or f.text.isdigit()),
     "; write the year as four digits, e.g. year: {year_example}"),
    (lambda f: f.expects("integer") and isinstance(f.value, str),
     "; write a whole number without quotes, e.g. {name}: {integer_example}"),
    (lambda f: f.expects("number") and isinstance(f.value, str),
     "; write it as a decimal number without quotes, e.g. {name}: 59.91"),
    (lambda f: f.expects("array") and f.generic in ("topics", "related", "translations") and re.fullmatch(r"[^\n]{1,80}", f.text),
     "; write it as a list, e.g. {name}: [{short_text}]"),
    (lambda f: f.value is None and f.required, "; fill it in, e.g. {example}"),
    (lambda f: f.value is None and f.generic.endswith("[]"),
     "; fill it in or remove the empty item (a '-' or ',' with nothing after it)"),
    (lambda f: f.value is None, "; fill it in or remove the key"),
    (lambda f: f.expects("string") and f.only_item is not None and not f.generic.endswith("[]"), "; write it without the brackets: {name}: {only_item}"),
    (lambda f: f.expects("string") and f.generic in _CHOSEN_FROM, "; write {chosen_from}, e.g. {example}"),
    (lambda f: f.expects("string") and f.as_written and f.generic.endswith("[]"),
     "; put it in quotes to keep it as text: \"{as_written}\""),
    (lambda f: f.expects("string") and f.as_written, "; put it in quotes to keep it as text: {name}: \"{as_written}\""),
    (lambda f: f.expects("string") and isinstance(f.value, (list, dict)),
     "; write it as text on one line (in quotes if it starts with '[' or '{{'), e.g. {example}"),
    (lambda f: f.expects("integer") and isinstance(f.value, float) and f.is_year,
     "; write a whole number, e.g. year: {year_example}"),
    (lambda f: f.example, "; write {expected}, e.g. {example}"),
    (lambda f: True, "; write {expected} here"),
)


class Facts(dict):
    """What a template may say about one schema error; each blank is worked out when first asked for."""

    def __init__(self, error: ValidationError, case: CaseFile, vocabulary: Vocabulary, key: str | None = None):
        super().__init__()
        self.error, self.case, self.vocabulary, self.key = error, case, vocabulary, key
        self.location = tuple(error.absolute_path)
        self.value = error.instance
        self.kind = error.validator
        self.text = self.value.strip() if isinstance(self.value, str) else ""
        self.is_year = self.location == ("year",)
        self.span = re.fullmatch(r"(\d{4})\s*[-–—/]\s*(\d{2,4})", self.text)
        self.read_as = lenient_integer(self.text)
        self.generic = _generic(self.location)
        self.required = is_required(self.location)
        self.example = EXAMPLES.get(self.generic, "")
        items = self.value if isinstance(self.value, list) else ()
        self.only_item = excerpt(items[0], 80) if len(items) == 1 and isinstance(items[0], str) else None
        self.as_written = (str(self.value).lower() if isinstance(self.value, bool)
                           else str(self.value) if isinstance(self.value, (int, float)) else "")

    def __missing__(self, name: str) -> object:
        worked_out = getattr(self, f"_{name}", None)
        value = worked_out() if worked_out is not None else getattr(self, name)
        self[name] = value
        return value

    def expects(self, kind: str) -> bool:
        expected = self.error.validator_value if self.kind == "type" else None
        return expected == kind or (isinstance(expected, list) and expected[:1] == [kind])

    @property
    def about(self) -> tuple:
        """The place the message is about: the value, or the key it names, or the repeated item."""
        if self.kind in ("required", "additionalProperties", "dependentRequired"):
            return self.location + (self.key,)
        if self.kind == "uniqueItems":
            return self.location + (self["repeat"],)
        return self.location

    def _name(self) -> str:
        return next((part for part in reversed(self.location) if isinstance(part, str)), "value")

    def _expected(self) -> str:
        expected = self.error.validator_value
        expected = expected if isinstance(expected, str) else (expected or ["?"])[0]
        return _KIND.get(expected, str(expected))

    def _found(self) -> str:
        return kind_of(self.value)

    def _type_hint(self) -> str:
        template = next(template for test, template in TYPE_HINTS if test(self))
        return template.format_map(self)

    def _short_text(self) -> str:
        return excerpt(self.text, 80)

    def _quoted(self) -> str:
        return f"'{excerpt(self.value, 80)}'" if isinstance(self.value, str) else kind_of(self.value)

    def _did_you_mean(self) -> str:
        if self.location[:1] == ("language",):
            return languages.suggestion(self.value)
        choices = self.vocabulary.topic_names if self.location[:1] == ("topics",) else self.vocabulary.country_names
        return did_you_mean(self.value, choices) if isinstance(self.value, str) else ""

    def _allowed_values(self) -> str:
        return ", ".join(f"'{excerpt(str(item))}'" for item in self.error.validator_value[:30])

    def _enum_found(self) -> str:
        if self.value == "":
            return "is empty"
        choices = [str(choice) for choice in self.error.validator_value]
        close = did_you_mean(self.value, choices) if isinstance(self.value, str) else ""
        return f"{self['quoted']} is not one of the allowed values{close}"

    def _enum_hint(self) -> str:
        return _ENUM_HINTS.get(self.generic, "")

    def _closing_line(self) -> int:
        return self.case.closing_line

    def _required_hint(self) -> str:
        return _REQUIRED_HINTS.get(self.key, "")

    def _shown_key(self) -> str:
        return excerpt(self.key, 80)

    def _allowed_keys(self) -> str:
        return ", ".join(self["allowed"])

    def _allowed(self) -> list[str]:
        return sorted(self.error.schema.get("properties", {}))

    def _key_did_you_mean(self) -> str:
        return did_you_mean(self.key, self["allowed"])

    def _remove_key(self) -> str:
        return "" if self["key_did_you_mean"] else "; remove it, or rename it to one of those"

    def _length(self) -> int:
        return len(self.value)

    def _rule(self) -> object:
        return self.error.validator_value

    def _or_remove(self) -> str:
        return "" if self.required else " or remove the item" if self.generic.endswith("[]") else " or remove the key"

    def _repeat(self) -> int:
        return next((index for index, item in enumerate(self.value) if item in self.value[:index]), 0)

    def _repeated(self) -> str:
        item = self.value[self["repeat"]]
        return f"'{excerpt(item, 80)}'" if isinstance(item, str) else kind_of(item)

    def _years(self) -> str:
        return year_range()

    def _bounds(self) -> str:
        low, high = self.error.schema.get("minimum"), self.error.schema.get("maximum")
        if low is not None and high is not None:
            return f"it must be between {low} and {high}"
        return f"it must be at least {low}" if low is not None else f"it must be at most {high}"

    def _other(self) -> str:
        needs = self.error.validator_value.get(self.key, []) if isinstance(self.error.validator_value, dict) else []
        missing = [need for need in needs if need not in self.value]
        return missing[0] if missing else "?"

    def _span_from(self) -> str:
        return self.span[1]

    def _span_to(self) -> str:
        return self.span[2]

    def _year_example(self) -> int:
        if self.read_as is not None and FIRST_YEAR <= self.read_as <= 9999:
            return self.read_as
        if isinstance(self.value, float) and FIRST_YEAR <= self.value <= 9999:
            return int(self.value)
        return 2010

    def _integer_example(self) -> int:
        return 2010 if self.is_year else 1

    def _chosen_from(self) -> str:
        return _CHOSEN_FROM[self.generic]


def _generic(location: tuple) -> str:
    """A field's name with any list index left out: ``sources[].url``, as EXAMPLES and WORDING name it."""
    return re.sub(r"\[\d+\]", "[]", field_name(tuple(part for part in location if part is not None)))


def explain_errors(errors: Iterable[ValidationError], case: CaseFile,
                   vocabulary: Vocabulary) -> list[tuple[int | None, str, str]]:
    """The line, field and message of each field the schema refuses: one per field, the most telling."""
    best: dict[tuple, tuple[int, Facts]] = {}
    for error in errors:
        for key in _keys_named(error):
            facts = Facts(error, case, vocabulary, key)
            rank = PRIORITY.index(facts.kind) if facts.kind in PRIORITY else len(PRIORITY)
            about = facts.about
            if about not in best or rank < best[about][0]:
                best[about] = (rank, facts)
    return [_told(facts) for _, facts in best.values()]


def _keys_named(error: ValidationError) -> list[str | None]:
    """The keys an error is about (missing, not allowed, or needing another): one message each."""
    value, rule = error.instance, error.validator_value
    if not isinstance(value, dict):
        return [None]
    if error.validator == "required":
        return [key for key in rule if key not in value] or [None]
    if error.validator == "additionalProperties":
        allowed = error.schema.get("properties", {})
        return [key for key in value if key not in allowed] or [None]
    if error.validator == "dependentRequired":
        return [key for key, needs in rule.items() if key in value and any(need not in value for need in needs)] or [None]
    return [None]


def _told(facts: Facts) -> tuple[int | None, str, str]:
    about = facts.about
    template = (WORDING.get(f"{facts.kind} {_generic(about)}") or WORDING.get(f"{facts.kind} {facts.generic}")
                or WORDING.get(facts.kind))
    message = template.format_map(facts) if template else f"{excerpt(facts.error.message, 200)}; {_SEE_SCHEMA}"
    case = facts.case
    if facts.kind == "required":
        if not facts.location:
            return case.closing_line, str(facts.key), message
        about = facts.location
    line = case.line_of(about) or case.line_of(facts.location)
    shown = field_name(about[:-1]) if about and about[-1] is None else field_name(about)
    if facts.kind == "additionalProperties":
        key = excerpt(facts.key) or "''"
        shown = f"{field_name(facts.location)}.{key}" if facts.location else key
    return line, shown, message


_SEE_SCHEMA = "see the key's description in practices/practice.schema.json"


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


def kind_of(value: object) -> str:
    """What ``value`` is, for a message; a text is quoted short (:func:`icp.read.characters.excerpt`)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{excerpt(value)}'" + (f" ({len(value):,} characters)" if len(value) > 40 else "")
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    if isinstance(value, dict):
        return "an empty mapping" if not value else "a mapping"
    return type(value).__name__


def year_range(last_year: int | None = None) -> str:
    """The years a case may give: to the year of the build's date (this year when not told)."""
    return f"give a year from {FIRST_YEAR} to {last_year or datetime.date.today().year}"


def did_you_mean(value: str, choices) -> str:
    folded = {choice.lower(): choice for choice in choices}
    match = difflib.get_close_matches(value.lower(), list(folded), n=1, cutoff=0.6)
    return f"; did you mean '{folded[match[0]]}'?" if match else ""
