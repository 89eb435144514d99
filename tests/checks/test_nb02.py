"""The checks of notebook 02 reject the catalogue's mistakes and accept correct alternatives.

Each wrong implementation below is a mistake from the curriculum's catalogue (or
a common one); the test asserts that the check fails *and* that its message
names the problem. Each correct alternative must pass.
"""
import inspect

import numpy as np
import pytest

from utils.checks.framework import CheckFailed, NotImplementedYet
from utils.checks import nb02 as check

NAMES = ["sigmoid", "predict_proba", "accuracy", "binary_cross_entropy", "cross_entropy_gradient",
         "quadratic_features", "minibatches", "train_logistic"]


@pytest.fixture(scope="module")
def solution():
    """The solution notebook's functions, by name."""
    return dict(zip(NAMES, check.catch_up(*NAMES)))


def rejects(check_function, func, *words):
    """The check fails, and its message contains every one of ``words`` (case-insensitive)."""
    with pytest.raises(CheckFailed) as info:
        check_function(func)
    message = str(info.value).lower()
    for word in words:
        assert word.lower() in message, f"{word!r} not in the message:\n{info.value}"
    return str(info.value)


def stable_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def make_gradient(sigmoid):
    def cross_entropy_gradient(X, y, w):
        return X.T @ (sigmoid(X @ w) - y) / len(y)
    return cross_entropy_gradient


def test_solution_passes_every_check(solution, capsys):
    for name in NAMES:
        getattr(check, name)(solution[name])
    out = capsys.readouterr().out
    assert out.count("✔") == len(NAMES), out


def test_not_implemented_is_reported_as_such():
    def sigmoid(z):
        raise NotImplementedError("sigmoid is not implemented yet")
    with pytest.raises(NotImplementedYet):
        check.sigmoid(sigmoid)


# --------------------------------------------------------------------------
# sigmoid
# --------------------------------------------------------------------------
def test_sigmoid_rejects_naive_overflowing_formula():
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))
    rejects(check.sigmoid, sigmoid, "overflow", "np.where")


def test_sigmoid_rejects_np_where_between_two_unsafe_formulas():
    # np.where evaluates both branches: the values are right, but exp(1000) still overflows.
    def sigmoid(z):
        return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
    message = rejects(check.sigmoid, sigmoid, "computes both a and b", "np.exp(-np.abs(z))")
    assert "np.exp(1000) is too big" not in message


def test_sigmoid_rejects_the_nan_form():
    def sigmoid(z):
        return np.exp(z) / (1 + np.exp(z))
    rejects(check.sigmoid, sigmoid, "overflow")


def test_sigmoid_rejects_nan_even_when_warnings_are_silenced():
    def sigmoid(z):
        with np.errstate(all="ignore"):
            return np.exp(z) / (1 + np.exp(z))
    rejects(check.sigmoid, sigmoid, "nan")


def test_sigmoid_rejects_a_missing_minus_sign():
    def sigmoid(z):
        e = np.exp(-np.abs(z))
        return np.where(z < 0, 1 / (1 + e), e / (1 + e))   # = 1 / (1 + e^z)
    rejects(check.sigmoid, sigmoid, "minus sign")


def test_sigmoid_rejects_changing_z_in_place():
    def sigmoid(z):
        np.negative(np.abs(z), out=z)
        np.exp(z, out=z)
        return np.where(z == z, 0.5, 0.5)
    rejects(check.sigmoid, sigmoid, "in place")


@pytest.mark.parametrize("sigmoid", [
    stable_sigmoid,
    lambda z: np.exp(-np.logaddexp(0, -z)),
    lambda z: 1 / (1 + np.exp(-np.clip(z, -500, 500))),
    lambda z: 0.5 * (1 + np.tanh(z / 2)),
], ids=["where", "logaddexp", "clipped", "tanh"])
def test_sigmoid_accepts_stable_versions(sigmoid):
    check.sigmoid(sigmoid)


