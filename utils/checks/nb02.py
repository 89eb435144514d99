"""Checks for notebook 02: small cases computed by hand (the arithmetic in comments), properties (every sample once
per epoch; the loss finite at p = 0 and 1), numerical gradients. Cross entropy at p of exactly 0 or 1 may clip p (any
eps from about 1e-15 to 1e-7) or work from the logits: the check asks for a finite loss, below 1e-6 when the label
matches, above 10 (the true class got a probability below e^-10) when it does not."""
import functools
import inspect
import math

import numpy as np

from .framework import Exercises, fmt, sigmoid as logistic
from .gradcheck import numerical_gradient

exercises = Exercises("02_classification_and_logistic_regression")
catch_up, progress = exercises.catch_up, exercises.progress
A = np.array
LN3 = math.log(3.0)                                          # σ(ln 3) = 1 / (1 + 1/3) = 3/4
SIGMA_HALF, SIGMA_ONE = logistic(0.5), logistic(1.0)         # ≈ 0.622459, 0.731059
STABLE = ("take np.exp only of numbers <= 0: e = np.exp(-np.abs(z)), then np.where(z >= 0, 1 / (1 + e), e / (1 + e)); "
          "or np.exp(-np.logaddexp(0, -z)).")
CLIP = "clip p into [eps, 1 - eps] with a small eps such as 1e-12 (np.clip) before taking the logs."
ELEMENTWISE = "sigmoid works element by element: the result has the shape of z."


@exercises.exercise("sigmoid")
def sigmoid(chk):
    chk.table([("z = [0, ln 3, -ln 3]", (A([0.0, LN3, -LN3]),), [0.5, 0.75, 0.25], [   # 1/2; 1/(1 + 1/3); 1/(1 + 3)
        ([0.5, 0.25, 0.75], "σ(z) went the wrong way: it is 1 / (1 + e^(−z)), with a minus sign in the exponent."),
        ([1.0, 3.0, 1 / 3], "you return e^z; σ(z) = 1 / (1 + e^(−z))."),
        ([0.0, LN3, -LN3], "you return z unchanged; apply the logistic function.")], None),
        ("a 2-D z keeps its shape", (A([[0.0, LN3], [-LN3, 0.0]]),), [[0.5, 0.75], [0.25, 0.5]], (), None)],
        shape_hint=ELEMENTWISE)
    with chk.case("very large |z|: z = [-1000, -50, 50, 1000]"):        # σ(−50) = e^-50 / (1 + e^-50) ≈ 1.9e-22
        expected = [0.0, math.exp(-50), 1.0, 1.0]
        got = chk.call(A([-1000.0, -50.0, 50.0, 1000.0]), allow_warnings=True)
        if chk.warnings:
            warned, both = chk.warnings[0], np.shape(got) == (4,) and np.allclose(np.asarray(got, dtype=float), expected, atol=1e-12)
            if both and (chk.call(A([1000.0]), allow_warnings=True) is not None and chk.warnings):
                chk.fail("the values are right, but numpy warned (overflow in exp): np.where(cond, a, b) computes both "
                         "a and b for every z, so the formula you meant only for z < 0 still runs on z = 1000.",
                         hint="compute e = np.exp(-np.abs(z)) first: both branches then only use e, which never "
                         "overflows: np.where(z >= 0, 1 / (1 + e), e / (1 + e)).")
            chk.fail(f"sigmoid overflows for large |z| ({warned.category.__name__}: {warned.message})"
                     ": np.exp(1000) is too big for a float.", hint=STABLE)
        chk.finite(chk.is_array(got, shape=(4,)), hint="sigmoid must not return NaN or inf for large |z|: " + STABLE)
        chk.array(got, expected, atol=1e-12, rtol=1e-6, hint="σ(−1000) ≈ 0 and σ(1000) ≈ 1.")


SIGMOID_FIRST = "you applied sigmoid to X, then the product: the probability is sigmoid(X @ w), the product first."


