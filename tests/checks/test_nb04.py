"""The checks of notebook 04 reject the catalogue's mistakes and accept correct alternatives."""
import numpy as np
import pytest

from utils.checks.framework import CheckFailed, NotImplementedYet
from utils.checks import nb04
from checktools import accepted_or_told, accepts, rejects

NAMES = ("sigmoid", "dense_forward", "dense_backward", "sigmoid_forward", "sigmoid_backward",
         "tanh_forward", "tanh_backward", "relu_forward", "relu_backward", "output_delta",
         "ACTIVATIONS", "mlp_forward", "mlp_backward")


@pytest.fixture(scope="module")
def sol():
    return dict(zip(NAMES, nb04.catch_up(*NAMES)))


# -- the solution passes every check -----------------------------------------
def test_solution_passes_every_check(sol, capsys):
    nb04.dense_forward(sol["dense_forward"])
    nb04.dense_backward(sol["dense_forward"], sol["dense_backward"])
    nb04.sigmoid_layer(sol["sigmoid_forward"], sol["sigmoid_backward"])
    nb04.tanh_layer(sol["tanh_forward"], sol["tanh_backward"])
    nb04.relu_layer(sol["relu_forward"], sol["relu_backward"])
    nb04.output_delta(sol["output_delta"])
    nb04.mlp_forward(sol["mlp_forward"])
    nb04.mlp_backward(sol["mlp_forward"], sol["mlp_backward"])
    out = capsys.readouterr().out
    assert out.count("✔") == 8 and "✘" not in out


def test_progress_counts_the_solution_as_done(sol, capsys):
    nb04.progress(sol)
    assert "0 passed, 8 caught up, 0 failing, 0 not started." in capsys.readouterr().out


def test_not_implemented_is_reported_as_such():
    def stub(*args):
        raise NotImplementedError("dense_forward is not implemented yet")
    with pytest.raises(NotImplementedYet) as info:
        nb04.dense_forward(stub)
    assert "check.catch_up" in str(info.value)


# -- dense_forward -------------------------------------------------------------
def test_dense_forward_rejects_missing_bias():
    rejects(nb04.dense_forward, lambda X, W, b: (X @ W, (X, W)), words=["bias b is missing"])


def test_dense_forward_rejects_subtracted_bias():
    rejects(nb04.dense_forward, lambda X, W, b: (X @ W - b, (X, W)), words=["subtracted"])


def test_dense_forward_rejects_transposed_product():
    rejects(nb04.dense_forward, lambda X, W, b: ((W.T @ X.T).T.T + 0, (X, W)), words=["shape"])


def test_dense_forward_rejects_a_bare_result():
    rejects(nb04.dense_forward, lambda X, W, b: X @ W + b, words=["pair (Z, cache)"])


@pytest.mark.parametrize("forward", [
    lambda X, W, b: (np.dot(X, W) + b, (X, W)),
    lambda X, W, b: (np.einsum("mi,ij->mj", X, W) + b[None, :], [X, W]),
    lambda X, W, b: (np.matmul(X, W) + b.reshape(1, -1), (X.copy(), W.copy())),
])
def test_dense_forward_accepts_alternatives(forward):
    nb04.dense_forward(forward)


@pytest.mark.parametrize("cache, words", [
    (lambda X, W, b: (W, X), ["dense_forward's cache holds (W, X)", "(X, W)", "`X, W = cache`"]),
    (lambda X, W, b: {"X": X, "W": W}, ["cache holds a dict", "(X, W)"]),
    (lambda X, W, b: (X, W, b), ["cache holds (X, W, b)"]),
    (lambda X, W, b: X @ W + b, ["cache holds Z"]),
])
def test_dense_forward_pins_the_cache_dense_backward_needs(cache, words):
    """Issue 15: a forward that caches the wrong thing fails at its own check, saying what the cache holds."""
    rejects(nb04.dense_forward, lambda X, W, b: (X @ W + b, cache(X, W, b)), words=words)


# -- dense_backward ------------------------------------------------------------
def _forward(X, W, b):
    return X @ W + b, (X, W)


