"""Front matter of every YAML type in every field, as an editor's slip or a stranger might write it.

A valid case's front matter has one to three of its fields changed (top-level keys, keys of a
``sources`` item, an unknown key, or a key removed) to a value of any YAML type: nothing, true/false,
whole and decimal numbers (huge ones, not finite ones), text (empty, blank, long, with any
character), dates and times, lists and mappings (empty, nested, long). It is written as YAML by
PyYAML in block or flow style, or, for the forms PyYAML never writes (``country:`` with nothing after
it, an empty list item), as the line an editor types. Shared by the validator's and the preview's
fuzz tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from hypothesis import strategies as st

FIELDS = ("title", "subtitle", "city", "country", "year", "topics", "summary", "organisation", "period", "status",
          "status_date", "partners", "target_groups", "evidence", "budget", "contact", "sources", "related", "lat", "lon")
SOURCE_FIELDS = ("title", "publisher", "date", "url", "reference", "evaluation")
VALID = {
    "title": "Welcome desk for new residents",
    "city": "Oslo",
    "country": "Norway",
    "year": 2010,
    "topics": ["Education", "Refugees"],
    "summary": "A short plain summary.",
    "evidence": "none given",
    "sources": [{"title": "Annual report", "url": "https://www.oslo.kommune.no/report"}],
}
BODY = "\n## Summary\n\nA short plain summary.\n"
# Plain forms an editor types that PyYAML's writer never produces.
TYPED = ("", " ", "[Denmark]", "[Education, 2010]", "[Education, ]", "[Education, '']", "[ ]", "{ }", "~", "null",
         "yes", "No", "0x7DA", "0o17", "1_000", "33:30", "2010-2014", "2016-05-01", "2016-05-01 10:00:00", ".nan",
         "-.inf", "1e999", "+12", "007", "'2010'", '"Oslo"', "Oslo # a comment", "- Education\n  -\n  - Refugees",
         "\n  - Education\n  -", "\n  name: Oslo", "|\n  a block\n  of text", ">-\n  folded\n  text")

_text = st.text(max_size=60)
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10 ** 15, max_value=10 ** 40),
    st.floats(), _text, st.text(min_size=250, max_size=400), st.just("x" * 2_500), st.dates(), st.datetimes(),
    st.sampled_from(["", " ", "\u200b", "Norway", "Education", "2010", "https://example.org", "javascript:alert(1)",
                     "oslo-oxlo-declaration", "Denmark", "59.91", "evaluated", "ended", "results reported"]),
)
_values = st.one_of(
    st.recursive(_scalars, lambda children: st.lists(children, max_size=5)
                 | st.dictionaries(st.text(max_size=12), children, max_size=4), max_leaves=12),
    st.just([]), st.just({}), st.just([[[[["deep"]]]]]),
    st.lists(st.integers(), min_size=100, max_size=120), st.lists(st.sampled_from(["Education", None]), max_size=30),
)
_unknown_keys = st.one_of(st.sampled_from(["organization", "Title", "tags", "x", "country ", "Sources"]),
                          st.text(min_size=1, max_size=20))


@dataclass(frozen=True)
class Edit:
    """One change to a valid front matter: ``place`` ("country", "sources[0].url", "+x" adds a key,
    "-year" removes one), and the value, or the line as typed (``typed``)."""

    place: str
    value: object = None
    typed: str | None = None


_places = st.one_of(
    st.sampled_from(FIELDS),
    st.sampled_from([f"sources[0].{key}" for key in (*SOURCE_FIELDS, "pages")]),
    _unknown_keys.map(lambda key: f"+{key}"),
    st.sampled_from([f"-{key}" for key in ("title", "country", "year", "topics", "evidence", "sources[0].title")]),
)
edits = st.one_of(
    st.builds(Edit, _places, _values),
    st.builds(lambda place, typed: Edit(place, typed=typed), st.sampled_from(FIELDS), st.sampled_from(TYPED)),
)


@dataclass(frozen=True)
class FrontMatter:
    edits: tuple[Edit, ...]
    flow: bool | None
    unicode: bool

    def text(self) -> str:
        """The front matter's YAML (without the '---' lines)."""
        data = {key: (value if not isinstance(value, list) else [dict(item) if isinstance(item, dict) else item
                                                                  for item in value]) for key, value in VALID.items()}
        typed = {}
        for edit in self.edits:
            if edit.place.startswith("-"):
                _remove(data, edit.place[1:])
            elif edit.place.startswith("+"):
                data[edit.place[1:]] = edit.value
            elif edit.place.startswith("sources[0]."):
                if not (isinstance(data.get("sources"), list) and data["sources"]
                        and isinstance(data["sources"][0], dict)):
                    data["sources"] = [{"title": "Annual report"}]
                data["sources"][0][edit.place.split(".", 1)[1]] = edit.value
            elif edit.typed is not None:
                data[edit.place] = f"TYPED-{edit.place}"
                typed[edit.place] = edit.typed
            else:
                data[edit.place] = edit.value
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=self.unicode, default_flow_style=self.flow,
                              width=100)
        for place, written in typed.items():
            text = text.replace(f"TYPED-{place}", written, 1)
        return text

    def case(self) -> str:
        return f"---\n{self.text()}---\n{BODY}"


def _remove(data: dict, place: str) -> None:
    if place.startswith("sources[0]."):
        sources = data.get("sources")
        if isinstance(sources, list) and sources and isinstance(sources[0], dict):
            sources[0].pop(place.split(".", 1)[1], None)
    else:
        data.pop(place, None)


front_matters = st.builds(FrontMatter, st.lists(edits, min_size=1, max_size=3).map(tuple),
                          st.sampled_from([False, None, True]), st.booleans())

# The words a message's fix starts with: every problem must name one.
FIX = re.compile(r"\b(write|remove|add|give|keep|fill|shorten|put|rename|move|save|check|choose|use|delete|"
                 r"replace|join|close|name|look|copy|did you mean|must be between|the topics are listed|add a new country)\b")
