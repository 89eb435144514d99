"""The checks of notebook 08 reject the catalogue's mistakes and accept correct variants;
attention agrees with a loop over positions and stays sound for large scores and long sequences."""
import numpy as np
import pytest

from utils.checks import nb08 as check
from checktools import rejects, accepts


# --------------------------------------------------------------------------
# Reference implementations (correct), with switchable mistakes
# --------------------------------------------------------------------------
def make_attention(mode="ok", dtype=float):
    def attention_forward(Q, K, V, causal=True):
        T, d = Q.shape[-2], Q.shape[-1]
        scores = Q @ np.swapaxes(K, -1, -2)
        if mode != "no_sqrt":
            scores = scores / np.sqrt(d)
        future = np.triu(np.ones((T, T), dtype=bool), k={"off_by_one": 2, "hide_self": 0}.get(mode, 1))
        if causal and mode not in ("mask_after", "no_mask"):
            scores = np.where(future, 0.0 if mode == "mask_zero" else (-np.inf if mode == "inf" else -1e9), scores)
        axis = -2 if mode == "wrong_axis" else -1
        if mode == "naive_exp":
            weights = np.exp(scores)
        else:
            weights = np.exp(scores - scores.max(axis=axis, keepdims=True))
        weights = weights / weights.sum(axis=axis, keepdims=True)
        if causal and mode == "mask_after":
            weights = np.where(future, 0.0, weights)
        return (weights @ V).astype(dtype), weights.astype(dtype)
    return attention_forward


attention_forward = make_attention()