def _backward(dW=None, db=None, dX=None):
    def backward(dZ, cache):
        X, W = cache
        return (dZ @ W.T if dX is None else dX(dZ, X, W),
                X.T @ dZ if dW is None else dW(dZ, X, W),
                dZ.sum(axis=0) if db is None else db(dZ, X, W))
    return backward


@pytest.mark.parametrize("db, words", [
    (lambda dZ, X, W: dZ.mean(axis=0), ["db is the mean", "sum"]),
    (lambda dZ, X, W: dZ.copy(), ["db has one row per sample"]),
    (lambda dZ, X, W: dZ.sum(axis=1), ["wrong axis"]),
    (lambda dZ, X, W: dZ.sum(axis=0, keepdims=True), ["shape [1, n_out]"]),
])
def test_dense_backward_rejects_db_not_summed_over_the_batch(db, words):
    rejects(nb04.dense_backward, _forward, _backward(db=db), words=["db"] + words)


def test_dense_backward_rejects_transposed_dW():
    rejects(nb04.dense_backward, _forward, _backward(dW=lambda dZ, X, W: dZ.T @ X),
            words=["dW is transposed"])


def test_dense_backward_rejects_dW_divided_by_m():
    rejects(nb04.dense_backward, _forward, _backward(dW=lambda dZ, X, W: X.T @ dZ / len(X)),
            words=["dW is divided by the batch size"])


def test_dense_backward_rejects_X_for_X_transposed():
    # X @ dZ only has a shape that fits when X is square, as in the first case.
    rejects(nb04.dense_backward, _forward, _backward(dW=lambda dZ, X, W: X @ dZ), words=["dW"])


def test_dense_backward_rejects_wrong_dX():
    rejects(nb04.dense_backward, _forward, _backward(dX=lambda dZ, X, W: dZ @ W.T / len(X)),
            words=["dX is divided"])


def test_dense_backward_reports_an_exception_in_the_learners_code():
    message = rejects(nb04.dense_backward, _forward, _backward(dX=lambda dZ, X, W: dZ @ W),
                      words=["ValueError"])
    assert "shapes" in message


@pytest.mark.parametrize("backward", [
    _backward(dW=lambda dZ, X, W: np.einsum("mi,mj->ij", X, dZ),
              db=lambda dZ, X, W: np.ones(len(dZ)) @ dZ,
              dX=lambda dZ, X, W: np.dot(dZ, W.T)),
    _backward(dW=lambda dZ, X, W: np.dot(X.T, dZ), db=lambda dZ, X, W: np.sum(dZ, axis=0),
              dX=lambda dZ, X, W: np.einsum("mj,ij->mi", dZ, W)),
])
def test_dense_backward_accepts_alternatives(backward):
    nb04.dense_backward(_forward, backward)


def test_dense_backward_blames_a_wrong_cache_on_dense_forward():
    """The notebook's dense_backward starts with the provided `X, W = cache`: a dict cache breaks it."""
    forward = lambda X, W, b: (X @ W + b, {"X": X, "W": W})
    backward = lambda dZ, c: (dZ @ c["W"].T, c["X"].T @ dZ, dZ.sum(0))
    rejects(nb04.dense_backward, forward, backward, words=["dense_forward's cache holds a dict",
                                                           "fix dense_forward first"])
    swapped = lambda X, W, b: (X @ W + b, (W, X))
    message = rejects(nb04.dense_backward, swapped, _backward(), words=["dense_forward's cache holds (W, X)"])
    assert "raised" not in message


# -- activation layers ---------------------------------------------------------
def naive_sigmoid_forward(Z):
    A = 1 / (1 + np.exp(-Z))
    return A, A


def test_sigmoid_rejects_overflowing_forward(sol):
    rejects(nb04.sigmoid_layer, naive_sigmoid_forward, sol["sigmoid_backward"],
            words=["warning", "overflow"])


def test_sigmoid_rejects_missing_activation_derivative(sol):
    rejects(nb04.sigmoid_layer, sol["sigmoid_forward"], lambda dA, A: dA,
            words=["dZ equals dA", "derivative is missing"])


