"""The pages and data files made from the cases, as Markdown/HTML text and JSON.

Every piece of text that comes from a case file passes through :func:`text` (HTML) or
:func:`script_json` (JavaScript) on its way out: nothing an editor writes in front matter
can become markup or script.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html import escape
from math import ceil

from .index import PracticeIndex, TermEntry
from .package import DOWNLOAD_LINK, OFFLINE_HOWTO
from .practice import Practice

# Cards per term page: few pages to render (each costs a whole themed page), none near 1 MB (~180 KB).
PER_PAGE = 300
FILTER_FIRST_RESULTS = 50
GROUP_LABELS = {
    "topics": ("Topics", "Topic", "topic"),
    "countries": ("Countries", "Country", "country"),
    "years": ("Years", "Year", "year"),
}
# The filter menu's group names, as the source site writes them.
MENU_LEGENDS = {"topics": "Topic", "countries": "Countries", "years": "Year"}
DATA_SCRIPT = "practices/filter-data.js"
# Index pages only list cases: keeping them out of the search index leaves each case in it once.
# Case pages are out of Material's index too: icp.search adds one smaller document per case.
NOT_SEARCHED = {"search": {"exclude": True}}
_SOURCES_HEADING = re.compile(r"^##[ \t]+Sources[ \t#]*$", re.MULTILINE | re.IGNORECASE)


def text(value: object) -> str:
    return escape(str(value), quote=True)


def plural(count: int, word: str = "practice") -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def front_matter(title: str, **extra: object) -> str:
    """Front matter for a generated page; text is escaped because Material prints ``page.meta`` raw
    (the title in <title> and the header, the description in a meta tag, the title in search results)."""
    fields = {"title": title, **extra}
    lines = [f"{key}: {json.dumps(text(value) if isinstance(value, str) else value, ensure_ascii=False)}"
             for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


# --- HTML past Markdown ------------------------------------------------------------------

_LIFT_START = "<!-- icp:html -->"
_LIFT_START_UNSEARCHED = "<!-- icp:html unsearched -->"
_LIFT_END = "<!-- /icp:html -->"
_LIFTABLE = re.compile(r"<!-- icp:html( unsearched)? -->\n(.*?)\n" + re.escape(_LIFT_END), re.DOTALL)
_LIFTED = {False: re.compile(r"<!-- icp:lifted (\d+) -->"), True: re.compile(r"<!-- icp:lifted-late (\d+) -->")}


def html_block(html: str, *, searchable: bool = True) -> str:
    """Generated HTML that needs no Markdown, marked so :func:`lift_html` can take it past Python-Markdown.

    Python-Markdown parses raw HTML with a pure-Python HTML parser; on index pages of thousands
    of cards that parsing cost more than the rest of the page. A block that is not ``searchable``
    (related-practice cards: navigation, not content) also goes past the search indexer, which
    parses every tag of a page in pure Python too. Unlifted, the marks are comments.
    """
    start = _LIFT_START if searchable else _LIFT_START_UNSEARCHED
    return f"\n{start}\n{html.strip()}\n{_LIFT_END}\n\n"


def lift_html(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each marked HTML block replaced by a numbered comment, and the blocks."""
    blocks: list[str] = []

    def lift(match: re.Match) -> str:
        blocks.append(match.group(2))
        late = "-late" if match.group(1) else ""
        return f"<!-- icp:lifted{late} {len(blocks) - 1} -->"

    return _LIFTABLE.sub(lift, markdown), blocks


def restore_html(html: str, blocks: list[str], *, late: bool = False) -> str:
    """Puts lifted blocks back into the page's HTML where Markdown left their comments.

    Searchable blocks go back before the search plugin reads the page (``late=False``), the
    others into the finished page (``late=True``).
    """
    return _LIFTED[late].sub(lambda match: blocks[int(match.group(1))] if int(match.group(1)) < len(blocks)
                             else match.group(0), html)


def term_url(group: str, slug: str, prefix: str) -> str:
    return f"{prefix}{group}/{slug}.html"


def practice_url(practice: Practice, prefix: str) -> str:
    return f"{prefix}{practice.url}"


# --- cards -------------------------------------------------------------------------------


def card(practice: Practice, prefix: str) -> str:
    return (
        '<li class="icp-card">'
        f'<a class="icp-card__title" href="{practice_url(practice, prefix)}">{text(practice.title)}</a>'
        f'<p class="icp-card__meta">{text(practice.city)} · {text(practice.country)} · {practice.year}</p>'
        f'<p class="icp-card__summary">{text(practice.summary)}</p>'
        "</li>"
    )


