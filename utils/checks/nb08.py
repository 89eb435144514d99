"""Checks for notebook 08, "Attention and the transformer".

Expected values are small cases computed by hand (shown in the comments),
properties (a causal position never sees later ones; rows of attention weights
sum to 1; a layer-normalised row has mean 0 and variance 1; a block whose
sublayers output zero returns its input), and numerical gradients of the
definitions (never of the learner's own forward passes). Caches may have any structure.

Conventions checked here: attention(Q, K, V) = softmax(Q Kᵀ / √d) V, the softmax
over the last axis (the positions looked at), the causal mask hiding s > t before
the softmax; heads are consecutive groups of D/h features; PE[t, 2i] = sin(t /
10000^(2i/D)), PE[t, 2i+1] = cos(same); layer norm over the last axis; the
pre-norm block Y1 = X + Attention(LN1(X)), Y = Y1 + FeedForward(LN2(Y1)).
"""
import numpy as np

from .framework import Exercises, matches, sigmoid
from .gradcheck import numerical_gradient

exercises = Exercises("08_attention_and_transformers")
catch_up = exercises.catch_up
progress = exercises.progress

EPS = 1e-5


# --------------------------------------------------------------------------
# 1. attention_forward
# --------------------------------------------------------------------------
def _hand_case():
    """T = 2, d = 4 (√d = 2), d_v = 2: q·k_0 = 2, q·k_1 = −4, so S = [[1, −2], [1, −2]]; V = I."""
    Q = np.array([[[2.0, 0, 0, 0], [2.0, 0, 0, 0]]])
    K = np.array([[[1.0, 0, 0, 0], [-2.0, 0, 0, 0]]])
    V = np.eye(2)[None]
    return Q, K, V


def _attention(Q, K, V):
    """The definition, causal: softmax(Q Kᵀ / √d, hiding s > t) V, for the numerical gradients."""
    S = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    S = np.where(np.triu(np.ones(S.shape[-2:], dtype=bool), k=1), -np.inf, S)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    return A / A.sum(axis=-1, keepdims=True) @ V


def _rows(*rows):
    return np.array([rows])


# causal: row 0 sees s = 0 only -> [1, 0]; row 1: softmax([1, −2]) = [σ(3), 1 − σ(3)]
HAND_CAUSAL = _rows([1.0, 0.0], [sigmoid(3.0), 1 - sigmoid(3.0)])
HAND_MISTAKES = [
    # no 1/√d: S = [[2, −4], [2, −4]] -> row 1 softmax = [σ(6), 1 − σ(6)]
    (_rows([1.0, 0.0], [sigmoid(6.0), 1 - sigmoid(6.0)]),
     "the scores are not divided by √d: use Q Kᵀ / np.sqrt(d), d = Q.shape[-1] (here the weights come out too sharp)."),
    # weights zeroed after the softmax, not renormalised: row 0 = [σ(3), 0]
    (_rows([sigmoid(3.0), 0.0], [sigmoid(3.0), 1 - sigmoid(3.0)]),
     "the mask is applied after the softmax: row 0's weights no longer sum to 1. Mask the scores "
     "(a large negative value where s > t) before the softmax."),
    # future score set to 0, not −∞: row 0 = softmax([1, 0]) = [σ(1), 1 − σ(1)]
    (_rows([sigmoid(1.0), 1 - sigmoid(1.0)], [sigmoid(3.0), 1 - sigmoid(3.0)]),
     "the mask sets the hidden scores to 0 instead of a large negative number: a score of 0 is a neutral "
     "match, and its weight e⁰/… is not 0. Use −1e9 (or -np.inf) where s > t."),
    # no mask, or the mask one step late (t sees t + 1): for T = 2 both are the unmasked softmax
    (_rows([sigmoid(3.0), 1 - sigmoid(3.0)], [sigmoid(3.0), 1 - sigmoid(3.0)]),
     "position 0 attends to position 1, the future: the mask must hide every s > t, "
     "np.triu(np.ones((T, T), dtype=bool), k=1) (is the mask missing, or off by one?)."),
    # softmax over the first axis of the masked scores: columns [1, 1] -> [½, ½] and [−∞, −2] -> [0, 1]
    # the diagonal hidden too (k=0): row 0 has no score left, a uniform [½, ½]; row 1 sees s = 0 only
    (_rows([0.5, 0.5], [1.0, 0.0]),
     "the mask hides s = t as well: a position may attend to itself. Hide only s > t: np.triu(..., k=1)."),
    (_rows([0.5, 0.0], [0.5, 1.0]),
     "the softmax is taken over the wrong axis (the columns sum to 1, not the rows): use axis=-1, keepdims=True."),
]


