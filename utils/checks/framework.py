"""A small framework for exercise checks.

Every exercise in the workshop is followed by a one-line check cell such as
``check.add_bias(add_bias)``. The check runs several small cases (edge cases
included) against the learner's function and reports

* one line when everything passes:  ``✔ add_bias: all 4 cases pass``;
* one or two lines per failing case, naming the case, what was expected, what
  came back and a hint for the usual mistake;
* ``add_bias is not implemented yet`` when the function still raises
  ``NotImplementedError``.

A failing check raises an exception so the cell is marked as failed (nbval and
"Run All" notice), but the learner sees only the short message: IPython calls
``_render_traceback_`` instead of printing a traceback.

Writing a check::

    exercises = Exercises("01_regression_and_gradient_descent")

    @exercises.register("add_bias")
    def add_bias(func):
        with Check("add_bias", func) as chk:
            with chk.case("a 2×2 matrix"):
                X = np.array([[2.0, 3.0], [4.0, 5.0]])
                got = chk.call(X)
                chk.array(got, np.array([[1, 2, 3], [1, 4, 5]]), hint="...")

Expected values come from small hand-computed cases, from properties, or from
the numerical gradient -- never from a second copy of the solution.
"""
from __future__ import annotations

import contextlib
import functools
import inspect
import io
import warnings
from numbers import Number

import numpy as np

__all__ = [
    "Check",
    "CheckFailed",
    "NotImplementedYet",
    "Exercises",
    "fmt",
]

MAX_REPORTED_FAILURES = 2


# --------------------------------------------------------------------------
# Exceptions the learner sees: short, no traceback.
# --------------------------------------------------------------------------
class CheckFailed(AssertionError):
    """A check found a problem. Rendered by IPython as the message alone."""

    def __init__(self, lines):
        if isinstance(lines, str):
            lines = [lines]
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))

    def _render_traceback_(self):
        red, reset = "\x1b[31m", "\x1b[0m"
        return [red + self.lines[0] + reset] + self.lines[1:]


class NotImplementedYet(NotImplementedError):
    """The learner's function still raises ``NotImplementedError``."""

    def __init__(self, name, catch_up_hint=None):
        self.name = name
        lines = [
            f"⏳ {name} is not implemented yet: fill in the region marked "
            "'# YOUR CODE HERE', run that cell, then run this check again."
        ]
        if catch_up_hint:
            lines.append(f"   Stuck? Catch up with:  {catch_up_hint}")
        self.lines = lines
        super().__init__("\n".join(lines))

    def _render_traceback_(self):
        yellow, reset = "\x1b[33m", "\x1b[0m"
        return [yellow + self.lines[0] + reset] + self.lines[1:]


class _CaseFailed(Exception):
    """Internal: ends the current case with a message."""


class _NotImplemented(Exception):
    """Internal: the function under test raised NotImplementedError."""


# --------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------
def fmt(value, precision=4):
    """A short, one-line representation of a value for messages."""
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return fmt(value.item(), precision)
        text = np.array2string(
            value, threshold=12, edgeitems=2, separator=", ", max_line_width=10_000,
            formatter={"float_kind": lambda v: f"{v:.{precision}g}"},
        )
        return " ".join(text.split())
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.{precision}g}"
    if isinstance(value, (list, tuple)):
        text = repr(value)
        return text if len(text) <= 60 else text[:57] + "..."
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value):
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"a {type(value).__name__}"


def _is_number(value):
    return isinstance(value, (Number, np.number)) and not isinstance(value, (bool, np.bool_))


