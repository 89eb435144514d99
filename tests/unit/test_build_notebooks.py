"""The generator turns solution regions into stubs, and notebooks/ is exactly
what it produces from solutions/."""
import json
import textwrap

import nbformat
import pytest

from tools import build_notebooks as build
from tools.paths import REPO

SOLUTIONS = sorted((REPO / "solutions").glob("*.ipynb"))
LEARNER = sorted((REPO / "notebooks").glob("*.ipynb"))


def test_region_inside_a_function_keeps_indentation_and_counts_lines():
    source = textwrap.dedent('''
        def f(x):
            """Doc."""
            ### BEGIN SOLUTION
            # a comment does not count
            y = x + 1

            return y
            ### END SOLUTION
    ''').strip()
    stub = build.strip_solutions(source)
    assert stub.splitlines()[2:] == [
        "    # YOUR CODE HERE (about 2 lines)",
        '    raise NotImplementedError("f is not implemented yet")',
    ]


def test_region_at_module_level_names_the_variables():
    source = "import numpy as np\n### BEGIN SOLUTION\nW, b = np.ones(2), 0.5\n### END SOLUTION\nprint(W)"
    stub = build.strip_solutions(source)
    assert 'raise NotImplementedError("W, b: not filled in yet")' in stub
    assert stub.startswith("import numpy as np\n# YOUR CODE HERE (about 1 line)")
    assert stub.endswith("print(W)")


def test_nested_methods_take_the_innermost_function_name():
    source = "class A:\n    def run(self):\n        ### BEGIN SOLUTION\n        return 1\n        ### END SOLUTION"
    assert "run is not implemented yet" in build.strip_solutions(source)


@pytest.mark.parametrize("source, problem", [
    ("### BEGIN SOLUTION\nx = 1", "without an END"),
    ("x = 1\n### END SOLUTION", "without a BEGIN"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "nested"),
])
def test_unbalanced_markers_are_errors(source, problem):
    with pytest.raises(build.NotebookError, match=problem):
        build.strip_solutions(source)


def test_learner_version_clears_outputs_and_replaces_markdown_answers():
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION")
    code.outputs = [nbformat.v4.new_output("stream", text="hi")]
    code.execution_count = 3
    answer = nbformat.v4.new_markdown_cell("Because the gradient vanishes.")
    answer.metadata["tags"] = ["solution"]
    nb.cells = [code, answer]
    learner = build.learner_version(json.loads(nbformat.writes(nb)))
    assert learner["cells"][0]["outputs"] == [] and learner["cells"][0]["execution_count"] is None
    assert "exercise" in learner["cells"][0]["metadata"]["tags"]
    assert "return 1" not in learner["cells"][0]["source"]
    assert learner["cells"][1]["source"] == build.MARKDOWN_ANSWER


def test_every_solution_has_a_learner_notebook_and_back():
    assert SOLUTIONS, "no solution notebooks found"
    assert [p.name for p in SOLUTIONS] == [p.name for p in LEARNER]


def skip_if_learner_work(name):
    """A learner's saved answers are not drift: skip with one line saying why (CI's clone is clean)."""
    solution = REPO / "solutions" / name
    note = build.learner_work(REPO / "notebooks" / name, json.loads(solution.read_text()))
    if note:
        pytest.skip(note)


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_learner_notebook_is_what_the_generator_produces(path):
    skip_if_learner_work(path.name)
    expected = build.dumps(build.learner_version(json.loads(path.read_text()), name=path.name))
    actual = (REPO / "notebooks" / path.name).read_text()
    assert actual == expected, (f"notebooks/{path.name} differs from what the generator makes of "
                                f"solutions/{path.name}: run `python -m tools.build_notebooks`")


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.stem)
def test_learner_notebook_has_no_outputs_and_no_solutions(path):
    skip_if_learner_work(path.name)
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        assert "BEGIN SOLUTION" not in source and "END SOLUTION" not in source
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", SOLUTIONS + LEARNER, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_notebook_is_valid_nbformat_with_a_python3_kernel(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_notebook_is_committed_executed_without_errors(path):
    nb = json.loads(path.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] is not None for c in code), "re-run: python3 workshop.py build"
    for cell in code:
        for output in cell["outputs"]:
            assert output["output_type"] != "error", f"{path.name}: {output.get('ename')}"
            text = "".join(output.get("text", ""))
            assert "Warning" not in text, f"{path.name} prints a warning: {text[:200]}"


def _saved_by_a_learner(nb, tmp_path, *, run=False, fill=False):
    """A copy of a generated notebook as a learner saves it: outputs kept, or an answer filled in."""
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and run:
            cell["execution_count"] = 1
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "ok\n"}]
            break
        if cell["cell_type"] == "code" and fill and build.STUB_LINE in cell["source"]:
            cell["source"] = cell["source"].replace(build.STUB_LINE, "return 1  # (")
            break
    path = tmp_path / "02_classification_and_logistic_regression.ipynb"
    path.write_text(build.dumps(nb))
    return path


@pytest.mark.parametrize("how", ["run", "fill"])
def test_learner_work_is_named_in_one_line(how, tmp_path):
    solution = json.loads((REPO / "solutions" / "02_classification_and_logistic_regression.ipynb").read_text())
    clean = build.learner_version(solution)
    path = _saved_by_a_learner(clean, tmp_path, **{how: True})
    assert build.learner_work(path, solution) == (
        "notebooks/02 has your own work in it; the drift check compares generated notebooks only: "
        "move your copy (or `git stash`) to run it")


