"""Checks for notebook 07, "Recurrent networks".

Expected values: small cases computed by hand (in the comments), properties (the samples of a batch are independent;
a shut update gate keeps the state) and numerical gradients of the units' formulas (``_rnn``, ``_gru``), never of
the learner's own functions. A cache may have any structure; rnn_forward's must hold every time step. The GRU (z as
in Cho et al. 2014, PyTorch, Keras; the reset gate before the product), blocks of Wx, Wh, b in the order z, r, h̃:
    z = σ(x Wx_z + h_prev Wh_z + b_z),  r = σ(x Wx_r + h_prev Wh_r + b_r),  h̃ = tanh(x Wx_h + (r ⊙ h_prev) Wh_h + b_h),
    h = z ⊙ h_prev + (1 − z) ⊙ h̃.
"""
import numpy as np

from .framework import Exercises, sigmoid
from .gradcheck import numerical_gradient

exercises = Exercises("07_recurrent_networks")
catch_up, progress = exercises.catch_up, exercises.progress

LN3 = np.log(3.0)     # σ(ln 3) = 3/4 and σ(−ln 3) = 1/4 exactly
GRU_CONVENTION = "h_t = z ⊙ h_prev + (1 − z) ⊙ h̃"
CACHE_HINT = ("{0}_backward gets the cache that your {0}_forward returned (this check runs it): does it read the cache "
              "the way {0}_forward builds it (the order of a tuple, the keys of a dict, a list of steps)?")
OVERFLOW = {+1: "(e^(2a) − 1)/(e^(2a) + 1) and (e^a − e^(−a))/(e^a + e^(−a)) overflow for a large positive a",
            -1: "(1 − e^(−2a))/(1 + e^(−2a)), 2/(1 + e^(−2a)) − 1 and (e^a − e^(−a))/(e^a + e^(−a)) overflow for a "
                "large negative a"}


def _rnn(x, h0, Wx, Wh, b):
    """The states h [N, T, H]; a weight given as a list of T arrays is one copy per step."""
    per_step = [w if isinstance(w, list) else [w] * x.shape[1] for w in (Wx, Wh, b)]
    states = [h0]
    for t, (wx, wh, bias) in enumerate(zip(*per_step)):
        states.append(np.tanh(x[:, t] @ wx + states[-1] @ wh + bias))
    return np.stack(states[1:], axis=1)


def _gru(x, h, Wx, Wh, b):
    H, a = h.shape[1], x @ Wx + b
    z, r = sigmoid(a[:, :H] + h @ Wh[:, :H]), sigmoid(a[:, H:2 * H] + h @ Wh[:, H:2 * H])
    return z * h + (1 - z) * np.tanh(a[:, 2 * H:] + (r * h) @ Wh[:, 2 * H:])


def _step_mistakes(x, h_prev, Wx, Wh, b):
    """The usual wrong steps, as formulas: (wrong h_t, what it means)."""
    a = x @ Wx + h_prev @ Wh + b
    return [(sigmoid(a), "you used a sigmoid; the simple recurrent unit uses tanh."),
            (a, "no activation: apply np.tanh to x_t Wx + h_prev Wh + b."),
            (np.tanh(x @ Wx + h_prev @ Wh.T + b), "Wh is transposed: the recurrent term is h_prev @ Wh."),
            (np.tanh(a - b), "the bias b is missing."),
            (np.tanh(x @ Wx + b), "h_prev is ignored: add the recurrent term h_prev @ Wh.")]


