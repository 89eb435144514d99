"""Checks for notebook 06, "Convolutional networks".

Expected values are small cases computed by hand (the arithmetic is in the
comments), properties (a single bright pixel, a flat image, rows of a softmax
summing to 1) and the numerical gradient. The gradient checks of the
convolution need a forward pass to differentiate numerically: for that,
``_conv_by_definition`` spells out the formula

    out[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q W[f, c, p, q] · Xpad[n, c, i·s + p, j·s + q]

as plain loops; it is itself tested against the hand-computed cases.

Cache contract (stated in the notebook's docstrings, so that the backward
checks do not depend on the learner's forward pass):
- ``conv_forward`` returns ``(out, (X, W, b, stride, padding))``;
- ``maxpool_forward`` returns ``(out, X)``.
"""
import numpy as np

from .framework import Exercises
from .gradcheck import numerical_gradient

exercises = Exercises("06_convolutional_networks")
catch_up = exercises.catch_up
progress = exercises.progress

# A 3×3 image and an asymmetric 2×2 kernel used by several cases.
IMAGE_3x3 = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
KERNEL_2x2 = np.array([[1.0, 2.0], [3.0, 4.0]])
# Cross-correlation (the kernel as it is):
#   top-left     1·1 + 2·2 + 4·3 + 5·4 = 37     top-right    2·1 + 3·2 + 5·3 + 6·4 = 47
#   bottom-left  4·1 + 5·2 + 7·3 + 8·4 = 67     bottom-right 5·1 + 6·2 + 8·3 + 9·4 = 77
XCORR_3x3 = np.array([[37.0, 47.0], [67.0, 77.0]])
# A true convolution flips the kernel to [[4, 3], [2, 1]]:
#   1·4 + 2·3 + 4·2 + 5·1 = 23,  33,  53,  63
TRUE_CONV_3x3 = np.array([[23.0, 33.0], [53.0, 63.0]])

FLIPPED = ("you flipped the kernel: that is the 'true' convolution of mathematics. "
           "Deep learning's convolution is cross-correlation: multiply each window by the kernel as it is.")
CONV_SIZE_HINT = ("output size off by one? out is [N, F, H', W'] with "
                  "H' = (H + 2·padding − HH) // stride + 1 (and the same for W').")
SIZE_HINT = ("output size off by one? There are H − KH + 1 window positions down and "
             "W − KW + 1 across: range(H - KH + 1).")


def _conv_by_definition(X, W, b, stride, padding):
    """The convolution formula as plain loops (a reference for the gradient checks)."""
    N, C, H, Wd = X.shape
    F, _, HH, WW = W.shape
    Xp = np.zeros((N, C, H + 2 * padding, Wd + 2 * padding))
    Xp[:, :, padding:padding + H, padding:padding + Wd] = X
    H_out = (H + 2 * padding - HH) // stride + 1
    W_out = (Wd + 2 * padding - WW) // stride + 1
    out = np.zeros((N, F, H_out, W_out))
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    window = Xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                    out[n, f, i, j] = np.sum(window * W[f]) + b[f]
    return out


def _compare(chk, got, expected, *, what, rtol=1e-5, atol=1e-7, diagnoses=(), hint=None, shape_hint=None):
    """Like chk.array, but a mismatch in a large array names one wrong entry instead of printing it all."""
    expected = np.asarray(expected, dtype=float)
    if expected.size <= 12:
        return chk.array(got, expected, what=what, rtol=rtol, atol=atol, diagnoses=diagnoses,
                         hint=hint, shape_hint=shape_hint)
    got = chk.is_array(got, what=what)
    for wrong, message in diagnoses:
        wrong = np.asarray(wrong, dtype=float)
        if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-5, atol=1e-8):
            chk.fail(message)
    if got.shape != expected.shape:
        chk.fail(f"expected {what} to have shape {expected.shape}, got shape {got.shape}.",
                 hint=shape_hint or hint)
    chk.finite(got, what=what)
    if not np.allclose(got, expected, rtol=rtol, atol=atol):
        error = np.abs(got - expected) - rtol * np.abs(expected)
        worst = tuple(int(i) for i in np.unravel_index(np.argmax(error), got.shape))
        wrong_entries = int(np.sum(~np.isclose(got, expected, rtol=rtol, atol=atol)))
        chk.fail(f"{what} is wrong in {wrong_entries} of {got.size} entries; at index {worst} "
                 f"expected {expected[worst]:.4g}, got {got[worst]:.4g}.", hint=hint)
    return got


def _pair(chk, result, name, what):
    """``result`` as the pair ``what`` names, e.g. "(Z, cache)" (see Check.unpack)."""
    names = tuple(n.strip() for n in what.strip("()").split(","))
    return chk.unpack(result, names, func_name=name)


