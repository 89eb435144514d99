"""Every check copes with whatever a learner's code gives it.

For every registered check of every notebook (``utils.checks.nbNN``, found
from ``solutions/*.ipynb``), the solution's own values are taken with
``catch_up`` and broken on purpose:

* checks that take functions get a wrapper around the solution function that
  (a) returns None, (b) returns the result as a list, (c) returns an array of
  the wrong shape, (d) returns NaN of the right shape, (e) raises an unrelated
  RuntimeError("boom"), (f) changes its first array argument in place (and
  then returns the right result);
* checks that take values get None, a list, a wrong-shape array and NaN in
  place of each value, one at a time.

The check must raise ``CheckFailed`` -- nothing else may escape -- with a
short message (at most 8 lines of at most 250 characters) that says what came
back. A bad input that is a correct answer for one exercise (a list of
batches, say) is listed in ALLOWED with the reason; nothing is skipped
silently.

The last test runs learner notebook 01 in a real kernel with a broken
exercise and checks that the learner sees one short message, not a
traceback, and that the kernel carries on.
"""
from __future__ import annotations

import collections.abc
import copy
import functools
import importlib.util

import numpy as np
import pytest

from utils.checks.framework import CheckFailed
from utils.checks import for_notebook
from utils.notebook.source import SOLUTIONS

MODES_FOR_FUNCTIONS = ("none", "list", "wrong_shape", "nan", "raises", "in_place")
MODES_FOR_VALUES = ("none", "list", "wrong_shape", "nan")
MAX_LINES, MAX_LINE_LENGTH = 8, 250

# What the message must mention for each kind of bad input (any one of the words).
SAYS_WHAT_CAME_BACK = {
    "none": ("None",),
    "list": ("list",),
    "wrong_shape": ("shape", "length", "size", "dimension", "entries", "columns", "rows"),
    "nan": ("NaN",),
    "raises": ("RuntimeError: boom",),
    "in_place": ("in place",),
}

# (notebook prefix, exercise, mode) -> why that bad input is a correct answer there.
ALLOWED = {
    ("02", "minibatches", "list"):
        "a list of (X_batch, y_batch) pairs is as correct as a generator (CURRICULUM §02).",
    ("03", "square_network", "list"):
        "hand-picked weights written as nested lists of numbers are as correct as arrays.",
    ("03", "xor_network", "list"):
        "hand-picked weights written as nested lists of numbers are as correct as arrays.",
    ("08", "positional_encoding", "list"):
        "a table of sines and cosines written as a list of rows holds the same numbers (tests/checks/test_nb08.py).",
}


# --------------------------------------------------------------------------
# What to test: every registered check of every notebook that has a check module
# --------------------------------------------------------------------------
def _check_modules():
    modules = []
    for path in sorted(SOLUTIONS.glob("*.ipynb")):
        number = path.stem.split("_", 1)[0]
        if importlib.util.find_spec(f"utils.checks.nb{number}") is None:
            continue                                 # a notebook without exercises
        modules.append((path.stem, for_notebook(path.stem)))
    return modules


MODULES = _check_modules()
CASES = [(stem, name, mode) for stem, module in MODULES for name in module.exercises.checks
         for mode in MODES_FOR_FUNCTIONS]


@functools.lru_cache(maxsize=None)
def solution_values(stem):
    """{argument name: the solution's value} for every check argument of the notebook."""
    module = for_notebook(stem)
    names = list(dict.fromkeys(n for _, args in module.exercises.checks.values() for n in args))
    values = module.catch_up(*names)
    return dict(zip(names, values if len(names) > 1 else (values,)))


# --------------------------------------------------------------------------
# Breaking values
# --------------------------------------------------------------------------
class NotApplicable(Exception):
    pass


def _is_number(value):
    return isinstance(value, (int, float, np.number)) and not isinstance(value, (bool, np.bool_))