@exercises.exercise("predict_proba")
def predict_proba(chk):
    chk.table([("X = [[1, 0], [1, 1], [1, -1]], w = [0, ln 3]",        # Xw = [0, ln 3, −ln 3] -> [1/2, 3/4, 1/4]
                (A([[1.0, 0.0], [1.0, 1.0], [1.0, -1.0]]), A([0.0, LN3])), [0.5, 0.75, 0.25], [
                    ([0.0, LN3, -LN3], "you return Xw, the linear part; pass it through sigmoid to get probabilities."),
                    ([0.5, 0.25, 0.75], "these are P(y = 0); predict_proba returns P(y = 1) = σ(Xw)."),
                    (logistic(A([[1.0, 0.0], [1.0, 1.0], [1.0, -1.0]])) @ A([0.0, LN3]), SIGMOID_FIRST)], None),
               ("the bias w[0] = ln 3 alone", (A([[1.0, 5.0], [1.0, -2.0]]), A([LN3, 0.0])), [0.75, 0.75],
                [(logistic(A([[1.0, 5.0], [1.0, -2.0]])) @ A([LN3, 0.0]), SIGMOID_FIRST)],
                "the prediction is sigmoid(X @ w); X already holds the column of ones.")],   # Xw = [ln 3, ln 3]
              what="the probabilities", shape_hint="one probability per sample: shape [n_samples].")
    with chk.case("Xw = ±1000 gives probabilities 1 and 0 without a warning"):
        got = chk.call(A([[1.0, 500.0], [1.0, -500.0]]), A([0.0, 2.0]), warning_hint="use your sigmoid, which is "
                       "stable for large |z| (check it above).")
        chk.array(got, [1.0, 0.0], what="the probabilities", atol=1e-12, hint="use your sigmoid.")


@exercises.exercise("accuracy")
def accuracy(chk):
    chk.table([("predicted = [1, 0, 0, 0, 1], y = [1, 0, 1, 0, 1]", (A([1, 0, 0, 0, 1]), A([1, 0, 1, 0, 1])), 0.8, [
        (4.0, "you return the number of correct predictions; the accuracy is their fraction (np.mean)."),
        (0.2, "you return the fraction of wrong predictions; the accuracy is the fraction right."),
        (80.0, "you return a percentage; the accuracy is a fraction between 0 and 1.")],   # 4 of 5 right
        "the accuracy is np.mean(predicted == y)."),
        ("True/False predictions (p >= 0.5 as it comes) and float labels", (A([False, True, True]), A([0.0, 1.0, 1.0])),
         1.0, (), "True equals 1 and False equals 0: compare predicted == y."),
        ("all wrong", (A([0, 1]), A([1, 0])), 0.0, (), None)], what="the accuracy")


def _swapped(chk, y, p, expected, got, atol=1e-9):
    """Fail with a clear message when the function computes with y and p swapped."""
    if not (isinstance(got, (float, np.floating, int)) and np.isclose(got, expected, rtol=1e-6, atol=atol)):
        with np.errstate(all="ignore"):
            try:
                swapped = float(chk.func(p.copy(), y.copy()))
            except Exception:                # noqa: BLE001 - whatever it does, it is not the swap
                return
        chk.true(not np.isclose(swapped, expected, rtol=1e-6, atol=atol), "y and p are swapped: the labels y weigh "
                 "the logs of the probabilities, −[y·log(p) + (1 − y)·log(1 − p)]; the arguments are (y, p).")


def _finite_at_the_edges(chk, y, p, swapped_expected=None):
    got = chk.call(y, p, allow_warnings=True)
    if swapped_expected is not None:
        _swapped(chk, y, p, swapped_expected, got, atol=1e-6)
    edge = "the loss must be finite when p is exactly 0 or 1, but log(0) = −inf"
    if chk.warnings:
        chk.fail(f"{edge} ({chk.warnings[0].category.__name__}: {chk.warnings[0].message}).", hint=CLIP)
    chk.true(not (isinstance(got, (float, np.floating)) and not np.isfinite(got)), f"{edge}: got {got}.", hint=CLIP)
    return chk.scalar(got, what="the loss")