# ---------------------------------------------------------------------------
# 1. conv2d_single
# ---------------------------------------------------------------------------
@exercises.register("conv2d_single")
def conv2d_single(func):
    with exercises.check("conv2d_single", func) as chk:
        with chk.case("3×3 image, kernel [[1, 2], [3, 4]]"):
            got = chk.call(IMAGE_3x3.copy(), KERNEL_2x2.copy())
            chk.array(got, XCORR_3x3, what="the feature map", diagnoses=[
                (TRUE_CONV_3x3, FLIPPED),
                ([[37.0]], SIZE_HINT),
                ([[37.0, 47.0, 30.0], [67.0, 77.0, 42.0], [7.0 + 16.0, 8.0 + 18.0, 9.0]], SIZE_HINT),
            ], shape_hint=SIZE_HINT)
        with chk.case("one bright pixel in a 4×6 image, a 2×3 kernel"):
            # A single 1 at row 2, column 3: out[i, j] = K[2 − i, 3 − j] where that
            # index exists, else 0 -- cross-correlation shows the kernel rotated by 180°.
            image = np.zeros((4, 6))
            image[2, 3] = 1.0
            kernel = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
            expected = np.zeros((3, 4))
            for i in range(3):
                for j in range(4):
                    if 0 <= 2 - i < 2 and 0 <= 3 - j < 3:
                        expected[i, j] = kernel[2 - i, 3 - j]
            flipped = np.zeros((3, 4))
            for i in range(3):
                for j in range(4):
                    if 0 <= 2 - i < 2 and 0 <= 3 - j < 3:
                        flipped[i, j] = kernel[::-1, ::-1][2 - i, 3 - j]
            got = chk.call(image, kernel)
            chk.array(got, expected, what="the feature map", diagnoses=[(flipped, FLIPPED)],
                      shape_hint="for a 4×6 image and a 2×3 kernel the output is 3×4: "
                      "(H − KH + 1) × (W − KW + 1). Rows and columns each have their own size.")
        with chk.case("kernel as large as the image: one number, their dot product"):
            # 1·1 + 2·2 + 3·3 + 4·4 = 30
            got = chk.call(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]))
            chk.array(got, [[30.0]], what="the feature map", shape_hint=SIZE_HINT)
        with chk.case("integer image and kernel"):
            got = chk.call(IMAGE_3x3.astype(int), KERNEL_2x2.astype(int))
            chk.array(got, XCORR_3x3, what="the feature map")


# ---------------------------------------------------------------------------
# 2. hand-made filters
# ---------------------------------------------------------------------------
def _correlate_valid(image, kernel):
    return _conv_by_definition(image[None, None], kernel[None, None], np.zeros(1), 1, 0)[0, 0]


@exercises.register("hand_made_filters")
def hand_made_filters(func):
    with exercises.check("hand_made_filters", func) as chk:
        with chk.case("three 3×3 kernels"):
            result = chk.call()
            if not isinstance(result, tuple) or len(result) != 3:
                chk.fail(f"expected three kernels (vertical_edge, horizontal_edge, blur), got "
                         f"{type(result).__name__}.", hint="end with `return vertical_edge, horizontal_edge, blur`.")
            for kernel, name in zip(result, ("vertical_edge", "horizontal_edge", "blur")):
                chk.is_array(kernel, what=name, shape=(3, 3))
                chk.finite(kernel, what=name)
        if chk.failures:        # no three 3×3 kernels to test further
            return
        vertical, horizontal, blur = (np.asarray(k, dtype=float) for k in result)
        step_left_right = np.zeros((6, 6))
        step_left_right[:, 3:] = 1.0          # a vertical edge: dark left, bright right
        step_top_bottom = step_left_right.T   # a horizontal edge: dark top, bright bottom
        for kernel, name, along, across in [
            (vertical, "vertical_edge", step_left_right, step_top_bottom),
            (horizontal, "horizontal_edge", step_top_bottom, step_left_right),
        ]:
            with chk.case(f"{name}: edges only"):
                flat = np.sum(kernel)   # the response on a flat (constant 1) image
                chk.true(abs(flat) < 1e-9,
                         f"{name} gives {flat:.3g} on a flat image, where there is no edge.",
                         hint="make its entries sum to 0, e.g. −1s on one side and +1s on the other.")
                on_edge = np.max(np.abs(_correlate_valid(along, kernel)))
                off_edge = np.max(np.abs(_correlate_valid(across, kernel)))
                if on_edge < 1e-9 and off_edge > 1e-9:
                    chk.fail(f"{name} responds to the other direction of edge: are the vertical and "
                             "horizontal kernels swapped?",
                             hint="a vertical edge is a change from left to right: the kernel's columns differ.")
                chk.true(on_edge > 1e-9, f"{name} does not respond to a {name.split('_')[0]} edge.",
                         hint="a vertical edge is a change from left to right: e.g. −1 in the left "
                         "column, 0 in the middle, +1 in the right.")
                chk.true(off_edge < 1e-9,
                         f"{name} also responds to edges in the other direction ({off_edge:.3g}).",
                         hint="keep each row (vertical edges) or column (horizontal edges) of the kernel the same.")
        with chk.case("blur: a weighted average of the neighbourhood"):
            chk.true(np.all(blur >= 0), "blur has negative entries; an average has only weights ≥ 0.")
            chk.true(abs(np.sum(blur) - 1) < 1e-9,
                     f"the entries of blur sum to {np.sum(blur):.4g}; they must sum to 1 to keep the brightness.",
                     hint="e.g. np.ones((3, 3)) / 9.")
            chk.true(np.count_nonzero(blur) >= 3,
                     "blur averages fewer than three pixels: it barely blurs (one nonzero entry is the identity).")


