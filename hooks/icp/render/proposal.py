"""The "Propose a practice" page: a form made at build time from the front-matter schema and the
vocabulary, so that a key added to ``practices/practice.schema.json`` appears in it with no change
here; and the data its scripts run on (``propose-data.js``, a classic script: it works from ``file://``).

Each property becomes a field by its kind: a list of terms (topics) a row of checkboxes in menu order,
a term (country, evidence, status) a ``<select>``, a list of case slugs (related) the existing cases by
title, a list of mappings (sources) a repeatable group of its own properties, a list of texts one item a
line, a number a numeric field, true/false a checkbox, any other text a text field. The body's sections
are those of :data:`icp.scaffold.SECTIONS`. The file is written in the browser exactly as
:func:`icp.scaffold.case_file` writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from icp import i18n, languages, routes
from icp.body.convert import Heading
from icp.check.validate import FILE_NAME_FIELD
from icp.i18n import N_
from icp.i18n import gettext as _
from icp.generator.lifting import html_block
from icp.index import PracticeIndex
from icp.practice import Practice
from icp.read.schema import schema_for
from icp.read.vocabulary import FOLD, slugify
from icp.render.pages import NOT_SEARCHED, GeneratedPage, page
from icp.render import proposetext
from icp.render.proposalwords import words
from icp.render.scriptdata import script_json
from icp.render.templating import render
from icp.scaffold import MAX_SLUG, SECTIONS, headings_in

PROPOSE_PAGE = routes.PROPOSE
PROPOSE_URL = routes.html(routes.PROPOSE)
PROPOSE_TITLE = N_("Propose a practice")
DATA_SCRIPT = routes.PROPOSE_DATA
DATA_GLOBAL = "ICP_PROPOSE"
CORRECTION_GLOBAL = "ICPCorrection"
# The page's scripts, in the order they run, after its language's data (DATA_SCRIPT, beside the page);
# paths from the site's root.
SCRIPTS = (
    "assets/vendor/cfworker-json-schema/json-schema.js",
    "assets/vendor/markdown-it/markdown-it.min.js",
    "assets/javascripts/propose/casefile.js",
    "assets/javascripts/propose/fields.js",
    "assets/javascripts/propose/propose.js",
    "assets/javascripts/propose/body.js",
    "assets/javascripts/propose/check.js",
    "assets/javascripts/propose/show.js",
    "assets/javascripts/propose/preview.js",
    "assets/javascripts/propose/correct.js",
    "assets/javascripts/propose/draft.js",
)
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
# The section the sources given in the front matter are listed under (as on a case page).
SOURCES_HEADING = "Sources"
# Text this long or longer gets a box of several lines (an address, with a pattern, never does).
LONG_TEXT = 300


@dataclass(frozen=True)
class Field:
    """One field of the form: ``control`` says how it is asked for; ``path`` is its place in the file."""

    key: str
    path: str
    label: str
    hint: str
    control: str
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()
    parts: tuple[Field, ...] = ()
    max_length: int | None = None
    # A repeatable group's words: one item, adding one, removing one.
    item_words: tuple[str, str, str] = ("", "", "")

    @property
    def id(self) -> str:
        return "f-" + self.path.replace(".", "-").replace("[]", "")


def label_for(key: str) -> str:
    """``status_date`` -> "Status date": the key in words, in the page's language."""
    return proposetext.label(key)


def _option(value: object) -> tuple[str, str]:
    """A choice: its value as the file writes it, and its name in the page's language."""
    return str(value), i18n.term(str(value))


def form_fields(schema: dict, cases: list[tuple[str, str]], prefix: str = "") -> list[Field]:
    """A field for each property of ``schema`` (an object schema), in its order; ``cases`` are the
    existing cases as (slug, title), for a list of case slugs."""
    required = set(schema.get("required", ()))
    return [_field(key, spec, key in required, cases, prefix) for key, spec in schema.get("properties", {}).items()]


def _field(key: str, spec: dict, required: bool, cases: list[tuple[str, str]], prefix: str) -> Field:
    path = f"{prefix}{key}"
    hint = spec.get("description", "")
    common = {"key": key, "path": path, "label": label_for(key), "hint": _(hint) if hint else "",
              "required": required, "max_length": spec.get("maxLength")}
    kind = spec.get("type")
    items = spec.get("items") if isinstance(spec.get("items"), dict) else {}
    if kind == "array" and items.get("type") == "object":
        return Field(**common, control="group", parts=tuple(form_fields(items, cases, f"{path}[].")),
                     item_words=proposetext.group_words(key))
    if kind == "array" and "enum" in items:
        return Field(**common, control="checkboxes", options=tuple(_option(v) for v in items["enum"]))
    if kind == "array" and items.get("pattern") == SLUG_PATTERN:
        return Field(**common, control="cases", options=tuple(sorted(cases, key=lambda case: case[1].casefold())))
    if kind == "array":
        return Field(**common, control="lines")
    if "enum" in spec:
        return Field(**common, control="select", options=_named_options(key, spec["enum"]))
    if kind in ("integer", "number"):
        return Field(**common, control=kind)
    if kind == "boolean":
        return Field(**common, control="checkbox")
    long_text = (spec.get("maxLength") or 0) >= LONG_TEXT and "pattern" not in spec
    return Field(**common, control="textarea" if long_text else "text")


