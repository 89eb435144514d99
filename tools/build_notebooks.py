"""Build the learner notebooks from the solution notebooks (the single source).

    python -m tools.build_notebooks               # regenerate notebooks/ from solutions/
    python -m tools.build_notebooks --execute     # re-execute solutions/ first, then regenerate
    python -m tools.build_notebooks --check       # fail if notebooks/ is out of date
    python -m tools.build_notebooks --execute 02  # only the notebooks whose name starts with 02

It also refreshes the derived parts of README.md and INSTRUCTORS.md (tools/instructors.py:
which notebooks are live, the live times, "Where learners get stuck" from the mistake
catalogue), writes a missing ``metadata.workshop`` into a solution
(tools/notebook_meta.py), and the notebook table in README.md (between the
``<!-- notebooks:start -->`` and ``<!-- notebooks:end -->`` markers): titles,
talk slides and times come from each solution notebook's first two lines, and
the Binder links from the one ``<!-- repository: https://github.com/OWNER/NAME -->``
line in README.md. A fork changes that line and runs this script.

In a solution notebook, the answer goes between two marker lines:

    def add_bias(X):
        ### BEGIN SOLUTION
        return np.hstack([np.ones((X.shape[0], 1)), X])
        ### END SOLUTION

and becomes, in the learner's copy (indentation kept):

    def add_bias(X):
        # YOUR CODE HERE (about 1 line)
        raise NotImplementedError("add_bias is not implemented yet")

A markdown cell tagged ``solution`` (a written answer) becomes a prompt.
Every cell holding an answer is tagged ``exercise`` (catching up and progress
reports rely on it); in learner notebooks every code cell from the first exercise
on is also tagged ``raises-exception``, so "Run All" carries on past an unfinished one. Learner notebooks keep no outputs or execution counts.

A code cell tagged ``library`` is also written, in notebook order, into one
generated module, ``utils/library.py``, that later notebooks import from
(``from utils.library import dense_forward``). The library takes the cell's
full solution text (the marker lines dropped), so later notebooks work
whatever a learner wrote; the learner's notebook keeps the exercise. The
cell's own ``import`` lines go to the top of the module (``numpy as np`` is
always there). Every name the library defines must come from one cell only.
``--check`` reports a stale ``utils/library.py`` like a stale notebook.
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import time
from pathlib import Path

if __package__ in (None, ""):                 # run as a script: python tools/build_notebooks.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.paths import LIBRARY, NOTEBOOKS, README, REPO, SOLUTIONS, solution_paths  # noqa: E402
from tools import instructors, notebook_meta, timing  # noqa: E402  (derived docs, metadata, minutes)
from tools.run import run_notebook  # noqa: E402  (kernels over Unix sockets, no TCP port races)

BEGIN = re.compile(r"^(?P<indent>[ \t]*)### BEGIN SOLUTION\s*$")
END = re.compile(r"^[ \t]*### END SOLUTION\s*$")
DEF = re.compile(r"^(?P<indent>[ \t]*)def (?P<name>\w+)\s*\(")
ASSIGN = re.compile(r"^(?P<names>[A-Za-z_][\w, ]*?)\s*=(?!=)")
MARKDOWN_ANSWER = "**Your answer:** *(double-click this cell to write it)*"
GENERATED_NOTE = ("Generated from solutions/{name} by tools/build_notebooks.py. "
                  "Do not edit by hand: change the solution and rebuild.")


class NotebookError(ValueError):
    pass


LIBRARY_TAG = "library"
LIBRARY_HEADER = (
    '"""Generated from the solution cells tagged `library` by tools/build_notebooks.py — do not edit;\n'
    "change the solution and rebuild (python -m tools.build_notebooks).\n\n"
    "The functions and classes later notebooks import instead of defining them again, each\n"
    "from the solution of the notebook that teaches it (named above each block).\n"
    '"""\n')



def _source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def _count_answer_lines(lines):
    return sum(1 for line in lines if line.strip() and not line.strip().startswith("#"))


