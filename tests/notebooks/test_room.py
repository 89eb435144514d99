"""The room test: a real JupyterHub on 127.0.0.1, learners at different stages, the room view.

Four simulated learners (tools/hub_room.py: done, a wrong answer, behind, caught up) log
in through the hub's login form, start their servers, save their notebooks 01-04 and run
them cell by cell over the kernel WebSocket, all at once, moving every widget. Then the
instructor's room view (utils/notebook/room.py) reads their saved notebooks. Everything the test
starts is stopped at the end. About a minute on 2 cores.
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

pytestmark = pytest.mark.skipif(
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


def test_the_finished_learner_runs_clean_and_every_check_passes(room_result):
    done = _learner(room_result, "done")
    for number, record in done["notebooks"].items():
        assert record["errors"] == [], number
        assert record["check_outputs"] and all(out and out[0].startswith("✔")
                                               for out in record["check_outputs"]), number


def test_the_other_learners_meet_the_checks_they_should(room_result):
    wrong = _learner(room_result, "wrong")
    assert "CheckFailed" in wrong["notebooks"]["01"]["errors"]
    assert "CheckFailed" in wrong["notebooks"]["04"]["errors"]
    behind = _learner(room_result, "behind")
    assert "NotImplementedYet" in behind["notebooks"]["04"]["errors"]
    caught_up = _learner(room_result, "caught up")
    assert all(not record["errors"] for record in caught_up["notebooks"].values())


def test_latencies_are_measured(room_result):
    summary = room_result["summary"]
    assert summary["check_count"] >= LEARNERS * 20 and summary["widget_count"] >= LEARNERS * 4
    assert 0 < summary["check_p50"] <= summary["check_p95"]
    assert 0 < summary["widget_p50"] <= summary["widget_p95"]


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


def test_the_room_view_counts_each_learner_where_they_are(room_result):
    view = room_result["after"]
    lines = view["lines"]
    assert lines[0].startswith(f"{LEARNERS} learners, checked in ")
    assert view["seconds"] < 15
    #                                                pass fail caught-up not-started
    assert _row(lines, "01_", "1. add_bias") ==            [3, 1, 0, 0]    # the wrong answer
    assert _row(lines, "01_", "2. predict") ==             [4, 0, 0, 0]
    assert _row(lines, "02_", "4. binary_cross_entropy") == [3, 0, 1, 0]   # caught up
    assert _row(lines, "03_", "4. tanh") ==                [3, 0, 0, 1]    # behind: 03 half done
    assert _row(lines, "03_", "1. sign") ==                [4, 0, 0, 0]
    assert _row(lines, "04_", "6. output_delta") ==        [2, 1, 0, 1]    # wrong; behind
    # mlp_backward calls output_delta, so the wrong learner's fails too; the catch-up line for
    # it takes mlp_forward as well (the check needs both), so that counts as caught up too
    assert _row(lines, "04_", "7. mlp_forward") ==         [2, 0, 1, 1]
    assert _row(lines, "04_", "8. mlp_backward") ==        [1, 1, 1, 1]
    assert "  every exercise passed or caught up: 3 of 4" in lines        # 01: all but the wrong one
    assert "  every exercise passed or caught up: 2 of 4" in lines        # 04: done, caught up
    assert not any("learner-" in line for line in lines)                  # counts only by default


def test_the_room_view_names_learners_only_when_asked(room_result):
    named = room_result["after"]["named"]
    assert "      fail: learner-2" in named
    assert "      caught up: learner-4" in named
    assert "      not started: learner-3" in named
