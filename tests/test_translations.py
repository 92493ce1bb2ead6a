"""A case's language and its translations: each rule's message as an editor reads it (file, line,
field, fix), and the build's symmetric, chained translations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from icp.check.validate import check_practices
from icp.index import PracticeIndex

from conftest import ROOT, write_case


def case(project, slug: str, extra: str = "", **fields) -> Path:
    """A valid case file with ``extra`` front-matter lines before its closing '---'."""
    path = write_case(project.practices_dir, slug, **fields)
    text = path.read_text(encoding="utf-8")
    closing = text.index("\n---\n", 4)
    path.write_text(text[:closing + 1] + extra + text[closing + 1:], encoding="utf-8")
    return path


def checked(project):
    practices, problems = check_practices(project.practices_dir, project.vocabulary(), project.schema(),
                                          root=project.root)
    return practices, [str(problem) for problem in problems]


def test_an_unknown_language_code_is_told_with_the_code_to_write(project_copy):
    case(project_copy, "oslo-a", "language: xx\n")
    assert checked(project_copy)[1] == [
        "practices/oslo-a.md:9: language: 'xx' is not a language's two-letter ISO 639-1 code; write the code of "
        "the language the case is written in, e.g. language: fr (French), or leave the key out for English"]


def test_a_language_written_as_its_name_or_a_regional_code_is_given_its_code(project_copy):
    case(project_copy, "oslo-a", "language: français\n")
    case(project_copy, "oslo-b", "language: Danish\n")
    case(project_copy, "oslo-c", "language: fr-CA\n")
    told = checked(project_copy)[1]
    assert "did you mean 'fr' (French)?" in told[0] and told[0].startswith("practices/oslo-a.md:9: language: 'français'")
    assert "did you mean 'da' (Danish)?" in told[1]
    assert "did you mean 'fr' (French)?" in told[2]


def test_a_translation_that_is_no_case_suggests_the_nearest_slug(project_copy):
    case(project_copy, "oslo-welcome")
    case(project_copy, "oslo-welcome-fr", "language: fr\ntranslations: [oslo-welcom]\n")
    assert checked(project_copy)[1] == [
        "practices/oslo-welcome-fr.md:10: translations[0]: no case 'practices/oslo-welcom.md' exists; "
        "did you mean 'oslo-welcome'?"]


def test_a_translation_with_nothing_close_says_what_to_write(project_copy):
    case(project_copy, "oslo-welcome-fr", "language: fr\ntranslations: [zzz]\n")
    assert checked(project_copy)[1] == [
        "practices/oslo-welcome-fr.md:10: translations[0]: no case 'practices/zzz.md' exists; write the file name "
        "of the translation, without .md, or remove it"]


def test_a_case_listing_itself(project_copy):
    case(project_copy, "oslo-welcome-fr", "language: fr\ntranslations: [oslo-welcome-fr]\n")
    assert checked(project_copy)[1] == [
        "practices/oslo-welcome-fr.md:10: translations[0]: 'oslo-welcome-fr' is this case itself; list only the "
        "same practice written in other languages"]


def test_a_translation_in_the_same_language(project_copy):
    case(project_copy, "oslo-welcome")
    case(project_copy, "oslo-welcome-2", "translations: [oslo-welcome]\n")
    assert checked(project_copy)[1] == [
        "practices/oslo-welcome-2.md:9: translations[0]: 'oslo-welcome' is also written in English (language: en); "
        "a translation is the same practice in another language: correct the language of one of the two files, "
        "or list 'oslo-welcome' under related: instead"]


def test_two_cases_in_one_language_joined_through_a_third_are_refused_in_each_file(project_copy):
    case(project_copy, "oslo-a")
    case(project_copy, "oslo-b")
    case(project_copy, "oslo-a-fr", "language: fr\ntranslations: [oslo-a]\n")
    case(project_copy, "oslo-b-de", "language: de\ntranslations: [oslo-b, oslo-a-fr]\n")
    practices, told = checked(project_copy)
    assert told == [
        "practices/oslo-a-fr.md:10: translations[0]: through 'oslo-a' this case is one practice with 'oslo-a', "
        "'oslo-a-fr', 'oslo-b', 'oslo-b-de', of which 2 are in English (language: en): a practice has one case a "
        "language (the build links every case of a group to every other); remove the translation that is not "
        "this practice, or list it under related: instead",
        "practices/oslo-b-de.md:10: translations[0]: through 'oslo-b' this case is one practice with 'oslo-a', "
        "'oslo-a-fr', 'oslo-b', 'oslo-b-de', of which 2 are in English (language: en): a practice has one case a "
        "language (the build links every case of a group to every other); remove the translation that is not "
        "this practice, or list it under related: instead",
        "practices/oslo-b-de.md:10: translations[1]: through 'oslo-a-fr' this case is one practice with 'oslo-a', "
        "'oslo-a-fr', 'oslo-b', 'oslo-b-de', of which 2 are in English (language: en): a practice has one case a "
        "language (the build links every case of a group to every other); remove the translation that is not "
        "this practice, or list it under related: instead"]
    assert {practice.slug for practice in practices} == {"oslo-a", "oslo-b"}


def test_translations_listed_one_way_and_in_a_chain_are_linked_every_way(project_copy):
    case(project_copy, "oslo-a")
    case(project_copy, "oslo-a-fr", "language: fr\ntranslations: [oslo-a]\n")
    case(project_copy, "oslo-a-da", "language: da\ntranslations: [oslo-a-fr]\n")
    case(project_copy, "oslo-b")
    practices, told = checked(project_copy)
    assert told == []
    index = PracticeIndex(practices, project_copy.vocabulary())
    assert {slug: index.by_slug[slug].translations for slug in index.by_slug} == {
        "oslo-a": ("oslo-a-da", "oslo-a-fr"), "oslo-a-fr": ("oslo-a-da", "oslo-a"),
        "oslo-a-da": ("oslo-a", "oslo-a-fr"), "oslo-b": ()}
    assert [index.by_slug[slug].language for slug in ("oslo-a", "oslo-a-fr", "oslo-a-da")] == ["en", "fr", "da"]


def test_one_file_checked_alone_reads_the_cases_it_names(project_copy):
    case(project_copy, "oslo-a")
    fr = case(project_copy, "oslo-a-fr", "translations: [oslo-a]\n")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(project_copy.root),
                             str(fr)], capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert ("practices/oslo-a-fr.md:9: translations[0]: 'oslo-a' is also written in English (language: en)"
            in result.stderr)


def test_a_file_checked_alone_is_told_of_a_group_another_file_joins_it_to(project_copy):
    """scripts/validate.py <one file> follows the links that come in, not only the file's own translations:"""
    case(project_copy, "oslo-a")
    case(project_copy, "oslo-b")
    case(project_copy, "oslo-c")
    case(project_copy, "oslo-b-de", "language: de\ntranslations: [oslo-b, oslo-a]\n")
    case(project_copy, "oslo-c-fr", "language: fr\ntranslations: [oslo-c]\n")
    whole = checked(project_copy)[1]
    assert [line.split(": ", 2)[:2] for line in whole] == [["practices/oslo-b-de.md:10", "translations[0]"],
                                                           ["practices/oslo-b-de.md:10", "translations[1]"]]
    alone = check_practices(project_copy.practices_dir, project_copy.vocabulary(), project_copy.schema(),
                            root=project_copy.root, paths=[project_copy.practices_dir / "oslo-a.md"])[1]
    assert [str(problem) for problem in alone] == whole
    for untouched in ("oslo-c.md", "oslo-c-fr.md"):
        assert check_practices(project_copy.practices_dir, project_copy.vocabulary(), project_copy.schema(),
                               root=project_copy.root, paths=[project_copy.practices_dir / untouched])[1] == []
    told = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), "--root", str(project_copy.root),
                           str(project_copy.practices_dir / "oslo-a.md")], capture_output=True, text=True)
    assert told.returncode != 0 and whole[0] in told.stdout + told.stderr, told


def test_a_full_width_code_is_given_its_code(project_copy):
    case(project_copy, "oslo-a", "language: ｆｒ\n")
    [told] = checked(project_copy)[1]
    assert told.startswith("practices/oslo-a.md:9: language: 'ｆｒ' is not a language's") and "did you mean 'fr' (French)?" in told