def _transpose_hint(error):
    """K.T on a batch [N, T, d] gives [d, T, N]: the matmul's core dimensions then disagree."""
    if "matmul" in str(error):
        return ("is it K.T? On a batch [N, T, d], K.T reverses every axis ([d, T, N]); use "
                "np.swapaxes(K, -1, -2) for Kᵀ, which swaps the last two only.")
    return None


@exercises.exercise("attention_forward")
def attention_forward(chk):
    chk.error_hint = _transpose_hint
    with chk.case("T = 2, d = 4, V = I, causal, by hand"):
        out, weights = chk.call(*_hand_case(), returns="out, weights")
        # V = I, so out equals the weights
        chk.array(out, HAND_CAUSAL, what="out", diagnoses=HAND_MISTAKES,
                  hint="S = Q Kᵀ/√d; scores above the diagonal -> −1e9; softmax along the last axis; out = A V.",
                  shape_hint="out has shape [..., T, d_v]: here (1, 2, 2).")
        chk.array(weights, HAND_CAUSAL, what="weights", diagnoses=HAND_MISTAKES,
                  hint="return the weights A after the softmax (each row sums to 1).")
    with chk.case("the same, causal=False: every position sees both"):
        out, _ = chk.call(*_hand_case(), causal=False, returns="out, weights")
        both = [sigmoid(3.0), 1 - sigmoid(3.0)]
        sharp = [sigmoid(6.0), 1 - sigmoid(6.0)]                 # the unscaled scores [2, −4]
        chk.array(out, _rows(both, both), what="out", diagnoses=[(_rows(sharp, sharp), HAND_MISTAKES[0][1])],
                  hint="with causal=False no score is masked: softmax(Q Kᵀ/√d) V.")
    with chk.case("N = 2, T = 5: position t never depends on positions after t"):
        rng = np.random.default_rng(80)
        Q, K, V = rng.normal(size=(2, 5, 3)), rng.normal(size=(2, 5, 3)), rng.normal(size=(2, 5, 2))
        out, weights = chk.call(Q, K, V, returns="out, weights")
        out = chk.is_array(out, what="out", shape=(2, 5, 2))
        weights = chk.is_array(weights, what="weights", shape=(2, 5, 5),
                               hint="weights has shape [..., T, T]: one row of T weights per position.")
        chk.true(np.allclose(weights.sum(axis=-1), 1.0),
                 "the rows of weights do not sum to 1"
                 + (" (the columns do): take the softmax over the last axis." if np.allclose(weights.sum(axis=-2), 1.0)
                    else "; take the softmax over the last axis, after masking."))
        hides_diagonal = np.all(np.abs(np.diagonal(weights, axis1=-2, axis2=-1)[..., 1:]) < 1e-6)
        chk.true(np.all(np.abs(np.triu(weights, k=1)) < 1e-12),
                 "the mask hides s = t as well (k=0): position 0 then has no score left and spreads its weight "
                 "over the future. Hide only s > t: np.triu(np.ones((T, T), dtype=bool), k=1)." if hides_diagonal else
                 "weights above the diagonal are not 0: position t attends to the future (s > t). "
                 "Mask with np.triu(np.ones((T, T), dtype=bool), k=1), before the softmax.")
        chk.true(np.all(np.abs(np.diagonal(weights, axis1=-2, axis2=-1)) > 1e-6),
                 "a position gives itself weight 0: the mask hides s = t too. Hide only s > t (k=1).")
        K2, V2 = K.copy(), V.copy()
        K2[:, 3:], V2[:, 3:] = rng.normal(size=(2, 2, 3)), rng.normal(size=(2, 2, 2))
        changed, _ = chk.call(Q, K2, V2, returns="out, weights")
        chk.true(np.allclose(np.asarray(changed)[:, :3], out[:, :3]),
                 "out at positions 0-2 changes when only positions 3-4 change: it attends to the future.")
    with chk.case("leading axes [2, 3, T, d] (heads): each [T, d] slice on its own gives the same"):
        rng = np.random.default_rng(81)
        Q, K, V = rng.normal(size=(2, 3, 4, 2)), rng.normal(size=(2, 3, 4, 2)), rng.normal(size=(2, 3, 4, 3))
        out, _ = chk.call(Q, K, V, returns="out, weights")
        out = chk.is_array(out, what="out", shape=(2, 3, 4, 3),
                           hint="use @ and np.swapaxes(K, -1, -2), which work on any leading axes; K.T "
                                "reverses every axis.")
        for n, h in ((0, 0), (1, 2)):
            one, _ = chk.call(Q[n, h][None], K[n, h][None], V[n, h][None], returns="out, weights")
            chk.array(out[n, h], np.asarray(one)[0], what=f"out[{n}, {h}]",
                      hint="the sequences of a batch (and the heads) must not mix: Q @ np.swapaxes(K, -1, -2).")
    with chk.case("scores of ±4,000 (no overflow) and T = 512 (rows still sum to 1)"):
        Q = np.array([[[1000.0, 0, 0, 0], [-1000.0, 0, 0, 0]]])
        K = np.array([[[4.0, 0, 0, 0], [8.0, 0, 0, 0]]])
        out, _ = chk.call(Q, K, np.eye(2)[None], returns="out, weights")
        # row 1: scores −1000·4/2 = −2000 and −4000 -> all the weight on s = 0
        chk.array(out, _rows([1.0, 0.0], [1.0, 0.0]), what="out",
                  hint="subtract each row's maximum before np.exp, as in 07's softmax.")
        rng = np.random.default_rng(82)
        X = rng.normal(size=(1, 512, 8))
        out, weights = chk.call(X, X, X, returns="out, weights")
        weights = chk.finite(chk.is_array(weights, what="weights", shape=(1, 512, 512)), what="weights")
        chk.true(np.allclose(np.asarray(weights).sum(axis=-1), 1.0), "for T = 512 the rows of weights do not sum to 1.")


