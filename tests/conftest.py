"""Shared fixtures: the project's paths, a real build of the site, and a real Chromium.

pyproject.toml puts hooks/, scripts/ and tests/ on the import path; tests/kinds.py marks every test
browser, build, serve or properdocs from what it uses, and tests/parallel.py spreads the tests over
pytest-xdist's workers (their hooks are imported here so that pytest runs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from icp import i18n
from icp.site import Project
from kinds import makes, pytest_collection_modifyitems, pytest_configure, pytest_runtest_protocol  # noqa: F401
from parallel import (once_for_all_workers, pytest_runtest_logreport, pytest_sessionfinish,  # noqa: F401
                      pytest_xdist_make_scheduler)
import sweep

ROOT = Path(__file__).resolve().parent.parent


# One Hypothesis profile for every test, whichever files a run collects: the same examples in every run and on
# every pytest-xdist worker (derandomize), so a failure shows again on the next run without an example database,
# and no database exists for two workers to write at once. "thorough" is the same with every property test's
# full count of examples (examples() below): `scripts/test --hypothesis-profile=thorough`.
settings.register_profile("icp", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("thorough", parent=settings.get_profile("icp"))
settings.load_profile("icp")
sweep.fix_seed()  # before pytest-xdist starts its workers: one sample for the whole run (tests/sweep.py)


def pytest_report_header(config: pytest.Config) -> str:
    return sweep.header()


def examples(usual: int, thorough: int) -> int:
    """How many examples a property test draws: ``usual`` in every run (scripts/test, CI), enough for every kind of
    input its strategy makes; ``thorough`` under ``--hypothesis-profile=thorough``. tests/README.md lists both."""
    return thorough if settings.get_current_profile_name() == "thorough" else usual


CASE_TEMPLATE = """---
title: {title}
city: {city}
country: {country}
year: {year}
topics: [{topics}]
summary: {summary}
evidence: {evidence}
---

## Summary

{summary}
"""


def write_case(directory: Path, slug: str, **fields) -> Path:
    """A valid case file, with any field overridden."""
    values = dict(title=f"Practice {slug}", city="Oslo", country="Norway", year=2010,
                  topics="Education", summary="A short plain summary.", evidence="none given")
    values.update(fields)
    path = directory / f"{slug}.md"
    path.write_text(CASE_TEMPLATE.format(**values), encoding="utf-8")
    return path


@pytest.fixture
def project_copy(tmp_path: Path) -> Project:
    """A copy of the project's vocabulary and schema with an empty practices/ folder."""
    practices = tmp_path / "practices"
    practices.mkdir()
    for name in ("taxonomy.yml", "practice.schema.json"):
        shutil.copy(ROOT / "practices" / name, practices / name)
    return Project(tmp_path)


@makes("build")
def mkdocs_build(project_dir: Path, site_dir: Path, *extra: str, publish: bool = False,
                 repository: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``publish`` builds as the deploy workflow does, with the offline zip inside the site;
    ``repository`` is the repository's address (ICP_REPOSITORY_URL), which turns on edit links;
    ``env`` adds to the environment (SOURCE_DATE_EPOCH, say)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ICP_OFFLINE_ZIP": "1" if publish else "",
           "ICP_REPOSITORY_URL": repository or "", "ICP_SITE_URL": "", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project_dir / "mkdocs.yml"),
         "-d", str(site_dir), *extra],
        capture_output=True, text=True, env=env, cwd=project_dir,
    )


def built_beside(project_dir: Path) -> Path:
    """``project_dir`` built by MkDocs into a ``site`` folder beside it; the test fails with MkDocs'
    errors when the build does."""
    site = project_dir.parent / "site"
    result = mkdocs_build(project_dir, site)
    assert result.returncode == 0, result.stderr
    return site


def copy_project(destination: Path, *, languages: bool = True) -> Path:
    """The site's sources (not the built site or the virtual environment) in a new folder. ``languages=False``
    leaves out every language but English (``locale/<code>/`` and ``docs/<code>/``): the copy builds the English
    pages alone, in about half the time, for a module that reads none of the translated pages (the languages are
    tested where they are the point: test_languages, test_case_languages, test_finder_stems, ...)."""
    others = [code for code in i18n.codes(ROOT) if code != i18n.DEFAULT] if not languages else []
    for name in ("docs", "hooks", "practices", "locale"):
        shutil.copytree(ROOT / name, destination / name,
                        ignore=_leaving_out(ROOT / name, others if name in ("docs", "locale") else []))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(ROOT / name, destination / name)
    return destination


def _leaving_out(folder: Path, codes: list[str]):
    """shutil.copytree's ``ignore``: caches and compiled catalogues anywhere, and the languages ``codes`` right below
    ``folder`` only (docs/fr, locale/da; never a file or folder deeper down that happens to have such a name)."""
    anywhere = shutil.ignore_patterns("__pycache__", "*.mo")

    def ignore(directory: str, names: list[str]) -> set[str]:
        return set(anywhere(directory, names)) | (set(names) & set(codes) if Path(directory) == folder else set())
    return ignore


def _build_as_published(site: Path) -> None:
    result = mkdocs_build(ROOT, site, publish=True)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built by MkDocs from this checkout into a temporary folder, as published (once for all
    workers of a parallel run)."""
    return once_for_all_workers(tmp_path_factory, "site", _build_as_published)


def earlier_site(built_site: Path, site: Path) -> Path:
    """A site built before, at ``site``, for a build that must leave it byte for byte when it fails: the real site
    as published, copied (what a build of the unchanged project gives, without building it again)."""
    shutil.copytree(built_site, site, symlinks=True)
    return site


@pytest.fixture(scope="session")
def real_index():
    return Project(ROOT).load_index()


def chromium_path() -> str | None:
    """The system Chromium (Debian's package), or None to use Playwright's own browser."""
    for candidate in (os.environ.get("ICP_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = chromium_path()
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True,
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