def test_sigmoid_rejects_derivative_without_dA(sol):
    rejects(nb04.sigmoid_layer, sol["sigmoid_forward"], lambda dA, A: A * (1 - A),
            words=["multiply it by the upstream gradient dA"])


def test_sigmoid_rejects_sigmoid_applied_twice(sol):
    s = sol["sigmoid"]
    rejects(nb04.sigmoid_layer, sol["sigmoid_forward"], lambda dA, A: dA * s(A) * (1 - s(A)),
            words=["applied σ twice"])


def test_sigmoid_rejects_tanh_derivative(sol):
    rejects(nb04.sigmoid_layer, sol["sigmoid_forward"], lambda dA, A: dA * (1 - A ** 2),
            words=["tanh's derivative"])


def test_sigmoid_accepts_tanh_form_and_caching_Z():
    forward = lambda Z: (0.5 * (1 + np.tanh(Z / 2)), Z)

    def backward(dA, Z):
        s = 0.5 * (1 + np.tanh(Z / 2))
        return dA * s * (1 - s)
    nb04.sigmoid_layer(forward, backward)


def test_tanh_rejects_the_slides_overflowing_formula(sol):
    def forward(Z):
        e = np.exp(2 * Z)
        A = (e - 1) / (e + 1)
        return A, A
    rejects(nb04.tanh_layer, forward, sol["tanh_backward"], words=["warning"])


def test_tanh_rejects_missing_activation_derivative(sol):
    rejects(nb04.tanh_layer, sol["tanh_forward"], lambda dA, A: dA, words=["derivative is missing"])


def test_tanh_rejects_sigmoid_derivative(sol):
    rejects(nb04.tanh_layer, sol["tanh_forward"], lambda dA, A: dA * A * (1 - A),
            words=["sigmoid's derivative"])


def test_tanh_rejects_one_minus_A_squared_as_a_square(sol):
    rejects(nb04.tanh_layer, sol["tanh_forward"], lambda dA, A: dA * (1 - A) ** 2,
            words=["you squared (1 − A)", "1 − A²"])


def test_activation_backward_in_place_is_reported_by_its_own_name(sol):
    def sigmoid_backward(dA, A):
        dA *= A * (1 - A)
        return dA
    message = rejects(nb04.sigmoid_layer, sol["sigmoid_forward"], sigmoid_backward,
                      words=["sigmoid_backward changed its argument `dA` in place"])
    assert "sigmoid_layer changed" not in message


def test_tanh_accepts_cosh_form():
    forward = lambda Z: (np.tanh(Z), Z)
    backward = lambda dA, Z: dA / np.cosh(np.clip(Z, -300, 300)) ** 2
    nb04.tanh_layer(forward, backward)


def test_relu_rejects_missing_activation_derivative(sol):
    rejects(nb04.relu_layer, sol["relu_forward"], lambda dA, Z: dA, words=["derivative is missing"])


def test_relu_rejects_multiplying_by_the_output(sol):
    rejects(nb04.relu_layer, sol["relu_forward"], lambda dA, Z: dA * np.maximum(Z, 0),
            words=["derivative of ReLU is 1 where z > 0"])


@pytest.mark.parametrize("forward, backward", [
    (lambda Z: (Z * (Z > 0), Z > 0), lambda dA, mask: dA * mask),
    (lambda Z: (np.where(Z > 0, Z, 0.0), Z), lambda dA, Z: np.where(Z > 0, dA, 0.0)),
    (lambda Z: (np.clip(Z, 0, None), Z), lambda dA, Z: dA * np.heaviside(Z, 0.0)),
])
def test_relu_accepts_alternatives(forward, backward):
    nb04.relu_layer(forward, backward)


# -- output_delta --------------------------------------------------------------
def test_output_delta_rejects_the_slides_y_minus_p():
    rejects(nb04.output_delta, lambda p, y: (y - p) / len(y), words=["slide's sign", "(p − y)/m"])


def test_output_delta_rejects_y_minus_p_without_mean():
    rejects(nb04.output_delta, lambda p, y: y - p, words=["slide's sign"])