# --------------------------------------------------------------------------
# predict_proba and accuracy
# --------------------------------------------------------------------------
def test_predict_proba_rejects_the_linear_part():
    rejects(check.predict_proba, lambda X, w: X @ w, "linear part", "sigmoid")


def test_predict_proba_rejects_probability_of_class_0():
    rejects(check.predict_proba, lambda X, w: 1 - stable_sigmoid(X @ w), "P(y = 0)")


def test_predict_proba_rejects_an_overflowing_sigmoid():
    rejects(check.predict_proba, lambda X, w: 1 / (1 + np.exp(-(X @ w))), "warning", "overflow")


def test_predict_proba_accepts_alternatives():
    check.predict_proba(lambda X, w: stable_sigmoid(np.dot(X, w)))
    check.predict_proba(lambda X, w: np.exp(-np.logaddexp(0, -np.einsum("ij,j->i", X, w))))


def test_accuracy_rejects_a_count():
    rejects(check.accuracy, lambda predicted, y: np.sum(predicted == y), "number of correct", "fraction")


def test_accuracy_rejects_the_error_rate():
    rejects(check.accuracy, lambda predicted, y: np.mean(predicted != y), "wrong")


def test_accuracy_rejects_a_percentage():
    rejects(check.accuracy, lambda predicted, y: 100 * np.mean(predicted == y), "percentage", "fraction")


def test_accuracy_rejects_the_array_of_matches():
    rejects(check.accuracy, lambda predicted, y: predicted == y, "single number")


def test_accuracy_accepts_alternatives():
    check.accuracy(lambda predicted, y: float(np.mean(predicted == y)))
    check.accuracy(lambda predicted, y: np.count_nonzero(np.asarray(predicted, dtype=int) == y) / len(y))
    check.accuracy(lambda predicted, y: np.mean((predicted >= 0.5) == y))      # thresholding again is harmless
    check.accuracy(lambda predicted, y: sum(int(a == b) for a, b in zip(predicted, y)) / len(y))


# --------------------------------------------------------------------------
# binary_cross_entropy
# --------------------------------------------------------------------------
def bce_clipped(eps):
    def binary_cross_entropy(y, p):
        p = np.clip(p, eps, 1 - eps)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return binary_cross_entropy


def bce_logits(y, p):
    """Through the logits: log-sum-exp, never inf (p clipped only to make the logit finite)."""
    p = np.clip(p, 1e-15, 1 - 1e-15)
    z = np.log(p) - np.log1p(-p)
    return np.mean(np.logaddexp(0, z) - y * z)


def bce_where(y, p):
    p = np.clip(p, 1e-10, 1 - 1e-10)
    return np.mean(np.where(y == 1, -np.log(p), -np.log(1 - p)))


@pytest.mark.parametrize("func", [bce_clipped(1e-12), bce_clipped(1e-15), bce_clipped(1e-7), bce_logits, bce_where],
                         ids=["eps1e-12", "eps1e-15", "eps1e-7", "logits", "where"])
def test_binary_cross_entropy_accepts_alternatives(func):
    check.binary_cross_entropy(func)


def test_binary_cross_entropy_rejects_unclipped_log():
    def binary_cross_entropy(y, p):
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    rejects(check.binary_cross_entropy, binary_cross_entropy, "finite", "p is exactly 0 or 1", "clip")


def test_binary_cross_entropy_rejects_an_eps_that_vanishes_next_to_1():
    # 1 - 1e-17 == 1.0 in float64, so log(1 - p) is still log(0)
    rejects(check.binary_cross_entropy, bce_clipped(1e-17), "finite", "clip")


def test_binary_cross_entropy_rejects_too_large_an_eps():
    rejects(check.binary_cross_entropy, bce_clipped(1e-3), "certain and")


def test_binary_cross_entropy_rejects_swapped_arguments():
    def binary_cross_entropy(y, p):
        return bce_clipped(1e-12)(p, y)
    rejects(check.binary_cross_entropy, binary_cross_entropy, "swapped")


