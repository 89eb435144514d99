"""Checks for notebook 05, "Training in practice".

Expected values are small cases computed by hand (in the comments), properties (a split loses
and repeats no sample), the numerical gradient, and a scripted model whose validation losses
are known in advance (early stopping).
"""
import numpy as np

from .framework import Check, Exercises, describe, fmt
from .gradcheck import numerical_gradient

exercises = Exercises("05_training_in_practice")
catch_up, progress = exercises.catch_up, exercises.progress
SPLIT = "X_train, y_train, X_val, y_val"
ORDER = "order = rng.permutation(n); validation = order[:n_val], training = order[n_val:]."


def _split(chk, func, n, fraction, seed, n_val_allowed):
    X, y = np.arange(2 * n, dtype=float).reshape(n, 2), np.arange(n)    # row i of X is [2i, 2i + 1], y[i] = i
    X_train, y_train, X_val, y_val = parts = chk.call(X, y, fraction, np.random.default_rng(seed), func=func, returns=SPLIT)
    for arr, what in zip(parts, SPLIT.split(", ")):
        chk.finite(chk.is_array(arr, what=what), what=what)
    shapes = [np.shape(a) for a in parts]
    if [len(sh) for sh in shapes] == [2, 2, 1, 1]:               # X_train, X_val, y_train, y_val
        chk.fail(f"the four arrays come back in the wrong order: shapes {', '.join(map(str, shapes))} are two X's "
                 "and then two y's.", hint=f"return {SPLIT}, in that order.")
    chk.true(X_train.ndim == 2 and X_val.ndim == 2 and X_train.shape[1] == 2, "X_train and X_val should have "
             f"2 columns like X, got shapes {X_train.shape} and {X_val.shape}.")
    chk.true(len(X_train) == len(y_train) and len(X_val) == len(y_val),
             "X_train and y_train (or X_val and y_val) have different numbers of rows.")
    chk.true(np.array_equal(X_train[:, 0], 2 * y_train) and np.array_equal(X_val[:, 0], 2 * y_val),
             "the rows of X and the labels y no longer match: shuffle X and y with the same order.",
             hint="draw one permutation, order = rng.permutation(n), and index both X and y with it.")
    for part, what in ((y_train, "training"), (y_val, "validation")):   # repeats within a set: replacement
        chk.true(len(np.unique(part)) == len(part), f"some samples appear twice in the {what} set: the samples "
                 "were drawn with replacement.", hint="use rng.permutation (each index once), not rng.choice "
                 "with replacement or rng.integers.")
    overlap = np.intersect1d(y_train, y_val)
    chk.true(not overlap.size, f"{overlap.size} sample(s) are in both the training and the validation set: the "
             "sets overlap, so the validation error is not measured on unseen data.",
             hint="split one permutation into two parts instead of drawing twice.")
    chk.true(len(y_train) + len(y_val) == n, f"the split loses samples: {n} in, {len(y_train)} + {len(y_val)} = "
             f"{len(y_train) + len(y_val)} out.", hint="compute n_val once and take the rest as training: "
             "order[:n_val], order[n_val:].")
    product = fraction * n
    chk.true(len(y_val) in n_val_allowed or len(y_val) != int(product) or int(product) == product,
             f"expected {' or '.join(map(str, n_val_allowed))} validation samples, got {len(y_val)}: "
             f"validation_fraction · n = {fraction} · {n} = {product:g}, and int() truncates it to {int(product)}; "
             f"round it first: n_val = int(round(validation_fraction * n)) = {int(round(product))}.")
    chk.true(len(y_val) in n_val_allowed, f"expected {' or '.join(map(str, n_val_allowed))} validation samples, "
             f"got {len(y_val)}.", hint="n_val = int(round(validation_fraction * n)).")
    return y_val


