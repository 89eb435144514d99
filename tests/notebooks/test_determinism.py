"""Two runs, identical text: every solution notebook, executed afresh, prints
exactly what its committed (executed) version printed.

The committed solution notebooks come from an earlier run of the build tool,
so comparing a fresh execution with them compares two independent runs. All
text is compared: stream output (stdout and stderr, so a new warning shows up
too), the text/plain form of results and displays, and errors. Images and
widget state are not compared (widget model ids are random by design).

A cell whose output legitimately changes from run to run (a timing) must be
tagged ``NBVAL_IGNORE_OUTPUT``; it is left out. Memory addresses (``0x7f…``)
are masked in the comparison, but a separate test requires that none appear
in the committed outputs at all (they make outputs unreadable and unstable).

The execution is shared with tests/notebooks/test_offline.py (one run per session).
"""
import json

import pytest

from notebook_runs import IGNORE_TAG, memory_addresses, offline_run, solution_paths, text_outputs

pytestmark = pytest.mark.slow

PATHS = solution_paths()


def _committed(path):
    import nbformat
    return nbformat.read(path, as_version=4)


def _short(items, limit=400):
    text = json.dumps(items, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "…"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_fresh_run_prints_what_the_committed_notebook_printed(path):
    fresh = offline_run(path)
    assert not isinstance(fresh, str), f"{path.name} could not be executed: {fresh}"
    committed = _committed(path)
    assert len(fresh.cells) == len(committed.cells)
    differences, compared = [], 0
    for index, (old, new) in enumerate(zip(committed.cells, fresh.cells)):
        if old.cell_type != "code" or IGNORE_TAG in old.metadata.get("tags", []):
            continue
        compared += 1
        before, after = text_outputs(old), text_outputs(new)
        if before != after:
            differences.append(f"cell {index} (id {old.get('id', '?')}):\n"
                               f"    committed: {_short(before)}\n    fresh run: {_short(after)}")
    assert compared > 0, f"{path.name} has no code cells to compare"
    assert not differences, (
        f"{path.name}: {len(differences)} cell(s) printed something different from the committed "
        "notebook. Seed every random generator (np.random.default_rng(seed)), avoid printing "
        "timings or object ids, or re-run the build tool if the change is intended "
        f"(tag a timing cell {IGNORE_TAG}).\n" + "\n".join(differences[:5]))


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_committed_outputs_show_no_memory_addresses(path):
    found = [(index, memory_addresses(cell)) for index, cell in enumerate(_committed(path).cells)
             if cell.cell_type == "code"]
    found = [(index, addresses) for index, addresses in found if addresses]
    assert not found, (
        f"{path.name}: memory addresses in the outputs of cells {[i for i, _ in found]} "
        f"(e.g. {found[0][1][0]}): they change on every run. End the cell with `;` or "
        "plt.show(), or print something meaningful instead of the object.")


def test_comparison_notices_a_changed_number():
    """The comparison is not vacuous: a changed digit or a new warning is a difference."""
    cell = {"cell_type": "code", "outputs": [
        {"output_type": "stream", "name": "stdout", "text": "loss 0.1234\n"},
        {"output_type": "stream", "name": "stdout", "text": "done\n"},
        {"output_type": "execute_result", "data": {"text/plain": "<Figure at 0x7f3a2b1c9d90>"}}]}
    changed = json.loads(json.dumps(cell))
    changed["outputs"][0]["text"] = "loss 0.1235\n"
    warned = json.loads(json.dumps(cell))
    warned["outputs"].append({"output_type": "stream", "name": "stderr", "text": "RuntimeWarning\n"})
    moved = json.loads(json.dumps(cell))
    moved["outputs"][2]["data"]["text/plain"] = "<Figure at 0x7f11aa22bb33>"
    merged = json.loads(json.dumps(cell))
    merged["outputs"][:2] = [{"output_type": "stream", "name": "stdout", "text": "loss 0.1234\ndone\n"}]
    assert text_outputs(cell) != text_outputs(changed)
    assert text_outputs(cell) != text_outputs(warned)
    assert text_outputs(cell) == text_outputs(moved)     # addresses masked
    assert text_outputs(cell) == text_outputs(merged)    # stream chunks joined
    assert memory_addresses(cell) == ["0x7f3a2b1c9d90"]
