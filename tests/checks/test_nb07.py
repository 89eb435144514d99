"""The checks of notebook 07 reject the catalogue's mistakes and accept correct variants."""
import numpy as np
import pytest

from utils.checks.framework import CheckFailed
from utils.checks import nb07 as check
from checktools import rejects, accepts


def sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))


# --------------------------------------------------------------------------
# Reference implementations (correct), with variants
# --------------------------------------------------------------------------
def rnn_step_forward(x_t, h_prev, Wx, Wh, b):
    h_t = np.tanh(x_t @ Wx + h_prev @ Wh + b)
    return h_t, (x_t, h_prev, Wx, Wh, h_t)


def rnn_step_forward_stacked(x_t, h_prev, Wx, Wh, b):
    """One matrix product on [x_t, h_prev]; cache as a dict."""
    a = np.concatenate([x_t, h_prev], axis=1) @ np.vstack([Wx, Wh]) + b
    return np.tanh(a), {"x": x_t, "h_prev": h_prev, "h": np.tanh(a)}


def rnn_step_forward_einsum(x_t, h_prev, Wx, Wh, b):
    return np.tanh(np.einsum("nd,dh->nh", x_t, Wx) + np.dot(h_prev, Wh) + b[None, :]), None


def make_rnn_forward(step=rnn_step_forward, layout="NTH", carry=True, include_h0=False):
    def rnn_forward(x, h0, Wx, Wh, b):
        states, caches, h = [], [], h0
        for t in range(x.shape[1]):
            h_new, c = step(x[:, t], h if carry else h0, Wx, Wh, b)
            states.append(h_new)
            caches.append(c)
            h = h_new
        if include_h0:
            states = [h0] + states
        out = np.stack(states, axis=1 if layout == "NTH" else 0)
        return out, {"x": x, "h0": h0, "h": np.stack(states, axis=1), "Wx": Wx, "Wh": Wh}
    return rnn_forward


rnn_forward = make_rnn_forward()


def make_rnn_backward(mode="sum"):
    """BPTT with the dict cache of make_rnn_forward; mode selects a mistake."""
    def rnn_backward(dh, cache):
        x, h0, h, Wx, Wh = cache["x"], cache["h0"], cache["h"], cache["Wx"], cache["Wh"]
        N, T, H = dh.shape
        dx = np.zeros_like(x)
        dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(H)
        dh_next = np.zeros((N, H))
        for t in reversed(range(T)):
            h_prev = h0 if t == 0 else h[:, t - 1]
            upstream = dh[:, t] + (dh_next if mode != "no_carry" else 0)
            da = upstream * (1 - h[:, t] ** 2)
            dx[:, t] = da @ Wx.T
            dh_next = da @ Wh.T
            step = (x[:, t].T @ da, h_prev.T @ da, da.sum(axis=0))
            if mode == "last_only":
                if t == T - 1:
                    dWx, dWh, db = step
            elif mode == "overwrite":
                dWx, dWh, db = step
            else:
                dWx, dWh, db = dWx + step[0], dWh + step[1], db + step[2]
        if mode == "mean":
            dWx, dWh, db = dWx / T, dWh / T, db / T
        if mode == "no_carry":
            dh_next = (dh[:, 0] * (1 - h[:, 0] ** 2)) @ Wh.T
        return dx, dh_next, dWx, dWh, db
    return rnn_backward


def rnn_backward_einsum(dh, cache):
    """Alternative: collect da for every step, then one einsum per shared weight."""
    x, h0, h, Wx, Wh = cache["x"], cache["h0"], cache["h"], cache["Wx"], cache["Wh"]
    N, T, H = dh.shape
    da = np.zeros_like(dh)
    dh_next = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        da[:, t] = (dh[:, t] + dh_next) * (1 - h[:, t] ** 2)
        dh_next = da[:, t] @ Wh.T
    h_prev = np.concatenate([h0[:, None], h[:, :-1]], axis=1)
    return (np.einsum("nth,dh->ntd", da, Wx), dh_next, np.einsum("ntd,nth->dh", x, da),
            np.einsum("ntk,nth->kh", h_prev, da), da.sum(axis=(0, 1)))


