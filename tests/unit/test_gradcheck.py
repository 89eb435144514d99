"""The gradient checker passes right gradients and flags wrong ones."""
import numpy as np
import pytest

from utils import check_gradient, numerical_gradient, numerical_gradient_array, rel_error
from utils.checks.framework import CheckFailed

rng = np.random.default_rng(0)
A = rng.normal(size=(4, 3))
B = rng.normal(size=4)


def loss(w):
    return np.sum((A @ w - B) ** 2) / 4


def right_gradient(w):
    return 2 / 4 * A.T @ (A @ w - B)


def test_numerical_gradient_matches_the_analytic_one_and_restores_x():
    w = rng.normal(size=3)
    before = w.copy()
    numeric = numerical_gradient(lambda: loss(w), w)
    assert np.array_equal(w, before)
    assert rel_error(numeric, right_gradient(w)) < 1e-8


def test_numerical_gradient_array_of_a_layer():
    x = rng.normal(size=(2, 3))
    W = rng.normal(size=(3, 4))
    d_out = rng.normal(size=(2, 4))
    dW = numerical_gradient_array(lambda: x @ W, W, d_out)
    assert rel_error(dW, x.T @ d_out) < 1e-8


def test_rel_error_is_cs231n_definition():
    assert rel_error(np.array([1.0]), np.array([1.0])) == 0
    assert rel_error(np.array([1.0]), np.array([-1.0])) == pytest.approx(1.0)
    assert rel_error(np.array([0.0]), np.array([1e-9])) == pytest.approx(0.1)  # floor of 1e-8


def test_check_gradient_passes_a_right_gradient(capsys):
    w = rng.normal(size=3)
    check_gradient(lambda: loss(w), w, right_gradient(w), name="dw")
    assert capsys.readouterr().out.startswith("✔ dw: relative error")


@pytest.mark.parametrize("wrong, words", [
    (lambda w: -right_gradient(w), "a sign is flipped"),
    (lambda w: 4 * right_gradient(w), "4 times the numerical one"),
    (lambda w: right_gradient(w) + np.array([0.0, 0.5, 0.0]), "worst at index 1"),
])
def test_check_gradient_flags_wrong_gradients(wrong, words):
    w = rng.normal(size=3)
    with pytest.raises(CheckFailed) as info:
        check_gradient(lambda: loss(w), w, wrong(w), name="dw")
    text = str(info.value)
    assert text.startswith("✘ dw: relative error") and words in text
    assert len(text.splitlines()) == 2


def test_check_gradient_flags_a_transposed_matrix_gradient():
    W = rng.normal(size=(3, 3))
    x = rng.normal(size=(5, 3))
    with pytest.raises(CheckFailed, match="transpose"):
        check_gradient(lambda: np.sum(x @ W), W, (x.T @ np.ones((5, 3))).T, name="dW")


def test_check_gradient_without_raising_prints(capsys):
    w = rng.normal(size=3)
    check_gradient(lambda: loss(w), w, -right_gradient(w), raise_on_failure=False)
    assert "✘" in capsys.readouterr().out


def test_check_gradient_shape_none_and_dtype_messages():
    w = rng.normal(size=3)
    with pytest.raises(CheckFailed, match="shape"):
        check_gradient(lambda: loss(w), w, np.zeros(4))
    with pytest.raises(CheckFailed, match="None"):
        check_gradient(lambda: loss(w), w, None)
    with pytest.raises(TypeError, match="float64"):
        check_gradient(lambda: 0.0, np.zeros(3, dtype=int), np.zeros(3))


X32 = rng.normal(size=(20, 3))
Y32 = (rng.random(20) > 0.5).astype(float)


def _bce_float32(w):
    """A logistic loss whose sigmoid is float32 (its rounding noise swamps a numerical gradient)."""
    p = (1 / (1 + np.exp(-X32 @ w))).astype(np.float32)
    return -np.mean(Y32 * np.log(p) + (1 - Y32) * np.log(1 - p)), X32.T @ (p - Y32) / len(Y32)


@pytest.mark.parametrize("as_float32", [False, True])
def test_a_right_float32_gradient_passes_at_float32_precision_and_says_so(as_float32, capsys):
    w = rng.normal(size=3)
    loss = (lambda: np.float32(_bce_float32(w)[0])) if as_float32 else (lambda: _bce_float32(w)[0])
    check_gradient(loss, w, _bce_float32(w)[1], name="dw")
    out = capsys.readouterr().out
    assert out.startswith("✔ dw") and "float32 precision" in out, out


def test_a_float32_gradient_that_fails_is_told_about_precision_never_the_chain_rule():
    w = rng.normal(size=3)
    with pytest.raises(CheckFailed) as info:
        check_gradient(lambda: _bce_float32(w)[0], w, -_bce_float32(w)[1], name="dw")
    text = str(info.value)
    assert "float32" in text and "says nothing about your formula" in text and "compute in float64" in text
    assert "chain rule" not in text and "wrong sign" not in text


def test_a_float32_analytic_gradient_of_a_float64_loss_passes(capsys):
    w = rng.normal(size=3)
    check_gradient(lambda: loss(w), w, right_gradient(w).astype(np.float32), name="dw")
    assert capsys.readouterr().out.startswith("✔ dw")


def test_a_gradient_right_to_float32_rounding_is_told_so_not_a_missing_factor():
    """(p − y)/m returned in float32 inside a float64 loss: 7 digits agree; not "1 times the numerical one"."""
    w = rng.normal(size=3)
    rounded = right_gradient(w) * (1 + 3e-6)                       # 5 digits: a ✘ naming float32
    with pytest.raises(CheckFailed) as info:
        check_gradient(lambda: loss(w), w, rounded, name="dw")
    text = str(info.value)
    assert "float32 precision crept in" in text and "times the numerical one" not in text, text
    assert "np.int64" not in text


def test_a_gradient_off_by_float32_rounding_only_passes_and_says_so(capsys):
    """(p − y)/m returned in float32 inside a float64 loss: about 7 digits agree, just above the tolerance."""
    w = rng.normal(size=3)
    check_gradient(lambda: loss(w), w, right_gradient(w) * (1 + 2e-7), name="dw")
    out = capsys.readouterr().out
    assert out.startswith("✔ dw") and "float32's precision" in out, out
