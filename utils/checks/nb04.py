"""Checks for notebook 04, "The multilayer perceptron: feedforward and backpropagation".

Expected values are small cases computed by hand (in the comments), the definitions written
out layer by layer, and numerical gradients of those definitions (never of the learner's own
functions). Each forward check pins the cache its docstring promises to the backward pass.
"""
import contextlib
import io
import warnings

import numpy as np

from .framework import Check, Exercises, describe, fmt, matches, sigmoid
from .gradcheck import numerical_gradient, numerical_gradient_array

exercises = Exercises("04_multilayer_perceptron")
catch_up, progress = exercises.catch_up, exercises.progress

X_S, W_S, B_S = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 0, -1], [0, 1, 2]]), np.array([0.5, 0, -1])
# Z = X W + b: (1, 2) -> [1, 2, 3] + b = [1.5, 2, 2];  (3, 4) -> [3, 4, −3 + 8] + b = [3.5, 4, 4]
Z_S = np.array([[1.5, 2.0, 2.0], [3.5, 4.0, 4.0]])
DZ_S = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])
# dW = Xᵀ dZ = [[1 + 6, 0 + 3, −1 + 0], [2 + 8, 0 + 4, −2 + 0]];  db = dZ summed over the batch;
# dX = dZ Wᵀ = [[1 + 1, 0 − 2], [2 + 0, 1]]
DW_S, DB_S, DX_S = np.array([[7.0, 3, -1], [10, 4, -2]]), np.array([3.0, 1, -1]), np.array([[2.0, -2], [2, 1]])
CACHE = "it must be (X, W), the layer's input and its weights in that order: dense_backward starts with `X, W = cache`."


def _holds(cache, *items):
    """Is ``cache`` a tuple or list of exactly these arrays (None: any value)?"""
    return isinstance(cache, (tuple, list)) and len(cache) == len(items) and all(
        item is None or matches(value, item) for value, item in zip(cache, items))


def _dense_cache(chk, cache, X, W, known, later=False):
    if not _holds(cache, X, W):
        chk.fail(f"dense_forward's cache holds {describe(cache, known)}; {CACHE}",
                 hint="fix dense_forward first (check.dense_forward): this check runs it." if later else None)


def _close(a, b):
    return isinstance(a, np.ndarray) and a.shape == np.shape(b) and a.dtype.kind in "biuf" and np.allclose(a, b)


