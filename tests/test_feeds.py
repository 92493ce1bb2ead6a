"""The Atom feeds, read back by a real feed parser and by an XML parser, from real case files."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest

from icp import routes
from icp.builddate import build_date
from icp.index import PracticeIndex
from icp.practice import Practice
from icp.publish import feeds
from icp.read.vocabulary import Vocabulary
from icp.render import pages as generated_pages
from icp.site import Project

from conftest import write_case

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = "A & B <script>alert(1)</script> ]]> \"q\" 'a'"
BUILD = date(2026, 11, 30)
MIRROR = "https://mirror.example/some/where/"

# slug: (title, city, country, year, topics): the order the feeds must list them in is worked out
# by hand below, not by the code under test.
CASES = {
    "oslo-old": ("Oldest case", "Oslo", "Norway", 2001, ["Education"]),
    "malmo-hostile": (HOSTILE, "Malmö", "Sweden", 2020, ["Roma", "Education"]),
    "montreal-b": ("Bridges in Montréal", "Montréal", "Canada", 2020, ["Anti-rumour"]),
    "athens-greek": ("Ελληνικά για όλους", "Athens", "Greece", 2018, ["Roma"]),
    "lyon-z": ("Zebra crossings", "Lyon", "France", 2023, ["Education", "Anti-rumour"]),
    "bergen-a": ("after-school clubs", "Bergen", "Norway", 2023, ["Multilingualism"]),
}
NEWEST_FIRST = ["bergen-a", "lyon-z", "malmo-hostile", "montreal-b", "athens-greek", "oslo-old"]


def summary_of(slug: str) -> str:
    return f"What {CASES[slug][1]} & {CASES[slug][2]} did, \"in short\"."


def yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def index(project_copy) -> PracticeIndex:
    for slug, (title, city, country, year, topics) in CASES.items():
        write_case(project_copy.practices_dir, slug, title=yaml_string(title), city=city, country=country,
                   year=year, topics=", ".join(topics), summary=yaml_string(summary_of(slug)))
    return project_copy.load_index()


def write_feeds(folder: Path, index: PracticeIndex, site: feeds.FeedSite, **options) -> Path:
    for path, text in feeds.feed_files(index, site, BUILD, **options).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder


def parse(path: Path, address: str | None = None):
    """The feed as a reader that fetched it from ``address`` (or from nowhere) sees it."""
    headers = {"content-type": "application/atom+xml; charset=utf-8"}
    if address:
        headers["content-location"] = address
    parsed = feedparser.parse(path.read_bytes(), response_headers=headers)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_site_feed_lists_the_newest_cases_in_order(index, tmp_path):
    site = write_feeds(tmp_path, index, feeds.FeedSite("Intercultural City Practices"), size=4)
    parsed = parse(site / "feed.xml", MIRROR + "feed.xml")
    expected = NEWEST_FIRST[:4]
    assert [entry.title for entry in parsed.entries] == [CASES[slug][0] for slug in expected]
    assert [entry.link for entry in parsed.entries] == [f"{MIRROR}practices/{slug}.html" for slug in expected]
    assert [[tag.term for tag in entry.tags] for entry in parsed.entries] == [CASES[slug][4] for slug in expected]
    assert [entry.id for entry in parsed.entries] == [
        f"tag:intercultural-city-practices.github.io,2026:practices/{slug}" for slug in expected]
    assert [entry.updated for entry in parsed.entries] == [
        "2023-01-01T00:00:00Z", "2023-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z"]
    assert all(entry.author == "Intercultural City Practices" for entry in parsed.entries)
    assert parsed.feed.updated == "2023-01-01T00:00:00Z"
    assert parsed.feed.title == "Intercultural City Practices: newest practices"
    assert parsed.feed.link == MIRROR + "index.html"
    assert {link.rel: link.href for link in parsed.feed.links}["self"] == MIRROR + "feed.xml"


def test_topic_feed_lists_only_that_topics_cases(index, tmp_path):
    site = write_feeds(tmp_path, index, feeds.FeedSite("ICP"))
    for topic in ("Roma", "Education", "Anti-rumour", "Multilingualism"):
        slug = index.vocabulary.topic(topic).slug
        address = f"{MIRROR}topics/{slug}.xml"
        parsed = parse(site / "topics" / f"{slug}.xml", address)
        expected = [case for case in NEWEST_FIRST if topic in CASES[case][4]]
        assert [entry.link for entry in parsed.entries] == [f"{MIRROR}practices/{case}.html" for case in expected]
        assert all(topic in [tag.term for tag in entry.tags] for entry in parsed.entries)
        assert parsed.feed.link == f"{MIRROR}topics/{slug}.html"
        assert {link.rel: link.href for link in parsed.feed.links}["self"] == address


def test_every_topic_has_a_well_formed_feed_even_without_cases(index, tmp_path):
    site = write_feeds(tmp_path, index, feeds.FeedSite("ICP"))
    written = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.xml"))
    assert written == sorted(["feed.xml"] + [f"topics/{term.slug}.xml" for term in index.vocabulary.topics])
    empty = parse(site / "topics" / "refugees.xml")
    assert empty.entries == [] and empty.feed.updated == "2026-11-30T00:00:00Z"


def test_feeds_are_valid_atom_for_an_xml_parser(index, tmp_path):
    site = write_feeds(tmp_path, index, feeds.FeedSite("ICP", description="Good practices & more"))
    for path in site.rglob("*.xml"):
        root = ET.parse(path).getroot()
        assert root.tag == f"{ATOM}feed"
        for tag in ("id", "title", "updated", "author/{A}name"):
            assert root.find(f"{ATOM}{tag}".replace("{A}", ATOM)) is not None, (path, tag)
        assert {link.get("rel") for link in root.findall(f"{ATOM}link")} == {"self", "alternate"}
        datetime.strptime(root.findtext(f"{ATOM}updated"), "%Y-%m-%dT%H:%M:%SZ")
        for entry in root.findall(f"{ATOM}entry"):
            for tag in ("id", "title", "updated", "summary"):
                assert entry.findtext(f"{ATOM}{tag}"), (path, tag)
            assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("practices/")
            assert entry.findall(f"{ATOM}category")


def test_hostile_and_non_ascii_text_comes_back_as_written(index, tmp_path):
    site = write_feeds(tmp_path, index, feeds.FeedSite("ICP"))
    raw = (site / "topics" / "roma.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "]]>" not in raw
    root = ET.fromstring(raw.encode("utf-8"))
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == [HOSTILE, "Ελληνικά για όλους"]
    summaries = [entry.findtext(f"{ATOM}summary") for entry in root.iter(f"{ATOM}entry")]
    assert summaries == [summary_of("malmo-hostile"), summary_of("athens-greek")]
    parsed = parse(site / "topics" / "roma.xml")
    assert [entry.title for entry in parsed.entries] == titles
    montreal = parse(site / "topics" / "anti-rumour.xml").entries[1]
    assert (montreal.title, montreal.summary) == ("Bridges in Montréal", summary_of("montreal-b"))


def test_characters_xml_cannot_carry_are_dropped(tmp_path):
    """The reader refuses control characters; if one got through, the feed must still parse."""
    vocabulary = Vocabulary.from_names(["Roma"], ["Sweden"])
    bad = Practice(slug="malmo-bad", path=tmp_path / "malmo-bad.md", title="Bell\x07 and\x0b tab\tok\ud800",
                   city="Malmö", country="Sweden", year=2020, topics=("Roma",), summary=f"Nul\x00 {HOSTILE}\x1f.\ufffe", body="")
    site = write_feeds(tmp_path, PracticeIndex([bad], vocabulary), feeds.FeedSite("Site\x1b name"))
    for path in ("feed.xml", "topics/roma.xml"):
        root = ET.parse(site / path).getroot()
        entry = root.find(f"{ATOM}entry")
        assert entry.findtext(f"{ATOM}title") == "Bell and tab\tok"
        assert entry.findtext(f"{ATOM}summary") == f"Nul {HOSTILE}."
        assert root.findtext(f"{ATOM}author/{ATOM}name") == "Site name"


def test_links_are_absolute_with_a_site_url_and_ids_do_not_depend_on_it(index, tmp_path):
    hosted = write_feeds(tmp_path / "hosted", index, feeds.FeedSite("ICP", url="https://icp.example.org/kb"))
    local = write_feeds(tmp_path / "local", index, feeds.FeedSite("ICP"))
    for path in ("feed.xml", "topics/education.xml"):
        with_url, without = parse(hosted / path), parse(local / path)
        assert all(entry.link.startswith("https://icp.example.org/kb/practices/") for entry in with_url.entries)
        assert {link.rel: link.href for link in with_url.feed.links}["self"] == f"https://icp.example.org/kb/{path}"
        assert with_url.feed.author_detail.href == "https://icp.example.org/kb/"
        assert [entry.id for entry in with_url.entries] == [entry.id for entry in without.entries]
        assert with_url.feed.id == without.feed.id


def test_links_without_a_site_url_resolve_from_wherever_the_feed_is_read(index, tmp_path):
    """Opened from file:// (a copy of the site), each link leads to the page next to the feed."""
    site = write_feeds(tmp_path, index, feeds.FeedSite("ICP"))
    for path in ("feed.xml", "topics/education.xml"):
        root = ET.parse(site / path).getroot()
        base = urljoin((site / path).as_uri(), root.get("{http://www.w3.org/XML/1998/namespace}base"))
        for entry in root.iter(f"{ATOM}entry"):
            href = urljoin(base, entry.find(f"{ATOM}link").get("href"))
            assert href == (site / "practices" / f"{entry.findtext(f'{ATOM}id').rsplit('/', 1)[1]}.html").as_uri()
        self_href = urljoin(base, root.find(f"{ATOM}link[@rel='self']").get("href"))
        assert self_href == (site / path).as_uri()


