"""Notebook-level guarantees:
- each learner notebook, run top to bottom unedited, fails only with its
  exercises' "not implemented yet" messages (no NameError, ImportError, ...);
- every exercise can be caught up from the solution, and the caught-up answer
  passes its own check;
- the notebooks follow the conventions catch-up and progress rely on.
(The solution notebooks themselves run in tests/notebooks/test_determinism.py.)"""
import json
import re

import nbformat
import pytest

from tools.paths import REPO
from tools.run import run_notebook
from utils.checks import for_notebook
from utils.notebook.source import cell_source, code_cells, defined_names, is_exercise

SOLUTIONS = sorted((REPO / "solutions").glob("*.ipynb"))
LEARNER = sorted((REPO / "notebooks").glob("*.ipynb"))
ALLOWED_ERRORS = {"NotImplementedError", "NotImplementedYet"}


def exercise_ids():
    for path in SOLUTIONS:
        try:
            module = for_notebook(path.stem)
        except ModuleNotFoundError:
            continue
        for name in module.exercises.checks:
            yield pytest.param(path.stem, name, id=f"{path.stem[:2]}-{name}")


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.stem)
def test_learner_notebook_run_unedited_fails_only_with_not_implemented(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    run_notebook(nb, path.parent, timeout=300, allow_errors=True)
    stray = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output["output_type"] == "error" and output["ename"] not in ALLOWED_ERRORS:
                stray.append(f"cell {index}: {output['ename']}: {output['evalue'][:200]}")
            if output["output_type"] == "error":
                # the learner sees a short message, never a wall of traceback
                assert len(output["traceback"]) <= 3, f"cell {index} shows a long traceback"
    assert not stray, "stray errors in the unedited learner notebook:\n" + "\n".join(stray)


@pytest.mark.parametrize("notebook, name", list(exercise_ids()))
def test_caught_up_answer_passes_its_own_check(notebook, name, capsys):
    module = for_notebook(notebook)
    check_function, argument_names = module.exercises.checks[name]
    values = module.catch_up(*argument_names)
    values = values if len(argument_names) > 1 else (values,)
    check_function(*values)
    assert "✔" in capsys.readouterr().out


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_notebook_conventions(path):
    nb = json.loads(path.read_text())
    # the Colab cell (tagged colab-setup) comes first and does nothing elsewhere; then the set-up cell
    cells = [c for c in code_cells(nb) if "colab-setup" not in c.get("metadata", {}).get("tags", [])]
    assert "BEGIN SOLUTION" not in cell_source(cells[0]), "the first code cell is the set-up cell"
    defined = set()
    for cell in cells[1:]:
        if is_exercise(cell):
            defined |= defined_names(cell_source(cell))
    source = "\n".join(cell_source(c) for c in cells)
    try:
        module = for_notebook(path.stem)
    except ModuleNotFoundError:
        return  # a notebook without exercises
    assert re.search(r"from utils\.checks import nb\d\d as check", cell_source(cells[0]))
    for name, (_, argument_names) in module.exercises.checks.items():
        missing = set(argument_names) - defined
        assert not missing, f"{missing} of exercise {name} are not defined in an exercise cell"
        assert f"check.{name}(" in source, f"the notebook never runs check.{name}(...)"
    assert "check.progress(globals())" in cell_source(cells[-1]), "the last cell reports progress"


STUB = "def add_bias(X):\n    raise NotImplementedError('add_bias is not implemented yet')"


def _run_cells(*sources):
    """A notebook of these code cells, run in a kernel with errors allowed."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    run_notebook(nb, REPO, timeout=120, allow_errors=True)
    return nb


def test_unfinished_exercise_messages_in_a_kernel(tmp_path):
    """A stub's NotImplementedError is one short message; a NameError it causes
    further down is explained; a genuine NameError (a typo) is shown as usual."""
    nb = _run_cells("import utils", STUB, "Xb = add_bias(1)\nnumber = 2", "print(Xb)", "print(numbr)")
    errors = [next((o for o in c.outputs if o.output_type == "error"), None) for c in nb.cells]
    assert errors[2].ename == "NotImplementedError"
    assert "add_bias is not implemented yet" in errors[2].traceback[0]
    assert errors[3].ename == "NotImplementedYet"
    assert "`Xb` is not defined yet" in errors[3].traceback[0] and "add_bias" in errors[3].traceback[0]
    assert errors[4].ename == "NameError" and len(errors[4].traceback) > 2


def test_a_cell_stopped_at_an_unfinished_exercise_shows_no_blank_panels():
    """Axes made before the stop would show as empty 0-1 grids under the short message; a figure
    that already has data stays (it is the learner's)."""
    nb = _run_cells("import utils\nimport matplotlib.pyplot as plt\n%matplotlib inline", STUB,
                    "fig, axes = plt.subplots(1, 2)\naxes[0].plot(add_bias(1))",
                    "fig, ax = plt.subplots()\nax.plot([1, 2])\nadd_bias(1)")
    kinds = [[o.output_type for o in c.outputs] for c in nb.cells]
    assert kinds[2] == ["error"], nb.cells[2].outputs
    assert "display_data" in kinds[3], nb.cells[3].outputs


def _outputs_text(cell):
    """A cell's printed text and error messages, as one string."""
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif output["output_type"] == "error":
            parts.append(f"[{output['ename']}] " + "\n".join(output["traceback"]))
    return "\n".join(parts)


def test_run_all_carries_on_past_an_unfinished_exercise():
    """Restart + Run All on notebook 02 with Exercise 3 unfinished and the others caught up.

    nbclient without allow_errors stops at the first error, unless the cell is tagged
    ``raises-exception`` (JupyterLab's Run All the same: it sends such a cell with
    stop_on_error off). The later, independent exercises pass, the cells that need
    binary_cross_entropy say so in one line, and the progress cell runs."""
    path = REPO / "notebooks" / "02_classification_and_logistic_regression.ipynb"
    nb = nbformat.read(path, as_version=4)
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        names = sorted(defined_names(cell_source(cell))) if cell.cell_type == "code" and is_exercise(cell) else []
        if names and names != ["binary_cross_entropy"]:          # catch up every exercise but 3
            cells.append(nbformat.v4.new_code_cell(
                f"{', '.join(names)} = check.catch_up({', '.join(map(repr, names))})"))
    nb.cells = cells
    run_notebook(nb, path.parent, timeout=300)                   # allow_errors=False: Run All
    by_source = {cell_source(c): _outputs_text(c) for c in nb.cells if c.cell_type == "code"}

    def output_of(start):
        return next(text for source, text in by_source.items() if source.startswith(start))

    unfinished = output_of("check.binary_cross_entropy(")
    assert "[NotImplementedYet]" in unfinished and "binary_cross_entropy is not implemented yet" in unfinished
    for later in ("cross_entropy_gradient", "quadratic_features", "minibatches", "train_logistic"):
        assert f"✔ {later}: all" in output_of(f"check.{later}("), later
    dependents = [text for text in by_source.values()
                  if "[NotImplementedError]" in text or "is not defined yet" in text]
    assert len(dependents) >= 3, by_source
    for text in dependents:
        assert "binary_cross_entropy is not implemented yet" in text or "is not defined yet" in text
    for cell in nb.cells:                                          # a short message, no traceback
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                assert output["ename"] in ALLOWED_ERRORS and len(output["traceback"]) <= 2, output
    progress = output_of("check.progress(")
    assert re.search(r"· 3\.\s+binary_cross_entropy\s+not started", progress), progress
    assert re.search(r"↺ 4\.\s+cross_entropy_gradient\s+caught up", progress), progress
    assert "0 passed, 7 caught up, 0 failing, 1 not started." in progress


def test_without_the_tag_run_all_stops_at_the_first_error():
    """The control: the same kind of cell untagged stops nbclient, as it stops Run All."""
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("raise NotImplementedError('f is not implemented yet')"),
                nbformat.v4.new_code_cell("print('ran')")]
    with pytest.raises(CellExecutionError):
        run_notebook(nb, REPO, timeout=60)
    assert nb.cells[1].outputs == []
    nb.cells[0].metadata["tags"] = ["raises-exception"]
    nb.cells[1].outputs = []
    run_notebook(nb, REPO, timeout=60)
    assert nb.cells[1].outputs[0]["text"] == "ran\n"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_solutions_are_not_tagged_raises_exception(path):
    """nbclient (the build's execution) and nbval take ``raises-exception`` as leave to fail:
    only learner notebooks carry it, so executing a solution still stops at a real failure."""
    nb = json.loads(path.read_text())
    tagged = [i for i, c in enumerate(nb["cells"]) if "raises-exception" in c.get("metadata", {}).get("tags", [])]
    assert not tagged, f"cells {tagged} of {path.name} are tagged raises-exception"


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.stem)
def test_learner_cells_from_the_first_exercise_on_are_tagged_raises_exception(path):
    cells = code_cells(json.loads(path.read_text()))
    first = next((i for i, c in enumerate(cells) if is_exercise(c)), len(cells))
    for index, cell in enumerate(cells):
        tagged = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        assert tagged == (index >= first), f"code cell {index} of {path.name}"