def test_output_delta_rejects_missing_one_over_m():
    rejects(nb04.output_delta, lambda p, y: p - y, words=["divide by m"])


def test_output_delta_rejects_dL_dp():
    rejects(nb04.output_delta, lambda p, y: (p - y) / (p * (1 - p)) / len(y), words=["∂L/∂p"])


def test_output_delta_rejects_multiplying_by_the_sigmoid_derivative_again():
    rejects(nb04.output_delta, lambda p, y: (p - y) / len(y) * p * (1 - p),
            words=["multiplied by p(1 − p) as well", "(p − y)/m"])


def test_output_delta_rejects_a_column():
    rejects(nb04.output_delta, lambda p, y: ((p - y) / len(y))[:, None], words=["shape"])


@pytest.mark.parametrize("delta", [
    lambda p, y: np.subtract(p, y) / p.shape[0],
    lambda p, y: (p - y) * (1.0 / y.size),
    lambda p, y: np.mean(np.diag(p - y), axis=0),
])
def test_output_delta_accepts_alternatives(delta):
    nb04.output_delta(delta)


# -- mlp_forward ---------------------------------------------------------------
def _make_forward(sol, hidden=None, output="sigmoid", column=False):
    A = sol["ACTIVATIONS"]

    def forward(X, params, activation="tanh"):
        n = len(params) // 2
        caches, H = [], X
        for layer in range(1, n + 1):
            Z, dc = sol["dense_forward"](H, params[f"W{layer}"], params[f"b{layer}"])
            name = (hidden or activation) if layer < n else output
            H, ac = A[name][0](Z)
            caches.append((dc, name, ac))
        return (H if column else H[:, 0]), caches
    return forward


def test_mlp_forward_rejects_hidden_activation_on_the_output(sol):
    rejects(nb04.mlp_forward, _make_forward(sol, output="tanh"),
            words=["output layer uses the hidden activation"])


def test_mlp_forward_rejects_sigmoid_everywhere(sol):
    rejects(nb04.mlp_forward, _make_forward(sol, hidden="sigmoid"),
            words=["hidden layer used the sigmoid"])


def test_mlp_forward_rejects_a_column_output(sol):
    rejects(nb04.mlp_forward, _make_forward(sol, column=True), words=["shape [m, 1]"])


def test_mlp_forward_rejects_a_network_that_stops_after_two_layers(sol):
    full = _make_forward(sol)

    def two_layers(X, params, activation="tanh"):
        return full(X, {k: params[k] for k in ("W1", "b1", "W2", "b2")}, activation)
    rejects(nb04.mlp_forward, two_layers, words=["3-5-4-1"])


def test_mlp_forward_accepts_its_own_loop(sol):
    nb04.mlp_forward(_make_forward(sol))


def test_mlp_forward_names_a_loop_that_stops_one_layer_early(sol):
    """Issue 15: counted before p is compared, not called "the output layer uses the hidden activation";
    the test network is described in the message itself (the learner's notebook has no such comment)."""
    A = sol["ACTIVATIONS"]

    def forward(X, params, activation="tanh"):
        n_layers = len(params) // 2
        caches, H = [], X
        for layer in range(1, n_layers):                    # one layer short
            Z, dc = sol["dense_forward"](H, params[f"W{layer}"], params[f"b{layer}"])
            name = activation if layer < n_layers else "sigmoid"
            H, ac = A[name][0](Z)
            caches.append((dc, name, ac))
        return H[:, 0], caches
    message = rejects(nb04.mlp_forward, forward, words=["the loop stops one layer early", "1",
                                                        "W1 = [[1, −1], [2, 0]]", "range(1, n_layers + 1)"])
    assert "hidden activation" not in message and "of the comment" not in message


def _with_caches(sol, change):
    full = _make_forward(sol)

    def forward(X, params, activation="tanh"):
        p, caches = full(X, params, activation)
        return p, change(caches)
    return forward