def test_tag_authority_must_be_a_domain_or_mail_address():
    feeds.FeedSite("ICP", tag_authority="editors@example.org", tag_date="2026-01-15")
    for authority, when in (("not a domain", "2026"), ("example.org", "26"), ("example.org", "2026-13")):
        with pytest.raises(ValueError):
            feeds.FeedSite("ICP", tag_authority=authority, tag_date=when)


class LinkTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        assert tag == "link"
        self.links.append(dict(attrs))


def test_pages_announce_the_site_feed_and_a_topic_page_its_own(index, tmp_path, monkeypatch):
    site = write_feeds(tmp_path, index, feeds.FeedSite("ICP"))
    monkeypatch.setattr(routes, "PER_PAGE", 1)
    pages = generated_pages.topic_pages(index)
    assert pages["topics/education-3.html"].name == "Education"
    assert "topics/education-4.html" not in pages and "topics/roma.html" in pages
    name = 'ICP "&" <b>'
    for page_url in ("index.html", "practices/lyon-z.html", "topics/education-2.html", "countries/norway.html"):
        topic = pages.get(page_url)
        parser = LinkTags()
        parser.feed(feeds.feed_links_html(feeds.feed_links(page_url, feeds.FeedSite(name), topic)))
        expected = ["feed.xml"] + ([f"topics/{topic.slug}.xml"] if topic else [])
        page = (site / page_url).as_uri()
        assert [urljoin(page, link["href"]) for link in parser.links] == [(site / path).as_uri() for path in expected]
        assert all((site / path).exists() for path in expected)
        assert {link["rel"] for link in parser.links} == {"alternate"}
        assert {link["type"] for link in parser.links} == {"application/atom+xml"}
        assert parser.links[0]["title"] == f"{name}: newest practices"
        if topic:
            assert parser.links[1]["title"] == f"{name}: Education"


