"""Checks for notebook 05, "Training in practice".

Expected values are small cases computed by hand (shown in the comments),
properties (a split loses and repeats no sample), the numerical gradient, and
a scripted model whose validation losses are known in advance (early stopping).
"""
import warnings

import numpy as np

from .framework import Exercises
from .gradcheck import numerical_gradient

exercises = Exercises("05_training_in_practice")
catch_up = exercises.catch_up
progress = exercises.progress


# --------------------------------------------------------------------------
# Exercise 1: train_validation_split
# --------------------------------------------------------------------------
def _quadruple(chk, result):
    if not isinstance(result, tuple) or len(result) != 4:
        chk.fail(f"train_validation_split should return (X_train, y_train, X_val, y_val), got "
                 f"{type(result).__name__}.", hint="end with `return X_train, y_train, X_val, y_val`.")
    return result


def _numbered(n):
    """Row i of X is [2i, 2i + 1] and y[i] = i, so every sample can be traced."""
    return np.arange(2 * n, dtype=float).reshape(n, 2), np.arange(n)


def _split_properties(chk, X, y, result, n_val_allowed):
    X_train, y_train, X_val, y_val = _quadruple(chk, result)
    for arr, what in ((X_train, "X_train"), (y_train, "y_train"), (X_val, "X_val"), (y_val, "y_val")):
        chk.finite(chk.is_array(arr, what=what), what=what)
    n = len(y)
    chk.true(X_train.ndim == 2 and X_val.ndim == 2 and X_train.shape[1] == X.shape[1],
             f"X_train and X_val should have {X.shape[1]} columns like X, got shapes "
             f"{X_train.shape} and {X_val.shape}.")
    chk.true(len(X_train) == len(y_train) and len(X_val) == len(y_val),
             "X_train and y_train (or X_val and y_val) have different numbers of rows.")
    chk.true(np.array_equal(X_train[:, 0], 2 * y_train) and np.array_equal(X_val[:, 0], 2 * y_val),
             "the rows of X and the labels y no longer match: shuffle X and y with the same order.",
             hint="draw one permutation, order = rng.permutation(n), and index both X and y with it.")
    ids = np.concatenate([y_train, y_val])
    overlap = np.intersect1d(y_train, y_val)
    if overlap.size:
        chk.fail(f"{overlap.size} sample(s) are in both the training and the validation set: "
                 "the sets overlap, so the validation error is not measured on unseen data.",
                 hint="split one permutation into two parts instead of drawing twice.")
    if len(np.unique(ids)) < len(ids):
        chk.fail("some samples appear twice: the split repeats samples.",
                 hint="use rng.permutation (each index once), not rng.choice with replacement.")
    if len(ids) < n:
        chk.fail(f"the split loses samples: {n} in, {len(y_train)} + {len(y_val)} = {len(ids)} out.",
                 hint="compute n_val once and take the rest as training: order[:n_val], order[n_val:].")
    chk.true(len(y_val) in n_val_allowed,
             f"expected {' or '.join(map(str, n_val_allowed))} validation samples, got {len(y_val)}.",
             hint="n_val = int(round(validation_fraction * n)).")
    return X_train, y_train, X_val, y_val


