"""Make the 2-D classification data sets of notebooks 02, 04 and 05 (seeded).

    python data/make_classification_data.py

Writes, next to this script (columns x1, x2, label; label 0 or 1):
- linear_2d.csv  400 points: two Gaussian clouds on either side of a line,
                 linearly separable apart from a little noise (about 2% cross over)
- rings.csv      400 points: class 1 on a ring of radius 2 around class 0, a disc
                 of radius 1; radial noise sd 0.25. Not linearly separable.
- spirals.csv    400 points: two interleaved spirals (1.5 turns each), noise sd 0.2.
                 Hard for hand-made features, easy for a small network.
"""
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEED = 2019


def write_csv(name, X, y):
    lines = ["x1,x2,label"] + [f"{a:.4f},{b:.4f},{int(c)}" for (a, b), c in zip(X, y)]
    (HERE / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def shuffled(rng, X, y):
    order = rng.permutation(len(y))
    return X[order], y[order]


def linear_2d(rng, n=400):
    y = np.repeat([0, 1], n // 2)
    centres = np.array([[-1.2, -0.8], [1.2, 0.8]])
    X = centres[y] + rng.normal(0, 0.75, size=(n, 2))
    return shuffled(rng, X, y)


def rings(rng, n=400):
    y = np.repeat([0, 1], n // 2)
    radius = np.where(y == 0, rng.uniform(0, 1, n) ** 0.5, 2.0) + rng.normal(0, 0.25, n)
    angle = rng.uniform(0, 2 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return shuffled(rng, X, y)


def spirals(rng, n=400):
    y = np.repeat([0, 1], n // 2)
    t = np.sqrt(rng.uniform(0.02, 1, n)) * 3 * np.pi      # 1.5 turns, denser near the centre
    angle = t + np.pi * y
    X = np.column_stack([t * np.cos(angle), t * np.sin(angle)]) / np.pi
    X += rng.normal(0, 0.2, size=X.shape)
    return shuffled(rng, X, y)


def main():
    rng = np.random.default_rng(SEED)
    for name, make in [("linear_2d", linear_2d), ("rings", rings), ("spirals", spirals)]:
        write_csv(name, *make(rng))


if __name__ == "__main__":
    main()
