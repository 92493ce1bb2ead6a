"""The finder's bytes as a reader's searches load them, from file:// in headless Chromium.

Which files a page asks for is recorded with Playwright's request events (Chromium keeps no
resource timing for ``file://``); each is counted gzipped (level 6, as a server would send it),
read from the built site. Counted are the finder's own files, as the table's "Finder's bytes":
the page, everything under ``practices/`` it loads (its data, the search index and any part of
it) and the finder's code (``finder.SCRIPTS``); Material's stylesheets and scripts, shared by
every page, are not.

- *before the first result*: a fresh finder, WORD typed at machine speed, until its whole
  result is drawn (the body's parts it needs included: ``data-icp-search-partial`` is gone);
- *a typical search adds*: for each of QUERIES, a fresh finder opened and left until its search
  is ready, then the query typed: what its result loaded beyond the opening. Median over QUERIES.
"""

from __future__ import annotations

import gzip
import statistics
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from icp.render import finder

# Words a reader of the real cases types: a topic, a group of people, a thing done, a place.
QUERIES = ("housing", "refugees", "language", "festival", "mediators", "sport", "copenhagen", "school")
TIMEOUT_MS = 120_000
_COMPLETE = """(word) => {
  const count = document.getElementById("icp-result-count").textContent;
  return count.includes("\u201c" + word + "\u201d") && !document.documentElement.hasAttribute("data-icp-search-partial");
}"""


@lru_cache(maxsize=None)
def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def finders_own(site: Path, urls: list[str]) -> list[Path]:
    """The files of ``urls`` the finder's bytes count, once each."""
    folder = (site / finder.DATA_SCRIPT).parent
    code = {(folder / script).resolve() for script in finder.SCRIPTS + finder.ENGINE}
    own = []
    for url in dict.fromkeys(urls):
        parsed = urlparse(url)
        if parsed.scheme != "file":
            continue
        path = Path(unquote(parsed.path)).resolve()
        if path.is_file() and (path.is_relative_to(folder.resolve()) or path in code):
            own.append(path)
    return own


def _typed(browser, url: str, word: str, wait_ready: bool) -> tuple[list[str], list[str]]:
    """The URLs asked for by opening the finder, and those asked for by typing ``word`` after."""
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    try:
        page.goto(url)
        page.wait_for_selector("html[data-icp-finder-ready]", state="attached", timeout=TIMEOUT_MS)
        if wait_ready:
            page.wait_for_selector("html[data-icp-search-ready]", state="attached", timeout=TIMEOUT_MS)
            page.wait_for_timeout(200)  # anything the opening still asks for is the opening's
        opened = list(asked)
        page.focus("#icp-q")
        page.keyboard.type(word, delay=0)
        page.wait_for_function(_COMPLETE, arg=word, timeout=TIMEOUT_MS)
        return opened, asked[len(opened):]
    finally:
        page.close()


def finder_bytes(browser, site: Path, word: str) -> dict:
    """Gzipped bytes before ``word``'s first result, and the median a typical search adds."""
    url = (site / "practices" / "index.html").as_uri()
    opened, typed = _typed(browser, url, word, wait_ready=False)
    first = sum(map(gzipped_size, finders_own(site, opened + typed)))
    added = []
    for query in QUERIES:
        opened, typed = _typed(browser, url, query, wait_ready=True)
        before = set(finders_own(site, opened))
        added.append(sum(gzipped_size(path) for path in finders_own(site, typed) if path not in before))
    return {
        "finder_first_result_gzip_bytes": first,
        "finder_search_adds_gzip_bytes": statistics.median(added),
        "finder_search_adds_max_gzip_bytes": max(added),
        "finder_typical_queries": list(QUERIES),
    }