@pytest.mark.parametrize("change, words", [
    (lambda c: c[::-1], ["reverse order", "caches[0] must be layer 1's"]),
    (lambda c: [(d, n if i < len(c) - 1 else "tanh", a) for i, (d, n, a) in enumerate(c)],
     ["caches[1] names the activation 'tanh'", "layer 2 uses 'sigmoid'"]),
    (lambda c: [((d[1], d[0]), n, a) for d, n, a in c], ["caches[0]'s dense cache holds (W1, X)", "(X, W1)"]),
    (lambda c: [(d, n) for d, n, a in c], ["caches[0] holds", "(dense_cache, activation_name, activation_cache)"]),
    (lambda c: [(d, n, None) for d, n, a in c], ["activation cache holds None"]),
    (lambda c: {i: e for i, e in enumerate(c)}, ["caches should be a list", "got a dict"]),
])
def test_mlp_forward_pins_the_caches_mlp_backward_needs(sol, change, words):
    rejects(nb04.mlp_forward, _with_caches(sol, change), words=words)


# -- mlp_backward --------------------------------------------------------------
def _make_backward(sol, sign=1.0, skip_activation=False, scale=1.0):
    A = sol["ACTIVATIONS"]

    def backward(p, y, caches):
        grads = {}
        dZ = sign * scale * sol["output_delta"](p, y)[:, None]
        for layer in range(len(caches), 0, -1):
            dc, _, _ = caches[layer - 1]
            dA, grads[f"W{layer}"], grads[f"b{layer}"] = sol["dense_backward"](dZ, dc)
            if layer > 1:
                _, name, ac = caches[layer - 2]
                dZ = dA if skip_activation else A[name][1](dA, ac)
        return grads
    return backward


def test_mlp_backward_rejects_the_slides_sign(sol):
    rejects(nb04.mlp_backward, sol["mlp_forward"], _make_backward(sol, sign=-1.0),
            words=["wrong sign", "not the slide's y − p"])


def test_mlp_backward_rejects_missing_activation_derivative(sol):
    rejects(nb04.mlp_backward, sol["mlp_forward"], _make_backward(sol, skip_activation=True),
            words=["last layer's gradients are right", "activation's backward"])


def test_mlp_backward_rejects_the_output_sigmoid_backward_applied_again(sol):
    def backward(p, y, caches):
        grads = {}
        n_layers = len(caches)
        dZ = sol["sigmoid_backward"](sol["output_delta"](p, y)[:, None], p[:, None])
        for layer in range(n_layers, 0, -1):
            dense_cache, _, _ = caches[layer - 1]
            dA, grads[f"W{layer}"], grads[f"b{layer}"] = sol["dense_backward"](dZ, dense_cache)
            if layer > 1:
                _, name, cache = caches[layer - 2]
                dZ = sol["ACTIVATIONS"][name][1](dA, cache)
        return grads
    rejects(nb04.mlp_backward, sol["mlp_forward"], backward, words=["extra factor p(1 − p)"])


def test_mlp_backward_rejects_a_missing_mean(sol):
    rejects(nb04.mlp_backward, sol["mlp_forward"], _make_backward(sol, scale=6.0),
            words=["m times too large"])


def test_mlp_backward_rejects_missing_keys(sol):
    good = _make_backward(sol)

    def backward(p, y, caches):
        grads = good(p, y, caches)
        return {k: v for k, v in grads.items() if k.startswith("W")}
    rejects(nb04.mlp_backward, sol["mlp_forward"], backward, words=["keys"])


def test_mlp_backward_rejects_transposed_dW(sol):
    A = sol["ACTIVATIONS"]

    def dense_backward(dZ, cache):
        X, W = cache
        return dZ @ W.T, (X.T @ dZ).T, dZ.sum(axis=0)

    def backward(p, y, caches):
        grads = {}
        dZ = sol["output_delta"](p, y)[:, None]
        for layer in range(len(caches), 0, -1):
            dA, grads[f"W{layer}"], grads[f"b{layer}"] = dense_backward(dZ, caches[layer - 1][0])
            if layer > 1:
                _, name, ac = caches[layer - 2]
                dZ = A[name][1](dA, ac)
        return grads
    rejects(nb04.mlp_backward, sol["mlp_forward"], backward, words=["shape"])