# ---------------------------------------------------------------------------
# 3. conv_forward
# ---------------------------------------------------------------------------
def _forward_out(chk, result):
    out, _ = _pair(chk, result, "conv_forward", "out, cache")
    return out


@exercises.register("conv_forward")
def conv_forward(func):
    with exercises.check("conv_forward", func) as chk:
        with chk.case("one 3×3 image, one 2×2 filter, b = [10]"):
            X = IMAGE_3x3[None, None].copy()
            W = KERNEL_2x2[None, None].copy()
            b = np.array([10.0])
            result = chk.call(X, W, b, 1, 0)
            out = _forward_out(chk, result)
            chk.array(out, (XCORR_3x3 + 10)[None, None], what="out", diagnoses=[
                ((TRUE_CONV_3x3 + 10)[None, None], FLIPPED),
                (XCORR_3x3[None, None], "the bias b is missing: add b[f] to every position of filter f's map."),
            ], shape_hint=CONV_SIZE_HINT)
        with chk.case("padding = 1: a 3×3 image stays 3×3"):
            # The kernel [[0,0,0],[0,1,0],[0,0,2]] gives out[i, j] = X[i, j] + 2·X[i+1, j+1]
            # (zeros beyond the border): [[1+10, 2+12, 3], [4+16, 5+18, 6], [7, 8, 9]].
            X = IMAGE_3x3[None, None].copy()
            W = np.array([[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 2.0]])[None, None]
            result = chk.call(X, W, np.zeros(1), 1, 1)
            out = _forward_out(chk, result)
            chk.array(out, [[[[11, 14, 3], [20, 23, 6], [7, 8, 9]]]], what="out", diagnoses=[
                ([[[[23.0]]]], "padding is ignored: pad H and W of X with `padding` zeros on each "
                 "side first (np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding))))."),
                ([[[[11, 14], [20, 23]]]], "the padding is only on one side: pad both the start and the end."),
                ([[[[1, 2, 3], [4, 7, 10], [7, 16, 19]]]], FLIPPED),
            ], shape_hint="with padding 1 and a 3×3 filter the output has the input's size. " + CONV_SIZE_HINT)
        with chk.case("stride = 2 on a 5×5 image"):
            # A filter with a single 1 in its top-left corner copies X[2i, 2j]:
            # X = 0..24 row by row -> [[0, 2], [10, 12]]  ((5 − 3) // 2 + 1 = 2 positions).
            X = np.arange(25.0).reshape(1, 1, 5, 5)
            W = np.zeros((1, 1, 3, 3))
            W[0, 0, 0, 0] = 1.0
            result = chk.call(X, W, np.zeros(1), 2, 0)
            out = _forward_out(chk, result)
            chk.array(out, [[[[0, 2], [10, 12]]]], what="out", diagnoses=[
                ([[[[0, 1, 2], [5, 6, 7], [10, 11, 12]]]],
                 "the stride is ignored: the window moves by `stride` pixels, so position i starts at row i·stride."),
                ([[[[0]]]], "output size off by one: H' = (H + 2·padding − HH) // stride + 1 (do not forget the + 1)."),
                ([[[[0, 2, 4], [10, 12, 14], [20, 22, 24]]]],
                 "output size off by one: H' = (H + 2·padding − HH) // stride + 1, not H // stride + 1."),
            ], shape_hint=CONV_SIZE_HINT + " Here (5 − 3) // 2 + 1 = 2.")
        with chk.case("2 images, 2 channels, 3 filters, 5×6, stride 2, padding 1 (against the formula)"):
            rng = np.random.default_rng(6)
            X = rng.normal(size=(2, 2, 5, 6))
            W = rng.normal(size=(3, 2, 3, 3))
            b = rng.normal(size=3)
            result = chk.call(X, W, b, 2, 1)
            out = _forward_out(chk, result)
            _compare(chk, out, _conv_by_definition(X, W, b, 2, 1), what="out", diagnoses=[
                (_conv_by_definition(X, W[:, :, ::-1, ::-1], b, 2, 1), FLIPPED),
                (_conv_by_definition(X, W, np.zeros(3), 2, 1),
                 "the bias b is missing: add b[f] to every position of filter f's map."),
            ], shape_hint=CONV_SIZE_HINT + " Here out is [2, 3, 3, 3]: (5 + 2 − 3) // 2 + 1 = 3 "
               "and (6 + 2 − 3) // 2 + 1 = 3.",
               hint="every filter looks at all channels: sum over c as well as over the window.")
        with chk.case("the cache is (X, W, b, stride, padding)"):
            rng = np.random.default_rng(61)
            X = rng.normal(size=(1, 1, 4, 4))
            W = rng.normal(size=(2, 1, 3, 3))
            b = np.zeros(2)
            _, cache = _pair(chk, chk.call(X, W, b, 1, 1), "conv_forward", "out, cache")
            ok = (isinstance(cache, tuple) and len(cache) == 5
                  and all(isinstance(a, np.ndarray) for a in cache[:3])
                  and cache[0].shape == X.shape and np.allclose(cache[0], X)
                  and cache[1].shape == W.shape and np.allclose(cache[1], W)
                  and cache[3] == 1 and cache[4] == 1)
            chk.true(ok, "the cache is not (X, W, b, stride, padding).",
                     hint="end with `return out, (X, W, b, stride, padding)`: conv_backward reads it in that order.")


