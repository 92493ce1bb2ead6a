"""The offline copy: the built site as one zip that opens from a folder, a zip or a USB stick.

A publishing build (``extra.offline_zip``) puts the zip inside the site (``download/``), so the
home page can link to it.
The zip leaves out ``download/`` (a zip cannot hold itself), and in the zip's home page the
download link, which would point at that missing folder, becomes a note that this is the copy.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

ZIP_NAME = "intercultural-city-practices.zip"
DOWNLOAD_DIR = "download"
DOWNLOAD_PATH = f"{DOWNLOAD_DIR}/{ZIP_NAME}"
DOWNLOAD_ID = "icp-download"
# A fixed date for every entry: the same site gives the same zip, byte for byte.
ENTRY_DATE = (2020, 1, 1, 0, 0, 0)
# zlib's default: level 9 took 50 % longer on the 1,000-case site for a zip 0.4 % smaller (scripts/bench.py).
ZIP_LEVEL = 6
_DOWNLOAD_PARAGRAPH = re.compile(rf'<p class="icp-download" id="{DOWNLOAD_ID}">.*?</p>', re.DOTALL)

DOWNLOAD_LINK = (
    f'<p class="icp-download" id="{DOWNLOAD_ID}"><a href="{{href}}" download>'
    "Download the offline copy</a> (a zip file). Unpack it anywhere, on a laptop or a USB stick, "
    "and open <code>index.html</code> in a browser: every page and the finder (search and filters) work "
    "without a network.</p>"
)


def download_link(up: str = "") -> str:
    """The home page's link to the offline zip, from a home page ``up`` below the site's root (a
    language's home: ``../``); the zip is published once, at the root."""
    return DOWNLOAD_LINK.format(href=up + DOWNLOAD_PATH)


OFFLINE_HOWTO = (
    f'<p class="icp-download" id="{DOWNLOAD_ID}">The published site offers this whole site as one zip to download. '
    "This copy was built without it; <code>scripts/package_offline.py</code> in the repository "
    "writes one from any build.</p>"
)
OFFLINE_NOTE = (
    f'<p class="icp-download" id="{DOWNLOAD_ID}">You are reading the offline copy: every page and the '
    "finder (search and filters) work without a network. Copy the whole folder to share it.</p>"
)


class PackageError(Exception):
    """The folder given is not a built site."""


def site_files(site_dir: Path) -> list[PurePosixPath]:
    """Every file of the built site except the published zip, in a stable order."""
    files = []
    for path in sorted(site_dir.rglob("*")):
        relative = PurePosixPath(path.relative_to(site_dir).as_posix())
        if path.is_file() and relative.parts[0] != DOWNLOAD_DIR:
            files.append(relative)
    return files


def offline_home(html: str) -> str:
    return _DOWNLOAD_PARAGRAPH.sub(OFFLINE_NOTE, html)


def write_offline_zip(site_dir: Path, zip_path: Path) -> Path:
    """Zip the built site with ``index.html`` at the zip's root; returns the zip's path."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise PackageError(f"{site_dir} has no index.html: build the site first (scripts/build)")
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_path.with_name(zip_path.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
        for relative in site_files(site_dir):
            data = (site_dir / relative).read_bytes()
            if relative.name == "index.html" and len(relative.parts) <= 2:  # the home pages: index.html, fr/index.html
                data = offline_home(data.decode("utf-8")).encode("utf-8")
            entry = zipfile.ZipInfo(str(relative), date_time=ENTRY_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    partial.replace(zip_path)
    return zip_path
