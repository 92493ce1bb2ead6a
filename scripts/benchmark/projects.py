"""The projects a benchmark builds: the full site at a size, and the floors beside it.

A size is ``real`` (the project's own cases), a number (that many synthetic cases,
hooks/icp/synthetic/cases.py) or ``real<N>`` (N cases of real-sized text: copies of the project's own
cases under new slugs, their related cases and links pointing at copies, so they validate).

A floor is bare Material with the same case files as plain pages: the site's own theme, overrides,
stylesheets, scripts and Markdown extensions, no hook, the cases out of the nav. It comes in two
kinds: with Material's search and offline plugins and Material's own header with its search box
(what the site carried before the finder), and without them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from _paths import ROOT

import yaml

from icp import routes
from icp.check.validate import case_files
from icp.site import Project
from icp.synthetic.cases import SyntheticCases

GENERATED_NAV_PAGES = {"practices/index.md", "topics/index.md", "countries/index.md", "years/index.md"}
SITE_ONLY_KEYS = ("hooks", "watch", "not_in_nav")
_REAL_COPIES = re.compile(r"real(\d+)")


@dataclass(frozen=True)
class Size:
    """What a size on the command line asks for: ``cases`` (None: the real ones) and their kind."""

    label: str
    cases: int | None
    kind: str  # "real", "synthetic" or "real copies"


def parse_size(text: str) -> Size:
    """'real', '1000' or 'real1000'; raises ValueError for anything else."""
    if text == "real":
        return Size(text, None, "real")
    if text.isdigit() and int(text) > 0:
        return Size(text, int(text), "synthetic")
    copies = _REAL_COPIES.fullmatch(text)
    if copies and int(copies.group(1)) >= len(real_cases()):
        return Size(text, int(copies.group(1)), "real copies")
    raise ValueError(f"{text!r} is not 'real', a number of cases, or 'real<N>' with N >= {len(real_cases())}")


def real_cases() -> list[Path]:
    return case_files(ROOT / "practices")


def full_project(workdir: Path, size: Size) -> Path:
    """A copy of the checkout with the cases ``size`` asks for."""
    project = workdir / "full"
    for name in tracked_files():
        source = ROOT / name
        if source.is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)
    if size.kind != "real":
        for path in case_files(project / "practices"):
            path.unlink()
    if size.kind == "synthetic":
        SyntheticCases(Project(project).vocabulary()).write(project / "practices", size.cases)
    elif size.kind == "real copies":
        write_real_copies(project / "practices", size.cases)
    nav = load_config(project / "mkdocs.yml", project).get("nav")
    stub_pages(project / "docs", [name for name in nav_pages(nav) if name not in GENERATED_NAV_PAGES])
    return project


def tracked_files() -> list[str]:
    """The checkout's files as git knows them (the working copy's version), plus new files."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    return [name for name in listed if not name.startswith((".venv", "site/"))]


def write_real_copies(directory: Path, count: int) -> list[Path]:
    """``count`` cases cycling through the real ones: copy k of case S is ``S-copy-k``.

    Copy k's related cases and links to other cases lead to copy k of those cases, or to copy 1
    where the last, partial round has no copy k.
    """
    originals = {path.stem: path.read_text(encoding="utf-8") for path in real_cases()}
    slugs = sorted(originals)
    written = []
    for number in range(count):
        slug, copy = slugs[number % len(slugs)], number // len(slugs) + 1

        def renamed(other: str, copy: int = copy) -> str:
            exists = slugs.index(other) + (copy - 1) * len(slugs) < count
            return f"{other}-copy-{copy if exists else 1}"

        path = directory / f"{slug}-copy-{copy}.md"
        path.write_text(relinked(originals[slug], set(slugs), renamed), encoding="utf-8")
        written.append(path)
    return written


def relinked(text: str, slugs: set[str], renamed) -> str:
    """The case text with its related slugs (front matter) and ``<slug>.md`` links (body) renamed."""
    _, front, body = text.split("---\n", 2)
    front = re.sub(r"(?m)^(\s*-\s+)([a-z0-9-]+)\s*$",
                   lambda m: m.group(1) + renamed(m.group(2)) if m.group(2) in slugs else m.group(0), front)
    body = re.sub(r"\]\(([a-z0-9-]+)(\.md[#)])",
                  lambda m: f"]({renamed(m.group(1))}{m.group(2)}" if m.group(1) in slugs else m.group(0), body)
    return f"---\n{front}---\n{body}"


def nav_pages(nav) -> list[str]:
    """The Markdown pages a config's nav names, at any depth."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [name for value in nav.values() for name in nav_pages(value)]
    if isinstance(nav, list):
        return [name for item in nav for name in nav_pages(item)]
    return []


def stub_pages(docs: Path, names: list[str]) -> None:
    """One-line pages for nav entries nothing else provides: strict mode stops on a missing one,
    and Material renders the whole nav into every page."""
    for name in names:
        page = docs / name
        if not page.exists():
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {page.stem.title()}\n", encoding="utf-8")


def load_config(path: Path, config_dir: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_config_loader(config_dir))


def floor_project(workdir: Path, full: Path, search: bool) -> Path:
    """The bare site beside ``full``: its case files as plain pages in docs/practices/, no hook."""
    floor = workdir / ("floor-search" if search else "floor")
    (floor / "docs" / "practices").mkdir(parents=True)
    config = floor_config(full / "mkdocs.yml", floor, search)
    shutil.copytree(full / "docs" / "assets", floor / "docs" / "assets")
    overrides = floor / config["theme"]["custom_dir"]
    shutil.copytree(full / config["theme"]["custom_dir"], overrides)
    if search:  # Material's own header, with its search box, as the site had it
        (overrides / "partials" / "header.html").unlink(missing_ok=True)
    (floor / "docs" / "index.md").write_text("# Floor\n", encoding="utf-8")
    for path in case_files(full / "practices"):
        shutil.copy(path, floor / "docs" / "practices" / path.name)
    stub_pages(floor / "docs", nav_pages(config.get("nav")))
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return floor


def floor_config(site_config: Path, floor: Path, search: bool) -> dict:
    """The site's mkdocs.yml without what belongs to the hook, with or without Material's search.

    Not strict: the case pages link to pages only the full site has.
    """
    config = load_config(site_config, floor)
    for key in SITE_ONLY_KEYS:
        config.pop(key, None)
    config["site_name"] = f"Floor ({'with' if search else 'without'} search)"
    config["strict"] = False
    config["extra"] = {key: value for key, value in (config.get("extra") or {}).items() if key != "offline_zip"}
    config["extra"]["routes"] = routes.for_templates()  # the overrides' links, which the hook sets on the full site
    config["plugins"] = ["search", "offline"] if search else []
    if search:
        config["theme"]["features"] = [*config["theme"].get("features", []), "search.highlight"]
    return config


def _config_loader(config_dir: Path) -> type:
    """A YAML loader for mkdocs.yml's tags: !ENV gives its default, !relative the config's folder."""

    class ConfigLoader(yaml.SafeLoader):
        pass

    def env(loader, node):
        values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
        return values[-1] if len(values) > 1 else None

    ConfigLoader.add_constructor("!ENV", env)
    ConfigLoader.add_constructor("!relative", lambda loader, node: str(config_dir))
    return ConfigLoader
