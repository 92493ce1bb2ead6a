"""Synthetic but valid case files, for the benchmark and for tests at scale.

The cases draw their topics and countries from the vocabulary and look like real ones: a
title, a city of the country, a plain summary, sources and a body of about 500 words in the
sections editors write. A city with known coordinates (synthetic_coordinates.py) gives its case a
lat and lon, so maps can be drawn at scale. The same seed gives the same cases.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from icp.read.vocabulary import Vocabulary, slugify
from icp.synthetic.coordinates import CITY_COORDINATES

FIRST_YEAR = 1995
LAST_YEAR = 2025
BODY_WORDS = 500

CITIES = {
    "Australia": ["Melbourne", "Ballarat", "Maribyrnong", "Sydney"],
    "Austria": ["Vienna", "Graz", "Linz", "Salzburg"],
    "Canada": ["Montréal", "Toronto", "Vancouver", "Calgary"],
    "Croatia": ["Rijeka", "Zagreb", "Split", "Osijek"],
    "Cyprus": ["Limassol", "Nicosia", "Larnaca", "Paphos"],
    "Denmark": ["Copenhagen", "Aarhus", "Odense", "Aalborg"],
    "France": ["Strasbourg", "Lyon", "Paris", "Montreuil"],
    "Germany": ["Stuttgart", "Munich", "Berlin-Neukölln", "Erlangen"],
    "Greece": ["Athens", "Ioannina", "Patras", "Thessaloniki"],
    "Iceland": ["Reykjavík", "Akureyri", "Hafnarfjörður", "Kópavogur"],
    "Ireland": ["Dublin", "Limerick", "Cork", "Galway"],
    "Israel": ["Haifa", "Jaffa", "Beersheba", "Nazareth"],
    "Italy": ["Reggio Emilia", "Turin", "Bergamo", "Palermo"],
    "Japan": ["Hamamatsu", "Kawasaki", "Shinjuku", "Osaka"],
    "Netherlands": ["Amsterdam", "Rotterdam", "Utrecht", "Leeuwarden"],
    "New Zealand": ["Auckland", "Wellington", "Christchurch", "Hamilton"],
    "Norway": ["Oslo", "Bergen", "Drammen", "Stavanger"],
    "Portugal": ["Lisbon", "Amadora", "Porto", "Cascais"],
    "Serbia": ["Novi Sad", "Belgrade", "Subotica", "Niš"],
    "Spain": ["Barcelona", "Bilbao", "Getxo", "Sabadell"],
    "Sweden": ["Botkyrka", "Gothenburg", "Malmö", "Uppsala"],
    "Switzerland": ["Geneva", "Neuchâtel", "Zurich", "Lausanne"],
    "Ukraine": ["Lviv", "Odesa", "Melitopol", "Pavlohrad"],
    "United Kingdom": ["Bristol", "Leicester", "Glasgow", "London Borough of Lewisham"],
}
_OTHER_CITIES = ["Riverton", "Northfield", "Eastport", "Westbury"]

_TITLE_OPENINGS = ["Neighbourhood", "City", "Youth", "Women's", "Intercultural", "Community", "Open",
                   "Multilingual", "Welcome", "Shared", "Diversity", "Newcomers'"]
_TITLE_THINGS = ["mediators", "forum", "charter", "network", "festival", "mentoring programme",
                 "dialogue tables", "language cafés", "advisory council", "ambassadors", "hub",
                 "training for staff", "library programme", "sports league", "job fair"]
_TITLE_ENDINGS = ["", "", " for all", " in the districts", " and its partners", " pilot", " 2.0"]
_ACTORS = ["The city council", "The municipality", "The integration office", "A coalition of associations",
           "The city's diversity unit", "The mayor's office"]
_VERBS = ["brings together", "trains", "supports", "connects", "involves", "works with"]
_GROUPS = ["newcomers and long-term residents", "young people of every background", "migrant women",
           "local employers and jobseekers", "schools and parents", "public-service staff",
           "religious communities", "Roma families", "refugees and volunteers"]
_AIMS = ["to build trust between neighbours", "to counter prejudice and rumours", "to open public services to everyone",
         "to make diversity an advantage for the city", "to give residents a voice in decisions",
         "to help people find work and housing"]
_WORDS = ("the city residents programme project district community partners staff training dialogue "
          "diversity neighbourhood school families association volunteers public services meetings "
          "evaluation results participants languages cultural activities local council office youth "
          "employment housing health support network trust everyday contact shared spaces events "
          "workshops mediation policy strategy intercultural inclusion equality newcomers").split()
_LINKING = ["In the first year", "Over time", "Since then", "In practice", "As a result", "Each month",
            "With the help of partners", "According to the evaluation", "From the start", "Today"]
_SECTIONS = ["Summary", "Background", "Aims", "How it works", "Results", "Lessons learnt"]
_PUBLISHERS = ["Council of Europe", "City of {city}", "{city} Integration Office", "Intercultural Cities Programme"]


class SyntheticCases:
    """Makes the text of ``count`` varied, valid case files, numbered so their slugs never collide."""

    def __init__(self, vocabulary: Vocabulary, seed: int = 2024):
        self.vocabulary = vocabulary
        self.random = random.Random(seed)

    def case(self, number: int) -> tuple[str, str]:
        """The slug and the file text of the case numbered ``number``."""
        pick = self.random
        country = pick.choice(self.vocabulary.country_names)
        city = pick.choice(CITIES.get(country, _OTHER_CITIES))
        year = pick.randint(FIRST_YEAR, LAST_YEAR)
        topics = pick.sample(self.vocabulary.topic_names, pick.choice((1, 2, 2, 3, 3, 4)))
        thing = pick.choice(_TITLE_THINGS)
        title = f"{pick.choice(_TITLE_OPENINGS)} {thing}{pick.choice(_TITLE_ENDINGS)}"
        title = f"{title[0].upper()}{title[1:]} of {city}"
        summary = (f"{pick.choice(_ACTORS)} {pick.choice(_VERBS)} {pick.choice(_GROUPS)} "
                   f"{pick.choice(_AIMS)}, with {pick.choice(_GROUPS)} as partners.")
        slug = f"{slugify(city)}-{slugify(thing)}-{number}"
        meta = {
            "title": title,
            "city": city,
            "country": country,
            "year": year,
            "topics": topics,
            "summary": summary,
            "evidence": ("none given", "results reported")[number % 2],
            "organisation": f"City of {city}",
            "period": f"{year}–{pick.choice(['ongoing', str(year + pick.randint(1, 4))])}",
            "sources": self._sources(city, year),
        }
        if city in CITY_COORDINATES:
            meta["lat"], meta["lon"] = CITY_COORDINATES[city]
        return slug, _front_matter(meta) + self._body(summary)

    def _sources(self, city: str, year: int) -> list[dict]:
        pick = self.random
        sources = [{"title": f"{city}: good practice record", "publisher": "Council of Europe",
                    "date": str(year), "url": f"https://www.coe.int/en/web/interculturalcities/{slugify(city)}"}]
        if pick.random() < 0.5:
            sources.append({"title": f"Annual integration report {year + 1}",
                            "publisher": pick.choice(_PUBLISHERS).format(city=city)})
        return sources

    def _body(self, summary: str) -> str:
        sections = [f"## {_SECTIONS[0]}\n\n{summary}\n"]
        words_per_section = (BODY_WORDS - len(summary.split())) // (len(_SECTIONS) - 1)
        for heading in _SECTIONS[1:]:
            sections.append(f"## {heading}\n\n{self._paragraph(words_per_section)}\n")
        return "\n" + "\n".join(sections)

    def _paragraph(self, words: int) -> str:
        pick = self.random
        sentences = []
        written = 0
        while written < words:
            length = pick.randint(8, 18)
            body = " ".join(pick.choice(_WORDS) for _ in range(length))
            sentences.append(f"{pick.choice(_LINKING)}, {body}.")
            written += length + len(sentences[-1].split(",")[0].split())
        return " ".join(sentences)

    def write(self, directory: Path, count: int, first: int = 1) -> list[Path]:
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for number in range(first, first + count):
            slug, text = self.case(number)
            path = directory / f"{slug}.md"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths


def _front_matter(meta: dict) -> str:
    """YAML with every text value as a JSON string: always valid, whatever the text holds."""
    lines = ["---"]
    for key, value in meta.items():
        if key == "sources":
            lines.append("sources:")
            for source in value:
                items = list(source.items())
                lines.append(f"  - {items[0][0]}: {json.dumps(items[0][1], ensure_ascii=False)}")
                lines += [f"    {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in items[1:]]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n---\n"
