"""A case file is untrusted input: every hostile file becomes a problem that names the file, the field and the fix.

Each test writes its hostile files into a copy of the project next to a good case, runs the
real checker and asserts the problem, and that the good case is still read. Files that would
crash, hang or exhaust the memory of an unguarded reader are checked in a child process with a
time and memory limit, so a missing guard fails the test instead of the test run.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from icp.check.validate import check_practices
from icp.read.casefile import MAX_CASE_BYTES, CaseFileError, parse_case_bytes, parse_case_text, read_case_file
from icp.read.characters import BODY_REFUSED, FRONT_MATTER_REFUSED
from icp.read.inventory import MAX_IMAGE_BYTES, local_images
from icp.site import Project

from conftest import ROOT, examples, write_case

GOOD_SLUG = "a-good-case"
ISOLATED = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
sys.path.insert(0, sys.argv[1])
from icp.site import Project
from icp.check.validate import check_practices
project = Project(Path(sys.argv[2]))
practices, problems = check_practices(project.practices_dir, project.vocabulary(), project.schema(), root=project.root)
print(json.dumps({"slugs": [p.slug for p in practices], "problems": [str(problem) for problem in problems]}))
"""


def _image(kind: str) -> bytes:
    """A real, tiny image in ``kind``: the validator decodes every image, so a header alone is refused."""
    out = io.BytesIO()
    Image.new("RGB", (4, 3), (30, 120, 200)).save(out, kind)
    return out.getvalue()


PNG, JPEG, GIF, WEBP = (_image(kind) for kind in ("PNG", "JPEG", "GIF", "WEBP"))


def case_text(front_extra: str = "", body: str = "\n## Summary\n\nA short plain summary.\n", **fields) -> str:
    """A case file's text: title to summary on lines 2 to 7, ``front_extra`` from line 8, then evidence, the body
    from line 10 on (without ``front_extra``)."""
    values = dict(title="Hostile case", city="Oslo", country="Norway", year="2010", topics="[Education]",
                  summary="A short plain summary.")
    values.update(fields)
    return ("---\n" + "".join(f"{key}: {value}\n" for key, value in values.items()) + front_extra
            + "evidence: none given\n---\n" + body)


