"""A case's front matter read as plain data: text, whole and decimal numbers, true/false, lists, mappings.

The YAML comes from strangers, so it is read event by event from the parser (libyaml's does not
recurse; PyYAML's and libyaml's composers do, and crash on deep nesting) and refused at the first
thing a case never needs: anchors and aliases (ten lines of them expand to gigabytes), explicit
tags (binary, sets, Python objects), merge keys, collections as keys, nesting deeper than
``MAX_DEPTH``, more than ``MAX_EVENTS`` events, text longer than ``MAX_TEXT``, or characters that
:mod:`characters` refuses. The values are built from the same events, so there is no composer
or constructor at all. Plain scalars are resolved close to YAML 1.2's core schema: ``yes``,
``33:30``, ``0x7DA``, ``1_000`` and ``.nan`` stay text, dates stay text, whole numbers longer
than ``MAX_DIGITS`` stay text, and a decimal number that is not finite (``1e999``) is refused.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import yaml

from icp.read.characters import FRONT_MATTER_REFUSED, combining_problem, combining_run, describe, excerpt, fix_for

MAX_DEPTH = 4
MAX_EVENTS = 5_000
MAX_TEXT = 2_000
MAX_DIGITS = 15
MAX_RETOLD = 100_000  # characters of front matter PyYAML's slower parser re-reads to word a syntax error
MAX_RETOLD_BRACKETS = 100  # its scanner takes time quadratic in the brackets open within 1,024 characters

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_LENIENT_INT = re.compile(r"([-+]?)(0b[01_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|0[0-7_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+|[0-9][0-9_]*)")
_PLAIN_WORDS = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
}
_STANDARD_TAG = "tag:yaml.org,2002:"
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:", re.MULTILINE)

_EventReader = yaml.CBaseLoader if getattr(yaml, "__with_libyaml__", False) else yaml.BaseLoader


class CaseFileError(ValueError):
    """The file cannot be read as a case at all; ``line``/``column``/``field`` point at the cause."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None, field: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.field = field


@dataclass
class FrontMatter:
    """The values, the line of each (by location, e.g. ``("topics", 1)``) and any key given twice."""

    meta: object
    lines: dict[tuple, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)


def field_name(location: tuple) -> str:
    """``("sources", 0, "url")`` as an editor reads it: ``sources[0].url``."""
    name = ""
    for part in location:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def load_front_matter(front: str, first_line: int) -> FrontMatter:
    """The front matter ``front`` (whose first line is line ``first_line`` of the file), or CaseFileError."""
    _refuse_characters(front, first_line)
    try:
        return _read_events(_EventReader, front, first_line)
    except yaml.YAMLError as error:
        raise _syntax_error(front, first_line, error) from None


def _refuse_characters(front: str, first_line: int) -> None:
    """A refused character or run of combining marks in the raw text, by line, column and the
    top-level key it falls under."""
    bad = FRONT_MATTER_REFUSED.search(front)
    if bad is not None:
        _refuse_at(front, first_line, bad.start(), f"holds {describe(bad.group())}; {fix_for(bad.group())}")
    run = combining_run(front)
    if run is not None:
        _refuse_at(front, first_line, run[0], f"holds {combining_problem(run[1])}")


def _refuse_at(front: str, first_line: int, position: int, problem: str) -> None:
    start = front.rfind("\n", 0, position) + 1
    line = first_line + front.count("\n", 0, position)
    column = position - start + 1
    raise CaseFileError(f"line {line}, column {column} {problem}",
                        line=line, column=column, field=_key_at(front, start))


def _key_at(front: str, start: int) -> str:
    """The top-level key of the line that starts at ``start``, or of the last one before it (whose value
    the line continues); "front matter" when there is none."""
    key = _TOP_KEY.match(front, start)
    if key is None:
        for key in _TOP_KEY.finditer(front, 0, start):
            pass
    return key.group(1) if key else "front matter"


def _read_events(reader_class, front: str, first_line: int) -> FrontMatter:
    reader = reader_class(front)
    try:
        return _Builder(first_line).build(reader)
    finally:
        reader.dispose()


