"""Checks for notebook 01: small cases computed by hand (arithmetic in comments), properties, numerical gradients."""
import numpy as np

from .framework import Exercises, fmt
from .gradcheck import numerical_gradient

exercises = Exercises("01_regression_and_gradient_descent")
catch_up, progress = exercises.catch_up, exercises.progress
A = np.array
X_LINE, Y_LINE = A([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]), A([1.0, 3.0, 5.0])   # y = 1 + 2x, bias column first
ONES = lambda X: np.ones((len(X), 1))  # noqa: E731
BIAS_MISTAKES = [   # (wrong formula, what it means)
    (lambda X: np.hstack([X, ONES(X)]), "the column of ones is at the end; it belongs in the first column (w[0])."),
    (lambda X: X, "the result is X unchanged: no column of ones was added."),
    (lambda X: np.hstack([ONES(X), X[:, 1:]]), "the first column of X was replaced by ones: add a new column instead."),
    (lambda X: np.hstack([0 * ONES(X), X]), "the new first column holds zeros; the bias column is ones."),
    (lambda X: np.vstack([ONES(X.T).T, X]), "you added a row of ones (np.vstack, or axis=0); the bias is a column "
     "(np.hstack, or axis=1)."),
    (lambda X: np.hstack([ONES(X), ONES(X), X]), "two columns of ones were added; add one.")]
ONES_1D = ("np.ones(n) is 1-D (a row of numbers), X is 2-D: a column of ones is np.ones((n, 1)) (or use "
           "np.column_stack([np.ones(n), X])).")
FIXED, ONE_MORE = ("use X.shape[0] for the number of rows, not a fixed number.",
                   "the result has one more column than X: [n_samples, n_features + 1].")


@exercises.exercise("add_bias")
def add_bias(chk):
    for name, X, expected in [("X = [[2, 3], [4, 5]]", A([[2.0, 3.0], [4.0, 5.0]]), [[1, 2, 3], [1, 4, 5]]),
                              ("one feature, X of shape (3, 1)", A([[4.0], [6.0], [3.0]]), [[1, 4], [1, 6], [1, 3]]),
                              ("one sample, X of shape (1, 3)", A([[7.0, 8.0, 9.0]]), [[1, 7, 8, 9]]),
                              ("integer input X = [[2, 3]]", A([[2, 3]]), [[1, 2, 3]])]:
        with chk.case(name):
            got = chk.call(X, error_hint=lambda e: ONES_1D if "dimension" in str(e) else FIXED)
            chk.array(got, expected, diagnoses=[(f(X), m) for f, m in BIAS_MISTAKES], shape_hint=ONE_MORE)


@exercises.exercise("predict")
def predict(chk):
    column = "the predictions are a column [n_samples, 1] (w reshaped into a column, as on the slide?): keep w 1-D."
    chk.table([("X = [[1, 0], [1, 1], [1, 2]], w = [1, 2]", (X_LINE, A([1.0, 2.0])), [1, 3, 5], [([[1], [3], [5]],
                column)], None), ("3 features, w = [0.5, -1, 2]", (A([[1.0, 2.0, 3.0], [1.0, -1.0, 0.0]]),
                A([0.5, -1.0, 2.0])), [4.5, 1.5], [([[4.5], [1.5]], column)], "the prediction is the matrix product X @ w.")],
              shape_hint="one prediction per sample: shape [n_samples].")


@exercises.exercise("mse_loss")
def mse_loss(chk):
    chk.table([("predictions [1, 2, 3] for targets [2, 1, 1]",   # errors −1, 1, 2 -> squares 1, 1, 4 -> mean 2
                (A([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]]), A([2.0, 1.0, 1.0]), A([0.0, 1.0])), 2.0, [
                    (6.0, "you return the sum of squared errors; the MSE is their mean (divide by m)."),
                    (np.sqrt(2.0), "you return the square root (RMSE); the MSE has no square root."),
                    (4 / 3, "you return the mean absolute error; square each error instead."),
                    (2 / 3, "the errors are not squared: you return their plain mean."),
                    (4 / 9, "you square the mean error; square each error first, then take the mean."),
                    (1.0, "you divide by 2m; the MSE divides by m."),
                    (-2.0, "the loss is negative; the squared errors are all positive.")], None),
               # [1, 3, 5] minus y as a column broadcasts to 3×3: differences 0, 2, 4, 2, 0, 2, 4, 2, 0 -> 48/9
               ("a perfect fit (y = 1 + 2x)", (X_LINE, Y_LINE, A([1.0, 2.0])), 0.0, [(48 / 9, "predictions of "
                "shape [m] minus y of shape [m, 1] broadcast to an m×m matrix; keep both of shape [m].")], None),
               ("one sample, error 3", (A([[1.0, 2.0]]), A([4.0]), A([1.0, 3.0])), 9.0, (), "(1 + 2·3 − 4)² = 9.")],
              what="the loss")