def problems_of(project: Project, *, isolated: bool = False) -> list[str]:
    """Every problem the checker reports; asserts the good case beside the hostile files was read."""
    write_case(project.practices_dir, GOOD_SLUG)
    if isolated:
        result = subprocess.run([sys.executable, "-c", ISOLATED, str(ROOT / "hooks"), str(project.root)],
                                capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, f"the checker failed (exit {result.returncode}):\n{result.stderr[-3000:]}"
        report = json.loads(result.stdout)
        slugs, problems = report["slugs"], report["problems"]
    else:
        practices, found = check_practices(project.practices_dir, project.vocabulary(), project.schema(),
                                           root=project.root)
        slugs, problems = [practice.slug for practice in practices], [str(problem) for problem in found]
    assert GOOD_SLUG in slugs
    assert not [problem for problem in problems if GOOD_SLUG in problem]
    return problems


def only_problem(project: Project, name: str, text: str | bytes, *, isolated: bool = False) -> str:
    path = project.practices_dir / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    problems = problems_of(project, isolated=isolated)
    assert len(problems) == 1, problems
    assert len(problems[0]) < 600, "a message must quote a short excerpt, never the whole value"
    return problems[0]


def assert_problem(problem: str, where: str, field: str, *fixes: str) -> None:
    """``where`` is 'practices/x.md' or 'practices/x.md:7'; ``fixes`` are words the message must hold."""
    assert problem.startswith(f"{where}: {field}: "), problem
    for fix in fixes:
        assert fix in problem, f"{fix!r} not in {problem!r}"


# --- YAML that crashes, explodes or smuggles objects ---------------------------------------------

@pytest.mark.parametrize("depth", [1_000, 60_000])
def test_deep_nesting_is_refused_without_recursion(project_copy, depth):
    """60,000 levels crash libyaml's composer (a segfault): hence the child process."""
    text = case_text("sources: " + "[" * depth + "]" * depth + "\n")
    problem = only_problem(project_copy, "deep.md", text, isolated=depth > 1_000)
    assert_problem(problem, "practices/deep.md:8", "sources[0][0][0]", "nested more than 4 levels deep")


def test_deep_block_nesting_is_refused(project_copy):
    text = case_text("sources:\n" + "".join(" " * level + "a:\n" for level in range(1, 600)))
    problem = only_problem(project_copy, "deep-block.md", text)
    assert_problem(problem, "practices/deep-block.md:12", "sources.a.a.a", "nested more than 4 levels deep")


def test_billion_laughs_is_refused_at_the_first_anchor(project_copy):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    text = case_text("\n".join(levels) + "\n")
    problem = only_problem(project_copy, "laughs.md", text, isolated=True)
    assert_problem(problem, "practices/laughs.md:8", "a", "the anchor '&a' is not allowed", "write every value out")


def test_an_alias_is_refused(project_copy):
    problem = only_problem(project_copy, "alias.md", case_text(city="*town"))
    assert_problem(problem, "practices/alias.md:3", "city", "the alias '*town' is not allowed", "write the value out")


@pytest.mark.parametrize("extra, line, field", [
    ("<<: {subtitle: merged}\n", 8, "front matter"),
    ("sources:\n  - <<: {title: merged}\n", 9, "sources[0]"),
])
def test_merge_keys_are_refused(project_copy, extra, line, field):
    problem = only_problem(project_copy, "merge.md", case_text(extra))
    assert_problem(problem, f"practices/merge.md:{line}", field, "the merge key '<<' is not allowed", "write the keys out")


@pytest.mark.parametrize("value, shown", [
    ("!!binary aGVsbG8=", "!!binary"),
    ("!!set {a, b}", "!!set"),
    ("!!python/object/apply:os.system ['true']", "!!python/object/apply:os.system"),
    ("!!python/name:os.system ''", "!!python/name:os.system"),
    ("!foo bar", "!foo"),
    ("! bar", "!"),
    ("!!str Oslo", "!!str"),
])
def test_explicit_tags_are_refused(project_copy, value, shown):
    problem = only_problem(project_copy, "tagged.md", case_text(city=value))
    assert_problem(problem, "practices/tagged.md:3", "city", f"the tag '{shown}' is not allowed", "remove it")


def test_a_key_that_is_a_list_is_refused(project_copy):
    problem = only_problem(project_copy, "list-key.md", case_text("? [a, b]\n: c\n"))
    assert_problem(problem, "practices/list-key.md:8", "front matter", "a key must be a name")


def test_a_front_matter_of_one_long_text_is_quoted_briefly(project_copy):
    problem = only_problem(project_copy, "scalar.md", "---\n" + "x" * 1_500 + "\n---\n\n## Summary\n\nText.\n")
    assert problem.startswith("practices/scalar.md:2: front matter: must be a list of 'key: value' lines"), problem
    assert "'xxxx" in problem and "…' (1,500 characters)" in problem


LONG = "y" * 1_500


@pytest.mark.parametrize("fields, line, field, fix", [
    ({"country": LONG}, 4, "country", "is not a country in the vocabulary"),
    ({"topics": f"[{LONG}]"}, 6, "topics[0]", "is not a topic"),
    ({"related": f"[{LONG}]"}, 8, "related[0]", "exists"),
    ({"sources": f'[{{title: "A source", url: "ftp{LONG}"}}]'}, 8, "sources[0].url", "is not an http(s) URL"),
])
def test_a_long_wrong_value_is_quoted_briefly(project_copy, fields, line, field, fix):
    problem = only_problem(project_copy, "long-value.md", case_text(**fields))
    assert_problem(problem, f"practices/long-value.md:{line}", field, "yyyy…'" if field != "related[0]" else "yyyy….md'",
                   fix)


def test_too_many_values_are_refused(project_copy):
    text = case_text(related="[" + ", ".join(["x"] * 6_000) + "]")
    problem = only_problem(project_copy, "many.md", text)
    assert_problem(problem, "practices/many.md:8", "related[4981]", "more than 5,000", "move long lists into the body")


# --- Numbers and words that YAML 1.1 reads as something else -------------------------------------

def test_a_year_of_5000_digits_is_refused_briefly(project_copy):
    problem = only_problem(project_copy, "digits.md", case_text(year="1" * 5_000))
    assert_problem(problem, "practices/digits.md:5", "year", "is 5,000 characters long", "shorten it")


def test_a_year_of_100_digits_is_text_and_quoted_briefly(project_copy):
    problem = only_problem(project_copy, "digits.md", case_text(year="1" * 100))
    assert_problem(problem, "practices/digits.md:5", "year", "expected a whole number, found the text '1111",
                   "…' (100 characters)", "write the year as four digits, e.g. year: 2010")


@pytest.mark.parametrize("written", ["33:30", "0x7DA", "0o3732", "0b11111011010", "2_010"])
def test_yaml_1_1_integers_stay_text_with_a_hint(project_copy, written):
    problem = only_problem(project_copy, "year.md", case_text(year=written))
    assert_problem(problem, "practices/year.md:5", "year", f"found the text '{written}'",
                   "write the year as four digits, e.g. year: 2010")


@pytest.mark.parametrize("written, first, span", [("2019-2020", "2019", "2019–2020"), ("2019–20", "2019", "2019–20")])
def test_a_span_of_years_is_told_to_go_in_period(project_copy, written, first, span):
    problem = only_problem(project_copy, "span.md", case_text(year=written))
    assert_problem(problem, "practices/span.md:5", "year", f"put the first year in 'year' and the span in 'period', "
                   f"e.g. year: {first} and period: \"{span}\"")


@pytest.mark.parametrize("lat", [".nan", ".NaN", ".inf", "-.inf", ".Inf"])
def test_nan_and_infinity_spelled_out_stay_text(project_copy, lat):
    problem = only_problem(project_copy, "nan.md", case_text(f"lat: {lat}\nlon: 10.7\n"))
    assert_problem(problem, "practices/nan.md:8", "lat", f"expected a number, found the text '{lat}'",
                   "write it as a decimal number")


@pytest.mark.parametrize("lon", ["1e999", "-1e999", "1.0e+400"])
def test_a_number_too_large_to_be_finite_is_refused(project_copy, lon):
    problem = only_problem(project_copy, "inf.md", case_text(f"lat: 59.9\nlon: {lon}\n"))
    assert_problem(problem, "practices/inf.md:9", "lon", "must be a finite number", "write a decimal number")


def test_only_true_and_false_are_booleans_and_only_decimals_are_numbers():
    text = case_text("subtitle: yes\norganisation: off\nperiod: 2010-01-01\ncontact: 1_000\n", city="on")
    meta = parse_case_text(Path("x.md"), text).meta
    assert (meta["subtitle"], meta["organisation"], meta["city"]) == ("yes", "off", "on")
    assert (meta["period"], meta["contact"]) == ("2010-01-01", "1_000")
    flags = parse_case_text(Path("x.md"), "---\na: true\nb: False\nc: ~\nd: null\ne:\nf: +12\ng: 1e3\n---\n").meta
    assert flags == {"a": True, "b": False, "c": None, "d": None, "e": None, "f": 12, "g": 1000.0}


# --- Characters nobody can see ---------------------------------------------------------------------

@pytest.mark.parametrize("written, code", [
    ("Os\x07lo", "U+0007"), ("Os\x7flo", "U+007F"), ("Os\x85lo", "U+0085"), ("Os\x9blo", "U+009B"),
    ("Os\u202elo", "U+202E"), ("Os\u2066lo", "U+2066"),
])
def test_raw_invisible_characters_in_the_front_matter_are_refused(project_copy, written, code):
    problem = only_problem(project_copy, "raw.md", case_text(city=written))
    assert_problem(problem, "practices/raw.md:3", "city", f"line 3, column 9 holds the", code, "remove it")


@pytest.mark.parametrize("escape, code", [
    (r"\x07", "U+0007"), (r"\e", "U+001B"), (r"\0", "U+0000"), (r"\x7f", "U+007F"), (r"\N", "U+0085"),
    (r"\u009b", "U+009B"), (r"\u202e", "U+202E"), (r"\u2069", "U+2069"),
])
def test_escaped_invisible_characters_are_refused_in_keys_and_nested_values(project_copy, escape, code):
    text = case_text(f'sources:\n  - title: "A report{escape}"\n')
    problem = only_problem(project_copy, "escaped.md", text)
    assert_problem(problem, "practices/escaped.md:9", "sources[0].title", f"the value holds the", code, "remove it")
    text = case_text(f'"sub{escape}title": x\n')
    problem = only_problem(project_copy, "escaped.md", text)
    assert_problem(problem, "practices/escaped.md:8", "front matter", "the key 'sub\\u", code, "remove it")


@pytest.mark.parametrize("escape, code", [(r"\ud800", "U+D800"), (r"\udfff", "U+DFFF"), (r"\ud83d\ude00", "U+D83D")])
def test_escaped_lone_surrogates_are_refused(project_copy, escape, code):
    problem = only_problem(project_copy, "surrogate.md", case_text(city=f'"Oslo{escape}"'))
    assert_problem(problem, "practices/surrogate.md:3", "city", code, "surrogate pair",
                   "write the character itself")


def test_invisible_characters_in_the_body_are_refused_by_line(project_copy):
    body = "\n## Summary\n\nA short plain summary.\n\nA bell\x07 here,\nan escape\x1b there,\nok\nand\x9b\n"
    problem = only_problem(project_copy, "body.md", case_text(body=body))
    assert_problem(problem, "practices/body.md:15", "body", "line 15 holds the invisible control character U+0007",
                   "(and on lines 16, 18)", "remove it")


def test_bidirectional_controls_are_allowed_in_the_body(project_copy):
    path = project_copy.practices_dir / "rtl.md"
    path.write_text(case_text(body="\n## Summary\n\nשלום \u2067abc\u2069 עולם\n"), encoding="utf-8")
    assert problems_of(project_copy) == []


def test_real_writing_with_combining_marks_is_accepted(project_copy):
    """Decomposed Vietnamese (two marks on a letter) and pointed, cantillated Hebrew pass; only towers are refused."""
    vietnamese = "Tie\u0302\u0301ng Vie\u0323\u0302t"
    hebrew = "\u05d1\u05bc\u05b0\u0591\u05e8\u05b5\u05d0\u05e9\u05c1\u05b4\u05bc\u0596\u05d9\u05ea"
    path = project_copy.practices_dir / "marks.md"
    path.write_text(case_text(title=f'"{vietnamese} {hebrew}"', body=f"\n## Summary\n\n{vietnamese} {hebrew}\n"),
                    encoding="utf-8")
    assert problems_of(project_copy) == []


@pytest.mark.parametrize("where", ["title", "body", "escaped"])
def test_a_tower_of_combining_marks_is_refused_where_it_is(where):
    tower = "Z" + "\u0301\u0300\u0302" * 5
    text = {"title": case_text(title=f'"A {tower}"'),
            "body": case_text(body=f"\n## Summary\n\nA {tower}\n"),
            "escaped": case_text(title='"A Z' + "\\u0301" * 15 + '"')}[where]
    with pytest.raises(CaseFileError) as raised:
        parse_case_text(Path("x.md"), text)
    assert raised.value.field == ("body" if where == "body" else "title")
    assert raised.value.line == (13 if where == "body" else 2)
    assert "15 combining marks (accents) in a row" in raised.value.message
    assert raised.value.message.endswith("keep at most 6 on one letter")


def test_a_lone_surrogate_in_the_body_is_refused(project_copy):
    text = case_text(body="\n## Summary\n\nhalf \ud800 a pair\n")
    with pytest.raises(CaseFileError) as raised:
        parse_case_text(Path("x.md"), text)
    assert raised.value.field == "body" and raised.value.line == 13 and "U+D800" in raised.value.message
    problem = only_problem(project_copy, "surrogate-body.md", text.encode("utf-8", "surrogatepass"))
    assert problem == ("practices/surrogate-body.md:13: the file is not UTF-8 (byte 0xed at line 13); "
                       "save it with UTF-8 encoding")


# --- Files that are not what they seem ---------------------------------------------------------

def test_a_case_file_over_1_mb_is_refused_unread(project_copy):
    text = case_text(body="\n## Summary\n\n" + "word " * (MAX_CASE_BYTES // 5) + "\n")
    problem = only_problem(project_copy, "huge.md", text)
    assert_problem(problem, "practices/huge.md", "file", f"is {len(text.encode()):,} bytes", "256 KB (256,000 bytes)",
                   "shorten the text")
    with pytest.raises(CaseFileError, match="256 KB"):
        parse_case_bytes(Path("huge.md"), text.encode())


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_refused_fast(project_copy, target):
    (project_copy.practices_dir / "endless.md").symlink_to(target)
    problems = problems_of(project_copy, isolated=True)
    assert problems == ["practices/endless.md: file: the file is a symbolic link, and links are never followed; "
                        "replace it with the case file itself"]


@pytest.mark.parametrize("target", ["/etc/passwd", "a-good-case.md", "loop.md", "missing.md"])
def test_links_are_never_followed(project_copy, target):
    (project_copy.practices_dir / "loop.md").symlink_to(target)
    problems = problems_of(project_copy)
    assert problems == ["practices/loop.md: file: the file is a symbolic link, and links are never followed; "
                        "replace it with the case file itself"]


def test_a_pipe_named_like_a_case_is_never_opened(project_copy):
    os.mkfifo(project_copy.practices_dir / "pipe.md")
    problems = problems_of(project_copy, isolated=True)
    assert problems == ["practices/pipe.md: file: this is not a regular file (it is a pipe, socket or device); "
                        "remove it: a case is a plain text file"]


def test_a_device_named_like_a_case_is_never_opened(project_copy):
    try:
        os.mknod(project_copy.practices_dir / "device.md", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here")
    problems = problems_of(project_copy, isolated=True)
    assert problems == ["practices/device.md: file: this is not a regular file (it is a pipe, socket or device); "
                        "remove it: a case is a plain text file"]


def test_a_folder_named_like_a_case_is_reported(project_copy):
    (project_copy.practices_dir / "folder.md").mkdir()
    assert problems_of(project_copy) == [
        "practices/folder.md: file: this is a folder, not a case file; rename it so that its name does not end "
        "in '.md', or move it out of practices/"]


# --- What else lies in practices/ ------------------------------------------------------------------

def test_stray_files_and_folders_are_reported(project_copy):
    practices = project_copy.practices_dir
    (practices / "notes.txt").write_text("todo")
    (practices / "Oslo-Case.markdown").write_text(case_text())
    try:
        (practices / "X.MD").write_text(case_text())
    except OSError:
        pass
    (practices / "drafts").mkdir()
    (practices / "drafts" / "draft.md").write_text(case_text())
    (practices / ".x.md.swp").write_text("vim's swap file is litter, never read as a case")
    problems = problems_of(project_copy)
    allowed = ("only case files (*.md), taxonomy.yml, practice.schema.json and the folder images/ belong in "
               "practices/")
    expected = [
        "practices/Oslo-Case.markdown: file: 'Oslo-Case.markdown' is not read as a case (case files end in '.md', "
        "in lowercase); rename it to 'oslo-case.md'",
        f"practices/drafts: file: the folder 'drafts/' is not allowed here; {allowed}: move it out",
        f"practices/notes.txt: file: 'notes.txt' is not a case and is never read; {allowed}: move or remove it",
        "practices/.x.md.swp: file: '.x.md.swp' is Vim's swap file, kept while the file is open in Vim (or left by "
        "a crash), not part of the site; delete it (close the file in the editor first) and do not commit it",
    ]
    if (practices / "X.MD").exists() and "X.MD" in os.listdir(practices):
        expected.insert(0, "practices/X.MD: file: 'X.MD' is not read as a case (case files end in '.md', in "
                           "lowercase); rename it to 'x.md'")
    assert problems == sorted(expected)


def test_a_file_list_from_the_command_line_is_not_blamed_for_stray_files(project_copy):
    (project_copy.practices_dir / "notes.txt").write_text("todo")
    path = write_case(project_copy.practices_dir, "oslo-welcome")
    _, problems = check_practices(project_copy.practices_dir, project_copy.vocabulary(), project_copy.schema(),
                                  root=project_copy.root, paths=[path])
    assert problems == []


def test_valid_images_are_listed_and_everything_else_in_images_is_reported(project_copy):
    images = project_copy.practices_dir / "images"
    images.mkdir()
    good = {"map.png": PNG, "photo-2019.jpg": JPEG, "hall.jpeg": JPEG, "anim.gif": GIF, "poster-1.webp": WEBP}
    for name, data in good.items():
        (images / name).write_bytes(data)
    (images / "logo.svg").write_text("<svg onload='alert(1)'/>")
    (images / "photo.png").write_bytes(JPEG)
    (images / "fake.gif").write_bytes(b"<html>")
    (images / "Town Hall.PNG").write_bytes(PNG)
    (images / "big.png").write_bytes(PNG)
    os.truncate(images / "big.png", MAX_IMAGE_BYTES + 1)
    (images / "link.png").symlink_to(images / "map.png")
    (images / "zero.png").symlink_to("/dev/zero")
    (images / "sub").mkdir()
    os.mkfifo(images / "pipe.png")
    (images / "data.bin").write_bytes(PNG)
    problems = problems_of(project_copy, isolated=True)
    expected = {
        "big.png": ["is 2,000,001 bytes", "at most 2 MB", "scale it down"],
        "data.bin": ["'.bin' is not an allowed image type", "save it as PNG, JPEG, GIF or WebP"],
        "fake.gif": ["is not a GIF image (its first bytes do not match)", "save it again as GIF"],
        "link.png": ["is a symbolic link", "put the image file itself here"],
        "logo.svg": ["an SVG image can carry scripts", "save it as PNG"],
        "photo.png": ["holds a JPEG image, not PNG", "rename it to 'photo.jpg'"],
        "pipe.png": ["is not a regular file", "remove it"],
        "sub": ["the folder 'sub/' is not allowed in images/", "move its images up"],
        "Town Hall.PNG": ["not a valid image name", "rename it to 'town-hall.png'"],
        "zero.png": ["is a symbolic link"],
    }
    assert len(problems) == len(expected), problems
    for problem, (name, fixes) in zip(problems, sorted(expected.items())):
        assert_problem(problem, f"practices/images/{name}", "image", *fixes)
    assert [path.name for path in local_images(project_copy.practices_dir)] == sorted(good)


@pytest.mark.parametrize("make", ["file", "link"])
def test_images_must_be_a_real_folder(project_copy, tmp_path, make):
    images = project_copy.practices_dir / "images"
    if make == "file":
        images.write_bytes(PNG)
    else:
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "elsewhere" / "map.png").write_bytes(PNG)
        images.symlink_to(tmp_path / "elsewhere")
    assert problems_of(project_copy) == [
        "practices/images: file: 'images' must be a folder of images (not a file or a link); replace it with a "
        "real folder"]
    assert local_images(project_copy.practices_dir) == []


# --- The real cases, and anything at all --------------------------------------------------------

def _pyyaml_front_matter(path: Path) -> dict:
    """PyYAML's safe reading of a case, dates kept as text: the reading before the reader was hardened."""
    class DatesAsText(yaml.SafeLoader):
        pass

    DatesAsText.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(path.read_text(encoding="utf-8").split("---\n")[1], Loader=DatesAsText)


def _pyyaml_lines(path: Path) -> dict[tuple, int]:
    """The line of every value as PyYAML's composer places it: a key's line for a mapping value."""
    lines: dict[tuple, int] = {}
    pending = [(yaml.compose(path.read_text(encoding="utf-8").split("---\n")[1], Loader=yaml.SafeLoader), ())]
    while pending:
        node, location = pending.pop()
        lines.setdefault(location, node.start_mark.line + 2)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[location + (key.value,)] = key.start_mark.line + 2
                pending.append((value, location + (key.value,)))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend((item, location + (index,)) for index, item in enumerate(node.value))
    return lines


def test_the_real_cases_still_load_unchanged():
    paths = sorted((ROOT / "practices").glob("*.md"))
    index = Project(ROOT).load_index()
    assert sorted(practice.slug for practice in index.practices) == sorted(path.stem for path in paths)
    for path in paths:
        case = read_case_file(path)
        assert case.meta == _pyyaml_front_matter(path), path.name
        assert case.lines == _pyyaml_lines(path), path.name


@pytest.mark.parametrize("front", [
    "sources: " + "[" * 1_000 + "]" * 1_000 + "\n",
    "a: &a [x]\nb: *a\n",
    "<<: {subtitle: merged}\n",
    "city2: !!binary aGVsbG8=\n",
    'subtitle: "half \\ud800"\n',
    'subtitle: "bell \\x07"\n',
    "lat: 1e999\nlon: 1\n",
    "related: [" + ", ".join(["x"] * 6_000) + "]\n",
])
def test_without_libyaml_the_same_is_refused(monkeypatch, front):
    import icp.read.frontmatter

    text = case_text(front)
    with pytest.raises(CaseFileError) as fast:
        parse_case_text(Path("x.md"), text)
    monkeypatch.setattr(icp.read.frontmatter, "_EventReader", yaml.BaseLoader)
    with pytest.raises(CaseFileError) as plain:
        parse_case_text(Path("x.md"), text)
    assert (plain.value.message, plain.value.field, plain.value.line) == \
        (fast.value.message, fast.value.field, fast.value.line)


_yaml_ish = st.text(alphabet=st.sampled_from(list("ab01:-[]{},&*!|>'\"#%@`?<=~. \n\t\\xu") + ["\x07", "\u202e", "é"]),
                    max_size=80)
_any_text = st.text(st.characters(blacklist_categories=()), max_size=30)
_scalars = st.none() | st.booleans() | st.integers() | st.floats() | _any_text
_trees = st.recursive(_scalars, lambda children: st.lists(children, max_size=4)
                      | st.dictionaries(_any_text, children, max_size=4), max_leaves=12)


def _fronts():
    escaped = st.builds(lambda key, value: f"{key}: {json.dumps(value)}\n", st.sampled_from(["title", "city", "x"]),
                        _any_text)
    dumped = _trees.map(lambda tree: yaml.dump({"title": tree}, allow_unicode=False))
    flow = _trees.map(lambda tree: f"city: {json.dumps(tree, ensure_ascii=False)}\n")
    return st.one_of(_yaml_ish, escaped, dumped, flow)


def _assert_plain_data(value, found):
    if isinstance(value, dict):
        for key, item in value.items():
            _assert_plain_data(key, found)
            _assert_plain_data(item, found)
    elif isinstance(value, list):
        for item in value:
            _assert_plain_data(item, found)
    elif isinstance(value, str):
        assert not FRONT_MATTER_REFUSED.search(value), value
    elif isinstance(value, float):
        assert math.isfinite(value)
    else:
        assert value is None or isinstance(value, (bool, int)), value
        assert not isinstance(value, int) or abs(value) < 10 ** 16
    found.append(value)


@settings(max_examples=examples(400, thorough=1000), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=_fronts(), body=_any_text, as_text=st.booleans())
def test_any_front_matter_is_read_as_plain_data_or_refused(front, body, as_text):
    text = "---\n" + front + ("" if front.endswith("\n") else "\n") + "---\n\n## Summary\n\n" + body + "\n"
    try:
        if as_text:
            case = parse_case_text(Path("fuzz.md"), text)
        else:
            case = parse_case_bytes(Path("fuzz.md"), text.encode("utf-8", "surrogatepass"))
    except CaseFileError as error:
        assert error.message and (error.line is None or error.line >= 1)
        return
    _assert_plain_data(case.meta, [])
    json.dumps(case.meta, allow_nan=False, ensure_ascii=False).encode("utf-8")
    assert not BODY_REFUSED.search(case.body)


@settings(max_examples=examples(80, thorough=150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fronts=st.lists(_fronts(), min_size=1, max_size=4))
def test_the_checker_reports_any_front_matter_as_problems(project_copy, fronts):
    practices = project_copy.practices_dir
    for old in practices.glob("fuzz-*.md"):
        old.unlink()
    for number, front in enumerate(fronts):
        text = case_text(front + ("" if front.endswith("\n") else "\n"))
        (practices / f"fuzz-{number}.md").write_bytes(text.encode("utf-8", "surrogatepass"))
    problems = problems_of(project_copy)
    assert all(re.match(r"practices/fuzz-\d\.md(:\d+)?: ", problem) for problem in problems), problems
