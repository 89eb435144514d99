"""Report which exercises pass, fail or are not started in your notebooks.

    python3 workshop.py progress                  # every notebook in notebooks/
    python3 workshop.py progress my_copy.ipynb    # particular files

It reads the notebooks as they are saved on disk (save first!), runs only the
set-up cell and the exercise cells in a fresh namespace, and runs each
exercise's check. Nothing is written; the notebooks are not changed.
"""
import os
import sys
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

from .checking import report_lines, summary_line  # noqa: E402
from .checks import for_notebook  # noqa: E402
from .notebook_source import NOTEBOOKS, execute_cells, read_notebook, runnable_cells  # noqa: E402


def notebook_progress(path):
    """{exercise: (status, detail)} for the notebook file at ``path``."""
    path = Path(path)
    checks = for_notebook(path.stem)
    namespace, _ = execute_cells(runnable_cells(read_notebook(path)))
    return checks.exercises.results(namespace)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in argv] or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    statuses = []
    for path in paths:
        try:
            results = notebook_progress(path)
        except ModuleNotFoundError:
            print(f"{path.name}: no exercises to check")
            continue
        except (OSError, ValueError) as error:
            print(f"{path}: cannot read it ({error})")
            continue
        print("\n".join(report_lines(path.name, results, totals=False)))
        statuses += [status for status, _ in results.values()]
    print("\n" + summary_line(statuses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
