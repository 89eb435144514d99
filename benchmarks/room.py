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
              "| widget move p50 / p95 ms | p95 check < 1 s | errors | load before | CPU busy before |")
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
            f"| {'✔' if ok else '✘'} | {len(s['errors'])} | {room.get('load_before', float('nan')):.1f} "
            f"| {room.get('busy_before', float('nan')):.0f} % |")
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
    parser.add_argument("--fill", metavar="RESULTS.json", help=(
        "write the figures of a finished run (benchmarks/results/room-*.json) into "
        "INSTRUCTORS.md's hub section and the limits of deploy/"))
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
    if args.fill:
        return fill(Path(args.fill))
    profiles = ("done",) if args.profiles == "done" else PROFILES
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    results = {"title": (f"Room benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
                         f"{os.cpu_count()} CPUs, {_memory_gb():.0f} GB, think {args.think:g} s "
                         f"between cells, learners all '{args.profiles}', notebooks "
                         f"{' '.join(args.notebooks)}"),
               "date": time.strftime("%Y-%m-%d", time.gmtime()), "cpus": os.cpu_count(),
               "memory_gb": round(_memory_gb(), 1), "versions": versions(), "rooms": []}
    for n in args.learners:
        settle()
        busy_before = _busy_percent()
        load_before = os.getloadavg()[0]
        print(f"[room] {n} learner{'s' if n != 1 else ''} (load average {load_before:.1f}, CPU {busy_before:.0f} % busy "
              "before) ...", flush=True)
        room = run_room(n, think=args.think, notebooks=args.notebooks, profiles=profiles,
                        timeout=args.timeout)
        room["load_before"], room["busy_before"] = load_before, busy_before
        room.pop("hub_log_tail", None)
        results["rooms"].append(room)
        for error in room["summary"]["errors"]:
            print(f"[room]   {error}")
        save(stamp, results)          # after every room: a run stopped half-way keeps what it measured
        print("\n".join(table([room])[2:]), flush=True)
    print("\n".join(report(results)))
    print(f"\nwritten: {RESULTS / f'room-{stamp}.json'} (and .md); to put it into INSTRUCTORS.md "
          f"and deploy/: .venv/bin/python benchmarks/room.py --fill {RESULTS / f'room-{stamp}.json'}")
    return 0


# --------------------------------------------------------------------------------------------
# Load on the machine: every latency here is inflated by other work
# --------------------------------------------------------------------------------------------
QUIET_BUSY = 25              # % of all CPUs busy before a room, above which it was disturbed


def _busy_percent(seconds=5):
    import psutil
    return psutil.cpu_percent(interval=seconds)


