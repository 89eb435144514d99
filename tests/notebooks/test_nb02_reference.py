"""Notebook 02's logistic regression agrees with scikit-learn's.

The solution's functions (taken with catch_up, which runs the solution
notebook's exercise cells) train an unregularised logistic regression by
full-batch gradient descent. scikit-learn's LogisticRegression without a
penalty finds the exact minimum of the same loss on the same features; our
cross entropy must come within 1e-3 of it.

Bias handling: we prepend a column of ones (w[0] is the bias); scikit-learn
gets the same features *without* that column and fits its own intercept
(fit_intercept=True), which is the same model.
"""
import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn")
from sklearn.linear_model import LogisticRegression  # noqa: E402

from utils import load_dataset  # noqa: E402
from utils.checks import nb02  # noqa: E402
from utils.library import add_bias, standardize  # noqa: E402  (notebook 01's, as 02 imports them)

TOLERANCE = 1e-3


def cross_entropy_from_logits(y, z):
    """Mean cross entropy computed from the logits z = Xw (exact, never inf)."""
    return float(np.mean(np.logaddexp(0, z) - y * z))


def unregularised_logistic_regression():
    """LogisticRegression with no penalty, spelled for the installed scikit-learn."""
    major, minor = (int(part) for part in sklearn.__version__.split(".")[:2])
    no_penalty = {"C": np.inf} if (major, minor) >= (1, 8) else {"penalty": None}
    return LogisticRegression(**no_penalty, fit_intercept=True, solver="lbfgs", tol=1e-12, max_iter=100_000)


@pytest.fixture(scope="module")
def solution():
    names = ("quadratic_features", "train_logistic", "predict_proba", "accuracy")
    return dict(zip(names, nb02.catch_up(*names)))


def features(name, solution):
    X, y = load_dataset(name)
    if name == "rings":
        X = solution["quadratic_features"](X)
    X_scaled = standardize(X)[0]
    return X_scaled, add_bias(X_scaled), y


# (data set, learning rate, epochs): full-batch gradient descent, as in the notebook
CASES = [("rings", 10.0, 3000), ("linear_2d", 1.0, 2000)]


@pytest.mark.parametrize("name, learning_rate, n_epochs", CASES)
def test_cross_entropy_matches_scikit_learn(solution, name, learning_rate, n_epochs):
    X_scaled, Xb, y = features(name, solution)
    w, epoch_losses, _ = solution["train_logistic"](Xb, y, np.zeros(Xb.shape[1]), learning_rate, n_epochs,
                                                    len(y), np.random.default_rng(0))
    ours = cross_entropy_from_logits(y, Xb @ w)

    model = unregularised_logistic_regression().fit(X_scaled, y)
    theirs = cross_entropy_from_logits(y, model.decision_function(X_scaled))

    print(f"{name}: our cross entropy {ours:.6f}, scikit-learn's {theirs:.6f}, gap {ours - theirs:.2e}")
    assert np.isclose(epoch_losses[-1], ours, rtol=1e-9, atol=1e-12)   # the recorded loss is the real one
    assert ours >= theirs - 1e-6, "scikit-learn's unregularised fit is the minimum; ours cannot be lower"
    assert ours - theirs < TOLERANCE
    ours_accuracy = solution["accuracy"](solution["predict_proba"](Xb, w) >= 0.5, y)
    assert abs(ours_accuracy - model.score(X_scaled, y)) <= 0.01


def test_full_batch_descent_never_goes_up(solution):
    _, Xb, y = features("rings", solution)
    _, epoch_losses, update_losses = solution["train_logistic"](Xb, y, np.zeros(6), 10.0, 300, len(y),
                                                                np.random.default_rng(0))
    assert len(update_losses) == len(epoch_losses) == 301
    assert np.all(np.diff(epoch_losses) <= 1e-12)