def strip_solutions(source, where="cell"):
    """Replace every BEGIN/END SOLUTION region of ``source`` by a stub."""
    lines = source.split("\n")
    out, i = [], 0
    while i < len(lines):
        match = BEGIN.match(lines[i])
        if not match:
            if END.match(lines[i]):
                raise NotebookError(f"{where}: '### END SOLUTION' without a BEGIN")
            out.append(lines[i])
            i += 1
            continue
        indent = match.group("indent")
        j = i + 1
        while j < len(lines) and not END.match(lines[j]):
            if BEGIN.match(lines[j]):
                raise NotebookError(f"{where}: nested '### BEGIN SOLUTION'")
            j += 1
        if j == len(lines):
            raise NotebookError(f"{where}: '### BEGIN SOLUTION' without an END")
        answer = lines[i + 1:j]
        n = _count_answer_lines(answer)
        size = "1 line" if n == 1 else f"{n} lines"
        out.append(f"{indent}# YOUR CODE HERE (about {size})")
        out.append(f'{indent}raise NotImplementedError("{_subject(lines[:i], answer, indent)}")')
        i = j + 1
    return "\n".join(out)


def _subject(before, answer, indent):
    """What the stub's message names: the enclosing function, or the variables."""
    for line in reversed(before):
        match = DEF.match(line)
        if match and len(match.group("indent")) < len(indent):
            return f"{match.group('name')} is not implemented yet"
    names = []
    for line in answer:
        match = ASSIGN.match(line)
        if match:
            names += [n.strip() for n in match.group("names").split(",") if n.strip()]
    if names:
        return f"{', '.join(dict.fromkeys(names))}: not filled in yet"
    return "this exercise is not done yet"


def has_solution(cell):
    return cell["cell_type"] == "code" and any(BEGIN.match(l) for l in _source(cell).split("\n"))


def tag_exercises(nb):
    """Tag every cell holding an answer with ``exercise`` (in place)."""
    for cell in nb["cells"]:
        if has_solution(cell):
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if "exercise" not in tags:
                tags.append("exercise")
    return nb


RUN_ALL_TAG = "raises-exception"


def tag_run_all(nb):
    """Tag every code cell from the first exercise on ``raises-exception`` (in place).

    JupyterLab, Notebook 7 and nbclient then carry on past an error in that cell, so
    "Run All" with one exercise unfinished still runs the later, independent ones (a
    cell that needs the unfinished one says so in one line: utils/notebook/errors.py).
    Learner notebooks only: executing a solution (the build, the tests) must stop at an error.
    """
    started = False
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        started = started or "exercise" in cell.get("metadata", {}).get("tags", [])
        tags = cell.setdefault("metadata", {}).setdefault("tags", []) if started else []
        if started and RUN_ALL_TAG not in tags:
            tags.append(RUN_ALL_TAG)
    return nb


def learner_version(solution_nb, name="notebook"):
    """The learner's notebook for a solution notebook (a new dict)."""
    nb = copy.deepcopy(solution_nb)
    tag_exercises(nb)
    tag_run_all(nb)
    for index, cell in enumerate(nb["cells"]):
        tags = cell.get("metadata", {}).get("tags", [])
        cell.get("metadata", {}).pop("execution", None)
        if cell["cell_type"] == "code":
            cell["source"] = strip_solutions(_source(cell), where=f"{name} cell {index}")
            cell["outputs"] = []
            cell["execution_count"] = None
        elif "solution" in tags:
            cell["source"] = MARKDOWN_ANSWER
        else:
            cell["source"] = _source(cell)
    metadata = nb.setdefault("metadata", {})
    metadata.pop("widgets", None)
    metadata["workshop"] = {"generated": GENERATED_NOTE.format(name=name)}
    return nb


STUB_LINE = "raise NotImplementedError("


def learner_work(path, solution_nb):
    """A one-line note if the learner notebook at ``path`` holds a learner's own work, else None.

    Own work is what the generator never writes: saved outputs or execution counts, or an
    answer region filled in (fewer stubs than the generated notebook has). A clean clone
    (CI's) has none, so drift there still fails.
    """
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    saved = any(c.get("outputs") or c.get("execution_count") is not None for c in code)
    stubs = sum(_source(c).count(STUB_LINE) for c in code)
    expected = sum(_source(c).count(STUB_LINE) for c in learner_version(solution_nb)["cells"]
                   if c["cell_type"] == "code")
    if saved or stubs < expected:
        return (f"notebooks/{Path(path).name[:2]} has your own work in it; the drift check compares "
                "generated notebooks only: move your copy (or `git stash`) to run it")
    return None

