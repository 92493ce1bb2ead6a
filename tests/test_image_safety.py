"""Every image is made safe at build time: refused with file, field and fix, or published re-encoded.

The hostile files are made in ``hostile_images.py``: pixel bombs (a 28-byte WebP of 16,384 x 16,384
pixels), files cut short or not what their name says, flashing animations, a PNG whose text chunks
hold a name, a GPS position and a phone number, phone photos with EXIF GPS and orientation. They go
through the validator, ``scripts/validate.py``, a real ``mkdocs build`` (whose output is read back
with Pillow and shown in Chromium) and a running preview.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from icp.check.validate import check_practices

from conftest import ROOT, copy_project, mkdocs_build, write_case
from hostile_images import CASES, GPS, NAME, PHONE, phone_photo, wide

REFUSED = [case for case in CASES if case.verdict == "refused"]
HARMLESS = [case for case in CASES if case.verdict == "harmless"]
FIXES = ("scale it to at most 2,000 px a side", "save it again as", "save it as PNG, JPEG, GIF or WebP", "rename it to")
METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop", "Author", "Location",
                 "Comment"}


def install(project: Path, cases) -> Path:
    images = project / "practices" / "images"
    images.mkdir(exist_ok=True)
    for case in cases:
        (images / case.name).write_bytes(case.data)
    return images


def showing(project: Path, cases, slug: str = "oslo-gallery") -> None:
    """A case whose body shows each image of ``cases`` (those a name allows)."""
    path = write_case(project / "practices", slug)
    shown = "".join(f"![Picture {case.name}](images/{case.name})\n\n" for case in cases)
    path.write_text(path.read_text(encoding="utf-8") + f"\n{shown}", encoding="utf-8")


def snapshot(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


# ---- the validator ----

@pytest.mark.parametrize("case", REFUSED, ids=lambda case: case.name)
def test_a_hostile_image_is_refused_with_file_field_and_fix(project_copy, case):
    install(project_copy.root, [case])
    _, problems = check_practices(project_copy.practices_dir, project_copy.vocabulary(), project_copy.schema(),
                                  root=project_copy.root)
    assert [(problem.path, problem.field) for problem in problems] == [(f"practices/images/{case.name}", "image")]
    message = problems[0].message
    assert case.says in message and any(fix in message for fix in FIXES), message


@pytest.mark.parametrize("case", HARMLESS, ids=lambda case: case.name)
def test_an_image_made_harmless_passes_and_the_validator_says_what_changes(project_copy, case):
    from icp.check.validate import image_notices

    install(project_copy.root, [case])
    _, problems = check_practices(project_copy.practices_dir, project_copy.vocabulary(), project_copy.schema(),
                                  root=project_copy.root)
    assert problems == []
    notices = image_notices(project_copy.practices_dir, project_copy.root)
    assert all(notice.startswith(f"practices/images/{case.name}: image: notice: ") for notice in notices)
    assert case.says in "\n".join(notices)


def test_scripts_validate_refuses_a_bomb_and_notes_removed_metadata(tmp_path):
    project = copy_project(tmp_path / "project")
    install(project, [case for case in CASES if case.name in ("bomb.webp", "phone-photo.jpg")])
    whole = _validate(project)
    assert whole.returncode == 1 and "Traceback" not in whole.stderr
    assert ("practices/images/bomb.webp: image: 'bomb.webp' declares 268,435,456 pixels" in whole.stderr
            and "scale it to at most 2,000 px a side" in whole.stderr), whole.stderr
    assert ("practices/images/phone-photo.jpg: image: notice: published without its EXIF data (with a GPS "
            "position) and comment") in whole.stdout, whole.stdout
    # As the pre-commit hook calls it, with the one image a commit adds:
    one = _validate(project, "practices/images/bomb.webp")
    assert one.returncode == 1 and "'bomb.webp' declares 268,435,456 pixels" in one.stderr, one.stderr + one.stdout
    (project / "practices" / "images" / "bomb.webp").unlink()
    fixed = _validate(project, "practices/images/phone-photo.jpg")
    assert fixed.returncode == 0 and "notice: published without its EXIF data" in fixed.stdout, fixed.stderr


def _validate(project: Path, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(project), *files],
                          capture_output=True, text=True, cwd=project)


# ---- a real build ----

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("images")
    project = copy_project(root / "project", languages=False)
    install(project, HARMLESS)
    showing(project, HARMLESS)
    result = mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.stderr
    return project, root / "site", result


@pytest.mark.parametrize("case", HARMLESS, ids=lambda case: case.name)
def test_a_build_publishes_the_image_re_encoded_small_still_and_without_metadata(built, case):
    _, site, result = built
    published = site / "practices" / "images" / case.name
    data = published.read_bytes()
    assert data != case.data, "the editor's bytes were published"
    for secret in (NAME, PHONE, GPS, "59.0"):
        assert secret.encode() not in data
    with Image.open(published) as image:
        assert image.format == {"png": "PNG", "jpg": "JPEG", "gif": "GIF", "webp": "WEBP"}[case.name.rsplit(".")[-1]]
        assert max(image.size) <= 2000 and image.size != (0, 0)
        assert getattr(image, "n_frames", 1) == 1 and not getattr(image, "is_animated", False)
        image.load()
        assert not METADATA_KEYS & set(image.info), image.info
        assert not dict(image.getexif())
        assert not getattr(image, "text", {})
    if case.says:
        assert f"practices/images/{case.name}: image: notice: " in result.stderr and case.says in result.stderr


def test_a_wide_image_is_scaled_to_2000_px_keeping_its_shape(built):
    _, site, _ = built
    for name in ("wide.png", "wide.jpg"):
        with Image.open(site / "practices" / "images" / name) as image:
            assert image.size == (2000, 667)


def test_an_animation_keeps_its_first_frame(built):
    _, site, _ = built
    for name in ("flash.gif", "flash.webp", "flash-apng.png"):
        with Image.open(site / "practices" / "images" / name) as image:
            assert getattr(image, "n_frames", 1) == 1, f"{name}: still an animation"
            assert set(image.convert("RGB").getcolors()) == {(40 * 30, (255, 255, 255))}, name


def test_a_phone_photo_is_turned_upright_before_its_exif_is_dropped(built):
    _, site, _ = built
    with Image.open(site / "practices" / "images" / "phone-photo.jpg") as image:
        assert image.size == (100, 300)
        red, white = image.convert("RGB").getpixel((50, 10)), image.convert("RGB").getpixel((50, 290))
    assert red[0] > 200 and red[1] < 60 and min(white) > 200, (red, white)


def test_chromium_shows_each_published_image_still_and_small(built, page):
    _, site, _ = built
    page.goto((site / "practices" / "oslo-gallery.html").as_uri())
    page.wait_for_function("() => [...document.querySelectorAll('article img')].every(i => i.complete)")
    sizes = page.evaluate("() => Object.fromEntries([...document.querySelectorAll('article img')]"
                          ".map(i => [i.getAttribute('src'), [i.naturalWidth, i.naturalHeight]]))")
    assert set(sizes) == {f"images/{case.name}" for case in HARMLESS}
    assert all(0 < width <= 2000 and 0 < height <= 2000 for width, height in sizes.values()), sizes
    assert sizes["images/wide.png"] == [2000, 667] and sizes["images/phone-photo.jpg"] == [100, 300]


def test_refused_images_stop_the_build_and_keep_the_earlier_site(built, tmp_path):
    project, built_here, _ = built
    site = tmp_path / "site"
    shutil.copytree(built_here, site)  # the build of this very project, made once for the module
    before = snapshot(site)
    images = install(project, REFUSED)
    try:
        result = mkdocs_build(project, site)
    finally:
        for case in REFUSED:
            (images / case.name).unlink()
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for case in REFUSED:
        assert f"practices/images/{case.name}: image: " in result.stderr and case.says in result.stderr, case.name
    assert snapshot(site) == before


def test_an_image_is_decoded_once_per_content(tmp_path):
    from icp import timing
    from icp.check import images

    path = tmp_path / "photo.jpg"
    path.write_bytes(phone_photo())
    first = images.prepare(path)
    spent = timing.seconds["images"]
    assert images.prepare(path) is first and timing.seconds["images"] == spent
    path.write_bytes(wide("JPEG", (60, 40)))
    images.prepare(path)
    assert timing.seconds["images"] > spent


# ---- the preview ----

def test_the_preview_serves_images_made_safe_and_lists_a_refused_one_until_it_is_gone(tmp_path):
    from test_serve import BANNER, _serving, banner_lines

    project = copy_project(tmp_path / "project", languages=False)
    flash, bomb = (next(case for case in CASES if case.name == name) for name in ("flash.gif", "bomb.webp"))
    install(project, [flash])
    showing(project, [flash])
    server = _serving(project, tmp_path / "serve.log")
    _, served = next(server)
    try:
        image = _fetch_bytes(served, "practices/images/flash.gif")
        assert image != flash.data and Image.open(io.BytesIO(image)).n_frames == 1
        install(project, [bomb])
        text = served.wait_until("practices/oslo-gallery.html", lambda text: BANNER in text)
        assert any(line.startswith("practices/images/bomb.webp: image: 'bomb.webp' declares 268,435,456 pixels")
                   for line in banner_lines(text)), banner_lines(text)
        assert served.fetch("practices/images/bomb.webp")[0] == 404
        (project / "practices" / "images" / "bomb.webp").unlink()
        served.wait_until("practices/oslo-gallery.html", lambda text: BANNER not in text)
        assert served.process.poll() is None
    finally:
        server.close()


def _fetch_bytes(served, path: str) -> bytes:
    from test_serve import _LOCAL

    with _LOCAL.open(f"http://127.0.0.1:{served.port}/{path}", timeout=5) as response:
        return response.read()
