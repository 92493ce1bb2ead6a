"""The committed schema carries the vocabulary's lists, so editors' YAML language servers can complete them."""

import json

from conftest import ROOT
from icp.schema import dump_schema, schema_for
from icp.site import Project


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
