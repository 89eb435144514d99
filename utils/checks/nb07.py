"""Checks for notebook 07, "Recurrent networks".

Expected values are small cases computed by hand (shown in the comments),
properties (each sequence in a batch is independent; a shut update gate keeps
the state), and numerical gradients. The checks use only the public outputs
of the learner's functions: a cache may have any structure.

GRU convention checked here (z as in Cho et al. 2014, PyTorch, TensorFlow/Keras; the reset gate
before the matrix product, as in the final version of Cho et al.):

    z  = σ(x Wx_z + h_prev Wh_z + b_z)              update gate
    r  = σ(x Wx_r + h_prev Wh_r + b_r)              reset gate
    h̃  = tanh(x Wx_h + (r ⊙ h_prev) Wh_h + b_h)     candidate state
    h  = z ⊙ h_prev + (1 − z) ⊙ h̃                   new state

with the blocks of Wx [D, 3H], Wh [H, 3H] and b [3H] in the order z, r, h̃.
"""
import numpy as np

from .framework import Exercises, sigmoid
from .gradcheck import numerical_gradient

exercises = Exercises("07_recurrent_networks")
catch_up = exercises.catch_up
progress = exercises.progress

LN3 = np.log(3.0)     # σ(ln 3) = 3/4 and σ(−ln 3) = 1/4 exactly


# --------------------------------------------------------------------------
# 1. rnn_step_forward
# --------------------------------------------------------------------------
@exercises.register("rnn_step_forward")
def rnn_step_forward(func):
    with exercises.check("rnn_step_forward", func) as chk:
        with chk.case("one sample, D = 2, H = 2, by hand"):
            x = np.array([[1.0, 2.0]])
            h_prev = np.array([[0.5, -1.0]])
            Wx = np.array([[0.5, -1.0], [0.25, 0.0]])
            Wh = np.array([[1.0, 2.0], [0.0, 1.0]])
            b = np.array([-0.5, 0.25])
            # x Wx = [0.5 + 0.5, −1 + 0] = [1, −1];  h_prev Wh = [0.5, 1 − 1] = [0.5, 0]
            # a = [1 + 0.5 − 0.5, −1 + 0 + 0.25] = [1, −0.75];  h = tanh(a)
            a = np.array([1.0, -0.75])
            h_t, _ = chk.call(x, h_prev, Wx, Wh, b, returns="h_t, cache")
            chk.array(h_t, [np.tanh(a)], what="h_t", diagnoses=[
                ([sigmoid(a)], "you used a sigmoid; the simple recurrent unit uses tanh."),
                ([a], "no activation: apply np.tanh to x_t Wx + h_prev Wh + b."),
                # h_prev Wh.T = [0.5 − 2, −1] -> a = [1 − 1.5 − 0.5, −1 − 1 + 0.25]
                ([np.tanh([-1.0, -1.75])], "Wh is transposed: the recurrent term is h_prev @ Wh."),
                ([np.tanh([1.5, -1.0])], "the bias b is missing."),
                ([np.tanh([0.5, -0.75])], "h_prev is ignored: add the recurrent term h_prev @ Wh."),
            ], hint="h_t = tanh(x_t @ Wx + h_prev @ Wh + b).",
                shape_hint="h_t has shape [N, H]: one row per sample.")
        with chk.case("a batch of 3, D = 3, H = 4: each row on its own gives the same row"):
            rng = np.random.default_rng(70)
            x, h_prev = rng.normal(size=(3, 3)), rng.normal(size=(3, 4))
            Wx, Wh, b = rng.normal(size=(3, 4)), rng.normal(size=(4, 4)), rng.normal(size=4)
            h_t, _ = chk.call(x, h_prev, Wx, Wh, b, returns="h_t, cache")
            h_t = chk.is_array(h_t, what="h_t", shape=(3, 4),
                               hint="x_t @ Wx is [N, H]; so is h_prev @ Wh.")
            chk.finite(h_t, what="h_t")
            chk.true(np.all(np.abs(h_t) <= 1), "h_t has values outside [−1, 1]; tanh never does.")
            for i in range(3):
                row, _ = chk.call(x[i:i + 1], h_prev[i:i + 1], Wx, Wh, b, returns="h_t, cache")
                chk.array(row, h_t[i:i + 1], what=f"h_t for sample {i} alone",
                          hint="the samples of a batch must not mix: use matrix products, no sums over rows.")
        with chk.case("pre-activations of ±1000 (tanh saturates at ±1, no overflow)"):
            x = np.array([[1000.0, -1000.0]])
            h_t, _ = chk.call(x, np.zeros((1, 2)), np.eye(2), np.zeros((2, 2)), np.zeros(2), returns="h_t, cache")
            chk.array(h_t, [[1.0, -1.0]], what="h_t",
                      hint="use np.tanh; (e^{2a} − 1)/(e^{2a} + 1) overflows for large a.")