def test_mlp_backward_accepts_a_recursive_spelling(sol):
    A = sol["ACTIVATIONS"]

    def backward(p, y, caches):
        def back(layer, dZ, grads):
            dA, dW, db = sol["dense_backward"](dZ, caches[layer - 1][0])
            grads.update({f"W{layer}": dW, f"b{layer}": db})
            if layer == 1:
                return grads
            _, name, ac = caches[layer - 2]
            return back(layer - 1, A[name][1](dA, ac), grads)
        return back(len(caches), ((p - y) / len(y)).reshape(-1, 1), {})
    nb04.mlp_backward(sol["mlp_forward"], backward)


def test_mlp_backward_says_which_cache_goes_with_which_backward_call(sol):
    """Issue 15: the activation backward after layer l's dense_backward takes layer l − 1's cache;
    taking layer l's own is named by pairing each call with its cache, not by "each layer's own cache"."""
    A = sol["ACTIVATIONS"]

    def backward(p, y, caches):
        grads = {}
        dZ = sol["output_delta"](p, y)[:, None]
        for layer in range(len(caches), 0, -1):
            dc, name, ac = caches[layer - 1]
            dA, grads[f"W{layer}"], grads[f"b{layer}"] = sol["dense_backward"](dZ, dc)
            if layer > 1:
                dZ = A[name][1](dA, ac)                  # layer l's own activation: one layer off
        return grads
    message = rejects(nb04.mlp_backward, sol["mlp_forward"], backward,
                      words=["caches[l − 1][0]", "caches[l − 2][1] and caches[l − 2][2]"])
    assert "each layer's own cache" not in message


def test_mlp_backward_blames_a_failing_forward_first(sol):
    rejects(nb04.mlp_backward, _make_forward(sol, output="tanh"), sol["mlp_backward"],
            words=["mlp_forward does not pass its own check yet"])


# -- conventions: correct answers in float64, float32 and as lists --------------
def _float32(f):
    def wrapped(*args):
        out = f(*args)
        return tuple(np.float32(o) if isinstance(o, np.ndarray) else o for o in out) if isinstance(out, tuple) \
            else np.float32(out)
    return wrapped


@pytest.mark.parametrize("kind", ["float64", "float32", "list"])
def test_dense_and_delta_alternatives_are_accepted_or_told_in_one_line(sol, kind):
    """A float32 result is right to float32 precision: one line naming the dtype; a list: one line."""
    convert = {"float64": lambda v: np.asarray(v, dtype=float), "float32": lambda v: np.asarray(v, np.float32),
               "list": lambda v: np.asarray(v).tolist()}[kind]
    forward = lambda X, W, b: (convert(X @ W + b), (X, W))
    delta = lambda p, y: convert((p - y) / len(y))
    for check, args in ((nb04.dense_forward, (forward,)), (nb04.output_delta, (delta,)),
                        (nb04.dense_backward, (sol["dense_forward"], lambda dZ, c: tuple(
                            convert(v) for v in (dZ @ c[1].T, c[0].T @ dZ, dZ.sum(axis=0)))))):
        accepted_or_told(check, *args, words=[] if kind == "float64" else [kind])


def test_float32_activation_layers_pass_with_a_note_naming_the_dtype():
    forward = lambda Z: (np.tanh(Z).astype(np.float32), np.tanh(Z).astype(np.float32))
    out = accepts(nb04.tanh_layer, forward, lambda dA, A: dA * (1 - A ** 2))
    assert "Note: A: dtype float32, right to float32 precision, so it passes" in out
    rejects(nb04.tanh_layer, forward, lambda dA, A: dA * (1 - A), words=["dZ"])   # still a wrong derivative


def test_mlp_forward_names_the_output_activation_in_the_three_layer_case_too(sol):
    """Newcomer finding: the 3-layer case said "loop over all the layers" to a loop that did."""
    message = rejects(nb04.mlp_forward, _make_forward(sol, output="tanh"), words=["hidden activation"])
    assert "loop over all the layers" not in message


