"""Atom 1.0 feeds of the newest cases: one for the site (``feed.xml``), one per topic
(``topics/<slug>.xml``), and the ``<link rel="alternate">`` tags that let browsers and feed
readers find them from any page.

Written with the core's Jinja2 environment, not with feedgen. An Atom feed is one fixed
shape of a dozen elements; what matters is that every value is escaped, and the
autoescaping environment does that for text and attributes alike (``& < > " '`` become
entities, which XML reads back as the same characters, ``]]>`` included). feedgen would
add lxml (a C extension of several megabytes) and python-dateutil to the build for that,
and its last release (1.0.0) is from December 2023: not worth it here. Characters that XML
1.0 forbids outright (C0 controls, lone surrogates, U+FFFE/U+FFFF) cannot be escaped at all;
the reader refuses them earlier, and :func:`xml_text` drops any that get this far so the
feed stays well formed for any text.

Ids and links. Atom ids must be IRIs that never change, even when a feed is moved or
mirrored (RFC 4287, 4.2.6), and this site has no fixed address: it is read from file://,
from its host, and from copies. So ids never come from an address: they are ``tag:`` URIs
(RFC 4151) minted from an authority (a domain or e-mail address the publisher held on the
given date), e.g. ``tag:intercultural-city-practices.github.io,2026:practices/<slug>``.
Links are written relative to the site root and resolved by ``xml:base``: ``site_url``
when the site has one (the links are then absolute), otherwise the way from the feed back
to the root (``./`` or ``../``), which a reader resolves against the address it fetched the
feed from, so the same feed works on any host and from file://.

Dates. A case has a year but no date. An entry's ``updated`` is taken from the case itself
(:func:`entry_date`: its newest dated source, else 1 January of its year, else the build date), never later than the
build date the caller passes. Not from git: a commit's date is whatever its author typed (a
forged 2099 would lead every feed), and a shallow checkout dates every file by its one commit,
so the same commit would give other feeds. The feed's ``updated`` is its newest entry's.
Everything is passed in: the feed functions read no clock, file or repository.

Languages. Each language has its own feeds, in its folder (``fr/feed.xml``, ``fr/topics/<slug>.xml``),
titled in it and leading to its pages; a case's title and summary keep the case's language. Their ids
are the English feeds' with the language's folder before them (``...:fr/practices/<slug>``): another
document, not the same entry again. The language is the one :func:`icp.i18n.use` has set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from icp import i18n, routes
from icp.i18n import gettext as _
from icp.index import PracticeIndex, TermEntry
from icp.practice import Practice
from icp.render.templating import render

FEED_SIZE = 30
SITE_FEED = routes.SITE_FEED
ATOM_TYPE = "application/atom+xml"
DEFAULT_TAG_AUTHORITY = "intercultural-city-practices.github.io"
DEFAULT_TAG_DATE = "2026"

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TAG_AUTHORITY = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}"
                            r"|[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}")
_SOURCE_DATE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")
_TAG_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


@dataclass(frozen=True)
class FeedSite:
    """What every feed says about the site: its name (title and author), address and id authority."""

    name: str
    url: str = ""
    tag_authority: str = DEFAULT_TAG_AUTHORITY
    tag_date: str = DEFAULT_TAG_DATE
    description: str | None = None

    def __post_init__(self) -> None:
        if not _TAG_AUTHORITY.fullmatch(self.tag_authority):
            raise ValueError(f"feed id authority {self.tag_authority!r} must be a domain name or an e-mail address")
        if not _TAG_DATE.fullmatch(self.tag_date):
            raise ValueError(f"feed id date {self.tag_date!r} must be YYYY, YYYY-MM or YYYY-MM-DD")

    def tag(self, specific: str) -> str:
        return f"tag:{self.tag_authority},{self.tag_date}:{specific}"

    def base(self, feed_path: str) -> str:
        """The ``xml:base`` of the feed at ``feed_path``: the site's address, or the way back to its root."""
        if self.url:
            return self.url if self.url.endswith("/") else self.url + "/"
        return "../" * feed_path.count("/") or "./"


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    href: str
    updated: str
    summary: str
    # Each topic as (term, label): its English name, the same in every feed, and its name in the feed's language.
    categories: tuple[tuple[str, str], ...]
    lang: str = ""  # the case's language where it is not the feed's (its title and summary are in it)


@dataclass(frozen=True)
class FeedLink:
    """One ``<link rel="alternate">`` of a page's head."""

    href: str
    title: str
    type: str = ATOM_TYPE


def xml_text(value: object) -> str:
    """The text without the characters XML 1.0 cannot carry, escaped or not."""
    return _XML_FORBIDDEN.sub("", str(value))


def atom_date(moment: date | datetime) -> str:
    """RFC 3339 in UTC; a date is its midnight UTC, a naive time is taken as UTC."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(), tzinfo=timezone.utc)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def topic_feed_path(entry: TermEntry) -> str:
    """A topic's feed, in the folder of the language being rendered."""
    return i18n.current().prefix + routes.topic_feed(entry.slug)


