"""Hostile case files, one attack each, grouped by what the attacker is after.

``script/`` runs script on a page, ``request/`` makes the page load something from another host,
``cover/`` covers the page or part of it, ``machine/`` publishes a file of the build machine,
``opendata/`` poisons the JSON and CSV exports, ``crash/`` crashes, hangs or wipes the build or
makes a page differ from what the validator checked.

A file's first body lines say what it tries and how to set it up, as HTML comments:
``<!-- tries: ... -->`` (always), ``<!-- field: ... -->`` (the field a refusal must name; default
``body``), ``<!-- copy: practices/x <- file -->`` (a file of this folder copied into the project)
and ``<!-- link: practices/x -> target -->`` (a symbolic link made in the project). Attacks built
from generated text (200 KB lines, NUL bytes, floods) are listed in ``tests/test_attacks.py``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
GROUPS = ("script", "request", "cover", "machine", "opendata", "crash")
_DIRECTIVE = re.compile(r"^<!-- (tries|field|copy|link): (.*?) -->$", re.MULTILINE)


@dataclass(frozen=True)
class Attack:
    group: str
    name: str
    text: bytes
    tries: str
    field: str = "body"
    copies: tuple[tuple[str, Path], ...] = ()
    links: tuple[tuple[str, str], ...] = ()

    @property
    def slug(self) -> str:
        return f"attack-{self.group}-{self.name}"

    @property
    def shown(self) -> str:
        """The case file as the validator names it."""
        return f"practices/{self.slug}.md"

    @property
    def extra_files(self) -> tuple[str, ...]:
        return tuple(path for path, _ in self.copies) + tuple(path for path, _ in self.links)

    @property
    def body_line(self) -> int:
        """The file line the body starts on (after the closing '---')."""
        lines = self.text.split(b"\n")
        return [index for index, line in enumerate(lines) if line.rstrip(b"\r") == b"---"][1] + 2

    def install(self, root: Path) -> None:
        """Add the case and its files to the project at ``root``, never writing outside it."""
        _write_inside(root, self.shown, self.text)
        for path, source in self.copies:
            _write_inside(root, path, source.read_bytes())
        for path, target in self.links:
            link = _inside(root, path)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(target)

    def uninstall(self, root: Path) -> None:
        """Remove what :meth:`install` added, and the folders it made if they are left empty."""
        for path in (self.shown, *self.extra_files):
            target = root / path
            if target.is_symlink() or target.is_file():
                target.unlink()
            for folder in target.parents:
                if folder == root / "practices" or root not in folder.parents:
                    break
                try:
                    folder.rmdir()
                except OSError:
                    break


def _inside(root: Path, path: str) -> Path:
    """``root / path`` when its folder lies inside ``root`` (an attack may have linked a folder away)."""
    target = root / path
    if not os.path.realpath(target.parent).startswith(os.path.realpath(root) + os.sep):
        raise RuntimeError(f"{path} would be written outside the project")
    return target


def _write_inside(root: Path, path: str, data: bytes) -> None:
    target = _inside(root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink():
        raise RuntimeError(f"{path} is a link; not writing through it")
    target.write_bytes(data)


def read_attack(path: Path) -> Attack:
    text = path.read_bytes()
    directives = _DIRECTIVE.findall(text.decode("utf-8", "replace"))
    values: dict[str, list[str]] = {}
    for key, value in directives:
        values.setdefault(key, []).append(value)
    copies = []
    for value in values.get("copy", []):
        destination, source = (part.strip() for part in value.split("<-"))
        copies.append((destination, path.parent / source))
    links = [tuple(part.strip() for part in value.split("->")) for value in values.get("link", [])]
    return Attack(group=path.parent.name, name=path.stem, text=text, tries=values["tries"][0],
                  field=values.get("field", ["body"])[0], copies=tuple(copies), links=tuple(links))


def file_attacks() -> list[Attack]:
    """Every attack written as a file in this folder, by group and name."""
    return [read_attack(path) for group in GROUPS for path in sorted((FOLDER / group).glob("*.md"))]


def install_all(attacks: list[Attack], root: Path) -> None:
    for attack in attacks:
        attack.install(root)
