"""Numerical gradient checking, as in CS231n's ``gradient_check.py``.

The numerical gradient is the centred difference

    df/dx_i ≈ (f(x + h e_i) − f(x − h e_i)) / (2h),   h = 1e-5,

and two gradients are compared with the relative error

    rel_error(a, b) = max_i |a_i − b_i| / max(1e-8, |a_i| + |b_i|).

In float64 a correct gradient gives a relative error around 1e-7 or smaller (usually 1e-9 to
1e-11), a wrong one something near 1; float32 rounding noise is named as such (check_gradient).
"""
from __future__ import annotations

import numpy as np

from .framework import CheckFailed, fmt

__all__ = ["numerical_gradient", "numerical_gradient_array", "rel_error", "check_gradient"]


def numerical_gradient(f, x, h=1e-5):
    """Centred-difference gradient of a scalar function.

    f: a function of no arguments returning a number that reads ``x`` (changed in place, one
    coordinate at a time, while f runs, and restored exactly). Returns df/dx, shaped like x.
    """
    x = _float_array(x)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        try:
            x[index] = old + h
            f_plus = float(f())
            x[index] = old - h
            grad[index] = (f_plus - float(f())) / (2 * h)
        finally:
            x[index] = old
    return grad


def numerical_gradient_array(f, x, d_out, h=1e-5):
    """Numerical gradient of ``sum(f() * d_out)`` with respect to ``x``: what the backward pass
    of a layer whose output is an array returns for ``x``, given the upstream gradient ``d_out``."""
    d_out = np.asarray(d_out, dtype=float)
    return numerical_gradient(lambda: np.sum(np.asarray(f()) * d_out), x, h)