# ---------------------------------------------------------------------------
# 4. conv_backward
# ---------------------------------------------------------------------------
def _unpack_three(chk, result):
    if result is None:
        chk.fail("conv_backward returned None.", hint="end with `return dX, dW, db`.")
    if not isinstance(result, tuple) or len(result) != 3:
        chk.fail(f"expected three gradients (dX, dW, db), got {type(result).__name__}.",
                 hint="end with `return dX, dW, db`.")
    return result


def _dX_assigned(d_out, X, W, stride, padding):
    """dX computed with = instead of +=: looping over the kernel offsets, and over the window positions."""
    N, C, H, Wd = X.shape
    HH, WW = W.shape[2:]
    Ho, Wo = d_out.shape[2:]
    by_offset = np.zeros((N, C, H + 2 * padding, Wd + 2 * padding))
    for p in range(HH):
        for q in range(WW):
            by_offset[:, :, p:p + stride * Ho:stride, q:q + stride * Wo:stride] = \
                np.einsum("nfhw,fc->nchw", d_out, W[:, :, p, q])
    by_position = np.zeros_like(by_offset)
    for i in range(Ho):
        for j in range(Wo):
            by_position[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW] = \
                np.einsum("nf,fcpq->ncpq", d_out[:, :, i, j], W)
    crop = (slice(None), slice(None), slice(padding, padding + H), slice(padding, padding + Wd))
    return by_offset[crop], by_position[crop]


