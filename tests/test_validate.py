"""The validator: one bad fixture per rule, each checked against the exact message an editor sees."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from icp.check.validate import check_practices

from conftest import ROOT, write_case

FIXTURES = ROOT / "tests" / "fixtures" / "bad"
THIS_YEAR = datetime.date.today().year  # a copy of the project is no git checkout: built today
from icp.body.wording import FIX_TAG  # noqa: E402

# Every rule of the validator, by the fixture that breaks it, with the exact lines it must print.
EXPECTED = {
    "not-utf8.md": ["practices/not-utf8.md:3: the file is not UTF-8 (byte 0xf8 at line 3); save it with UTF-8 encoding"],
    "no-front-matter.md": [
        "practices/no-front-matter.md:1: the file has no front matter; it must start with a line '---', then the keys "
        "(title, city, country, year, topics, summary, evidence), then another line '---'"],
    "yaml-error.md": [
        "practices/yaml-error.md:2: title: the front matter is not valid YAML: mapping values are not allowed here "
        "(line 2, column 20); check the indentation and put quotes around values that contain ': ' or start "
        "with a special character"],
    "not-a-mapping.md": [
        "practices/not-a-mapping.md:2: front matter: must be a list of 'key: value' lines, not a list; write each "
        "key and its value on a line of its own, e.g. title: The practice's name"],
    "missing-key.md": [
        "practices/missing-key.md:8: city: the required key 'city' is missing; add it to the front matter, "
        "between the '---' lines (lines 1 and 8), e.g. city: Copenhagen"],
    "unknown-key.md": [
        "practices/unknown-key.md:8: organization: 'organization' is not an allowed key; did you mean "
        "'organisation'? (allowed: budget, city, contact, country, evidence, language, lat, lon, organisation, partners, "
        "period, related, sources, status, status_date, subtitle, summary, target_groups, title, topics, translations, year)"],
    "year-quoted.md": [
        "practices/year-quoted.md:5: year: expected a whole number, found the text '2010'; remove the quotes: year: 2010"],
    "topics-not-a-list.md": [
        "practices/topics-not-a-list.md:6: topics: expected a list, found the text 'Education'; write it as a "
        "list, e.g. topics: [Education]"],
    "summary-too-long.md": [
        "practices/summary-too-long.md:7: summary: is 319 characters long; shorten it to at most 300"],
    "blank-text.md": [
        "practices/blank-text.md:2: title: has no visible text (only spaces or invisible characters); fill it in",
        "practices/blank-text.md:3: subtitle: has no visible text (only spaces or invisible characters); fill it in "
        "or remove the key"],
    "source-url-line-break.md": [
        "practices/source-url-line-break.md:10: sources[0].url: has a space or a line break in it; write the "
        "address on one line, without spaces (write a space inside an address as %20)"],
    "summary-nested-link.md": [
        "practices/summary-nested-link.md:7: summary: must be plain text: remove HTML tags and Markdown "
        "(links, **bold**, `code`, # headings)"],
    "summary-not-plain.md": [
        "practices/summary-not-plain.md:7: summary: must be plain text: remove HTML tags and Markdown "
        "(links, **bold**, `code`, # headings)"],
    "unknown-topic.md": [
        "practices/unknown-topic.md:6: topics[1]: 'Educaton' is not a topic; did you mean 'Education'? "
        "(the topics are listed in practices/taxonomy.yml)"],
    "unknown-country.md": [
        "practices/unknown-country.md:4: country: 'Norwey' is not a country in the vocabulary; did you mean "
        "'Norway'? (add a new country to practices/taxonomy.yml in the same pull request)"],
    "duplicate-topic.md": [
        "practices/duplicate-topic.md:9: topics[2]: 'Education' is listed more than once; keep one"],
    "year-out-of-range.md": [
        f"practices/year-out-of-range.md:5: year: 1900 is out of range; give a year from 1945 to {THIS_YEAR}"],
    "year-in-future.md": [
        f"practices/year-in-future.md:5: year: 3000 is after {THIS_YEAR}, the year this build is dated (SOURCE_DATE_EPOCH, "
        f"else the last commit's date, never after today); give a year from 1945 to {THIS_YEAR} (a practice dated in "
        "the future would list first everywhere)"],
    "year-not-whole.md": [
        "practices/year-not-whole.md:5: year: expected a whole number, found the number 2010.5; write a whole "
        "number, e.g. year: 2010"],
    "Not_A_Slug.md": [
        "practices/Not_A_Slug.md: file name: 'Not_A_Slug.md' is not a valid slug: use lowercase ASCII letters, "
        "digits and single hyphens; rename it to 'not-a-slug.md'"],
    "index.md": [
        "practices/index.md: file name: 'index' is reserved for a page the site makes; choose another name, "
        "e.g. '<city>-index-practice.md'"],
    "related-missing.md": [
        "practices/related-missing.md:9: related[0]: no case 'practices/related-mising.md' exists; write the file "
        "name of an existing case, without .md, or remove it"],
    "related-self.md": [
        "practices/related-self.md:8: related[0]: 'related-self' is this case itself; remove it"],
    "source-url.md": [
        "practices/source-url.md:10: sources[0].url: 'www.oslo.kommune.no/report' is not an http(s) URL; "
        "write it in full, starting with https://"],
    "empty-body.md": [
        "practices/empty-body.md:10: body: the text below the front matter is empty; write at least the Summary section"],
    "heading-differs.md": [
        "practices/heading-differs.md:11: body: the level-1 heading 'Welcome office' differs from the title; "
        "remove it (the page takes its heading from 'title') or use '##' for a section"],
    "lat-out-of-range.md": [
        "practices/lat-out-of-range.md:8: lat: 159.91 is out of range; it must be between -90 and 90"],
    "coordinates-swapped.md": [
        "practices/coordinates-swapped.md:8: lat: 10.7522, 59.9139 lies outside Norway; latitude and longitude look "
        "swapped: write lat: 59.9139 and lon: 10.7522"],
    "lat-without-lon.md": [
        "practices/lat-without-lon.md:8: lat: 'lat' is given without 'lon'; give both coordinates or neither"],
    "evidence-missing.md": [
        "practices/evidence-missing.md:8: evidence: the required key 'evidence' is missing; add it to the front "
        "matter, between the '---' lines (lines 1 and 8), e.g. evidence: none given (exactly one of 'evaluated', "
        "'results reported', 'none given': what the sources show of the practice's results)"],
    "evidence-unknown.md": [
        "practices/evidence-unknown.md:8: evidence: 'evaluation' is not one of the allowed values; did you mean "
        "'evaluated'?; write exactly one of 'evaluated', 'results reported', 'none given' ('evaluated': a source "
        "is an evaluation, marked evaluation: true; 'results reported': a source gives outcomes or figures; "
        "'none given': no source gives results)"],
    "evaluated-without-evaluation.md": [
        "practices/evaluated-without-evaluation.md:8: evidence: is 'evaluated' but no source is marked as an "
        "evaluation; add evaluation: true to the source that evaluates the practice (list it under sources: if "
        "it is not there), or write 'results reported' or 'none given'"],
    "evaluation-not-evaluated.md": [
        "practices/evaluation-not-evaluated.md:14: sources[1].evaluation: marks this source as an evaluation of "
        "the practice, but evidence is 'results reported'; write evidence: evaluated, or remove evaluation: true "
        "if the source is not an evaluation"],
    "status-date-without-status.md": [
        "practices/status-date-without-status.md:9: status_date: 'status_date' is given without 'status'; add "
        "status: ended (or ongoing) as the source says, or remove status_date"],
    "status-unknown.md": [
        "practices/status-unknown.md:9: status: 'finished' is not one of the allowed values; write exactly one of "
        "'ongoing', 'ended' ('ongoing' or 'ended', as the source says; leave status out when it does not say)",
        "practices/status-unknown.md:12: partners[1]: name an organisation or a group; no e-mail addresses or "
        "phone numbers"],
    "duplicate-key.md": [
        "practices/duplicate-key.md:7: city: the key appears twice; keep one 'city:' line"],
    "contact-personal.md": [
        "practices/contact-personal.md:8: contact: name an office or organisation; no personal e-mail "
        "addresses or phone numbers"],
    "body-unsafe-html.md": [
        f"practices/body-unsafe-html.md:14: body: the tag <script> is not allowed; remove it ({FIX_TAG})",
        "practices/body-unsafe-html.md:16: body: the event attribute onerror= on <img> is not allowed; remove it "
        "(nothing in a body may run script)",
        "practices/body-unsafe-html.md:16: body: the image 'desk.png' is not a file in practices/images/; put the "
        "image in that folder (lowercase name, .png, .jpg, .gif or .webp) and write its address as images/<name>",
        "practices/body-unsafe-html.md:18: body: the link 'javascript:alert(3)' uses 'javascript:'; links may only "
        "be https://, http://, mailto: or relative",
        f"practices/body-unsafe-html.md:20: body: the tag <iframe> is not allowed; remove it ({FIX_TAG})",
    ],
}


def run_validator(root: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(root), *map(str, files)],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def messages(project) -> list[str]:
    _, problems = check_practices(project.practices_dir, project.vocabulary(), project.schema(), root=project.root)
    return [str(problem) for problem in problems]


def test_every_fixture_has_its_expected_messages():
    assert sorted(path.name for path in FIXTURES.glob("*.md")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_rule_reports_file_line_field_and_fix(name, project_copy):
    shutil.copy(FIXTURES / name, project_copy.practices_dir / name)
    assert messages(project_copy) == EXPECTED[name]


def test_a_misspelt_related_case_is_suggested_but_never_the_case_itself(project_copy):
    shutil.copy(FIXTURES / "related-missing.md", project_copy.practices_dir / "related-missing.md")
    write_case(project_copy.practices_dir, "related-mixing")
    assert messages(project_copy) == [
        "practices/related-missing.md:9: related[0]: no case 'practices/related-mising.md' exists; "
        "did you mean 'related-mixing'?"]


def test_every_problem_in_every_file_in_one_run(project_copy):
    for name in EXPECTED:
        shutil.copy(FIXTURES / name, project_copy.practices_dir / name)
    write_case(project_copy.practices_dir, "a-good-case")
    result = run_validator(project_copy.root)
    assert result.returncode == 1
    printed = result.stderr.splitlines()
    expected = sorted(line for lines in EXPECTED.values() for line in lines
                      if "related-self" not in line and "related-missing" not in line)
    for line in expected:
        assert line in printed
    total = sum(len(lines) for lines in EXPECTED.values())
    assert printed[-1] == f"{total} problem(s) in {len(EXPECTED)} of {len(EXPECTED) + 1} case file(s)."
    assert "a-good-case" not in result.stderr


def test_files_named_on_the_command_line_are_checked_alone(project_copy):
    for name in ("unknown-topic.md", "year-quoted.md", "summary-too-long.md"):
        shutil.copy(FIXTURES / name, project_copy.practices_dir / name)
    result = run_validator(project_copy.root, project_copy.practices_dir / "unknown-topic.md",
                           project_copy.practices_dir / "year-quoted.md")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*EXPECTED["unknown-topic.md"], *EXPECTED["year-quoted.md"], "",
                                          "2 problem(s) in 2 of 2 case file(s)."]


def test_file_names_differing_only_in_case(tmp_path, project_copy):
    practices = project_copy.practices_dir
    write_case(practices, "oslo-welcome")
    try:
        write_case(practices, "Oslo-Welcome")
    except OSError:
        pytest.skip("this file system cannot hold two names that differ only in case")
    if len(list(practices.glob("*.md"))) < 2:
        pytest.skip("this file system folds case")
    names = "'Oslo-Welcome.md', 'oslo-welcome.md'"
    assert messages(project_copy) == [
        "practices/Oslo-Welcome.md: file name: 'Oslo-Welcome.md' is not a valid slug: use lowercase ASCII letters, "
        "digits and single hyphens; rename it to 'oslo-welcome.md'",
        f"practices/Oslo-Welcome.md: file name: {names} differ only in case and would overwrite each other's page; "
        "rename or merge them",
        f"practices/oslo-welcome.md: file name: {names} differ only in case and would overwrite each other's page; "
        "rename or merge them",
    ]


def test_a_file_name_with_letters_outside_ascii_is_given_their_transliteration(project_copy):
    write_case(project_copy.practices_dir, "Malmö Möte")
    assert messages(project_copy) == [
        "practices/Malmö Möte.md: file name: 'Malmö Möte.md' is not a valid slug: use lowercase ASCII letters, "
        "digits and single hyphens; rename it to 'malmo-mote.md'",
    ]


def test_a_good_case_passes(project_copy):
    write_case(project_copy.practices_dir, "oslo-welcome")
    result = run_validator(project_copy.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "All 1 case file(s) are valid.\n"


def test_the_schema_modeline_is_accepted(project_copy):
    path = write_case(project_copy.practices_dir, "oslo-welcome")
    text = path.read_text().replace("---\n", "---\n# yaml-language-server: $schema=practice.schema.json\n", 1)
    path.write_text(text.replace("year: 2010", "year: 2010x"))
    assert messages(project_copy) == [
        "practices/oslo-welcome.md:6: year: expected a whole number, found the text '2010x'; write a whole number "
        "without quotes, e.g. year: 2010"]
    path.write_text(text)
    assert messages(project_copy) == []


def test_a_year_written_with_a_decimal_point_is_refused(project_copy):
    write_case(project_copy.practices_dir, "oslo-welcome", year="2010.0")
    assert messages(project_copy) == [
        "practices/oslo-welcome.md:5: year: expected a whole number, found the number 2010.0; write it as year: 2010"]


@pytest.mark.parametrize("contact, refused", [
    ("City of Oslo, Welcome Office (2011-2014)", False),
    ("Welcome Office, tel. 22 33 44 55", True),
    ("welcome@oslo.example", True),
])
def test_contact_refuses_phone_numbers_but_not_year_spans(project_copy, contact, refused):
    path = write_case(project_copy.practices_dir, "oslo-welcome")
    path.write_text(path.read_text().replace("summary:", f"contact: {contact}\nsummary:"))
    assert bool(messages(project_copy)) is refused


def test_code_in_the_body_may_show_html(project_copy):
    path = write_case(project_copy.practices_dir, "oslo-welcome")
    path.write_text(path.read_text() + "\nUse `<script>` tags.\n\n```html\n<script>alert(1)</script>\n# Not a heading\n```\n")
    assert messages(project_copy) == []


def test_a_missing_key_points_at_the_closing_line_of_the_front_matter(project_copy):
    path = write_case(project_copy.practices_dir, "oslo-welcome")
    path.write_text(path.read_text().replace("city: Oslo\n", "").replace("summary:", "sources:\n  - publisher: City of Oslo\nsummary:"))
    lines = path.read_text().splitlines()
    closing = lines.index("---", 1) + 1
    assert messages(project_copy) == [
        f"practices/oslo-welcome.md:{lines.index('  - publisher: City of Oslo') + 1}: sources[0]: the required key "
        "'title' is missing; add it to this source, e.g. title: The source's title",
        f"practices/oslo-welcome.md:{closing}: city: the required key 'city' is missing; add it to the front matter, "
        f"between the '---' lines (lines 1 and {closing}), e.g. city: Copenhagen"]


def test_a_file_name_cannot_write_escape_sequences_or_lines_into_the_log(project_copy):
    """A file's name comes from a stranger: printed raw, ESC [2J would clear a terminal and a line break
    could forge a line (a CI log reads '::error' at a line's start as a command)."""
    write_case(project_copy.practices_dir, "a\x1b[2Jb\n::error::forged")
    result = run_validator(project_copy.root)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert not any(line.startswith("::") for line in (result.stdout + result.stderr).splitlines())
    assert "practices/a\\u001b[2Jb\\u000a::error::forged.md: file name:" in result.stdout + result.stderr


def test_an_invisible_character_is_shown_escaped_and_a_name_ending_in_a_line_break_is_refused(project_copy):
    """A zero-width space in a value is quoted as \\u200b (else the message quotes what looks right); a file
    named 'oslo-a<line break>.md' is no slug (a regular expression's '$' lets a final line break through)."""
    write_case(project_copy.practices_dir, "oslo-a", topics="Educ\u200bation")
    write_case(project_copy.practices_dir, "oslo-b").rename(project_copy.practices_dir / "oslo-b\n.md")
    told = messages(project_copy)
    assert any("topics[0]: 'Educ\\u200bation' is not a topic; did you mean 'Education'?" in line for line in told), told
    assert "practices/oslo-b\\u000a.md: file name: 'oslo-b\\u000a.md' is not a valid slug: use lowercase ASCII " \
           "letters, digits and single hyphens; rename it to 'oslo-b.md'" in told