def _syntax_error(front: str, first_line: int, error: yaml.YAMLError) -> CaseFileError:
    """PyYAML's wording of the problem (libyaml's is terser), or the rule its reading breaks; never its result.

    PyYAML accepts a few things libyaml refuses, such as a '\\ud800' escape: the rules then name it.
    """
    brackets = front.count("[") + front.count("{")
    if _EventReader is not yaml.BaseLoader and len(front) <= MAX_RETOLD and brackets <= MAX_RETOLD_BRACKETS:
        try:
            _read_events(yaml.BaseLoader, front, first_line)
        except yaml.YAMLError as retold:
            error = retold
        except CaseFileError as broken_rule:
            return broken_rule
    mark = getattr(error, "problem_mark", None)
    line = mark.line + first_line if mark else None
    column = mark.column + 1 if mark else None
    at = min(mark.index, len(front)) if mark else 0
    field = _key_at(front, front.rfind("\n", 0, at) + 1) if mark else "front matter"
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    detail = f"{context}, {problem}" if context else problem
    where = f" (line {line}, column {column})" if mark else ""
    return CaseFileError(
        f"the front matter is not valid YAML: {detail}{where}; check the indentation and put quotes "
        "around values that contain ': ' or start with a special character",
        line=line, column=column, field=field,
    )


class _Open:
    """A list or mapping whose end event has not come yet."""

    __slots__ = ("value", "location", "is_mapping", "key")

    def __init__(self, value: list | dict, location: tuple):
        self.value = value
        self.location = location
        self.is_mapping = isinstance(value, dict)
        self.key: str | None = None  # in a mapping: the key whose value comes next


