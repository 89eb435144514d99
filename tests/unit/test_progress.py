"""`python3 workshop.py progress` reports what a learner's saved notebook really contains.

Each test edits a temporary copy of a learner notebook the way a learner does
(fills in an answer region, saves), runs the progress command as a learner
would (a separate process: ``python -m utils.notebook.progress PATH``) and reads its
report. The notebook file must be byte-identical afterwards.
"""
import json
import re
import shutil
import subprocess
import sys

import pytest

from tools.paths import REPO
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = sorted((REPO / "solutions").glob("[0-9][0-9]_*.ipynb"))
STUB = re.compile(r"^(?P<indent>[ \t]*)# YOUR CODE HERE.*\n(?P=indent)raise NotImplementedError\(.*\)$",
                  re.MULTILINE)


def run_progress(*paths, cwd=REPO):
    done = subprocess.run([sys.executable, "-m", "utils.notebook.progress", *map(str, paths)],
                          capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={"MPLBACKEND": "Agg", "PATH": "", "PYTHONWARNINGS": "default"})
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def status_of(report, exercise):
    """(status, detail) of one exercise in a progress report."""
    for line in report.splitlines():
        match = re.match(rf"^\s+\S \w+\.\s+{re.escape(exercise)}\s+(pass|caught up|fail|not started)(?:\s+\((.*)\))?$", line)
        if match:
            return match.group(1), match.group(2) or ""
    raise AssertionError(f"{exercise} not in the report:\n{report}")


def fill_in(nb, function, answer):
    """Replace the answer region of ``function``'s exercise cell by ``answer`` (lines of code)."""
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and re.search(rf"^def {function}\(", source, re.MULTILINE):
            match = STUB.search(source)
            assert match, f"no answer region in the cell of {function}"
            indent = match.group("indent")
            code = "\n".join(indent + line for line in answer.splitlines())
            cell["source"] = source[:match.start()] + code + source[match.end():]
            return nb
    raise AssertionError(f"no exercise cell defines {function}")


def save_like_jupyter(nb, path):
    """Write the notebook as JupyterLab does (nbformat, indent 1, a final newline)."""
    import nbformat
    nbformat.write(nbformat.from_dict(nb), str(path))


def learner_copy(tmp_path, name):
    source = REPO / "notebooks" / name
    target = tmp_path / name
    shutil.copy(source, target)
    return target, json.loads(target.read_text(encoding="utf-8"))


def test_pass_not_started_and_fail_in_notebook_01(tmp_path):
    path, nb = learner_copy(tmp_path, "01_regression_and_gradient_descent.ipynb")
    fill_in(nb, "add_bias", "return np.column_stack([np.ones(len(X)), X])")           # right
    # predict: left as it is, not started
    fill_in(nb, "mse_loss", "return np.sum((X @ w - y) ** 2)")                       # a sum, not a mean
    save_like_jupyter(nb, path)
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns

    report = run_progress(path)

    assert status_of(report, "add_bias") == ("pass", "")
    assert status_of(report, "predict") == ("not started", "")
    status, detail = status_of(report, "mse_loss")
    assert status == "fail" and "sum of squared errors" in detail, report
    assert "1 passed, 1 failing, 6 not started." in report
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert not (tmp_path / ".ipynb_checkpoints").exists()


def test_pass_and_fail_in_notebook_00(tmp_path):
    path, nb = learner_copy(tmp_path, "00_welcome_and_setup.ipynb")
    fill_in(nb, "predict_loop", "return np.array([sum(x * v for x, v in zip(row, w)) for row in X])")
    fill_in(nb, "predict_matrix", "return X[:, 1:] @ w[1:]")                         # the slide's sum from 1
    save_like_jupyter(nb, path)
    before = path.read_bytes()
    report = run_progress(path)
    assert status_of(report, "predict_loop") == ("pass", "")
    status, detail = status_of(report, "predict_matrix")
    assert status == "fail" and "bias" in detail, report
    assert path.read_bytes() == before


def test_a_cell_that_does_not_run_is_a_failure_not_a_blank(tmp_path):
    path, nb = learner_copy(tmp_path, "01_regression_and_gradient_descent.ipynb")
    fill_in(nb, "add_bias", "return np.hstack([np.ones((X.shape[0], 1)), X]")        # missing bracket
    save_like_jupyter(nb, path)
    status, detail = status_of(run_progress(path), "add_bias")
    assert status == "fail" and "SyntaxError" in detail