@exercises.exercise("mse_gradient")
def mse_gradient(chk):
    # Xᵀ(Xw − y) = [0+1+2−1, 0+2+6+0, 0+1+0−1] = [2, 8, 0];  2/m with m = 4:  [1, 4, 0]
    X = A([[1.0, 1.0, 0.0], [1.0, 2.0, 1.0], [1.0, 3.0, 0.0], [1.0, 0.0, 1.0]])
    chk.table([("4 samples, 3 features, errors Xw − y = [0, 1, 2, −1]", (X, np.ones(4), A([0.0, 1.0, 0.0])), [1, 4, 0], [
        ([2, 8, 0], "you return Xᵀ(Xw − y), the slide's form; the gradient of the MSE has a factor 2/m."),
        ([0.5, 2, 0], "the factor 2 is missing: d/dp (p − y)² = 2(p − y)."),
        ([4, 16, 0], "the 1/m is missing: the MSE is a mean, so is its gradient."),
        ([-1, -4, 0], "the sign is flipped: the gradient is 2/m Xᵀ(Xw − y), not Xᵀ(y − Xw)."),
        ([0.25, 1, 0], "you divide by m twice (or by m²)."),
        ([4 / 3, 16 / 3, 0], "you divide by X.shape[1], the number of features; m is X.shape[0], the samples.")], None),
        ("at the exact solution the gradient is zero", (X_LINE, Y_LINE, A([1.0, 2.0])), [0, 0], (), None)],
        what="the gradient", shape_hint="the gradient has one entry per weight: shape [n_features].")
    with chk.case("random X [20, 3] against the numerical gradient"):
        X, y, w = chk.random(1, (20, 3), 20, 3)
        numeric = numerical_gradient(lambda: np.mean((X @ w - y) ** 2), w)
        chk.gradient(chk.call(X, y, w), numeric, what="the gradient", like=("w", w), m=20, diagnoses=[
            (numeric / 2, "the factor 2 is missing: d/dp (p − y)² = 2(p − y).")], hint="compare with 2/m · Xᵀ(Xw − y).")


def _w_losses(chk, X, *args):
    w, losses = chk.call(X, *args, returns="w, losses")
    if np.size(losses) == X.shape[1] != np.size(w) == args[-1] + 1:     # the history first, the weights second
        chk.fail("the pair is in the wrong order: the weights come first.", hint="return w, losses")
    return w, chk.is_array(A(losses, dtype=float) if isinstance(losses, list) else losses, what="the loss history")


@exercises.exercise("gradient_descent")
def gradient_descent(chk):
    with chk.case("one step of size 0.1 from w0 = [0, 1]"):   # gradient [2, 16/3] -> w1 = [0, 1] − 0.1·[2, 16/3]
        w, losses = _w_losses(chk, A([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]]), np.ones(3), A([0.0, 1.0]), 0.1, 1)
        chk.array(w, [-0.2, 1 - 0.1 * 16 / 3], what="w after one step", diagnoses=[
            ([0.2, 1 + 0.1 * 16 / 3], "w moved up the gradient: subtract learning_rate × gradient."),
            ([0.0, 1.0], "w did not change: update it in the loop (w = w − learning_rate * gradient).")],
            hint="one step is w0 − learning_rate · mse_gradient(X, y, w0).")
        chk.true(len(losses) == 2, f"expected 2 losses (at w0 and after the step), got {len(losses)}.",
                 hint="record the loss before the loop and after every update: n_iterations + 1 values.")
        chk.true(np.isclose(losses[0], 5 / 3), f"the first loss should be the loss at w0, 5/3, got {fmt(losses[0])}.")
    with chk.case("500 steps on y = 1 + 2x reach w = [1, 2]"):
        w, losses = _w_losses(chk, X_LINE, Y_LINE, np.zeros(2), 0.1, 500)
        chk.true(len(losses) == 501, f"expected 501 losses after 500 steps, got {len(losses)}.", hint={
            **dict.fromkeys((1, 2), "is the `return` inside the loop? It belongs after it."),
            500: "one short: the loss at w0, before the first step, counts too (n_iterations + 1 values)."}.get(
                len(losses), "record the loss before the loop and after every update: n_iterations + 1 values."))
        chk.array(w, [1, 2], what="w", rtol=1e-4, atol=1e-4, hint="is the update using the current w?")
        chk.true(np.all(np.diff(losses) <= 1e-12), "the loss went up: the gradient's sign or the update is wrong.")


