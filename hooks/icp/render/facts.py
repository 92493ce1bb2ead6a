"""The facts practitioners ask for, worded once for a case's page, its card and the finder's cards:
what the year is, when the practice ran (and the span of years that makes), its status, partners,
target groups, evidence and budget, with "not given" where the sources do not say.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from icp.i18n import N_, gettext
from icp.practice import Practice

# Labels in English, marked for the catalogues (icp.i18n) and translated where they are shown.
NOT_GIVEN = N_("not given")
YEAR_LABEL = N_("Year of the record")
YEAR_HELP = N_("the year the source dates the practice by")
PERIOD_LABEL = N_("When it ran")
EVIDENCE = (N_("evaluated"), N_("results reported"), N_("none given"))
EVIDENCE_LABEL = N_("Evidence")
STATUSES = (N_("ongoing"), N_("ended"))
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_OPEN = re.compile(r"ongoing|present|today|since|onwards|continu|running|permanent|still", re.IGNORECASE)
# "2015-17": a second year written with two digits.
_SHORT_END = re.compile(r"(?<!\d)((?:1[89]|20)\d\d)\s*[-–/]\s*(\d\d)(?!\d)")


@dataclass(frozen=True)
class Span:
    """The years a practice ran, as far as ``period`` says; ``end`` None: still running (open)."""

    start: int
    end: int | None


def running_span(practice: Practice) -> Span | None:
    """The span of years in ``period`` ("2011–2014", "since 2007", "2016–ongoing", "2001"); a period
    without a year (or none) is taken as the year of the record alone; None when neither gives a year."""
    period = practice.period or ""
    years = [int(year) for year in _YEAR.findall(period)]
    years += [int(first[:2] + last) for first, last in _SHORT_END.findall(period) if int(first[:2] + last) > int(first)]
    if not years:
        return Span(practice.year, practice.year) if practice.year is not None else None
    start, last = min(years), max(years)
    if _OPEN.search(period) and not (len(years) > 1 and practice.status == "ended"):
        return Span(start, None)
    return Span(start, last)


def status_text(practice: Practice) -> str | None:
    """"ended (2017)", "ongoing (2019)", or None."""
    if not practice.status:
        return None
    status = gettext(practice.status) if practice.status in STATUSES else practice.status
    return f"{status} ({practice.status_date})" if practice.status_date else status


def joined(items: tuple[str, ...]) -> str | None:
    return "; ".join(items) if items else None


@dataclass(frozen=True)
class Fact:
    label: str
    value: str | None
    # The value is a word of the site's own (the evidence), not the case's text: shown translated.
    worded: bool = False

    @property
    def text(self) -> str:
        if not self.value:
            return gettext(NOT_GIVEN)
        return gettext(self.value) if self.worded else self.value

    @property
    def given(self) -> bool:
        return bool(self.value)


def card_facts(practice: Practice) -> tuple[Fact, ...]:
    """What a card says beside the place and the summary, in this order (the finder's cards too)."""
    return (
        Fact(PERIOD_LABEL, practice.period),
        Fact(N_("Status"), status_text(practice)),
        Fact(EVIDENCE_LABEL, practice.evidence, worded=True),
        Fact(N_("Partners"), joined(practice.partners)),
        Fact(N_("Target groups"), joined(practice.target_groups)),
        Fact(N_("Budget"), practice.budget),
    )


def page_facts(practice: Practice) -> tuple[Fact, ...]:
    """The case page's facts after city, country and year; organisation and contact only when given."""
    facts = list(card_facts(practice))
    if practice.organisation:
        facts.insert(3, Fact(N_("Organisation"), practice.organisation))
    if practice.contact:
        facts.append(Fact(N_("Contact"), practice.contact))
    return tuple(facts)


def this_year() -> int:
    return datetime.date.today().year
