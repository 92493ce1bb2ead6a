"""One map of the site's addresses (``icp.routes``): what a case body may link to is what the build publishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, write_case

from icp import routes
from icp.check.validate import case_files, site_map
from icp.read.casefile import parse_case_bytes, read_case_bytes
from icp.site import Project

# MkDocs' own page, not a link target a case needs; the offline zip's folder holds no page.
NOT_TARGETS = {"404.html"}


def link_body(*targets: str) -> str:
    return "## Background\n\n" + "\n\n".join(f"See [this]({target})." for target in targets) + "\n"


@pytest.mark.parametrize("target", ["../codebook.md", "../codebook.html", "../practices.csv", "../practices.json",
                                    "../datapackage.json", "../feed.xml", "../topics/education.xml", "index.md",
                                    "../contribute.md", "../years/2010.md", "../countries/norway.md"])
def test_a_body_may_link_to_any_page_or_file_the_site_publishes(project_copy, target):
    write_case(project_copy.practices_dir, "oslo-a")
    path = write_case(project_copy.practices_dir, "oslo-b")
    path.write_text(path.read_text(encoding="utf-8") + link_body(target), encoding="utf-8")
    _, problems = project_copy.check_index()
    assert not problems, [str(problem) for problem in problems]


@pytest.mark.parametrize("target", ["../codebook2.md", "../years/1999.md", "../topics/no-such-topic.md",
                                    "../topics/education-2.md", "../practices.xml", "../search-index.js"])
def test_a_body_linking_to_what_the_site_does_not_publish_is_told_so(project_copy, target):
    path = write_case(project_copy.practices_dir, "oslo-b")
    path.write_text(path.read_text(encoding="utf-8") + link_body(target), encoding="utf-8")
    _, problems = project_copy.check_index()
    assert [problem.message for problem in problems if "leads to no page of the site" in problem.message], \
        [str(problem) for problem in problems]


def test_a_term_page_that_runs_on_is_a_target_only_when_it_exists(project_copy, monkeypatch):
    monkeypatch.setattr(routes, "PER_PAGE", 1)
    for slug in ("oslo-a", "oslo-b"):
        write_case(project_copy.practices_dir, slug)
    path = project_copy.practices_dir / "oslo-b.md"
    path.write_text(path.read_text(encoding="utf-8") + link_body("../topics/education-2.md", "../topics/education-3.md"),
                    encoding="utf-8")
    _, problems = project_copy.check_index()
    assert ["education-3" in problem.message for problem in problems] == [True], [str(p) for p in problems]


def accepted_targets(project: Project) -> set[str]:
    """What the validator accepts as a link target in the real project, as published addresses."""
    vocabulary = project.vocabulary()
    cases = [parse_case_bytes(path, read_case_bytes(path)) for path in case_files(project.practices_dir)]
    site = site_map(project.practices_dir, project.root, vocabulary, cases, {})
    return {routes.html(page) for page in site.pages}


def published(site: Path) -> set[str]:
    """Every page and open-data or feed file of a built site, by its address."""
    found = set()
    for path in site.rglob("*"):
        address = path.relative_to(site).as_posix()
        if path.is_file() and not address.startswith(("assets/", f"{routes.OFFLINE_FOLDER}/")):
            if path.suffix == ".html" or address in routes.data_files(topic_slugs=()) or path.suffix == ".xml":
                found.add(address)
    return found - NOT_TARGETS - {"sitemap.xml"}


def test_every_page_the_build_publishes_is_a_link_target_and_every_target_is_published(built_site):
    targets, pages = accepted_targets(Project(ROOT)), published(built_site)
    assert "codebook.html" in targets and "practices/index.html" in targets
    assert not pages - targets, f"published, but a case may not link to them: {sorted(pages - targets)[:20]}"
    assert not targets - pages, f"accepted as link targets, but not published: {sorted(targets - pages)[:20]}"