def _named_options(key: str, values: list) -> tuple[tuple[str, str], ...]:
    """A menu's (value, text): a language by its name in the page's language and its code ("French (fr)"),
    in the order of the names; any other term by its name (:func:`_option`)."""
    if key == "language":
        reader = i18n.current().code
        return tuple(sorted(((code, f"{languages.name(code, reader)} ({code})") for code in values),
                            key=lambda option: option[1].casefold()))
    return tuple(_option(value) for value in values)


@dataclass(frozen=True)
class Section:
    heading: str
    hint: str
    name: str = ""  # the heading in the page's language (the file keeps ``heading``)

    @property
    def id(self) -> str:
        return "f-section-" + slugify(self.heading)


def sections() -> list[Section]:
    """The body's sections, named and explained in the page's language (the Sources hint is the form's
    own: there, the sources have fields of their own)."""
    return [Section(heading, proposetext.section_hint(heading, hint), proposetext.section_name(heading))
            for heading, hint in SECTIONS]


@dataclass(frozen=True)
class Destination:
    """Where a finished file goes: a repository (GitHub's new-file page), else an address to mail it to."""

    repository: str = ""
    contact_email: str = ""
    site_url: str = ""


def propose_page(index: PracticeIndex, schema: dict, destination: Destination) -> GeneratedPage:
    synced = schema_for(schema, index.vocabulary)
    cases = [(practice.slug, practice.title) for practice in index.practices]
    up = i18n.current().up
    html = render("propose.html", title=_(PROPOSE_TITLE), fields=form_fields(synced, cases), sections=sections(),
                  scripts=(DATA_SCRIPT, *(up + script for script in SCRIPTS)), destination=destination)
    toc = (Heading(2, "icp-propose-facts", _("The facts")), Heading(2, "icp-propose-text", _("The text")),
           Heading(2, "icp-propose-preview", _("Preview")), Heading(2, "icp-propose-send", _("Send it")))
    return page(_(PROPOSE_TITLE), html, toc=toc, description=_("Propose a practice for the knowledge base: a form "
                "that writes the case file and checks it as the reviewers will."), **NOT_SEARCHED)


def propose_data(index: PracticeIndex, schema: dict, destination: Destination, last_year: int) -> dict:
    """What the page's scripts need: the schema (with the vocabulary's lists), the keys' order, the
    sections' headings, the existing cases, where to send the file, the validator's words and the last
    year a case may give (the build's)."""
    synced = schema_for(schema, index.vocabulary)
    return {
        "schema": synced,
        "order": list(synced["properties"]),
        "sourceOrder": list(synced["properties"].get("sources", {}).get("items", {}).get("properties", {})),
        "headings": [heading for heading, _ in SECTIONS],
        # The headings the file is written with, by the case's language when not English (scaffold.headings_in).
        "writtenHeadings": {code: headings_in(code) for code in i18n.codes() if code != i18n.DEFAULT},
        "sourcesHeading": SOURCES_HEADING,
        "fileNameField": FILE_NAME_FIELD,  # the field the validator names in a problem of the file's name
        "cases": [[practice.slug, practice.title] for practice in index.practices],
        "repository": destination.repository,
        "contactEmail": destination.contact_email,
        "fold": FOLD,
        "maxSlug": MAX_SLUG,
        "buildYear": last_year,
        "siteUrl": destination.site_url,
        "root": i18n.current().up,
        "words": words(),
        "text": proposetext.script_text(),
    }


def propose_data_script(index: PracticeIndex, schema: dict, destination: Destination, last_year: int) -> str:
    return f"window.{DATA_GLOBAL}={script_json(propose_data(index, schema, destination, last_year))};\n"


def with_form_lead(contributing: str, *, up: str = "") -> str:
    """CONTRIBUTING.md as the Contribute page: the form announced first, after its level-1 heading
    (the file is also read on GitHub, where the site's pages are not)."""
    lead = html_block(render("propose-lead.html", url=up + PROPOSE_URL, title=_(PROPOSE_TITLE)))
    heading, newline, rest = contributing.partition("\n")
    if heading.startswith("# "):
        return f"{heading}{newline}\n{lead}\n{rest}"
    return f"{lead}\n{contributing}"


_HEADING = re.compile(r"^## (.+)\n", re.MULTILINE)


def correction_values(practice: Practice) -> dict:
    """A case as the form is filled with to correct it: its front matter as given, its sections by heading."""
    meta = {key: value for key, value in practice.front_matter().items() if value not in (None, "", [], {})}
    parts = _HEADING.split(practice.body)
    return {"slug": practice.slug, "meta": meta,
            "sections": {heading.strip(): text.strip() for heading, text in zip(parts[1::2], parts[2::2])}}


def correction_scripts(index: PracticeIndex) -> dict[str, str]:
    """``practices/<slug>.propose.js`` for every case: its values for "Suggest a correction"."""
    return {routes.correction_data(practice.slug):
            f"window.{CORRECTION_GLOBAL}={script_json(correction_values(practice))};\n" for practice in index.practices}
