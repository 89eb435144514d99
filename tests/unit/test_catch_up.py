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


@pytest.mark.parametrize("name, hinted", [("predict_without_bias", False), ("predict_matrix", True)])
def test_the_catch_up_hint_only_for_the_learners_own_function(name, hinted):
    """Notebook 00's demonstration of a failing check (a function under another name) must not offer
    to overwrite predict_matrix; the learner's own wrong predict_matrix gets the hint."""
    def wrong(X, w):
        return X[:, 1:] @ w[1:]
    wrong.__name__ = wrong.__qualname__ = name                 # as if defined as `def <name>(X, w)`
    wrong.__code__ = wrong.__code__.replace(co_name=name)
    with pytest.raises(CheckFailed) as raised:
        nb00.predict_matrix(wrong)
    assert "the bias term w[0]·X[i, 0] is missing" in str(raised.value)
    hint = "Stuck? Catch up with:  predict_matrix = check.catch_up('predict_matrix')"
    assert (hint in str(raised.value)) == hinted and (("catch_up" in str(raised.value)) == hinted)


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
