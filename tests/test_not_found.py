"""The 404 page as a web server sends it: for a missing address at any depth, at the server's root
or under a sub-path (as GitHub Pages serves a project site, with site_url set)."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import sitecheck
from conftest import copy_project, mkdocs_build


class _PagesHandler(SimpleHTTPRequestHandler):
    """Serves the site under a prefix and answers a missing file with 404.html, like GitHub Pages."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def serve():
    servers = []

    def start(site: Path, prefix: str) -> str:
        handler = type("Handler", (_PagesHandler,), {"prefix": prefix})
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("prefix", ["/", "/intercultural-city-practices/"])
def test_not_found_page_helps_at_any_depth(browser, tmp_path, serve, prefix):
    project = copy_project(tmp_path / "project", languages=False)
    config = project / "mkdocs.yml"
    site_url = f"https://example.org{prefix}" if prefix != "/" else ""
    config.write_text(config.read_text(encoding="utf-8").replace('site_url: !ENV [ICP_SITE_URL, ""]',
                                                                 f'site_url: "{site_url}"'),
                      encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    origin = serve(site, prefix)

    missing = f"{origin}{prefix}topics/no/such/page.html"
    context = browser.new_context()
    recorder = sitecheck.Recorder()
    context.on("request", lambda request: recorder.requests.append(request.url))
    # A request the browser cancels because the page moved on (the favicon, under load) is no fault.
    context.on("requestfailed", lambda request: recorder.errors.append(f"failed: {request.url}")
               if request.failure != "net::ERR_ABORTED" else None)
    context.on("console", lambda message: recorder.errors.append(message.text)
               if message.type == "error" and message.location["url"] != missing else None)
    context.on("weberror", lambda error: recorder.errors.append(str(error.error)))
    context.on("response", lambda response: recorder.errors.append(f"{response.status} {response.url}")
               if response.status >= 400 and response.request.resource_type != "document" else None)
    page = context.new_page()
    response = page.goto(missing)
    page.wait_for_load_state("networkidle")
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Page not found"
    assert page.title().startswith("Page not found")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    links = {text: page.get_by_role("link", name=text, exact=True).first.get_attribute("href")
             for text in ("home page", "find practices", "by topic", "by country", "by year")}
    assert all(href.startswith(prefix) for href in links.values()), links

    city = sitecheck.cases(site)[0]["city"]
    page.locator("#icp-header-q").fill(city)
    page.locator("#icp-header-q").press("Enter")
    page.wait_for_url(f"{origin}{prefix}practices/index.html#q=*")
    page.locator("#icp-results .icp-card__title").first.wait_for()
    results = page.locator("#icp-results .icp-card__title").evaluate_all("links => links.map(link => link.href)")
    assert results and all(href.startswith(f"{origin}{prefix}practices/") for href in results)
    page.go_back()
    page.wait_for_url(missing)

    page.get_by_role("link", name="by country", exact=True).click()
    page.wait_for_url(f"{origin}{prefix}countries/index.html")
    assert page.locator("article h1").inner_text() == "Countries"
    context.close()
    assert recorder.errors == [], recorder.errors
    assert all(url.startswith(origin + "/") for url in recorder.requests)
