"""`scripts/build serve` rebuilds only what an edit changed, and keeps serving when a case breaks.

A real `mkdocs serve --dirty` on 127.0.0.1 serves a copied project; the tests edit, break and delete
case files and read the served pages. MkDocs' debug output names each page it builds, which shows
that untouched pages are not rebuilt. Not timed: the edit-to-page time is measured by
scripts/bench.py --serve-at (a test only makes sure that no request hangs).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html import unescape
from pathlib import Path

import pytest
from bench import SERVE_OPTIONS

from icp import i18n
from icp.check.validate import case_files, check_practices
from icp.generator.preview import load_site
from icp.site import Project
from icp.synthetic.cases import SyntheticCases

from conftest import ROOT, copy_project, mkdocs_build
from kinds import makes

_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_CHANGED = re.compile(r"Generated files changed: (.*)")
# Logged once for every page MkDocs renders (its own "Building page" line is logged only the first time).
_RENDERED = re.compile(re.escape("Running `post_page` event from plugin 'hooks/practices.py'"))
# Every request must be answered within this time, also while the server rebuilds or a case is broken.
ANSWER_WITHIN = 5.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@makes("serve")
class Served:
    def __init__(self, project: Path, log: Path):
        self.port = _free_port()
        self.log = log
        self._output = log.open("w")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *SERVE_OPTIONS, "--verbose", "-a", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=self._output, stderr=subprocess.STDOUT,
        )

    def fetch(self, path: str) -> tuple[int, str]:
        """The status and text of a page (a 404 too); fails if the answer takes longer than ANSWER_WITHIN."""
        start = time.monotonic()
        try:
            with _LOCAL.open(f"http://127.0.0.1:{self.port}/{path}", timeout=ANSWER_WITHIN) as response:
                status, text = response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8")
        seconds = time.monotonic() - start
        assert seconds < ANSWER_WITHIN, f"{path} took {seconds:.1f} s"
        return status, text

    def get(self, path: str) -> str:
        status, text = self.fetch(path)
        if status != 200:
            raise OSError(f"{path}: HTTP {status}")
        return text

    def wait_until(self, path: str, shows, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                text = self.get(path)
                if shows(text):
                    return text
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"{path} did not change within {timeout} s; log:\n{self.log.read_text()[-3000:]}")

    def log_size(self) -> int:
        return len(self.log.read_text())

    def changed_since(self, offset: int) -> tuple[set[str], int]:
        """The generated files the hook rewrote, and how many pages MkDocs rendered."""
        log = self.log.read_text()[offset:]
        return {name for line in _CHANGED.findall(log) for name in line.split()}, len(_RENDERED.findall(log))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self._output.close()


def _synthetic(tmp_path: Path, languages: bool):
    project = copy_project(tmp_path / "project", languages=languages)
    for path in case_files(project / "practices"):
        path.unlink()
    SyntheticCases(Project(project).vocabulary()).write(project / "practices", 12)
    yield from _serving(project, tmp_path / "serve.log")


@pytest.fixture
def served(tmp_path: Path):
    """Twelve made-up cases, served in English only (each rebuild about half as long as with every language)."""
    yield from _synthetic(tmp_path, languages=False)


@pytest.fixture
def served_in_every_language(tmp_path: Path):
    yield from _synthetic(tmp_path, languages=True)


@pytest.fixture
def served_real(tmp_path: Path):
    """The project's own cases, served."""
    yield from _serving(copy_project(tmp_path / "project", languages=False), tmp_path / "serve.log")


def _started(project: Path, log: Path, tries: int = 3) -> Served:
    """A server that answers. The free port is chosen before MkDocs binds it, so another process (a parallel
    test worker) may take it first: then MkDocs exits with "Address already in use" and another port is tried."""
    for attempt in range(1, tries + 1):
        server = Served(project, log)
        try:
            server.wait_until("index.html", lambda text: "</html>" in text, timeout=120)
            return server
        except AssertionError:
            server.stop()
            if attempt == tries or "Address already in use" not in log.read_text():
                raise


def _serving(project: Path, log: Path):
    server = _started(project, log)
    try:
        time.sleep(2)  # the first import writes hooks/__pycache__, which the server watches: one more rebuild
        yield project, server
    finally:
        server.stop()


