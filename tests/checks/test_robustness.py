"""Numerical robustness: activations, losses and layers stay finite and silent
on extreme but legal inputs.

Every function in TABLE (solution functions, taken with ``catch_up``) and the
helpers in ``utils`` run on inputs such as |z| up to 1000, probabilities of
exactly 0 and 1 and batches of one sample, with every warning turned into an
error (``warnings.simplefilter("error")``) and numpy's floating-point errors
raised (``np.errstate(all="raise")``; only underflow is allowed: exp(-1000)
rounding to 0 is the right answer of a stable implementation, and numpy
ignores underflow by default, so it never shows in a notebook). Every number
that comes back must be finite.

A notebook that is not built yet is skipped ("notebook NN not built yet"). A
notebook that exists but does not define a function of the table FAILS with
the names it does define, so the table gets fixed rather than silently
shrinking.
"""
from __future__ import annotations

import inspect
import io
import os
import re
import warnings
from contextlib import redirect_stdout

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from utils import plotting
from utils.checks import gradcheck  # noqa: E402
from utils.checks import for_notebook  # noqa: E402
from utils.notebook.source import SOLUTIONS  # noqa: E402

BIG = 1000.0
Z_EXTREME = np.array([-BIG, -710.0, -40.0, -1e-12, 0.0, 1e-12, 40.0, 710.0, BIG])   # exp(710) overflows


# --------------------------------------------------------------------------
# Running under the strictest numerical rules
# --------------------------------------------------------------------------
def strictly(function, *args, **kwargs):
    """Call ``function`` with every warning an error and float errors raised (underflow allowed)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise", under="ignore"):
            return function(*args, **kwargs)


def non_finite(value, path="result"):
    """Where ``value`` (arrays, numbers, nested tuples/lists/dicts) holds NaN or inf."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc" and not np.all(np.isfinite(value)):
            return [f"{path} {plotting_fmt(value)}"]
        if value.dtype == object:
            return [p for i, v in enumerate(value.ravel()) for p in non_finite(v, f"{path}[{i}]")]
        return []
    if isinstance(value, (float, np.floating, complex)):
        return [] if np.isfinite(value) else [f"{path} = {value}"]
    if isinstance(value, (tuple, list)):
        return [p for i, v in enumerate(value) for p in non_finite(v, f"{path}[{i}]")]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in non_finite(v, f"{path}[{k!r}]")]
    return []


def plotting_fmt(array):
    return np.array2string(np.asarray(array), precision=3, threshold=8, edgeitems=2)


def first_array(value):
    """The main output: the first element of an ``(out, cache)`` pair, else the value."""
    return value[0] if isinstance(value, tuple) else value


# --------------------------------------------------------------------------
# Getting solution functions
# --------------------------------------------------------------------------
def notebook_stem(prefix):
    found = sorted(SOLUTIONS.glob(f"{prefix}_*.ipynb"))
    if not found:
        pytest.skip(f"notebook {prefix} not built yet")
    return found[0].stem


def solution_function(prefix, names):
    """The first of ``names`` the solution defines in an exercise cell; FAILS if none is."""
    stem = notebook_stem(prefix)
    module = for_notebook(stem)
    for name in names:
        try:
            return module.catch_up(name)
        except KeyError as error:
            defined = error.args[0] if error.args else str(error)
    pytest.fail(
        f"notebook {stem} defines none of {list(names)} in its exercise cells, so the robustness "
        f"table in tests/checks/test_robustness.py needs the right name. Registered exercises: "
        f"{', '.join(module.exercises.checks)}. Defined in exercise cells: {defined.split('choose from: ')[-1]}")


def bind(function, by_name):
    """Arguments for ``function`` chosen by its parameter names.

    ``by_name`` is a list of (regex, value); each required parameter takes the
    value of the first regex that matches its name. Used where the curriculum
    does not fix the signature (06's cross entropy and max pooling, 07's GRU).
    """
    args = []
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        for pattern, value in by_name:
            if re.fullmatch(pattern, parameter.name, flags=re.IGNORECASE):
                args.append(value)
                break
        else:
            if parameter.default is inspect.Parameter.empty:
                pytest.fail(f"{function.__name__}{inspect.signature(function)}: the robustness table "
                            f"has no input for parameter {parameter.name!r}; add one to its builder.")
            break
    return args


