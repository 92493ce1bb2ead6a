"""How a broken rule is told to an editor: the JSON Schema's errors as what to fix, and the wording
every message of the validator shares (a close match, what a value is, the years allowed).

The wording is data. ``WORDING`` maps a schema keyword, or a keyword at one field ("enum country"),
to a template; ``TYPE_HINTS`` picks the fix after "expected ..., found ...". The blanks of both are
filled by :class:`Facts`, each worked out only when a template names it, from a value of any kind.
jsonschema may report one value several times (a number given as a country breaks both ``type`` and
``enum``): only the most telling error of each field is worded (``PRIORITY``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jsonschema.exceptions import ValidationError

from icp import languages
from icp.check import values
from icp.check.said import said
from icp.check.values import FIRST_YEAR, KIND, bounds, did_you_mean, kind_of, web_address_problem, year_range  # noqa: F401
from icp.i18n import N_
from icp.read.casefile import CaseFile
from icp.read.characters import excerpt
from icp.read.frontmatter import field_name, lenient_integer
from icp.read.vocabulary import Vocabulary


# The wording of a schema error: "<keyword> <field>" (the field as in EXAMPLES) first, then "<keyword>".
WORDING = {
    "type": N_("expected {expected}, found {found}{type_hint}"),
    "enum country": N_("{quoted} is not a country in the vocabulary{did_you_mean} "
                    "(add a new country to practices/taxonomy.yml in the same pull request)"),
    "enum language": N_("{quoted} is not a language's two-letter ISO 639-1 code{did_you_mean}; write the code of the "
                     "language the case is written in, e.g. language: fr (French), or leave the key out for English"),
    "enum topics[]": N_("{quoted} is not a topic{did_you_mean} (the topics are listed in practices/taxonomy.yml)"),
    "enum": N_("{enum_found}; write exactly one of {allowed_values}{enum_hint}"),
    "required": N_("the required key '{key}' is missing; add it to the front matter, between the '---' lines "
                "(lines 1 and {closing_line}){required_hint}"),
    "required sources[]": N_("the required key '{key}' is missing; add it to this source, e.g. {key}: The source's {key}"),
    "additionalProperties": N_("'{shown_key}' is not an allowed key{key_did_you_mean} (allowed: {allowed_keys}){remove_key}"),
    "maxLength": N_("is {length:,} characters long; shorten it to at most {rule}"),
    "minLength": N_("is empty; fill it in{or_remove}"),
    "minItems": N_("is an empty list; give at least one"),
    "maxItems": N_("lists {length} items; keep the {rule} most relevant"),
    "uniqueItems": N_("{repeated} is listed more than once; keep one"),
    "minimum year": N_("{value} is out of range; {years}"),
    "maximum year": N_("{value} is out of range; {years}"),
    "minimum": N_("{value} is out of range; {bounds}"),
    "maximum": N_("{value} is out of range; {bounds}"),
    "pattern sources[].url": N_("{quoted} is not an http(s) URL; write it in full, starting with https://"),
    "pattern related[]": N_("{quoted} is not a case slug (a file name without .md: lowercase letters, digits, "
                         "single hyphens); write the other case's file name, e.g. {example}"),
    "pattern translations[]": N_("{quoted} is not a case slug (a file name without .md: lowercase letters, digits, "
                              "single hyphens); write the translation's file name, e.g. {example}"),
    "pattern": N_("{quoted} is not written the way this key needs; see its description in practices/practice.schema.json"),
    "dependentRequired status_date": N_("'status_date' is given without 'status'; add status: ended (or ongoing) as the "
                                     "source says, or remove status_date"),
    "dependentRequired": N_("'{key}' is given without '{other}'; give both coordinates or neither"),
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
    "country": N_("one of the countries in practices/taxonomy.yml"),
    "status": N_("'ongoing' or 'ended'"),
    "evidence": N_("exactly one of 'evaluated', 'results reported', 'none given'"),
    "topics[]": N_("a topic from practices/taxonomy.yml"),
    "related[]": N_("another case's file name without .md"), "translations[]": N_("another case's file name without .md"),
    "language": N_("a language's two-letter code"),
}

# The fix after "expected <type>, found <value>": the first rule whose test the facts pass.
TYPE_HINTS = (
    (lambda f: f.expects("integer") and re.fullmatch(r"[0-9]{1,15}", f.text), N_("; remove the quotes: {name}: {text}")),
    (lambda f: f.expects("integer") and f.is_year and f.span, N_("; put the first year in 'year' and the span in "
     "'period', e.g. year: {span_from} and period: \"{span_from}–{span_to}\"")),
    (lambda f: f.expects("integer") and f.is_year and (f.read_as is not None or f.text.isdigit()),
     N_("; write the year as four digits, e.g. year: {year_example}")),
    (lambda f: f.expects("integer") and isinstance(f.value, str),
     N_("; write a whole number without quotes, e.g. {name}: {integer_example}")),
    (lambda f: f.expects("number") and isinstance(f.value, str),
     N_("; write it as a decimal number without quotes, e.g. {name}: 59.91")),
    (lambda f: f.expects("array") and f.generic in ("topics", "related", "translations") and re.fullmatch(r"[^\n]{1,80}", f.text),
     N_("; write it as a list, e.g. {name}: [{short_text}]")),
    (lambda f: f.value is None and f.required, N_("; fill it in, e.g. {example}")),
    (lambda f: f.value is None and f.generic.endswith("[]"),
     N_("; fill it in or remove the empty item (a '-' or ',' with nothing after it)")),
    (lambda f: f.value is None, N_("; fill it in or remove the key")),
    (lambda f: f.expects("string") and f.only_item is not None and not f.generic.endswith("[]"), N_("; write it without the brackets: {name}: {only_item}")),
    (lambda f: f.expects("string") and f.generic in _CHOSEN_FROM, N_("; write {chosen_from}, e.g. {example}")),
    (lambda f: f.expects("string") and f.as_written and f.generic.endswith("[]"),
     N_("; put it in quotes to keep it as text: \"{as_written}\"")),
    (lambda f: f.expects("string") and f.as_written, N_("; put it in quotes to keep it as text: {name}: \"{as_written}\"")),
    (lambda f: f.expects("string") and isinstance(f.value, (list, dict)),
     N_("; write it as text on one line (in quotes if it starts with '[' or '{{'), e.g. {example}")),
    (lambda f: f.expects("integer") and isinstance(f.value, float) and f.is_year,
     N_("; write a whole number, e.g. year: {year_example}")),
    (lambda f: f.example, N_("; write {expected}, e.g. {example}")),
    (lambda f: True, N_("; write {expected} here")),
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
        return said(KIND[expected]) if expected in KIND else str(expected)

    def _found(self) -> str:
        return kind_of(self.value)

    def _type_hint(self) -> str:
        template = next(template for test, template in TYPE_HINTS if test(self))
        return said(template, self)

    def _short_text(self) -> str:
        return excerpt(self.text, 80)

    def _quoted(self) -> str:
        return f"'{excerpt(self.value, 80)}'" if isinstance(self.value, str) else kind_of(self.value)

    def _did_you_mean(self) -> str:
        if self.location[:1] == ("language",):
            code = languages.code_for(self.value) if isinstance(self.value, str) else None
            return said(values.DID_YOU_MEAN_LANGUAGE, code=code, name=languages.name(code)) if code else ""
        choices = self.vocabulary.topic_names if self.location[:1] == ("topics",) else self.vocabulary.country_names
        return did_you_mean(self.value, choices) if isinstance(self.value, str) else ""

    def _allowed_values(self) -> str:
        return ", ".join(f"'{excerpt(str(item))}'" for item in self.error.validator_value[:30])

    def _enum_found(self) -> str:
        if self.value == "":
            return said(_IS_EMPTY)
        choices = [str(choice) for choice in self.error.validator_value]
        close = did_you_mean(self.value, choices) if isinstance(self.value, str) else ""
        return said(_NOT_ALLOWED, quoted=self["quoted"], close=close)

    def _enum_hint(self) -> str:
        return said(_ENUM_HINTS[self.generic]) if self.generic in _ENUM_HINTS else ""

    def _closing_line(self) -> int:
        return self.case.closing_line

    def _required_hint(self) -> str:
        return said(_REQUIRED_HINTS[self.key]) if self.key in _REQUIRED_HINTS else ""

    def _shown_key(self) -> str:
        return excerpt(self.key, 80)

    def _allowed_keys(self) -> str:
        return ", ".join(self["allowed"])

    def _allowed(self) -> list[str]:
        return sorted(self.error.schema.get("properties", {}))

    def _key_did_you_mean(self) -> str:
        return did_you_mean(self.key, self["allowed"])

    def _remove_key(self) -> str:
        return "" if self["key_did_you_mean"] else said(_REMOVE_KEY)

    def _length(self) -> int:
        return len(self.value)

    def _rule(self) -> object:
        return self.error.validator_value

    def _or_remove(self) -> str:
        return "" if self.required else said(OR_REMOVE["item" if self.generic.endswith("[]") else "key"])

    def _repeat(self) -> int:
        return next((index for index, item in enumerate(self.value) if item in self.value[:index]), 0)

    def _repeated(self) -> str:
        item = self.value[self["repeat"]]
        return f"'{excerpt(item, 80)}'" if isinstance(item, str) else kind_of(item)

    def _years(self) -> str:
        return year_range()

    def _bounds(self) -> str:
        return bounds(self.error.schema.get("minimum"), self.error.schema.get("maximum"))

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
        return said(_CHOSEN_FROM[self.generic])


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
    message = said(template, facts) if template else said(_SEE_SCHEMA, error=excerpt(facts.error.message, 200))
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


_SEE_SCHEMA = N_("{error}; see the key's description in practices/practice.schema.json")
_IS_EMPTY = N_("is empty")
_NOT_ALLOWED = N_("{quoted} is not one of the allowed values{close}")
_REMOVE_KEY = N_("; remove it, or rename it to one of those")
OR_REMOVE = {"item": N_(" or remove the item"), "key": N_(" or remove the key")}


def is_required(location: tuple) -> bool:
    """Whether the value at ``location`` (``("title",)``, ``("sources", 0, "title")``) must be given."""
    return location in [(key,) for key in _REQUIRED_HINTS] or location[::2] == ("sources", "title")


_REQUIRED_HINTS = {
    "title": N_(", e.g. title: The practice's name"),
    "city": N_(", e.g. city: Copenhagen"),
    "country": N_(", e.g. country: Denmark (one of the countries in practices/taxonomy.yml)"),
    "topics": N_(", e.g. topics: [Education] (topics from practices/taxonomy.yml)"),
    "summary": N_(", e.g. summary: One or two plain sentences, at most 300 characters"),
    "evidence": N_(", e.g. evidence: none given (exactly one of 'evaluated', 'results reported', 'none given': "
                 "what the sources show of the practice's results)"),
}
_ENUM_HINTS = {
    "evidence": N_(" ('evaluated': a source is an evaluation, marked evaluation: true; 'results reported': a source "
                 "gives outcomes or figures; 'none given': no source gives results)"),
    "status": N_(" ('ongoing' or 'ended', as the source says; leave status out when it does not say)"),
}