def site_feed_path() -> str:
    return i18n.current().prefix + SITE_FEED


def feed_entry(practice: Practice, site: FeedSite, when: date | datetime) -> FeedEntry:
    prefix = i18n.current().prefix
    return FeedEntry(
        id=site.tag(f"{prefix}practices/{practice.slug}"),
        title=xml_text(practice.title),
        href=prefix + practice.url,
        updated=atom_date(when),
        summary=xml_text(practice.summary),
        categories=tuple((xml_text(topic), xml_text(i18n.term(topic))) for topic in practice.topics),
        lang="" if practice.language == i18n.current().code else practice.language,
    )


def entry_date(practice: Practice, build_date: date) -> date:
    """The day a case's entry stands for: its newest source dated YYYY, YYYY-MM or YYYY-MM-DD (a
    year or month is its first day), else 1 January of its year, else the build date; never after
    ``build_date``."""
    dated = [_SOURCE_DATE.fullmatch(source.date) for source in practice.sources if source.date]
    days = [date(int(found[1]), int(found[2] or 1), int(found[3] or 1)) for found in dated if found]
    if days:
        return min(max(days), build_date)
    if practice.year is not None:
        return min(date(practice.year, 1, 1), build_date)
    return build_date


def atom_feed(practices: tuple[Practice, ...] | list[Practice], site: FeedSite, *, path: str, title: str,
              alternate: str, id_specific: str, build_date: date) -> str:
    """One Atom document of ``practices`` in the order given, to be published at ``path``."""
    moments = [entry_date(practice, build_date) for practice in practices]
    entries = [feed_entry(practice, site, moment) for practice, moment in zip(practices, moments)]
    newest = max(moments, key=lambda moment: atom_date(moment), default=build_date)
    language = i18n.current().code
    return render(
        "atom.xml",
        lang=language,
        settings_lang=None if language == i18n.DEFAULT else i18n.DEFAULT,  # the site's description is in English
        base=site.base(path),
        id=site.tag(id_specific),
        title=xml_text(title),
        subtitle=xml_text(site.description) if site.description else None,
        author=xml_text(site.name),
        author_uri=site.base(path) if site.url else None,
        updated=atom_date(newest),
        self_href=path,
        alternate_href=alternate,
        entries=entries,
    )


def site_feed(index: PracticeIndex, site: FeedSite, build_date: date, *, size: int = FEED_SIZE) -> str:
    """The ``size`` newest cases of the whole site, in listing order (newest year first)."""
    prefix = i18n.current().prefix
    return atom_feed(index.latest(size), site, path=site_feed_path(), title=site_feed_title(site.name),
                     alternate=prefix + "index.html", id_specific=prefix + "feed", build_date=build_date)


def site_feed_title(name: str) -> str:
    return _("{site}: newest practices").format(site=name)


def topic_feed_title(name: str, entry: TermEntry) -> str:
    return _("{site}: {topic}").format(site=name, topic=i18n.term(entry.name))


def topic_feed(entry: TermEntry, site: FeedSite, build_date: date, *, size: int = FEED_SIZE) -> str:
    """The ``size`` newest cases filed under one topic."""
    prefix = i18n.current().prefix
    return atom_feed(entry.practices[:size], site, path=topic_feed_path(entry), title=topic_feed_title(site.name, entry),
                     alternate=f"{prefix}topics/{entry.slug}.html", id_specific=f"{prefix}topics/{entry.slug}",
                     build_date=build_date)


def feed_files(index: PracticeIndex, site: FeedSite, build_date: date, *, size: int = FEED_SIZE) -> dict[str, str]:
    """Every feed of the language being rendered by its path in the site: the site's and one per topic
    (empty topics too, so that every topic page's feed link leads somewhere)."""
    files = {site_feed_path(): site_feed(index, site, build_date, size=size)}
    for entry in index.topics:
        files[topic_feed_path(entry)] = topic_feed(entry, site, build_date, size=size)
    return files


# --- autodiscovery -----------------------------------------------------------------------


def feed_links(page_url: str, site: FeedSite, topic: TermEntry | None = None) -> list[FeedLink]:
    """The feeds a page announces: the site's on every page, and its topic's on a topic page.

    ``page_url`` is the page's address relative to the site root (``fr/practices/x.html``); the
    links are relative to the page, so they work on any host and from file://. The feeds are those
    of the language being rendered, the page's.
    """
    up = "../" * page_url.count("/")
    links = [FeedLink(up + site_feed_path(), site_feed_title(site.name))]
    if topic is not None:
        links.append(FeedLink(up + topic_feed_path(topic), topic_feed_title(site.name, topic)))
    return links


def feed_links_html(links: list[FeedLink]) -> str:
    """The ``<link>`` tags for a page's ``<head>``."""
    return render("feed_links.html", links=links)