def _quietly(func, *args):
    """func(*args) with its prints, warnings and errors swallowed: a probe, never a verdict by itself."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return func(*(np.array(a, dtype=float) for a in args))
    except Exception:
        return None


def _transposed_W(chk, X, W, b, Z):
    """W is not square here, so a correct dense_forward cannot run on W.T; one computing X @ W.T can."""
    out = _quietly(chk.func, X, W.T, b)
    if isinstance(out, tuple) and len(out) == 2 and _close(np.asarray(out[0]) if isinstance(out[0], np.ndarray) else None, Z):
        chk.fail(f"dense_forward computes X @ W.T: it gives Z when handed W transposed. W is already "
                 f"[n_in, n_out] (here {W.shape[0]} × {W.shape[1]}), so Z = X @ W + b, no transpose.")


@exercises.exercise("dense_forward")
def dense_forward(chk):
    with chk.case("X [[1, 2], [3, 4]], W [[1, 0, −1], [0, 1, 2]], b [0.5, 0, −1]"):
        _transposed_W(chk, X_S, W_S, B_S, Z_S)
        Z, cache = chk.call(X_S, W_S, B_S, returns="Z, cache")
        chk.array(Z, Z_S, what="Z", diagnoses=[(X_S @ W_S, "the bias b is missing: Z = X W + b."),
                                              (X_S @ W_S - B_S, "the bias is subtracted: Z = X W + b.")],
                  shape_hint="Z has one row per sample and one column per output: [n_samples, n_out]; "
                             "use X @ W (not W @ X or W.T).")
        _dense_cache(chk, cache, X_S, W_S, {"X": X_S, "W": W_S, "b": B_S, "Z": Z_S})
    with chk.case("one sample X [[1, 0, −2]], W [[2], [−1], [0.5]], b [0.25]"):
        X, W, b = np.array([[1.0, 0.0, -2.0]]), np.array([[2.0], [-1.0], [0.5]]), np.array([0.25])
        _transposed_W(chk, X, W, b, [[1.25]])
        Z, cache = chk.call(X, W, b, returns="Z, cache")       # 1·2 + 0·(−1) + (−2)·0.5 + 0.25 = 1.25
        chk.array(Z, [[1.25]], what="Z", shape_hint="one sample, one output: Z has shape [1, 1].")
        _dense_cache(chk, cache, X, W, {"X": X, "W": W, "b": b})


@exercises.exercise("dense_backward", args=("dense_forward", "dense_backward"))
def dense_backward(chk, forward):
    with chk.case("X [[1, 2], [3, 4]], W [[1, 0, −1], [0, 1, 2]], dZ [[1, 0, −1], [2, 1, 0]]"):
        _, cache = chk.call(X_S, W_S, B_S, func=forward, returns="Z, cache")
        _dense_cache(chk, cache, X_S, W_S, {"X": X_S, "W": W_S, "b": B_S}, later=True)
        dX, dW, db = chk.call(DZ_S, cache, returns="dX, dW, db")
        chk.true(not (_close(dW, DW_S / 2) and _close(db, DB_S / 2)), "dW and db are both divided by the batch "
                 "size m = 2 (dW is 1/m times too small, db is the mean): the 1/m is already inside dZ, so "
                 "dW = X.T @ dZ and db = dZ.sum(axis=0), with no further division.")
        chk.array(db, DB_S, what="db", shape_hint="db has the shape of b: [n_out].", diagnoses=[
            (DB_S / 2, "db is the mean over the batch; it must be the sum over the batch "
                       "(dZ.sum(axis=0)): the 1/m is already inside dZ."),
            (DZ_S, "db has one row per sample: sum it over the batch (dZ.sum(axis=0)), one entry per output."),
            (DZ_S.sum(axis=1), "db is summed over the wrong axis: sum over the batch, axis=0."),
            (DB_S[None], "db has shape [1, n_out]; it must have the shape of b, [n_out]: dZ.sum(axis=0).")])
        chk.gradient(dW, DW_S, what="dW", like=("W", W_S), diagnoses=[
            (DW_S.T, "dW is transposed: it must have the shape of W, [n_in, n_out] = X.T @ dZ."),
            (DW_S / 2, "dW is divided by the batch size; don't: the 1/m is already inside dZ."),
            (-DW_S, "dW has the wrong sign: dW = X.T @ dZ.")])
        chk.array(dX, DX_S, what="dX", like=("X", X_S), diagnoses=[
            (DX_S / 2, "dX is divided by the batch size; don't: dX = dZ @ W.T.")])
    with chk.case("random X [5, 4], W [4, 3], b [3], dZ [5, 3] against the numerical gradient"):
        X, W, b, dZ = Check.random(4, (5, 4), (4, 3), 3, (5, 3))
        _, cache = chk.call(X, W, b, func=forward, returns="Z, cache")
        _dense_cache(chk, cache, X, W, {"X": X, "W": W, "b": b}, later=True)
        grads = dict(zip(("dX", "dW", "db"), chk.call(dZ, cache, returns="dX, dW, db")))
        inputs = {"dX": X, "dW": W, "db": b}
        numeric = {n: numerical_gradient_array(lambda: X @ W + b, x, dZ) for n, x in inputs.items()}
        chk.arrays(grads, numeric, **{n: dict(
            like=(n[1:], x), hint="dX = dZ @ W.T, dW = X.T @ dZ, db = dZ.sum(axis=0).", rtol=1e-5, atol=1e-8,
            diagnoses=[(numeric[n] / 5, f"{n} is 1/m = 1/5 times too small: it is divided by the batch size "
                                        "again, but the 1/m is already inside dZ.")]) for n, x in inputs.items()})


Z_X = np.array([[-1000.0, -1.0, 0.0], [1.0, 1000.0, 3.0]])
DA_X = np.array([[1.0, 2.0, -1.0], [0.5, 1.0, 4.0]])     # not all ones: forgetting dA shows


DERIVATIVE = {"sigmoid": "A(1 − A)", "tanh": "1 − A²"}


def _activation(chk, name, forward, g, dg, wrong, z=Z_X, cached="A", forward_diagnoses=(),
                forward_hint="without overflow for large |z|"):
    stable = {"sigmoid": "the notebook's provided sigmoid(Z), stable for every z", "tanh": "np.tanh, exact for "
              "every z"}.get(name)

    def cache_of(z):           # the cache the backward pass needs, pinned before it is used
        A, cache = chk.call(z, func=forward, returns="A, cache", warning_hint=stable and (
            f"an exp overflowed at |Z| = 1000: use {stable}."))
        chk.true(isinstance(cache, np.ndarray) and cache.shape == z.shape,
                 f"{name}_forward's cache holds {describe(cache, {'Z': z, 'A': g(z)})}; {name}_backward needs "
                 f"{cached}, an array of the shape of Z (the docstring's `return A, {cached}`).")
        return A, cache

    def cache_is_Z(cache, z, dA, dZ, expected):
        """Caching Z is fine with a backward that reads Z; with one that reads A (right when given A) it is not."""
        if cached == "A" and _close(cache, z) and not np.allclose(z, g(z)) and not _close(dZ, expected):
            on_A = _quietly(chk.func, dA, g(z))
            if isinstance(on_A, np.ndarray) and _close(on_A, expected):
                chk.fail(f"{name}_forward's cache is Z; {name}_backward reads its cache as A = {name}(Z) "
                         f"(its derivative {DERIVATIVE[name]} is right when given A): cache A, as the "
                         "docstring's `return A, A` does.")
    with chk.case(f"{name}_forward on Z = {fmt(z)}"):
        chk.array(cache_of(z)[0], g(z), what="A", diagnoses=forward_diagnoses,
                  hint=f"an element-wise {name} of Z, {forward_hint}.")
    with chk.case(f"{name}_backward on the same Z = {fmt(z)}, dA = {fmt(DA_X)}"):
        cache = cache_of(z)[1]
        expected, dZ = DA_X * dg(z), chk.call(DA_X, cache)
        cache_is_Z(cache, z, DA_X, dZ, expected)
        chk.array(dZ, expected, what="dZ", shape_hint="dZ has the shape of dA (and of Z).",
                  diagnoses=[(DA_X, f"dZ equals dA: the activation's derivative is missing (dZ = dA · {name}'(z))."),
                             (dg(z), f"dZ is {name}'(z) alone: multiply it by the upstream gradient dA."),
                             (-expected, "dZ has the wrong sign.")] + [(DA_X * w, m) for w, m in wrong])
    with chk.case(f"{name} layer on random Z [4, 3] against the numerical gradient"):
        Z, dA = Check.random(5, (4, 3), scale=2.0), Check.random(6, (4, 3))
        Z[np.abs(Z) < 0.05] = 0.3                            # away from the ReLU kink
        cache, expected = cache_of(Z)[1], numerical_gradient_array(lambda: g(Z), Z, dA)
        dZ = chk.call(dA, cache)
        cache_is_Z(cache, Z, dA, dZ, expected)
        chk.array(dZ, expected, what="dZ", rtol=1e-5, atol=1e-8,
                  hint=f"dZ = dA · {name}'(z), computed from the cached values.")
    return cache_of


@exercises.exercise("sigmoid_layer", args=("sigmoid_forward", "sigmoid_backward"))
def sigmoid_layer(chk, forward):
    s = sigmoid(Z_X)
    _activation(chk, "sigmoid", forward, sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z)), [
        (1 - s ** 2, "that is tanh's derivative; the sigmoid's is σ(z)(1 − σ(z))."),
        (sigmoid(s) * (1 - sigmoid(s)), "you applied σ twice: the cache holds A = σ(z) already, "
                                        "so the derivative is A(1 − A).")])


@exercises.exercise("tanh_layer", args=("tanh_forward", "tanh_backward"))
def tanh_layer(chk, forward):
    t = np.tanh(Z_X)
    _activation(chk, "tanh", forward, np.tanh, lambda z: 1 - np.tanh(z) ** 2, [
        (t * (1 - t), "that is the sigmoid's derivative form; tanh's is 1 − tanh(z)²."),
        ((1 - t) ** 2, "you squared (1 − A); tanh's derivative is 1 − A², i.e. 1 - A ** 2."),
        (1 - np.tanh(t) ** 2, "you applied tanh twice: the cache holds A = tanh(z) already, so the derivative is 1 − A².")])


@exercises.exercise("relu_layer", args=("relu_forward", "relu_backward"))
def relu_layer(chk, forward):
    z = np.array([[-1000.0, -1.0, 0.5], [1.0, 1000.0, -3.0]])   # no z = 0: either convention is fine there
    cache_of = _activation(chk, "relu", forward, lambda z: np.maximum(z, 0), lambda z: (z > 0) * 1.0, [
        (np.maximum(z, 0), "you multiplied dA by max(0, z); the derivative of ReLU is 1 where z > 0, else 0.")],
        z=z, cached="Z", forward_hint="np.maximum(Z, 0)", forward_diagnoses=[
            (np.max(z, axis=0), "np.max reduces an array (its second argument is an axis): np.max(Z, 0) is the "
                                "largest entry of each column. np.maximum(Z, 0) compares element by element."),
            (np.max(z, axis=1), "np.max reduces an array (its second argument is an axis): np.max(Z, 1) is the "
                                "largest entry of each row. np.maximum(Z, 0) compares element by element.")])
    with chk.case("relu_backward at the kink: Z = [[0, 2], [−1, 0]], dA = [[1, 2], [3, 4]]"):
        cache = cache_of(np.array([[0.0, 2.0], [-1.0, 0.0]]))[1]
        chk.array(chk.call(np.array([[1.0, 2.0], [3.0, 4.0]]), cache), [[0, 2], [0, 0]], what="dZ", diagnoses=[
            ([[1, 2], [0, 4]], "at Z = 0 your dZ is dA; the docstring's convention is 0 there (dA where Z > 0, "
                               "0 elsewhere): use Z > 0, not Z >= 0.")])


@exercises.exercise("output_delta")
def output_delta(chk):
    with chk.case("p = [0.9, 0.2, 0.5, 0.6], y = [1, 0, 0, 1]"):
        p, y = np.array([0.9, 0.2, 0.5, 0.6]), np.array([1.0, 0.0, 0.0, 1.0])
        expected = np.array([-0.025, 0.05, 0.125, -0.1])     # p − y = [−0.1, 0.2, 0.5, −0.4], divided by m = 4
        chk.array(chk.call(p, y), expected, what="the delta", shape_hint="one delta per sample: the shape of p, [m].",
                  diagnoses=[
            (-expected, "you return (y − p)/m, the slide's sign: that is the direction that *increases* the "
                        "loss. Use (p − y)/m."),
            (p - y, "you return p − y, the delta of one sample; the loss is the mean over the batch, so divide "
                    "by m = len(y)."),
            (y - p, "you return y − p, the slide's sign and no 1/m: use (p − y)/m."),
            ((p - y) / (p * (1 - p)) / 4, "that is ∂L/∂p; the delta is with respect to the output's linear part: "
                                          "multiply by σ'(p_lin) = p(1 − p), which cancels."),
            (expected * p * (1 - p), "you multiplied by p(1 − p) as well: σ'(p_lin) already cancelled against "
                                     "∂L/∂p, so the delta is just (p − y)/m.")])
    with chk.case("integer labels y = [0, 1], p = [0.25, 0.75]"):      # (p − y)/2 = [0.125, −0.125]
        chk.array(chk.call(np.array([0.25, 0.75]), np.array([0, 1])), [0.125, -0.125], what="the delta",
                  hint="works with integer labels too: (p - y) / len(y).")
    with chk.case("random batch of 6 against the numerical gradient of the mean cross entropy"):
        z, y = Check.random(6, 6, scale=2.0), (np.random.default_rng(7).uniform(size=6) < 0.5) * 1.0
        numeric = numerical_gradient(lambda: -np.mean(y * np.log(sigmoid(z)) + (1 - y) * np.log(1 - sigmoid(z))), z)
        chk.array(chk.call(sigmoid(z), y), numeric, what="the delta", rtol=1e-5, atol=1e-8, hint="(p − y) / m.")


HIDDEN = {"sigmoid": sigmoid, "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0)}
TINY = {"W1": np.array([[1.0, -1], [2, 0]]), "b1": np.array([0.0, 1]), "W2": np.array([[1.0], [-1]]), "b2": np.zeros(1)}
X_T = np.array([[1.0, 1.0], [0.0, -1.0]])
# Z1 = X W1 + b1: (1, 1) -> [1 + 2, −1 + 0] + [0, 1] = [3, 0]; (0, −1) -> [−2, 0] + [0, 1] = [−2, 1]
# relu: H = [[3, 0], [0, 1]] -> p_lin = H W2 + b2 = [3, −1] -> p = σ([3, −1]) = [0.9526, 0.2689]
TINY_TEXT = "W1 = [[1, −1], [2, 0]], b1 = [0, 1], W2 = [[1], [−1]], b2 = [0], X = [[1, 1], [0, −1]]"


def _layers(X, params, activation):
    """The definition, layer by layer: [(input, Z, output)], hidden `activation`, sigmoid output."""
    n, A, layers = len(params) // 2, X, []
    for l in range(1, n + 1):
        Z = A @ params[f"W{l}"] + params[f"b{l}"]
        layers.append((A, Z, (HIDDEN[activation] if l < n else sigmoid)(Z)))
        A = layers[-1][2]
    return layers


def _random_params(seed, sizes):
    rng = np.random.default_rng(seed)
    return {k: v for l, (i, o) in enumerate(zip(sizes[:-1], sizes[1:]), start=1) for k, v in
            ((f"W{l}", rng.normal(0, 1 / np.sqrt(i), size=(i, o))), (f"b{l}", rng.normal(0, 0.1, size=o)))}


def _forward(chk, func, X, params, activation):
    """mlp_forward's (p, caches), the caches counted first; and the definition's layers."""
    p, caches = chk.call(X, params, activation, func=func, returns="p, caches")
    layers = _layers(X, params, activation)
    n, count = len(layers), (len(caches) if isinstance(caches, (list, tuple)) else None)
    if count != n:
        chk.fail(f"caches should be a list with one entry per layer, {n} for this {n}-layer network; got "
                 + (f"{count}: the loop stops one layer early." if count == n - 1 else
                    f"{count}." if count is not None else describe(caches, {}) + "."),
                 hint="for layer in range(1, n_layers + 1), with n_layers = len(params) // 2, one cache each.")
    return p, caches, layers


def _pin_caches(chk, caches, layers, params, activation):
    """Each entry is layer l's (dense_cache, activation_name, activation_cache), layer 1 first."""
    n = len(layers)
    for l, (entry, (A_in, Z, A)) in enumerate(zip(caches, layers), start=1):
        known, first = {"X" if l == 1 else f"A{l - 1}": A_in, f"W{l}": params[f"W{l}"], f"Z{l}": Z, f"A{l}": A}, f"caches[{l - 1}]"
        if not _holds(entry, None, None, None):
            chk.fail(f"{first} holds {describe(entry, known)}; it must be layer {l}'s tuple (dense_cache, "
                     "activation_name, activation_cache).")
        if l == 1 and n > 1 and _holds(entry[0], None, params[f"W{n}"]):
            chk.fail("the caches are in reverse order: caches[0] must be layer 1's (append them as you go forward).")
        if not _holds(entry[0], A_in, params[f"W{l}"]):
            chk.fail(f"{first}'s dense cache holds {describe(entry[0], known)}; it must be layer {l}'s "
                     f"({list(known)[0]}, W{l}), what dense_forward returned for that layer.")
        name = activation if l < n else "sigmoid"
        if entry[1] != name:
            chk.fail(f"{first} names the activation {entry[1]!r}; layer {l} uses {name!r} (the output layer is "
                     "always 'sigmoid'): mlp_backward picks the backward function by this name.")
        if not (isinstance(entry[2], np.ndarray) and entry[2].shape == Z.shape):
            chk.fail(f"{first}'s activation cache holds {describe(entry[2], known)}; {name}_backward needs what "
                     f"{name}_forward returned as its cache for Z{l} (an array of the shape of Z{l}).")


