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
                  if p.name.endswith((".csv", ".csv.gz")) and p.stat().st_mtime > 0)
    assert made, f"{script.name} wrote no CSV next to itself"
    for path in made:
        assert read_text(path) == read_text(REPO / "data" / path.name), (
            f"data/{path.name} is not what {script.name} makes: re-run it and commit the result")


def read_text(path):
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return f.read()
    return path.read_text(encoding="utf-8")
