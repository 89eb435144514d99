"""Report which exercises pass, are caught up, fail or are not started in your notebooks.

    python3 workshop.py progress                  # every notebook in notebooks/
    python3 workshop.py progress notebooks/01_regression_and_gradient_descent.ipynb
    python3 workshop.py progress my_folder/       # every notebook in a folder

It reads the notebooks as they are saved on disk (save first!), runs only the
set-up cell and the exercise cells in a fresh namespace, and runs each
exercise's check. Nothing is written; the notebooks are not changed. An exercise
taken from the solution (``check.catch_up``) shows as "↺ caught up", not as a pass;
exercises are numbered as the notebook's "**Exercise 3.**" headings number them.
"""
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

from ..checks import for_notebook  # noqa: E402
from .source import (  # noqa: E402
    NOTEBOOKS, caught_up_names, cell_source, defined_names, execute_cells, exercise_labels,
    read_notebook, runnable_cells,
)

NOTEBOOK_NAME = re.compile(r"^\d\d_")
DEF_LINE = re.compile(r"^\s*def\s+(\w+)\s*\(", re.MULTILINE)
STATUS_SYMBOLS = {"pass": "✔", "caught up": "↺", "fail": "✘", "not started": "·"}


def report_lines(title, results, totals=True, labels=None):
    """Lines of a progress report: one per exercise, then the totals."""
    lines = [title]
    for i, (name, (status, detail)) in enumerate(results.items(), start=1):
        label = (labels or {}).get(name, str(i))
        line = f"  {STATUS_SYMBOLS[status]} {label + '.':<4} {name:<28} {status}"
        if status == "fail" and detail:
            line += f"  ({_shorten(detail, 100)})"
        lines.append(line)
    if totals:
        lines.append(summary_line([s for s, _ in results.values()]))
    return lines


def _shorten(text, width):
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0] + " …"


def summary_line(statuses):
    caught_up = statuses.count("caught up")
    return (f"{statuses.count('pass')} passed, " + (f"{caught_up} caught up, " if caught_up else "")
            + f"{statuses.count('fail')} failing, {statuses.count('not started')} not started.")


def notebook_progress(path):
    """{exercise: (status, detail)} for the notebook file at ``path``.

    An exercise whose cell does not run (a syntax error, say) is reported as
    failing with that error, not as "not started".
    """
    path = Path(path)
    checks = for_notebook(path.stem)
    nb = read_notebook(path)
    cells = runnable_cells(nb)
    namespace, errors = execute_cells(cells)
    namespace["_caught_up"] = caught_up_names(nb)
    results = checks.exercises.results(namespace)
    for index, error in errors.items():
        if index == 0 or isinstance(error, NotImplementedError):
            continue        # set-up cell errors show in the checks; unfinished is "not started"
        source = cell_source(cells[index])
        names = defined_names(source) | set(DEF_LINE.findall(source))
        message = str(error).strip().splitlines()
        detail = f"its cell raised {type(error).__name__}" + (f": {message[0]}" if message else "")
        for exercise, (_, argument_names) in checks.exercises.checks.items():
            if results[exercise][0] == "not started" and names & set(argument_names):
                results[exercise] = ("fail", detail)
    return results


def notebook_paths(arguments):
    """The notebook files named by ``arguments`` (files or folders); notebooks/ by default."""
    if not arguments:
        return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    paths = []
    for argument in map(Path, arguments):
        if argument.is_dir():
            paths += sorted(argument.glob("[0-9][0-9]_*.ipynb"))
        else:
            paths.append(argument)
    return paths


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    paths = notebook_paths(argv)
    if not paths:
        print(f"No notebooks found in {', '.join(argv) or NOTEBOOKS}.")
    statuses = []
    for path in paths:
        if not NOTEBOOK_NAME.match(path.name):
            print(f"{path.name}: cannot tell which workshop notebook this is; keep the number "
                  "at the start of its name (for example 01_my_copy.ipynb).")
            continue
        try:
            results = notebook_progress(path)
        except ModuleNotFoundError:
            print(f"{path.name}: no exercises to check")
            continue
        except (OSError, ValueError) as error:
            print(f"{path}: cannot read it ({error})")
            continue
        labels = {**for_notebook(path.stem).exercises.labels, **exercise_labels(read_notebook(path))}
        print("\n".join(report_lines(path.name, results, totals=False, labels=labels)))
        statuses += [status for status, _ in results.values()]
    print("\n" + summary_line(statuses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
