"""What a new notebook needs beyond its own files: each test says what to add where.

The session (live or take-home) and the benchmark budget are the solution's own
metadata (tools/notebook_meta.py, written by the build when missing); the README's
and INSTRUCTORS.md's session prose, the live times and "Where learners get stuck"
are generated from it and from the mistake catalogue (tools/instructors.py). What
is still a hand-kept list keyed by notebook is checked here.
"""
import json
import re

from tools import notebook_meta
from tools.paths import REPO, SOLUTIONS, solution_paths


def numbers():
    return sorted(p.name[:2] for p in SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))


def test_every_notebook_has_a_session_and_a_budget():
    problems = [p for path in solution_paths() for p in notebook_meta.problems(
        json.loads(path.read_text(encoding="utf-8")).get("metadata", {}), path.name)]
    assert not problems, "\n".join(problems)


def test_every_notebook_is_in_the_curriculum():
    text = (REPO / "docs" / "curriculum.md").read_text(encoding="utf-8")
    missing = [n for n in numbers() if not re.search(rf"^\| {n} ", text, re.M)]
    assert not missing, (f"notebooks {missing} are not in docs/curriculum.md: add a row "
                         "'| NN topic | live or take-home (its session) | what the learner builds |' to its table")


def test_the_curriculum_says_each_notebooks_session():
    text = (REPO / "docs" / "curriculum.md").read_text(encoding="utf-8")
    wrong = []
    for number, facts in notebook_meta.all_notebooks().items():
        row = re.search(rf"^\| {number} [^|]*\| *([^|]*?) *\|", text, re.M)
        said = row and row.group(1)
        expected = {"before": "before the meetup"}.get(facts["session"], facts["session"])
        if row and said != expected:
            wrong.append(f"{number}: the curriculum says {said!r}, metadata.workshop.session {facts['session']!r}")
    assert not wrong, ("docs/curriculum.md's table disagrees with the solutions' metadata (the metadata is "
                       "the source: correct the table's second column): " + "; ".join(wrong))


def test_every_notebook_with_numerical_code_is_in_the_robustness_table():
    """tests/checks/test_robustness.py's TABLE names each notebook, or WITHOUT_TABLE says why not."""
    text = (REPO / "tests" / "checks" / "test_robustness.py").read_text(encoding="utf-8")
    table = set(re.findall(r'^\s*\("(\d\d)", \(', text, re.M))
    without = set(re.findall(r'^\s*"(\d\d)":', text.split("WITHOUT_TABLE = {", 1)[-1].split("}", 1)[0], re.M))
    missing = [n for n in numbers() if n not in table | without]
    assert not missing, (f"notebooks {missing} are not in tests/checks/test_robustness.py: add their "
                         "activations, losses and layers to TABLE (with an input builder), or a line "
                         "'\"NN\": why it has none' to WITHOUT_TABLE")