@exercises.register("conv_backward")
def conv_backward(func):
    with exercises.check("conv_backward", func) as chk:
        with chk.case("db for d_out of ones [2, 3, 2, 2]"):
            # db[f] = Σ over the 2 samples and the 2·2 positions of 1 = 8.
            rng = np.random.default_rng(60)
            X = rng.normal(size=(2, 1, 3, 3))
            W = rng.normal(size=(3, 1, 2, 2))
            cache = (X, W, np.zeros(3), 1, 0)
            _, _, db = _unpack_three(chk, chk.call(np.ones((2, 3, 2, 2)), cache))
            chk.array(db, [8.0, 8.0, 8.0], what="db", diagnoses=[
                (np.full((2, 3), 4.0), "db is not summed over the batch: sum over the samples "
                 "(axis 0) as well as the positions, so db has shape [F]."),
                ([4.0, 4.0, 4.0], "db is not summed over the batch: it has only one sample's share; "
                 "sum over axis 0 too."),
                ([1.0, 1.0, 1.0], "db is averaged; the bias is added at every position of every "
                 "sample, so its gradient is the sum of d_out over axes 0, 2 and 3."),
                ([2.0, 2.0, 2.0], "db is not summed over the positions: sum over axes 2 and 3 too."),
            ], shape_hint="db has one entry per filter: d_out.sum(axis=(0, 2, 3)).")
        cases = [
            ("stride 1, padding 1, 2 images × 2 channels, 3 filters", (2, 2, 4, 4), (3, 2, 3, 3), 1, 1),
            ("stride 2, padding 1, a 5×6 image, 2×2 filters", (2, 2, 5, 6), (3, 2, 2, 2), 2, 1),
            ("stride 2, no padding, a 7×7 image", (1, 3, 7, 7), (2, 3, 3, 3), 2, 0),
        ]
        for description, x_shape, w_shape, stride, padding in cases:
            with chk.case(f"{description}: against the numerical gradient"):
                rng = np.random.default_rng(sum(x_shape) + 10 * stride + padding)
                X = rng.normal(size=x_shape)
                W = rng.normal(size=w_shape)
                b = rng.normal(size=w_shape[0])
                d_out = rng.normal(size=_conv_by_definition(X, W, b, stride, padding).shape)
                dX, dW, db = _unpack_three(chk, chk.call(d_out, (X, W, b, stride, padding)))

                def loss():
                    return np.sum(_conv_by_definition(X, W, b, stride, padding) * d_out)

                dX = chk.is_array(dX, what="dX")
                if dX.shape == (x_shape[0], x_shape[1], x_shape[2] + 2 * padding, x_shape[3] + 2 * padding) \
                        and padding:
                    chk.fail("dX has the shape of the padded input: crop the padding off "
                             "(dX_pad[:, :, P:P + H, P:P + W]) so dX has the shape of X.")
                expected_dX = numerical_gradient(loss, X)
                overwritten = [(wrong, "dX: windows overlap, so their contributions add up: use += where you "
                                "assigned with = (a pixel in several windows gets the sum of their shares).")
                               for wrong in _dX_assigned(d_out, X, W, stride, padding)
                               if not np.allclose(wrong, expected_dX, rtol=1e-5, atol=1e-7)]
                _compare(chk, dX, expected_dX, what="dX", diagnoses=overwritten,
                         shape_hint="dX has the shape of X.",
                         hint="each window position sends W · d_out[n, f, i, j] back to the pixels it "
                         "covered (starting at row i·stride, column j·stride of the padded input).")
                _compare(chk, dW, numerical_gradient(loss, W), what="dW",
                         shape_hint="dW has the shape of W: [F, C, HH, WW].",
                         hint="dW[f] sums window · d_out[n, f, i, j] over samples and positions.")
                _compare(chk, db, numerical_gradient(loss, b), what="db",
                         shape_hint="db has one entry per filter: d_out.sum(axis=(0, 2, 3)).")


# ---------------------------------------------------------------------------
# 5. max pooling
# ---------------------------------------------------------------------------
# A 4×4 image without ties inside any 2×2 window:
POOL_X = np.array([[1.0, 2.0, 5.0, 3.0],
                   [4.0, 0.0, 6.0, 1.0],
                   [7.0, 9.0, 2.0, 8.0],
                   [3.0, 8.5, 4.0, 0.5]])
# maxima: top-left 4 (row 1, col 0), top-right 6 (1, 2), bottom-left 9 (2, 1), bottom-right 8 (2, 3)
POOL_OUT = np.array([[4.0, 6.0], [9.0, 8.0]])


