"""The committed schema carries the vocabulary's lists, so editors' YAML language servers can complete them."""

import json
from pathlib import Path

from icp.read.schema import dump_schema, schema_for
from icp.site import Project

from conftest import ROOT


def test_committed_schema_lists_exactly_the_vocabulary():
    project = Project(ROOT)
    committed = project.schema_path.read_text(encoding="utf-8")
    assert committed == dump_schema(schema_for(project.schema(), project.vocabulary())), (
        "practices/practice.schema.json is out of date: run scripts/make_schema.py")
    schema = json.loads(committed)
    assert schema["properties"]["country"]["enum"] == project.vocabulary().country_names
    assert schema["properties"]["topics"]["items"]["enum"] == project.vocabulary().topic_names


def test_the_check_notices_a_new_term(tmp_path):
    project = Project(ROOT)
    vocabulary = project.vocabulary()
    schema = project.schema()
    schema["properties"]["topics"]["items"]["enum"].remove(vocabulary.topic_names[0])
    assert dump_schema(schema) != dump_schema(schema_for(schema, vocabulary))


# --- the quick check compiled from the schema ------------------------------------------------


def _real_schema():
    project = Project(ROOT)
    return schema_for(project.schema(), project.vocabulary())


def _valid_front_matters():
    """The real cases and fifty synthetic ones."""
    from icp.read.casefile import parse_case_text, read_case_file
    from icp.synthetic.cases import SyntheticCases

    metas = [read_case_file(path).meta for path in sorted((ROOT / "practices").glob("*.md"))]
    synthetic = SyntheticCases(Project(ROOT).vocabulary())
    for number in range(50):
        slug, text = synthetic.case(number)
        metas.append(parse_case_text(Path(f"{slug}.md"), text).meta)
    return metas


def _front_matters():
    """The valid front matters and every bad fixture that parses."""
    from icp.read.casefile import CaseFileError, read_case_file

    metas = _valid_front_matters()
    for path in sorted((ROOT / "tests" / "fixtures" / "bad").glob("*.md")):
        try:
            metas.append(read_case_file(path).meta)
        except CaseFileError:
            pass
    return metas


def _mutations(meta: dict):
    """The front matter broken, or bent, one key at a time."""
    odd_values = [None, True, 0, 1.5, 2010.0, -1, 10 ** 6, "", "x" * 400, "<b>x</b>", [], ["Education", "Education"],
                  [1, 1.0], ["Roma", 1], {}, {"title": 1}, [{"title": "t", "url": "ftp://x"}], "2010", "Educaton"]
    for key in list(meta) + ["tags", "lat", "lon"]:
        without = dict(meta)
        without.pop(key, None)
        yield without
        for value in odd_values:
            yield {**meta, key: value}
    yield {**meta, "sources": [{"title": "t", "publisher": 3}]}
    yield {**meta, "sources": [{"publisher": "p"}]}
    yield {**meta, "sources": [{"title": "t", "extra": "e"}]}
    yield {**meta, "lat": 91, "lon": 0}
    yield {**meta, "lat": 1}
    yield [meta]
    yield "text"


def test_the_quick_check_never_passes_what_the_schema_rejects():
    from jsonschema import Draft202012Validator

    from icp.read.schema import compile_quick_check

    schema = _real_schema()
    quick = compile_quick_check(schema)
    full = Draft202012Validator(schema)
    assert quick is not None, "the project's schema uses a keyword the quick check does not know"
    tried = 0
    for meta in _front_matters():
        for candidate in [meta, *(_mutations(meta) if isinstance(meta, dict) else [])]:
            tried += 1
            if quick(candidate):
                assert not list(full.iter_errors(candidate)), f"quick check passed what the schema rejects: {candidate!r}"
    assert tried > 5000


def test_the_quick_check_vouches_for_valid_cases():
    """Else it would only add work: every real and synthetic case must pass it."""
    from icp.read.schema import compile_quick_check

    quick = compile_quick_check(_real_schema())
    valid = _valid_front_matters()
    assert len(valid) == len(list((ROOT / "practices").glob("*.md"))) + 50
    assert all(quick(meta) for meta in valid)


def test_a_schema_keyword_the_quick_check_does_not_know_sends_every_case_to_jsonschema():
    from icp.read.schema import FrontMatterValidator, compile_quick_check

    schema = {**_real_schema(), "propertyNames": {"maxLength": 5}}
    assert compile_quick_check(schema) is None
    errors = list(FrontMatterValidator(schema).iter_errors({"title": "t", "subtitle": "s"}))
    assert any("subtitle" in error.message for error in errors), [error.message for error in errors]
