"""Reading one case file: its front matter, body and the line of every front-matter value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class _PlainLoader(yaml.SafeLoader):
    """Safe YAML, but dates stay text: a source's date is shown as written, and JSON can hold it."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):
        """The same rules parsed by libyaml, about ten times faster; marks keep the lines."""

    _FastLoader.yaml_implicit_resolvers = _PlainLoader.yaml_implicit_resolvers
else:
    _FastLoader = _PlainLoader

_OPENING = re.compile(r"\A-{3,}[ \t]*\r?\n")
_CLOSING = re.compile(r"^-{3,}[ \t]*\r?$\n?", re.MULTILINE)


class CaseFileError(ValueError):
    """The file cannot be read as a case at all; ``line``/``column`` point at the cause."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class CaseFile:
    """A case file as written, before any rule is checked."""

    path: Path
    meta: object
    body: str
    body_line: int
    lines: dict[tuple, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.path.stem

    @property
    def closing_line(self) -> int:
        """The line of the '---' that closes the front matter (the opening one is line 1)."""
        return self.body_line - 1

    def line_of(self, location: tuple) -> int | None:
        """The line of the value at ``location`` (e.g. ``("topics", 1)``), or of its nearest parent."""
        while location:
            if location in self.lines:
                return self.lines[location]
            location = location[:-1]
        return self.lines.get((), None)


def read_case_file(path: Path) -> CaseFile:
    return parse_case_bytes(path, read_case_bytes(path))


def read_case_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CaseFileError(f"cannot read the file: {error.strerror}") from error


def parse_case_bytes(path: Path, raw: bytes) -> CaseFile:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CaseFileError(
            f"the file is not UTF-8 (byte {raw[error.start]:#04x} at line {line}); "
            "save it with UTF-8 encoding",
            line=line,
        ) from error
    text = text.lstrip("\ufeff")
    return parse_case_text(path, text)


def parse_case_text(path: Path, text: str) -> CaseFile:
    opening = _OPENING.match(text)
    if opening is None:
        raise CaseFileError(
            "the file has no front matter; it must start with a line '---', then the keys "
            "(title, city, country, year, topics, summary), then another line '---'",
            line=1,
        )
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise CaseFileError("the front matter is not closed; add a line '---' after the last key", line=1)
    front = text[opening.end():closing.start()]
    body = text[closing.end():]
    first_line = 2
    body_line = first_line + front.count("\n") + 1
    try:
        try:
            node, meta = _compose_and_load(front, _FastLoader)
        except yaml.YAMLError:
            node, meta = _compose_and_load(front, _PlainLoader)  # PyYAML's own wording of the problem
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else None
        column = mark.column + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        detail = f"{context}, {problem}" if context else problem
        raise CaseFileError(
            f"the front matter is not valid YAML: {detail} (line {line}, column {column}); "
            "check the indentation and put quotes around values that contain ': ' or start with a special character",
            line=line,
            column=column,
        ) from error
    case = CaseFile(path=path, meta=meta if meta is not None else {}, body=body, body_line=body_line)
    if node is not None:
        _record_lines(node, (), first_line, case)
    return case


def _compose_and_load(front: str, loader_class) -> tuple[yaml.Node | None, object]:
    """The front matter's node tree (for line numbers) and its value, from one parse."""
    loader = loader_class(front)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _record_lines(node: yaml.Node, location: tuple, first_line: int, case: CaseFile) -> None:
    case.lines[location] = node.start_mark.line + first_line
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                case.duplicate_keys.append((key, key_node.start_mark.line + first_line))
            seen.add(key)
            case.lines[location + (key,)] = key_node.start_mark.line + first_line
            _record_lines(value_node, location + (key,), first_line, case)
            case.lines[location + (key,)] = key_node.start_mark.line + first_line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, location + (index,), first_line, case)
