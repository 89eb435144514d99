"""Checks for notebook 02, "Classification and logistic regression".

Expected values are small cases computed by hand (shown in the comments),
properties (every sample once per epoch; the loss finite at p = 0 and 1), and
the numerical gradient.

Cross entropy at p of exactly 0 or 1: a correct answer may clip p into
[eps, 1 - eps] (any eps from about 1e-15 to 1e-7) or work from the logits, so
the check asks only that the loss be finite and close to 0 (below 1e-6) when
the label matches, and finite and large (above 10, i.e. a probability below
e^-10 ≈ 4.5e-5 was given to the true class) when it does not.
"""
import functools
import math
import warnings

import numpy as np

from .framework import Exercises
from .gradcheck import numerical_gradient

exercises = Exercises("02_classification_and_logistic_regression")
catch_up = exercises.catch_up
progress = exercises.progress

LN3 = math.log(3.0)          # sigma(ln 3) = 1 / (1 + 1/3) = 3/4
SIGMA_HALF = 1 / (1 + math.exp(-0.5))   # sigma(0.5) ≈ 0.622459
SIGMA_ONE = 1 / (1 + math.exp(-1.0))    # sigma(1) ≈ 0.731059

STABLE_SIGMOID_HINT = (
    "take np.exp only of numbers <= 0: e = np.exp(-np.abs(z)), then "
    "np.where(z >= 0, 1 / (1 + e), e / (1 + e)); or np.exp(-np.logaddexp(0, -z))."
)
CLIP_HINT = "clip p into [eps, 1 - eps] with a small eps such as 1e-12 (np.clip) before taking the logs."


def _call_recording_warnings(chk, *args, consume=False):
    """Like chk.call, but return the warnings raised (instead of failing on them).

    With ``consume``, the result is turned into a list inside the call, so a
    generator's body runs (and its errors and warnings are caught) here.
    Underflow (e^-1000 rounding to 0) is harmless and not reported.
    """
    func = chk.func
    record = []

    @functools.wraps(func)
    def wrapped(*a, **k):
        with warnings.catch_warnings(record=True) as caught, np.errstate(under="ignore"):
            warnings.simplefilter("always")
            result = func(*a, **k)
            if consume and result is not None:
                result = list(result)
        record.extend(caught)
        return result

    return chk.call(*args, func=wrapped), record


def _both_branches_overflow(chk, got):
    """True when a sigmoid gives the right values at z = [-1000, -50, 50, 1000] but warns even
    for z = 1000 alone: the sign of np.where choosing between two unsafe formulas (both run)."""
    try:
        values = np.asarray(got, dtype=float)
        right = values.shape == (4,) and np.allclose(values, [0.0, math.exp(-50), 1.0, 1.0],
                                                     atol=1e-12, rtol=1e-6)
    except (TypeError, ValueError):
        return False
    if not right:
        return False
    _, caught = _call_recording_warnings(chk, np.array([1000.0]))
    return bool(caught)


def _stable_bce(y, z):
    """Mean cross entropy from the logits z (for the numerical-gradient case)."""
    return float(np.mean(np.logaddexp(0, z) - y * z))


