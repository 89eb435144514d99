"""A catalogue of plausible learner mistakes, as data (read by the measurement
script and, for INSTRUCTORS.md's "where learners get stuck", by the docs tooling).

Format: MISTAKES is a list of dicts with
  notebook  "00" ...      exercise  the check's name (check.<exercise>)
  mistake   one sentence, how an instructor would describe it
  code      Python source defining the wrong function(s) by the exercise's argument
            names (numpy as np available); functions it does not define come from
            the solution notebook
  names     words a message must contain to count as *naming* the mistake
  gap       (optional) why the check does not name it yet; every entry without
            one must be named (tests/checks/test_catalogue.py)

NOTES (at the end) holds what an instructor says beyond the checks' messages, per
notebook. INSTRUCTORS.md's "Where learners get stuck" is generated from both
(tools/instructors.py, run by python -m tools.build_notebooks): edit here, then build.
This file imports nothing, so the docs tooling reads it without importing tests.
"""

MISTAKES = [
    # ---- 00 --------------------------------------------------------------
    dict(notebook="00", exercise="predict_loop", mistake="= instead of += in the inner loop (overwrites)",
         code="def predict_loop(X, w):\n    p = np.zeros(X.shape[0])\n    for i in range(X.shape[0]):\n"
              "        for j in range(X.shape[1]):\n            p[i] = X[i, j] * w[j]\n    return p",
         names=["overwrit"]),
    dict(notebook="00", exercise="predict_loop", mistake="inner loop starts at 1 (bias left out)",
         code="def predict_loop(X, w):\n    p = np.zeros(X.shape[0])\n    for i in range(X.shape[0]):\n"
              "        for j in range(1, X.shape[1]):\n            p[i] += X[i, j] * w[j]\n    return p",
         names=["bias"]),
    dict(notebook="00", exercise="predict_loop", mistake="X[j, i] instead of X[i, j]",
         code="def predict_loop(X, w):\n    p = np.zeros(X.shape[0])\n    for i in range(X.shape[0]):\n"
              "        for j in range(X.shape[1]):\n            p[i] += X[j, i] * w[j]\n    return p",
         names=["swapped"]),
    dict(notebook="00", exercise="predict_loop", mistake="returns a list",
         code="def predict_loop(X, w):\n    return [sum(X[i, j] * w[j] for j in range(X.shape[1])) for i in range(X.shape[0])]",
         names=["numpy array", "list"]),
    dict(notebook="00", exercise="predict_matrix", mistake="X * w without the sum",
         code="def predict_matrix(X, w):\n    return X * w", names=["element by element"]),
    dict(notebook="00", exercise="predict_matrix", mistake="w @ X",
         code="def predict_matrix(X, w):\n    return w @ X", names=["raised"]),
    dict(notebook="00", exercise="predict_matrix", mistake="a column (w reshaped)",
         code="def predict_matrix(X, w):\n    return X @ w.reshape(-1, 1)", names=["column"]),
    dict(notebook="00", exercise="predict_matrix", mistake="np.sum(X @ w) (one number)",
         code="def predict_matrix(X, w):\n    return np.sum(X @ w)", names=["single number"]),
    # ---- 01 --------------------------------------------------------------
    dict(notebook="01", exercise="add_bias", mistake="1-D ones in hstack: np.hstack([np.ones(n), X])",
         code="def add_bias(X):\n    return np.hstack([np.ones(X.shape[0]), X])", names=["1-D", "np.ones((n, 1))"]),
    dict(notebook="01", exercise="add_bias", mistake="ones appended as the last column",
         code="def add_bias(X):\n    return np.hstack([X, np.ones((X.shape[0], 1))])", names=["first column"],
         gap="named only as a wrong value so far"),
    dict(notebook="01", exercise="add_bias", mistake="overwrites the first column with ones",
         code="def add_bias(X):\n    X = X.copy()\n    X[:, 0] = 1\n    return X", names=["replace"],
         gap="named only as a wrong value so far"),
    dict(notebook="01", exercise="add_bias", mistake="zeros instead of ones",
         code="def add_bias(X):\n    return np.hstack([np.zeros((X.shape[0], 1)), X])", names=["zeros"],
         gap="named only as a wrong value so far"),
    dict(notebook="01", exercise="add_bias", mistake="vstack (a row of ones)",
         code="def add_bias(X):\n    return np.vstack([np.ones((1, X.shape[1])), X])", names=["row"],
         gap="named only as a wrong value so far"),
    dict(notebook="01", exercise="mse_loss", mistake="sum instead of mean",
         code="def mse_loss(X, y, w):\n    return np.sum((X @ w - y) ** 2)", names=["sum"]),
    dict(notebook="01", exercise="mse_loss", mistake="no square (mean error)",
         code="def mse_loss(X, y, w):\n    return np.mean(X @ w - y)", names=["square"]),
    dict(notebook="01", exercise="mse_loss", mistake="root of the mean (RMSE)",
         code="def mse_loss(X, y, w):\n    return np.sqrt(np.mean((X @ w - y) ** 2))", names=["root"]),
    dict(notebook="01", exercise="mse_gradient", mistake="missing the factor 2",
         code="def mse_gradient(X, y, w):\n    return X.T @ (X @ w - y) / len(y)", names=["2"]),
    dict(notebook="01", exercise="mse_gradient", mistake="sign flipped (y − Xw)",
         code="def mse_gradient(X, y, w):\n    return 2 * X.T @ (y - X @ w) / len(y)", names=["sign"]),
    dict(notebook="01", exercise="mse_gradient", mistake="not divided by n",
         code="def mse_gradient(X, y, w):\n    return 2 * X.T @ (X @ w - y)", names=["n"]),
    # ---- 02 --------------------------------------------------------------
    # (end of 02)
    # ---- 03 --------------------------------------------------------------
    dict(notebook="03", exercise="relu", mistake="np.max(0, z) instead of np.maximum",
         code="def relu(z):\n    return np.max(0, z)", names=["np.maximum"]),
    dict(notebook="03", exercise="relu", mistake="relu_derivative(0) == 1 (docstring says 0)",
         code="def relu_derivative(z):\n    return (z >= 0).astype(float)", names=["0"]),
    dict(notebook="03", exercise="relu", mistake="changes z in place",
         code="def relu(z):\n    z[z < 0] = 0\n    return z", names=["in place"]),
    dict(notebook="03", exercise="sigmoid", mistake="1 / (1 + exp(z)) (sign)",
         code="def sigmoid(z):\n    return 1 / (1 + np.exp(z))", names=["sign"]),
    dict(notebook="03", exercise="sigmoid", mistake="derivative σ(1 + σ)",
         code="def sigmoid_derivative(z):\n    s = 1 / (1 + np.exp(-z))\n    return s * (1 + s)", names=["1 − σ"]),
    dict(notebook="03", exercise="tanh", mistake="derivative 1 − tanh (not squared)",
         code="def tanh_derivative(z):\n    return 1 - np.tanh(z)", names=["squar"]),
    dict(notebook="03", exercise="sign", mistake="sign(0) = 0 via np.sign",
         code="def sign(z):\n    return np.sign(z)", names=["0"]),
    dict(notebook="03", exercise="relu", mistake="float32 relu",
         code="def relu(z):\n    return np.maximum(0, z).astype(np.float32)", names=["float32"]),
    # (end of 03)
    # ---- 04 --------------------------------------------------------------
    # (end of 04)
    # ---- 05 --------------------------------------------------------------
    # (end of 05)
    # ---- 06 --------------------------------------------------------------
    # (end of 06)
    # ---- 07 --------------------------------------------------------------
    # (end of 07)
    # ---- 08 --------------------------------------------------------------
    # (end of 08)
]

