"""Issue 8, the attacker's suite: every hostile case is refused with a fix, or built and harmless.

Each attack (``tests/attacks/<group>/*.md``, plus ``attacks.generated_attacks()``) is first
validated alone, with the Python API in a child process (so a hang fails one test, not the run),
in a copy of the project. A refusal must name the file, the field
the attack is about, a line for a body, and say what to do. Every attack the validator accepts
goes into ONE real build with all the others; its page is opened in Chromium from file:// with
every dialog and request recorded (requests off the machine are aborted), and must have run no
script, loaded nothing from another host or outside the site, laid nothing over the page, and
published no file of the machine. Then: a refused build leaves the earlier site byte for byte,
the open data stays data, and a 200 KB line of any hostile pattern is checked in well under a
second (the bound in the test only tells a hang; scripts/bench_attacks.py measures the time).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from attacks import JS, LINE_PATTERNS, Attack, file_attacks, generated_attacks, install_all

from icp.check.validate import Problem
from icp.publish.opendata import CSV_COLUMNS

from conftest import ROOT, copy_project, earlier_site, mkdocs_build
from kinds import makes
from sitecheck import Recorder
import sweep

HANG_GUARD_SECONDS = 10.0
REPAIR_VERB = re.compile(r"\b(remove|write|put|save|link|copy|use|rename|replace|give|shorten|break|add|fill|"
                         r"name|choose|keep|move|delete|quote|fix)\b", re.IGNORECASE)
# OWASP's characters that start a formula; spaces and line breaks before them are trimmed by some spreadsheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MACHINE_MARKERS = ("ICP-MACHINE-SECRET", "root:x:0:0:")


ALL_ATTACKS = file_attacks() + generated_attacks()
BY_SLUG = {attack.slug: attack for attack in ALL_ATTACKS}


@pytest.fixture(scope="module")
def validation_root(tmp_path_factory) -> Path:
    """The project's cases, vocabulary, schema and pages, for the validator only."""
    return copy_project(tmp_path_factory.mktemp("attacks-validate") / "project")


CHECKER = r"""
import json, resource, sys, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000))
sys.path.insert(0, sys.argv[1])
from icp.site import Project
from icp.check.validate import check_practices
from icp.generator.incremental import CheckedFiles
project = Project(Path(sys.argv[2]))
checked = CheckedFiles()
for line in sys.stdin:
    only = json.loads(line)["only"]
    started = time.perf_counter()
    _, problems = check_practices(project.practices_dir, project.vocabulary(), project.schema(), root=project.root,
                                  paths=[Path(only)] if only else None, checked=checked)
    print(json.dumps({"seconds": time.perf_counter() - started,
                      "problems": [[p.path, p.line, p.field, p.message] for p in problems]}), flush=True)
"""


class Hung(Exception):
    pass


