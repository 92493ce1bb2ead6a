"""'Propose a practice': the form made from the schema, and the file it writes, filled as a person would
in Chromium from file:// for every case of practices/, byte for byte as icp.scaffold.case_file writes
it, accepted by scripts/validate.py, and building to the same case pages as the originals."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import ROOT, copy_project, mkdocs_build
from formfill import VALID, case_values, download, fill_case, fill_valid
from icp.read.casefile import parse_case_text
from icp.render import proposal
from icp.scaffold import SECTIONS, case_file, slug_for
from icp.site import Project
from sitecheck import Recorder
import sweep
from test_validate import run_validator

REPOSITORY = "https://github.com/example/icp"
# A key added to the schema in the test project: the form must offer it with no change to the code.
ADDED = ("audience", {"description": "Whom the practice reached, as the source says.", "type": "string",
                      "minLength": 1, "maxLength": 60})


def with_added_key(project: Path) -> None:
    path = project / "practices" / "practice.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    properties = schema["properties"]
    schema["properties"] = {**{key: properties[key] for key in list(properties)[:3]}, ADDED[0]: ADDED[1],
                            **{key: properties[key] for key in list(properties)[3:]}}
    path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def form_site(tmp_path_factory) -> Path:
    """The project with one key added to its schema, built with a repository setting."""
    root = tmp_path_factory.mktemp("form")
    project = copy_project(root / "project")
    with_added_key(project)
    result = mkdocs_build(project, root / "site", repository=REPOSITORY)
    assert result.returncode == 0, result.stderr
    return root / "site"


def open_form(page, site: Path):
    page.goto((site / proposal.PROPOSE_URL).as_uri())
    page.evaluate("localStorage.clear()")
    page.reload()
    return page


def test_every_key_of_the_schema_is_a_field_with_its_description_as_hint(real_index):
    schema = Project(ROOT).schema()
    html = proposal.propose_page(real_index, schema, proposal.Destination()).markdown
    for key, spec in schema["properties"].items():
        assert f'id="f-{key}"' in html and f'data-key="{key}"' in html, key
        assert f'id="f-{key}-hint">{spec["description"]}' in html.replace("&#34;", '"').replace("&#39;", "'"), key
    for key in schema["properties"]["sources"]["items"]["properties"]:
        assert f'id="f-sources-__N__-{key}"' in html, key
    assert "<label for=\"f-title\">Title <span class=\"icp-required\">(required)</span></label>" in html
    topics = re.findall(r'id="f-topics-\d+" value="([^"]+)"', html)
    assert topics == [term.name.replace("&", "&amp;") for term in real_index.vocabulary.topics], "menu order"
    assert '<select id="f-country"' in html
    for heading in ("Summary", "Background", "What was done", "Results", "Making it work for you", "Sources"):
        assert f'data-section="{heading}"' in html


def test_a_key_added_to_the_schema_becomes_a_field(project_copy):
    with_added_key(project_copy.root)
    schema = project_copy.schema()
    fields = proposal.form_fields(schema, [])
    added = next(field for field in fields if field.key == ADDED[0])
    assert (added.label, added.hint, added.control) == ("Audience", ADDED[1]["description"], "text")
    assert [field.key for field in fields][:5] == ["title", "subtitle", "language", "audience", "city"]


def test_without_a_repository_the_page_says_where_to_send_the_file(real_index):
    schema = Project(ROOT).schema()
    mailed = proposal.propose_page(real_index, schema, proposal.Destination(contact_email="editors@example.org"))
    assert 'href="mailto:editors@example.org?subject=Proposed%20practice"' in mailed.markdown
    assert "icp-github" not in mailed.markdown
    neither = proposal.propose_page(real_index, schema, proposal.Destination()).markdown
    assert "mailto:" not in neither and "Send the downloaded file to the editors" in neither


def test_the_form_is_linked_from_the_header_home_contribute_and_empty_terms(form_site):
    for page in ("index.html", "contribute.html", "about.html", "practices/oslo-oxlo-declaration.html"):
        html = (form_site / page).read_text(encoding="utf-8")
        tabs = html.split('class="md-tabs"', 1)[1].split("</nav>", 1)[0]
        assert "propose.html" in tabs and "Propose a practice" in tabs, page
    home = (form_site / "index.html").read_text(encoding="utf-8").split("<article", 1)[1]
    assert '<a href="propose.html">Propose a practice</a>' in home
    contribute = (form_site / "contribute.html").read_text(encoding="utf-8")
    article = contribute.split("<article", 1)[1]
    assert article.index('href="propose.html"') < article.index("<h2"), "the form comes first"
    empty = (form_site / "topics" / "roma.html").read_text(encoding="utf-8")
    if "Nothing is filed" in empty:
        assert 'href="../propose.html"' in empty


def test_a_key_added_to_the_schema_is_asked_and_written(form_site, page):
    open_form(page, form_site)
    fill_valid(page, title="A library for newcomers")
    page.get_by_label("Audience (optional)", exact=True).fill("newcomers")
    name, text = download(page)
    assert name == "tromso-a-library-for-newcomers.md"
    assert "\naudience: newcomers\ncity: Tromsø\n" in text
    assert page.errors == []


def test_the_language_and_translations_are_offered_and_written_as_the_case_file_writer_writes_them(form_site, page):
    open_form(page, form_site)
    fill_valid(page, title="Un guichet pour les nouveaux venus")
    language = page.get_by_label("Language (optional)", exact=True)
    assert language.locator("option[value=fr]").inner_text() == "French (fr)"
    language.select_option(label="French (fr)")
    page.locator("#f-translations").get_by_label("OXLO: Oslo declares itself a city for all", exact=True).check()
    name, text = download(page)
    assert name == "tromso-un-guichet-pour-les-nouveaux-venus.md"
    assert "\ntitle: Un guichet pour les nouveaux venus\nlanguage: fr\ncity: Tromsø\n" in text
    assert "\ntranslations:\n- oslo-oxlo-declaration\n" in text
    assert f"\n## Résumé\n\n{VALID['section']}\n" in text, "a French case under the French cases' headings"
    schema = Project(form_site.parent / "project").schema()
    meta = parse_case_text(Path(name), text).meta
    sections = {"Summary": VALID["section"]}
    assert text == case_file(meta, sections, list(schema["properties"]),
                             list(schema["properties"]["sources"]["items"]["properties"]))
    assert page.errors == []


def test_every_case_filled_in_gives_the_scaffolds_file_which_validates_and_builds_the_same_page(
        form_site, browser, tmp_path):
    """The form filled from a case's front matter and sections (type, tick, select, click), its file
    downloaded: the same bytes as case_file for the same values; the files, saved over the originals (some were
    named by hand), pass the validator and build to case pages with the same text as the originals'. Every case
    under the thorough profile; else a case for each key, each section and each way in (new, or a correction),
    and a sample of the others (tests/sweep.py)."""
    project = copy_project(tmp_path / "project", languages=False)
    with_added_key(project)
    schema = Project(project).schema()
    order = list(schema["properties"])
    source_order = list(schema["properties"]["sources"]["items"]["properties"])
    context = browser.new_context()
    recorder = Recorder()
    recorder.watch(context)
    page = context.new_page()
    page.goto((form_site / proposal.PROPOSE_URL).as_uri())
    written, taken = {}, []
    # The form's sections are headed in English: a case written in another language under its own headings
    # is left as written, over which nothing is saved (its language and translations are asked: test above).
    headings = {heading for heading, _ in SECTIONS}
    cases = sorted((ROOT / "practices").glob("*.md"))
    fillable = [path for path in cases if set(case_values(path)[1]) <= headings]
    assert [path.name for path in cases if path not in fillable] == ["tenerife-interfaith-dialogue-group-fr.md"]
    for path in sweep.sample("propose", fillable, FILLED, kinds=ways_in):
        meta, sections = case_values(path)
        page.evaluate("localStorage.clear()")  # the last case's draft
        name = f"{slug_for(meta['city'], meta['title'])}.md"
        if (ROOT / "practices" / name).exists():
            # Proposed anew, the case would take an existing file's name: the form refuses it, so it is
            # sent as a correction of that file instead (the form emptied first, then filled in).
            taken.append(name)
            page.goto((form_site / "practices" / f"{path.stem}.html").as_uri())
            page.get_by_role("link", name="Suggest a correction").click()
            expect(page.locator("#f-title")).to_have_value(meta["title"])
            page.evaluate("ICPFields.fill(ICPPropose.form, {meta: {}, sections: {}})")
            name = path.name
        else:
            page.goto((form_site / proposal.PROPOSE_URL).as_uri())
        fill_case(page, meta, sections)
        downloaded, text = download(page)
        assert downloaded == name, "named as the scaffold names it, or as the file it corrects"
        assert text == case_file(meta, sections, order, source_order), path.name
        written[path.name] = text
    context.close()
    assert 0 < len(taken) < len(written), "both ways: proposed anew, and as corrections"
    errors = [error for error in recorder.errors if "favicon" not in error]  # a page left before its icon came
    assert recorder.foreign() == [] and errors == [], (recorder.foreign(), errors)
    for name, text in written.items():
        (project / "practices" / name).write_text(text, encoding="utf-8")
    checked = run_validator(project)
    assert checked.returncode == 0, checked.stderr
    result = mkdocs_build(project, tmp_path / "site", repository=REPOSITORY)
    assert result.returncode == 0, result.stderr
    for name in written:
        page_name = f"practices/{name[:-3]}.html"
        assert article_text(tmp_path / "site" / page_name) == article_text(form_site / page_name), page_name


FILLED = 8  # cases filled in a usual run: one of each kind first, then others up to this many (tests/sweep.py)


def ways_in(path: Path) -> set[str]:
    """What filling this case exercises: each key of its front matter, each section, and whether the form takes
    it as a new case or as a correction of the file its name is taken by."""
    meta, sections = case_values(path)
    taken = (ROOT / "practices" / f"{slug_for(meta['city'], meta['title'])}.md").exists()
    return {*meta, *(f"## {heading}" for heading in sections), "correction" if taken else "new"}


def article_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", article).split())


OPENED = "window.open = (address) => { window.icpOpened = address; return null; }"


def test_propose_on_github_prefills_the_new_file_page_or_copies_a_long_file(form_site, browser):
    """The address GitHub's new-file page is opened at (recorded, not followed: nothing leaves the machine)."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_form(page, form_site)
    page.evaluate(OPENED)
    fill_valid(page, title="A library for newcomers")
    page.get_by_role("button", name="Propose on GitHub").click()
    address = page.evaluate("window.icpOpened")
    parts = urlsplit(address)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/new/main"
    query = parse_qs(parts.query)
    assert query["filename"] == ["practices/tromso-a-library-for-newcomers.md"]
    assert query["value"] == [page.evaluate("ICPPropose.fileText()")]
    page.locator("#f-section-background").fill("Long text. " * 700)
    page.get_by_role("button", name="Propose on GitHub").click()
    long_address = page.evaluate("window.icpOpened")
    assert "value=" not in long_address and long_address.startswith(f"{REPOSITORY}/new/main?filename=practices%2F")
    assert "Paste it into the empty file" in page.locator("#icp-send-status").inner_text()
    assert page.evaluate("navigator.clipboard.readText()") == page.evaluate("ICPPropose.fileText()")
    context.close()


