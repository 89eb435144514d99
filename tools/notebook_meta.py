"""What each notebook is, kept in its solution's metadata: the one place to say it.

Every ``solutions/NN_topic.ipynb`` holds, in its notebook metadata
(JupyterLab: the property inspector, "Advanced tools", "Notebook metadata")::

    "workshop": {"session": "live", "budget_seconds": 15}

* ``session``: ``"before"`` (done at home before the meetup: the set-up check),
  ``"live"`` (the meetup's hands-on blocks) or ``"take-home"``. The README's
  sentence on which notebooks are live and INSTRUCTORS.md's session tables are
  made from it, and a take-home notebook's title line must say "take-home".
* ``budget_seconds``: how long the solution may take to run, kernel start
  included (``python3 workshop.py bench`` fails beyond it); at most
  ``MAX_NOTEBOOK_SECONDS``.

A new notebook needs nothing by hand: ``python -m tools.build_notebooks NN``
writes the block if it is missing (session "take-home" when the title line says
so, else "live"; the largest budget) and says what it wrote; change the values
in the solution's metadata, never anywhere else. ``--check`` fails while a
solution has no block or a wrong one.
"""
from __future__ import annotations

import json
from pathlib import Path

from tools.paths import solution_paths

SESSIONS = ("before", "live", "take-home")
MAX_NOTEBOOK_SECONDS = 25
KEY = "workshop"


class MetadataError(ValueError):
    pass


def problems(metadata, name):
    """What is wrong with a solution's ``metadata["workshop"]`` (a list of sentences, empty if fine)."""
    block = metadata.get(KEY)
    where = f"solutions/{name}: metadata.{KEY}"
    if not isinstance(block, dict):
        return [f"{where} is missing (run python -m tools.build_notebooks {name[:2]} to write it)"]
    found = []
    if block.get("session") not in SESSIONS:
        found.append(f"{where}.session is {block.get('session')!r}; it must be one of {', '.join(SESSIONS)}")
    budget = block.get("budget_seconds")
    if not isinstance(budget, int) or isinstance(budget, bool) or not 0 < budget <= MAX_NOTEBOOK_SECONDS:
        found.append(f"{where}.budget_seconds is {budget!r}; it must be a whole number of seconds "
                     f"from 1 to {MAX_NOTEBOOK_SECONDS}")
    unknown = sorted(set(block) - {"session", "budget_seconds"})
    if unknown:
        found.append(f"{where} has keys nobody reads: {unknown} (known: session, budget_seconds)")
    return found


def with_defaults(nb, name, title_intro=""):
    """Fill in a missing session or budget (in place); returns a sentence per value written."""
    block = nb.setdefault("metadata", {}).setdefault(KEY, {})
    written = []
    if "session" not in block:
        block["session"] = "take-home" if "take-home" in title_intro else "live"
        written.append(f"session {block['session']!r} (from the title line)")
    if "budget_seconds" not in block:
        block["budget_seconds"] = MAX_NOTEBOOK_SECONDS
        written.append(f"budget_seconds {MAX_NOTEBOOK_SECONDS} (the largest allowed; "
                       "lower it to what `python3 workshop.py bench` measures, with a margin)")
    return [f"solutions/{name}: wrote metadata.{KEY} {w}" for w in written]


def read(path):
    """The checked ``workshop`` block of one solution notebook."""
    path = Path(path)
    metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    found = problems(metadata, path.name)
    if found:
        raise MetadataError("\n".join(found))
    return dict(metadata[KEY])


def all_notebooks(paths=None):
    """{"01": {"name": ..., "session": ..., "budget_seconds": ...}, ...} for every solution."""
    paths = solution_paths() if paths is None else paths
    return {Path(p).name[:2]: {"name": Path(p).name, **read(p)} for p in paths}


def numbers_in(session, notebooks=None):
    notebooks = all_notebooks() if notebooks is None else notebooks
    return [n for n, facts in sorted(notebooks.items()) if facts["session"] == session]


def span(numbers):
    """["01", "02", "03", "05"] -> "01–03, 05" (runs of consecutive numbers joined by an en dash)."""
    runs = []
    for n in sorted(numbers, key=int):
        if runs and int(n) == int(runs[-1][-1]) + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def budgets(paths=None):
    """{"01": 15, ...}: the benchmark budget of every notebook, in seconds."""
    return {n: facts["budget_seconds"] for n, facts in all_notebooks(paths).items()}
