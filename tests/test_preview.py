"""The preview's core: serve keeps going past broken cases and says why; a build refuses them."""

from __future__ import annotations

import re

import pytest

from icp import i18n
from icp.check.validate import PracticeProblems, check_practices
from icp.generator.preview import BANNER_LIMIT, keeps_going, load_site, problems_banner, with_banner
from icp.read.schema import SchemaFileError
from icp.read.vocabulary import VocabularyError
from icp.render.csp import with_policy

from conftest import write_case

HOSTILE_TOPIC = '"<img src=x onerror=alert(1)>"'


def test_only_the_preview_server_keeps_going():
    assert keeps_going("serve")
    assert not keeps_going("build") and not keeps_going("gh-deploy")


def test_a_broken_case_is_left_out_of_a_preview_and_refused_by_a_build(project_copy):
    write_case(project_copy.practices_dir, "oslo-good")
    write_case(project_copy.practices_dir, "oslo-broken", topics="Educaton")
    _, problems = check_practices(project_copy.practices_dir, project_copy.vocabulary(), project_copy.schema(),
                                  root=project_copy.root)
    loaded = load_site(project_copy, keep_going=True)
    assert [practice.slug for practice in loaded.index.practices] == ["oslo-good"]
    assert loaded.problems == tuple(str(problem) for problem in problems)
    assert loaded.problems[0].startswith("practices/oslo-broken.md:6: topics[0]: 'Educaton' is not a topic")
    with pytest.raises(PracticeProblems) as refused:
        load_site(project_copy, keep_going=False)
    assert loaded.problems[0] in str(refused.value)


def test_a_good_project_has_no_banner(project_copy):
    write_case(project_copy.practices_dir, "oslo-good")
    loaded = load_site(project_copy, keep_going=True)
    assert loaded.problems == () and loaded.banner == ""
    assert with_banner("<body><p>x</p></body>", loaded.banner) == "<body><p>x</p></body>"


def test_a_broken_vocabulary_is_a_problem_of_the_preview_not_a_crash(project_copy):
    write_case(project_copy.practices_dir, "oslo-good")
    project_copy.taxonomy_path.write_text("topics: [unclosed\n", encoding="utf-8")
    loaded = load_site(project_copy, keep_going=True)
    assert loaded.index.practices == ()
    assert len(loaded.problems) == 1 and "taxonomy.yml: cannot read the vocabulary" in loaded.problems[0]
    with pytest.raises(VocabularyError):
        load_site(project_copy, keep_going=False)


def test_a_broken_schema_names_its_line(project_copy):
    write_case(project_copy.practices_dir, "oslo-good")
    text = project_copy.schema_path.read_text(encoding="utf-8").splitlines()
    text[2] = "  oops"
    project_copy.schema_path.write_text("\n".join(text), encoding="utf-8")
    loaded = load_site(project_copy, keep_going=True)
    assert loaded.index.practices == ()
    assert loaded.problems[0].startswith(f"{project_copy.schema_path}:3: the schema is not valid JSON: ")
    with pytest.raises(SchemaFileError):
        load_site(project_copy, keep_going=False)


def test_the_banner_escapes_what_a_case_file_says(project_copy):
    write_case(project_copy.practices_dir, "oslo-hostile", topics=HOSTILE_TOPIC)
    loaded = load_site(project_copy, keep_going=True)
    assert "<img src=x onerror=alert(1)>" in loaded.problems[0]
    page = with_banner('<html><head></head><body class="x"><header></header></body></html>', loaded.banner)
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.index('<aside class="icp-preview-problems"') == page.index('<body class="x">') + len('<body class="x">')


