"""The same site built by ProperDocs (the maintained continuation of MkDocs 1.x) instead of MkDocs.

ProperDocs lives in its own virtual environment, ``.venv-properdocs/`` (``scripts/setup properdocs``,
which ``scripts/test`` runs). Where it is missing the test is skipped, except in CI, where it fails.
Deselect it with ``-m "not properdocs"``.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')

pytestmark = pytest.mark.properdocs


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    if not PROPERDOCS.exists():
        message = f"{PROPERDOCS.relative_to(ROOT)} is missing: run scripts/setup properdocs"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    site = tmp_path_factory.mktemp("properdocs-site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ICP_OFFLINE_ZIP": "1"}
    result = subprocess.run([str(PROPERDOCS), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, f"properdocs build failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr
    return site


def files_of(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def test_properdocs_builds_the_same_files(built_site, properdocs_site):
    mkdocs_files, properdocs_files = files_of(built_site), files_of(properdocs_site)
    assert {name for name in properdocs_files if name.endswith(".html")} == {
        name for name in mkdocs_files if name.endswith(".html")}
    assert properdocs_files == mkdocs_files


def test_properdocs_pages_differ_only_in_the_generator_tag(built_site, properdocs_site):
    pages = sorted(name for name in files_of(built_site) if name.endswith(".html"))
    assert len(pages) > 50
    different = [name for name in pages
                 if GENERATOR.sub(b"", (built_site / name).read_bytes())
                 != GENERATOR.sub(b"", (properdocs_site / name).read_bytes())]
    assert different == []
    assert b"ProperDocs" in GENERATOR.search((properdocs_site / "index.html").read_bytes()).group()
    for name in ("feed.xml", "practices.json", "practices.csv"):
        assert (built_site / name).read_bytes() == (properdocs_site / name).read_bytes(), name
