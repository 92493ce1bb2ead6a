"""The site's own scripts as published (icp.render.minify): without comments and indentation, the same
program token for token."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from icp.render.minify import ScriptError, minify

SCRIPTS = sorted([*(ROOT / "docs" / "assets" / "javascripts").rglob("*.js"),
                  *(path for path in (ROOT / "docs" / "assets" / "vendor").rglob("*.js") if not path.name.endswith(".min.js"))])
# acorn (a dependency of Lighthouse, in node_modules) reads both texts; each token as type and value.
TOKENS = """
const acorn = require("acorn");
const texts = JSON.parse(require("fs").readFileSync(0, "utf8"));
const tokens = (text) => Array.from(acorn.tokenizer(text, { ecmaVersion: "latest" }),
  (token) => token.type.label + " " + String(token.value));
process.stdout.write(JSON.stringify(texts.map(tokens)));
"""


def test_comments_indentation_and_blank_lines_go_line_breaks_strings_and_regular_expressions_stay():
    source = """/* The header.
   Two lines. */
(function () {
  "use strict";   // strict
  var url = "http://example.org/*not a comment*/";
  var re = /\\/\\*[^/]*$/g, half = width / 2 / scale;
  if (a) return /x\\/y/.test(s) ? 'it // stays' : b;

  return [1, 2]
  var t = `kept
    ${ {a: "}"}.a }  as written`;
})();
"""
    assert minify(source) == """(function () {
"use strict";
var url = "http://example.org/*not a comment*/";
var re = /\\/\\*[^/]*$/g, half = width / 2 / scale;
if (a) return /x\\/y/.test(s) ? 'it // stays' : b;
return [1, 2]
var t = `kept
    ${ {a: "}"}.a }  as written`;
})();
"""


@pytest.mark.parametrize("source, words", [
    ('var a = "open;\n', "string is never closed"),
    ("/* open", "comment is never closed"),
    ("x = /open;\n", "regular expression is never closed"),
    ("x = `a ${b`;", "never closed"),
    ("x = `a\nb;", "template literal is never closed"),
])
def test_a_script_the_minifier_cannot_read_is_named(source, words):
    with pytest.raises(ScriptError, match=words) as error:
        minify(source, "docs/assets/javascripts/x.js")
    assert "docs/assets/javascripts/x.js" in str(error.value)


def test_every_script_of_the_site_is_the_same_program_minified():
    if not (ROOT / "node_modules" / "acorn").exists() or not shutil.which("node"):
        pytest.skip("needs node and npm's acorn (scripts/setup dev: npm ci)")
    texts = [path.read_text(encoding="utf-8") for path in SCRIPTS]
    texts += [minify(text, path.name) for text, path in zip(texts, SCRIPTS)]
    result = subprocess.run(["node", "-e", TOKENS], input=json.dumps(texts), capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    tokens = json.loads(result.stdout)
    for path, written, published in zip(SCRIPTS, tokens, tokens[len(SCRIPTS):]):
        assert published == written, path.relative_to(ROOT)
    assert sum(map(len, texts[len(SCRIPTS):])) < 0.8 * sum(map(len, texts[:len(SCRIPTS)]))