def settle(limit=120):
    """Wait (up to ``limit`` s) for the previous room's processes to be gone and the CPUs calm."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and _busy_percent(3) > QUIET_BUSY:
        pass


# --------------------------------------------------------------------------------------------
# From the results: the table, what it means, and the limits for deploy/
# --------------------------------------------------------------------------------------------
def save(stamp, results):
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"room-{stamp}.json").write_text(json.dumps(results, indent=1, default=str))
    (RESULTS / f"room-{stamp}.md").write_text("\n".join(report(results)) + "\n")


def capacity(results):
    """What the rooms show: the largest room under the check budget, memory, the limits."""
    import math
    rooms, cpus = results["rooms"], results.get("cpus") or os.cpu_count()
    passing = [r for r in rooms if r["summary"]["check_p95"] is not None
               and r["summary"]["check_p95"] < CHECK_BUDGET and not r["summary"]["errors"]]
    disturbed = [r for r in rooms if r.get("busy_before", 100) > QUIET_BUSY]
    if not passing:
        return {"passing": False, "disturbed": disturbed}
    best = max(passing, key=lambda r: r["learners"])
    peak = max(r["summary"]["peak_rss_mb_max"] for r in passing)
    limit = 64 * math.ceil(1.5 * peak / 64)
    return {
        "passing": True, "disturbed": disturbed, "best": best["learners"],
        "per_cpu": best["learners"] / cpus, "cpus": cpus, "peak_mb": peak,
        "hub_mb": max(r.get("hub_proxy_peak_mb", 0) for r in rooms),
        "guarantee_mb": 50 * math.ceil(peak / 50), "limit_mb": limit,
        "per_gb": 1024 / limit, "cpu_guarantee": round(cpus / best["learners"], 3),
        "tested": sorted(r["learners"] for r in rooms),
        "next_disturbed": [r["learners"] for r in rooms if r["learners"] > best["learners"]
                           and r in disturbed][:1],
        "widget_best": max((r["learners"] for r in rooms if r["summary"].get("widget_p95") is not None
                            and r["summary"]["widget_p95"] < CHECK_BUDGET), default=None),
        "failed": [(r["learners"], r["summary"]["errors"][0]) for r in rooms if r["summary"]["errors"]],
    }


def report(results):
    lines = [results["title"], "", *table(results["rooms"]), "",
             "Versions: " + ", ".join(f"{k} {v}" for k, v in results["versions"].items())]
    found = capacity(results)
    for room in found["disturbed"]:
        lines += ["", f"Disturbed: before the room of {room['learners']} the CPUs were "
                  f"{room.get('busy_before', float('nan')):.0f} % busy with other work (load average "
                  f"{room.get('load_before', float('nan')):.1f}): its latencies are inflated."]
    if found["passing"]:
        lines += ["", f"Largest room with the 95th-percentile check cell under 1 s: {found['best']} "
                  f"learners on {found['cpus']} CPUs ({found['per_cpu']:g} per CPU); peak memory per "
                  f"learner {found['peak_mb']:.0f} MB; limit {found['limit_mb']} MB "
                  f"({found['per_gb']:.1f} learners per GB)."]
    else:
        lines += ["", "No room kept the 95th-percentile check cell under 1 s without errors."]
    return lines


MARK_BEGIN = "<!-- capacity: written by `benchmarks/room.py --fill`; edit that, not this -->"
MARK_END = "<!-- capacity: end -->"


def instructors_block(results, source):
    found = capacity(results)
    rooms = results["rooms"]
    v = results["versions"]
    lines = [MARK_BEGIN, "",
             f"Measured on {results['date']} ({source}) on {found.get('cpus', results.get('cpus'))} "
             f"CPUs and {results.get('memory_gb', 0):.0f} GB, with JupyterHub {v.get('jupyterhub')}, "
             f"jupyter_server {v.get('jupyter_server')}, ipykernel {v.get('ipykernel')}, ipywidgets "
             f"{v.get('ipywidgets')}, numpy {v.get('numpy')}, matplotlib {v.get('matplotlib')}, "
             f"Python {v.get('python')} and configurable-http-proxy {v.get('configurable-http-proxy')}. "
             "The last columns say how busy the machine was with other work before each room:",
             "", *table(rooms), ""]
    for room in found["disturbed"]:
        lines += [f"**The room of {room['learners']} learners was disturbed**: other work kept the "
                  f"CPUs {room.get('busy_before', float('nan')):.0f} % busy before it started (load "
                  f"average {room.get('load_before', float('nan')):.1f}), so its latencies are higher "
                  "than the hub alone would give.", ""]
    if not found["passing"]:
        lines += ["No room kept the 95th-percentile check cell under 1 s: no capacity figure "
                  "follows from this run.", "", MARK_END]
        return "\n".join(lines)
    lines += [
        f"- **Memory**: the peak per learner (server plus one running kernel) was at most "
        f"**{found['peak_mb']:.0f} MB**. The limit is 1.5 times that, rounded up: "
        f"**{found['limit_mb']} MB per learner** (a second open notebook's kernel fits; kernels "
        f"idle for 20 minutes are shut down), the guarantee {found['guarantee_mb']} MB. Plan the "
        f"limit per learner plus 1 GB for the system and the hub (hub, proxy and culler peaked at "
        f"{found['hub_mb']:.0f} MB).",
        f"- **CPU**: with everyone running cells at once, the 95th-percentile check cell stayed "
        f"under 1 s up to **{found['best']} learners on {found['cpus']} cores "
        f"({found['per_cpu']:g} per CPU)**; rooms of {', '.join(map(str, found['tested']))} were tried"
        + (f" (the room of {found['next_disturbed'][0]} was disturbed: on a quiet machine the "
           "limit may be higher)." if found["next_disturbed"] else
           " (the largest room tried: the limit was not reached)."
           if found["best"] == max(found["tested"]) else "."),
        *[f"- The room of {n} had an error and does not count: {error}" for n, error in found.get("failed", [])],
        f"- **Widgets** are heavier than check cells (each move redraws a figure): their 95th "
        f"percentile stayed under 1 s up to {found.get('widget_best') or 'no'} learners; in a bigger room, "
        "ask learners to leave the sliders alone while everyone is running cells.",
        f"- **So**, if capacity grows with the cores (measured on {found['cpus']} only), a machine "
        f"with C CPUs and M GB serves about the smaller of {found['per_cpu']:g} × C and "
        f"(M − 1) × {found['per_gb']:.1f} learners.",
        "", MARK_END]
    return "\n".join(lines)


def fill(path, repo=REPO):
    """Write the measured figures of ``path`` (a room-*.json) into INSTRUCTORS.md and deploy/."""
    import re
    results = json.loads(path.read_text())
    source = f"`benchmarks/results/{path.name}`"
    instructors = repo / "INSTRUCTORS.md"
    text = instructors.read_text()
    begin, end = text.index(MARK_BEGIN), text.index(MARK_END) + len(MARK_END)
    text = text[:begin] + instructors_block(results, source) + text[end:]
    found = capacity(results)
    if not found["passing"]:
        instructors.write_text(text)
        print("No room passed: INSTRUCTORS.md says so; deploy/ left as it was.")
        return 1
    limit, guarantee = f"{found['limit_mb']}M", f"{found['guarantee_mb']}M"
    text = re.sub(r"limits\.memory \S+", f"limits.memory {limit}", text)
    instructors.write_text(text)
    note = (f"measured {results['date']}, {path.name}: peak {found['peak_mb']:.0f} MB per learner, "
            f"{found['best']} learners on {found['cpus']} CPUs under 1 s")
    values = repo / "deploy" / "values.yaml"
    y = values.read_text()
    y = re.sub(r"(  memory:\n(?:    #.*\n)*)    guarantee: \S+\n    limit: \S+\n",
               lambda m: f"{m.group(1)}    guarantee: {guarantee}\n    limit: {limit}\n", y)
    y = re.sub(r"(  cpu:\n(?:    #.*\n)*)    guarantee: \S+\n",
               lambda m: f"{m.group(1)}    guarantee: {found['cpu_guarantee']}\n", y)
    y = re.sub(r"# Limits: .*\n", f"# Limits: {note}.\n", y)
    values.write_text(y)
    config = repo / "deploy" / "jupyterhub_config.py"
    c = config.read_text()
    c = re.sub(r'c\.Spawner\.mem_limit = "\S+"', f'c.Spawner.mem_limit = "{limit}"', c)
    c = re.sub(r"# Limits: .*\n", f"# Limits: {note}.\n", c)
    config.write_text(c)
    print(f"INSTRUCTORS.md, deploy/values.yaml and deploy/jupyterhub_config.py now say: {note}; "
          f"limit {limit}, guarantee {guarantee}, CPU guarantee {found['cpu_guarantee']}.")
    return 0


def _memory_gb():
    import psutil
    return psutil.virtual_memory().total / 2**30


if __name__ == "__main__":
    sys.exit(main())
