"""Checks for notebook 04, "The multilayer perceptron: feedforward and backpropagation".

Expected values are small cases computed by hand (shown in the comments),
properties, and the numerical gradient. Layer functions follow the API
``*_forward(...) -> (out, cache)`` and ``*_backward(d_out, cache) -> gradients``.
"""
import numpy as np

from .framework import Exercises
from .gradcheck import numerical_gradient, numerical_gradient_array

exercises = Exercises("04_multilayer_perceptron")
catch_up = exercises.catch_up
progress = exercises.progress

# A tiny dense layer used by the dense checks: 2 samples, 2 inputs, 3 outputs.
X_SMALL = np.array([[1.0, 2.0], [3.0, 4.0]])
W_SMALL = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 2.0]])
B_SMALL = np.array([0.5, 0.0, -1.0])
# Z = X W + b, row by row:
#   (1, 2): [1·1 + 2·0, 1·0 + 2·1, 1·(−1) + 2·2] + b = [1, 2, 3] + [0.5, 0, −1] = [1.5, 2, 2]
#   (3, 4): [3, 4, −3 + 8] + b = [3, 4, 5] + [0.5, 0, −1] = [3.5, 4, 4]
Z_SMALL = np.array([[1.5, 2.0, 2.0], [3.5, 4.0, 4.0]])
DZ_SMALL = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])
# dW = Xᵀ dZ: row 0 of Xᵀ is (1, 3), row 1 is (2, 4)
#   [1·1 + 3·2, 1·0 + 3·1, 1·(−1) + 3·0] = [7, 3, −1]
#   [2·1 + 4·2, 2·0 + 4·1, 2·(−1) + 4·0] = [10, 4, −2]
DW_SMALL = np.array([[7.0, 3.0, -1.0], [10.0, 4.0, -2.0]])
# db = the columns of dZ summed over the batch: [1 + 2, 0 + 1, −1 + 0]
DB_SMALL = np.array([3.0, 1.0, -1.0])
# dX = dZ Wᵀ: (1, 0, −1)·(1, 0, −1) = 2, (1, 0, −1)·(0, 1, 2) = −2;
#             (2, 1, 0)·(1, 0, −1) = 2,  (2, 1, 0)·(0, 1, 2) = 1
DX_SMALL = np.array([[2.0, -2.0], [2.0, 1.0]])


def _sigmoid(z):
    """Reference logistic function for expected values (inputs here are small)."""
    return 1.0 / (1.0 + np.exp(-z))


def _pair(chk, result, name, what):
    """``result`` as the pair ``what`` names, e.g. "(Z, cache)" (see Check.unpack)."""
    names = tuple(n.strip() for n in what.strip("()").split(","))
    return chk.unpack(result, names, func_name=name)


# --------------------------------------------------------------------------
# Exercise 1: dense_forward
# --------------------------------------------------------------------------
@exercises.register("dense_forward")
def dense_forward(func):
    with exercises.check("dense_forward", func) as chk:
        with chk.case("X [2, 2], W [2, 3], b [3]"):
            Z, _ = _pair(chk, chk.call(X_SMALL, W_SMALL, B_SMALL), "dense_forward", "(Z, cache)")
            chk.array(Z, Z_SMALL, what="Z", diagnoses=[
                (X_SMALL @ W_SMALL, "the bias b is missing: Z = X W + b."),
                (X_SMALL @ W_SMALL - B_SMALL, "the bias is subtracted: Z = X W + b."),
            ], shape_hint="Z has one row per sample and one column per output: [n_samples, n_out]; "
                          "use X @ W (not W @ X or W.T).")
        with chk.case("one sample, 3 inputs, 1 output"):
            # 1·2 + 0·(−1) + (−2)·0.5 + 0.25 = 2 − 1 + 0.25 = 1.25
            Z, _ = _pair(chk, chk.call(np.array([[1.0, 0.0, -2.0]]), np.array([[2.0], [-1.0], [0.5]]),
                                       np.array([0.25])), "dense_forward", "(Z, cache)")
            chk.array(Z, [[1.25]], what="Z", shape_hint="one sample, one output: Z has shape [1, 1].")


