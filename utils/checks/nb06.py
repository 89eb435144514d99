"""Checks for notebook 06, "Convolutional networks".

Expected values: small cases computed by hand (in the comments), properties (a bright pixel, a flat image, rows
summing to 1) and numerical gradients of the formula, written as loops in ``_conv`` (tested on the hand cases):
    out[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q W[f, c, p, q] · Xpad[n, c, i·s + p, j·s + q].
Known mistakes are data: the formula with the mistake put in, and the message naming it. The forward checks pin
the caches the backward passes read: conv_forward's (X, W, b, stride, padding), maxpool_forward's X.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .framework import Exercises, matches
from .gradcheck import numerical_gradient

exercises = Exercises("06_convolutional_networks")
catch_up, progress = exercises.catch_up, exercises.progress

IMAGE_3x3, KERNEL_2x2 = np.arange(1.0, 10.0).reshape(3, 3), np.array([[1.0, 2.0], [3.0, 4.0]])
# The kernel as it is: 1·1 + 2·2 + 4·3 + 5·4 = 37, then 47, 67, 77. A true convolution flips it
# to [[4, 3], [2, 1]]: 1·4 + 2·3 + 4·2 + 5·1 = 23, then 33, 53, 63.
XCORR_3x3, TRUE_CONV_3x3 = np.array([[37.0, 47], [67, 77]]), np.array([[23.0, 33], [53, 63]])
FLIPPED = ("you flipped the kernel: that is the 'true' convolution of mathematics. Deep learning's convolution is "
           "cross-correlation: multiply each window by the kernel as it is.")
SIZE_HINT = "output size off by one? There are H − KH + 1 window positions down and W − KW + 1 across: range(H - KH + 1)."
PAD = "np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))"
SUBSAMPLED = ("you subsampled the input (every stride-th pixel) and slid the kernel over that: the stride moves the "
              "window, whose HH × WW pixels stay next to each other. Window (i, j) covers rows i·stride … "
              "i·stride + HH − 1 of the padded input.")
NO_BIAS = "the bias b is missing: add b[f] to every position of filter f's map."


def _conv(X, W, b, stride, pad):
    """The formula as loops; ``pad`` is P, or (top, bottom, left, right) for the mistakes."""
    top, bottom, left, right = (pad,) * 4 if np.isscalar(pad) else pad
    Xp = np.pad(np.asarray(X, dtype=float), ((0, 0), (0, 0), (top, bottom), (left, right)))
    HH, WW = W.shape[2:]
    out = np.zeros((len(X), len(W), (Xp.shape[2] - HH) // stride + 1, (Xp.shape[3] - WW) // stride + 1))
    for i, j in np.ndindex(out.shape[2:]):
        out[:, :, i, j] = np.sum(Xp[:, None, :, i * stride:i * stride + HH, j * stride:j * stride + WW] * W,
                                 axis=(2, 3, 4)) + b
    return out


def _conv_mistakes(X, W, b, s, P):
    """(out with the mistake, the message naming it) for the known mistakes of conv_forward."""
    both = f"pad both the start and the end of H and W: {PAD}."
    sides = {(P, 0, P, 0): "the padding is only on one side, at the start (top and left); ",
             (0, P, 0, P): "the padding is only on one side, at the end (bottom and right); ",
             (2 * P, 0, 2 * P, 0): "all the padding (twice `padding`) is on one side, the start (top and left); ",
             (0, 2 * P, 0, 2 * P): "all the padding (twice `padding`) is on one side, the end (bottom and right); "}
    expected = _conv(X, W, b, s, P)
    mistakes = [(_conv(X, W, b, s, pads), text + both) for pads, text in sides.items()] + [
        (_conv(X, W[:, :, ::-1, ::-1], b, s, P), FLIPPED), (_conv(X, W, 0 * b, s, P), NO_BIAS),
        (_conv(X, W, 0 * b, s, P) + b, "b is added along the last axis (the width): `out + b` lines b up with W'. "
         "Each filter has one bias: add b[None, :, None, None] (axis 1 holds the filters)."),
        (_conv(X, W, b, s, 0), f"padding is ignored: pad H and W of X with `padding` zeros on each side first ({PAD})."),
        (_conv(X, W, b, s, 2 * P), f"the padding is doubled (X padded twice?): pad once, `padding` zeros on each side "
         f"({PAD})."),
        (_conv(X, W, b, 1, P), "the stride is ignored: the window moves by `stride` pixels, so position i starts at "
         "row i·stride."),
        (_conv(np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))[:, :, ::s, ::s], W, b, 1, 0), SUBSAMPLED),
        (_conv(X[:, :, ::s, ::s], W, b, 1, P), SUBSAMPLED),
        (_conv(X, W.transpose(0, 1, 3, 2), b, s, P), "the kernel is transposed: W[f, c, p, q] multiplies "
         "X_pad[n, c, i·stride + p, j·stride + q] (p down, q across)."),
        (_conv(X[:, :1], W[:, :1], b, s, P), "only the first channel is used: each filter covers all C channels; sum "
         "over c as well as over the window."),
        (expected[:, :, :-1, :-1], "output size off by one: H' = (H + 2·padding − HH) // stride + 1 (do not forget "
         "the + 1).")]
    # a mistake that gives the right out here, or the same out as another mistake, is not told in this case
    return [(w, m) for w, m in mistakes if not matches(w, expected) and all(m == n or not matches(w, v) for v, n in mistakes)]


def _forward(chk, X, W, b, s, P, expected=None, **options):
    """Run conv_forward on one case and compare out with ``expected`` (by default the formula)."""
    every_axis = f"np.pad(X, padding) pads every axis, the batch and the channels too: pad only H and W, {PAD}."
    out, cache = chk.call(X, W, b, s, P, returns="out, cache", error_hint=lambda error: (
        f"if you padded with np.pad(X, padding): it pads every axis, the channels too; pad only H and W, {PAD}."
        " Otherwise print the shapes of your arrays." if P and isinstance(error, ValueError) else None))
    chk.true(not P or np.shape(out)[:1] != (len(X) + 2 * P,), every_axis)
    expected = _conv(X, W, b, s, P) if expected is None else np.asarray(expected, dtype=float)
    size = "not H // stride + 1" if np.shape(out)[2:] == tuple(n // s + 1 for n in X.shape[2:]) else "here " + \
        " and ".join(f"({n} + 2·{P} − {k}) // {s} + 1 = {e}" for n, k, e in zip(X.shape[2:], W.shape[2:], expected.shape[2:]))
    chk.array(out, expected, what="out", diagnoses=_conv_mistakes(X, W, b, s, P), shape_hint="out is [N, F, H', W'] "
              f"with H' = (H + 2·padding − HH) // stride + 1 (and the same for W') ({size}).", **options)
    return cache


@exercises.exercise("conv2d_single")
def conv2d_single(chk):
    with chk.case("3×3 image [[1, 2, 3], [4, 5, 6], [7, 8, 9]], kernel [[1, 2], [3, 4]]"):
        chk.array(chk.call(IMAGE_3x3, KERNEL_2x2), XCORR_3x3, what="the feature map", shape_hint=SIZE_HINT, diagnoses=[
            (TRUE_CONV_3x3, FLIPPED), ([[37.0]], SIZE_HINT), ([[37.0, 47, 30], [67, 77, 42], [23, 26, 9]], SIZE_HINT)])
    with chk.case("one bright pixel in a 4×6 image, a 2×3 kernel"):
        # A single 1 at row 2, column 3: out[i, j] = K[2 − i, 3 − j] where that index exists: the kernel rotated
        # by 180° in rows 1–2, columns 1–3 (a flipped kernel shows there as it is).
        image, kernel, expected, flipped = np.zeros((4, 6)), np.arange(1.0, 7.0).reshape(2, 3), np.zeros((3, 4)), np.zeros((3, 4))
        image[2, 3], expected[1:, 1:], flipped[1:, 1:] = 1.0, kernel[::-1, ::-1], kernel
        chk.array(chk.call(image, kernel), expected, what="the feature map", diagnoses=[(flipped, FLIPPED)],
                  shape_hint="for a 4×6 image and a 2×3 kernel the output is 3×4: (H − KH + 1) × (W − KW + 1). Rows "
                  "and columns each have their own size.")
    with chk.case("kernel as large as the image [[1, 2], [3, 4]]: one number, 1 + 4 + 9 + 16 = 30"):
        chk.array(chk.call(KERNEL_2x2, KERNEL_2x2), [[30.0]], what="the feature map", shape_hint=SIZE_HINT)
    with chk.case("integer image and kernel"):
        chk.array(chk.call(IMAGE_3x3.astype(int), KERNEL_2x2.astype(int)), XCORR_3x3, what="the feature map")


@exercises.exercise("hand_made_filters")
def hand_made_filters(chk):
    names = ("vertical_edge", "horizontal_edge", "blur")
    with chk.case("three 3×3 kernels"):
        kernels = chk.call()
        chk.true(isinstance(kernels, tuple) and len(kernels) == 3, "expected three kernels (vertical_edge, "
                 f"horizontal_edge, blur), got {type(kernels).__name__}.", hint=f"end with `return {', '.join(names)}`.")
        for kernel, name in zip(kernels, names):
            chk.finite(chk.is_array(kernel, what=name, shape=(3, 3)), what=name)
    if chk.failures:        # no three 3×3 kernels to test further
        return
    vertical, horizontal, blur = (np.asarray(k, dtype=float) for k in kernels)
    step = np.zeros((1, 1, 6, 6))
    step[..., 3:] = 1.0          # a vertical edge: dark left, bright right; its transpose is a horizontal one
    for kernel, name, along, across in [(vertical, names[0], step, step.swapaxes(2, 3)),
                                         (horizontal, names[1], step.swapaxes(2, 3), step)]:
        with chk.case(f"{name}: edges only"):   # tolerances allow float32 rounding
            chk.true(abs(np.sum(kernel)) < 1e-6, f"{name} gives {np.sum(kernel):.3g} on a flat image, where there is "
                     "no edge.", hint="make its entries sum to 0, e.g. −1s on one side and +1s on the other.")
            on_edge, off_edge = (np.max(np.abs(_conv(image, kernel[None, None], 0, 1, 0))) for image in (along, across))
            chk.true(on_edge > 1e-9 or off_edge < 1e-6, f"{name} responds to the other direction of edge: are the "
                     "vertical and horizontal kernels swapped?",
                     hint="a vertical edge is a change from left to right: the kernel's columns differ.")
            chk.true(on_edge > 1e-9, f"{name} does not respond to a {name.split('_')[0]} edge.", hint="a vertical edge "
                     "is a change from left to right: e.g. −1 in the left column, 0 in the middle, +1 in the right.")
            chk.true(off_edge < 1e-6, f"{name} also responds to edges in the other direction ({off_edge:.3g}).",
                     hint="keep each row (vertical edges) or column (horizontal edges) of the kernel the same.")
    with chk.case("blur: a weighted average of the neighbourhood"):
        chk.true(np.all(blur >= 0), "blur has negative entries; an average has only weights ≥ 0.")
        chk.true(abs(np.sum(blur) - 1) < 1e-6, f"the entries of blur sum to {np.sum(blur):.6g}; they must sum to 1 to "
                 "keep the brightness.", hint="e.g. np.ones((3, 3)) / 9.")
        chk.true(np.count_nonzero(blur) >= 3, "blur averages fewer than three pixels: it barely blurs (one nonzero "
                 "entry is the identity).")


@exercises.exercise("conv_forward")
def conv_forward(chk):
    with chk.case("one 3×3 image [[1, 2, 3], [4, 5, 6], [7, 8, 9]], one 2×2 filter [[1, 2], [3, 4]], b = [10]"):
        _forward(chk, IMAGE_3x3[None, None], KERNEL_2x2[None, None], np.array([10.0]), 1, 0, (XCORR_3x3 + 10)[None, None])
    with chk.case("padding 1, the image above, filter [[0, 0, 0], [0, 1, 0], [0, 0, 2]]: it stays 3×3"):
        # out[i, j] = X[i, j] + 2·X[i+1, j+1] (0 beyond the border) = [[11, 14, 3], [20, 23, 6], [7, 8, 9]]
        _forward(chk, IMAGE_3x3[None, None], np.diag([0.0, 1, 2])[None, None], np.zeros(1), 1, 1,
                 [[[[11, 14, 3], [20, 23, 6], [7, 8, 9]]]])
    with chk.case("stride 2 on a 5×5 image X = 0 … 24 row by row, filter 1 top left and 10 bottom right"):
        # out[i, j] = X[2i, 2j] + 10·X[2i+2, 2j+2]: 0 + 120, 2 + 140, 10 + 220, 12 + 240
        _forward(chk, np.arange(25.0).reshape(1, 1, 5, 5), np.diag([1.0, 0, 10])[None, None], np.zeros(1), 2, 0,
                 [[[[120, 142], [230, 252]]]])
    with chk.case("2 images, 2 channels, 3 filters, 5×6, stride 2, padding 1 (against the formula)"):
        _forward(chk, *chk.random(6, (2, 2, 5, 6), (3, 2, 3, 3), 3), 2, 1, hint="compare with the formula out[n, f, i, "
                 "j] = b[f] + Σ_c Σ_p Σ_q W[f, c, p, q] · X_pad[n, c, i·stride + p, j·stride + q].")
    with chk.case("the cache conv_backward reads: (X, W, b, stride, padding), here stride 2, padding 1"):
        X, W, b = chk.random(61, (1, 1, 4, 4), (2, 1, 3, 3), 2)
        chk.cache(chk.call(X, W, b, 2, 1, returns="out, cache")[1], dict(X=X, W=W, b=b, stride=2, padding=1), used_by="conv_backward",
                  known={"the padded X": np.pad(X, ((0, 0), (0, 0), (1, 1), (1, 1))), "out": _conv(X, W, b, 2, 1)})


def _dX_assigned(d_out, X, W, s, P):
    """dX computed with = instead of +=: looping over the kernel offsets, and over the window positions."""
    (HH, WW), (Ho, Wo) = W.shape[2:], d_out.shape[2:]
    by_offset = np.zeros_like(np.pad(X, ((0, 0), (0, 0), (P, P), (P, P))))
    by_position = np.zeros_like(by_offset)
    for p, q in np.ndindex(HH, WW):
        by_offset[:, :, p:p + s * Ho:s, q:q + s * Wo:s] = np.einsum("nfhw,fc->nchw", d_out, W[:, :, p, q])
    for i, j in np.ndindex(Ho, Wo):
        by_position[:, :, i * s:i * s + HH, j * s:j * s + WW] = np.einsum("nf,fcpq->ncpq", d_out[:, :, i, j], W)
    return [a[:, :, P:P + X.shape[2], P:P + X.shape[3]] for a in (by_offset, by_position)]


@exercises.exercise("conv_backward")
def conv_backward(chk):
    db_shape = "db has one entry per filter: d_out.sum(axis=(0, 2, 3))."
    with chk.case("db for d_out of ones [2, 3, 2, 2]"):
        # db[f] = Σ over the 2 samples and the 2·2 positions of 1 = 8.
        X, W = chk.random(60, (2, 1, 3, 3), (3, 1, 2, 2))
        _, _, db = chk.call(np.ones((2, 3, 2, 2)), (X, W, np.zeros(3), 1, 0), returns="dX, dW, db")
        batch = "db is not summed over the batch: "
        chk.array(db, [8.0] * 3, what="db", shape_hint=db_shape, diagnoses=[
            (np.full((2, 3), 4.0), batch + "sum over the samples (axis 0) as well as the positions, so db has shape [F]."),
            ([4.0] * 3, batch + "it has only one sample's share; sum over axis 0 too."),
            ([1.0] * 3, "db is averaged; the bias is added at every position of every sample, so its gradient is the "
             "sum of d_out over axes 0, 2 and 3."), ([2.0] * 3, "db is not summed over the positions: sum over axes 2 and 3 too.")])
    for description, x_shape, w_shape, s, P in [
            ("stride 1, padding 1, 2 images × 2 channels, 3 filters", (2, 2, 4, 4), (3, 2, 3, 3), 1, 1),
            ("stride 2, padding 1, a 5×6 image, 2×2 filters", (2, 2, 5, 6), (3, 2, 2, 2), 2, 1),
            ("stride 2, no padding, a 7×7 image", (1, 3, 7, 7), (2, 3, 3, 3), 2, 0)]:
        with chk.case(f"{description}: against the numerical gradient"):
            X, W, b = chk.random(sum(x_shape) + 10 * s + P, x_shape, w_shape, w_shape[0])
            d_out = np.random.default_rng(s).normal(size=_conv(X, W, b, s, P).shape)
            dX, dW, db = chk.call(d_out, (X, W, b, s, P), returns="dX, dW, db")
            chk.true(not P or np.shape(dX) != np.pad(X, ((0, 0), (0, 0), (P, P), (P, P))).shape, "dX has the shape of "
                     "the padded input: crop the padding off (dX_pad[:, :, P:P + H, P:P + W]) so dX has the shape of X.")
            expected = [numerical_gradient(lambda: np.sum(_conv(X, W, b, s, P) * d_out), v) for v in (X, W, b)]
            chk.array(dX, expected[0], what="dX", rtol=1e-5, atol=1e-7, shape_hint="dX has the shape of X.", diagnoses=[
                (w, "dX: windows overlap, so their contributions add up: use += where you assigned with = (a pixel in "
                 "several windows gets the sum of their shares).") for w in _dX_assigned(d_out, X, W, s, P)
                if not np.allclose(w, expected[0])], hint="each window position sends W · d_out[n, f, i, j] back to the "
                "pixels it covered (starting at row i·stride, column j·stride of the padded input).")
            unstrided = sliding_window_view(np.pad(X, ((0, 0), (0, 0), (P, P), (P, P))), w_shape[2:], axis=(2, 3))
            chk.array(dW, expected[1], what="dW", rtol=1e-5, atol=1e-7, like=("W", W), diagnoses=[(np.einsum(
                "nchwij,nfhw->fcij", unstrided[:, :, :d_out.shape[2], :d_out.shape[3]], d_out), "dW takes the windows one "
                "pixel apart: window (i, j) starts at row i·stride, column j·stride (windows[:, :, ::stride, ::stride]).")]
                * (s > 1), hint="dW[f] sums window · d_out[n, f, i, j] over samples and positions.")
            chk.array(db, expected[2], what="db", rtol=1e-5, atol=1e-7, shape_hint=db_shape)


# A 4×4 image without ties in a 2×2 window; maxima 4 at (1, 0), 6 at (1, 2), 9 at (2, 1), 8 at (2, 3).
POOL_X = np.array([[1.0, 2, 5, 3], [4, 0, 6, 1], [7, 9, 2, 8], [3, 8.5, 4, 0.5]])
POOL_OUT = np.array([[4.0, 6.0], [9.0, 8.0]])
POOL_CASE = "X = [[1, 2, 5, 3], [4, 0, 6, 1], [7, 9, 2, 8], [3, 8.5, 4, 0.5]]"
QUADS = ("a reshape straight to [N, C, H/2, W/2, 4] cuts each image row into pieces of four instead of taking 2×2 "
         "windows. Reshape to (N, C, H // 2, 2, W // 2, 2), bring each window's axes together with "
         ".transpose(0, 1, 2, 4, 3, 5), then reshape to (N, C, H // 2, W // 2, 4)")
AXES = (0, 1, 2, 4, 3, 5)


def _pool(X):
    return sliding_window_view(X, (2, 2), axis=(2, 3))[:, :, ::2, ::2].max(axis=(4, 5))


def _six(X):
    return X.reshape(X.shape[0], X.shape[1], X.shape[2] // 2, 2, X.shape[3] // 2, 2)


def _pool_forward_mistakes(X):
    return [(_six(X).mean(axis=(3, 5)), "this is average pooling: take the maximum of each 2×2 window."),
            (_six(X).max(axis=(2, 4)), "you took the max over the window positions (axes 2 and 4) instead of the cells "
             "inside each window: of X.reshape(N, C, H // 2, 2, W // 2, 2), take the max over axes 3 and 5."),
            (_six(X).reshape(*X.shape[:2], X.shape[2] // 2, X.shape[3] // 2, 4).max(axis=-1), "the windows are mixed "
             "up: " + QUADS + " (or take the max over axes 3 and 5 of the 6-axis reshape)."),
            (sliding_window_view(X, (2, 2), axis=(2, 3)).max(axis=(4, 5)), "the windows overlap (stride 1): max pooling "
             "here moves by 2, so the output is half the size.")]


def _pool_backward_mistakes(X, d_out):
    def by_quads(into, back):       # argmax over windows of four, with or without the transpose each way
        quads = (_six(X).transpose(AXES) if into else _six(X)).reshape(*d_out.shape, 4)
        d = ((quads.argmax(axis=-1)[..., None] == np.arange(4)) * d_out[..., None]).reshape(*d_out.shape, 2, 2)
        return (d.transpose(AXES) if back else d).reshape(X.shape)
    everywhere = d_out.repeat(2, axis=2).repeat(2, axis=3)
    return [(everywhere, "the gradient went to every cell of the window; only the maximum gets it (the other cells "
             "did not change the output)."),
            (everywhere / 4, "the gradient was averaged over the window (that is average pooling); max pooling sends "
             "all of it to the cell that held the maximum."),
            (by_quads(False, False), "the windows are mixed up: " + QUADS + "; undo it in reverse order (reshape to 6 "
             "axes, the same transpose, reshape to [N, C, H, W])."),
            (by_quads(False, True), "the windows are mixed up on the way in: " + QUADS + "."),
            (by_quads(True, False), "the windows are mixed up on the way back: reshape to (N, C, H // 2, W // 2, 2, 2), "
             "transpose(0, 1, 2, 4, 3, 5) again, then reshape to [N, C, H, W].")]


@exercises.exercise("maxpool_forward")
def maxpool_forward(chk):
    for label, X, expected in [(f"one 4×4 image {POOL_CASE}", POOL_X[None, None], POOL_OUT[None, None]),
                               ("2 images, 3 channels, 6×8 (random, no ties)", chk.random(66, (2, 3, 6, 8)), None)]:
        with chk.case(label):
            out, cache = chk.call(X, returns="out, cache")
            chk.array(out, _pool(X) if expected is None else expected, what="out", diagnoses=_pool_forward_mistakes(X),
                      shape_hint=f"2×2 windows with stride 2 halve H and W: out is [N, C, H // 2, W // 2] = "
                      f"{[*X.shape[:2], X.shape[2] // 2, X.shape[3] // 2]} here.",
                      hint="pool each channel of each image on its own: the max over a 2×2 window only.")
            chk.cache(cache, {"X": X}, used_by="maxpool_backward", known={"out": _pool(X)})


@exercises.exercise("maxpool_backward")
def maxpool_backward(chk):
    with chk.case(f"{POOL_CASE}, d_out = [[1, 2], [3, 4]]"):
        # Each window's gradient goes to its maximum: 1 to (1, 0), 2 to (1, 2), 3 to (2, 1), 4 to (2, 3).
        X, d_out, expected = POOL_X[None, None], np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), np.zeros((1, 1, 4, 4))
        expected[0, 0, [1, 1, 2, 2], [0, 2, 1, 3]] = [1, 2, 3, 4]
        chk.array(chk.call(d_out, X), expected, what="dX", diagnoses=_pool_backward_mistakes(X, d_out),
                  shape_hint="dX has the shape of X.")
    with chk.case("2 images, 3 channels, 6×8 (random, no ties): against the numerical gradient"):
        X, d_out = chk.random(67, (2, 3, 6, 8), (2, 3, 3, 4))
        chk.array(chk.call(d_out, X), numerical_gradient(lambda: np.sum(_pool(X) * d_out), X), what="dX", rtol=1e-5,
                  atol=1e-7, shape_hint="dX has the shape of X.", diagnoses=_pool_backward_mistakes(X, d_out),
                  hint="each window's d_out goes to the position of that window's maximum, in that image and channel.")


COLUMNS = ("you normalised each column; each row (one sample's K scores) must sum to 1: use axis=1 with "
           "keepdims=True.")


def _by_columns(Z):
    """The row maximum subtracted as it should be, but the sum taken down the columns."""
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


@exercises.exercise("softmax")
def softmax(chk):
    with chk.case("Z = [[0, ln 2, ln 3], [5, 5, 5]]"):
        Z = np.array([[0.0, np.log(2), np.log(3)], [5.0, 5.0, 5.0]])     # exp -> [1, 2, 3] / 6 and [e⁵, e⁵, e⁵] / 3e⁵
        chk.array(chk.call(Z), [[1 / 6, 1 / 3, 1 / 2], [1 / 3] * 3], what="P", shape_hint="P has the shape of Z: [m, K].",
                  diagnoses=[(np.exp(Z) / np.exp(Z).sum(axis=0), COLUMNS), (_by_columns(Z), COLUMNS),
                             (np.exp(Z) / np.exp(Z).sum(), "you divided by the sum over the whole batch; each row must "
                              "sum to 1 on its own: sum with axis=1, keepdims=True.")])
    with chk.case("large logits [[1000, 1001, 1002], [-1000, -999, -1000], [-1000, 1000, -1000]] (exp(1000) "
                  "overflows: subtract each row's maximum first)"):
        # unchanged by subtracting a row's constant: [e⁻², e⁻¹, 1] / (e⁻² + e⁻¹ + 1), [e⁻¹, 1, e⁻¹] / (1 + 2e⁻¹),
        # [e⁻²⁰⁰⁰, 1, e⁻²⁰⁰⁰] / (1 + 2e⁻²⁰⁰⁰) = [0, 1, 0]. The batch's maximum gives row 2 0/0; each row's mean, e^1333.
        rows = np.exp([[-2.0, -1.0, 0.0], [-1.0, 0.0, -1.0], [-2000, 0, -2000]])
        got = chk.call(np.array([[1000.0, 1001, 1002], [-1000, -999, -1000], [-1000, 1000, -1000]]), warning_hint="np.exp "
                       "of a large number overflows (e^1000 = inf), and a row whose exps all round to 0 gives 0 / 0: "
                       "subtract each row's own maximum, Z.max(axis=1, keepdims=True), before np.exp (not the batch's "
                       "Z.max(), not the mean).")
        chk.array(got, rows / rows.sum(axis=1)[:, None], what="P", diagnoses=[(_by_columns(np.array(
            [[1000.0, 1001, 1002], [-1000, -999, -1000], [-1000, 1000, -1000]])), COLUMNS)],
                  hint="subtract each row's maximum (Z.max(axis=1, keepdims=True)) before np.exp.")
    with chk.case("a single sample, Z of shape (1, 4)"):
        chk.array(chk.call(np.ones((1, 4))), [[0.25] * 4], what="P", diagnoses=[(_by_columns(np.ones((1, 4))), COLUMNS)])


P_2x3, Y_2 = np.array([[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]]), np.array([0, 1])


@exercises.exercise("cross_entropy")
def cross_entropy(chk):
    with chk.case("P = [[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]], y = [0, 1]"):
        value = -(np.log(0.5) + np.log(0.8)) / 2        # (0.6931 + 0.2231) / 2 = 0.4581
        chk.scalar(chk.call(P_2x3, Y_2), value, what="the loss", hint="−mean over samples of log P[i, y_i].", diagnoses=[
            (2 * value, "you return the sum over the samples; the loss is their mean (divide by m)."),
            (-value, "the sign is flipped: the loss is −log of the probability of the true class."),
            (value / 3, "you averaged over the classes too: sum over the classes, average over the samples."),
            (-np.mean(np.log(P_2x3[:, Y_2])), "P[:, y] picks a whole block of columns; take one entry per row: "
             "P[np.arange(m), y].")])
    with chk.case("a perfect prediction: P = [[0, 1, 0]], y = [1]"):
        chk.scalar(chk.call(np.array([[0.0, 1.0, 0.0]]), np.array([1])), 0.0, what="the loss", atol=1e-6,
                   hint="log 1 = 0: only the true class's probability counts.")
    with chk.case("the true class has probability exactly 0: P = [[1, 0]], y = [1]"):
        got = chk.scalar(chk.call(np.array([[1.0, 0.0]]), np.array([1])), what="the loss",
                         hint="log(0) = −inf: clip the probabilities, e.g. np.clip(p, 1e-12, 1).")
        chk.true(got > 10, f"a sure but wrong prediction should cost a large loss, got {got:.4g}.",
                 hint="clip P to a small positive number like 1e-12 (not 0.01) before the log.")


def _mean_cross_entropy(Z, y):
    shifted = Z - Z.max(axis=1, keepdims=True)       # log-softmax by the log-sum-exp formula
    return -np.mean(shifted[np.arange(len(y)), y] - np.log(np.exp(shifted).sum(axis=1)))


@exercises.exercise("softmax_output_delta")
def softmax_output_delta(chk):
    sign = "the sign is flipped: the slide's (y − p) climbs the loss; the gradient is (P − onehot) / m."
    no_m = "the 1/m is missing: the loss is a mean over the m samples, so is its gradient."
    with chk.case("P = [[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]], y = [0, 1]"):
        expected = np.array([[-0.25, 0.125, 0.125], [0.05, -0.1, 0.05]])   # (P − [[1, 0, 0], [0, 1, 0]]) / 2
        chk.array(chk.call(P_2x3, Y_2), expected, what="dZ", shape_hint="dZ has the shape of P: [m, K].", diagnoses=[
            (-expected, sign), (2 * expected, no_m), (expected / 3, "you divided by m·K; only by m (the number of samples)."),
            (P_2x3 / 2, "the one-hot target is not subtracted: subtract 1 at each sample's true class.")])
    with chk.case("random logits [4, 5] against the numerical gradient"):
        Z, y = chk.random(68, (4, 5)), np.array([0, 4, 2, 2])
        numeric = numerical_gradient(lambda: _mean_cross_entropy(Z, y), Z)
        chk.array(chk.call(np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True), y), numeric, what="dZ", rtol=1e-5, atol=1e-8,
                  diagnoses=[(-numeric, sign), (4 * numeric, no_m)],
                  hint="(P − onehot(y)) / m, the one-hot row having a 1 at the true class.")


def _cnn(params, X, y):
    """The loss of the notebook's network by the formulas: conv, ReLU, pool, dense, softmax cross entropy."""
    pooled = _pool(np.maximum(_conv(X, params["W1"], params["b1"], 1, 1), 0))
    return _mean_cross_entropy(pooled.reshape(len(X), -1) @ params["W2"] + params["b2"], y)


