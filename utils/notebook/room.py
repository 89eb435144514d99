"""The room at a glance: per exercise, how many learners pass, fail, caught up or have not started.

    python3 workshop.py room /home                 # on the hub: every learner's home under /home
    python3 workshop.py room /home --names         # ... and who is in each column
    python3 workshop.py room /home --notebooks 02  # only notebook 02

For the instructor's live question "can I move on to the next slide?": the last
line of each notebook's table, "every exercise passed or caught up: N of M". It reads
each learner's saved notebooks (every ``NN_*.ipynb`` under their home; the most
recently saved one when there are several copies) and judges them with the same
machinery as ``workshop.py progress``: the set-up cell and the exercise cells
run in a fresh namespace, then each exercise's check. Nothing is written and the
learners' notebooks are not changed. An exercise filled in with a catch-up line
(``add_bias = check.catch_up("add_bias")``) counts as "caught up", not "pass".
Exercises are numbered as the notebook's "**Exercise 3.**" headings number them.

Each different notebook is checked once, and the results are kept (in the running
account's ~/.cache/workshop/room.json) by what was run: asking again a minute later
re-runs only the notebooks whose exercise cells changed since. ``--fresh`` forgets them.

Learners' code runs here, so: when started as root, the checking processes drop
to the ``nobody`` account first where they can (the notebooks are read before
that; see ``room``), each notebook gets a time limit, and the output shows counts
unless ``--names`` is given.
"""
from __future__ import annotations

import argparse
import hashlib
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
from .source import NOTEBOOKS, cell_source, runnable_cells, solution_labels  # noqa: E402

STATUSES = ("pass", "fail", "caught up", "not started")
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
NOTEBOOK_SECONDS = 60                   # a learner's notebook that takes longer: "could not check"
SKIPPED_DIRS = {".ipynb_checkpoints", "node_modules", "__pycache__"}
CACHE_VERSION = 1                       # bump when what a result holds changes


def exercise_statuses(path):
    """{exercise: (status, detail)} of one saved notebook, exactly as ``workshop.py progress``
    judges it (a catch-up line counts as "caught up"); status is one of STATUSES."""
    return notebook_progress(Path(path))


def exercise_labels_of(stem):
    """{exercise: label} as the notebook's own "**Exercise 3.**" headings number them
    (as ``workshop.py progress`` and ``check.progress`` show them); the check's
    registration order only where a heading is missing."""
    return {**for_notebook(stem).exercises.labels, **solution_labels(stem)}


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
    """(key, results or error text) of one notebook; its text was read by the parent."""
    key, number, file_name, text = task
    path = _SCRATCH / key / file_name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return key, exercise_statuses(path)
    except ModuleNotFoundError:
        return key, "not a workshop notebook with exercises"
    except Exception as error:  # a learner's broken file must not stop the room view
        return key, f"cannot check it ({type(error).__name__}: {error})"
    finally:
        path.unlink(missing_ok=True)