# --------------------------------------------------------------------------
# 2. attention_backward
# --------------------------------------------------------------------------
def _forward_passes(chk, forward, name, run, expected):
    got = run()
    if not (isinstance(got, np.ndarray) and got.shape == np.shape(expected) and np.allclose(got, expected)):
        chk.fail(f"{name} does not pass its own check yet; fix it first (this check runs it).")


@exercises.exercise("attention_backward", args=("attention_forward", "attention_backward"))
def attention_backward(chk, forward):
    with chk.case("N = 2, T = 4, d = 4, d_v = 3 against the numerical gradient"):
        _forward_passes(chk, forward, "attention_forward",
                        lambda: chk.call(*_hand_case(), func=forward, returns="out, weights")[0], HAND_CAUSAL)
        rng = np.random.default_rng(83)
        Q, K, V = rng.normal(size=(2, 4, 4)), rng.normal(size=(2, 4, 4)), rng.normal(size=(2, 4, 3))
        d_out = rng.normal(size=(2, 4, 3))
        _, weights = chk.call(Q, K, V, func=forward, returns="out, weights")
        grads = chk.call(d_out, Q, K, V, weights, returns="dQ, dK, dV")

        def loss():                     # the definition, never the learner's own (maybe float32) forward
            return np.sum(_attention(Q, K, V) * d_out)

        hints = {"dQ": "dQ = dS @ K / √d, with dS = A ⊙ (dA − Σ_s A ⊙ dA) and dA = d_out @ Vᵀ.",
                 "dK": "dK = dSᵀ @ Q / √d (np.swapaxes(dS, -1, -2)).",
                 "dV": "dV = Aᵀ @ d_out (np.swapaxes(weights, -1, -2) @ d_out)."}
        for name, value, grad in zip(("dQ", "dK", "dV"), (Q, K, V), grads):
            numeric = numerical_gradient(loss, value)
            diagnoses = [(-numeric, f"{name} has the wrong sign.")]
            if name != "dV":
                # dS without the row-sum term, dS = A ⊙ dA: dV is then right, dQ and dK are not
                A = np.asarray(weights, dtype=float)
                dS_no_sum = A * (d_out @ np.swapaxes(V, -1, -2))
                no_sum = dS_no_sum @ K / 2 if name == "dQ" else np.swapaxes(dS_no_sum, -1, -2) @ Q / 2
                diagnoses += [
                    (no_sum, f"{name} is wrong because dS is: the softmax's backward pass lacks the row-sum term. "
                             "dS = A ⊙ (dA − Σ_s A ⊙ dA), the sum over the last axis with keepdims=True."),
                    (2 * numeric, f"{name} is √d = 2 times too large: divide by √d, as the forward pass did."),
                    (numeric / 2, f"{name} is √d = 2 times too small: divide by √d once, not twice.")]
            chk.array(grad, numeric, what=name, rtol=1e-5, atol=1e-8, hint=hints[name], diagnoses=diagnoses,
                      shape_hint=f"{name} has the shape of {name[1:]}: {value.shape}.")
    with chk.case("scores of ±4,000: finite gradients, no warnings"):
        Q = np.array([[[1000.0, 0, 0, 0], [-1000.0, 0, 0, 0]]])
        K = np.array([[[4.0, 0, 0, 0], [8.0, 0, 0, 0]]])
        _, weights = chk.call(Q, K, np.eye(2)[None], func=forward, returns="out, weights")
        for name, grad in zip(("dQ", "dK", "dV"), chk.call(np.ones((1, 2, 2)), Q, K, np.eye(2)[None], weights,
                                                           returns="dQ, dK, dV")):
            chk.finite(chk.is_array(grad, what=name, shape=(1, 2, 4) if name != "dV" else (1, 2, 2)), what=name)


