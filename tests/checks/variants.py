"""The solution's answers written another way: in float64 (as they are), in float32, and as lists of numbers.

``judge(module, name, variant)`` runs check ``name`` of ``module`` (utils.checks.nbNN) on the solution's
functions or values turned into ``variant`` and asserts the outcome: float64 passes; float32 passes (right to
float32 precision, with a note naming the dtype); lists pass or the message says so ("list") in one line,
without a hint.
"""
import contextlib
import functools
import io

import numpy as np

from utils.checks.framework import CheckFailed


def convert(value, variant):
    """``value`` (arrays, numbers, tuples and lists of them) in ``variant``: "float64", "float32" or "list"."""
    if isinstance(value, tuple):
        return tuple(convert(v, variant) for v in value)
    if isinstance(value, list) and variant == "float32":
        return [convert(v, variant) for v in value]
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value.astype(np.float32) if variant == "float32" else value.tolist() if variant == "list" else value
    if isinstance(value, (float, np.floating)) and variant == "float32":
        return np.float32(value)
    return value


def wrapped(func, variant):
    """``func`` whose results (a generator's batches too) come back in ``variant``."""
    if not callable(func):
        return convert(func, variant)

    @functools.wraps(func)
    def variant_func(*args, **kwargs):
        result = func(*args, **kwargs)
        if hasattr(result, "__next__"):                 # a generator of batches
            return [convert(item, variant) for item in result]
        return convert(result, variant)
    return variant_func


def judge(module, name, variant, solution):
    """Run check ``name`` on the solution in ``variant``; return "accepted" or the rejection's message."""
    check, args = module.exercises.checks[name]
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            check(*(wrapped(solution[a], variant) for a in args))
    except CheckFailed as failure:
        message = str(failure)
        assert variant != "float64", f"{name} rejects its own solution:\n{message}"
        assert variant != "float32", f"{name} rejects a correct float32 answer:\n{message}"
        word = {"float32": "float32", "list": "list"}[variant]
        assert word in message, f"{name} rejects a {variant} answer without saying {word!r}:\n{message}"
        lines = message.split("\n")
        at = next(i for i, line in enumerate(lines) if word in line)
        assert variant != "list" or at + 1 == len(lines) or "Hint:" not in lines[at + 1], f"two lines:\n{message}"
        return message
    assert "✔" in out.getvalue(), out.getvalue()
    return "accepted"