# --------------------------------------------------------------------------
# Input builders: (function, get) -> [(description, args)], get(names) loads another solution function
# --------------------------------------------------------------------------
def _z_cases(f, get):
    return [("z from -1000 to 1000", (Z_EXTREME.copy(),)),
            ("a batch of one, z = 1000", (np.array([BIG]),)),
            ("a 2-D batch of one, z = -1000", (np.array([[-BIG]]),))]


def _bce_cases(f, get):
    return [("p exactly 0 and 1, labels right", (np.array([0.0, 1.0]), np.array([0.0, 1.0]))),
            ("p exactly 0 and 1, labels wrong", (np.array([1.0, 0.0]), np.array([0.0, 1.0]))),
            ("one sample, y = 1, p = 0", (np.array([1.0]), np.array([0.0])))]


X_SATURATING = np.array([[1.0, BIG], [1.0, -BIG]])     # bias column first; z = ±1000 with w = [0, 1]


def _linear_model_cases(f, get):
    return [("z = ±1000", (X_SATURATING.copy(), np.array([0.0, 1.0]))),
            ("one sample, z = 1000", (X_SATURATING[:1].copy(), np.array([0.0, 1.0])))]


def _gradient_cases(f, get):
    w = np.array([0.0, 1.0])
    return [("z = ±1000, labels right", (X_SATURATING.copy(), np.array([1.0, 0.0]), w.copy())),
            ("z = ±1000, labels wrong", (X_SATURATING.copy(), np.array([0.0, 1.0]), w.copy())),
            ("one sample, z = 1000, label 0", (X_SATURATING[:1].copy(), np.array([0.0]), w.copy()))]


def _dense_forward_cases(f, get):
    W = np.array([[BIG, -BIG, 1.0], [-BIG, BIG, 0.0]])
    return [("inputs and weights of ±1000", (np.array([[BIG, -BIG], [1.0, 2.0]]), W, np.array([BIG, 0.0, -BIG]))),
            ("a batch of one", (np.array([[BIG, BIG]]), W, np.zeros(3)))]


def _dense_backward_cases(f, get):
    dense_forward = get("dense_forward")
    cases = []
    for description, args in _dense_forward_cases(None, get):
        out, cache = strictly(dense_forward, *args)
        cases.append((description, (np.full(out.shape, BIG), cache)))
    return cases


def _activation_forward_cases(f, get):
    return [("Z from -1000 to 1000", (np.array([[-BIG, -710.0, 0.0], [710.0, BIG, 40.0]]),)),
            ("a batch of one", (np.array([[BIG, -BIG]]),))]


def _activation_backward_cases(forward_name):
    def build(f, get):
        forward = get(forward_name)
        cases = []
        for description, (Z,) in _activation_forward_cases(None, get):
            A, cache = strictly(forward, Z)
            cases.append((description, (np.ones_like(A), cache)))
        return cases
    return build


def _output_delta_cases(f, get):
    return [("p exactly 0 and 1", (np.array([[0.0], [1.0], [1.0]]), np.array([[1.0], [1.0], [0.0]]))),
            ("one sample, p = 1, y = 0", (np.array([[1.0]]), np.array([[0.0]])))]


def _mlp_params():
    return {"W1": np.array([[BIG, -BIG, 1.0], [-BIG, BIG, 0.5]]), "b1": np.array([0.0, BIG, -BIG]),
            "W2": np.array([[BIG], [-BIG], [BIG]]), "b2": np.array([0.0])}


def _mlp_forward_cases(f, get):
    X = np.array([[BIG, -BIG], [-1.0, 2.0]])
    return [(f"saturating weights, {activation} hidden layer", (X.copy(), _mlp_params(), activation))
            for activation in ("sigmoid", "tanh")] + [
            ("a batch of one", (X[:1].copy(), _mlp_params(), "sigmoid"))]


def _mlp_backward_cases(f, get):
    mlp_forward = get("mlp_forward")
    cases = []
    for description, (X, params, activation) in _mlp_forward_cases(None, get):
        p, caches = strictly(mlp_forward, X, params, activation)
        y = np.where(np.asarray(p) > 0.5, 0.0, 1.0)           # every prediction confidently wrong
        cases.append((description, (p, y, caches)))
    return cases


def _softmax_cases(f, get):
    return [("logits of ±1000", (np.array([[BIG, 0.0, -BIG], [-BIG, -BIG, -BIG], [BIG, BIG, BIG]]),)),
            ("a batch of one", (np.array([[BIG, BIG - 1.0]]),))]


