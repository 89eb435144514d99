"""Catching up replaces only what fails, and what it hands out is marked as caught up."""
import pytest

from utils.checks import nb00, nb04
from utils.checks.framework import CheckFailed, NotImplementedYet


def stub(name):
    def function(*args):
        raise NotImplementedError(f"{name} is not implemented yet")
    function.__name__ = name
    return function


def test_a_two_function_check_offers_to_catch_up_only_its_own_function():
    """check.dense_backward(dense_forward, dense_backward) with the learner's passing
    dense_forward: the hint must not overwrite it."""
    dense_forward = nb04.catch_up("dense_forward")
    del dense_forward.caught_up_from_solution          # as if the learner wrote it
    with pytest.raises(NotImplementedYet) as raised:
        nb04.dense_backward(dense_forward, stub("dense_backward"))
    text = str(raised.value)
    assert "dense_backward is not implemented yet" in text
    assert "Catch up with:  dense_backward = check.catch_up('dense_backward')" in text
    assert "dense_forward, dense_backward = " not in text


def test_the_unfinished_function_is_the_one_named():
    """An unfinished dense_forward inside check.dense_backward is named as such, with its own hint."""
    with pytest.raises(NotImplementedYet) as raised:
        nb04.dense_backward(stub("dense_forward"), nb04.catch_up("dense_backward"))
    text = str(raised.value)
    assert text.startswith("⏳ dense_forward is not implemented yet")
    assert "Catch up with:  dense_forward = check.catch_up('dense_forward')" in text


def test_a_function_under_another_name_gets_no_catch_up_hint():
    """Notebook 00's demonstration of a failing check must not offer to overwrite predict_matrix."""
    def predict_without_bias(X, w):
        return X[:, 1:] @ w[1:]
    with pytest.raises(CheckFailed) as raised:
        nb00.predict_matrix(predict_without_bias)
    assert "the bias term w[0]·X[i, 0] is missing" in str(raised.value)
    assert "catch_up" not in str(raised.value)


def test_the_learners_own_wrong_answer_still_gets_the_hint():
    def predict_matrix(X, w):
        return X[:, 1:] @ w[1:]
    with pytest.raises(CheckFailed) as raised:
        nb00.predict_matrix(predict_matrix)
    assert "Stuck? Catch up with:  predict_matrix = check.catch_up('predict_matrix')" in str(raised.value)


def test_caught_up_functions_show_as_caught_up_in_the_progress_cell(capsys):
    namespace = {"predict_loop": nb00.catch_up("predict_loop")}
    def predict_matrix(X, w):
        return X @ w
    namespace["predict_matrix"] = predict_matrix
    nb00.progress(namespace)
    out = capsys.readouterr().out
    assert "↺ 1.   predict_loop                 caught up" in out
    assert "✔ 2.   predict_matrix               pass" in out
    assert "1 passed, 1 caught up, 0 failing, 0 not started." in out
