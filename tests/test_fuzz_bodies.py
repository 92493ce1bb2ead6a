"""Thousands of generated hostile bodies thrown at ``render_body``: it never raises, finishes fast,
its HTML holds nothing that runs, styles, embeds or loads, and a body it passes is shown as written.

The bodies come from a grammar of Markdown and HTML fragments: tags (allowed, dangerous, unknown,
in any letter case), attributes (events, styles, addresses, sizes), address schemes written with
entities, tabs and newlines, quotes of every kind, comments and declarations. Control characters
are the reader's business, so the text is printable plus newlines and tabs.

"Shown as written" is checked twice: against the view the validator walked (the sanitiser's own
parser, html5ever) for every body, and against Chromium's parser for a sample of them.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

import cmarkgfm
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icp.body import allowlist
from icp.body import convert as body
from icp.body.convert import _EXTENSIONS, _OPTIONS, render_body

from conftest import ROOT, examples

EXAMPLES = examples(1000, thorough=3000)
# A body of a few hundred characters renders in a millisecond; this only tells a hang from slowness.
HANG_GUARD_SECONDS = 2.0
FORBIDDEN_TAGS = frozenset({"script", "iframe", "object", "embed", "svg", "math", "form", "base", "meta", "link",
                            "style", "input", "button", "textarea", "select", "video", "audio", "source", "frame",
                            "frameset", "dialog", "template", "noscript", "image", "use", "portal", "applet"})
ADDRESS_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "data", "ping", "poster",
                                "background", "cite", "xlink:href", "lowsrc", "dynsrc"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_tag_names = st.sampled_from(sorted(allowlist.TAGS) + sorted(FORBIDDEN_TAGS) + [
    "x-widget", "blink", "marquee", "font", "center", "area", "map", "track", "picture", "body", "html", "head",
    "title", "xmp", "plaintext", "noembed", "noframes", "isindex", "keygen", "foreignobject", "a:b"])
_attribute_names = st.sampled_from(sorted(ADDRESS_ATTRIBUTES) + [
    "onerror", "onload", "onclick", "onmouseover", "onfocus", "ontoggle", "onanimationstart", "style", "class",
    "id", "name", "title", "alt", "width", "height", "start", "colspan", "rowspan", "align", "popover", "open",
    "autofocus", "tabindex", "target", "rel", "type", "http-equiv", "content", "srcdoc", "data-sourcepos",
    "xmlns", "is", "slot", "hidden", "contenteditable", "draggable", "form", "accesskey"])
_schemes = st.sampled_from(["javascript:", "JaVaScRiPt:", "java\tscript:", "java\nscript:", " javascript:",
                            "&#106;avascript:", "&#x6A;avascript:", "javascript&colon;", "javascript&#58;",
                            "java&#9;script:", "jav&NewLine;ascript:", "vbscript:", "data:", "data:text/html,",
                            "data:image/png;base64,", "blob:", "file://", "ftp://", "http://", "https://",
                            "HTTPS://", "mailto:", "//", "\\\\", "/\\", "", "./", "../", "#", "?", "images/"])
_url_tails = st.sampled_from(["alert(1)", "example.com/a.png", "evil.example/x", "x.md", "x.md#a", "a.png",
                              "a b", "[::1", "999999999999/", "%0a", "&amp;x", "window.__pwned=1", "", "x:y",
                              "images/a.png", "oslo-oxlo-declaration.md"])
_words = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7e), max_size=12)
_unicode_words = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"), max_codepoint=0x2fff), max_size=6)


@st.composite
def _urls(draw) -> str:
    return draw(_schemes) + draw(_url_tails)


@st.composite
def _attribute(draw) -> str:
    name = draw(_attribute_names)
    name = draw(st.sampled_from([name, name.upper(), name.capitalize()]))
    value = draw(st.one_of(_urls(), _words, st.sampled_from(["9999", "1", "x", "position:fixed;inset:0",
                                                              "background:url(//example.com/a.png)", ">", "\"",
                                                              "'", "<h2>x</h2>", "<!-- /icp:html -->"])))
    quote = draw(st.sampled_from(['"', "'", ""]))
    if not quote:
        value = re.sub(r"[\s\"'=<>`]", "", value) or "x"
    elif quote in value:
        value = value.replace(quote, "")
    separator = draw(st.sampled_from([" ", "\n", "\t", "/", "  "]))
    return f"{separator}{name}" + draw(st.sampled_from([f"={quote}{value}{quote}", "", "=", f" = {quote}{value}{quote}"]))


@st.composite
def _tag(draw) -> str:
    name = draw(_tag_names)
    name = draw(st.sampled_from([name, name.upper(), name[:1].upper() + name[1:]]))
    attributes = "".join(draw(st.lists(_attribute(), max_size=3)))
    closing = draw(st.sampled_from([">", "/>", " >", "", "\n>"]))
    inner = draw(st.sampled_from(["", "x", "Session expired", "<b>y</b>"]))
    end = draw(st.sampled_from([f"</{name}>", "", f"</{name.upper()}>"]))
    return f"<{name}{attributes}{closing}{inner}{end}"


_markdown = st.one_of(
    st.builds(lambda text, url: f"[{text}]({url})", _words, _urls()),
    st.builds(lambda text, url: f"![{text}]({url})", _words, _urls()),
    st.builds(lambda url: f"<{url}>", _urls()),
    st.builds(lambda url: f"[ref]: {url}\n\n[x][ref]", _urls()),
    st.builds(lambda text, attribute: f"[{text}](#){{{attribute}}}", _words, _attribute()),
    st.builds(lambda text: f"## {text}", _words),
    st.builds(lambda text: f"# {text}", _words),
    st.builds(lambda text: f"\\`{text}\\`", _words),
    st.builds(lambda text: f"`{text}`", _words),
    st.builds(lambda text: f"```\n{text}\n```", _words),
    st.builds(lambda text: f"> {text}", _words),
    st.builds(lambda text: f"- {text}", _words),
    st.builds(lambda text: f"| a | {text} |\n| - | - |\n| {text} | b |", _words),
    st.builds(lambda text: f"**{text}** _{text}_ ~~{text}~~", _words),
    st.sampled_from(["<!--", "-->", "<!-->", "<!--->", "--!>", "<![CDATA[", "]]>", "<?", "?>", "<!x>", "&lt;",
                     "&amp;", "&", "&#0;", "&#x110000;", "&NewLine;", "<", ">", "\"", "'", "`", "\\", "{", "}",
                     "--8<-- \".git/config\"", "www.example.com", "a@example.com", "=HYPERLINK(\"x\")", "\n", "\t"]),
    _words,
    _unicode_words,
)
_fragment = st.one_of(_tag(), _markdown, _urls())
_bodies = st.lists(st.tuples(_fragment, st.sampled_from(["", " ", "\n", "\n\n"])), max_size=12).map(
    lambda parts: "".join(text + separator for text, separator in parts))


class _Tree(HTMLParser):
    """Tags, attributes and text of parser-written HTML, comments left out, text runs joined."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.items.append(("start", tag, tuple(sorted((name, value or "") for name, value in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.items.append(("end", tag))

    def handle_data(self, data):
        if self.items and self.items[-1][0] == "text":
            self.items[-1] = ("text", self.items[-1][1] + data)
        else:
            self.items.append(("text", data))