def git(folder: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when or "", "GIT_COMMITTER_DATE": when or ""}
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   cwd=folder, env=env, check=True, capture_output=True)


SOURCED = """---
title: Sourced
city: Oslo
country: Norway
year: {year}
topics: [Education]
summary: A short plain summary.
evidence: none given
sources:
{sources}
---

## Summary

A short plain summary.
"""


def sourced_case(project, slug: str, year: int, *dates: str) -> Practice:
    sources = "\n".join(f'  - title: Source {number}\n    date: "{when}"' for number, when in enumerate(dates))
    (project.practices_dir / f"{slug}.md").write_text(SOURCED.format(year=year, sources=sources or "  []"),
                                                      encoding="utf-8")
    [practice] = [case for case in project.load_index().practices if case.slug == slug]
    return practice


def test_an_entry_is_dated_by_its_newest_dated_source_else_its_year(project_copy):
    dated = sourced_case(project_copy, "oslo-a", 2010, "2011-11-22", "2016", "spring 2019", "2014-05")
    assert feeds.entry_date(dated, BUILD) == date(2016, 1, 1), "undated text ('spring 2019') is not a date"
    undated = sourced_case(project_copy, "oslo-b", 2012, "no date")
    assert feeds.entry_date(undated, BUILD) == date(2012, 1, 1)


def test_an_entry_is_never_dated_after_the_build(project_copy):
    future = sourced_case(project_copy, "oslo-a", 2026, "2099-12-31")
    assert feeds.entry_date(future, BUILD) == BUILD


def git(folder: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when or "", "GIT_COMMITTER_DATE": when or ""}
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   cwd=folder, env=env, check=True, capture_output=True)


def project_feeds(root: Path) -> dict[str, str]:
    project = Project(root)
    publication = project.publication("ICP")
    return feeds.feed_files(project.load_index(), publication.feed, publication.built)


