"""Lists keyed by notebook that are still kept by hand: each test says what to add where."""
import re

from tools.paths import REPO, SOLUTIONS


def numbers():
    return sorted(p.name[:2] for p in SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))


def test_every_notebook_has_a_benchmark_budget():
    text = (REPO / "benchmarks" / "run_benchmarks.py").read_text(encoding="utf-8")
    budgets = set(re.findall(r'"(\d\d)":\s*\d+', re.search(r"NOTEBOOK_BUDGETS = \{[^}]*\}", text).group()))
    missing = [n for n in numbers() if n not in budgets]
    assert not missing, (f"notebooks {missing} have no time budget: add '\"NN\": seconds' to NOTEBOOK_BUDGETS "
                         "in benchmarks/run_benchmarks.py (measure with python3 workshop.py bench)")


def test_every_notebook_is_in_the_curriculum():
    text = (REPO / "docs" / "curriculum.md").read_text(encoding="utf-8")
    missing = [n for n in numbers() if not re.search(rf"^\| {n} ", text, re.M)]
    assert not missing, (f"notebooks {missing} are not in docs/curriculum.md: add a row "
                         "'| NN topic | live or take-home | what the learner builds |' to its table")
