"""The built site as the Nu HTML Checker (the W3C's validator, vnu) reads it: no error on any page,
and a sitemap only where it can be valid."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, mkdocs_build

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# One JVM for every page. Its quick compiler only and one garbage collector thread: the checker's 450 pages take
# 53 CPU seconds instead of 93 with the JVM's defaults (both compilers and a parallel collector on every core;
# measured once on this 2-core machine). The quick compiler's frames are larger: the checker's schema needs a
# deeper stack than the 512 KiB it asks for at least.
JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m"]


def vnu_available() -> bool:
    if VNU.exists() and shutil.which("java"):
        return True
    if os.environ.get("CI"):
        pytest.fail("the Nu HTML Checker is missing: scripts/setup dev installs Java and npm's vnu-jar")
    pytest.skip("the Nu HTML Checker needs Java and npm's vnu-jar (scripts/setup dev installs both)")


def test_the_nu_html_checker_finds_no_error_on_any_page(built_site):
    vnu_available()
    result = subprocess.run(["java", *JVM, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                             str(built_site)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    shown = [f"{message.get('url', '').rsplit('/site', 1)[-1]}:{message.get('lastLine')}: {message['message']}"
             for message in messages]
    assert shown == [], "\n".join(shown[:20])
    assert result.returncode == 0


def test_no_sitemap_without_the_sites_address(built_site):
    assert not (built_site / "sitemap.xml").exists() and not (built_site / "sitemap.xml.gz").exists()


def test_the_sitemap_lists_every_page_dated_by_the_build(tmp_path):
    epoch = "1700000000"  # 2023-11-14 UTC
    result = mkdocs_build(ROOT, tmp_path / "site", env={"ICP_SITE_URL": "https://icp.example.org/kb/",
                                                        "SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    root = ET.parse(tmp_path / "site" / "sitemap.xml").getroot()
    urls = root.findall(f"{SITEMAP}url")
    pages = {path.relative_to(tmp_path / "site").as_posix() for path in (tmp_path / "site").rglob("*.html")}
    listed = {url.findtext(f"{SITEMAP}loc").removeprefix("https://icp.example.org/kb/") for url in urls}
    assert listed and listed <= pages and "index.html" in listed and "practices/index.html" in listed
    assert {url.findtext(f"{SITEMAP}lastmod") for url in urls} == {"2023-11-14"}