def test_a_copy_made_by_jupyterlab_and_a_folder(tmp_path):
    path, nb = learner_copy(tmp_path, "00_welcome_and_setup.ipynb")
    fill_in(nb, "predict_matrix", "return X @ w")
    save_like_jupyter(nb, tmp_path / "00_welcome_and_setup-Copy1.ipynb")              # File → Duplicate
    report = run_progress(tmp_path)                                                   # a folder
    assert "00_welcome_and_setup.ipynb" in report and "00_welcome_and_setup-Copy1.ipynb" in report
    assert "1 passed, 0 failing, 3 not started." in report


def test_a_notebook_without_its_number_is_explained(tmp_path):
    target = tmp_path / "my_notebook.ipynb"
    shutil.copy(REPO / "notebooks" / "00_welcome_and_setup.ipynb", target)
    assert "keep the number at the start of its name" in run_progress(target)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_every_learner_notebook_starts_with_nothing_done(path):
    from tools import build_notebooks as build
    note = build.learner_work(path, json.loads((REPO / "solutions" / path.name).read_text()))
    if note:
        pytest.skip(note)
    report = run_progress(path)
    assert re.search(r"^0 passed, 0 failing, [1-9]\d* not started\.$", report, re.MULTILINE), report


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name[:2])
def test_every_solution_passes_every_exercise(path, tmp_path):
    before = path.read_bytes()
    report = run_progress(path, cwd=tmp_path)          # from any folder
    assert re.search(r"^[1-9]\d* passed, 0 failing, 0 not started\.$", report, re.MULTILINE), report
    assert path.read_bytes() == before


def test_default_is_every_notebook_in_notebooks():
    report = run_progress()
    for path in NOTEBOOKS:
        assert path.name in report


def add_cell_after(nb, function, source):
    """Insert a code cell (a learner's catch-up line, say) right after ``function``'s exercise cell."""
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code" and re.search(rf"^def {function}\(", "".join(cell["source"]), re.MULTILINE):
            nb["cells"].insert(index + 1, {"cell_type": "code", "execution_count": None, "id": f"up-{function}",
                                           "metadata": {}, "outputs": [], "source": source})
            return nb
    raise AssertionError(f"no exercise cell defines {function}")


def test_caught_up_is_not_shown_as_a_pass(tmp_path):
    path, nb = learner_copy(tmp_path, "01_regression_and_gradient_descent.ipynb")
    add_cell_after(nb, "add_bias", 'add_bias = check.catch_up("add_bias")')
    fill_in(nb, "predict", "return X @ w")                                             # own work
    save_like_jupyter(nb, path)
    report = run_progress(path)
    assert status_of(report, "add_bias") == ("caught up", "")
    assert re.search(r"^\s+↺ 1\.\s+add_bias\s+caught up$", report, re.MULTILINE), report
    assert status_of(report, "predict") == ("pass", "")
    assert "1 passed, 1 caught up, 0 failing, 6 not started." in report


def test_caught_up_arrays_are_read_from_the_catch_up_line(tmp_path):
    path, nb = learner_copy(tmp_path, "03_perceptron_and_neurons.ipynb")
    names = "W_hidden, b_hidden, w_out, b_out"
    for index, cell in enumerate(nb["cells"]):
        if "W_hidden" in "".join(cell["source"]) and "exercise" in cell["metadata"].get("tags", []):
            nb["cells"].insert(index + 1, {                                        # a cell of its own
                "cell_type": "code", "execution_count": None, "id": "up-square", "metadata": {},
                "outputs": [], "source": f"{names} = check.catch_up({', '.join(map(repr, names.split(', ')))})"})
            break
    save_like_jupyter(nb, path)
    assert status_of(run_progress(path), "square_network") == ("caught up", "")


@pytest.mark.parametrize("name, expected", [
    ("02_classification_and_logistic_regression.ipynb",
     [("1", "sigmoid"), ("2", "predict_proba"), ("2", "accuracy"), ("3", "binary_cross_entropy"),
      ("7", "train_logistic")]),
    ("04_multilayer_perceptron.ipynb", [("3a", "sigmoid_layer"), ("3c", "relu_layer"), ("5b", "mlp_backward")]),
    ("06_convolutional_networks.ipynb", [("5a", "maxpool_forward"), ("6c", "softmax_output_delta"),
                                         ("7", "cnn_loss")]),
])
def test_numbers_are_the_notebooks_exercise_labels(name, expected):
    report = run_progress(REPO / "notebooks" / name)
    for label, exercise in expected:
        assert re.search(rf"^\s+\S {re.escape(label)}\.\s+{exercise}\s", report, re.MULTILINE), report
