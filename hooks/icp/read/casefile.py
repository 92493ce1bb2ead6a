"""Reading one case file: its front matter, body and the line of every front-matter value.

A case file comes from a stranger. It is read only if it is a regular file (never through a
symbolic link, never a pipe or device) of at most ``MAX_CASE_BYTES``, and refused whole, with
the line and the fix, when it holds a character :mod:`characters` refuses.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from icp.read.characters import BODY_REFUSED, combining_problem, combining_run, describe, fix_for
from icp.read.frontmatter import CaseFileError, load_front_matter

__all__ = ["MAX_CASE_BYTES", "OPEN_FLAGS", "CaseFile", "CaseFileError", "parse_case_bytes", "parse_case_text",
           "read_case_bytes", "read_case_file"]

# The longest real case is about 10 KB; 256 KB is some 40,000 words. The limit bounds every later
# step too: the Markdown renderer, linear in its input, takes about 0.25 s on the worst text this size.
MAX_CASE_BYTES = 256_000
_LIMIT = f"256 KB ({MAX_CASE_BYTES:,} bytes)"
# Opening a file from practices/: never through a link, never waiting on a pipe or device.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_OPENING = re.compile(r"\A-{3,}[ \t]*\r?\n")
_CLOSING = re.compile(r"^-{3,}[ \t]*\r?$\n?", re.MULTILINE)
_LINES_NAMED = 5
_LINK = "the file is a symbolic link, and links are never followed; replace it with the case file itself"


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
    """The file's bytes; CaseFileError, without reading it, for a link, a non-file or a file over the limit."""
    return read_project_file(path)


def read_project_file(path: Path, *, limit: int = MAX_CASE_BYTES, kind: str = "case file") -> bytes:
    """A file of the project that a pull request may change (a case, the vocabulary, the schema,
    CONTRIBUTING.md): never through a link, never a device or pipe, never more than ``limit`` bytes."""
    try:
        _refuse_unless_small_regular_file(os.lstat(path), limit, kind)
        descriptor = os.open(path, OPEN_FLAGS)
    except OSError as error:
        raise CaseFileError(_os_problem(error), field="file") from None
    try:
        _refuse_unless_small_regular_file(os.fstat(descriptor), limit, kind)
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise CaseFileError(_os_problem(error), field="file") from None
    finally:
        os.close(descriptor)
    if size > limit:
        raise CaseFileError(_too_large(size, limit, kind, grew=True), field="file")
    return b"".join(chunks)


def _refuse_unless_small_regular_file(status: os.stat_result, limit: int, kind: str) -> None:
    mode = status.st_mode
    if stat.S_ISLNK(mode):
        raise CaseFileError(_LINK, field="file")
    if stat.S_ISDIR(mode):
        raise CaseFileError(f"this is a folder, not a {kind}; rename it so that its name does not end in "
                            "'.md', or move it out of practices/", field="file")
    if not stat.S_ISREG(mode):
        raise CaseFileError("this is not a regular file (it is a pipe, socket or device); remove it: a "
                            f"{kind.removesuffix(' file')} is a plain text file", field="file")
    if status.st_size > limit:
        raise CaseFileError(_too_large(status.st_size, limit, kind), field="file")


def _too_large(size: int, limit: int = MAX_CASE_BYTES, kind: str = "case file", grew: bool = False) -> str:
    measured = "grew past the limit while it was read" if grew else f"is {size:,} bytes"
    allowed = _LIMIT if limit == MAX_CASE_BYTES else f"{limit:,} bytes"
    return (f"the file {measured}; a {kind} may have at most {allowed}: shorten the text, or move "
            "images and data out of it")


def _os_problem(error: OSError) -> str:
    if error.errno == errno.ELOOP:  # O_NOFOLLOW met a link put there after the lstat
        return _LINK
    return f"cannot read the file: {error.strerror}"


def parse_case_bytes(path: Path, raw: bytes) -> CaseFile:
    if len(raw) > MAX_CASE_BYTES:
        raise CaseFileError(_too_large(len(raw)), field="file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CaseFileError(
            f"the file is not UTF-8 (byte {raw[error.start]:#04x} at line {line}); "
            "save it with UTF-8 encoding",
            line=line,
        ) from None
    text = text.lstrip("\ufeff")
    return parse_case_text(path, text)


def parse_case_text(path: Path, text: str) -> CaseFile:
    opening = _OPENING.match(text)
    if opening is None:
        raise CaseFileError(
            "the file has no front matter; it must start with a line '---', then the keys "
            "(title, city, country, year, topics, summary, evidence), then another line '---'",
            line=1,
        )
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise CaseFileError("the front matter is not closed; add a line '---' after the last key", line=1)
    front = text[opening.end():closing.start()]
    body = text[closing.end():]
    first_line = 2
    body_line = first_line + front.count("\n") + 1
    _refuse_characters_in_body(body, body_line)
    loaded = load_front_matter(front, first_line)
    return CaseFile(path=path, meta=loaded.meta if loaded.meta is not None else {}, body=body, body_line=body_line,
                    lines=loaded.lines, duplicate_keys=loaded.duplicate_keys)


def _refuse_characters_in_body(body: str, body_line: int) -> None:
    bad = BODY_REFUSED.search(body)
    if bad is None:
        run = combining_run(body)
        if run is not None:
            line = body_line + body.count("\n", 0, run[0])
            raise CaseFileError(f"line {line} holds {combining_problem(run[1])}", line=line, field="body")
        return
    lines: list[int] = []
    line, counted = body_line, 0
    for match in BODY_REFUSED.finditer(body, bad.start()):
        line += body.count("\n", counted, match.start())
        counted = match.start()
        if not lines or lines[-1] != line:
            lines.append(line)
            if len(lines) > _LINES_NAMED:
                break
    others = ", ".join(map(str, lines[1:_LINES_NAMED]))
    more = " and more" if len(lines) > _LINES_NAMED else ""
    also = f" (and on line{'s' if len(lines) > 2 else ''} {others}{more})" if others else ""
    raise CaseFileError(f"line {lines[0]} holds {describe(bad.group())}{also}; {fix_for(bad.group())}",
                        line=lines[0], field="body")