def corrupt(value, mode):
    """``value`` broken in the way ``mode`` says; raises NotApplicable if it cannot be."""
    if isinstance(value, np.ndarray):
        if mode == "none":
            return None
        if mode == "list":
            return value.tolist()
        if mode == "wrong_shape":
            if value.ndim == 0:
                return np.full(2, value.item())
            extra = np.zeros(value.shape[:-1] + (1,), dtype=value.dtype)
            return np.concatenate([value, extra], axis=-1)      # one column / entry too many
        if mode == "nan":
            return np.full(value.shape, np.nan)
    if _is_number(value):
        return {"none": None, "list": [value], "wrong_shape": np.full(2, float(value)),
                "nan": float("nan")}[mode]
    if isinstance(value, tuple) and value:
        if mode == "none":
            return None
        if mode == "list":
            return list(value)
        return (corrupt(value[0], mode),) + value[1:]           # the main output comes first
    if isinstance(value, dict) and value:
        if mode == "none":
            return None
        if mode == "list":
            return list(value.values())
        first = next(iter(value))
        return {**value, first: corrupt(value[first], mode)}
    if isinstance(value, list) and value:
        if mode == "none":
            return None
        if mode == "list":
            raise NotApplicable("the value is a list already")
        return [corrupt(value[0], mode)] + value[1:]
    if isinstance(value, collections.abc.Iterator):             # a generator of batches, say
        items = list(value)
        if mode == "none":
            return None
        if mode == "list":
            return items
        return iter([corrupt(item, mode) for item in items])
    raise NotApplicable(f"cannot make a {mode!r} version of a {type(value).__name__}")


def _first_array(args, kwargs):
    for value in list(args) + list(kwargs.values()):
        if isinstance(value, np.ndarray) and value.size and value.flags.writeable:
            return value
        if isinstance(value, (list, dict)):
            inner = value.values() if isinstance(value, dict) else value
            arrays = [v for v in inner if isinstance(v, np.ndarray) and v.size and v.flags.writeable]
            if arrays and len(arrays) == len(inner):
                return arrays[0]
    return None


def _scribble(array):
    if array.dtype == bool:
        np.logical_not(array, out=array)
    else:
        array += 1


def bad_version(func, mode):
    """A wrapper around the solution function that misbehaves as ``mode`` says."""
    state = {"scribbled": False, "not_applicable": None}

    @functools.wraps(func)          # same name and signature: messages name the exercise
    def wrapper(*args, **kwargs):
        if mode == "raises":
            raise RuntimeError("boom")
        result = func(*args, **kwargs)
        if isinstance(result, collections.abc.Iterator):
            result = iter(list(result))
        if mode == "in_place":
            result = copy.deepcopy(result)                      # the right result, unaffected
            target = _first_array(args, kwargs)
            if target is not None:
                _scribble(target)
                state["scribbled"] = True
            return result
        try:
            return corrupt(result, mode)
        except NotApplicable as reason:
            state["not_applicable"] = str(reason)
            return result

    wrapper.state = state
    return wrapper


# --------------------------------------------------------------------------
# Running a check and judging what it did
# --------------------------------------------------------------------------
def run_check(check_function, values):
    """The CheckFailed the check raised, or None if it accepted; anything else fails the test."""
    try:
        check_function(*values)
    except CheckFailed as failure:
        return failure
    except BaseException as error:  # noqa: BLE001 - this is what the test is about
        pytest.fail(f"{type(error).__name__} escaped the check instead of CheckFailed: {error}")
    return None


def assert_short_and_says(failure, mode, context):
    text = str(failure)
    lines = text.splitlines()
    assert len(lines) <= MAX_LINES, f"{context}: the message has {len(lines)} lines:\n{text}"
    long = [line for line in lines if len(line) > MAX_LINE_LENGTH]
    assert not long, f"{context}: a line of {len(long[0])} characters:\n{long[0]}"
    words = SAYS_WHAT_CAME_BACK[mode]
    assert any(word in text for word in words), (
        f"{context}: the message does not say what came back (expected one of {words}):\n{text}")


def _restore_module_arrays(module):
    """Snapshot the check module's array constants; returns a function that restores them.

    A function that changes its argument in place may change a constant the
    check passes to it (``nb01.X_LINE``): later tests must see the original.
    """
    saved = {name: value.copy() for name, value in vars(module).items() if isinstance(value, np.ndarray)}

    def restore():
        for name, value in saved.items():
            getattr(module, name)[...] = value
    return restore