def card_list(practices, prefix: str, element_id: str | None = None, *, searchable: bool = True) -> str:
    """Cards; a list that only leads to other pages is kept out of the search index (``searchable``)."""
    attributes = (f' id="{element_id}"' if element_id else "") + ("" if searchable else " data-search-exclude")
    items = "\n".join(card(practice, prefix) for practice in practices)
    return f'<ul class="icp-cards"{attributes}>\n{items}\n</ul>\n'


# --- case page ---------------------------------------------------------------------------


def practice_page(practice: Practice, index: PracticeIndex) -> str:
    prefix = "../"
    facts = [
        ("City", text(practice.city)),
        ("Country", f'<a href="{term_url("countries", index.vocabulary.country(practice.country).slug, prefix)}">{text(practice.country)}</a>'),
        ("Year", f'<a href="{term_url("years", str(practice.year), prefix)}">{practice.year}</a>'),
    ]
    for label, value in (("Period", practice.period), ("Organisation", practice.organisation), ("Contact", practice.contact)):
        if value:
            facts.append((label, text(value)))
    topic_links = ", ".join(
        f'<a class="icp-topic" href="{term_url("topics", index.vocabulary.topic(name).slug, prefix)}">{text(name)}</a>'
        for name in practice.topics
    )
    facts.append(("Topics", topic_links))
    subtitle = f'<p class="icp-subtitle">{text(practice.subtitle)}</p>\n' if practice.subtitle else ""
    fact_rows = "\n".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts)
    header = (
        '<header class="icp-case-header">\n'
        f"<h1>{text(practice.title)}</h1>\n{subtitle}"
        f'<dl class="icp-facts">\n{fact_rows}\n</dl>\n'
        '<p class="icp-actions"><button type="button" class="md-button icp-print" data-icp-print>Print this practice</button></p>\n'
        "</header>"
    )
    body = body_without_title(practice) + "\n"
    sources = sources_list(practice)
    if sources:
        body += ("\n" if _SOURCES_HEADING.search(body) else "\n## Sources\n\n") + html_block(sources)
    related = index.related(practice)
    if related:
        body += html_block('<h2 id="related-practices">Related practices</h2>\n' + card_list(related, prefix),
                           searchable=False)
    return front_matter(practice.title, description=practice.summary, **NOT_SEARCHED) + html_block(header) + body


def body_without_title(practice: Practice) -> str:
    """The body, less a first heading that repeats the title (the header already shows it)."""
    body = practice.body.strip()
    first, _, rest = body.partition("\n")
    atx = re.fullmatch(r"#[ \t]+(.+?)[ \t#]*", first)
    if atx and atx.group(1).strip() == practice.title:
        return rest.strip()
    second, _, after = rest.partition("\n")
    if first.strip() == practice.title and re.fullmatch(r"=+[ \t]*", second):
        return after.strip()
    return body


def sources_list(practice: Practice) -> str:
    if not practice.sources:
        return ""
    items = []
    for source in practice.sources:
        title = text(source.title)
        if source.url:
            title = f'<a href="{text(source.url)}">{title}</a>'
        details = [text(part) for part in (source.publisher, source.date, source.reference) if part]
        items.append(f"<li>{title}" + (f" ({', '.join(details)})" if details else "") + "</li>")
    return '<ol class="icp-sources">\n' + "\n".join(items) + "\n</ol>\n"


# --- term pages --------------------------------------------------------------------------


def term_page_uris(entry: TermEntry) -> list[str]:
    pages = max(1, ceil(len(entry.practices) / PER_PAGE))
    return [f"{entry.group}/{entry.slug}.md"] + [f"{entry.group}/{entry.slug}-{n}.md" for n in range(2, pages + 1)]


