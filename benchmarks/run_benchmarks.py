"""Time every solution notebook, every widget and the reference code against the budgets.

    python3 workshop.py bench                  # the full run (notebooks 3 times, median)
    python benchmarks/run_benchmarks.py --quick       # CI: every notebook once, fewer repeats
    python benchmarks/run_benchmarks.py --no-fail     # report only; exit 0 even if a budget is missed
    python benchmarks/run_benchmarks.py 01 02         # only the notebooks whose name starts with 01 or 02

Prints one table and writes it to benchmarks/results/ as Markdown and JSON
(``bench-<UTC time>.md/.json`` and ``latest.md/.json``), so numbers can be
compared between versions. Exits with status 1 when a budget is missed (or a
notebook fails), unless --no-fail. See benchmarks/README.md.

What is measured:
* each solution notebook, executed with nbclient from a temporary copy (the
  repository is never changed), kernel start-up included;
* the updates of every widget made with ``utils.plotting.interactive_plot``,
  timed in the same kernel right after the notebook's last cell: each control
  is moved one step up, one step down and back (a dropdown to its neighbouring
  options), as a learner would, and each move's redraw is timed (median and
  maximum over all the moves);
* the reference MLP against scikit-learn's MLPClassifier
  (benchmarks/mlp_vs_sklearn.py, notebook 04), when present;
* the vectorised ``conv_forward`` against the loop ``conv2d_single``
  (notebook 06, taken from the solution with ``catch_up``), when present.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.paths import REPO, SOLUTIONS  # noqa: E402
RESULTS = REPO / "benchmarks" / "results"

from tools.run import notebook_client  # noqa: E402  (shared with the tests and benchmarks)

# Budgets in seconds, by notebook number: each solution's metadata.workshop.budget_seconds
# (tools/notebook_meta.py), at most MAX_NOTEBOOK_SECONDS; all together under TOTAL_SECONDS.
from tools.notebook_meta import MAX_NOTEBOOK_SECONDS, budgets  # noqa: E402
NOTEBOOK_BUDGETS = budgets()
TOTAL_SECONDS = 90
WIDGET_MS = 150
MLP_MIN_RATIO = 2.0

WIDGET_MARKER = "WORKSHOP_BENCH_WIDGETS "
WIDGET_TIMING_CELL = """\
import json as _json, statistics as _statistics, time as _time
_notebook_end = _time.time()                   # the notebook's cells are done
import utils.plots.plotting as _plotting


def _neighbours(control):
    \"\"\"The values one step either side of a control's value: what a learner moves it to.\"\"\"
    value = control.value
    options = getattr(control, "_options_values", None)
    if options is not None:                    # dropdowns, selection sliders
        at = list(options).index(value)
        return [options[i] for i in (at + 1, at - 1) if 0 <= i < len(options)]
    if isinstance(value, bool):
        return [not value]
    if hasattr(control, "base"):               # log sliders: min and max are exponents
        import math
        exponent = math.log(value, control.base)
        return [control.base ** e for e in (exponent + control.step, exponent - control.step)
                if control.min - 1e-9 <= e <= control.max + 1e-9]
    if hasattr(control, "step") and isinstance(value, (int, float)):
        return [v for v in (value + control.step, value - control.step) if control.min <= v <= control.max]
    return []


_timings = []
for _index, _widget in enumerate(_plotting.WIDGETS):
    _calls = []
    for _ in range({passes}):
        for _control in _widget.controls.values():
            _start_value = _control.value
            for _value in _neighbours(_control) + [_start_value]:
                if _value == _control.value:
                    continue
                _start = _time.perf_counter()
                _control.value = _value                # the widget redraws, as when a learner moves it
                _calls.append(_time.perf_counter() - _start)
    if not _calls:                             # no control we know how to move: time a plain redraw
        for _ in range(3):
            _start = _time.perf_counter()
            _widget.refresh()
            _calls.append(_time.perf_counter() - _start)
    _timings.append({{"index": _index,
                      "callback": getattr(getattr(_widget, "callback", None), "__name__", "?"),
                      "median_ms": 1000 * _statistics.median(_calls),
                      "max_ms": 1000 * max(_calls), "calls": len(_calls)}})
