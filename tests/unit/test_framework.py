"""The check framework reports failures, NotImplementedError, None, wrong
shapes, lists, NaN, exceptions, warnings and in-place changes as short messages."""
import numpy as np
import pytest

from utils.checks.framework import Check, CheckFailed, Exercises, NotImplementedYet, fmt


def square_check(func):
    """A check of 'square': elementwise x**2 of an array."""
    with Check("square", func, catch_up_hint='square = check.catch_up("square")') as chk:
        with chk.case("x = [1, 2, 3]"):
            got = chk.call(np.array([1.0, 2.0, 3.0]))
            chk.array(got, [1, 4, 9], diagnoses=[([2, 4, 6], "you doubled x instead of squaring it.")],
                      hint="square each entry: x ** 2.")
        with chk.case("x = [[-1]]"):
            got = chk.call(np.array([[-1.0]]))
            chk.array(got, [[1]])


def failure_text(func, check=square_check):
    with pytest.raises(CheckFailed) as info:
        check(func)
    return str(info.value)


def test_passing_check_prints_one_line(capsys):
    square_check(lambda x: x ** 2)
    out = capsys.readouterr().out
    assert out.strip() == "✔ square: all 2 cases pass."


def test_alternative_spellings_pass(capsys):
    square_check(np.square)
    square_check(lambda x: x * x)
    assert capsys.readouterr().out.count("✔") == 2


def test_not_implemented_is_reported_as_such():
    def square(x):
        raise NotImplementedError("square is not implemented yet")
    with pytest.raises(NotImplementedYet) as info:
        square_check(square)
    text = str(info.value)
    assert "square is not implemented yet" in text
    assert 'square = check.catch_up("square")' in text
    assert "case" not in text  # no storm of per-case failures


def test_none_is_reported_with_a_return_hint():
    text = failure_text(lambda x: None)
    assert "is None" in text and "return" in text


def test_list_is_reported():
    text = failure_text(lambda x: (x ** 2).tolist())
    assert "numpy array, got a list" in text


def test_wrong_shape_is_reported():
    text = failure_text(lambda x: (x ** 2).reshape(-1, 1))
    assert "shape (3,)" in text and "(3, 1)" in text


def test_nan_is_reported():
    text = failure_text(lambda x: np.full_like(x, np.nan))
    assert "NaN" in text


def test_known_mistake_is_named():
    text = failure_text(lambda x: 2 * x)
    assert "you doubled x instead of squaring it." in text


def test_unknown_mistake_shows_expected_and_got_with_hint():
    text = failure_text(lambda x: x ** 3)
    assert "expected the result [1, 4, 9], got [1, 8, 27]" in text
    assert "Hint: square each entry" in text


def test_exception_is_reported_in_one_line():
    def square(x):
        raise ValueError("shapes (3,) and (2,) not aligned")
    text = failure_text(square)
    assert "square raised ValueError: shapes (3,) and (2,) not aligned" in text
    assert "Traceback" not in text


def test_in_place_change_is_reported():
    def square(x):
        x **= 2
        return x
    assert "changed its argument `x` in place" in failure_text(square)


def test_warning_is_reported():
    def square(x):
        return np.exp(x * 1000) * 0 + x ** 2
    assert "overflow" in failure_text(square)


def test_not_a_function():
    with pytest.raises(CheckFailed) as info:
        square_check(np.array([1.0]))
    assert "expected a function" in str(info.value)


def test_message_is_short_even_when_every_case_fails():
    lines = failure_text(lambda x: None).splitlines()
    assert len(lines) <= 1 + 2 * 2 + 1
    assert lines[0] == "✘ square: 2 of 2 cases failed."


def test_render_traceback_shows_only_the_message():
    with pytest.raises(CheckFailed) as info:
        square_check(lambda x: None)
    rendered = info.value._render_traceback_()
    assert "square" in rendered[0] and not any("Traceback" in line for line in rendered)


def test_scalar_checks():
    def check_mean(func):
        with Check("mean", func) as chk:
            with chk.case("[1, 2, 3]"):
                chk.scalar(chk.call(np.array([1.0, 2.0, 3.0])), 2.0, diagnoses=[(6.0, "that is the sum.")])
    check_mean(np.mean)
    check_mean(lambda x: np.array(np.mean(x)))  # 0-d arrays are numbers too
    assert "that is the sum." in failure_text(np.sum, check_mean)
    assert "single number, got an array of shape (3,)" in failure_text(lambda x: x, check_mean)
    assert "is None" in failure_text(lambda x: None, check_mean)


def test_fmt_is_one_line():
    assert "\n" not in fmt(np.arange(100.0).reshape(10, 10))
    assert fmt(None) == "None"


