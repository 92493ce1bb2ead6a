"""Filling "Propose a practice" as a person would (type, tick, select, click), from a case's values,
and taking the file it gives (Download). Used by the form's browser tests."""

from __future__ import annotations

import re
from pathlib import Path

from icp.read.casefile import read_case_file
from icp.read.vocabulary import slugify

_SECTION = re.compile(r"^## (.+)\n", re.MULTILINE)


def case_values(path: Path) -> tuple[dict, dict[str, str]]:
    """A case file's front matter and its sections (heading -> text)."""
    case = read_case_file(path)
    parts = _SECTION.split(case.body)
    return dict(case.meta), {heading: text.strip() for heading, text in zip(parts[1::2], parts[2::2])}


def typed(value: object) -> str:
    """What a person types for a value: a number as Python writes it, text as it is."""
    return str(value) if not isinstance(value, bool) else ("true" if value else "false")


def fill_field(page, field_id: str, value: object) -> None:
    """One field, by what kind of control it is on the page."""
    field = page.locator(f"#{field_id}")
    control = field.get_attribute("data-control")
    if control in ("checkboxes", "cases"):
        for item in value:
            field.get_by_label(item_label(page, field_id, item), exact=True).check()
    elif control == "select":
        field.select_option(label=option_label(page, field_id, str(value)))
    elif control == "checkbox":
        if value is True:
            field.check()
    elif control == "lines":
        field.fill("\n".join(map(str, value)))
    elif control == "group":
        for index, item in enumerate(value):
            page.locator(f"#{field_id}-add").click()
            for key, part in item.items():
                fill_field(page, f"{field_id}-{index}-{key}", part)
    else:
        field.fill(typed(value))


def option_label(page, field_id: str, value: str) -> str:
    """What a person reads to choose a value from a menu: a language is chosen by its name."""
    return page.evaluate(
        """([fieldId, value]) => {
            const option = Array.from(document.querySelectorAll('#' + fieldId + ' option')).find(o => o.value === value);
            return option ? option.textContent : value;
        }""", [field_id, value])


def item_label(page, field_id: str, value: str) -> str:
    """A choice's label: a topic is its own name; a related case is chosen by its title."""
    return page.evaluate(
        """([fieldId, value]) => {
            const box = Array.from(document.querySelectorAll('#' + fieldId + ' input[type=checkbox]'))
                .find(candidate => candidate.value === value);
            return box ? document.querySelector("label[for='" + box.id + "']").textContent : value;
        }""", [field_id, value])


def fill_case(page, meta: dict, sections: dict[str, str]) -> None:
    for key, value in meta.items():
        fill_field(page, f"f-{key}", value)
    for heading, text in sections.items():
        page.locator(f"#f-section-{slugify(heading)}").fill(text)


VALID = {"title": "A welcome desk at the library", "city": "Tromsø", "country": "Norway", "year": "2019",
         "summary": "The city library runs a desk where newcomers get help with forms and find courses.",
         "section": "The library opened a desk for newcomers in 2019."}


def fill_valid(page, **changed: str) -> None:
    """A small valid case typed in (``changed`` replaces any of :data:`VALID`)."""
    values = {**VALID, **changed}
    page.get_by_label("Title (required)", exact=True).fill(values["title"])
    page.get_by_label("City (required)", exact=True).fill(values["city"])
    page.get_by_label("Country (required)", exact=True).select_option(values["country"])
    page.get_by_label("Year (optional)", exact=True).fill(values["year"])
    page.locator("#f-topics").get_by_label("Education", exact=True).check()
    page.get_by_label("Summary (required)", exact=True).fill(values["summary"])
    page.get_by_label("Evidence (required)", exact=True).select_option("none given")
    page.locator("#f-section-summary").fill(values["section"])


def download(page) -> tuple[str, str]:
    """Click "Download the file": the file's name and text (the page's checks must find nothing)."""
    problems = page.evaluate("ICPPropose.checks.all(ICPPropose.values())")
    assert problems == [], problems
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the file").click()
    done = info.value
    return done.suggested_filename, Path(done.path()).read_text(encoding="utf-8")