@exercises.exercise("mlp_forward")
def mlp_forward(chk):
    cases = [(f"a 2-2-1 network, {TINY_TEXT}, activation={a!r}", X_T, TINY, a) for a in ("relu", "tanh", "sigmoid")]
    cases.append(("a 3-5-4-1 network (three layers: W1 [3, 5], W2 [5, 4], W3 [4, 1], random), tanh, X [7, 3]",
                  Check.random(8, (7, 3)), _random_params(7, [3, 5, 4, 1]), "tanh"))
    for label, X, params, activation in cases:
        with chk.case(label):
            p, caches, layers = _forward(chk, chk.func, X, params, activation)
            expected, p_lin = layers[-1][2][:, 0], layers[-1][1][:, 0]
            chk.array(p, expected, what="p", shape_hint="p has one probability per sample: shape [m].", diagnoses=[
                (expected[:, None], "p has shape [m, 1]; return one probability per sample, shape [m] (e.g. A[:, 0])."),
                (p_lin, "p is the output's linear part: apply the sigmoid to the last layer."),
                (HIDDEN[activation](p_lin), "the output layer uses the hidden activation; it must use the sigmoid.")] + [
                (_layers(X, params, other)[-1][2][:, 0], f"the hidden layer used the {other}, not the activation named "
                 f"by the `activation` argument ({activation!r}); use it in each hidden layer.")
                for other in HIDDEN if other != activation])
            _pin_caches(chk, caches, layers, params, activation)


