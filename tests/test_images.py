"""Images in a case body come from practices/images/, are copied into the site, and load offline."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image

from icp.check.validate import check_practices
from icp.site import Project

from conftest import copy_project, mkdocs_build, write_case


def png(width: int = 4, height: int = 3) -> bytes:
    """A real, tiny PNG: solid blue."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\x20\x40\xc0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


BODY = "## Summary\n\nA desk.\n\n![The desk seen from the door](images/welcome-desk.png)\n"


def case_with_image(practices: Path, slug: str = "oslo-desk", image: str = "images/welcome-desk.png") -> None:
    path = write_case(practices, slug)
    path.write_text(path.read_text(encoding="utf-8").replace("## Summary\n\nA short plain summary.\n",
                                                             BODY.replace("images/welcome-desk.png", image)),
                    encoding="utf-8")


def test_an_image_is_copied_and_shown_from_file(tmp_path, page):
    project = copy_project(tmp_path / "project", languages=False)
    (project / "practices" / "images").mkdir()
    (project / "practices" / "images" / "welcome-desk.png").write_bytes(png())
    case_with_image(project / "practices")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    published = tmp_path / "site" / "practices" / "images" / "welcome-desk.png"
    with Image.open(published) as image:  # re-encoded (tests/test_image_safety.py), the same pixels
        assert image.format == "PNG" and image.size == (4, 3)
        assert image.convert("RGB").getcolors() == [(12, (0x20, 0x40, 0xC0))]
    page.goto((tmp_path / "site" / "practices" / "oslo-desk.html").as_uri())
    image = page.get_by_role("img", name="The desk seen from the door")
    assert image.get_attribute("src") == "images/welcome-desk.png"
    page.wait_for_function("() => document.querySelector('article img[alt^=\"The desk\"]').naturalWidth === 4")


def test_a_missing_image_is_a_problem_with_the_fix(project_copy):
    case_with_image(project_copy.practices_dir, image="images/not-there.png")
    _, problems = check_practices(project_copy.practices_dir, project_copy.vocabulary(), project_copy.schema(),
                                  root=project_copy.root)
    lines = (project_copy.practices_dir / "oslo-desk.md").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "images/not-there.png" in text)
    assert [str(problem) for problem in problems] == [
        f"practices/oslo-desk.md:{line}: body: the image 'images/not-there.png' is not in practices/images/; copy the "
        "file there (lowercase name; .png, .jpg, .gif or .webp) and write images/<name>"]


def test_an_image_outside_the_folder_is_refused(project_copy):
    case_with_image(project_copy.practices_dir, image="../../secret.png")
    _, problems = check_practices(project_copy.practices_dir, project_copy.vocabulary(), project_copy.schema(),
                                  root=project_copy.root)
    assert len(problems) == 1 and "is not a file in practices/images/" in problems[0].message
    assert Project(project_copy.root).practices_dir.is_dir()
