"""The site's generated pages: one per case, one (or more) per topic, country and year, and the overviews.

Each page is written by a template of ``templates/`` (autoescaping on) as HTML, and handed to the
generator as a Markdown file that holds only front matter and that HTML, marked so that it passes
Python-Markdown untouched (:mod:`icp.generator.lifting`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from icp import i18n, routes
from icp.body.convert import Heading
from icp.i18n import N_
from icp.i18n import gettext as _
from icp.generator.lifting import html_block
from icp.generator.pagefile import front_matter, front_matter_fields
from icp.index import PracticeIndex, TermEntry
from icp.practice import Practice
from icp.publish.feeds import topic_feed_path
from icp.render.cite import Citation, bibtex, page_address, reference
from icp.render.facts import NOT_GIVEN, YEAR_HELP, YEAR_LABEL, card_facts, page_facts
from icp.render.jsonld import json_ld_script
from icp.render.relink import relinked
from icp.render.templating import environment, render
from icp.render.translated import case_language, language_label, text_lang, translation_links

# Cards per term page: few pages to render (each costs a whole themed page), none near 1 MB.


@dataclass(frozen=True)
class GroupLabels:
    """How a menu group is named: ``plural`` titles its overview, ``singular`` heads a term's page and
    a finder chip, ``key`` names it in the finder's address and form, ``legend`` heads the finder's
    menu as the source site's menu does (Topic, Countries, Year). The sentences of a term's page are
    whole messages per group, as languages that give nouns a gender need them. All are in English,
    marked for the catalogues, and translated where they are shown."""

    plural: str
    singular: str
    key: str
    legend: str
    lead: str = ""
    empty: str = ""
    every: str = ""


GROUP_LABELS = {
    "topics": GroupLabels(N_("Topics"), N_("Topic"), "topic", N_("Topic"),
                          N_("%(practices)s filed under this topic."),
                          N_("Nothing is filed under this topic yet. If you know a practice that belongs here, "
                             "<a href=\"%(propose)s\">propose it</a>; meanwhile, <a href=\"index.html\">see the "
                             "topics that have practices</a>."), N_("All topics")),
    "countries": GroupLabels(N_("Countries"), N_("Country"), "country", N_("Countries"),
                             N_("%(practices)s filed under this country."),
                             N_("Nothing is filed under this country yet. If you know a practice that belongs here, "
                                "<a href=\"%(propose)s\">propose it</a>; meanwhile, <a href=\"index.html\">see the "
                                "countries that have practices</a>."), N_("All countries")),
    "years": GroupLabels(N_("Years"), N_("Year of the record"), "year", N_("Year"),
                         N_("%(practices)s filed under this year of the record."),
                         N_("Nothing is filed under this year of the record yet. If you know a practice that belongs "
                            "here, <a href=\"%(propose)s\">propose it</a>; meanwhile, <a href=\"index.html\">see "
                            "the years that have practices</a>."), N_("All years")),
    "languages": GroupLabels(N_("Languages"), N_("Language"), "language", N_("Language"),
                             N_("%(practices)s written in this language."), "", N_("All languages")),
    "evidence": GroupLabels(N_("Evidence"), N_("Evidence"), "evidence", N_("Evidence")),
}
_INTROS = {
    "topics": N_("The topics of the Council of Europe's Intercultural Cities good-practice database, in the order its "
                 "filter menu lists them, with the practices filed under each."),
    "countries": N_("The countries of the Council of Europe's Intercultural Cities good-practice database, in the order "
                    "its filter menu lists them, with the practices from each."),
    "years": N_("Every year that a practice is dated by, oldest first."),
    "languages": N_("The languages the practices are written in; a practice written in several languages is "
                    "listed under each, and its page links the others."),
}
NOT_SEARCHED = {"search": {"exclude": True}}


@dataclass(frozen=True)
class GeneratedPage:
    """A page for the generator: its Markdown (front matter + marked HTML), its table of contents,
    and the front matter's fields as the generator must read them back (the hook checks it did)."""

    markdown: str
    toc: tuple[Heading, ...] = ()
    meta: dict | None = None


