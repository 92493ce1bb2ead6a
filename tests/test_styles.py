"""A page's stylesheets written into it (icp.render.styles): only the rules that can apply to the
page or to what its scripts add, in the stylesheets' order, and nothing linked left to wait for."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

import sitecheck
from conftest import ROOT
from icp.render import csp
from icp.render.styles import Stylesheets, StylesheetError

PAGE = """<!doctype html><html><head><title>t</title>
<link rel="stylesheet" href="../assets/a.css">
<link rel="stylesheet" href="../assets/b.css">
<link rel="stylesheet" href="https://elsewhere.example/c.css">
</head><body class="page"><p class="lead" data-kind="case">x</p><table></table></body></html>"""


def css_of(html: str) -> str:
    start = html.index("<style>") + len("<style>")
    return html[start:html.index("</style>")]


def inlined(sheets: dict[str, str], page: str = PAGE, scripts=(), path: str = "practices/x.html") -> str:
    return Stylesheets(sheets, scripts).inline(page, path)


def test_the_links_become_one_style_where_the_first_was_and_another_hosts_link_stays():
    html = inlined({"assets/a.css": ".lead{color:red}", "assets/b.css": ".page{margin:0}"})
    assert html.count("<style>") == 1 and 'href="../assets/' not in html
    assert html.index("<style>") < html.index("elsewhere.example") < html.index("</head>")
    assert css_of(html) == ".lead{color:red}.page{margin:0}"


def test_a_rule_is_kept_only_when_the_page_or_a_script_holds_what_it_names():
    css = (".lead{a:1}.absent{b:2}.lead .absent{c:3}#nowhere{d:4}p.lead{e:5}ul{f:6}table{g:7}"
           ".lead:not(.absent){h:8}.added-later{i:9}.md-tag--news{j:10}[data-kind=case]{k:11}[data-kind=tool]{l:12}"
           ".absent,.lead>p{m:13}:root{--x:1}")
    html = inlined({"assets/a.css": css}, scripts=['el.classList.add("added-later"); x = `md-tag--${kind}`'])
    assert css_of(html) == (".lead{a:1}p.lead{e:5}table{g:7}.lead:not(.absent){h:8}.added-later{i:9}.md-tag--news{j:10}"
                            "[data-kind=case]{k:11}.lead>p{m:13}:root{--x:1}")


def test_groups_keep_their_kept_rules_and_vanish_when_empty_at_rules_without_rules_stay():
    css = ("@media screen and (min-width: 45em){.lead{a:1}.absent{b:2}}@media print{.absent{c:3}}"
           "@supports (display:grid){@media screen{.page{d:4}}}@keyframes spin{from{e:0}to{e:1}}@charset \"UTF-8\";")
    assert css_of(inlined({"assets/a.css": css})) == (
        "@media screen and (min-width: 45em){.lead{a:1}}@supports (display:grid){@media screen{.page{d:4}}}"
        "@keyframes spin{from{e:0}to{e:1}}")


def test_comments_and_white_space_go_strings_stay_as_written():
    css = '/* a comment with } and { */\n.lead {\n  content: "a  } ; /* b */";\n  margin : 0  auto ;\n}\n'
    assert css_of(inlined({"assets/a.css": css})) == '.lead{content: "a  } ; /* b */";margin : 0 auto}'


def test_the_404_page_links_from_the_servers_root():
    page = PAGE.replace("../assets/", "/kb/assets/")
    html = Stylesheets({"assets/a.css": ".lead{a:1}"}).inline(page, "404.html", "/kb/")
    assert css_of(html) == ".lead{a:1}" and "/kb/assets/a.css" not in html


def test_a_page_without_a_known_stylesheet_is_left_as_it_is():
    assert inlined({"assets/other.css": ".lead{a:1}"}) == PAGE


def test_the_pages_policy_allows_the_style_by_its_hash():
    style_src = csp.policy(inlined({"assets/a.css": ".lead{a:1}"})).split("style-src ")[1].split(";")[0]
    assert style_src.split() == ["'self'", "file:", csp._digest(".lead{a:1}")]


@pytest.mark.parametrize("css, words", [
    (".a{b:1", "never closed"),
    ("/* open", "never closed"),
    ("@import url(x.css);", "@import"),
    (".a{content:'</style>'}", "</style"),
    (".a{b:1} stray", "text after the last rule"),
])
def test_a_stylesheet_the_site_cannot_inline_is_named_with_what_is_wrong(css, words):
    with pytest.raises(StylesheetError, match=words) as error:
        Stylesheets({"assets/a.css": css}).inline(PAGE.replace('class="lead"', 'class="lead a"'), "practices/x.html")
    assert "assets/a.css" in str(error.value)


# What a stylesheet decides of an element, as computed (sizes and places included, so a layout that moves
# shows too), and of its ::before and ::after: one string an element.
PROPERTIES = ["display", "position", "top", "left", "float", "visibility", "opacity", "z-index", "transform", "width",
              "height", "margin-top", "margin-right", "margin-bottom", "margin-left", "padding-top", "padding-right",
              "padding-bottom", "padding-left", "border-top", "border-right", "border-bottom", "border-left",
              "border-radius", "box-shadow", "outline", "color", "background-color", "background-image", "font-family",
              "font-size", "font-weight", "font-style", "line-height", "letter-spacing", "text-align", "text-decoration",
              "text-transform", "white-space", "overflow-x", "overflow-y", "list-style", "cursor", "columns", "gap",
              "grid-template-columns", "flex", "flex-direction", "align-items", "justify-content", "fill", "stroke",
              "mask-image", "content", "clip", "transition", "animation-name", "scroll-margin-top"]
COMPUTED = """(names) => Array.from(document.querySelectorAll('html, body, body *'), (element) =>
  [null, '::before', '::after'].map((pseudo) => {
    const style = getComputedStyle(element, pseudo);
    if (pseudo && style.content === 'none') return 'none';
    return names.map((name) => style.getPropertyValue(name)).join(';');
  }).join('|'))"""


class LinkingHandler(http.server.SimpleHTTPRequestHandler):
    """The built site; a page asked for with ``?linked`` comes with its stylesheets linked again, as
    MkDocs and Material write them, in place of the one ``<style>`` the build wrote."""

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if query != "linked":
            return super().do_GET()
        site = Path(self.directory)
        html = (site / path.lstrip("/")).read_text(encoding="utf-8")
        up = "../" * path.lstrip("/").count("/")
        start, end = html.index("<style>"), html.index("</style>") + len("</style>")
        links = "".join(f'<link rel="stylesheet" href="{up}{sheet}">' for sheet in linked_sheets(site))
        body = (html[:start] + links + html[end:]).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def linked_sheets(site: Path) -> list[str]:
    """The stylesheets a page links as Material writes it: its own two, then mkdocs.yml's extra_css."""
    theme = [next(site.glob(f"assets/stylesheets/{name}.*.min.css")).relative_to(site).as_posix()
             for name in ("main", "palette")]
    extra = re.search(r"^extra_css:\n((?:  - .*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return theme + [line.strip()[2:] for line in extra.group(1).splitlines()]


@pytest.fixture(scope="module")
def linking_server(built_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(LinkingHandler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def styles_after_load_and_scroll(context, address: str) -> list[str]:
    page = context.new_page()
    page.goto(address)
    page.wait_for_load_state("load")
    if "practices/index.html" in address:
        page.wait_for_selector("html[data-icp-finder-ready]")
    page.mouse.wheel(0, 600)
    page.mouse.wheel(0, -200)  # Material shows its back-to-top button while the reader scrolls up
    page.wait_for_timeout(50)
    found = page.evaluate(COMPUTED, PROPERTIES)
    page.close()
    return found


def pages_of_each_kind(site: Path) -> dict[str, str]:
    kinds = sitecheck.page_types(site)
    return {"home": kinds["home"], "finder": kinds["filter"], "case": kinds["case"], "term": kinds["topic"],
            "propose": kinds["propose"], "404": "404.html"}


@pytest.mark.parametrize("kind", ["home", "finder", "case", "term", "propose", "404"])
def test_every_element_looks_as_with_the_stylesheets_linked(browser, built_site, linking_server, kind):
    """The inline rules are the linked stylesheets' that can apply: every element of each kind of page,
    on a phone and on a desktop, after its scripts ran and the reader scrolled, is styled the same by both."""
    path = pages_of_each_kind(built_site)[kind]
    for width, height in ((390, 844), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
        try:
            inline = styles_after_load_and_scroll(context, linking_server + path)
            linked = styles_after_load_and_scroll(context, linking_server + path + "?linked")
        finally:
            context.close()
        assert len(inline) == len(linked), path
        differ = [i for i, (a, b) in enumerate(zip(inline, linked)) if a != b]
        assert differ == [], f"{path} at {width} px: {len(differ)} elements styled otherwise, the first at index {differ[:1]}"
