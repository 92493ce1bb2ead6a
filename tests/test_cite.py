""""Cite this practice": the reference line, the BibTeX entry read back by a small decoder, and the
block's Copy buttons in a real Chromium from file://."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from icp.practice import Practice
from icp.render import cite
from icp.render.templating import render
from icp.site import Project

from conftest import ROOT, write_case

SITE = "Intercultural City Practices"
BUILT = date(2001, 2, 3)
TRICKY = 'Tricky {braces} and \\ back: 100% & $5, #1 a_b x^2 ~n "q" <b>|</b> Malmö, Montréal, Ελληνικά'
HOSTILE = "A & B <script>alert(1)</script> ]]> \"q\" 'a' <img src=x onerror=\"window.__xss=1\">"
CITE_JS = ROOT / "docs" / "assets" / "javascripts" / "cite.js"

# What a TeX reader makes of each escape: written out here, not taken from the module.
TEX_DECODED = {
    r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}",
    r"\textasciicircum{}": "^", r"\textasciitilde{}": "~", r"\textless{}": "<", r"\textgreater{}": ">",
    r"\textbar{}": "|", r"\%": "%", r"\&": "&", r"\$": "$", r"\#": "#", r"\_": "_",
}


def practice(slug="oslo-case", title="A case", city="Oslo", country="Norway", year=2010) -> Practice:
    return Practice(slug=slug, path=Path(f"{slug}.md"), title=title, city=city, country=country, year=year,
                    topics=("Education",), summary="Summary.", body="")


def braces_balance(text: str) -> bool:
    """BibTeX's own rule: every brace counts, a backslash before it or not."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def parse_entry(text: str) -> tuple[str, str, dict[str, str]]:
    """``@type{key, name = {value}, ...}`` -> type, key and the raw values (braces counted as BibTeX does)."""
    head = re.match(r"@(\w+)\{([^\s,{}\"#%'()=~\\]+),", text)
    assert head, text
    fields, position = {}, head.end()
    while True:
        field = re.compile(r"\s*(\w+)\s*=\s*\{").match(text, position)
        if not field:
            break
        depth, start = 1, field.end()
        position = start
        while depth:
            depth += {"{": 1, "}": -1}.get(text[position], 0)
            position += 1
        fields[field.group(1)] = text[start:position - 1]
        position = re.compile(r"\s*,?").match(text, position).end()
    assert re.fullmatch(r"\s*\}\s*", text[position:]), text[position:]
    return head.group(1), head.group(2), fields


def tex_text(value: str) -> str:
    """The characters a field stands for: escapes decoded, grouping braces dropped."""
    out, position = [], 0
    while position < len(value):
        code = next((code for code in TEX_DECODED if value.startswith(code, position)), None)
        if code:
            out.append(TEX_DECODED[code])
            position += len(code)
            continue
        char = value[position]
        assert char != "\\", f"unexpected control sequence at {value[position:position + 20]!r}"
        if char not in "{}":
            out.append(char)
        position += 1
    return "".join(out)


def unprotected_capitals(value: str) -> str:
    depth, found = 0, []
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char.isupper() and depth == 0:
            found.append(char)
    return "".join(found)


def expected_reference(case: Practice, address: str, accessed: str) -> str:
    title = case.title if case.title[-1] in ".?!" else case.title + "."
    year = "n.d." if case.year is None else f"{case.year}."  # a case whose sources give no year
    return f"{title} {case.city}, {case.country}, {year} In: {SITE}. {address}. Accessed {accessed}."


def test_bibtex_of_a_title_full_of_special_characters_round_trips(project_copy):
    write_case(project_copy.practices_dir, "malmo-tricky", city="Malmö", country="Sweden", year=2019,
               title='"' + TRICKY.replace("\\", "\\\\").replace('"', '\\"') + '"')
    case = project_copy.load_index().by_slug["malmo-tricky"]
    assert case.title == TRICKY
    entry = cite.citation(case, site_name=SITE, site_url="https://icp.example.org/kb/", accessed=BUILT).bibtex_text
    assert braces_balance(entry)
    kind, key, fields = parse_entry(entry)
    assert (kind, key) == ("online", "icp:malmo-tricky")
    assert tex_text(fields["title"]) == TRICKY
    assert unprotected_capitals(fields["title"]) == ""
    assert "{Malmö}" in fields["title"] and "{Ελληνικά}" in fields["title"]
    assert fields["author"] == "{" + SITE + "}"
    assert tex_text(fields["note"]) == "Malmö, Sweden"
    assert fields["year"] == "2019"
    assert fields["url"] == "https://icp.example.org/kb/practices/malmo-tricky.html"
    assert fields["howpublished"] == "\\url{" + fields["url"] + "}"
    assert fields["urldate"] == "2001-02-03"


def test_a_naive_escape_would_fail_the_brace_check():
    """The check above can fail: ``\\{`` alone leaves BibTeX with an open brace."""
    assert not braces_balance("@misc{k, title = {a \\{ b}}")