class Cards:
    """Each case's card, rendered once per build and reused by every list it is in (its topics,
    country and year, and the related practices of other cases: about eight lists a case)."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str], Markup] = {}

    def render(self, practices, prefix: str) -> list[Markup]:
        """The cards of ``practices`` for a page whose way to the site root is ``prefix``."""
        cards = []
        for practice in practices:
            key = (practice.slug, prefix, i18n.current().code)
            made = self._made.get(key)
            if made is None:
                made = self._made[key] = Markup(render("card.html", practice=practice, prefix=prefix, text_lang=text_lang,
                                                       language=language_label(practice),
                                                       facts=card_facts(practice), year_label=YEAR_LABEL,
                                                       not_given=NOT_GIVEN))
            cards.append(made)
        return cards


@dataclass(frozen=True)
class SharedCase:
    """The parts of a case's page that read the same in every language: its text (the Markdown body,
    rendered once when the case is read), its sources, its BibTeX entry and its JSON-LD."""

    body: Markup
    sources: Markup
    bibtex_parts: tuple
    bibtex: Markup
    json_ld: Markup


class CaseParts:
    """Each case's :class:`SharedCase`, made once per build and reused by the page of every language:
    only the page's own words (labels, the facts' names, the reference, the headings, the cards of
    related cases) are rendered per language. A page in another language gets the body with its
    addresses changed for its folder (:func:`icp.render.relink.relinked`, once per language)."""

    def __init__(self, *, site_name: str, site_url: str = "", built: date) -> None:
        self.site_name, self.site_url, self.built = site_name, site_url, built
        self._made: dict[str, SharedCase] = {}
        self._bodies: dict[tuple[str, str], Markup] = {}

    def of(self, practice: Practice) -> SharedCase:
        made = self._made.get(practice.slug)
        if made is None:
            parts = bibtex(practice, site_name=self.site_name, site_url=self.site_url, accessed=self.built)
            rendered = practice.rendered
            made = self._made[practice.slug] = SharedCase(
                body=rendered.html if rendered else Markup(),
                sources=Markup(render("case-sources.html", practice=practice)),
                bibtex_parts=parts,
                bibtex=Markup(environment().get_template("_cite_parts.html").module.parts(parts)),
                json_ld=json_ld_script(practice, site_name=self.site_name, site_url=self.site_url))
        return made

    def body(self, practice: Practice) -> Markup:
        """The case's text for a page in the current language."""
        code = i18n.current().code
        key = (practice.slug, code)
        if key not in self._bodies:
            self._bodies[key] = relinked(self.of(practice).body, routes.CASE_FOLDER)
        return self._bodies[key]


def page(title: str, html: str, *, toc: tuple[Heading, ...] = (), **meta: object) -> GeneratedPage:
    """A generated page: its HTML kept past Python-Markdown, under a front matter MkDocs reads back."""
    fields = front_matter_fields(title, **meta)
    return GeneratedPage(front_matter(fields) + html_block(html), toc, fields)