# --------------------------------------------------------------------------
# 1. sigmoid
# --------------------------------------------------------------------------
@exercises.register("sigmoid")
def sigmoid(func):
    with exercises.check("sigmoid", func) as chk:
        with chk.case("z = [0, ln 3, -ln 3]"):
            # sigma(0) = 1/2; sigma(ln 3) = 1 / (1 + 1/3) = 3/4; sigma(-ln 3) = 1 / (1 + 3) = 1/4
            got = chk.call(np.array([0.0, LN3, -LN3]))
            chk.array(got, [0.5, 0.75, 0.25], diagnoses=[
                ([0.5, 0.25, 0.75], "σ(z) went the wrong way: it is 1 / (1 + e^(−z)), with a minus sign in the exponent."),
                ([1.0, 3.0, 1 / 3], "you return e^z; σ(z) = 1 / (1 + e^(−z))."),
                ([0.0, LN3, -LN3], "you return z unchanged; apply the logistic function."),
            ], shape_hint="sigmoid works element by element: the result has the shape of z.")
        with chk.case("a 2-D z keeps its shape"):
            got = chk.call(np.array([[0.0, LN3], [-LN3, 0.0]]))
            chk.array(got, [[0.5, 0.75], [0.25, 0.5]],
                      shape_hint="sigmoid works element by element: the result has the shape of z.")
        with chk.case("very large |z|: z = [-1000, -50, 50, 1000]"):
            # sigma(-50) = e^-50 / (1 + e^-50) ≈ 1.9e-22; sigma(±1000) is 0 and 1 to double precision
            got, caught = _call_recording_warnings(chk, np.array([-1000.0, -50.0, 50.0, 1000.0]))
            if caught and _both_branches_overflow(chk, got):
                chk.fail("the values are right, but numpy warned (overflow in exp): np.where(cond, a, b) "
                         "computes both a and b for every z, so the formula you meant only for z < 0 "
                         "still runs on z = 1000.",
                         hint="compute e = np.exp(-np.abs(z)) first: both branches then only use e, "
                         "which never overflows: np.where(z >= 0, 1 / (1 + e), e / (1 + e)).")
            if caught:
                chk.fail(f"sigmoid overflows for large |z| ({caught[0].category.__name__}: "
                         f"{caught[0].message}): np.exp(1000) is too big for a float.",
                         hint=STABLE_SIGMOID_HINT)
            got = chk.is_array(got, shape=(4,))
            chk.finite(got, hint="sigmoid must not return NaN or inf for large |z|: " + STABLE_SIGMOID_HINT)
            chk.array(got, [0.0, math.exp(-50), 1.0, 1.0], atol=1e-12, rtol=1e-6,
                      hint="σ(−1000) ≈ 0 and σ(1000) ≈ 1.")


# --------------------------------------------------------------------------
# 2. predict_proba and accuracy
# --------------------------------------------------------------------------
@exercises.register("predict_proba")
def predict_proba(func):
    with exercises.check("predict_proba", func) as chk:
        with chk.case("X = [[1, 0], [1, 1], [1, -1]], w = [0, ln 3]"):
            # Xw = [0, ln 3, -ln 3] -> sigma: [1/2, 3/4, 1/4]
            X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, -1.0]])
            got = chk.call(X, np.array([0.0, LN3]))
            chk.array(got, [0.5, 0.75, 0.25], what="the probabilities", diagnoses=[
                ([0.0, LN3, -LN3], "you return Xw, the linear part; pass it through sigmoid to get probabilities."),
                ([0.5, 0.25, 0.75], "these are P(y = 0); predict_proba returns P(y = 1) = σ(Xw)."),
            ], shape_hint="one probability per sample: shape [n_samples].")
        with chk.case("the bias w[0] = ln 3 alone"):
            # Xw = [ln 3, ln 3] -> [3/4, 3/4]
            got = chk.call(np.array([[1.0, 5.0], [1.0, -2.0]]), np.array([LN3, 0.0]))
            chk.array(got, [0.75, 0.75], what="the probabilities",
                      hint="the prediction is sigmoid(X @ w); X already holds the column of ones.")
        with chk.case("Xw = ±1000 gives probabilities 1 and 0 without a warning"):
            got, caught = _call_recording_warnings(chk, np.array([[1.0, 500.0], [1.0, -500.0]]), np.array([0.0, 2.0]))
            if caught:
                chk.fail(f"predict_proba produced a warning: {caught[0].category.__name__}: {caught[0].message}.",
                         hint="use your sigmoid, which is stable for large |z| (check it above).")
            chk.array(got, [1.0, 0.0], what="the probabilities", atol=1e-12,
                      hint="use your sigmoid; it is stable for large |z|.")


