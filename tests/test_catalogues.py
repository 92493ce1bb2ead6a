"""The interface's words and the gettext catalogues (icp.i18n, babel.cfg, locale/): every word a
template or script shows is a message of the catalogue, and every catalogue translates every message.

Unit tests: Babel extracts the messages as `pybabel extract -F babel.cfg -k N_` does; the templates'
text outside messages is read with Jinja2's own lexer; the scripts' string literals with a small
tokenizer of JavaScript strings (comments skipped).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from icp import i18n

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = [code for code in i18n.codes(ROOT) if code != i18n.DEFAULT]
# Templates whose text is not the interface: an SVG drawing, an XML feed (its titles come from Python),
# a <meta> tag.
NOT_INTERFACE = {"worldmap.svg", "atom.xml", "csp_meta.html"}
# Words that are the same in every language: formats, names, code.
SAME_IN_EVERY_LANGUAGE = {"CSV", "JSON", "BibTeX", "Atom", "Material", "MkDocs", "for"}
# Overrides of Material's templates that this site writes text into.
OVERRIDES = ("partials/header.html", "partials/copyright.html")
SCRIPTS = sorted((ROOT / "docs/assets/javascripts").rglob("*.js"))
_TAG = re.compile(r"<[^>]*>")
_SHOWN_ATTRIBUTE = re.compile(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"')
_WORD = re.compile(r"[A-Za-z]{2,}")
_FILE_NAME = re.compile(r"[\w-]+\.(?:csv|json|xml)\b")  # a link to a file, named as the file is


def extracted() -> dict:
    """Message id -> where it is used, as `pybabel extract` finds them."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    found = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords=keywords):
        found.setdefault(message, []).append(filename)
    return found


def catalogue(code: str):
    with (ROOT / i18n.LOCALE_DIR / code / i18n.CATALOGUE).open("rb") as file:
        return read_po(file, locale=code)


def translated(message) -> bool:
    return all(message.string) if isinstance(message.string, (tuple, list)) else bool(message.string)


def test_the_site_has_french_and_danish_from_their_catalogues_alone():
    assert i18n.codes(ROOT) == ("en", "da", "fr")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_message_is_in_the_catalogue_and_translated(code):
    messages = catalogue(code)
    missing = [key for key in extracted() if key not in messages]
    untranslated = [message.id for message in messages if message.id and not translated(message)]
    assert not missing, f"locale/{code}: not in the catalogue (run pybabel extract and update): {missing}"
    assert not untranslated, f"locale/{code}: not translated: {untranslated}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_catalogue_holds_no_message_the_interface_no_longer_has(code):
    used = extracted()
    stale = [message.id for message in catalogue(code) if message.id and message.id not in used]
    assert not stale, f"locale/{code}: messages nothing uses (run pybabel update): {stale}"


def test_the_template_of_the_catalogues_is_up_to_date():
    with (ROOT / i18n.LOCALE_DIR / "messages.pot").open("rb") as file:
        template = {message.id for message in read_po(file) if message.id}
    assert template == set(extracted()), "run pybabel extract (README: Adding a language)"


def interface_text(source: str) -> list[str]:
    """The words a template shows outside gettext: its text between tags and its shown attributes
    (title, aria-label, placeholder, alt), with every message (``{% trans %}``, ``_()``) and every
    other Jinja2 expression taken out first."""
    source = re.sub(r"\{#.*?#\}|\{%-?\s*trans\b.*?endtrans\s*-?%\}", "", source, flags=re.S)
    source = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "\x00", source, flags=re.S)
    source = re.sub(r"<(style|script)\b.*?</\1>", "", source, flags=re.S)
    # An attribute a macro writes outside a tag (aria-describedby="...") is not shown either.
    text = re.sub(r'\b[\w-]+="[^"]*"', " ", _TAG.sub(" ", source))
    shown = _SHOWN_ATTRIBUTE.findall(source) + [_FILE_NAME.sub(" ", text)]
    words = [word for text in shown for word in _WORD.findall(text)]
    return [word for word in words if word not in SAME_IN_EVERY_LANGUAGE]


def test_the_check_of_templates_sees_a_word_written_into_one():
    assert interface_text('<p title="Print it">{{ _("Print") }} <b>Now</b></p>') == ["Print", "it", "Now"]
    assert interface_text('{% trans %}Or <a href="x">this</a>{% endtrans %}<span>{{ n }}</span>') == []


TEMPLATES = sorted(path for path in (ROOT / "hooks/icp/templates").iterdir() if path.name not in NOT_INTERFACE)


@pytest.mark.parametrize("path", TEMPLATES + [ROOT / "hooks/overrides" / name for name in OVERRIDES],
                         ids=lambda path: path.name)
def test_no_template_shows_a_word_outside_the_catalogue(path):
    assert interface_text(path.read_text(encoding="utf-8")) == [], f"{path.name}: write these words as messages ({{{{ _('...') }}}})"


def script_strings(source: str) -> list[str]:
    """The string literals of a script, its comments and regular expressions aside."""
    strings, at = [], 0
    literal = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', re.S)
    for match in literal.finditer(source, at):
        text = match.group()
        if text[0] in "\"'":
            strings.append(text[1:-1])
    return strings


def shows_words(text: str) -> bool:
    """A literal that reads as interface text: two words with a space between, or a capitalised word."""
    return bool(re.search(r"[A-Za-z]{2,}[ ,:;.…]+[A-Za-z]{2,}|^[A-Z][a-z]{2,}", text)) and not re.search(
        r"^use strict$|(?:^|\s)\.[a-z]|^[a-z-]+:|[#\[\]=(){}]|^icp-|^md-|^data-|\.js$|^[a-z]+(?:, [a-z]+)+$", text)


def test_the_check_of_scripts_sees_a_sentence_written_into_one():
    source = 'var a = "Show more"; /* "Not this" */ el.setAttribute("aria-label", "Remove " + x);'
    assert [text for text in script_strings(source) if shows_words(text)] == ["Show more", "Remove "]


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_no_script_holds_interface_text(path):
    words = [text for text in script_strings(path.read_text(encoding="utf-8")) if shows_words(text)]
    assert words == [], f"{path.relative_to(ROOT)}: send these words from the page (hooks/icp/render/finder_text.py)"