@exercises.exercise("binary_cross_entropy")
def binary_cross_entropy(chk):
    with chk.case("y = [1, 0, 1], p = [0.8, 0.25, 0.5]"):
        y, p = A([1.0, 0.0, 1.0]), A([0.8, 0.25, 0.5])
        expected = -(math.log(0.8) + math.log(0.75) + math.log(0.5)) / 3     # (0.2231 + 0.2877 + 0.6931) / 3
        got = chk.call(y, p, allow_warnings=True)
        _swapped(chk, y, p, expected, got)
        if chk.warnings:
            chk.fail(f"binary_cross_entropy produced a warning: {chk.warnings[0].category.__name__}: {chk.warnings[0].message}.")
        chk.scalar(got, expected, what="the loss", diagnoses=[
            (3 * expected, "you return the sum over samples; the loss is the mean (divide by m)."),
            (-expected, "the loss is negative: the formula has a minus sign in front, −[y log p + (1 − y) log(1 − p)]."),
            (-(math.log(0.8) + math.log(0.5)) / 3, "the (1 − y)·log(1 − p) term is missing: it is the loss of the "
             "samples with y = 0."),
            (-math.log(0.75) / 3, "the y·log(p) term is missing: it is the loss of the samples with y = 1."),
            (expected / math.log(10), "you used log10; the cross entropy uses the natural log (np.log).")],
            hint="L = −mean(y·log(p) + (1 − y)·log(1 − p)).")
    chk.table([("p = 1/2 for both classes gives ln 2", (A([1.0, 0.0]), A([0.5, 0.5])), math.log(2), (), None)],
              what="the loss")
    with chk.case("p exactly 1 and 0 for labels 1 and 0 (certain and right)"):
        got = _finite_at_the_edges(chk, A([1.0, 0.0]), A([1.0, 0.0]), swapped_expected=0.0)
        chk.scalar(got, 0.0, what="the loss", atol=1e-6, hint="certain and right costs (almost) nothing; clip with a "
                   "small eps (1e-12 … 1e-7).")
    with chk.case("p exactly 0 and 1 for labels 1 and 0 (certain and wrong)"):
        got = _finite_at_the_edges(chk, A([1.0, 0.0, 1.0]), A([0.0, 1.0, 0.5]))
        chk.true(got > 10, f"certain and wrong must cost a lot (more than 10), got {got:.4g}.",
                 hint="clip with a small eps: −log(1e-12) ≈ 27.6; an eps above 1e-7 forgives too much.")