def practice_page(practice: Practice, index: PracticeIndex, *, site_name: str, site_url: str = "",
                  built: date, cards: Cards | None = None, interfaces: tuple[str, ...] = (i18n.DEFAULT,),
                  parts: CaseParts | None = None) -> GeneratedPage:
    """A case's page; ``built`` is the date its citation gives until the page's script puts in today's.
    ``parts``: what the page shares with its other languages' pages (made here when not given)."""
    parts = parts or CaseParts(site_name=site_name, site_url=site_url, built=built)
    shared = parts.of(practice)
    topics = [index.topic_entry(name) for name in practice.topics]
    rendered = practice.rendered
    headings = rendered.headings if rendered else ()
    sources_heading = any(heading.id == "sources" for heading in headings)
    related = index.related(practice)
    citation = Citation(practice.slug, reference(practice, site_name=site_name, site_url=site_url, accessed=built),
                        shared.bibtex_parts)
    html = render(
        "case.html", practice=practice, topics=topics, city_state=index.city_state(practice),
        country=next(entry for entry in index.countries if entry.name == practice.country),
        facts=page_facts(practice), year_label=YEAR_LABEL, year_help=YEAR_HELP, not_given=NOT_GIVEN,
        body=parts.body(practice), shared=shared, text_lang=text_lang(practice),
        translations=translation_links(practice, index, interfaces), sources_heading=sources_heading,
        related=(cards or Cards()).render(related, "../"), citation=citation, site_name=site_name,
        address=page_address(practice, site_url),
    )
    # The case's own headings in its language; the page's own (Sources, Cite this practice) in the page's.
    toc = [Heading(heading.level, heading.id, heading.text, case_language(practice)) for heading in headings]
    if practice.sources and not sources_heading:
        toc.append(Heading(2, "sources", _("Sources")))
    toc.append(Heading(2, "cite-this-practice", _("Cite this practice")))
    if related:
        toc.append(Heading(2, "related-practices", _("Related practices")))
    return page(practice.title, html, toc=tuple(toc), description=practice.summary, **NOT_SEARCHED)


def topic_pages(index: PracticeIndex) -> dict[str, TermEntry]:
    """Each topic page's address (``topics/<slug>.html``, ``topics/<slug>-2.html``, ...) -> its topic."""
    return {routes.html(uri): entry for entry in index.topics for uri in entry.pages}


def term_pages(entry: TermEntry, cards: Cards | None = None) -> dict[str, GeneratedPage]:
    """The page (or pages, ``routes.PER_PAGE`` cards each) listing every case filed under a term."""
    labels = GROUP_LABELS[entry.group]
    singular, key = _(labels.singular), labels.key
    uris = entry.pages
    names = [routes.html(uri).rsplit("/", 1)[-1] for uri in uris]
    pages = {}
    for number, uri in enumerate(uris, start=1):
        heading = _("%(label)s: %(value)s") % {"label": singular, "value": i18n.term(entry.name)}
        title = heading if len(uris) == 1 else _("%(heading)s (page %(number)s of %(pages)s)") % {
            "heading": heading, "number": number, "pages": len(uris)}
        # Each language has its own feeds, beside its topic pages.
        feed = (routes.relative(topic_feed_path(entry), start=i18n.current().prefix + uri)
                if entry.group == "topics" else None)
        html = render("term.html", title=title, entry=entry, count=len(entry.practices), labels=labels,
                      key=key, number=number, pages=names, feed=feed,
                      cards=(cards or Cards()).render(entry.practices[(number - 1) * routes.PER_PAGE:number * routes.PER_PAGE], "../"))
        pages[uri] = page(title, html, **NOT_SEARCHED)
    return pages


def overview_page(group: str, entries: tuple[TermEntry, ...]) -> GeneratedPage:
    """Every term of a menu: those with cases first, with their counts; the empty ones set apart."""
    plural_label = _(GROUP_LABELS[group].plural)
    html = render("overview.html", plural_label=plural_label, intro=_INTROS[group],
                  filled=[entry for entry in entries if entry.practices],
                  empty=[entry for entry in entries if not entry.practices])
    return page(plural_label, html, **NOT_SEARCHED)


def generated_pages(index: PracticeIndex, *, site_name: str, site_url: str = "", built: date,
                    interfaces: tuple[str, ...] = (i18n.DEFAULT,), parts: CaseParts | None = None) -> dict[str, GeneratedPage]:
    """Every page made from the cases, by its path in the site's docs tree (the finder aside), in the
    current language; ``interfaces``: the codes of the site's languages, where a case's translation is
    linked; ``parts``: the cases' pages' shared parts, made once for every language."""
    cards = Cards()
    pages = {routes.case_page(practice.slug): practice_page(practice, index, site_name=site_name, site_url=site_url,
                                                           built=built, cards=cards, interfaces=interfaces, parts=parts)
             for practice in index.practices}
    for group in PracticeIndex.GROUPS:
        pages[routes.overview(group)] = overview_page(group, index.group(group))
        for entry in index.group(group):
            pages.update(term_pages(entry, cards))
    return pages
