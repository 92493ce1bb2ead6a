"""How editors contribute: the Contribute page, edit buttons, a build that keeps the old site, CI."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build, write_case
from icp.site import Project

REPOSITORY = "https://github.com/intercultural-city-practices/intercultural-city-practices"


def field_table() -> dict[str, str]:
    """The keys of CONTRIBUTING.md's field table and their Required column."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text.split("## Front-matter fields", 1)[1].split("\n\n", 2)[1]
    rows = {}
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        for key in re.findall(r"`([a-z]+)`", cells[0]):
            rows[key] = cells[1]
    return rows


def test_the_field_table_and_the_schema_name_the_same_keys():
    schema = Project(ROOT).schema()
    rows = field_table()
    assert sorted(rows) == sorted(schema["properties"])
    assert sorted(key for key, required in rows.items() if required == "yes") == sorted(schema["required"])


def test_the_contribute_page_is_contributing_md(built_site):
    assert (ROOT / "docs" / "contribute.md").read_text(encoding="utf-8").strip().endswith('--8<-- "CONTRIBUTING.md"')
    html = (built_site / "contribute.html").read_text(encoding="utf-8")
    for heading in re.findall(r"^## (.+)$", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.MULTILINE):
        assert f">{heading}</h2>" in html.replace("&#39;", "'"), heading
    assert "--8&lt;--" not in html and "--8<--" not in html


def edit_links(path: Path) -> list[str]:
    return re.findall(r'<a href="([^"]+)" title="Edit this page"', path.read_text(encoding="utf-8"))


def test_a_case_pages_edit_button_opens_its_file(built_site, real_index):
    for practice in real_index.practices:
        links = edit_links(built_site / "practices" / f"{practice.slug}.html")
        assert links == [f"{REPOSITORY}/edit/main/practices/{practice.slug}.md"]
    assert edit_links(built_site / "about.html") == [f"{REPOSITORY}/edit/main/docs/about.md"]


def test_generated_pages_have_no_edit_button_and_no_repository_widget(built_site):
    generated = [built_site / "practices" / "index.html", built_site / "topics" / "index.html",
                 built_site / "topics" / "education.html", built_site / "countries" / "norway.html",
                 *sorted((built_site / "years").glob("*.html"))]
    for path in generated:
        assert edit_links(path) == [], path
    for path in built_site.rglob("*.html"):
        assert 'data-md-component="source"' not in path.read_text(encoding="utf-8"), f"{path} would fetch repository facts"


def snapshot(site: Path) -> dict[str, tuple[str, int]]:
    return {path.relative_to(site).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            for path in site.rglob("*") if path.is_file()}


def test_a_failed_validation_keeps_the_site_built_before(tmp_path):
    site = tmp_path / "site"
    first = mkdocs_build(ROOT, site)
    assert first.returncode == 0, first.stderr
    before = snapshot(site)
    project = copy_project(tmp_path / "project")
    write_case(project / "practices", "oslo-welcome", country="Norwey")
    second = mkdocs_build(project, site)
    assert second.returncode != 0
    assert ("practices/oslo-welcome.md:4: country: 'Norwey' is not a country in the vocabulary; "
            "did you mean 'Norway'?") in second.stderr
    assert "Cleaning site directory" not in second.stderr
    assert snapshot(site) == before


def test_ci_runs_the_readme_command_on_pull_requests_and_publishes_main():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    test_steps = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert ".ci/run" in test_steps
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("scripts/test")
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test" and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [step.get("uses", "").split("@")[0] for step in deploy["steps"]]
    assert uses[-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]
    assert deploy["steps"][-2]["with"]["path"] == "site"
    assert "scripts/build" in [step.get("run") for step in deploy["steps"]]


def test_the_pre_commit_hook_validates_changed_case_files(tmp_path):
    hook = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    pattern = re.compile(hook["files"])
    assert pattern.search("practices/oslo-welcome.md") and not pattern.search("docs/index.md")
    assert not pattern.search("practices/taxonomy.yml")
    bad = ROOT / "tests" / "fixtures" / "bad" / "unknown-topic.md"
    result = subprocess.run([*hook["entry"].split(), str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "'Educaton' is not a topic; did you mean 'Education'?" in result.stderr
