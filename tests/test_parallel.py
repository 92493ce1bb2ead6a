"""tests/parallel.py: which tests stay together on one worker, and a build shared by all workers."""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import SimpleNamespace

from conftest import ROOT
from parallel import SharedFixtureScheduling, once_for_all_workers, shared_fixtures, shares_a_fixture


def test_a_module_that_shares_a_fixture_is_one_unit_and_other_tests_are_units_alone():
    assert shares_a_fixture(ROOT / "tests" / "test_attacks.py")  # harmless_site, scope="module"
    assert shares_a_fixture(ROOT / "tests" / "test_offline.py")  # unpacked_zip, scope="session"
    assert not shares_a_fixture(ROOT / "tests" / "test_validate.py")
    # imports the module-scoped fixture records from test_finder
    assert shared_fixtures(ROOT / "tests" / "test_case_navigation.py") == {"records"}
    scheduler = SharedFixtureScheduling.__new__(SharedFixtureScheduling)
    scheduler.config = SimpleNamespace(rootpath=ROOT)
    assert scheduler._split_scope("tests/test_attacks.py::test_x[script/a]") == "tests/test_attacks.py"
    assert scheduler._split_scope("tests/test_validate.py::test_y[1]") == "tests/test_validate.py::test_y[1]"


class _Factory:
    """A worker's tmp_path_factory: its own folder inside the run's folder, as pytest-xdist lays them out."""

    def __init__(self, run: Path, worker: str):
        self.own = run / f"popen-{worker}"

    def getbasetemp(self) -> Path:
        self.own.mkdir(parents=True, exist_ok=True)
        return self.own


def _make(folder: Path) -> None:
    with open(folder.parent / "made.log", "a") as log:
        log.write(f"{folder}\n")
    time.sleep(0.5)  # long enough for the other worker to ask meanwhile
    (folder / "index.html").write_text("built")


def _ask(run: Path, worker: str) -> Path:
    return once_for_all_workers(_Factory(run, worker), "site", _make, worker=worker)


def test_workers_asking_at_once_get_one_build(tmp_path):
    with ProcessPoolExecutor(2) as pool:
        folders = list(pool.map(_ask, [tmp_path, tmp_path], ["gw0", "gw1"]))
    assert folders[0] == folders[1] == tmp_path / "site"
    assert (tmp_path / "made.log").read_text().splitlines() == [str(tmp_path / "site")]
    assert (tmp_path / "site" / "index.html").read_text() == "built"
