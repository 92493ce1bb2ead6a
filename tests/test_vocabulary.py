import re

import pytest

from icp.read.vocabulary import VocabularyError, load_vocabulary, slugify

from conftest import ROOT


@pytest.mark.parametrize("name, slug", [
    ("Culture, Leisure and Heritage", "culture-leisure-and-heritage"),
    ("United Kingdom", "united-kingdom"),
    ("Health, Social care and Family support", "health-social-care-and-family-support"),
    ("Security, Justice and Safety", "security-justice-and-safety"),
    ("Côte d'Ivoire", "cote-d-ivoire"),
    ("  Anti-rumour  ", "anti-rumour"),
])
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_the_vocabulary_is_the_source_sites_menu_in_order():
    vocabulary = load_vocabulary(ROOT / "practices" / "taxonomy.yml")
    assert len(vocabulary.topics) == 20
    assert len(vocabulary.countries) == 24
    assert vocabulary.topics[0].name == "Anti-discrimination and Equality"
    assert vocabulary.topics[-1].name == "Welcoming and social integration"
    assert vocabulary.countries[0].name == "Australia"
    assert vocabulary.countries[-1].name == "United Kingdom"
    assert vocabulary.topic("Culture, Leisure and Heritage").slug == "culture-leisure-and-heritage"


SEED = ROOT.parent / "shared" / "seeds" / "000_768e313509cec487.txt"
SEED_MENU = ROOT / "tests" / "fixtures" / "seed-menu.txt"


def menu_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if not line.startswith("#")]


def test_seed_menu_matches_taxonomy():
    """The menu of seed 000 (Topic, Countries, then Year), kept in tests/fixtures, is what taxonomy.yml holds,
    in order."""
    lines = menu_lines(SEED_MENU.read_text(encoding="utf-8"))
    start = lines.index("Topic")
    countries = lines.index("Countries")
    years = lines.index("Year")
    vocabulary = load_vocabulary(ROOT / "practices" / "taxonomy.yml")
    assert vocabulary.topic_names == lines[start + 1:countries]
    assert vocabulary.country_names == lines[countries + 1:years]
    assert lines[years + 1:] == [str(year) for year in range(2015, 2022)]


def test_the_kept_menu_is_the_seeds():
    """Where the seeds lie beside the checkout (CI has them), the copy in tests/fixtures is still the seed's menu."""
    if not SEED.exists():
        pytest.skip("the seeds are not beside this checkout; tests/fixtures/seed-menu.txt is checked instead")
    seed = menu_lines(SEED.read_text(encoding="utf-8"))
    # The copy holds the three menus; the seed's "Reset Filter" button after them is not a menu.
    assert menu_lines(SEED_MENU.read_text(encoding="utf-8")) == seed[seed.index("Topic"):seed.index("Reset Filter")]


def test_two_terms_with_one_slug_are_refused(tmp_path):
    path = tmp_path / "taxonomy.yml"
    path.write_text("topics: [Education, 'Education!']\ncountries: [Norway]\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="same slug 'education'"):
        load_vocabulary(path)


def test_a_missing_list_is_refused(tmp_path):
    path = tmp_path / "taxonomy.yml"
    path.write_text("topics: [Education]\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="'countries' must be a non-empty list"):
        load_vocabulary(path)


def test_other_names_of_places_are_data_and_an_entry_is_one_place():
    vocabulary = load_vocabulary(ROOT / "practices" / "taxonomy.yml")
    assert "København" in vocabulary.aliases("Copenhagen", "Denmark")
    assert "UK" in vocabulary.aliases("Bradford", "United Kingdom")
    assert "Geneva" in vocabulary.aliases("Genève", "Switzerland")  # a case may write the city either way
    assert "Genève" not in vocabulary.aliases("Genève", "Switzerland")


@pytest.mark.parametrize("tables, message", [
    ("country_aliases: [UK]\n", "'country_aliases' must be a mapping of names to lists of other names"),
    ("country_aliases:\n  Norwey: [Norge]\n", "country_aliases: 'Norwey' is not in the 'countries' list"),
    ("country_aliases:\n  Norway: Norge\n", "country_aliases: Norway: expected a list of other names"),
    ("cities:\n  Oslo: [Christiania, 42]\n", "cities: Oslo: expected a list of other names"),
    ("cities:\n  Oslo: ['  ']\n", "cities: Oslo: expected a list of other names"),
    ("cities:\n  Oslo: [Kristiania, Kristiania]\n", "cities: Oslo: 'Kristiania' is listed twice"),
    ("cities:\n  Oslo: [" + ", ".join(f"N{n}" for n in range(21)) + "]\n", "cities: Oslo: 21 names; keep the 20"),
    ("cities:\n  '123': [Oslo]\n", "cities: '123' is not a name"),
    ("aliases:\n  Oslo: [Kristiania]\n", "unknown keys ['aliases']"),
])
def test_a_broken_table_of_other_names_is_refused_with_the_fix(tmp_path, tables, message):
    path = tmp_path / "taxonomy.yml"
    path.write_text("topics: [Education]\ncountries: [Norway]\n" + tables, encoding="utf-8")
    with pytest.raises(VocabularyError, match=re.escape(message)):
        load_vocabulary(path)
