"""The benchmark and its synthetic cases: they must keep working, so they run here at a small N.

The real measurements (the real cases, 1,000 and 10,000) are not timed tests; see docs/benchmarks.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from icp.check.validate import check_practices
from icp.generator.lifting import lift_html, restore_html
from icp.render import finder, pages
from icp.site import Project
from icp.synthetic.cases import SyntheticCases

from conftest import ROOT


def test_synthetic_cases_pass_the_real_validator(project_copy):
    vocabulary = project_copy.vocabulary()
    SyntheticCases(vocabulary).write(project_copy.practices_dir, 60)
    practices, problems = check_practices(project_copy.practices_dir, vocabulary, project_copy.schema(),
                                          root=project_copy.root)
    assert problems == []
    assert len(practices) == 60
    assert len({p.country for p in practices}) > 10
    assert len({p.year for p in practices}) > 10
    assert len({topic for p in practices for topic in p.topics}) == len(vocabulary.topics)
    words = sorted(len(p.body.split()) for p in practices)
    assert 400 <= words[len(words) // 2] <= 600
    assert all(p.lat is not None and p.lon is not None for p in practices)  # for the map at scale


def test_the_same_seed_gives_the_same_cases(project_copy):
    vocabulary = project_copy.vocabulary()
    assert SyntheticCases(vocabulary, seed=7).case(1) == SyntheticCases(vocabulary, seed=7).case(1)
    assert SyntheticCases(vocabulary, seed=7).case(1) != SyntheticCases(vocabulary, seed=8).case(1)


def test_lifted_html_comes_back_unchanged(project_copy):
    SyntheticCases(project_copy.vocabulary()).write(project_copy.practices_dir, 40)
    index = project_copy.load_index()
    practice = next(p for p in index.practices if index.related(p))
    page = pages.practice_page(practice, index, site_name="Intercultural City Practices", built=date(2026, 11, 30))
    lifted, blocks = lift_html(page.markdown)
    assert len(blocks) == 1
    assert "<dl" not in lifted and "icp-card" not in lifted
    restored = restore_html(lifted, blocks)
    assert blocks[0] in restored and "icp-card" in restored
    assert restore_html("<p><!-- icp:lifted 9 --></p>", blocks) == "<p><!-- icp:lifted 9 --></p>"


def test_filter_data_stays_under_290_bytes_per_case(project_copy):
    """244 bytes a synthetic case before issue 17; its evidence, the span of years it ran and the card's
    facts (here its period) add some 31."""
    SyntheticCases(project_copy.vocabulary()).write(project_copy.practices_dir, 200)
    index = project_copy.load_index()
    size = len(finder.finder_data_script(index).encode("utf-8"))
    assert size / len(index.practices) <= 290


def test_real_copies_are_valid_cases_that_relate_to_copies(project_copy):
    from benchmark.projects import parse_size, real_cases, write_real_copies

    count = len(real_cases()) * 2 + 3  # two whole rounds and a partial one
    paths = write_real_copies(project_copy.practices_dir, count)
    practices, problems = check_practices(project_copy.practices_dir, project_copy.vocabulary(),
                                          project_copy.schema(), root=ROOT)
    assert problems == []
    assert len(practices) == count == len({p.slug for p in practices})
    slugs = {p.slug for p in practices}
    related = [(p.slug, other) for p in practices for other in p.related]
    assert related and all(other in slugs for _, other in related)
    assert any(slug.endswith("-copy-2") and other.endswith("-copy-2") for slug, other in related)
    copies = {path.stem: path.read_text(encoding="utf-8") for path in paths}
    for original in real_cases():  # the text itself is the real case's, but for the renamed slugs
        assert copies[f"{original.stem}-copy-1"].replace("-copy-1", "") == original.read_text(encoding="utf-8")
    assert parse_size(f"real{count}").cases == count and parse_size("real").cases is None
    for wrong in ("real1", "realx", "0", "-5", "ten"):
        with pytest.raises(ValueError):
            parse_size(wrong)


def test_bench_runs_at_a_small_n_and_writes_its_table(tmp_path: Path):
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\nIntro kept.\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nOutro kept.\n")
    results = tmp_path / "benchmarks.json"
    results.write_text(json.dumps([{"n": 8, "label": "real", "runs": 3}]))  # an older format: dropped
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "20", "--runs", "1",
         "--page", str(page), "--results", str(results)],
        capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "| **Full / floor with search** (target ≤ 1.10 ×) |" in run.stdout
    assert "| **Full / floor without search** (target ≤ 1.10 ×) |" in run.stdout
    text = page.read_text()
    assert text.startswith("# Benchmarks\n\nIntro kept.") and text.rstrip().endswith("Outro kept.")
    assert "| N = 20 |" in text and "old" not in text and "| Target | Limit | Result |" in text
    [result] = json.loads(results.read_text())
    assert result["n"] == 20 and result["kind"] == "synthetic"
    assert result["build_seconds"] > 0 and result["floor_seconds"] > 0 and result["floor_search_seconds"] > 0
    assert result["ratio_floor"] == result["build_seconds"] / result["floor_seconds"]
    assert 0 < result["hook_seconds"] < result["build_seconds"]
    assert {"read", "validate", "body", "index", "render", "search index"} <= set(result["hook_steps"])
    assert result["largest_page_bytes"] < 1024 * 1024
    parts = [result[f"finder_{part}_bytes"] for part in ("page", "data", "index", "code")]
    assert all(parts) and sum(parts) == result["finder_bytes"] > result["finder_gzip_bytes"] > 0
    assert 0 < result["finder_ready_ms"] <= result["finder_search_ready_ms"]
    assert 0 < result["finder_tick_ms"] and 0 < result["finder_reset_ms"]
    assert len(result["finder_key_by_prefix_ms"]) == len(result["finder_query"])
    assert 0 < result["finder_key_ms"] <= result["finder_key_slowest_ms"]
    assert result["finder_word"] == "education" and 0 < result["finder_word_ms"]
    # The page, the data and the code at least; the index's parts its words need, if any.
    assert result["finder_gzip_bytes"] >= result["finder_first_result_gzip_bytes"] > result["finder_page_bytes"] / 10
    assert 0 <= result["finder_search_adds_gzip_bytes"] <= result["finder_search_adds_max_gzip_bytes"]
    assert result["map_cases"] == 20  # every synthetic case has coordinates
    assert result["map_europe"]["places"] > 5 and result["map_europe"]["bytes"] > 0
    vocabulary = Project(ROOT).vocabulary()
    assert result["feeds"]["files"] == 1 + len(vocabulary.topics)