@exercises.exercise("train_validation_split")
def train_validation_split(chk):
    with chk.case("10 samples, validation_fraction = 0.3"):
        _split(chk, chk.func, 10, 0.3, 0, (3,))                 # 0.3 · 10 = 3
    with chk.case("10 samples, validation_fraction = 0.35: 3.5 validation samples, rounded to 4"):
        _split(chk, chk.func, 10, 0.35, 2, (4,))                # round(3.5) = 4 (to even, and up)
    with chk.case("101 samples, validation_fraction = 0.2"):   # 20.2: 20 (rounded) or 21 (rounded up)
        y_val = np.sort(_split(chk, chk.func, 101, 0.2, 1, (20, 21)))
        chk.true(not np.array_equal(y_val, np.arange(101 - len(y_val), 101)) and not np.array_equal(
            y_val, np.arange(len(y_val))), "the validation set is the last (or first) rows of X: the split is "
            "not shuffled.", hint="data files are often sorted; shuffle with rng.permutation before splitting.")
    with chk.case("50 samples, rng seeds 7, 7 and 8: the split comes from the rng passed in"):
        first, again, other = (np.sort(_split(chk, chk.func, 50, 0.2, s, (10,))) for s in (7, 7, 8))
        chk.true(np.array_equal(first, again), "the same rng seed gave two different splits.",
                 hint="use the rng argument (rng.permutation), not np.random or a new default_rng().")
        chk.true(not np.array_equal(first, other), "two different rng seeds gave the same split: use the rng argument.")
    with chk.case("20 samples, validation_fraction = 0.25, seed 3: the validation set is the start of the order"):
        # Pinned so that every learner's split (and every number in the notebook) is the same.
        order, got = np.random.default_rng(3).permutation(20), np.sort(_split(chk, chk.func, 20, 0.25, 3, (5,)))
        chk.true(not np.array_equal(got, np.sort(order[-5:])), "the validation set is the end of the shuffled "
                 "order; the notebook takes it from the start, so that everyone's split is the same.", hint=ORDER)
        chk.true(np.array_equal(got, np.sort(order[:5])),
                 "the validation samples are not the first n_val of rng.permutation(n).", hint=ORDER)


SMALL = {"W1": np.array([[1.0, 2.0], [0.0, -1.0]]), "b1": np.array([3.0, 4.0]),
         "W2": np.array([[2.0], [1.0]]), "b2": np.array([1.0])}
# Squared entries: W1 1 + 4 + 0 + 1 = 6, W2 4 + 1 = 5, b1 9 + 16 = 25, b2 1.


@exercises.exercise("l2_regularization", args=("l2_penalty", "add_l2_gradient"))
def l2_regularization(chk, penalty):
    with chk.case("l2_penalty, W1 [[1, 2], [0, −1]], b1 [3, 4], W2 [[2], [1]], b2 [1], lam 0.1"):
        chk.scalar(chk.call(SMALL, 0.1, func=penalty), 0.55, what="the penalty", diagnoses=[   # 0.05 · (6 + 5)
            (0.05 * (11 + 26), "the biases are penalised too: the penalty sums the squared weights W only, not b."),
            (0.1 * 11, "the factor 1/2 is missing: the penalty is lam/2 · Σ W²."),
            (0.1 * 37, "the biases are penalised and the 1/2 is missing: lam/2 · Σ W² over the W only."),
            (0.05 * (np.sqrt(6) + np.sqrt(5)), "you used the norm, not its square: Σ W² (np.sum(W ** 2)).")],
            hint="lam / 2 · (sum of the squares of every entry of every W).")
    with chk.case("add_l2_gradient of the same network with zero data gradients, lam = 0.1"):
        result = chk.call({k: np.zeros_like(v) for k, v in SMALL.items()}, SMALL, 0.1)
        chk.true(isinstance(result, dict) and set(result) == set(SMALL), f"add_l2_gradient should return a dict "
                 f"with the keys {sorted(SMALL)}, got {describe(result, {})}"
                 f"{' with keys ' + str(sorted(result)) if isinstance(result, dict) else ''}.")
        for key in ("b1", "b2"):
            chk.array(result[key], np.zeros_like(SMALL[key]), what=key, diagnoses=[(0.1 * SMALL[key],
                      f"{key} got a penalty term: the biases are not regularized; leave their gradients unchanged.")])
        for key in ("W1", "W2"):
            chk.array(result[key], 0.1 * SMALL[key], what=f"the gradient of {key}", diagnoses=[
                (0.2 * SMALL[key], "you add 2·lam·W: the derivative of lam/2 · W² is lam·W."),
                (0.05 * SMALL[key], "you add lam/2 · W: the derivative of lam/2 · W² is lam·W."),
                (-0.1 * SMALL[key], "you subtract lam·W: the penalty's gradient is +lam·W.")])
    with chk.case("add_l2_gradient, random data gradients, lam = 0.3, against the numerical gradient"):
        params = dict(zip(("W1", "b1", "W2", "b2"), Check.random(11, (3, 4), 4, (4, 1), 1)))
        data = dict(zip(params, Check.random(12, (3, 4), 4, (4, 1), 1)))
        result = chk.call(data, params, 0.3)
        chk.true(isinstance(result, dict), "add_l2_gradient should return a dict of gradients.")

        def definition():        # lam/2 · Σ W², the W only: a wrong l2_penalty is the first case's, not this one's
            return 0.15 * sum(np.sum(params[k] ** 2) for k in ("W1", "W2"))
        for key in params:
            chk.array(result[key], data[key] + numerical_gradient(definition, params[key]),
                      what=f"the gradient of {key}", rtol=1e-5, atol=1e-7,
                      hint="the gradient of lam/2 · Σ W² plus the data gradient: grads[W] + lam·W, grads[b] unchanged.")