# --------------------------------------------------------------------------
# Exercise 2: dense_backward
# --------------------------------------------------------------------------
@exercises.register("dense_backward", args=("dense_forward", "dense_backward"))
def dense_backward(forward, backward):
    with exercises.check("dense_backward", backward) as chk:
        with chk.case("X [2, 2], W [2, 3], dZ [2, 3]"):
            _, cache = _pair(chk, chk.call(X_SMALL, W_SMALL, B_SMALL, func=forward),
                             "dense_forward", "(Z, cache)")
            result = chk.call(DZ_SMALL, cache)
            dX, dW, db = _triple(chk, result)
            chk.array(db, DB_SMALL, what="db", diagnoses=[
                (DB_SMALL / 2, "db is the mean over the batch; it must be the sum over the batch "
                               "(dZ.sum(axis=0)): the 1/m is already inside dZ."),
                (DZ_SMALL, "db has one row per sample: sum it over the batch (dZ.sum(axis=0)), "
                           "one entry per output."),
                (DZ_SMALL.sum(axis=1), "db is summed over the wrong axis: sum over the batch, axis=0."),
                (DZ_SMALL.sum(axis=0, keepdims=True), "db has shape [1, n_out]; it must have the shape of b, "
                                                      "[n_out]: dZ.sum(axis=0)."),
            ], shape_hint="db has the shape of b: [n_out].")
            chk.array(dW, DW_SMALL, what="dW", diagnoses=[
                (DW_SMALL.T, "dW is transposed: it must have the shape of W, [n_in, n_out] = X.T @ dZ."),
                (DW_SMALL / 2, "dW is divided by the batch size; don't: the 1/m is already inside dZ."),
                (-DW_SMALL, "dW has the wrong sign: dW = X.T @ dZ."),
            ], shape_hint="dW has the shape of W: [n_in, n_out] = X.T @ dZ.")
            chk.array(dX, DX_SMALL, what="dX", diagnoses=[
                (DX_SMALL / 2, "dX is divided by the batch size; don't: dX = dZ @ W.T."),
            ], shape_hint="dX has the shape of X: [n_samples, n_in] = dZ @ W.T.")
        with chk.case("random X [5, 4], W [4, 3] against the numerical gradient"):
            rng = np.random.default_rng(4)
            X = rng.normal(size=(5, 4))
            W = rng.normal(size=(4, 3))
            b = rng.normal(size=3)
            dZ = rng.normal(size=(5, 3))
            _, cache = _pair(chk, chk.call(X, W, b, func=forward), "dense_forward", "(Z, cache)")
            dX, dW, db = _triple(chk, chk.call(dZ, cache))
            for got, x, name in ((dX, X, "dX"), (dW, W, "dW"), (db, b, "db")):
                numeric = numerical_gradient_array(lambda: X @ W + b, x, dZ)
                chk.array(got, numeric, what=name, rtol=1e-5, atol=1e-8,
                          hint="dX = dZ @ W.T, dW = X.T @ dZ, db = dZ.sum(axis=0).")


def _triple(chk, result):
    if not isinstance(result, tuple) or len(result) != 3:
        chk.fail(f"dense_backward should return (dX, dW, db), got {type(result).__name__}.",
                 hint="end with `return dX, dW, db`.")
    return result


# --------------------------------------------------------------------------
# Exercise 3: activation layers
# --------------------------------------------------------------------------
Z_EXTREME = np.array([[-1000.0, -1.0, 0.0], [1.0, 1000.0, 3.0]])
# dA is not all ones, so forgetting to multiply by dA shows.
DA_EXTREME = np.array([[1.0, 2.0, -1.0], [0.5, 1.0, 4.0]])


