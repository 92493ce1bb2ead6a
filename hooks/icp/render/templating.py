"""The one Jinja2 environment every generated page, feed and fragment is written with.

Autoescaping is on for every template, so a value from a case file is escaped wherever it lands
unless a template says otherwise with ``|safe`` (kept for HTML the core has already sanitised or
built itself). Undefined names are errors, not empty strings: a misspelt variable fails the build
instead of quietly dropping a field. Jinja2 comes with MkDocs but does not import it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from icp import routes

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
    )
    env.filters["plural"] = plural
    env.globals["routes"] = routes
    return env


def render(name: str, **context: object) -> str:
    """The template ``name`` (a file in ``templates/``) filled with ``context``."""
    return environment().get_template(name).render(**context)


def plural(count: int, word: str = "practice") -> str:
    """'1 practice', '2,000 practices', '3 cities', '2 countries'."""
    if count == 1:
        return f"1 {word}"
    plural_word = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"
    return f"{count:,} {plural_word}"