def _pool_by_definition(X):
    N, C, H, W = X.shape
    out = np.zeros((N, C, H // 2, W // 2))
    for i in range(H // 2):
        for j in range(W // 2):
            out[:, :, i, j] = X[:, :, 2 * i:2 * i + 2, 2 * j:2 * j + 2].max(axis=(2, 3))
    return out


@exercises.register("maxpool_forward")
def maxpool_forward(func):
    with exercises.check("maxpool_forward", func) as chk:
        with chk.case("one 4×4 image"):
            X = POOL_X[None, None].copy()
            out, cache = _pair(chk, chk.call(X), "maxpool_forward", "out, cache")
            chk.array(out, POOL_OUT[None, None], what="out", diagnoses=[
                ([[[[7 / 4, 15 / 4], [27.5 / 4, 14.5 / 4]]]],
                 "this is average pooling: take the maximum of each 2×2 window."),
                ([[[[4, 6, 6], [9, 9, 8], [9, 9, 8]]]],
                 "the windows overlap (stride 1): max pooling here moves by 2, so the output is half the size."),
            ], shape_hint="2×2 windows with stride 2 halve H and W: out is [N, C, H // 2, W // 2].")
            chk.true(isinstance(cache, np.ndarray) and cache.shape == X.shape and np.allclose(cache, X),
                     "the cache is not X.", hint="end with `return out, X`: maxpool_backward reads X from it.")
        with chk.case("2 images, 3 channels, 6×8 (random, no ties)"):
            rng = np.random.default_rng(66)
            X = rng.normal(size=(2, 3, 6, 8))
            out, _ = _pair(chk, chk.call(X), "maxpool_forward", "out, cache")
            _compare(chk, out, _pool_by_definition(X), what="out",
                      shape_hint="out is [N, C, H // 2, W // 2] = [2, 3, 3, 4] here.",
                      hint="pool each channel of each image on its own: the max over a 2×2 window only.")


@exercises.register("maxpool_backward")
def maxpool_backward(func):
    with exercises.check("maxpool_backward", func) as chk:
        with chk.case("one 4×4 image, d_out = [[1, 2], [3, 4]]"):
            # Each window's gradient goes to its maximum:
            # 1 to (1, 0), 2 to (1, 2), 3 to (2, 1), 4 to (2, 3); every other cell gets 0.
            X = POOL_X[None, None].copy()
            d_out = np.array([[1.0, 2.0], [3.0, 4.0]])[None, None]
            expected = np.zeros((4, 4))
            expected[1, 0], expected[1, 2], expected[2, 1], expected[2, 3] = 1, 2, 3, 4
            everywhere = np.kron(d_out[0, 0], np.ones((2, 2)))
            dX = chk.call(d_out, X)
            chk.array(dX, expected[None, None], what="dX", diagnoses=[
                (everywhere[None, None],
                 "the gradient went to every cell of the window; only the maximum gets it "
                 "(the other cells did not change the output)."),
                ((everywhere / 4)[None, None],
                 "the gradient was averaged over the window (that is average pooling); "
                 "max pooling sends all of it to the cell that held the maximum."),
            ], shape_hint="dX has the shape of X.")
        with chk.case("2 images, 3 channels, 6×8 (random, no ties): against the numerical gradient"):
            rng = np.random.default_rng(67)
            X = rng.normal(size=(2, 3, 6, 8))
            d_out = rng.normal(size=(2, 3, 3, 4))
            dX = chk.call(d_out, X)
            numeric = numerical_gradient(lambda: np.sum(_pool_by_definition(X) * d_out), X)
            everywhere = d_out.repeat(2, axis=2).repeat(2, axis=3)
            _compare(chk, dX, numeric, what="dX", shape_hint="dX has the shape of X.", diagnoses=[
                (everywhere, "the gradient went to every cell of the window; only the maximum gets it."),
                (everywhere / 4, "the gradient was averaged over the window; max pooling sends all of it "
                 "to the cell that held the maximum."),
            ],
                      hint="each window's d_out goes to the position of that window's maximum, in that image and channel.")


# ---------------------------------------------------------------------------
# 6. softmax and cross entropy
# ---------------------------------------------------------------------------
@exercises.register("softmax")
def softmax(func):
    with exercises.check("softmax", func) as chk:
        with chk.case("Z = [[0, ln 2, ln 3], [5, 5, 5]]"):
            # exp -> [1, 2, 3] / 6 and [e⁵, e⁵, e⁵] / 3e⁵
            Z = np.array([[0.0, np.log(2), np.log(3)], [5.0, 5.0, 5.0]])
            got = chk.call(Z)
            column_wise = np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True)
            chk.array(got, [[1 / 6, 1 / 3, 1 / 2], [1 / 3, 1 / 3, 1 / 3]], what="P", diagnoses=[
                (column_wise, "you normalised each column; each row (one sample's K scores) must sum to 1: "
                 "use axis=1 with keepdims=True."),
                (np.exp(Z) / np.exp(Z).sum(), "you divided by the sum over the whole batch; each row "
                 "must sum to 1 on its own: sum with axis=1, keepdims=True."),
            ], shape_hint="P has the shape of Z: [m, K].")
        with chk.case("large logits [[1000, 1001, 1002], [-1000, -999, -1000]] (exp(1000) overflows: "
                      "subtract each row's maximum first)"):
            # softmax is unchanged by subtracting a constant from a row:
            # [e⁻², e⁻¹, 1] / (e⁻² + e⁻¹ + 1) and [e⁻¹, 1, e⁻¹] / (1 + 2e⁻¹).
            Z = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, -999.0, -1000.0]])
            got = chk.call(Z)
            first = np.exp([-2.0, -1.0, 0.0]) / np.exp([-2.0, -1.0, 0.0]).sum()
            second = np.exp([-1.0, 0.0, -1.0]) / np.exp([-1.0, 0.0, -1.0]).sum()
            chk.array(got, [first, second], what="P",
                      hint="subtract each row's maximum (Z.max(axis=1, keepdims=True)) before np.exp.")
        with chk.case("a single sample, Z of shape (1, 4)"):
            got = chk.call(np.array([[1.0, 1.0, 1.0, 1.0]]))
            chk.array(got, [[0.25, 0.25, 0.25, 0.25]], what="P")