# --------------------------------------------------------------------------
# 3. split_heads / merge_heads
# --------------------------------------------------------------------------
@exercises.exercise("split_heads", args=("split_heads", "merge_heads"))
def split_heads(chk, split):
    """chk.func is merge_heads (the last argument); split_heads comes first."""
    X = np.arange(8.0).reshape(1, 2, 4)          # positions [0 1 2 3] and [4 5 6 7]
    with chk.case("N = 1, T = 2, D = 4, 2 heads, by hand"):
        heads = chk.call(X, 2, func=split)
        # head 0: features 0-1 of each position; head 1: features 2-3
        chk.array(heads, [[[[0, 1], [4, 5]], [[2, 3], [6, 7]]]], what="split_heads(X, 2)", diagnoses=[
            ([[[[0, 1], [2, 3]], [[4, 5], [6, 7]]]],
             "the heads are split along the wrong axis: reshaping [N, T, D] straight to [N, h, T, D/h] puts "
             "positions into heads. Reshape to [N, T, h, D/h], then move the head axis: .transpose(0, 2, 1, 3)."),
            ([[[[0, 2], [4, 6]], [[1, 3], [5, 7]]]],
             "each head takes every h-th feature; head j gets the consecutive features j·D/h … (j + 1)·D/h − 1: "
             "reshape to [N, T, h, D/h] (h before D/h)."),
        ], shape_hint="split_heads gives [N, n_heads, T, D / n_heads]: here (1, 2, 2, 2).",
            hint="X.reshape(N, T, h, D // h).transpose(0, 2, 1, 3).")
    with chk.case("merge_heads of the by-hand heads gives X back"):
        merged = chk.call(np.array([[[[0, 1], [4, 5]], [[2, 3], [6, 7]]]], dtype=float))
        chk.array(merged, X, what="merge_heads(heads)", diagnoses=[
            ([[[0, 1, 4, 5], [2, 3, 6, 7]]],
             "merge_heads reshapes [N, h, T, D/h] straight to [N, T, D], which mixes positions and heads: "
             "move the head axis back first, .transpose(0, 2, 1, 3), then reshape."),
        ], hint="X.transpose(0, 2, 1, 3).reshape(N, T, h * D_head).",
            shape_hint="merge_heads gives [N, T, n_heads · D_head]: here (1, 2, 4).")
    with chk.case("N = 2, T = 3, D = 8, 4 heads: shapes, and merge undoes split"):
        rng = np.random.default_rng(84)
        X = rng.normal(size=(2, 3, 8))
        heads = chk.is_array(chk.call(X, 4, func=split), what="split_heads(X, 4)", shape=(2, 4, 3, 2))
        chk.array(heads[1, 2], X[1][:, 4:6], what="head 2 of sequence 1",
                  hint="head j of a sequence is X[n][:, j·D/h:(j + 1)·D/h].")
        chk.array(chk.call(heads), X, what="merge_heads(split_heads(X, 4))",
                  hint="merge_heads must invert split_heads exactly.")


