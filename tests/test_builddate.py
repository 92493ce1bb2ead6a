"""The build date: SOURCE_DATE_EPOCH, else the checkout's last commit, else today."""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

from icp.builddate import build_date


def commit(folder: Path, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    (folder / "file.txt").write_text(when)
    for args in (["add", "."], ["commit", "-qm", when]):
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=folder,
                       env=env, check=True, capture_output=True)


def test_the_last_commit_gives_the_date(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    commit(tmp_path, "2024-01-02T23:30:00+02:00")
    assert build_date(tmp_path, {}) == date(2024, 1, 2)
    commit(tmp_path, "2025-06-07T23:30:00-05:00")
    assert build_date(tmp_path, {}) == date(2025, 6, 8), "the date is UTC's"
    (tmp_path / "sub").mkdir()
    assert build_date(tmp_path / "sub", {}) == date(2025, 6, 8)


def test_source_date_epoch_wins_and_a_bad_one_is_ignored(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    commit(tmp_path, "2024-01-02T03:04:05Z")
    epoch = str(int(datetime(2025, 5, 6, 7, 8, tzinfo=timezone.utc).timestamp()))
    assert build_date(tmp_path, {"SOURCE_DATE_EPOCH": epoch}) == date(2025, 5, 6)
    assert build_date(tmp_path, {"SOURCE_DATE_EPOCH": "soon"}) == date(2024, 1, 2)


def test_outside_a_repository_it_is_today(tmp_path):
    before = datetime.now(timezone.utc).date()
    assert before <= build_date(tmp_path, {}) <= datetime.now(timezone.utc).date()


def test_a_date_after_today_is_today(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    commit(tmp_path, "2099-01-02T03:04:05Z")
    today = datetime.now(timezone.utc).date()
    assert build_date(tmp_path, {}) == today, "a forged commit date must not reach the site"
    epoch = str(int(datetime(2099, 5, 6, tzinfo=timezone.utc).timestamp()))
    assert build_date(tmp_path, {"SOURCE_DATE_EPOCH": epoch}) == today
