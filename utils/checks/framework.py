"""A small framework for exercise checks.

Every exercise in the workshop is followed by a one-line check cell such as ``check.add_bias(add_bias)``. The
check runs several small cases (edge cases included) against the learner's function and reports

* one line when everything passes:  ``✔ add_bias: all 4 cases pass``;
* one or two lines per failing case, naming the case, what was expected, what
  came back and a hint for the usual mistake;
* ``add_bias is not implemented yet`` when the function still raises
  ``NotImplementedError``.

A failing check raises an exception so the cell is marked as failed (nbval and "Run All" notice), but the
learner sees only the short message: IPython calls ``_render_traceback_`` instead of printing a traceback.

Writing a check::

    exercises = Exercises("01_regression_and_gradient_descent")

    @exercises.exercise("add_bias")
    def add_bias(chk):
        with chk.case("a 2×2 matrix"):
            X = np.array([[2.0, 3.0], [4.0, 5.0]])
            chk.array(chk.call(X), np.array([[1, 2, 3], [1, 4, 5]]), what="X_b", hint="...",
                      diagnoses=[(np.array([[2, 3, 1], [4, 5, 1]]), "the column of ones is at the end; put it first.")])

Expected values come from small hand-computed cases, from properties, or from the numerical gradient -- never
from a second copy of the solution.
"""
from __future__ import annotations

import contextlib
import functools
import inspect
import io
import os
import re
import warnings
from numbers import Number

import numpy as np

__all__ = ["Check", "CheckFailed", "NotImplementedYet", "Exercises", "fmt", "sigmoid", "describe", "matches",
           "NUMERICAL_WARNINGS"]

MAX_REPORTED_FAILURES = 2
NUMERICAL_WARNINGS = (RuntimeWarning, FloatingPointError)   # only these fail a case: overflow, 0/0, ...


# -- Exceptions the learner sees: short, no traceback -------------------------------------------------
class _Short:
    """IPython renders ``lines`` alone, the first one coloured, instead of a traceback."""
    colour = "\x1b[31m"

    def _render_traceback_(self):
        return [self.colour + self.lines[0] + "\x1b[0m"] + self.lines[1:]


class CheckFailed(_Short, AssertionError):
    """A check found a problem. Rendered by IPython as the message alone."""

    def __init__(self, lines):
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        super().__init__("\n".join(self.lines))


class NotImplementedYet(_Short, NotImplementedError):
    """The learner's function still raises ``NotImplementedError``."""
    colour = "\x1b[33m"

    def __init__(self, name, catch_up_hint=None):
        self.name = name
        self.lines = [f"⏳ {name} is not implemented yet: fill in the region marked "
                      "'# YOUR CODE HERE', run that cell, then run this check again."]
        if catch_up_hint:
            self.lines.append(f"   Stuck? Catch up with:  {catch_up_hint}")
        super().__init__("\n".join(self.lines))


class _CaseFailed(Exception):
    """Internal: ends the current case with a message."""


class _NotImplemented(Exception):
    """Internal: the function under test raised NotImplementedError."""


class CheckBug(RuntimeError):
    """Under pytest, an error in a check's own code (not the learner's) is raised, not reported."""


def _under_pytest():
    return "PYTEST_CURRENT_TEST" in os.environ


# -- One shared set of reference formulas (used by the checks, never by learners) ---------------------
def sigmoid(z):
    """The logistic function 1 / (1 + e^(−z)), stable for large |z| (float64)."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# -- Describing values in messages --------------------------------------------------------------------
def fmt(value, precision=4):
    """A short, one-line representation of a value for messages."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, np.ndarray):
        text = np.array2string(value, threshold=12, edgeitems=2, separator=", ", max_line_width=10_000,
                               formatter={"float_kind": lambda v: f"{v:.{precision}g}"})
        return " ".join(text.split())
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.{precision}g}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value, length=False):
    """"None", "an array of shape (2, 3)", "a jax Array", "a dict"; "a tuple of length 2" with ``length``."""
    if isinstance(value, (tuple, list)) and length:
        return f"a {type(value).__name__} of length {len(value)}"
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"a {_foreign_array_name(value) or type(value).__name__}"


def _foreign_array_name(value):
    """'jax Array', 'torch Tensor', ... for an array of another library; else None."""
    if isinstance(value, (np.ndarray, np.generic, list, tuple, Number)) or not hasattr(value, "__array__"):
        return None
    package = type(value).__module__.split(".")[0]
    package = {"jaxlib": "jax"}.get(package, package)
    return f"{package} {'Array' if package == 'jax' else type(value).__name__}"