@exercises.exercise("rnn_step_forward")
def rnn_step_forward(chk):
    with chk.case("by hand: x = [[1, 2]], h_prev = [[0.5, −1]], Wx = [[0.5, −1], [0.25, 0]], Wh = [[1, 2], [0, 1]], "
                  "b = [−0.5, 0.25]"):
        # x Wx = [0.5 + 0.5, −1 + 0] = [1, −1];  h_prev Wh = [0.5, 1 − 1] = [0.5, 0]
        # a = [1 + 0.5 − 0.5, −1 + 0 + 0.25] = [1, −0.75];  h = tanh(a)
        a = np.array([1.0, -0.75])
        args = (np.array([[1.0, 2.0]]), np.array([[0.5, -1.0]]), np.array([[0.5, -1.0], [0.25, 0.0]]),
                np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([-0.5, 0.25]))
        h_t, _ = chk.call(*args, returns="h_t, cache")
        chk.array(h_t, [np.tanh(a)], what="h_t", hint="h_t = tanh(x_t @ Wx + h_prev @ Wh + b).",
                  shape_hint="h_t has shape [N, H]: one row per sample.", diagnoses=_step_mistakes(*args))
    with chk.case("a batch of 3, D = 3, H = 4 (against the formula)"):
        x, h_prev, Wx, Wh, b = chk.random(70, (3, 3), (3, 4), (3, 4), (4, 4), 4)
        chk.array(chk.call(x, h_prev, Wx, Wh, b, returns="h_t, cache")[0], _rnn(x[:, None], h_prev, Wx, Wh, b)[:, 0],
                  what="h_t", shape_hint="x_t @ Wx is [N, H]; so is h_prev @ Wh.",
                  diagnoses=_step_mistakes(x, h_prev, Wx, Wh, b), hint="h_t = tanh(x_t @ Wx + h_prev @ Wh + b), each row (sample) on its own.")
    with chk.case("pre-activations of +1000 and −1000 (tanh saturates at ±1; e^2000 = inf)"):
        for sign in (+1, -1):      # each formula of tanh by exponentials overflows on one side (or both)
            h_t, _ = chk.call(np.array([[sign * 1000.0]]), np.zeros((1, 1)), np.eye(1), np.zeros((1, 1)), np.zeros(1),
                              returns="h_t, cache", warning_hint=f"at a = {'+−'[sign < 0]}1000: " + OVERFLOW[sign]
                              + ": use np.tanh, exact for every a.")
            chk.array(h_t, [[sign]], what=f"h_t at a = {sign * 1000}", hint="use np.tanh, exact for every a.")


# N = 1, T = 3, D = H = 1: x = [1, 0, −1], h0 = 0, Wx = 1, Wh = 2, b = 0. h1 = tanh(1·1 + 2·0) ≈ 0.7616,
# h2 = tanh(1·0 + 2·0.7616) ≈ 0.9093, h3 = tanh(1·(−1) + 2·0.9093) ≈ 0.6746.
RNN_ARGS = (np.array([[[1.0], [0.0], [-1.0]]]), np.zeros((1, 1)), np.ones((1, 1)), np.full((1, 1), 2.0), np.zeros(1))
RNN_H = np.tanh([[[1.0], [2 * np.tanh(1.0)], [-1.0 + 2 * np.tanh(2 * np.tanh(1.0))]]])


def _holds_values(x, cache):
    """Are all of x's numbers somewhere in the cache (compared in float32, so a float32 cache counts too)?"""
    return np.isin(np.float32(x), np.float32(_values(cache))).all()


def _values(cache):
    """Every number a cache holds, whatever its structure."""
    items = list(cache.values()) if isinstance(cache, dict) else cache
    if isinstance(items, (list, tuple)):
        return np.concatenate([_values(c) for c in items] + [np.zeros(0)])
    return np.ravel(cache) if isinstance(cache, np.ndarray) and cache.dtype.kind in "fiu" else np.zeros(0)


def _h_array(chk, h):
    chk.true(not isinstance(h, list), "expected h to be a numpy array, got a list: np.stack(states, axis=1) "
             "makes it [N, T, H] (np.array(states) would put time first, [T, N, H]).")
    return h