@exercises.register("train_validation_split")
def train_validation_split(func):
    with exercises.check("train_validation_split", func) as chk:
        with chk.case("10 samples, validation_fraction = 0.3"):
            X, y = _numbered(10)
            result = chk.call(X, y, 0.3, np.random.default_rng(0))
            _split_properties(chk, X, y, result, (3,))      # 0.3 · 10 = 3
        with chk.case("101 samples, validation_fraction = 0.2: nothing lost, nothing repeated"):
            X, y = _numbered(101)
            result = chk.call(X, y, 0.2, np.random.default_rng(1))
            # 0.2 · 101 = 20.2: 20 (rounded) or 21 (rounded up) validation samples
            X_train, y_train, X_val, y_val = _split_properties(chk, X, y, result, (20, 21))
            chk.true(not np.array_equal(np.sort(y_val), np.arange(101 - len(y_val), 101))
                     and not np.array_equal(np.sort(y_val), np.arange(len(y_val))),
                     "the validation set is the last (or first) rows of X: the split is not shuffled.",
                     hint="data files are often sorted; shuffle with rng.permutation before splitting.")
        with chk.case("the split comes from the rng passed in"):
            X, y = _numbered(50)
            first = _quadruple(chk, chk.call(X, y, 0.2, np.random.default_rng(7)))
            again = _quadruple(chk, chk.call(X, y, 0.2, np.random.default_rng(7)))
            other = _quadruple(chk, chk.call(X, y, 0.2, np.random.default_rng(8)))
            chk.true(np.array_equal(first[3], again[3]),
                     "the same rng seed gave two different splits.",
                     hint="use the rng argument (rng.permutation), not np.random or a new default_rng().")
            chk.true(not np.array_equal(np.sort(first[3]), np.sort(other[3])),
                     "two different rng seeds gave the same split: use the rng argument.")
        with chk.case("20 samples, validation_fraction = 0.25: the validation set is the start of the order"):
            # Pinned so that every learner's split (and so every number in the notebook) is the same:
            # order = rng.permutation(20); validation = order[:5], training = order[5:].
            X, y = _numbered(20)
            order = np.random.default_rng(3).permutation(20)
            X_train, y_train, X_val, y_val = _quadruple(chk, chk.call(X, y, 0.25, np.random.default_rng(3)))
            got = np.sort(np.asarray(y_val).ravel())
            if np.array_equal(got, np.sort(order[-5:])):
                chk.fail("the validation set is the end of the shuffled order; the notebook takes it from the "
                         "start, so that everyone's split is the same.",
                         hint="order = rng.permutation(n); validation = order[:n_val], training = order[n_val:].")
            chk.true(np.array_equal(got, np.sort(order[:5])),
                     "the validation samples are not the first n_val of rng.permutation(n).",
                     hint="order = rng.permutation(n); validation = order[:n_val], training = order[n_val:].")


# --------------------------------------------------------------------------
# Exercise 2: L2 regularization
# --------------------------------------------------------------------------
def _small_params():
    return {"W1": np.array([[1.0, 2.0], [0.0, -1.0]]), "b1": np.array([3.0, 4.0]),
            "W2": np.array([[2.0], [1.0]]), "b2": np.array([1.0])}
# Squared entries: W1 1 + 4 + 0 + 1 = 6, W2 4 + 1 = 5, b1 9 + 16 = 25, b2 1.


def _fail_if_grads_changed(chk, add_gradient, grads, params, lam):
    """A dict-specific message for `grads[k] += ...`: the generic in-place hint suggests
    grads.copy(), which for a dict still shares (and changes) the arrays."""
    probe = {k: v.copy() for k, v in grads.items()}
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            add_gradient(probe, {k: v.copy() for k, v in params.items()}, lam)
    except Exception:      # chk.call reports it (or "not implemented yet") next
        return
    if set(probe) != set(grads) or any(not np.array_equal(probe[k], grads[k]) for k in grads):
        chk.fail("add_l2_gradient changed the dictionary `grads` (or its arrays) in place; "
                 "return a new dictionary and leave `grads` as it was.",
                 hint="build it key by key, e.g. {k: g + ... for k, g in grads.items()}; "
                      "grads.copy() alone is not enough: the copy shares the arrays.")