VAL_MARK = 7.0   # X_val is filled with this value, so the scripted model knows it is asked for it


class ScriptedModel:
    """Stands in for MLP: each epoch of fit adds 1 to W1 and −1 to b1 (in place); the validation
    loss after epoch k is script[k − 1], known in advance."""

    def __init__(self, script):
        self.script, self.epochs_run, self.history, self.trained, self.calls = list(script), 0, [], [], []
        self.params = {"W1": np.zeros((2, 2)), "b1": np.zeros(2)}

    def fit(self, X, y, epochs=1, learning_rate=0.1, batch_size=32, callback=None):
        self.trained.append(self.params["W1"])     # the arrays it changed: a reference to one is no copy
        self.calls.append((epochs, learning_rate, batch_size))
        for epoch in range(epochs):
            self.epochs_run += 1
            self.params["W1"] += 1.0        # in place, as GradientDescent.step does
            self.params["b1"] -= 1.0
            self.history.append(1.0 / self.epochs_run)
        return self.history

    def loss(self, X, y):
        if np.all(np.asarray(X) == VAL_MARK):
            return self.script[min(self.epochs_run, len(self.script)) - 1] if self.epochs_run else 10.0
        return 1.0 / max(self.epochs_run, 1)

    predict_proba = lambda self, X: np.full(len(X), 0.5)    # noqa: E731
    predict = lambda self, X: np.zeros(len(X), dtype=int)   # noqa: E731


DATA = (np.zeros((6, 2)), np.array([0, 1, 0, 1, 0, 1]), np.full((4, 2), VAL_MARK), np.array([0, 1, 1, 0]))
START = ("start best_params as a copy of model.params before the loop: with max_epochs = 0, or a validation loss "
         "that never improves (NaN), the starting weights are the best ones.")
# script, max_epochs, patience, epochs that run, the best epoch, what the case is about, {epochs run: why}
IN_A_ROW = (", not at the 3rd epoch without improvement in all: patience counts the epochs *in a row* without "
            "improvement; reset the count to 0 whenever the validation loss improves.")
STOPPING = [
    ([5, 4, 3, 3.5, 3.2, 3.6, 3.8, 2.0, 1.0, 0.5], 10, 3, 6, 3, "with patience 3", {}),
    ([5, 4, 3, 2, 1, 0.5, 0.2], 5, 2, 5, 5, "improving every epoch: runs max_epochs = 5", {}),
    ([5, 4, 4.5, 1], 10, 1, 3, 2, "patience 1 stops at the first epoch without improvement", {}),
    ([5, 5.5, 4, 4.5, 4.8, 3, 3.2, 3.4, 3.6, 1, 0.5], 11, 3, 9, 6, "patience 3: the count restarts at each "
     "improvement", {5: IN_A_ROW}),
    ([5, 4, 4, 4, 1], 5, 2, 4, 2, "patience 2: a tie is not an improvement",
     {5: ": a loss equal to the best so far is not an improvement (compare with <, not <=)."}),
    ([1.0], 0, 3, 0, 0, "max_epochs = 0: no training, the starting weights", {}),
    ([np.nan] * 6, 6, 2, 2, 0, "every one NaN, patience 2: NaN never improves, the starting weights", {}),
]