def library_code(source):
    """A library cell's code: its full solution text, without the marker lines."""
    return "\n".join(line for line in source.split("\n") if not (BEGIN.match(line) or END.match(line)))


def _top_level(source, where):
    """(import statements, the rest, names defined) of a library cell's code."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise NotebookError(f"{where}: a library cell must be plain Python ({error.msg}, line {error.lineno})")
    lines = source.split("\n")
    imports, import_lines, names = [], set(), []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append("\n".join(lines[node.lineno - 1:node.end_lineno]))
            import_lines.update(range(node.lineno - 1, node.end_lineno))
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [t.id for t in targets if isinstance(t, ast.Name)]
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            raise NotebookError(f"{where}: a library cell may only import and define things "
                                f"(line {node.lineno} does something else)")
    rest = "\n".join(line for i, line in enumerate(lines) if i not in import_lines).strip("\n")
    return imports, rest, names


def library_text(paths=None):
    """The text of utils/library.py, from the cells tagged ``library`` in the solutions (in order)."""
    paths = solution_paths() if paths is None else paths
    imports, blocks, owner = ["import numpy as np"], [], {}
    for path in paths:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        for index, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code" or LIBRARY_TAG not in cell.get("metadata", {}).get("tags", []):
                continue
            where = f"solutions/{Path(path).name} cell {index}"
            cell_imports, code, names = _top_level(library_code(_source(cell)), where)
            for name in names:
                if name in owner:
                    raise NotebookError(f"library: {name!r} is defined in {owner[name]} and again in {where}; "
                                        "a name may come from one cell only")
                owner[name] = where
            imports += [i for i in cell_imports if i not in imports]
            blocks.append(f"# ---- from {where} " + "-" * max(4, 60 - len(where)) + "\n\n" + code)
    return LIBRARY_HEADER + "\n" + "\n".join(imports) + "\n\n\n" + "\n\n\n".join(blocks) + "\n"


def dumps(nb):
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def execute(path, timeout=600):
    """Execute a solution notebook in place (kernel in the notebook's folder)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    tag_exercises(nb)
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
    start = time.perf_counter()
    run_notebook(nb, Path(path).parent, timeout=timeout)
    nb.metadata.pop("widgets", None)
    nbformat.validate(nb)
    Path(path).write_text(dumps(nb), encoding="utf-8")
    return time.perf_counter() - start


COLAB_TAG = "colab-setup"
# The first code cell of every notebook (solution and learner): on Colab only, fetch
# the workshop and make utils importable; anywhere else it does nothing. The URL and
# folder are baked in from README.md's repository line by colab_cell_source().
COLAB_CELL = """\
# On Google Colab only: fetch the workshop so that `utils` imports (does nothing elsewhere).
import sys
if "google.colab" in sys.modules:
    import os, subprocess
    if not os.path.isdir({folder!r}):
        subprocess.run(["git", "clone", "-q", "--depth", "1", {url!r}, {folder!r}], check=True)
    sys.path.insert(0, {folder!r})
    os.chdir({folder!r} + "/notebooks")
    print("Colab: workshop fetched. Colab deletes its files when the session ends: "
          "File → Save a copy in Drive keeps your notebook.")"""


def colab_cell_source(slug):
    return COLAB_CELL.format(url=f"https://github.com/{slug}.git", folder=f"/content/{slug.split('/')[1]}")


def ensure_colab_cell(nb, source):
    """Make the cell tagged colab-setup, with ``source``, the first code cell (in place).

    Returns True if the notebook changed.
    """
    cells = nb["cells"]
    existing = [c for c in cells if COLAB_TAG in c.get("metadata", {}).get("tags", [])]
    first_code = next((i for i, c in enumerate(cells) if c["cell_type"] == "code"), len(cells))
    if len(existing) == 1 and cells.index(existing[0]) == first_code and _source(existing[0]) == source:
        return False
    for cell in existing:
        cells.remove(cell)
    first_code = next((i for i, c in enumerate(cells) if c["cell_type"] == "code"), len(cells))
    cells.insert(first_code, {"cell_type": "code", "execution_count": None,
                              "metadata": {"tags": [COLAB_TAG]}, "outputs": [], "source": source})
    return True


def repository_slug():
    match = REPOSITORY.search(README.read_text(encoding="utf-8"))
    if not match:
        raise NotebookError("README.md needs a '<!-- repository: https://github.com/OWNER/NAME -->' line")
    return match.group("slug")


TABLE_START, TABLE_END = "<!-- notebooks:start -->", "<!-- notebooks:end -->"
REPOSITORY = re.compile(r"<!-- repository: https://github\.com/(?P<slug>[\w.-]+/[\w.-]+) -->")
BINDER = "https://mybinder.org/v2/gh/{slug}/HEAD"
COLAB = "https://colab.research.google.com/github/{slug}/blob/main/notebooks/{notebook}"
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"


def binder_url(slug, notebook=None):
    url = BINDER.format(slug=slug)
    return url + (f"?urlpath=lab/tree/notebooks/{notebook}" if notebook else "?urlpath=lab")


TITLE_FORMAT = """notebook NN's first cell must start like this (the README table is made from it):

    # NN · Title

    *Talk slides: "A slide", "Another slide". About 30 minutes; take-home.*
"""


def title_parts(path):
    """(title, slides, minutes) from a solution notebook's first cell; see TITLE_FORMAT."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = _source(nb["cells"][0]).strip().splitlines() if nb["cells"] else []
    number = path.name[:2]
    intro = next((line.strip("* ") for line in first[1:] if line.startswith("*")), "")
    if (not first or not re.match(rf"# {re.escape(number)} · \S", first[0])
            or not intro.startswith("Talk slides:") or not re.search(r"About \d+ minutes", intro)):
        raise NotebookError(f"{path.name}: {TITLE_FORMAT.replace('NN', number)}"
                            f"but it starts: {(first[:3] or ['(empty)'])}")
    title = first[0].lstrip("# ").strip()
    slides, _, minutes = intro.partition("About ")
    slides = slides.replace("Talk slides:", "").strip().rstrip(".")
    minutes = minutes.strip().rstrip(".*") or "?"
    return title, slides, minutes


def notebook_row(path, slug):
    """A README table row from a solution notebook's title and its '*Talk slides: ...*' line."""
    title, slides, minutes = title_parts(path)
    return (f"| [{title}](notebooks/{path.name}) | {slides} | {minutes} | "
            f"[![Binder](https://mybinder.org/badge_logo.svg)]({binder_url(slug, path.name)}) | "
            f"[![Open in Colab]({COLAB_BADGE})]({COLAB.format(slug=slug, notebook=path.name)}) |")


def session_problems(path):
    """Sentences on a solution's metadata.workshop (tools/notebook_meta.py) and its title line disagreeing."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = notebook_meta.problems(nb.get("metadata", {}), path.name)
    if not found:
        session = nb["metadata"][notebook_meta.KEY]["session"]
        _, _, minutes = title_parts(path)
        if (session == "take-home") != ("take-home" in minutes):
            found.append(f"solutions/{path.name}: metadata.workshop.session is {session!r} but its title line "
                         f"says {'About ' + minutes!r}: write 'take-home' after the minutes exactly when "
                         "the session is take-home")
    return found


def fill_metadata(paths):
    """Write a missing metadata.workshop into the solutions at ``paths``; print what was written."""
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        block = nb.get("metadata", {}).get(notebook_meta.KEY, {})
        if {"session", "budget_seconds"} <= set(block):
            continue
        intro = _source(nb["cells"][0]) if nb["cells"] else ""
        for line in notebook_meta.with_defaults(nb, path.name, intro):
            print(line)
        path.write_text(dumps(nb), encoding="utf-8")


def readme_text(notebooks=None):
    """README.md with its notebook table and its sentence on the sessions regenerated."""
    text = README.read_text(encoding="utf-8")
    text = instructors.readme_sessions_text(text, notebooks)
    match = REPOSITORY.search(text)
    if not match or TABLE_START not in text or TABLE_END not in text:
        raise NotebookError("README.md needs a '<!-- repository: https://github.com/OWNER/NAME -->' line "
                            f"and the {TABLE_START} / {TABLE_END} markers")
    slug = match.group("slug")
    rows = ["| Notebook | Talk slides | Time | Binder | Colab |", "|---|---|---|---|---|"]
    rows += [notebook_row(p, slug) for p in sorted(SOLUTIONS.glob("*.ipynb"))]
    before, rest = text.split(TABLE_START, 1)
    _, after = rest.split(TABLE_END, 1)
    text = before + TABLE_START + "\n" + "\n".join(rows) + "\n" + TABLE_END + after
    text = re.sub(r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/HEAD", BINDER.format(slug=slug), text)
    text = re.sub(r"git clone https://github\.com/[\w.-]+/[\w.-]+\.git\ncd [\w.-]+",
                  f"git clone https://github.com/{slug}.git\ncd {slug.split('/')[1]}", text)
    return text


def _shown(path):
    """A path as printed: relative to the repository when inside it."""
    try:
        return path.relative_to(REPO)
    except ValueError:
        return path


def selected(patterns):
    return solution_paths(patterns)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("only", nargs="*", help="name prefixes, e.g. 01 02")
    parser.add_argument("--execute", action="store_true", help="re-execute the solutions first")
    parser.add_argument("--check", action="store_true", help="only check that notebooks/ is up to date")
    args = parser.parse_args(argv)

    stale = []
    # the library first: it is made from the solutions' sources, and executing them imports it
    library = library_text()
    current = LIBRARY.read_text(encoding="utf-8") if LIBRARY.exists() else None
    if args.check:
        if current != library:
            stale.append(_shown(LIBRARY))
    elif current != library:
        LIBRARY.write_text(library, encoding="utf-8")
        print(f"wrote {_shown(LIBRARY)}")
    colab_source = colab_cell_source(repository_slug())
    for path in selected(args.only):
        if not args.check:
            solution = json.loads(path.read_text(encoding="utf-8"))
            if ensure_colab_cell(solution, colab_source):
                path.write_text(dumps(solution), encoding="utf-8")
                print(f"refreshed the Colab cell of {path.relative_to(REPO)}")
        if args.execute:
            seconds = execute(path)
            print(f"executed {path.relative_to(REPO)} in {seconds:.1f} s")
        solution = json.loads(path.read_text(encoding="utf-8"))
        timed = dumps(timing.with_title_minutes(copy.deepcopy(solution), path.name))
        if timed != dumps(solution):              # the title's minutes come from tools/timing.py
            if args.check:
                stale.append(f"{path.relative_to(REPO)} (the minutes in its title)")
            else:
                path.write_text(timed, encoding="utf-8")
                print(f"wrote {path.relative_to(REPO)} (the minutes in its title)")
                solution = json.loads(timed)
        target = NOTEBOOKS / path.name
        text = dumps(learner_version(solution, name=path.name))
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if args.check:
            if current != text:
                note = learner_work(target, solution)
                stale.append(f"{target.relative_to(REPO)}" + (f" ({note})" if note else ""))
        elif current != text:
            NOTEBOOKS.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(REPO)}")
    if not args.check:
        fill_metadata(solution_paths())
    problems = [p for path in solution_paths() for p in session_problems(path)]
    if problems:
        if not args.check:
            raise NotebookError("\n".join(problems))
        stale += problems
    else:
        notebooks = notebook_meta.all_notebooks()
        for path, text, what in [(README, readme_text(notebooks), "the notebook table, the sessions"),
                                 (instructors.INSTRUCTORS, instructors.instructors_text(notebooks),
                                  "the sessions, the live times, where learners get stuck")]:
            if path.read_text(encoding="utf-8") == text:
                continue
            if args.check:
                stale.append(f"{path.name} ({what})")
            else:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.name} ({what})")
    if args.check:
        extra = sorted({p.name for p in NOTEBOOKS.glob("*.ipynb")} - {p.name for p in SOLUTIONS.glob("*.ipynb")})
        for name in extra:
            stale.append(f"notebooks/{name} (no solution)")
        if stale:
            print("Out of date (run: python -m tools.build_notebooks):", *stale, sep="\n  ")
            return 1
        print("notebooks/, utils/library.py, README.md and INSTRUCTORS.md are up to date with solutions/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