# --------------------------------------------------------------------------
# 2. rnn_forward
# --------------------------------------------------------------------------
def _scalar_rnn_case():
    """N = 1, T = 3, D = H = 1: x = [1, 0, −1], h0 = 0, Wx = 1, Wh = 2, b = 0."""
    x = np.array([[[1.0], [0.0], [-1.0]]])
    h1 = np.tanh(1.0)                    # tanh(1·1 + 2·0)          ≈ 0.7616
    h2 = np.tanh(2 * h1)                 # tanh(1·0 + 2·0.7616)     ≈ 0.9093
    h3 = np.tanh(-1.0 + 2 * h2)          # tanh(1·(−1) + 2·0.9093)  ≈ 0.6746
    args = (x, np.zeros((1, 1)), np.array([[1.0]]), np.array([[2.0]]), np.zeros(1))
    return args, np.array([[[h1], [h2], [h3]]])


@exercises.register("rnn_forward")
def rnn_forward(func):
    with exercises.check("rnn_forward", func) as chk:
        with chk.case("x = [1, 0, −1], h0 = 0, Wx = 1, Wh = 2, b = 0, by hand"):
            args, expected = _scalar_rnn_case()
            h, _ = chk.call(*args, returns="h, cache")
            chk.array(h, expected, what="h", diagnoses=[
                (np.tanh([[[1.0], [0.0], [-1.0]]]),
                 "every step starts from h0: pass the state just computed on to the next step."),
                ([[[0.0], [expected[0, 0, 0]], [expected[0, 1, 0]], [expected[0, 2, 0]]]],
                 "h includes h0 as its first step; h holds the T new states h_1 … h_T only."),
            ], hint="h_t = tanh(x_t Wx + h_{t−1} Wh + b), starting from h0, for t = 1 … T.",
                shape_hint="h has shape [N, T, H].")
        with chk.case("N = 2, T = 4, D = 3, H = 5: every step follows the recurrence"):
            rng = np.random.default_rng(71)
            x, h0 = rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 5))
            Wx, Wh, b = rng.normal(0, 0.5, (3, 5)), rng.normal(0, 0.5, (5, 5)), rng.normal(size=5)
            h, _ = chk.call(x, h0, Wx, Wh, b, returns="h, cache")
            h = chk.is_array(h, what="h")
            if h.shape == (4, 2, 5):
                chk.fail("h has shape [T, N, H] = (4, 2, 5); put the batch first: [N, T, H] = (2, 4, 5).",
                         hint="fill h[:, t] = h_t inside the loop, or np.stack(states, axis=1).")
            h = chk.is_array(h, what="h", shape=(2, 4, 5))
            chk.finite(h, what="h")
            previous = h0
            for t in range(4):
                # the definition of the unit, step by step: h_t = tanh(x_t Wx + h_{t−1} Wh + b)
                step = np.tanh(x[:, t] @ Wx + previous @ Wh + b)
                chk.true(np.allclose(h[:, t], step, rtol=1e-6, atol=1e-9),
                         f"h[:, {t}] is not tanh(x[:, {t}] @ Wx + h_prev @ Wh + b) of the state before it.",
                         hint="h[:, 0] comes from h0; h[:, t] from h[:, t − 1]. Slice the time step with x[:, t].")
                previous = h[:, t]


