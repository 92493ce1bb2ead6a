"""The validator's words for "Propose a practice", in the page's language, taken from where the
validator takes them: the schema errors' templates and hints (:mod:`icp.check.messages`, with how a
value is named: :mod:`icp.check.values`), its other rules' templates (:mod:`icp.check.wording`), and
the body's (:mod:`icp.body.wording`), each translated by the language's catalogue, so the browser
says exactly what the validator says, told in the reader's language (:func:`icp.check.said.told`).
The fixes' examples (``language: fr``) are the file's own words and stay as they are."""

from __future__ import annotations

from icp.body import allowlist
from icp.body import wording as body_wording
from icp.body.convert import render_body
from icp.check import messages, validate, values, wording
from icp.check.said import retold, told
from icp.i18n import gettext as _
from icp.read import characters


def body_words() -> dict[str, str]:
    problem = body_wording.attribute_problem
    return {
        "tag": retold(body_wording.tag_problem("x"), "tag"),
        "event": retold(problem("x", "onx", "x"), "tag", name="on{rest}"),
        "style": retold(problem("x", "style", "x"), "tag"),
        "imageRelative": retold(problem("img", "src", "x"), "value"),
        "imageScheme": retold(problem("img", "src", "data:x"), "value", "scheme"),
        "imageOtherHost": retold(problem("img", "src", "https://example.org/x.png"), "value"),
        "linkScheme": retold(problem("a", "href", "javascript:x"), "value", "scheme"),
        "linkNoScheme": retold(problem("a", "href", "//x"), "value"),
        "loads": retold(problem("x", "srcset", "x"), "tag", "name", "value"),
        "identity": retold(problem("x", "id", "x"), "tag", "name"),
        "attribute": retold(problem("x", "x", "x"), "tag", "name", "value", "allowed"),
        "empty": told(render_body("", title="", first_line=1).issues[0].message),
    }


def _escaped(pattern: str) -> str:
    """A character class for a JavaScript regular expression (flag u) with every character beyond ASCII, or
    below its space, as an escape (the class holds lone surrogates, which no UTF-8 file can carry)."""
    return "".join(character if " " <= character <= "~" else f"\\u{{{ord(character):x}}}" for character in pattern)


def _each(table: dict) -> dict:
    return {key: _(template) for key, template in table.items()}


def words(*, first_year: int = messages.FIRST_YEAR) -> dict:
    return {
        "wording": _each(messages.WORDING),
        "examples": messages.EXAMPLES,
        "requiredHints": _each(messages._REQUIRED_HINTS),  # noqa: SLF001 - the tables the messages are made of
        "enumHints": _each(messages._ENUM_HINTS),  # noqa: SLF001
        "typeHints": [_(template) for _test, template in messages.TYPE_HINTS],
        "kinds": _each(values.KIND),
        "found": _each(values.FOUND),
        "didYouMean": _(values.DID_YOU_MEAN),
        "bounds": _each(values.BOUNDS),
        "orRemove": _each(messages.OR_REMOVE),
        "isEmpty": _(messages._IS_EMPTY),  # noqa: SLF001
        "notAllowed": _(messages._NOT_ALLOWED),  # noqa: SLF001
        "rules": _each(wording.templates()),
        "webAddress": _(values.WEB_ADDRESS),
        "yearRange": _(values.YEAR_RANGE),
        "firstYear": first_year,
        "shownEscaped": _escaped(characters.SHOWN_ESCAPED.pattern),
        "htmlTag": validate._HTML_TAG.pattern,  # noqa: SLF001
        "markdown": validate._MARKDOWN.pattern,  # noqa: SLF001
        "body": body_words(),
        "allowlist": {"tags": sorted(allowlist.TAGS), "schemes": sorted(allowlist.URL_SCHEMES),
                      "attributes": {tag: sorted(names) for tag, names in allowlist.ATTRIBUTES.items()},
                      "imagePath": allowlist.IMAGE_PATH.pattern},
    }