def test_scripts_build_serves_as_tested():
    assert f"mkdocs serve {' '.join(SERVE_OPTIONS)} " in (ROOT / "scripts" / "build").read_text()


def test_an_edited_title_shows_everywhere_and_only_those_pages_are_rebuilt(served):
    project, server = served
    index = Project(project).load_index()
    edited = index.latest(1)[0]
    topic = index.topic_entry(edited.topics[0])
    mentioning = {p.slug for p in index.practices if edited in index.related(p)}
    untouched = [p.slug for p in index.practices if p is not edited and p.slug not in mentioning]
    assert untouched, "the test needs a case page that does not show the edited case"
    old_title = edited.title
    new_title = f"Renamed {int(time.time())} practice"
    log_offset = server.log_size()
    path = project / "practices" / f"{edited.slug}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title:.*$", f"title: {new_title}", text, count=1, flags=re.MULTILINE), encoding="utf-8")

    server.wait_until(f"practices/{edited.slug}.html", lambda text: f"{new_title}</h1>" in text)
    server.wait_until(topic.url, lambda text: new_title in text and old_title not in text)
    server.wait_until("index.html", lambda text: new_title in text)
    for slug in mentioning:
        assert new_title in server.get(f"practices/{slug}.html")

    changed, rendered = server.changed_since(log_offset)
    assert f"practices/{edited.slug}.md" in changed and topic.url.replace(".html", ".md") in changed
    assert "index.md" in changed and "practices.json" in changed
    assert {f"practices/{slug}.md" for slug in untouched}.isdisjoint(changed), changed
    assert rendered == len([name for name in changed if name.endswith(".md")]), (rendered, changed)


def test_a_deleted_case_leaves_the_indexes_and_its_page_is_gone(served):
    project, server = served
    index = Project(project).load_index()
    gone = next(p for p in index.practices if not any(p in index.related(other) for other in index.practices))
    assert server.fetch(f"practices/{gone.slug}.html")[0] == 200
    (project / "practices" / f"{gone.slug}.md").unlink()

    server.wait_until(index.topic_entry(gone.topics[0]).url, lambda text: gone.title not in text)
    server.wait_until("practices/index.html", lambda text: f"{gone.slug}.html" not in text)
    server.wait_until("practices.json", lambda text: f'"{gone.slug}"' not in text)
    assert server.fetch(f"practices/{gone.slug}.html")[0] == 404, "a dirty build left the old page behind"

    # A later rebuild (a new case) must not bring the deleted one back from the serve's cache.
    synthetic = SyntheticCases(Project(project).vocabulary())
    synthetic.write(project / "practices", 1, first=500)
    new_slug = next(path.stem for path in (project / "practices").glob("*.md") if path.stem not in index.by_slug)
    data = server.wait_until("practices.json", lambda text: f'"{new_slug}"' in text)
    assert gone.title not in data


BANNER = '<aside class="icp-preview-problems"'


def banner_lines(html: str) -> list[str]:
    """The problems a page's preview banner lists, as text."""
    if BANNER not in html:
        return []
    banner = html.split(BANNER, 1)[1].split("</aside>", 1)[0]
    return [unescape(line) for line in re.findall(r"<li><code>(.*?)</code></li>", banner, re.DOTALL)]


def misspell_first_topic(path: Path, topic: str) -> str:
    """The case with its first topic misspelt (its last letter dropped) in the front matter."""
    text = path.read_text(encoding="utf-8")
    at = text.index(topic, text.index("\ntopics:"))
    return text[:at] + topic[:-1] + text[at + len(topic):]