def test_feeds_are_the_same_from_a_shallow_checkout_and_ignore_forged_commit_dates(project_copy, tmp_path):
    origin = project_copy.root
    git(origin, "init", "-q")
    write_case(project_copy.practices_dir, "oslo-a", year=2011)
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "one", when="2020-01-02T03:04:05Z")
    write_case(project_copy.practices_dir, "oslo-b", year=2012)
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "two", when="2099-06-07T08:09:10Z")
    full, shallow = tmp_path / "full", tmp_path / "shallow"
    git(tmp_path, "clone", "-q", origin.as_uri(), str(full))
    git(tmp_path, "clone", "-q", "--depth", "1", origin.as_uri(), str(shallow))
    assert project_feeds(full) == project_feeds(shallow)
    assert "2099" not in "".join(project_feeds(full).values())


# --- in the built site ---------------------------------------------------------------------


class HeadFeedLinks(HTMLParser):
    """The Atom ``<link rel="alternate">`` tags of a page's head, and the links labelled as feeds in its body."""

    def __init__(self):
        super().__init__()
        self.in_head, self.head, self.body, self._anchor = False, [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "link" and attrs.get("rel") == "alternate" and attrs.get("type") == feeds.ATOM_TYPE:
            assert self.in_head, "feed link outside the head"
            self.head.append(attrs["href"])
        elif tag == "a" and attrs.get("type") == feeds.ATOM_TYPE:
            self._anchor = [attrs["href"], ""]

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "a" and self._anchor:
            self.body.append(tuple(self._anchor))
            self._anchor = None

    def handle_data(self, data):
        if self._anchor:
            self._anchor[1] += data


def head_feed_links(path: Path) -> HeadFeedLinks:
    parser = HeadFeedLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def links_from_file(feed: Path) -> list[Path]:
    """Where each entry's link leads when the feed is opened from file:// (feedparser mangles file:/// bases)."""
    root = ET.parse(feed).getroot()
    base = urljoin(feed.as_uri(), root.get("{http://www.w3.org/XML/1998/namespace}base"))
    return [Path(urljoin(base, entry.find(f"{ATOM}link").get("href")).removeprefix("file://"))
            for entry in root.iter(f"{ATOM}entry")]


def newest_year_first(case: Practice) -> tuple:
    """The listing order, written out here: newest year first, a case without a year after every
    dated one, then by title (and slug, for equal titles)."""
    return (case.year is None, -(case.year or 0), case.title.casefold(), case.slug)


def test_built_site_feed_lists_the_newest_cases_in_order(built_site, real_index):
    parsed = parse(built_site / "feed.xml", MIRROR + "feed.xml")
    newest_first = sorted(real_index.practices, key=newest_year_first)[:feeds.FEED_SIZE]
    assert len(real_index.practices) > feeds.FEED_SIZE
    assert [entry.title for entry in parsed.entries] == [case.title for case in newest_first]
    assert links_from_file(built_site / "feed.xml") == [built_site / case.url for case in newest_first]
    assert all((built_site / case.url).exists() for case in newest_first)
    for entry, case in zip(parsed.entries, newest_first):
        assert entry.link == MIRROR + case.url
        assert entry.updated == feeds.atom_date(feeds.entry_date(case, build_date(case.path.parent)))
    assert parsed.feed.title == "Intercultural City Practices: newest practices"
    assert parsed.entries[0].id.startswith("tag:intercultural-city-practices.github.io,2026:practices/")


def test_built_topic_feed_and_its_visible_link(built_site, real_index):
    topic = next(entry for entry in real_index.topics if len(entry.practices) > 1)
    page = built_site / "topics" / f"{topic.slug}.html"
    links = head_feed_links(page)
    [(href, text)] = links.body
    assert text == "Follow this topic (Atom feed)"
    feed = Path(urljoin(page.as_uri(), href).removeprefix("file://"))
    assert feed == built_site / "topics" / f"{topic.slug}.xml"
    parsed = parse(feed, f"{MIRROR}topics/{topic.slug}.xml")
    cases = sorted((case for case in real_index.practices if topic.name in case.topics),
                   key=newest_year_first)[:feeds.FEED_SIZE]
    assert [entry.title for entry in parsed.entries] == [case.title for case in cases]
    assert links_from_file(feed) == [built_site / case.url for case in cases]
    assert all(topic.name in [tag.term for tag in entry.tags] for entry in parsed.entries)
    assert parsed.feed.link == f"{MIRROR}topics/{topic.slug}.html"


def test_every_page_announces_the_site_feed_and_topic_pages_their_own(built_site, real_index):
    topic_slugs = {entry.slug for entry in real_index.topics}
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        name = page.relative_to(built_site).as_posix()
        hrefs = head_feed_links(page).head
        if name == "404.html":
            # Served at any depth by a web server, never opened from file://: root-absolute, as its other links.
            assert hrefs == ["/feed.xml"]
            continue
        assert all(not href.startswith("/") and ":" not in href for href in hrefs), (name, hrefs)
        resolved = [Path(urljoin(page.as_uri(), href).removeprefix("file://")) for href in hrefs]
        language = name.split("/", 1)[0] if name.split("/", 1)[0] in ("fr", "da") else ""
        expected = [built_site / language / "feed.xml"]
        folder, _, stem = name.removeprefix(language + "/" if language else "").rpartition("/")
        if folder == "topics" and stem[:-len(".html")] in topic_slugs:
            expected.append(built_site / language / "topics" / stem.replace(".html", ".xml"))
        assert resolved == expected, name
        assert all(path.exists() for path in resolved)


def test_feed_links_make_material_fetch_nothing_and_stay_in_the_live_page(browser, built_site, real_index):
    """Material fetches a sitemap.xml next to every link[rel=alternate]; feed-links.js keeps it from the feeds'."""
    import sitecheck

    topic = real_index.topics[0]
    context = browser.new_context()
    recorder = sitecheck.Recorder()
    recorder.watch(context)
    try:
        page = sitecheck.open_page(context, (built_site / "topics" / f"{topic.slug}.html").as_uri())
        live = page.evaluate("""() => Array.from(document.head.querySelectorAll('link[rel="alternate"]:not([hreflang])'))
                                .map(link => link.href)""")
        assert live == [(built_site / "feed.xml").as_uri(), (built_site / "topics" / f"{topic.slug}.xml").as_uri()]
        assert not [url for url in recorder.requests if "sitemap" in url or url.endswith(".xml")]
        assert recorder.errors == []
    finally:
        context.close()


def test_the_french_feeds_are_titled_in_french_and_lead_to_the_french_pages(built_site, real_index):
    topic = next(entry for entry in real_index.topics if entry.name == "Education")
    page = built_site / "fr/topics/education.html"
    links = head_feed_links(page)
    assert links.head == ["../../fr/feed.xml", "../../fr/topics/education.xml"]
    [(href, text)] = links.body
    assert text == "Suivre ce thème (flux Atom)"
    feed = Path(urljoin(page.as_uri(), href).removeprefix("file://"))
    assert feed == built_site / "fr/topics/education.xml"
    parsed = parse(feed, f"{MIRROR}fr/topics/education.xml")
    assert parsed.feed.title == "Intercultural City Practices\u00a0: Éducation"
    assert parsed.feed.link == f"{MIRROR}fr/topics/education.html"
    cases = sorted(topic.practices, key=newest_year_first)[:feeds.FEED_SIZE]
    assert links_from_file(feed) == [built_site / "fr" / case.url for case in cases]
    # The case's own text keeps its language; its topics are named in French beside their English term.
    assert [entry.title for entry in parsed.entries] == [case.title for case in cases]
    assert all({"term": "Education", "label": "Éducation", "scheme": None} in entry.tags for entry in parsed.entries)
    english = parse(built_site / "topics/education.xml")
    assert {entry.id for entry in english.entries}.isdisjoint(entry.id for entry in parsed.entries)
    site = parse(built_site / "fr/feed.xml", MIRROR + "fr/feed.xml")
    assert site.feed.title == "Intercultural City Practices\u00a0: pratiques les plus récentes"
    assert site.feed.language == "fr" and site.entries[0].title_detail.language == "en"


def test_an_entry_says_its_cases_language_where_it_is_not_the_feeds(project_copy):
    from icp import i18n

    write_case(project_copy.practices_dir, "lyon-en", title="In English", city="Lyon", country="France", year=2020)
    path = write_case(project_copy.practices_dir, "lyon-fr", title="En français", city="Lyon", country="France", year=2021)
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitle:", "\nlanguage: fr\ntitle:", 1), encoding="utf-8")
    index = project_copy.load_index()
    french = next(language for language in i18n.languages() if language.code == "fr")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for language, expected in ((i18n.languages()[0], {"In English": None, "En français": "fr"}),
                               (french, {"In English": "en", "En français": None})):
        with i18n.use(language):
            text = feeds.site_feed(index, feeds.FeedSite("ICP"), BUILD)
        root = ET.fromstring(text)
        assert root.get(xml_lang) == language.code
        titles = {entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}title").get(xml_lang)
                  for entry in root.iter(f"{ATOM}entry")}
        assert titles == expected
        assert [entry.find(f"{ATOM}summary").get(xml_lang) for entry in root.iter(f"{ATOM}entry")] == list(
            titles.values())