def make_gru_step_forward(mode="ok"):
    def gru_step_forward(x_t, h_prev, Wx, Wh, b):
        H = h_prev.shape[1]
        gate = np.tanh if mode == "tanh_gates" else sigmoid
        a = x_t @ Wx[:, :2 * H] + h_prev @ Wh[:, :2 * H] + b[:2 * H]
        z, r = gate(a[:, :H]), gate(a[:, H:])
        if mode == "order_rz":
            z, r = r, z
        if mode == "no_reset":
            inner = h_prev @ Wh[:, 2 * H:]
        elif mode == "reset_after":
            inner = r * (h_prev @ Wh[:, 2 * H:])
        else:
            inner = (r * h_prev) @ Wh[:, 2 * H:]
        h_tilde = np.tanh(x_t @ Wx[:, 2 * H:] + inner + b[2 * H:])
        if mode == "swapped":
            h_t = (1 - z) * h_prev + z * h_tilde
        elif mode == "interpolate":          # the same formula, written as a step from h̃ towards h_prev
            h_t = h_tilde + z * (h_prev - h_tilde)
        else:
            h_t = z * h_prev + (1 - z) * h_tilde
        return h_t, (x_t, h_prev, Wx, Wh, z, r, h_tilde)
    return gru_step_forward


def gru_step_forward_split(x_t, h_prev, Wx, Wh, b):
    """Alternative spelling: np.split into blocks, scipy's sigmoid (expit); cache as a dict."""
    from scipy.special import expit as sig
    Wxz, Wxr, Wxh = np.split(Wx, 3, axis=1)
    Whz, Whr, Whh = np.split(Wh, 3, axis=1)
    bz, br, bh = np.split(b, 3)
    z = sig(x_t @ Wxz + h_prev @ Whz + bz)
    r = sig(x_t @ Wxr + h_prev @ Whr + br)
    h_tilde = np.tanh(x_t @ Wxh + (r * h_prev) @ Whh + bh)
    return h_tilde + z * (h_prev - h_tilde), {"z": z, "r": r, "h~": h_tilde, "x": x_t, "h": h_prev,
                                              "W": (Wx, Wh)}


gru_step_forward = make_gru_step_forward()


def naive_sigmoid_gru(x_t, h_prev, Wx, Wh, b):
    H = h_prev.shape[1]
    sig = lambda a: 1 / (1 + np.exp(-a))   # noqa: E731  (overflows for a ≪ 0)
    a = x_t @ Wx[:, :2 * H] + h_prev @ Wh[:, :2 * H] + b[:2 * H]
    z, r = sig(a[:, :H]), sig(a[:, H:])
    h_tilde = np.tanh(x_t @ Wx[:, 2 * H:] + (r * h_prev) @ Wh[:, 2 * H:] + b[2 * H:])
    return z * h_prev + (1 - z) * h_tilde, None


def make_gru_step_backward(mode="ok"):
    def gru_step_backward(dh_t, cache):
        x_t, h_prev, Wx, Wh, z, r, h_tilde = cache
        H = h_prev.shape[1]
        d_cand = dh_t * (1 - z) * (1 - h_tilde ** 2)
        dz = dh_t * (h_prev - h_tilde) * z * (1 - z)
        if mode == "dz_sign":
            dz = -dz
        d_rh = d_cand @ Wh[:, 2 * H:].T
        dr = d_rh * h_prev * r * (1 - r)
        d_gates = np.hstack([dz, dr])
        dx = d_gates @ Wx[:, :2 * H].T + d_cand @ Wx[:, 2 * H:].T
        dh_prev = dh_t * z + d_gates @ Wh[:, :2 * H].T
        if mode != "no_reset_path":
            dh_prev = dh_prev + d_rh * r
        cand_input = h_prev if mode == "h_prev_in_dWh" else r * h_prev
        dWx = np.hstack([x_t.T @ d_gates, x_t.T @ d_cand])
        dWh = np.hstack([h_prev.T @ d_gates, cand_input.T @ d_cand])
        db = np.concatenate([d_gates.sum(axis=0), d_cand.sum(axis=0)])
        return dx, dh_prev, dWx, dWh, db
    return gru_step_backward


def gru_step_backward_dict(dh_t, cache):
    """For gru_step_forward_split's dict cache."""
    return make_gru_step_backward()(dh_t, (cache["x"], cache["h"], *cache["W"], cache["z"], cache["r"],
                                           cache["h~"]))


