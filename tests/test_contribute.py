"""How editors contribute: the Contribute page, edit buttons, a build that keeps the old site, CI."""

from __future__ import annotations

import hashlib
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, earlier_site, mkdocs_build, write_case
from icp.site import Project

REPOSITORY = "https://github.com/intercultural-city-practices/intercultural-city-practices"


TRANSLATIONS = {"fr": ("## Les champs de l’en-tête", {"oui": "yes", "non": "no", "non, mais attendu": "no, but expected"}),
                "da": ("## Felterne i front matter", {"ja": "yes", "nej": "no", "nej, men forventet": "no, but expected"})}


def field_table(path: Path = ROOT / "CONTRIBUTING.md", heading: str = "## Front-matter fields") -> dict[str, str]:
    """The keys of CONTRIBUTING.md's field table (or a translation's) and their Required column."""
    text = path.read_text(encoding="utf-8")
    table = text.split(heading, 1)[1].split("\n\n", 2)[1]
    rows = {}
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        for key in re.findall(r"`([a-z_]+)`", cells[0]):
            rows[key] = cells[1]
    return rows


def test_the_field_table_and_the_schema_name_the_same_keys():
    schema = Project(ROOT).schema()
    rows = field_table()
    assert sorted(rows) == sorted(schema["properties"])
    assert sorted(key for key, required in rows.items() if required == "yes") == sorted(schema["required"])


def links_and_code(text: str) -> tuple[set[str], set[str]]:
    """A guide's link targets, and what it writes as code (commands, keys, paths, values)."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    spans = re.compile(r"``(.+?)``|`([^`\n]+)`")
    links = set(re.findall(r"\]\(([^)\s]+)\)", spans.sub("", text)))
    return links, {double or single for double, single in spans.findall(text)}


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_contribute_in_french_and_danish_is_the_guide_translated_with_its_facts_and_links(code):
    heading, required = TRANSLATIONS[code]
    english = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    path = ROOT / "docs" / code / "contribute.md"
    translated = path.read_text(encoding="utf-8")
    rows = field_table(path, heading)
    assert {key: required.get(value, value) for key, value in rows.items()} == field_table()
    links, code_spans = links_and_code(translated)
    english_links, english_code = links_and_code(english)
    assert links == english_links | {"propose.md"}, "the same link targets, and the form's"
    # The placeholders of a file name are words of the language; every other command, key and value is the same.
    placeholders = {"<city>-<short-name>.md", "![description](images/name.png)", "scripts/validate.py practices/<file>.md"}
    assert english_code - placeholders <= code_spans
    assert len(re.findall(r"^#{2,3} ", translated, re.M)) == len(re.findall(r"^#{2,3} ", english, re.M))
    assert re.findall(r"^```", translated, re.M) == re.findall(r"^```", english, re.M)


def test_the_contribute_page_is_contributing_md(built_site):
    assert not (ROOT / "docs" / "contribute.md").exists(), "the hook makes the page from CONTRIBUTING.md"
    settings = [line for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
                if not line.lstrip().startswith("#")]
    assert not any("snippets" in line for line in settings), "no extension may include files"
    html = (built_site / "contribute.html").read_text(encoding="utf-8")
    for heading in re.findall(r"^## (.+)$", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.MULTILINE):
        assert f">{heading}</h2>" in html.replace("&#39;", "'"), heading


VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source"}


class Tree(HTMLParser):
    """A small element tree of an HTML fragment: (tag, children) pairs, text as plain strings."""

    def __init__(self):
        super().__init__()
        self.root: tuple[str, list] = ("", [])
        self._open = [self.root]

    def handle_starttag(self, tag, attrs):
        node = (tag, [])
        self._open[-1][1].append(node)
        if tag not in VOID:
            self._open.append(node)

    def handle_endtag(self, tag):
        if any(node[0] == tag for node in self._open[1:]):
            while self._open.pop()[0] != tag:
                pass

    def handle_data(self, data):
        self._open[-1][1].append(data)


def elements(node, tag: str) -> list:
    return [child for child in node[1] if isinstance(child, tuple) and child[0] == tag]


def descendants(node, tag: str) -> list:
    found = []
    for child in node[1]:
        if isinstance(child, tuple):
            found += ([child] if child[0] == tag else []) + descendants(child, tag)
    return found


def text(node) -> str:
    return "".join(child if isinstance(child, str) else text(child) for child in node[1])


def test_the_contribute_pages_steps_are_one_numbered_list_with_the_command_in_a_code_block(built_site):
    html = (built_site / "contribute.html").read_text(encoding="utf-8")
    section = html.split('id="adding-a-case-step-by-step"', 1)[1].split(">", 1)[1].split("<h2", 1)[0]
    tree = Tree()
    tree.feed(section)
    [steps] = elements(tree.root, "ol")
    items = elements(steps, "li")
    steps_as_written = re.findall(r"^\d\. \*\*(.+?)\*\*", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"),
                                  re.MULTILINE)
    assert len(steps_as_written) == 5
    assert [text(descendants(item, "strong")[0]) for item in items] == steps_as_written
    blocks = [code for pre in descendants(items[0], "pre") for code in elements(pre, "code")]
    assert len(blocks) == 1 and "scripts/new_practice.py --city Rotterdam" in text(blocks[0])
    assert not any(descendants(item, "pre") for item in items[1:])
    in_blocks = [id(code) for pre in descendants(tree.root, "pre") for code in elements(pre, "code")]
    inline = [text(code) for code in descendants(tree.root, "code") if id(code) not in in_blocks]
    assert not [code for code in inline if re.match(r"sh(\s|$)", code)], "a fence's language shown as inline code"


def edit_links(path: Path) -> list[str]:
    return re.findall(r'<a href="([^"]+)" title="Edit this page"', path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site_with_repository(tmp_path_factory) -> Path:
    """The real site built with the repository's address set, as the deploy workflow builds it."""
    site = tmp_path_factory.mktemp("site-with-repository")
    result = mkdocs_build(ROOT, site, repository=REPOSITORY)
    assert result.returncode == 0, result.stderr
    return site