@exercises.register("l2_regularization", args=("l2_penalty", "add_l2_gradient"))
def l2_regularization(penalty, add_gradient):
    with exercises.check("l2_regularization", add_gradient) as chk:
        with chk.case("l2_penalty of a 2-2-1 network, lam = 0.1"):
            # lam/2 · (6 + 5) = 0.05 · 11 = 0.55
            got = chk.call(_small_params(), 0.1, func=penalty)
            chk.scalar(got, 0.55, what="the penalty", diagnoses=[
                (0.05 * (11 + 26), "the biases are penalised too: the penalty sums the squared weights "
                                   "W only, not b."),
                (0.1 * 11, "the factor 1/2 is missing: the penalty is lam/2 · Σ W²."),
                (0.1 * 37, "the biases are penalised and the 1/2 is missing: lam/2 · Σ W² over the W only."),
                (0.05 * (np.sqrt(6) + np.sqrt(5)), "you used the norm, not its square: Σ W² (np.sum(W ** 2))."),
            ], hint="lam / 2 · (sum of the squares of every entry of every W).")
        with chk.case("add_l2_gradient with zero data gradients, lam = 0.1"):
            params = _small_params()
            zeros = {k: np.zeros_like(v) for k, v in params.items()}
            _fail_if_grads_changed(chk, add_gradient, zeros, params, 0.1)
            result = chk.call(zeros, params, 0.1, func=add_gradient)
            if not isinstance(result, dict) or set(result) != set(params):
                chk.fail(f"add_l2_gradient should return a dict with the keys {sorted(params)}, got "
                         f"{type(result).__name__}{' with keys ' + str(sorted(result)) if isinstance(result, dict) else ''}.")
            for key in ("b1", "b2"):
                chk.array(result[key], np.zeros_like(params[key]), what=key, diagnoses=[
                    (0.1 * params[key], f"{key} got a penalty term: the biases are not regularized; "
                                        "leave their gradients unchanged."),
                ])
            for key in ("W1", "W2"):
                chk.array(result[key], 0.1 * params[key], what=f"the gradient of {key}", diagnoses=[
                    (0.2 * params[key], "you add 2·lam·W: the derivative of lam/2 · W² is lam·W."),
                    (0.05 * params[key], "you add lam/2 · W: the derivative of lam/2 · W² is lam·W."),
                    (-0.1 * params[key], "you subtract lam·W: the penalty's gradient is +lam·W."),
                ])
        with chk.case("random data gradients, lam = 0.3: penalty and gradient agree numerically"):
            rng = np.random.default_rng(11)
            params = {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4),
                      "W2": rng.normal(size=(4, 1)), "b2": rng.normal(size=1)}
            data_grads = {k: rng.normal(size=v.shape) for k, v in params.items()}
            result = chk.call(data_grads, params, 0.3, func=add_gradient)
            if not isinstance(result, dict):
                chk.fail("add_l2_gradient should return a dict of gradients.")
            chk.scalar(chk.call(params, 0.3, func=penalty), what="l2_penalty(params, 0.3)")
            for key in params:
                numeric = numerical_gradient(lambda: penalty(params, 0.3), params[key])
                chk.array(result[key], data_grads[key] + numeric, what=f"the gradient of {key}",
                          rtol=1e-5, atol=1e-7,
                          hint="the gradient of your l2_penalty plus the data gradient: grads[W] + lam·W.")


# --------------------------------------------------------------------------
# Exercise 3: early stopping
# --------------------------------------------------------------------------
VAL_MARK = 7.0   # X_val is filled with this value, so the scripted model knows it is asked for it


class ScriptedModel:
    """Stands in for MLP: each epoch of fit adds 1 to every weight (in place); the
    validation loss after epoch k is script[k - 1], known in advance."""

    def __init__(self, script):
        self.script = list(script)
        self.params = {"W1": np.zeros((2, 2)), "b1": np.zeros(2)}
        self.epochs_run = 0
        self.history = []

    def fit(self, X, y, epochs=1, learning_rate=0.1, batch_size=32, callback=None):
        for epoch in range(epochs):
            self.epochs_run += 1
            self.params["W1"] += 1.0        # in place, as MLP.step does
            self.params["b1"] -= 1.0
            self.history.append(1.0 / self.epochs_run)
            if callback is not None:
                callback(self, epoch)
        return self.history

    def loss(self, X, y):
        if np.all(np.asarray(X) == VAL_MARK):
            if self.epochs_run == 0:
                return 10.0
            return self.script[min(self.epochs_run, len(self.script)) - 1]
        return 1.0 / max(self.epochs_run, 1)

    def predict_proba(self, X):
        return np.full(len(X), 0.5)

    def predict(self, X):
        return np.zeros(len(X), dtype=int)


def _data():
    X_train = np.zeros((6, 2))
    y_train = np.array([0, 1, 0, 1, 0, 1])
    X_val = np.full((4, 2), VAL_MARK)
    y_val = np.array([0, 1, 1, 0])
    return X_train, y_train, X_val, y_val


def _pair(chk, result):
    if not isinstance(result, tuple) or len(result) != 2:
        chk.fail(f"early_stopping should return (best_params, val_losses), got {type(result).__name__}.",
                 hint="end with `return best_params, val_losses`.")
    best, losses = result
    if not isinstance(best, dict):
        chk.fail(f"best_params should be a dict like model.params, got {type(best).__name__}.")
    return best, np.asarray(losses, dtype=float)


