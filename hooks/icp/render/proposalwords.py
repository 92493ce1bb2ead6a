"""The validator's words for "Propose a practice", taken from where the validator takes them: the
schema errors' templates and hints (:mod:`icp.check.messages`), its other rules' templates
(:mod:`icp.check.wording`), and the body's messages made by :mod:`icp.body.convert`'s own functions
with blanks for what varies, so the browser says exactly what ``scripts/validate.py`` says."""

from __future__ import annotations

from icp.body import allowlist, convert
from icp.check import messages, validate, wording


def _blanked(message: str, **samples: str) -> str:
    """A message made from sample values, each sample put back as its blank (``{value}``)."""
    for blank, sample in samples.items():
        message = message.replace(sample, "{" + blank + "}")
    return message


def body_words() -> dict[str, str]:
    problem = convert._attribute_problem  # noqa: SLF001 - the body's one wording, used as it is
    return {
        "tag": convert._tag_problem("{tag}"),  # noqa: SLF001
        "event": problem("{tag}", "on{rest}", "x"),
        "style": problem("{tag}", "style", "x"),
        "imageRelative": problem("img", "src", "{value}"),
        "imageScheme": _blanked(problem("img", "src", "data:SAMPLE"), value="data:SAMPLE", scheme="data"),
        "imageOtherHost": _blanked(problem("img", "src", "https://example.org/SAMPLE.png"),
                                   value="https://example.org/SAMPLE.png"),
        "linkScheme": _blanked(problem("a", "href", "javascript:SAMPLE"), value="javascript:SAMPLE", scheme="javascript"),
        "linkNoScheme": _blanked(problem("a", "href", "//SAMPLE"), value="//SAMPLE"),
        "loads": problem("{tag}", "srcset", "{value}").replace("srcset", "{name}"),
        "identity": problem("{tag}", "id", "x").replace(" id=", " {name}="),
        "attribute": problem("{tag}", "{name}", "{value}").replace(": none)", ": {allowed})"),
        "empty": convert.render_body("", title="", first_line=1).issues[0].message,
    }


def words(*, first_year: int = messages.FIRST_YEAR) -> dict:
    return {
        "wording": messages.WORDING,
        "examples": messages.EXAMPLES,
        "requiredHints": messages._REQUIRED_HINTS,  # noqa: SLF001 - the tables the messages are made of
        "enumHints": messages._ENUM_HINTS,  # noqa: SLF001
        "typeHints": [template for _, template in messages.TYPE_HINTS],
        "rules": wording.templates(),
        "webAddress": messages.web_address_problem("{value}"),
        "yearRange": messages.year_range(9999).replace(str(first_year), "{first}").replace("9999", "{last}"),
        "firstYear": first_year,
        "htmlTag": validate._HTML_TAG.pattern,  # noqa: SLF001
        "markdown": validate._MARKDOWN.pattern,  # noqa: SLF001
        "body": body_words(),
        "allowlist": {"tags": sorted(allowlist.TAGS), "schemes": sorted(allowlist.URL_SCHEMES),
                      "attributes": {tag: sorted(names) for tag, names in allowlist.ATTRIBUTES.items()},
                      "imagePath": allowlist.IMAGE_PATH.pattern},
    }
