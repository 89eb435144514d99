"""Make the small noisy data sets of notebook 05 ("Training in practice"), seeded.

    python data/make_overfitting_data.py

Writes, next to this script:
- noisy_sine.csv   30 points (x, y): x uniform in [0, 1], y = sin(2πx) + Gaussian
                   noise (sd 0.25). Few and noisy on purpose: high-degree
                   polynomials overfit it.
- noisy_rings.csv  100 points (x1, x2, label): the first 100 rows of rings.csv
                   (made by make_classification_data.py) with 12 labels flipped,
                   chosen at random. Small and noisy on purpose: a large network
                   overfits it.
"""
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEED = 2005


def noisy_sine(rng, n=30):
    x = rng.uniform(0, 1, n)
    y = np.sin(2 * np.pi * x) + rng.normal(0, 0.25, n)
    return x, y


def noisy_rings(rng, n=100, n_flipped=12):
    rows = (HERE / "rings.csv").read_text(encoding="utf-8").splitlines()[1:n + 1]
    values = np.array([[float(v) for v in row.split(",")] for row in rows])
    X, y = values[:, :2], values[:, 2].astype(int)
    flipped = rng.choice(n, size=n_flipped, replace=False)
    y[flipped] = 1 - y[flipped]
    return X, y


def main():
    rng = np.random.default_rng(SEED)
    x, y = noisy_sine(rng)
    lines = ["x,y"] + [f"{a:.4f},{b:.4f}" for a, b in zip(x, y)]
    (HERE / "noisy_sine.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    X, labels = noisy_rings(rng)
    lines = ["x1,x2,label"] + [f"{a:.4f},{b:.4f},{c}" for (a, b), c in zip(X, labels)]
    (HERE / "noisy_rings.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
