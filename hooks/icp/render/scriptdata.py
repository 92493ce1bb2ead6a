"""Data written inside an HTML ``<script>`` element (the finder's data, a case page's JSON-LD)."""

from __future__ import annotations

import json


def script_json(value: object) -> str:
    """JSON that is safe inside a script: no character from a case can close or break it."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