class Checker:
    """``check_practices`` in a child process: an attack that hangs the validator fails its own test
    after ``HANG_GUARD_SECONDS`` (a C parser or a regular expression cannot be interrupted in-process).
    The child keeps the validator's memory of unchanged files (``CheckedFiles``, as the preview does), so each
    attack is checked with every rule between files without re-reading the project's 75 cases each time."""

    def __init__(self, root: Path):
        self.root = root
        self.process: subprocess.Popen | None = None

    def _started(self) -> subprocess.Popen:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen([sys.executable, "-c", CHECKER, str(ROOT / "hooks"), str(self.root)],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self.process

    def problems(self, attack: Attack, *, alone: bool = False) -> tuple[list[Problem], float]:
        """What the validator says with ``attack`` added to the project (``alone``: checking only its
        file, as the validator does for files named on its command line), and the seconds it took."""
        attack.install(self.root)
        try:
            process = self._started()
            process.stdin.write(json.dumps({"only": str(self.root / attack.shown) if alone else None}) + "\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], HANG_GUARD_SECONDS)
            if not ready:
                self.close()
                raise Hung(f"the validator took more than {HANG_GUARD_SECONDS:.0f} s on {attack.shown}")
            answer = json.loads(process.stdout.readline())
        finally:
            attack.uninstall(self.root)
        return [Problem(*problem) for problem in answer["problems"]], answer["seconds"]

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture(scope="module")
def checker(validation_root):
    checker = Checker(validation_root)
    yield checker
    checker.close()


@pytest.fixture(scope="module")
@makes("slow")  # the project validated once per attack (its unchanged files remembered)
def verdicts(checker) -> dict[str, list | Hung]:
    """Every attack validated alone: its problems (empty when the validator accepts it)."""
    found: dict[str, list | Hung] = {}
    for attack in ALL_ATTACKS:
        if not attack.name.startswith("line-"):
            try:
                found[attack.slug] = checker.problems(attack)[0]
            except Hung as hung:
                found[attack.slug] = hung
    return found


def assert_refused_with_a_fix(attack: Attack, problems: list) -> None:
    own = {attack.shown, *attack.extra_files}
    assert {problem.path for problem in problems} <= own, (
        f"the attack made other files fail: {[str(problem) for problem in problems]}")
    named = [problem for problem in problems
             if problem.field == attack.field or problem.field.startswith((f"{attack.field}[", f"{attack.field}."))]
    assert named, f"no problem names the field '{attack.field}': {[str(problem) for problem in problems]}"
    for problem in named:
        assert REPAIR_VERB.search(problem.message), f"no fix in: {problem}"
        if attack.field == "body":
            assert problem.line >= attack.body_line, f"no body line in: {problem}"


@pytest.fixture(scope="module")
def harmless_site(tmp_path_factory, verdicts) -> dict:
    """ONE real build with every accepted attack, on a machine with secrets next to the project."""
    accepted = [BY_SLUG[slug] for slug, problems in verdicts.items() if problems == []]
    root = tmp_path_factory.mktemp("attacks-build")
    project = copy_project(root / "project")
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[remote]\n  url = ICP-MACHINE-SECRET-git\n")
    (project / "secret.txt").write_text("ICP-MACHINE-SECRET-root\n")
    install_all(accepted, project)
    result = mkdocs_build(project, root / "site")
    assert result.returncode == 0, f"a build of accepted attacks failed:\n{result.stderr[-3000:]}"
    return {"site": root / "site", "accepted": accepted, "log": result.stderr}


@pytest.fixture(scope="module")
def recorded_context(browser):
    """One browser context: every request recorded (and any off the machine aborted), every dialog too.
    The pages' Content-Security-Policy is bypassed: it is the second fence (tests/test_csp.py), and a
    sanitiser that let an attack through must be seen here, not hidden behind the policy."""
    context = browser.new_context(bypass_csp=True)
    recorder = Recorder()
    recorder.watch(context)
    dialogs: list[str] = []
    context.on("page", lambda page: page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss())))
    yield context, recorder, dialogs
    context.close()


# What a body may not do to its page, read in the page after it loaded: the body is every element of
# the article after the case's header, up to the sources and related sections the template adds.
PAGE_CHECK = """() => {
  const article = document.querySelector("article");
  const found = [];
  const bounds = article.closest(".md-content").getBoundingClientRect();  // the content column
  let inBody = false;
  const body = [];
  for (const child of article.children) {
    if (child.matches("header.icp-case-header")) { inBody = true; continue; }
    if (child.matches("ol.icp-sources, section.icp-related, h2#sources + ol.icp-sources")) break;
    if (inBody && !(child.matches("h2#sources") && child.nextElementSibling?.matches("ol.icp-sources"))) body.push(child);
  }
  const visit = (element, clipped) => {
    const style = getComputedStyle(element);
    if (["fixed", "sticky", "absolute"].includes(style.position)) found.push(`position ${style.position}: ${element.outerHTML.slice(0, 80)}`);
    if (style.zIndex !== "auto") found.push(`z-index ${style.zIndex}: ${element.outerHTML.slice(0, 80)}`);
    if (element.matches("dialog[open], [popover]:popover-open")) found.push(`open dialog: ${element.outerHTML.slice(0, 80)}`);
    const box = element.getBoundingClientRect();
    if (!clipped && box.width && (box.left < bounds.left - 1 || box.right > bounds.right + 1))
      found.push(`outside the content column (${Math.round(box.left)}-${Math.round(box.right)} of ${Math.round(bounds.left)}-${Math.round(bounds.right)}): ${element.outerHTML.slice(0, 80)}`);
    const clips = clipped || style.overflowX !== "visible";
    for (const child of element.children) visit(child, clips);
  };
  for (const element of body) visit(element, false);
  const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
  const twice = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (twice.length) found.push(`ids used twice: ${twice.join(", ")}`);
  if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push(`page wider than the window: ${document.documentElement.scrollWidth}`);
  const laidOver = [...document.querySelectorAll("*")]
    .filter((element) => ["fixed", "sticky"].includes(getComputedStyle(element).position))
    .map((element) => `${element.localName}.${[...element.classList].join(".")}`);
  return {found, pwned: window.__pwned === undefined ? null : String(window.__pwned), body: body.length,
          text: document.body.innerText, laidOver};
}"""