def matches(value, expected):
    """Is ``value`` the number or numeric array ``expected`` (same shape and values)?"""
    if isinstance(expected, np.ndarray):
        return (isinstance(value, np.ndarray) and value.dtype.kind in "biuf" and value.shape == expected.shape
                and np.allclose(value, expected, equal_nan=True))
    return _is_number(value) and value == expected


def _name_of(value, known):
    """The name of the first of the ``known`` values that ``value`` matches, else None."""
    return next((name for name, array in known.items() if matches(value, array)), None)


def describe(value, known):
    """What ``value`` holds, in the names of the ``known`` arrays it equals: ``"(W, X)"``,
    ``"Z"``, ``"a dict"``, ``"an array of shape (2, 3)"``. For messages about caches."""
    if isinstance(value, (tuple, list)):
        inner = ", ".join(describe(v, known) for v in value)
        if len(inner) > 80:
            return f"a {type(value).__name__} of {len(value)}"
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    return _name_of(value, known) or _type_name(value)


def _params_of(func):
    """The parameter names of ``func`` (empty if it has no signature)."""
    try:
        return tuple(inspect.signature(func).parameters)
    except (TypeError, ValueError):
        return ()


def _is_number(value):
    return isinstance(value, (Number, np.number)) and not isinstance(value, (bool, np.bool_))