def test_every_real_case_has_a_correct_reference_and_entry(real_index):
    for case in real_index.practices:
        result = cite.citation(case, site_name=SITE, accessed=date(2026, 11, 30))
        assert result.reference_text == expected_reference(case, f"practices/{case.slug}.html", "30 November 2026")
        assert braces_balance(result.bibtex_text)
        _, key, fields = parse_entry(result.bibtex_text)
        assert key == f"icp:{case.slug}"
        assert tex_text(fields["title"]) == case.title
        assert unprotected_capitals(fields["title"]) == ""


def test_reference_ends_sentences_once_and_keeps_text_on_one_line():
    question = practice(title="Who belongs?")
    assert cite.citation(question, site_name=SITE, accessed=BUILT).reference_text.startswith("Who belongs? Oslo, ")
    quoted = practice(title='The "Open city!"')
    assert cite.citation(quoted, site_name=SITE, accessed=BUILT).reference_text.startswith('The "Open city!" Oslo')
    messy = practice(title="Two\nlines\tand\x07 a bell", city="  Saint-Denis ")
    text = cite.citation(messy, site_name=SITE, site_url="https://x.example", accessed=BUILT).reference_text
    assert text == expected_reference(practice(title="Two lines and a bell", city="Saint-Denis"),
                                      "https://x.example/practices/oslo-case.html", "3 February 2001")


def test_a_site_url_with_braces_or_spaces_stays_one_balanced_field():
    entry = cite.citation(practice(), site_name="Cities {&} co", site_url="https://x.example/a b{c}\\",
                          accessed=BUILT).bibtex_text
    assert braces_balance(entry)
    fields = parse_entry(entry)[2]
    assert fields["url"] == "https://x.example/a%20b%7Bc%7D%5C/practices/oslo-case.html"
    assert tex_text(fields["author"]) == "Cities {&} co"


class TextOf(HTMLParser):
    """The text inside the element with a given id, and every tag seen."""

    def __init__(self, element_id: str):
        super().__init__()
        self.element_id, self.depth, self.text, self.tags = element_id, 0, [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if self.depth or dict(attrs).get("id") == self.element_id:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def test_the_block_shows_hostile_text_as_text():
    result = cite.citation(practice(title=HOSTILE, city="Malmö"), site_name=SITE, accessed=BUILT)
    html = render("cite.html", citation=result)
    for element_id, expected in (("icp-cite-reference", result.reference_text), ("icp-cite-bibtex", result.bibtex_text)):
        parser = TextOf(element_id)
        parser.feed(html)
        assert "".join(parser.text) == expected
        assert not {"script", "img", "b"} & set(parser.tags)


# --- in the browser ----------------------------------------------------------------------


def cite_page(folder: Path, result: cite.Citation) -> Path:
    """A case page reduced to the block and its script, laid out as in the site."""
    (folder / "assets" / "javascripts").mkdir(parents=True)
    shutil.copy(CITE_JS, folder / "assets" / "javascripts" / "cite.js")
    (folder / "practices").mkdir()
    page = folder / "practices" / f"{result.slug}.html"
    page.write_text('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Case</title></head><body>\n'
                    + render("cite.html", citation=result) + '<script src="../assets/javascripts/cite.js"></script>\n</body></html>\n',
                    encoding="utf-8")
    return page


def browser_today(page) -> tuple[str, str]:
    day, month, year = page.evaluate("() => { const d = new Date(); return [d.getDate(), d.getMonth(), d.getFullYear()]; }")
    return cite.long_date(date(year, month + 1, day)), date(year, month + 1, day).isoformat()


@pytest.fixture
def hostile(tmp_path):
    result = cite.citation(practice(slug="malmo-hostile", title=HOSTILE, city="Malmö"), site_name=SITE, accessed=BUILT)
    return result, cite_page(tmp_path, result)


def test_copy_puts_todays_citation_on_the_clipboard_from_file_url(page, hostile):
    result, path = hostile
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(path.as_uri())
    accessed, urldate = browser_today(page)
    page.get_by_role("button", name="Copy reference").click()
    page.get_by_role("status").filter(has_text="Copied.").wait_for()
    reference = page.evaluate("navigator.clipboard.readText()")
    assert reference == result.reference_text.replace("3 February 2001", accessed)
    assert reference == page.locator("#icp-cite-reference").text_content()
    page.get_by_role("button", name="Copy BibTeX").click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).startsWith('@online')")
    assert page.evaluate("navigator.clipboard.readText()") == result.bibtex_text.replace("2001-02-03", urldate)
    assert page.evaluate("window.__xss") is None and page.locator("img").count() == 0
    assert page.errors == []