@exercises.exercise("fit_exact")
def fit_exact(chk):
    def weights(X, y):
        got = chk.call(X, y)
        if isinstance(got, tuple):
            chk.fail(f"expected the weights, got a tuple of {len(got)} items.", hint="np.linalg.lstsq returns "
                     "(solution, residuals, rank, singular values): take the first, np.linalg.lstsq(X, y, rcond=None)[0].")
        return got
    with chk.case("y = 1 + 2x exactly"):
        chk.array(weights(X_LINE, Y_LINE), [1, 2], what="w", shape_hint="the weights: shape [n_features].")
    with chk.case("noisy data: the residual is orthogonal to every column of X"):   # least squares ⇔ Xᵀ(Xw − y) = 0
        rng = np.random.default_rng(2)
        X = np.column_stack([np.ones(30), rng.normal(size=(30, 2))])
        y = X @ A([0.5, -1.0, 2.0]) + rng.normal(0, 0.3, size=30)
        w = chk.is_array(weights(X, y), what="w", shape=(3,))
        chk.true(np.allclose(X.T @ (X @ w - y), 0, atol=1e-8) or chk.at_own_precision(
            w, np.linalg.solve(X.T @ X, X.T @ y), "w"), "w does not solve the normal equations XᵀX w = Xᵀy.",
                 hint="np.linalg.solve(X.T @ X, X.T @ y), or np.linalg.lstsq(X, y, rcond=None)[0].")


@exercises.exercise("polynomial_features", label="7a")
def polynomial_features(chk):
    chk.table([("x = [2, 3, −1], degree 3", (A([2.0, 3.0, -1.0]), 3), [[2, 4, 8], [3, 9, 27], [-1, 1, -1]], [
        ([[1, 2, 4, 8], [1, 3, 9, 27], [1, -1, 1, -1]], "there is a column of ones (x⁰); leave it out (add_bias)."),
        ([[1, 2, 4], [1, 3, 9], [1, -1, 1]], "the powers run from 0 to degree − 1, not 1 … degree: range(1, degree + 1)."),
        ([[2, 4], [3, 9], [-1, 1]], "one power short: the columns are x¹ … x^degree (range(1, degree + 1))."),
        ([[2, 3, -1], [4, 9, 1], [8, 27, -1]], "the result is transposed: one row per sample, one column per power.")],
        None), ("degree 1 is x as a column", (A([0.5, -2.0]), 1), [[0.5], [-2.0]], (), None)],
        shape_hint="one row per sample and one column per power: [n_samples, degree].")


@exercises.exercise("standardize", label="7b")
def standardize(chk):
    axis = "features are the columns of X: take the mean and std with axis=0."
    with chk.case("X = [[1, 10], [2, 20], [3, 30]]"):
        X = A([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]])
        X_scaled, mean, std = chk.call(X, error_hint=axis, returns="X_scaled, mean, std")
        chk.array(mean, [2, 20], what="the mean", diagnoses=[([5.5, 11, 16.5], "you took the mean of each row; "
                  "features are columns: use axis=0.")], shape_hint=axis)
        std = chk.is_array(std, what="the std", shape=(2,), hint=axis)  # population sqrt(2/3)·[1, 10]; ddof=1: [1, 10]
        chk.true(np.allclose(std, [np.sqrt(2 / 3), 10 * np.sqrt(2 / 3)]) or np.allclose(std, [1, 10]),
                 f"expected the std of each column ([0.8165, 8.165]), got {fmt(std)}.", hint="np.std(X, axis=0).")
        chk.array(X_scaled, (X - [2, 20]) / std, what="the scaled X", like=("X", X), hint="(X − mean) / std.")
    with chk.case("random X [50, 3]: each column has mean 0 and std 1"):
        X = np.random.default_rng(3).normal(5, [1, 100, 0.01], size=(50, 3))
        Xs = chk.is_array(chk.call(X, error_hint=axis, returns="X_scaled, mean, std")[0], what="X_scaled", shape=X.shape)
        scaled = (X - X.mean(0)) / X.std(0)        # a float32 X_scaled is compared with this at its own precision
        chk.true(np.allclose(Xs.mean(0), 0, atol=1e-10) or chk.at_own_precision(Xs, scaled, "X_scaled") or
                 chk.at_own_precision(Xs, scaled * np.sqrt(49 / 50), "X_scaled"),
                 f"the column means are {fmt(Xs.mean(0))}, not 0.")
        chk.true(np.allclose(Xs.std(0), 1) or np.allclose(Xs.std(0), np.sqrt(49 / 50)),
                 f"the column stds are {fmt(Xs.std(0))}, not 1.")