def test_binary_cross_entropy_rejects_swapped_unclipped():
    def binary_cross_entropy(y, p):
        return -np.mean(p * np.log(y) + (1 - p) * np.log(1 - y))
    rejects(check.binary_cross_entropy, binary_cross_entropy, "swapped")


def test_binary_cross_entropy_rejects_a_sum():
    def binary_cross_entropy(y, p):
        p = np.clip(p, 1e-12, 1 - 1e-12)
        return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
    rejects(check.binary_cross_entropy, binary_cross_entropy, "sum", "mean")


def test_binary_cross_entropy_rejects_a_missing_minus():
    def binary_cross_entropy(y, p):
        return -bce_clipped(1e-12)(y, p)
    rejects(check.binary_cross_entropy, binary_cross_entropy, "negative", "minus sign")


def test_binary_cross_entropy_rejects_a_missing_term():
    def binary_cross_entropy(y, p):
        return -np.mean(y * np.log(np.clip(p, 1e-12, 1)))
    rejects(check.binary_cross_entropy, binary_cross_entropy, "(1 − y)·log(1 − p)", "missing")


def test_binary_cross_entropy_rejects_changing_p_in_place():
    def binary_cross_entropy(y, p):
        np.clip(p, 1e-12, 1 - 1e-12, out=p)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    rejects(check.binary_cross_entropy, binary_cross_entropy, "in place")


# --------------------------------------------------------------------------
# cross_entropy_gradient
# --------------------------------------------------------------------------
def test_gradient_accepts_alternatives():
    check.cross_entropy_gradient(make_gradient(stable_sigmoid))
    check.cross_entropy_gradient(lambda X, y, w: np.mean((stable_sigmoid(X @ w) - y)[:, None] * X, axis=0))
    check.cross_entropy_gradient(lambda X, y, w: np.dot(stable_sigmoid(np.dot(X, w)) - y, X) / X.shape[0])


def test_gradient_rejects_a_flipped_sign():
    rejects(check.cross_entropy_gradient, lambda X, y, w: X.T @ (y - stable_sigmoid(X @ w)) / len(y),
            "sign is flipped")


def test_gradient_rejects_a_missing_one_over_m():
    rejects(check.cross_entropy_gradient, lambda X, y, w: X.T @ (stable_sigmoid(X @ w) - y), "1/m")


def test_gradient_rejects_x_where_x_transpose_belongs():
    # square X in one case; elsewhere the shapes do not match and numpy raises
    def gradient(X, y, w):
        r = stable_sigmoid(X @ w) - y
        if X.shape[0] == X.shape[1]:
            return X @ r / len(y)
        return X.T @ r / len(y)
    rejects(check.cross_entropy_gradient, gradient, "X where Xᵀ belongs")


def test_gradient_rejects_x_instead_of_xt_with_shape_error():
    rejects(check.cross_entropy_gradient, lambda X, y, w: X @ (stable_sigmoid(X @ w) - y) / len(y),
            "ValueError", "shapes")


def test_gradient_rejects_a_missing_sigmoid():
    rejects(check.cross_entropy_gradient, lambda X, y, w: X.T @ (X @ w - y) / len(y), "σ(Xw)")


def test_gradient_rejects_the_mse_factor_2():
    rejects(check.cross_entropy_gradient, lambda X, y, w: 2 * X.T @ (stable_sigmoid(X @ w) - y) / len(y),
            "factor 2")


# --------------------------------------------------------------------------
# quadratic_features
# --------------------------------------------------------------------------
def test_quadratic_features_accepts_alternatives():
    check.quadratic_features(lambda X: np.column_stack([X, X ** 2, X[:, 0] * X[:, 1]]))
    check.quadratic_features(lambda X: np.hstack([X, np.square(X), np.prod(X, axis=1, keepdims=True)]))


def test_quadratic_features_rejects_a_bias_column():
    rejects(check.quadratic_features,
            lambda X: np.column_stack([np.ones(len(X)), X, X ** 2, X[:, 0] * X[:, 1]]), "column of ones")