# -- The check itself ---------------------------------------------------------------------------------
class Check:
    """Runs the cases of one exercise check and reports the outcome.

    Use as a context manager; inside, each ``with chk.case(...)`` block is one case. The first problem found
    in a case ends that case (later cases still run). On leaving the ``with Check(...)`` block, a summary is
    printed or a :class:`CheckFailed` is raised. A failure outside any case (a wrong argument to the check
    itself) raises :class:`CheckFailed` at once.
    """

    def __init__(self, name, func=None, *, catch_up_hint=None, quiet=False):
        self.name = name
        self.func = func
        self.catch_up_hint = catch_up_hint
        self.failure_hint = catch_up_hint   # the hint under a failing case's message
        self.quiet = quiet
        self.failures = []          # (case, message)
        self.notes = []             # non-numerical warnings, shown once
        self.error_hint = None      # call()'s error_hint when a call gives none
        self.n_cases = 0
        self.warnings = []          # the numerical warnings of the last call()

    # -- context management ------------------------------------------------
    def __enter__(self):
        if self.func is not None and not callable(self.func):
            raise CheckFailed(_not_a_function(self.name, self.name, self.func))
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is _NotImplemented:
            other = exc.args[0] if exc.args and exc.args[0] != self.name else None
            hint = f"{other} = check.catch_up({other!r})" if other else self.catch_up_hint
            raise NotImplementedYet(other or self.name, hint) from None
        if exc_type is _CaseFailed:   # a failure outside a case: the learner-facing exception
            raise CheckFailed(f"✘ {self.name}: {exc}") from None
        if exc_type is not None:
            return False
        notes = [f"  Note: {n}" for n in dict.fromkeys(self.notes)]
        if self.failures:
            raise CheckFailed(self.report_lines() + notes) from None
        if not self.quiet:
            cases = "case passes" if self.n_cases == 1 else f"{self.n_cases} cases pass"
            print("\n".join([f"✔ {self.name}: {'the' if self.n_cases == 1 else 'all'} {cases}.", *notes]))
        return False

    def report_lines(self):
        """The lines of the failure report: cases sharing a message are named together, each hint once."""
        grouped = {}                # message -> case names, in order of appearance
        for case, message in self.failures:
            grouped.setdefault(message, []).append(case)
        shown = list(grouped.items())[:MAX_REPORTED_FAILURES]
        lines, seen_hints = [f"✘ {self.name}: {len(self.failures)} of {self.n_cases} cases failed."], set()
        for message, cases in shown:
            others = len(cases) - 1
            kept = []
            for line in message.split("\n"):
                if line.strip() in seen_hints:
                    continue
                if line.strip().startswith("Hint:"):
                    seen_hints.add(line.strip())
                kept.append(line)
            same = f" (and {others} other case{'s' if others > 1 else ''}, the same)" if others else ""
            lines.append(f'  • case "{cases[0]}"{same}: ' + "\n".join(kept))
        hidden = len(self.failures) - sum(len(cases) for _, cases in shown)
        if hidden:
            lines.append(f"  • ... and {hidden} more; fix the ones above first.")
        if self.failure_hint:
            lines.append(f"  Stuck? Catch up with:  {self.failure_hint}")
        return lines

    @contextlib.contextmanager
    def case(self, description):
        """One case of the check; a failure inside ends this case only."""
        self.n_cases += 1
        try:
            yield self
        except _CaseFailed as failure:
            self.failures.append((description, str(failure)))
        except _NotImplemented:
            raise
        except Exception as error:  # what came back could not even be examined
            if _under_pytest():     # a bug in the check's own code must not look like the learner's
                raise CheckBug(f"{self.name}, case {description!r}: the check itself raised "
                               f"{type(error).__name__}: {error}") from error
            self.failures.append((description, (
                f"what came back could not be checked ({type(error).__name__}: {_first_line(error)})."
                "\n    Hint: compare the type and shape of what you return with the docstring.")))

    # -- failing -----------------------------------------------------------
    def fail(self, message, hint=None):
        """End the current case with ``message`` (and an optional hint)."""
        raise _CaseFailed(f"{message}\n    Hint: {hint}" if hint else message)

    def true(self, condition, message, hint=None):
        """A property that must hold."""
        if not condition:
            self.fail(message, hint=hint)

    def function(self, value, name):
        """Check that ``value`` (an argument of the check named ``name``) is a function."""
        if not callable(value):
            self.fail(_not_a_function(self.name, name, value).split(": ", 1)[1])
        return value

    # -- inputs ------------------------------------------------------------
    @staticmethod
    def random(seed, *shapes, scale=1.0):
        """Seeded normal inputs: ``x, W = chk.random(0, (2, 3), (3, 4))`` (float64)."""
        rng = np.random.default_rng(seed)
        arrays = tuple(rng.normal(0.0, scale, size=shape) for shape in shapes)
        return arrays[0] if len(arrays) == 1 else arrays

    # -- calling the learner's function -------------------------------------
    def call(self, *args, func=None, returns=None, allow_warnings=False, error_hint=None,
             warning_hint=None, **kwargs):
        """Call the function under test (or ``func``) and watch what it does.

        Reports, as a failure of the current case: an exception (its message in full, and ``error_hint`` if
        given, else a hint for its type), a numerical warning (overflow, divide by zero, invalid value;
        ``warning_hint`` names the case's likely cause), and any change the function made to its array
        arguments in place. Other warnings (DeprecationWarning, ...) become one note. ``returns="Z, cache"``
        checks that a tuple of that many values came back and returns it.
        """
        func = self.function(self.func if func is None else func, "the function")
        if error_hint is None and func is self.func:
            error_hint = self.error_hint          # a check-wide hint for an exception (08: K.T on a batch)
        name = getattr(func, "__name__", "<lambda>")
        name = self.name if name == "<lambda>" else name
        # The learner's function gets copies: the check's own inputs can never be corrupted.
        args = tuple(_copy(a) for a in args)
        kwargs = {k: _copy(v) for k, v in kwargs.items()}
        named = _named_arguments(func, args, kwargs)
        originals = {k: _copy(v) for k, v in named.items()}     # the arrays among them, to compare after

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
                hint = error_hint(error) if callable(error_hint) else error_hint
                self.fail(f"{name} raised {type(error).__name__}: {_first_line(error)}",
                          hint=hint or _hint_for_exception(error, [p for p in _params_of(func)     # its own
                                                                   if isinstance(named.get(p), np.ndarray)]))  # array args

        for key, before in originals.items():
            if before is not named[key] and not _same(before, named[key]):
                if isinstance(before, dict):
                    hint = (f"`{key}[k] += ...` changes the caller's arrays; build a new dictionary "
                            f"with new arrays ({{k: v + ... for k, v in {key}.items()}}); "
                            f"`{key}.copy()` alone is not enough: the copy shares the arrays.")
                    self.fail(f"{name} changed the dictionary `{key}` (or its arrays) in place.", hint=hint)
                else:
                    hint = (f"`{key} -= ...`, `{key} *= ...` and `{key}[...] = ...` change the caller's "
                            f"array too; build a new one (`new = {key} - ...`) or start from `{key}.copy()`.")
                self.fail(f"{name} changed its argument `{key}` in place.", hint=hint)
        numerical = [w for w in caught if issubclass(w.category, NUMERICAL_WARNINGS)]
        self.warnings = numerical       # with allow_warnings=True a check can name the formula that warned
        for w in caught:
            if not issubclass(w.category, NUMERICAL_WARNINGS):
                self.notes.append(f"{name} produced a {w.category.__name__} (not a mistake, numpy "
                                  f"says it will change): {_first_line(w.message)}")
        if numerical and not allow_warnings:
            w = numerical[0]
            hint = warning_hint or "this usually means an overflow or a log/division of 0; look at the inputs of this case."
            if "cast" in str(w.message):
                hint = "a conversion to a smaller dtype (float32?) overflowed: keep numpy's float64."
            self.fail(f"{name} produced a numerical warning: {w.category.__name__}: {w.message}", hint=hint)
        return result if returns is None else self.unpack(result, returns, name)

    def table(self, rows, **options):
        """One case per row ``(case name, args, expected, diagnoses, hint)``: call the function with ``args``
        and compare with :meth:`scalar` (a number expected) or :meth:`array`; ``options`` go to that comparison."""
        for name, args, expected, diagnoses, hint in rows:
            with self.case(name):
                compare = self.scalar if np.ndim(expected) == 0 else self.array
                compare(self.call(*args), expected, diagnoses=diagnoses, hint=hint, **options)

    # -- comparing results ---------------------------------------------------
    def array(self, got, expected, *, what="the result", rtol=1e-6, atol=1e-9,
              diagnoses=(), hint=None, shape_hint=None, like=None):
        """Check that ``got`` is a finite numpy array close to ``expected``.

        ``diagnoses`` is a sequence of ``(wrong_value, message)``: when the result matches a known wrong
        answer, its message names the mistake. ``like=("W", W)`` derives the shape hint: "dW has the shape of
        W".
        """
        expected = np.asarray(expected, dtype=float)
        if like is not None and shape_hint is None:
            shape_hint = f"{what} has the shape of {like[0]}: {tuple(np.shape(like[1]))}."
        if not np.all(np.isfinite(expected)):
            self.fail(f"{what} cannot be checked: what it is compared with came out NaN or inf "
                      "(it is computed with your own functions).",
                      hint="fix the other function(s) this check uses first.")
        if _is_number(got) or (isinstance(got, np.ndarray) and got.ndim == 0 and expected.ndim > 0):
            self.fail(f"expected {what} to be an array of shape {expected.shape}, got a single number "
                      f"({fmt(got)}).", hint=shape_hint or hint)
        got = self.is_array(got, what=what)
        if got.shape != expected.shape:
            self._diagnose(got, diagnoses)
            self.fail(f"expected {what} to have shape {expected.shape}, got shape {got.shape}.",
                      hint=shape_hint or hint)
        self.finite(got, what=what)
        close = np.isclose(got, expected, rtol=rtol, atol=atol)
        if not close.all():
            self._diagnose(got, diagnoses)
            if not (self.at_own_precision(got, expected, what) or self._float32_inside(got, expected, what)):
                self._differ(got, expected, close, what, hint, rtol, atol)
        self._note_dtype(got, what)
        return got

    def _float32_inside(self, got, expected, what):
        """A float64 result off by float32 rounding only (a function it uses returned float32): accepted, noted."""
        scale = max(float(np.max(np.abs(expected))), 1.0) if expected.size else 1.0
        difference = float(np.max(np.abs(got - expected))) if got.size else 0.0
        if difference <= 4 * float(np.finfo(np.float32).eps) * scale:
            self.notes.append(f"{what} is right to about 7 digits only (off by up to {difference:.1g}): float32 rounding "
                              "from somewhere (an .astype(np.float32) in a function it uses?); numpy's float64 is "
                              "what gradient checks need.")
            return True
        return False

    def _diagnose(self, got, diagnoses):
        for wrong, message in diagnoses:
            wrong = np.asarray(wrong, dtype=float)
            if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-5, atol=1e-8):
                self.fail(message)

    def at_own_precision(self, got, expected, what="the result"):
        """Is ``got`` a float32/float16 result right to its own precision? Then it is accepted, with a note
        naming the dtype (a correct answer in another dtype is not a mistake)."""
        got = np.asarray(got)
        if got.dtype.kind == "f" and got.dtype.itemsize < 8:
            eps = float(np.finfo(got.dtype).eps)
            scale = max(float(np.max(np.abs(expected))), 1.0) if np.size(expected) else 1.0
            if np.shape(expected) == got.shape and np.allclose(got, expected, rtol=100 * eps, atol=100 * eps * scale):
                self._note_dtype(got, what)
                return True
        return False

    def _note_dtype(self, got, what):
        """A float32/float16 result that passes: one note per dtype, so that a later gradient check's rounding
        noise has a named cause."""
        dtype = np.asarray(got).dtype
        if dtype.kind == "f" and dtype.itemsize < 8 and not any(f"dtype {dtype}," in n for n in self.notes):
            self.notes.append(f"{what}: dtype {dtype}, right to {dtype} precision, so it passes. The rest of the "
                              "workshop assumes numpy's float64 (gradient checks; clips such as 1 − 1e-12, which "
                              "is 1.0 in float32).")

    def _differ(self, got, expected, close, what, hint, rtol=1e-6, atol=1e-9):
        shown_e, shown_g = fmt(expected), fmt(got)
        beyond = np.abs(got - expected) / (atol + rtol * np.abs(expected))     # the worst entry by its tolerance
        index = tuple(int(i) for i in np.unravel_index(np.argmax(beyond), got.shape))
        biggest = float(np.abs(got - expected)[index]) if got.ndim else float(abs(got - expected))
        if shown_e == shown_g or len(shown_e) + len(shown_g) > 160:
            where = f" at index {index}" if got.ndim else ""
            self.fail(f"{what} is wrong in {np.count_nonzero(~close)} of {close.size} entries; the largest "
                      f"difference is {biggest:.3g}{where}: expected {fmt(expected[index], 10)}, "
                      f"got {fmt(got[index], 10)}.", hint=hint)
        self.fail(f"expected {what} {shown_e}, got {shown_g}.", hint=hint)

    def gradient(self, got, expected, *, what, like=None, m=None, diagnoses=(), hint=None,
                 rtol=1e-5, atol=1e-8):
        """Compare a gradient, adding the generic diagnoses: sign, factor of m, transposed."""
        expected = np.asarray(expected, dtype=float)
        generic = [*diagnoses, (-expected, f"{what} has the wrong sign: it is −(the gradient); check the sign of "
                                           "the error term (prediction − target) and of each factor.")]
        if m:
            generic += [(expected * m, f"{what} is m = {m} times too large: average over the batch "
                                       "(divide by m) as the loss does."),
                        (expected / m, f"{what} is divided by m = {m} once too often (or the loss is a "
                                       "sum, not a mean).")]
        if expected.ndim == 2 and expected.shape[0] != expected.shape[1]:
            generic.append((expected.T, f"{what} is transposed: it has the shape of {like[0] if like else what}"
                                        f" {expected.shape}; swap the order of the product (Xᵀ · dZ, not dZᵀ · X)."))
        elif expected.ndim == 2 and not np.allclose(expected, expected.T):
            generic.append((expected.T, f"{what} is transposed; swap the order of the product."))
        return self.array(got, expected, what=what, like=like, diagnoses=generic, hint=hint, rtol=rtol, atol=atol)

    def arrays(self, got, expected, **options):
        """Compare several named arrays: ``chk.arrays(dict(dW=dW, db=db), dict(dW=..., db=...))``.

        ``options`` may map a name to keyword arguments of :meth:`array` (``dW=dict(like=("W", W))``).
        """
        for name, value in expected.items():
            self.array(got[name], value, what=name, **options.get(name, {}))
        return got

    def _given(self, got, what, kind, wrap):
        """``got`` is neither None nor another library's array (said as "to be ``kind``")."""
        if got is None:
            self.fail(f"{what} is None.", hint="did you forget a `return` statement?")
        foreign = _foreign_array_name(got)
        if foreign:
            self.fail(f"expected {what} to be {kind}, got a {foreign}; wrap it with {wrap}(...).")

    def is_array(self, got, *, what="the result", ndim=None, shape=None, hint=None):
        """Check that ``got`` is a numeric numpy array (of a given shape)."""
        self._given(got, what, "a numpy array", "np.asarray")
        if isinstance(got, (list, tuple)):
            self.fail(f"expected {what} to be a numpy array, got a {type(got).__name__}; wrap it with np.array(...).")
        if not isinstance(got, np.ndarray):
            self.fail(f"expected {what} to be a numpy array, got {_type_name(got)} ({fmt(got)}).", hint=hint)
        if not (np.issubdtype(got.dtype, np.number) or got.dtype == bool):
            self.fail(f"expected {what} to hold numbers, got dtype {got.dtype}.", hint=hint)
        if ndim is not None and got.ndim != ndim:
            self.fail(f"expected {what} to have {ndim} dimension(s) {shape or ''}, got shape {got.shape}.", hint=hint)
        if shape is not None and got.shape != tuple(shape):
            self.fail(f"expected {what} to have shape {tuple(shape)}, got shape {got.shape}.", hint=hint)
        return got

    def finite(self, got, *, what="the result", hint=None):
        """Check that ``got`` holds no NaN or inf."""
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
        self._given(got, what, "a number", "float")
        if isinstance(got, np.ndarray) and got.ndim > 0:
            self.fail(f"expected {what} to be a single number, got an array of shape {got.shape}.",
                      hint="reduce it with np.mean or np.sum; check that y and the prediction have the same shape "
                      "(a column against a row broadcasts to a matrix).")
        got = got.item() if isinstance(got, np.ndarray) else got
        if isinstance(got, (list, tuple)) or not _is_number(got):
            self.fail(f"expected {what} to be a number, got {_type_name(got)} ({fmt(got)}).", hint=hint)
        low = isinstance(got, np.floating) and np.dtype(type(got)).itemsize < 8
        got32, got = got, float(got)
        self.finite(got, what=what)
        if expected is not None and not np.isclose(got, expected, rtol=rtol, atol=atol):
            for wrong, message in diagnoses:
                if np.isclose(got, wrong, rtol=1e-5, atol=1e-9):
                    self.fail(message)
            if low and self.at_own_precision(np.asarray(got32), np.asarray(expected, dtype=float), what):
                return got
            shown_e, shown_g = fmt(expected, 6), fmt(got, 6)
            if shown_e == shown_g:
                self.fail(f"expected {what} {fmt(expected, 12)}, got {fmt(got, 12)} (a difference of "
                          f"{abs(got - expected):.3g}).", hint=hint)
            self.fail(f"expected {what} {shown_e}, got {shown_g}.", hint=hint)
        return got

    def unpack(self, result, names, func_name=None):
        """Check that ``result`` is a tuple of the named values: ``"w, losses"`` or ``("w", "losses")``."""
        if isinstance(names, str):
            names = tuple(n.strip() for n in names.split(","))
        func_name = func_name or self.name
        listed = ", ".join(names)
        if result is None:
            self.fail(f"{func_name} returned None.", hint=f"end with `return {listed}`.")
        if not isinstance(result, tuple) or len(result) != len(names):
            what = {2: "a pair", 3: "a triple"}.get(len(names), f"a tuple of {len(names)}")
            why = ": the backward pass needs the cache" if names[-1] == "cache" else ""
            self.fail(f"expected {what} ({listed}) from {func_name}, got {_type_name(result, length=True)}.",
                      hint=f"end with `return {listed}`{why}.")
        return result

    def cache(self, got, expected, *, used_by, known=None):
        """Pin a forward pass's cache contract, so that a wrong cache fails here, not in ``used_by``.

        ``expected`` maps each item's name to its value, in order (one item: the cache is that value itself);
        ``known`` maps descriptions to values a wrong cache may hold instead (``{"the padded X": X_pad}``), to
        name them.
        """
        names = list(expected)
        form = f"({', '.join(names)})" if len(names) > 1 else names[0]
        rule = f"the cache must be {form}: {used_by} reads it{' in that order' if len(names) > 1 else ''}."
        items = (got,) if len(names) == 1 else got
        if len(names) > 1 and (not isinstance(got, (tuple, list)) or len(got) != len(names)):
            self.fail(f"the cache is {_type_name(got, length=True)}; {rule}", hint=f"return it as {form}.")
        for k, (name, have) in enumerate(zip(names, items)):
            if not matches(have, expected[name]):
                others = {n: v for n, v in {**expected, **(known or {})}.items() if n != name}
                what = _name_of(have, others)
                if what is None:
                    what = _type_name(have) + ("" if isinstance(have, np.ndarray) else f" ({fmt(have)})")
                where = f"item {k} of the cache" if len(names) > 1 else "the cache"
                self.fail(f"{where} is {what}, not {name}; {rule}", hint=f"return it as {form}.")
        return got


