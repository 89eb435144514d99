"""Make the regression data sets of notebook 01 (seeded: same files every run).

    python data/make_regression_data.py

Writes, next to this script:
- night_out.csv    people, money_spent  -- the talk's five rows first, verbatim,
                   then 35 generated rows (about 29.5 - 2.1 per person, noise sd 1.8)
- supermarket.csv  days_since_last_visit, money_spent -- the talk's five rows
                   first, verbatim, then 35 generated rows (about 3 + 4.2 per day, noise sd 5)
- polynomial.csv   x, y -- 60 points of a cubic on [0, 10] with noise sd 1
"""
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEED = 2019  # the year of the meetup

# The rows printed on the talk's slides, copied verbatim (as text, so "6.50" stays "6.50").
NIGHT_OUT_TALK = [("4", "20.4"), ("6", "13.5"), ("3", "24.13"), ("6", "14.12"), ("8", "13.12")]
SUPERMARKET_TALK = [("2", "10.1"), ("1", "6.50"), ("6", "24.13"), ("6", "14.12"), ("5", "45.02")]


def write_csv(name, header, rows):
    """Write rows of already-formatted strings as data/<name>.csv."""
    lines = [",".join(header)] + [",".join(row) for row in rows]
    (HERE / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    rng = np.random.default_rng(SEED)

    people = rng.integers(2, 11, size=35)
    spent = 29.5 - 2.1 * people + rng.normal(0, 1.8, size=35)
    rows = NIGHT_OUT_TALK + [(f"{p:d}", f"{s:.2f}") for p, s in zip(people, spent)]
    write_csv("night_out", ["people", "money_spent"], rows)

    days = rng.integers(1, 15, size=35)
    spent = np.clip(3 + 4.2 * days + rng.normal(0, 5, size=35), 1, None)
    rows = SUPERMARKET_TALK + [(f"{d:d}", f"{s:.2f}") for d, s in zip(days, spent)]
    write_csv("supermarket", ["days_since_last_visit", "money_spent"], rows)

    x = np.sort(rng.uniform(0, 10, size=60))
    y = 2 + 3 * x - 0.9 * x**2 + 0.06 * x**3 + rng.normal(0, 1, size=60)
    write_csv("polynomial", ["x", "y"], [(f"{a:.4f}", f"{b:.4f}") for a, b in zip(x, y)])


if __name__ == "__main__":
    main()