def test_quadratic_features_rejects_a_missing_product():
    rejects(check.quadratic_features, lambda X: np.column_stack([X, X ** 2]), "x1·x2 is missing")


def test_quadratic_features_rejects_another_order():
    rejects(check.quadratic_features, lambda X: np.column_stack([X ** 2, X, X[:, 0] * X[:, 1]]), "order")


def test_quadratic_features_rejects_transposed():
    rejects(check.quadratic_features, lambda X: np.vstack([X.T, X.T ** 2, X[:, 0] * X[:, 1]]), "transposed")


# --------------------------------------------------------------------------
# minibatches
# --------------------------------------------------------------------------
def mb_list(X, y, batch_size, rng):
    order = rng.permutation(len(y))
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, len(y), batch_size)]


def mb_array_split(X, y, batch_size, rng):
    idx = np.arange(len(y))
    rng.shuffle(idx)
    for batch in np.array_split(idx, range(batch_size, len(y), batch_size)):
        yield X[batch], y[batch]


def mb_choice(X, y, batch_size, rng):
    idx = rng.choice(len(y), size=len(y), replace=False)
    for start in range(0, len(y), batch_size):
        yield X[idx[start:start + batch_size]], y[idx[start:start + batch_size]]


@pytest.mark.parametrize("func", [mb_list, mb_array_split, mb_choice], ids=["list", "array_split", "choice"])
def test_minibatches_accepts_alternatives(func):
    check.minibatches(func)


def test_minibatches_accepts_the_solution_as_generator(solution):
    assert inspect.isgeneratorfunction(solution["minibatches"])
    check.minibatches(solution["minibatches"])


def test_minibatches_rejects_no_shuffle():
    def minibatches(X, y, batch_size, rng):
        for start in range(0, len(y), batch_size):
            yield X[start:start + batch_size], y[start:start + batch_size]
    rejects(check.minibatches, minibatches, "not shuffled")


def test_minibatches_rejects_dropping_the_last_batch():
    def minibatches(X, y, batch_size, rng):
        order = rng.permutation(len(y))
        for start in range(0, len(y) - batch_size + 1, batch_size):
            yield X[order[start:start + batch_size]], y[order[start:start + batch_size]]
    rejects(check.minibatches, minibatches, "last, smaller batch", "missing")


def test_minibatches_rejects_sampling_with_replacement():
    def minibatches(X, y, batch_size, rng):
        for start in range(0, len(y), batch_size):
            idx = rng.integers(0, len(y), size=min(batch_size, len(y) - start))
            yield X[idx], y[idx]
    rejects(check.minibatches, minibatches, "more than once", "replacement")


def test_minibatches_rejects_shuffling_x_and_y_differently():
    def minibatches(X, y, batch_size, rng):
        ix, iy = rng.permutation(len(y)), rng.permutation(len(y))
        for start in range(0, len(y), batch_size):
            yield X[ix[start:start + batch_size]], y[iy[start:start + batch_size]]
    rejects(check.minibatches, minibatches, "shuffled differently")


def test_minibatches_rejects_shuffling_in_place():
    def minibatches(X, y, batch_size, rng):
        order = rng.permutation(len(y))
        X[:] = X[order]
        y[:] = y[order]
        for start in range(0, len(y), batch_size):
            yield X[start:start + batch_size], y[start:start + batch_size]
    rejects(check.minibatches, minibatches, "in place")


def test_minibatches_rejects_the_global_random_generator():
    def minibatches(X, y, batch_size, rng):
        order = np.random.permutation(len(y))
        for start in range(0, len(y), batch_size):
            yield X[order[start:start + batch_size]], y[order[start:start + batch_size]]
    rejects(check.minibatches, minibatches, "same seed", "rng")


def test_minibatches_rejects_a_new_generator_each_call():
    def minibatches(X, y, batch_size, rng):
        order = np.random.default_rng(0).permutation(len(y))
        for start in range(0, len(y), batch_size):
            yield X[order[start:start + batch_size]], y[order[start:start + batch_size]]
    rejects(check.minibatches, minibatches, "same order")