def test_exercises_registry_progress(capsys):
    exercises = Exercises("99_example")

    @exercises.register("square")
    def check_square(func):
        square_check(func)

    @exercises.register("cube")
    def check_cube(func):
        with exercises.check("cube", func) as chk:
            with chk.case("2"):
                chk.scalar(chk.call(2.0), 8.0)

    def cube(x):
        raise NotImplementedError

    results = exercises.results({"square": lambda x: x * 2, "cube": cube})
    assert results["square"][0] == "fail" and "doubled" in results["square"][1]
    assert results["cube"] == ("not started", "not implemented yet")
    assert exercises.results({})["square"] == ("not started", "square not defined")
    exercises.progress({"square": np.square, "cube": lambda x: x ** 3})
    out = capsys.readouterr().out
    assert "2 passed, 0 failing, 0 not started." in out
    assert exercises.catch_up_hint("cube") == "cube = check.catch_up('cube')"


# ---- issue 14/15: the plumbing the framework owns -------------------------
import warnings as _warnings

from utils.checks.framework import CheckBug, sigmoid


def test_only_numerical_warnings_fail_others_are_a_note(capsys):
    def deprecated(x):
        _warnings.warn("np.row_stack is deprecated", DeprecationWarning)
        return x ** 2
    square_check(deprecated)
    out = capsys.readouterr().out
    assert "✔ square" in out and "Note:" in out and "DeprecationWarning" in out
    text = failure_text(lambda x: np.exp(x * 1000.0) * 0 + x ** 2)
    assert "numerical warning: RuntimeWarning: overflow" in text


def test_float32_right_to_its_precision_passes_with_a_note_and_wrong_float32_is_still_wrong(capsys):
    square_check(lambda x: (x ** 2 * (1 + 3e-6)).astype(np.float32))      # within float32's rounding
    out = capsys.readouterr().out
    assert "✔ square" in out and "Note: the result: dtype float32" in out and "1.0 in float32" in out
    text = failure_text(lambda x: (x ** 2 * (1 + 3e-3)).astype(np.float32))  # beyond it: a real difference
    assert "expected the result" in text and "passes" not in text


class FakeJaxArray:
    __module__ = "jaxlib.xla_extension"

    def __array__(self, dtype=None, copy=None):
        return np.zeros(3)


def test_foreign_array_gets_one_line():
    text = failure_text(lambda x: FakeJaxArray())
    assert "got a jax Array; wrap it with np.asarray(...)" in text
    assert "FakeJaxArray object at" not in text


def test_near_miss_shows_the_largest_difference():
    text = failure_text(lambda x: x ** 2 + np.array([0, 1e-5, 0])[: x.size].reshape(x.shape))
    assert "largest difference is 1e-05 at index (1,)" in text


def test_non_callable_outside_a_case_is_one_line():
    exercises = Exercises("99_test")

    @exercises.exercise("pair_check", args=("forward", "backward"))
    def pair_check(chk, forward):
        with chk.case("one"):
            chk.call(np.ones(2), func=forward)

    with pytest.raises(CheckFailed) as info:
        pair_check(np.ones(2), lambda x: x)
    text = str(info.value)
    assert len(text.splitlines()) == 1 and "expected a function for forward" in text
    assert "_CaseFailed" not in text
    with pytest.raises(CheckFailed) as info:
        pair_check(lambda x: x)
    assert "check.pair_check(forward, backward)" in str(info.value)


def test_failing_outside_a_case_raises_the_learner_facing_exception():
    with pytest.raises(CheckFailed) as info:
        with Check("thing", lambda: 0) as chk:
            chk.true(False, "pass thing_forward first")
    assert str(info.value) == "✘ thing: pass thing_forward first"


def test_same_message_and_hint_said_once_and_case_named():
    text = failure_text(lambda x: x * 2 + 7)
    assert text.count("Hint:") <= 1
    assert 'case "x = [1, 2, 3]"' in text


def test_learner_error_message_is_not_truncated():
    long = "a message " * 30 + "END"
    def raises(x):
        raise ValueError(long)
    assert "END" in failure_text(raises)


def test_a_bug_in_a_check_raises_under_pytest():
    with pytest.raises(CheckBug):
        with Check("buggy", lambda: 0) as chk:
            with chk.case("one"):
                chk.call() + "text"


def test_returns_and_gradient_diagnoses():
    X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    dW = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])

    def check(backward):
        with Check("backward", backward) as chk:
            with chk.case("two samples"):
                got, db = chk.call(X, returns="dW, db")
                chk.gradient(got, dW, what="dW", like=("W", dW), m=2)

    for wrong, words in ((lambda X: (-dW, 0), "wrong sign"), (lambda X: (2 * dW, 0), "m = 2 times"),
                         (lambda X: (dW.T, 0), "transposed"), (lambda X: dW, "expected a pair (dW, db)")):
        text = failure_text(wrong, check)
        assert words in text, text
    check(lambda X: (dW, 0))