# --------------------------------------------------------------------------
# rnn_step_forward
# --------------------------------------------------------------------------
@pytest.mark.parametrize("func", [rnn_step_forward, rnn_step_forward_stacked, rnn_step_forward_einsum])
def test_rnn_step_forward_accepts(func, capsys):
    accepts(check.rnn_step_forward, func, capsys=capsys)


@pytest.mark.parametrize("func, words", [
    (lambda x, h, Wx, Wh, b: (sigmoid(x @ Wx + h @ Wh + b), None), ["sigmoid", "tanh"]),
    (lambda x, h, Wx, Wh, b: (x @ Wx + h @ Wh + b, None), ["no activation"]),
    (lambda x, h, Wx, Wh, b: (np.tanh(x @ Wx + h @ Wh.T + b), None), ["Wh is transposed"]),
    (lambda x, h, Wx, Wh, b: (np.tanh(x @ Wx + h @ Wh), None), ["bias b is missing"]),
    (lambda x, h, Wx, Wh, b: (np.tanh(x @ Wx + b), None), ["h_prev is ignored"]),
    (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b), ["pair", "cache"]),
    (lambda x, h, Wx, Wh, b: ((np.exp(2 * (x @ Wx + h @ Wh + b)) - 1)
                              / (np.exp(2 * (x @ Wx + h @ Wh + b)) + 1), None), ["warning"]),
    (lambda x, h, Wx, Wh, b: (np.tanh(x @ Wx + h @ Wh + b).sum(axis=0, keepdims=True), None), ["shape"]),
])
def test_rnn_step_forward_rejects(func, words):
    rejects(check.rnn_step_forward, func, words=words)


def test_rnn_step_forward_rejects_in_place():
    def in_place(x_t, h_prev, Wx, Wh, b):
        h_prev[:] = np.tanh(x_t @ Wx + h_prev @ Wh + b)
        return h_prev.copy(), None
    rejects(check.rnn_step_forward, in_place, words=["in place"])


def test_rnn_step_forward_not_implemented():
    def stub(*args):
        raise NotImplementedError("rnn_step_forward is not implemented yet")
    with pytest.raises(NotImplementedError):
        check.rnn_step_forward(stub)


# --------------------------------------------------------------------------
# rnn_forward
# --------------------------------------------------------------------------
@pytest.mark.parametrize("func", [rnn_forward, make_rnn_forward(step=rnn_step_forward_stacked),
                                  make_rnn_forward(step=rnn_step_forward_einsum)])
def test_rnn_forward_accepts(func, capsys):
    accepts(check.rnn_forward, func, capsys=capsys)


@pytest.mark.parametrize("func, words", [
    (make_rnn_forward(carry=False), ["starts from h0"]),
    (make_rnn_forward(include_h0=True), ["includes h0"]),
    (make_rnn_forward(layout="TNH"), ["[T, N, H]", "batch first"]),
    (lambda x, h0, Wx, Wh, b: rnn_forward(x, h0, Wx, Wh, b)[0], ["pair", "cache"]),
    (lambda x, h0, Wx, Wh, b: (list(rnn_forward(x, h0, Wx, Wh, b)[0]), None), ["numpy array"]),
    (make_rnn_forward(step=lambda x, h, Wx, Wh, b: (np.tanh(x @ Wx + h @ Wh.T + b), None)), ["recurrence"]),
])
def test_rnn_forward_rejects(func, words):
    rejects(check.rnn_forward, func, words=words)


# --------------------------------------------------------------------------
# rnn_backward
# --------------------------------------------------------------------------
@pytest.mark.parametrize("backward", [make_rnn_backward(), rnn_backward_einsum])
def test_rnn_backward_accepts(backward, capsys):
    accepts(check.rnn_backward, rnn_forward, backward, capsys=capsys)