@exercises.exercise("rnn_forward")
def rnn_forward(chk):
    with chk.case("x = [1, 0, −1], h0 = 0, Wx = 1, Wh = 2, b = 0, by hand"):
        h = _h_array(chk, chk.call(*RNN_ARGS, returns="h, cache")[0])
        chk.array(h, RNN_H, what="h", shape_hint="h has shape [N, T, H].", diagnoses=[
            (np.tanh(RNN_ARGS[0]), "every step starts from h0: pass the state just computed on to the next step."),
            (np.concatenate([[[[0.0]]], RNN_H], axis=1), "h includes h0 as its first step; h holds the T new states "
             "h_1 … h_T only.")], hint="h_t = tanh(x_t Wx + h_{t−1} Wh + b), starting from h0, for t = 1 … T.")
    with chk.case("N = 2, T = 4, D = 3, H = 5: every step follows the recurrence, the cache holds every step"):
        x, h0, Wx, Wh, b = chk.random(71, (2, 4, 3), (2, 5), (3, 5), (5, 5), 5)
        h, cache = chk.call(x, h0, Wx / 2, Wh / 2, b, returns="h, cache")
        expected = _rnn(x, h0, Wx / 2, Wh / 2, b)
        chk.array(_h_array(chk, h), expected, what="h", diagnoses=[(expected.swapaxes(0, 1), "h has shape [T, N, H] = (4, 2, 5); put "
                  "the batch first: [N, T, H] = (2, 4, 5). Fill h[:, t] = h_t inside the loop, or np.stack(states, "
                  "axis=1).")], hint="h follows the recurrence h[:, t] = tanh(x[:, t] @ Wx + h[:, t − 1] @ Wh + b) from "
                  "h0: h[:, 0] comes from h0. Slice the time step with x[:, t].")
        chk.true(_holds_values(x[:, 0], cache), "the cache does not hold the first step's input x[:, 0]: "
                 "rnn_backward goes back through every step, so keep every step's cache (a list of the T step "
                 "caches), not only the last one.", hint="caches.append(step_cache) inside the loop; return h, caches.")


def _forward_passes(chk, forward, name, args, expected):
    got = chk.call(*args, func=forward, returns=f"{'h' if name == 'rnn_forward' else 'h_t'}, cache")[0]
    chk.true(np.shape(got) == expected.shape and np.allclose(got, expected, rtol=1e-6), f"{name} does not pass its own "
             "check yet; fix it first (this check runs it).")


def _bptt_mistakes(x, h0, Wx, Wh, b, dh):
    """{mistake: (dWx, dWh)} of backpropagation through time by the formulas, with the mistake put in."""
    h, out = _rnn(x, h0, Wx, Wh, b), {}
    for mistake in ("tanh' at h_prev", "dWh from h_t"):
        dWx, dWh, carried = 0 * Wx, 0 * Wh, 0 * h0
        for t in reversed(range(x.shape[1])):
            prev = h0 if t == 0 else h[:, t - 1]
            da = (dh[:, t] + carried) * (1 - (prev if mistake.startswith("tanh") else h[:, t]) ** 2)
            carried = da @ Wh.T
            dWx, dWh = dWx + x[:, t].T @ da, dWh + (h[:, t] if mistake.startswith("dWh") else prev).T @ da
        out[mistake] = (dWx, dWh)
    return out