def _not_a_function(check_name, name, value):
    return (f"✘ {check_name}: expected a function for {name}, got {_type_name(value)}"
            f"{'' if value is None else ' (' + fmt(value, 3)[:40] + ')'}. Pass the function itself "
            "(its name, without calling it).")


# -- Helpers for call(): arguments by name, snapshots for in-place detection, exception hints ----------
def _named_arguments(func, args, kwargs):
    """The arguments of a call by parameter name ("argument 2" for *args, or without a signature)."""
    try:
        signature = inspect.signature(func)
        bound = signature.bind_partial(*args, **kwargs)
    except (TypeError, ValueError):
        return {**{f"argument {i + 1}": a for i, a in enumerate(args)}, **kwargs}
    named = {}
    for key, value in bound.arguments.items():
        if signature.parameters[key].kind is inspect.Parameter.VAR_POSITIONAL:
            named.update({f"argument {i + 1}": v for i, v in enumerate(value)})
        else:
            named[key] = value
    return named


def _copy(value):
    """A copy of an array (or a list or dict of arrays); anything else is returned as it is."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
        return [v.copy() for v in value]
    if isinstance(value, dict) and all(isinstance(v, np.ndarray) for v in value.values()):
        return {k: v.copy() for k, v in value.items()}
    return value


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
    """The learner's own error message, in full, on one line (never cut mid-sentence)."""
    return " ".join(line.strip() for line in str(error).strip().splitlines() if line.strip())


