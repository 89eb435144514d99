"""The room at a glance: per exercise, how many learners pass, fail, caught up or have not started.

    python3 workshop.py room /home                 # on the hub: every learner's home under /home
    python3 workshop.py room /home --names         # ... and who is in each column
    python3 workshop.py room /home --notebooks 02  # only notebook 02

For the instructor's live question "can I move on to the next slide?". It reads
each learner's saved notebooks (every ``NN_*.ipynb`` under their home; the most
recently saved one when there are several copies) and judges them with the same
machinery as ``workshop.py progress``: the set-up cell and the exercise cells
run in a fresh namespace, then each exercise's check. Nothing is written and the
learners' notebooks are not changed. An exercise filled in with a catch-up line
(``add_bias = check.catch_up("add_bias")``) counts as "caught up", not "pass".

Learners' code runs here, so: when started as root, the checking processes drop
to the ``nobody`` account first where they can (the notebooks are read before
that; see ``room``), each notebook gets a time limit, and the output shows counts
unless ``--names`` is given.
"""
from __future__ import annotations

import argparse
import ast
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

from .progress import notebook_progress  # noqa: E402
from ..checks import for_notebook  # noqa: E402
from .source import NOTEBOOKS  # noqa: E402

STATUSES = ("pass", "fail", "caught up", "not started")
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
NOTEBOOK_SECONDS = 60                   # a learner's notebook that takes longer: "could not check"
SKIPPED_DIRS = {".ipynb_checkpoints", "node_modules", "__pycache__"}


def caught_up_names(notebook):
    """Names a learner assigned from ``check.catch_up(...)`` in any code cell."""
    names = set()
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") != "code" or ".catch_up(" not in source:
            continue
        try:
            tree = ast.parse("\n".join(line for line in source.splitlines()
                                       if not line.lstrip().startswith(("%", "!"))))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and \
                    getattr(node.value.func, "attr", None) == "catch_up":
                for target in node.targets:
                    names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def exercise_statuses(path):
    """{exercise: (status, detail)} of one saved notebook; status is one of STATUSES."""
    path = Path(path)
    results = notebook_progress(path)
    caught = caught_up_names(json.loads(path.read_text(encoding="utf-8")))
    checks = for_notebook(path.stem).exercises.checks
    for exercise, (status, detail) in results.items():
        if status == "pass" and caught & set(checks[exercise][1]):
            results[exercise] = ("caught up", detail)
    return results


def learner_notebooks(home):
    """{notebook number: path} of the workshop notebooks under ``home``, newest copy of each."""
    found = {}
    for root, dirs, files in os.walk(home):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in files:
            path = Path(root) / name
            if not path.match(NOTEBOOK_GLOB):
                continue
            number = name[:2]
            if number not in found or path.stat().st_mtime > found[number].stat().st_mtime:
                found[number] = path
    return found


# --------------------------------------------------------------------------------------------
# Checking in parallel, as nobody when run as root
# --------------------------------------------------------------------------------------------
def _readable_by_others(path):
    """Whether an account with no rights of its own can read ``path`` (every folder above: o+x)."""
    path = Path(path).resolve()
    try:
        if not path.stat().st_mode & 0o004:
            return False
        return all(parent.stat().st_mode & 0o001 for parent in path.parents)
    except OSError:
        return False


def can_drop_privileges():
    """Root, and Python, the virtual environment and the workshop readable by ``nobody``."""
    if os.name != "posix" or os.geteuid() != 0:
        return False
    needed = [Path(os.__file__).parent, Path(sys.prefix), NOTEBOOKS.parent / "utils"]
    return all(_readable_by_others(p) for p in needed)


def _worker_start(drop, scratch_root):
    if drop:
        import pwd
        nobody = pwd.getpwnam("nobody")
        os.setgroups([])
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)
    scratch = tempfile.mkdtemp(dir=scratch_root)
    os.environ["MPLCONFIGDIR"] = scratch
    os.environ["HOME"] = scratch
    os.chdir(scratch)
    global _SCRATCH
    _SCRATCH = Path(scratch)


def _check(task):
    """(learner, number, results or error text); the notebook's text was read by the parent."""
    learner, number, file_name, text = task
    path = _SCRATCH / learner / file_name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return learner, number, exercise_statuses(path)
    except ModuleNotFoundError:
        return learner, number, "not a workshop notebook with exercises"
    except Exception as error:  # a learner's broken file must not stop the room view
        return learner, number, f"cannot check it ({type(error).__name__}: {error})"
    finally:
        path.unlink(missing_ok=True)