@exercises.register("early_stopping")
def early_stopping(func):
    with exercises.check("early_stopping", func) as chk:
        with chk.case("validation losses 5, 4, 3, 3.5, 3.2, 3.6, 3.8, 2, ... with patience 3"):
            # Best after epoch 3 (loss 3). Epochs 4, 5, 6 do not beat it: 3 epochs without
            # improvement, so training stops after epoch 6, and the best weights are those
            # after 3 epochs: W1 = 3 everywhere, b1 = −3.
            script = [5, 4, 3, 3.5, 3.2, 3.6, 3.8, 2.0, 1.0, 0.5]
            model = ScriptedModel(script)
            best, losses = _pair(chk, chk.call(model, *_data(), max_epochs=10, patience=3,
                                               learning_rate=0.1))
            W1 = np.asarray(best.get("W1", np.nan), dtype=float)
            if np.allclose(W1, model.epochs_run) and model.epochs_run != 3:
                chk.fail(f"best_params are the weights of the last epoch ({model.epochs_run}), not of "
                         "the best validation epoch (3).",
                         hint="when the validation loss improves, keep a *copy* of the weights: "
                              "{k: v.copy() for k, v in model.params.items()} (model.params changes "
                              "in place as training goes on).")
            chk.array(W1, np.full((2, 2), 3.0), what="best_params['W1']",
                      hint="the best validation loss (3) came after epoch 3.")
            chk.true(model.epochs_run == 6,
                     f"training ran {model.epochs_run} epochs; with patience 3 it should stop after "
                     "epoch 6 (epochs 4, 5 and 6 did not beat the best loss of epoch 3).",
                     hint="count the epochs since the last improvement; stop when the count reaches patience.")
            chk.array(losses, script[:6], what="val_losses",
                      hint="one validation loss per epoch that ran, in order.")
            chk.array(np.asarray(model.params["W1"], dtype=float), np.full((2, 2), 3.0),
                      what="model.params['W1'] after early_stopping",
                      hint="leave the model with the best weights: model.params = best_params.")
        with chk.case("the validation loss improves every epoch: runs max_epochs = 5"):
            model = ScriptedModel([5, 4, 3, 2, 1, 0.5, 0.2])
            best, losses = _pair(chk, chk.call(model, *_data(), max_epochs=5, patience=2,
                                               learning_rate=0.1))
            chk.true(model.epochs_run == 5, f"expected 5 epochs (max_epochs), ran {model.epochs_run}.")
            chk.array(np.asarray(best.get("W1", np.nan), dtype=float), np.full((2, 2), 5.0),
                      what="best_params['W1']", hint="the last epoch is the best one here.")
        with chk.case("patience 1 stops at the first epoch without improvement"):
            model = ScriptedModel([5, 4, 4.5, 1])
            best, losses = _pair(chk, chk.call(model, *_data(), max_epochs=10, patience=1,
                                               learning_rate=0.1))
            chk.true(model.epochs_run == 3, f"expected 3 epochs, ran {model.epochs_run}.",
                     hint="epoch 3 did not improve on epoch 2; with patience 1 that is the end.")
            chk.array(np.asarray(best.get("b1", np.nan), dtype=float), np.full(2, -2.0),
                      what="best_params['b1']", hint="the best epoch is epoch 2.")
        with chk.case("validation losses 5, 5.5, 4, 4.5, 4.8, 3, 3.2, ... with patience 3: "
                      "the count restarts at each improvement"):
            # Improvements at epochs 1, 3 and 6; no run of 3 epochs without one until epochs
            # 7, 8, 9, so training stops after epoch 9 with the weights of epoch 6.
            model = ScriptedModel([5, 5.5, 4, 4.5, 4.8, 3, 3.2, 3.4, 3.6, 1, 0.5])
            best, losses = _pair(chk, chk.call(model, *_data(), max_epochs=11, patience=3,
                                               learning_rate=0.1))
            if model.epochs_run == 5:
                chk.fail("training stopped after epoch 5, at the 3rd epoch without improvement in "
                         "all; patience counts the epochs *in a row* without improvement.",
                         hint="reset the count to 0 whenever the validation loss improves.")
            chk.true(model.epochs_run == 9, f"expected 9 epochs, ran {model.epochs_run}.",
                     hint="epochs 7, 8 and 9 are the first 3 in a row without improvement.")
            chk.array(np.asarray(best.get("W1", np.nan), dtype=float), np.full((2, 2), 6.0),
                      what="best_params['W1']", hint="the best epoch is epoch 6.")


