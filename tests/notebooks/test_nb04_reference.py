"""Notebook 04's reference network trains as well as scikit-learn's MLPClassifier.

Same task for both (benchmarks/mlp_vs_sklearn.py defines it): the spirals, the
notebook's held-out quarter, a 2-32-32-1 tanh network with a sigmoid output,
plain mini-batch SGD (batch 32, learning rate 0.3, no momentum, alpha=0), 300
epochs, shuffled every epoch. The reference network is the solution's ``MLP``
(loaded with ``nb04.catch_up``) running the solution's layer functions.
"""
import importlib.util
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sklearn")

from tools.paths import REPO


def _benchmark():
    spec = importlib.util.spec_from_file_location("mlp_vs_sklearn", REPO / "benchmarks" / "mlp_vs_sklearn.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return _benchmark()


@pytest.fixture(scope="module")
def split(bench):
    return bench.load_task()


def test_split_is_the_notebooks(split):
    X_train, y_train, X_test, y_test = split
    assert X_train.shape == (300, 2) and X_test.shape == (100, 2)
    # disjoint and complete: every point once
    both = np.vstack([X_train, X_test])
    assert len(np.unique(both, axis=0)) == 400


def test_reference_network_matches_sklearn_accuracy(bench, split):
    X_train, y_train, X_test, y_test = split
    reference = bench.fit_reference(X_train, y_train)
    reference_accuracy = np.mean(reference.predict(X_test) == y_test)
    # scikit-learn's own initialisation differs, so average it over a few seeds.
    sklearn_accuracies = [bench.fit_sklearn(X_train, y_train, random_state=seed).score(X_test, y_test)
                          for seed in range(3)]
    sklearn_accuracy = float(np.mean(sklearn_accuracies))
    print(f"reference {reference_accuracy:.3f}, scikit-learn {sklearn_accuracies} (mean {sklearn_accuracy:.3f})")
    assert reference_accuracy >= sklearn_accuracy - 0.02, (
        f"the reference network reaches {reference_accuracy:.1%} on the test set, scikit-learn "
        f"{sklearn_accuracy:.1%}: more than 2 points apart")
    assert reference_accuracy >= 0.9


def test_sklearn_runs_every_epoch(bench, split):
    X_train, y_train, _, _ = split
    model = bench.fit_sklearn(X_train, y_train, epochs=20)
    assert model.n_iter_ == 20          # no early stop: tol/n_iter_no_change are set for that


def test_reference_network_is_deterministic(bench, split):
    X_train, y_train, _, _ = split
    a = bench.fit_reference(X_train, y_train, epochs=5)
    b = bench.fit_reference(X_train, y_train, epochs=5)
    for key in a.params:
        np.testing.assert_allclose(a.params[key], b.params[key], rtol=1e-12, atol=0)
    assert np.all(np.diff(a.history) < 0.05)   # the loss does not blow up in the first epochs