def _cross_entropy_cases(f, get):
    probabilities = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    cases = []
    for description, labels in [("p exactly 0 and 1, labels right", np.array([0, 1])),
                                ("p exactly 0 and 1, labels wrong", np.array([2, 0]))]:
        # notebook 06's cross_entropy(P, y) takes integer labels (its docstring: y [m], 0..K-1)
        for label_form, y in [("integer labels", labels)]:
            args = bind(f, [(r"(p|probs?|probabilities|y_?hat|y_?pred|predictions?|softmax.*)", probabilities),
                            (r"(logits?|scores?|z)", probabilities * 2 * BIG - BIG),   # ±1000
                            (r"(y|y_?true|labels?|targets?|classes|onehot|y_onehot|t)", y)])
            cases.append((f"{description}, {label_form}", tuple(args)))
    return cases


def _conv_forward_cases(f, get):
    X = np.full((1, 1, 5, 5), BIG)
    X[0, 0, ::2] = -BIG
    W = np.full((2, 1, 3, 3), BIG)
    return [("inputs and weights of ±1000, stride 1, padding 1", (X, W, np.array([BIG, -BIG]), 1, 1)),
            ("stride 2, no padding", (X.copy(), W.copy(), np.zeros(2), 2, 0))]


def _maxpool_forward_cases(f, get):
    X = np.arange(32, dtype=float).reshape(2, 1, 4, 4) * BIG
    X[0, 0, 0, 0] = -np.finfo(float).max / 4
    one = np.array([[[[BIG, -BIG], [-BIG, 0.0]]]])
    by_name = lambda X: bind(f, [(r"(x|inputs?|a|images?|a_prev)", X),
                                 (r"(pool.*|size|k|kernel.*|ph|pw|height|width)", 2), (r"stride", 2)])
    return [("values of ±1000 and a huge negative one", tuple(by_name(X))),
            ("a batch of one", tuple(by_name(one)))]


def _rnn_step_cases(f, get):
    rng = np.random.default_rng(0)
    x, h = rng.choice([-BIG, BIG], size=(1, 3)), np.array([[1.0, -1.0, 0.5, 0.0]])
    Wx, Wh, b = rng.normal(size=(3, 4)) * BIG, rng.normal(size=(4, 4)) * BIG, np.full(4, BIG)
    return [("inputs and weights of ±1000, a batch of one", (x, h, Wx, Wh, b)),
            ("a batch of two", (np.vstack([x, -x]), np.vstack([h, h]), Wx, Wh, b))]


def _gru_step_cases(f, get):
    rng = np.random.default_rng(1)
    D, H = 3, 4
    x, h = rng.choice([-BIG, BIG], size=(1, D)), np.array([[1.0, -1.0, 0.5, 0.0]])
    big = lambda *shape: rng.normal(size=shape) * BIG
    # the solution's stacked convention: Wx [D, 3H], Wh [H, 3H], b [3H], blocks [z | r | candidate]
    args = bind(f, [(r"(x|x_?t|inputs?)", x), (r"(h|h_?prev|h_?t_?1|state|prev_h)", h),
                    (r"(W.?h.*|U.*)", big(H, 3 * H)), (r"(W.?x.*|W_?[zrn]|W)", big(D, 3 * H)),
                    (r"b.*", np.full(3 * H, BIG))])
    return [("inputs and weights of ±1000, a batch of one", tuple(args))]


def _attention_cases(f, get):
    rng = np.random.default_rng(2)
    Q = rng.normal(size=(2, 6, 4)) * BIG
    return [("queries and keys of about ±1000 (scores near 10⁶)", (Q, Q, rng.normal(size=(2, 6, 3)))),
            ("T = 1024 positions", (rng.normal(size=(1, 1024, 8)),) * 3)]


def _positional_encoding_cases(f, get):
    return [("100,000 positions", (100_000, 16)), ("one position", (1, 2))]


def _layer_norm_cases(f, get):
    rng = np.random.default_rng(3)
    return [("features of ±1000", (rng.choice([-BIG, BIG], size=(2, 3, 4)), np.ones(4), np.zeros(4))),
            ("constant rows (variance 0)", (np.full((2, 4), 7.0), np.ones(4), np.zeros(4)))]


def _bounded(low, high):
    def check(out):
        out = np.asarray(first_array(out), dtype=float)
        return bool(np.all((out >= low) & (out <= high))), f"values outside [{low}, {high}]: {plotting_fmt(out)}"
    return check


def _non_negative(out):
    out = np.asarray(first_array(out), dtype=float)
    return bool(np.all(out >= 0)), f"negative values: {plotting_fmt(out)}"


