"""How long a notebook takes a newcomer: a model computed from the notebook itself.

    minutes = markdown words / WORDS_PER_MINUTE            (reading the prose, formulas, plots)
            + answer lines * MINUTES_PER_ANSWER_LINE       (writing, running and fixing the exercises)
            + measured run time of the solution / 60       (waiting for cells)

rounded to the nearest ROUND_TO minutes. The words are those of the markdown
cells (LaTeX included, as a learner reads it); the answer lines are the
non-blank, non-comment lines between ``### BEGIN SOLUTION`` and ``### END
SOLUTION`` (the count the learner sees as "about N lines"); the run time is the
benchmark's median in ``benchmarks/run_seconds.json`` (refresh it with
``python -m tools.timing --record`` after ``python3 workshop.py bench``).

Calibration. The two constants are a non-negative least-squares fit of the
model to a newcomer's run-through of 01-07 (the midpoints of the ranges in
NEWCOMER_MINUTES), rounded: the fit gave 55
words a minute (careful reading of technical text with formulas, including
looking at the plots) and 0.36 minutes per answer line. A term per exercise or
per code cell got a weight of 0 in that fit, so it is left out. Residuals at
the time of fitting: 01 +0, 02 +3, 03 +20 (many short exercises, wordy), 04 -14
(backpropagation is slower than its line count), 05 -12, 06 +1, 07 -5 minutes:
the model is right to within a quarter for 01, 02, 06, 07 and says so when a
notebook grows; it underrates 04-05 and overrates 03, which INSTRUCTORS.md's
session plan takes into account.

The build (``tools/build_notebooks.py``) writes the minutes into the title line
of each solution notebook ("About N minutes"), from which the README table is
made; ``tests/unit/test_timing.py`` fails when a title is stale.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.paths import REPO, SOLUTIONS  # noqa: E402

# A newcomer's run-through, minutes (low, high) per notebook: the data the constants were fitted to,
# also shown beside the model in INSTRUCTORS.md (tools/instructors.py).
NEWCOMER_MINUTES = {"01": (35, 45), "02": (45, 55), "03": (30, 40), "04": (55, 75),
                    "05": (45, 60), "06": (60, 90), "07": (60, 90)}
WORDS_PER_MINUTE = 55
MINUTES_PER_ANSWER_LINE = 0.36
ROUND_TO = 5
RUN_SECONDS = REPO / "benchmarks" / "run_seconds.json"
TITLE_MINUTES = re.compile(r"About (\d+) minutes")
WORD = re.compile(r"[A-Za-z0-9']+")
BEGIN = re.compile(r"^[ \t]*### BEGIN SOLUTION\s*$")
END = re.compile(r"^[ \t]*### END SOLUTION\s*$")


def _source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def markdown_words(nb):
    return sum(len(WORD.findall(_source(c))) for c in nb["cells"] if c["cell_type"] == "markdown")


def answer_lines(nb):
    n = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        inside = False
        for line in _source(cell).split("\n"):
            if BEGIN.match(line):
                inside = True
            elif END.match(line):
                inside = False
            elif inside and line.strip() and not line.strip().startswith("#"):
                n += 1
    return n


def run_seconds(name):
    """The measured run time of solution ``name`` (0 when not measured yet)."""
    if not RUN_SECONDS.exists():
        return 0.0
    return float(json.loads(RUN_SECONDS.read_text(encoding="utf-8")).get(name, 0.0))


def parts(nb, name=""):
    """The model's terms, in minutes: reading, exercises, running."""
    return (markdown_words(nb) / WORDS_PER_MINUTE,
            answer_lines(nb) * MINUTES_PER_ANSWER_LINE,
            run_seconds(name) / 60)


def minutes(nb, name=""):
    total = sum(parts(nb, name))
    return max(ROUND_TO, int(ROUND_TO * round(total / ROUND_TO)))


def title_minutes(nb):
    match = TITLE_MINUTES.search(_source(nb["cells"][0]))
    return int(match.group(1)) if match else None


def with_title_minutes(nb, name=""):
    """``nb`` with the 'About N minutes' of its title cell set by the model (in place)."""
    cell = nb["cells"][0]
    text = _source(cell)
    new = TITLE_MINUTES.sub(f"About {minutes(nb, name)} minutes", text, count=1)
    if new != text:
        cell["source"] = new
    return nb


def record(bench_output):
    """Store the per-notebook medians from a ``run_benchmarks.py`` table; notebooks the table
    does not list (a bench of some notebooks only) keep their recorded time."""
    found = json.loads(RUN_SECONDS.read_text(encoding="utf-8")) if RUN_SECONDS.exists() else {}
    for line in bench_output.splitlines():
        match = re.search(r"notebook (\S+\.ipynb)\s*\|\s*([\d.]+) s", line)
        if match:
            found[match.group(1)] = float(match.group(2))
    RUN_SECONDS.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return found


def table():
    rows = ["| notebook | words | reading | answer lines | exercises | run | model |", "|---|---|---|---|---|---|---|"]
    for path in sorted(SOLUTIONS.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        r, e, s = parts(nb, path.name)
        rows.append(f"| {path.stem[:2]} | {markdown_words(nb)} | {r:.0f} min | {answer_lines(nb)} | "
                    f"{e:.0f} min | {s * 60:.0f} s | {minutes(nb, path.name)} min |")
    return "\n".join(rows)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--record"]:
        print(record(sys.stdin.read()))
    print(table())
