"""Loading the workshop's data sets by name from ``data/`` (CSV, never pickle).

Each data set is ``data/<name>.csv`` (or ``.csv.gz``) with a header row. The
last column is the target; the others are the features. A target column named
``label`` holds class labels and is returned as integers.

    >>> X, y = load_dataset("night_out")
    >>> X.shape, y.shape
    ((40, 1), (40,))
"""
from __future__ import annotations

import gzip
import io
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "data"

__all__ = ["available_datasets", "available_texts", "load_dataset", "load_table", "load_text", "DATA"]


def available_datasets():
    """Names of the data sets in ``data/``, sorted."""
    names = {p.name[:-4] for p in DATA.glob("*.csv")} | {p.name[:-7] for p in DATA.glob("*.csv.gz")}
    return sorted(names)


def available_texts():
    """Names of the text corpora in ``data/`` (``data/<name>.txt``), sorted."""
    return sorted(p.stem for p in DATA.glob("*.txt"))


def load_text(name):
    """A text corpus, ``data/<name>.txt``, as one string, exactly as stored (UTF-8).

    >>> load_text("zen")[:25]
    'The Zen of Python, by Tim'
    """
    path = DATA / f"{name}.txt"
    if not path.exists():
        choices = ", ".join(available_texts()) or "(none: is the data/ folder there?)"
        raise FileNotFoundError(f"No text called {name!r} in {DATA}. Available: {choices}.")
    return path.read_bytes().decode("utf-8")


def _path_for(name):
    for suffix in (".csv", ".csv.gz"):
        path = DATA / f"{name}{suffix}"
        if path.exists():
            return path
    choices = ", ".join(available_datasets()) or "(none: is the data/ folder there?)"
    raise FileNotFoundError(f"No data set called {name!r} in {DATA}. Available: {choices}.")


def load_table(name):
    """The whole table: ``(column_names, values)`` with values a float array."""
    path = _path_for(name)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        text = f.read()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = [h.strip() for h in lines[0].split(",")]
    values = np.loadtxt(io.StringIO("\n".join(lines[1:])), delimiter=",", ndmin=2, dtype=float)
    return header, values


def load_dataset(name):
    """Features and target of a data set: ``X`` [n_samples, n_features], ``y`` [n_samples].

    ``y`` is an integer array when the target column is called ``label``,
    a float array otherwise.
    """
    header, values = load_table(name)
    X, y = values[:, :-1], values[:, -1]
    if header[-1] == "label":
        y = y.astype(int)
    return X, y