def test_real_drift_in_a_clean_notebook_is_not_learner_work(tmp_path):
    """CI's clean clone: a stale generated notebook (a changed sentence) is still drift."""
    solution = json.loads((REPO / "solutions" / "02_classification_and_logistic_regression.ipynb").read_text())
    stale = build.learner_version(solution)
    stale["cells"][0]["source"] += " (old wording)"
    path = _saved_by_a_learner(stale, tmp_path)
    assert build.learner_work(path, solution) is None


def test_a_title_cell_in_another_form_stops_the_build_with_the_format(tmp_path):
    import json

    import pytest

    from tools.build_notebooks import NotebookError, title_parts
    path = tmp_path / "08_attention.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "metadata": {},
                                           "source": "# Attention\n\nSlides: attention, 30 min."}]}))
    with pytest.raises(NotebookError, match=r"08_attention.ipynb: notebook 08's first cell must start"
                                            r"[\s\S]*# 08 · Title[\s\S]*About 30 minutes"):
        title_parts(path)
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source":
                                           "# 08 · Attention\n\n*Talk slides: \"Attention\". About 30 minutes; take-home.*"}]}))
    assert title_parts(path) == ("08 · Attention", '"Attention"', "30 minutes; take-home")

# ---------------------------------------------------------------- the library (utils/library.py)
import ast  # noqa: E402


def _library_notebook(tmp_path, name, *cells):
    nb = nbformat.v4.new_notebook()
    for source, tags in cells:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = list(tags)
        nb.cells.append(cell)
    path = tmp_path / name
    path.write_text(nbformat.writes(nb))
    return path


def test_library_takes_the_full_solution_with_a_header_and_the_source_notebook(tmp_path):
    first = _library_notebook(tmp_path, "01_a.ipynb",
                              ("import numpy as np", []),
                              ("def f(x):\n    ### BEGIN SOLUTION\n    return x + 1\n    ### END SOLUTION", ["library"]),
                              ("def not_exported():\n    pass", []))
    second = _library_notebook(tmp_path, "02_b.ipynb", ("import time\n\ndef g():\n    return time.time()", ["library"]))
    text = build.library_text([first, second])
    assert text.startswith('"""Generated from the solution cells tagged `library` by tools/build_notebooks.py '
                           '— do not edit;')
    assert "# ---- from solutions/01_a.ipynb cell 1" in text and "# ---- from solutions/02_b.ipynb cell 0" in text
    assert "return x + 1" in text and "BEGIN SOLUTION" not in text and "not_exported" not in text
    assert text.index("import time") < text.index("def f(")            # a cell's imports go to the top
    namespace = {}
    exec(compile(text, "library", "exec"), namespace)
    assert namespace["f"](1) == 2
    # the learner's notebook keeps the exercise
    learner = build.learner_version(json.loads(first.read_text()))
    assert "return x + 1" not in learner["cells"][1]["source"]
    assert "f is not implemented yet" in learner["cells"][1]["source"]


def test_a_name_exported_twice_is_an_error_naming_both_notebooks(tmp_path):
    first = _library_notebook(tmp_path, "01_a.ipynb", ("def f():\n    return 1", ["library"]))
    second = _library_notebook(tmp_path, "02_b.ipynb", ("def f():\n    return 2", ["library"]))
    with pytest.raises(build.NotebookError, match=r"'f' is defined in solutions/01_a.ipynb cell 0 "
                                                  r"and again in solutions/02_b.ipynb cell 0"):
        build.library_text([first, second])


def test_a_library_cell_that_does_more_than_define_is_an_error(tmp_path):
    path = _library_notebook(tmp_path, "01_a.ipynb", ("def f():\n    return 1\n\nprint(f())", ["library"]))
    with pytest.raises(build.NotebookError, match="may only import and define"):
        build.library_text([path])


def test_check_reports_a_stale_library(monkeypatch, tmp_path, capsys):
    stale = tmp_path / "library.py"
    stale.write_text(build.library_text() + "# edited by hand\n")
    monkeypatch.setattr(build, "LIBRARY", stale)
    assert build.main(["--check"]) == 1
    assert "library.py" in capsys.readouterr().out


def test_committed_library_is_what_the_generator_produces():
    assert (REPO / "utils" / "library.py").read_text() == build.library_text(), \
        "utils/library.py is stale: run `python -m tools.build_notebooks`"


def _provided_definitions(path):
    """Top-level functions and classes of a solution notebook whose code has no answer region."""
    names = set()
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        lines = source.split("\n")
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                body = "\n".join(lines[node.lineno - 1:node.end_lineno])
                if "### BEGIN SOLUTION" not in body:
                    names.add(node.name)
    return names


def test_no_provided_function_or_class_is_defined_in_two_notebooks():
    """Shared code lives in one solution (tagged `library`) and is imported from utils.library;
    only an exercise a learner deliberately writes again may repeat a name."""
    owner, repeated = {}, []
    for path in SOLUTIONS:
        for name in sorted(_provided_definitions(path)):
            if name in owner:
                repeated.append(f"{name}: {owner[name]} and {path.name}")
            owner.setdefault(name, path.name)
    assert not repeated, "provided code defined in two notebooks (import it from utils.library):\n" + \
        "\n".join(repeated)
