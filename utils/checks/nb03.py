"""Checks for notebook 03, "The perceptron and the neuron": small cases computed by hand (the arithmetic in the
comments), properties (a perceptron separates separable data and never XOR), the numerical derivative, and, for
the hand-built networks, what the network does on a grid of test points."""
import contextlib
import io
import warnings

import numpy as np

from .framework import Exercises, NotImplementedYet, fmt, sigmoid as logistic
from .gradcheck import numerical_gradient_array

exercises = Exercises("03_perceptron_and_neurons")
catch_up, progress = exercises.catch_up, exercises.progress
A = np.array
LN2, LN3 = np.log(2.0), np.log(3.0)


# -- 1. sign and Rosenblatt's perceptron -----------------------------------------------------------------------
@exercises.exercise("sign")
def sign(chk):
    chk.table([("z = [-2, -0.5, 0, 0.5, 3]", (A([-2.0, -0.5, 0.0, 0.5, 3.0]),), [-1, -1, 1, 1, 1], [
        ([-1, -1, 0, 1, 1], "sign(0) came back as 0 (that is what np.sign does); 0 is not a label. The docstring "
         "asks for +1 when z = 0."),
        ([-1, -1, -1, 1, 1], "sign(0) came back as −1; the docstring asks for +1 when z ≥ 0."),
        ([0, 0, 1, 1, 1], "the result is 0/1 (a True/False test); the labels are −1 and +1."),
        ([1, 1, -1, -1, -1], "the signs are reversed: positive z gives +1.")], None),
        ("a 2-D array [[0, -1], [2, -3]]", (A([[0.0, -1.0], [2.0, -3.0]]),), [[1, -1], [1, -1]], (),
         "work element by element, e.g. with np.where."),
        ("tiny values, z = [-1e-12, 1e-12, 7]", (A([-1e-12, 1e-12, 7.0]),), [-1, 1, 1], (),
         "only the sign of z matters, not its size.")], shape_hint="one label per entry of z: the same shape as z.")


def _perceptron(chk, X, y, epochs):
    w, b, mistakes = chk.call(X, y, epochs, returns="w, b, mistakes")
    w = chk.finite(chk.is_array(w, what="w", shape=(X.shape[1],), hint="one weight per feature: [n_features]."))
    b = chk.scalar(b.item() if isinstance(b, np.ndarray) and b.size == 1 else b, what="the bias b")
    mistakes = chk.is_array(A(mistakes) if isinstance(mistakes, (list, tuple)) else mistakes, what="mistakes", ndim=1)
    chk.true(len(mistakes) == epochs, f"expected one mistake count per epoch ({epochs}), got {len(mistakes)}.",
             hint="append the epoch's count after each pass over the data, even when it is 0.")
    chk.true(np.all(mistakes >= 0) and np.allclose(mistakes, np.round(mistakes)),
             f"mistakes should be counts (whole numbers ≥ 0), got {fmt(mistakes)}.")
    return w, float(b), mistakes


def _up_to_step(w, b, w_expected, b_expected):
    """(w, b) is a positive multiple of the expected weights (any learning rate > 0 from 0)."""
    target, got = np.append(w_expected, b_expected), np.append(w, b)
    scale = got @ target / (target @ target)
    return scale > 0 and np.allclose(got, scale * target, rtol=1e-6, atol=1e-9)


