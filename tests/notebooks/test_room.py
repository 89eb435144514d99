"""The room test: a real JupyterHub on 127.0.0.1, learners at different stages, the room view.

Four simulated learners (tools/hub_room.py: done, a wrong answer, behind, caught up) log
in through the hub's login form, start their servers, save their notebooks 01-04 and run
them cell by cell over the kernel WebSocket, all at once, moving every widget. Then the
instructor's room view (utils/notebook/room.py) reads their saved notebooks. Everything the test
starts is stopped at the end. About 105 s on 2 cores (measured, quiet).
"""
import os
import sys
import time
from pathlib import Path

import pytest

from tools.paths import REPO
sys.path.insert(0, str(REPO / "tools"))
import hub_room  # noqa: E402

LEARNERS = 4                       # one of each kind: done, wrong, behind, caught up
ROOM_SECONDS = 300

needs_hub = pytest.mark.skipif(
    hub_room.find_proxy() is None and not os.environ.get("WORKSHOP_REQUIRE_HUB"),
    reason="configurable-http-proxy not installed (npm install --prefix deploy "
           "configurable-http-proxy, as .ci/run does)")


def _room_view(hub):
    from utils.notebook import room
    start = time.perf_counter()
    table, _ = room.room(hub.homes)
    seconds = time.perf_counter() - start
    lines = room.report_lines(table, seconds)
    named = room.report_lines(table, seconds, names=True)
    return {"table": table, "seconds": seconds, "lines": lines, "named": named}


@pytest.fixture(scope="module")
def room_result():
    result = hub_room.run_room(LEARNERS, think=0.1, timeout=ROOM_SECONDS, after=_room_view)
    print("\n".join(result.get("after", {}).get("named", [])))
    return result


def _learner(result, profile):
    return next(r for r in result["learner_results"] if r["profile"] == profile)


@needs_hub
def test_every_learner_logs_in_starts_and_runs_all_four_notebooks(room_result):
    assert room_result["summary"]["errors"] == [], room_result["hub_log_tail"]
    for learner in room_result["learner_results"]:
        assert learner["login_seconds"] < 30 and learner["spawn_seconds"] < 60
        assert sorted(learner["notebooks"]) == list(hub_room.ROOM_NOTEBOOKS)
        for number, record in learner["notebooks"].items():
            assert record["cells"] >= 20, (learner["name"], number)
            assert record["widget_moves"] > 0, (learner["name"], number)   # every notebook has widgets
            assert record["kernel_cpu_seconds"] > 0
        assert 50 < learner["peak_rss_mb"] < 2048


@needs_hub
def test_the_finished_learner_runs_clean_and_every_check_passes(room_result):
    done = _learner(room_result, "done")
    for number, record in done["notebooks"].items():
        assert record["errors"] == [], number
        assert record["check_outputs"] and all(out and out[0].startswith("✔")
                                               for out in record["check_outputs"]), number


@needs_hub
def test_the_other_learners_meet_the_checks_they_should(room_result):
    wrong = _learner(room_result, "wrong")
    assert "CheckFailed" in wrong["notebooks"]["01"]["errors"]
    assert "CheckFailed" in wrong["notebooks"]["04"]["errors"]
    behind = _learner(room_result, "behind")
    assert "NotImplementedYet" in behind["notebooks"]["04"]["errors"]
    caught_up = _learner(room_result, "caught up")
    assert all(not record["errors"] for record in caught_up["notebooks"].values())


@needs_hub
def test_latencies_are_measured(room_result):
    summary = room_result["summary"]
    assert summary["check_count"] >= LEARNERS * 20 and summary["widget_count"] >= LEARNERS * 4
    assert 0 < summary["check_p50"] <= summary["check_p95"]
    assert 0 < summary["widget_p50"] <= summary["widget_p95"]