@exercises.exercise("cross_entropy_gradient")
def cross_entropy_gradient(chk):
    X, w = A([[1.0, 0.0], [1.0, 1.0], [1.0, -1.0]]), A([0.0, LN3])
    # p = [1/2, 3/4, 1/4]; p − y = [−1/2, −1/4, 1/4]; Xᵀ(p − y) = [−1/2, −1/2]; / m = 3 -> [−1/6, −1/6]
    # square X: p − y = [−1/2, 1/2]; Xᵀ(p − y) / 2 = [0, −1/2]; X (p − y) / 2 = [1/4, −1/4] (X where Xᵀ belongs)
    chk.table([("X = [[1, 0], [1, 1], [1, -1]], y = [1, 1, 0], w = [0, ln 3]", (X, A([1.0, 1.0, 0.0]), w),
                [-1 / 6, -1 / 6], [
                    ([1 / 6, 1 / 6], "the sign is flipped: the gradient is 1/m · Xᵀ(σ(Xw) − y), with p − y, not y − p."),
                    ([-1 / 2, -1 / 2], "the 1/m is missing: the loss is a mean over samples, so is its gradient."),
                    ([-1 / 3, -1 / 3], "there is an extra factor 2: that belongs to the MSE, not to the cross entropy."),
                    (X.T @ (X @ w - [1, 1, 0]) / 3, "you used Xw where the gradient needs the probabilities p = σ(Xw).")],
                None),
               ("a square X = [[1, 2], [1, 0]], y = [1, 0], w = 0", (A([[1.0, 2.0], [1.0, 0.0]]), A([1.0, 0.0]),
                np.zeros(2)), [0.0, -0.5], [
                    ([0.25, -0.25], "you multiplied by X where Xᵀ belongs: the gradient is 1/m · X.T @ (p − y)."),
                    ([0.0, 0.5], "the sign is flipped: use p − y, not y − p."),
                    ([0.0, -1.0], "the 1/m is missing: divide by the number of samples.")], None)],
              what="the gradient", shape_hint="the gradient has one entry per weight: shape [n_features].")
    with chk.case("random X [20, 3] against the numerical gradient"):
        X, u, w = chk.random(2, (20, 3), 20, 3)
        y = (logistic(u) < 0.5).astype(float)
        numeric = numerical_gradient(lambda: float(np.mean(np.logaddexp(0, X @ w) - y * (X @ w))), w)
        chk.gradient(chk.call(X, y, w), numeric, what="the gradient", like=("w", w), m=20, diagnoses=[
            (-numeric, "the sign is flipped: use p − y, not y − p."), (20 * numeric, "the 1/m is missing: divide by "
                                                                       "the number of samples.")],
            hint="compare with 1/m · Xᵀ(σ(Xw) − y): X.T, not X, and the mean over samples.")


def _at_hint(func):
    """When quadratic_features mixes the samples (works for one, fails for two), name `@` against `*`."""
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        source = ""
    with np.errstate(all="ignore"):
        try:
            one = np.allclose(func(A([[-2.0, 0.5]])), [[-2, 0.5, 4, 0.25, -1]])
        except Exception:                    # noqa: BLE001 - only asking whether one sample works
            one = False
    return (("you wrote x1 @ x2: " if "@" in source else "it works for one sample and fails for two, as x1 @ x2 does: ")
            + "@ is a matrix product (of two vectors, one number: their dot product); the product of each sample's "
            "x1 and x2 is element by element: x1 * x2.") if "@" in source or one else None


@exercises.exercise("quadratic_features")
def quadratic_features(chk):
    at = _at_hint(chk.func)
    X = A([[1.0, 2.0], [3.0, -1.0]])
    expected = A([[1, 2, 1, 4, 2], [3, -1, 9, 1, -3]], dtype=float)     # x1, x2, x1², x2², x1·x2 of each row
    with chk.case("X = [[1, 2], [3, -1]]"):
        got = chk.call(X, error_hint=at)
        if np.shape(got) == expected.shape and not np.allclose(got, expected):
            chk.true(sorted(map(tuple, A(got).T.round(9))) != sorted(map(tuple, expected.T)),
                     "the five columns are right but in another order; use x1, x2, x1², x2², x1·x2.")
        chk.array(got, expected, diagnoses=[
            (np.column_stack([np.ones(2), expected]), "there is a column of ones in front; leave it out, add_bias adds it later."),
            (expected[:, :4], "the product x1·x2 is missing: the five features are x1, x2, x1², x2², x1·x2."),
            (expected[:, 2:], "x1 and x2 themselves are missing: keep them as the first two columns."),
            (expected.T, "the result is transposed: one row per sample, one column per feature."),
            (np.column_stack([expected[:, :4], np.full(2, X[:, 0] @ X[:, 1])]), at or "the last column is x1 @ x2, "
             "one number (a dot product); use x1 * x2, element by element.")],
            shape_hint="five features per sample: [n_samples, 5].",
            hint="np.column_stack([x1, x2, x1**2, x2**2, x1 * x2]) with x1 = X[:, 0], x2 = X[:, 1].")
    chk.table([("one sample, X = [[-2, 0.5]]", (A([[-2.0, 0.5]]),), [[-2, 0.5, 4, 0.25, -1]], (), None)])