def test_rnn_backward_accepts_list_cache(capsys):
    """A cache of a different structure: the list of step caches, as in the solution."""
    def forward(x, h0, Wx, Wh, b):
        h, caches, h_t = np.zeros((x.shape[0], x.shape[1], h0.shape[1])), [], h0
        for t in range(x.shape[1]):
            h_t, c = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)
            h[:, t] = h_t
            caches.append(c)
        return h, caches

    def backward(dh, caches):
        N, T, H = dh.shape
        Wx, Wh = caches[0][2], caches[0][3]
        dx = np.zeros((N, T, Wx.shape[0]))
        dWx, dWh, db, dh_next = 0 * Wx, 0 * Wh, np.zeros(H), np.zeros((N, H))
        for t in reversed(range(T)):
            x_t, h_prev, _, _, h_t = caches[t]
            da = (dh[:, t] + dh_next) * (1 - h_t ** 2)
            dx[:, t], dh_next = da @ Wx.T, da @ Wh.T
            dWx += x_t.T @ da
            dWh += h_prev.T @ da
            db += da.sum(axis=0)
        return dx, dh_next, dWx, dWh, db
    accepts(check.rnn_backward, forward, backward, capsys=capsys)


@pytest.mark.parametrize("mode, words", [
    ("last_only", ["dWx", "last time step only", "add up"]),
    ("overwrite", ["dWx", "first time step only", "+="]),
    ("mean", ["dWx", "averaged", "sum over steps"]),
    ("no_carry", ["dWx", "carried back through the hidden state"]),
])
def test_rnn_backward_rejects(mode, words):
    rejects(check.rnn_backward, rnn_forward, make_rnn_backward(mode), words=words)


def test_rnn_backward_rejects_transposed_dWx():
    def backward(dh, cache):
        dx, dh0, dWx, dWh, db = make_rnn_backward()(dh, cache)
        return dx, dh0, dWx.T, dWh, db
    rejects(check.rnn_backward, rnn_forward, backward, words=["dWx", "shape"])


def test_rnn_backward_rejects_db_not_summed_over_batch():
    def backward(dh, cache):
        x, h0, h, Wx, Wh = cache["x"], cache["h0"], cache["h"], cache["Wx"], cache["Wh"]
        dx, dh0, dWx, dWh, _ = make_rnn_backward()(dh, cache)
        # the upstream gradient at each step, as the correct loop computes it, but only sample 0
        db, dh_next = np.zeros(dh.shape[2]), np.zeros(dh0.shape)
        for t in reversed(range(dh.shape[1])):
            da = (dh[:, t] + dh_next) * (1 - h[:, t] ** 2)
            dh_next = da @ Wh.T
            db += da[0]
        return dx, dh0, dWx, dWh, db
    rejects(check.rnn_backward, rnn_forward, backward, words=["db"])


def test_rnn_backward_says_when_forward_is_wrong():
    rejects(check.rnn_backward, make_rnn_forward(carry=False), make_rnn_backward(),
            words=["rnn_forward does not pass"])


# --------------------------------------------------------------------------
# gru_step_forward
# --------------------------------------------------------------------------
@pytest.mark.parametrize("func", [gru_step_forward, make_gru_step_forward("interpolate"),
                                  gru_step_forward_split])
def test_gru_step_forward_accepts(func, capsys):
    accepts(check.gru_step_forward, func, capsys=capsys)


@pytest.mark.parametrize("mode, words", [
    ("swapped", ["z and 1 − z are swapped", "z ⊙ h_prev + (1 − z) ⊙ h̃"]),
    ("tanh_gates", ["gates use tanh", "sigmoid"]),
    ("no_reset", ["h_prev where the reset-gated state r ⊙ h_prev belongs"]),
    ("reset_after", ["reset gate after the matrix product"]),
    ("order_rz", ["wrong blocks"]),
])
def test_gru_step_forward_rejects(mode, words):
    rejects(check.gru_step_forward, make_gru_step_forward(mode), words=words)


def test_gru_step_forward_rejects_overflowing_sigmoid():
    rejects(check.gru_step_forward, naive_sigmoid_gru, words=["warning", "overflow"])


# --------------------------------------------------------------------------
# gru_step_backward
# --------------------------------------------------------------------------
def test_gru_step_backward_accepts(capsys):
    accepts(check.gru_step_backward, gru_step_forward, make_gru_step_backward(), capsys=capsys)


def test_gru_step_backward_accepts_dict_cache(capsys):
    accepts(check.gru_step_backward, gru_step_forward_split, gru_step_backward_dict, capsys=capsys)


@pytest.mark.parametrize("mode, words", [
    ("no_reset_path", ["dh_prev", "four ways"]),
    ("h_prev_in_dWh", ["dWh", "(r ⊙ h_prev)ᵀ"]),
    ("dz_sign", ["dx"]),
])
def test_gru_step_backward_rejects(mode, words):
    rejects(check.gru_step_backward, gru_step_forward, make_gru_step_backward(mode), words=words)


