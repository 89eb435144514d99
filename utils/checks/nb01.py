"""Checks for notebook 01, "Regression and gradient descent".

Expected values are small cases computed by hand (shown in the comments),
properties, and the numerical gradient.
"""
import numpy as np

from .framework import Exercises, fmt
from .gradcheck import numerical_gradient

exercises = Exercises("01_regression_and_gradient_descent")
catch_up = exercises.catch_up
progress = exercises.progress

# A tiny data set used throughout: y = 1 + 2x exactly.
X_LINE = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])   # bias column first
Y_LINE = np.array([1.0, 3.0, 5.0])


def _bias_mistakes(X):
    """Known wrong answers of add_bias for the input X."""
    ones = np.ones((X.shape[0], 1))
    return [
        (np.hstack([X, ones]), "the column of ones is at the end; put it first, so that w[0] is the bias."),
        (X, "the result is X unchanged: no column of ones was added."),
        (np.hstack([ones, ones, X]), "two columns of ones were added; add one."),
    ]


def _add_bias_error_hint(error):
    if "dimension" in str(error):
        return ("np.ones(n) is 1-D (a row of numbers), X is 2-D: a column of ones is np.ones((n, 1)) "
                "(or use np.column_stack([np.ones(n), X])).")
    return "use X.shape[0] for the number of rows, not a fixed number."


@exercises.register("add_bias")
def add_bias(func):
    with exercises.check("add_bias", func) as chk:
        for description, X, expected in [
            ("X = [[2, 3], [4, 5]]", np.array([[2.0, 3.0], [4.0, 5.0]]), [[1, 2, 3], [1, 4, 5]]),
            ("a single feature, X of shape (3, 1)", np.array([[4.0], [6.0], [3.0]]), [[1, 4], [1, 6], [1, 3]]),
            ("one sample, X of shape (1, 3)", np.array([[7.0, 8.0, 9.0]]), [[1, 7, 8, 9]]),
            ("integer input X = [[2, 3]]", np.array([[2, 3]]), [[1, 2, 3]]),
        ]:
            with chk.case(description):
                got = chk.call(X, error_hint=_add_bias_error_hint)
                chk.array(got, expected, diagnoses=_bias_mistakes(X),
                          shape_hint="the result has one more column than X: [n_samples, n_features + 1].")


@exercises.register("predict")
def predict(func):
    with exercises.check("predict", func) as chk:
        with chk.case("X = [[1, 0], [1, 1], [1, 2]], w = [1, 2]"):
            got = chk.call(X_LINE, np.array([1.0, 2.0]))
            chk.array(got, [1, 3, 5], shape_hint="one prediction per sample: shape [n_samples].")
        with chk.case("3 features, w = [0.5, -1, 2]"):
            X = np.array([[1.0, 2.0, 3.0], [1.0, -1.0, 0.0]])
            # 0.5 - 2 + 6 = 4.5 ; 0.5 + 1 + 0 = 1.5
            got = chk.call(X, np.array([0.5, -1.0, 2.0]))
            chk.array(got, [4.5, 1.5], hint="the prediction is the matrix product X @ w.")


@exercises.register("mse_loss")
def mse_loss(func):
    with exercises.check("mse_loss", func) as chk:
        with chk.case("predictions [1, 2, 3] for targets [2, 1, 1]"):
            # errors -1, 1, 2 -> squares 1, 1, 4 -> mean 2
            w = np.array([0.0, 1.0])
            X = np.array([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
            got = chk.call(X, np.array([2.0, 1.0, 1.0]), w)
            chk.scalar(got, 2.0, what="the loss", diagnoses=[
                (6.0, "you return the sum of squared errors; the MSE is their mean (divide by m)."),
                (np.sqrt(2.0), "you return the square root (RMSE); the MSE has no square root."),
                (4 / 3, "you return the mean absolute error; square each error instead."),
                (2 / 3, "the errors are not squared: you return their plain mean."),
                (4 / 9, "you square the mean error; square each error first, then take the mean."),
                (1.0, "you divide by 2m; the MSE divides by m."),
                (-2.0, "the loss is negative; the squared errors are all positive."),
            ])
        with chk.case("a perfect fit (y = 1 + 2x)"):
            got = chk.call(X_LINE, Y_LINE, np.array([1.0, 2.0]))
            # predictions [1, 3, 5] minus y as a column [[1], [3], [5]] broadcast to 3×3:
            # differences 0, 2, 4, 2, 0, 2, 4, 2, 0 -> mean of squares 48/9
            chk.scalar(got, 0.0, what="the loss", diagnoses=[
                (48 / 9, "predictions of shape [m] minus y of shape [m, 1] broadcast to an m×m matrix; "
                         "keep both as vectors of shape [m]."),
            ], hint="when every prediction is right the MSE is 0.")
        with chk.case("one sample, error 3"):
            got = chk.call(np.array([[1.0, 2.0]]), np.array([4.0]), np.array([1.0, 3.0]))
            chk.scalar(got, 9.0, what="the loss", hint="(1 + 2·3 − 4)² = 9.")


@exercises.register("mse_gradient")
def mse_gradient(func):
    with exercises.check("mse_gradient", func) as chk:
        with chk.case("4 samples, 3 features, errors Xw − y = [0, 1, 2, −1]"):
            # Xᵀ(Xw − y) = [0+1+2−1, 0+2+6+0, 0+1+0−1] = [2, 8, 0];  2/m with m = 4:  [1, 4, 0]
            X = np.array([[1.0, 1.0, 0.0], [1.0, 2.0, 1.0], [1.0, 3.0, 0.0], [1.0, 0.0, 1.0]])
            got = chk.call(X, np.ones(4), np.array([0.0, 1.0, 0.0]))
            chk.array(got, [1, 4, 0], what="the gradient", diagnoses=[
                ([2, 8, 0], "you return Xᵀ(Xw − y), the slide's form; the gradient of the MSE has a factor 2/m."),
                ([0.5, 2, 0], "the factor 2 is missing: d/dp (p − y)² = 2(p − y)."),
                ([4, 16, 0], "the 1/m is missing: the MSE is a mean, so is its gradient."),
                ([-1, -4, 0], "the sign is flipped: the gradient is 2/m Xᵀ(Xw − y), not Xᵀ(y − Xw)."),
                ([0.25, 1, 0], "you divide by m twice (or by m²)."),
                ([4 / 3, 16 / 3, 0], "you divide by X.shape[1], the number of features; m is the number "
                                     "of samples, X.shape[0]."),
            ], shape_hint="the gradient has one entry per weight: shape [n_features].")
        with chk.case("at the exact solution the gradient is zero"):
            got = chk.call(X_LINE, Y_LINE, np.array([1.0, 2.0]))
            chk.array(got, [0, 0], what="the gradient")
        with chk.case("random X [20, 3] against the numerical gradient"):
            rng = np.random.default_rng(1)
            X = rng.normal(size=(20, 3))
            y = rng.normal(size=20)
            w = rng.normal(size=3)
            got = chk.call(X, y, w)
            numeric = numerical_gradient(lambda: np.mean((X @ w - y) ** 2), w)
            chk.array(got, numeric, what="the gradient", rtol=1e-5, atol=1e-8,
                      hint="compare with 2/m · Xᵀ(Xw − y): X.T, not X, and the mean over samples.")


@exercises.register("gradient_descent")
def gradient_descent(func):
    with exercises.check("gradient_descent", func) as chk:
        with chk.case("one step of size 0.1 from w0 = [0, 1]"):
            # gradient [2, 16/3] (see mse_gradient) -> w1 = [0, 1] − 0.1·[2, 16/3]
            X = np.array([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
            w0 = np.array([0.0, 1.0])
            result = chk.call(X, np.ones(3), w0, 0.1, 1)
            w, losses = _unpack(chk, result)
            chk.array(w, [-0.2, 1 - 0.1 * 16 / 3], what="w after one step", diagnoses=[
                ([0.2, 1 + 0.1 * 16 / 3], "w moved up the gradient: subtract learning_rate × gradient."),
                ([0.0, 1.0], "w did not change: update it in the loop (w = w − learning_rate * gradient)."),
            ], hint="one step is w0 − learning_rate · mse_gradient(X, y, w0).")
            if isinstance(losses, list):  # a list of losses is fine
                losses = np.asarray(losses, dtype=float)
            losses = chk.is_array(losses, what="the loss history", ndim=1)
            chk.true(len(losses) == 2,
                     f"expected 2 losses (at w0 and after the step), got {len(losses)}.",
                     hint="record the loss before the loop and after every update: n_iterations + 1 values.")
            chk.true(np.isclose(losses[0], 5 / 3),
                     f"the first loss should be the loss at w0 (5/3 ≈ 1.667), got {losses[0]:.4g}.")
        with chk.case("500 steps on y = 1 + 2x reach w = [1, 2]"):
            w, losses = _unpack(chk, chk.call(X_LINE, Y_LINE, np.zeros(2), 0.1, 500))
            chk.true(len(losses) == 501, f"expected 501 losses after 500 steps, got {len(losses)}.",
                     hint="is the `return` inside the loop? It belongs after it.")
            chk.array(w, [1, 2], what="w", rtol=1e-4, atol=1e-4,
                      hint="with a learning rate of 0.1 this problem converges; is the update using the current w?")
            losses = np.asarray(losses, dtype=float)
            chk.true(np.all(np.diff(losses) <= 1e-12),
                     "the loss went up during descent: the gradient's sign or the update is wrong.")


def _unpack(chk, result):
    first, second = chk.unpack(result, ("w", "losses"))
    if isinstance(first, list) or (np.ndim(first) == 1 and np.ndim(second) == 1 and len(first) != len(second)
                                   and len(second) == X_LINE.shape[1] and len(first) != X_LINE.shape[1]):
        chk.fail("the pair is in the wrong order: the weights come first.", hint="return w, losses")
    return result


@exercises.register("fit_exact")
def fit_exact(func):
    with exercises.check("fit_exact", func) as chk:
        with chk.case("y = 1 + 2x exactly"):
            got = chk.call(X_LINE, Y_LINE)
            if isinstance(got, tuple):
                chk.fail(f"expected the weights, got a tuple of {len(got)} items.",
                         hint="np.linalg.lstsq returns (solution, residuals, rank, singular values): "
                              "take the first, np.linalg.lstsq(X, y, rcond=None)[0].")
            chk.array(got, [1, 2], what="w", shape_hint="the weights: shape [n_features].")
        with chk.case("noisy data: the residual is orthogonal to every column of X"):
            rng = np.random.default_rng(2)
            X = np.column_stack([np.ones(30), rng.normal(size=(30, 2))])
            y = X @ np.array([0.5, -1.0, 2.0]) + rng.normal(0, 0.3, size=30)
            got = chk.call(X, y)
            w = chk.is_array(got[0] if isinstance(got, tuple) else got, what="w", shape=(3,))
            # Least squares ⇔ the normal equations Xᵀ(Xw − y) = 0.
            chk.true(np.allclose(X.T @ (X @ w - y), 0, atol=1e-8),
                     "w does not solve the normal equations XᵀX w = Xᵀy.",
                     hint="np.linalg.solve(X.T @ X, X.T @ y), or np.linalg.lstsq(X, y, rcond=None)[0].")


@exercises.register("polynomial_features", label="7a")
def polynomial_features(func):
    with exercises.check("polynomial_features", func) as chk:
        with chk.case("x = [2, 3, −1], degree 3"):
            got = chk.call(np.array([2.0, 3.0, -1.0]), 3)
            chk.array(got, [[2, 4, 8], [3, 9, 27], [-1, 1, -1]], diagnoses=[
                ([[1, 2, 4, 8], [1, 3, 9, 27], [1, -1, 1, -1]],
                 "there is a column of ones (x⁰); leave it out, add_bias adds it later."),
                ([[1, 2, 4], [1, 3, 9], [1, -1, 1]],
                 "the powers run from 0 to degree − 1; they should run from 1 to degree: range(1, degree + 1)."),
                ([[2, 4], [3, 9], [-1, 1]], "one power short: the columns are x¹ … x^degree (range(1, degree + 1))."),
                ([[2, 3, -1], [4, 9, 1], [8, 27, -1]],
                 "the result is transposed: one row per sample, one column per power."),
            ], shape_hint="one row per sample and one column per power: [n_samples, degree].")
        with chk.case("degree 1 is x as a column"):
            got = chk.call(np.array([0.5, -2.0]), 1)
            chk.array(got, [[0.5], [-2.0]])


@exercises.register("standardize", label="7b")
def standardize(func):
    with exercises.check("standardize", func) as chk:
        with chk.case("X = [[1, 10], [2, 20], [3, 30]]"):
            X = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]])
            result = chk.call(X, error_hint="features are the columns of X: take the mean and std with axis=0.")
            X_scaled, mean, std = _triple(chk, result)
            chk.array(mean, [2, 20], what="the mean", diagnoses=[
                ([5.5, 11, 16.5], "you took the mean of each row; features are columns: use axis=0."),
            ], shape_hint="one mean per feature (column): use axis=0.")
            # population std: sqrt(2/3) and 10·sqrt(2/3); sample std (ddof=1): 1 and 10
            std = chk.is_array(std, what="the std", shape=(2,),
                               hint="one standard deviation per feature (column): use axis=0.")
            chk.true(np.allclose(std, [np.sqrt(2 / 3), 10 * np.sqrt(2 / 3)]) or np.allclose(std, [1, 10]),
                     f"expected the std of each column ([0.8165, 8.165]), got {fmt(std)}.",
                     hint="np.std(X, axis=0).")
            X_scaled = chk.is_array(X_scaled, what="the scaled X", shape=(3, 2))
            chk.array(X_scaled, (X - [2, 20]) / std, what="the scaled X",
                      hint="subtract the mean, then divide by the std, column by column.")
        with chk.case("random X [50, 3]: each column has mean 0 and std 1"):
            rng = np.random.default_rng(3)
            X = rng.normal(5, [1, 100, 0.01], size=(50, 3))
            X_scaled, mean, std = _triple(chk, chk.call(
                X, error_hint="features are the columns of X: take the mean and std with axis=0."))
            X_scaled = chk.is_array(X_scaled, what="the scaled X", shape=X.shape)
            chk.true(np.allclose(X_scaled.mean(axis=0), 0, atol=1e-10),
                     f"the column means are {fmt(X_scaled.mean(axis=0))}, not 0.")
            spread = X_scaled.std(axis=0)
            chk.true(np.allclose(spread, 1) or np.allclose(spread, np.sqrt(49 / 50)),
                     f"the column stds are {fmt(spread)}, not 1.")


def _triple(chk, result):
    if not isinstance(result, tuple) or len(result) != 3:
        chk.fail(f"expected (X_scaled, mean, std), got {type(result).__name__}.",
                 hint="end with `return X_scaled, mean, std`: the mean and std are needed to scale new data.")
    return result