# --------------------------------------------------------------------------
# 3. rnn_backward
# --------------------------------------------------------------------------
def _forward_passes(chk, forward):
    """Fail the case unless the learner's rnn_forward gives the hand-computed result."""
    args, expected = _scalar_rnn_case()
    h, _ = chk.call(*args, func=forward, returns="h, cache")
    if not (isinstance(h, np.ndarray) and h.shape == expected.shape
            and np.allclose(h, expected, rtol=1e-6, atol=1e-9)):
        chk.fail("rnn_forward does not pass its own check yet; fix it first (this check runs it).")


def _bptt_reference(forward, x, h0, Wx, Wh, b, dh):
    """Numerical gradients of L = Σ h ⊙ dh: in total, and the share of each time step.

    Everything comes from centred differences of the learner's (checked) forward
    pass. The share of step t of a shared weight is its gradient when only the
    copy used at step t is varied; the gradient of the shared weight is their sum.
    """
    def loss():
        return np.sum(forward(x, h0, Wx, Wh, b)[0] * dh)

    total = {name: numerical_gradient(loss, value) for name, value in
             (("dx", x), ("dh0", h0), ("dWx", Wx), ("dWh", Wh), ("db", b))}
    h = forward(x, h0, Wx, Wh, b)[0]
    T = x.shape[1]
    full, local = [], []          # per step: with the gradient carried from later steps / without
    for t in range(T):
        h_before = (h0 if t == 0 else h[:, t - 1]).copy()
        x_t = x[:, t:t + 1].copy()
        if t == T - 1:
            carried = dh[:, t]
        else:                    # ∂L/∂h_t: the suffix of the sequence run from h_t
            start = h[:, t].copy()
            rest_x, rest_dh = x[:, t + 1:], dh[:, t + 1:]
            later = numerical_gradient(
                lambda: np.sum(forward(rest_x, start, Wx, Wh, b)[0] * rest_dh), start)
            carried = dh[:, t] + later
        for upstream, out in ((carried, full), (dh[:, t], local)):
            weights = [Wx.copy(), Wh.copy(), b.copy()]

            def step_loss():
                return np.sum(forward(x_t, h_before, *weights)[0][:, 0] * upstream)
            out.append([numerical_gradient(step_loss, w) for w in weights]
                       + [numerical_gradient(step_loss, h_before)])
    return total, full, local