def tree(html: str) -> list[tuple]:
    """Read with Python's parser, which is safe on HTML an HTML5 parser wrote, comments aside."""
    parser = _Tree()
    parser.feed(re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL))
    parser.close()
    return parser.items


def as_published(items: list[tuple]) -> list[tuple]:
    """The view's tree as the page must show it: cmark's line attributes gone, ``.md`` links as pages."""
    published = []
    for item in items:
        if item[0] == "start":
            attributes = tuple(sorted((name, allowlist.attribute_value(item[1], name, value) or value)
                                      for name, value in item[2] if name not in allowlist.CMARK_ONLY))
            item = ("start", item[1], attributes)
        published.append(item)
    return published


def without_rel(items: list[tuple]) -> list[tuple]:
    return [("start", item[1], tuple(attribute for attribute in item[2] if attribute[0] != "rel"))
            if item[0] == "start" else item for item in items]


_RAW_TAG = re.compile(r'<[A-Za-z][^\s/>]*(?:\s+[^\s/>=]+(?:="[^"]*")?)*\s*/?>')


def assert_nothing_active(html: str) -> None:
    """No element, attribute or address in published HTML that could run, style, embed, load or cover."""
    for item in tree(html):
        if item[0] != "start":
            continue
        tag, attributes = item[1], item[2]
        assert tag in allowlist.TAGS and tag not in FORBIDDEN_TAGS, (tag, html)
        for name, value in attributes:
            assert not name.startswith("on") and name != "style", (name, html)
            assert name in allowlist.ATTRIBUTES.get(tag, ()) or (name == "id" and re.fullmatch(r"h[1-6]", tag)) \
                or (name == "rel" and tag == "a"), (tag, name, html)
            if name in ADDRESS_ATTRIBUTES:
                scheme = allowlist.url_scheme(value)
                assert scheme is None or scheme in SAFE_SCHEMES, (value, html)
                assert not re.match(r"\s*[/\\]{2}", value), (value, html)
            if name == "src":
                assert allowlist.IMAGE_PATH.fullmatch(value), (value, html)
    # Every "<" of the text is escaped and no attribute value holds a raw "<" or ">": the page's
    # heading ids and its lifting past Python-Markdown read this HTML with regular expressions.
    for tag in _RAW_TAG.finditer(html):
        for value in re.findall(r'="([^"]*)"', tag.group()):
            assert "<" not in value and ">" not in value, (value, html)


