"""The parts of scripts/bench.py, by what they measure: the projects built (projects), the builds
(builds), the finder in Chromium (finder), `mkdocs serve` (serve), the map and feeds the core draws
(core) and the page and JSON written (report)."""
