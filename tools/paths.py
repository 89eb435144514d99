"""Where things are in the repository: the one definition every tool, test and benchmark uses."""
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOLUTIONS = REPO / "solutions"
NOTEBOOKS = REPO / "notebooks"
DATA = REPO / "data"
UTILS = REPO / "utils"
LIBRARY = UTILS / "library.py"
README = REPO / "README.md"
TESTS = REPO / "tests"
BENCHMARKS = REPO / "benchmarks"


def solution_paths(patterns=()):
    """The solution notebooks (``NN_topic.ipynb``), sorted; only those starting with a pattern, if given."""
    paths = sorted(SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))
    if patterns:
        paths = [p for p in paths if any(p.name.startswith(x) for x in patterns)]
    return paths


def learner_paths():
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