@exercises.register("accuracy")
def accuracy(func):
    with exercises.check("accuracy", func) as chk:
        with chk.case("y = [1, 0, 1, 0, 1], p = [0.9, 0.2, 0.4, 0.3, 0.8]"):
            # predicted classes (p >= 0.5): [1, 0, 0, 0, 1] -> 4 of 5 right = 0.8
            y = np.array([1, 0, 1, 0, 1])
            p = np.array([0.9, 0.2, 0.4, 0.3, 0.8])
            got = chk.call(y, p)
            chk.scalar(got, 0.8, what="the accuracy", diagnoses=[
                (4.0, "you return the number of correct predictions; the accuracy is their fraction (np.mean)."),
                (0.2, "you return the fraction of wrong predictions; the accuracy is the fraction right."),
                (0.0, "no prediction counted as right: compare the predicted class (p >= 0.5) with y, "
                      "not the probability itself."),
            ], hint="the predicted class is 1 where p >= 0.5; the accuracy is np.mean(predicted == y).")
        with chk.case("all right, float labels, p = 0.5 is class 1 (the docstring's p >= 0.5)"):
            got = chk.call(np.array([0.0, 1.0, 1.0]), np.array([0.01, 0.99, 0.5]))
            chk.scalar(got, 1.0, what="the accuracy", diagnoses=[
                (2 / 3, "p = 0.5 counted as class 0: the docstring says class 1 where p >= 0.5 (not p > 0.5)."),
            ])
        with chk.case("all wrong"):
            got = chk.call(np.array([1, 0]), np.array([0.1, 0.6]))
            chk.scalar(got, 0.0, what="the accuracy",
                       hint="p = 0.1 predicts class 0 and p = 0.6 predicts class 1.")


# --------------------------------------------------------------------------
# 3. binary_cross_entropy
# --------------------------------------------------------------------------
@exercises.register("binary_cross_entropy")
def binary_cross_entropy(func):
    with exercises.check("binary_cross_entropy", func) as chk:
        with chk.case("y = [1, 0, 1], p = [0.8, 0.25, 0.5]"):
            # -[ln 0.8 + ln 0.75 + ln 0.5] / 3 = (0.223144 + 0.287682 + 0.693147) / 3 = 0.401324
            y = np.array([1.0, 0.0, 1.0])
            p = np.array([0.8, 0.25, 0.5])
            expected = -(math.log(0.8) + math.log(0.75) + math.log(0.5)) / 3
            got, caught = _call_recording_warnings(chk, y, p)
            _swapped(chk, func, y, p, expected, got)
            if caught:
                chk.fail(f"binary_cross_entropy produced a warning: {caught[0].category.__name__}: {caught[0].message}.")
            chk.scalar(got, expected, what="the loss", diagnoses=[
                (3 * expected, "you return the sum over samples; the loss is the mean (divide by m)."),
                (-expected, "the loss is negative: the formula has a minus sign in front, −[y log p + (1 − y) log(1 − p)]."),
                (-(math.log(0.8) + math.log(0.5)) / 3,
                 "the (1 − y)·log(1 − p) term is missing: it is the loss of the samples with y = 0."),
                (-math.log(0.75) / 3, "the y·log(p) term is missing: it is the loss of the samples with y = 1."),
                (expected / math.log(10), "you used log10; the cross entropy uses the natural log (np.log)."),
            ], hint="L = −mean(y·log(p) + (1 − y)·log(1 − p)).")
        with chk.case("p = 1/2 for both classes gives ln 2"):
            got = chk.call(np.array([1.0, 0.0]), np.array([0.5, 0.5]))
            chk.scalar(got, math.log(2), what="the loss")
        with chk.case("p exactly 1 and 0 for labels 1 and 0 (certain and right)"):
            # right answers with certainty: loss 0 (a clipped p gives about eps)
            y = np.array([1.0, 0.0])
            got, caught = _call_recording_warnings(chk, y, np.array([1.0, 0.0]))
            _swapped(chk, func, y, np.array([1.0, 0.0]), 0.0, got, atol=1e-6)
            _extreme(chk, got, caught)
            chk.scalar(got, 0.0, what="the loss", atol=1e-6,
                       hint="certain and right costs (almost) nothing; clip with a small eps (1e-12 … 1e-7).")
        with chk.case("p exactly 0 and 1 for labels 1 and 0 (certain and wrong)"):
            y = np.array([1.0, 0.0, 1.0])
            got, caught = _call_recording_warnings(chk, y, np.array([0.0, 1.0, 0.5]))
            _extreme(chk, got, caught)
            got = chk.scalar(got, what="the loss")
            chk.true(got > 10, f"certain and wrong must cost a lot (more than 10), got {got:.4g}.",
                     hint="clip with a small eps: −log(1e-12) ≈ 27.6; an eps above 1e-7 forgives too much.")