START = ("start at the output layer, for layer in range(n_layers, 0, -1): output_delta(p, y)[:, None] is dZ of "
         "layer n_layers. ")
PAIRING = ("dense_backward of layer l takes layer l's own dense cache, caches[l − 1][0]; the activation backward "
           "after it turns dA into dZ of the layer below, so it takes that layer's name and activation cache, "
           "caches[l − 2][1] and caches[l − 2][2].")


def _stale_dZ(error, params):
    """The error came from a dense_backward whose dZ does not fit its layer: say which layer and which dZ."""
    tb, found, caller = error.__traceback__, None, None
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == "dense_backward" and code.co_argcount == 2 and found is None:
            found = [tb.tb_frame.f_locals.get(v) for v in code.co_varnames[:2]], caller
        caller = tb.tb_frame
        tb = tb.tb_next
    if found is None:
        return None
    (dZ, cache), caller = found
    if not (isinstance(dZ, np.ndarray) and dZ.ndim == 2 and isinstance(cache, (tuple, list)) and len(cache) == 2):
        return None
    W, n = cache[1], len(params) // 2
    layer = next((l for l in range(1, n + 1) if _close(W, params[f"W{l}"])), None)
    above = next((l for l in range(n, 0, -1) if params[f"W{l}"].shape[1] == dZ.shape[1]), None)
    if layer is None or above is None or above <= layer:
        return None
    text = (f"dense_backward got layer {layer}'s cache (W{layer} {W.shape}) with a dZ of shape {dZ.shape}, "
            f"layer {above}'s dZ" + (" (the output's delta)" if above == n else ""))
    done = any(isinstance(v, dict) and f"W{layer + 1}" in v for v in caller.f_locals.values())
    if done:      # layer + 1 went through: the dZ was not updated on the way down
        return (text + f": after layer {layer + 1}, dZ was not updated. Assign the activation backward's result "
                "to the dZ that goes into the next dense_backward: dZ = ..._backward(dA, activation_cache).")
    return text + ": each dense_backward takes its own layer's dZ and dense cache; " + START + PAIRING