def rel_error(a, b):
    """Largest relative error between two arrays (CS231n's definition)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def check_gradient(f, x, analytic, name="gradient", tol=1e-7, h=1e-5, raise_on_failure=True):
    """Compare ``analytic`` (your gradient, x's shape) with the numerical gradient of the loss ``f()``
    (which reads the float64 array ``x``) and print the verdict in one line; on failure raise a short
    :class:`CheckFailed` naming the worst coordinate (or print it: ``raise_on_failure=False``).
    A float32 loss or gradient is checked at float32's precision, and said so, never called wrong."""
    x = _float_array(x)
    if analytic is None:
        raise CheckFailed(f"✘ {name}: the analytic gradient is None. Hint: did you forget `return`?")
    low = [str(np.asarray(v).dtype) for v in (f(), analytic) if np.asarray(v).dtype.kind == "f"
           and np.asarray(v).dtype.itemsize < 8]
    analytic = np.asarray(analytic, dtype=float)
    if analytic.shape != x.shape:
        raise CheckFailed(f"✘ {name}: the analytic gradient has shape {analytic.shape}, but the parameter has shape "
                          f"{x.shape}. Hint: a gradient has the shape of what it differentiates.")
    numeric = numerical_gradient(f, x, h)
    if not np.all(np.isfinite(analytic)):
        raise CheckFailed(f"✘ {name}: the analytic gradient contains NaN or inf: {fmt(analytic)}.")
    error = rel_error(analytic, numeric)
    if error < tol:
        print(f"✔ {name}: relative error {error:.1e} (below {tol:.0e}).")
        return
    ratio = np.sum(analytic * numeric) / max(np.sum(numeric * numeric), 1e-300)
    if error < 1e-6 and abs(ratio - 1) < 1e-5:       # 6 or more digits agree: rounding, not a formula
        print(f"✔ {name}: relative error {error:.1e}: right to about {int(-np.log10(error))} digits, float32's "
              "precision: something returns float32 (an .astype(np.float32), or a float32 array from another "
              "function); in float64 it would be below 1e-7.")
        return
    noise = rel_error(numeric, numerical_gradient(f, x, 10 * h))   # float64 rounding: about 1e-9
    if low or noise > 1e-5:
        coarse = min(error, rel_error(analytic, numerical_gradient(f, x, 1e-3)))
        if coarse < 1e-3:
            why = (f"the loss or gradient is computed in {' and '.join(dict.fromkeys(low))}" if low else
                   f"the numerical gradient changes with its step h, by {noise:.0e} between h = {h:g} and "
                   f"{10 * h:g}: something in the loss is computed in float32")
            print(f"✔ {name}: relative error {coarse:.1e}: right to float32 precision ({why}); in float64 "
                  "it would be about 1e-9.")
            return
        if low:
            lines = [f"✘ {name}: relative error {error:.1e}, but the loss or gradient is computed in "
                     f"{' and '.join(dict.fromkeys(low))}, and float32's rounding noise swamps a numerical "
                     "gradient: this number says nothing about your formula.",
                     "   Hint: compute in float64 (numpy's default; .astype(float)) and check again."]
        else:                       # float64 throughout, yet the numerical gradient is not steady
            lines = [f"✘ {name}: relative error {error:.1e}, but the numerical gradient itself changes with its "
                     f"step h, by {noise:.0e} between h = {h:g} and {10 * h:g}: something in the loss is computed "
                     "in float32, or the loss is not smooth here; either way this number says nothing about your "
                     "formula.",
                     "   Hint: compute in float64 (no .astype(np.float32) anywhere), and run the checks of the "
                     "functions the loss uses, the forward pass first (a division by a tiny number or a kink does this too)."]
    else:
        per_coordinate = np.abs(analytic - numeric) / np.maximum(1e-8, np.abs(analytic) + np.abs(numeric))
        worst = tuple(int(i) for i in np.unravel_index(np.argmax(per_coordinate), x.shape))
        lines = [f"✘ {name}: relative error {error:.1e} (should be below {tol:.0e}); worst at index "
                 f"{worst if x.ndim != 1 else worst[0]}: yours {analytic[worst]:.6g}, numerical {numeric[worst]:.6g}.",
                 "   Hint: " + _gradient_hint(analytic, numeric)]
    if raise_on_failure:
        raise CheckFailed(lines)
    print("\n".join(lines))


def _gradient_hint(analytic, numeric):
    if np.allclose(analytic, -numeric, rtol=1e-4, atol=1e-10):
        return ("your gradient is −(the numerical one): a sign is flipped, in it (p − y, not y − p) or in a function "
                "it uses (their checks say which).")
    ratio = np.sum(analytic * numeric) / max(np.sum(numeric * numeric), 1e-300)
    error = rel_error(analytic, numeric)
    if error < 1e-5 and abs(ratio - 1) < 1e-4:        # equal to 5 or more digits: rounding, not maths
        return (f"yours agrees with the numerical one to about {int(-np.log10(max(error, 1e-16)))} digits: the "
                "formula is right, but float32 precision crept in (an .astype(np.float32), or a float32 array in "
                "the forward pass or its cache, e.g. from another function's output); keep numpy's float64.")
    if np.allclose(analytic, ratio * numeric, rtol=1e-4, atol=1e-10) and abs(ratio) > 1e-12:
        return f"yours is {ratio:.3g} times the numerical one: a missing or extra factor (1/m, 2, the batch size)?"
    if analytic.ndim == 2 and analytic.shape[0] == analytic.shape[1] and np.allclose(
            analytic.T, numeric, rtol=1e-4, atol=1e-10):
        return "yours is the transpose of the numerical one."
    return "compare the two gradients coordinate by coordinate; check each factor of the chain rule."


def _float_array(x):
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError("gradient checking needs a float64 numpy array to nudge in place; got "
                        f"{type(x).__name__}{'' if not isinstance(x, np.ndarray) else ' of dtype ' + str(x.dtype)}. "
                        "Use x = np.asarray(x, dtype=float) and pass that same array to your function.")
    return x