def test_gru_step_backward_says_when_forward_is_wrong():
    rejects(check.gru_step_backward, make_gru_step_forward("swapped"), make_gru_step_backward(),
            words=["gru_step_forward does not pass"])


def test_registry_order():
    assert list(check.exercises.checks) == [
        "rnn_step_forward", "rnn_forward", "rnn_backward", "gru_step_forward", "gru_step_backward"]


# --------------------------------------------------------------------------
# The solution notebook's own answers pass every check
# --------------------------------------------------------------------------
def test_solution_passes_every_check(capsys):
    names = ("rnn_step_forward", "rnn_forward", "rnn_backward", "gru_step_forward", "gru_step_backward")
    namespace = dict(zip(names, check.catch_up(*names)))
    results = check.exercises.results(namespace)
    assert all(status == "caught up" for status, _ in results.values()), results


def test_catch_up_of_a_two_argument_check():
    forward, backward = check.catch_up("rnn_forward", "rnn_backward")
    check.rnn_backward(forward, backward)


# --------------------------------------------------------------------------
# Issue 15: tanh formulas named by the side that overflows; rnn_forward's cache pinned;
# references from the formulas, not from the learner's (possibly float32) functions
# --------------------------------------------------------------------------
@pytest.mark.parametrize("formula, words, not_words", [
    (lambda a: (1 - np.exp(-2 * a)) / (1 + np.exp(-2 * a)), ["at a = −1000", "(1 − e^(−2a))/(1 + e^(−2a))", "np.tanh"],
     ["at a = +1000"]),
    (lambda a: (np.exp(2 * a) - 1) / (np.exp(2 * a) + 1), ["at a = +1000", "(e^(2a) − 1)/(e^(2a) + 1)", "np.tanh"],
     ["at a = −1000"]),
    (lambda a: 2 / (1 + np.exp(-2 * a)) - 1, ["at a = −1000", "overflow", "2/(1 + e^(−2a)) − 1"], ["at a = +1000"]),
])
def test_rnn_step_forward_names_the_tanh_formula_that_overflows(formula, words, not_words):
    message = rejects(check.rnn_step_forward, lambda x, h, Wx, Wh, b: (formula(x @ Wx + h @ Wh + b), None),
                      words=words)
    assert not any(w in message for w in not_words), message


def test_rnn_forward_pins_a_cache_of_every_step():
    def last_only(x, h0, Wx, Wh, b):
        h, c = np.zeros((x.shape[0], x.shape[1], h0.shape[1])), None
        h_t = h0
        for t in range(x.shape[1]):
            h_t, c = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)
            h[:, t] = h_t
        return h, c
    rejects(check.rnn_forward, last_only, words=["cache", "every step", "not only the last one"])


def test_float32_forward_and_backward_are_accepted_and_references_stay_float64():
    def forward32(x, h0, Wx, Wh, b):
        h, cache = rnn_forward(x, h0, Wx, Wh, b)
        return h.astype(np.float32), cache

    def backward32(dh, cache):
        return tuple(g.astype(np.float32) for g in make_rnn_backward()(dh, cache))
    accepts(check.rnn_forward, forward32)
    accepts(check.rnn_backward, forward32, backward32)      # the reference is the formula's, in float64


# --------------------------------------------------------------------------
# Conventions: correct alternatives accepted in float64; in float32 or as lists accepted or told
# exactly what to change
# --------------------------------------------------------------------------
def _converted(func, kind):
    """func with its first result (the states, or every gradient of a backward pass) converted."""
    def convert(value):
        return np.asarray(value, dtype=np.float32) if kind == "float32" else np.asarray(value).tolist()

    def wrapper(*args):
        result = func(*args)
        return (convert(result[0]), result[1]) if len(result) == 2 else tuple(convert(r) for r in result)
    return wrapper


