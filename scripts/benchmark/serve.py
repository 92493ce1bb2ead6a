"""`mkdocs serve` as `scripts/build serve` runs it: from saving an edited case to the page showing it."""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from icp.check.validate import case_files

SERVE_OPTIONS = ["--dirty", "--no-strict"]  # as `scripts/build serve` runs it
SERVE_EDITS = 5
_TITLE = re.compile(r"^(title:\s*[\"']?)", re.MULTILINE)
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def serve_timing(project: Path) -> dict:
    """Edit the titles of SERVE_EDITS cases one at a time; seconds until the served page shows each."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", *SERVE_OPTIONS, "-a", f"127.0.0.1:{port}"]
    cases = case_files(project / "practices")[:SERVE_EDITS]
    log = project.parent / "serve.log"
    seconds = []
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_for(f"http://127.0.0.1:{port}/index.html", "</html>", timeout=600, server=server)
            for number, case in enumerate(cases):
                time.sleep(1.5)
                marker = f"Edited{number}x{int(time.time())}"
                text = case.read_text(encoding="utf-8")
                start = time.perf_counter()
                case.write_text(_TITLE.sub(rf"\1{marker} ", text, count=1), encoding="utf-8")
                wait_for(f"http://127.0.0.1:{port}/practices/{case.stem}.html", marker, timeout=300, server=server)
                seconds.append(time.perf_counter() - start)
        except SystemExit as error:
            raise SystemExit(f"{error}: {' '.join(log.read_text().split()[-30:])}") from None
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"serve_edit_seconds": statistics.median(seconds), "serve_edit_runs_seconds": seconds,
            "serve_mode": f"dirty rebuild, median of {len(seconds)} edits"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, needle: str, timeout: float, server: subprocess.Popen) -> None:
    """Poll ``url`` until it shows ``needle``; SystemExit if the server stops or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped (exit code {server.returncode})")
        try:
            with _LOCAL.open(url, timeout=5) as response:
                if needle in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {needle!r} within {timeout} s")