@exercises.register("rnn_backward", args=("rnn_forward", "rnn_backward"))
def rnn_backward(forward, func):
    with exercises.check("rnn_backward", func) as chk:
        chk.true(callable(forward), "pass rnn_forward first: check.rnn_backward(rnn_forward, rnn_backward).")
        with chk.case("N = 2, T = 4, D = 3, H = 5 against the numerical gradient"):
            _forward_passes(chk, forward)
            rng = np.random.default_rng(72)
            x, h0 = rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 5))
            Wx, Wh, b = rng.normal(0, 0.5, (3, 5)), rng.normal(0, 0.5, (5, 5)), rng.normal(0, 0.5, 5)
            dh = rng.normal(size=(2, 4, 5))
            _, cache = chk.call(x, h0, Wx, Wh, b, func=forward, returns="h, cache")
            grads = chk.call(dh, cache, returns="dx, dh0, dWx, dWh, db")
            total, full, local = _bptt_reference(forward, x, h0, Wx, Wh, b, dh)
            T = x.shape[1]
            shapes = {"dx": x.shape, "dh0": h0.shape, "dWx": Wx.shape, "dWh": Wh.shape, "db": b.shape}
            for k, name in enumerate(("dWx", "dWh", "db")):
                shared = name[1:]
                diagnoses = [
                    (full[-1][k], f"{name} is the gradient of the last time step only: {shared} is shared by "
                                  "every step, so add up its gradient over all steps (+=, not =)."),
                    (full[0][k], f"{name} is the gradient of the first time step only: {shared} is shared by "
                                 "every step; accumulate with += inside the loop instead of overwriting."),
                    (total[name] / T, f"{name} is averaged over the time steps; the gradient of a shared weight "
                                      "is the sum over steps (don't divide by T)."),
                    (sum(step[k] for step in local),
                     f"{name} misses the gradient carried back through the hidden state: at each step, "
                     "add dh_next (from step t + 1) to dh[:, t] before going back through tanh."),
                ]
                chk.array(grads[2 + k], total[name], what=name, rtol=1e-5, atol=1e-8, diagnoses=diagnoses,
                          hint=f"{name} = Σ_t (the step-t input)ᵀ · da_t with da_t = (dh[:, t] + dh_next) ⊙ (1 − h_t²).",
                          shape_hint=f"{name} has the shape of {shared}: {shapes[name]}.")
            chk.array(grads[1], total["dh0"], what="dh0", rtol=1e-5, atol=1e-8, diagnoses=[
                (local[0][3], "dh0 misses the gradient carried back from later steps: add dh_next to dh[:, t] "
                              "at every step before going back through tanh."),
            ], hint="dh0 is the dh_next left after the loop has reached t = 0.",
                shape_hint=f"dh0 has the shape of h0: {shapes['dh0']}.")
            chk.array(grads[0], total["dx"], what="dx", rtol=1e-5, atol=1e-8,
                      hint="dx[:, t] = da_t @ Wx.T, with da_t including the gradient carried from step t + 1.",
                      shape_hint=f"dx has the shape of x: {shapes['dx']}.")
        with chk.case("T = 60 with the loss on the last state only: finite, no warnings"):
            rng = np.random.default_rng(73)
            x, h0 = rng.normal(size=(3, 60, 2)), np.zeros((3, 4))
            Wx, Wh, b = rng.normal(size=(2, 4)), rng.normal(0, 0.5, (4, 4)), np.zeros(4)
            dh = np.zeros((3, 60, 4))
            dh[:, -1] = 1.0
            _, cache = chk.call(x, h0, Wx, Wh, b, func=forward, returns="h, cache")
            grads = chk.call(dh, cache, returns="dx, dh0, dWx, dWh, db")
            for name, grad, shape in zip(("dx", "dh0", "dWx", "dWh", "db"), grads,
                                         (x.shape, h0.shape, Wx.shape, Wh.shape, b.shape)):
                chk.finite(chk.is_array(grad, what=name, shape=shape), what=name)


# --------------------------------------------------------------------------
# 4. gru_step_forward
# --------------------------------------------------------------------------
GRU_CONVENTION = "h_t = z ⊙ h_prev + (1 − z) ⊙ h̃"


def _gru_case_scalar():
    """N = D = H = 1. Gates from the biases alone: z = σ(ln 3) = 3/4, r = σ(−ln 3) = 1/4."""
    x, h_prev = np.array([[1.0]]), np.array([[0.5]])
    Wx = np.array([[0.0, 0.0, 1.0]])           # blocks z | r | h̃
    Wh = np.array([[0.0, 0.0, 2.0]])
    b = np.array([LN3, -LN3, 0.0])
    return x, h_prev, Wx, Wh, b


