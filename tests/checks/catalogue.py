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
         code="def add_bias(X):\n    return np.hstack([X, np.ones((X.shape[0], 1))])", names=["first column"]),
    dict(notebook="01", exercise="add_bias", mistake="overwrites the first column with ones",
         code="def add_bias(X):\n    X = X.copy()\n    X[:, 0] = 1\n    return X", names=["replace"]),
    dict(notebook="01", exercise="add_bias", mistake="zeros instead of ones",
         code="def add_bias(X):\n    return np.hstack([np.zeros((X.shape[0], 1)), X])", names=["zeros"]),
    dict(notebook="01", exercise="add_bias", mistake="vstack (a row of ones)",
         code="def add_bias(X):\n    return np.vstack([np.ones((1, X.shape[1])), X])", names=["row"]),
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