def test_without_the_clipboard_api_the_citation_is_selected(page, hostile):
    result, path = hostile
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});")
    page.goto(path.as_uri())
    assert page.evaluate("navigator.clipboard") is None
    accessed, urldate = browser_today(page)
    page.get_by_role("button", name="Copy BibTeX").click()
    assert page.evaluate("getSelection().toString()") == result.bibtex_text.replace("2001-02-03", urldate)
    assert page.get_by_role("status").text_content() in ("Copied.", "Selected: press Ctrl+C (Cmd+C on a Mac) to copy.")
    page.get_by_role("button", name="Copy reference").click()
    assert page.evaluate("getSelection().toString()") == result.reference_text.replace("3 February 2001", accessed)
    assert page.errors == []


@pytest.fixture
def served(tmp_path):
    """Two copies of the page on a local web server: one built without site_url, one with it."""
    case = practice(slug="lyon-served", title="Served", city="Lyon", country="France")
    without = cite.citation(case, site_name=SITE, accessed=BUILT)
    with_url = cite.citation(case, site_name=SITE, site_url="https://icp.example.org/", accessed=BUILT)
    cite_page(tmp_path / "without", without)
    cite_page(tmp_path / "with", with_url)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_over_http_a_site_without_site_url_cites_the_pages_own_address(page, served):
    page.goto(f"{served}/without/practices/lyon-served.html#cite-this-practice")
    address = f"{served}/without/practices/lyon-served.html"
    assert page.locator("#icp-cite-reference").text_content().endswith(f"In: {SITE}. {address}. Accessed "
                                                                       f"{browser_today(page)[0]}.")
    fields = parse_entry(page.locator("#icp-cite-bibtex").text_content())[2]
    assert fields["url"] == address and fields["howpublished"] == "\\url{" + address + "}"
    page.goto(f"{served}/with/practices/lyon-served.html")
    assert "https://icp.example.org/practices/lyon-served.html" in page.locator("#icp-cite-reference").text_content()
    assert served not in page.locator("#icp-cite-bibtex").text_content()


# --- in a built site -----------------------------------------------------------------------

BUILT_TITLE = 'Schools & "Welcome" {desks} 100% in Malmö – café_1'
# 3 February 2025, 00:00 UTC: after every case's year (a year after the build's is refused).
BUILD_EPOCH = "1738540800"
BUILT_IN_SITE = date(2025, 2, 3)


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory):
    """A copy of the project with one case whose title is full of BibTeX's and HTML's special characters."""
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path_factory.mktemp("project"), languages=False)
    write_case(project / "practices", "malmo-welcome-desks", title="'" + BUILT_TITLE.replace("'", "''") + "'",
               city="Malmö", country="Sweden", year=2019, topics="Education")
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(project, site, env={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    assert result.returncode == 0, result.stderr
    case = Project(project).load_index().by_slug["malmo-welcome-desks"]
    return site, case


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.toc = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "md-nav__link" in attrs.get("class", "") and attrs.get("href", "").startswith("#"):
            self.toc.append(attrs["href"][1:])


def test_the_built_case_page_cites_with_the_build_date_before_related_practices(tricky_site):
    site, case = tricky_site
    html = (site / case.url).read_text(encoding="utf-8")
    parsed = Ids()
    parsed.feed(html)
    assert parsed.ids.index("cite-this-practice") < parsed.ids.index("related-practices")
    assert parsed.toc.index("cite-this-practice") == parsed.toc.index("related-practices") - 1
    built = cite.citation(case, site_name=SITE, accessed=BUILT_IN_SITE)
    for element_id, expected in (("icp-cite-reference", built.reference_text), ("icp-cite-bibtex", built.bibtex_text)):
        text = TextOf(element_id)
        text.feed(html)
        assert "".join(text.text) == expected


def test_copy_from_a_built_case_page_gives_what_cite_makes(browser, tricky_site):
    site, case = tricky_site
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((site / case.url).as_uri())
        accessed, _ = browser_today(page)
        today = date.fromisoformat(_)
        expected = cite.citation(case, site_name=SITE, accessed=today)
        page.get_by_role("button", name="Copy BibTeX").click()
        page.wait_for_function("async () => (await navigator.clipboard.readText()).startsWith('@online')")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == expected.bibtex_text
        kind, key, fields = parse_entry(copied)
        assert (kind, key) == ("online", "icp:malmo-welcome-desks")
        assert tex_text(fields["title"]) == BUILT_TITLE
        assert braces_balance(copied)
        page.get_by_role("button", name="Copy reference").click()
        page.wait_for_function("async () => (await navigator.clipboard.readText()).endsWith('.') && "
                               "!(await navigator.clipboard.readText()).startsWith('@')")
        assert page.evaluate("navigator.clipboard.readText()") == expected.reference_text
        assert expected.reference_text.startswith(f"{BUILT_TITLE}. Malmö, Sweden, 2019.")
        assert accessed in expected.reference_text
        # At a phone's width the long lines wrap inside the block; the page does not scroll sideways.
        assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
        box = page.locator("pre.icp-cite__bibtex code")
        assert box.evaluate("code => code.scrollWidth <= code.clientWidth")
        assert errors == []
    finally:
        context.close()