def test_a_broken_case_is_left_out_and_every_page_says_why_until_it_is_fixed(served_real, tmp_path):
    project, server = served_real
    index = Project(project).load_index()
    broken = index.latest(1)[0]  # on the home page's latest list, its topic's page and the finder
    topic = index.topic_entry(broken.topics[0])
    path = project / "practices" / f"{broken.slug}.md"
    good = path.read_bytes()
    pages = ["index.html", "practices/index.html", topic.url, "about.html",
             f"practices/{next(p for p in index.practices if p is not broken).slug}.html"]
    for page in pages:
        assert banner_lines(server.get(page)) == []

    path.write_text(misspell_first_topic(path, broken.topics[0]), encoding="utf-8")
    vocabulary = Project(project).vocabulary()
    _, problems = check_practices(project / "practices", vocabulary, Project(project).schema(), root=project)
    expected = [str(problem) for problem in problems]
    misspelt, topic_name = broken.topics[0][:-1], broken.topics[0]
    assert len(expected) == 1 and f"'{misspelt}' is not a topic; did you mean '{topic_name}'?" in expected[0]
    assert expected[0].startswith(f"practices/{broken.slug}.md:")

    server.wait_until("index.html", lambda text: banner_lines(text) == expected)
    for page in pages:
        status, text = server.fetch(page)
        assert status == 200 and banner_lines(text) == expected, page
        assert text.index(BANNER) < text.index("<header"), f"{page}: the banner comes first"
    for page in ("index.html", "practices/index.html", topic.url):
        assert f"{broken.slug}.html" not in server.get(page), f"{page} still lists the broken case"
    status, text = server.fetch(f"practices/{broken.slug}.html")
    assert status == 404 and banner_lines(text) == expected, "its own address says why it is missing"

    refused = mkdocs_build(project, tmp_path / "site")
    assert refused.returncode != 0 and expected[0] in refused.stderr, "a build still refuses it"

    path.write_bytes(good)
    server.wait_until(f"practices/{broken.slug}.html", lambda text: f"{broken.title}</h1>" in text)
    for page in [*pages, f"practices/{broken.slug}.html"]:
        status, text = server.fetch(page)
        assert status == 200 and BANNER not in text, page
    assert f"{broken.slug}.html" in server.get("index.html")
    assert server.process.poll() is None, "the server is still running"


@pytest.mark.parametrize("rules", ["taxonomy.yml", "practice.schema.json"])
def test_broken_rules_show_as_a_banner_not_a_hang(served, rules):
    project, server = served
    path = project / "practices" / rules
    good = path.read_bytes()
    # Cut in the middle: the schema is no longer valid JSON; the vocabulary ends in its list of topics,
    # before 'countries' (half of the whole file ends in its comments and would still be a vocabulary).
    end = good.index(b"\ncountries:") if rules == "taxonomy.yml" else len(good)
    path.write_bytes(good[: end // 2])
    assert load_site(Project(project), keep_going=True).problems, "the cut file must break the rules"

    text = server.wait_until("about.html", lambda text: BANNER in text)
    [problem] = banner_lines(text)
    assert problem.startswith(str(path)) and list(load_site(Project(project), keep_going=True).problems) == [problem]
    status, home = server.fetch("index.html")
    assert status == 200 and banner_lines(home) == [problem]

    path.write_bytes(good)
    server.wait_until("about.html", lambda text: BANNER not in text)
    assert BANNER not in server.get("index.html") and server.process.poll() is None


def test_the_banner_tells_each_problem_in_the_pages_language(served_in_every_language, page):
    """In Chromium, the preview's French and Danish pages list the validator's messages told in French and
    Danish (icp.check.said), the English pages as scripts/validate.py prints them."""
    project, server = served_in_every_language
    case = Project(project).load_index().practices[0]
    path = project / "practices" / f"{case.slug}.md"
    path.write_text(misspell_first_topic(path, case.topics[0]), encoding="utf-8")
    _, problems = check_practices(project / "practices", Project(project).vocabulary(), Project(project).schema(),
                                  root=project)
    told = {}
    for language in i18n.languages():
        with i18n.use(language):
            told[language.code] = [problem.told() for problem in problems]
    assert told["en"] == [str(problem) for problem in problems] and len(problems) == 1
    assert "n'est pas un thème\u00a0; vouliez-vous dire" in told["fr"][0]
    assert "er ikke et emne; mente du" in told["da"][0]
    server.wait_until("index.html", lambda text: BANNER in text)
    for code, folder in (("fr", "fr/"), ("da", "da/"), ("en", "")):
        page.goto(f"http://127.0.0.1:{server.port}/{folder}about.html")
        banner = page.locator(".icp-preview-problems")
        assert banner.locator("li").all_inner_texts() == told[code], code
        assert banner.evaluate("b => b.getBoundingClientRect().top") == 0