def sanitised_is_the_view(markdown: str, result) -> None:
    rendered = cmarkgfm.markdown_to_html_with_extensions(markdown, options=_OPTIONS, extensions=list(_EXTENSIONS))
    view = as_published([item for item in tree(allowlist.parsed_view(rendered))])
    clean = without_rel(tree(allowlist.sanitise(rendered)))
    assert clean == view, (markdown, allowlist.parsed_view(rendered), allowlist.sanitise(rendered))


def check_one_body(markdown: str) -> None:
    started = time.perf_counter()
    result = render_body(markdown)
    assert time.perf_counter() - started < HANG_GUARD_SECONDS, markdown
    assert_nothing_active(str(result.html))
    if not result.issues:
        sanitised_is_the_view(markdown, result)
        assert allowlist.sanitise(str(result.html)) == re.sub(r'<h([1-6]) id="[^"]*">', r"<h\1>", str(result.html)), \
            "sanitising a passed body's HTML again changes it"


@settings(max_examples=EXAMPLES)
@given(_bodies)
def test_any_body_renders_to_inert_html_and_a_passed_body_is_shown_as_written(markdown):
    check_one_body(markdown)


# Bodies that once slipped through, or that the grammar reaches rarely: always checked.
@pytest.mark.parametrize("markdown", [
    '<a href="https://a b/">x</a>',
    '<a href="x.md" title="<h2><img src=x onerror=alert(1)></h2>">x</a>\n\n## Heading',
    '<abbr title="a\n<!-- /icp:html -->\n<script>alert(1)</script>">x</abbr>',
    "<a\nhref=javascript:alert(1)>x</a>",
    "<a href=x.md\x20src=//example.com/a.png>x</a>",
    "<img src=images/a.png srcset=//example.com/a.png>",
    "[x](#){ onclick=\"alert(1)\" }",
    "\\`<img src=x onerror=alert(1)>\\`",
])
def test_known_tricks(markdown):
    check_one_body(markdown)


