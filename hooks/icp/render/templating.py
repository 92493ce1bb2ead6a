"""The one Jinja2 environment every generated page, feed and fragment is written with.

Autoescaping is on for every template, so a value from a case file is escaped wherever it lands
unless a template says otherwise with ``|safe`` (kept for HTML the core has already sanitised or
built itself). Undefined names are errors, not empty strings: a misspelt variable fails the build
instead of quietly dropping a field. Jinja2 comes with MkDocs but does not import it.

Jinja2's i18n extension is on, with the new-style gettext (``{{ _("Search") }}``, ``{% trans %}``):
the words come from the catalogue of the language :func:`icp.i18n.use` has set (:mod:`icp.i18n`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from icp import i18n, routes

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
    env.filters["plural"] = plural
    env.globals["routes"] = routes
    env.filters["number"] = i18n.number
    env.filters["term"] = i18n.term
    # From a page's language folder to the site's root, where what is published once lives (the open data).
    env.globals["english_root"] = lambda: i18n.current().up
    return env


def render(name: str, **context: object) -> str:
    """The template ``name`` (a file in ``templates/``) filled with ``context``."""
    return environment().get_template(name).render(**context)


def plural(count: int, word: str = "practice") -> str:
    """'1 practice', '2,000 practices', '3 cities', '2 countries', in the language being rendered."""
    forms = {
        "practice": lambda: i18n.ngettext("%(num)s practice", "%(num)s practices", count),
        "city": lambda: i18n.ngettext("%(num)s city", "%(num)s cities", count),
        "country": lambda: i18n.ngettext("%(num)s country", "%(num)s countries", count),
        "problem": lambda: i18n.ngettext("%(num)s problem", "%(num)s problems", count),
        "file": lambda: i18n.ngettext("%(num)s file", "%(num)s files", count),
    }
    return forms[word]() % {"num": i18n.number(count)}
