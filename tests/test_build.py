"""Build the real site with MkDocs and check what a reader finds in it."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import pytest

from icp.read.vocabulary import load_vocabulary, slugify
from icp.render import finder

from conftest import ROOT, copy_project, mkdocs_build, write_case

PRACTICES = sorted((ROOT / "practices").glob("*.md"))
VOCABULARY = load_vocabulary(ROOT / "practices" / "taxonomy.yml")


class Links(HTMLParser):
    """The links of one listing (the cards' titles) and the page's H1."""

    def __init__(self):
        super().__init__()
        self.card_links: list[str] = []
        self.h1 = ""
        self._in_h1 = False
        self._in_card_title = False
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self._in_h1 = True
        if tag == "a" and "icp-card__title" in (attrs.get("class") or ""):
            self.card_links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def cases_by_front_matter():
    return {path.stem: frontmatter.load(path).metadata for path in PRACTICES}


def test_there_are_cases():
    assert len(PRACTICES) >= 8


@pytest.mark.parametrize("path", PRACTICES, ids=lambda p: p.stem)
def test_every_case_has_a_page_with_its_facts(built_site, real_index, path):
    meta = frontmatter.load(path).metadata
    page = built_site / "practices" / f"{path.stem}.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    parsed = parse(page)
    assert unescape(parsed.h1.strip()) == meta["title"]
    for value in (meta["city"], meta["country"], str(meta.get("year", "not given"))):
        assert value in unescape(html)
    for topic in meta["topics"]:
        assert f'href="../topics/{slugify(topic)}.html"' in html
    assert f'href="../countries/{slugify(meta["country"])}.html"' in html
    assert (f'href="../years/{meta["year"]}.html"' in html) if "year" in meta else "years/None" not in html
    for field in ("period", "organisation"):
        if field in meta:
            assert meta[field] in unescape(html)
    for source in meta.get("sources", []):
        assert source["title"] in unescape(html)
    related = real_index.related(real_index.by_slug[path.stem])
    assert ("Related practices" in html) == bool(related)
    for other in related:
        assert f'href="../practices/{other.slug}.html"' in html


@pytest.mark.parametrize("group, names_of", [
    ("topics", lambda meta: meta["topics"]),
    ("countries", lambda meta: [meta["country"]]),
    ("years", lambda meta: [str(meta["year"])] if "year" in meta else []),
])
def test_each_index_lists_exactly_the_cases_that_name_its_term(built_site, group, names_of):
    cases = cases_by_front_matter()
    if group == "topics":
        terms = VOCABULARY.topic_names
    elif group == "countries":
        terms = VOCABULARY.country_names
    else:
        terms = sorted({str(meta["year"]) for meta in cases.values() if "year" in meta})
    overview = (built_site / group / "index.html").read_text(encoding="utf-8")
    listed_terms = re.findall(r'<li><a href="([^"]+)\.html">', overview)
    filed = [term for term in terms if any(term in names_of(meta) for meta in cases.values())]
    assert listed_terms == [slugify(term) for term in filed], "terms with cases first, in menu order"
    empty_part = overview.split('id="not-yet"', 1)[1] if len(filed) < len(terms) else ""
    assert re.findall(r'<a href="([^"]+)\.html">', empty_part.split("</p>", 1)[0]) == [
        slugify(term) for term in terms if term not in filed], "the empty terms, set apart, in menu order"
    for term in terms:
        expected = sorted(slug for slug, meta in cases.items() if term in names_of(meta))
        page = built_site / group / f"{slugify(term)}.html"
        assert page.is_file(), f"no page for {group}/{term}"
        links = parse(page).card_links
        found = sorted(Path(link).stem for link in links)
        assert found == expected, f"{group}/{term}: listed {found}, front matter says {expected}"
        count = len(expected)
        if expected:
            assert f"{count} practice" in unescape(overview.split(f'href="{slugify(term)}.html"')[1].split("</li>")[0])
        else:
            assert "Nothing is filed under this" in page.read_text(encoding="utf-8")


def test_filter_page_lists_the_newest_cases_without_javascript(built_site):
    html = (built_site / "practices" / "index.html").read_text(encoding="utf-8")
    links = parse(built_site / "practices" / "index.html").card_links
    cases = cases_by_front_matter()
    # The listing order, worked out here from the case files: newest year first, a case without a year
    # after every dated one, then by title and slug.
    newest = sorted(cases, key=lambda slug: ("year" not in cases[slug], -cases[slug].get("year", 0),
                                             str(cases[slug]["title"]).casefold(), slug))[:finder.FIRST_RESULTS]
    assert len(cases) > finder.FIRST_RESULTS
    assert [Path(link).stem for link in links] == newest
    for group in ("topics", "countries", "years"):
        assert f'href="../{group}/index.html"' in html
    assert 'id="icp-reset"' in html and "Reset filter" in html
    assert (built_site / "practices" / "finder-data.js").is_file()


def test_filter_menu_mirrors_the_source_site(built_site):
    html = (built_site / "practices" / "index.html").read_text(encoding="utf-8")
    legends = re.findall(r"<legend[^>]*>([^<]+)</legend>", html)
    assert legends == ["Topic", "Countries", "Year", "Language", "Evidence", "When it ran"]
    topics = re.findall(r'name="topic" value="([^"]+)"', html)
    assert topics == [term.slug for term in VOCABULARY.topics]
    countries = re.findall(r'name="country" value="([^"]+)"', html)
    assert countries == [term.slug for term in VOCABULARY.countries]
    years = re.findall(r'name="year" value="([^"]+)"', html)
    assert years == sorted({str(meta["year"]) for meta in cases_by_front_matter().values() if "year" in meta})


def test_practices_json_holds_every_case(built_site):
    data = json.loads((built_site / "practices.json").read_text(encoding="utf-8"))
    records = {record["slug"]: record for record in data["practices"]}
    cases = cases_by_front_matter()
    assert set(records) == set(cases)
    for slug, meta in cases.items():
        record = records[slug]
        assert record["url"] == f"practices/{slug}.html"
        assert (built_site / record["url"]).is_file()
        for key, value in meta.items():
            if key == "sources":
                assert [s["title"] for s in record["sources"]] == [s["title"] for s in value]
            else:
                assert record[key] == value, f"{slug}: {key}"
    assert (built_site / "practices.csv").read_text(encoding="utf-8").count("\n") == len(cases) + 1


def test_cases_stay_out_of_the_navigation(built_site):
    about = (built_site / "about.html").read_text(encoding="utf-8")
    tabs = about.split('class="md-tabs__list"')[1].split("</ul>")[0]
    pages = re.findall(r'<a href="([^"#][^"]*)" class="md-tabs__link', tabs)
    assert pages == ["index.html", "practices/index.html", "topics/index.html", "countries/index.html",
                     "years/index.html", "about.html", "contribute.html", "propose.html"]
    nav = about.split('md-nav--primary', 1)[1]
    assert not re.findall(r'href="practices/(?!index)[^"]+\.html"', nav), "a case in the menu"
    for path in PRACTICES:
        assert f"{path.stem}.html" not in about.split('class="md-content"')[0]


def test_home_page_has_ways_in(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "practices:" not in html.split("<article")[1]  # every marker was replaced
    assert 'href="topics/' in html and 'href="countries/' in html
    assert 'class="icp-card__title" href="practices/' in html


def test_a_term_with_no_case_yet_says_so(tmp_path):
    project = copy_project(tmp_path / "project", languages=False)
    for path in (project / "practices").glob("*.md"):
        path.unlink()
    write_case(project / "practices", "only-one", topics="Roma", country="Norway", year=2012)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    empty = (tmp_path / "site" / "topics" / "refugees.html").read_text(encoding="utf-8")
    article = empty.split("<article", 1)[1].split("</article>", 1)[0]
    assert article.count("Nothing is filed under this topic yet") == 1
    assert "0 practices" not in article and "icp-card" not in article
    assert 'href="../propose.html"' in article, "leads to the form to propose a case"
    overview = (tmp_path / "site" / "topics" / "index.html").read_text(encoding="utf-8")
    assert "0 practices" not in overview and "No practice filed yet" in overview


def test_a_bad_case_stops_the_build_and_names_file_and_field(tmp_path):
    project = copy_project(tmp_path / "project", languages=False)
    write_case(project / "practices", "broken", topics="Educaton")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "practices/broken.md:6: topics[0]: 'Educaton' is not a topic; did you mean 'Education'?" in result.stderr


def test_only_a_publishing_build_writes_the_offline_zip(tmp_path):
    """The zip costs a tenth of a build, so plain builds (and serve) skip it and say how to get one."""
    result = mkdocs_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "download").exists()
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "scripts/package_offline.py" in home and 'href="download/' not in home


@pytest.mark.parametrize("heading", ["# A title\n\n", "A title\n=======\n\n"])
def test_a_body_heading_that_repeats_the_title_is_not_shown_twice(tmp_path, heading):
    project = copy_project(tmp_path / "project", languages=False)
    path = write_case(project / "practices", "titled", title="A title")
    path.write_text(path.read_text(encoding="utf-8").replace("## Summary", heading + "## Summary"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "practices" / "titled.html").read_text(encoding="utf-8")
    assert html.count("<h1") == 1


def footer_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    highlight = html.split('<div class="md-copyright__highlight">', 1)[1].split("</div>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", "", highlight)).split())


def test_every_page_names_the_site_its_licences_and_the_commits_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    project = copy_project(tmp_path / "project", languages=False)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = [tmp_path / "site" / name for name in
             ("index.html", "about.html", "topics/index.html", f"practices/{PRACTICES[0].stem}.html", "404.html")]
    for page in pages:
        assert footer_text(page) == ("Intercultural City Practices. Case texts: CC BY 4.0; code: MIT licence. "
                                     "Built on 14 November 2023."), page
        html = page.read_text(encoding="utf-8")
        assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in html
        assert '<time datetime="2023-11-14">' in html
    data = json.loads((tmp_path / "site" / "practices.json").read_text(encoding="utf-8"))
    assert data["licence"].startswith("Case texts: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)")


def test_every_page_links_the_open_data_from_its_footer(built_site):
    for page in ("index.html", "practices/index.html", "topics/education.html", sitecheck_case_url(built_site)):
        html = (built_site / page).read_text(encoding="utf-8")
        footer = html.split('class="icp-footer-data"', 1)[1].split("</div>", 1)[0]
        links = re.findall(r'href="([^"]+)"', footer)
        assert [link.rsplit("/", 1)[-1] for link in links] == ["practices.csv", "practices.json", "codebook.html",
                                                                "feed.xml"], page
        for link in links:
            assert (built_site / page).parent.joinpath(link).resolve().is_file(), f"{page}: {link}"


def sitecheck_case_url(site: Path) -> str:
    return json.loads((site / "practices.json").read_text(encoding="utf-8"))["practices"][0]["url"]