# --------------------------------------------------------------------------------------------
# Checking each notebook once: what it runs, as a key; results kept between runs
# --------------------------------------------------------------------------------------------
def workshop_fingerprint():
    """A hash of what judging depends on besides the learner's cells: the checks, the
    library and the solutions (catching up). A change to any of them re-checks everything."""
    digest = hashlib.sha256(f"room-cache-{CACHE_VERSION}".encode())
    repo = NOTEBOOKS.parent
    for path in sorted([*(repo / "utils").rglob("*.py"), *(repo / "solutions").glob(NOTEBOOK_GLOB)]):
        digest.update(str(path.relative_to(repo)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def notebook_key(number, text, fingerprint):
    """Two saved notebooks with the same key get the same results: the key is made of
    everything ``workshop.py progress`` runs (the set-up cell, the exercise cells and the
    catch-up lines, in order), not of outputs, other cells or the time it was saved."""
    digest = hashlib.sha256(f"{fingerprint}\0{number}\0".encode())
    try:
        cells = runnable_cells(json.loads(text))
    except (ValueError, KeyError, TypeError, AttributeError):
        cells = None                                   # not a notebook: judged (and keyed) as is
    if cells is None:
        digest.update(b"raw\0" + text.encode("utf-8", "replace"))
    else:
        for cell in cells:
            digest.update(cell_source(cell).encode("utf-8", "replace") + b"\0")
    return digest.hexdigest()


def default_cache():
    """~/.cache/workshop/room.json of the account running this (root's under sudo)."""
    try:
        import pwd
        home = Path(pwd.getpwuid(os.geteuid()).pw_dir)
    except (ImportError, KeyError):
        home = Path.home()
    return home / ".cache" / "workshop" / "room.json"


def _read_cache(path):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value if isinstance(value, str) else {name: tuple(result) for name, result in value.items()}
            for key, value in data.items() if isinstance(value, (str, dict))}


def _write_cache(path, results):
    """Only this run's notebooks are kept, so the file stays the size of one room."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w",
                  encoding="utf-8") as f:
            json.dump(results, f)
        os.replace(partial, path)
    except OSError:
        pass                                           # no cache: the next run checks everything


def _warm_imports(numbers):
    """Import what the notebooks' set-up cells import (from the workshop's own copies),
    once, before the checking processes are forked: each of them then starts warm."""
    import ast
    import importlib
    for number in numbers:
        try:
            stem = _stem(number)
            for_notebook(stem)
            setup = runnable_cells(json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8")))[0]
            tree = ast.parse(cell_source(setup))
        except Exception:  # noqa: BLE001  (only a speed-up)
            continue
        for node in ast.walk(tree):
            modules = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                       [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            for module in modules:
                try:
                    importlib.import_module(module)
                except Exception:  # noqa: BLE001
                    pass


def room(root, notebooks=None, jobs=None, timeout=NOTEBOOK_SECONDS, cache=None, stats=None):
    """({learner: {number: results or error text}}, seconds); a learner is a folder in ``root``.

    Each different notebook is checked once: learners whose set-up, exercise and
    catch-up cells are the same (not started yet, say) share one check. With ``cache``
    (a file), results are kept there between runs, so asking again re-checks only the
    notebooks saved with changes since. ``stats``, a dict, receives the counts.

    Run as root, the learners' code runs as ``nobody`` when Python and the workshop are
    readable by that account (they are on TLJH: /opt/tljh/user); otherwise as root, and
    ``main`` says so.
    """
    start = time.perf_counter()
    root = Path(root)
    learners = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    table = {name: {} for name in learners}
    fingerprint = workshop_fingerprint()
    keys, todo = {}, {}                    # (learner, number) -> key; key -> task
    for name in learners:
        for number, path in sorted(learner_notebooks(root / name).items()):
            if notebooks and number not in notebooks:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                table[name][number] = f"cannot read it ({error})"
                continue
            key = notebook_key(number, text, fingerprint)
            keys[name, number] = key
            todo.setdefault(key, (key, number, path.name, text))
    known = _read_cache(cache) if cache else {}
    results = {key: known[key] for key in todo if key in known}
    tasks = [task for key, task in todo.items() if key not in results]
    if tasks:
        _warm_imports(sorted({number for _, number, _, _ in tasks}))
        drop = can_drop_privileges()
        jobs = jobs or min(len(tasks), os.cpu_count() or 1)
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        scratch_root = tempfile.mkdtemp(prefix="workshop-room-check-")
        os.chmod(scratch_root, 0o1777)  # the checking processes (perhaps as nobody) write there
        timed_out = set()
        with context.Pool(jobs, initializer=_worker_start, initargs=(drop, scratch_root),
                          maxtasksperchild=50) as pool:
            pending = [(task, pool.apply_async(_check, (task,))) for task in tasks]
            deadline = time.monotonic() + timeout * max(1, len(tasks) / jobs)
            for (key, _, _, _), result in pending:
                try:
                    _, results[key] = result.get(max(0.1, deadline - time.monotonic()))
                except multiprocessing.TimeoutError:
                    results[key] = f"not checked: took longer than {timeout} s"
                    timed_out.add(key)
            pool.terminate()
        shutil.rmtree(scratch_root, ignore_errors=True)
    else:
        timed_out = set()
    for (name, number), key in keys.items():
        table[name][number] = results[key]
    if cache:
        _write_cache(cache, {key: value for key, value in results.items() if key not in timed_out})
    if stats is not None:
        stats.update(notebooks=len(keys), different=len(todo), checked=len(tasks),
                     from_cache=len(todo) - len(tasks))
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


def report_lines(table, seconds=None, names=False, asked=None, stats=None):
    learners = sorted(table)
    lines = [f"{len(learners)} learner{'s' if len(learners) != 1 else ''}"
             + (f", checked in {seconds:.1f} s" if seconds is not None else "")
             + (_stats_text(stats) if stats else "")]
    for number in notebook_numbers(table, asked):
        try:
            exercises = for_notebook(_stem(number, table)).exercises
        except (ModuleNotFoundError, LookupError):
            continue
        labels = exercise_labels_of(_stem(number, table))
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
            label = f"{labels.get(exercise, '?')}. {exercise}"
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


def _stats_text(stats):
    """The header's note, e.g. " (40 notebooks: 3 run, 37 unchanged since the last look)"."""
    parts = [f"{stats['checked']} run"]
    if stats["from_cache"]:
        parts.append(f"{stats['from_cache']} unchanged since the last look")
    shared = stats["notebooks"] - stats["different"]
    if shared:
        parts.append(f"{shared} the same as another learner's")
    return f" ({stats['notebooks']} notebooks: {', '.join(parts)})"


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
    parser.add_argument("--fresh", action="store_true", help=(
        "check every notebook again (by default a notebook whose exercise cells have not "
        f"changed since the last look keeps its result, kept in {default_cache()})"))
    args = parser.parse_args(argv)
    root = Path(args.root)
    if not root.is_dir():
        print(f"{root} is not a folder; give the folder holding the learners' homes (/home on TLJH).")
        return 2
    asked = [n[:2] for n in args.notebooks] if args.notebooks else None
    cache = default_cache()
    if args.fresh:
        cache.unlink(missing_ok=True)
    stats = {}
    table, seconds = room(root, notebooks=asked, jobs=args.jobs, cache=cache, stats=stats)
    if not table:
        print(f"No learner folders in {root}.")
        return 0
    print("\n".join(report_lines(table, seconds, names=args.names, asked=asked, stats=stats)))
    if os.name == "posix" and os.geteuid() == 0 and not can_drop_privileges():
        print(f"\n(The learners' code ran as root: {sys.prefix} or the workshop is not readable by "
              "the account 'nobody'. On a shared hub run this as an unprivileged account.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