AWKWARD_TEXTS = ["yes", "No", "on", "OFF", "y", "1.5", "2010", "0x1F", "0o17", "012", "1_000", ".5", "+1", "1e5",
                 "1.0e+5", ".inf", "NaN", ".NaN", "12:30", "2010-03-03", "2010-3-3 1:02:03", "~", "null", "=", "<<",
                 "a: b", "a:b", "a #b", "a#b", "#x", "- x", "-x", "-", "'quoted'", '"dq"', " lead", "trail ", "tab\there",
                 "bell\x07", "emoji 👩\u200d💻", "!tag", "&a", "*a", ":x", "? x", "?x", "x:", "[a]",
                 "{a}", "a, b", "@x", "`x", "%x", "|x", ">x", "---x", "...x", "Tromsø", "\ufeffbom", "\xa0nbsp", "é", "København: the city's \"Engage\" [1]", "Key: value # comment", "100%"]
# Never a line break: the form writes every front-matter value on one line (propose/fields.js oneLine).
FLOATS = [51.9244, 4.4777, -0.00001, 1e-05, 59.0, 1e16, 1.5e-7, -33.8688, 0.1, 123456.789]


def test_the_javascript_writer_quotes_as_yaml_does(form_site, page):
    """Every awkward text and number written by propose/casefile.js as PyYAML's safe_dump writes it."""
    import yaml

    page.goto((form_site / proposal.PROPOSE_URL).as_uri())
    for text in AWKWARD_TEXTS:
        expected = yaml.safe_dump({"k": text}, allow_unicode=True, sort_keys=False, width=10_000)
        assert "k: " + page.evaluate("ICPCaseFile.scalarText", text) + "\n" == expected, repr(text)
    for number in FLOATS:
        expected = yaml.safe_dump({"k": number})
        assert "k: " + page.evaluate("ICPCaseFile.floatText", number) + "\n" == expected, number