CHROMIUM_TREE = """(pairs) => {
  const inert = document.implementation.createHTMLDocument("");
  const asPage = (value) => {  // icp.body.allowlist.local_markdown_link, for a relative address
    const bare = value.replace(/[\\t\\n\\r]/g, "").replace(/^[\\x00-\\x20]+|[\\x00-\\x20]+$/g, "");
    if (/^[A-Za-z][A-Za-z0-9+.\\-]*:/.test(bare)) return value;
    const [path, ...fragment] = value.split("#");
    return (path.endsWith(".md") ? path.slice(0, -3) + ".html" : path) + (fragment.length ? "#" + fragment.join("#") : "");
  };
  const read = (html) => {
    const holder = inert.createElement("div");
    holder.innerHTML = html;
    const out = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          if (out.length && out[out.length - 1][0] === "text") out[out.length - 1][1] += child.data;
          else out.push(["text", child.data]);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const names = [...child.attributes]
            .filter((a) => !["data-sourcepos", "rel", "id"].includes(a.name))
            .map((a) => [a.name, a.name === "href" ? asPage(a.value) : a.value])
            .sort();
          out.push(["start", child.localName, JSON.stringify(names)]);
          walk(child);
          out.push(["end", child.localName]);
        }
      }
    };
    walk(holder);
    return JSON.stringify(out);
  };
  return pairs.map(([raw, clean]) => read(raw) === read(clean) ? null : [raw, clean, read(raw), read(clean)]);
}"""


def test_chromium_reads_a_passed_body_as_the_page_shows_it(page):
    """Blink, not html5ever: the HTML cmark wrote (what the editor meant) and the sanitised HTML the
    page gets make the same tree, for every generated body the validator passed."""
    passed: list[tuple[str, str]] = []

    @settings(max_examples=examples(300, thorough=600))
    @given(_bodies)
    def collect(markdown):
        result = render_body(markdown)
        if not result.issues:
            rendered = cmarkgfm.markdown_to_html_with_extensions(markdown, options=_OPTIONS,
                                                                 extensions=list(_EXTENSIONS))
            passed.append((rendered, str(result.html)))

    collect()
    assert len(passed) >= 50, "the grammar should make some harmless bodies too"
    page.set_content("<!doctype html><title>t</title>")
    differences = [difference for difference in page.evaluate(CHROMIUM_TREE, passed) if difference]
    assert not differences, [difference[:2] for difference in differences[:3]]


CMARK_ONLY_BODIES = [
    "## Summary\n\nText with a [link](https://example.org) and [a case](other.md#results).\n",
    "# A heading that is not the title\n\ntext\n",
    "[x](javascript:alert(1)) [y](&#106;avascript:1) [z](java%0Ascript:1) ![i](https://example.com/a.png)\n",
    "![local](images/map-1.png) ![outside](../../x.png) [ref][r] www.example.org\n\n[r]: data:text/html,x\n",
    "> " * 150 + "deep\n",
    "- a\n  - b\n    - c\n\n| a | b |\n|:-|-:|\n| [c](#c) | ![d](images/d.png \"t\") |\n",
    "```sh\necho '[x](javascript:1)'\n```\n\n`[y](javascript:2)`\n",
    "[a b](https://a b/) [port](http://x:99999/) [v6](http://[::1)\n",
    "Title\n=====\n\nSetext [l](mailto:a@b.org) [t](tel:123)\n",
]


@pytest.mark.parametrize("markdown", CMARK_ONLY_BODIES + [path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
                                                         for path in sorted((ROOT / "practices").glob("*.md"))])
def test_reading_cmarks_own_html_finds_what_the_full_reading_finds(markdown):
    """Bodies without raw HTML skip the browser-side parse; they must get the very same verdict."""
    assert "<" not in markdown
    fast = body._render(markdown, "Title", 5, trust_cmark=True)
    full = body._render(markdown, "Title", 5, trust_cmark=False)
    assert (fast.html, fast.issues, fast.addresses, fast.headings) == (full.html, full.issues, full.addresses,
                                                                      full.headings)


@pytest.mark.parametrize("markdown", [
    "```[](javascript:alert(1))\ncode\n```\n",   # the info string becomes the code's class
    "12345. a list that starts past 9999\n",
    "```sh\necho ok\n```\n",
])
def test_cmarks_own_attributes_are_read_too(markdown):
    fast = body._render(markdown, "Title", 5, trust_cmark=True)
    full = body._render(markdown, "Title", 5, trust_cmark=False)
    assert (fast.issues, fast.html) == (full.issues, full.html)
