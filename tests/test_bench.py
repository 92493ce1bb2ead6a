"""The benchmark and its synthetic cases: they must keep working, so they run here at a small N.

The real measurements (N = 8, 1,000, 10,000) are not timed tests; see docs/benchmarks.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from conftest import ROOT

from icp import finder, pages
from icp.lifting import lift_html, restore_html
from icp.index import PracticeIndex
from icp.synthetic import SyntheticCases
from icp.validate import check_practices


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


def test_filter_data_stays_under_250_bytes_per_case(project_copy):
    SyntheticCases(project_copy.vocabulary()).write(project_copy.practices_dir, 200)
    index = project_copy.load_index()
    size = len(finder.finder_data_script(index).encode("utf-8"))
    assert size / len(index.practices) <= 250


def test_bench_runs_at_a_small_n_and_writes_its_table(tmp_path: Path):
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\nIntro kept.\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nOutro kept.\n")
    results = tmp_path / "benchmarks.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "20", "--runs", "1", "--no-search",
         "--page", str(page), "--results", str(results)],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "| Full / floor |" in run.stdout
    text = page.read_text()
    assert text.startswith("# Benchmarks\n\nIntro kept.") and text.rstrip().endswith("Outro kept.")
    assert "| N = 20 |" in text and "old" not in text
    [result] = json.loads(results.read_text())
    assert result["n"] == 20
    assert result["build_seconds"] > 0 and result["floor_seconds"] > 0
    assert 0 < result["hook_seconds"] < result["build_seconds"]
    assert result["largest_page_bytes"] < 1024 * 1024
    assert result["search_index_docs"] > 20
    assert 0 < result["filter_ready_ms"] and 0 < result["filter_apply_ms"] and 0 < result["filter_reset_ms"]