# What an instructor adds to the checks' messages, per notebook, for INSTRUCTORS.md's
# "Where learners get stuck" (python -m tools.build_notebooks writes it from MISTAKES and these):
#   lead       (optional) a sentence or two before the notebook's list
#   exercises  (optional) {check name: what to say}, appended to that exercise's line
#   questions  (optional) [what learners ask, and the answer], after the exercises
NOTES = {
    "00": dict(
        lead="Running cells out of order, or not at all: Shift+Enter runs a cell; a function exists only "
             "once its cell has run. \"NameError\" almost always means an earlier cell was not run "
             "(Run → Run All Above Selected Cell).",
        exercises={
            "predict_loop": "The slide's sum starts at `j = 1` because it writes the bias apart; here the "
                            "bias is column 0. Forgetting `predictions = np.zeros(n_samples)` gives a NameError.",
        },
        questions=[
            "\"Why 1-D `w` when the slide writes `[n_features, 1]`?\" A column `w` makes `X @ w - y` broadcast "
            "into an `[m, m]` matrix: a silent, classic bug.",
        ]),
    "01": dict(
        exercises={
            "add_bias": "`np.ones(n)` is 1-D: use `np.ones((n, 1))` or `np.column_stack`.",
            "mse_gradient": "`X.T` in front, not `X`; the slide's form has no $\\frac{2}{m}$ (an erratum).",
            "gradient_descent": "`w -= ...` changes the caller's `w0` (the check says so); the loss history "
                                "has `n_iterations + 1` values.",
        },
        questions=[
            "\"Why does gradient descent not reach the exact answer?\" It is slow along the narrow valley (the "
            "contour plot shows it); section 8 fixes it by standardizing. This is also why the original meetup "
            "needed a learning rate of `1e-6`: unscaled polynomial features.",
            "The learning-rate widget: from about 0.025 the night-out fit diverges; let them find it.",
        ]),
    "02": dict(
        exercises={
            "sigmoid": "`1 / (1 + np.exp(-z))` overflows for z = −1000 (a warning, then the check fails). "
                       "Compute it piecewise for positive and negative z, or use `np.exp(-np.abs(z))`.",
            "binary_cross_entropy": "`log(0)` at p = 0 or 1: clip p to `[eps, 1 − eps]` (or compute it from "
                                    "the logits). `y` and `p` swapped gives a wrong, not a crashing, answer: "
                                    "the check catches it.",
            "minibatches": "One shuffle per epoch with `rng.permutation`, every sample once, the last batch "
                           "smaller; a `for` over `range(0, n, batch_size)`. Forgetting to shuffle, or dropping "
                           "the last batch, is caught.",
        },
        questions=[
            "\"Batch, stochastic, mini-batch?\" The same loop with a different batch size; the original meetup's "
            "section called \"SGD\" actually ran full-batch gradient descent.",
        ]),
    "03": dict(
        lead="Labels are ±1 for the perceptron (0/1 elsewhere); it updates only on mistakes.",
        exercises={
            "tanh": "The slide's $(e^{2z}-1)/(e^{2z}+1)$ overflows for large z: `np.tanh`, or rewrite with "
                    "$e^{-2|z|}$.",
            "square_network": "Each hidden neuron is one side (a half-plane); make the weights large (10 or "
                              "more) so that the sigmoids are nearly steps; the output neuron is an AND of the "
                              "four: weights 1 each and a bias of about −3.5, times a large factor.",
        },
        questions=[
            "\"My perceptron never stops on XOR\": that is the lesson. No line separates XOR.",
        ]),
    "04": dict(
        lead="Shapes: `W` is `[n_inputs, n_outputs]` and `Z = X @ W + b` (the slides write $x^T W$ for one "
             "sample).",
        exercises={
            "dense_backward": "`dW = X.T @ dZ` (not transposed), `db = dZ.sum(axis=0)` (summed over the batch), "
                              "`dX = dZ @ W.T`.",
            "output_delta": "It is `p - y`, not the slide's `y - p` (erratum): with the slide's sign the loss "
                            "goes up and the network predicts one class everywhere. The $\\frac{1}{m}$ goes in "
                            "once, in the output delta or in `dense_backward`, not in both; the whole-network "
                            "gradient check settles it.",
        },
        questions=[
            "The gradient check needs float64 and a small network; relative errors around 1e-9 mean right, "
            "above 1e-5 mean wrong.",
            "Training that does nothing: learning rate too small, or initial weights all zero (every hidden "
            "unit stays the same; notebook 05 shows why).",
        ]),
    "05": dict(
        lead="For questions on the mailing list or at the next meetup.",
        exercises={
            "train_validation_split": "It must shuffle (with the `rng` passed in) and keep `X` and `y` aligned.",
            "l2_regularization": "L2 penalises weights, not biases.",
            "early_stopping": "Keep a **copy** of the best weights (`W.copy()`), not a reference that keeps "
                              "changing.",
        },
        questions=["All-zero initialisation keeps hidden units identical."]),
    "06": dict(
        exercises={
            "conv2d_single": "Deep learning's \"convolution\" is cross-correlation: no kernel flip (the check "
                             "names it).",
            "conv_forward": "The output size is `(H + 2·padding − K) // stride + 1`; im2col index mistakes show "
                            "up in the gradient check.",
            "maxpool_backward": "The gradient goes to the position of the maximum only.",
        }),
    "07": dict(
        exercises={
            "rnn_backward": "Backpropagation through time adds up the gradients of `Wx`, `Wh`, `b` over all "
                            "time steps.",
            "gru_step_forward": "GRU implementations differ on `z` versus `1 − z` (the notebook states its "
                                "convention).",
        },
        questions=["The vanishing-gradient plot is the point of the memory task."]),
}