def _swapped(chk, func, y, p, expected, got, atol=1e-9):
    """Fail with a clear message when the function computes with y and p swapped."""
    try:
        ok = np.isclose(float(got), expected, rtol=1e-6, atol=atol)
    except (TypeError, ValueError):
        ok = False
    if ok:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            try:
                swapped = float(func(p.copy(), y.copy()))
            except Exception:
                return
    if np.isclose(swapped, expected, rtol=1e-6, atol=atol):
        chk.fail("y and p are swapped: the labels y weigh the logs of the probabilities, "
                 "−[y·log(p) + (1 − y)·log(1 − p)]; the arguments are (y, p).")


def _extreme(chk, got, caught):
    message = "the loss must be finite when p is exactly 0 or 1, but log(0) = −inf"
    if caught:
        chk.fail(f"{message} ({caught[0].category.__name__}: {caught[0].message}).", hint=CLIP_HINT)
    try:
        value = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return
    if not np.all(np.isfinite(value)):
        chk.fail(f"{message}: got {value}.", hint=CLIP_HINT)


# --------------------------------------------------------------------------
# 4. cross_entropy_gradient
# --------------------------------------------------------------------------
@exercises.register("cross_entropy_gradient")
def cross_entropy_gradient(func):
    with exercises.check("cross_entropy_gradient", func) as chk:
        with chk.case("X = [[1, 0], [1, 1], [1, -1]], y = [1, 1, 0], w = [0, ln 3]"):
            # p = [1/2, 3/4, 1/4]; p − y = [−1/2, −1/4, 1/4]
            # Xᵀ(p − y) = [−1/2 − 1/4 + 1/4, 0 − 1/4 − 1/4] = [−1/2, −1/2]; / m=3 -> [−1/6, −1/6]
            X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, -1.0]])
            y = np.array([1.0, 1.0, 0.0])
            got = chk.call(X, y, np.array([0.0, LN3]))
            # without the sigmoid: Xw − y = [−1, ln3 − 1, −ln3] -> Xᵀ(...) / 3 = [−2, 1 + ... ] / 3
            no_sigmoid = X.T @ (X @ np.array([0.0, LN3]) - y) / 3
            chk.array(got, [-1 / 6, -1 / 6], what="the gradient", diagnoses=[
                ([1 / 6, 1 / 6], "the sign is flipped: the gradient is 1/m · Xᵀ(σ(Xw) − y), with p − y, not y − p."),
                ([-1 / 2, -1 / 2], "the 1/m is missing: the loss is a mean over samples, so is its gradient."),
                ([-1 / 3, -1 / 3], "there is an extra factor 2: that belongs to the MSE, not to the cross entropy."),
                (no_sigmoid, "you used Xw where the gradient needs the probabilities p = σ(Xw)."),
            ], shape_hint="the gradient has one entry per weight: shape [n_features].")
        with chk.case("a square X = [[1, 2], [1, 0]], y = [1, 0], w = 0"):
            # p = [1/2, 1/2]; p − y = [−1/2, 1/2]
            # Xᵀ(p − y) = [−1/2 + 1/2, −1 + 0] = [0, −1]; / 2 -> [0, −1/2]
            # X (p − y) = [−1/2 + 1, −1/2] = [1/2, −1/2]; / 2 -> [1/4, −1/4]  (X where Xᵀ belongs)
            got = chk.call(np.array([[1.0, 2.0], [1.0, 0.0]]), np.array([1.0, 0.0]), np.zeros(2))
            chk.array(got, [0.0, -0.5], what="the gradient", diagnoses=[
                ([0.25, -0.25], "you multiplied by X where Xᵀ belongs: the gradient is 1/m · X.T @ (p − y)."),
                ([0.0, 0.5], "the sign is flipped: use p − y, not y − p."),
                ([0.0, -1.0], "the 1/m is missing: divide by the number of samples."),
            ])
        with chk.case("random X [20, 3] against the numerical gradient"):
            rng = np.random.default_rng(2)
            X = rng.normal(size=(20, 3))
            y = (rng.random(20) < 0.5).astype(float)
            w = rng.normal(size=3)
            got = chk.call(X, y, w)
            numeric = numerical_gradient(lambda: _stable_bce(y, X @ w), w)
            chk.array(got, numeric, what="the gradient", rtol=1e-5, atol=1e-8, diagnoses=[
                (-numeric, "the sign is flipped: use p − y, not y − p."),
                (20 * numeric, "the 1/m is missing: divide by the number of samples."),
            ], hint="compare with 1/m · Xᵀ(σ(Xw) − y): X.T, not X, and the mean over samples.")


