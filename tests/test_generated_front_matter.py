"""A generated page's front matter reaches MkDocs' ``page.meta`` exactly as the core wrote it.

MkDocs keeps a front matter it cannot read in the page's Markdown, where Python-Markdown's extensions
would read a case's title as Markdown (an emoji once did that: JSON's surrogate escapes, which libyaml
refuses). So the writer is checked against MkDocs' own reader for any text, and the hook refuses a page
whose front matter did not arrive.
"""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from icp.generator.pagefile import front_matter, front_matter_fields, yaml_flow

from conftest import examples

# Any character a case's text can hold: the reader refuses lone surrogates before they get here.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


@settings(max_examples=examples(400, thorough=1500), deadline=None)
@given(title=TEXT, description=TEXT)
def test_mkdocs_reads_back_every_text_the_core_writes(title, description):
    fields = front_matter_fields(title, description=description, search={"exclude": True})
    rest, meta = get_data(front_matter(fields) + "<p>body</p>\n")
    assert rest == "<p>body</p>\n"
    assert meta == fields


@pytest.mark.parametrize("text", ["Schools 🏫 together", "\U0010ffff", "a\x00b\x7f\x85\u2028\ufeff", '"\\\n\t'])
def test_characters_json_would_write_in_a_form_yaml_refuses(text):
    fields = front_matter_fields(text)
    rest, meta = get_data(front_matter(fields) + "x")
    assert rest == "x" and meta == fields


def test_the_writer_writes_ascii_and_escapes_html():
    written = front_matter(front_matter_fields('<img src=x onerror="alert(1)"> 🏫'))
    assert written.isascii()
    assert get_data(written)[1]["title"] == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; 🏫"
    assert yaml_flow({"exclude": True, "tags": ["a", None, 3]}) == '{"exclude": true, "tags": ["a", null, 3]}'
    with pytest.raises(TypeError):
        yaml_flow(1.5)


def test_the_hook_refuses_a_generated_page_whose_front_matter_did_not_arrive():
    hook = importlib.import_module("practices")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="practices/x.md"), meta={})
    hook._state.metas["practices/x.md"] = {"title": "A title"}
    try:
        with pytest.raises(PluginError, match=r"practices/x\.md: MkDocs did not read .* \(title\)"):
            hook._check_front_matter_read(page)
        page.meta = {"title": "A title"}
        hook._check_front_matter_read(page)
    finally:
        hook._state.metas.pop("practices/x.md")