def _loss_and_grads(chk, params, X, y, **options):
    """Call cnn_loss; check the form of grads and the loss against the formulas."""
    loss, grads = chk.call(params, X, y, returns="loss, grads", error_hint="the table's shapes: conv_forward(X, W1, b1, "
                           "stride=1, padding=1) keeps 8×8 (padding 1), max pooling halves it to 4×4, so pooled.reshape(N, -1) "
                           "has F·16 columns, as W2 has rows.")
    keys = 'grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}.'
    chk.true(isinstance(grads, dict), f"expected grads to be a dict, got {type(grads).__name__}.", hint=keys)
    chk.true(set(params) <= set(grads), f"grads has no {', '.join(k for k in params if k not in grads)}.", hint=keys)
    for key in params:
        chk.is_array(grads[key], what=f'grads["{key}"]', shape=params[key].shape, hint="a gradient has the shape of its parameter.")
    chk.scalar(loss, _cnn(params, X, y), what="the loss", **options)
    return grads


@exercises.exercise("cnn_loss")
def cnn_loss(chk):
    zero = {"W1": np.zeros((2, 1, 3, 3)), "b1": np.zeros(2), "W2": np.zeros((32, 10)), "b2": np.zeros(10)}
    with chk.case("all weights 0: every class gets 1/10"):
        # logits 0, P = 1/10 each, loss ln 10 = 2.3026; db2 = mean of (P − onehot): 0.1 − 1/2 at classes 3 and 7, else 0.1
        grads = _loss_and_grads(chk, zero, np.random.default_rng(69).uniform(0, 1, (2, 1, 8, 8)), np.array([3, 7]),
                                hint="with all weights 0, softmax gives 1/10 to every class.")
        db2 = np.full(10, 0.1) - 0.5 * np.isin(np.arange(10), [3, 7])
        chk.array(grads["b2"], db2, what='grads["b2"]', diagnoses=[
            (-db2, "the sign is flipped: the output delta is (P − onehot) / m."), (2 * db2, "the 1/m is missing from the output delta.")])
    with chk.case("conv bias −1, W1 = 0: the ReLU must zero every feature"):
        # Conv output −1 everywhere -> ReLU 0 -> pooled 0 -> logits = b2 = 0 -> loss ln 10. Without the ReLU the 32
        # features are −1, class 0's logit is 32 · (−0.1) = −3.2, the others 0, so (y = [0, 1]) the loss is
        # mean(3.2 + ln(9 + e^−3.2), ln(9 + e^−3.2)) = 1.6 + ln(9 + e^−3.2).
        params = {**zero, "b1": -np.ones(2), "W2": np.zeros((32, 10)) + 0.1 * (np.arange(10) == 0)}
        grads = _loss_and_grads(chk, params, np.random.default_rng(70).uniform(0, 1, (2, 1, 8, 8)), np.array([0, 1]),
                                hint="apply relu_forward to the convolution's output before max pooling.", diagnoses=[
                                    (1.6 + np.log(9 + np.exp(-3.2)), "the ReLU is missing: negative features should become 0.")])
        chk.true(np.allclose(grads["b1"], 0) and np.allclose(grads["W1"], 0), 'grads["W1"] and grads["b1"] should be 0 '
                 "here: every convolution output is −1, so the ReLU lets no gradient through.",
                 hint="apply relu_backward between maxpool_backward and conv_backward.")
    with chk.case("random weights, 3 images: against the numerical gradient"):
        rng = np.random.default_rng(71)
        params = {"W1": rng.normal(0, 0.5, (2, 1, 3, 3)), "b1": rng.normal(0, 0.1, 2),
                  "W2": rng.normal(0, 0.5, (32, 10)), "b2": rng.normal(0, 0.1, 10)}
        X, y = rng.uniform(0, 1, (3, 1, 8, 8)), np.array([1, 5, 9])
        grads = _loss_and_grads(chk, params, X, y)
        for key, rows in (("b2", 10), ("W2", 4), ("b1", 2), ("W1", 2)):   # 4 rows of W2 keep the check fast
            chk.array(grads[key][:rows], numerical_gradient(lambda: _cnn(params, X, y), params[key][:rows]), rtol=1e-4,
                      atol=1e-7, what=f'grads["{key}"]' + ("[:4]" if key == "W2" else ""), hint="go backwards through the "
                      "layers: softmax_output_delta, dense_backward, reshape to the pooled shape, maxpool_backward, "
                      "relu_backward, conv_backward.")