def test_mlp_backward_names_where_the_loop_starts(sol):
    """Newcomer finding: a loop that skips the output layer got numpy's matmul error and a hint about X and w."""
    A = sol["ACTIVATIONS"]

    def backward(p, y, caches):
        grads, dZ = {}, sol["output_delta"](p, y)[:, None]
        for layer in range(len(caches) - 1, 0, -1):              # the output layer skipped
            dA, grads[f"W{layer}"], grads[f"b{layer}"] = sol["dense_backward"](dZ, caches[layer - 1][0])
            if layer > 1:
                _, name, ac = caches[layer - 2]
                dZ = A[name][1](dA, ac)
        return grads
    message = rejects(nb04.mlp_backward, sol["mlp_forward"], backward,
                      words=["ValueError", "start at the output layer", "range(n_layers, 0, -1)"])
    assert "w.shape" not in message


def test_a_two_function_check_offers_catching_up(sol):
    """Newcomer finding: sigmoid_layer, l2_regularization and optimiser_steps had no "Stuck?" line."""
    def sigmoid_backward(dA, cache):
        return cache * (1 - cache)
    rejects(nb04.sigmoid_layer, sol["sigmoid_forward"], sigmoid_backward,
            words=["Stuck? Catch up with:  sigmoid_forward, sigmoid_backward = check.catch_up("])


def test_relu_backward_pins_the_docstrings_convention_at_zero(sol):
    """Issue 15 (conventions): the docstring says dA where Z > 0 and 0 elsewhere, so 0 at Z = 0."""
    rejects(nb04.relu_layer, sol["relu_forward"], lambda dA, Z: np.where(Z >= 0, dA, 0.0),
            words=["at Z = 0", "not Z >= 0"])


def test_a_wrong_activation_cache_is_named_in_every_case(sol):
    """The backward cases pin the forward's cache before using it: no raw TypeError from relu_backward."""
    message = rejects(nb04.relu_layer, lambda Z: (np.maximum(Z, 0), (np.maximum(Z, 0), Z)), sol["relu_backward"],
                      words=["relu_forward's cache holds (A, Z)", "(and 3 other cases, the same)"])
    assert "TypeError" not in message


def test_mlp_forward_names_a_hard_coded_hidden_activation(sol):
    """Arguments not passed on (issue 15): tanh in every hidden layer whatever `activation` says."""
    full = _make_forward(sol)
    rejects(nb04.mlp_forward, lambda X, params, activation="tanh": full(X, params, "tanh"),
            words=["the hidden layer used the tanh", "`activation` argument ('relu')"])


# -- newcomer re-check (main fb27187) ----------------------------------------
def test_dense_forward_names_X_times_W_transposed():
    """Newcomer finding: `X @ W.T` got numpy's matmul error and a generic shape hint."""
    rejects(nb04.dense_forward, lambda X, W, b: (X @ W.T + b, (X, W)),
            words=["dense_forward computes X @ W.T", "W is already [n_in, n_out] (here 2 × 3)", "Z = X @ W + b"])


def test_dense_forward_accepts_float32_and_einsum_with_the_transpose_probe():
    accepted_or_told(nb04.dense_forward, lambda X, W, b: (X.astype(np.float32) @ W.astype(np.float32)
                                                          + b.astype(np.float32), (X, W)), words=["float32"])
    accepts(nb04.dense_forward, lambda X, W, b: (np.einsum("mi,io->mo", X, W) + b, (X, W)))
    accepts(nb04.dense_forward, lambda X, W, b: ((W.T @ X.T).T + b, [X, W]))


def test_dense_backward_names_dW_and_db_both_divided_by_m():
    """Newcomer finding: an extra 1/m in dW and db: only db was named."""
    message = rejects(nb04.dense_backward, _forward, _backward(dW=lambda dZ, X, W: X.T @ dZ / len(X),
                                                                db=lambda dZ, X, W: dZ.mean(axis=0)),
                      words=["dW and db are both divided by the batch size m = 2", "dW is 1/m times too small",
                             "dW is 1/m = 1/5 times too small"])
    assert "expected -3.6" not in message