# (notebook prefix, function name and accepted alternatives, input builder, property or None)
TABLE = [
    ("02", ("sigmoid",), _z_cases, _bounded(0, 1)),
    ("02", ("binary_cross_entropy",), _bce_cases, _non_negative),
    ("02", ("predict_proba",), _linear_model_cases, _bounded(0, 1)),
    ("02", ("cross_entropy_gradient",), _gradient_cases, None),
    ("03", ("sigmoid",), _z_cases, _bounded(0, 1)),
    ("03", ("sigmoid_derivative", "sigmoid_prime", "d_sigmoid"), _z_cases, _bounded(0, 0.25)),
    ("03", ("tanh",), _z_cases, _bounded(-1, 1)),
    ("03", ("tanh_derivative", "tanh_prime", "d_tanh"), _z_cases, _bounded(0, 1)),
    ("03", ("relu",), _z_cases, _non_negative),
    ("03", ("relu_derivative", "relu_prime", "d_relu"), _z_cases, _bounded(0, 1)),
    ("04", ("dense_forward",), _dense_forward_cases, None),
    ("04", ("dense_backward",), _dense_backward_cases, None),
    ("04", ("sigmoid_forward",), _activation_forward_cases, _bounded(0, 1)),
    ("04", ("sigmoid_backward",), _activation_backward_cases("sigmoid_forward"), None),
    ("04", ("tanh_forward",), _activation_forward_cases, _bounded(-1, 1)),
    ("04", ("tanh_backward",), _activation_backward_cases("tanh_forward"), None),
    ("04", ("output_delta",), _output_delta_cases, None),
    ("04", ("mlp_forward",), _mlp_forward_cases, _bounded(0, 1)),
    ("04", ("mlp_backward",), _mlp_backward_cases, None),
    ("06", ("softmax",), _softmax_cases, _bounded(0, 1)),
    ("06", ("cross_entropy", "softmax_cross_entropy", "categorical_cross_entropy", "cross_entropy_loss"),
     _cross_entropy_cases, None),
    ("06", ("conv_forward",), _conv_forward_cases, None),
    ("06", ("maxpool_forward", "max_pool_forward"), _maxpool_forward_cases, None),
    ("07", ("rnn_step_forward",), _rnn_step_cases, _bounded(-1, 1)),
    ("07", ("gru_step_forward",), _gru_step_cases, _bounded(-1, 1)),
    ("08", ("attention_forward",), _attention_cases, None),
    ("08", ("positional_encoding",), _positional_encoding_cases, _bounded(-1, 1)),
    ("08", ("layer_norm_forward",), _layer_norm_cases, None),
]


# Notebooks with nothing for TABLE, and why (tests/unit/test_every_notebook_listed.py asks
# every notebook to be in TABLE or here).
WITHOUT_TABLE = {
    "00": "a linear prediction only: no exponential, logarithm or division",
    "01": "linear regression: squares and means of finite inputs, no exponential or logarithm",
    "05": "training tools on notebook 04's layers (split, L2 penalty, early stopping, optimiser steps, "
          "clipping): not yet run on extreme inputs here",
}


@pytest.mark.parametrize("prefix, names, build, prop", TABLE,
                         ids=[f"{prefix}-{names[0]}" for prefix, names, _, _ in TABLE])
def test_solution_function_is_finite_and_silent_on_extreme_inputs(prefix, names, build, prop):
    function = solution_function(prefix, names)
    get = lambda name: solution_function(prefix, (name,))
    problems = []
    for description, args in build(function, get):
        try:
            out = strictly(function, *args)
        except Exception as error:  # a warning (now an error), an overflow, anything
            problems.append(f"{description}: {type(error).__name__}: {str(error)[:200]}")
            continue
        bad = non_finite(out)
        if bad:
            problems.append(f"{description}: not finite: {bad[0]}")
        elif prop is not None:
            ok, message = prop(out)
            if not ok:
                problems.append(f"{description}: {message}")
    assert not problems, f"{prefix} {function.__name__}:\n  " + "\n  ".join(problems)


# --------------------------------------------------------------------------
# utils itself
# --------------------------------------------------------------------------
def _softplus_sum(x):
    return lambda: float(np.sum(np.logaddexp(0.0, x)))


def test_numerical_gradient_at_extreme_points():
    x = np.array([-BIG, -40.0, 0.0, 40.0, BIG])
    grad = strictly(gradcheck.numerical_gradient, _softplus_sum(x), x)
    # d/dx softplus(x) = sigmoid(x): 0 at -1000, 1/2 at 0, 1 at 1000
    assert np.allclose(grad[[0, 2, 4]], [0.0, 0.5, 1.0], atol=1e-6)
    assert np.array_equal(x, [-BIG, -40.0, 0.0, 40.0, BIG]), "x was not restored"


