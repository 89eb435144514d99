"""How many learners one machine serves: a room of N simulated learners on a real JupyterHub.

    .venv/bin/python benchmarks/room.py --learners 4 8 16      # one room per N, one after another
    .venv/bin/python benchmarks/room.py --learners 8 --think 2 --profiles mix

For each N, tools/hub_room.py starts JupyterHub on 127.0.0.1 and N learners at once, each
running notebooks 01-04 cell by cell over the kernel WebSocket with ``--think`` seconds
between cells and moving every widget (see that module for what is measured and how).
Prints one table (Markdown) and writes it, with every number, to benchmarks/results/
(room-<UTC time>.md and .json; not committed).

``--profiles done`` (the default): every learner has every exercise done, so every
training cell really trains: the heaviest room. ``mix``: the room test's four kinds
(done, a wrong answer, behind, caught up).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
from hub_room import PROFILES, ROOM_NOTEBOOKS, run_room  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
CHECK_BUDGET = 1.0           # seconds, 95th percentile of a check cell


def versions():
    from importlib.metadata import version
    names = ["jupyterhub", "jupyter_server", "ipykernel", "ipywidgets", "numpy", "matplotlib"]
    found = {name: version(name) for name in names}
    found["python"] = platform.python_version()
    try:
        found["configurable-http-proxy"] = subprocess.run(
            [str(REPO / "deploy/node_modules/.bin/configurable-http-proxy"), "--version"],
            capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        found["configurable-http-proxy"] = "?"
    return found


def ms(seconds):
    return "n/a" if seconds is None else f"{1000 * seconds:.0f}"


def table(rooms):
    header = ("| learners | wall s | server start s (max) | peak MB per learner (max) "
              "| kernel CPU-s per notebook 01/02/03/04 | check cell p50 / p95 ms "
              "| widget move p50 / p95 ms | p95 check < 1 s | errors | load before |")
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for room in rooms:
        s = room["summary"]
        cpu = "/".join(f"{s['kernel_cpu_seconds'].get(n, float('nan')):.1f}" for n in room["notebooks"])
        ok = s["check_p95"] is not None and s["check_p95"] < CHECK_BUDGET
        lines.append(
            f"| {room['learners']} | {room.get('wall_seconds', 0):.0f} | {s['spawn_seconds_max'] or 0:.1f} "
            f"| {s['peak_rss_mb_max'] or 0:.0f} | {cpu} "
            f"| {ms(s['check_p50'])} / {ms(s['check_p95'])} ({s['check_count']}) "
            f"| {ms(s['widget_p50'])} / {ms(s['widget_p95'])} ({s['widget_count']}) "
            f"| {'✔' if ok else '✘'} | {len(s['errors'])} | {room.get('load_before', float('nan')):.1f} |")
    return lines


def room_view_seconds(counts, notebooks=ROOM_NOTEBOOKS, changed=0.25):
    """[(N, seconds the first look, seconds the next look)] of `workshop.py room` for N learners.

    No hub needed: the homes are written as the room test's learners save them (the four
    kinds in turn), each learner's answers a little different from everyone else's (a comment
    of their own), so every notebook is checked. Between the two looks a quarter of the
    learners (``changed``) save one exercise of each notebook again, changed.
    """
    import tempfile
    from hub_room import FOLDER, write_homes, _is_exercise, _source
    from utils.notebook import room
    rows = []
    for n in counts:
        with tempfile.TemporaryDirectory(prefix="workshop-room-view-") as tmp:
            write_homes(Path(tmp) / "homes", n, notebooks)
            cache = Path(tmp) / "room.json"
            table, first = room.room(Path(tmp) / "homes", cache=cache)
            assert len(table) == n
            edited = 0
            for i in range(0, n, round(1 / changed)):
                for path in (Path(tmp) / "homes" / f"learner-{i + 1}" / FOLDER / "notebooks").glob("*.ipynb"):
                    nb = json.loads(path.read_text())
                    cell = next(c for c in nb["cells"] if _is_exercise(c))
                    cell["source"] = _source(cell) + "\n# changed"
                    path.write_text(json.dumps(nb))
                    edited += 1
            stats = {}
            _, again = room.room(Path(tmp) / "homes", cache=cache, stats=stats)
            assert stats["checked"] == edited, stats
            rows.append((n, first, again, edited))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[2, 4, 8])
    parser.add_argument("--think", type=float, default=1.0, help="seconds between cells (default 1)")
    parser.add_argument("--profiles", choices=["done", "mix"], default="done")
    parser.add_argument("--notebooks", nargs="+", default=list(ROOM_NOTEBOOKS))
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per room")
    parser.add_argument("--view", type=int, nargs="*", default=None, metavar="N",
                        help="only time the room view (workshop.py room) for homes of N learners")
    args = parser.parse_args(argv)
    if args.view:
        print(f"Room view (workshop.py room), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before\n")
        print("| learners | notebooks | first look s | again, a quarter of the learners changed s |\n"
              "|---|---|---|---|")
        for n, first, again, edited in room_view_seconds(args.view, args.notebooks):
            print(f"| {n} | {n * len(args.notebooks)} | {first:.1f} | {again:.1f} ({edited} run) |",
                  flush=True)
        print(f"\nload average after: {os.getloadavg()[0]:.1f}")
        return 0
    profiles = ("done",) if args.profiles == "done" else PROFILES
    rooms = []
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    for n in args.learners:
        print(f"[room] {n} learners ...", flush=True)
        load_before = os.getloadavg()[0]
        room = run_room(n, think=args.think, notebooks=args.notebooks, profiles=profiles,
                        timeout=args.timeout)
        room["load_before"] = load_before
        room.pop("hub_log_tail", None)
        rooms.append(room)
        for error in room["summary"]["errors"]:
            print(f"[room]   {error}")
    title = (f"Room benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
             f"{os.cpu_count()} CPUs, {_memory_gb():.0f} GB, think {args.think:g} s between cells, "
             f"learners all '{args.profiles}', notebooks {' '.join(args.notebooks)}")
    found = versions()
    lines = [title, "", *table(rooms), "",
             "Versions: " + ", ".join(f"{k} {v}" for k, v in found.items())]
    passing = [r["learners"] for r in rooms
               if r["summary"]["check_p95"] is not None and r["summary"]["check_p95"] < CHECK_BUDGET
               and not r["summary"]["errors"]]
    if passing:
        best = max(passing)
        peak = max(r["summary"]["peak_rss_mb_max"] for r in rooms if r["learners"] == best)
        lines += ["", f"Largest room with the 95th-percentile check cell under 1 s: {best} learners "
                  f"on {os.cpu_count()} CPUs ({best / os.cpu_count():g} per CPU); peak memory per "
                  f"learner {peak:.0f} MB ({1024 / peak:.1f} learners per GB)."]
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"room-{stamp}.md").write_text(text + "\n")
    (RESULTS / f"room-{stamp}.json").write_text(json.dumps(
        {"title": title, "versions": found, "rooms": rooms}, indent=1, default=str))
    return 0


def _memory_gb():
    import psutil
    return psutil.virtual_memory().total / 2**30


if __name__ == "__main__":
    sys.exit(main())