@exercises.exercise("early_stopping")
def early_stopping(chk):
    for script, max_epochs, patience, runs, best_epoch, about, why in STOPPING:
        with chk.case(f"validation losses {', '.join(f'{v:g}' for v in script[:7])}{', ...' * (len(script) > 7)}, "
                      f"{about}"):
            model = ScriptedModel(script)
            best, losses = chk.call(model, *DATA, max_epochs=max_epochs, patience=patience, learning_rate=0.05,
                                    batch_size=7, returns="best_params, val_losses",
                                    error_hint=lambda e: START if isinstance(e, (AttributeError, TypeError)) else None)
            chk.true(isinstance(best, dict), f"best_params should be a dict like model.params, got "
                     f"{describe(best, {})}.", hint=START)
            calls = [call for call in model.calls if call != (1, 0.05, 7)]
            if calls:       # before the epoch count: fit(epochs=max_epochs) also runs the wrong number of epochs
                (epochs, rate, size), parts = calls[0], []
                if epochs != 1:
                    parts.append(f"epochs={epochs!r} (max_epochs is {max_epochs}) in one go: train one epoch at a "
                                 "time (epochs=1) and measure the validation loss after each, so that training can "
                                 "stop early")
                parts += [f"{name}={got!r}, but early_stopping got {name} {given!r}: pass it on" for name, got, given
                          in (("learning_rate", rate, 0.05), ("batch_size", size, 7)) if got != given]
                chk.fail("model.fit was called with " + "; and with ".join(parts) + ".",
                         hint="model.fit(X_train, y_train, epochs=1, learning_rate=learning_rate, "
                              "batch_size=batch_size), once per epoch.")
            why = {runs + 1: ": one epoch too many; stop when the count of epochs without improvement *reaches* "
                   "patience.", runs - 1: ": one epoch too early.", **why}
            chk.true(model.epochs_run == runs, f"training ran {model.epochs_run} epochs; it should stop after epoch "
                     f"{runs}" + why.get(model.epochs_run, "."), hint="count the epochs since the last improvement "
                     "(a strictly lower loss); stop when the count reaches patience, or after max_epochs.")
            W1 = np.asarray(best.get("W1", np.nan), dtype=float)
            if np.allclose(W1, model.epochs_run) and model.epochs_run != best_epoch:
                chk.fail(f"best_params are the weights of the last epoch ({model.epochs_run}), not of the best "
                         f"validation epoch ({best_epoch}): " + ("best_params is model.params itself (or its arrays), "
                         "which kept changing; keep a *copy*." if best is model.params or any(
                             best.get("W1") is a for a in model.trained) else "keep a *copy* when the loss improves."),
                         hint="{k: v.copy() for k, v in model.params.items()} (model.params changes in place).")
            chk.array(W1, np.full((2, 2), float(best_epoch)), what="best_params['W1']",
                      hint=f"the best validation loss came after epoch {best_epoch}." if best_epoch else START)
            losses = np.asarray(losses, dtype=float).reshape(-1)
            chk.true(len(losses) == runs and np.allclose(losses, script[:runs], rtol=1e-6, equal_nan=True),
                     f"val_losses are {fmt(losses)}; expected {fmt(np.array(script[:runs]))}, one validation loss per epoch that "
                     "ran, in order.")
            chk.array(np.asarray(model.params["W1"], dtype=float), np.full((2, 2), float(best_epoch)),
                      what="model.params['W1'] after early_stopping",
                      hint="leave the model with the best weights: model.params = best_params.")


T_PLUS_1 = ("the bias correction uses step t + 1: t is already the step number (1 for the first step), "
            "so divide by (1 − β1**t) and (1 − β2**t), not by (1 − β1**(t + 1)).")


