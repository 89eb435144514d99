"""The checks of notebook 00 reject the usual wrong answers and accept correct ones."""
import numpy as np
import pytest

import checktools

from utils.checks.framework import CheckFailed, NotImplementedYet
from utils.checks import nb00

CHECKS = [nb00.predict_loop, nb00.predict_matrix]


def rejects(check, func, *words):
    """The check fails on ``func`` and its message contains every one of ``words``."""
    return checktools.rejects(check, func, words=words)


# ---------------------------------------------------------------- correct answers
def loop_reference(X, w):
    n_samples, n_features = X.shape
    predictions = np.zeros(n_samples)
    for i in range(n_samples):
        for j in range(n_features):
            predictions[i] += X[i, j] * w[j]
    return predictions


def loop_with_zip(X, w):
    return np.array([sum(x_ij * w_j for x_ij, w_j in zip(row, w)) for row in X], dtype=float)


def loop_with_dot_per_row(X, w):
    out = np.empty(len(X))
    for i, row in enumerate(X):
        out[i] = row @ w
    return out


CORRECT = [
    loop_reference,
    loop_with_zip,
    loop_with_dot_per_row,
    lambda X, w: X @ w,
    lambda X, w: np.dot(X, w),
    lambda X, w: np.matmul(X, w),
    lambda X, w: np.einsum("ij,j->i", X, w),
    lambda X, w: (X * w).sum(axis=1),
    lambda X, w: (X @ w.reshape(-1, 1)).ravel(),
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.exercise_name)
@pytest.mark.parametrize("func", CORRECT)
def test_accepts_correct_answers(check, func, capsys):
    check(func)
    assert "✔" in capsys.readouterr().out


def test_solution_passes(capsys):
    predict_loop, predict_matrix = nb00.catch_up("predict_loop", "predict_matrix")
    nb00.predict_loop(predict_loop)
    nb00.predict_matrix(predict_matrix)
    out = capsys.readouterr().out
    assert "✔ predict_loop" in out and "✔ predict_matrix" in out


# ---------------------------------------------------------------- wrong answers
def skips_bias(X, w):                   # the slide's Σ from i = 1
    return X[:, 1:] @ w[1:]


def only_bias(X, w):
    return X[:, 0] * w[0]


def elementwise(X, w):
    return X * w


def total(X, w):
    return np.sum(X @ w)


def column(X, w):
    return X @ w.reshape(-1, 1)


def transposed(X, w):
    return X.T @ w if X.shape[0] == X.shape[1] else X @ w


def first_row_only(X, w):
    out = np.zeros(X.shape[0])
    out[0] = X[0] @ w
    return out


def last_feature_missing(X, w):
    out = np.zeros(X.shape[0])
    for i in range(X.shape[0]):
        for j in range(X.shape[1] - 1):
            out[i] += X[i, j] * w[j]
    return out


def as_list(X, w):
    return [float(v) for v in X @ w]


def returns_none(X, w):
    predictions = X @ w  # noqa: F841  (forgot to return)


def in_place(X, w):
    X *= 1.0
    X[:, 0] = 0.0
    return X @ w


def not_implemented(X, w):
    raise NotImplementedError("predict_loop is not implemented yet")


WRONG = [
    (skips_bias, ["bias term w[0]"]),
    (only_bias, ["only w[0]"]),
    (elementwise, ["element by element"]),
    (total, ["single number", "one prediction per sample"]),
    (column, ["column [n_samples, 1]"]),
    (transposed, ["rows and columns are swapped"]),
    (first_row_only, ["only the first sample"]),
    (last_feature_missing, ["range(n_features)"]),
    (as_list, ["numpy array", "list"]),
    (returns_none, ["None", "return"]),
    (in_place, ["changed its argument `X` in place"]),
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.exercise_name)
@pytest.mark.parametrize("func, words", WRONG, ids=[f.__name__ for f, _ in WRONG])
def test_rejects_wrong_answers(check, func, words):
    rejects(check, func, check.exercise_name, *words)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.exercise_name)
def test_not_implemented_says_so_and_how_to_catch_up(check):
    with pytest.raises(NotImplementedYet) as info:
        check(not_implemented)
    assert "not implemented yet" in str(info.value)
    assert f'check.catch_up("{check.exercise_name}")' in str(info.value).replace("'", '"')


def test_passing_the_result_instead_of_the_function():
    with pytest.raises(CheckFailed, match="expected a function"):
        nb00.predict_matrix(np.array([1.0, 2.0]))


def test_catch_up_gives_working_functions():
    predict_loop, predict_matrix = nb00.catch_up("predict_loop", "predict_matrix")
    X = np.array([[1.0, 4.0], [1.0, 6.0]])
    w = np.array([30.0, -2.0])
    np.testing.assert_allclose(predict_loop(X, w), [22.0, 18.0])
    np.testing.assert_allclose(predict_matrix(X, w), [22.0, 18.0])


def test_a_function_that_changes_its_input_does_not_spoil_later_checks(capsys):
    with pytest.raises(CheckFailed):
        nb00.predict_loop(in_place)
    nb00.predict_matrix(lambda X, w: X @ w)
    assert "✔ predict_matrix" in capsys.readouterr().out


def test_registry_order():
    assert list(nb00.exercises.checks) == ["predict_loop", "predict_matrix"]


def test_predict_loop_names_overwriting_instead_of_accumulating():
    def predict_loop(X, w):
        p = np.zeros(X.shape[0])
        for i in range(X.shape[0]):
            for j in range(X.shape[1]):
                p[i] = X[i, j] * w[j]
        return p
    rejects(nb00.predict_loop, predict_loop, "overwrites", "+=")


def test_a_sum_over_the_samples_is_named():
    message = rejects(nb00.predict_matrix, lambda X, w: np.sum(X * w, axis=0), "added up the columns", "axis=1")
    assert "not a column" not in message, message