@exercises.exercise("rnn_backward", args=("rnn_forward", "rnn_backward"))
def rnn_backward(chk, forward):
    with chk.case("N = 2, T = 4, D = 3, H = 5 against the numerical gradient"):
        _forward_passes(chk, forward, "rnn_forward", RNN_ARGS, RNN_H)
        x, h0, Wx, Wh, b, dh = chk.random(72, (2, 4, 3), (2, 5), (3, 5), (5, 5), 5, (2, 4, 5), scale=0.5)
        x, h0, dh, T = 2 * x, 2 * h0, 2 * dh, 4
        cache = chk.call(x, h0, Wx, Wh, b, func=forward, returns="h, cache")[1]
        chk.true(_holds_values(x[:, 0], cache), "rnn_forward's cache does not hold every time step (the first "
                 "step's input is missing): fix rnn_forward first (its own check says how).")
        grads = chk.call(dh, cache, returns="dx, dh0, dWx, dWh, db", error_hint=CACHE_HINT.format("rnn"))
        total = [numerical_gradient(lambda: np.sum(_rnn(x, h0, Wx, Wh, b) * dh), v) for v in (x, h0, Wx, Wh, b)]
        copies = [[w.copy() for _ in range(T)] for w in (Wx, Wh, b)]    # one copy of each weight per step
        full = [[numerical_gradient(lambda: np.sum(_rnn(x, h0, *copies) * dh), w[t]) for w in copies] for t in range(T)]
        local = [[numerical_gradient(lambda: np.sum(_rnn(x, h0, *copies)[:, t] * dh[:, t]), w[t]) for w in copies]
                 for t in range(T)]                                      # without the gradient carried from t + 1
        (tx, th), (_, hh) = _bptt_mistakes(x, h0, Wx, Wh, b, dh).values()
        at = "is wrong because da_t takes tanh' at the wrong state: (1 − h_t²) with h_t the output of step t, not (1 − h_prev²)."
        made = "dWh sums h_prevᵀ · da_t, with h_prev the state that went into step t, not the h_t it made."
        for k, (name, w) in enumerate((("dWx", Wx), ("dWh", Wh), ("db", b))):
            shared = f"{name[1:]} is shared by every step"
            chk.array(grads[2 + k], total[2 + k], what=name, rtol=1e-5, atol=1e-8, like=(name[1:], w), diagnoses=[
                *[[(tx, f"dWx {at}")], [(th, f"dWh {at}"), (hh, made)], []][k],
                (full[-1][k], f"{name} is the gradient of the last time step only: {shared}, so add up its gradient "
                 "over all steps (+=, not =)."),
                (full[0][k], f"{name} is the gradient of the first time step only: {shared}; accumulate with += inside "
                 "the loop instead of overwriting."),
                (total[2 + k] / T, f"{name} is averaged over the time steps; the gradient of a shared weight is the sum "
                 "over steps (don't divide by T)."),
                (sum(step[k] for step in local), f"{name} misses the gradient carried back through the hidden state: at "
                 "each step, add dh_next (from step t + 1) to dh[:, t] before going back through tanh.")],
                hint=f"{name} = Σ_t (the step-t input)ᵀ · da_t with da_t = (dh[:, t] + dh_next) ⊙ (1 − h_t²).")
        chk.array(grads[1], total[1], what="dh0", rtol=1e-5, atol=1e-8, like=("h0", h0), diagnoses=[
            (numerical_gradient(lambda: np.sum(_rnn(x, h0, Wx, Wh, b)[:, 0] * dh[:, 0]), h0), "dh0 misses the gradient "
             "carried back from later steps: add dh_next to dh[:, t] at every step before going back through tanh.")],
            hint="dh0 is the dh_next left after the loop has reached t = 0.")
        chk.array(grads[0], total[0], what="dx", rtol=1e-5, atol=1e-8, like=("x", x),
                  hint="dx[:, t] = da_t @ Wx.T, with da_t including the gradient carried from step t + 1.")
    with chk.case("T = 60 with the loss on the last state only: finite, no warnings"):
        x, Wx, Wh = chk.random(73, (3, 60, 2), (2, 4), (4, 4))
        dh = np.zeros((3, 60, 4)) + (np.arange(60) == 59)[None, :, None]
        grads = chk.call(dh, chk.call(x, np.zeros((3, 4)), Wx, Wh / 2, np.zeros(4), func=forward, returns="h, cache")[1],
                         returns="dx, dh0, dWx, dWh, db", error_hint=CACHE_HINT.format("rnn"))
        for name, grad, shape in zip(("dx", "dh0", "dWx", "dWh", "db"), grads, (x.shape, (3, 4), (2, 4), (4, 4), (4,))):
            chk.finite(chk.is_array(grad, what=name, shape=shape), what=name)


# N = D = H = 1, x = 1, h_prev = 0.5. Gates from the biases alone: z = σ(ln 3) = 3/4, r = σ(−ln 3) = 1/4.
GRU_ARGS = (np.ones((1, 1)), np.full((1, 1), 0.5), np.array([[0.0, 0.0, 1.0]]), np.array([[0.0, 0.0, 2.0]]),
            np.array([LN3, -LN3, 0.0]))


