"""What may live in ``practices/``: case files, the vocabulary, the schema and an ``images/`` folder.

Anything else is reported rather than silently ignored: a ``notes.txt`` or ``x.markdown`` would
otherwise look like a case that never appears. Only small raster images whose first bytes are what
their name says are allowed (an SVG can carry scripts); ``icp.check.images`` then decodes each and
publishes it re-encoded. Nothing here follows a symbolic link or reads more than a few bytes of a file.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from icp.read.casefile import OPEN_FLAGS
from icp.read.schema import SCHEMA_FILE
from icp.read.vocabulary import slugify

CASE_SUFFIX = ".md"
TAXONOMY_FILE = "taxonomy.yml"
IMAGES_DIR = "images"
MAX_IMAGE_BYTES = 2_000_000
IMAGE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.(png|jpg|jpeg|gif|webp)$")
_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP"}
_SUFFIX_OF = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WebP": "webp"}
# What editors and file managers leave beside the files they show: never read, always reported.
LITTER = (
    (re.compile(r"\.DS_Store"), "a file macOS's Finder leaves to remember how it showed the folder"),
    (re.compile(r"\._.+"), "a resource file macOS leaves when it copies a file to a drive or a network share"),
    (re.compile(r"Thumbs\.db|ehthumbs\.db|desktop\.ini", re.IGNORECASE),
     "a file Windows' Explorer leaves (thumbnails or folder settings)"),
    (re.compile(r"\..*\.sw[a-p]"), "Vim's swap file, kept while the file is open in Vim (or left by a crash)"),
    (re.compile(r"\.#.*"), "Emacs's lock file, kept while the file has unsaved changes in Emacs"),
    (re.compile(r"#.*#"), "Emacs's auto-save file"),
    (re.compile(r".*~"), "an editor's backup of the file as it was before the last save"),
)
_ALLOWED = (f"only case files (*.md), {TAXONOMY_FILE}, {SCHEMA_FILE} and the folder {IMAGES_DIR}/ "
            "belong in practices/")


@dataclass(frozen=True)
class FolderProblem:
    """A file in ``practices/`` that is not allowed there, and what to do about it."""

    path: Path
    field: str
    message: str


def link_problems(root: Path, folder: Path) -> list[str]:
    """Why ``folder`` (a folder the generator publishes from, such as ``docs/``) could publish a file
    from outside the checkout: it lies outside ``root``, or it holds a symbolic link (a link to
    ``/proc/self/environ`` would publish the build machine's environment). Links are never followed."""
    shown = _shown(root, folder)
    if folder.is_symlink() or not _inside(root, folder):
        return [f"{shown}: a folder the site is built from must be a real folder inside the repository; "
                "move its files into the repository"]
    problems = []
    pending = [folder]
    while pending:
        for entry in sorted(_entries(pending.pop()), key=lambda entry: entry.name):
            path = Path(entry.path)
            if entry.is_symlink():
                problems.append(f"{_shown(root, path)} is a symbolic link, and links are never published; "
                                "replace it with the file or folder itself")
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
    return problems


def _inside(root: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _shown(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def litter(name: str) -> str | None:
    """What left the file ``name`` behind, if an editor or a file manager did; None for any other name."""
    return next((what for pattern, what in LITTER if pattern.fullmatch(name)), None)


def is_case_name(name: str) -> bool:
    """Whether a file of ``practices/`` named ``name`` is read as a case (and counted as one)."""
    return name.endswith(CASE_SUFFIX) and litter(name) is None


def case_paths(practices_dir: Path) -> list[Path]:
    """Every name ending in '.md', sorted; whether each is a readable case is the reader's business."""
    return sorted(practices_dir / entry.name for entry in _entries(practices_dir) if is_case_name(entry.name))


def folder_problems(practices_dir: Path) -> list[FolderProblem]:
    """Every file or folder in ``practices/`` (and ``images/``) that is neither a case nor allowed there."""
    problems = []
    for entry in _entries(practices_dir):
        path = practices_dir / entry.name
        if is_case_name(entry.name):
            continue
        if litter(entry.name):
            problems.append(FolderProblem(path, "file", _litter_message(entry.name)))
        elif entry.name in (TAXONOMY_FILE, SCHEMA_FILE):
            if not entry.is_file(follow_symlinks=False):
                problems.append(FolderProblem(path, "file", f"'{entry.name}' must be a regular file, not a link "
                                                            "or folder; replace it with the file itself"))
        elif entry.name == IMAGES_DIR:
            problems.extend(_images_folder_problems(entry, path))
        else:
            problems.append(FolderProblem(path, "file", _stray_message(entry)))
    return sorted(problems, key=lambda problem: problem.path)


def local_images(practices_dir: Path) -> list[Path]:
    """The images in ``practices/images/`` that may be published: the build copies these into the site."""
    folder = practices_dir / IMAGES_DIR
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return []
    except OSError:
        return []
    return sorted(folder / entry.name for entry in _entries(folder)
                  if not litter(entry.name) and _image_problem(entry) is None)


def image_format(name: str) -> str | None:
    """The format an image's name promises (PNG, JPEG, GIF, WebP), or None."""
    stem, dot, suffix = name.rpartition(".")
    return _FORMATS.get(suffix.lower()) if dot else None


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _litter_message(name: str) -> str:
    return (f"'{name}' is {litter(name)}, not part of the site; delete it (close the file in the editor first) "
            "and do not commit it")


def _stray_message(entry: os.DirEntry) -> str:
    name = entry.name
    stem, dot, suffix = name.rpartition(".")
    if entry.is_dir(follow_symlinks=False):
        return f"the folder '{name}/' is not allowed here; {_ALLOWED}: move it out"
    if dot and stem and suffix.lower() in ("md", "markdown", "mdown", "mkd", "mkdn"):
        slug = slugify(stem) or "case"
        return f"'{name}' is not read as a case (case files end in '.md', in lowercase); rename it to '{slug}.md'"
    return f"'{name}' is not a case and is never read; {_ALLOWED}: move or remove it"


def _images_folder_problems(entry: os.DirEntry, path: Path) -> list[FolderProblem]:
    if not entry.is_dir(follow_symlinks=False):
        return [FolderProblem(path, "file", f"'{IMAGES_DIR}' must be a folder of images (not a file or a link); "
                                            "replace it with a real folder")]
    problems = []
    for image in _entries(path):
        problem = _litter_message(image.name) if litter(image.name) else _image_problem(image)
        if problem is not None:
            problems.append(FolderProblem(path / image.name, "image", problem))
    return problems


def _image_problem(entry: os.DirEntry) -> str | None:
    """Why ``entry`` may not be published as an image, or None when it may."""
    name = entry.name
    if entry.is_symlink():
        return f"'{name}' is a symbolic link, and links are never followed; put the image file itself here"
    if entry.is_dir(follow_symlinks=False):
        return f"the folder '{name}/' is not allowed in {IMAGES_DIR}/; move its images up into practices/{IMAGES_DIR}/"
    stem, dot, suffix = name.rpartition(".")
    expected = _FORMATS.get(suffix.lower()) if dot else None
    if expected is None:
        if not dot:
            why = "it has no image extension"
        elif suffix.lower() == "svg":
            why = "an SVG image can carry scripts"
        else:
            why = f"'.{suffix}' is not an allowed image type"
        return f"'{name}' is not allowed: {why}; save it as PNG, JPEG, GIF or WebP (.png, .jpg, .gif, .webp)"
    if not IMAGE_NAME.fullmatch(name):
        suggestion = slugify(stem) or "image"
        return (f"'{name}' is not a valid image name: use lowercase ASCII letters, digits and single hyphens, "
                f"and a lowercase extension; rename it to '{suggestion}.{suffix.lower()}'")
    try:
        status = entry.stat(follow_symlinks=False)
    except OSError as error:
        return f"cannot read '{name}': {error.strerror}"
    if not stat.S_ISREG(status.st_mode):
        return f"'{name}' is not a regular file (it is a pipe, socket or device); remove it"
    if status.st_size > MAX_IMAGE_BYTES:
        return (f"'{name}' is {status.st_size:,} bytes; an image may have at most 2 MB ({MAX_IMAGE_BYTES:,} bytes): "
                "scale it down or save it with more compression")
    found = _format_of(_first_bytes(entry.path))
    if found == expected:
        return None
    if found is None:
        return f"'{name}' is not a {expected} image (its first bytes do not match); save it again as {expected}"
    return f"'{name}' holds a {found} image, not {expected}; rename it to '{stem}.{_SUFFIX_OF[found]}'"


def _first_bytes(path: str) -> bytes:
    try:
        descriptor = os.open(path, OPEN_FLAGS)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return b""
        return os.read(descriptor, 12)
    except OSError:
        return b""
    finally:
        os.close(descriptor)


def _format_of(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return None