print({marker!r} + _json.dumps({{"notebook_end": _notebook_end, "widgets": _timings}}))
"""


def budget_for(notebook_name):
    return min(NOTEBOOK_BUDGETS.get(notebook_name[:2], MAX_NOTEBOOK_SECONDS), MAX_NOTEBOOK_SECONDS)


def mark(ok):
    if ok is None:
        return ""
    return "✔" if ok else "✘"


# --------------------------------------------------------------------------
# Notebooks and widgets
# --------------------------------------------------------------------------


def run_notebook(path, widget_passes=2, timeout=600):
    """Execute a copy of the notebook; returns {seconds, widgets, error}.

    ``seconds`` is the wall time from starting the kernel to the end of the
    last cell. The widget timing cell runs afterwards, outside that time.
    """
    import nbformat
    from nbclient.exceptions import CellExecutionError

    result = {"seconds": None, "widgets": [], "error": None}
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        nb = nbformat.read(copy, as_version=4)
        client = notebook_client(nb, tmp, tmp, timeout=timeout)
        client.reset_execution_trackers()
        # The widget timing runs in the same kernel after the notebook's cells; it notes
        # the (wall-clock) time it starts, which ends the notebook's timed part.
        nb.cells.append(nbformat.v4.new_code_cell(
            WIDGET_TIMING_CELL.format(passes=widget_passes, marker=WIDGET_MARKER)))
        kernel_log = open(Path(tmp) / "kernel.log", "w+", encoding="utf-8")
        start = time.time()
        try:
            client.execute(stderr=kernel_log)
            timings = _parse_widget_timings(nb.cells[-1])
            result["seconds"] = timings["notebook_end"] - start
            result["widgets"] = timings["widgets"]
        except CellExecutionError as error:
            result["error"] = f"a cell raised {getattr(error, 'ename', '?')}: {getattr(error, 'evalue', '')}"[:300]
        except Exception as error:  # timeouts, dead kernels: report, keep benchmarking the rest
            kernel_log.seek(0)
            tail = " | ".join(kernel_log.read().strip().splitlines()[-3:])
            frame = traceback.extract_tb(error.__traceback__)[-1]
            result["error"] = (f"{type(error).__name__}: {str(error)[:200]} at {Path(frame.filename).name}:"
                               f"{frame.lineno}" + (f" (kernel: {tail[:300]})" if tail else ""))
        finally:
            kernel_log.close()
    return result


def _parse_widget_timings(cell):
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            for line in output.get("text", "").splitlines():
                if line.startswith(WIDGET_MARKER):
                    return json.loads(line[len(WIDGET_MARKER):])
    raise RuntimeError("the widget timing cell printed no result")


def benchmark_notebooks(paths, repeats, widget_passes):
    """{notebook file name: {seconds, runs, widgets, error}}; seconds is the median run."""
    results = {}
    for path in paths:
        runs, widgets, error = [], [], None
        for repeat in range(repeats):
            print(f"  executing {path.name} ({repeat + 1}/{repeats}) ...", flush=True)
            outcome = run_notebook(path, widget_passes=widget_passes)
            if outcome["error"]:
                error = outcome["error"]
                break
            runs.append(outcome["seconds"])
            widgets = outcome["widgets"] if not widgets else _faster(widgets, outcome["widgets"])
        results[path.name] = {
            "seconds": statistics.median(runs) if runs and not error else None,
            "runs": runs, "widgets": widgets, "error": error,
        }
    return results


def _faster(a, b):
    """Per widget, the run with the smaller median (other helpers share the machine)."""
    return [x if x["median_ms"] <= y["median_ms"] else y for x, y in zip(a, b)] if len(a) == len(b) else b


# --------------------------------------------------------------------------
# Reference code: MLP against scikit-learn (04), convolution loops against im2col (06)
# --------------------------------------------------------------------------
def benchmark_mlp(quick):
    script = REPO / "benchmarks" / "mlp_vs_sklearn.py"
    if not script.exists():
        built = any(SOLUTIONS.glob("04_*.ipynb"))
        return {"status": "n/a", "reason": "benchmarks/mlp_vs_sklearn.py missing" if built
                else "notebook 04 not built"}
    try:
        spec = importlib.util.spec_from_file_location("mlp_vs_sklearn", script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        numbers = dict(module.run(quick=quick))
        numbers["status"] = "ok"
        return numbers
    except Exception as error:
        return {"status": "error", "reason": f"{type(error).__name__}: {str(error)[:200]}"}


def benchmark_convolution(quick):
    notebook = next(iter(sorted(SOLUTIONS.glob("06_*.ipynb"))), None)
    if notebook is None:
        return {"status": "n/a", "reason": "notebook 06 not built"}
    try:
        import numpy as np
        from utils.checks import for_notebook

        conv2d_single, conv_forward = for_notebook(notebook.stem).catch_up("conv2d_single", "conv_forward")
        rng = np.random.default_rng(0)
        n, size = (16, 16) if quick else (64, 28)
        X = rng.normal(size=(n, 1, size, size))
        W = rng.normal(size=(1, 1, 3, 3))
        b = np.array([0.5])

        def loops():
            return np.stack([conv2d_single(X[i, 0], W[0, 0]) + b[0] for i in range(n)])[:, None]

        def vectorised():
            return conv_forward(X, W, b, 1, 0)[0]

        agree = bool(np.allclose(loops(), vectorised()))
        repeats = 1 if quick else 5
        loop_seconds = min(_timed(loops) for _ in range(repeats))
        vector_seconds = min(_timed(vectorised) for _ in range(max(repeats, 3)))
        return {"status": "ok", "batch": [n, 1, size, size], "kernel": [1, 1, 3, 3],
                "loop_seconds": loop_seconds, "vectorised_seconds": vector_seconds,
                "speedup": loop_seconds / vector_seconds, "outputs_agree": agree}
    except Exception as error:
        return {"status": "error", "reason": f"{type(error).__name__}: {str(error)[:200]}"}


def _timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


# --------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------
def build_rows(notebooks, mlp, conv):
    """Rows (item, measured, budget, ok) with ok True/False/None (no budget)."""
    rows = []
    total, all_ran = 0.0, True
    for name, result in notebooks.items():
        budget = budget_for(name)
        if result["error"]:
            rows.append((f"notebook {name}", f"failed: {result['error']}", f"< {budget} s", False))
            all_ran = False
            continue
        seconds = result["seconds"]
        total += seconds
        spread = f" (runs {', '.join(f'{s:.1f}' for s in result['runs'])})" if len(result["runs"]) > 1 else ""
        rows.append((f"notebook {name}", f"{seconds:.1f} s{spread}", f"< {budget} s", seconds < budget))
    if notebooks:
        rows.append((f"all {len(notebooks)} solution notebooks", f"{total:.1f} s"
                     + ("" if all_ran else " (without the failed ones)"),
                     f"< {TOTAL_SECONDS} s", all_ran and total < TOTAL_SECONDS))
    else:
        rows.append(("solution notebooks", "none found", f"< {TOTAL_SECONDS} s", False))
    for name, result in notebooks.items():
        for widget in result["widgets"]:
            ms = widget["median_ms"]
            rows.append((f"widget {widget['callback']} ({name[:2]})",
                         f"{ms:.0f} ms (median of {widget['calls']} moves, max {widget['max_ms']:.0f} ms)",
                         f"< {WIDGET_MS} ms", ms < WIDGET_MS))
    if mlp["status"] == "ok":
        ratio = mlp["ratio"]
        rows.append(("reference MLP vs scikit-learn MLPClassifier (04)",
                     f"{ratio:.1f}× faster ({mlp['reference_seconds']:.2f} s vs {mlp['sklearn_seconds']:.2f} s); "
                     f"accuracy {mlp['reference_accuracy']:.3f} vs {mlp['sklearn_accuracy']:.3f}",
                     f"≥ {MLP_MIN_RATIO:g}×", ratio >= MLP_MIN_RATIO))
    elif mlp["status"] == "n/a":
        rows.append(("reference MLP vs scikit-learn MLPClassifier (04)", f"n/a ({mlp['reason']})",
                     f"≥ {MLP_MIN_RATIO:g}×", None))
    else:
        rows.append(("reference MLP vs scikit-learn MLPClassifier (04)", f"error: {mlp['reason']}",
                     f"≥ {MLP_MIN_RATIO:g}×", False))
    if conv["status"] == "ok":
        shape = "×".join(map(str, conv["batch"]))
        rows.append(("conv_forward vs conv2d_single loops (06)",
                     f"{conv['speedup']:.0f}× faster ({conv['loop_seconds'] * 1000:.1f} ms vs "
                     f"{conv['vectorised_seconds'] * 1000:.2f} ms on a {shape} batch, 3×3 kernel)"
                     + ("" if conv["outputs_agree"] else "; OUTPUTS DIFFER"),
                     "outputs agree", conv["outputs_agree"]))
    elif conv["status"] == "n/a":
        rows.append(("conv_forward vs conv2d_single loops (06)", f"n/a ({conv['reason']})", "—", None))
    else:
        rows.append(("conv_forward vs conv2d_single loops (06)", f"error: {conv['reason']}", "—", False))
    return rows


def markdown_table(rows):
    lines = ["| item | measured | budget | ok |", "|---|---|---|---|"]
    for item, measured, budget, ok in rows:
        lines.append(f"| {item} | {measured} | {budget} | {mark(ok)} |")
    return "\n".join(lines)


def environment():
    import numpy as np

    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        commit = commit + ("+changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        commit = "unknown"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"commit": commit, "python": platform.python_version(), "numpy": np.__version__,
            "machine": platform.machine(), "system": platform.system(), "cpus": os.cpu_count(),
            "load_average_1min": load}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("only", nargs="*", help="notebook name prefixes, e.g. 01 02")
    parser.add_argument("--quick", action="store_true",
                        help="every notebook once, each widget control moved once, the quick MLP comparison (CI)")
    parser.add_argument("--repeats", type=int, default=None,
                        help="executions per notebook (default 3, or 1 with --quick)")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a budget is missed")
    args = parser.parse_args(argv)

    # Kernels inherit the environment: a MPLBACKEND such as Agg would stop them drawing
    # figures inline (and make notebooks and widgets look faster than they are).
    os.environ.pop("MPLBACKEND", None)
    repeats = args.repeats or (1 if args.quick else 3)
    widget_passes = 1 if args.quick else 2
    paths = sorted(SOLUTIONS.glob("*.ipynb"))
    if args.only:
        paths = [p for p in paths if any(p.name.startswith(x) for x in args.only)]

    started = dt.datetime.now(dt.timezone.utc)
    print(f"Benchmarking {len(paths)} solution notebook(s), {repeats} run(s) each ...", flush=True)
    notebooks = benchmark_notebooks(paths, repeats, widget_passes)
    print("  reference MLP against scikit-learn ...", flush=True)
    mlp = benchmark_mlp(args.quick)
    print("  convolution: loops against vectorised ...", flush=True)
    conv = benchmark_convolution(args.quick)

    rows = build_rows(notebooks, mlp, conv)
    env = environment()
    load = env["load_average_1min"]
    title = (f"Workshop benchmarks, {started:%Y-%m-%d %H:%M} UTC, commit {env['commit']}, "
             f"{'quick' if args.quick else 'full'} mode ({repeats} run(s) per notebook), "
             f"Python {env['python']}, numpy {env['numpy']}, {env['cpus']} CPUs"
             + (f", load average {load:.1f}" if load is not None else ""))
    table = markdown_table(rows)
    missed = [item for item, _, _, ok in rows if ok is False]
    verdict = ("All budgets met." if not missed
               else f"{len(missed)} budget(s) missed: {'; '.join(missed)}.")
    print()
    print(title)
    print()
    print(table)
    print()
    print(verdict)

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    report = f"# {title}\n\n{table}\n\n{verdict}\n"
    data = {"started": started.isoformat(), "mode": "quick" if args.quick else "full",
            "repeats": repeats, "environment": env, "notebooks": notebooks, "mlp_vs_sklearn": mlp,
            "convolution": conv,
            "budgets": {"notebook_seconds": NOTEBOOK_BUDGETS, "max_notebook_seconds": MAX_NOTEBOOK_SECONDS,
                        "total_seconds": TOTAL_SECONDS, "widget_ms": WIDGET_MS, "mlp_min_ratio": MLP_MIN_RATIO},
            "rows": [{"item": i, "measured": m, "budget": b, "ok": ok} for i, m, b, ok in rows],
            "missed": missed}
    for name in (f"bench-{stamp}", "latest"):
        (RESULTS / f"{name}.md").write_text(report, encoding="utf-8")
        (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                                              encoding="utf-8")
    print(f"Written to {(RESULTS / f'bench-{stamp}.md').relative_to(REPO)} and .json "
          f"(also latest.md / latest.json).")
    return 0 if (not missed or args.no_fail) else 1


if __name__ == "__main__":
    sys.exit(main())