# --------------------------------------------------------------------------
# Exercise 5a: momentum_step and adam_step
# --------------------------------------------------------------------------
def _triple_or_pair(chk, result, n, names):
    if not isinstance(result, tuple) or len(result) != n:
        chk.fail(f"should return ({', '.join(names)}), got {type(result).__name__}.",
                 hint=f"end with `return {', '.join(names)}`.")
    return result


@exercises.register("optimiser_steps", args=("momentum_step", "adam_step"))
def optimiser_steps(momentum_step, adam_step):
    with exercises.check("optimiser_steps", momentum_step) as chk:
        with chk.case("momentum_step(w=[1, -2], dw=[0.5, 1], velocity=[0.2, 0], learning_rate=0.1, momentum=0.9)"):
            # velocity_new = 0.9·[0.2, 0] − 0.1·[0.5, 1] = [0.18 − 0.05, −0.1] = [0.13, −0.1]
            # w_new = [1, −2] + [0.13, −0.1] = [1.13, −2.1]
            w, dw, vel = np.array([1.0, -2.0]), np.array([0.5, 1.0]), np.array([0.2, 0.0])
            w_new, v_new = _triple_or_pair(chk, chk.call(w, dw, vel, 0.1, 0.9, func=momentum_step), 2,
                                           ("w_new", "velocity_new"))
            chk.array(v_new, [0.13, -0.1], what="velocity_new", diagnoses=[
                ([0.23, 0.1], "the gradient term has the wrong sign: velocity = β·velocity − α·dw "
                              "(the velocity points downhill)."),
                ([0.68, 1.0], "this is the velocity as a sum of gradients, β·velocity + dw; this notebook's "
                              "velocity is a sum of steps: β·velocity − α·dw."),
                ([0.25, 0.9], "momentum and learning_rate are swapped: β·velocity − α·dw with β = momentum."),
            ])
            chk.array(w_new, [1.13, -2.1], what="w_new", diagnoses=[
                ([1.2, -2.0], "w moved by the old velocity: add the new one, w + velocity_new."),
                ([0.87, -1.9], "w moved against the velocity: w_new = w + velocity_new (the minus sign is "
                               "already inside the velocity)."),
            ])
            with chk.case("adam_step, first step (t = 1): w = [1, -1], dw = [0.1, -0.2], m = v = 0, learning_rate 0.01"):
                # m = 0.1·dw = [0.01, −0.02], v = 0.001·dw² = [1e-5, 4e-5]
                # m̂ = m / (1 − 0.9) = dw, v̂ = v / (1 − 0.999) = dw², so the step is α·dw/|dw| = α·sign(dw):
                # w_new = [1 − 0.01, −1 + 0.01] = [0.99, −0.99] (to 1e-9: ε is 1e-8)
                w, dw, zeros = np.array([1.0, -1.0]), np.array([0.1, -0.2]), np.zeros(2)
                w_new, m_new, v_new = _triple_or_pair(chk, chk.call(w, dw, zeros, zeros, 1, 0.01, func=adam_step), 3,
                                                      ("w_new", "m_new", "v_new"))
                chk.array(m_new, [0.01, -0.02], what="m_new", diagnoses=[
                    ([0.001 * 0.1, -0.001 * 0.2], "m uses β2: m = β1·m + (1 − β1)·dw, v = β2·v + (1 − β2)·dw²."),
                    ([0.09, -0.18], "the weights are swapped: m = β1·m + (1 − β1)·dw, not (1 − β1)·m + β1·dw."),
                ], hint="m_new = beta1 * m + (1 - beta1) * dw: the average before bias correction.")
                chk.array(v_new, [1e-5, 4e-5], what="v_new", diagnoses=[
                    ([1e-3, 4e-3], "v uses β1: v = β2·v + (1 − β2)·dw²."),
                    ([1e-4, -2e-4], "v averages dw, not its square: v = β2·v + (1 − β2)·dw²."),
                ], hint="v_new = beta2 * v + (1 - beta2) * dw ** 2.")
                no_correction = 0.01 * np.array([0.01, -0.02]) / (np.sqrt([1e-5, 4e-5]) + 1e-8)
                no_sqrt = 0.01 * np.array([0.1, -0.2]) / (np.array([0.01, 0.04]) + 1e-8)
                chk.array(w_new, [0.99, -0.99], what="w_new", rtol=1e-6, atol=1e-7, diagnoses=[
                    (np.array([1.0, -1.0]) - no_correction, "the bias correction is missing: divide m by "
                                                            "(1 − β1^t) and v by (1 − β2^t) before the step."),
                    (np.array([1.0, -1.0]) - no_sqrt, "the square root is missing: the step is "
                                                      "α·m̂ / (√v̂ + ε)."),
                    (np.array([1.0, -1.0]) + 0.01 * np.sign([0.1, -0.2]), "the step goes uphill: w − α·m̂ / (√v̂ + ε)."),
                ], hint="the first Adam step moves every weight by about α against the sign of its gradient.")
            with chk.case("adam_step, step t = 2: w = [1], dw = [0.1], m = [0.05], v = [0.0004], learning_rate 0.01"):
                # m = 0.9·0.05 + 0.1·0.1 = 0.055;  v = 0.999·0.0004 + 0.001·0.01 = 0.0004096
                # m̂ = 0.055 / (1 − 0.81) = 0.2894737;  v̂ = 0.0004096 / (1 − 0.998001) = 0.2049025
                # step = 0.01 · 0.2894737 / 0.4526616 = 0.0063949;  w_new = 0.9936051
                got = _triple_or_pair(chk, chk.call(np.array([1.0]), np.array([0.1]), np.array([0.05]), np.array([0.0004]),
                                                    2, 0.01, func=adam_step), 3, ("w_new", "m_new", "v_new"))
                t1 = 1.0 - 0.01 * (0.055 / 0.1) / (np.sqrt(0.0004096 / 0.001) + 1e-8)
                chk.array(got[0], [1.0 - 0.01 * 0.2894737 / 0.4526616], what="w_new", rtol=1e-5, diagnoses=[
                    ([t1], "the bias correction uses t = 1 whatever t is: divide by (1 − β1**t) and (1 − β2**t)."),
                ], hint="m̂ = m_new / (1 - beta1 ** t), v̂ = v_new / (1 - beta2 ** t).")