def _batches(chk, X, y, batch_size, rng):
    """Call minibatches (a generator runs inside the call) and return its batches as a list of (X_batch, y_batch)."""
    func = chk.func
    consumed = functools.wraps(func)(lambda *a: None if (r := func(*a)) is None else list(r))
    got = chk.call(X, y, batch_size, rng, func=consumed)
    if got is None:
        chk.fail("minibatches returned None.", hint="`yield X[batch], y[batch]` in the loop (a generator), or "
                 "return a list of pairs.")
    for i, item in enumerate(got):
        chk.true(isinstance(item, (tuple, list)) and len(item) == 2, f"batch {i} is {type(item).__name__}, not a "
                 "pair (X_batch, y_batch).", hint="yield (or collect) X[batch], y[batch] for each batch.")
        Xb = chk.finite(chk.is_array(item[0], what=f"X_batch {i}", ndim=2), what=f"X_batch {i}")
        yb = chk.finite(chk.is_array(item[1], what=f"y_batch {i}", ndim=1), what=f"y_batch {i}")
        chk.true(len(Xb) == len(yb), f"batch {i} has {len(Xb)} rows of X but {len(yb)} labels.")
        chk.true(Xb.shape[1] == X.shape[1], f"X_batch {i} has {Xb.shape[1]} columns, X has {X.shape[1]}: take whole "
                 "rows, X[indices].")
        chk.true(np.allclose(Xb[:, 0], 10 * yb) and np.allclose(Xb[:, 1], -yb), "the rows of X_batch no longer "
                 "match the labels in y_batch: X and y were shuffled differently.",
                 hint="draw one permutation of the indices and use it for both: X[idx], y[idx].")
    chk.true(len(got) > 0, "minibatches gave no batches at all.")
    return [len(b[1]) for b in got], np.concatenate([b[1] for b in got]).astype(int)   # sizes, sample ids in order


@exercises.exercise("minibatches")
def minibatches(chk):
    ids = np.arange(10)
    X, y = np.column_stack([10.0 * ids, -1.0 * ids]), ids.astype(float)   # row i is (10 i, −i): its own id
    with chk.case("10 samples in batches of 3: sizes 3, 3, 3, 1, every sample once"):
        sizes, order = _batches(chk, X, y, 3, np.random.default_rng(0))
        seen = np.bincount(order, minlength=10)
        chk.true(sizes != [3, 3, 3] or len(order) != 9, "the last, smaller batch (1 sample) is missing: keep it, every "
                 "sample counts once per epoch.", hint="range(0, n, batch_size) and idx[start:start + batch_size] keep it.")
        chk.true(seen.max() <= 1, f"sample(s) {np.flatnonzero(seen > 1).tolist()} appear more than once in one epoch "
                 "(and others never): each sample belongs to exactly one batch.", hint="draw one permutation per epoch, "
                 "before the loop (order = rng.permutation(n)), and slice it; a new permutation per batch, or sampling "
                 "with replacement (rng.integers, rng.choice(..., replace=True)), repeats samples.")
        chk.true(seen.min() >= 1, f"sample(s) {np.flatnonzero(seen == 0).tolist()} never appear in the epoch.",
                 hint="every sample must be in exactly one batch per epoch.")
        chk.true(sizes == [3, 3, 3, 1], f"expected batch sizes [3, 3, 3, 1], got {sizes}.",
                 hint="all batches are full except possibly the last one.")
        chk.true(not np.array_equal(order, ids), "the samples come in their original order: the batches are not "
                 "shuffled.", hint="shuffle the indices with rng.permutation(n) and slice that.")
    with chk.case("each call (each epoch) shuffles anew, and the same seed repeats the same order"):
        rng = np.random.default_rng(1)
        first, second = (_batches(chk, X, y, 4, rng)[1] for _ in range(2))
        chk.true(not np.array_equal(first, second), "two epochs with the same rng came in the same order: draw a new "
                 "permutation on every call.", hint="use the rng that is passed in (rng.permutation), not a new one.")
        chk.true(np.array_equal(first, _batches(chk, X, y, 4, np.random.default_rng(1))[1]), "the same seed gave a "
                 "different order: the shuffle does not use the rng passed in.",
                 hint="shuffle with rng.permutation(n), not np.random.permutation (the global generator).")
    with chk.case("batch_size 1 (SGD) and batch_size >= n (one full batch)"):
        sizes, order = _batches(chk, X, y, 1, np.random.default_rng(2))
        chk.true(len(sizes) == 10 and sorted(order) == ids.tolist(), f"batch_size 1 should give 10 batches, every "
                 f"sample once; got {len(sizes)} batches holding samples {sorted(order.tolist())}.")
        sizes, _ = _batches(chk, X, y, 25, np.random.default_rng(3))
        chk.true(sizes == [10], f"batch_size 25 on 10 samples should give one batch of 10, got sizes {sizes}.")


