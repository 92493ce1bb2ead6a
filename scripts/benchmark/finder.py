"""The finder (practices/index.html) opened from file:// in headless Chromium, as a reader uses it.

Each of ``LOADS`` fresh page loads records: the page's own marks (docs/assets/javascripts/finder/
finder.js: ``icp-finder-start``, ``icp-finder-ready`` once the first results are drawn and the box
works, ``icp-search-ready`` once the search index is loaded), then, with the index loaded, one
option ticked, Reset, a query typed a key at a time, and a nine-letter word typed at machine speed
(``keyboard.type`` with no delay), timed from its first key to the whole word's results on screen. Each action is timed in the page from the
click or the ``input`` event until ``data-icp-finder-applied`` (bumped after every redraw)
changed and the next frame has started. Medians over the loads are reported.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from benchmark.finder_bytes import finder_bytes

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOADS = 5
QUERY = "school"  # typed "s", "sc", ... "schoo", then "school": every key redraws
WORD = "education"  # nine letters, in the real and the synthetic cases: typed at machine speed
INDEX_TIMEOUT_MS = 120_000

_MARKS = """() => Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]))"""

# The next redraw, timed from `start` (the click, or the next input event): resolves with the
# milliseconds once the attribute changed and a frame has started after it.
_NEXT_REDRAW = """() => {
  const root = document.documentElement;
  window.__icpRedraw = (trigger) => new Promise((resolve) => {
    const before = root.getAttribute("data-icp-finder-applied");
    let start = null;
    const observer = new MutationObserver(() => {
      if (start === null || root.getAttribute("data-icp-finder-applied") === before) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
    });
    observer.observe(root, { attributes: true, attributeFilter: ["data-icp-finder-applied"] });
    if (trigger) {
      start = performance.now();
      document.querySelector(trigger).click();
    } else {
      addEventListener("input", () => { start = performance.now(); }, { capture: true, once: true });
    }
  });
}"""

# A word typed at machine speed, timed from its first key's input event until the results of the
# whole word are drawn (the count names it, and no part of the index it needs is still loading:
# the finder sets data-icp-search-partial on <html> meanwhile) and a frame has started after that.
_WORD_TIMER = """(word) => {
  window.__icpWord = new Promise((resolve) => {
    const counter = document.getElementById("icp-result-count");
    const root = document.documentElement;
    const partial = () => root.hasAttribute("data-icp-search-partial");
    let start = null;
    addEventListener("input", () => { start = performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (start === null || !counter.textContent.includes("\u201c" + word + "\u201d") || partial()) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
    });
    observer.observe(counter, { childList: true, characterData: true, subtree: true });
    observer.observe(root, { attributes: true, attributeFilter: ["data-icp-search-partial"] });
  });
}"""

_FIRST_OPTION = """() => {
  const input = [...document.querySelectorAll("#icp-filter input[type=checkbox]")].find((i) => !i.disabled);
  return "#" + CSS.escape(input.id);
}"""


def finder_timings(site: Path) -> dict:
    """Medians over LOADS page loads of the finder from file://."""
    from playwright.sync_api import sync_playwright

    url = (site / "practices" / "index.html").as_uri()
    loads = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for _ in range(LOADS):
                loads.append(one_load(browser, url))
            sizes = finder_bytes(browser, site, WORD)
        finally:
            browser.close()
    keys = [load["keys_ms"] for load in loads]
    return {
        "finder_ready_ms": statistics.median(load["ready_ms"] for load in loads),
        "finder_script_ms": statistics.median(load["script_ms"] for load in loads),
        "finder_search_ready_ms": statistics.median(load["search_ready_ms"] for load in loads),
        "finder_tick_ms": statistics.median(load["tick_ms"] for load in loads),
        "finder_reset_ms": statistics.median(load["reset_ms"] for load in loads),
        "finder_key_ms": statistics.median(ms for load in keys for ms in load),
        "finder_key_slowest_ms": statistics.median(max(load) for load in keys),
        "finder_word_ms": statistics.median(load["word_ms"] for load in loads),
        "finder_word": WORD,
        "finder_key_by_prefix_ms": {QUERY[: i + 1]: statistics.median(load[i] for load in keys)
                                    for i in range(len(QUERY))},
        "finder_query": QUERY,
        "finder_loads": len(loads),
        **sizes,
    }


def one_load(browser, url: str) -> dict:
    """One fresh page: open, wait for the search index, tick, reset, type QUERY a key at a time."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url)
        page.wait_for_selector("html[data-icp-search-ready]", state="attached", timeout=INDEX_TIMEOUT_MS)
        marks = page.evaluate(_MARKS)
        page.evaluate(_NEXT_REDRAW)
        option = page.evaluate(_FIRST_OPTION)
        tick = page.evaluate("(selector) => window.__icpRedraw(selector)", option)
        reset = page.evaluate("() => window.__icpRedraw('#icp-reset')")
        page.focus("#icp-q")
        keys = []
        for key in QUERY:
            page.evaluate("() => { window.__icpPending = window.__icpRedraw(null); }")
            page.keyboard.press(key)
            keys.append(page.evaluate("() => window.__icpPending"))
        shown = page.locator("#icp-results > li").count()
        assert not errors, errors
        assert page.input_value("#icp-q") == QUERY, "the search box did not take every key"
        assert shown > 0 or page.locator("#icp-nothing").is_visible(), "the query drew no results and no message"
        page.fill("#icp-q", "")
        page.wait_for_function("() => !document.getElementById('icp-result-count').textContent.includes('\u201c')")
        page.evaluate(_WORD_TIMER, WORD)
        page.keyboard.type(WORD, delay=0)
        word = page.evaluate("() => window.__icpWord")
        assert page.input_value("#icp-q") == WORD, "the search box did not take every key of the word"
        return {
            "ready_ms": marks["icp-finder-ready"],
            "script_ms": marks["icp-finder-ready"] - marks["icp-finder-start"],
            "search_ready_ms": marks["icp-search-ready"],
            "tick_ms": tick,
            "reset_ms": reset,
            "keys_ms": keys,
            "word_ms": word,
        }
    finally:
        page.close()