# --------------------------------------------------------------------------
# The check itself
# --------------------------------------------------------------------------
class Check:
    """Runs the cases of one exercise check and reports the outcome.

    Use as a context manager; inside, each ``with chk.case(...)`` block is one
    case. The first problem found in a case ends that case (later cases still
    run). On leaving the ``with Check(...)`` block, a summary is printed or a
    :class:`CheckFailed` is raised.
    """

    def __init__(self, name, func=None, *, catch_up_hint=None, quiet=False):
        self.name = name
        self.func = func
        self.catch_up_hint = catch_up_hint
        self.failure_hint = catch_up_hint   # the hint under a failing case's message
        self.quiet = quiet
        self.failures = []          # (case, message)
        self.n_cases = 0
        self._case = None

    # -- context management ------------------------------------------------
    def __enter__(self):
        if self.func is not None and not callable(self.func):
            raise CheckFailed(
                f"✘ {self.name}: expected a function, got {_type_name(self.func)}. "
                f"Hint: pass the function itself, e.g. check.{self.name}({self.name}), "
                "without calling it."
            )
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is _NotImplemented:
            other = exc.args[0] if exc.args and exc.args[0] != self.name else None
            hint = f"{other} = check.catch_up({other!r})" if other else self.catch_up_hint
            raise NotImplementedYet(other or self.name, hint) from None
        if exc_type is not None:
            return False
        if self.failures:
            n = len(self.failures)
            lines = [f"✘ {self.name}: {n} of {self.n_cases} cases failed."]
            for case, message in self.failures[:MAX_REPORTED_FAILURES]:
                lines.append(f"  • {case}: {message}")
            if n > MAX_REPORTED_FAILURES:
                lines.append(f"  • ... and {n - MAX_REPORTED_FAILURES} more; fix the ones above first.")
            if self.failure_hint:
                lines.append(f"  Stuck? Catch up with:  {self.failure_hint}")
            raise CheckFailed(lines) from None
        if not self.quiet:
            cases = "case passes" if self.n_cases == 1 else f"{self.n_cases} cases pass"
            print(f"✔ {self.name}: {'the' if self.n_cases == 1 else 'all'} {cases}.")
        return False

    @contextlib.contextmanager
    def case(self, description):
        """One case of the check; a failure inside ends this case only."""
        self.n_cases += 1
        self._case = description
        try:
            yield self
        except _CaseFailed as failure:
            self.failures.append((description, str(failure)))
        except _NotImplemented:
            raise
        except Exception as error:  # what came back could not even be examined
            self.failures.append((description, (
                f"what came back could not be checked ({type(error).__name__}: {_first_line(error)})."
                "\n    Hint: compare the type and shape of what you return with the docstring.")))
        finally:
            self._case = None

    # -- failing -----------------------------------------------------------
    def fail(self, message, hint=None):
        """End the current case with ``message`` (and an optional hint)."""
        if hint:
            message = f"{message}\n    Hint: {hint}"
        raise _CaseFailed(message)

    # -- calling the learner's function -------------------------------------
    def call(self, *args, func=None, allow_warnings=False, error_hint=None, **kwargs):
        """Call the function under test and watch what it does.

        Reports, as a failure of the current case: an exception (with its
        message, and ``error_hint`` if given, else a hint for its type), any
        warning (overflow, divide by zero, ...), and any change the function
        made to its array arguments in place.
        """
        func = self.func if func is None else func
        name = getattr(func, "__name__", "<lambda>")
        name = self.name if name == "<lambda>" else name
        # The learner's function gets copies: the check's own inputs can never be corrupted.
        args = tuple(_copy(a) for a in args)
        kwargs = {k: _copy(v) for k, v in kwargs.items()}
        try:
            signature = inspect.signature(func)
            bound = signature.bind_partial(*args, **kwargs)
            named = {}
            for key, value in bound.arguments.items():
                if signature.parameters[key].kind is inspect.Parameter.VAR_POSITIONAL:
                    named.update({f"argument {i + 1}": v for i, v in enumerate(value)})
                else:
                    named[key] = value
        except (TypeError, ValueError):
            named = {f"argument {i + 1}": a for i, a in enumerate(args)}
            named.update(kwargs)
        originals = {k: _snapshot(v) for k, v in named.items()}

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                with np.errstate(all="warn", under="ignore"):  # underflow to 0 is harmless
                    result = func(*args, **kwargs)
            except NotImplementedError:
                raise _NotImplemented(None if func is self.func else name) from None
            except _CaseFailed:
                raise
            except Exception as error:  # the learner's code raised
                self.fail(
                    f"{name} raised {type(error).__name__}: {_first_line(error)}",
                    hint=error_hint or _hint_for_exception(error),
                )

        for key, before in originals.items():
            if before is not None and not _same(before, named[key]):
                if isinstance(before, dict):
                    hint = (f"`{key}[k] += ...` changes the caller's arrays; build a new dictionary "
                            f"with new arrays ({{k: v + ... for k, v in {key}.items()}}); "
                            f"`{key}.copy()` alone still shares the arrays.")
                else:
                    hint = (f"`{key} -= ...`, `{key} *= ...` and `{key}[...] = ...` change the caller's "
                            f"array too; build a new one (`new = {key} - ...`) or start from `{key}.copy()`.")
                self.fail(f"{name} changed its argument `{key}` in place.", hint=hint)
        if caught and not allow_warnings:
            w = caught[0]
            self.fail(
                f"{name} produced a warning: {w.category.__name__}: {w.message}",
                hint="this usually means an overflow or a log/division of 0; "
                "look at the inputs of this case.",
            )
        return result

    # -- comparing results ---------------------------------------------------
    def array(self, got, expected, *, what="the result", rtol=1e-6, atol=1e-9,
              diagnoses=(), hint=None, shape_hint=None):
        """Check that ``got`` is a finite numpy array close to ``expected``.

        ``diagnoses`` is a sequence of ``(wrong_value, message)``: when the
        result matches a known wrong answer, its message names the mistake.
        """
        expected = np.asarray(expected, dtype=float)
        if not np.all(np.isfinite(expected)):
            self.fail(f"{what} cannot be checked: what it is compared with came out NaN or inf "
                      "(it is computed with your own functions).",
                      hint="fix the other function(s) this check uses first.")
        if _is_number(got) or (isinstance(got, np.ndarray) and got.ndim == 0 and expected.ndim > 0):
            self.fail(f"expected {what} to be an array of shape {expected.shape}, got a single number "
                      f"({fmt(got)}).", hint=shape_hint or hint)
        got = self.is_array(got, what=what)
        if got.shape != expected.shape:
            for wrong, message in diagnoses:
                wrong = np.asarray(wrong, dtype=float)
                if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-5, atol=1e-8):
                    self.fail(message)
            self.fail(
                f"expected {what} to have shape {expected.shape}, got shape {got.shape}.",
                hint=shape_hint or hint,
            )
        self.finite(got, what=what)
        close = np.isclose(got, expected, rtol=rtol, atol=atol)
        if not close.all():
            for wrong, message in diagnoses:
                wrong = np.asarray(wrong, dtype=float)
                if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-5, atol=1e-8):
                    self.fail(message)
            if len(fmt(expected)) + len(fmt(got)) <= 160:   # short enough to show in full
                self.fail(f"expected {what} {fmt(expected)}, got {fmt(got)}.", hint=hint)
            index = tuple(int(i) for i in np.argwhere(~close)[0])
            self.fail(f"{what} is wrong in {np.count_nonzero(~close)} of {close.size} entries; at index "
                      f"{index}: expected {fmt(expected[index], 6)}, got {fmt(got[index], 6)}.", hint=hint)
        return got

    def is_array(self, got, *, what="the result", ndim=None, shape=None, hint=None):
        """Check that ``got`` is a numeric numpy array (of a given shape)."""
        if got is None:
            self.fail(f"{what} is None.", hint="did you forget a `return` statement?")
        if isinstance(got, (list, tuple)):
            self.fail(
                f"expected {what} to be a numpy array, got a {type(got).__name__}.",
                hint="build it with numpy operations, or wrap it with np.array(...).",
            )
        if not isinstance(got, np.ndarray):
            self.fail(f"expected {what} to be a numpy array, got {_type_name(got)} ({fmt(got)}).",
                      hint=hint)
        if not (np.issubdtype(got.dtype, np.number) or got.dtype == bool):
            self.fail(f"expected {what} to hold numbers, got dtype {got.dtype}.", hint=hint)
        if ndim is not None and got.ndim != ndim:
            self.fail(f"expected {what} to have {ndim} dimension(s) {shape or ''}, got shape {got.shape}.",
                      hint=hint)
        if shape is not None and got.shape != tuple(shape):
            self.fail(f"expected {what} to have shape {tuple(shape)}, got shape {got.shape}.", hint=hint)
        return got

    def finite(self, got, *, what="the result", hint=None):
        arr = np.asarray(got, dtype=float)
        for bad, test, default_hint in (
                ("NaN", np.isnan, "NaN comes from 0/0, inf - inf or log of a negative number."),
                ("inf", np.isinf, "inf comes from an overflow (exp of a large number) or log(0).")):
            mask = test(arr)
            if mask.any():
                shown = fmt(arr) if arr.size <= 6 else f"{np.count_nonzero(mask)} of {arr.size} entries"
                self.fail(f"{what} contains {bad}: {shown}.", hint=hint or default_hint)
        return got

    def scalar(self, got, expected=None, *, what="the result", rtol=1e-6, atol=1e-9,
               diagnoses=(), hint=None):
        """Check that ``got`` is a single finite number (close to ``expected``)."""
        if got is None:
            self.fail(f"{what} is None.", hint="did you forget a `return` statement?")
        if isinstance(got, np.ndarray):
            if got.ndim == 0:
                got = got.item()
            else:
                self.fail(
                    f"expected {what} to be a single number, got an array of shape {got.shape}.",
                    hint="reduce it with np.mean or np.sum; check that y and the "
                    "prediction have the same shape (a column against a row broadcasts to a matrix).",
                )
        if isinstance(got, (list, tuple)) or not _is_number(got):
            self.fail(f"expected {what} to be a number, got {_type_name(got)} ({fmt(got)}).", hint=hint)
        got = float(got)
        self.finite(got, what=what)
        if expected is not None and not np.isclose(got, expected, rtol=rtol, atol=atol):
            for wrong, message in diagnoses:
                if np.isclose(got, wrong, rtol=1e-5, atol=1e-9):
                    self.fail(message)
            self.fail(f"expected {what} {fmt(expected, 6)}, got {fmt(got, 6)}.", hint=hint)
        return got

    def unpack(self, result, names, func_name=None):
        """Check that ``result`` is a tuple of ``len(names)`` values (e.g. ``("w", "losses")``)."""
        func_name = func_name or self.name
        listed = ", ".join(names)
        if result is None:
            self.fail(f"{func_name} returned None.", hint=f"end with `return {listed}`.")
        if not isinstance(result, tuple) or len(result) != len(names):
            kind = type(result).__name__
            if isinstance(result, (tuple, list)):
                kind += f" of length {len(result)}"
            what = {2: "a pair", 3: "a triple"}.get(len(names), f"a tuple of {len(names)}")
            self.fail(f"expected {what} ({listed}), got {kind}.", hint=f"end with `return {listed}`.")
        return result

    def true(self, condition, message, hint=None):
        """A property that must hold."""
        if not condition:
            self.fail(message, hint=hint)