def _train(chk, X, y, w0, learning_rate, n_epochs, batch_size, seed, n_updates):
    """Train, check the returned shapes and the number of losses recorded; return (w, epoch_losses, update_losses)."""
    w, *losses = chk.call(X, y, w0, learning_rate, n_epochs, batch_size, np.random.default_rng(seed),
                          returns="w, epoch_losses, update_losses")
    w = chk.is_array(w, what="w", shape=(X.shape[1],), hint="w has the shape of w0: one weight per column of X.")
    losses = [chk.finite(chk.is_array(A(v, dtype=float) if isinstance(v, list) else v, what=name, ndim=1), what=name)
              for name, v in zip(("epoch_losses", "update_losses"), losses)]      # lists of numbers are fine
    full = len(y) // batch_size                                       # a dropped last batch leaves the full ones
    chk.true(len(y) % batch_size == 0 or len(losses[1]) - 1 != n_epochs * full, f"{full} updates per epoch: the last, "
             f"smaller batch was dropped ({len(y)} samples in batches of {batch_size} are {full + 1} batches).")
    for what, name, n in (("epoch", "epoch_losses", n_epochs), ("update", "update_losses", n_updates)):
        got = len(losses[name == "update_losses"])
        chk.true(got == n + 1, f"{n} {what}{'s' * (n != 1)} mean{'s' * (n == 1)} {n + 1} {name.replace('_', ' ')} "
                 f"(at w0 and after each {what}), got {got}.", hint=f"record the loss on the whole training set "
                 f"before the loop and after every {what}.")
    return (w, *losses)


def _loss(X, y, w):
    return float(np.mean(np.logaddexp(0, X @ w) - y * (X @ w)))