def check_page(context, recorder: Recorder, dialogs: list[str], site: Path, path: str) -> list[str]:
    """What is wrong with the built page at ``path``: empty when the page is harmless. On a case page
    the body must be found, and the page must lay over its content only what a case page of the
    real project does (the header, the sidebars)."""
    recorder.requests.clear()
    dialogs.clear()
    page = context.new_page()
    try:
        page.goto((site / path).as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)
        result = page.evaluate(PAGE_CHECK)
    finally:
        page.close()
    problems = list(result["found"])
    if path.startswith("practices/") and not path.endswith("index.html"):
        if not result["body"]:
            problems.append("no body found after the case's header: the check would see nothing")
        baseline = _laid_over(context, site)
        problems += [f"laid over the page: {element}" for element in result["laidOver"] if element not in baseline]
    if result["pwned"] is not None:
        problems.append(f"script ran: window.__pwned = {result['pwned']}")
    problems += [f"dialog: {message}" for message in dialogs]
    problems += [f"request off the machine: {url}" for url in recorder.foreign()]
    site_prefix = site.resolve().as_uri() + "/"
    problems += [f"file outside the site: {url}" for url in recorder.requests
                 if url.startswith("file:") and not url.startswith(site_prefix)]
    problems += [f"a file of the machine is on the page: {marker}" for marker in MACHINE_MARKERS if marker in result["text"]]
    return problems


_BASELINE: dict[Path, set[str]] = {}


def _laid_over(context, site: Path) -> set[str]:
    """The fixed and sticky elements of a real case's page in ``site``."""
    if site not in _BASELINE:
        page = context.new_page()
        try:
            page.goto((site / "practices" / "oslo-oxlo-declaration.html").as_uri())
            _BASELINE[site] = set(page.evaluate(PAGE_CHECK)["laidOver"])
        finally:
            page.close()
    return _BASELINE[site]


OPENED = 24  # accepted attacks whose page a usual run opens in Chromium: one of each group, then others


@pytest.fixture(scope="module")
def opened(harmless_site) -> set[str]:
    """The accepted attacks whose page is opened in Chromium: every one under the thorough profile, else one of each
    group and a sample of the others, drawn from the run's seed (tests/sweep.py)."""
    chosen = sweep.sample("attacks", harmless_site["accepted"], OPENED, kinds=lambda attack: {attack.group})
    return {attack.slug for attack in chosen}


@pytest.mark.parametrize("attack", [attack for attack in ALL_ATTACKS if not attack.name.startswith("line-")],
                         ids=lambda attack: f"{attack.group}/{attack.name}")
def test_an_attack_is_refused_with_a_fix_or_built_harmless(attack, verdicts, harmless_site, recorded_context, opened):
    """Every attack is validated, and a refusal checked, in every run; an accepted one is in the one build of them
    all (test_no_file_of_the_machine_is_published and the open data's tests read every page), and its page opened
    in Chromium when it is in the run's sample (every one: --hypothesis-profile=thorough)."""
    problems = verdicts[attack.slug]
    if isinstance(problems, Hung):
        pytest.fail(str(problems))
    if problems:
        assert_refused_with_a_fix(attack, problems)
        return
    assert attack in harmless_site["accepted"] and (harmless_site["site"] / f"practices/{attack.slug}.html").is_file()
    if attack.slug not in opened:
        pytest.skip(f"accepted and built; its page is opened in Chromium on other days ({sweep.header()})")
    context, recorder, dialogs = recorded_context
    assert check_page(context, recorder, dialogs, harmless_site["site"], f"practices/{attack.slug}.html") == []


