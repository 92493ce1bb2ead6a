"""The files beside the cases that a pull request may change too (the vocabulary, the schema,
CONTRIBUTING.md) are read as warily as a case: no link is followed, no device read, no alias expanded."""

from __future__ import annotations

import os
import shutil

import pytest

from icp.read.casefile import CaseFileError
from icp.read.schema import SchemaFileError, load_schema
from icp.read.vocabulary import VocabularyError, load_vocabulary
from icp.site import Project
from icp.sitebuild import contribute_page

from conftest import ROOT


def test_a_vocabulary_linked_to_dev_zero_is_refused_without_reading_it(tmp_path):
    link = tmp_path / "taxonomy.yml"
    os.symlink("/dev/zero", link)
    with pytest.raises(VocabularyError, match="symbolic link"):
        load_vocabulary(link)


def test_a_vocabulary_with_aliases_is_refused(tmp_path):
    path = tmp_path / "taxonomy.yml"
    path.write_text("topics: &t [A, B]\ncountries: *t\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"taxonomy.yml: cannot read the vocabulary \(line 1\): .*anchor"):
        load_vocabulary(path)


def test_the_real_vocabulary_still_reads():
    vocabulary = load_vocabulary(ROOT / "practices" / "taxonomy.yml")
    assert vocabulary.topic_names[0] == "Anti-discrimination and Equality" and len(vocabulary.countries) == 24


def test_a_schema_linked_elsewhere_is_refused(tmp_path):
    link = tmp_path / "practice.schema.json"
    os.symlink(ROOT / "practices" / "practice.schema.json", link)
    with pytest.raises(SchemaFileError, match="symbolic link"):
        load_schema(link)


def test_contributing_linked_to_a_secret_is_never_published(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("token=abc123\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(ROOT / "practices", project / "practices")
    os.symlink(secret, project / "CONTRIBUTING.md")
    with pytest.raises(CaseFileError, match="symbolic link"):
        contribute_page(Project(project))