@exercises.exercise("optimiser_steps", args=("momentum_step", "adam_step"))
def optimiser_steps(chk, momentum_step):
    with chk.case("momentum_step(w=[1, -2], dw=[0.5, 1], velocity=[0.2, 0], learning_rate=0.1, momentum=0.9)"):
        # velocity_new = 0.9·[0.2, 0] − 0.1·[0.5, 1] = [0.13, −0.1];  w_new = [1, −2] + velocity_new = [1.13, −2.1]
        w_new, v_new = chk.call(np.array([1.0, -2]), np.array([0.5, 1]), np.array([0.2, 0]), 0.1, 0.9,
                                func=momentum_step, returns="w_new, velocity_new")
        chk.array(v_new, [0.13, -0.1], what="velocity_new", diagnoses=[
            ([0.23, 0.1], "the gradient term has the wrong sign: velocity = β·velocity − α·dw (it points downhill)."),
            ([0.68, 1.0], "this is the velocity as a sum of gradients, β·velocity + dw; this notebook's velocity is "
                          "a sum of steps: β·velocity − α·dw."),
            ([0.25, 0.9], "momentum and learning_rate are swapped: β·velocity − α·dw with β = momentum.")])
        chk.array(w_new, [1.13, -2.1], what="w_new", diagnoses=[
            ([1.2, -2.0], "w moved by the old velocity: add the new one, w + velocity_new."),
            ([0.87, -1.9], "w moved against the velocity: w_new = w + velocity_new (the minus sign is already "
                           "inside the velocity).")])
    with chk.case("adam_step, first step (t = 1): w = [1, -1], dw = [0.1, -0.2], m = v = 0, learning_rate 0.01"):
        # m = 0.1·dw = [0.01, −0.02], v = 0.001·dw² = [1e-5, 4e-5]; m̂ = dw, v̂ = dw², so the step is
        # α·dw/|dw| = α·sign(dw): w_new = [0.99, −0.99] (to 1e-9: ε is 1e-8)
        w, dw = np.array([1.0, -1.0]), np.array([0.1, -0.2])
        w_new, m_new, v_new = chk.call(w, dw, np.zeros(2), np.zeros(2), 1, 0.01, returns="w_new, m_new, v_new")
        chk.array(m_new, [0.01, -0.02], what="m_new", diagnoses=[
            ([1e-4, -2e-4], "m uses β2: m = β1·m + (1 − β1)·dw, v = β2·v + (1 − β2)·dw²."),
            ([0.09, -0.18], "the weights are swapped: m = β1·m + (1 − β1)·dw, not (1 − β1)·m + β1·dw.")],
            hint="m_new = beta1 * m + (1 - beta1) * dw: the average before bias correction.")
        chk.array(v_new, [1e-5, 4e-5], what="v_new", diagnoses=[
            ([1e-3, 4e-3], "v uses β1: v = β2·v + (1 − β2)·dw²."),
            ([1e-4, -2e-4], "v averages dw, not its square: v = β2·v + (1 − β2)·dw².")],
            hint="v_new = beta2 * v + (1 - beta2) * dw ** 2.")
        chk.array(w_new, [0.99, -0.99], what="w_new", rtol=1e-6, atol=1e-7, diagnoses=[
            (w - 0.01 * dw / 10 / (np.sqrt([1e-5, 4e-5]) + 1e-8), "the bias correction is missing: divide m by "
                                                                 "(1 − β1^t) and v by (1 − β2^t) before the step."),
            (w - 0.01 * dw / (dw ** 2 + 1e-8), "the square root is missing: the step is α·m̂ / (√v̂ + ε)."),
            (w + 0.01 * np.sign(dw), "the step goes uphill: w − α·m̂ / (√v̂ + ε)."),
            # β^(t + 1) = β² at t = 1: m̂ = 0.01·dw/0.19, v̂ = 0.001·dw²/0.001999
            (w - 0.01 * (0.1 * dw / 0.19) / (np.sqrt(0.001 * dw ** 2 / (1 - 0.999 ** 2)) + 1e-8), T_PLUS_1)],
            hint="the first Adam step moves every weight by about α against the sign of its gradient.")
    with chk.case("adam_step, step t = 2: w = [1], dw = [0.1], m = [0.05], v = [0.0004], learning_rate 0.01"):
        # m = 0.9·0.05 + 0.1·0.1 = 0.055;  v = 0.999·0.0004 + 0.001·0.01 = 0.0004096
        # m̂ = 0.055 / (1 − 0.81) = 0.2894737;  v̂ = 0.0004096 / (1 − 0.998001) = 0.2049025
        # step = 0.01 · 0.2894737 / 0.4526616 = 0.0063949;  w_new = 0.9936051
        got = chk.call(np.array([1.0]), np.array([0.1]), np.array([0.05]), np.array([0.0004]), 2, 0.01,
                       returns="w_new, m_new, v_new")
        chk.array(got[0], [1.0 - 0.01 * 0.2894737 / 0.4526616], what="w_new", rtol=1e-5, diagnoses=[
            ([1.0 - 0.01 * 0.55 / (np.sqrt(0.4096) + 1e-8)], "the bias correction uses t = 1 whatever t is: divide "
                                                             "by (1 − β1**t) and (1 − β2**t)."),
            # β^(t + 1) = β³ at t = 2: m̂ = 0.055 / (1 − 0.729), v̂ = 0.0004096 / (1 − 0.999³)
            ([1.0 - 0.01 * (0.055 / (1 - 0.9 ** 3)) / (np.sqrt(0.0004096 / (1 - 0.999 ** 3)) + 1e-8)], T_PLUS_1)],
            hint="m̂ = m_new / (1 - beta1 ** t), v̂ = v_new / (1 - beta2 ** t).")


