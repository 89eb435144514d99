"""Reading the workshop's notebooks as source code.

Used to *catch up* (take one exercise's answer from the solution notebook) and
to report a learner's *progress* without running or changing their notebook.

Conventions every notebook follows (tests enforce them):

* the first code cell is the set-up cell (imports, style), safe to re-run;
* every cell with an answer region is tagged ``exercise`` and only *defines*
  things (functions, small constants): it depends on the set-up cell and on
  earlier exercise cells, nothing else.
"""
from __future__ import annotations

import ast
import contextlib
import io
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions"
NOTEBOOKS = REPO / "notebooks"
EXERCISE_TAG = "exercise"
CAUGHT_UP = "caught_up_from_solution"     # attribute set on what catching up hands out
EXERCISE_LABEL = re.compile(r"\*\*Exercise (\w+)\b[^*]*\*\*")
CHECK_CALL = re.compile(r"\bcheck\.(\w+)\(")


def read_notebook(path):
    """The notebook at ``path`` as a plain dict (nbformat 4 JSON)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cell_source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def is_exercise(cell):
    """A cell with an answer: tagged ``exercise`` (or, untagged, holding a solution region)."""
    return (EXERCISE_TAG in cell.get("metadata", {}).get("tags", [])
            or "### BEGIN SOLUTION" in cell_source(cell))


def runnable_cells(nb):
    """The set-up cell, then the exercise cells and catch-up lines, in notebook order."""
    # the Colab cell (tagged colab-setup, first) only fetches the workshop on Colab: not the set-up cell
    cells = [c for c in code_cells(nb) if "colab-setup" not in c.get("metadata", {}).get("tags", [])]
    if not cells:
        return []
    # a learner's catch-up line (``add_bias = check.catch_up("add_bias")``) counts too
    return [cells[0]] + [c for c in cells[1:] if is_exercise(c) or ".catch_up(" in cell_source(c)]


def defined_names(source):
    """Names a cell defines at top level (functions, classes, assignments)."""
    try:
        tree = ast.parse(_python_only(source))
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Name):
                        names.add(sub.id)
    return names


def _python_only(source):
    """Drop IPython magics and shell escapes so plain ``exec`` can run a cell."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line
        for line in source.splitlines()
    )


def execute_cells(cells, namespace=None, stop_when_defined=()):
    """Run cells in one namespace; returns (namespace, {cell index: error}).

    Output is swallowed. Errors are collected, not raised, so one broken cell
    does not hide the others. With ``stop_when_defined``, stops as soon as all
    those names are defined.
    """
    namespace = {"__name__": "__workshop__"} if namespace is None else namespace
    errors = {}
    wanted = set(stop_when_defined)
    for index, cell in enumerate(cells):
        source = _python_only(cell_source(cell))
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(source, f"<cell {index}>", "exec"), namespace)
        except Exception as error:  # learner code: collect, never crash
            errors[index] = error
        if wanted and wanted <= namespace.keys():
            break
    return namespace, errors


def solution_path(notebook):
    path = SOLUTIONS / f"{notebook}.ipynb"
    if not path.exists():
        raise FileNotFoundError(f"no solution notebook {path.name} in {SOLUTIONS}")
    return path


def load_names(notebook, names):
    """Values of ``names`` as the solution notebook defines them.

    Only the set-up cell and the exercise cells are run, up to the one that
    defines the last name asked for. One name gives a value, several a tuple.
    """
    nb = read_notebook(solution_path(notebook))
    cells = runnable_cells(nb)
    available = set().union(*(defined_names(cell_source(c)) for c in cells[1:]))
    unknown = [n for n in names if n not in available]
    if unknown:
        raise KeyError(
            f"{', '.join(unknown)} is not an exercise of {notebook}; "
            f"choose from: {', '.join(sorted(available))}"
        )
    namespace, errors = execute_cells(cells, stop_when_defined=names)
    if errors:
        index, error = next(iter(errors.items()))
        raise RuntimeError(f"catching up failed in cell {index} of the solution: {error!r}")
    values = tuple(_mark_caught_up(namespace[n]) for n in names)
    return values[0] if len(values) == 1 else values


def _mark_caught_up(value):
    """Mark a function (or class) taken from the solution, so progress shows it as caught up."""
    try:
        setattr(value, CAUGHT_UP, True)
    except (AttributeError, TypeError):   # arrays, numbers: progress reads the catch-up line instead
        pass
    return value


def is_caught_up(value):
    return getattr(value, CAUGHT_UP, False) is True


def caught_up_in(namespace, names):
    """Whether any of ``names`` in ``namespace`` came from catching up.

    A function carries the mark; a value that cannot (an array) counts as caught up
    when a catch-up line assigned it: in the saved notebook (``namespace["_caught_up"]``,
    set by the progress command) or in IPython's input history (``In``).
    """
    for name in names:
        value = namespace.get(name)
        if callable(value):
            if is_caught_up(value):
                return True
            continue
        marked = namespace.get("_caught_up")
        if marked is None:
            history = namespace.get("In")
            history = history if isinstance(history, list) else []
            marked = caught_up_names({"cells": [{"cell_type": "code", "source": s} for s in history]})
        if name in marked:
            return True
    return False


def caught_up_names(nb):
    """Names a learner's catch-up lines assign (``W1, b1 = check.catch_up("W1", "b1")``)."""
    names = set()
    for cell in code_cells(nb):
        for line in cell_source(cell).splitlines():
            if ".catch_up(" in line and "=" in line.split(".catch_up(")[0]:
                names |= defined_names(line.strip())
    return names


def exercise_labels(nb):
    """{check name: label} from the notebook's own "**Exercise 3.**" headings.

    Each ``check.NAME(...)`` cell takes the label of the last heading above it.
    """
    labels, label = {}, None
    for cell in nb["cells"]:
        source = cell_source(cell)
        if cell["cell_type"] == "markdown":
            found = EXERCISE_LABEL.findall(source)
            label = found[-1] if found else label
        elif label is not None:
            for name in CHECK_CALL.findall(source):
                if name not in ("catch_up", "progress"):
                    labels.setdefault(name, label)
    return labels


def solution_labels(notebook):
    """exercise_labels of the solution notebook ``notebook`` ({} if there is none)."""
    try:
        return exercise_labels(read_notebook(solution_path(notebook)))
    except (OSError, ValueError, KeyError):
        return {}
