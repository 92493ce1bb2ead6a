"""Hostile case files, one attack each, grouped by what the attacker is after.

``script/`` runs script on a page, ``request/`` makes the page load something from another host,
``cover/`` covers the page or part of it, ``machine/`` publishes a file of the build machine,
``opendata/`` poisons the JSON and CSV exports, ``crash/`` crashes, hangs or wipes the build or
makes a page differ from what the validator checked, ``shadow/`` changes what other cases show (moves a
city's marker, draws a second city that looks like another).

A file's first body lines say what it tries and how to set it up, as HTML comments:
``<!-- tries: ... -->`` (always), ``<!-- field: ... -->`` (the field a refusal must name; default
``body``), ``<!-- copy: practices/x <- file -->`` (a file of this folder copied into the project)
and ``<!-- link: practices/x -> target -->`` (a symbolic link made in the project). Attacks made
of generated text (NUL bytes, floods, 200 KB lines) are :func:`generated_attacks`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
GROUPS = ("script", "request", "cover", "machine", "opendata", "crash", "shadow")
JS = "window.__pwned=1;alert(1)"
FRONT = ("---\ntitle: Attack {name}\ncity: Oslo\ncountry: Norway\nyear: 2010\ntopics: [Education]\n"
         "summary: A hostile case file of the attack test suite.\nevidence: none given\n---\n<!-- tries: {tries} -->\n\n## Summary\n\n")
LONG = 200_000
# Patterns an old body check was quadratic on, and others in the same spirit: a 200 KB line of each.
LINE_PATTERNS = {
    "open-a": "<a ", "bracket": "[", "image-bracket": "![", "star-bracket": "*[", "comment-open": "<!--",
    "link": "[a](b)", "letters": "a", "dotted": "a.", "spaces-after-title": " ", "amp": "&", "x-amp": "x&",
    "entity": "&#", "named-entity": "&amp;", "lt": "<", "gt": ">", "backtick": "`", "underscore": "_",
    "star": "*", "tilde": "~~a", "pipe": "|", "www": "www.", "email": "a@", "http": "http://", "colon": "a:",
    "attribute": "<a x=", "distinct-attributes": None, "div": "<div>", "footnote": "[^", "strong-under": "**_",
    "backslash": "\\", "declaration": "<!", "processing": "<?", "cdata-end": "]]>", "quote-attribute": ' a="',
    "link-title": '[a](b "', "autolink": "<http://a", "bang": "!", "hash": "#", "dash-space": "- ",
    "heading-flood": "## a\n", "broken-anchor-flood": "[x](#zz) ", "mixed": "<b>*[x](y)*</b>&amp;",
}
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


def generated_attacks() -> list[Attack]:
    """Attacks whose text a file in tests/attacks would not hold well: bytes, floods, huge lines."""
    def attack(group: str, name: str, tries: str, body: str | bytes, field: str = "body") -> Attack:
        head = FRONT.format(name=name, tries=tries).encode("utf-8")
        if name == "line-spaces-after-title":  # the body's first line is where a title heading is looked for
            head = head[:head.index(b"<!--")]
        return Attack(group=group, name=name, text=head + (body if isinstance(body, bytes) else body.encode("utf-8")),
                      tries=tries, field=field)

    attacks = [
        attack("script", "nul-in-scheme", "a NUL byte inside the javascript scheme",
               b'<a href="java\x00script:' + JS.encode() + b'">x</a>\n'),
        attack("script", "nul-in-tag", "a NUL byte inside a tag name", b"<scr\x00ipt>" + JS.encode() + b"</script>\n"),
        attack("request", "nul-in-image", "a NUL byte inside an image address",
               b'<img src="https:\x00//example.com/a.png">\n'),
        attack("request", "control-in-scheme", "a control character before the scheme",
               b'<img src="\x01https://example.com/a.png">\n'),
        attack("cover", "bidi-override", "a right-to-left override in the body",
               "Pay \u202eninety\u202c euros.\n"),
        attack("crash", "elements-flood", "20,000 elements", "<b>x</b>" * 20_000 + "\n"),
        attack("crash", "heading-flood", "4,000 headings with the same text", "## a\n\n" * 4_000),
        attack("crash", "broken-link-flood", "2,000 links to sections that do not exist",
               "".join(f"## section {n}\n\n" for n in range(800)) + " ".join(f"[x](#section-{n}x)" for n in range(2000))),
        attack("crash", "nesting-flood", "9,000 nested elements", "<div>" * 9_000 + "\n"),
        attack("crash", "reopen-flood", "2,000 distinct formatting elements left open, then 2,000 paragraphs "
               "in one HTML block: a parser reopens them in each (62 s and 1.2 GB before this was refused)",
               "<p>" + "".join(f'<code class="language-a{n}">' for n in range(2000)) + "</p>" + "<p>x</p>" * 2000 + "\n"),
        attack("crash", "reopen-twenty", "20 formatting elements left open (within the limit), then 4,900 paragraphs "
               "in one HTML block", "<p>" + "".join(f'<code class="language-a{n}">' for n in range(20)) + "</p>"
               + "<p>x</p>" * 4900 + "\n"),
        attack("crash", "table-padding-flood", "a header of 5,000 columns over 1,000 one-cell rows, which cmark pads",
               "|a" * 5000 + "|\n" + "|-" * 5000 + "|\n" + "|x|\n" * 1000),
        attack("crash", "not-utf8", "bytes that are not UTF-8 in the body", b"caf\xe9 \xff\xfe\n", field=""),
    ]
    for name, pattern in LINE_PATTERNS.items():
        attacks.append(attack("crash", f"line-{name}", f"a 200 KB line of {name}", long_line(name, pattern)))
    return attacks


def long_line(name: str, pattern: str | None, length: int = LONG) -> str:
    """A line of about ``length`` characters of one of :data:`LINE_PATTERNS`."""
    if name == "distinct-attributes":
        parts = ["<a"]
        size, number = 2, 0
        while size < length:
            parts.append(f" a{number}=x")
            size += len(parts[-1])
            number += 1
        return "".join(parts) + ">x</a>\n"
    if name == "spaces-after-title":
        return "# T" + " " * length + "x\n"
    return pattern * (length // len(pattern)) + "\n"