def test_the_page_check_sees_what_it_looks_for(harmless_site, recorded_context):
    """The harmless check can fail: a case page with a covering, overflowing, scripted, loading body."""
    context, recorder, dialogs = recorded_context
    site = harmless_site["site"]
    path = "practices/oslo-oxlo-declaration.html"
    assert check_page(context, recorder, dialogs, site, path) == []
    assert _laid_over(context, site), "a case page has a sticky header: the baseline should see it"
    original = (site / path).read_text(encoding="utf-8")
    # The page keeps its policy, which would refuse these inline styles and handler: the context
    # bypasses it, so the check sees what the sanitiser alone lets through.
    assert '<meta http-equiv="Content-Security-Policy"' in original, "every built page carries its policy"
    hostile = ('<div style="position:fixed;inset:0">Session expired</div><p style="width:5000px">wide</p>'
               f'<img src="https://example.com/a.png" onerror="{JS}"><dialog open>x</dialog>'
               '<p>ICP-MACHINE-SECRET-root</p><p id="summary">again</p>')
    assert original.count('<h2 id="summary">') == 1 and original.count("</body>") == 1
    (site / path).write_text(original
                             .replace('<h2 id="summary">', hostile + '<h2 id="summary">')
                             .replace("</body>", '<aside style="position:fixed;inset:0">Sign in</aside></body>'),
                             encoding="utf-8")
    try:
        found = "\n".join(check_page(context, recorder, dialogs, site, path))
    finally:
        (site / path).write_text(original, encoding="utf-8")
    for expected in ("position fixed", "outside the content column", "script ran", "dialog: 1",
                     "request off the machine: https://example.com/a.png", "open dialog",
                     "a file of the machine", "ids used twice: summary", "page wider",
                     "laid over the page: aside."):
        assert expected in found, f"{expected!r} not in:\n{found}"


@pytest.mark.parametrize("path", ["index.html", "practices/index.html", "topics/education.html", "countries/norway.html",
                                  "years/2010.html"])
def test_pages_listing_the_attacks_are_harmless(harmless_site, recorded_context, path):
    context, recorder, dialogs = recorded_context
    problems = [problem for problem in check_page(context, recorder, dialogs, harmless_site["site"], path)
                if not problem.startswith("ids used twice")]
    assert problems == []


def test_no_file_of_the_machine_is_published(harmless_site):
    for path in harmless_site["site"].rglob("*"):
        if path.is_symlink():
            pytest.fail(f"the site holds a link: {path}")
        if path.is_file() and path.suffix != ".zip":
            data = path.read_bytes()
            for marker in MACHINE_MARKERS:
                assert marker.encode() not in data, f"{marker} in {path}"


def test_every_refused_attack_is_reported_by_the_validator_script(tmp_path, verdicts):
    """scripts/validate.py, as an editor runs it, on a project holding every refused attack at once."""
    refused = [BY_SLUG[slug] for slug, problems in verdicts.items()
               if problems and not isinstance(problems, Hung) and not BY_SLUG[slug].links and not BY_SLUG[slug].copies]
    project = copy_project(tmp_path / "project")
    install_all(refused, project)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(project)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert result.returncode == 1
    printed = result.stderr.splitlines()
    for attack in refused:
        prefix = re.compile(re.escape(attack.shown) + r"(:\d+)?: " + re.escape(attack.field))
        assert any(prefix.match(line) for line in printed), f"{attack.shown} ({attack.field}) not reported"


# ---- the build on failure: the earlier site is kept, byte for byte ----

