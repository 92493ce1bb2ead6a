"""`scripts/build serve` rebuilds only what an edit changed, and every page that shows the edit.

A real `mkdocs serve --dirty` on 127.0.0.1 serves a copied project with a handful of synthetic
cases; the test edits and deletes case files and reads the served pages. MkDocs' debug output
names each page it builds, which shows that untouched pages are not rebuilt. Not timed: the
edit-to-page time is measured by scripts/bench.py --serve-at.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bench import SERVE_OPTIONS
from conftest import ROOT, copy_project

from icp.site import Project
from icp.synthetic import SyntheticCases
from icp.validate import case_files

_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_CHANGED = re.compile(r"Generated files changed: (.*)")
_RENDERED = "Running `page_context` event from plugin 'material/search'"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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

    def get(self, path: str) -> str:
        with _LOCAL.open(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
            return response.read().decode("utf-8")

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
        return {name for line in _CHANGED.findall(log) for name in line.split()}, log.count(_RENDERED)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self._output.close()


@pytest.fixture
def served(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    for path in case_files(project / "practices"):
        path.unlink()
    SyntheticCases(Project(project).vocabulary()).write(project / "practices", 12)
    server = Served(project, tmp_path / "serve.log")
    try:
        server.wait_until("index.html", lambda text: "</html>" in text, timeout=120)
        time.sleep(2)  # the first import writes hooks/__pycache__, which the server watches: one more rebuild
        yield project, server
    finally:
        server.stop()


def test_scripts_build_serves_as_tested():
    assert f"mkdocs serve {' '.join(SERVE_OPTIONS)} " in (ROOT / "scripts" / "build").read_text()


def _search_docs(server: Served) -> list[dict]:
    return json.loads(server.get("search/search_index.json"))["docs"]


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

    docs = _search_docs(server)
    locations = [doc["location"] for doc in docs]
    assert len(locations) == len(set(locations)), "a rebuilt page is in the search index twice"
    assert {f"practices/{p.slug}.html" for p in index.practices} <= set(locations)
    assert any(doc["title"] == new_title for doc in docs)
    assert not any(doc["title"] == old_title for doc in docs)


def test_a_deleted_case_leaves_the_indexes_and_the_search_index(served):
    project, server = served
    index = Project(project).load_index()
    gone = next(p for p in index.practices if not any(p in index.related(other) for other in index.practices))
    (project / "practices" / f"{gone.slug}.md").unlink()

    server.wait_until(index.topic_entry(gone.topics[0]).url, lambda text: gone.title not in text)
    server.wait_until("practices/filter-data.js", lambda text: gone.slug not in text)
    server.wait_until("search/search_index.json", lambda text: f'"practices/{gone.slug}.html' not in text)

    # A later rebuild (a new case) must not bring the deleted one back from the serve's cache.
    synthetic = SyntheticCases(Project(project).vocabulary())
    synthetic.write(project / "practices", 1, first=500)
    new_slug = next(path.stem for path in (project / "practices").glob("*.md") if path.stem not in index.by_slug)
    data = server.wait_until("practices.json", lambda text: f'"{new_slug}"' in text)
    assert gone.title not in data
