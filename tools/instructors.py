"""The parts of INSTRUCTORS.md and README.md that are derived, never written by hand.

Each sits between two markers, ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``;
``python -m tools.build_notebooks`` rewrites them and ``--check`` fails when one is stale.

* ``sessions`` (INSTRUCTORS.md, README.md): which notebooks are done before the
  meetup, live, or at home, from each solution's ``metadata.workshop.session``
  (tools/notebook_meta.py).
* ``live-times`` (INSTRUCTORS.md): the minutes of each live notebook, from its
  title (the time model, tools/timing.py) beside a newcomer's run-through
  (``timing.NEWCOMER_MINUTES``).
* ``stuck`` (INSTRUCTORS.md, "Where learners get stuck"): per notebook, the
  mistakes of the catalogue (tests/checks/catalogue.py: MISTAKES, one line per
  exercise, in the notebook's order) and an instructor's notes on them (its NOTES:
  a lead, what to say per exercise, questions learners ask). The catalogue is read
  from its file, without importing the tests.
"""
from __future__ import annotations

import importlib.util
import json
import re

from tools import notebook_meta, timing
from tools.paths import REPO, SOLUTIONS

INSTRUCTORS = REPO / "INSTRUCTORS.md"
CATALOGUE = REPO / "tests" / "checks" / "catalogue.py"
CHECK_CALL = re.compile(r"^check\.(\w+)\(", re.M)
NOT_NAMED = "†"
NOT_NAMED_LEGEND = ("Mistakes marked † are not named by the check yet: its message shows what differs "
                    "(the values), not the mistake.")


class DocsError(ValueError):
    pass