def test_numerical_gradient_array_with_one_sample():
    x = np.array([[BIG, -BIG]])
    d_out = np.array([[1.0, -2.0]])
    grad = strictly(gradcheck.numerical_gradient_array, lambda: np.tanh(x), x, d_out)
    assert grad.shape == (1, 2) and np.all(np.isfinite(grad)) and np.allclose(grad, 0.0, atol=1e-6)


def test_rel_error_of_zeros_and_large_values():
    assert strictly(gradcheck.rel_error, np.zeros(3), np.zeros(3)) == 0.0
    assert strictly(gradcheck.rel_error, np.array([1e300]), np.array([1e300])) == 0.0
    assert np.isclose(strictly(gradcheck.rel_error, np.array([BIG]), np.array([-BIG])), 1.0)


def test_check_gradient_of_a_saturated_function_passes_quietly():
    x = np.array([-BIG, BIG])
    analytic = np.exp(-np.logaddexp(0.0, -x))    # sigmoid(x), the softplus gradient: [0, 1]
    with redirect_stdout(io.StringIO()) as out:
        strictly(gradcheck.check_gradient, _softplus_sum(x), x, analytic, name="softplus")
    assert out.getvalue().startswith("✔ softplus")


def _draw_strictly(draw):
    fig, ax = plt.subplots()
    try:
        def go():
            draw(ax)
            fig.canvas.draw()
        strictly(go)
    finally:
        plt.close(fig)


X_TWO = np.array([[0.0, 0.0], [1.0, 1.0]])
Y_TWO = np.array([0, 1])


@pytest.mark.parametrize("probability", [
    pytest.param(lambda P: np.zeros(len(P)), id="always 0"),
    pytest.param(lambda P: np.ones(len(P)), id="always 1"),
    pytest.param(lambda P: (P[:, 0] > 0.5).astype(float), id="exactly 0 or 1"),
    pytest.param(lambda P: np.exp(-np.logaddexp(0.0, -BIG * (P[:, 0] - 0.5))), id="saturated sigmoid"),
])
def test_decision_boundary_of_a_saturated_model(probability):
    _draw_strictly(lambda ax: plotting.plot_decision_boundary(probability, X_TWO, Y_TWO, ax=ax, n=50))


def test_classes_and_grid_for_a_single_sample():
    one = np.array([[BIG, -BIG]])
    _draw_strictly(lambda ax: plotting.plot_classes(one, np.array([1]), ax=ax))
    xx, yy, points = strictly(plotting.grid_for, one, n=5)
    assert points.shape == (25, 2) and np.all(np.isfinite(points))


def test_contour_with_a_diverging_path():
    path = np.array([[0.0, 0.0], [10.0, -10.0], [1e150, -1e150], [np.inf, -np.inf], [np.nan, np.nan]])
    _draw_strictly(lambda ax: plotting.plot_contour_with_path(
        lambda a, b: (a - 1.0) ** 2 + (b - 2.0) ** 2, (-5, 5), (-5, 5), paths={"α = 2": path},
        optimum=(1.0, 2.0), ax=ax))


@pytest.mark.parametrize("log", [False, True], ids=["linear", "log"])
def test_loss_curve_of_a_diverging_run_without_overflow(log):
    history = [1.0, 10.0, 1e5, 1e50, 1e200, np.inf, np.nan]   # what gradient descent with too large a rate records
    _draw_strictly(lambda ax: plotting.plot_loss_curves({"diverging": history}, ax=ax, log=log))


def test_loss_curve_reaching_1e300_on_a_log_axis():
    """A diverging run's loss near the float limit: not drawn, and no overflow warning."""
    _draw_strictly(lambda ax: plotting.plot_loss_curves({"diverging": [1.0, 1e300]}, ax=ax, log=True))


def test_strict_mode_catches_a_naive_sigmoid():
    """The harness can fail: the textbook 1 / (1 + exp(-z)) overflows at z = -1000."""
    naive = lambda z: 1.0 / (1.0 + np.exp(-z))
    with pytest.raises(FloatingPointError):
        strictly(naive, Z_EXTREME)
    naive_bce = lambda y, p: -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    with pytest.raises(FloatingPointError):
        strictly(naive_bce, *_bce_cases(None, None)[0][1])
    assert non_finite((np.array([1.0, np.nan]), {"db": np.array([np.inf])}))
