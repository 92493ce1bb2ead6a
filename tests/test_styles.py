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
from icp.render import critical, csp
from icp.render.styles import Stylesheets, StylesheetError

PAGE = """<!doctype html><html><head><title>t</title>
<link rel="stylesheet" href="../assets/a.css">
<link rel="stylesheet" href="../assets/b.css">
<link rel="stylesheet" href="https://elsewhere.example/c.css">
</head><body class="page"><article><p class="lead" data-kind="case">x</p><table></table>
<p>%s</p><div class="further">y</div></article></body></html>""" % ("words " * 600)


def css_of(html: str) -> str:
    start = html.index("<style>") + len("<style>")
    return html[start:html.index("</style>")]


def delivered(sheets: dict[str, str], page: str = PAGE, path: str = "practices/x.html") -> str:
    return Stylesheets(sheets).deliver(page, path)


def test_the_links_become_the_first_screens_rules_and_one_shared_file_where_the_first_was():
    sheets = Stylesheets({"assets/a.css": ".lead{color:red}", "assets/b.css": ".page{margin:0}"})
    html = sheets.deliver(PAGE, "practices/x.html")
    assert html.count("<style>") == 1 and 'href="../assets/a.css' not in html and 'href="../assets/b.css' not in html
    assert html.index("<style>") < html.index("elsewhere.example") < html.index("</head>")
    assert css_of(html) == ".lead{color:red}.page{margin:0}"
    href = "../" + sheets.shared_path
    assert sheets.shared_path.startswith("assets/stylesheets/site.") and sheets.shared_css == css_of(html)
    # Linked for print (no screen waits for it), switched by the script after it, plainly without JavaScript.
    delivery = html[html.index("</style>"):html.index("</noscript>")]
    assert delivery.startswith(f'</style><link rel="stylesheet" href="{href}" media="print"><script>')
    assert f'<noscript><link rel="stylesheet" href="{href}">' in delivery and "onload" not in html


def test_the_shared_file_holds_every_rule_in_order_and_is_named_by_its_text():
    one = Stylesheets({"assets/a.css": "/* x */ .absent { b : 1 }\n@media print{.lead{c:2}}", "assets/b.css": ".x:hover{d:3}"})
    assert one.shared_css == ".absent{b : 1}@media print{.lead{c:2}}.x:hover{d:3}"
    other = Stylesheets({"assets/a.css": ".absent{b:2}"})
    assert one.shared_path != other.shared_path


def test_the_first_screen_keeps_a_rule_only_when_its_tags_hold_what_the_rule_names():
    css = (".lead{a:1}.absent{b:2}.lead .absent{c:3}#nowhere{d:4}p.lead{e:5}ul{f:6}table{g:7}"
           ".lead:not(.absent){h:8}.further{i:9}[data-kind=case]{k:11}[data-kind=tool]{l:12}"
           ".absent,.lead>p{m:13}:root{--x:1}.words{n:14}")
    assert css_of(delivered({"assets/a.css": css})) == (
        ".lead{a:1}p.lead{e:5}table{g:7}.lead:not(.absent){h:8}[data-kind=case]{k:11}.lead>p{m:13}")


def test_what_only_an_act_print_or_an_unused_custom_property_needs_is_left_to_the_shared_file():
    css = (":root{--used:1;--via:var(--deep);--deep:2;--unused:url(\"data:a;b\")}.lead:hover{a:1}.lead:focus-visible{b:2}"
           ".lead,.page:active{c:var(--used)}@media print{.lead{d:3}}@media screen{.page{e:var(--via)}}"
           "@keyframes spin{from{f:0}to{f:1}}")
    assert css_of(delivered({"assets/a.css": css})) == (
        ":root{--used:1;--via:var(--deep);--deep:2}.lead{c:var(--used)}@media screen{.page{e:var(--via)}}"
        "@keyframes spin{from{f:0}to{f:1}}")


