"""Every rule a case file must follow, with messages that say what to fix.

The rules come from two places: the JSON Schema in ``practices/practice.schema.json`` (keys,
types, lengths, the vocabulary) and the checks below that a schema cannot express (file
names, links between cases, the body). Every problem in every file is reported in one run.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from icp import i18n, routes, timing
from icp.body.convert import RenderedBody, render_body
from icp.builddate import build_date
from icp.check.cities import project_city_problems
from icp.check.images import prepared_images
from icp.check.links import SiteMap, term_counts
from icp.check.lookalikes import invisible_problem, mixed_problem
from icp.check import wording
from icp.check.messages import did_you_mean, explain_errors, is_required, kind_of, web_address_problem, year_range
from icp.check.translations import listed, translation_problems
from icp.check.said import said
from icp.check.problems import PracticeProblems, Problem, checker_failed, count_problems  # noqa: F401 - importers' names
from icp.generator.incremental import CheckedFiles
from icp.geo.locate import locate
from icp.practice import Practice
from icp.read.casefile import CaseFile, CaseFileError, parse_case_bytes, read_case_bytes
from icp.read.characters import excerpt
from icp.read.frontmatter import field_name
from icp.read.inventory import IMAGES_DIR, case_paths, folder_problems, local_images
from icp.read.schema import FrontMatterValidator, schema_for
from icp.read.vocabulary import Vocabulary, slugify

DOCS_DIR = "docs"
# The schema's maxLength: longer text is reported by the schema, and never searched by a pattern.
SUMMARY_LIMIT = 300
MAX_RELATED_CHECKED = 20
FILE_NAME_FIELD = "file name"  # what a problem of a case's file name is about, as the form names it too
CONTACT_LIMIT = 300
PEOPLE_LISTS = ("partners", "target_groups")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = frozenset({"index", "404", "search", "assets", "data"})
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
# Markdown a reader would see as stray signs: a link or image ("](" whatever the brackets hold), bold,
# code, a heading.
_MARKDOWN = re.compile(r"\]\(|!\[|\*\*|__|`|^\s*#", re.MULTILINE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"\+?\d[\d ()./-]{7,}\d")
_YEAR_SPAN = re.compile(r"^\d{4}\s*[-/]\s*\d{4}$")
# A source's address, checked here as well as by the schema's pattern (which a contributor regenerates
# and might loosen): http or https and a host, never javascript:, data: or a relative address.
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#@:]", re.IGNORECASE)


def case_files(directory: Path) -> list[Path]:
    """Every name in ``directory`` ending in '.md' (links and folders too: the reader refuses those)."""
    return case_paths(directory)


def display_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check_practices(
    directory: Path, vocabulary: Vocabulary, schema: dict, *, root: Path | None = None,
    paths: list[Path] | None = None, checked: CheckedFiles | None = None,
) -> tuple[list[Practice], list[Problem]]:
    """Read and check every case file in ``directory``; return the good cases and all problems.

    With ``checked`` (a preview server's memory), files whose bytes did not change since the last
    call are not parsed or checked again.
    """
    root = root if root is not None else directory.parent
    validator = FrontMatterValidator(schema_for(schema, vocabulary))
    last_year = build_date(root).year
    problems: list[Problem] = []
    cases: list[CaseFile] = []
    bodies: dict[str, RenderedBody] = {}
    all_paths = case_files(directory)

    def check(path: Path, raw: bytes, shown: str) -> tuple[CaseFile | None, RenderedBody | None, list[Problem]]:
        try:
            return check_one(path, raw, shown)
        except Exception as error:  # noqa: BLE001 - one file's surprise must not stop the others, or the preview
            return None, None, [Problem(shown, 0, "file", checker_failed(error))]

    def check_one(path: Path, raw: bytes, shown: str) -> tuple[CaseFile | None, RenderedBody | None, list[Problem]]:
        try:
            with timing.step("read"):
                case = parse_case_bytes(path, raw)
        except CaseFileError as error:
            return None, None, [Problem(shown, error.line or 0, error.field, error.message)]
        return (case, *_case_problems(case, shown, validator, vocabulary, last_year))

    for path in paths if paths is not None else all_paths:
        shown = display_path(path, root)
        try:
            with timing.step("read"):
                raw = read_case_bytes(path)
        except CaseFileError as error:
            problems.append(Problem(shown, error.line or 0, error.field, error.message))
            continue
        if checked is None:
            case, rendered, file_problems = check(path, raw, shown)
        else:
            rules = (vocabulary, schema, last_year, root)
            case, rendered, file_problems = checked.result(path, raw, rules, lambda: check(path, raw, shown))
        problems.extend(file_problems)
        if case is not None:
            cases.append(case)
            bodies[case.slug] = rendered
    if checked is not None and paths is None:
        checked.keep_only(all_paths)
    checked_paths = {os.path.abspath(path) for path in (paths if paths is not None else all_paths)}
    problems.extend(problem for problem in _name_problems(all_paths, root)
                    if os.path.abspath(root / problem.path) in checked_paths)
    if paths is None:
        problems.extend(Problem(display_path(stray.path, root), 0, stray.field, stray.message)
                        for stray in folder_problems(directory))
        problems.extend(_decoded_image_problems(directory, root))
    known_slugs = {path.stem for path in all_paths}
    site = site_map(directory, root, vocabulary, cases, bodies)
    for case in cases:
        shown = display_path(case.path, root)
        problems.extend(_related_problems(case, shown, known_slugs))
        problems.extend(_address_problems(case, bodies[case.slug], site, shown))
    problems.extend(translation_problems(cases, known_slugs, lambda case: display_path(case.path, root),
                                         lambda slug: _read_other(directory / f"{slug}.md"),
                                         _listing(cases, all_paths) if paths is not None else ()))
    problems.extend(Problem(*found) for found in project_city_problems(
        cases, all_paths, paths, lambda path: display_path(path, root), set(vocabulary.country_names),
        refused={problem.path for problem in problems if problem.field in ("lat", "lon")},
        misspelled={problem.path for problem in problems if problem.field == "city"}))
    troubled = {problem.path for problem in problems}
    practices = [Practice.from_front_matter(case.slug, case.path, case.meta, case.body, bodies[case.slug])
                 for case in cases if display_path(case.path, root) not in troubled]
    return practices, sorted(set(problems))


def image_problems(directory: Path, root: Path) -> list[Problem]:
    """Every problem of ``practices/images/``: its files' names, sizes and formats, and each image decoded."""
    folder = directory / IMAGES_DIR
    return sorted([Problem(display_path(stray.path, root), 0, stray.field, stray.message)
                   for stray in folder_problems(directory) if stray.path == folder or stray.path.parent == folder]
                  + _decoded_image_problems(directory, root))


def _decoded_image_problems(directory: Path, root: Path) -> list[Problem]:
    return [Problem(display_path(path, root), 0, "image", image.problem)
            for path, image in prepared_images(directory).items() if image.problem]


def image_notices(directory: Path, root: Path) -> list[str]:
    """What publishing changed in each image of ``directory`` (metadata removed, an animation's later
    frames dropped, scaled down): told to the editor, never a reason to refuse the build."""
    return [str(Problem(display_path(path, root), 0, "image", f"notice: {notice}"))
            for path, image in prepared_images(directory).items() for notice in image.notices]


def render_case_body(case: CaseFile) -> RenderedBody:
    title = case.meta.get("title") if isinstance(case.meta, dict) else None
    return render_body(case.body, title=title if isinstance(title, str) else "", first_line=case.body_line)


def site_map(directory: Path, root: Path, vocabulary: Vocabulary, cases: list[CaseFile],
             bodies: dict[str, RenderedBody]) -> SiteMap:
    """The addresses a case body may link to: cases, hand-written and menu pages, local images.

    A case outside ``cases`` (when only some files are checked) is read on demand for its sections.
    """
    docs = root / DOCS_DIR
    handwritten = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")} if docs.is_dir() else set()
    slugs = {path.stem for path in case_files(directory)}
    pages = routes.link_targets(handwritten=handwritten, case_slugs=slugs, terms=term_counts(vocabulary, cases),
                                languages=i18n.codes(root)[1:])
    images = {routes.image(path.name) for path in local_images(directory)}

    def anchors_of(slug: str) -> set[str] | None:
        if slug not in bodies:
            try:
                case = parse_case_bytes(directory / f"{slug}.md", read_case_bytes(directory / f"{slug}.md"))
            except CaseFileError:
                return None
            bodies[slug] = render_case_body(case)
        return {heading.id for heading in bodies[slug].headings}

    return SiteMap(cases=slugs, pages=pages, images=images,
                   anchors_of=anchors_of)


def _address_problems(case: CaseFile, rendered: RenderedBody, site: SiteMap, shown: str) -> list[Problem]:
    own = {heading.id for heading in rendered.headings}
    return [Problem(shown, line, "body", message) for line, message in site.problems(rendered.addresses, case.slug, own)]


def _case_problems(case: CaseFile, shown: str, validator, vocabulary: Vocabulary,
                   last_year: int) -> tuple[RenderedBody, list[Problem]]:
    """The rules one case file follows on its own: its front matter, then its body."""
    with timing.step("validate"):
        problems = _file_problems(case, shown, validator, vocabulary, last_year)
    with timing.step("body"):
        rendered = render_case_body(case)
    return rendered, problems + [Problem(shown, issue.line, "body", issue.message) for issue in rendered.issues]


def check_case(case: CaseFile, vocabulary: Vocabulary, schema: dict, known_slugs: set[str], shown: str) -> list[Problem]:
    """Every rule of one case that does not depend on other files' names (a new file, say)."""
    validator = FrontMatterValidator(schema_for(schema, vocabulary))
    _, problems = _case_problems(case, shown, validator, vocabulary, build_date(case.path.parent.parent).year)
    translations = translation_problems([case], known_slugs, lambda _: shown,
                                        lambda slug: _read_other(case.path.parent / f"{slug}.md"))
    return sorted(problems + _related_problems(case, shown, known_slugs) + translations)


def _listing(cases: list[CaseFile], all_paths: list[Path]) -> list[CaseFile]:
    """The other cases whose ``translations:`` name one of ``cases`` (checked alone, a file is still told
    of a group another file joins it to)."""
    slugs = {case.slug for case in cases}
    others = (_read_other(path) for path in all_paths if path.stem not in slugs)
    return [other for other in others if other is not None and any(slug in slugs for _, slug in listed(other.meta))]


def _read_other(path: Path) -> CaseFile | None:
    """Another case, for a rule about two (None when it cannot be read: its own check says why)."""
    try:
        return parse_case_bytes(path, read_case_bytes(path))
    except CaseFileError:
        return None


def slug_problems(slug: str, existing: list[Path], root: Path) -> list[Problem]:
    """The file-name rules for a case that would be saved as ``practices/<slug>.md`` next to ``existing``."""
    path = root / "practices" / f"{slug}.md"
    if path in existing:
        return [Problem(display_path(path, root), 0, FILE_NAME_FIELD,
                        said(wording.FILE_TAKEN, name=path.name))]
    return [problem for problem in _name_problems([*existing, path], root) if problem.path == display_path(path, root)]


def _file_problems(case: CaseFile, shown: str, validator, vocabulary: Vocabulary, last_year: int) -> list[Problem]:
    if not isinstance(case.meta, dict):
        return [Problem(shown, case.line_of(()) or 2, "front matter", "must be a list of 'key: value' lines, "
                        f"not {kind_of(case.meta)}; write each key and its value on a line of its own, "
                        "e.g. title: The practice's name")]
    problems = [
        Problem(shown, line, key, f"the key appears twice; keep one '{key}:' line")
        for key, line in case.duplicate_keys
    ]
    # The text checks come before the schema's: "a space in the address" says more than "not a URL".
    problems += [Problem(shown, line or 0, field, message)
                 for line, field, message in explain_errors(validator.iter_errors(case.meta), case, vocabulary)]
    problems += _value_problems(case, shown, last_year)
    told: dict[str, Problem] = {}
    for problem in problems:
        told.setdefault(problem.field, problem)  # one message a field, the most telling
    return list(told.values())


def _value_problems(case: CaseFile, shown: str, last_year: int) -> list[Problem]:
    """What the schema cannot say about a year, the summary, the contact, the evidence and the coordinates."""
    problems = []
    meta = case.meta
    year = meta.get("year")
    if isinstance(year, (int, float)) and not isinstance(year, bool) and year == int(year) > last_year:
        problems.append(Problem(shown, case.line_of(("year",)), "year",
                                said(wording.YEAR_AFTER_BUILD, year=int(year), last_year=last_year,
                                                                years=year_range(last_year))))
    elif isinstance(year, float) and year.is_integer():
        problems.append(Problem(shown, case.line_of(("year",)), "year",
                                said(wording.YEAR_WHOLE, year=year, whole=int(year))))
    problems += _text_problems(case, shown)
    summary = meta.get("summary")
    if isinstance(summary, str) and len(summary) <= SUMMARY_LIMIT and (_HTML_TAG.search(summary) or _MARKDOWN.search(summary)):
        problems.append(Problem(shown, case.line_of(("summary",)), "summary", wording.SUMMARY_NOT_PLAIN))
    contact = meta.get("contact")
    if isinstance(contact, str) and len(contact) <= CONTACT_LIMIT and (_EMAIL.search(contact) or _has_phone_number(contact)):
        problems.append(Problem(shown, case.line_of(("contact",)), "contact", wording.CONTACT_PERSONAL))
    problems += _evidence_problems(case, shown)
    for key in PEOPLE_LISTS:
        items = meta.get(key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, str) and len(item) <= CONTACT_LIMIT and (_EMAIL.search(item) or _has_phone_number(item)):
                problems.append(Problem(shown, case.line_of((key, index)), f"{key}[{index}]", wording.PEOPLE_PERSONAL))
    lat, lon, country = meta.get("lat"), meta.get("lon"), meta.get("country")
    if _degrees(lat, 90) and _degrees(lon, 180) and isinstance(country, str):
        where = locate(country, lat, lon)
        if where:
            problems.append(Problem(shown, case.line_of(("lat",)), "lat", where))
    return problems


def _evidence_problems(case: CaseFile, shown: str) -> list[Problem]:
    """'evaluated' needs a source marked as an evaluation, and a source marked so makes the case 'evaluated'."""
    evidence = case.meta.get("evidence")
    sources = case.meta.get("sources")
    sources = sources if isinstance(sources, list) else []
    evaluations = [index for index, source in enumerate(sources)
                   if isinstance(source, dict) and source.get("evaluation") is True]
    if evidence == "evaluated" and not evaluations:
        return [Problem(shown, case.line_of(("evidence",)), "evidence", wording.EVALUATED_WITHOUT_EVALUATION)]
    if evidence in ("results reported", "none given"):
        return [Problem(shown, case.line_of(("sources", index, "evaluation")), f"sources[{index}].evaluation",
                        said(wording.EVALUATION_WITHOUT_EVALUATED, evidence=evidence))
                for index in evaluations]
    return []


def _text_problems(case: CaseFile, shown: str) -> list[Problem]:
    """Text the schema's lengths let through but a page cannot show: nothing visible (only spaces or
    invisible characters: an empty heading, an empty link in every list), or an address with a space
    or a line break in it (Python's ``$`` in the schema's pattern lets a final line break through)."""
    problems = []
    fields = [((key,), value) for key, value in case.meta.items()]
    sources = case.meta.get("sources")
    if isinstance(sources, list):
        fields += [(("sources", index, key), value) for index, source in enumerate(sources) if isinstance(source, dict)
                   for key, value in source.items()]
    for key in PEOPLE_LISTS:
        items = case.meta.get(key)
        fields += [((key, index), item) for index, item in enumerate(items if isinstance(items, list) else [])]
    for location, value in fields:
        if not isinstance(value, str) or not value:
            continue
        field = field_name(location)
        line = case.line_of(location)
        if not any(unicodedata.category(character)[0] in "LNPS" for character in value):
            problems.append(Problem(shown, line, field, said(wording.NOTHING_VISIBLE,
                or_remove="" if is_required(location) else said(wording.OR_REMOVE_KEY))))
        elif location[-1] == "url" and not _WEB_ADDRESS.match(value):
            problems.append(Problem(shown, line, field, web_address_problem(value)))
        elif location[-1] == "url" and any(character.isspace() for character in value):
            problems.append(Problem(shown, line, field, wording.ADDRESS_WITH_SPACE))
        else:
            problems += [Problem(shown, line, field, message)
                         for message in (invisible_problem(value), mixed_problem(value)) if message]
    return problems


def _degrees(value: object, limit: float) -> bool:
    """A coordinate the schema accepts; a value it refuses is reported by the schema alone."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and -limit <= value <= limit


def _has_phone_number(text: str) -> bool:
    return any(sum(c.isdigit() for c in match.group()) >= 8 and not _YEAR_SPAN.match(match.group())
               for match in _PHONE.finditer(text))


def _name_problems(paths: list[Path], root: Path) -> list[Problem]:
    problems = []
    by_folded: dict[str, list[Path]] = {}
    for path in paths:
        shown = display_path(path, root)
        slug = path.stem
        by_folded.setdefault(slug.lower(), []).append(path)
        if slug in RESERVED_SLUGS:
            problems.append(Problem(shown, 0, FILE_NAME_FIELD,
                                    f"'{slug}' is reserved for a page the site makes; choose another name, e.g. '<city>-{slug}-practice.md'"))
        elif not SLUG.fullmatch(slug):
            suggestion = slugify(slug)
            problems.append(Problem(shown, 0, FILE_NAME_FIELD,
                                    f"'{path.name}' is not a valid slug: use lowercase ASCII letters, digits and single hyphens"
                                    + (f"; rename it to '{suggestion}.md'" if suggestion else "")))
    for folded, same in by_folded.items():
        if len(same) > 1:
            names = ", ".join(f"'{path.name}'" for path in same)
            for path in same:
                problems.append(Problem(display_path(path, root), 0, FILE_NAME_FIELD,
                                        f"{names} differ only in case and would overwrite each other's page; rename or merge them"))
    return problems


def _related_problems(case: CaseFile, shown: str, known_slugs: set[str]) -> list[Problem]:
    if not isinstance(case.meta, dict) or not isinstance(case.meta.get("related"), list):
        return []
    problems = []
    if len(case.meta["related"]) > MAX_RELATED_CHECKED:
        return []  # the schema's maxItems reports the list; each name is not looked up
    for index, slug in enumerate(case.meta["related"]):
        if not isinstance(slug, str) or not SLUG.fullmatch(slug) or slug in case.meta["related"][:index]:
            continue  # the schema reports it (not a slug, or listed twice)
        location = ("related", index)
        if slug == case.slug:
            problems.append(Problem(shown, case.line_of(location), f"related[{index}]",
                                    said(wording.RELATED_ITSELF, slug=slug)))
        elif slug not in known_slugs:
            problems.append(Problem(shown, case.line_of(location), f"related[{index}]",
                                    said(wording.RELATED_MISSING, slug=excerpt(slug, 80), fix=did_you_mean(
                                        slug, known_slugs - {case.slug}) or said(wording.RELATED_MISSING_FIX))))
    return problems
