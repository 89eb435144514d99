"""Checks for notebook 00: the linear model's predictions (two loops; a matrix product), cases computed by hand."""
import numpy as np

from .framework import Exercises

exercises = Exercises("00_welcome_and_setup")
catch_up, progress = exercises.catch_up, exercises.progress
SHAPE_HINT = "one prediction per sample: a 1-D array of shape [n_samples] (not a column [n_samples, 1])."
F = np.array
# (case, X, w, expected by hand, hint); 3 features first: there every mistake below gives other numbers
CASES = [("3 samples, 3 features, w = [0.5, -1, 2]", F([[1.0, 2.0, 3.0], [1.0, -1.0, 0.0], [1.0, 0.0, 0.5]]),
          F([0.5, -1.0, 2.0]), [4.5, 1.5, 1.5], None),                 # 0.5 − 2 + 6 ; 0.5 + 1 + 0 ; 0.5 + 0 + 1
         ("the talk's first three nights, X = [[1, 4], [1, 6], [1, 3]], w = [30, -2]",
          F([[1.0, 4.0], [1.0, 6.0], [1.0, 3.0]]), F([30.0, -2.0]), [22.0, 18.0, 24.0], None),  # 30 − 2·4 ; ...
         ("a square X = [[1, 2], [3, 4]], w = [1, 10]", F([[1.0, 2.0], [3.0, 4.0]]), F([1.0, 10.0]),
          [21.0, 43.0], None),                                          # 1 + 20 ; 3 + 40 (Xᵀw: 31, 42)
         ("2 samples, 3 features (X is not square)", F([[1.0, 2.0, 3.0], [1.0, 5.0, 7.0]]), F([1.0, 2.0, 3.0]),
          [14.0, 32.0], "the result has one entry per row of X (X.shape[0] of them)."),  # 1 + 4 + 9 ; 1 + 10 + 21
         ("integer inputs", F([[1, 4]]), F([2, 3]), [14.0],              # 1·2 + 4·3
          "start each sum from 0.0 and return a numpy array (np.zeros(n_samples) to fill in).")]
# The usual mistakes as wrong formulas; where two give the same numbers in a case, neither is named there.
WRONG = [
    (lambda X, w: X[:, 1:] @ w[1:], "the bias term w[0]·X[i, 0] is missing: j runs over every feature from 0, not 1."),
    (lambda X, w: X[:, -1] * w[-1], "each term overwrites the one before (`=`): accumulate with `+=`."),
    (lambda X, w: X[:, 0] * w[0], "only w[0]·X[i, 0] is counted: sum over every feature, range(X.shape[1])."),
    (lambda X, w: X[:, :-1] @ w[:-1], "the last feature is missing: the inner loop runs over range(n_features)."),
    (lambda X, w: X * w, "you multiplied element by element (X * w) without adding up each row."),
    (lambda X, w: (X * w).sum(axis=0), "you added up the columns (axis=0: one number per feature); each prediction "
     "adds up one row, one sample's features: axis=1, or X @ w."),
    (lambda X, w: (X @ w)[:, None], "the predictions are a column [n_samples, 1]; return a 1-D array [n_samples]."),
    (lambda X, w: X.T @ w if len(X) == len(w) else X[:0],
     "rows and columns are swapped (you computed Xᵀw): sample i uses row i of X."),
    (lambda X, w: np.r_[X[0] @ w, np.zeros(len(X) - 1)],
     "only the first sample has a prediction: loop over every row."),
]


def _diagnoses(X, w, expected):
    """The wrong formulas that can be told apart in this case (from the answer and from each other)."""
    values = [(F(wrong(X, w), dtype=float), message) for wrong, message in WRONG]
    alike = lambda a, b: a.shape == b.shape and np.allclose(a, b)  # noqa: E731
    return [(v, m) for v, m in values if not alike(v, F(expected, dtype=float))
            and sum(alike(v, u) for u, _ in values) == 1]


def _cases(chk, more=()):
    for name, X, w, expected, hint in [*CASES, *more]:
        with chk.case(name):
            chk.array(chk.call(X, w), expected, what="the predictions", diagnoses=_diagnoses(X, w, expected),
                      hint=hint, shape_hint=SHAPE_HINT)


@exercises.exercise("predict_loop")
def predict_loop(chk):
    _cases(chk)


@exercises.exercise("predict_matrix")
def predict_matrix(chk):
    X, w = chk.random(0, (1000, 5), 5)      # a property, computed another way: Σ_j X[:, j] · w[j]
    _cases(chk, [("1,000 samples, 5 features: the same as the sum over features", X, w,
                  sum(X[:, j] * w[j] for j in range(5)), "one matrix product: X @ w.")])