@needs_hub
def test_everything_started_is_stopped(room_result):
    import psutil
    assert room_result["pids"], "the hub started no processes?"
    alive = [pid for pid in room_result["pids"] if psutil.pid_exists(pid)
             and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
    assert alive == []
    assert not Path(room_result["homes"]).exists()


def _row(lines, notebook, exercise):
    at = lines.index(next(line for line in lines if line.startswith(notebook)))
    row = next(line for line in lines[at:] if line.strip().startswith(exercise + " "))
    return [int(x) for x in row.split()[-4:]]        # pass, fail, caught up, not started


def assert_each_learner_counted_where_they_are(lines):
    """The room's four kinds of learner (hub_room.PROFILES), numbered by the notebooks' own
    "**Exercise N.**" headings (02 has no exercise 2 of its own; 04 has 3a-3c and 5a-5b)."""
    #                                                pass fail caught-up not-started
    assert _row(lines, "01_", "1. add_bias") ==            [3, 1, 0, 0]    # the wrong answer
    assert _row(lines, "01_", "2. predict") ==             [4, 0, 0, 0]
    assert _row(lines, "02_", "3. binary_cross_entropy") == [3, 0, 1, 0]   # caught up
    assert _row(lines, "03_", "4. tanh") ==                [3, 0, 0, 1]    # behind: 03 half done
    assert _row(lines, "03_", "1. sign") ==                [4, 0, 0, 0]
    assert _row(lines, "04_", "4. output_delta") ==        [2, 1, 0, 1]    # wrong; behind
    assert _row(lines, "04_", "3b. tanh_layer") ==         [3, 0, 0, 1]
    # the caught-up learner wrote mlp_forward and took only mlp_backward (the line the check
    # offers); mlp_backward calls output_delta, so the wrong learner's fails too
    assert _row(lines, "04_", "5a. mlp_forward") ==        [3, 0, 0, 1]
    assert _row(lines, "04_", "5b. mlp_backward") ==       [1, 1, 1, 1]
    assert "  every exercise passed or caught up: 3 of 4" in lines        # 01: all but the wrong one
    assert "  every exercise passed or caught up: 2 of 4" in lines        # 04: done, caught up
    assert not any("learner-" in line for line in lines)                  # counts only by default


@needs_hub
def test_the_room_view_counts_each_learner_where_they_are(room_result):
    view = room_result["after"]
    lines = view["lines"]
    assert lines[0].startswith(f"{LEARNERS} learners, checked in ")
    assert view["seconds"] < 15
    assert_each_learner_counted_where_they_are(lines)


@needs_hub
def test_the_room_view_names_learners_only_when_asked(room_result):
    named = room_result["after"]["named"]
    assert "      fail: learner-2" in named
    assert "      caught up: learner-4" in named
    assert "      not started: learner-3" in named


# --------------------------------------------------------------------------------------------
# The room view without a hub: the same learners' homes written directly (seconds, no proxy)
# --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def homes(tmp_path_factory):
    root = tmp_path_factory.mktemp("homes")
    hub_room.write_homes(root, LEARNERS)
    return root


def test_the_room_view_numbers_exercises_as_the_notebooks_do(homes, tmp_path):
    from utils.notebook import room
    stats = {}
    table, seconds = room.room(homes, cache=tmp_path / "room.json", stats=stats)
    lines = room.report_lines(table, seconds, stats=stats)
    assert lines[0].startswith(f"{LEARNERS} learners, checked in ")
    assert lines[0].endswith(f"({LEARNERS * 4} notebooks: {LEARNERS * 4} run)")
    assert_each_learner_counted_where_they_are(lines)
    # the same numbers as each learner's own `workshop.py progress` (exercise labels included)
    from utils.notebook.progress import main as progress
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        progress([str(homes / "learner-4" / hub_room.FOLDER / "notebooks")])
    assert "  ↺ 5b.  mlp_backward" in out.getvalue()
    assert "  ↺ 3.   binary_cross_entropy" in out.getvalue()


def test_asking_again_runs_only_what_changed(tmp_path):
    import json
    from utils.notebook import room
    homes = tmp_path / "homes"
    hub_room.write_homes(homes, LEARNERS)
    cache = tmp_path / "room.json"
    first, _ = room.room(homes, cache=cache)
    stats = {}
    again, _ = room.room(homes, cache=cache, stats=stats)
    assert again == first and stats["checked"] == 0 and stats["from_cache"] == LEARNERS * 4
    # learner-2 fixes add_bias (and the outputs of some cells change: no matter)
    path = hub_room.notebook_path(homes / "learner-2" / hub_room.FOLDER / "notebooks", "01")
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        source = hub_room._source(cell)
        if "def add_bias" in source:
            cell["source"] = source.replace(*reversed(hub_room.MISTAKES["01"][1:]))
        if cell["cell_type"] == "code" and not hub_room._is_exercise(cell):
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "ran\n"}]
    path.write_text(json.dumps(nb))
    stats = {}
    table, seconds = room.room(homes, cache=cache, stats=stats)
    assert stats["checked"] == 1 and stats["from_cache"] == LEARNERS * 4 - 1
    lines = room.report_lines(table, seconds, stats=stats)
    assert lines[0].endswith(f"({LEARNERS * 4} notebooks: 1 run, {LEARNERS * 4 - 1} unchanged "
                             "since the last look)")
    assert _row(lines, "01_", "1. add_bias") == [4, 0, 0, 0]


def test_learners_not_started_broken_or_alike(tmp_path):
    from utils.notebook import room
    hub_room.write_homes(tmp_path, 4, notebooks=("02",), profiles=("done",), own_words=False)
    (tmp_path / "learner-5").mkdir()                                  # logged in, nothing saved
    broken = tmp_path / "learner-6" / "02_classification_and_logistic_regression.ipynb"
    broken.parent.mkdir()
    broken.write_text('{"cells": [')                                 # a save cut short
    stats = {}
    table, seconds = room.room(tmp_path, stats=stats)
    assert stats == {"notebooks": 5, "different": 2, "checked": 2, "from_cache": 0}
    lines = room.report_lines(table, seconds, stats=stats)
    assert lines[0].endswith("(5 notebooks: 2 run, 3 the same as another learner's)")
    assert _row(lines, "02_", "1. sigmoid") == [4, 0, 0, 1]     # the broken one: its own line
    assert "  every exercise passed or caught up: 4 of 6" in lines
    assert any(line.startswith("  one learner: cannot check it (JSONDecodeError") for line in lines)