def room(root, notebooks=None, jobs=None, timeout=NOTEBOOK_SECONDS):
    """({learner: {number: results or error text}}, seconds); a learner is a folder in ``root``.

    Run as root, the learners' code runs as ``nobody`` when Python and the workshop are
    readable by that account (they are on TLJH: /opt/tljh/user); otherwise as root, and
    ``main`` says so.
    """
    start = time.perf_counter()
    root = Path(root)
    learners = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    tasks, table = [], {name: {} for name in learners}
    for name in learners:
        for number, path in sorted(learner_notebooks(root / name).items()):
            if notebooks and number not in notebooks:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                table[name][number] = f"cannot read it ({error})"
                continue
            tasks.append((name, number, path.name, text))
    drop = can_drop_privileges()
    if tasks:
        jobs = jobs or min(len(tasks), os.cpu_count() or 1)
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        scratch_root = tempfile.mkdtemp(prefix="workshop-room-check-")
        os.chmod(scratch_root, 0o1777)  # the checking processes (perhaps as nobody) write there
        with context.Pool(jobs, initializer=_worker_start, initargs=(drop, scratch_root),
                          maxtasksperchild=50) as pool:
            pending = [(task, pool.apply_async(_check, (task,))) for task in tasks]
            deadline = time.monotonic() + timeout * max(1, len(tasks) / jobs)
            for (name, number, _, _), result in pending:
                try:
                    _, _, outcome = result.get(max(0.1, deadline - time.monotonic()))
                except multiprocessing.TimeoutError:
                    outcome = f"not checked: took longer than {timeout} s"
                table[name][number] = outcome
            pool.terminate()
        shutil.rmtree(scratch_root, ignore_errors=True)
    return table, time.perf_counter() - start


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------
def notebook_numbers(table, asked=None):
    numbers = set(asked or ())
    if not numbers:
        for per_learner in table.values():
            numbers |= set(per_learner)
    return sorted(numbers)


def report_lines(table, seconds=None, names=False, asked=None):
    learners = sorted(table)
    lines = [f"{len(learners)} learner{'s' if len(learners) != 1 else ''}"
             + (f", checked in {seconds:.1f} s" if seconds is not None else "")]
    for number in notebook_numbers(table, asked):
        try:
            exercises = for_notebook(_stem(number, table)).exercises
        except (ModuleNotFoundError, LookupError):
            continue
        lines += ["", f"{_stem(number, table)}",
                  f"  {'exercise':<28}" + "".join(f"{s:>13}" for s in STATUSES)]
        finished = []
        unreadable = {name: table[name][number] for name in learners
                      if isinstance(table[name].get(number), str)}
        for exercise in exercises.checks:
            who = {status: [] for status in STATUSES}
            for name in learners:
                results = table[name].get(number)
                if isinstance(results, dict):
                    who[results[exercise][0]].append(name)
                elif results is None:
                    who["not started"].append(name)      # no copy of this notebook yet
            label = f"{exercises.labels[exercise]}. {exercise}"
            lines.append(f"  {label:<28}" + "".join(f"{len(who[s]):>13}" for s in STATUSES))
            if names:
                lines += [f"      {status}: {', '.join(who[status])}"
                          for status in ("fail", "caught up", "not started") if who[status]]
        for name in learners:
            results = table[name].get(number)
            if isinstance(results, dict) and all(s in ("pass", "caught up") for s, _ in results.values()):
                finished.append(name)
        line = f"  every exercise passed or caught up: {len(finished)} of {len(learners)}"
        if names and finished:
            line += f" ({', '.join(finished)})"
        lines.append(line)
        for name, problem in unreadable.items():
            lines.append(f"  {name if names else 'one learner'}: {problem}")
    return lines


def _stem(number, table=None):
    """The file stem of workshop notebook ``number`` ("02" -> "02_classification_...")."""
    matches = sorted(NOTEBOOKS.glob(f"{number}_*.ipynb"))
    return matches[0].stem if matches else number


def main(argv=None):
    parser = argparse.ArgumentParser(prog="workshop.py room", description=(
        "Per exercise, how many learners pass, fail, caught up or have not started, "
        "from the notebooks saved in their home folders."))
    parser.add_argument("root", help="the folder holding one home folder per learner (/home on TLJH)")
    parser.add_argument("--names", action="store_true", help="also list who is in each column")
    parser.add_argument("--notebooks", nargs="*", default=None, metavar="NN",
                        help="only these notebooks (numbers, e.g. 01 02)")
    parser.add_argument("--jobs", type=int, default=None, help="checking processes (default: CPUs)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    if not root.is_dir():
        print(f"{root} is not a folder; give the folder holding the learners' homes (/home on TLJH).")
        return 2
    asked = [n[:2] for n in args.notebooks] if args.notebooks else None
    table, seconds = room(root, notebooks=asked, jobs=args.jobs)
    if not table:
        print(f"No learner folders in {root}.")
        return 0
    print("\n".join(report_lines(table, seconds, names=args.names, asked=asked)))
    if os.name == "posix" and os.geteuid() == 0 and not can_drop_privileges():
        print(f"\n(The learners' code ran as root: {sys.prefix} or the workshop is not readable by "
              "the account 'nobody'. On a shared hub run this as an unprivileged account.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
