"""The time model (tools/timing.py): titles carry its minutes, and it follows the notebook."""
import json

import pytest

from tools import timing
from tools.paths import SOLUTIONS

PATHS = sorted(SOLUTIONS.glob("*.ipynb"))


@pytest.mark.parametrize("path", PATHS, ids=[p.stem[:2] for p in PATHS])
def test_title_minutes_are_the_models(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert timing.title_minutes(nb) == timing.minutes(nb, path.name), (
        f"{path.name}: the title's minutes are stale; run python -m tools.build_notebooks")


def test_minutes_grow_with_the_notebook():
    nb = {"cells": [{"cell_type": "markdown", "source": "# T\n\n*About 5 minutes.*"},
                    {"cell_type": "code", "source": "def f():\n    ### BEGIN SOLUTION\n" + "    x = 1\n" * 40
                     + "    ### END SOLUTION\n"}]}
    short = timing.minutes(nb)
    nb["cells"].append({"cell_type": "markdown", "source": "word " * (timing.WORDS_PER_MINUTE * 30)})
    assert timing.answer_lines(nb) == 40
    assert timing.minutes(nb) == short + 30
    assert timing.title_minutes(timing.with_title_minutes(nb)) == short + 30


def test_run_seconds_are_recorded_for_every_notebook():
    stored = json.loads(timing.RUN_SECONDS.read_text(encoding="utf-8"))
    assert {p.name for p in PATHS} <= set(stored)
    assert all(0 < s < 60 for s in stored.values())


def test_record_keeps_the_notebooks_a_partial_bench_did_not_run(tmp_path, monkeypatch):
    from tools import timing
    seconds = tmp_path / "run_seconds.json"
    seconds.write_text('{"00_a.ipynb": 9.0, "01_b.ipynb": 12.0}\n')
    monkeypatch.setattr(timing, "RUN_SECONDS", seconds)
    timing.record("| notebook 01_b.ipynb | 7.5 s | ✔ |\n")
    assert json.loads(seconds.read_text()) == {"00_a.ipynb": 9.0, "01_b.ipynb": 7.5}