# --------------------------------------------------------------------------
# 4. positional_encoding
# --------------------------------------------------------------------------
@exercises.exercise("positional_encoding")
def positional_encoding(chk):
    with chk.case("T = 2, D = 4, by hand"):
        PE = chk.call(2, 4)
        PE = np.array(PE, dtype=float) if isinstance(PE, list) else PE       # a list of rows is fine too
        # t = 0: sin 0, cos 0, sin 0, cos 0.  t = 1: pair 0 angle 1/10000^0 = 1; pair 1 angle 1/10000^(2/4) = 0.01
        expected = [[0.0, 1.0, 0.0, 1.0], [np.sin(1), np.cos(1), np.sin(0.01), np.cos(0.01)]]
        chk.array(PE, expected, what="PE", diagnoses=[
            (np.transpose(expected),
             "PE has shape [D, T]: it would be added along the wrong axis. One row per position: [T, D]."),
            # position and pair index swapped: angle i / 10000^(2t/D)
            ([[0.0, 1.0, np.sin(1), np.cos(1)], [0.0, 1.0, np.sin(0.01), np.cos(0.01)]],
             "the position and the feature index are swapped: the angle is t / 10000^(2i/D), with t the row "
             "(the position) and i the feature pair (np.arange(T)[:, None], frequencies as a row)."),
            ([[1.0, 0.0, 1.0, 0.0], [np.cos(1), np.sin(1), np.cos(0.01), np.sin(0.01)]],
             "sin and cos are swapped: sin goes in the even features (0::2), cos in the odd ones (1::2)."),
            ([[0.0, 0.0, 1.0, 1.0], [np.sin(1), np.sin(0.01), np.cos(1), np.cos(0.01)]],
             "the sines fill the first half and the cosines the second; interleave them: PE[:, 0::2] = sin, "
             "PE[:, 1::2] = cos."),
            # the odd features with their own exponent (2i + 1)/D: 1/10000^(1/4) = 0.1, 1/10000^(3/4) = 0.001
            # exponent i/D instead of 2i/D (np.arange(D // 2) / D): pair 1's angle 1/10000^(1/4) = 0.1
            ([[0.0, 1.0, 0.0, 1.0], [np.sin(1), np.cos(1), np.sin(0.1), np.cos(0.1)]],
             "the frequencies are wrong: the exponent is 2i/D, np.arange(0, D, 2) / D, not np.arange(D // 2) / D "
             "(pair 1 turns at 1/10000^(1/4) instead of 1/10000^(2/4))."),
            ([[0.0, 1.0, 0.0, 1.0], [np.sin(1), np.cos(0.1), np.sin(0.01), np.cos(0.001)]],
             "the cos features use an exponent of their own; both features of pair i share 10000^(2i/D)."),
        ], hint="angles = np.arange(T)[:, None] / 10000 ** (np.arange(0, D, 2) / D); sin in 0::2, cos in 1::2.",
            shape_hint="PE has shape [T, D]: one row per position.")
    with chk.case("T = 50, D = 16: shape, values in [−1, 1], each pair on the unit circle"):
        PE = chk.call(50, 16)
        PE = chk.is_array(np.array(PE, dtype=float) if isinstance(PE, list) else PE, what="PE", shape=(50, 16),
                          hint="PE has shape [T, D], one row per position.")
        chk.finite(PE, what="PE")
        chk.true(np.allclose(PE[:, 0::2] ** 2 + PE[:, 1::2] ** 2, 1.0),
                 "PE[t, 2i]² + PE[t, 2i+1]² is not 1: the two features of a pair are the sin and cos of one angle.")
        chk.array(PE[:, 0], np.sin(np.arange(50)), what="PE[:, 0]", hint="feature 0 is sin(t), t = 0 … T − 1.")
    with chk.case("T = 10,000 positions: finite, no warnings"):
        PE = chk.call(10000, 8)
        PE = chk.is_array(np.array(PE, dtype=float) if isinstance(PE, list) else PE, what="PE", shape=(10000, 8))
        chk.finite(PE, what="PE")


# --------------------------------------------------------------------------
# 5. layer_norm_forward
# --------------------------------------------------------------------------
# rows [1, 5] and [2, 4]: means 3 and 3, variances 4 and 1
LN_X = np.array([[1.0, 5.0], [2.0, 4.0]])
LN_GAMMA, LN_BETA = np.array([2.0, 3.0]), np.array([1.0, -1.0])


def _ln_hand(x_hat):
    return LN_GAMMA * np.asarray(x_hat) + LN_BETA


