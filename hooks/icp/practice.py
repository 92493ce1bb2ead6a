"""A validated case, the unit every index and page is made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from icp import languages, routes
from icp.body.convert import RenderedBody
from icp.check.lookalikes import normal_city


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    reference: str | None = None
    evaluation: bool | None = None


@dataclass(frozen=True)
class Practice:
    slug: str
    path: Path
    title: str
    city: str
    country: str
    year: int | None
    topics: tuple[str, ...]
    summary: str
    body: str
    subtitle: str | None = None
    organisation: str | None = None
    period: str | None = None
    contact: str | None = None
    status: str | None = None
    status_date: str | None = None
    partners: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    evidence: str = "none given"
    budget: str | None = None
    sources: tuple[Source, ...] = ()
    related: tuple[str, ...] = ()
    # The language its text is written in, and the same practice in other languages (the build makes
    # the list symmetric: :meth:`icp.index.PracticeIndex` gives each case every other of its group).
    language: str = languages.DEFAULT
    translations: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    rendered: RenderedBody | None = field(default=None, compare=False, repr=False)

    @property
    def url(self) -> str:
        """The page's address relative to the site root."""
        return routes.html(routes.case_page(self.slug))

    @classmethod
    def from_front_matter(cls, slug: str, path: Path, meta: dict, body: str,
                          rendered: RenderedBody | None = None) -> "Practice":
        return cls(
            slug=slug,
            path=path,
            title=meta["title"].strip(),
            city=normal_city(meta["city"]),
            country=meta["country"],
            year=meta.get("year"),
            topics=tuple(meta["topics"]),
            summary=" ".join(meta["summary"].split()),
            body=body,
            subtitle=meta.get("subtitle"),
            organisation=meta.get("organisation"),
            period=meta.get("period"),
            contact=meta.get("contact"),
            status=meta.get("status"),
            status_date=meta.get("status_date"),
            partners=tuple(meta.get("partners", [])),
            target_groups=tuple(meta.get("target_groups", [])),
            evidence=meta["evidence"],
            budget=meta.get("budget"),
            sources=tuple(Source(**source) for source in meta.get("sources", [])),
            related=tuple(meta.get("related", [])),
            language=meta.get("language", languages.DEFAULT),
            translations=tuple(meta.get("translations", [])),
            lat=meta.get("lat"),
            lon=meta.get("lon"),
            rendered=rendered,
        )

    def front_matter(self) -> dict:
        """The front matter as the editor gave it, without empty optional keys."""
        data = {
            "title": self.title,
            "subtitle": self.subtitle,
            "language": self.language if self.language != languages.DEFAULT else None,
            "city": self.city,
            "country": self.country,
            "year": self.year,
            "topics": list(self.topics),
            "summary": self.summary,
            "organisation": self.organisation,
            "period": self.period,
            "status": self.status,
            "status_date": self.status_date,
            "partners": list(self.partners),
            "target_groups": list(self.target_groups),
            "evidence": self.evidence,
            "budget": self.budget,
            "contact": self.contact,
            "sources": [
                {key: value for key, value in vars(source).items() if value is not None}
                for source in self.sources
            ],
            "related": list(self.related),
            "translations": list(self.translations),
            "lat": self.lat,
            "lon": self.lon,
        }
        return {key: value for key, value in data.items() if value not in (None, [])}