ONE_SAMPLE_P = np.array([[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]])
ONE_SAMPLE_Y = np.array([0, 1])


@exercises.register("cross_entropy")
def cross_entropy(func):
    with exercises.check("cross_entropy", func) as chk:
        with chk.case("P = [[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]], y = [0, 1]"):
            # −(ln 0.5 + ln 0.8) / 2 = (0.6931 + 0.2231) / 2 = 0.4581
            got = chk.call(ONE_SAMPLE_P.copy(), ONE_SAMPLE_Y.copy())
            value = -(np.log(0.5) + np.log(0.8)) / 2
            chk.scalar(got, value, what="the loss", diagnoses=[
                (2 * value, "you return the sum over the samples; the loss is their mean (divide by m)."),
                (-value, "the sign is flipped: the loss is −log of the probability of the true class."),
                (2 * value / 6, "you averaged over the classes too: sum over the classes, average over the samples."),
                (-np.mean(np.log(ONE_SAMPLE_P[:, ONE_SAMPLE_Y])),
                 "P[:, y] picks a whole block of columns; take one entry per row: P[np.arange(m), y]."),
            ], hint="−mean over samples of log P[i, y_i].")
        with chk.case("a perfect prediction: P = [[0, 1, 0]], y = [1]"):
            got = chk.call(np.array([[0.0, 1.0, 0.0]]), np.array([1]))
            chk.scalar(got, 0.0, what="the loss", atol=1e-6,
                       hint="log 1 = 0: only the true class's probability counts.")
        with chk.case("the true class has probability exactly 0: P = [[1, 0]], y = [1]"):
            got = chk.call(np.array([[1.0, 0.0]]), np.array([1]))
            got = chk.scalar(got, what="the loss",
                             hint="log(0) = −inf: clip the probabilities, e.g. np.clip(p, 1e-12, 1).")
            chk.true(got > 10, f"a sure but wrong prediction should cost a large loss, got {got:.4g}.",
                     hint="clip P to a small positive number like 1e-12 (not 0.01) before the log.")


@exercises.register("softmax_output_delta")
def softmax_output_delta(func):
    with exercises.check("softmax_output_delta", func) as chk:
        with chk.case("P = [[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]], y = [0, 1]"):
            # (P − onehot) / m with onehot = [[1, 0, 0], [0, 1, 0]] and m = 2
            expected = np.array([[-0.25, 0.125, 0.125], [0.05, -0.1, 0.05]])
            got = chk.call(ONE_SAMPLE_P.copy(), ONE_SAMPLE_Y.copy())
            chk.array(got, expected, what="dZ", diagnoses=[
                (-expected, "the sign is flipped: the slide's (y − p) climbs the loss; the gradient is "
                 "(P − onehot) / m."),
                (2 * expected, "the 1/m is missing: the loss is a mean over the m samples, so is its gradient."),
                (ONE_SAMPLE_P / 2, "the one-hot target is not subtracted: subtract 1 at each sample's true class."),
                (expected / 3, "you divided by m·K; only by m (the number of samples)."),
            ], shape_hint="dZ has the shape of P: [m, K].")
        with chk.case("random logits [4, 5] against the numerical gradient"):
            rng = np.random.default_rng(68)
            Z = rng.normal(size=(4, 5))
            y = np.array([0, 4, 2, 2])

            def mean_cross_entropy():
                # log-softmax by the log-sum-exp formula
                shifted = Z - Z.max(axis=1, keepdims=True)
                log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
                return -np.mean(log_p[np.arange(4), y])

            P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
            got = chk.call(P, y)
            numeric = numerical_gradient(mean_cross_entropy, Z)
            _compare(chk, got, numeric, what="dZ", rtol=1e-5, atol=1e-8, diagnoses=[
                (-numeric, "the sign is flipped: the slide's (y − p) climbs the loss; the gradient is (P − onehot) / m."),
                (4 * numeric, "the 1/m is missing: the loss is a mean over the m samples, so is its gradient."),
            ],
                      hint="(P − onehot(y)) / m, the one-hot row having a 1 at the true class.")


# ---------------------------------------------------------------------------
# 7. The network's loss and gradients
# ---------------------------------------------------------------------------
def _params(rng, F, scale=0.5):
    return {"W1": rng.normal(0, scale, (F, 1, 3, 3)), "b1": rng.normal(0, 0.1, F),
            "W2": rng.normal(0, scale, (F * 16, 10)), "b2": rng.normal(0, 0.1, 10)}