# --------------------------------------------------------------------------
# 5. quadratic_features
# --------------------------------------------------------------------------
@exercises.register("quadratic_features")
def quadratic_features(func):
    with exercises.check("quadratic_features", func) as chk:
        with chk.case("X = [[1, 2], [3, -1]]"):
            # x1, x2, x1², x2², x1·x2:  [1, 2, 1, 4, 2] and [3, −1, 9, 1, −3]
            X = np.array([[1.0, 2.0], [3.0, -1.0]])
            expected = np.array([[1, 2, 1, 4, 2], [3, -1, 9, 1, -3]], dtype=float)
            got = chk.call(X)
            got = chk.is_array(got)
            if got.shape == (2, 6) and np.allclose(got[:, 0], 1) and np.allclose(got[:, 1:], expected):
                chk.fail("there is a column of ones in front; leave it out, add_bias adds it later.")
            if got.shape == (2, 4) and np.allclose(got, expected[:, :4]):
                chk.fail("the product x1·x2 is missing: the five features are x1, x2, x1², x2², x1·x2.")
            if got.shape == (2, 3) and np.allclose(got, expected[:, 2:]):
                chk.fail("x1 and x2 themselves are missing: keep them as the first two columns.")
            if got.shape == (5, 2) and np.allclose(got, expected.T):
                chk.fail("the result is transposed: one row per sample, one column per feature.")
            if got.shape == expected.shape and not np.allclose(got, expected):
                same_columns = sorted(map(tuple, got.T.round(9))) == sorted(map(tuple, expected.T.round(9)))
                if same_columns:
                    chk.fail("the five columns are right but in another order; use x1, x2, x1², x2², x1·x2.")
            chk.array(got, expected, shape_hint="five features per sample: [n_samples, 5].",
                      hint="np.column_stack([x1, x2, x1**2, x2**2, x1 * x2]) with x1 = X[:, 0], x2 = X[:, 1].")
        with chk.case("one sample, X = [[-2, 0.5]]"):
            # [-2, 0.5, 4, 0.25, -1]
            got = chk.call(np.array([[-2.0, 0.5]]))
            chk.array(got, [[-2, 0.5, 4, 0.25, -1]])


# --------------------------------------------------------------------------
# 6. minibatches
# --------------------------------------------------------------------------
def _batches(chk, X, y, batch_size, rng):
    """Call minibatches and return its batches as a list of (X_batch, y_batch)."""
    got, caught = _call_recording_warnings(chk, X, y, batch_size, rng, consume=True)
    if caught:
        chk.fail(f"minibatches produced a warning: {caught[0].category.__name__}: {caught[0].message}.")
    if got is None:
        chk.fail("minibatches returned None.",
                 hint="`yield X[batch], y[batch]` in the loop (a generator), or return a list of pairs.")
    batches = []
    for i, item in enumerate(got):
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            chk.fail(f"batch {i} is {type(item).__name__}, not a pair (X_batch, y_batch).",
                     hint="yield (or collect) X[batch], y[batch] for each batch.")
        Xb = chk.finite(chk.is_array(item[0], what=f"X_batch {i}", ndim=2), what=f"X_batch {i}")
        yb = chk.finite(chk.is_array(item[1], what=f"y_batch {i}", ndim=1), what=f"y_batch {i}")
        chk.true(len(Xb) == len(yb), f"batch {i} has {len(Xb)} rows of X but {len(yb)} labels.")
        chk.true(Xb.shape[1] == X.shape[1],
                 f"X_batch {i} has {Xb.shape[1]} columns, X has {X.shape[1]}: take whole rows, X[indices].")
        batches.append((Xb, yb))
    if not batches:
        chk.fail("minibatches gave no batches at all.")
    return batches