@exercises.exercise("gru_step_forward")
def gru_step_forward(chk):
    swapped = f"z and 1 − z are swapped: this notebook's convention is {GRU_CONVENTION}"
    no_reset = "the candidate uses h_prev where the reset-gated state r ⊙ h_prev belongs."
    with chk.case("by hand: x = 1, h_prev = 0.5, Wx = [0, 0, 1], Wh = [0, 0, 2], b = [ln 3, −ln 3, 0], so z = 3/4, "
                  "r = 1/4"):
        h_t, _ = chk.call(*GRU_ARGS, returns="h_t, cache")
        cand = np.tanh(1.25)    # h̃ = tanh(1·1 + 2·(r·h_prev)) = tanh(1 + 2·0.125); h = 0.75·0.5 + 0.25·0.8483 ≈ 0.5871
        chk.array(h_t, [[0.75 * 0.5 + 0.25 * cand]], what="h_t", shape_hint="h_t has the shape of h_prev: [N, H].",
                  hint=f"z = σ(…), r = σ(…), h̃ = tanh(x Wx_h + (r ⊙ h_prev) Wh_h + b_h), {GRU_CONVENTION}.", diagnoses=[
                      ([[0.25 * 0.5 + 0.75 * cand]], swapped + " (z near 1 keeps the old state)."),
                      # tanh gates: z = tanh(ln 3) = 0.8, r = tanh(−ln 3) = −0.8 -> h̃ = tanh(1 + 2·(−0.4))
                      ([[0.8 * 0.5 + 0.2 * np.tanh(0.2)]], "the gates use tanh; gates are sigmoids (values between 0 "
                       "and 1): z = σ(…), r = σ(…)."),
                      ([[0.2 * 0.5 + 0.8 * np.tanh(0.2)]], "the gates use tanh (they are sigmoids), and z and 1 − z are swapped."),
                      ([[0.75 * 0.5 + 0.25 * np.tanh(2.0)]], no_reset),       # no reset: h̃ = tanh(1 + 2·0.5)
                      # blocks read in the order r | z: z = 1/4, r = 3/4 -> h̃ = tanh(1 + 2·0.375)
                      ([[0.25 * 0.5 + 0.75 * np.tanh(1.75)]], "z and r are taken from the wrong blocks: the columns "
                       "of Wx, Wh and b are [z | r | h̃], H each.")])
    with chk.case("H = 2, x = 1, h_prev = [[0.5, −0.5]], Wh_h = [[1, 2], [3, 4]], z = [3/4, 1/4], r = [1/4, 3/4]: the "
                  "reset gate multiplies h_prev before the matrix product"):
        h_prev, Wh, z = np.array([[0.5, -0.5]]), np.zeros((2, 6)), np.array([0.75, 0.25])
        Wh[:, 4:] = [[1.0, 2.0], [3.0, 4.0]]                                 # b gives z = [3/4, 1/4], r = [1/4, 3/4]
        h_t, _ = chk.call(np.ones((1, 1)), h_prev, np.array([[0.0, 0, 0, 0, 1, -1]]), Wh,
                          np.array([LN3, -LN3, -LN3, LN3, 0.0, 0.0]), returns="h_t, cache")
        # r ⊙ h_prev = [1/8, −3/8];  (r ⊙ h_prev) Wh_h = [1/8 − 9/8, 2/8 − 12/8] = [−1, −1.25]
        # h̃ = tanh([1 − 1, −1 − 1.25]); PyTorch's r ⊙ (h_prev Wh_h) = [−1/4, −3/4]; no reset: h_prev Wh_h = [−1, −1]
        cand, after, plain = np.tanh([0.0, -2.25]), np.tanh([0.75, -1.75]), np.tanh([0.0, -2.0])
        chk.array(h_t, [z * h_prev[0] + (1 - z) * cand], what="h_t", diagnoses=[
            ([z * h_prev[0] + (1 - z) * after], "you apply the reset gate after the matrix product, r ⊙ (h_prev Wh_h) "
             "(PyTorch's variant); this notebook uses (r ⊙ h_prev) Wh_h, as in the final version of Cho et al. 2014."),
            ([z * h_prev[0] + (1 - z) * plain], no_reset), ([(1 - z) * h_prev[0] + z * cand], swapped + ".")],
            hint="h̃ = tanh(x Wx_h + (r * h_prev) @ Wh_h + b_h), with Wh_h = Wh[:, 2H:].")
    for z, label in ((1, "shut (b_z = +40, so z = 1): the state is kept"),
                     (0, "open (b_z = −40, so z = 0), Wh_h = 0: the state becomes tanh(x Wx_h + b_h)")):
        with chk.case(f"update gate {label}"):
            x, h_prev, Wx, Wh, b = chk.random(75 - z, (4, 2), (4, 3), (2, 9), (3, 9), 9)
            b[:3], Wh[:, 6:] = 80.0 * z - 40.0, Wh[:, 6:] * z
            kept = "h_prev: are z and 1 − z swapped? Is z a sigmoid of the first H columns?"
            chk.array(chk.call(x, h_prev, Wx, Wh, b, returns="h_t, cache")[0], h_prev if z else np.tanh(x @ Wx[:, 6:] + b[6:]),
                      what="h_t", hint=f"with z = {z}, {GRU_CONVENTION} is " + (kept if z else "the candidate h̃ alone."))
    with chk.case("pre-activations of ±1000 (no overflow warning)"):    # z = σ(1000) = 1, so h_t = h_prev = 0.5
        h_t, _ = chk.call(*GRU_ARGS[:2], np.array([[1000.0, -1000.0, 1000.0]]), np.zeros((1, 3)), np.zeros(3),
                          returns="h_t, cache", warning_hint="1/(1 + np.exp(−a)) overflows for a = −1000: use the stable "
                          "sigmoid that the set-up cell imports.")
        chk.array(h_t, [[0.5]], what="h_t", hint="z = σ(1000) = 1, so h_t = h_prev.")