def test_the_first_screen_ends_where_the_article_has_shown_enough_text():
    page = PAGE.replace("words " * 600, "words " * (critical.TEXT_BUDGET // 6 - 50))
    css = ".further{a:1}"
    assert css_of(delivered({"assets/a.css": css}, page)) == css
    assert css_of(delivered({"assets/a.css": css})) == ""


def test_comments_and_white_space_go_strings_stay_as_written():
    css = '/* a comment with } and { */\n.lead {\n  content: "a  } ; /* b */";\n  margin : 0  auto ;\n}\n'
    assert css_of(delivered({"assets/a.css": css})) == '.lead{content: "a  } ; /* b */";margin : 0 auto}'


def test_the_404_page_links_from_the_servers_root():
    page = PAGE.replace("../assets/", "/kb/assets/")
    sheets = Stylesheets({"assets/a.css": ".lead{a:1}"})
    html = sheets.deliver(page, "404.html", "/kb/")
    assert css_of(html) == ".lead{a:1}" and "/kb/assets/a.css" not in html
    assert f'href="/kb/{sheets.shared_path}"' in html


def test_a_page_without_a_known_stylesheet_is_left_as_it_is():
    assert delivered({"assets/other.css": ".lead{a:1}"}) == PAGE


def test_the_pages_policy_allows_the_style_and_the_switching_script_by_their_hash():
    html = delivered({"assets/a.css": ".lead{a:1}"})
    policy = csp.policy(html)
    style_src = policy.split("style-src ")[1].split(";")[0]
    assert style_src.split() == ["'self'", "file:", csp._digest(".lead{a:1}")]
    script = html[html.index("<script>") + len("<script>"):html.index("</script>")]
    assert csp._digest(script) in policy.split("script-src ")[1].split(";")[0]


@pytest.mark.parametrize("css, words", [
    (".a{b:1", "never closed"),
    ("/* open", "never closed"),
    ("@import url(x.css);", "@import"),
    (".a{content:'</style>'}", "</style"),
    (".a{b:1} stray", "text after the last rule"),
])
def test_a_stylesheet_the_site_cannot_deliver_is_named_with_what_is_wrong(css, words):
    with pytest.raises(StylesheetError, match=words) as error:
        Stylesheets({"assets/a.css": css}).deliver(PAGE.replace('class="lead"', 'class="lead a"'), "practices/x.html")
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
    MkDocs and Material write them, in place of what the build wrote (its first screen's ``<style>``
    and the shared file's links); with ``?first-screen``, with its ``<style>`` alone, as a browser
    draws it before the shared file has arrived."""

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if query not in ("linked", "first-screen"):
            return super().do_GET()
        site = Path(self.directory)
        html = (site / path.lstrip("/")).read_text(encoding="utf-8")
        up = "../" * path.lstrip("/").count("/")
        start, end = html.index("<style>"), html.index("</noscript>") + len("</noscript>")
        if query == "linked":
            replacement = "".join(f'<link rel="stylesheet" href="{up}{sheet}">' for sheet in linked_sheets(site))
        else:
            replacement = html[start:html.index("</style>") + len("</style>")]
        body = (html[:start] + replacement + html[end:]).encode("utf-8")
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


def test_a_page_carries_its_first_screen_and_every_page_shares_one_stylesheet(built_site):
    """No page carries the whole stylesheet again: a case page's own rules are a small part of the shared
    file, which every page of every language links (so a browser and the offline zip hold it once)."""
    shared = {match for path in built_site.rglob("*.html")
              for match in re.findall(r'href="[^"]*?(assets/stylesheets/site\.[0-9a-f]{8}\.min\.css)"',
                                      path.read_text(encoding="utf-8"))}
    assert len(shared) == 1, shared
    whole = (built_site / shared.pop()).read_text(encoding="utf-8")
    for path in (sitecheck.page_types(built_site)["case"], "fr/index.html", "index.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        own = html[html.index("<style>") + len("<style>"):html.index("</style>")]
        assert len(own) < len(whole) / 4, (path, len(own), len(whole))
        assert "@media print" not in own and ":hover" not in own


def visible_boxes(context, address: str) -> list[list]:
    """Every element's box and main styles as first drawn (scripts off), or None for one not seen."""
    page = context.new_page()
    page.goto(address)
    page.wait_for_load_state("load")
    found = page.evaluate("""() => Array.from(document.querySelectorAll('body *'), (element) => {
      const box = element.getBoundingClientRect(), style = getComputedStyle(element);
      if (box.bottom <= 0 || box.top >= innerHeight || !box.width || !box.height
          || !element.checkVisibility({opacityProperty: true, visibilityProperty: true})) return null;
      return [element.tagName, box.x, box.y, box.width, box.bottom > innerHeight ? 'past' : box.height, style.color,
              style.backgroundColor, style.font, style.padding, style.margin, style.border, style.display];
    })""")
    page.close()
    return found


@pytest.mark.parametrize("kind", ["home", "finder", "case", "term", "propose", "404"])
def test_the_first_screen_is_drawn_as_it_stays_before_the_shared_file_arrives(browser, built_site, linking_server, kind):
    """No layout shift when the shared file arrives: on a phone and on a desktop, every element the first screen
    shows has the same place, size and look with the page's own rules alone as with everything."""
    path = pages_of_each_kind(built_site)[kind]
    for width, height in ((412, 823), (1350, 940)):
        context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
        try:
            alone = visible_boxes(context, linking_server + path + "?first-screen")
            everything = visible_boxes(context, linking_server + path)
        finally:
            context.close()
        assert len(alone) == len(everything) and any(everything), path
        differ = [(i, a, b) for i, (a, b) in enumerate(zip(alone, everything)) if a != b]
        assert differ == [], f"{path} at {width} px: {len(differ)} elements drawn otherwise, the first {differ[:1]}"


@pytest.mark.parametrize("kind", ["case", "home"])
def test_a_page_from_a_folder_without_javascript_is_fully_styled(browser, built_site, linking_server, kind):
    """From file://, scripts off, the shared file still arrives: every element is styled as with the stylesheets
    linked, and some of that (further down, or on a phone's closed menu) is not in the page's own rules."""
    path = pages_of_each_kind(built_site)[kind]
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        found = {source: styles_after_load_and_scroll(context, address) for source, address in (
            ("folder", (built_site / path).as_uri()), ("linked", linking_server + path + "?linked"),
            ("first screen", linking_server + path + "?first-screen"))}
    finally:
        context.close()
    assert found["folder"] == found["linked"], path
    assert found["first screen"] != found["linked"], path
