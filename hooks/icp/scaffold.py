"""A new case file with every section in place, for ``scripts/new_practice.py``."""

from __future__ import annotations

import yaml

from icp import i18n
from icp.read.schema import SCHEMA_FILE
from icp.read.vocabulary import Vocabulary, slugify

MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"
MAX_SLUG = 80

SECTIONS = (
    ("Summary", "Two to four sentences: what the city did and why it matters."),
    ("Background", "The problem or opportunity, and who started the practice and why."),
    ("What was done", "The steps, the people and organisations involved, the money and the time it took."),
    ("Results", "What changed, with figures where the sources give them; say what is not known."),
    ("Making it work for you", "What another city needs to repeat it: conditions, pitfalls, first steps."),
    ("Sources", "List each source under 'sources:' in the front matter; they are shown here."),
)

SOURCES_EXAMPLE = """\
# sources:
#   - title: The source's title
#     publisher: Who published it
#     date: "2016"
#     url: https://example.org/the-source
#     evaluation: true        # only if this source is an evaluation of the practice
"""

EVIDENCE = """\
# evidence: what the sources show of the practice's results; exactly one of
#   evaluated         (a source evaluates it: mark that source evaluation: true)
#   results reported  (a source gives outcomes or figures)
#   none given        (no source gives results)
"""

ONLY_IF_GIVEN = """\
# Only where a source says so (otherwise leave them out; the page shows "not given"):
# status: ended               # or ongoing
# status_date: "2017"         # when it ended, or the date of the source that says it runs
# partners: [Red Cross Norway]                # organisations, never private persons
# target_groups: [newly arrived refugees]
# budget: "EUR 50,000 a year (2016)"          # as the source gives it
"""


def split_topics(values: list[str], vocabulary: Vocabulary) -> list[str]:
    """Topics from repeated options or comma lists; a topic whose name holds commas stays whole."""
    topics = []
    for value in values:
        parts = [part.strip() for part in value.split(",") if part.strip()]
        start = 0
        while start < len(parts):
            end = next((end for end in range(len(parts), start, -1)
                        if ", ".join(parts[start:end]) in vocabulary.topic_names), start + 1)
            topics.append(", ".join(parts[start:end]))
            start = end
    return topics


def default_title(city: str, topics: list[str]) -> str:
    return f"{city}: {topics[0]}" if topics else city


def slug_for(city: str, title: str) -> str:
    """The file name: the city, then the title (without repeating the city), cut after a word to at most
    ``MAX_SLUG`` characters (a file system's names stop at 255 bytes; a title may have 200 characters)."""
    city_slug, title_slug = slugify(city), slugify(title)
    if title_slug == city_slug or title_slug.startswith(f"{city_slug}-"):
        slug = title_slug
    else:
        slug = "-".join(part for part in (city_slug, title_slug) if part)
    if len(slug) <= MAX_SLUG:
        return slug
    cut = slug[:MAX_SLUG + 1].rpartition("-")[0]
    return cut or slug[:MAX_SLUG]


def _key(key: str, value: object) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=10_000,
                          default_flow_style=False)


def case_file(meta: dict, sections: dict[str, str], order: list[str], source_order: list[str] = ()) -> str:
    """A whole case file, as the site's "Propose a practice" form writes it (its JavaScript writer,
    ``docs/assets/javascripts/propose/casefile.js``, gives the same bytes for the same values): the
    modeline, then each key given, in the schema's order (``order``; a source's keys in ``source_order``),
    written by YAML as the scaffold writes its keys; then each section given, under its heading in the
    case's language (:func:`headings_in`), in :data:`SECTIONS` order. An empty value, list or section is
    left out."""
    ranked = {key: rank for rank, key in enumerate(order)}
    keys = sorted((key for key, value in meta.items() if _given(value)), key=lambda key: ranked.get(key, len(ranked)))
    front = MODELINE + "\n" + "".join(_key(key, _written(key, meta[key], source_order)) for key in keys)
    written = headings_in(meta.get("language"))
    body = "\n".join(f"## {name}\n\n{sections[heading].strip()}\n" for (heading, _), name in zip(SECTIONS, written)
                     if sections.get(heading, "").strip())
    return f"---\n{front}---\n\n{body}"


def headings_in(language: object) -> list[str]:
    """The sections' headings as a case written in ``language`` (its ``language:`` code) heads them: in
    that language when the site has its catalogue (a French case's "Résumé", "Contexte", as the French
    cases of practices/ are written), else in English."""
    from icp.render.proposetext import section_name  # the form's names of the sections, one table

    english = [heading for heading, _ in SECTIONS]
    site = {language.code: language for language in i18n.languages()}
    if not isinstance(language, str) or language == i18n.DEFAULT or language not in site:
        return english
    with i18n.use(site[language]):
        return [section_name(heading) for heading in english]


def _given(value: object) -> bool:
    return value not in ("", None, [], {})


def _written(key: str, value: object, source_order) -> object:
    """A source's keys in the schema's order; nothing else is reordered."""
    if key != "sources" or not isinstance(value, list):
        return value
    ranked = {name: rank for rank, name in enumerate(source_order)}
    return [{name: item[name] for name in sorted((name for name in item if _given(item[name])),
                                                  key=lambda name: ranked.get(name, len(ranked)))}
            if isinstance(item, dict) else item for item in value]


LANGUAGE_HINT = "# language: fr               # the language the case is written in, when not English (ISO 639-1)\n"
TRANSLATIONS_HINT = "# translations: [oslo-oxlo-declaration]    # the same practice in other languages (their file names)\n"


def case_text(*, title: str, city: str, country: str, year: object, topics: list[str],
              language: str | None = None, translations: list[str] = ()) -> str:
    """The file: front matter (summary and evidence left empty for the editor) and the body's section
    headings; ``language`` (a case not in English) and ``translations`` written where given, else hinted."""
    front = (MODELINE + "\n" + _key("title", title)
             + (_key("language", language) if language else LANGUAGE_HINT)
             + _key("city", city) + _key("country", country)
             + _key("year", year) + _key("topics", topics)
             + "# summary: plain text, at most 300 characters; shown in every listing\n"
             + _key("summary", "") + EVIDENCE + _key("evidence", "") + ONLY_IF_GIVEN + SOURCES_EXAMPLE
             + (_key("translations", list(translations)) if translations else TRANSLATIONS_HINT))
    body = "\n".join(f"## {heading}\n\n<!-- {hint} -->\n" for heading, hint in SECTIONS)
    return f"---\n{front}---\n\n{body}"