def _hint_for_exception(error, params=()):
    text = str(error)
    if isinstance(error, ValueError) and ("shapes" in text or "broadcast" in text
                                          or "dimension" in text or "mismatch" in text):
        shapes = ", ".join(f"{p}.shape" for p in params[:3]) + ", ..." if params else "each array's .shape"
        return f"print the shapes of your arrays ({shapes}) and compare with the docstring."
    if isinstance(error, ValueError) and "truth value of an array" in text:
        return ("an `if` (or `and`, `or`, `max()`) met a whole array, and Python needs one True/False: work on "
                "every entry at once, e.g. np.where(condition, value_if_true, value_if_false).")
    if isinstance(error, TypeError) and "integer scalar arrays" in text:
        return ("an array went where numpy expects an integer (an index, or an axis: np.max(a, b) reads b as the "
                "axis); to compare two arrays entry by entry use np.maximum(a, b).")
    if isinstance(error, NameError):
        return "a name is not defined: did you run the cells above (and spell it as they do)?"
    if isinstance(error, TypeError):
        return "check the arguments you pass and what you return (a function, not its result?)."
    if isinstance(error, (IndexError, KeyError)):
        return "check your indices against the shapes given in the docstring."
    return None


# -- The exercises of a notebook: registry, catching up, progress -------------------------------------
class Exercises:
    """The checks of one notebook, in order.

    ``register(name)`` decorates a check. ``args`` names the variables the check takes from the notebook (by
    default the function called ``name``).
    """

    def __init__(self, notebook):
        self.notebook = notebook          # file stem, e.g. "01_regression_and_gradient_descent"
        self.checks = {}                  # name -> (check function, argument names)
        self.labels = {}                  # name -> exercise number shown in progress reports
        self._probing = False             # running another exercise's check quietly (no nesting)

    def _failing_dependency(self, name, names, functions):
        """The line for a failing check whose functions use another exercise that fails its own check.

        The other exercise is one passed in (gru_step_forward to check.gru_step_backward) or one the learner's
        functions call, directly or through provided code (rnn_step_forward inside rnn_forward, layer_norm_forward
        inside a transformer block), found by name in the notebook's namespace. Its own check runs quietly;
        None when every such exercise passes."""
        found = {n: f for n, f in zip(names, functions) if n != name and n in self.checks}
        seen = set(found)

        def walk(func, depth):
            code, namespace = getattr(func, "__code__", None), getattr(func, "__globals__", None)
            if code is None or namespace is None or depth > 3:
                return
            codes, used = [code], []
            while codes:                          # the function's own names and those of its inner functions
                c = codes.pop()
                used += c.co_names
                codes += [k for k in c.co_consts if inspect.iscode(k)]
            for used_name in dict.fromkeys(used):
                value = namespace.get(used_name)
                if used_name in seen or not callable(value) or not hasattr(value, "__code__"):
                    continue
                seen.add(used_name)
                if used_name in self.checks and used_name not in names:
                    found[used_name] = value
                walk(value, depth + 1)
        for func in functions:
            walk(func, 0)
        for other, func in found.items():
            check, other_names = self.checks[other]
            namespace = getattr(func, "__globals__", {})
            given = [func if n == other else namespace.get(n) for n in other_names]
            if any(g is None for g in given):
                continue
            self._probing = True
            try:
                with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    check(*given)
            except (CheckFailed, NotImplementedError):
                return (f"  First: {other}, which {name} uses, does not pass its own check yet "
                        f"(check.{other}({', '.join(other_names)})): fix it first; what follows may come from it.")
            except CheckBug:
                raise                             # under pytest a bug in a check is the check's, even here
            except Exception:                     # a probe: anything else is no verdict on the other exercise
                continue
            finally:
                self._probing = False
        return None

    def register(self, name, args=None, label=None, values=False):
        """Register the check of exercise ``name`` (``label`` numbers it in progress reports).

        Its arguments are functions (checked to be callable before any case runs: one line, e.g. for
        ``check.rnn_backward(h, rnn_backward)``) unless ``values=True``.
        """
        names = tuple(args) if args else (name,)
        usage = f"check.{name}({', '.join(names)})"

        def decorator(check_function):
            signature = inspect.signature(check_function)

            @functools.wraps(check_function)
            def check(*call_args, **call_kwargs):
                try:
                    signature.bind(*call_args, **call_kwargs)
                except TypeError:
                    raise CheckFailed(f"✘ check.{name} needs {', '.join(names)}: run it as {usage}.") from None
                for arg_name, given in zip(names, () if values else call_args):
                    if not callable(given):
                        raise CheckFailed(_not_a_function(name, arg_name, given) + f" Run it as {usage}.")
                try:
                    return check_function(*call_args, **call_kwargs)
                except CheckFailed as failure:
                    first = None if values or self._probing else self._failing_dependency(name, names, call_args)
                    if first is None:
                        raise
                    raise CheckFailed(failure.lines[:1] + [first] + failure.lines[1:]) from None

            self.checks[name] = (check, names)
            self.labels[name] = label or str(len(self.checks))
            check.exercise_name = name
            check.argument_names = names
            return check
        return decorator

    def exercise(self, name, args=None, label=None, values=False):
        """Register a check whose body receives a ready :class:`Check` (the plumbing in one place).

        ::

            @exercises.exercise("dense_backward", args=("dense_forward", "dense_backward"))
            def dense_backward(chk, forward):      # chk.func is the last argument
                with chk.case("..."):
                    Z, cache = chk.call(X, W, b, func=forward, returns="Z, cache")

        Every argument but the last is passed on to the body; all are checked to be callable (see
        :meth:`register`). ``values=True``: no function under test, every argument goes to the body
        (``chk.func`` is None).
        """
        names = tuple(args) if args else (name,)

        def decorator(body):
            def check_function(*given):
                with self.check(name, None if values else given[-1]) as chk:
                    body(chk, *(given if values else given[:-1]))
            check_function.__name__ = check_function.__qualname__ = body.__name__
            check_function.__doc__ = body.__doc__
            check_function.__signature__ = inspect.Signature(
                [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in names])
            return self.register(name, args, label, values)(check_function)
        return decorator

    def check(self, name, func=None):
        """A :class:`Check` for exercise ``name`` whose messages know how to catch up."""
        # a function under another name (00's demo) is not what catching up would replace
        chk = Check(name, func, catch_up_hint=self.catch_up_hint(name))
        own = (name, "<lambda>", *self.checks.get(name, (None, ()))[1])   # sigmoid_layer's sigmoid_backward too
        if getattr(func, "__name__", "<lambda>") not in own:
            chk.failure_hint = None
        return chk

    def own_names(self, name):
        """The names exercise ``name`` asks for, less those with a check of their own
        (dense_forward in check.dense_backward): what catching it up replaces."""
        names = self.checks.get(name, (None, (name,)))[1]
        return [n for n in names if n == name or n not in self.checks] or list(names)

    def catch_up_hint(self, name):
        names = self.own_names(name)
        return f"{', '.join(names)} = check.catch_up({', '.join(repr(n) for n in names)})"

    def catch_up(self, *names):
        """Take the named function(s) or value(s) from the solution notebook.

        For a learner who fell behind: ``add_bias = check.catch_up("add_bias")`` fills in that exercise so the
        rest of the notebook runs. Several names give a tuple: ``W1, b1 = check.catch_up("W1", "b1")``.
        """
        from ..notebook.source import load_names
        return load_names(self.notebook, names)

    def run(self, name, namespace, quiet=True):
        """Run one check on the values in ``namespace``; returns its status.

        Status is one of ``"pass"``, ``"fail"``, ``"not started"``; the second element is the first line of
        the message.
        """
        check_function, names = self.checks[name]
        missing = [n for n in names if n not in namespace]
        if missing:
            return "not started", f"{', '.join(missing)} not defined"
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                check_function(*(namespace[n] for n in names))
        except NotImplementedError:
            return "not started", "not implemented yet"
        except CheckFailed as failure:
            detail = failure.lines[0] if len(failure.lines) == 1 else failure.lines[1].strip(" •")
            detail = CASE_LABEL.sub("", detail.split("\n")[0])    # the diagnosis, not the case's name
            return "fail", detail
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
        from ..notebook.progress import report_lines
        from ..notebook.source import solution_labels
        labels = {**self.labels, **solution_labels(self.notebook)}   # the notebook's "**Exercise 3.**"
        print("\n".join(report_lines(self.notebook, self.results(namespace), labels=labels)))


CASE_LABEL = re.compile(r'^case "[^"]*"( \(and \d+ other cases?, the same\))?: ')


def __getattr__(name):
    """``report_lines`` and ``summary_line`` moved to utils.notebook.progress; the old import still works."""
    if name in ("report_lines", "summary_line"):
        from ..notebook import progress
        return getattr(progress, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
