"""Training time of notebook 04's reference network against scikit-learn's MLPClassifier.

    python benchmarks/mlp_vs_sklearn.py          # the full task (300 epochs)
    python benchmarks/mlp_vs_sklearn.py --quick  # the same task, one run of each side instead of three

Both train the same task: the spirals (data/spirals.csv), the same held-out
quarter kept aside, a 2-32-32-1 tanh network with a sigmoid output, plain
mini-batch SGD (batch 32, constant learning rate 0.3, no momentum, no L2
penalty), shuffled every epoch, for the same number of epochs. The reference
network is the provided ``MLP`` class of solutions/04_multilayer_perceptron.ipynb
running the solution's layer functions (loaded with ``nb04.catch_up``).

BLAS runs single-threaded for both (set before numpy is imported, when this
script is run or imported first). Times are the CPU time of this process
(time.process_time), which other jobs on a shared machine disturb less than
wall-clock time; the two sides run in turn, ``repeats`` times each, and each
side's fastest run counts. ``run()`` returns the numbers as a dict so other scripts can
import it; run as a script, it prints them side by side.
"""
from __future__ import annotations

import argparse
import os
import time
import warnings

# Small matrices (32×32): BLAS threads only add overhead. The same setting for both sides;
# it must be set before numpy is imported to take effect.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

TASK = {
    "data_set": "spirals",
    "hidden_layer_sizes": (32, 32),
    "activation": "tanh",
    "learning_rate": 0.3,
    "batch_size": 32,
    "epochs": 300,
    "test_fraction": 0.25,
    "split_seed": 0,
}


def hold_out_split(X, y, test_fraction=0.25, seed=0):
    """The notebook's split: shuffle with default_rng(seed), the first quarter is the test set."""
    order = np.random.default_rng(seed).permutation(len(y))
    n_test = int(round(test_fraction * len(y)))
    test, train = order[:n_test], order[n_test:]
    return X[train], y[train], X[test], y[test]


def load_task(task=TASK):
    from utils import load_dataset
    X, y = load_dataset(task["data_set"])
    return hold_out_split(X, y, task["test_fraction"], task["split_seed"])


def make_sklearn(task=TASK, epochs=None, random_state=0):
    """MLPClassifier configured as plain mini-batch SGD, the same as the reference network.

    alpha=0: scikit-learn's alpha is an L2 penalty 0.5·alpha·‖W‖²/batch_size added to
    the loss; the reference network has none. tol=0 and n_iter_no_change > max_iter keep
    it from stopping early, so it runs exactly `epochs` epochs.
    """
    from sklearn.neural_network import MLPClassifier
    epochs = task["epochs"] if epochs is None else epochs
    return MLPClassifier(
        hidden_layer_sizes=task["hidden_layer_sizes"], activation=task["activation"],
        solver="sgd", learning_rate="constant", learning_rate_init=task["learning_rate"],
        momentum=0.0, nesterovs_momentum=False, alpha=0.0, batch_size=task["batch_size"],
        max_iter=epochs, tol=0.0, n_iter_no_change=epochs + 1, shuffle=True,
        early_stopping=False, random_state=random_state,
    )


def fit_sklearn(X_train, y_train, task=TASK, epochs=None, random_state=0):
    model = make_sklearn(task, epochs, random_state)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # ConvergenceWarning: max_iter reached, as intended
        model.fit(X_train, y_train)
    return model


def make_reference(task=TASK, seed=0):
    from utils.checks import nb04
    MLP = nb04.catch_up("MLP")
    return MLP([2, *task["hidden_layer_sizes"], 1], activation=task["activation"], seed=seed)


def fit_reference(X_train, y_train, task=TASK, epochs=None, seed=0):
    model = make_reference(task, seed)
    model.fit(X_train, y_train, epochs=task["epochs"] if epochs is None else epochs,
              learning_rate=task["learning_rate"], batch_size=task["batch_size"])
    return model


def _timed(fit):
    start = time.process_time()
    model = fit()
    return time.process_time() - start, model


def run(quick=False, repeats=None):
    """Time both on the task; returns a dict of seconds, their ratio and test accuracies."""
    # The quick mode keeps the whole task: after fewer epochs the reference network has not
    # left its plateau yet, and comparing the speed of two unfinished trainings says little.
    epochs = TASK["epochs"]
    repeats = repeats or (1 if quick else 3)
    X_train, y_train, X_test, y_test = load_task()
    make_reference()                       # load the solution's functions before timing
    ref_seconds = sk_seconds = np.inf
    for _ in range(repeats):               # interleaved, so both see the same machine load
        seconds, ref = _timed(lambda: fit_reference(X_train, y_train, epochs=epochs))
        ref_seconds = min(ref_seconds, seconds)
        seconds, sk = _timed(lambda: fit_sklearn(X_train, y_train, epochs=epochs))
        sk_seconds = min(sk_seconds, seconds)
    return {
        "epochs": epochs,
        "reference_seconds": ref_seconds,
        "sklearn_seconds": sk_seconds,
        "ratio": sk_seconds / ref_seconds,
        "reference_accuracy": float(np.mean(ref.predict(X_test) == y_test)),
        "sklearn_accuracy": float(sk.score(X_test, y_test)),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run of each side instead of three")
    args = parser.parse_args(argv)
    r = run(quick=args.quick)
    sizes = "-".join(map(str, (2, *TASK["hidden_layer_sizes"], 1)))
    print(f"{TASK['data_set']}, {sizes} {TASK['activation']}, {r['epochs']} epochs, "
          f"batch {TASK['batch_size']}, plain SGD")
    print(f"  reference network (notebook 04): {r['reference_seconds']:6.2f} s   "
          f"test accuracy {r['reference_accuracy']:.1%}")
    print(f"  scikit-learn MLPClassifier:      {r['sklearn_seconds']:6.2f} s   "
          f"test accuracy {r['sklearn_accuracy']:.1%}")
    print(f"  the reference network is {r['ratio']:.1f}× as fast as scikit-learn")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
