"""benchmarks/room.py --fill: the hub figures in INSTRUCTORS.md and deploy/ come from a run's results."""
import importlib.util
import json
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("room_benchmark", REPO / "benchmarks" / "room.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def _room(learners, p95, peak, busy, errors=()):
    return {"learners": learners, "notebooks": ["01", "02"], "wall_seconds": 100.0,
            "hub_proxy_peak_mb": 250.0, "load_before": busy / 50, "busy_before": busy,
            "summary": {"check_p50": p95 / 4, "check_p95": p95, "check_count": 40 * learners,
                        "widget_p50": 0.1, "widget_p95": 0.3, "widget_count": 8 * learners,
                        "peak_rss_mb_max": peak, "spawn_seconds_max": 5.0,
                        "kernel_cpu_seconds": {"01": 4.0, "02": 3.5}, "errors": list(errors)}}


def results(*rooms):
    return {"title": "Room benchmark, test", "date": "2031-01-02", "cpus": 2, "memory_gb": 24,
            "versions": {"jupyterhub": "9.9", "numpy": "3.0", "python": "3.13"}, "rooms": list(rooms)}


def repo_copy(tmp_path):
    (tmp_path / "deploy").mkdir()
    for name in ("INSTRUCTORS.md", "deploy/values.yaml", "deploy/jupyterhub_config.py"):
        shutil.copy(REPO / name, tmp_path / name)
    return tmp_path


def test_fill_writes_the_measured_figures_everywhere(tmp_path):
    repo = repo_copy(tmp_path)
    path = tmp_path / "room-test.json"
    path.write_text(json.dumps(results(_room(4, 0.05, 280, 3), _room(16, 0.4, 310, 5),
                                       _room(24, 1.6, 330, 60), _room(32, 3.0, 340, 4, ["x"]))))
    assert bench.fill(path, repo) == 0
    text = (repo / "INSTRUCTORS.md").read_text()
    block = text[text.index(bench.MARK_BEGIN):text.index(bench.MARK_END)]
    assert "Not yet measured" not in block and "Measured on 2031-01-02" in block
    assert "up to **16 learners on 2 cores (8 per CPU)**" in block      # 24 too slow, 32 failed
    assert "at most **310 MB**" in block and "**512 MB per learner**" in block   # 1.5 × 310 → 512
    assert "**The room of 24 learners was disturbed**: other work kept the CPUs 60 % busy" in block
    assert "room of 4 learners was disturbed" not in block
    assert "(the room of 24 was disturbed: on a quiet machine the limit may be higher)" in block
    assert "limits.memory 512M " in text
    values = yaml.safe_load((repo / "deploy/values.yaml").read_text())["singleuser"]
    assert values["memory"] == {"guarantee": "350M", "limit": "512M"}
    assert values["cpu"]["guarantee"] == 0.125
    config = (repo / "deploy/jupyterhub_config.py").read_text()
    assert re.search(r'mem_limit = "512M"', config)
    assert "# Limits: measured 2031-01-02, room-test.json: peak 310 MB per learner, 16 learners" in config


def test_fill_with_no_passing_room_says_so_and_leaves_deploy_alone(tmp_path):
    repo = repo_copy(tmp_path)
    path = tmp_path / "room-bad.json"
    path.write_text(json.dumps(results(_room(8, 2.0, 300, 80))))
    before = (repo / "deploy/values.yaml").read_text()
    assert bench.fill(path, repo) == 1
    text = (repo / "INSTRUCTORS.md").read_text()
    assert "No room kept the 95th-percentile check cell under 1 s" in text
    assert "**The room of 8 learners was disturbed**" in text
    assert (repo / "deploy/values.yaml").read_text() == before


def test_the_committed_figures_are_marked_as_filled_or_provisional():
    text = (REPO / "INSTRUCTORS.md").read_text()
    block = text[text.index(bench.MARK_BEGIN):text.index(bench.MARK_END)]
    assert "Measured on " in block or "provisional" in block
    config = (REPO / "deploy/jupyterhub_config.py").read_text()
    limit = re.search(r'mem_limit = "(\d+)M"', config).group(1)
    assert f"limits.memory {limit}M" in text
