"""tests/parallel.py: which tests stay together on one worker, and a build shared by all workers."""

from __future__ import annotations

import time
from collections import OrderedDict
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


class _Worker:
    """What the scheduler sees of a pytest-xdist worker: the tests it was sent, by their index."""

    def __init__(self, name: str):
        self.gateway, self.sent, self.shutting_down = SimpleNamespace(id=name), [], False

    def send_runtest_some(self, indices):
        self.sent += indices

    def shutdown(self):
        self.shutting_down = True


def _scheduler(collection: list[str], seconds: dict[str, float]) -> tuple[SharedFixtureScheduling, list[_Worker]]:
    scheduler = SharedFixtureScheduling.__new__(SharedFixtureScheduling)
    scheduler.config = SimpleNamespace(rootpath=ROOT, option=SimpleNamespace(loadscopereorder=True))
    scheduler.log = lambda *args: None
    scheduler.numnodes, scheduler.collection = 2, None
    scheduler.workqueue, scheduler.assigned_work, scheduler.registered_collections = OrderedDict(), {}, {}
    scheduler._durations = seconds
    workers = [_Worker("gw0"), _Worker("gw1")]
    for worker in workers:
        scheduler.add_node(worker)
        scheduler.add_node_collection(worker, collection)
    return scheduler, workers


def test_the_slowest_tests_go_first_and_none_waits_behind_a_long_one():
    quick = [f"tests/test_a.py::test_quick[{n}]" for n in range(6)]
    slow = {"tests/test_b.py::test_long": 30, "tests/test_c.py::test_longer": 60, "tests/test_d.py::test_middle": 20}
    collection = quick[:3] + list(slow) + quick[3:]
    scheduler, (first, second) = _scheduler(collection, slow)
    scheduler.schedule()
    names = lambda worker: [collection[index] for index in worker.sent]  # noqa: E731
    # each starts with a long test and holds one quick test behind it (pytest runs a test once it has the next)
    assert [names(first)[0], names(second)[0]] == ["tests/test_c.py::test_longer", "tests/test_b.py::test_long"]
    assert names(first)[1] in quick and names(second)[1] in quick and len(first.sent) == len(second.sent) == 2
    scheduler.mark_test_complete(second, collection.index("tests/test_b.py::test_long"))
    assert names(second)[2] == "tests/test_d.py::test_middle", "the next slowest goes to the worker that is free"
    assert len(first.sent) == 2, "nothing more waits behind the longest"
    done: set[int] = set()
    while len(done) < len(first.sent) + len(second.sent):
        for worker in (first, second):
            for index in [index for index in worker.sent if index not in done]:
                done.add(index)
                scheduler.mark_test_complete(worker, index)
    assert sorted(first.sent + second.sent) == list(range(len(collection))) and scheduler.tests_finished


def test_an_english_only_copy_has_no_other_language_and_keeps_everything_else(tmp_path):
    from conftest import copy_project
    from icp import i18n

    whole, english = copy_project(tmp_path / "whole"), copy_project(tmp_path / "english", languages=False)
    assert len(i18n.codes(whole)) > 1 and i18n.codes(english) == (i18n.DEFAULT,)
    others = {f"{top}/{code}" for top in ("docs", "locale") for code in i18n.codes(whole)[1:]}
    files = {folder: {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
             for folder in (whole, english)}
    assert files[english] and files[english] == {name for name in files[whole]
                                                 if not any(name.startswith(other + "/") for other in others)}