def _loss_and_grads(chk, result, params):
    if not isinstance(result, tuple) or len(result) != 2:
        chk.fail(f"expected (loss, grads), got {type(result).__name__}.", hint="end with `return loss, grads`.")
    loss, grads = result
    if not isinstance(grads, dict):
        chk.fail(f"expected grads to be a dict, got {type(grads).__name__}.",
                 hint='grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}.')
    missing = [k for k in params if k not in grads]
    chk.true(not missing, f"grads has no {', '.join(missing)}.",
             hint='grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}.')
    for key in params:
        chk.is_array(grads[key], what=f'grads["{key}"]', shape=params[key].shape,
                     hint="a gradient has the shape of its parameter.")
    return loss, grads


@exercises.register("cnn_loss")
def cnn_loss(func):
    with exercises.check("cnn_loss", func) as chk:
        with chk.case("all weights 0: every class gets 1/10"):
            # Zero weights: logits 0, P = 1/10 each, loss = ln 10 = 2.3026.
            # db2 = mean over the 2 samples of (P − onehot): 0.1 − 1/2 at classes 3 and 7, 0.1 elsewhere.
            params = {"W1": np.zeros((2, 1, 3, 3)), "b1": np.zeros(2),
                      "W2": np.zeros((32, 10)), "b2": np.zeros(10)}
            X = np.random.default_rng(69).uniform(0, 1, (2, 1, 8, 8))
            loss, grads = _loss_and_grads(chk, chk.call(params, X, np.array([3, 7])), params)
            chk.scalar(loss, np.log(10), what="the loss", hint="with all weights 0, softmax gives 1/10 to every class.")
            expected_db2 = np.full(10, 0.1)
            expected_db2[[3, 7]] -= 0.5
            chk.array(grads["b2"], expected_db2, what='grads["b2"]', diagnoses=[
                (-expected_db2, "the sign is flipped: the output delta is (P − onehot) / m."),
                (2 * expected_db2, "the 1/m is missing from the output delta."),
            ])
        with chk.case("conv bias −1, W1 = 0: the ReLU must zero every feature"):
            # Conv output −1 everywhere -> ReLU 0 -> pooled 0 -> logits = b2 = 0 -> loss ln 10.
            # Without the ReLU the 32 features are −1 and class 0's logit is 32 · (−0.1) = −3.2.
            params = {"W1": np.zeros((2, 1, 3, 3)), "b1": -np.ones(2),
                      "W2": np.zeros((32, 10)), "b2": np.zeros(10)}
            params["W2"][:, 0] = 0.1
            X = np.random.default_rng(70).uniform(0, 1, (2, 1, 8, 8))
            loss, grads = _loss_and_grads(chk, chk.call(params, X, np.array([0, 1])), params)
            # Without the ReLU: class 0's logit −3.2, the others 0, so (y = [0, 1])
            # loss = mean(3.2 + ln(9 + e^−3.2), ln(9 + e^−3.2)) = 1.6 + ln(9 + e^−3.2).
            chk.scalar(loss, np.log(10), what="the loss", diagnoses=[
                (1.6 + np.log(9 + np.exp(-3.2)), "the ReLU is missing: negative features should become 0."),
            ], hint="apply relu_forward to the convolution's output before max pooling.")
            # Every convolution output is negative, so the ReLU passes no gradient back to W1 and b1.
            chk.true(np.allclose(grads["b1"], 0) and np.allclose(grads["W1"], 0),
                     'grads["W1"] and grads["b1"] should be 0 here: every convolution output is −1, so the '
                     "ReLU lets no gradient through.",
                     hint="apply relu_backward between maxpool_backward and conv_backward.")
        with chk.case("random weights, 3 images: against the numerical gradient"):
            rng = np.random.default_rng(71)
            params = _params(rng, 2)
            X = rng.uniform(0, 1, (3, 1, 8, 8))
            y = np.array([1, 5, 9])
            loss, grads = _loss_and_grads(chk, chk.call(params, X, y), params)
            chk.scalar(loss, what="the loss")
            # All of W1, b1, b2 and (to keep the check fast) the first 4 rows of W2.
            for key, rows in (("b2", None), ("W2", 4), ("b1", None), ("W1", None)):
                part = params[key] if rows is None else params[key][:rows]   # a view: nudged in place
                numeric = numerical_gradient(lambda: func(params, X, y)[0], part)
                got = grads[key] if rows is None else grads[key][:rows]
                _compare(chk, got, numeric, what=f'grads["{key}"]' + ("" if rows is None else f"[:{rows}]"),
                         rtol=1e-4, atol=1e-7,
                          hint="go backwards through the layers: softmax_output_delta, dense_backward, "
                          "reshape to the pooled shape, maxpool_backward, relu_backward, conv_backward.")