def test_minibatches_rejects_returning_none():
    def minibatches(X, y, batch_size, rng):
        rng.permutation(len(y))
    rejects(check.minibatches, minibatches, "None")


# --------------------------------------------------------------------------
# train_logistic
# --------------------------------------------------------------------------
def bce(y, p):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def make_train(minibatches=mb_list, sign=1.0, full_x=False, per_batch_loss=False, drop_last=False):
    """A train_logistic with an optional mistake built in."""
    def train_logistic(X, y, w0, learning_rate, n_epochs, batch_size, rng):
        w = np.array(w0, dtype=float)
        loss = bce(y, stable_sigmoid(X @ w))
        epoch_losses, update_losses = [loss], [loss]
        for _ in range(n_epochs):
            for Xb, yb in minibatches(X, y, batch_size, rng):
                if drop_last and len(yb) < batch_size:
                    continue
                if full_x:
                    Xb, yb = X, y
                w = w - sign * learning_rate * Xb.T @ (stable_sigmoid(Xb @ w) - yb) / len(yb)
                update_losses.append(bce(yb, stable_sigmoid(Xb @ w)) if per_batch_loss else bce(y, stable_sigmoid(X @ w)))
            epoch_losses.append(bce(y, stable_sigmoid(X @ w)))
        return w, epoch_losses, update_losses     # lists are fine
    return train_logistic


def test_train_logistic_accepts_alternatives():
    check.train_logistic(make_train())
    check.train_logistic(make_train(minibatches=mb_array_split))


def test_train_logistic_rejects_a_flipped_update():
    rejects(check.train_logistic, make_train(sign=-1.0), "up the gradient")


def test_train_logistic_rejects_gradient_on_all_of_x():
    rejects(check.train_logistic, make_train(full_x=True), "each mini-batch", "not on all of X")


def test_train_logistic_rejects_dropping_the_last_batch():
    rejects(check.train_logistic, make_train(drop_last=True), "last, smaller batch was dropped")


def test_train_logistic_rejects_batch_losses_as_update_losses():
    rejects(check.train_logistic, make_train(per_batch_loss=True), "whole training set")


def test_train_logistic_rejects_one_update_per_epoch():
    def train_logistic(X, y, w0, learning_rate, n_epochs, batch_size, rng):
        w = np.array(w0, dtype=float)
        losses = [bce(y, stable_sigmoid(X @ w))]
        for _ in range(n_epochs):
            Xb, yb = next(iter(mb_list(X, y, batch_size, rng)))
            w = w - learning_rate * Xb.T @ (stable_sigmoid(Xb @ w) - yb) / len(yb)
            losses.append(bce(y, stable_sigmoid(X @ w)))
        return w, losses, losses
    rejects(check.train_logistic, train_logistic, "update")


def test_train_logistic_rejects_changing_w0_in_place():
    def train_logistic(X, y, w0, learning_rate, n_epochs, batch_size, rng):
        w = w0
        loss = bce(y, stable_sigmoid(X @ w))
        epoch_losses, update_losses = [loss], [loss]
        for _ in range(n_epochs):
            for Xb, yb in mb_list(X, y, batch_size, rng):
                w -= learning_rate * Xb.T @ (stable_sigmoid(Xb @ w) - yb) / len(yb)
                update_losses.append(bce(y, stable_sigmoid(X @ w)))
            epoch_losses.append(update_losses[-1])
        return w, epoch_losses, update_losses
    rejects(check.train_logistic, train_logistic, "in place")


def test_train_logistic_rejects_a_pair():
    def train_logistic(X, y, w0, learning_rate, n_epochs, batch_size, rng):
        w, epoch_losses, _ = make_train()(X, y, w0, learning_rate, n_epochs, batch_size, rng)
        return w, epoch_losses
    rejects(check.train_logistic, train_logistic, "triple")


def test_predict_proba_with_the_sigmoid_before_the_product_is_named():
    rejects(check.predict_proba, lambda X, w: check.logistic(X) @ w, "sigmoid to X, then the product")
