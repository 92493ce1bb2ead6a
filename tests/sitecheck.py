"""What the browser tests need to know about a built site: its page types, its cases, and how to
open a page in Chromium while recording every request and error."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from icp import languages

ALLOWED_SCHEMES = {"file", "data"}
GROUP_FIELDS = {"topic": "topics", "country": "country", "year": "year", "language": "language", "evidence": "evidence"}
_TERM_LINK = re.compile(r'href="\.\./(topics|countries|years)/(?!index\.html)([^"/#]+\.html)"')


def cases(site: Path) -> list[dict]:
    """The site's cases from its open data export, in the order the site lists them."""
    return json.loads((site / "practices.json").read_text(encoding="utf-8"))["practices"]


def page_types(site: Path) -> dict[str, str]:
    """One page of each type, as a path inside the site, found from the site itself."""
    case = cases(site)[0]
    case_html = (site / case["url"]).read_text(encoding="utf-8")
    first_term = {}
    for group, name in _TERM_LINK.findall(case_html):
        first_term.setdefault(group, f"{group}/{name}")
    return {
        "home": "index.html",
        "filter": "practices/index.html",
        "case": case["url"],
        "topic": first_term["topics"],
        "country": first_term["countries"],
        "year": first_term["years"],
        "topics overview": "topics/index.html",
        "countries overview": "countries/index.html",
        "years overview": "years/index.html",
        "about": "about.html",
        "contribute": "contribute.html",
        "propose": "propose.html",
    }


def language_page_types(site: Path, code: str) -> dict[str, str]:
    """One page of each type in the language ``code`` (its folder), the codebook too: those the site has."""
    types = {name: f"{code}/{path}" for name, path in page_types(site).items()}
    types["codebook"] = f"{code}/codebook.html"
    return {name: path for name, path in types.items() if (site / path).exists()}


@dataclass
class Recorder:
    """Every request a browser context makes, and every error its pages report."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, context) -> None:
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("requestfailed", lambda request: self.errors.append(f"failed: {request.url} {request.failure}"))
        context.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        context.on("weberror", lambda error: self.errors.append(str(error.error)))
        # Nothing may leave the machine, even if a page asked: answer any network request with an error.
        context.route(re.compile(r"^(?!file:|data:)"), lambda route: route.abort())

    def schemes(self) -> Counter:
        return Counter(url.split(":", 1)[0] for url in self.requests)

    def foreign(self) -> list[str]:
        return [url for url in self.requests if url.split(":", 1)[0] not in ALLOWED_SCHEMES]


def open_page(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def values(case: dict, key: str) -> set[str]:
    if key == "language":  # the menu names a language, the open data gives its code
        return {languages.name(case["language"])}
    value = case.get(GROUP_FIELDS[key], [])  # a case whose sources give no year has none
    return {str(item) for item in value} if isinstance(value, list) else {str(value)}


def matches(case: dict, chosen: dict[str, set[str]], skip: str | None = None) -> bool:
    """Options in one group widen (any), groups narrow (all): the rule the finder states."""
    return all(not chosen.get(key) or values(case, key) & chosen[key] for key in GROUP_FIELDS if key != skip)


def expected_options(all_cases: list[dict], chosen: dict[str, set[str]], key: str) -> Counter:
    """How many cases each option of a group would give together with the other groups' choices."""
    counts: Counter = Counter()
    for case in all_cases:
        if matches(case, chosen, skip=key):
            counts.update(values(case, key))
    return counts