def _activation_check(name, forward, backward, expected_forward, derivative, wrong_derivatives,
                      z_extreme=Z_EXTREME):
    with exercises.check(f"{name}_layer", backward) as chk:
        with chk.case(f"{name}_forward on z from −1000 to 1000"):
            A, _ = _pair(chk, chk.call(z_extreme.copy(), func=forward), f"{name}_forward", "(A, cache)")
            chk.array(A, expected_forward, what="A",
                      hint=f"an element-wise {name} of Z, without overflow for large |z|.")
        with chk.case(f"{name}_backward on the same z, dA = {DA_EXTREME.tolist()}"):
            _, cache = _pair(chk, chk.call(z_extreme.copy(), func=forward), f"{name}_forward", "(A, cache)")
            dZ = chk.call(DA_EXTREME.copy(), cache, func=backward)   # messages name the backward
            expected = DA_EXTREME * derivative
            diagnoses = [
                (DA_EXTREME, f"dZ equals dA: the activation's derivative is missing "
                             f"(dZ = dA · {name}'(z))."),
                (derivative, f"dZ is {name}'(z) alone: multiply it by the upstream gradient dA."),
                (-expected, "dZ has the wrong sign."),
            ] + [(DA_EXTREME * wrong, message) for wrong, message in wrong_derivatives]
            chk.array(dZ, expected, what="dZ", diagnoses=diagnoses,
                      shape_hint="dZ has the shape of dA (and of Z).")
        with chk.case(f"{name} layer on random Z [4, 3] against the numerical gradient"):
            rng = np.random.default_rng(5)
            Z = rng.normal(size=(4, 3)) * 2
            Z[np.abs(Z) < 0.05] = 0.3      # keep away from the ReLU kink
            dA = rng.normal(size=(4, 3))
            A, cache = _pair(chk, chk.call(Z.copy(), func=forward), f"{name}_forward", "(A, cache)")
            chk.is_array(A, what="A", shape=Z.shape)
            dZ = chk.call(dA, cache, func=backward)
            numeric = numerical_gradient_array(lambda: forward(Z)[0], Z, dA)
            chk.array(dZ, numeric, what="dZ", rtol=1e-5, atol=1e-8,
                      hint=f"dZ = dA · {name}'(z), computed from the cached values.")


@exercises.register("sigmoid_layer", args=("sigmoid_forward", "sigmoid_backward"))
def sigmoid_layer(forward, backward):
    s = _sigmoid(np.clip(Z_EXTREME, -50, 50))   # σ(±1000) is 0 or 1 to double precision
    _activation_check("sigmoid", forward, backward, s, s * (1 - s), [
        (1 - s ** 2, "that is tanh's derivative; the sigmoid's is σ(z)(1 − σ(z))."),
        (_sigmoid(s) * (1 - _sigmoid(s)), "you applied σ twice: the cache holds A = σ(z) already, "
                                          "so the derivative is A(1 − A)."),
    ])


@exercises.register("tanh_layer", args=("tanh_forward", "tanh_backward"))
def tanh_layer(forward, backward):
    t = np.tanh(Z_EXTREME)
    _activation_check("tanh", forward, backward, t, 1 - t ** 2, [
        (t * (1 - t), "that is the sigmoid's derivative form; tanh's is 1 − tanh(z)²."),
        ((1 - t) ** 2, "you squared (1 − A); tanh's derivative is 1 − A², i.e. 1 - A ** 2."),
        (1 - np.tanh(t) ** 2, "you applied tanh twice: the cache holds A = tanh(z) already, "
                              "so the derivative is 1 − A²."),
    ])


@exercises.register("relu_layer", args=("relu_forward", "relu_backward"))
def relu_layer(forward, backward):
    z = np.array([[-1000.0, -1.0, 0.5], [1.0, 1000.0, -3.0]])   # no z = 0: either convention is fine there
    r = np.maximum(z, 0)
    _activation_check("relu", forward, backward, r, (z > 0).astype(float), [
        (r, "you multiplied dA by max(0, z); the derivative of ReLU is 1 where z > 0, else 0."),
    ], z_extreme=z)


# --------------------------------------------------------------------------
# Exercise 4: output_delta
# --------------------------------------------------------------------------
@exercises.register("output_delta")
def output_delta(func):
    with exercises.check("output_delta", func) as chk:
        with chk.case("p = [0.9, 0.2, 0.5, 0.6], y = [1, 0, 0, 1]"):
            p = np.array([0.9, 0.2, 0.5, 0.6])
            y = np.array([1.0, 0.0, 0.0, 1.0])
            # p − y = [−0.1, 0.2, 0.5, −0.4]; divided by m = 4: [−0.025, 0.05, 0.125, −0.1]
            expected = np.array([-0.025, 0.05, 0.125, -0.1])
            got = chk.call(p, y)
            chk.array(got, expected, what="the delta", diagnoses=[
                (-expected, "you return (y − p)/m, the slide's sign: that is the direction that "
                            "*increases* the loss. Use (p − y)/m."),
                (p - y, "you return p − y, the delta of one sample; the loss is the mean over the "
                        "batch, so divide by m = len(y)."),
                (y - p, "you return y − p, the slide's sign and no 1/m: use (p − y)/m."),
                ((p - y) / (p * (1 - p)) / 4, "that is ∂L/∂p; the delta is with respect to the output's "
                                              "linear part: multiply by σ'(p_lin) = p(1 − p), which cancels."),
                (expected * p * (1 - p), "you multiplied by p(1 − p) as well: σ'(p_lin) already cancelled "
                                         "against ∂L/∂p, so the delta is just (p − y)/m."),
            ], shape_hint="one delta per sample: the shape of p, [m].")
        with chk.case("integer labels y = [0, 1], p = [0.25, 0.75]"):
            # (p − y)/2 = [0.125, −0.125]
            got = chk.call(np.array([0.25, 0.75]), np.array([0, 1]))
            chk.array(got, [0.125, -0.125], what="the delta",
                      hint="works with integer labels too: (p - y) / len(y).")
        with chk.case("random batch of 6 against the numerical gradient of the mean cross entropy"):
            rng = np.random.default_rng(6)
            z = rng.normal(size=6) * 2
            y = (rng.uniform(size=6) < 0.5).astype(float)

            def loss():
                q = _sigmoid(z)
                return -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))

            numeric = numerical_gradient(loss, z)
            got = chk.call(_sigmoid(z), y)
            chk.array(got, numeric, what="the delta", rtol=1e-5, atol=1e-8,
                      hint="(p − y) / m.")