def snapshot(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def good_site(tmp_path_factory, built_site) -> tuple[Path, Path, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("attacks-kept")
    project = copy_project(root / "project")
    site = earlier_site(built_site, root / "site")
    return project, site, snapshot(site)


def rebuild(project: Path, site: Path) -> subprocess.CompletedProcess:
    result = mkdocs_build(project, site)
    assert not list(site.parent.glob(f".{site.name}.*")), "a staging folder was left behind"
    return result


def test_a_broken_link_in_a_case_keeps_the_earlier_site(good_site):
    project, site, before = good_site
    attack = BY_SLUG["attack-crash-broken-relative-link"]
    attack.install(project)
    try:
        result = rebuild(project, site)
    finally:
        attack.uninstall(project)
    assert result.returncode != 0
    assert re.search(re.escape(attack.shown) + r":\d+: body: the link 'no-such-case.md' leads to no page of the site; "
                     r"link to another case as <slug>\.md", result.stderr), result.stderr[-2000:]
    assert snapshot(site) == before


def test_every_refused_attack_at_once_keeps_the_earlier_site(good_site, verdicts):
    project, site, before = good_site
    refused = [BY_SLUG[slug] for slug, problems in verdicts.items()
               if problems and not isinstance(problems, Hung) and not BY_SLUG[slug].links and not BY_SLUG[slug].copies]
    install_all(refused, project)
    try:
        result = rebuild(project, site)
    finally:
        for attack in refused:
            attack.uninstall(project)
    assert result.returncode != 0
    assert "nothing was built" in result.stderr
    assert snapshot(site) == before


@pytest.mark.parametrize("page, expected", [
    ("[a page that is not there](nowhere.md)", r"attack-page\.md.*nowhere\.md"),
    ("[a section that is not there](about.md#nowhere)", r"attack-page\.md.*#nowhere"),
], ids=["link", "anchor"])
def test_a_hand_written_page_with_a_broken_link_keeps_the_earlier_site(good_site, page, expected):
    """MkDocs finds these only at the end of the build, as strict-mode warnings."""
    project, site, before = good_site
    (project / "docs" / "attack-page.md").write_text(f"# Attack page\n\n{page}\n", encoding="utf-8")
    try:
        result = rebuild(project, site)
    finally:
        (project / "docs" / "attack-page.md").unlink()
    assert result.returncode != 0
    assert re.search(expected, result.stderr), result.stderr[-2000:]
    assert snapshot(site) == before


def test_a_page_failing_while_pages_are_written_keeps_the_earlier_site(good_site):
    """A failure in the middle of writing the pages: a hand-written page asks for a theme template
    that does not exist, which MkDocs finds only when it renders that page."""
    project, site, before = good_site
    (project / "docs" / "attack-page.md").write_text("---\ntemplate: no-such-template.html\n---\n\n# Attack page\n",
                                                     encoding="utf-8")
    try:
        result = rebuild(project, site)
    finally:
        (project / "docs" / "attack-page.md").unlink()
    assert result.returncode != 0
    assert "no-such-template.html" in result.stderr, result.stderr[-2000:]
    assert snapshot(site) == before


# ---- the open data ----

def _reject_constant(name: str):
    raise ValueError(f"practices.json holds {name}, which is not JSON")


def test_the_json_is_strict_json_and_keeps_every_title_as_written(harmless_site):
    data = json.loads((harmless_site["site"] / "practices.json").read_text(encoding="utf-8"),
                      parse_constant=_reject_constant)
    titles = {record["slug"]: record["title"] for record in data["practices"]}
    for attack in harmless_site["accepted"]:
        assert attack.slug in titles
    json_breakers = BY_SLUG["attack-opendata-title-json-breakers"]
    if json_breakers in harmless_site["accepted"]:
        assert titles[json_breakers.slug] == 'A " \\ \u2028 \u2029 </script> title'


def test_no_csv_cell_can_run_as_a_formula(harmless_site):
    text = (harmless_site["site"] / "practices.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    numbers = {CSV_COLUMNS.index(name) for name in ("year", "lat", "lon")}
    slugs = {row[0] for row in rows[1:]}
    assert {attack.slug for attack in harmless_site["accepted"]} <= slugs
    for row in rows[1:]:
        for index, cell in enumerate(row):
            if index in numbers:
                assert cell == "" or re.fullmatch(r"-?\d+(\.\d+)?(e-?\d+)?", cell), (row[0], CSV_COLUMNS[index], cell)
            else:
                assert not cell.lstrip(" \n\u00a0").startswith(FORMULA_START), (row[0], CSV_COLUMNS[index], cell)
    formulas = {row[0]: row for row in rows[1:] if row[0].startswith("attack-opendata-")}
    assert formulas, "no formula case was accepted: the CSV check saw none"
    assert any(cell.startswith("'=") for row in formulas.values() for cell in row)


# ---- time: every pathological line is checked in well under a second ----

@pytest.mark.parametrize("name", sorted(LINE_PATTERNS))
def test_a_200_kb_line_is_checked_without_hanging(checker, name):
    attack = BY_SLUG[f"attack-crash-line-{name}"]
    problems, _ = checker.problems(attack, alone=True)
    assert all(problem.path == attack.shown for problem in problems), [str(problem) for problem in problems]
    for problem in problems:
        assert REPAIR_VERB.search(problem.message), str(problem)
