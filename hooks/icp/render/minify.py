"""The site's own scripts as they are published: without their comments and indentation.

The scripts in ``docs/assets/javascripts/`` are written to be read, with a comment for every
part; a phone on a slow link need not download the comments (Lighthouse's "unminified JavaScript").
:func:`minify` drops comments and the white space at the start and end of lines, and nothing else:
every line break stays where it was, so no statement is joined to the next one, and strings,
template literals and regular expressions are kept as written. Only the text that is not code changes,
so the browser reads the same program (``tests/test_minify.py`` compares the two token by token).
"""

from __future__ import annotations

import re

# After one of these a "/" starts a regular expression, not a division.
_BEFORE_REGEX = set("(,=:[!&|?{};+-*%<>~^")
_KEYWORDS_BEFORE_REGEX = {"return", "typeof", "case", "in", "of", "new", "delete", "void", "throw", "else", "do",
                          "instanceof", "yield", "await"}
_WORD_BEFORE = re.compile(r"([A-Za-z_$][\w$]*)$")


class ScriptError(ValueError):
    """A script the minifier cannot read (an unclosed string, comment or regular expression)."""


def minify(text: str, name: str = "script") -> str:
    """``text`` without comments, blank lines and the white space around lines."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in "\"'`":
            end = _template_end(text, i, name) if char == "`" else _string_end(text, i, name)
            out.append(text[i:end])
            i = end
        elif char == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif char == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise ScriptError(f"{name}: a comment is never closed (*/)")
            _space(out, "\n" if "\n" in text[i:end] else " ")
            i = end + 2
        elif char == "/" and _regex_may_start("".join(out[-24:])):
            end = _regex_end(text, i, name)
            out.append(text[i:end])
            i = end
        elif char == "\n" or (char in " \t" and (not out or out[-1] == "\n")):
            _space(out, char)
            i += 1
        else:
            out.append(char)
            i += 1
    while out and out[-1] in (" ", "\t", "\n"):
        out.pop()
    return "".join(out) + "\n"


def _space(out: list[str], char: str) -> None:
    """A line break ends the line (its trailing white space dropped, a blank line not started); other
    white space at a line's start is dropped."""
    if char == "\n":
        while out and out[-1] in (" ", "\t"):
            out.pop()
        if out and out[-1] != "\n":
            out.append("\n")
    elif out and out[-1] not in (" ", "\t", "\n"):
        out.append(char)


def _string_end(text: str, start: int, name: str) -> int:
    quote, i = text[start], start + 1
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == quote:
            return i + 1
        if char == "\n":
            break
        i += 1
    raise ScriptError(f"{name}: a string is never closed ({quote})")


def _template_end(text: str, start: int, name: str) -> int:
    """The end of a template literal, kept whole with the code of its ${...}, line breaks and all."""
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
        elif char == "`":
            return i + 1
        elif text.startswith("${", i):
            i = _substitution_end(text, i + 2, name)
        else:
            i += 1
    raise ScriptError(f"{name}: a template literal is never closed (`)")


def _substitution_end(text: str, i: int, name: str) -> int:
    depth = 0
    while i < len(text):
        char = text[i]
        if char in "\"'":
            i = _string_end(text, i, name)
            continue
        if char == "`":
            i = _template_end(text, i, name)
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return i + 1
            depth -= 1
        i += 1
    raise ScriptError(f"{name}: a template literal's ${{...}} is never closed")


def _regex_may_start(before: str) -> bool:
    stripped = before.rstrip()
    if not stripped:
        return True
    if stripped[-1] in _BEFORE_REGEX:
        return True
    word = _WORD_BEFORE.search(stripped)
    return bool(word) and word.group(1) in _KEYWORDS_BEFORE_REGEX


def _regex_end(text: str, start: int, name: str) -> int:
    i, in_class = start + 1, False
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "\n":
            break
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            i += 1
            while i < len(text) and (text[i].isalnum() or text[i] in "_$"):
                i += 1
            return i
        i += 1
    raise ScriptError(f"{name}: a regular expression is never closed (/)")
