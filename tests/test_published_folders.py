"""Nothing from outside the repository is published: no symbolic link in docs/ or the theme's overrides."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from icp.read.inventory import link_problems

from conftest import copy_project, earlier_site, mkdocs_build

SECRET = "machine secret: not for publication"


def snapshot(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in site.rglob("*") if path.is_file()}


def test_every_link_in_a_published_folder_is_named(tmp_path):
    docs = tmp_path / "docs"
    (docs / "assets" / "deep").mkdir(parents=True)
    (docs / "index.md").write_text("# Home")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(SECRET)
    os.symlink(outside, docs / "assets" / "deep" / "notes.md")
    os.symlink("/proc/self/environ", docs / "environ.txt")
    os.symlink(docs / "assets", docs / "loop")
    os.symlink(tmp_path / "missing", docs / "dangling.md")
    problems = link_problems(tmp_path, docs)
    assert [problem.split(" ", 1)[0] for problem in problems] == [
        "docs/dangling.md", "docs/environ.txt", "docs/loop", "docs/assets/deep/notes.md"]
    assert all("replace it with the file or folder itself" in problem for problem in problems)
    assert link_problems(tmp_path, docs / "assets" / "deep" / "missing-folder") == []


def test_a_published_folder_outside_the_repository_or_a_link_is_refused(tmp_path):
    (tmp_path / "repo").mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "repo" / "docs")
    [problem] = link_problems(tmp_path / "repo", tmp_path / "repo" / "docs")
    assert problem.startswith("docs: a folder the site is built from must be a real folder inside the repository")
    [problem] = link_problems(tmp_path / "repo", tmp_path / "elsewhere")
    assert "must be a real folder inside the repository" in problem


def test_a_link_in_docs_or_overrides_refuses_the_build_and_keeps_the_earlier_site(built_site, tmp_path):
    project = copy_project(tmp_path / "project")
    site = earlier_site(built_site, tmp_path / "site")
    before = snapshot(site)
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    os.symlink(secret, project / "docs" / "notes.md")
    os.symlink("/proc/self/environ", project / "hooks" / "overrides" / "environ.html")
    second = mkdocs_build(project, site)
    assert second.returncode != 0
    assert "docs/notes.md is a symbolic link, and links are never published" in second.stderr
    assert "hooks/overrides/environ.html is a symbolic link" in second.stderr
    assert "Traceback" not in second.stderr
    assert snapshot(site) == before
    assert not any(SECRET in path.read_text(errors="replace") for path in site.rglob("*.html"))