ALTERNATIVES = [("rnn_step_forward", (), f) for f in (rnn_step_forward, rnn_step_forward_stacked,
                                                      rnn_step_forward_einsum)] + [
    ("rnn_forward", (), f) for f in (rnn_forward, make_rnn_forward(step=rnn_step_forward_stacked))] + [
    ("rnn_backward", (rnn_forward,), f) for f in (make_rnn_backward(), rnn_backward_einsum)] + [
    ("gru_step_forward", (), f) for f in (gru_step_forward, make_gru_step_forward("interpolate"),
                                          gru_step_forward_split)] + [
    ("gru_step_backward", (gru_step_forward,), make_gru_step_backward()),
    ("gru_step_backward", (gru_step_forward_split,), gru_step_backward_dict)]


@pytest.mark.parametrize("kind", ["float64", "float32", "list"])
@pytest.mark.parametrize("name, before, func", ALTERNATIVES, ids=lambda v: getattr(v, "__name__", None))
def test_correct_alternatives_in_float64_float32_and_lists(name, before, func, kind):
    check_function = getattr(check, name)
    if kind == "float64":
        accepts(check_function, *before, func)
        return
    try:
        accepts(check_function, *before, _converted(func, kind))
    except CheckFailed as failure:
        message = str(failure)
        expected = ["float32", "astype(float)"] if kind == "float32" else ["list", "np.array"]
        assert all(w in message for w in expected), message
        assert "Traceback" not in message and "could not be checked" not in message, message


def test_newcomer_findings_a_list_of_states_is_told_np_stack_and_the_sigmoid_is_where_it_is():
    def as_list(x, h0, Wx, Wh, b):
        h, cache = rnn_forward(x, h0, Wx, Wh, b)
        return [h[:, t] for t in range(h.shape[1])], cache
    rejects(check.rnn_forward, as_list, words=["list", "np.stack(states, axis=1)", "[T, N, H]"])
    message = rejects(check.gru_step_forward, naive_sigmoid_gru, words=["set-up cell"])
    assert "top of the cell" not in message


def test_a_backward_that_misreads_the_forward_cache_is_told_so():
    def misread(dh, cache):
        x, h0 = cache["x"], cache["h0"]       # make_rnn_forward's dict cache, read as a tuple
        return make_rnn_backward()(dh, cache[0])
    rejects(check.rnn_backward, rnn_forward, misread, words=["KeyError", "rnn_backward gets the cache that your "
                                                              "rnn_forward returned"])

    def last_only(x, h0, Wx, Wh, b):
        h, cache = rnn_forward(x, h0, Wx, Wh, b)
        return h, {k: v for k, v in cache.items() if k != "x"}
    rejects(check.rnn_backward, last_only, make_rnn_backward(), words=["rnn_forward's cache does not hold every time step"])


def test_a_sigmoid_step_is_named_in_the_batch_case_too():
    def step(x_t, h_prev, Wx, Wh, b):
        h = sigmoid(x_t @ Wx + h_prev @ Wh + b)
        return h, (x_t, h_prev, Wx, Wh, h)
    message = rejects(check.rnn_step_forward, step, words=["you used a sigmoid"])
    assert "(and 1 other case, the same)" in message and "each row (sample)" not in message, message


def test_h_as_a_list_of_states_gets_the_stack_hint_in_every_case():
    def forward(x, h0, Wx, Wh, b):
        h, states, caches = h0, [], []
        for t in range(x.shape[1]):
            h, cache = rnn_step_forward(x[:, t], h, Wx, Wh, b)
            states.append(h)
            caches.append(cache)
        return states, caches
    message = rejects(check.rnn_forward, forward, words=["np.stack(states, axis=1)"])
    assert "wrap it with np.array" not in message, message


def test_rnn_forward_on_a_wrong_step_names_the_step_first():
    namespace = {"np": np}
    exec("def rnn_step_forward(x_t, h_prev, Wx, Wh, b):\n    h = np.tanh(x_t @ Wx + h_prev @ Wh.T + b)\n"
         "    return h, (x_t, h_prev, Wx, Wh, h)\n\n"
         "def rnn_forward(x, h0, Wx, Wh, b):\n    h, states, caches = h0, [], []\n"
         "    for t in range(x.shape[1]):\n        h, c = rnn_step_forward(x[:, t], h, Wx, Wh, b)\n"
         "        states.append(h)\n        caches.append(c)\n    return np.stack(states, axis=1), caches", namespace)
    rejects(check.rnn_forward, namespace["rnn_forward"],
            words=["First: rnn_step_forward, which rnn_forward uses, does not pass its own check yet"])