# --------------------------------------------------------------------------
# Helpers for call(): snapshots for in-place detection, exception hints
# --------------------------------------------------------------------------
def _copy(value):
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
        return [v.copy() for v in value]
    if isinstance(value, dict) and all(isinstance(v, np.ndarray) for v in value.values()):
        return {k: v.copy() for k, v in value.items()}
    return value


def _snapshot(value):
    """A copy of an array (or list/dict of arrays) to compare with after the call; else None."""
    copied = _copy(value)
    return None if copied is value else copied


def _same(before, after):
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and before.shape == after.shape
                and np.array_equal(before, after, equal_nan=before.dtype.kind == "f"))
    if isinstance(before, list):
        return len(before) == len(after) and all(_same(b, a) for b, a in zip(before, after))
    if isinstance(before, dict):
        return before.keys() == after.keys() and all(_same(before[k], after[k]) for k in before)
    return True


def _first_line(error):
    text = str(error).strip().splitlines()
    text = text[0] if text else ""
    return text if len(text) <= 160 else text[:157] + "..."


def _hint_for_exception(error):
    text = str(error)
    if isinstance(error, ValueError) and ("shapes" in text or "broadcast" in text
                                          or "dimension" in text or "mismatch" in text):
        return "print the shapes of your arrays (X.shape, w.shape, ...) and compare with the docstring."
    if isinstance(error, NameError):
        return "a name is not defined: did you run the cells above (and spell it as they do)?"
    if isinstance(error, TypeError):
        return "check the arguments you pass and what you return (a function, not its result?)."
    if isinstance(error, (IndexError, KeyError)):
        return "check your indices against the shapes given in the docstring."
    return None