# --------------------------------------------------------------------------
# Exercise 5: mlp_forward, mlp_backward
# --------------------------------------------------------------------------
def _tiny_params():
    # A 2-2-1 network: W1 [2, 2], b1 [2], W2 [2, 1], b2 [1].
    return {"W1": np.array([[1.0, -1.0], [2.0, 0.0]]), "b1": np.array([0.0, 1.0]),
            "W2": np.array([[1.0], [-1.0]]), "b2": np.array([0.0])}


X_TINY = np.array([[1.0, 1.0], [0.0, -1.0]])
# Hidden pre-activations Z1 = X W1 + b1:
#   (1, 1):  [1 + 2, −1 + 0] + [0, 1] = [3, 0]
#   (0, −1): [0 − 2, 0 + 0] + [0, 1] = [−2, 1]
Z1_TINY = np.array([[3.0, 0.0], [-2.0, 1.0]])
# relu: H = [[3, 0], [0, 1]] -> p_lin = H W2 + b2 = [3 − 0, 0 − 1] = [3, −1] -> p = σ([3, −1])
#       = [0.952574, 0.268941]


def _random_params(rng, sizes):
    params = {}
    for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params[f"W{l}"] = rng.normal(0, 1 / np.sqrt(n_in), size=(n_in, n_out))
        params[f"b{l}"] = rng.normal(0, 0.1, size=n_out)
    return params


def _forward_p(chk, forward, X, params, activation):
    result = chk.call(X, params, activation, func=forward)
    p, caches = _pair(chk, result, "mlp_forward", "(p, caches)")
    return p, caches


@exercises.register("mlp_forward")
def mlp_forward(func):
    with exercises.check("mlp_forward", func) as chk:
        for activation, hidden in (("relu", np.maximum(Z1_TINY, 0)), ("tanh", np.tanh(Z1_TINY)),
                                   ("sigmoid", _sigmoid(Z1_TINY))):
            with chk.case(f"the 2-2-1 network of the comment, activation={activation!r}"):
                params = _tiny_params()
                p, caches = _forward_p(chk, func, X_TINY, params, activation)
                p_lin = hidden @ params["W2"][:, 0]          # b2 = 0
                expected = _sigmoid(p_lin)
                sigmoid_hidden = _sigmoid(_sigmoid(Z1_TINY) @ params["W2"][:, 0])
                chk.array(p, expected, what="p", diagnoses=[
                    (expected[:, None], "p has shape [m, 1]; return one probability per sample, "
                                        "shape [m] (e.g. A[:, 0])."),
                    (hidden @ params["W2"][:, 0], "p is the output's linear part: apply the sigmoid "
                                                  "to the last layer."),
                    (np.maximum(p_lin, 0) if activation == "relu" else np.tanh(p_lin),
                     "the output layer uses the hidden activation; it must use the sigmoid."),
                    (sigmoid_hidden, "the hidden layer used the sigmoid; use the activation named "
                                     "by the `activation` argument."),
                ], shape_hint="p has one probability per sample: shape [m].")
                if not isinstance(caches, (list, tuple)) or len(caches) != 2:
                    chk.fail(f"caches should be a list with one entry per layer (2 here), got "
                             f"{type(caches).__name__}"
                             f"{' of length ' + str(len(caches)) if hasattr(caches, '__len__') else ''}.")
        with chk.case("a 3-5-4-1 network (three layers), tanh, batch of 7"):
            rng = np.random.default_rng(7)
            params = _random_params(rng, [3, 5, 4, 1])
            X = rng.normal(size=(7, 3))
            p, caches = _forward_p(chk, func, X, params, "tanh")
            h = np.tanh(X @ params["W1"] + params["b1"])
            h = np.tanh(h @ params["W2"] + params["b2"])
            expected = _sigmoid(h @ params["W3"] + params["b3"])[:, 0]
            chk.array(p, expected, what="p", hint="loop over all the layers: len(params) // 2 of them.")
            chk.true(isinstance(caches, (list, tuple)) and len(caches) == 3,
                     "caches should hold one entry per layer (3 here).")