@pytest.mark.parametrize("layer, g, backward", [
    ("sigmoid", lambda Z: 0.5 * (1 + np.tanh(Z / 2)), lambda dA, A: dA * A * (1 - A)),
    ("tanh", np.tanh, lambda dA, A: dA * (1 - A ** 2)),
])
def test_activation_names_Z_cached_for_a_backward_that_reads_A(layer, g, backward):
    """Newcomer finding: `return A, Z` got expected/got with a -1e+06 and a hint blaming the (right) backward."""
    check = getattr(nb04, f"{layer}_layer")
    message = rejects(check, lambda Z: (g(Z), Z), backward,
                      words=[f"{layer}_forward's cache is Z", f"{layer}_backward reads its cache as A",
                             "`return A, A`", "Z = [[-1000, -1, 0], [1, 1000, 3]]"])
    assert "-1e+06" not in message and "Hint: dZ = dA" not in message


def test_activation_accepts_Z_cached_with_a_backward_that_reads_Z():
    accepts(nb04.tanh_layer, lambda Z: (np.tanh(Z), Z), lambda dA, Z: dA * (1 - np.tanh(Z)) * (1 + np.tanh(Z)))
    accepts(nb04.sigmoid_layer, lambda Z: (np.tanh(Z / 2) / 2 + 0.5, Z.astype(np.float64)),
            lambda dA, Z: dA * (0.25 - np.tanh(Z / 2) ** 2 / 4))


@pytest.mark.parametrize("axis, words", [(0, ["np.max(Z, 0) is the largest entry of each column"]),
                                         (1, ["np.max(Z, 1) is the largest entry of each row"])])
def test_relu_names_np_max_for_np_maximum(sol, axis, words):
    """Newcomer finding: `np.max(Z, 0)` got a shape mismatch and a hint about overflow."""
    message = rejects(nb04.relu_layer, lambda Z: (np.max(Z, axis), Z), sol["relu_backward"],
                      words=["np.max reduces an array", "np.maximum(Z, 0) compares element by element"] + words)
    assert "overflow" not in message


def test_mlp_backward_names_a_dZ_never_updated(sol):
    """Newcomer finding: the activation backward's result not assigned to dZ: a raw matmul error."""
    A = sol["ACTIVATIONS"]

    def backward(p, y, caches):
        grads, dZ = {}, sol["output_delta"](p, y)[:, None]
        for layer in range(len(caches), 0, -1):
            dA, grads[f"W{layer}"], grads[f"b{layer}"] = sol["dense_backward"](dZ, caches[layer - 1][0])
            if layer > 1:
                _, name, ac = caches[layer - 2]
                dZ_new = A[name][1](dA, ac)     # noqa: F841 (the mistake)
        return grads
    rejects(nb04.mlp_backward, sol["mlp_forward"], backward,
            words=["dense_backward got layer 1's cache (W1 (2, 3)) with a dZ of shape (6, 1), layer 2's dZ "
                   "(the output's delta): after layer 2, dZ was not updated", "dZ = ..._backward(dA, activation_cache)"])


def test_mlp_backward_does_not_call_a_wrong_cache_a_stale_dZ(sol):
    A = sol["ACTIVATIONS"]

    def backward(p, y, caches):
        grads, dZ = {}, sol["output_delta"](p, y)[:, None]
        for layer in range(len(caches), 0, -1):           # the layer below's dense cache
            dA, grads[f"W{layer}"], grads[f"b{layer}"] = sol["dense_backward"](dZ, caches[layer - 2][0])
            if layer > 1:
                _, name, ac = caches[layer - 2]
                dZ = A[name][1](dA, ac)
        return grads
    message = rejects(nb04.mlp_backward, sol["mlp_forward"], backward,
                      words=["each dense_backward takes its own layer's dZ and dense cache", "caches[l − 1][0]"])
    assert "not updated" not in message


def test_an_overflowing_tanh_forward_is_told_to_use_np_tanh():
    def tanh_forward(Z):
        A = (np.exp(2 * Z) - 1) / (np.exp(2 * Z) + 1)
        return A, A
    rejects(nb04.tanh_layer, tanh_forward, lambda dA, A: dA * (1 - A ** 2), words=["overflowed", "use np.tanh"])
