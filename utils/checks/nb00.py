"""Checks for notebook 00, "Welcome and set-up check".

The warm-up: the linear model's predictions for every sample, once with two
Python loops and once as one matrix product. Expected values are small cases
computed by hand (arithmetic in the comments).
"""
import numpy as np

from .framework import Exercises

exercises = Exercises("00_welcome_and_setup")
catch_up = exercises.catch_up
progress = exercises.progress

# The talk's first three nights out, bias column first: [1, number of people].
X_NIGHT = np.array([[1.0, 4.0], [1.0, 6.0], [1.0, 3.0]])
W_GUESS = np.array([30.0, -2.0])        # "30, minus 2 per person"
# 30 − 2·4 = 22 ; 30 − 2·6 = 18 ; 30 − 2·3 = 24
NIGHT_EXPECTED = [22.0, 18.0, 24.0]

# A square X, so that mixing up rows and columns gives a result of the right shape.
X_SQUARE = np.array([[1.0, 2.0], [3.0, 4.0]])
W_SQUARE = np.array([1.0, 10.0])
# rows:    1·1 + 2·10 = 21 ; 3·1 + 4·10 = 43
# columns (Xᵀw): 1·1 + 3·10 = 31 ; 2·1 + 4·10 = 42
SQUARE_EXPECTED = [21.0, 43.0]

SHAPE_HINT = "one prediction per sample: a 1-D array of shape [n_samples] (not a column [n_samples, 1])."


def _prediction_cases(chk):
    """The cases both versions must pass (the same numbers, two ways to compute them)."""
    with chk.case("the talk's first three nights, X = [[1, 4], [1, 6], [1, 3]], w = [30, -2]"):
        got = chk.call(X_NIGHT.copy(), W_GUESS.copy())
        chk.true(not (np.ndim(got) == 0 and isinstance(got, (int, float, np.number))),
                 f"the result is a single number ({got}); there is one prediction per sample.",
                 hint="fill an array with one entry per row of X, or use X @ w.")
        chk.array(got, NIGHT_EXPECTED, what="the predictions", diagnoses=[
            # leaving out w[0]·x[0] (the slide's sum from i = 1): −8, −12, −6
            ([-8.0, -12.0, -6.0], "only the last feature's term is left: either the bias term w[0]·X[i, 0] "
                                  "is missing (the sum runs over every feature j = 0 … n_features − 1, the "
                                  "column of ones included) or `=` overwrites each term instead of `+=` accumulating."),
            ([30.0, 30.0, 30.0], "only w[0]·X[i, 0] is counted: the sum runs over every feature "
                                 "(range(n_features), that is range(X.shape[1]))."),
            ([[30.0, -8.0], [30.0, -12.0], [30.0, -6.0]],
             "you multiplied element by element (X * w) without adding up each row: "
             "a prediction is the sum over the features of X[i, j] · w[j]."),
            ([64.0], "you added up all the samples into one number; there is one prediction per sample."),
            ([[22.0], [18.0], [24.0]], "the predictions are a column [n_samples, 1]; return a 1-D array "
                                       "[n_samples] (use w as it is, without reshaping it)."),
        ], shape_hint=SHAPE_HINT)
    with chk.case("a square X = [[1, 2], [3, 4]], w = [1, 10]"):
        got = chk.call(X_SQUARE.copy(), W_SQUARE.copy())
        chk.array(got, SQUARE_EXPECTED, what="the predictions", diagnoses=[
            ([31.0, 42.0], "rows and columns are swapped (you computed Xᵀw): the prediction for sample i "
                           "uses row i, X[i, j] · w[j] summed over j."),
            ([21.0, 0.0], "only the first sample has a prediction: loop over every row "
                          "(range(n_samples), that is range(X.shape[0]))."),
        ], shape_hint=SHAPE_HINT)
    with chk.case("3 samples, 3 features, w = [0.5, -1, 2]"):
        X = np.array([[1.0, 2.0, 3.0], [1.0, -1.0, 0.0], [1.0, 0.0, 0.5]])
        # 0.5 − 2 + 6 = 4.5 ; 0.5 + 1 + 0 = 1.5 ; 0.5 + 0 + 1 = 1.5
        got = chk.call(X, np.array([0.5, -1.0, 2.0]))
        chk.array(got, [4.5, 1.5, 1.5], what="the predictions", diagnoses=[
            ([2.5, 1.5, 0.5], "the last feature is missing: the inner loop runs over range(n_features)."),
            ([6.0, 0.0, 1.0], "each term overwrites the one before: `predictions[i] = X[i, j] * w[j]` keeps "
                              "only the last feature; accumulate with `+=`."),
        ], shape_hint=SHAPE_HINT)
    with chk.case("2 samples, 3 features (X is not square)"):
        X = np.array([[1.0, 2.0, 3.0], [1.0, 5.0, 7.0]])
        # 1 + 2·2 + 3·3 = 14 ; 1 + 5·2 + 7·3 = 32
        got = chk.call(X, np.array([1.0, 2.0, 3.0]))
        chk.array(got, [14.0, 32.0], what="the predictions", shape_hint=SHAPE_HINT,
                  hint="the result has one entry per row of X (X.shape[0] of them).")
    with chk.case("integer inputs"):
        # 1·2 + 4·3 = 14
        got = chk.call(np.array([[1, 4]]), np.array([2, 3]))
        chk.array(got, [14.0], what="the predictions", shape_hint=SHAPE_HINT,
                  hint="start each sum from 0.0 and return a numpy array (np.zeros(n_samples) to fill in).")


@exercises.register("predict_loop")
def predict_loop(func):
    with exercises.check("predict_loop", func) as chk:
        _prediction_cases(chk)


@exercises.register("predict_matrix")
def predict_matrix(func):
    with exercises.check("predict_matrix", func) as chk:
        _prediction_cases(chk)
        with chk.case("1,000 samples, 5 features: the same as the sum over features"):
            rng = np.random.default_rng(0)
            X = rng.normal(size=(1000, 5))
            w = rng.normal(size=5)
            got = chk.call(X, w)
            # A property, computed another way: Σ_j X[:, j] · w[j].
            expected = sum(X[:, j] * w[j] for j in range(5))
            chk.array(got, expected, what="the predictions", shape_hint=SHAPE_HINT,
                      hint="one matrix product: X @ w.")
