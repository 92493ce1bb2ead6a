"""A preview server that keeps serving while a case is broken, and says on every page what is wrong.

``mkdocs build`` (and the checks on a pull request) refuse a site with any broken case, so nothing
broken is ever published. The preview server is where an editor fixes the case: if it refused too,
it would stop rebuilding and the browser would wait for a page that never comes. So a preview
leaves the broken cases out, builds the rest, and puts every problem, worded as the validator
words it, in a banner at the top of every page until the file is fixed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from icp import i18n
from icp.check.problems import Problem
from icp.check.validate import PracticeProblems
from icp.generator.incremental import CheckedFiles
from icp.index import PracticeIndex
from icp.read.schema import SchemaFileError
from icp.read.vocabulary import Vocabulary, VocabularyError
from icp.render.templating import render
from icp.site import Project

PREVIEW_COMMAND = "serve"
# A renamed topic can break every case at once; a banner on every page lists this many, then a count.
BANNER_LIMIT = 30
RULES_BROKEN = (VocabularyError, SchemaFileError)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def keeps_going(command: str) -> bool:
    """Only the preview server builds past broken cases; ``mkdocs build`` refuses them."""
    return command == PREVIEW_COMMAND


@dataclass(frozen=True)
class LoadedSite:
    """The cases a build publishes, and every problem of those it leaves out."""

    index: PracticeIndex
    problems: tuple[str, ...] = ()
    schema: dict | None = None  # None when the schema file itself is broken (a preview goes on without it)
    # The same problems as found (file, line, field and a message that can be told in another language).
    found: tuple[Problem, ...] = field(default=(), compare=False, repr=False)
    _banners: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def banner(self) -> Markup:
        """The banner in English (what changed between two builds is told by it)."""
        return problems_banner(self.problems)

    def banner_in(self, language: i18n.Language) -> Markup:
        """Asked for by every page of a build, in the page's language: rendered once a language."""
        if language.code not in self._banners:
            with i18n.use(language):
                told = tuple(problem.told() for problem in self.found) or self.problems
                self._banners[language.code] = problems_banner(told)
        return self._banners[language.code]


def load_site(project: Project, *, keep_going: bool, checked: CheckedFiles | None = None) -> LoadedSite:
    """Every good case, indexed. Unless ``keep_going``, any problem raises (PracticeProblems, or
    VocabularyError / SchemaFileError when the rules themselves are broken, with no case built)."""
    try:
        index, problems = project.check_index(checked)
        schema = project.schema()
    except RULES_BROKEN as error:
        if not keep_going:
            raise
        return LoadedSite(PracticeIndex([], Vocabulary(topics=(), countries=())), (str(error),))
    if problems and not keep_going:
        raise PracticeProblems(problems)
    return LoadedSite(index, tuple(str(problem) for problem in problems), schema, tuple(problems))


def problems_banner(problems: tuple[str, ...] | list[str]) -> Markup:
    """The banner listing ``problems`` (escaped: they quote the case files), or nothing."""
    if not problems:
        return Markup()
    files = len({problem.split(":", 1)[0] for problem in problems})
    return Markup(render("preview_problems.html", problems=problems[:BANNER_LIMIT],
                         more=max(0, len(problems) - BANNER_LIMIT), count=len(problems), files=files))


def with_banner(html: str, banner: str) -> str:
    """``html`` (a whole page) with ``banner`` first in its body, where it is seen before anything else."""
    if not banner:
        return html
    body = _BODY.search(html)
    at = body.end() if body else 0
    return "".join((html[:at], str(banner), html[at:]))  # not `+`: str + Markup would escape the page