def _ids(chk, batches):
    """The sample ids (the y values of the test data) in the order they came."""
    for Xb, yb in batches:
        chk.true(np.allclose(Xb[:, 0], 10 * yb) and np.allclose(Xb[:, 1], -yb),
                 "the rows of X_batch no longer match the labels in y_batch: X and y were shuffled differently.",
                 hint="draw one permutation of the indices and use it for both: X[idx], y[idx].")
    return np.concatenate([yb for _, yb in batches]).astype(int)


@exercises.register("minibatches")
def minibatches(func):
    n = 10
    ids = np.arange(n)
    X = np.column_stack([10.0 * ids, -1.0 * ids])     # row i is (10 i, −i): its own id, checkable
    y = ids.astype(float)
    with exercises.check("minibatches", func) as chk:
        with chk.case("10 samples in batches of 3: sizes 3, 3, 3, 1, every sample once"):
            batches = _batches(chk, X, y, 3, np.random.default_rng(0))
            order = _ids(chk, batches)
            sizes = [len(yb) for _, yb in batches]
            seen = np.bincount(order, minlength=n)
            if len(order) == 9 and sizes == [3, 3, 3]:
                chk.fail("the last, smaller batch (1 sample) is missing: keep it, every sample counts once per epoch.",
                         hint="range(0, n, batch_size) and slicing idx[start:start + batch_size] keep it.")
            chk.true(seen.max() <= 1, f"sample(s) {np.flatnonzero(seen > 1).tolist()} appear more than once "
                     "in one epoch (and others never): that is sampling with replacement.",
                     hint="shuffle with a permutation (rng.permutation(n)), not rng.integers or rng.choice(..., replace=True).")
            chk.true(seen.min() >= 1, f"sample(s) {np.flatnonzero(seen == 0).tolist()} never appear in the epoch.",
                     hint="every sample must be in exactly one batch per epoch.")
            chk.true(sizes == [3, 3, 3, 1], f"expected batch sizes [3, 3, 3, 1], got {sizes}.",
                     hint="all batches are full except possibly the last one.")
            chk.true(not np.array_equal(order, ids),
                     "the samples come in their original order: the batches are not shuffled.",
                     hint="shuffle the indices with rng.permutation(n) and slice that.")
        with chk.case("each call (each epoch) shuffles anew, and the same seed repeats the same order"):
            rng = np.random.default_rng(1)
            first = _ids(chk, _batches(chk, X, y, 4, rng))
            second = _ids(chk, _batches(chk, X, y, 4, rng))
            chk.true(not np.array_equal(first, second),
                     "two epochs with the same rng came in the same order: draw a new permutation on every call.",
                     hint="use the rng that is passed in (rng.permutation), don't make a new one inside.")
            again = _ids(chk, _batches(chk, X, y, 4, np.random.default_rng(1)))
            chk.true(np.array_equal(first, again),
                     "the same seed gave a different order: the shuffle does not use the rng passed in.",
                     hint="shuffle with rng.permutation(n), not np.random.permutation (the global generator).")
        with chk.case("batch_size 1 (SGD) and batch_size >= n (one full batch)"):
            batches = _batches(chk, X, y, 1, np.random.default_rng(2))
            chk.true(len(batches) == n, f"batch_size 1 should give {n} batches, got {len(batches)}.")
            chk.true(sorted(_ids(chk, batches).tolist()) == ids.tolist(),
                     "with batch_size 1, not every sample appears exactly once.")
            batches = _batches(chk, X, y, 25, np.random.default_rng(3))
            chk.true(len(batches) == 1 and len(batches[0][1]) == n,
                     f"batch_size 25 on 10 samples should give one batch of 10, got sizes "
                     f"{[len(b[1]) for b in batches]}.")


