#!/usr/bin/env python3
"""Benchmark the finder's search index at N synthetic cases, in headless Chromium from file://.

    .venv/bin/python scripts/bench_search_index.py 1000 10000 --runs 5

For each N: the time to write the index script in Python, its size, and in fresh pages from
file:// (median of ``--runs``): the time to run the script (read, compile, JSON.parse), the time of
``MiniSearch.loadJS``, the time from navigation start to a usable index, and the time of a few
searches with ``prefix: true``, without and with ``fuzzy: 0.2``. ``--corpus zipf`` gives the cases
bodies of a realistic vocabulary; ``--body`` compares ways of trimming the body. ``--literal`` also times the same
payload written as an object literal instead of ``JSON.parse('…')``; ``--in-browser`` times
MiniSearch indexing the same documents in the page, for comparison (the finder never does that).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from itertools import accumulate
from pathlib import Path

from _paths import ROOT

from icp.check.validate import render_case_body
from icp.practice import Practice
from icp.read.casefile import parse_case_text
from icp.search import budget, minisearch
from icp.search import terms as search_terms
from icp.site import Project
from icp.synthetic.cases import SyntheticCases

sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402

ZIPF_VOCABULARY = 50_000
ZIPF_WORDS = 400
QUERIES = ("schoo", "youth mediators", "Malmo", "intercultural dialogue tables", "montreal")
SEARCH_TRIES = 5
VENDOR = ROOT / "docs" / "assets" / "vendor" / "minisearch" / "minisearch.min.js"
TERMS = ROOT / "docs" / "assets" / "javascripts" / "search-terms.js"

PAGE = """<!doctype html><meta charset="utf-8"><title>bench</title>
<script src="{vendor}"></script><script src="{terms}"></script>
<script>window.beforeIndex = performance.now();</script>
<script src="{index}"></script>
<script>
window.afterIndex = performance.now();
window.search = ICP.searchTerms.load(window.ICP_SEARCH_INDEX);
window.usable = performance.now();
</script>
"""


def synthetic_documents(count: int) -> list[dict]:
    """``count`` synthetic cases as search documents, parsed but not validated (they are valid)."""
    cases = SyntheticCases(Project(ROOT).vocabulary())
    documents = []
    for row in range(count):
        slug, text = cases.case(row + 1)
        case = parse_case_text(Path(f"{slug}.md"), text)
        practice = Practice.from_front_matter(slug, case.path, case.meta, case.body, render_case_body(case))
        documents.append(minisearch.case_document(practice, row))
    return documents


def zipf_documents(count: int, seed: int = 7) -> list[dict]:
    """The synthetic cases with bodies of a realistic vocabulary: synthetic.py's bodies use some 60
    words, so each has ~80 distinct terms where a real body of 500 words has ~230. These are
    ``ZIPF_WORDS`` words drawn from a Zipf law (s = 1.1) over ``ZIPF_VOCABULARY`` words, the most
    frequent first as the real cases use them, then made-up ones; that gives ~215 distinct terms."""
    documents = synthetic_documents(count)
    real = Counter(term for practice in Project(ROOT).load_index().practices
                   for term in search_terms.terms(practice.rendered.text))
    pick = random.Random(seed)
    syllables = [consonant + vowel for consonant in "bcdfghklmnprstvz" for vowel in "aeiou"]
    made_up = set()
    while len(made_up) < ZIPF_VOCABULARY - len(real):
        made_up.add("".join(pick.choice(syllables) for _ in range(pick.randint(2, 4))))
    vocabulary = [term for term, _ in real.most_common()] + sorted(made_up - set(real))
    weights = list(accumulate(1 / rank ** 1.1 for rank in range(1, len(vocabulary) + 1)))
    return [{**document, "body": " ".join(pick.choices(vocabulary, cum_weights=weights, k=ZIPF_WORDS))}
            for document in documents]


def literal_script(documents: list[dict]) -> str:
    """The same payload as an object literal, escaped as the real script is."""
    payload = json.dumps(minisearch.index_payload(documents), ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        payload = payload.replace(raw, escaped)
    return f"window.{minisearch.SCRIPT_GLOBAL}={payload};\n"


def time_page(browser, page_path: Path, runs: int, queries=QUERIES) -> dict:
    loads, parses, totals, searches = [], [], [], {}
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_path.as_uri())
        if errors:
            raise RuntimeError(errors)
        figures = page.evaluate("({parse: afterIndex - beforeIndex, load: usable - afterIndex, total: usable})")
        parses.append(figures["parse"])
        loads.append(figures["load"])
        totals.append(figures["total"])
        for query in queries:
            for fuzzy in (False, 0.2):
                times = page.evaluate(
                    """([query, fuzzy, tries]) => {
                        const times = [];
                        let count = 0;
                        for (let i = 0; i < tries; i++) {
                          const start = performance.now();
                          count = search.search(query, {prefix: true, fuzzy}).length;
                          times.push(performance.now() - start);
                        }
                        return {times, count};
                    }""", [query, fuzzy, SEARCH_TRIES])
                entry = searches.setdefault(f"{query!r} prefix{' fuzzy' if fuzzy else ''}",
                                            {"first": [], "median": [], "results": times["count"]})
                entry["first"].append(times["times"][0])
                entry["median"].append(statistics.median(times["times"]))
        context.close()
    return {
        "parse_ms": statistics.median(parses),
        "loadjs_ms": statistics.median(loads),
        "usable_ms": statistics.median(totals),
        "usable_min_ms": min(totals),
        "searches": {name: {"first_ms": statistics.median(entry["first"]),
                            "median_ms": statistics.median(entry["median"]), "results": entry["results"]}
                     for name, entry in searches.items()},
    }


def time_in_browser_indexing(browser, workdir: Path, documents: list[dict], runs: int) -> float:
    data = workdir / "documents.js"
    data.write_text("window.DOCS=" + json.dumps(documents, ensure_ascii=False).replace("<", "\\u003c") + ";\n",
                    encoding="utf-8")
    page_path = workdir / "addall.html"
    page_path.write_text(PAGE.format(vendor=VENDOR.as_uri(), terms=TERMS.as_uri(), index="index.js")
                         + f'<script src="{data.name}"></script>', encoding="utf-8")
    times = []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        page.goto(page_path.as_uri())
        times.append(page.evaluate("""() => {
            const data = window.ICP_SEARCH_INDEX;
            const start = performance.now();
            const search = new MiniSearch(ICP.searchTerms.options(data, ICP.searchTerms.termRules(data.rules)));
            search.addAll(DOCS);
            return performance.now() - start;
        }"""))
        context.close()
    return statistics.median(times)


def body_policy(documents: list[dict], body: str) -> list[dict]:
    """``budget`` (what the finder does), ``full``, ``none`` or ``SHARE,TERMS[,MIN]`` for trim_field."""
    if body == "budget":
        return budget.within_budget(documents)
    if body == "full":
        return documents
    if body == "none":
        return [{**document, "body": None} for document in documents]
    share, terms, least = (body.split(",") + [""])[:3]
    return budget.trim_field(documents, "body", float(share), int(terms) if terms else None, int(least or 1))


def measure(browser, count: int, corpus: str, body: str, runs: int, literal: bool, in_browser: bool) -> dict:
    documents = zipf_documents(count) if corpus == "zipf" else synthetic_documents(count)
    start = time.perf_counter()
    documents = body_policy(documents, body)
    script = minisearch.index_script(documents)
    build_s = time.perf_counter() - start
    encoded = script.encode("utf-8")
    index = minisearch.serialise(documents)
    result = {"cases": count, "corpus": corpus, "body": body, "build_s": build_s, "bytes": len(encoded),
              "gzip_bytes": len(gzip.compress(encoded, 6)), "terms": len(index["index"]),
              "postings": sum(len(postings) for _, data in index["index"] for postings in data.values())}
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        (workdir / "index.js").write_bytes(encoded)
        page_path = workdir / "finder.html"
        page_path.write_text(PAGE.format(vendor=VENDOR.as_uri(), terms=TERMS.as_uri(), index="index.js"),
                             encoding="utf-8")
        result["json_parse"] = time_page(browser, page_path, runs)
        if literal:
            (workdir / "literal.js").write_text(literal_script(documents), encoding="utf-8")
            page_path.write_text(PAGE.format(vendor=VENDOR.as_uri(), terms=TERMS.as_uri(), index="literal.js"),
                                 encoding="utf-8")
            result["object_literal"] = time_page(browser, page_path, runs, queries=())
        if in_browser:
            result["in_browser_addall_ms"] = time_in_browser_indexing(browser, workdir, documents, runs)
    return result


def report(result: dict) -> None:
    print(f"\n{result['cases']:,} cases, {result['corpus']} bodies, body {result['body']}: "
          f"script {result['bytes'] / 1e6:.2f} MB ({result['gzip_bytes'] / 1e6:.2f} MB gzip), "
          f"{result['terms']:,} terms, {result['postings']:,} postings, written in {result['build_s']:.2f} s")
    for name in ("json_parse", "object_literal"):
        if name in result:
            figures = result[name]
            print(f"  {name:15} run script {figures['parse_ms']:7.1f} ms   loadJS {figures['loadjs_ms']:7.1f} ms   "
                  f"usable at {figures['usable_ms']:7.1f} ms (fastest {figures['usable_min_ms']:.1f})")
    for query, figures in result["json_parse"]["searches"].items():
        print(f"  {query:42} first {figures['first_ms']:6.1f} ms   median {figures['median_ms']:6.1f} ms   "
              f"{figures['results']:,} results")
    if "in_browser_addall_ms" in result:
        print(f"  MiniSearch.addAll in the page instead: {result['in_browser_addall_ms']:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--corpus", choices=("synthetic", "zipf"), default="synthetic",
                        help="synthetic.py's bodies, or bodies of a realistic vocabulary (see zipf_documents)")
    parser.add_argument("--body", nargs="*", default=["budget"],
                        help="which body terms to index: budget (the finder's, budget.within_budget), full, "
                             "none, or SHARE,TERMS[,MIN] for budget.trim_field; several to compare")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--literal", action="store_true", help="also time an object literal instead of JSON.parse")
    parser.add_argument("--in-browser", action="store_true", help="also time MiniSearch indexing in the page")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        for count in args.counts:
            for body in args.body:
                results.append(measure(browser, count, args.corpus, body, args.runs, args.literal, args.in_browser))
                report(results[-1])
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