# --------------------------------------------------------------------------
# Exercise 5b: clip_by_global_norm
# --------------------------------------------------------------------------
@exercises.register("clip_by_global_norm")
def clip_by_global_norm(func):
    with exercises.check("clip_by_global_norm", func) as chk:
        with chk.case('grads {"a": [3, 4], "b": [[12]]}, max_norm = 1.3'):
            # global norm √(9 + 16 + 144) = √169 = 13 > 1.3: every gradient times 1.3 / 13 = 0.1
            grads = {"a": np.array([3.0, 4.0]), "b": np.array([[12.0]])}
            result = _triple_or_pair(chk, chk.call(grads, 1.3), 2, ("clipped", "norm"))
            clipped, norm = result
            chk.scalar(norm, 13.0, what="norm", diagnoses=[
                (1.3, "norm is the norm after clipping: return the global norm before clipping (13 here)."),
                (169.0, "norm is the sum of squares: take its square root."),
                (17.0, "norm adds the arrays' norms (5 + 12): the global norm is √(sum of all squares)."),
            ])
            if not isinstance(clipped, dict) or set(clipped) != set(grads):
                chk.fail(f"clipped should be a dict with the keys {sorted(grads)}, got {type(clipped).__name__}.")
            chk.array(clipped["a"], [0.3, 0.4], what='clipped["a"]', diagnoses=[
                ([0.78, 1.04], "each array was clipped to max_norm on its own: scale every gradient by the same "
                               "factor, max_norm / (global norm), so the direction of the step is kept."),
                ([1.3, 1.3], "the entries were clipped one by one (np.clip): that changes the direction of the "
                             "step; scale every gradient by max_norm / (global norm)."),
                ([0.3 / 1.3, 0.4 / 1.3], "the gradients were divided by the norm but not multiplied by max_norm."),
            ])
            chk.array(clipped["b"], [[1.2]], what='clipped["b"]')
        with chk.case('grads {"a": [0.3, 0.4]} (norm 0.5), max_norm = 1: nothing to clip'):
            grads = {"a": np.array([0.3, 0.4])}
            clipped, norm = _triple_or_pair(chk, chk.call(grads, 1.0), 2, ("clipped", "norm"))
            chk.scalar(norm, 0.5, what="norm")
            chk.array(clipped["a"], [0.3, 0.4], what='clipped["a"]', diagnoses=[
                ([0.6, 0.8], "a gradient below max_norm was scaled up to it: clipping only ever shrinks, "
                             "min(1, max_norm / norm)."),
            ])