# --------------------------------------------------------------------------
# 7. train_logistic
# --------------------------------------------------------------------------
def _unpack(chk, result, n_features):
    w, epoch_losses, update_losses = chk.unpack(result, "w, epoch_losses, update_losses", "train_logistic")
    w = chk.is_array(w, what="w", shape=(n_features,), hint="w has the shape of w0: one weight per column of X.")
    out = []
    for name, losses in (("epoch_losses", epoch_losses), ("update_losses", update_losses)):
        if isinstance(losses, list):  # a list of numbers is fine
            losses = np.asarray(losses, dtype=float)
        losses = chk.is_array(losses, what=name, ndim=1)
        chk.finite(losses, what=name)
        out.append(losses)
    return w, out[0], out[1]


def _loss(X, y, w):
    return _stable_bce(y, X @ w)


@exercises.register("train_logistic")
def train_logistic(func):
    X2 = np.array([[1.0, 2.0], [1.0, 0.0]])
    y2 = np.array([1.0, 0.0])
    with exercises.check("train_logistic", func) as chk:
        with chk.case("batch gradient descent: one epoch, learning rate 1, from w0 = 0"):
            # gradient at 0 is [0, −1/2] (see cross_entropy_gradient) -> w = [0, 1/2]
            # loss at w0: ln 2; at w: z = [1, 0] -> (−ln σ(1) + ln 2) / 2 ≈ 0.503204
            w0 = np.zeros(2)
            w, epoch_losses, update_losses = _unpack(chk, chk.call(X2, y2, w0, 1.0, 1, 2, np.random.default_rng(0)), 2)
            chk.array(w, [0.0, 0.5], what="w after one epoch", diagnoses=[
                ([0.0, -0.5], "w moved up the gradient: subtract learning_rate × gradient."),
                ([0.0, 0.0], "w did not change: update it in the loop, w = w − learning_rate * gradient."),
                ([0.0, 1.0], "the step is twice too big: is the gradient a mean over the batch (1/m)?"),
            ], hint="one step: w0 − learning_rate · cross_entropy_gradient(X, y, w0).")
            expected = [math.log(2), (-math.log(SIGMA_ONE) + math.log(2)) / 2]
            chk.true(len(epoch_losses) == 2,
                     f"expected 2 epoch losses (at w0 and after the epoch), got {len(epoch_losses)}.",
                     hint="record the loss on the whole training set before the loop and after every epoch.")
            chk.array(epoch_losses, expected, what="epoch_losses", rtol=1e-6, atol=1e-8,
                      hint="the loss on the whole training set (X, y), at w0 and after the epoch.")
            chk.true(len(update_losses) == 2,
                     f"one update means 2 update losses (at w0 and after the update), got {len(update_losses)}.")
            chk.array(update_losses, expected, what="update_losses", rtol=1e-6, atol=1e-8)
        with chk.case("SGD (batch_size 1): one epoch over 2 samples in either order"):
            # order (0, 1): sample 0: p = 1/2, grad (1/2 − 1)[1, 2] -> w = [1/2, 1];
            #               sample 1: z = 1/2, grad σ(1/2)[1, 0] -> w = [1/2 − σ(1/2), 1]
            # order (1, 0): sample 1: grad (1/2)[1, 0] -> w = [−1/2, 0];
            #               sample 0: z = −1/2, grad (σ(−1/2) − 1)[1, 2] -> w = [−1/2 + σ(1/2), 2σ(1/2)]
            order_a = [0.5 - SIGMA_HALF, 1.0]
            order_b = [-0.5 + SIGMA_HALF, 2 * SIGMA_HALF]
            w, epoch_losses, update_losses = _unpack(chk, chk.call(X2, y2, np.zeros(2), 1.0, 1, 1, np.random.default_rng(0)), 2)
            # two full-batch steps (the gradient on all of X once per batch): [0, 1/2], then
            # p − y = [σ(1) − 1, 1/2] -> gradient [(σ(1) − 1/2)/2, σ(1) − 1] -> w = [(1/2 − σ(1))/2, 3/2 − σ(1)]
            two_full_steps = [(0.5 - SIGMA_ONE) / 2, 1.5 - SIGMA_ONE]
            chk.is_array(w, what="w", shape=(2,), hint="w has the shape of w0.")
            if np.allclose(w, two_full_steps) or np.allclose(w, [0.0, 0.5]):
                chk.fail("with batch_size 1 the updates used the whole data set: compute the gradient on "
                         "each mini-batch (X_batch, y_batch), not on all of X.")
            chk.true(w.shape == (2,) and (np.allclose(w, order_a) or np.allclose(w, order_b)),
                     f"after one epoch of SGD w should be {np.round(order_a, 4)} or {np.round(order_b, 4)} "
                     f"(depending on the order), got {np.round(w, 4)}.",
                     hint="for each (X_batch, y_batch) in minibatches(...): w = w − learning_rate · gradient on that batch.")
            chk.true(len(update_losses) == 3,
                     f"2 updates mean 3 update losses (at w0 and after each update), got {len(update_losses)}.",
                     hint="append the loss on the whole training set after every update.")
            chk.true(len(epoch_losses) == 2, f"one epoch means 2 epoch losses, got {len(epoch_losses)}.")
            chk.true(np.isclose(update_losses[-1], _loss(X2, y2, w)) and np.isclose(epoch_losses[-1], _loss(X2, y2, w)),
                     "the last recorded loss is not the loss of the returned w on the whole training set.")
        with chk.case("mini-batches of 3 on 10 samples, 2 epochs"):
            rng = np.random.default_rng(5)
            X = np.column_stack([np.ones(10), rng.normal(size=(10, 2))])
            y = (X[:, 1] + 0.5 * rng.normal(size=10) > 0).astype(float)
            w, epoch_losses, update_losses = _unpack(chk, chk.call(X, y, np.zeros(3), 0.5, 2, 3, np.random.default_rng(6)), 3)
            chk.true(len(epoch_losses) == 3, f"2 epochs mean 3 epoch losses (w0 and after each epoch), got {len(epoch_losses)}.")
            if len(update_losses) == 7:
                chk.fail("3 updates per epoch: the last, smaller batch was dropped (10 samples in batches of 3 "
                         "are 4 batches).")
            chk.true(len(update_losses) == 9,
                     f"4 batches per epoch for 2 epochs make 8 updates, so 9 update losses; got {len(update_losses)}.",
                     hint="one update per mini-batch, and the loss recorded after each.")
            chk.true(np.allclose(update_losses[::4], epoch_losses),
                     "update_losses at the end of each epoch should equal epoch_losses (both are the loss on "
                     "the whole training set).")
            chk.true(epoch_losses[-1] < epoch_losses[0], "the loss did not go down: check the sign of the update.")
            again = _unpack(chk, chk.call(X, y, np.zeros(3), 0.5, 2, 3, np.random.default_rng(6)), 3)[0]
            chk.true(np.allclose(w, again), "two runs with the same seed gave different weights: shuffle with the rng passed in.")
        with chk.case("full-batch gradient descent with a small step: the loss never goes up"):
            rng = np.random.default_rng(7)
            X = np.column_stack([np.ones(30), rng.normal(size=(30, 2))])
            y = (X[:, 1] - X[:, 2] + rng.normal(size=30) > 0).astype(float)
            w, epoch_losses, update_losses = _unpack(chk, chk.call(X, y, np.zeros(3), 0.5, 50, 30, np.random.default_rng(8)), 3)
            chk.true(len(epoch_losses) == 51 and len(update_losses) == 51,
                     f"50 epochs of full-batch descent: 51 epoch losses and 51 update losses expected, got "
                     f"{len(epoch_losses)} and {len(update_losses)}.")
            chk.true(np.all(np.diff(epoch_losses) <= 1e-12),
                     "the loss went up during full-batch descent: the gradient's sign or the update is wrong.")
            grad_norm = np.linalg.norm(X.T @ (1 / (1 + np.exp(-(X @ w))) - y) / 30)
            chk.true(grad_norm < 0.05, f"after 50 steps the gradient is still large ({grad_norm:.3g}): is w updated?")
