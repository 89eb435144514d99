"""Checks for notebook 03, "The perceptron and the neuron".

Expected values are small cases computed by hand (shown in the comments),
properties (a perceptron separates separable data and never XOR), the
numerical derivative, and, for the hand-built networks, what the network does
on a grid of test points.
"""
import functools
import warnings

import numpy as np

from .framework import Exercises, NotImplementedYet, fmt
from .gradcheck import numerical_gradient_array

exercises = Exercises("03_perceptron_and_neurons")
catch_up = exercises.catch_up
progress = exercises.progress

LN2, LN3 = np.log(2.0), np.log(3.0)


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def _logistic(z):
    """σ(z) through the identity σ(z) = (1 + tanh(z/2)) / 2: no overflow (for diagnoses)."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def _call_watching(chk, func, *args):
    """Call ``func`` through ``chk.call``; return (result, first overflow/NaN warning or None).

    Underflow (e^-1000 rounding to 0) is harmless and ignored; overflow,
    invalid operations (inf/inf) and division by zero are recorded, so the
    check can say *which* formula overflowed instead of a generic message.
    """
    seen = []

    @functools.wraps(func)          # the learner's signature: messages name their arguments
    def watched(*inner):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
                result = func(*inner)
        seen.extend(w for w in caught if issubclass(w.category, RuntimeWarning))
        return result

    watched.__name__ = getattr(func, "__name__", chk.name)
    result = chk.call(*args, func=watched)
    return result, (str(seen[0].message) if seen else None)


def _elementwise_derivative(chk, derivative, reference, z, name, hint):
    """The derivative agrees with the centred difference of the activation.

    ``reference`` is an independent formula for the activation (an identity
    such as σ(z) = (1 + tanh(z/2))/2), so a wrong activation of the learner's
    does not spoil this case.
    """
    got, warning = _call_watching(chk, derivative, z.copy())
    if warning:
        chk.fail(f"{name} produced a warning: {warning}.")
    got = chk.is_array(got, what=f"{name}(z)", shape=z.shape)
    numeric = numerical_gradient_array(lambda: reference(z), z, np.ones_like(z))
    chk.array(got, numeric, what=f"{name}(z)", rtol=1e-5, atol=1e-7, hint=hint)


# --------------------------------------------------------------------------
# 1. The sign activation and Rosenblatt's perceptron
# --------------------------------------------------------------------------
@exercises.register("sign")
def sign(func):
    with exercises.check("sign", func) as chk:
        with chk.case("z = [-2, -0.5, 0, 0.5, 3]"):
            z = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
            got = chk.call(z)
            chk.array(got, [-1, -1, 1, 1, 1], diagnoses=[
                ([-1, -1, 0, 1, 1], "sign(0) came back as 0 (that is what np.sign does); 0 is not a "
                 "label. The docstring asks for +1 when z = 0."),
                ([-1, -1, -1, 1, 1], "sign(0) came back as −1; the docstring asks for +1 when z ≥ 0."),
                ([0, 0, 1, 1, 1], "the result is 0/1 (a True/False test); the labels are −1 and +1."),
                ([1, 1, -1, -1, -1], "the signs are reversed: positive z gives +1."),
            ], shape_hint="one label per entry of z: the same shape as z.")
        with chk.case("a 2-D array [[0, -1], [2, -3]]"):
            got = chk.call(np.array([[0.0, -1.0], [2.0, -3.0]]))
            chk.array(got, [[1, -1], [1, -1]], hint="work element by element, e.g. with np.where.")
        with chk.case("integers and tiny values, z = [-1e-12, 1e-12, 7]"):
            got = chk.call(np.array([-1e-12, 1e-12, 7.0]))
            chk.array(got, [-1, 1, 1], hint="only the sign of z matters, not its size.")


def _unpack_perceptron(chk, result, n_features, epochs):
    w, b, mistakes = chk.unpack(result, ("w", "b", "mistakes"), func_name="perceptron_train")
    w = chk.is_array(w, what="w", shape=(n_features,), hint="one weight per feature: [n_features].")
    chk.finite(w, what="w")
    if isinstance(b, np.ndarray) and b.size == 1:
        b = b.item()
    b = chk.scalar(b, what="the bias b")
    if isinstance(mistakes, (list, tuple)):   # a list of counts is fine
        mistakes = np.asarray(mistakes)
    mistakes = chk.is_array(mistakes, what="mistakes", ndim=1)
    chk.true(len(mistakes) == epochs,
             f"expected one mistake count per epoch ({epochs}), got {len(mistakes)}.",
             hint="append the epoch's count after each pass over the data, even when it is 0.")
    chk.true(np.all(mistakes >= 0) and np.allclose(mistakes, np.round(mistakes)),
             f"mistakes should be counts (whole numbers ≥ 0), got {fmt(mistakes)}.")
    return w, float(b), mistakes


def _same_up_to_step(w, b, w_expected, b_expected):
    """(w, b) is a positive multiple of the expected weights (any learning rate > 0 from 0)."""
    target = np.append(w_expected, b_expected)
    got = np.append(w, b)
    scale = got @ target / (target @ target)
    return scale > 0 and np.allclose(got, scale * target, rtol=1e-6, atol=1e-9)


@exercises.register("perceptron_train")
def perceptron_train(func):
    every_sample = "w changes on every sample: update only when the prediction is wrong (a mistake)."
    zero_is_mistake = ("a point with z = 0 was counted as a mistake: predict with your sign function, "
                       "which gives +1 at z = 0 (np.sign gives 0, which never equals a label).")
    with exercises.check("perceptron_train", func) as chk:
        with chk.case("3 points, 4 epochs, traced by hand"):
            # Start w = (0, 0), b = 0; points in order, labels +1, −1, −1.
            # epoch 1: (1,2): z = 0 → +1 right.  (3,1): z = 0 → +1 wrong → w = (−3,−1), b = −1.
            #          (2,0): z = −7 right.                                     1 mistake
            # epoch 2: (1,2): z = −6 wrong → w = (−2, 1), b = 0.  (3,1): −5 right.  (2,0): −4 right.
            # epoch 3: (1,2): z = 0 → +1 right; −5, −4 right.                   0 mistakes
            X = np.array([[1.0, 2.0], [3.0, 1.0], [2.0, 0.0]])
            y = np.array([1.0, -1.0, -1.0])
            w, b, mistakes = _unpack_perceptron(chk, chk.call(X, y, 4), 2, 4)
            if np.allclose(w, [-16, 4]) and np.isclose(b, -4):
                chk.fail(every_sample)
            if np.allclose(w, [-3, 4]) and np.isclose(b, 1):
                chk.fail(zero_is_mistake)
            chk.true(_same_up_to_step(w, b, [-2.0, 1.0], 0.0),
                     f"expected w = [-2, 1] and b = 0 after 4 epochs, got w = {fmt(w)}, b = {b:.4g}.",
                     hint="start from zeros; for each sample in order: if sign(x·w + b) != y, "
                     "then w += y·x and b += y.")
            chk.array(mistakes, [1, 1, 0, 0], what="the mistakes per epoch",
                      hint="count, in each epoch, the samples whose prediction was wrong.")
        with chk.case("1 feature, the bias does the work (X = [[1], [2]], y = [−1, +1])"):
            # The boundary must sit between x = 1 and x = 2: impossible without b.
            # Traced by hand like the case above: w = 1, b = −2 after 6 epochs;
            # mistakes 2, 2, 1, 2, 1, 0, 0.
            w, b, mistakes = _unpack_perceptron(chk, chk.call(np.array([[1.0], [2.0]]), np.array([-1.0, 1.0]), 7),
                                                1, 7)
            if np.allclose(w, [7]) and np.isclose(b, 0):
                chk.fail(every_sample)
            if np.allclose(w, [3]) and np.isclose(b, -2):
                chk.fail(zero_is_mistake)
            chk.true(not np.isclose(b, 0),
                     "b is still 0: the bias was never updated (b += y on each mistake).")
            chk.true(_same_up_to_step(w, b, [1.0], -2.0),
                     f"expected w = [1] and b = −2 after 7 epochs, got w = {fmt(w)}, b = {b:.4g}.")
            chk.array(mistakes, [2, 2, 1, 2, 1, 0, 0], what="the mistakes per epoch")
        with chk.case("40 separable points: mistakes fall to 0 and every point ends up right"):
            X, y = _separable_points()
            w, b, mistakes = _unpack_perceptron(chk, chk.call(X, y, 100), 2, 100)
            chk.true(mistakes[-1] == 0,
                     f"the last epoch still had {int(mistakes[-1])} mistakes; on separable data the "
                     "perceptron stops making them.",
                     hint="is the bias updated too? Are w and b kept from one epoch to the next?")
            wrong = int(np.sum(y * (X @ w + b) < 0))
            chk.true(wrong == 0, f"the returned w, b still misclassify {wrong} of the 40 points.")
        with chk.case("XOR: 4 points, 20 epochs, never separable"):
            X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
            y = np.array([-1.0, 1.0, 1.0, -1.0])
            _, _, mistakes = _unpack_perceptron(chk, chk.call(X, y, 20), 2, 20)
            chk.true(np.all(mistakes >= 1),
                     f"some epochs report 0 mistakes ({fmt(mistakes)}), but no line separates XOR.",
                     hint="count a mistake whenever the prediction differs from the label.")


def _separable_points():
    """40 points on either side of x1 − 2·x2 + 0.3 = 0, none closer than 0.3/√5 to it."""
    rng = np.random.default_rng(3)
    X = rng.uniform(-1, 1, size=(80, 2))
    score = X @ np.array([1.0, -2.0]) + 0.3
    keep = np.abs(score) > 0.3
    X, score = X[keep][:40], score[keep][:40]
    return X, np.where(score > 0, 1.0, -1.0)


# --------------------------------------------------------------------------
# 2. Activations and their derivatives
# --------------------------------------------------------------------------
def _activation_cases(chk, func, name, hand_z, hand_expected, hand_diagnoses, large_z, large_expected,
                      overflow_hint, nan_hint, hand_text, large_text):
    with chk.case(f"z = {hand_text}, computed by hand"):
        got, warning = _call_watching(chk, func, hand_z.copy())
        if warning:
            chk.fail(f"{name} produced a warning: {warning}.")
        chk.array(got, hand_expected, what=f"{name}(z)", diagnoses=hand_diagnoses,
                  shape_hint="the activation works element by element: same shape as z.")
    with chk.case(f"large |z|, z = {large_text}: no overflow, no NaN"):
        got, warning = _call_watching(chk, func, large_z.copy())
        if warning:
            chk.fail(f"{name} overflowed for large |z| ({warning}).", hint=overflow_hint)
        got = chk.is_array(got, what=f"{name}(z)", shape=large_z.shape)
        if np.isnan(np.asarray(got, dtype=float)).any():
            chk.fail(f"{name}(z) is NaN for large |z|: {fmt(got)}.", hint=nan_hint)
        chk.array(got, large_expected, what=f"{name}(z)", hint=nan_hint)
    with chk.case("a 2-D array keeps its shape"):
        z = np.array([[0.0, 1.0, -1.0], [2.0, -2.0, 0.5]])
        got, warning = _call_watching(chk, func, z)
        if warning:
            chk.fail(f"{name} produced a warning: {warning}.")
        chk.is_array(got, what=f"{name}(z)", shape=z.shape,
                     hint="use numpy operations element by element; no sums, no loops over rows.")


def _derivative_cases(chk, derivative, reference, name, hand_z, hand_expected, hand_diagnoses, hint,
                      hand_text):
    """The cases of a derivative; while they run, 'not implemented yet' names the derivative."""
    exercise_name, chk.name = chk.name, name
    with chk.case(f"{name}: z = {hand_text}, computed by hand"):
        if not callable(derivative):
            chk.fail(f"expected {name} to be a function, got {fmt(derivative)}.")
        got, warning = _call_watching(chk, derivative, hand_z.copy())
        if warning:
            chk.fail(f"{name} produced a warning: {warning}.")
        chk.array(got, hand_expected, what=f"{name}(z)", diagnoses=hand_diagnoses, hint=hint,
                  shape_hint="the derivative works element by element: same shape as z.")
    with chk.case(f"{name}: z = ±1000, no overflow"):
        got, warning = _call_watching(chk, derivative, np.array([-1000.0, 1000.0]))
        if warning:
            chk.fail(f"{name} overflowed for z = ±1000 ({warning}).",
                     hint="compute it from your (stable) activation instead of a new formula with exp.")
        chk.array(got, [0.0, 0.0], what=f"{name}(z)", hint="far from 0 the activation is flat: slope 0.")
    with chk.case(f"{name}: 7 values against the numerical derivative"):
        z = np.array([-3.1, -1.7, -0.6, 0.2, 0.9, 1.6, 2.8])
        _elementwise_derivative(chk, derivative, reference, z, name, hint)
    chk.name = exercise_name


@exercises.register("sigmoid", args=("sigmoid", "sigmoid_derivative"))
def sigmoid(func, derivative):
    with exercises.check("sigmoid", func) as chk:
        # σ(0) = 1/2; σ(ln 3) = 1/(1 + 1/3) = 3/4; σ(−ln 3) = 1/(1 + 3) = 1/4.
        _activation_cases(
            chk, func, "sigmoid", np.array([0.0, LN3, -LN3]), [0.5, 0.75, 0.25],
            [([0.5, 0.25, 0.75], "the sign is flipped: σ(z) = 1 / (1 + e^(−z)), with a minus in the exponent.")],
            np.array([-1000.0, -50.0, 50.0, 1000.0]), [0.0, 0.0, 1.0, 1.0],
            hand_text="[0, ln 3, −ln 3]", large_text="[−1000, −50, 50, 1000]",
            overflow_hint="for z < 0, e^(−z) overflows; there use σ(z) = e^z / (1 + e^z), e.g. with "
            "e = np.exp(-np.abs(z)). np.where evaluates both branches, so the unsafe one still overflows.",
            nan_hint="inf/inf is NaN; rewrite so that exp never gets a large positive argument.")
        z = np.array([0.0, LN3, -LN3])
        # σ'(z) = σ(z)(1 − σ(z)): 1/2·1/2 = 1/4; 3/4·1/4 = 3/16; 1/4·3/4 = 3/16.
        _derivative_cases(chk, derivative, _logistic, "sigmoid_derivative", z, [0.25, 3 / 16, 3 / 16], [
            (z * (1 - z), "you computed z(1 − z); the derivative is σ(z)(1 − σ(z)): apply sigmoid to z first."),
            (_logistic(_logistic(z)) * (1 - _logistic(_logistic(z))),
             "sigmoid was applied twice: sigmoid_derivative takes the pre-activation z, so compute "
             "s = sigmoid(z) once and return s·(1 − s)."),
            (_logistic(z), "you returned σ(z) itself; the derivative is σ(z)(1 − σ(z))."),
        ], hint="σ'(z) = σ(z)·(1 − σ(z)), with z the pre-activation.", hand_text="[0, ln 3, −ln 3]")


@exercises.register("tanh", args=("tanh", "tanh_derivative"))
def tanh(func, derivative):
    with exercises.check("tanh", func) as chk:
        # tanh(ln 2) = (e^(2 ln 2) − 1)/(e^(2 ln 2) + 1) = (4 − 1)/(4 + 1) = 3/5.
        _activation_cases(
            chk, func, "tanh", np.array([0.0, LN2, -LN2]), [0.0, 0.6, -0.6],
            [([0.0, -0.6, 0.6], "the sign is flipped: tanh(z) > 0 for z > 0."),
             ([0.5, 0.8, 0.2], "that is σ(2z); tanh(z) = 2σ(2z) − 1 ranges from −1 to 1.")],
            np.array([-1000.0, -20.0, 20.0, 1000.0]), [-1.0, -1.0, 1.0, 1.0],
            hand_text="[0, ln 2, −ln 2]", large_text="[−1000, −20, 20, 1000]",
            overflow_hint="the slide's (e^(2z) − 1)/(e^(2z) + 1) overflows: e^2000 is inf, and inf/inf "
            "is NaN. For z ≥ 0 divide top and bottom by e^(2z): (1 − e^(−2z))/(1 + e^(−2z)). "
            "(np.tanh is fine too.)",
            nan_hint="inf/inf is NaN: for z ≥ 0 use (1 − e^(−2z))/(1 + e^(−2z)) instead.")
        z = np.array([0.0, LN2, -LN2])
        # tanh'(z) = 1 − tanh(z)²: 1 − 0 = 1; 1 − 0.36 = 0.64 (both signs).
        _derivative_cases(chk, derivative, np.tanh, "tanh_derivative", z, [1.0, 0.64, 0.64], [
            (1 - z ** 2, "you computed 1 − z²; the derivative is 1 − tanh(z)²: square tanh(z), not z."),
            (1 - np.tanh(np.tanh(z)) ** 2,
             "tanh was applied twice: tanh_derivative takes the pre-activation z, so compute "
             "t = tanh(z) once and return 1 − t²."),
            (1 - np.tanh(z), "the square is missing: 1 − tanh(z)², not 1 − tanh(z)."),
        ], hint="tanh'(z) = 1 − tanh(z)², with z the pre-activation.", hand_text="[0, ln 2, −ln 2]")


@exercises.register("relu", args=("relu", "relu_derivative"))
def relu(func, derivative):
    with exercises.check("relu", func) as chk:
        with chk.case("z = [-2, -0.5, 0, 0.5, 3]"):
            z = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
            got = chk.call(z, error_hint="np.max reduces an array to one number (its second argument is an axis); np.maximum(0, z) compares element by element.")
            chk.array(got, [0, 0, 0, 0.5, 3], what="relu(z)", diagnoses=[
                ([2, 0.5, 0, 0.5, 3], "you returned |z|; ReLU sets negative values to 0."),
                (z, "relu returned z unchanged: negative values must become 0."),
                ([0, 0, 0, 1, 1], "that is the derivative (a step); ReLU itself is max(0, z)."),
            ], shape_hint="ReLU works element by element: same shape as z.",
                hint="np.maximum(0, z) (not np.max, which reduces an array to one number).")
        with chk.case("a 2-D array [[-1, 2], [3, -4]]"):
            got = chk.call(np.array([[-1.0, 2.0], [3.0, -4.0]]))
            chk.array(got, [[0, 2], [3, 0]], what="relu(z)")
        with chk.case("large |z| = ±1e300"):
            got = chk.call(np.array([-1e300, 1e300]))
            chk.array(got, [0, 1e300], what="relu(z)")
        chk.name = "relu_derivative"      # 'not implemented yet' now names the derivative
        with chk.case("relu_derivative: z = [-2, -0.5, 0.5, 3]"):
            if not callable(derivative):
                chk.fail(f"expected relu_derivative to be a function, got {fmt(derivative)}.")
            z = np.array([-2.0, -0.5, 0.5, 3.0])
            got = chk.call(z, func=derivative)
            chk.array(got, [0, 0, 1, 1], what="relu_derivative(z)", diagnoses=[
                ([0, 0, 0.5, 3], "you returned relu(z); the derivative is the slope: 1 for z > 0, 0 for z < 0."),
                ([-1, -1, 1, 1], "the slope for z < 0 is 0 (ReLU is flat there), not −1."),
                ([1, 1, 1, 1], "the slope is 1 only for z > 0; for z < 0 it is 0."),
                ([1, 1, 0, 0], "reversed: the slope is 1 for z > 0 and 0 for z < 0."),
            ], shape_hint="one slope per entry of z: same shape as z.",
                hint="(z > 0) gives True/False; turn it into 1.0/0.0 with .astype(float) or np.where.")
        with chk.case("relu_derivative at the kink, z = 0"):
            # ReLU has no derivative at 0; the docstring states 0 ("0 at z = 0"), so the check pins it.
            got = chk.call(np.array([0.0]), func=derivative)
            got = chk.is_array(got, what="relu_derivative(0)", shape=(1,))
            chk.true(float(got[0]) == 0.0,
                     f"relu_derivative(0) should be 0, as the docstring says, got {fmt(got[0])}.",
                     hint="1.0 where z > 0 (strictly) and 0.0 elsewhere: np.where(z > 0, 1.0, 0.0).")
        with chk.case("relu_derivative: 7 values against the numerical derivative"):
            z = np.array([-3.1, -1.7, -0.6, 0.2, 0.9, 1.6, 2.8])   # none near the kink
            _elementwise_derivative(chk, derivative, lambda v: np.maximum(0.0, v), z, "relu_derivative",
                                    hint="the slope of max(0, z): 0 left of 0, 1 right of 0.")
        chk.name = "relu"


# --------------------------------------------------------------------------
# 3. Networks built by hand: what they do on test points
# --------------------------------------------------------------------------
SQUARE_HALF_WIDTH = 1.0     # the square [-1, 1] × [-1, 1]
SQUARE_MARGIN = 0.15        # test points closer than this to its edge are left out
XOR_CORNERS = {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0}


def network_output(X, W_hidden, b_hidden, w_out, b_out):
    """Output of a sigmoid network with one hidden layer: σ(σ(X W + b) · w_out + b_out).

    Inputs:
    - X: [n_samples, 2]
    - W_hidden: [2, n_hidden]; b_hidden: [n_hidden]; w_out: [n_hidden]; b_out: a number

    Returns: [n_samples], values between 0 and 1.
    """
    hidden = _logistic(np.asarray(X, dtype=float) @ W_hidden + b_hidden)
    return _logistic(hidden @ w_out + b_out)


def square_test_points():
    """Grid points on [-2, 2]² (step 0.1) away from the square's edge, and whether each is inside.

    Returns: (X [n, 2], inside [n] bool). A point is left out when its distance
    to the square's edge (measured as max(|x1|, |x2|) − 1) is below 0.15.
    """
    ticks = np.round(np.linspace(-2, 2, 41), 10)
    X = np.array([(a, b) for b in ticks for a in ticks])
    extent = np.max(np.abs(X), axis=1)
    keep = np.abs(extent - SQUARE_HALF_WIDTH) >= SQUARE_MARGIN
    X, extent = X[keep], extent[keep]
    return X, extent < SQUARE_HALF_WIDTH


def xor_test_points():
    """A 5 × 5 grid of points within ±0.2 of each XOR corner, and their 0/1 labels."""
    offsets = np.linspace(-0.2, 0.2, 5)
    points, labels = [], []
    for (cx, cy), label in XOR_CORNERS.items():
        for dy in offsets:
            for dx in offsets:
                points.append((cx + dx, cy + dy))
                labels.append(label)
    return np.array(points), np.array(labels)


def _square_region(x1, x2, inside):
    """Words for where a test point is."""
    if inside:
        near_x, near_y = abs(x1) >= 0.7, abs(x2) >= 0.7
        if near_x and near_y:
            return "inside, near the corners of the square"
        if near_x:
            return f"inside, near the {'right' if x1 > 0 else 'left'} edge"
        if near_y:
            return f"inside, near the {'top' if x2 > 0 else 'bottom'} edge"
        return "inside, around the centre of the square"
    out_x, out_y = abs(x1) > 1, abs(x2) > 1
    if out_x and out_y:
        return "outside, beyond the corners of the square"
    distance = max(abs(x1), abs(x2)) - 1
    how = "just outside" if distance < 0.5 else "far outside"
    if out_x:
        return f"{how} the {'right' if x1 > 0 else 'left'} edge of the square"
    return f"{how} the {'top' if x2 > 0 else 'bottom'} edge of the square"


def _weights(chk, values, shapes, names, n_hidden):
    """The four weight arrays as floats, shapes checked (a list is fine for hand-typed numbers)."""
    out = []
    for value, shape, name in zip(values, shapes, names):
        if value is None:
            chk.fail(f"{name} is None.", hint=f"set {name} to a numpy array of shape {shape}.")
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            chk.fail(f"{name} should hold numbers, got {fmt(value)}.")
        if shape == () and array.shape == (1,):
            array = array.reshape(())
        if shape == (n_hidden,) and array.shape == (n_hidden, 1):
            array = array.reshape(n_hidden)
        if array.shape != shape:
            transposed = len(shape) == 2 and array.shape == shape[::-1]
            chk.fail(f"{name} should have shape {shape}, got {array.shape}"
                     f"{' (transposed?)' if transposed else ''}.",
                     hint="W_hidden has one column per hidden neuron: entry [i, j] is the weight "
                     "from input x_i to hidden neuron j." if len(shape) == 2 else None)
        chk.finite(array, what=name)
        out.append(array)
    return out


def _not_filled_in(values):
    return all(v is not None and np.size(v) and np.all(np.asarray(v, dtype=float) == 0) for v in values)


@exercises.register("square_network", args=("W_hidden", "b_hidden", "w_out", "b_out"), values=True)
def square_network(W_hidden, b_hidden, w_out, b_out):
    names = ("W_hidden", "b_hidden", "w_out", "b_out")
    if _not_filled_in((W_hidden, b_hidden, w_out, b_out)):
        raise NotImplementedYet("square_network", exercises.catch_up_hint("square_network"))
    with exercises.check("square_network") as chk:
        weights = None
        with chk.case("the shapes of W_hidden, b_hidden, w_out, b_out"):
            weights = _weights(chk, (W_hidden, b_hidden, w_out, b_out), [(2, 4), (4,), (4,), ()], names, 4)
        X, inside = square_test_points()
        ok = weights is not None
        if ok:
            marked = network_output(X, *weights) > 0.5
            if np.mean(marked[inside]) < 0.1 and np.mean(marked[~inside]) > 0.9:
                with chk.case("inside and outside the square"):
                    chk.fail("inside and outside are swapped: the network marks the outside and "
                             "leaves the square out.",
                             hint="flip the signs of w_out and b_out.")
                return
        for where, mask in (("inside", inside), ("outside", ~inside)):
            with chk.case(f"the {mask.sum()} test points {where} the square"):
                if not ok:
                    chk.fail("skipped until the shapes are right.")
                marked_inside = network_output(X[mask], *weights) > 0.5
                wrong = marked_inside != inside[mask]
                if not wrong.any():
                    continue
                share = 1 - wrong.mean()
                if where == "inside" and wrong.all() and not (network_output(X[~inside], *weights) > 0.5).any():
                    chk.fail("the network marks everything outside (output below 0.5 everywhere).",
                             hint="the output neuron needs a large enough total: check the sign of "
                             "w_out and b_out, and that every hidden neuron is near 1 inside.")
                if where == "outside" and wrong.all() and (network_output(X[inside], *weights) > 0.5).all():
                    chk.fail("the network marks everything inside (output above 0.5 everywhere).",
                             hint="the output neuron fires too easily: make b_out more negative, so that "
                             "it needs all four hidden neurons on (a sum above 3.5).")
                regions = {}
                for (x1, x2) in X[mask][wrong]:
                    region = _square_region(x1, x2, where == "inside")
                    regions[region] = regions.get(region, 0) + 1
                worst = sorted(regions.items(), key=lambda item: -item[1])[:2]
                verdict = "outside" if where == "inside" else "inside"
                described = "; ".join(f"points {region} are marked {verdict} ({n})" for region, n in worst)
                hint = ("make the hidden neurons steeper (multiply a neuron's weights and bias by the same "
                        "larger number) or lower the output's threshold (b_out)."
                        if where == "inside" else
                        "each edge needs a hidden neuron that is near 0 beyond it (check the signs of "
                        "its weights), and the output should need all four on (raise the threshold).")
                chk.fail(f"{share:.0%} right; {described}.", hint=hint)


@exercises.register("xor_network", args=("W_xor_hidden", "b_xor_hidden", "w_xor_out", "b_xor_out"), values=True)
def xor_network(W_xor_hidden, b_xor_hidden, w_xor_out, b_xor_out):
    names = ("W_xor_hidden", "b_xor_hidden", "w_xor_out", "b_xor_out")
    values = (W_xor_hidden, b_xor_hidden, w_xor_out, b_xor_out)
    if _not_filled_in(values):
        raise NotImplementedYet("xor_network", exercises.catch_up_hint("xor_network"))
    with exercises.check("xor_network") as chk:
        weights = None
        with chk.case("the shapes of the four arrays"):
            weights = _weights(chk, values, [(2, 2), (2,), (2,), ()], names, 2)
        X, labels = xor_test_points()
        ok = weights is not None
        for (cx, cy), label in XOR_CORNERS.items():
            near = np.all(np.abs(X - (cx, cy)) <= 0.2 + 1e-9, axis=1)
            with chk.case(f"25 points near ({cx}, {cy}) → {label}"):
                if not ok:
                    chk.fail("skipped until the shapes are right.")
                marked = (network_output(X[near], *weights) > 0.5).astype(int)
                wrong = marked != labels[near]
                if wrong.any():
                    chk.fail(f"{wrong.sum()} of 25 points near ({cx}, {cy}) are marked {1 - label}, "
                             f"not {label}.",
                             hint="XOR is 'OR but not AND': one hidden neuron for OR, one for AND "
                             "(or NAND), and an output that combines them.")