@exercises.exercise("layer_norm_forward")
def layer_norm_forward(chk):
    with chk.case("two rows of D = 2, by hand"):
        Y, _ = chk.call(LN_X, LN_GAMMA, LN_BETA, returns="Y, cache")
        x_hat = [[-2 / np.sqrt(4 + EPS), 2 / np.sqrt(4 + EPS)], [-1 / np.sqrt(1 + EPS), 1 / np.sqrt(1 + EPS)]]
        # over the batch (axis 0): column means 1.5 and 4.5, variances 0.25
        over_batch = np.array([[-0.5, 0.5], [0.5, -0.5]]) / np.sqrt(0.25 + EPS)
        # over everything: mean 3, variance (4 + 4 + 1 + 1)/4 = 2.5
        over_all = (LN_X - 3) / np.sqrt(2.5 + EPS)
        chk.array(Y, _ln_hand(x_hat), what="Y", rtol=1e-5, diagnoses=[
            (_ln_hand(over_batch),
             "the mean and variance are taken over the batch (axis 0) instead of the features: layer norm "
             "normalises each position over its last axis, axis=-1, keepdims=True."),
            (_ln_hand(over_all), "the mean and variance are taken over the whole array; take them over the last "
                                 "axis only (axis=-1, keepdims=True), one per position."),
            (_ln_hand([[-2 / (4 + EPS), 2 / (4 + EPS)], [-1 / (1 + EPS), 1 / (1 + EPS)]]), "you divide by the variance; divide by its square root, "
                                              "np.sqrt(var + eps)."),
            (LN_BETA * np.asarray(x_hat) + LN_GAMMA, "gamma and beta are swapped: Y = gamma * X_hat + beta."),
            (x_hat, "gamma and beta are not applied: Y = gamma * X_hat + beta."),
            # ddof=1, the sample variance (divided by D − 1 = 1): variances 8 and 2
            (_ln_hand([[-2 / np.sqrt(8 + EPS), 2 / np.sqrt(8 + EPS)], [-1 / np.sqrt(2 + EPS), 1 / np.sqrt(2 + EPS)]]),
             "the variance is divided by D − 1 (ddof=1, the sample variance); layer norm uses the mean of the "
             "squared deviations, divided by D: np.var(X, axis=-1, keepdims=True), ddof=0."),
        ], hint="X_hat = (X − mean) / sqrt(var + eps), mean and var over axis=-1; Y = gamma * X_hat + beta.",
            shape_hint="Y has the shape of X.")
    with chk.case("X [2, 3, 4]: each position normalised on its own"):
        rng = np.random.default_rng(85)
        X = rng.normal(3.0, 2.0, size=(2, 3, 4))
        Y, _ = chk.call(X, np.ones(4), np.zeros(4), returns="Y, cache")
        Y = chk.is_array(Y, what="Y", shape=(2, 3, 4))
        chk.true(np.allclose(Y.mean(axis=-1), 0, atol=1e-5) and np.allclose(Y.var(axis=-1), 1, atol=1e-3),
                 "with gamma = 1 and beta = 0, each position (each [n, t]) should have mean 0 and variance 1 "
                 "over its features; it does not.", hint="mean and var with axis=-1, keepdims=True.")
    with chk.case("X = [[0, 0.001]], eps = 1e-5: a variance (2.5e-7) smaller than eps"):
        Y, _ = chk.call(np.array([[0.0, 1e-3]]), np.ones(2), np.zeros(2), returns="Y, cache")
        chk.array(Y, np.array([[-5e-4, 5e-4]]) / np.sqrt(2.5e-7 + EPS), what="Y", rtol=1e-5, diagnoses=[
            (np.array([[-5e-4, 5e-4]]) / (np.sqrt(2.5e-7) + EPS),
             "eps is added outside the square root: X_hat = (X − mean) / np.sqrt(var + eps)."),
            (np.array([[-1.0, 1.0]]), "eps is left out: X_hat = (X − mean) / np.sqrt(var + eps).")])
    with chk.case("a constant row (variance 0): no division by zero"):
        Y, _ = chk.call(np.full((1, 3), 5.0), np.ones(3), np.zeros(3), returns="Y, cache")
        chk.array(Y, np.zeros((1, 3)), what="Y", hint="add eps to the variance inside the square root.")


# --------------------------------------------------------------------------
# 6. layer_norm_backward
# --------------------------------------------------------------------------
@exercises.exercise("layer_norm_backward", args=("layer_norm_forward", "layer_norm_backward"))
def layer_norm_backward(chk, forward):
    for seed, shape in ((86, (2, 3, 4)), (88, (5, 6))):      # a batch of sequences, and X of shape [N, D]
        with chk.case(f"X {list(shape)} against the numerical gradient"):
            _layer_norm_backward_case(chk, forward, np.random.default_rng(seed), shape)