@exercises.exercise("gru_step_backward", args=("gru_step_forward", "gru_step_backward"))
def gru_step_backward(chk, forward):
    with chk.case("N = 3, D = 2, H = 4 against the numerical gradient"):
        _forward_passes(chk, forward, "gru_step_forward", GRU_ARGS, _gru(*GRU_ARGS))
        x, h_prev, Wx, Wh, b, dh = chk.random(76, (3, 2), (3, 4), (2, 12), (4, 12), 12, (3, 4))
        h_prev, Wx, Wh, b = np.tanh(h_prev), Wx * 0.7, Wh * 0.7, b * 0.5
        grads = chk.call(dh, chk.call(x, h_prev, Wx, Wh, b, func=forward, returns="h_t, cache")[1],
                         returns="dx, dh_prev, dWx, dWh, db", error_hint=CACHE_HINT.format("gru_step"))
        hints = {"dx": "x reaches h_t through z, r and the candidate: dx = da_z Wx_zᵀ + da_r Wx_rᵀ + da_h Wx_hᵀ.",
                 "dh_prev": "h_prev reaches h_t four ways: directly (× z), inside the candidate (as r ⊙ h_prev), through "
                            "z and through r; add all four.",
                 "dWx": "each block of dWx is xᵀ times the gradient at that block's pre-activation.",
                 "dWh": "the z and r blocks are h_prevᵀ · da; the candidate block is (r ⊙ h_prev)ᵀ · da_h.",
                 "db": "each block of db is the gradient at that block's pre-activation, summed over the batch."}
        for (name, hint), value, grad in zip(hints.items(), (x, h_prev, Wx, Wh, b), grads):
            numeric = numerical_gradient(lambda: np.sum(_gru(x, h_prev, Wx, Wh, b) * dh), value)
            chk.array(grad, numeric, what=name, rtol=1e-5, atol=1e-8, hint=hint, like=(name[1:], value),
                      diagnoses=[(-numeric, f"{name} has the wrong sign.")])