def term_pages(entry: TermEntry) -> dict[str, str]:
    """The page (or pages, ``PER_PAGE`` cards each) listing every case filed under a term."""
    plural_label, singular, key = GROUP_LABELS[entry.group]
    uris = term_page_uris(entry)
    pages = {}
    count = len(entry.practices)
    for number, uri in enumerate(uris, start=1):
        chunk = entry.practices[(number - 1) * PER_PAGE : number * PER_PAGE]
        heading = f"{singular}: {entry.name}"
        lead = (
            f'<p class="icp-lead">{plural(count)} filed under this {singular.lower()}. '
            f'<a href="../practices/index.html#{key}={text(entry.slug)}">Combine with other filters</a> · '
            f'<a href="index.html">All {plural_label.lower()}</a></p>\n\n'
        )
        if count == 0:
            listing = (f'<p class="icp-empty">No practice is filed under this {singular.lower()} yet. '
                       f'<a href="../contribute.html">Add one</a>.</p>\n')
        else:
            listing = card_list(chunk, "../") + pager(uris, number)
        title = heading if len(uris) == 1 else f"{heading} (page {number} of {len(uris)})"
        pages[uri] = front_matter(title, **NOT_SEARCHED) + html_block(f"<h1>{text(title)}</h1>\n\n" + lead + listing)
    return pages


def pager(uris: list[str], current: int) -> str:
    if len(uris) == 1:
        return ""
    links = []
    for number, uri in enumerate(uris, start=1):
        name = uri.rsplit("/", 1)[-1].replace(".md", ".html")
        if number == current:
            links.append(f'<li><span aria-current="page">{number}</span></li>')
        else:
            links.append(f'<li><a href="{name}">{number}</a></li>')
    return f'\n<nav class="icp-pager" aria-label="Pages">\n<ol>{"".join(links)}</ol>\n</nav>\n'


def overview_page(group: str, entries: tuple[TermEntry, ...]) -> str:
    plural_label, singular, _ = GROUP_LABELS[group]
    intro = {
        "topics": "Every topic of the filter menu, in the order of the Council of Europe's Intercultural Cities database.",
        "countries": "Every country of the filter menu, in the order of the Council of Europe's Intercultural Cities database.",
        "years": "Every year that a practice is dated by, oldest first.",
    }[group]
    items = "\n".join(
        f'<li><a href="{entry.slug}.html">{text(entry.name)}</a> '
        f'<span class="icp-count">{plural(len(entry.practices))}</span></li>'
        for entry in entries
    )
    return front_matter(plural_label, **NOT_SEARCHED) + html_block(
        f"<h1>{plural_label}</h1>\n\n<p>{intro}</p>\n\n" f'<ul class="icp-terms">\n{items}\n</ul>\n')


# --- filter page -------------------------------------------------------------------------


def filter_page(index: PracticeIndex) -> str:
    groups = []
    for group in PracticeIndex.GROUPS:
        key, legend = GROUP_LABELS[group][2], MENU_LEGENDS[group]
        options = "\n".join(
            f'<li><input type="checkbox" id="f-{key}-{text(entry.slug)}" name="{key}" value="{text(entry.slug)}" '
            f'aria-describedby="c-{key}-{text(entry.slug)}">'
            f'<label for="f-{key}-{text(entry.slug)}">{text(entry.name)}</label> '
            f'<span class="icp-count" id="c-{key}-{text(entry.slug)}">{len(entry.practices)}</span></li>'
            for entry in index.group(group)
        )
        groups.append(
            f'<details class="icp-filter__group" data-group="{key}" open>\n'
            f'<summary>{legend} <span class="icp-chosen" id="s-{key}"></span></summary>\n'
            f'<fieldset>\n<legend class="icp-visually-hidden">{legend}</legend>\n'
            f'<ul class="icp-options">\n{options}\n</ul>\n</fieldset>\n</details>'
        )
    total = len(index.practices)
    shown = index.practices[:FILTER_FIRST_RESULTS]
    more = ""
    if total > len(shown):
        more = (f'<p class="icp-more-note" data-icp-static>The first {len(shown)} of {total} practices are listed here; '
                "browse them all by topic, country or year.</p>\n")
    return front_matter("Browse practices", hide=["toc"], **NOT_SEARCHED) + html_block(
        "<h1>Browse practices</h1>\n\n"
        + '<p class="icp-lead">Filter the practices by topic, country and year, as in the Council of Europe\'s '
        "Intercultural Cities database. Options in one group widen the choice (any of them); groups narrow it "
        "(all of them). The numbers say how many practices each option would give.</p>\n\n"
        + '<form class="icp-filter" id="icp-filter" aria-label="Filter practices" hidden>\n'
        + "\n".join(groups)
        + '\n<p class="icp-filter__actions"><button type="button" class="md-button" id="icp-reset">Reset filter</button></p>\n'
        + "</form>\n\n"
        + f'<p class="icp-result-count" id="icp-result-count" role="status" aria-live="polite">{plural(total)}</p>\n\n'
        + card_list(shown, "../", element_id="icp-results")
        + '\n<p class="icp-filter__more"><button type="button" class="md-button" id="icp-more" hidden>Show more practices</button></p>\n\n'
        + more
        + '<nav class="icp-browse" aria-label="Browse without the filter">Browse without the filter: '
        '<a href="../topics/index.html">by topic</a> · <a href="../countries/index.html">by country</a> · '
        '<a href="../years/index.html">by year</a></nav>\n\n'
        + '<script src="filter-data.js"></script>\n<script src="../assets/javascripts/filter.js"></script>\n'
    )


