"""A case as schema.org JSON-LD, for a case page's ``<script type="application/ld+json">``: the place
with its coordinates, the period as ``temporalCoverage``, the topics, the sources as ``isBasedOn`` and
the licence. Written by :func:`icp.render.scriptdata.script_json`, so no text of a case can close the element.
"""

from __future__ import annotations

from markupsafe import Markup

from icp.practice import Practice, Source
from icp.publish.opendata import CASE_LICENCE_URL
from icp.render.cite import page_address
from icp.render.facts import running_span
from icp.render.scriptdata import script_json


def temporal_coverage(practice: Practice) -> str | None:
    """The period as an ISO 8601 interval of years ("2011/2014", "2007/.." while running), or None."""
    if not practice.period:
        return None
    span = running_span(practice)
    if span is None:
        return None
    if span.end == span.start:
        return str(span.start)
    return f"{span.start}/{span.end if span.end is not None else '..'}"


def _source(source: Source) -> dict:
    work: dict = {"@type": "CreativeWork", "name": source.title}
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.date:
        work["datePublished"] = source.date
    if source.url:
        work["url"] = source.url
    return work


def case_json_ld(practice: Practice, *, site_name: str, site_url: str = "") -> dict:
    place: dict = {"@type": "Place", "name": f"{practice.city}, {practice.country}",
                   "address": {"@type": "PostalAddress", "addressLocality": practice.city,
                               "addressCountry": practice.country}}
    if practice.lat is not None and practice.lon is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": practice.lat, "longitude": practice.lon}
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": practice.title,
        "name": practice.title,
        "description": practice.summary,
        # Without a published address, the page's own name: a relative URL resolves against the page.
        "url": page_address(practice, site_url) if site_url else f"{practice.slug}.html",
        "inLanguage": practice.language,
        "about": [{"@type": "DefinedTerm", "name": topic} for topic in practice.topics],
        "keywords": list(practice.topics),
        "spatialCoverage": place,
        "license": CASE_LICENCE_URL,
        "isPartOf": {"@type": "WebSite", "name": site_name},
    }
    coverage = temporal_coverage(practice)
    if coverage:
        data["temporalCoverage"] = coverage
    if practice.sources:
        data["isBasedOn"] = [_source(source) for source in practice.sources]
    return data


def json_ld_script(practice: Practice, *, site_name: str, site_url: str = "") -> Markup:
    """The JSON text for the element (safe to print unescaped: see :func:`icp.render.scriptdata.script_json`)."""
    return Markup(script_json(case_json_ld(practice, site_name=site_name, site_url=site_url)))