@exercises.register("gru_step_forward")
def gru_step_forward(func):
    with exercises.check("gru_step_forward", func) as chk:
        with chk.case("N = D = H = 1, z = 3/4 and r = 1/4, by hand"):
            h_t, _ = chk.call(*_gru_case_scalar(), returns="h_t, cache")
            # h̃ = tanh(1·1 + 2·(r·h_prev)) = tanh(1 + 2·0.125) = tanh(1.25) ≈ 0.8483
            # h  = z·h_prev + (1 − z)·h̃ = 0.75·0.5 + 0.25·0.8483 ≈ 0.5871
            cand = np.tanh(1.25)
            chk.array(h_t, [[0.75 * 0.5 + 0.25 * cand]], what="h_t", diagnoses=[
                ([[0.25 * 0.5 + 0.75 * cand]],
                 f"z and 1 − z are swapped: this notebook's convention is {GRU_CONVENTION} "
                 "(z near 1 keeps the old state)."),
                # tanh gates: z = tanh(ln 3) = 0.8, r = tanh(−ln 3) = −0.8 -> h̃ = tanh(1 + 2·(−0.4))
                ([[0.8 * 0.5 + 0.2 * np.tanh(0.2)]],
                 "the gates use tanh; gates are sigmoids (values between 0 and 1): z = σ(…), r = σ(…)."),
                ([[0.2 * 0.5 + 0.8 * np.tanh(0.2)]],
                 "the gates use tanh (they are sigmoids), and z and 1 − z are swapped."),
                # no reset: h̃ = tanh(1 + 2·0.5) = tanh(2)
                ([[0.75 * 0.5 + 0.25 * np.tanh(2.0)]],
                 "the candidate uses h_prev where the reset-gated state r ⊙ h_prev belongs."),
                # blocks read in the order r | z: z = 1/4, r = 3/4 -> h̃ = tanh(1 + 2·0.375)
                ([[0.25 * 0.5 + 0.75 * np.tanh(1.75)]],
                 "z and r are taken from the wrong blocks: the columns of Wx, Wh and b are "
                 "[z | r | h̃], H each."),
            ], hint=f"z = σ(…), r = σ(…), h̃ = tanh(x Wx_h + (r ⊙ h_prev) Wh_h + b_h), {GRU_CONVENTION}.",
                shape_hint="h_t has the shape of h_prev: [N, H].")
        with chk.case("H = 2: the reset gate multiplies h_prev before the matrix product"):
            x, h_prev = np.array([[1.0]]), np.array([[0.5, -0.5]])
            Wx = np.array([[0.0, 0.0, 0.0, 0.0, 1.0, -1.0]])
            Wh = np.zeros((2, 6))
            Wh[:, 4:] = [[1.0, 2.0], [3.0, 4.0]]
            b = np.array([LN3, -LN3, -LN3, LN3, 0.0, 0.0])     # z = [3/4, 1/4], r = [1/4, 3/4]
            h_t, _ = chk.call(x, h_prev, Wx, Wh, b, returns="h_t, cache")
            z = np.array([0.75, 0.25])
            # r ⊙ h_prev = [1/8, −3/8];  (r ⊙ h_prev) Wh_h = [1/8 − 9/8, 2/8 − 12/8] = [−1, −1.25]
            # h̃ = tanh([1 − 1, −1 − 1.25]) = tanh([0, −2.25])
            cand = np.tanh([0.0, -2.25])
            # PyTorch's variant r ⊙ (h_prev Wh_h): h_prev Wh_h = [−1, −1], r ⊙ = [−1/4, −3/4]
            after = np.tanh([1.0 - 0.25, -1.0 - 0.75])
            # no reset at all: h_prev Wh_h = [−1, −1] -> h̃ = tanh([0, −2])
            no_reset = np.tanh([0.0, -2.0])
            chk.array(h_t, [z * h_prev[0] + (1 - z) * cand], what="h_t", diagnoses=[
                ([z * h_prev[0] + (1 - z) * after],
                 "you apply the reset gate after the matrix product, r ⊙ (h_prev Wh_h) (PyTorch's variant); "
                 "this notebook uses (r ⊙ h_prev) Wh_h, as in the final version of Cho et al. 2014."),
                ([z * h_prev[0] + (1 - z) * no_reset],
                 "the candidate uses h_prev where the reset-gated state r ⊙ h_prev belongs."),
                ([(1 - z) * h_prev[0] + z * cand],
                 f"z and 1 − z are swapped: this notebook's convention is {GRU_CONVENTION}."),
            ], hint="h̃ = tanh(x Wx_h + (r * h_prev) @ Wh_h + b_h), with Wh_h = Wh[:, 2H:].")
        with chk.case("update gate shut (b_z = +40, so z = 1): the state is kept"):
            rng = np.random.default_rng(74)
            x, h_prev = rng.normal(size=(4, 2)), rng.uniform(-1, 1, size=(4, 3))
            Wx, Wh, b = rng.normal(size=(2, 9)), rng.normal(size=(3, 9)), rng.normal(size=9)
            b[:3] = 40.0
            h_t, _ = chk.call(x, h_prev, Wx, Wh, b, returns="h_t, cache")
            h_t = chk.is_array(h_t, what="h_t", shape=(4, 3))
            chk.true(np.allclose(h_t, h_prev, atol=1e-9),
                     f"with z = 1 everywhere the new state should equal h_prev ({GRU_CONVENTION}); it does not.",
                     hint="are z and 1 − z swapped? Is z a sigmoid of the first H columns?")
        with chk.case("update gate open (b_z = −40, so z = 0), Wh_h = 0: the state becomes tanh(x Wx_h + b_h)"):
            rng = np.random.default_rng(75)
            x, h_prev = rng.normal(size=(4, 2)), rng.uniform(-1, 1, size=(4, 3))
            Wx, Wh, b = rng.normal(size=(2, 9)), rng.normal(size=(3, 9)), rng.normal(size=9)
            b[:3] = -40.0
            Wh[:, 6:] = 0.0
            h_t, _ = chk.call(x, h_prev, Wx, Wh, b, returns="h_t, cache")
            chk.array(h_t, np.tanh(x @ Wx[:, 6:] + b[6:]), what="h_t",
                      hint=f"with z = 0, {GRU_CONVENTION} is the candidate h̃ alone.")
        with chk.case("pre-activations of ±1000 (no overflow warning)"):
            x = np.array([[1.0]])
            Wx = np.array([[1000.0, -1000.0, 1000.0]])
            h_t, _ = chk.call(x, np.array([[0.5]]), Wx, np.zeros((1, 3)), np.zeros(3), returns="h_t, cache")
            # z = σ(1000) = 1 -> h_t = h_prev = 0.5
            chk.array(h_t, [[0.5]], what="h_t",
                      hint="use the stable sigmoid provided in the cell; 1/(1 + np.exp(−a)) overflows.")