def script_json(value: object) -> str:
    """JSON that is safe inside a script: no character from a case can close or break it."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def excerpt(summary: str, limit: int = 90) -> str:
    if len(summary) <= limit:
        return summary
    cut = summary[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "…"


def filter_data(index: PracticeIndex) -> dict:
    """What the filter page needs, compact: terms once, each case as a row of indexes."""
    topic_position = {term.name: i for i, term in enumerate(index.vocabulary.topics)}
    country_position = {term.name: i for i, term in enumerate(index.vocabulary.countries)}
    year_position = {entry.name: i for i, entry in enumerate(index.years)}
    return {
        "groups": [
            {"key": GROUP_LABELS[group][2], "terms": [[entry.slug, entry.name] for entry in index.group(group)]}
            for group in PracticeIndex.GROUPS
        ],
        "cases": [
            [
                practice.slug,
                practice.title,
                practice.city,
                [topic_position[name] for name in practice.topics],
                country_position[practice.country],
                year_position[str(practice.year)],
                excerpt(practice.summary),
            ]
            for practice in index.practices
        ],
    }


def filter_data_script(index: PracticeIndex) -> str:
    return f"window.ICP_FILTER_DATA={script_json(filter_data(index))};\n"


# --- open data ---------------------------------------------------------------------------


def open_data_record(practice: Practice) -> dict:
    """A case as published: its front matter, its slug and its page's address."""
    return {**practice.front_matter(), "slug": practice.slug, "url": practice.url}


def practices_json(index: PracticeIndex) -> str:
    records = [open_data_record(practice) for practice in index.practices]
    return json.dumps({"practices": records}, ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = ("slug", "url", "title", "subtitle", "city", "country", "year", "topics", "summary",
               "organisation", "period", "contact", "sources", "related", "lat", "lon")


def practices_csv(index: PracticeIndex) -> str:
    """The same records as practices.json for spreadsheets; lists joined with ' | '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for practice in index.practices:
        record = open_data_record(practice)
        record["topics"] = " | ".join(practice.topics)
        record["related"] = " | ".join(practice.related)
        record["sources"] = " | ".join(source.title for source in practice.sources)
        writer.writerow(["" if record.get(column) is None else record.get(column) for column in CSV_COLUMNS])
    return out.getvalue()


# --- home page ---------------------------------------------------------------------------


def home_terms(entries: tuple[TermEntry, ...], group: str, label: str) -> str:
    """The terms that have cases, with their counts, and a link to the whole menu."""
    items = "\n".join(
        f'<li><a href="{term_url(group, entry.slug, "")}">{text(entry.name)}</a> '
        f'<span class="icp-count">{len(entry.practices)}</span></li>'
        for entry in entries if entry.practices
    )
    return (f'<ul class="icp-terms icp-terms--columns" data-search-exclude>\n{items}\n</ul>\n\n'
            f'<p><a href="{group}/index.html">All {len(entries)} {label}</a></p>\n')


def home_latest(index: PracticeIndex, count: int = 5) -> str:
    return card_list(index.latest(count), "", searchable=False)


def home_offline(offline_zip: bool) -> str:
    return (DOWNLOAD_LINK if offline_zip else OFFLINE_HOWTO) + "\n"


def fill_home(markdown: str, index: PracticeIndex, *, offline_zip: bool = False) -> str:
    """The home page's markers, replaced by the ways into the cases."""
    fillers = {
        "<!-- practices:topics -->": lambda: home_terms(index.topics, "topics", "topics"),
        "<!-- practices:countries -->": lambda: home_terms(index.countries, "countries", "countries"),
        "<!-- practices:latest -->": lambda: home_latest(index),
        "<!-- practices:offline -->": lambda: home_offline(offline_zip),
    }
    for marker, make in fillers.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown
