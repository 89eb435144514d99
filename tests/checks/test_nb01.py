"""Each check of notebook 01 rejects the wrong implementations in the
curriculum's catalogue with a message naming the problem, and accepts
correct alternatives."""
import numpy as np
import pytest

import checktools

from utils.checks.framework import CheckFailed, NotImplementedYet
from utils.checks import nb01 as check


def rejects(check_function, func, *words):
    """The check fails on ``func`` and its message contains every one of ``words``."""
    return checktools.rejects(check_function, func, words=words)


# -- add_bias ----------------------------------------------------------------
def test_add_bias_accepts_alternatives(capsys):
    check.add_bias(lambda X: np.hstack([np.ones((X.shape[0], 1)), X]))
    check.add_bias(lambda X: np.column_stack([np.ones(len(X)), X]))
    check.add_bias(lambda X: np.insert(X.astype(float), 0, 1.0, axis=1))
    check.add_bias(lambda X: np.c_[np.ones(X.shape[0]), X])
    assert capsys.readouterr().out.count("✔ add_bias") == 4


def test_add_bias_rejects_ones_at_the_end():
    rejects(check.add_bias, lambda X: np.hstack([X, np.ones((X.shape[0], 1))]), "at the end")


def test_add_bias_rejects_missing_bias():
    rejects(check.add_bias, lambda X: X.copy(), "no column of ones")


def test_add_bias_rejects_changing_the_input_in_place():
    def add_bias(X):
        X[:, 0] = 1  # overwrites the first feature
        return np.hstack([np.ones((X.shape[0], 1)), X])
    rejects(check.add_bias, add_bias, "in place")


def test_add_bias_rejects_a_fixed_row_count():
    rejects(check.add_bias, lambda X: np.hstack([np.ones((2, 1)), X]), "add_bias raised ValueError")


# -- predict -------------------------------------------------------------------
def test_predict_accepts_alternatives(capsys):
    check.predict(lambda X, w: X @ w)
    check.predict(lambda X, w: np.dot(X, w))
    check.predict(lambda X, w: (X * w).sum(axis=1))
    assert capsys.readouterr().out.count("✔") == 3


def test_predict_rejects_a_column_result():
    rejects(check.predict, lambda X, w: (X @ w).reshape(-1, 1), "shape")


# -- mse_loss ------------------------------------------------------------------
def test_mse_loss_accepts_alternatives(capsys):
    check.mse_loss(lambda X, y, w: np.mean((X @ w - y) ** 2))
    check.mse_loss(lambda X, y, w: np.sum((y - X @ w) ** 2) / len(y))
    check.mse_loss(lambda X, y, w: float(np.linalg.norm(X @ w - y) ** 2 / X.shape[0]))
    assert capsys.readouterr().out.count("✔") == 3


def test_mse_loss_rejects_a_sum_where_a_mean_belongs():
    rejects(check.mse_loss, lambda X, y, w: np.sum((X @ w - y) ** 2), "sum of squared errors")


def test_mse_loss_rejects_rmse():
    rejects(check.mse_loss, lambda X, y, w: np.sqrt(np.mean((X @ w - y) ** 2)), "square root")


def test_mse_loss_rejects_column_broadcasting():
    rejects(check.mse_loss, lambda X, y, w: np.mean((X @ w - y[:, None]) ** 2, axis=0),
            "single number")


# -- mse_gradient --------------------------------------------------------------
def test_mse_gradient_accepts_alternatives(capsys):
    check.mse_gradient(lambda X, y, w: 2 / len(y) * X.T @ (X @ w - y))
    check.mse_gradient(lambda X, y, w: 2 * np.mean((X @ w - y)[:, None] * X, axis=0))
    check.mse_gradient(lambda X, y, w: -2 * X.T.dot(y - X.dot(w)) / X.shape[0])
    assert capsys.readouterr().out.count("✔") == 3


def test_mse_gradient_rejects_missing_one_over_m():
    rejects(check.mse_gradient, lambda X, y, w: 2 * X.T @ (X @ w - y), "1/m is missing")


def test_mse_gradient_rejects_the_slides_form():
    rejects(check.mse_gradient, lambda X, y, w: X.T @ (X @ w - y), "slide's form")


def test_mse_gradient_rejects_a_flipped_sign():
    rejects(check.mse_gradient, lambda X, y, w: 2 / len(y) * X.T @ (y - X @ w), "sign is flipped")


