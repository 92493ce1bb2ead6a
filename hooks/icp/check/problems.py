"""A problem as the editor is told it (file, line, field, message with the fix), and how many there are."""

from __future__ import annotations

from dataclasses import dataclass

from icp.check.said import told
from icp.read.characters import printable
from icp.read.inventory import is_case_name


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, told the way an editor can act on it."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return self.told_as(self.message)

    def told(self) -> str:
        """The problem in the current language (:func:`icp.check.said.told`); ``str()`` is in English."""
        return self.told_as(told(self.message))

    def told_as(self, message: str) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}")


class PracticeProblems(Exception):
    """Raised when any case file breaks a rule; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{count_problems(self.problems)}; nothing was built:\n{lines}")


def count_problems(problems: list[Problem], checked: int | None = None) -> str:
    """'3 problem(s) in 2 of 10 case file(s) and 1 other file': case files and other files counted apart
    (an image or a stray file is not a case file); ``checked`` is how many case files were checked."""
    cases = {problem.path for problem in problems if is_case_name(problem.path.rpartition("/")[2])}
    others = {problem.path for problem in problems} - cases
    counted = []
    if cases or not others:
        counted.append(f"{len(cases)}{'' if checked is None else f' of {checked}'} case file(s)")
    if others:
        counted.append(f"{len(others)} other file(s) in practices/")
    return f"{len(problems)} problem(s) in {' and '.join(counted)}"


def checker_failed(error: Exception) -> str:
    """The message for a file the checker itself failed on: never a traceback, and the way on."""
    return (f"the checker failed on this file ({type(error).__name__}), which is a bug in the checker; report it "
            "with the file attached, and meanwhile compare the file with CONTRIBUTING.md and a case that passes")