@exercises.exercise("mlp_backward", args=("mlp_forward", "mlp_backward"))
def mlp_backward(chk, forward):
    for activation, sizes, seed in (("tanh", [2, 3, 1], 8), ("sigmoid", [3, 4, 3, 1], 9), ("relu", [2, 5, 4, 1], 10)):
        shapes = ", ".join(f"W{l} [{i}, {o}]" for l, (i, o) in enumerate(zip(sizes[:-1], sizes[1:]), start=1))
        with chk.case(f"a {'-'.join(map(str, sizes))} network ({shapes}, random), {activation}, 6 samples"):
            params, m = _random_params(seed, sizes), 6
            X, y = Check.random(seed, (m, sizes[0])), np.array([0.0, 1, 1, 0, 1, 0])
            p, caches, layers = _forward(chk, forward, X, params, activation)
            chk.true(matches(p, layers[-1][2][:, 0]), "mlp_forward does not pass its own check yet; fix it first "
                     "(check.mlp_forward): this check runs it.")
            grads = chk.call(p, y, caches, error_hint=lambda e: _stale_dZ(e, params) or (
                START + PAIRING if isinstance(e, (ValueError, IndexError)) else None))
            chk.true(isinstance(grads, dict), f"mlp_backward should return a dict of gradients, got "
                     f"{describe(grads, {})}.", hint='with the keys of params: {"W1": dW1, "b1": db1, ...}.')
            chk.true(set(grads) == set(params), f"the gradients have keys {sorted(grads)}; expected the keys of "
                     f"params, {sorted(params)}.")

            def loss():
                q = _layers(X, params, activation)[-1][2][:, 0]
                return -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))
            numeric = {k: numerical_gradient(loss, params[k]) for k in params}
            for key in params:
                if np.shape(grads[key]) != params[key].shape:
                    chk.gradient(chk.is_array(grads[key], what=key), numeric[key], what=key, like=(key, params[key]))
            close = {k: np.allclose(grads[k], numeric[k], rtol=1e-5, atol=1e-8) for k in params}
            for factor, message in ((-1, "every gradient has the wrong sign: the output delta must be (p − y)/m, "
                                         "not the slide's y − p."),
                                    (m, "every gradient is m times too large: the output delta is (p − y)/m.")):
                chk.true(not all(np.allclose(grads[k], factor * numeric[k], rtol=1e-4, atol=1e-8) for k in params), message)
            last = f"b{len(sizes) - 1}"
            chk.true(close[last] or not np.allclose(grads[last], np.sum((p - y) / m * p * (1 - p)), rtol=1e-5, atol=1e-10),
                     "the last layer's gradients carry an extra factor p(1 − p): output_delta already includes the "
                     "output sigmoid's derivative, so don't pass it through sigmoid_backward.")
            if close[last] and close[f"W{len(sizes) - 1}"] and not all(close.values()):
                wrong = next(k for k in params if not close[k])
                chk.fail(f"the last layer's gradients are right but {wrong} is not (yours {fmt(grads[wrong])}, "
                         f"numerical {fmt(numeric[wrong])}).", hint="going backwards, pass dA through the hidden "
                         "activation's backward (its derivative) before the next dense_backward. " + PAIRING)
            for key in params:
                chk.gradient(grads[key], numeric[key], what=key, like=(key, params[key]), m=m,
                             hint="start from output_delta(p, y) (as a column), then for each layer from the last: "
                                  "dense_backward, then the activation's backward. " + PAIRING)
