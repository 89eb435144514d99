"""The checks of notebook 06 reject the catalogue's mistakes and accept valid alternatives."""
import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from utils.checks.framework import CheckFailed
from utils.checks import nb06 as check


def rejects(check_function, func, *words):
    """The check fails, and its message contains every one of ``words``."""
    with pytest.raises(CheckFailed) as failure:
        check_function(func)
    message = str(failure.value)
    for word in words:
        assert word.lower() in message.lower(), f"{word!r} not in:\n{message}"
    return message


def accepts(check_function, func, capsys=None):
    check_function(func)


# ---------------------------------------------------------------------------
# Correct implementations (several spellings)
# ---------------------------------------------------------------------------
def conv2d_loops(image, kernel):
    H, W = image.shape
    KH, KW = kernel.shape
    out = np.zeros((H - KH + 1, W - KW + 1))
    for i in range(H - KH + 1):
        for j in range(W - KW + 1):
            out[i, j] = np.sum(image[i:i + KH, j:j + KW] * kernel)
    return out


def conv2d_windows(image, kernel):
    return np.einsum("ijkl,kl->ij", sliding_window_view(image, kernel.shape), kernel)


def _pad(X, p):
    return np.pad(X, ((0, 0), (0, 0), (p, p), (p, p)))


def conv_forward_windows(X, W, b, stride=1, padding=0):
    windows = sliding_window_view(_pad(X, padding), W.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("nchwij,fcij->nfhw", windows, W) + b[None, :, None, None]
    return out, (X, W, b, stride, padding)


def conv_forward_im2col(X, W, b, stride=1, padding=0):
    N, C, H, Wd = X.shape
    F, _, HH, WW = W.shape
    Xp = _pad(X, padding)
    H_out = (H + 2 * padding - HH) // stride + 1
    W_out = (Wd + 2 * padding - WW) // stride + 1
    cols = np.empty((N, H_out, W_out, C * HH * WW))
    for i in range(H_out):
        for j in range(W_out):
            cols[:, i, j] = Xp[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW].reshape(N, -1)
    out = cols.reshape(-1, C * HH * WW) @ W.reshape(F, -1).T + b
    return out.reshape(N, H_out, W_out, F).transpose(0, 3, 1, 2), (X, W, b, stride, padding)


def conv_forward_loops(X, W, b, stride=1, padding=0):
    N, F = X.shape[0], W.shape[0]
    Xp = _pad(X, padding)
    maps = np.array([[sum(conv2d_loops(Xp[n, c], W[f, c]) for c in range(X.shape[1]))[::stride, ::stride] + b[f]
                      for f in range(F)] for n in range(N)])
    return maps, (X, W, b, stride, padding)


def conv_backward_windows(d_out, cache):
    X, W, b, stride, padding = cache
    HH, WW = W.shape[2:]
    H_out, W_out = d_out.shape[2:]
    Xp = _pad(X, padding)
    windows = sliding_window_view(Xp, (HH, WW), axis=(2, 3))[:, :, ::stride, ::stride]
    dW = np.einsum("nchwij,nfhw->fcij", windows, d_out)
    db = d_out.sum(axis=(0, 2, 3))
    dXp = np.zeros_like(Xp)
    for i in range(HH):
        for j in range(WW):
            dXp[:, :, i:i + stride * H_out:stride, j:j + stride * W_out:stride] += \
                np.einsum("nfhw,fc->nchw", d_out, W[:, :, i, j])
    H, Wd = X.shape[2:]
    return dXp[:, :, padding:padding + H, padding:padding + Wd], dW, db


def conv_backward_loops(d_out, cache):
    X, W, b, stride, padding = cache
    N, F, H_out, W_out = d_out.shape
    HH, WW = W.shape[2:]
    Xp = _pad(X, padding)
    dXp, dW = np.zeros_like(Xp), np.zeros_like(W)
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    rows, cols = slice(i * stride, i * stride + HH), slice(j * stride, j * stride + WW)
                    dW[f] += Xp[n, :, rows, cols] * d_out[n, f, i, j]
                    dXp[n, :, rows, cols] += W[f] * d_out[n, f, i, j]
    H, Wd = X.shape[2:]
    return dXp[:, :, padding:padding + H, padding:padding + Wd], dW, np.sum(d_out, axis=(0, 2, 3))


def maxpool_forward_reshape(X):
    N, C, H, W = X.shape
    return X.reshape(N, C, H // 2, 2, W // 2, 2).max(axis=(3, 5)), X


def maxpool_forward_loops(X):
    N, C, H, W = X.shape
    out = np.zeros((N, C, H // 2, W // 2))
    for i in range(H // 2):
        for j in range(W // 2):
            out[:, :, i, j] = np.max(X[:, :, 2 * i:2 * i + 2, 2 * j:2 * j + 2], axis=(2, 3))
    return out, X


def maxpool_backward_argmax(d_out, X):
    N, C, H, W = X.shape
    windows = X.reshape(N, C, H // 2, 2, W // 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(N, C, H // 2, W // 2, 4)
    mask = windows.argmax(axis=-1)[..., None] == np.arange(4)
    d = mask * d_out[..., None]
    return d.reshape(N, C, H // 2, W // 2, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(N, C, H, W)


def maxpool_backward_mask(d_out, X):
    """Every cell equal to its window's maximum gets the gradient (differs only on ties)."""
    pooled = X.reshape(X.shape[0], X.shape[1], X.shape[2] // 2, 2, X.shape[3] // 2, 2).max(axis=(3, 5))
    up = pooled.repeat(2, axis=2).repeat(2, axis=3)
    return (X == up) * d_out.repeat(2, axis=2).repeat(2, axis=3)


def maxpool_backward_loops(d_out, X):
    dX = np.zeros_like(X)
    N, C, H, W = X.shape
    for n in range(N):
        for c in range(C):
            for i in range(H // 2):
                for j in range(W // 2):
                    window = X[n, c, 2 * i:2 * i + 2, 2 * j:2 * j + 2]
                    p, q = np.unravel_index(np.argmax(window), (2, 2))
                    dX[n, c, 2 * i + p, 2 * j + q] += d_out[n, c, i, j]
    return dX


def softmax_stable(Z):
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_logsumexp(Z):
    m = np.max(Z, axis=-1, keepdims=True)
    return np.exp(Z - m - np.log(np.sum(np.exp(Z - m), axis=-1, keepdims=True)))


def cross_entropy_clipped(P, y):
    return -np.mean(np.log(np.clip(P[np.arange(len(y)), y], 1e-12, 1.0)))


def cross_entropy_onehot(P, y):
    onehot = np.eye(P.shape[1])[y]
    return -np.sum(onehot * np.log(np.maximum(P, 1e-15))) / len(y)


def delta_onehot(P, y):
    return (P - np.eye(P.shape[1])[y]) / len(y)


def delta_copy(P, y):
    d = P.copy()
    d[np.arange(len(y)), y] -= 1
    return d / len(y)


def relu_forward(Z):
    return np.maximum(Z, 0), Z


def relu_backward(d, Z):
    return d * (Z > 0)


def make_cnn_loss(conv_forward=conv_forward_windows, conv_backward=conv_backward_windows,
                  maxpool_backward=maxpool_backward_argmax, use_relu=True, delta=delta_copy,
                  use_relu_backward=True):
    def cnn_loss(params, X, y):
        Z1, c1 = conv_forward(X, params["W1"], params["b1"], 1, 1)
        A1, r1 = relu_forward(Z1) if use_relu else (Z1, None)
        P1, p1 = maxpool_forward_reshape(A1)
        H = P1.reshape(len(X), -1)
        logits = H @ params["W2"] + params["b2"]
        P = softmax_stable(logits)
        loss = cross_entropy_clipped(P, y)
        d_logits = delta(P, y)
        dH = d_logits @ params["W2"].T
        dA1 = maxpool_backward(dH.reshape(P1.shape), p1)
        dZ1 = relu_backward(dA1, r1) if use_relu and use_relu_backward else dA1
        _, dW1, db1 = conv_backward(dZ1, c1)
        return loss, {"W1": dW1, "b1": db1, "W2": H.T @ d_logits, "b2": d_logits.sum(axis=0)}
    return cnn_loss


# ---------------------------------------------------------------------------
# Accepting
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("func", [conv2d_loops, conv2d_windows])
def test_conv2d_single_accepts(func, capsys):
    check.conv2d_single(func)
    assert "✔ conv2d_single" in capsys.readouterr().out


def test_hand_made_filters_accepts_sobel_prewitt_and_gaussian(capsys):
    def prewitt():
        v = np.array([[-1.0, 0, 1]] * 3)
        return v, v.T, np.ones((3, 3)) / 9
    def sobel():
        v = np.array([[1.0, 0, -1], [2, 0, -2], [1, 0, -1]])   # the sign does not matter
        g = np.outer([1, 2, 1], [1, 2, 1]) / 16
        return v, -v.T, g
    check.hand_made_filters(prewitt)
    check.hand_made_filters(sobel)
    assert capsys.readouterr().out.count("✔ hand_made_filters") == 2


@pytest.mark.parametrize("func", [conv_forward_windows, conv_forward_im2col, conv_forward_loops])
def test_conv_forward_accepts(func, capsys):
    check.conv_forward(func)
    assert "✔ conv_forward" in capsys.readouterr().out


@pytest.mark.parametrize("func", [conv_backward_windows, conv_backward_loops])
def test_conv_backward_accepts(func, capsys):
    check.conv_backward(func)
    assert "✔ conv_backward" in capsys.readouterr().out


@pytest.mark.parametrize("func", [maxpool_forward_reshape, maxpool_forward_loops])
def test_maxpool_forward_accepts(func, capsys):
    check.maxpool_forward(func)
    assert "✔ maxpool_forward" in capsys.readouterr().out


@pytest.mark.parametrize("func", [maxpool_backward_argmax, maxpool_backward_mask, maxpool_backward_loops])
def test_maxpool_backward_accepts_any_tie_rule(func, capsys):
    check.maxpool_backward(func)
    assert "✔ maxpool_backward" in capsys.readouterr().out


@pytest.mark.parametrize("func", [softmax_stable, softmax_logsumexp])
def test_softmax_accepts(func, capsys):
    check.softmax(func)
    assert "✔ softmax" in capsys.readouterr().out


@pytest.mark.parametrize("func", [cross_entropy_clipped, cross_entropy_onehot])
def test_cross_entropy_accepts(func, capsys):
    check.cross_entropy(func)
    assert "✔ cross_entropy" in capsys.readouterr().out


@pytest.mark.parametrize("func", [delta_onehot, delta_copy])
def test_softmax_output_delta_accepts(func, capsys):
    check.softmax_output_delta(func)
    assert "✔ softmax_output_delta" in capsys.readouterr().out


@pytest.mark.parametrize("pieces", [
    {},
    {"conv_forward": conv_forward_im2col, "conv_backward": conv_backward_loops,
     "maxpool_backward": maxpool_backward_loops, "delta": delta_onehot},
])
def test_cnn_loss_accepts(pieces, capsys):
    check.cnn_loss(make_cnn_loss(**pieces))
    assert "✔ cnn_loss" in capsys.readouterr().out


def test_conv_by_definition_matches_the_hand_computed_cases():
    out = check._conv(check.IMAGE_3x3[None, None], check.KERNEL_2x2[None, None], np.zeros(1), 1, 0)
    assert np.allclose(out[0, 0], check.XCORR_3x3)
    X = np.arange(25.0).reshape(1, 1, 5, 5)
    W = np.zeros((1, 1, 3, 3))
    W[0, 0, 0, 0] = 1
    assert np.allclose(check._conv(X, W, np.zeros(1), 2, 0)[0, 0], [[0, 2], [10, 12]])


# ---------------------------------------------------------------------------
# Rejecting the catalogue's mistakes
# ---------------------------------------------------------------------------
def test_conv2d_single_rejects_a_flipped_kernel():
    rejects(check.conv2d_single, lambda image, kernel: conv2d_loops(image, kernel[::-1, ::-1]),
            "flipped the kernel", "cross-correlation")


def test_conv2d_single_rejects_output_off_by_one():
    def short(image, kernel):
        H, W = image.shape
        KH, KW = kernel.shape
        out = np.zeros((H - KH, W - KW))
        for i in range(H - KH):
            for j in range(W - KW):
                out[i, j] = np.sum(image[i:i + KH, j:j + KW] * kernel)
        return out
    rejects(check.conv2d_single, short, "off by one", "H − KH + 1")


def test_conv2d_single_rejects_square_only_output():
    def square(image, kernel):
        n = image.shape[0] - kernel.shape[0] + 1
        return np.array([[np.sum(image[i:i + kernel.shape[0], j:j + kernel.shape[1]] * kernel)
                          for j in range(n)] for i in range(n)])
    rejects(check.conv2d_single, square, "3×4", "own size")


def test_conv2d_single_not_implemented():
    def stub(image, kernel):
        raise NotImplementedError("conv2d_single is not implemented yet")
    with pytest.raises(NotImplementedError) as info:
        check.conv2d_single(stub)
    assert "catch_up" in str(info.value)


def test_hand_made_filters_reports_a_missing_return_or_an_error_instead_of_crashing():
    def no_return():
        np.ones((3, 3)) / 9

    def raises():
        return [[-1, 0, 1]] * 3.0      # TypeError: can't multiply a list by a float

    rejects(check.hand_made_filters, no_return, "expected three kernels", "NoneType")
    rejects(check.hand_made_filters, raises, "TypeError")
    rejects(check.hand_made_filters, lambda: (np.ones(3), np.ones(3), np.ones(3)), "shape")


def test_hand_made_filters_rejects_swapped_edges_and_a_bad_blur():
    v = np.array([[-1.0, 0, 1]] * 3)
    rejects(check.hand_made_filters, lambda: (v.T, v, np.ones((3, 3)) / 9), "swapped")
    rejects(check.hand_made_filters, lambda: (v, v.T, np.ones((3, 3))), "sum to 9")
    rejects(check.hand_made_filters, lambda: (v + 1, v.T, np.ones((3, 3)) / 9), "flat image")
    identity = np.zeros((3, 3))
    identity[1, 1] = 1
    rejects(check.hand_made_filters, lambda: (v, v.T, identity), "identity")


def test_conv_forward_rejects_a_flipped_kernel():
    rejects(check.conv_forward, lambda X, W, b, stride=1, padding=0:
            conv_forward_windows(X, W[:, :, ::-1, ::-1].copy(), b, stride, padding), "flipped the kernel")


def test_conv_forward_rejects_ignored_padding():
    rejects(check.conv_forward, lambda X, W, b, stride=1, padding=0:
            conv_forward_windows(X, W, b, stride, 0), "padding is ignored")


def test_conv_forward_rejects_ignored_stride():
    rejects(check.conv_forward, lambda X, W, b, stride=1, padding=0:
            conv_forward_windows(X, W, b, 1, padding), "stride is ignored")


def test_conv_forward_rejects_output_size_off_by_one():
    def short(X, W, b, stride=1, padding=0):
        out, cache = conv_forward_windows(X, W, b, stride, padding)
        return out[:, :, :-1, :-1], cache
    rejects(check.conv_forward, short, "H' = (H + 2·padding − HH) // stride + 1")

    def no_plus_one(X, W, b, stride=1, padding=0):
        out, cache = conv_forward_windows(X, W, b, stride, padding)
        H_out = (X.shape[2] + 2 * padding - W.shape[2]) // stride
        return out[:, :, :H_out, :H_out], cache
    rejects(check.conv_forward, no_plus_one, "off by one")


def test_conv_forward_rejects_a_missing_bias_and_a_wrong_cache():
    rejects(check.conv_forward, lambda X, W, b, stride=1, padding=0:
            conv_forward_windows(X, W, 0 * b, stride, padding), "bias b is missing")
    rejects(check.conv_forward, lambda X, W, b, stride=1, padding=0:
            (conv_forward_windows(X, W, b, stride, padding)[0], (X, W)), "cache")
    rejects(check.conv_forward, lambda X, W, b, stride=1, padding=0:
            conv_forward_windows(X, W, b, stride, padding)[0], "pair")


def test_conv_backward_rejects_db_not_summed_over_the_batch():
    def per_sample(d_out, cache):
        dX, dW, _ = conv_backward_windows(d_out, cache)
        return dX, dW, d_out.sum(axis=(2, 3))
    rejects(check.conv_backward, per_sample, "not summed over the batch")

    def first_sample(d_out, cache):
        dX, dW, _ = conv_backward_windows(d_out, cache)
        return dX, dW, d_out[0].sum(axis=(1, 2))
    rejects(check.conv_backward, first_sample, "not summed over the batch")

    def averaged(d_out, cache):
        dX, dW, _ = conv_backward_windows(d_out, cache)
        return dX, dW, d_out.mean(axis=(0, 2, 3))
    rejects(check.conv_backward, averaged, "averaged")


def test_conv_backward_rejects_padding_left_on_dX_and_a_flipped_dX():
    def padded(d_out, cache):
        X, W, b, stride, padding = cache
        dX, dW, db = conv_backward_windows(d_out, cache)
        return _pad(dX, padding), dW, db
    rejects(check.conv_backward, padded, "crop the padding")

    def wrong_dX(d_out, cache):
        dX, dW, db = conv_backward_windows(d_out, cache)
        return dX[:, :, ::-1, ::-1], dW, db
    rejects(check.conv_backward, wrong_dX, "dX")


def test_conv_backward_crop_hint_works_without_padding_too():
    def padded(d_out, cache):
        dX, dW, db = conv_backward_windows(d_out, cache)
        return _pad(dX, cache[4]), dW, db
    message = rejects(check.conv_backward, padded, "crop the padding", "P:P + H")
    assert "p:-p" not in message       # an empty slice when the padding is 0


def test_conv_backward_rejects_dX_assigned_instead_of_added():
    def assigned_by_offset(d_out, cache):
        X, W, b, stride, padding = cache
        HH, WW = W.shape[2:]
        H_out, W_out = d_out.shape[2:]
        dXp = np.zeros_like(_pad(X, padding))
        for i in range(HH):
            for j in range(WW):
                dXp[:, :, i:i + stride * H_out:stride, j:j + stride * W_out:stride] = \
                    np.einsum("nfhw,fc->nchw", d_out, W[:, :, i, j])
        _, dW, db = conv_backward_windows(d_out, cache)
        H, Wd = X.shape[2:]
        return dXp[:, :, padding:padding + H, padding:padding + Wd], dW, db

    def assigned_by_position(d_out, cache):
        X, W, b, stride, padding = cache
        HH, WW = W.shape[2:]
        dXp = np.zeros_like(_pad(X, padding))
        for n in range(d_out.shape[0]):
            for i in range(d_out.shape[2]):
                for j in range(d_out.shape[3]):
                    dXp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW] = \
                        np.einsum("f,fcpq->cpq", d_out[n, :, i, j], W)
        _, dW, db = conv_backward_windows(d_out, cache)
        H, Wd = X.shape[2:]
        return dXp[:, :, padding:padding + H, padding:padding + Wd], dW, db

    for func in (assigned_by_offset, assigned_by_position):
        rejects(check.conv_backward, func, "windows overlap", "+=")


def test_conv_backward_rejects_ignored_stride():
    def no_stride(d_out, cache):
        X, W, b, stride, padding = cache
        HH = W.shape[2]
        Xp = _pad(X, padding)
        windows = sliding_window_view(Xp, W.shape[2:], axis=(2, 3))
        dW = np.einsum("nchwij,nfhw->fcij", windows[:, :, :d_out.shape[2], :d_out.shape[3]], d_out)
        dX, _, db = conv_backward_windows(d_out, (X, W, b, stride, padding))
        return dX, dW, db
    rejects(check.conv_backward, no_stride, "stride 2", "dW")


def test_maxpool_forward_rejects_average_pooling_and_overlap():
    def average(X):
        N, C, H, W = X.shape
        return X.reshape(N, C, H // 2, 2, W // 2, 2).mean(axis=(3, 5)), X
    rejects(check.maxpool_forward, average, "average pooling")

    def overlapping(X):
        windows = sliding_window_view(X, (2, 2), axis=(2, 3))
        return windows.max(axis=(4, 5)), X
    rejects(check.maxpool_forward, overlapping, "stride 1")


def test_maxpool_backward_rejects_the_gradient_sent_to_every_cell():
    rejects(check.maxpool_backward, lambda d_out, X: d_out.repeat(2, axis=2).repeat(2, axis=3),
            "every cell", "only the maximum")


def test_maxpool_backward_rejects_the_averaged_gradient():
    rejects(check.maxpool_backward, lambda d_out, X: d_out.repeat(2, axis=2).repeat(2, axis=3) / 4,
            "averaged")


def test_maxpool_backward_rejects_gradient_to_the_minimum():
    rejects(check.maxpool_backward, lambda d_out, X: maxpool_backward_argmax(d_out, -X), "dX")


def test_softmax_rejects_overflow_for_large_logits():
    def naive(Z):
        e = np.exp(Z)
        return e / e.sum(axis=1, keepdims=True)
    rejects(check.softmax, naive, "overflow", "subtract each row's maximum")


def test_softmax_rejects_the_wrong_axis():
    def columns(Z):
        e = np.exp(Z - Z.max())
        return e / e.sum(axis=0, keepdims=True)
    rejects(check.softmax, columns, "each column")

    def whole(Z):
        e = np.exp(Z - Z.max())
        return e / e.sum()
    rejects(check.softmax, whole, "whole batch")


def test_cross_entropy_rejects_log_of_zero_and_wrong_reductions():
    rejects(check.cross_entropy, lambda P, y: -np.mean(np.log(P[np.arange(len(y)), y])), "divide by zero")
    rejects(check.cross_entropy, lambda P, y: -np.sum(np.log(np.clip(P[np.arange(len(y)), y], 1e-12, 1))),
            "sum over the samples")
    rejects(check.cross_entropy, lambda P, y: np.mean(np.log(np.clip(P[np.arange(len(y)), y], 1e-12, 1))),
            "sign is flipped")
    rejects(check.cross_entropy, lambda P, y: -np.mean(np.log(np.clip(P[:, y], 1e-12, 1))),
            "P[np.arange(m), y]")
    rejects(check.cross_entropy, lambda P, y: -np.mean(np.eye(P.shape[1])[y] * np.log(np.clip(P, 1e-12, 1))),
            "averaged over the classes")
    rejects(check.cross_entropy, lambda P, y: -np.mean(np.log(np.clip(P[np.arange(len(y)), y], 0.01, 1))),
            "large loss")


def test_softmax_output_delta_rejects_the_slides_sign_and_missing_factor():
    rejects(check.softmax_output_delta, lambda P, y: (np.eye(P.shape[1])[y] - P) / len(y), "sign is flipped")
    rejects(check.softmax_output_delta, lambda P, y: P - np.eye(P.shape[1])[y], "1/m is missing")
    rejects(check.softmax_output_delta, lambda P, y: P / len(y), "one-hot")

    def in_place(P, y):
        P[np.arange(len(y)), y] -= 1
        return P / len(y)
    rejects(check.softmax_output_delta, in_place, "in place")


def test_cnn_loss_rejects_a_missing_relu_and_broken_pieces():
    rejects(check.cnn_loss, make_cnn_loss(use_relu=False), "ReLU is missing")
    rejects(check.cnn_loss, make_cnn_loss(use_relu_backward=False), "ReLU lets no gradient through",
            "relu_backward")
    rejects(check.cnn_loss, make_cnn_loss(delta=lambda P, y: (np.eye(10)[y] - P) / len(y)), "sign is flipped")
    rejects(check.cnn_loss, make_cnn_loss(
        maxpool_backward=lambda d_out, X: d_out.repeat(2, axis=2).repeat(2, axis=3)), "numerical gradient", "maxpool_backward")

    def no_grads(params, X, y):
        return make_cnn_loss()(params, X, y)[0]
    rejects(check.cnn_loss, no_grads, "(loss, grads)")


def test_every_check_is_registered_in_notebook_order():
    assert list(check.exercises.checks) == [
        "conv2d_single", "hand_made_filters", "conv_forward", "conv_backward", "maxpool_forward",
        "maxpool_backward", "softmax", "cross_entropy", "softmax_output_delta", "cnn_loss"]


def test_the_solutions_pass(capsys):
    for name in check.exercises.checks:
        getattr(check, name)(check.catch_up(name))
    out = capsys.readouterr().out
    assert out.count("✔") == len(check.exercises.checks), out


def test_a_function_that_changes_its_input_in_place_does_not_corrupt_later_checks(capsys):
    def in_place(P, y):
        P[np.arange(len(y)), y] -= 1
        return P / len(y)
    for _ in range(2):
        rejects(check.softmax_output_delta, in_place, "in place")

    def pool_in_place(X):
        X[...] = 0
        return X[:, :, ::2, ::2], X
    rejects(check.maxpool_forward, pool_in_place, "in place")
    check.cross_entropy(cross_entropy_clipped)
    check.maxpool_forward(maxpool_forward_reshape)
    check.maxpool_backward(maxpool_backward_argmax)
    check.conv2d_single(conv2d_loops)
    check.conv_forward(conv_forward_windows)
    assert capsys.readouterr().out.count("✔") == 5


def test_large_mismatches_name_one_entry_instead_of_printing_the_array():
    def transposed_dW(d_out, cache):
        dX, dW, db = conv_backward_windows(d_out, cache)
        return dX, dW.transpose(0, 1, 3, 2), db
    message = rejects(check.conv_backward, transposed_dW, "dW is wrong in", "at index")
    assert len(message) < 1200, message

    message = rejects(check.maxpool_forward, lambda X: (-maxpool_forward_reshape(-X)[0], X), "out is wrong in")
    assert len(message) < 1200, message


def test_maxpool_backward_diagnoses_every_cell_on_random_inputs_too():
    def every_cell_except_tiny(d_out, X):
        dX = d_out.repeat(2, axis=2).repeat(2, axis=3)
        return dX if X.shape[0] > 1 else maxpool_backward_argmax(d_out, X)
    rejects(check.maxpool_backward, every_cell_except_tiny, "every cell")


# ---------------------------------------------------------------------------
# Issue 15: padding, stride and bias named by their true cause; caches pinned at the forward check
# ---------------------------------------------------------------------------
def conv_forward_padded(pads, subsample=None, bias_axis=1):
    """conv_forward with the padding (top, bottom, left, right) as given (a function of padding)."""
    def conv_forward(X, W, b, stride=1, padding=0):
        t, bo, l, r = pads(padding)
        Xp = np.pad(X, ((0, 0), (0, 0), (t, bo), (l, r)))
        if subsample:
            Xp, stride = Xp[:, :, ::stride, ::stride], 1
        windows = sliding_window_view(Xp, W.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
        out = np.einsum("nchwij,fcij->nfhw", windows, W)
        return out + (b[None, :, None, None] if bias_axis == 1 else b), (X, W, b, stride, padding)
    return conv_forward


@pytest.mark.parametrize("pads, words", [
    (lambda P: (P, 0, P, 0), ["only on one side", "at the start", "pad both"]),
    (lambda P: (0, P, 0, P), ["only on one side", "at the end", "pad both"]),
    (lambda P: (2 * P, 0, 2 * P, 0), ["all the padding", "one side", "the start"]),
    (lambda P: (0, 2 * P, 0, 2 * P), ["all the padding", "one side", "the end"]),
    (lambda P: (2 * P,) * 4, ["padding is doubled"]),
])
def test_conv_forward_names_one_sided_and_doubled_padding(pads, words):
    message = rejects(check.conv_forward, conv_forward_padded(pads), *words)
    assert "sum over c" not in message


def test_conv_forward_names_a_subsampled_input_and_a_bias_along_the_width_not_the_plus_one():
    message = rejects(check.conv_forward, conv_forward_padded(lambda P: (P,) * 4, subsample=True), "subsampled")
    assert "+ 1" not in message
    message = rejects(check.conv_forward, conv_forward_padded(lambda P: (P,) * 4, bias_axis=3), "along the last axis",
                      "b[None, :, None, None]")
    assert "sum over c" not in message


def test_conv_forward_pins_the_cache_and_names_the_wrong_item():
    def cache_as(make):
        return lambda X, W, b, stride=1, padding=0: (conv_forward_windows(X, W, b, stride, padding)[0],
                                                     make(X, W, b, stride, padding))
    rejects(check.conv_forward, cache_as(lambda X, W, b, s, P: (W, X, b, s, P)), "item 0 of the cache is W, not X",
            "(X, W, b, stride, padding)", "conv_backward")
    rejects(check.conv_forward, cache_as(lambda X, W, b, s, P: (_pad(X, P), W, b, s, P)), "the padded X, not X")
    rejects(check.conv_forward, cache_as(lambda X, W, b, s, P: (X, W, b, P, s)), "item 3 of the cache is padding")


def test_maxpool_forward_shows_its_input_and_pins_the_cache():
    message = rejects(check.maxpool_forward, lambda X: (maxpool_forward_reshape(X)[0] + 1, X), "[[1, 2, 5, 3]")
    assert "4×4" in message
    rejects(check.maxpool_forward, lambda X: (maxpool_forward_reshape(X)[0],) * 2, "the cache is out, not X",
            "maxpool_backward")
    rejects(check.maxpool_forward, lambda X: (X.reshape(*X.shape[:2], X.shape[2] // 2, X.shape[3] // 2, 4).max(-1), X),
            "windows are mixed up", "transpose(0, 1, 2, 4, 3, 5)")


@pytest.mark.parametrize("transpose_in, transpose_out, words", [
    (False, False, ["windows are mixed up", "pieces of four", "reverse"]),
    (False, True, ["mixed up on the way in", "transpose(0, 1, 2, 4, 3, 5)"]),
    (True, False, ["mixed up on the way back"]),
])
def test_maxpool_backward_names_windows_mixed_by_a_reshape(transpose_in, transpose_out, words):
    def quads(d_out, X):
        N, C, H, W = X.shape
        six = X.reshape(N, C, H // 2, 2, W // 2, 2)
        w = (six.transpose(0, 1, 2, 4, 3, 5) if transpose_in else six).reshape(N, C, H // 2, W // 2, 4)
        d = ((w.argmax(-1)[..., None] == np.arange(4)) * d_out[..., None]).reshape(N, C, H // 2, W // 2, 2, 2)
        return (d.transpose(0, 1, 2, 4, 3, 5) if transpose_out else d).reshape(N, C, H, W)
    rejects(check.maxpool_backward, quads, *words)


# ---------------------------------------------------------------------------
# Conventions: every correct alternative is accepted in float64; in float32 or as lists it is
# accepted or told exactly what to change (the dtype, np.array)
# ---------------------------------------------------------------------------
def _converted(func, kind):
    """func with its arrays (not its caches) returned in float32, or as lists."""
    def convert(value):
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, (np.ndarray, np.floating, float)):
            return np.asarray(value, dtype=np.float32)[()] if kind == "float32" else np.asarray(value).tolist()
        return value

    def wrapper(*args):
        result = func(*args)
        if not isinstance(result, tuple):
            return convert(result)
        if len(result) == 2 and not isinstance(result[1], dict):      # (out, cache): the cache stays
            return convert(result[0]), result[1]
        return tuple(convert(r) for r in result)
    return wrapper


def hand_made_filters_prewitt():
    v = np.array([[-1.0, 0, 1]] * 3)
    return v, v.T, np.ones((3, 3)) / 9


ALTERNATIVES = [("conv2d_single", f) for f in (conv2d_loops, conv2d_windows)] + [
    ("conv_forward", f) for f in (conv_forward_windows, conv_forward_im2col, conv_forward_loops)] + [
    ("conv_backward", f) for f in (conv_backward_windows, conv_backward_loops)] + [
    ("maxpool_forward", f) for f in (maxpool_forward_reshape, maxpool_forward_loops)] + [
    ("maxpool_backward", f) for f in (maxpool_backward_argmax, maxpool_backward_mask, maxpool_backward_loops)] + [
    ("softmax", f) for f in (softmax_stable, softmax_logsumexp)] + [
    ("cross_entropy", f) for f in (cross_entropy_clipped, cross_entropy_onehot)] + [
    ("softmax_output_delta", f) for f in (delta_onehot, delta_copy)] + [
    ("cnn_loss", make_cnn_loss()), ("hand_made_filters", hand_made_filters_prewitt)]


@pytest.mark.parametrize("kind", ["float64", "float32", "list"])
@pytest.mark.parametrize("name, func", ALTERNATIVES, ids=lambda v: getattr(v, "__name__", str(v)))
def test_correct_alternatives_in_float64_float32_and_lists(name, func, kind):
    check_function = getattr(check, name)
    if kind == "float64":
        accepts(check_function, func)
        return
    try:
        accepts(check_function, _converted(func, kind))
    except CheckFailed as failure:
        message = str(failure)
        expected = ["float32", "astype(float)"] if kind == "float32" else ["list", "np.array"]
        assert all(w in message for w in expected), message
        assert "Traceback" not in message and "could not be checked" not in message, message


def test_newcomer_findings_maxpool_axes_and_softmax_overflow_are_named():
    def positions(X):
        N, C, H, W = X.shape
        return X.reshape(N, C, H // 2, 2, W // 2, 2).max(axis=(2, 4)), X
    rejects(check.maxpool_forward, positions, "window positions (axes 2 and 4)", "axes 3 and 5")
    rejects(check.softmax, lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True), "overflows (e^1000 = inf)",
            "Z.max(axis=1, keepdims=True)")


def test_a_stride_ignored_is_named_in_every_case_never_called_off_by_one():
    message = rejects(check.conv_forward, lambda X, W, b, stride=1, padding=0: conv_forward_windows(X, W, b, 1, padding),
                      "stride is ignored")
    assert "off by one" not in message, message


@pytest.mark.parametrize("shift", [lambda Z: Z.max(), lambda Z: Z.mean(axis=1, keepdims=True)])
def test_softmax_rejects_a_stabilising_shift_that_is_not_each_rows_maximum(shift):
    def shifted(Z):
        e = np.exp(Z - shift(Z))
        return e / e.sum(axis=1, keepdims=True)
    rejects(check.softmax, shifted, "each row's own maximum", "not the batch's Z.max(), not the mean")


def test_softmax_summed_down_the_columns_after_a_right_max_is_named_not_the_max():
    def softmax(Z):
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=0, keepdims=True)
    with pytest.raises(CheckFailed) as failure:
        check.softmax(softmax)
    message = str(failure.value)
    assert "normalised each column" in message and "subtract each row's maximum" not in message, message