def test_mse_gradient_rejects_x_where_x_transpose_belongs():
    text = rejects(check.mse_gradient, lambda X, y, w: 2 / len(y) * X @ (X @ w - y))
    assert "raised ValueError" in text or "shape" in text


def test_mse_gradient_rejects_a_sum_over_features():
    rejects(check.mse_gradient, lambda X, y, w: 2 / len(y) * np.sum(X.T @ (X @ w - y)), "single number")


# -- gradient_descent ----------------------------------------------------------
def make_gd(step_sign=-1, in_place=False, record_after_only=False):
    def mse(X, y, w):
        return np.mean((X @ w - y) ** 2)

    def grad(X, y, w):
        return 2 / len(y) * X.T @ (X @ w - y)

    def gradient_descent(X, y, w0, learning_rate, n_iterations):
        w = w0 if in_place else w0.copy()
        losses = [] if record_after_only else [mse(X, y, w)]
        for _ in range(n_iterations):
            if in_place:
                w -= learning_rate * grad(X, y, w)
            else:
                w = w + step_sign * learning_rate * grad(X, y, w)
            losses.append(mse(X, y, w))
        return w, losses
    return gradient_descent


def test_gradient_descent_accepts_a_list_history(capsys):
    check.gradient_descent(make_gd())
    assert "✔ gradient_descent" in capsys.readouterr().out


def test_gradient_descent_rejects_a_flipped_sign():
    rejects(check.gradient_descent, make_gd(step_sign=+1), "moved up the gradient")


def test_gradient_descent_rejects_changing_w0_in_place():
    rejects(check.gradient_descent, make_gd(in_place=True), "changed its argument `w0` in place")


def test_gradient_descent_rejects_a_short_history():
    message = rejects(check.gradient_descent, make_gd(record_after_only=True), "expected 2 losses",
                      "the loss at w0, before the first step, counts too")
    assert "inside the loop" not in message, message      # one short is not a return inside the loop


def test_gradient_descent_rejects_returning_only_w():
    gd = make_gd()
    rejects(check.gradient_descent, lambda *args: gd(*args)[0], "expected a pair (w, losses)")


# -- fit_exact -----------------------------------------------------------------
def test_fit_exact_accepts_alternatives(capsys):
    check.fit_exact(lambda X, y: np.linalg.lstsq(X, y, rcond=None)[0])
    check.fit_exact(lambda X, y: np.linalg.solve(X.T @ X, X.T @ y))
    check.fit_exact(lambda X, y: np.linalg.pinv(X) @ y)
    assert capsys.readouterr().out.count("✔") == 3


def test_fit_exact_names_the_lstsq_tuple():
    rejects(check.fit_exact, lambda X, y: np.linalg.lstsq(X, y, rcond=None), "take the first")


def test_mse_loss_rejects_errors_not_squared():
    rejects(check.mse_loss, lambda X, y, w: np.mean(X @ w - y), "not squared")
    rejects(check.mse_loss, lambda X, y, w: np.mean(X @ w - y) ** 2, "square the mean error")


def test_mse_loss_names_y_as_a_column():
    rejects(check.mse_loss, lambda X, y, w: np.mean((X @ w - y.reshape(-1, 1)) ** 2), "broadcast")


def test_mse_gradient_rejects_dividing_by_the_number_of_features():
    rejects(check.mse_gradient, lambda X, y, w: 2 / X.shape[1] * X.T @ (X @ w - y), "X.shape[0]")


def test_gradient_descent_names_a_return_inside_the_loop():
    def gradient_descent(X, y, w0, learning_rate, n_iterations):
        w, losses = w0.copy(), [np.mean((X @ w0 - y) ** 2)]
        for _ in range(n_iterations):
            w = w - learning_rate * 2 / len(y) * X.T @ (X @ w - y)
            losses.append(np.mean((X @ w - y) ** 2))
            return w, losses
    rejects(check.gradient_descent, gradient_descent, "inside the loop")


def test_gradient_descent_names_the_wrong_order():
    gd = make_gd()
    rejects(check.gradient_descent, lambda *args: gd(*args)[::-1], "wrong order")


def test_polynomial_features_rejects_powers_from_zero():
    rejects(check.polynomial_features, lambda x, d: x[:, None] ** np.arange(d), "from 0 to degree − 1")


