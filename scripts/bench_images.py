#!/usr/bin/env python3
"""Figures for issue 15's images: what the validator does with each hostile image, and how long the worst take.

    .venv/bin/python scripts/bench_images.py [--runs 5]

Prints, for each class of ``tests/hostile_images.py``, how many images were tried, refused and
accepted (a build publishes those re-encoded: ``tests/test_image_safety.py`` checks them), and how
many made the validator raise (crashes: must be 0). Then the median of ``--runs`` of the
validator's image check (``image_problems``: the folder's checks, then each image decoded and
encoded again, with the cache emptied before each run) on one image alone: the largest images
allowed (39.9 megapixels in under 2 MB) and the bombs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from _paths import ROOT

sys.path.insert(0, str(ROOT / "tests"))

from PIL import Image, ImageDraw  # noqa: E402

from icp.check import images  # noqa: E402
from icp.check.validate import image_problems  # noqa: E402
from icp.read.inventory import MAX_IMAGE_BYTES  # noqa: E402

from hostile_images import CASES, largest_allowed_png, scan_bomb  # noqa: E402


def largest_allowed_jpeg() -> bytes:
    import io

    picture = Image.new("RGB", (7300, 5470), (200, 210, 220))
    draw = ImageDraw.Draw(picture)
    for x in range(0, 7300, 400):
        draw.ellipse((x, x * 5470 // 7300 // 2, x + 900, x * 5470 // 7300 // 2 + 700), fill=(x % 256, 90, 60))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=80)
    return out.getvalue()


def verdicts(folder: Path) -> Counter:
    counts: Counter = Counter()
    for case in CASES:
        for old in folder.iterdir():
            old.unlink()
        (folder / case.name).write_bytes(case.data)
        images._prepared.clear()
        counts[(case.group, "tried")] += 1
        try:
            problems = image_problems(folder.parent, folder.parent.parent)
        except Exception as error:  # noqa: BLE001 - counted, and shown
            counts[(case.group, "crashes")] += 1
            print(f"CRASH {case.name}: {error!r}", file=sys.stderr)
            continue
        counts[(case.group, "refused" if problems else "built harmless")] += 1
        if bool(problems) != (case.verdict == "refused"):
            counts[(case.group, "unexpected")] += 1
    return counts


def timed(folder: Path, name: str, data: bytes, runs: int) -> tuple[float, str]:
    for old in folder.iterdir():
        old.unlink()
    (folder / name).write_bytes(data)
    times, verdict = [], ""
    for _ in range(runs):
        images._prepared.clear()
        started = time.perf_counter()
        problems = image_problems(folder.parent, folder.parent.parent)
        times.append(time.perf_counter() - started)
        verdict = "refused" if problems else "accepted"
    return statistics.median(times), verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "practices" / "images"
        folder.mkdir(parents=True)
        counts = verdicts(folder)
        groups = list(dict.fromkeys(case.group for case in CASES))
        print(f"{'class':26} tried refused harmless crashes unexpected")
        for group in groups:
            row = [counts[(group, key)] for key in ("tried", "refused", "built harmless", "crashes", "unexpected")]
            print(f"{group:26} {row[0]:5} {row[1]:7} {row[2]:8} {row[3]:7} {row[4]:10}")
        total = [sum(counts[(group, key)] for group in groups)
                 for key in ("tried", "refused", "built harmless", "crashes", "unexpected")]
        print(f"{'all':26} {total[0]:5} {total[1]:7} {total[2]:8} {total[3]:7} {total[4]:10}")
        most_scans = scan_bomb(images.MAX_JPEG_SCANS - 10, (7300, 5470), "RGB")  # 10 scans of its own
        worst = {"largest-allowed.png": largest_allowed_png(), "largest-allowed.jpg": largest_allowed_jpeg(),
                 f"{images.MAX_JPEG_SCANS}-scans-allowed.jpg": most_scans,
                 **{case.name: case.data for case in CASES if case.group == "pixel bomb"}}
        print(f"\nvalidator's image check, median of {args.runs} runs, one image alone:")
        for name, data in worst.items():
            assert len(data) <= MAX_IMAGE_BYTES, f"{name} is {len(data):,} bytes"
            seconds, verdict = timed(folder, name, data, args.runs)
            print(f"  {name:22} {len(data):>10,} bytes  {verdict:8}  {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
