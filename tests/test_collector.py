"""The garbage collector: no full collection while a build runs (its heap only grows until the site is written),
and none at exit, in the command line and in each chart worker (site_builder/collector.py)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from site_builder import build as build_module
from site_builder.collector import no_full_collection
from site_builder.errors import DataError


def full_collections(work) -> int:
    """How many times the oldest generation was collected while `work` made objects that stay alive."""
    start = gc.get_stats()[2]["collections"]
    kept = work()
    assert kept
    return gc.get_stats()[2]["collections"] - start


def test_within_it_the_oldest_generation_is_never_collected():
    before = gc.get_threshold()
    # This process's objects out of sight, and a full collection made of what is left: the next full collection is
    # then due as soon as a few thousand new objects have lived through two younger ones, whatever ran before.
    gc.freeze()
    gc.collect()
    gc.set_threshold(100, 2, 2)
    try:
        grow = lambda: [[n] for n in range(50_000)]  # noqa: E731
        assert full_collections(grow) > 0  # the control: these thresholds do collect it
        with no_full_collection():
            assert full_collections(grow) == 0
            assert gc.get_threshold()[:2] == (100, 2)  # the young generations as they were
        assert gc.get_threshold() == (100, 2, 2)
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def test_a_build_runs_without_full_collections_and_puts_the_thresholds_back(tiny_project, tmp_path, monkeypatch):
    before = gc.get_threshold()
    during = []
    make_site = build_module.make_site
    monkeypatch.setattr(build_module, "make_site", lambda *a: (during.append(gc.get_threshold()), make_site(*a))[1])
    build_module.build(tiny_project, tmp_path / "out", search=False)
    assert during and during[0][:2] == before[:2] and during[0][2] > 10**9
    assert gc.get_threshold() == before

    (tiny_project / "data/kpi.yaml").write_text("goals: [", encoding="utf-8")  # a failing build puts them back too
    with pytest.raises(DataError):
        build_module.build(tiny_project, tmp_path / "out2", search=False)
    assert gc.get_threshold() == before


CYCLE = ("import sys\n"
         "class Cycle:\n"
         "    def __del__(self): sys.stdout.write('collected\\n')\n"
         "a = Cycle(); a.me = a; del a\n")  # only a collection finds it: at exit, unless the objects are frozen


@pytest.mark.parametrize("ending", [
    "pass",  # the control: the interpreter's last collection finds the cycle
    "from site_builder.__main__ import main; main(['--root', sys.argv[1], 'check'])",
    "from site_builder.charts.work import start; start({})",  # a chart worker's set-up
])
def test_processes_end_without_the_last_collection(tiny_project, ending):
    """The command line and the chart workers skip the collection at exit (0.1–0.2 s after a build; a cold build
    waits for its workers to end): the objects still alive are frozen, so a cycle is never looked for."""
    script = f"import gc; gc.disable()\n{CYCLE}{ending}\nprint('done')\n"  # disabled: no collection before the exit
    done = subprocess.run([sys.executable, "-c", script, str(tiny_project)], capture_output=True, text=True, check=True)
    assert done.stdout.endswith("done\ncollected\n" if ending == "pass" else "done\n")