@exercises.exercise("clip_by_global_norm")
def clip_by_global_norm(chk):
    with chk.case('grads {"a": [3, 4], "b": [[12]]}, max_norm = 1.3'):
        # global norm √(9 + 16 + 144) = √169 = 13 > 1.3: every gradient times 1.3 / 13 = 0.1
        grads = {"a": np.array([3.0, 4.0]), "b": np.array([[12.0]])}
        clipped, norm = chk.call(grads, 1.3, returns="clipped, norm")
        chk.scalar(norm, 13.0, what="norm", diagnoses=[
            (1.3, "norm is the norm after clipping: return the global norm before clipping (13 here)."),
            (169.0, "norm is the sum of squares: take its square root."),
            (17.0, "norm adds the arrays' norms (5 + 12): the global norm is √(sum of all squares).")])
        chk.true(isinstance(clipped, dict) and set(clipped) == set(grads),
                 f"clipped should be a dict with the keys {sorted(grads)}, got {describe(clipped, {})}.")
        chk.array(clipped["a"], [0.3, 0.4], what='clipped["a"]', diagnoses=[
            ([0.78, 1.04], "each array was clipped to max_norm on its own: scale every gradient by the same factor, "
                           "max_norm / (global norm), so the direction of the step is kept."),
            ([1.3, 1.3], "the entries were clipped one by one (np.clip): that changes the direction of the step; "
                         "scale every gradient by max_norm / (global norm)."),
            ([0.3 / 1.3, 0.4 / 1.3], "the gradients were divided by the norm but not multiplied by max_norm.")])
        chk.array(clipped["b"], [[1.2]], what='clipped["b"]')
    with chk.case('grads {"a": [0.3, 0.4]} (norm 0.5), max_norm = 1: nothing to clip'):
        clipped, norm = chk.call({"a": np.array([0.3, 0.4])}, 1.0, returns="clipped, norm")
        chk.scalar(norm, 0.5, what="norm")
        chk.array(clipped["a"], [0.3, 0.4], what='clipped["a"]', diagnoses=[
            ([0.6, 0.8], "a gradient below max_norm was scaled up to it: clipping only ever shrinks, "
                         "min(1, max_norm / norm).")])
    with chk.case('all-zero gradients {"a": [0, 0, 0]}, max_norm = 1 (a flat spot): no division by 0'):
        clipped, norm = chk.call({"a": np.zeros(3)}, 1.0, returns="clipped, norm",
                                 error_hint="the global norm is 0 here: divide only when norm > max_norm, or by "
                                            "(norm + 1e-12).",
                                 warning_hint="the global norm is 0 here, and max_norm / 0 divides by zero: "
                                              "divide only when norm > max_norm, or by (norm + 1e-12).")
        chk.scalar(norm, 0.0, what="norm")
        chk.array(clipped["a"], [0.0, 0.0, 0.0], what='clipped["a"]', hint="zero gradients stay zero.")
