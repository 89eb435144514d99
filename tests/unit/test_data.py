"""Data sets load by name, contain the talk's rows, and are exactly what
their committed, seeded scripts produce."""
import gzip
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from tools.paths import REPO
from utils import available_datasets, load_dataset

SCRIPTS = sorted((REPO / "data").glob("make_*.py")) + sorted((REPO / "data").glob("extract_*.py"))


def test_loading_by_name():
    X, y = load_dataset("night_out")
    assert X.shape == (40, 1) and y.shape == (40,) and X.dtype == float
    X, y = load_dataset("rings")
    assert X.shape == (400, 2) and y.dtype.kind == "i" and set(np.unique(y)) == {0, 1}


def test_wrong_name_lists_the_available_data_sets():
    with pytest.raises(FileNotFoundError) as info:
        load_dataset("night_in")
    assert "night_out" in str(info.value) and "supermarket" in str(info.value)


def test_talk_rows_come_first_verbatim():
    night = (REPO / "data" / "night_out.csv").read_text().splitlines()
    shop = (REPO / "data" / "supermarket.csv").read_text().splitlines()
    assert night[1:6] == ["4,20.4", "6,13.5", "3,24.13", "6,14.12", "8,13.12"]
    assert shop[1:6] == ["2,10.1", "1,6.50", "6,24.13", "6,14.12", "5,45.02"]


def test_every_data_set_is_documented():
    readme = (REPO / "data" / "README.md").read_text()
    for name in available_datasets():
        assert name in readme, f"data/{name} is not described in data/README.md"


def test_no_pickles_in_data():
    assert not [p for p in (REPO / "data").iterdir() if p.suffix in {".pkl", ".pickle", ".npy", ".npz"}]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_generator_script_reproduces_the_committed_files(script, tmp_path):
    copy = tmp_path / script.name
    shutil.copy(script, copy)
    for existing in (REPO / "data").glob("*.csv"):     # inputs some scripts read (e.g. rings.csv)
        shutil.copy(existing, tmp_path / existing.name)
        os.utime(tmp_path / existing.name, (0, 0))
    subprocess.run([sys.executable, str(copy)], check=True, cwd=tmp_path)
    made = sorted(p for p in tmp_path.iterdir()
                  if p.name.endswith((".csv", ".csv.gz", ".txt")) and p.stat().st_mtime > 0)
    assert made, f"{script.name} wrote no CSV or text file next to itself"
    for path in made:
        assert read_text(path) == read_text(REPO / "data" / path.name), (
            f"data/{path.name} is not what {script.name} makes: re-run it and commit the result")


def read_text(path):
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return f.read()
    return path.read_text(encoding="utf-8")


def test_every_script_in_data_follows_the_naming_rule():
    """The generator test above finds scripts by name: a misnamed one would never be run."""
    for path in (REPO / "data").glob("*.py"):
        assert path.name.startswith(("make_", "extract_")), (
            f"data/{path.name}: name a script that makes data files make_<what>.py (seeded, writes "
            "next to itself; or extract_<what>.py when it copies from an installed package) so that "
            "tests/unit/test_data.py re-runs it, and list it in data/README.md's 'made by' column")


def test_every_data_file_has_a_script_that_makes_it():
    """Each file in data/ names its script in data/README.md's table, and that script exists."""
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line.split("|")[-2] for line in readme.splitlines()
            if line.startswith("| `")}
    for path in sorted((REPO / "data").iterdir()):
        if path.name.endswith((".csv", ".csv.gz", ".txt")):
            assert path.name in rows, (f"data/{path.name} has no row in data/README.md: add "
                                       "| `file` | notebook | what it is | made by `make_<what>.py` |")
            scripts = [s for s in rows[path.name].replace("`", " ").split() if s.endswith(".py")]
            assert scripts and all((REPO / "data" / s).exists() for s in scripts), (
                f"data/README.md's row for {path.name} must name its script (make_<what>.py, in data/)")


def test_load_text_returns_the_corpus_exactly():
    from utils import load_text
    zen = load_text("zen")
    assert zen.startswith("The Zen of Python, by Tim Peters") and "Namespaces" in zen
    import codecs
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):
        import this
    assert zen == codecs.decode(this.s, "rot13")


def test_load_text_with_a_wrong_name_lists_the_texts():
    from utils import load_text
    with pytest.raises(FileNotFoundError, match=r"No text called 'zne'.*Available: notes, zen"):
        load_text("zne")