# --------------------------------------------------------------------------
# The exercises of a notebook: registry, catching up, progress
# --------------------------------------------------------------------------
class Exercises:
    """The checks of one notebook, in order.

    ``register(name)`` decorates a check. ``args`` names the variables the
    check takes from the notebook (by default the function called ``name``).
    """

    def __init__(self, notebook):
        self.notebook = notebook          # file stem, e.g. "01_regression_and_gradient_descent"
        self.checks = {}                  # name -> (check function, argument names)
        self.labels = {}                  # name -> exercise number shown in progress reports

    def register(self, name, args=None, label=None):
        """Register the check of exercise ``name`` (``label`` numbers it in progress reports)."""
        def decorator(check_function):
            names = tuple(args) if args else (name,)
            signature = inspect.signature(check_function)

            @functools.wraps(check_function)
            def check(*call_args, **call_kwargs):
                try:
                    signature.bind(*call_args, **call_kwargs)
                except TypeError:
                    listed = ", ".join(names)
                    raise CheckFailed(f"✘ check.{name} needs {listed}: run it as "
                                      f"check.{name}({listed}).") from None
                return check_function(*call_args, **call_kwargs)

            self.checks[name] = (check, names)
            self.labels[name] = label or str(len(self.checks))
            check.exercise_name = name
            check.argument_names = names
            return check
        return decorator

    def check(self, name, func=None):
        """A :class:`Check` for exercise ``name`` whose messages know how to catch up."""
        # a function under another name (00's demo) is not what catching up would replace
        chk = Check(name, func, catch_up_hint=self.catch_up_hint(name))
        if getattr(func, "__name__", "<lambda>") not in (name, "<lambda>"):
            chk.failure_hint = None
        return chk

    def own_names(self, name):
        """The names exercise ``name`` asks for, less those with a check of their own
        (dense_forward in check.dense_backward): what catching it up replaces."""
        names = self.checks.get(name, (None, (name,)))[1]
        return [n for n in names if n == name or n not in self.checks] or list(names)

    def catch_up_hint(self, name):
        names = self.own_names(name)
        lhs = ", ".join(names)
        rhs = ", ".join(repr(n) for n in names)
        return f"{lhs} = check.catch_up({rhs})"

    def catch_up(self, *names):
        """Take the named function(s) or value(s) from the solution notebook.

        For a learner who fell behind: ``add_bias = check.catch_up("add_bias")``
        fills in that exercise so the rest of the notebook runs. Several names
        give a tuple: ``W1, b1 = check.catch_up("W1", "b1")``.
        """
        from ..notebook.source import load_names
        return load_names(self.notebook, names)

    def run(self, name, namespace, quiet=True):
        """Run one check on the values in ``namespace``; returns its status.

        Status is one of ``"pass"``, ``"fail"``, ``"not started"``; the second
        element is the first line of the message.
        """
        check_function, names = self.checks[name]
        missing = [n for n in names if n not in namespace]
        if missing:
            return "not started", f"{', '.join(missing)} not defined"
        buffer = io.StringIO()
        try:
            with contextlib.redirect_stdout(buffer):
                check_function(*(namespace[n] for n in names))
        except NotImplementedError:
            return "not started", "not implemented yet"
        except CheckFailed as failure:
            detail = failure.lines[0] if len(failure.lines) == 1 else failure.lines[1].strip(" •")
            return "fail", detail.split("\n")[0]
        except Exception as error:  # a check must never crash a progress report
            return "fail", f"{type(error).__name__}: {_first_line(error)}"
        from ..notebook.source import caught_up_in
        if caught_up_in(namespace, self.own_names(name)):
            return "caught up", "taken from the solution"
        return "pass", ""

    def results(self, namespace):
        """{exercise name: (status, detail)} for the values in ``namespace``."""
        return {name: self.run(name, namespace) for name in self.checks}

    def progress(self, namespace):
        """Print which exercises of this notebook pass, fail or are not started.

        In a notebook: ``check.progress(globals())``.
        """
        from ..notebook.source import solution_labels
        labels = {**self.labels, **solution_labels(self.notebook)}   # the notebook's "**Exercise 3.**"
        print("\n".join(report_lines(self.notebook, self.results(namespace), labels=labels)))


STATUS_SYMBOLS = {"pass": "✔", "caught up": "↺", "fail": "✘", "not started": "·"}


def report_lines(title, results, totals=True, labels=None):
    """Lines of a progress report: one per exercise, then the totals."""
    lines = [title]
    for i, (name, (status, detail)) in enumerate(results.items(), start=1):
        label = (labels or {}).get(name, str(i))
        line = f"  {STATUS_SYMBOLS[status]} {label + '.':<4} {name:<28} {status}"
        if status == "fail" and detail:
            line += f"  ({_shorten(detail, 100)})"
        lines.append(line)
    if totals:
        lines.append(summary_line([s for s, _ in results.values()]))
    return lines


def _shorten(text, width):
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0] + " …"


def summary_line(statuses):
    caught_up = statuses.count("caught up")
    return (f"{statuses.count('pass')} passed, " + (f"{caught_up} caught up, " if caught_up else "")
            + f"{statuses.count('fail')} failing, {statuses.count('not started')} not started.")