def _source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def catalogue():
    """(MISTAKES, NOTES) from tests/checks/catalogue.py, loaded from its file."""
    spec = importlib.util.spec_from_file_location("workshop_mistake_catalogue", CATALOGUE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MISTAKES, getattr(module, "NOTES", {})


def title(number):
    """'04 · The multilayer perceptron: ...' from the solution's first line, or just the number."""
    found = sorted(SOLUTIONS.glob(f"{number}_*.ipynb"))
    if not found:
        return number
    nb = json.loads(found[0].read_text(encoding="utf-8"))
    first = _source(nb["cells"][0]).strip().splitlines() if nb["cells"] else []
    return first[0].lstrip("# ").strip() if first else number


def exercise_order(number):
    """The checks a solution calls, in the notebook's order (progress excluded)."""
    names = []
    for path in sorted(SOLUTIONS.glob(f"{number}_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                names += [n for n in CHECK_CALL.findall(_source(cell)) if n not in names and n != "progress"]
    return names


def _sentence(text):
    text = text.strip()
    return text if text.endswith((".", "!", "?", ":")) else text + "."


def notebook_block(number, mistakes, notes, session=None):
    """The markdown for one notebook: heading, lead, one line per exercise, questions."""
    said = notes.get("exercises", {})
    order = exercise_order(number)
    seen = [e["exercise"] for e in mistakes] + list(said)
    exercises = [n for n in order if n in seen] + [n for n in dict.fromkeys(seen) if n not in order]
    heading = f"**{title(number)}**" + (" (take-home)" if session == "take-home" else "")
    lines = [heading]
    if notes.get("lead"):
        lines.append(f"- {_sentence(notes['lead'])}")
    for name in exercises:
        listed = [e["mistake"] + (NOT_NAMED if e.get("gap") else "")
                  for e in mistakes if e["exercise"] == name]
        parts = [f"- `{name}`:"]
        if listed:
            parts.append(_sentence("; ".join(listed)))
        if name in said:
            parts.append(("Say: " if listed else "") + _sentence(said[name]))
        lines.append(" ".join(parts))
    lines += [f"- {_sentence(q)}" for q in notes.get("questions", [])]
    return "\n".join(lines)


def stuck_text(notebooks=None):
    """The generated body of "Where learners get stuck": every notebook with a mistake or a note."""
    mistakes, notes = catalogue()
    notebooks = notebook_meta.all_notebooks() if notebooks is None else notebooks
    numbers = sorted({e["notebook"] for e in mistakes} | set(notes) | set(notebooks), key=int)
    blocks = []
    for number in numbers:
        own = [e for e in mistakes if e["notebook"] == number]
        if own or notes.get(number):
            session = notebooks.get(number, {}).get("session")
            blocks.append(notebook_block(number, own, notes.get(number, {}), session))
    if any(e.get("gap") for e in mistakes):
        blocks.insert(0, NOT_NAMED_LEGEND)
    return "\n\n".join(blocks)


# --------------------------------------------------------------------------
# Sessions
# --------------------------------------------------------------------------
def _notebooks_word(numbers):
    return ("Notebook " if len(numbers) == 1 else "Notebooks ") + notebook_meta.span(numbers)


def readme_sessions(notebooks=None):
    """The README's sentence on what is done when."""
    notebooks = notebook_meta.all_notebooks() if notebooks is None else notebooks
    parts = []
    before = notebook_meta.numbers_in("before", notebooks)
    live = notebook_meta.numbers_in("live", notebooks)
    home = notebook_meta.numbers_in("take-home", notebooks)
    if before:
        parts.append(f"{_notebooks_word(before)} {_is(before)} the set-up check, to run **before you come**")
    if live:
        parts.append(f"{_notebooks_word(live)} {_is(live)} the **live meetup**, following the talk's two "
                     "\"Practice time!\" slides")
    if home:
        parts.append(f"{_notebooks_word(home)} {_is(home)} the **take-home** continuation, following the "
                     "talk's last sections")
    return "; ".join(parts[:1] + [p[0].lower() + p[1:] for p in parts[1:]]) + "."


def _is(numbers):
    return "is" if len(numbers) == 1 else "are"


SESSION_ROWS = {
    "before": ("before the meetup", "set-up check and a first prediction, at home (the set-up check itself "
                                    "takes 10 minutes; reading all of it, as its title says, longer)"),
    "live": ("the meetup", "the talk, with its two \"Practice time!\" slides as the hands-on blocks"),
    "take-home": ("afterwards", "take-home, following the talk's last slides: {titles}"),
}


def instructors_sessions(notebooks=None):
    """INSTRUCTORS.md's "shape of the session" table."""
    notebooks = notebook_meta.all_notebooks() if notebooks is None else notebooks
    rows = ["| when | notebooks | what |", "|---|---|---|"]
    for session in notebook_meta.SESSIONS:
        numbers = notebook_meta.numbers_in(session, notebooks)
        if numbers:
            when, what = SESSION_ROWS[session]
            titles = ", ".join(title(n).split(" · ", 1)[-1] for n in numbers)
            rows.append(f"| {when} | {notebook_meta.span(numbers)} | {what.format(titles=titles)} |")
    return "\n".join(rows)


def live_times(notebooks=None):
    """INSTRUCTORS.md's table of the live notebooks' minutes: the model beside a run-through."""
    notebooks = notebook_meta.all_notebooks() if notebooks is None else notebooks
    rows = ["| notebook | the model (title, README) | a newcomer's run-through |", "|---|---|---|"]
    low = high = model = 0
    for number in notebook_meta.numbers_in("live", notebooks):
        nb = json.loads((SOLUTIONS / notebooks[number]["name"]).read_text(encoding="utf-8"))
        minutes = timing.title_minutes(nb)
        model += minutes or 0
        seen = timing.NEWCOMER_MINUTES.get(number)
        if seen:
            low, high = low + seen[0], high + seen[1]
        rows.append(f"| {number} | {minutes} min | "
                    + (f"{seen[0]}–{seen[1]} min |" if seen else "not measured yet |"))
    rows.append(f"| all | {model} min | {low}–{high} min |")
    return "\n".join(rows)


# --------------------------------------------------------------------------
# Writing them between their markers
# --------------------------------------------------------------------------
def between_markers(text, name, body, where):
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if text.count(start) != 1 or text.count(end) != 1:
        raise DocsError(f"{where} needs one {start} and one {end} line around its generated {name} part")
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    return before + start + "\n" + body + "\n" + end + after


def instructors_text(notebooks=None):
    notebooks = notebook_meta.all_notebooks() if notebooks is None else notebooks
    text = INSTRUCTORS.read_text(encoding="utf-8")
    text = between_markers(text, "sessions", instructors_sessions(notebooks), "INSTRUCTORS.md")
    text = between_markers(text, "live-times", live_times(notebooks), "INSTRUCTORS.md")
    return between_markers(text, "stuck", stuck_text(notebooks), "INSTRUCTORS.md")


def readme_sessions_text(text, notebooks=None):
    return between_markers(text, "sessions", readme_sessions(notebooks), "README.md")


if __name__ == "__main__":
    print(stuck_text())
