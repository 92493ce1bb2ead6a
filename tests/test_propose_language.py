"""'Propose a practice' in French and Danish tells its problems in the page's language: each message on
its field and in the summary at the top (GOV.UK's pattern) is the validator's message for the file the
page writes, told through the language's catalogue (icp.check.said.told), from the one table of messages
(icp.check.messages, values, wording, body.wording). Filled wrongly by hand in Chromium from file://."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from formfill import VALID
from icp import i18n
from icp.check.said import told
from icp.check.validate import check_case
from icp.read.casefile import parse_case_text
from icp.render import proposal
from icp.site import Project

FRENCH = {"title": "Titre (obligatoire)", "city": "Ville (obligatoire)", "country": "Pays (obligatoire)",
          "year": "Année (facultatif)", "topic": "Éducation", "summary": "Résumé (obligatoire)",
          "evidence": "Évaluation (obligatoire)", "send": "Télécharger le fichier"}

DANISH_SEND = "Download filen"


def told_problems(text: str, tmp_path: Path, code: str) -> dict[str, list[str]]:
    """What the validator says of the file, by field, told in the language ``code``."""
    project = Project(ROOT)
    folder = tmp_path / "practices"
    folder.mkdir(exist_ok=True)
    path = folder / "tromso-a-welcome-desk-at-the-library.md"
    known = {case.stem for case in project.practices_dir.glob("*.md")}
    problems = check_case(parse_case_text(path, text), project.vocabulary(), project.schema(), known, path.name)
    found: dict[str, list[str]] = {}
    with i18n.use(next(language for language in i18n.languages() if language.code == code)):
        for problem in problems:
            found.setdefault(problem.field, []).append(told(problem.message))
    return found


def open_form(page, site: Path, code: str):
    page.goto((site / code / proposal.PROPOSE_URL).as_uri())
    page.evaluate("localStorage.clear()")
    page.reload()


def shown(page, field_id: str) -> str:
    """A field's message, without the hidden "Error: " said before it (in the page's language)."""
    error = page.locator(f"#{field_id}-error")
    hidden = error.locator(".icp-visually-hidden").text_content()
    return error.text_content().removeprefix(hidden).strip()


def summary_says(page, field_id: str) -> str:
    return page.locator(f"#icp-error-summary a[href='#{field_id}']").text_content()


def test_the_french_form_tells_each_wrong_field_in_french_on_it_and_in_the_summary(built_site, page, tmp_path):
    open_form(page, built_site, "fr")
    page.get_by_label(FRENCH["title"], exact=True).fill(VALID["title"])
    page.get_by_label(FRENCH["city"], exact=True).fill(VALID["city"])
    page.get_by_label(FRENCH["country"], exact=True).select_option(VALID["country"])
    page.get_by_label(FRENCH["year"], exact=True).fill("2010s")  # a year in words
    page.locator("#f-topics").get_by_label(FRENCH["topic"], exact=True).check()
    page.get_by_label(FRENCH["summary"], exact=True).fill("La **bibliothèque** tient un guichet.")  # Markdown
    page.get_by_label(FRENCH["evidence"], exact=True).select_option("evaluated")  # with no evaluation
    page.locator("#f-section-results").fill("![Un graphique](https://example.org/chart.png)")  # another host
    page.get_by_role("button", name=FRENCH["send"]).click()

    text = page.evaluate("ICPPropose.fileText()")
    expected = told_problems(text, tmp_path, "fr")
    assert set(expected) == {"year", "summary", "evidence", "body"}, expected
    assert shown(page, "f-year") == (
        "attendu\u00a0: un nombre entier\u00a0; trouvé\u00a0: le texte '2010s'\u00a0; écrivez un nombre entier "
        "sans guillemets, par exemple year: 2010") == expected["year"][0]
    assert shown(page, "f-summary").startswith("doit être du texte simple\u00a0: retirez les balises HTML")
    assert shown(page, "f-evidence").startswith("vaut 'evaluated' mais aucune source n'est marquée")
    assert "evaluation: true" in shown(page, "f-evidence"), "the fix stays as the file writes it"
    assert shown(page, "f-section-results").startswith("l'image 'https://example.org/chart.png' serait chargée")
    for field_id, field in (("f-year", "year"), ("f-summary", "summary"), ("f-evidence", "evidence"),
                            ("f-section-results", "body")):
        assert shown(page, field_id) in expected[field], (field, shown(page, field_id), expected[field])
        assert summary_says(page, field_id).endswith(": " + shown(page, field_id))
    assert summary_says(page, "f-year").startswith("Année")
    assert page.locator("#icp-error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "icp-error-summary"
    body = page.locator("#icp-error-summary").inner_text() + page.locator("#icp-propose-form").inner_text()
    for english in ("expected a whole number", "must be plain text", "is not allowed", "would be fetched"):
        assert english not in body
    assert page.errors == []


def test_the_danish_form_tells_a_missing_title_and_a_misspelt_topic_in_danish(built_site, page, tmp_path):
    open_form(page, built_site, "da")
    page.locator("#f-city").fill(VALID["city"])
    page.locator("#f-country").select_option(VALID["country"])
    page.evaluate("document.querySelector('#f-topics input[type=checkbox]').value = 'Educaton'")
    page.locator("#f-topics input[type=checkbox]").first.check()
    page.locator("#f-summary").fill(VALID["summary"])
    page.locator("#f-evidence").select_option("none given")
    page.locator("#f-section-summary").fill(VALID["section"])
    page.get_by_role("button", name=DANISH_SEND).click()

    expected = told_problems(page.evaluate("ICPPropose.fileText()"), tmp_path, "da")
    assert shown(page, "f-title") == expected["title"][0]
    assert shown(page, "f-title").startswith("den påkrævede nøgle 'title' mangler; tilføj den i filens hoved")
    assert "title: Praksissens navn" in shown(page, "f-title")
    topic_field = next(field for field in expected if field.startswith("topics["))
    assert shown(page, "f-topics") == expected[topic_field][0] == (
        "'Educaton' er ikke et emne; mente du 'Education'? (emnerne står i practices/taxonomy.yml)")
    assert summary_says(page, "f-topics").endswith(": " + shown(page, "f-topics"))
    assert page.errors == []