def attention_forward_einsum(Q, K, V, causal=True):
    """Alternative: einsum, a lower-triangular mask of allowed positions, scipy's softmax; weights in a tuple."""
    from scipy.special import softmax
    T = Q.shape[-2]
    scores = np.einsum("...td,...sd->...ts", Q, K) / np.sqrt(Q.shape[-1])
    if causal:
        scores = np.where(np.tril(np.ones((T, T))) == 1, scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return np.einsum("...ts,...sv->...tv", weights, V), weights


def attention_loop(Q, K, V):
    """The independent formulation: one sequence, one query at a time."""
    out = np.zeros((Q.shape[0], V.shape[1]))
    for t in range(Q.shape[0]):
        scores = K[:t + 1] @ Q[t] / np.sqrt(Q.shape[1])
        w = np.exp(scores - scores.max())
        out[t] = (w / w.sum()) @ V[:t + 1]
    return out


def make_attention_backward(mode="ok"):
    def attention_backward(d_out, Q, K, V, weights):
        d = Q.shape[-1]
        scale = 1.0 if mode == "no_sqrt" else 1 / np.sqrt(d)
        dV = np.swapaxes(weights, -1, -2) @ d_out
        dA = d_out @ np.swapaxes(V, -1, -2)
        if mode == "no_softmax_sum":
            dS = weights * dA
        else:
            dS = weights * (dA - np.sum(weights * dA, axis=-1, keepdims=True))
        dQ, dK = dS @ K * scale, np.swapaxes(dS, -1, -2) @ Q * scale
        if mode == "sign":
            dQ, dK, dV = -dQ, -dK, -dV
        return dQ, dK, dV
    return attention_backward


attention_backward = make_attention_backward()


def make_split(mode="ok"):
    def split_heads(X, n_heads):
        N, T, D = X.shape
        if mode == "direct":
            return X.reshape(N, n_heads, T, D // n_heads)
        if mode == "strided":
            return X.reshape(N, T, D // n_heads, n_heads).transpose(0, 3, 1, 2)
        return X.reshape(N, T, n_heads, D // n_heads).transpose(0, 2, 1, 3)
    return split_heads


def make_merge(mode="ok"):
    def merge_heads(X):
        N, h, T, d = X.shape
        if mode == "direct":
            return X.reshape(N, T, h * d)
        return X.transpose(0, 2, 1, 3).reshape(N, T, h * d)
    return merge_heads


split_heads, merge_heads = make_split(), make_merge()


def split_heads_swapaxes(X, n_heads):
    """Alternative: np.swapaxes on a reshaped view; returns a non-contiguous array."""
    return np.swapaxes(X.reshape(*X.shape[:2], n_heads, -1), 1, 2)


def merge_heads_einsum(X):
    return np.einsum("nhtd->nthd", X).reshape(X.shape[0], X.shape[2], -1)


def make_pe(mode="ok", dtype=float):
    def positional_encoding(T, D):
        t = np.arange(T)[:, None]
        i = np.arange(0, D, 2)[None, :]
        if mode == "swapped_index":
            angles = np.arange(D // 2)[None, :] / 10000 ** (2 * t / D)
        else:
            angles = t / 10000 ** (i / D)
        PE = np.zeros((T, D))
        if mode == "halves":
            PE = np.hstack([np.sin(angles), np.cos(angles)])
        elif mode == "own_exponent":
            PE[:, 0::2] = np.sin(angles)
            PE[:, 1::2] = np.cos(t / 10000 ** ((i + 1) / D))
        else:
            PE[:, 0::2] = np.cos(angles) if mode == "sincos" else np.sin(angles)
            PE[:, 1::2] = np.sin(angles) if mode == "sincos" else np.cos(angles)
        if mode == "transposed":
            PE = PE.T
        return PE.astype(dtype)
    return positional_encoding


positional_encoding = make_pe()


def positional_encoding_loop(T, D):
    """Alternative: two loops, straight from the formula, a list of lists."""
    return [[np.sin(t / 10000 ** (j / D)) if j % 2 == 0 else np.cos(t / 10000 ** ((j - 1) / D))
             for j in range(D)] for t in range(T)]


def make_layer_norm(mode="ok", dtype=float):
    def layer_norm_forward(X, gamma, beta, eps=1e-5):
        axis = {"batch": 0, "all": None}.get(mode, -1)
        mean = X.mean(axis=axis, keepdims=True)
        var = X.var(axis=axis, keepdims=True)
        X_hat = (X - mean) / (var + eps if mode == "no_sqrt" else np.sqrt(var + eps))
        Y = beta * X_hat + gamma if mode == "swapped" else gamma * X_hat + beta
        return Y.astype(dtype), (X, X_hat, mean, var, gamma, eps)
    return layer_norm_forward


layer_norm_forward = make_layer_norm()


def layer_norm_forward_std(X, gamma, beta, eps=1e-5):
    """Alternative: np.std, the cache a dict."""
    mu = np.mean(X, axis=-1, keepdims=True)
    sd = np.sqrt(np.std(X, axis=-1, keepdims=True) ** 2 + eps)
    X_hat = (X - mu) / sd
    return X_hat * gamma + beta, {"X_hat": X_hat, "sd": sd, "gamma": gamma}


def make_layer_norm_backward(mode="ok"):
    def layer_norm_backward(dY, cache):
        X, X_hat, mean, var, gamma, eps = cache
        D = X.shape[-1]
        inv_std = 1 / np.sqrt(var + eps)
        dbeta = dY.reshape(-1, D).sum(axis=0)
        dgamma = (dY * X_hat).reshape(-1, D).sum(axis=0)
        g = dY * gamma
        if mode == "constants":
            dX = g * inv_std
        else:
            dX = inv_std * (g - g.mean(axis=-1, keepdims=True) - X_hat * (g * X_hat).mean(axis=-1, keepdims=True))
        if mode == "unsummed":
            dgamma = dY * X_hat
        return dX, dgamma, dbeta
    return layer_norm_backward


layer_norm_backward = make_layer_norm_backward()


def layer_norm_backward_std(dY, cache):
    """Alternative for the dict cache of layer_norm_forward_std, the textbook long form."""
    X_hat, sd, gamma = cache["X_hat"], cache["sd"], cache["gamma"]
    D = X_hat.shape[-1]
    axes = tuple(range(dY.ndim - 1))
    g = dY * gamma
    dX = (D * g - g.sum(axis=-1, keepdims=True) - X_hat * (g * X_hat).sum(axis=-1, keepdims=True)) / (D * sd)
    return dX, (dY * X_hat).sum(axis=axes), dY.sum(axis=axes)


# the provided sublayers of the notebook, built from the references above
def attention_layer_forward(X, params, n_heads):
    N, T, D = X.shape
    qkv = X.reshape(N * T, D) @ params["W_qkv"] + params["b_qkv"]
    Q, K, V = (split_heads(p.reshape(N, T, D), n_heads) for p in np.split(qkv, 3, axis=1))
    out, weights = attention_forward(Q, K, V)
    Y = merge_heads(out).reshape(N * T, D) @ params["W_o"] + params["b_o"]
    # the provided cache's structure: (qkv_cache, Q, K, V, weights, out_cache, n_heads)
    return Y.reshape(N, T, D), ((X, params["W_qkv"]), Q, K, V, weights, (out, params["W_o"]), n_heads)


def feed_forward_forward(X, params):
    hidden = np.maximum(X @ params["W_1"] + params["b_1"], 0)
    # the provided cache's structure: ((X, W_1), relu_cache, (A1, W_2))
    return hidden @ params["W_2"] + params["b_2"], ((X, params["W_1"]), None, (hidden, params["W_2"]))


def make_block(mode="ok"):
    def transformer_block_forward(X, params, n_heads):
        A, c1 = layer_norm_forward(X, params["ln1_gamma"], params["ln1_beta"])
        S, c2 = attention_layer_forward(X if mode == "no_norm" else A, params, n_heads)
        Y1 = {"no_residual": S, "normalised_residual": A + S, "no_first_residual": S}.get(mode, X + S)
        if mode == "post_norm":
            Y1 = layer_norm_forward(X + S, params["ln1_gamma"], params["ln1_beta"])[0]
        ln2 = ("ln1_gamma", "ln1_beta") if mode == "ln1_twice" else ("ln2_gamma", "ln2_beta")
        B, c3 = layer_norm_forward(Y1, params[ln2[0]], params[ln2[1]])
        F, c4 = feed_forward_forward(Y1 if mode == "ff_unnormalised" else B, params)
        if mode == "no_residual":
            return F, None
        if mode == "no_second_residual":
            return F, None
        if mode == "post_norm":
            return layer_norm_forward(Y1 + F, params["ln2_gamma"], params["ln2_beta"])[0], None
        return Y1 + F, (c1, c2, c3, c4)
    return transformer_block_forward


transformer_block_forward = make_block()


# --------------------------------------------------------------------------
# The independent formulation, and numerical soundness
# --------------------------------------------------------------------------
def test_attention_agrees_with_a_loop_over_positions():
    rng = np.random.default_rng(0)
    Q, K, V = rng.normal(size=(3, 9, 4)), rng.normal(size=(3, 9, 4)), rng.normal(size=(3, 9, 5))
    for forward in (attention_forward, attention_forward_einsum):
        out, _ = forward(Q, K, V)
        for n in range(3):
            np.testing.assert_allclose(out[n], attention_loop(Q[n], K[n], V[n]), rtol=1e-12, atol=1e-12)


def test_the_solution_agrees_with_the_loop_and_is_sound_for_large_scores_and_long_sequences():
    forward, backward = check.catch_up("attention_forward", "attention_backward")
    rng = np.random.default_rng(1)
    Q, K, V = rng.normal(size=(2, 7, 4)), rng.normal(size=(2, 7, 4)), rng.normal(size=(2, 7, 3))
    out, _ = forward(Q, K, V)
    for n in range(2):
        np.testing.assert_allclose(out[n], attention_loop(Q[n], K[n], V[n]), rtol=1e-12, atol=1e-12)
    with np.errstate(over="raise", divide="raise", invalid="raise"):     # underflow to 0 is harmless
        T = 2048
        X = rng.normal(size=(1, T, 8)) * 300         # scores in the tens of thousands
        out, weights = forward(X, X, X)
        assert np.all(np.isfinite(out)) and np.allclose(weights.sum(axis=-1), 1.0)
        assert np.all(np.triu(weights[0], k=1) == 0)
        grads = backward(np.ones_like(out), X, X, X, weights)
        assert all(np.all(np.isfinite(g)) for g in grads)
        PE = check.catch_up("positional_encoding")(100_000, 16)
        assert np.all(np.isfinite(PE)) and np.allclose(PE[:, 0::2] ** 2 + PE[:, 1::2] ** 2, 1.0)


# --------------------------------------------------------------------------
# 1. attention_forward
# --------------------------------------------------------------------------
@pytest.mark.parametrize("variant", [attention_forward, attention_forward_einsum, make_attention("inf"),
                                     make_attention(dtype=np.float32)],
                         ids=["reference", "einsum_scipy", "minus_inf", "float32"])
def test_attention_forward_accepts(variant):
    accepts(check.attention_forward, variant)


@pytest.mark.parametrize("mode, words", [
    ("no_sqrt", ["not divided by √d"]),
    ("mask_after", ["after the softmax"]),
    ("mask_zero", ["instead of a large negative"]),
    ("no_mask", ["attends to position 1, the future"]),
    ("off_by_one", ["the future", "off by one"]),
    ("hide_self", ["hides s = t as well"]),
    ("wrong_axis", ["wrong axis"]),
    ("naive_exp", ["numerical warning"]),
])
def test_attention_forward_rejects(mode, words):
    rejects(check.attention_forward, make_attention(mode), words=words)


# --------------------------------------------------------------------------
# 2. attention_backward
# --------------------------------------------------------------------------
def test_attention_backward_accepts():
    accepts(check.attention_backward, attention_forward, attention_backward)
    accepts(check.attention_backward, attention_forward_einsum, attention_backward)


@pytest.mark.parametrize("mode, words", [
    ("no_sqrt", ["√d = 2 times too large"]),
    ("sign", ["wrong sign"]),
    ("no_softmax_sum", ["dQ", "dS = A ⊙ (dA − Σ_s A ⊙ dA)"]),
])
def test_attention_backward_rejects(mode, words):
    rejects(check.attention_backward, attention_forward, make_attention_backward(mode), words=words)


def test_attention_backward_needs_a_working_forward():
    rejects(check.attention_backward, make_attention("no_sqrt"), attention_backward,
            words=["attention_forward does not pass its own check"])


# --------------------------------------------------------------------------
# 3. split_heads / merge_heads
# --------------------------------------------------------------------------
def test_split_heads_accepts():
    accepts(check.split_heads, split_heads, merge_heads)
    accepts(check.split_heads, split_heads_swapaxes, merge_heads_einsum)


@pytest.mark.parametrize("split, merge, words", [
    (make_split("direct"), make_merge(), ["split along the wrong axis", "transpose(0, 2, 1, 3)"]),
    (make_split("strided"), make_merge(), ["every h-th feature"]),
    (make_split(), make_merge("direct"), ["mixes positions and heads"]),
])
def test_split_heads_rejects(split, merge, words):
    rejects(check.split_heads, split, merge, words=words)


# --------------------------------------------------------------------------
# 4. positional_encoding
# --------------------------------------------------------------------------
@pytest.mark.parametrize("variant", [positional_encoding, positional_encoding_loop, make_pe(dtype=np.float32)],
                         ids=["reference", "loops_list", "float32"])
def test_positional_encoding_accepts(variant):
    accepts(check.positional_encoding, variant)


@pytest.mark.parametrize("mode, words", [
    ("transposed", ["[D, T]", "wrong axis"]),
    ("swapped_index", ["position and the feature index are swapped"]),
    ("sincos", ["sin and cos are swapped"]),
    ("halves", ["interleave"]),
    ("own_exponent", ["share 10000^(2i/D)"]),
])
def test_positional_encoding_rejects(mode, words):
    rejects(check.positional_encoding, make_pe(mode), words=words)


# --------------------------------------------------------------------------
# 5. layer_norm_forward / 6. layer_norm_backward
# --------------------------------------------------------------------------
@pytest.mark.parametrize("variant", [layer_norm_forward, layer_norm_forward_std, make_layer_norm(dtype=np.float32)],
                         ids=["reference", "std_dict_cache", "float32"])
def test_layer_norm_forward_accepts(variant):
    accepts(check.layer_norm_forward, variant)


@pytest.mark.parametrize("mode, words", [
    ("batch", ["over the batch", "instead of the features"]),
    ("all", ["over the whole array"]),
    ("no_sqrt", ["divide by the variance"]),
    ("swapped", ["gamma and beta are swapped"]),
])
def test_layer_norm_forward_rejects(mode, words):
    rejects(check.layer_norm_forward, make_layer_norm(mode), words=words)


def test_layer_norm_without_eps_is_rejected_on_a_constant_row():
    def no_eps(X, gamma, beta, eps=1e-5):
        X_hat = (X - X.mean(axis=-1, keepdims=True)) / X.std(axis=-1, keepdims=True)
        return gamma * X_hat + beta, None
    rejects(check.layer_norm_forward, no_eps, words=["constant row", "numerical warning"])


def test_layer_norm_backward_accepts():
    accepts(check.layer_norm_backward, layer_norm_forward, layer_norm_backward)
    accepts(check.layer_norm_backward, layer_norm_forward_std, layer_norm_backward_std)


@pytest.mark.parametrize("mode, words", [
    ("constants", ["treats the mean and the variance as constants"]),
    ("unsummed", ["dgamma", "(4,)"]),
])
def test_layer_norm_backward_rejects(mode, words):
    rejects(check.layer_norm_backward, layer_norm_forward, make_layer_norm_backward(mode), words=words)


# --------------------------------------------------------------------------
# 7. transformer_block_forward
# --------------------------------------------------------------------------
def test_transformer_block_forward_accepts():
    accepts(check.transformer_block_forward, transformer_block_forward)


@pytest.mark.parametrize("mode, words", [
    ("no_residual", ["the residual is missing"]),
    ("normalised_residual", ["adds the normalised input"]),
    ("post_norm", ["post-norm"]),
    ("no_second_residual", ["residual is missing"]),
    ("no_first_residual", ["residual is missing"]),
    ("ff_unnormalised", ["reads Y1 itself"]),
    ("ln1_twice", ["ln1's gamma and beta"]),
])
def test_transformer_block_forward_rejects(mode, words):
    rejects(check.transformer_block_forward, make_block(mode), words=words)


def test_a_block_that_sees_the_future_is_rejected():
    def leaky_block(X, params, n_heads):
        Y, cache = transformer_block_forward(X, params, n_heads)
        return Y + 1e-3 * np.roll(X, -1, axis=1), cache          # position t reads position t + 1
    rejects(check.transformer_block_forward, leaky_block, words=["sees the future"])


def test_a_normalised_copy_on_both_residual_roads_is_named():
    """Y1 = LN1(X) + A, Y = LN2(Y1) + F (the newcomer's mistake): not called post-norm alone."""
    def normalised_roads(X, params, n_heads):
        A, c1 = layer_norm_forward(X, params["ln1_gamma"], params["ln1_beta"])
        S, c2 = attention_layer_forward(A, params, n_heads)
        B, c3 = layer_norm_forward(A + S, params["ln2_gamma"], params["ln2_beta"])
        F, c4 = feed_forward_forward(B, params)
        return B + F, (c1, c2, c3, c4)
    rejects(check.transformer_block_forward, normalised_roads,
            words=["normalised copy is on the residual road", "Y1 = LN1(X) + …", "add the raw inputs"])


def test_a_block_cache_in_the_wrong_order_is_rejected():
    def wrong_order(X, params, n_heads):
        Y, (c1, c2, c3, c4) = transformer_block_forward(X, params, n_heads)
        return Y, (c2, c1, c3, c4)
    rejects(check.transformer_block_forward, wrong_order,
            words=["wrong order", "attention_cache is at index 0, not at index 1", "transformer_block_backward"])


def test_layer_norm_with_the_sample_variance_is_named():
    def ddof1(X, gamma, beta, eps=1e-5):
        X_hat = (X - X.mean(axis=-1, keepdims=True)) / np.sqrt(X.var(axis=-1, ddof=1, keepdims=True) + eps)
        return gamma * X_hat + beta, None
    rejects(check.layer_norm_forward, ddof1, words=["D − 1", "ddof=1"])


def test_positional_encoding_with_exponent_i_over_d_is_named():
    def half_exponent(T, D):
        angles = np.arange(T)[:, None] / 10000 ** (np.arange(D // 2) / D)
        PE = np.zeros((T, D))
        PE[:, 0::2], PE[:, 1::2] = np.sin(angles), np.cos(angles)
        return PE
    rejects(check.positional_encoding, half_exponent, words=["frequencies are wrong", "np.arange(0, D, 2) / D"])


def test_attention_with_k_dot_t_on_a_batch_is_named():
    def k_dot_t(Q, K, V, causal=True):
        S = Q @ K.T / np.sqrt(Q.shape[-1])
        return attention_forward(Q, K, V, causal)[0] + 0 * S.sum(), None
    rejects(check.attention_forward, k_dot_t, words=["K.T reverses every axis", "np.swapaxes(K, -1, -2)"])


def test_attention_backward_without_the_row_sum_is_blamed_on_ds():
    def no_row_sum(d_out, Q, K, V, weights):
        d = Q.shape[-1]
        dS = weights * (d_out @ np.swapaxes(V, -1, -2))
        return dS @ K / np.sqrt(d), np.swapaxes(dS, -1, -2) @ Q / np.sqrt(d), np.swapaxes(weights, -1, -2) @ d_out
    rejects(check.attention_backward, attention_forward, no_row_sum, words=["dS is", "row-sum term"])


@pytest.mark.parametrize("mode, words", [("third", ["third term"]), ("gamma", ["leaves out gamma"])])
def test_layer_norm_backward_partial_formulas_are_named(mode, words):
    def partial(dY, cache):
        X, X_hat, mean, var, gamma, eps = cache
        inv = 1 / np.sqrt(var + eps)
        g = dY * gamma if mode == "third" else dY
        dX = inv * (g - g.mean(axis=-1, keepdims=True))
        if mode == "gamma":
            dX -= inv * X_hat * (g * X_hat).mean(axis=-1, keepdims=True)
        axes = tuple(range(dY.ndim - 1))
        return dX, (dY * X_hat).sum(axis=axes), dY.sum(axis=axes)
    rejects(check.layer_norm_backward, layer_norm_forward, partial, words=words)


def test_a_mask_that_hides_the_diagonal_is_not_also_called_attending_to_the_future():
    from utils.checks.framework import CheckFailed
    with pytest.raises(CheckFailed) as failure:
        check.attention_forward(make_attention("hide_self"))
    message = str(failure.value)
    assert "position 0 then has no score left" in message
    assert "position t attends to the future" not in message


def test_no_sqrt_is_named_in_the_unmasked_case_too():
    message = rejects(check.attention_forward, make_attention("no_sqrt"), words=["not divided by √d"])
    assert "(and 1 other case, the same)" in message and "no score is masked" not in message, message


def test_layer_norm_backward_written_for_three_axes_only_is_caught_on_a_2d_X():
    """dbeta = dY.sum(axis=(0, 1)) is right for [N, T, D] only; the docstring allows X of shape [..., D]."""
    def backward(dY, cache):
        dX, dgamma, _ = check.catch_up("layer_norm_backward")(dY, cache)
        return dX, dgamma, dY.sum(axis=(0, 1))
    message = rejects(check.layer_norm_backward, check.catch_up("layer_norm_forward"), backward, words=["X [5, 6]"])
    assert "X [2, 3, 4]" not in message, message


def test_a_transpose_with_K_T_gets_the_swapaxes_hint_in_every_case():
    message = rejects(check.attention_forward, lambda Q, K, V, causal=True: (Q @ K.T, Q @ K.T),
                      words=["np.swapaxes(K, -1, -2)"])
    assert "print the shapes" not in message, message