def _layer_norm_backward_case(chk, forward, rng, shape):
    x_hat = [[-2 / np.sqrt(4 + EPS), 2 / np.sqrt(4 + EPS)], [-1 / np.sqrt(1 + EPS), 1 / np.sqrt(1 + EPS)]]
    _forward_passes(chk, forward, "layer_norm_forward",
                    lambda: chk.call(LN_X, LN_GAMMA, LN_BETA, func=forward, returns="Y, cache")[0], _ln_hand(x_hat))
    D = shape[-1]
    X, gamma, beta, dY = rng.normal(size=shape), rng.normal(size=D), rng.normal(size=D), rng.normal(size=shape)
    _, cache = chk.call(X, gamma, beta, func=forward, returns="Y, cache")
    grads = chk.call(dY, cache, returns="dX, dgamma, dbeta")

    def loss():                     # the definition, never the learner's own (maybe float32) forward
        return np.sum(_ln(X, gamma, beta) * dY)

    numeric = {name: numerical_gradient(loss, value) for name, value in (("dX", X), ("dgamma", gamma), ("dbeta", beta))}
    inv_std = 1 / np.sqrt(X.var(axis=-1, keepdims=True) + EPS)
    x_hat3 = (X - X.mean(axis=-1, keepdims=True)) * inv_std
    chk.array(grads[2], numeric["dbeta"], what="dbeta", rtol=1e-5, atol=1e-8,
              hint="dbeta is dY summed over every position of every sequence (all axes but the last).",
              shape_hint=f"dbeta has the shape of beta: ({D},); sum dY over every axis but the last.")
    chk.array(grads[1], numeric["dgamma"], what="dgamma", rtol=1e-5, atol=1e-8,
              hint="dgamma is dY ⊙ X_hat summed over all axes but the last.",
              shape_hint=f"dgamma has the shape of gamma: ({D},); sum over every axis but the last.")
    chk.array(grads[0], numeric["dX"], what="dX", rtol=1e-5, atol=1e-8, diagnoses=[
        (dY * gamma * inv_std, "dX treats the mean and the variance as constants: every x_j also reaches "
                               "Y through them. Subtract mean(g) and X_hat · mean(g · X_hat), g = dY · gamma."),
        (inv_std * (dY * gamma - (dY * gamma).mean(axis=-1, keepdims=True)),
         "dX lacks its third term, the path through the variance: subtract X_hat · mean(g · X_hat) too, "
         "g = dY · gamma."),
        (inv_std * (dY - dY.mean(axis=-1, keepdims=True) - x_hat3 * (dY * x_hat3).mean(axis=-1, keepdims=True)),
         "dX leaves out gamma: the gradient reaching X_hat is g = dY · gamma, not dY."),
        (-numeric["dX"], "dX has the wrong sign."),
    ], hint="dX = inv_std · (g − mean(g) − X_hat · mean(g · X_hat)), g = dY · gamma, means over axis=-1.",
        shape_hint=f"dX has the shape of X: {shape}.")


# --------------------------------------------------------------------------
# 7. transformer_block_forward
# --------------------------------------------------------------------------
def _block_params(D, hidden, rng):
    params = {"ln1_gamma": rng.uniform(0.5, 1.5, D), "ln1_beta": rng.normal(0, 0.3, D),
              "W_qkv": rng.normal(0, 0.5, (D, 3 * D)), "b_qkv": rng.normal(0, 0.3, 3 * D),
              "W_o": rng.normal(0, 0.5, (D, D)), "b_o": rng.normal(0, 0.3, D),
              "ln2_gamma": rng.uniform(0.5, 1.5, D), "ln2_beta": rng.normal(0, 0.3, D),
              "W_1": rng.normal(0, 0.5, (D, hidden)), "b_1": rng.normal(0, 0.3, hidden),
              "W_2": rng.normal(0, 0.5, (hidden, D)), "b_2": rng.normal(0, 0.3, D)}
    return params


def _ln(X, gamma, beta):
    """The definition of layer norm, for the expected values below."""
    return gamma * (X - X.mean(axis=-1, keepdims=True)) / np.sqrt(X.var(axis=-1, keepdims=True) + EPS) + beta


