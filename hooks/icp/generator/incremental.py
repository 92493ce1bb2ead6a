"""What a long-running preview server keeps between rebuilds, so an edit redoes only what it changed.

Both caches are keyed by content, never by modification time alone: an edit that keeps a file's
size and lands in the same clock tick is still seen, and a file that is gone is simply never asked
for again. Neither is used by a one-off build.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Iterable, TypeVar

Result = TypeVar("Result")


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class CheckedFiles:
    """The result of reading and checking each case file, reused while the file's bytes and the rules stay the same.

    ``rules`` is anything comparable that the check depends on besides the file (vocabulary,
    schema, the current year); when it changes, every file is checked again.
    """

    def __init__(self) -> None:
        self._rules: object = None
        self._results: dict[Path, tuple[bytes, object]] = {}

    def result(self, path: Path, raw: bytes, rules: object, check: Callable[[], Result]) -> Result:
        if rules != self._rules:
            self._results.clear()
            self._rules = rules
        digest = _digest(raw)
        kept = self._results.get(path)
        if kept is not None and kept[0] == digest:
            return kept[1]  # type: ignore[return-value]
        result = check()
        self._results[path] = (digest, result)
        return result

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Forget files that were deleted or renamed."""
        wanted = set(paths)
        for path in [path for path in self._results if path not in wanted]:
            del self._results[path]


class ChangedFiles:
    """Generated text as files under ``folder``, rewritten only when the text changed.

    A builder that compares modification times (MkDocs' ``--dirty``) then redoes exactly the
    outputs whose text changed. The folder must belong to one server run: a fresh output folder
    with an old cache is fine (missing outputs are always built), a shared cache is not.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._digests: dict[str, bytes] = {}
        self.written: list[str] = []
        self._asked: set[str] = set()

    def path_for(self, name: str, text: str, *, extra: Iterable[str] = ()) -> Path:
        """The file holding ``text`` at ``name`` (a relative path); written only if its text changed.

        ``extra`` is whatever else the output will show that is kept out of the file (HTML put
        back after Markdown, say): a change there counts as a change of the file.
        """
        self._asked.add(name)
        path = self.folder / name
        data = text.encode("utf-8")
        digest = _digest(b"\0".join([data, *(part.encode("utf-8") for part in extra)]))
        if self._digests.get(name) != digest or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            self._digests[name] = digest
            self.written.append(name)
        return path

    def start_round(self) -> None:
        self.written = []
        self._asked = set()

    def forget_unasked(self) -> list[str]:
        """The names of an earlier round that this round did not ask for (a deleted or left-out
        case's page): their files are removed here, and their outputs are the caller's to remove."""
        gone = sorted(name for name in self._digests if name not in self._asked)
        for name in gone:
            del self._digests[name]
            (self.folder / name).unlink(missing_ok=True)
        return gone


def outdate(paths: Iterable[Path]) -> None:
    """Date built files before any source, so that a build that compares modification times
    (``--dirty``) redoes them, while a server can go on serving them until it has."""
    for path in paths:
        try:
            os.utime(path, (0, 0))
        except FileNotFoundError:
            pass
