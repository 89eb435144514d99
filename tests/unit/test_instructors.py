"""tools/instructors.py: the generated parts of INSTRUCTORS.md and README.md."""
import pytest

from tools import instructors
from tools.paths import README


def entry(notebook, exercise, mistake, gap=None):
    e = dict(notebook=notebook, exercise=exercise, mistake=mistake, code="", names=[])
    if gap:
        e["gap"] = gap
    return e


@pytest.fixture
def fake_catalogue(monkeypatch):
    def use(mistakes, notes):
        monkeypatch.setattr(instructors, "catalogue", lambda: (mistakes, notes))
    return use


def test_committed_docs_are_what_the_generator_produces():
    assert instructors.INSTRUCTORS.read_text(encoding="utf-8") == instructors.instructors_text(), \
        "INSTRUCTORS.md is stale: run `python -m tools.build_notebooks`"
    text = README.read_text(encoding="utf-8")
    assert instructors.readme_sessions_text(text) == text, "README.md is stale: run `python -m tools.build_notebooks`"


def test_any_number_of_mistakes_per_exercise_in_the_notebooks_order(fake_catalogue):
    mistakes = [entry("01", "mse_loss", f"mistake {i}") for i in range(5)]
    mistakes.insert(2, entry("01", "add_bias", "ones last", gap="named only as a wrong value"))
    fake_catalogue(mistakes, {})
    text = instructors.stuck_text({"01": {"session": "live"}})
    lines = text.splitlines()
    assert lines[0] == instructors.NOT_NAMED_LEGEND                      # a gap: the legend comes first
    assert lines[2] == "**01 · Regression and gradient descent**"
    # add_bias comes before mse_loss in notebook 01, whatever the catalogue's order
    assert lines[3] == "- `add_bias`: ones last†."
    assert lines[4] == "- `mse_loss`: " + "; ".join(f"mistake {i}" for i in range(5)) + "."


def test_notes_alone_a_notebook_without_solution_and_take_home(fake_catalogue):
    fake_catalogue([entry("99", "attend", "softmax over the wrong axis")],
                   {"05": dict(lead="Ask first", exercises={"early_stopping": "copy the weights"},
                               questions=["Why?"])})
    text = instructors.stuck_text({"05": {"session": "take-home"}})
    assert instructors.NOT_NAMED_LEGEND not in text
    assert "**05 · Training in practice** (take-home)\n- Ask first.\n- `early_stopping`: copy the weights.\n- Why?" in text
    assert "**99**\n- `attend`: softmax over the wrong axis." in text


def test_what_to_say_follows_the_mistakes(fake_catalogue):
    fake_catalogue([entry("00", "predict_loop", "starts at 1")],
                   {"00": dict(exercises={"predict_loop": "the bias is column 0"})})
    assert "- `predict_loop`: starts at 1. Say: the bias is column 0." in instructors.stuck_text({})


def test_notebooks_without_entries_are_left_out(fake_catalogue):
    fake_catalogue([], {})
    assert instructors.stuck_text({"01": {"session": "live"}}) == ""


def test_sessions_sentence_and_tables():
    notebooks = {"00": {"session": "before"}, "01": {"session": "live"}, "02": {"session": "live"},
                 "05": {"session": "take-home"}}
    assert instructors.readme_sessions(notebooks) == (
        "Notebook 00 is the set-up check, to run **before you come**; notebooks 01–02 are the **live "
        "meetup**, following the talk's two \"Practice time!\" slides; notebook 05 is the **take-home** "
        "continuation, following the talk's last sections.")
    table = instructors.instructors_sessions(notebooks).splitlines()
    assert table[2].startswith("| before the meetup | 00 |") and table[3].startswith("| the meetup | 01–02 |")
    assert table[4].endswith("following the talk's last slides: Training in practice |")


def test_markers_must_be_there_once():
    with pytest.raises(instructors.DocsError, match="INSTRUCTORS.md needs one <!-- stuck:start -->"):
        instructors.between_markers("no markers", "stuck", "body", "INSTRUCTORS.md")
    assert instructors.between_markers("a\n<!-- x:start -->\nold\n<!-- x:end -->\nb", "x", "new", "f") == \
        "a\n<!-- x:start -->\nnew\n<!-- x:end -->\nb"


def test_the_real_catalogue_names_only_known_notebooks_and_exercises():
    """NOTES may only speak of exercises that a notebook checks (a typo would vanish into the docs)."""
    mistakes, notes = instructors.catalogue()
    wrong = [f"{number}: {name}" for number, note in notes.items() for name in note.get("exercises", {})
             if instructors.exercise_order(number) and name not in instructors.exercise_order(number)]
    wrong += [f"{number}: {key}" for number, note in notes.items()
              for key in set(note) - {"lead", "exercises", "questions"}]
    assert not wrong, f"tests/checks/catalogue.py's NOTES name exercises or keys that do not exist: {wrong}"