def test_standardize_hints_at_the_axis_when_it_raises():
    rejects(check.standardize, lambda X: ((X - X.mean(1)) / X.std(1), X.mean(1), X.std(1)), "axis=0")


def test_failure_message_offers_the_catch_up_line():
    rejects(check.predict, lambda X, w: None, "predict = check.catch_up('predict')")


def test_calling_a_check_without_the_function_says_how():
    with pytest.raises(CheckFailed, match=r"run it as check.add_bias\(add_bias\)"):
        check.add_bias()


def test_fit_exact_rejects_a_wrong_system():
    rejects(check.fit_exact, lambda X, y: np.linalg.lstsq(X.T @ X, y[: X.shape[1]], rcond=None)[0])


# -- polynomial_features and standardize ----------------------------------------
def test_polynomial_features_accepts_alternatives(capsys):
    check.polynomial_features(lambda x, d: np.column_stack([x ** k for k in range(1, d + 1)]))
    check.polynomial_features(lambda x, d: x[:, None] ** np.arange(1, d + 1))
    check.polynomial_features(lambda x, d: np.vander(x, d + 1, increasing=True)[:, 1:])
    assert capsys.readouterr().out.count("✔") == 3


def test_polynomial_features_rejects_a_bias_column():
    rejects(check.polynomial_features, lambda x, d: x[:, None] ** np.arange(0, d + 1), "column of ones")


def test_polynomial_features_rejects_one_power_short():
    rejects(check.polynomial_features, lambda x, d: x[:, None] ** np.arange(1, d), "one power short")


def test_standardize_accepts_population_and_sample_std(capsys):
    check.standardize(lambda X: ((X - X.mean(0)) / X.std(0), X.mean(0), X.std(0)))
    check.standardize(lambda X: ((X - X.mean(0)) / X.std(0, ddof=1), X.mean(0), X.std(0, ddof=1)))
    assert capsys.readouterr().out.count("✔") == 2


def test_standardize_rejects_rows_instead_of_columns():
    rejects(check.standardize,
            lambda X: ((X - X.mean(1, keepdims=True)) / X.std(1, keepdims=True), X.mean(1), X.std(1)),
            "mean of each row")


def test_standardize_rejects_in_place_scaling():
    def standardize(X):
        mean, std = X.mean(0), X.std(0)
        X -= mean
        X /= std
        return X, mean, std
    rejects(check.standardize, standardize, "in place")


def test_standardize_rejects_missing_statistics():
    rejects(check.standardize, lambda X: (X - X.mean(0)) / X.std(0), "(X_scaled, mean, std)", "return X_scaled, mean, std")


# -- not implemented -----------------------------------------------------------
def test_unimplemented_function_says_so():
    def add_bias(X):
        raise NotImplementedError("add_bias is not implemented yet")
    with pytest.raises(NotImplementedYet, match="not implemented yet"):
        check.add_bias(add_bias)


def test_add_bias_names_one_dimensional_ones():
    def add_bias(X):
        return np.hstack([np.ones(X.shape[0]), X])
    rejects(check.add_bias, add_bias, "np.ones(n) is 1-D", "np.ones((n, 1))", "np.column_stack")


# -- newcomer findings (FINDINGS.md, 01): each names the mistake in every case ---------------------------------
def test_add_bias_names_a_row_of_ones_from_concatenate():
    rejects(check.add_bias, lambda X: np.concatenate([np.ones((1, X.shape[1])), X], axis=0), "row of ones", "axis=0")


def test_predict_names_w_as_a_column_in_every_case():
    message = rejects(check.predict, lambda X, w: X @ w.reshape(-1, 1), "column [n_samples, 1]", "keep w 1-D",
                      "and 1 other case, the same")
    assert "the matrix product X @ w" not in message


def test_fit_exact_names_the_lstsq_tuple_in_every_case():
    rejects(check.fit_exact, lambda X, y: np.linalg.lstsq(X, y, rcond=None), "2 of 2 cases failed", "take the first")


def test_mse_gradient_names_the_missing_factor_2_against_the_numerical_gradient_too():
    message = rejects(check.mse_gradient, lambda X, y, w: X.T @ (X @ w - y) / len(y), "factor 2 is missing",
                      "and 1 other case, the same")
    assert "X.T, not X" not in message