def test_a_correction_opens_githubs_edit_page_and_offers_the_issue_form_prefilled(form_site, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto((form_site / "practices" / "oslo-oxlo-declaration.html").as_uri())
    page.evaluate("localStorage.clear()")
    page.get_by_role("link", name="Suggest a correction").click()
    expect(page.locator("#f-title")).not_to_have_value("")
    page.evaluate(OPENED)
    page.get_by_role("button", name="Propose on GitHub").click()
    assert page.evaluate("window.icpOpened") == f"{REPOSITORY}/edit/main/practices/oslo-oxlo-declaration.md"
    assert page.evaluate("navigator.clipboard.readText()") == page.evaluate("ICPPropose.fileText()")
    assert "paste over it" in page.locator("#icp-send-status").inner_text()
    issue = urlsplit(page.get_by_role("link", name="Report it on GitHub").get_attribute("href"))
    assert f"{issue.scheme}://{issue.netloc}{issue.path}" == f"{REPOSITORY}/issues/new"
    query = parse_qs(issue.query)
    title = page.evaluate("ICPPropose.values().meta.title")
    assert query == {"template": ["correction.yml"], "title": [f"Correction: {title}"],
                     "case": ["practices/oslo-oxlo-declaration.html"], "case_title": [title]}
    form = (ROOT / ".github" / "ISSUE_TEMPLATE" / "correction.yml").read_text(encoding="utf-8")
    assert "id: case\n" in form and "id: case_title\n" in form, "the issue form has the fields the link fills"
    context.close()


def test_every_key_and_section_is_named_in_the_catalogue_and_the_hints_are_the_scaffolds():
    from icp.render import proposetext
    from icp.scaffold import SECTIONS

    schema = Project(ROOT).schema()
    keys = set(schema["properties"]) | set(schema["properties"]["sources"]["items"]["properties"])
    assert keys <= set(proposetext.FIELD_LABELS), "give each key a label (icp.render.proposetext)"
    assert {heading: hint for heading, hint in SECTIONS if heading != "Sources"} == {
        heading: hint for heading, hint in proposetext.SECTION_HINTS.items() if heading != "Sources"}
    assert [heading for heading, _ in SECTIONS] == list(proposetext.SECTION_NAMES)


def test_the_french_form_is_in_french_and_writes_the_same_file_as_the_english_one(form_site, page):
    from formfill import VALID

    open_form(page, form_site)
    fill_valid(page)
    _, english = download(page)
    page.goto((form_site / "fr" / proposal.PROPOSE_URL).as_uri())
    page.evaluate("localStorage.clear()")
    page.reload()
    assert page.locator("h1").inner_text() == "Proposer une pratique"
    page.get_by_label("Titre (obligatoire)", exact=True).fill(VALID["title"])
    page.get_by_label("Ville (obligatoire)", exact=True).fill(VALID["city"])
    country = page.get_by_label("Pays (obligatoire)", exact=True)
    assert country.locator("option[value='Norway']").inner_text() == "Norvège"
    country.select_option(VALID["country"])
    page.get_by_label("Année (facultatif)", exact=True).fill(VALID["year"])
    page.locator("#f-topics").get_by_label("Éducation", exact=True).check()
    page.get_by_label("Résumé (obligatoire)", exact=True).fill(VALID["summary"])
    page.get_by_label("Évaluation (obligatoire)", exact=True).select_option("none given")
    page.get_by_label("Résumé", exact=True).fill(VALID["section"])  # the section, named in French
    assert page.evaluate("ICPPropose.checks.all(ICPPropose.values())") == []
    with page.expect_download() as info:
        page.get_by_role("button", name="Télécharger le fichier").click()
    assert Path(info.value.path()).read_text(encoding="utf-8") == english
    assert page.locator("#icp-send-status").inner_text().startswith("tromso-a-welcome-desk-at-the-library.md est téléchargé.")
    assert page.errors == []