@exercises.register("mlp_backward", args=("mlp_forward", "mlp_backward"))
def mlp_backward(forward, backward):
    with exercises.check("mlp_backward", backward) as chk:
        for activation, sizes, seed in (("tanh", [2, 3, 1], 8), ("sigmoid", [3, 4, 3, 1], 9),
                                        ("relu", [2, 5, 4, 1], 10)):
            with chk.case(f"a {'-'.join(map(str, sizes))} network, {activation}, "
                          "against the numerical gradient"):
                rng = np.random.default_rng(seed)
                params = _random_params(rng, sizes)
                m = 6
                X = rng.normal(size=(m, sizes[0]))
                y = (rng.uniform(size=m) < 0.5).astype(float)
                p, caches = _forward_p(chk, forward, X, params, activation)
                grads = chk.call(p, y, caches)
                if not isinstance(grads, dict):
                    chk.fail(f"mlp_backward should return a dict of gradients, got "
                             f"{type(grads).__name__}.",
                             hint='with the keys of params: {"W1": dW1, "b1": db1, ...}.')
                if set(grads) != set(params):
                    chk.fail(f"the gradients have keys {sorted(grads)}; expected the keys of "
                             f"params, {sorted(params)}.")

                def loss():
                    q, _ = forward(X, params, activation)
                    q = np.clip(q, 1e-12, 1 - 1e-12)
                    return -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))

                numeric = {k: numerical_gradient(loss, params[k]) for k in params}
                n_layers = len(sizes) - 1
                last = [f"W{n_layers}", f"b{n_layers}"]
                for key in params:
                    chk.is_array(grads[key], what=key, shape=params[key].shape,
                                 hint=f"the gradient of {key} has the shape of {key}.")
                if all(np.allclose(grads[k], -numeric[k], rtol=1e-4, atol=1e-8) for k in params):
                    chk.fail("every gradient has the wrong sign: the output delta must be (p − y)/m, "
                             "not the slide's y − p.")
                if all(np.allclose(grads[k], m * numeric[k], rtol=1e-4, atol=1e-8) for k in params):
                    chk.fail("every gradient is m times too large: the output delta is (p − y)/m.")
                extra = np.sum((p - y) / m * p * (1 - p))    # db_L with the output's σ' applied again
                b_last = f"b{n_layers}"
                if (not np.allclose(grads[b_last], numeric[b_last], rtol=1e-5, atol=1e-8)
                        and np.allclose(grads[b_last], extra, rtol=1e-5, atol=1e-10)):
                    chk.fail("the last layer's gradients carry an extra factor p(1 − p): output_delta "
                             "already includes the output sigmoid's derivative, so don't pass it "
                             "through sigmoid_backward.")
                last_ok = all(np.allclose(grads[k], numeric[k], rtol=1e-5, atol=1e-8) for k in last)
                for key in params:
                    if not np.allclose(grads[key], numeric[key], rtol=1e-5, atol=1e-8):
                        if last_ok:
                            chk.fail(f"the last layer's gradients are right but {key} is not "
                                     f"(yours {_short(grads[key])}, numerical {_short(numeric[key])}).",
                                     hint="going backwards, pass dA through the hidden activation's "
                                          "backward (its derivative) before dense_backward, and use "
                                          "each layer's own cache.")
                        chk.array(grads[key], numeric[key], what=key, rtol=1e-5, atol=1e-8,
                                  hint="start from output_delta(p, y) (as a column), then for each "
                                       "layer from the last: dense_backward, then the activation's "
                                       "backward.")


def _short(a):
    a = np.asarray(a, dtype=float).ravel()
    text = np.array2string(a[:3], precision=4, separator=", ")
    return text[:-1] + ", ...]" if a.size > 3 else text