class _Builder:
    """Values and lines from one pass over the parser's events; refuses what a case never needs."""

    def __init__(self, first_line: int):
        self.first_line = first_line
        self.result = FrontMatter(meta=None)
        self.open: list[_Open] = []

    def build(self, reader) -> FrontMatter:
        documents = 0
        events = 0
        while True:
            event = reader.get_event()
            events += 1
            if events > MAX_EVENTS:
                raise self._refuse(event, f"the front matter has more than {MAX_EVENTS:,} YAML values and markers; "
                                          "a case needs a few dozen: move long lists into the body")
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._start(event, {} if kind is yaml.MappingStartEvent else [])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self.open.pop()
            elif kind is yaml.AliasEvent:
                raise self._refuse(event, f"the alias '*{event.anchor}' is not allowed: anchors and aliases "
                                          "can hide huge values; write the value out in full")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self._refuse(event, "the front matter holds more than one YAML document; "
                                              "remove the '...' line and join them")
            elif kind is yaml.StreamEndEvent or event is None:
                return self.result

    def _start(self, event, value: list | dict) -> None:
        self._check_node(event)
        if len(self.open) >= MAX_DEPTH:
            raise self._refuse(event, f"is nested more than {MAX_DEPTH} levels deep; a case needs at most "
                                      "a list of mappings (as in 'sources'): remove the extra brackets or indentation")
        location = self._place(event, value)
        self.open.append(_Open(value, location))

    def _scalar(self, event) -> None:
        if event.anchor is not None or event.tag is not None:
            self._check_node(event)
        text = event.value
        parent = self.open[-1] if self.open else None
        is_key = parent is not None and parent.is_mapping and parent.key is None
        if len(text) > MAX_TEXT:
            raise self._refuse(event, f"is {len(text):,} characters long; a front-matter value may have at most "
                                      f"{MAX_TEXT:,} (a summary at most 300): shorten it and put long text in the body")
        if event.style == '"':  # only escapes can bring in what the check of the raw text did not see
            bad = FRONT_MATTER_REFUSED.search(text)
            quoted = f"the key '{excerpt(text)}'" if is_key else "the value"
            if bad:
                raise self._refuse(event, f"{quoted} holds {describe(bad.group())}; {fix_for(bad.group())}")
            run = combining_run(text)
            if run is not None:
                raise self._refuse(event, f"{quoted} holds {combining_problem(run[1])}")
        if is_key:
            if event.implicit[0] and text == "<<":
                raise self._refuse(event, "the merge key '<<' is not allowed; write the keys out in full")
            self._key(parent, event, text)
            return
        value = _resolve(text) if event.implicit[0] else text
        if value.__class__ is float and not math.isfinite(value):
            raise self._refuse(event, f"must be a finite number, not '{excerpt(text)}'; write a decimal "
                                      "number, e.g. 59.91, or put the value in quotes if it is text")
        if parent is not None and parent.is_mapping:
            parent.value[parent.key] = value
            parent.key = None
        else:
            self._place(event, value)

    def _key(self, mapping: _Open, event, key: str) -> None:
        line = event.start_mark.line + self.first_line
        if key in mapping.value:
            self.result.duplicate_keys.append((key, line))
        mapping.key = key
        self.result.lines[mapping.location + (key,)] = line

    def _place(self, event, value: object) -> tuple:
        """Put ``value`` where the document expects the next node; its location."""
        line = event.start_mark.line + self.first_line
        if not self.open:
            self.result.meta = value
            self.result.lines[()] = line
            return ()
        parent = self.open[-1]
        if isinstance(parent.value, list):
            location = parent.location + (len(parent.value),)
            parent.value.append(value)
            self.result.lines[location] = line
            return location
        if parent.key is None:
            raise self._refuse(event, "a key must be a name, not a list or mapping; write 'name: value'")
        location = parent.location + (parent.key,)
        parent.value[parent.key] = value
        parent.key = None
        return location

    def _check_node(self, event) -> None:
        if event.anchor is not None:
            raise self._refuse(event, f"the anchor '&{event.anchor}' is not allowed: anchors and aliases can "
                                      "hide huge values; remove it and write every value out in full")
        if event.tag is not None:
            tag = event.tag.replace(_STANDARD_TAG, "!!", 1) if event.tag.startswith(_STANDARD_TAG) else event.tag
            raise self._refuse(event, f"the tag '{excerpt(tag)}' is not allowed; remove it (put text in quotes "
                                      "if it starts with '!')")

    def _refuse(self, event, message: str) -> CaseFileError:
        mark = getattr(event, "start_mark", None)
        line = mark.line + self.first_line if mark else None
        column = mark.column + 1 if mark else None
        location = self._location_here()
        return CaseFileError(message, line=line, column=column, field=field_name(location) or "front matter")

    def _location_here(self) -> tuple:
        if not self.open:
            return ()
        parent = self.open[-1]
        if isinstance(parent.value, list):
            return parent.location + (len(parent.value),)
        return parent.location + ((parent.key,) if parent.key is not None else ())


def lenient_integer(text: str) -> int | None:
    """The whole number other YAML readers see in ``text`` (YAML 1.1's hex, octal, binary, sexagesimal and
    underscores, YAML 1.2's 0o octal), for a hint when it arrives here as text; None for anything else."""
    match = _LENIENT_INT.fullmatch(text) if len(text) <= 40 else None
    if match is None:
        return None
    sign, digits = match.group(1), match.group(2).replace("_", "")
    try:
        if ":" in digits:
            value = 0
            for part in digits.split(":"):
                value = value * 60 + int(part)
        elif digits[:2] in ("0x", "0b", "0o"):
            value = int(digits, 0)
        elif len(digits) > 1 and digits.startswith("0"):
            value = int(digits, 8)
        else:
            value = int(digits)
    except ValueError:
        return None
    return -value if sign == "-" else value


def _resolve(text: str) -> object:
    """A plain scalar's value: YAML 1.2's core schema, without its octal, hex, .nan and .inf forms."""
    if text in _PLAIN_WORDS:
        return _PLAIN_WORDS[text]
    if _INT.fullmatch(text):
        return int(text) if len(text.lstrip("+-")) <= MAX_DIGITS else text
    if _FLOAT.fullmatch(text):
        return float(text)
    return text