@exercises.exercise("perceptron_train")
def perceptron_train(chk):
    every = "w changes on every sample: update only when the prediction is wrong (a mistake)."
    batch = ("w and b were updated once per epoch, from all its mistakes together: the perceptron updates at each "
             "mistake, at once, before it looks at the next sample.")
    zero = ("a point with z = 0 was counted as a mistake: predict with your sign function, which gives +1 at z = 0 "
            "(np.sign gives 0, which never equals a label).")
    # (case, X, y, epochs, w and b expected, mistakes expected, [(w, b) of a known mistake, message]), traced by hand:
    # 3 points: epoch 1: (1,2): z = 0 → +1 right. (3,1): z = 0 → +1 wrong → w = (−3,−1), b = −1. (2,0): right.
    #   epoch 2: (1,2): z = −6 wrong → w = (−2, 1), b = 0; then −5, −4 right.  epoch 3: 0, −5, −4: no mistakes.
    # 1 feature (X = [[1], [2]], y = [−1, 1]): the boundary between 1 and 2 needs b; w = 1, b = −2 after 6 epochs.
    for name, X, y, epochs, (w_e, b_e), mistakes_e, known in [
            ("3 points, 4 epochs, traced by hand", A([[1.0, 2.0], [3.0, 1.0], [2.0, 0.0]]), A([1.0, -1.0, -1.0]), 4,
             ([-2.0, 1.0], 0.0), [1, 1, 0, 0], [(([-16, 4], -4), every), (([-3, 4], 1), zero), (([-3, 3], 0), batch)]),
            ("1 feature, the bias does the work (X = [[1], [2]], y = [−1, +1])", A([[1.0], [2.0]]), A([-1.0, 1.0]), 7,
             ([1.0], -2.0), [2, 2, 1, 2, 1, 0, 0], [(([7], 0), every), (([3], -2), zero), (([2], -1), batch), ((None, 0), "b is still 0: "
                                                   "the bias was never updated (b += y on each mistake).")])]:
        with chk.case(name):
            w, b, mistakes = _perceptron(chk, X, y, epochs)
            for (w_k, b_k), message in known:
                chk.true(not (np.isclose(b, b_k) and (w_k is None or np.allclose(w, w_k))), message)
            chk.true(_up_to_step(w, b, w_e, b_e), f"expected w = {fmt(A(w_e))} and b = {b_e:g} after {epochs} epochs, "
                     f"got w = {fmt(w)}, b = {b:.4g}.", hint="start from zeros; for each sample in order: if "
                     "sign(x·w + b) != y, then w += y·x and b += y.")
            chk.array(mistakes, mistakes_e, what="the mistakes per epoch",
                      hint="count, in each epoch, the samples whose prediction was wrong.")
    with chk.case("40 separable points: mistakes fall to 0 and every point ends up right"):
        rng = np.random.default_rng(3)     # 40 points on either side of x1 − 2·x2 + 0.3 = 0, none closer than 0.3/√5
        X = rng.uniform(-1, 1, size=(80, 2))
        score = X @ A([1.0, -2.0]) + 0.3
        X, score = X[np.abs(score) > 0.3][:40], score[np.abs(score) > 0.3][:40]
        y = np.where(score > 0, 1.0, -1.0)
        w, b, mistakes = _perceptron(chk, X, y, 100)
        chk.true(mistakes[-1] == 0, f"the last epoch still had {int(mistakes[-1])} mistakes; on separable data the "
                 "perceptron stops making them.", hint="is the bias updated too? Are w and b kept between epochs?")
        wrong = int(np.sum(y * (X @ w + b) < 0))
        chk.true(wrong == 0, f"the returned w, b still misclassify {wrong} of the 40 points.")
    with chk.case("XOR: 4 points, 20 epochs, never separable"):
        _, _, mistakes = _perceptron(chk, A([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), A([-1.0, 1, 1, -1]), 20)
        chk.true(np.all(mistakes >= 1), f"some epochs report 0 mistakes ({fmt(mistakes)}), but no line separates XOR.",
                 hint="count a mistake whenever the prediction differs from the label.")


# -- 2. Activations and their derivatives -----------------------------------------------------------------------
def _warns_at(func, z):
    """Does func(z) give a numerical warning (or fail)? A quiet probe, for naming which side overflows."""
    with warnings.catch_warnings(), np.errstate(all="warn", under="ignore"), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("error")
        try:
            func(A(z))
        except Exception:
            return True
    return False


def _watched(chk, func, z, name, large=False, hint=None):
    got = chk.call(z, func=func, allow_warnings=True)
    if chk.warnings and callable(hint):
        hint = hint(func)
    if chk.warnings:
        chk.fail(f"{name} overflowed for large |z| ({chk.warnings[0].message})." if large
                 else f"{name} produced a warning: {chk.warnings[0].message}.", hint=hint)
    return got


def _activation(chk, func, name, hand, large, overflow_hint, nan_hint):
    """``hand``: (z as text, z, expected, diagnoses); ``large``: (z as text, z, expected)."""
    with chk.case(f"z = {hand[0]}, computed by hand"):
        chk.array(_watched(chk, func, hand[1], name), hand[2], what=f"{name}(z)", diagnoses=hand[3],
                  shape_hint="the activation works element by element: same shape as z.")
    with chk.case(f"large |z|, z = {large[0]}: no overflow, no NaN"):
        got = chk.is_array(_watched(chk, func, large[1], name, True, overflow_hint), what=f"{name}(z)", shape=(4,))
        chk.true(not np.isnan(got.astype(float)).any(), f"{name}(z) is NaN for large |z|: {fmt(got)}.", hint=nan_hint)
        chk.array(got, large[2], what=f"{name}(z)", hint=nan_hint, diagnoses=large[3:])
    with chk.case("a 2-D array keeps its shape"):
        z = A([[0.0, 1.0, -1.0], [2.0, -2.0, 0.5]])
        chk.is_array(_watched(chk, func, z, name), what=f"{name}(z)", shape=z.shape,
                     hint="use numpy operations element by element; no sums, no loops over rows.")


def _derivative(chk, derivative, reference, name, hand_text, hand_z, expected, diagnoses, hint, activation):
    """``reference`` is an independent formula for the activation, so a wrong activation does not spoil this;
    ``activation`` is the learner's, to tell whether an overflow comes from it."""
    with chk.case(f"{name}: z = {hand_text}, computed by hand"):
        chk.array(_watched(chk, derivative, hand_z, name), expected, what=f"{name}(z)", diagnoses=diagnoses, hint=hint,
                  shape_hint="the derivative works element by element: same shape as z.")
    with chk.case(f"{name}: z = ±1000, no overflow"):
        got = chk.call(A([-1000.0, 1000.0]), func=derivative, allow_warnings=True)
        if chk.warnings and _warns_at(activation, [-1000.0, 1000.0]):
            own = name.replace("_derivative", "")
            chk.fail(f"{name} overflowed for z = ±1000 ({chk.warnings[0].message}) because your {own} does "
                     f"there: make {own} stable first (its own case above); {name}'s formula itself may be right.")
        if chk.warnings:
            chk.fail(f"{name} overflowed for z = ±1000 ({chk.warnings[0].message}).",
                     hint="compute it from your (stable) activation instead of a new formula with exp.")
        chk.array(got, [0.0, 0.0], what=f"{name}(z)", hint="far from 0 the activation is flat: slope 0.")
    with chk.case(f"{name}: 7 values against the numerical derivative"):
        z = A([-3.1, -1.7, -0.6, 0.2, 0.9, 1.6, 2.8])              # none near a kink
        got = chk.is_array(_watched(chk, derivative, z, name), what=f"{name}(z)", shape=z.shape)
        chk.array(got, numerical_gradient_array(lambda: reference(z), z, np.ones_like(z)), what=f"{name}(z)",
                  rtol=1e-5, atol=1e-7, hint=hint)


@exercises.register("sigmoid", args=("sigmoid", "sigmoid_derivative"))
def sigmoid(func, derivative):
    with exercises.check("sigmoid", func) as chk:
        z = A([0.0, LN3, -LN3])    # σ = 1/2, 1/(1 + 1/3) = 3/4, 1/(1 + 3) = 1/4;  σ' = σ(1 − σ): 1/4, 3/16, 3/16
        _activation(chk, chk.func, "sigmoid", ("[0, ln 3, −ln 3]", z, [0.5, 0.75, 0.25], [([0.5, 0.25, 0.75], "the sign "
                    "is flipped: σ(z) = 1 / (1 + e^(−z)), with a minus in the exponent.")]),
                    ("[−1000, −50, 50, 1000]", A([-1000.0, -50.0, 50.0, 1000.0]), [0.0, 0.0, 1.0, 1.0]),
                    "for z < 0, e^(−z) overflows; there use σ(z) = e^z / (1 + e^z), e.g. with e = np.exp(-np.abs(z)). "
                    "np.where evaluates both branches, so the unsafe one still overflows.",
                    "inf/inf is NaN; rewrite so that exp never gets a large positive argument.")
        _derivative(chk, derivative, logistic, "sigmoid_derivative", "[0, ln 3, −ln 3]", z, [0.25, 3 / 16, 3 / 16], [
            (z * (1 - z), "you computed z(1 − z); the derivative is σ(z)(1 − σ(z)): apply sigmoid to z first."),
            (logistic(logistic(z)) * (1 - logistic(logistic(z))), "sigmoid was applied twice: sigmoid_derivative takes "
             "the pre-activation z, so compute s = sigmoid(z) once and return s·(1 − s)."),
            (logistic(z) * (1 + logistic(z)), "you computed σ(z)(1 + σ(z)); the derivative is σ(z)(1 − σ(z))."),
            (logistic(z), "you returned σ(z) itself; the derivative is σ(z)(1 − σ(z)).")],
            "σ'(z) = σ(z)·(1 − σ(z)), with z the pre-activation.", chk.func)


def _tanh_overflow(func):
    """The hint for a tanh that overflows, by the side it overflows on."""
    if not _warns_at(func, [1000.0]):           # only z < 0: the z ≥ 0 form used for every z
        return ("it overflows for z < 0 only: (1 − e^(−2z))/(1 + e^(−2z)) is safe for z ≥ 0, where e^(−2z) ≤ 1; "
                "for z < 0 use tanh(z) = −tanh(−z) (or the slide's form), e.g. with np.where on |z|. "
                "(np.tanh is fine too.)")
    return ("the slide's (e^(2z) − 1)/(e^(2z) + 1) overflows: e^2000 is inf, and inf/inf is NaN. For z ≥ 0 divide "
            "top and bottom by e^(2z): (1 − e^(−2z))/(1 + e^(−2z)); for z < 0 use the slide's form, or tanh(z) = "
            "−tanh(−z). (np.tanh is fine too.)")


@exercises.register("tanh", args=("tanh", "tanh_derivative"))
def tanh(func, derivative):
    with exercises.check("tanh", func) as chk:
        z = A([0.0, LN2, -LN2])    # tanh(ln 2) = (4 − 1)/(4 + 1) = 3/5;  tanh' = 1 − tanh²: 1, 0.64, 0.64
        lost = ("negative z gave a positive tanh: the formula with |z| lost the sign; "
                "tanh(−z) = −tanh(z), so multiply by np.sign(z).")
        _activation(chk, chk.func, "tanh", ("[0, ln 2, −ln 2]", z, [0.0, 0.6, -0.6], [
            ([0.0, -0.6, 0.6], "the sign is flipped: tanh(z) > 0 for z > 0."), ([0.0, 0.6, 0.6], lost),
            ([0.5, 0.8, 0.2], "that is σ(2z); tanh(z) = 2σ(2z) − 1 ranges from −1 to 1.")]),
            ("[−1000, −20, 20, 1000]", A([-1000.0, -20.0, 20.0, 1000.0]), [-1.0, -1.0, 1.0, 1.0], ([1.0] * 4, lost)),
            _tanh_overflow, "inf/inf is NaN: for z ≥ 0 use (1 − e^(−2z))/(1 + e^(−2z)), and −tanh(−z) for z < 0.")
        _derivative(chk, derivative, np.tanh, "tanh_derivative", "[0, ln 2, −ln 2]", z, [1.0, 0.64, 0.64], [
            (1 - z ** 2, "you computed 1 − z²; the derivative is 1 − tanh(z)²: square tanh(z), not z."),
            (1 - np.tanh(np.tanh(z)) ** 2, "tanh was applied twice: tanh_derivative takes the pre-activation z, so "
             "compute t = tanh(z) once and return 1 − t²."),
            (1 - np.tanh(z), "the square is missing: 1 − tanh(z)², not 1 − tanh(z).")],
            "tanh'(z) = 1 − tanh(z)², with z the pre-activation.", chk.func)


@exercises.register("relu", args=("relu", "relu_derivative"))
def relu(func, derivative):
    with exercises.check("relu", func) as chk:
        z = A([-2.0, -0.5, 0.0, 0.5, 3.0])
        with chk.case("z = [-2, -0.5, 0, 0.5, 3]"):
            got = chk.call(z, error_hint="np.max reduces an array to one number (its second argument is an axis); "
                           "np.maximum(0, z) compares element by element.")
            chk.array(got, [0, 0, 0, 0.5, 3], what="relu(z)", diagnoses=[
                ([2, 0.5, 0, 0.5, 3], "you returned |z|; ReLU sets negative values to 0."),
                (z, "relu returned z unchanged: negative values must become 0."),
                ([0, 0, 0, 1, 1], "that is the derivative (a step); ReLU itself is max(0, z).")],
                shape_hint="ReLU works element by element: same shape as z.",
                hint="np.maximum(0, z) (not np.max, which reduces an array to one number).")
        chk.table([("a 2-D array [[-1, 2], [3, -4]]", (A([[-1.0, 2.0], [3.0, -4.0]]),), [[0, 2], [3, 0]], (), None),
                   ("large |z| = ±1e30", (A([-1e30, 1e30]),), [0, 1e30], (), None)], what="relu(z)")
        with chk.case("relu_derivative: z = [-2, -0.5, 0.5, 3]"):
            chk.array(chk.call(z[[0, 1, 3, 4]], func=derivative), [0, 0, 1, 1], what="relu_derivative(z)", diagnoses=[
                ([0, 0, 0.5, 3], "you returned relu(z); the derivative is the slope: 1 for z > 0, 0 for z < 0."),
                ([-1, -1, 1, 1], "the slope for z < 0 is 0 (ReLU is flat there), not −1."),
                ([1, 1, 1, 1], "the slope is 1 only for z > 0; for z < 0 it is 0."),
                ([1, 1, 0, 0], "reversed: the slope is 1 for z > 0 and 0 for z < 0.")],
                shape_hint="one slope per entry of z: same shape as z.",
                hint="(z > 0) gives True/False; turn it into 1.0/0.0 with .astype(float) or np.where.")
        with chk.case("relu_derivative at the kink, z = 0"):   # no derivative at 0: the docstring says 0, the check pins it
            got = chk.is_array(chk.call(A([0.0]), func=derivative), what="relu_derivative(0)", shape=(1,))
            chk.true(float(got[0]) == 0.0, f"relu_derivative(0) should be 0, as the docstring says, got {fmt(got[0])}.",
                     hint="1.0 where z > 0 (strictly) and 0.0 elsewhere: np.where(z > 0, 1.0, 0.0).")
        with chk.case("relu_derivative: 7 values against the numerical derivative"):
            z = A([-3.1, -1.7, -0.6, 0.2, 0.9, 1.6, 2.8])
            chk.array(chk.call(z, func=derivative), numerical_gradient_array(lambda: np.maximum(0.0, z), z, np.ones(7)),
                      what="relu_derivative(z)", rtol=1e-5, atol=1e-7, hint="the slope of max(0, z): 0 left of 0, 1 right.")


# -- 3. Networks built by hand: what they do on test points -----------------------------------------------------
XOR_CORNERS = {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0}


def network_output(X, W_hidden, b_hidden, w_out, b_out):
    """σ(σ(X W + b) · w_out + b_out): X [n, 2], W_hidden [2, n_hidden], b_hidden and w_out [n_hidden] -> [n]."""
    return logistic(logistic(np.asarray(X, dtype=float) @ W_hidden + b_hidden) @ w_out + b_out)


def square_test_points():
    """Grid points on [-2, 2]² (step 0.1) at least 0.15 from the square's edge (max(|x1|, |x2|) = 1), and whether
    each is inside: (X [n, 2], inside [n] bool)."""
    ticks = np.round(np.linspace(-2, 2, 41), 10)
    X = A([(a, b) for b in ticks for a in ticks])
    extent = np.max(np.abs(X), axis=1)
    keep = np.abs(extent - 1.0) >= 0.15
    return X[keep], extent[keep] < 1.0


def xor_test_points():
    """A 5 × 5 grid of points within ±0.2 of each XOR corner, and their 0/1 labels."""
    offsets = np.linspace(-0.2, 0.2, 5)
    points = [((cx + dx, cy + dy), label) for (cx, cy), label in XOR_CORNERS.items() for dy in offsets for dx in offsets]
    return A([p for p, _ in points]), A([label for _, label in points])


def _where(x1, x2, inside):
    """Words for where a square test point is."""
    edge = lambda v, pos, neg: pos if v > 0 else neg  # noqa: E731
    if inside:
        names = {(True, True): "near the corners of the square", (False, False): "around the centre of the square",
                 (True, False): f"near the {edge(x1, 'right', 'left')} edge", (False, True): f"near the "
                 f"{edge(x2, 'top', 'bottom')} edge"}
        return "inside, " + names[abs(x1) >= 0.7, abs(x2) >= 0.7]
    if abs(x1) > 1 and abs(x2) > 1:
        return "outside, beyond the corners of the square"
    side = edge(x1, "right", "left") if abs(x1) > 1 else edge(x2, "top", "bottom")
    return f"{'just' if max(abs(x1), abs(x2)) < 1.5 else 'far'} outside the {side} edge of the square"


def _weights(chk, values, names, n_hidden, neuron):
    """The four weight arrays as floats, shapes checked (lists are fine for hand-typed numbers)."""
    out = []
    for value, shape, name in zip(values, [(2, n_hidden), (n_hidden,), (n_hidden,), ()], names):
        chk.true(value is not None, f"{name} is None.", hint=f"set {name} to a numpy array of shape {shape}.")
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            chk.fail(f"{name} should hold numbers, got {fmt(value)}.")
        array = array[..., 0] if len(shape) < 2 and array.ndim == len(shape) + 1 and array.shape[-1] == 1 else array
        chk.true(len(shape) < 2 or array.shape != shape[::-1] or shape[0] == shape[1], f"{name} should have shape "
                 f"{shape}, got {array.shape}: it is transposed, written by rows (one row per hidden neuron). The "
                 f"layout is one column per neuron: entry [i, j] is the weight from input x_(i+1) to {neuron}(j+1); "
                 "use np.array(...).T.")
        chk.true(array.shape == shape, f"{name} should have shape {shape}, got {array.shape}.")
        out.append(chk.finite(array, what=name))
    return out


def _repair(weights, works, names, neuron):
    """Words for the one change that makes a failing network work: the transposed layout, or a sign."""
    W, b, w, c = weights
    if W.shape[0] == W.shape[1] and works([W.T, b, w, c]):
        return (f"{names[0]} is written by rows (row j = the weights of {neuron}(j+1)); the layout is one column per "
                f"hidden neuron: with {names[0]}.T the network works.")
    signs = lambda j, n: np.where(np.arange(n) == j, -1, 1)  # noqa: E731
    neurons = [j for j in range(len(b)) if works([W * signs(j, len(b)), b * signs(j, len(b)), w, c])]
    if neurons:
        return " or ".join(f"hidden neuron {neuron}{j + 1} faces the wrong way: flip the signs of its weights "
                           f"{names[0]}[:, {j}] and its bias {names[1]}[{j}]" for j in neurons) + "."
    def flipped(k, index):
        out = [a.copy() for a in weights]
        out[k][index] *= -1
        return out
    for k, name in enumerate(names):
        if np.size(weights[k]) > 1 and works([-a if i == k else a for i, a in enumerate(weights)]):
            return f"every entry of {name} has the wrong sign: flip the sign of all of {name}."
    for k in (5, 10, 20):
        if works([k * a for a in weights]):
            return (f"the structure is right, but the neurons are too shallow: make them steeper, multiply every "
                    f"weight and bias by about {k}, so that each sigmoid is near 0 or 1.")
    found = [name + (f"[{', '.join(map(str, index))}]" if index else "") for k, (array, name) in
             enumerate(zip(weights, names)) for index in np.ndindex(array.shape)
             if array[index] != 0 and works(flipped(k, index))]
    if found:
        return (f"{found[0]} has the wrong sign (flip it and the network works)." if len(found) == 1 else
                f"one of {', '.join(found)} has the wrong sign (flipping any one of them makes the network work).")
    return None


def _as_arrays(values):
    try:
        W, b = (np.asarray(v, dtype=float) for v in values[:2])
        return (W, b) if W.shape == (2, 2) and b.shape == (2,) else None
    except (TypeError, ValueError):
        return None


def _network(chk, values, names, n_hidden, neuron, X, target, cases):
    """Shapes first; then one case per (name, mask of test points, what a wrong point means, hint); a hint that
    names the one change making the network work (layout, a neuron's or a weight's sign) replaces the generic."""
    if all(v is not None and np.size(v) and np.all(np.asarray(v, dtype=float) == 0) for v in values):
        raise NotImplementedYet(chk.name, exercises.catch_up_hint(chk.name))
    weights = None
    with chk.case(f"the shapes of {', '.join(names)}"):
        weights = _weights(chk, values, names, n_hidden, neuron)
    if weights is None:
        return None
    marked = network_output(X, *weights) > 0.5
    repair = _repair(weights, lambda ws: np.array_equal(network_output(X, *ws) > 0.5, target), names, neuron)
    for name, mask, describe, hint in cases(marked):
        with chk.case(name):
            wrong = marked[mask] != target[mask]
            chk.true(not wrong.any(), describe(wrong), hint=repair or hint)
    return marked


@exercises.exercise("square_network", args=("W_hidden", "b_hidden", "w_out", "b_out"), values=True)
def square_network(chk, *values):
    X, inside = square_test_points()

    def cases(marked):
        if np.mean(marked[inside]) < 0.1 and np.mean(marked[~inside]) > 0.9:
            return [("inside and outside the square", inside | ~inside, lambda wrong: "inside and outside are "
                     "swapped: the network marks the outside and leaves the square out.",
                     "flip the signs of w_out and b_out.")]
        return [(f"the {mask.sum()} test points {where} the square", mask, lambda wrong, where=where, mask=mask:
                 _regions(X[mask][wrong], where, wrong, marked, inside), hint) for where, mask, hint in (
            ("inside", inside, "each hidden neuron should be near 1 inside the square (check the signs of its "
             "weights and bias); make them steeper (multiply a neuron's weights and bias by the same larger number) "
             "or lower the output's threshold (b_out)."),
            ("outside", ~inside, "each edge needs a hidden neuron that is near 0 beyond it (check the signs of its "
             "weights), and the output should need all four on (raise the threshold)."))]
    _network(chk, values, ("W_hidden", "b_hidden", "w_out", "b_out"), 4, "z", X, inside, cases)


def _regions(points, where, wrong, marked, inside):
    if where == "inside" and wrong.all() and not marked.any():
        return "the network marks everything outside (output below 0.5 everywhere)."
    if where == "outside" and wrong.all() and marked[inside].all():
        return ("the network marks everything inside (output above 0.5 everywhere): the output fires too easily: make "
                "b_out more negative, so that it needs all four hidden neurons on (a sum above 3.5).")
    regions = {}
    for x1, x2 in points:
        region = _where(x1, x2, where == "inside")
        regions[region] = regions.get(region, 0) + 1
    worst = sorted(regions.items(), key=lambda item: -item[1])[:2]
    verdict = "outside" if where == "inside" else "inside"
    return f"{1 - wrong.mean():.0%} right; " + "; ".join(f"points {r} are marked {verdict} ({n})" for r, n in worst) + "."


GATES = {(0, 1, 1, 1): "OR", (0, 0, 0, 1): "AND", (1, 1, 1, 0): "NAND", (1, 0, 0, 0): "NOR", (0, 1, 1, 0): "XOR"}


def _gates(W, b):
    """What each hidden neuron computes at the corners (0, 0), (0, 1), (1, 0), (1, 1): 'h1 = OR, h2 = AND'."""
    on = (logistic(A(list(XOR_CORNERS)) @ W + b) > 0.5).astype(int)
    return ", ".join(f"h{j + 1} = {GATES.get(tuple(on[:, j]), 'on at ' + str([c for c, o in zip(XOR_CORNERS, on[:, j]) if o]))}"
                     for j in range(W.shape[1]))


@exercises.exercise("xor_network", args=("W_xor_hidden", "b_xor_hidden", "w_xor_out", "b_xor_out"), values=True)
def xor_network(chk, *values):
    X, labels = xor_test_points()
    hint = ("XOR is 'OR but not AND': one hidden neuron for OR, one for AND (or NAND), and an output that combines "
            "them." + (f" Your hidden neurons compute {_gates(*_as_arrays(values)[:2])} at the four corners."
                       if _as_arrays(values) else ""))
    _network(chk, values, ("W_xor_hidden", "b_xor_hidden", "w_xor_out", "b_xor_out"), 2, "h", X, labels == 1,
             lambda marked: [(f"25 points near ({cx}, {cy}) → {label}", np.all(np.abs(X - (cx, cy)) <= 0.2 + 1e-9, 1),
                              lambda wrong, cx=cx, cy=cy, label=label: f"{wrong.sum()} of 25 points near ({cx}, {cy}) "
                              f"are marked {1 - label}, not {label}.", hint) for (cx, cy), label in XOR_CORNERS.items()])