@exercises.exercise("train_logistic")
def train_logistic(chk):
    X2, y2 = A([[1.0, 2.0], [1.0, 0.0]]), A([1.0, 0.0])
    with chk.case("batch gradient descent: one epoch, learning rate 1, from w0 = 0"):
        # gradient at 0 is [0, −1/2] (see cross_entropy_gradient) -> w = [0, 1/2]; loss ln 2, then (−ln σ(1) + ln 2) / 2
        w, epoch_losses, update_losses = _train(chk, X2, y2, np.zeros(2), 1.0, 1, 2, 0, 1)
        chk.array(w, [0.0, 0.5], what="w after one epoch", diagnoses=[
            ([0.0, -0.5], "w moved up the gradient: subtract learning_rate × gradient."),
            ([0.0, 0.0], "w did not change: update it in the loop, w = w − learning_rate * gradient."),
            ([0.0, 1.0], "the step is twice too big: is the gradient a mean over the batch (1/m)?")],
            hint="one step: w0 − learning_rate · cross_entropy_gradient(X, y, w0).")
        for name, losses in (("epoch_losses", epoch_losses), ("update_losses", update_losses)):
            chk.array(losses, [math.log(2), (-math.log(SIGMA_ONE) + math.log(2)) / 2], what=name,
                      hint="the loss on the whole training set (X, y), at w0 and after the epoch.")
    with chk.case("SGD (batch_size 1): one epoch over 2 samples in either order"):
        # order (0, 1): w = [1/2, 1] after sample 0, then [1/2 − σ(1/2), 1];  order (1, 0): [−1/2, 0], then
        # [−1/2 + σ(1/2), 2σ(1/2)].  Two full-batch steps instead: [0, 1/2], then [(1/2 − σ(1))/2, 3/2 − σ(1)]
        w, epoch_losses, update_losses = _train(chk, X2, y2, np.zeros(2), 1.0, 1, 1, 0, 2)
        chk.true(not (np.allclose(w, [(0.5 - SIGMA_ONE) / 2, 1.5 - SIGMA_ONE]) or np.allclose(w, [0.0, 0.5])),
                 "with batch_size 1 the updates used the whole data set: compute the gradient on each mini-batch "
                 "(X_batch, y_batch), not on all of X.")
        order_a, order_b = A([0.5 - SIGMA_HALF, 1.0]), A([-0.5 + SIGMA_HALF, 2 * SIGMA_HALF])
        chk.true(np.allclose(w, order_a) or np.allclose(w, order_b), f"after one epoch of SGD w should be "
                 f"{fmt(order_a)} or {fmt(order_b)} (depending on the order), got {fmt(w)}.", hint="for each "
                 "(X_batch, y_batch) in minibatches(...): w = w − learning_rate · gradient on that batch.")
        chk.true(np.isclose(update_losses[-1], _loss(X2, y2, w)) and np.isclose(epoch_losses[-1], _loss(X2, y2, w)),
                 "the last recorded loss is not the loss of the returned w on the whole training set.")
    with chk.case("mini-batches of 3 on 10 samples, 2 epochs"):
        rng = np.random.default_rng(5)
        X = np.column_stack([np.ones(10), rng.normal(size=(10, 2))])
        y = (X[:, 1] + 0.5 * rng.normal(size=10) > 0).astype(float)
        w, epoch_losses, update_losses = _train(chk, X, y, np.zeros(3), 0.5, 2, 3, 6, 8)
        chk.true(np.allclose(update_losses[::4], epoch_losses), "update_losses at the end of each epoch should equal "
                 "epoch_losses (both are the loss on the whole training set).")
        chk.true(epoch_losses[-1] < epoch_losses[0], "the loss did not go down: check the sign of the update.")
        chk.true(np.allclose(w, _train(chk, X, y, np.zeros(3), 0.5, 2, 3, 6, 8)[0]), "two runs with the same seed gave "
                 "different weights: shuffle with the rng passed in.")
    with chk.case("full-batch gradient descent with a small step: the loss never goes up"):
        rng = np.random.default_rng(7)
        X = np.column_stack([np.ones(30), rng.normal(size=(30, 2))])
        y = (X[:, 1] - X[:, 2] + rng.normal(size=30) > 0).astype(float)
        w, epoch_losses, _ = _train(chk, X, y, np.zeros(3), 0.5, 50, 30, 8, 50)
        chk.true(np.all(np.diff(epoch_losses) <= 1e-12), "the loss went up during full-batch descent: the gradient's "
                 "sign or the update is wrong.")
        grad_norm = np.linalg.norm(X.T @ (logistic(X @ w) - y) / 30)
        chk.true(grad_norm < 0.05, f"after 50 steps the gradient is still large ({grad_norm:.3g}): is w updated?")