@pytest.mark.parametrize("stem, name", [(s, n) for s, m in MODULES for n in m.exercises.checks])
def test_the_solution_passes_its_check(stem, name, capsys):
    """The baseline: without breaking anything, the check accepts the solution."""
    check_function, args = for_notebook(stem).exercises.checks[name]
    values = solution_values(stem)
    assert run_check(check_function, [values[a] for a in args]) is None, \
        f"{stem}: the check of {name} rejects the solution itself"


@pytest.mark.parametrize("stem, name, mode", CASES, ids=[f"{s[:2]}-{n}-{m}" for s, n, m in CASES])
def test_check_rejects_bad_input(stem, name, mode):
    module = for_notebook(stem)
    check_function, args = module.exercises.checks[name]
    values = solution_values(stem)
    originals = [values[a] for a in args]
    allowed = ALLOWED.get((stem[:2], name, mode))
    restore = _restore_module_arrays(module)
    try:
        if all(callable(v) for v in originals):
            _check_bad_functions(check_function, originals, name, mode, allowed,
                                 broken=args.index(name) if name in args else 0)
        elif mode not in MODES_FOR_VALUES:
            pytest.skip(f"{name} takes values, not functions: {mode!r} applies to functions only")
        else:
            _check_bad_values(check_function, args, originals, name, mode, allowed)
    finally:
        restore()


def _check_bad_functions(check_function, originals, name, mode, allowed, broken=0):
    # Break the exercise's own function (the first one if none is named after the
    # exercise); the others (if a check takes several, e.g. forward and backward) stay right.
    wrapper = bad_version(originals[broken], mode)
    functions = list(originals)
    functions[broken] = wrapper
    failure = run_check(check_function, functions)
    context = f"check of {name}, function returning {mode}"
    if wrapper.state["not_applicable"]:
        pytest.skip(f"{name}: {wrapper.state['not_applicable']}")
    if mode == "in_place" and not wrapper.state["scribbled"]:
        pytest.skip(f"{name} is never called with an array argument it could change")
    if allowed:
        return                                        # accepted or rejected: both fine
    assert failure is not None, f"{context}: the check accepted it"
    assert_short_and_says(failure, mode, context)


def _check_bad_values(check_function, args, originals, name, mode, allowed):
    tried = 0
    for position, arg in enumerate(args):
        try:
            bad = corrupt(originals[position], mode)
        except NotApplicable:
            continue
        tried += 1
        values = list(originals)
        values[position] = bad
        failure = run_check(check_function, values)
        if allowed:
            continue
        context = f"check of {name} with {arg} replaced by {mode}"
        assert failure is not None, f"{context}: the check accepted it"
        assert_short_and_says(failure, mode, context)
    if not tried:
        pytest.skip(f"{name}: no value can be given as {mode}")


# --------------------------------------------------------------------------
# A non-callable where a function goes (issue 15): one line, no private exception
# --------------------------------------------------------------------------
FUNCTION_CHECKS = [(s, n) for s, m in MODULES for n, (f, a) in m.exercises.checks.items()]


@pytest.mark.parametrize("stem, name", FUNCTION_CHECKS, ids=[f"{s[:2]}-{n}" for s, n in FUNCTION_CHECKS])
def test_a_non_callable_where_a_function_goes(stem, name):
    check_function, args = for_notebook(stem).exercises.checks[name]
    values = solution_values(stem)
    originals = [values[a] for a in args]
    if not all(callable(v) for v in originals):
        pytest.skip(f"{name} takes values, not functions")
    for position, arg in enumerate(args):
        given = list(originals)
        given[position] = np.zeros(3)       # e.g. check.rnn_backward(h, rnn_backward)
        failure = run_check(check_function, given)
        assert failure is not None, f"{name}: accepted an array as {arg}"
        text = str(failure)
        assert "expected a function" in text and "_CaseFailed" not in text, text
        assert len(text.splitlines()) <= 2, text