# --------------------------------------------------------------------------
# 5. gru_step_backward
# --------------------------------------------------------------------------
@exercises.register("gru_step_backward", args=("gru_step_forward", "gru_step_backward"))
def gru_step_backward(forward, func):
    with exercises.check("gru_step_backward", func) as chk:
        chk.true(callable(forward),
                 "pass gru_step_forward first: check.gru_step_backward(gru_step_forward, gru_step_backward).")
        with chk.case("N = 3, D = 2, H = 4 against the numerical gradient"):
            h_t, _ = chk.call(*_gru_case_scalar(), func=forward, returns="h_t, cache")
            if not (isinstance(h_t, np.ndarray) and h_t.shape == (1, 1)
                    and np.allclose(h_t, 0.75 * 0.5 + 0.25 * np.tanh(1.25))):
                chk.fail("gru_step_forward does not pass its own check yet; fix it first (this check runs it).")
            rng = np.random.default_rng(76)
            x, h_prev = rng.normal(size=(3, 2)), rng.uniform(-1, 1, size=(3, 4))
            Wx, Wh, b = rng.normal(0, 0.7, (2, 12)), rng.normal(0, 0.7, (4, 12)), rng.normal(0, 0.5, 12)
            dh = rng.normal(size=(3, 4))
            _, cache = chk.call(x, h_prev, Wx, Wh, b, func=forward, returns="h_t, cache")
            grads = chk.call(dh, cache, returns="dx, dh_prev, dWx, dWh, db")

            def loss():
                return np.sum(forward(x, h_prev, Wx, Wh, b)[0] * dh)

            hints = {
                "dx": "x reaches h_t through z, r and the candidate: dx = da_z Wx_zᵀ + da_r Wx_rᵀ + da_h Wx_hᵀ.",
                "dh_prev": "h_prev reaches h_t four ways: directly (× z), inside the candidate (as r ⊙ h_prev), "
                           "through z and through r; add all four.",
                "dWx": "each block of dWx is xᵀ times the gradient at that block's pre-activation.",
                "dWh": "the z and r blocks are h_prevᵀ · da; the candidate block is (r ⊙ h_prev)ᵀ · da_h.",
                "db": "each block of db is the gradient at that block's pre-activation, summed over the batch.",
            }
            for name, value, grad in zip(("dx", "dh_prev", "dWx", "dWh", "db"),
                                         (x, h_prev, Wx, Wh, b), grads):
                numeric = numerical_gradient(loss, value)
                chk.array(grad, numeric, what=name, rtol=1e-5, atol=1e-8, hint=hints[name],
                          diagnoses=[(-numeric, f"{name} has the wrong sign.")],
                          shape_hint=f"{name} has the shape of {name[1:]}: {value.shape}.")
