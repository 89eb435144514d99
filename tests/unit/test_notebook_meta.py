"""tools/notebook_meta.py: each solution's metadata.workshop (session, budget)."""
import json

import pytest

from tools import notebook_meta
from tools import build_notebooks as build


def test_every_solution_has_valid_metadata():
    notebooks = notebook_meta.all_notebooks()
    assert notebooks and all(n["session"] in notebook_meta.SESSIONS for n in notebooks.values())


@pytest.mark.parametrize("block, words", [
    (None, "metadata.workshop is missing (run python -m tools.build_notebooks 08 to write it)"),
    ({"session": "at home", "budget_seconds": 10}, "session is 'at home'; it must be one of before, live, take-home"),
    ({"session": "live", "budget_seconds": 60}, "budget_seconds is 60; it must be a whole number of seconds from 1 to 25"),
    ({"session": "live", "budget_seconds": 10, "budget": 3}, "keys nobody reads: ['budget']"),
])
def test_problems_say_what_to_change(block, words):
    metadata = {} if block is None else {"workshop": block}
    assert any(words in p for p in notebook_meta.problems(metadata, "08_attention.ipynb"))


def test_a_new_notebook_gets_defaults_written_by_the_build(tmp_path, monkeypatch):
    path = tmp_path / "08_attention.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source":
                                           "# 08 · Attention\n\n*Talk slides: \"Attention\". About 30 minutes; take-home.*"}],
                                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    build.fill_metadata([path])
    assert json.loads(path.read_text())["metadata"]["workshop"] == {"session": "take-home", "budget_seconds": 25}
    assert build.session_problems(path) == []


def test_a_title_that_disagrees_with_the_session_is_named(tmp_path):
    path = tmp_path / "08_attention.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source":
                                           "# 08 · Attention\n\n*Talk slides: \"Attention\". About 30 minutes.*"}],
                                "metadata": {"workshop": {"session": "take-home", "budget_seconds": 10}}}))
    [problem] = build.session_problems(path)
    assert "session is 'take-home' but its title line says 'About 30 minutes'" in problem


@pytest.mark.parametrize("numbers, text", [(["00"], "00"), (["01", "02", "03", "05"], "01–03, 05"),
                                           (["07", "05", "06"], "05–07"), ([], "")])
def test_span(numbers, text):
    assert notebook_meta.span(numbers) == text