def test_the_banner_is_in_the_pages_language_and_so_are_the_validators_messages(project_copy):
    write_case(project_copy.practices_dir, "oslo-broken", topics="Educaton", year="2016x")
    loaded = load_site(project_copy, keep_going=True)
    danish, french = (language for language in i18n.languages() if language.code != i18n.DEFAULT)
    told = {
        french: ("Aperçu seulement\u00a0: 2 problèmes dans 1 fichier.",
                 "topics[0]: 'Educaton' n'est pas un thème\u00a0; vouliez-vous dire 'Education'\u00a0? (les thèmes "
                 "sont listés dans practices/taxonomy.yml)",
                 "year: attendu\u00a0: un nombre entier\u00a0; trouvé\u00a0: le texte '2016x'\u00a0; écrivez un nombre "
                 "entier sans guillemets, par exemple year: 2010"),
        danish: ("Kun forhåndsvisning: 2 problemer i 1 fil.",
                 "topics[0]: 'Educaton' er ikke et emne; mente du 'Education'? (emnerne står i practices/taxonomy.yml)",
                 "year: forventede et heltal, fandt teksten '2016x'; skriv et heltal uden anførselstegn, f.eks. "
                 "year: 2010"),
    }
    for language, (title, *messages) in told.items():
        banner = str(loaded.banner_in(language)).replace("&#39;", "'")
        assert title in banner and "Preview only" not in banner and "is not a topic" not in banner
        for message in messages:
            assert "practices/oslo-broken.md:" in banner and message in banner, (message, banner[-900:])
    assert "Preview only: 2 problems in 1 file." in loaded.banner
    assert "'Educaton' is not a topic; did you mean 'Education'?" in str(loaded.banner).replace("&#39;", "'")


def test_a_long_list_is_cut_with_a_count():
    problems = [f"practices/case-{n}.md:6: topics[0]: 'X' is not a topic" for n in range(BANNER_LIMIT + 5)]
    banner = problems_banner(problems)
    assert banner.count("<li>") == BANNER_LIMIT
    assert f"{BANNER_LIMIT + 5} problems in {BANNER_LIMIT + 5} files" in banner and "and 5 more" in banner


@pytest.mark.parametrize("width", [390, 1280])
def test_the_banner_is_first_on_the_page_readable_and_within_the_screen(browser, built_site, real_index, width,
                                                                         tmp_path):
    """A real case page of the built site with a banner of two long problems, in Chromium."""
    from axe_playwright_python.sync_playwright import Axe

    slug = real_index.practices[0].slug
    page_path = built_site / "practices" / f"{slug}.html"
    problems = [f"practices/{slug}.md:8: topics[0]: 'Anti-discrimination and Equalit' is not a topic; did you mean "
                "'Anti-discrimination and Equality'? (the topics are listed in practices/taxonomy.yml)",
                f"practices/{slug}-with-a-much-longer-file-name-than-any-screen-is-wide.md:11: year: the required key"]
    built = page_path.read_text(encoding="utf-8")
    built_policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', built)
    assert built_policy, "every built page carries its policy"
    # As the hook finishes a preview's page: the banner first, then the policy (which allows its style).
    html = with_policy(with_banner(built.replace(built_policy.group(0), "", 1), problems_banner(problems)))
    base = f'<head><base href="{page_path.parent.as_uri()}/">'
    shown = tmp_path / page_path.name  # beside nothing: the <base> finds the site's stylesheets
    shown.write_text(html.replace("<head>", base, 1), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(shown.as_uri())
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", "styled"
        banner = page.locator(".icp-preview-problems")
        box = banner.bounding_box()
        assert box["y"] == 0 and box["x"] == 0 and box["width"] == width
        assert page.locator(".md-header").bounding_box()["y"] >= box["height"], "the header comes after it"
        assert banner.evaluate("b => b.scrollWidth <= b.clientWidth"), "a long line runs off the screen"
        assert banner.locator("li").all_inner_texts() == problems
        sizes = banner.locator("p, code").evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert min(sizes) >= 14
        violations = Axe().run(page, context=".icp-preview-problems").response["violations"]
        assert [violation["id"] for violation in violations] == []
    finally:
        context.close()