def test_shared_sigmoid_is_stable():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert np.allclose(sigmoid(np.array([-1000.0, 0.0, 1000.0])), [0.0, 0.5, 1.0])


def test_a_warning_hint_names_the_cause_of_a_numerical_warning():
    def check(func):
        with Check("t", func) as chk:
            with chk.case("a = 1000"):
                chk.call(np.array([1000.0]), warning_hint="e^{2a} overflows for large a: use np.tanh.")
    text = failure_text(lambda a: np.exp(2 * a), check)
    assert "RuntimeWarning: overflow" in text and "e^{2a} overflows for large a" in text


def test_cache_contract_names_the_wrong_item():
    X, W = np.arange(6.0).reshape(2, 3), np.ones((3, 2))

    def check(cache):
        with Check("forward", lambda: None) as chk:
            with chk.case("the cache"):
                chk.cache(cache, {"X": X, "W": W, "stride": 1}, used_by="backward",
                          known={"the padded X": np.pad(X, 1)})
    assert "item 0 of the cache is W, not X" in failure_text(None, lambda f: check((W, X, 1)))
    assert "the padded X, not X" in failure_text(None, lambda f: check((np.pad(X, 1), W, 1)))
    assert "the cache is a tuple of length 2; the cache must be (X, W, stride): backward reads it in " \
           "that order" in failure_text(None, lambda f: check((X, W)))
    with Check("forward", lambda: None, quiet=True) as chk:
        with chk.case("right"):
            chk.cache((X.copy(), W, 1), {"X": X, "W": W, "stride": 1}, used_by="backward")
    assert not chk.failures


def test_progress_report_helpers_still_import_from_the_framework():
    from utils.checks import framework
    from utils.notebook import progress
    assert framework.report_lines is progress.report_lines and framework.summary_line is progress.summary_line
    with pytest.raises(AttributeError):
        framework.no_such_name


# -- a failing check whose function uses another exercise that fails its own check says so first --------
def _two_exercises():
    exercises = Exercises("99_dependencies")

    @exercises.exercise("double")
    def double(chk):
        with chk.case("x = 2"):
            chk.scalar(chk.call(2.0), 4.0, what="double(2)")

    @exercises.exercise("quadruple")
    def quadruple(chk):
        with chk.case("x = 2"):
            chk.scalar(chk.call(2.0), 8.0, what="quadruple(2)")
    return exercises


def test_the_exercise_a_failing_function_calls_is_named_first_when_it_fails_its_own_check():
    exercises = _two_exercises()
    namespace = {}
    exec("def double(x):\n    return x * 3\n\ndef helper(x):\n    return double(double(x))\n\n"
         "def quadruple(x):\n    return helper(x)", namespace)          # through provided code, as in 08
    with pytest.raises(CheckFailed) as failure:
        exercises.checks["quadruple"][0](namespace["quadruple"])
    lines = str(failure.value).splitlines()
    assert lines[1].startswith("  First: double, which quadruple uses, does not pass its own check yet"), lines
    assert "check.double(double)" in lines[1]


def test_no_such_line_when_the_exercise_it_calls_passes():
    exercises = _two_exercises()
    namespace = {}
    exec("def double(x):\n    return 2 * x\n\ndef quadruple(x):\n    return double(x) + 1", namespace)
    with pytest.raises(CheckFailed) as failure:
        exercises.checks["quadruple"][0](namespace["quadruple"])
    assert "First:" not in str(failure.value)


def test_float32_rounding_inside_a_float64_result_passes_with_a_note(capsys):
    """A function the checked one uses returned float32: the float64 result is off by rounding only."""
    with Check("shifted", None) as chk:
        with chk.case("a zero next to a 4"):         # float32 noise of the 4 lands on the 0: beyond atol 1e-9
            chk.array(np.array([3e-7, 4.0]), [0.0, 4.0])
    out = capsys.readouterr().out
    assert "✔ shifted" in out and "right to about 7 digits only" in out
    with pytest.raises(CheckFailed):                 # ten times that is a real difference
        with Check("shifted", None) as chk:
            with chk.case("a zero next to a 4"):
                chk.array(np.array([3e-6, 4.0]), [0.0, 4.0])


def test_the_entry_shown_is_the_one_furthest_beyond_its_tolerance():
    """Not the largest absolute difference, which may be within its (relative) tolerance."""
    def func(x):
        y = x ** 2
        y.flat[-1] += 5e-6                 # 9 + 5e-6: within rtol 1e-6 · 9? no: 5e-6 < 9e-6, fine
        y.flat[0] += 2e-6                  # 1 + 2e-6: beyond rtol 1e-6 · 1
        return y
    text = failure_text(func)
    assert "at index (0,)" in text, text