def test_without_the_repository_setting_no_page_has_an_edit_link_or_a_repository_link(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        assert edit_links(path) == [], path
        assert 'class="md-source"' not in path.read_text(encoding="utf-8"), path


def test_a_case_pages_edit_button_opens_its_file(site_with_repository, real_index):
    for practice in real_index.practices:
        links = edit_links(site_with_repository / "practices" / f"{practice.slug}.html")
        assert links == [f"{REPOSITORY}/edit/main/practices/{practice.slug}.md"]
    assert edit_links(site_with_repository / "about.html") == [f"{REPOSITORY}/edit/main/docs/about.md"]
    assert edit_links(site_with_repository / "contribute.html") == [f"{REPOSITORY}/edit/main/CONTRIBUTING.md"]
    header = (site_with_repository / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{REPOSITORY}" title="Go to repository" class="md-source">' in header


def test_generated_pages_have_no_edit_button_and_no_repository_widget(site_with_repository):
    site = site_with_repository
    generated = [site / "practices" / "index.html", site / "topics" / "index.html",
                 site / "topics" / "education.html", site / "countries" / "norway.html",
                 site / "countries" / "index.html", site / "years" / "index.html",
                 *sorted((site / "years").glob("*.html"))]
    for path in generated:
        assert edit_links(path) == [], path
    for path in site.rglob("*.html"):
        assert 'data-md-component="source"' not in path.read_text(encoding="utf-8"), f"{path} would fetch repository facts"


def snapshot(site: Path) -> dict[str, tuple[str, int]]:
    return {path.relative_to(site).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            for path in site.rglob("*") if path.is_file()}


def test_a_failed_validation_keeps_the_site_built_before(built_site, tmp_path):
    site = earlier_site(built_site, tmp_path / "site")
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
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["needs"] == "test" and "refs/heads/main" in build["if"] and deploy["needs"] == "build"
    assert build["permissions"] == {"contents": "read"}, "the job that runs the project's code may write nothing"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step.get("uses", "").split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"], \
        "the job holding the Pages token runs no project code"
    assert build["steps"][-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert build["steps"][-1]["with"]["path"] == "site"
    step = next(step for step in build["steps"] if step.get("run") == "scripts/build")
    assert step["env"]["ICP_REPOSITORY_URL"] == "https://github.com/${{ github.repository }}"
    for name, job in workflow["jobs"].items():
        checkouts = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
        assert all(step["with"]["persist-credentials"] is False for step in checkouts), name
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), f"{name}: pin {step['uses']} by commit"


def test_the_pre_commit_hook_validates_changed_case_files(tmp_path):
    hook = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    pattern = re.compile(hook["files"])
    assert pattern.search("practices/oslo-welcome.md") and not pattern.search("docs/index.md")
    assert not pattern.search("practices/taxonomy.yml")
    bad = ROOT / "tests" / "fixtures" / "bad" / "unknown-topic.md"
    result = subprocess.run([*hook["entry"].split(), str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "'Educaton' is not a topic; did you mean 'Education'?" in result.stderr