@exercises.exercise("transformer_block_forward")
def transformer_block_forward(chk):
    rng = np.random.default_rng(87)
    X = rng.normal(size=(2, 3, 4))
    hint = "Y1 = X + attention_layer_forward(LN1(X)); Y = Y1 + feed_forward_forward(LN2(Y1)); LN = layer_norm_forward."
    with chk.case("N = 2, T = 5, D = 8, 2 heads: position t depends on positions 0 … t only"):
        params = _block_params(8, 16, rng)
        X5 = rng.normal(size=(2, 5, 8))
        Y, _ = chk.call(X5, params, 2, returns="Y, cache")
        Y = chk.finite(chk.is_array(Y, what="Y", shape=(2, 5, 8)), what="Y")
        X2 = X5.copy()
        X2[:, 3:] = rng.normal(size=(2, 2, 8))
        Y2, _ = chk.call(X2, params, 2, returns="Y, cache")
        chk.true(np.allclose(np.asarray(Y2)[:, :3], Y[:, :3]),
                 "Y at positions 0-2 changes when only positions 3-4 change: the block sees the future. "
                 "Does attention_layer_forward's attention use causal=True?")
    with chk.case("both sublayers output 0 (W_o, b_o, W_2, b_2 = 0): the block returns X"):
        params = _block_params(4, 6, rng)
        for name in ("W_o", "b_o", "W_2", "b_2"):
            params[name] = np.zeros_like(params[name])
        Y, _ = chk.call(X, params, 2, returns="Y, cache")
        chk.array(Y, X, what="Y", diagnoses=[
            (np.zeros_like(X), "the residual is missing: with both sublayers giving 0 the block should return X "
                               "unchanged. Add each sublayer's input back: Y1 = X + …, Y = Y1 + …."),
            (_ln(X, params["ln1_gamma"], params["ln1_beta"]),
             "the residual adds the normalised input: add X itself, Y1 = X + Attention(LN1(X)); the "
             "normalisation belongs inside the branch only."),
            (_ln(_ln(X, params["ln1_gamma"], params["ln1_beta"]), params["ln2_gamma"], params["ln2_beta"]),
             "with both sublayers giving 0 the block returns LN2(LN1(X)): a normalised copy is on the residual "
             "road, either added back (Y1 = LN1(X) + …, Y = LN2(Y1) + …) or taken after the addition (post-norm, "
             "LN(X + F(X))). This notebook's block is pre-norm: add the raw inputs, Y1 = X + Attention(LN1(X)), "
             "Y = Y1 + FeedForward(LN2(Y1)), and normalise nothing after an addition."),
        ], hint=hint, shape_hint="Y has the shape of X: [N, T, D].")
    with chk.case("attention off, feed-forward = ReLU (W_1 = W_2 = I): Y = X + ReLU(LN2(X))"):
        params = _block_params(4, 4, rng)
        params.update(W_o=np.zeros((4, 4)), b_o=np.zeros(4), W_1=np.eye(4), b_1=np.zeros(4), W_2=np.eye(4),
                      b_2=np.zeros(4))
        Y, _ = chk.call(X, params, 2, returns="Y, cache")
        ln2 = _ln(X, params["ln2_gamma"], params["ln2_beta"])
        chk.array(Y, X + np.maximum(ln2, 0), what="Y", diagnoses=[
            (np.maximum(ln2, 0), "the second residual is missing: Y = Y1 + FeedForward(LN2(Y1))."),
            (X + np.maximum(X, 0), "the feed-forward sublayer reads Y1 itself; it reads LN2(Y1), "
                                   "layer_norm_forward(Y1, params['ln2_gamma'], params['ln2_beta'])."),
            (X + np.maximum(_ln(X, params["ln1_gamma"], params["ln1_beta"]), 0),
             "the second layer norm uses ln1's gamma and beta; use params['ln2_gamma'] and params['ln2_beta']."),
        ], hint=hint)
    with chk.case("feed-forward off, W_qkv = 0, W_o = I: attention adds b_v to every position"):
        params = _block_params(4, 6, rng)
        params.update(W_qkv=np.zeros((4, 12)), W_o=np.eye(4), b_o=np.zeros(4), W_2=np.zeros((6, 4)), b_2=np.zeros(4))
        # Q, K, V are the biases at every position: equal scores, and the average of equal values is b_v
        Y, _ = chk.call(X, params, 2, returns="Y, cache")
        b_v = params["b_qkv"][8:]
        chk.array(Y, X + b_v, what="Y", diagnoses=[
            (np.broadcast_to(b_v, X.shape), "the first residual is missing: Y1 = X + Attention(LN1(X))."),
        ], hint=hint)
    with chk.case("the cache: (ln1_cache, attention_cache, ln2_cache, feed_forward_cache), in that order"):
        params = _block_params(4, 6, rng)
        _, cache = chk.call(X, params, 2, returns="Y, cache")
        order = "(ln1_cache, attention_cache, ln2_cache, feed_forward_cache)"
        chk.true(isinstance(cache, (tuple, list)) and len(cache) == 4,
                 f"the cache must hold the four sublayers' caches, {order}: the provided backward pass reads it.")

        def is_attention(c):            # attention_layer_forward's cache: (qkv_cache, Q, K, V, weights, out_cache, n_heads)
            return isinstance(c, tuple) and len(c) == 7 and np.shape(c[4]) == (2, 2, 3, 3)

        def is_feed_forward(c):         # feed_forward_forward's cache: ((X, W_1), relu_cache, (A1, W_2))
            return (isinstance(c, tuple) and len(c) == 3 and isinstance(c[0], tuple) and len(c[0]) == 2
                    and matches(c[0][1], params["W_1"]))

        wrong = []
        for name, test, index in (("attention_cache", is_attention, 1), ("feed_forward_cache", is_feed_forward, 3)):
            at = [i for i, c in enumerate(cache) if test(c)]
            if at != [index]:
                wrong.append(f"{name} is {'at index ' + str(at[0]) if at else 'not in it'}, not at index {index}")
        chk.true(not wrong, f"the cache is in the wrong order: {'; '.join(wrong)}. Return {order}, in that order: "
                            "the provided transformer_block_backward reads it.")
