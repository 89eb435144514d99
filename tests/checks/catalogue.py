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
    dict(notebook="00", exercise="predict_loop", mistake="only the first feature (range(1) for the inner loop)",
         code="def predict_loop(X, w):\n    p = np.zeros(X.shape[0])\n    for i in range(X.shape[0]):\n"
              "        p[i] += X[i, 0] * w[0]\n    return p", names=["only w[0]"]),
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
    dict(notebook="01", exercise="add_bias", mistake="np.concatenate(..., axis=0): a row of ones",
         code="def add_bias(X):\n    return np.concatenate([np.ones((1, X.shape[1])), X], axis=0)", names=["row", "axis=0"]),
    dict(notebook="01", exercise="predict", mistake="w reshaped into a column, as on the slide",
         code="def predict(X, w):\n    return X @ w.reshape(-1, 1)", names=["column", "keep w 1-D"]),
    dict(notebook="01", exercise="fit_exact", mistake="the whole lstsq tuple returned",
         code="def fit_exact(X, y):\n    return np.linalg.lstsq(X, y, rcond=None)", names=["tuple", "take the first"]),
    # ---- 02 --------------------------------------------------------------
    dict(notebook="00", exercise="predict_matrix", mistake="np.sum(X * w, axis=0): a sum over the samples",
         code="def predict_matrix(X, w):\n    return np.sum(X * w, axis=0)", names=["added up the columns"]),
    dict(notebook="01", exercise="gradient_descent", mistake="the loss recorded after each update only (one short)",
         code="def gradient_descent(X, y, w0, learning_rate, n_iterations):\n    w, losses = w0.copy(), []\n"
              "    for _ in range(n_iterations):\n        w = w - learning_rate * 2 / len(y) * X.T @ (X @ w - y)\n"
              "        losses.append(np.mean((X @ w - y) ** 2))\n    return w, losses",
         names=["the loss at w0, before the first step, counts too"]),
    dict(notebook="02", exercise="predict_proba", mistake="the sigmoid applied to X before the product",
         code="def predict_proba(X, w):\n    return sigmoid(X) @ w", names=["sigmoid to X, then the product"]),
    dict(notebook="02", exercise="sigmoid", mistake="the slide's 1 / (1 + exp(-z)), overflowing for z = -1000",
         code="def sigmoid(z):\n    return 1 / (1 + np.exp(-z))", names=["overflow", "np.exp(-np.abs(z))"]),
    dict(notebook="02", exercise="sigmoid", mistake="np.where between two formulas that each overflow",
         code="def sigmoid(z):\n    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))",
         names=["computes both a and b"]),
    dict(notebook="02", exercise="predict_proba", mistake="returns Xw without the sigmoid",
         code="def predict_proba(X, w):\n    return X @ w", names=["linear part"]),
    dict(notebook="02", exercise="accuracy", mistake="the number of correct predictions, not the fraction",
         code="def accuracy(predicted, y):\n    return np.sum(predicted == y)", names=["number of correct"]),
    dict(notebook="02", exercise="accuracy", mistake="a percentage",
         code="def accuracy(predicted, y):\n    return 100 * np.mean(predicted == y)", names=["percentage"]),
    dict(notebook="02", exercise="binary_cross_entropy", mistake="log(0) at p = 0 or 1 (no clipping)",
         code="def binary_cross_entropy(y, p):\n    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))",
         names=["finite", "clip"]),
    dict(notebook="02", exercise="binary_cross_entropy", mistake="y and p swapped",
         code="def binary_cross_entropy(y, p):\n    p, y = y, np.clip(p, 1e-12, 1 - 1e-12)\n"
              "    return -np.mean(y * np.log(np.clip(p, 1e-12, 1)) + (1 - y) * np.log(np.clip(1 - p, 1e-12, 1)))",
         names=["swapped"]),
    dict(notebook="02", exercise="binary_cross_entropy", mistake="sum instead of mean",
         code="def binary_cross_entropy(y, p):\n    p = np.clip(p, 1e-12, 1 - 1e-12)\n"
              "    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))", names=["sum", "mean"]),
    dict(notebook="02", exercise="cross_entropy_gradient", mistake="y − p instead of p − y",
         code="def cross_entropy_gradient(X, y, w):\n    return X.T @ (y - predict_proba(X, w)) / len(y)",
         names=["sign is flipped"]),
    dict(notebook="02", exercise="cross_entropy_gradient", mistake="the MSE's factor 2 carried over",
         code="def cross_entropy_gradient(X, y, w):\n    return 2 * X.T @ (predict_proba(X, w) - y) / len(y)",
         names=["factor 2"]),
    dict(notebook="02", exercise="quadratic_features", mistake="x1 @ x2 for the product",
         code="def quadratic_features(X):\n    x1, x2 = X[:, 0], X[:, 1]\n"
              "    return np.column_stack([x1, x2, x1 ** 2, x2 ** 2, x1 @ x2])", names=["x1 * x2", "@"]),
    dict(notebook="02", exercise="quadratic_features", mistake="the product x1·x2 left out",
         code="def quadratic_features(X):\n    return np.column_stack([X, X ** 2])", names=["x1·x2 is missing"]),
    dict(notebook="02", exercise="minibatches", mistake="a new permutation for every batch",
         code="def minibatches(X, y, batch_size, rng):\n    for start in range(0, len(y), batch_size):\n"
              "        idx = rng.permutation(len(y))[:batch_size]\n        yield X[idx], y[idx]",
         names=["more than once", "one permutation per epoch"]),
    dict(notebook="02", exercise="minibatches", mistake="no shuffle",
         code="def minibatches(X, y, batch_size, rng):\n    for start in range(0, len(y), batch_size):\n"
              "        yield X[start:start + batch_size], y[start:start + batch_size]", names=["not shuffled"]),
    dict(notebook="02", exercise="minibatches", mistake="the last, smaller batch dropped",
         code="def minibatches(X, y, batch_size, rng):\n    order = rng.permutation(len(y))\n"
              "    for start in range(0, len(y) - batch_size + 1, batch_size):\n"
              "        yield X[order[start:start + batch_size]], y[order[start:start + batch_size]]",
         names=["last, smaller batch"]),
    dict(notebook="02", exercise="train_logistic", mistake="the gradient on all of X for every mini-batch",
         code="def train_logistic(X, y, w0, learning_rate, n_epochs, batch_size, rng):\n"
              "    w = np.array(w0, dtype=float)\n    loss = binary_cross_entropy(y, predict_proba(X, w))\n"
              "    epoch_losses, update_losses = [loss], [loss]\n    for _ in range(n_epochs):\n"
              "        for X_batch, y_batch in minibatches(X, y, batch_size, rng):\n"
              "            w = w - learning_rate * cross_entropy_gradient(X, y, w)\n"
              "            update_losses.append(binary_cross_entropy(y, predict_proba(X, w)))\n"
              "        epoch_losses.append(update_losses[-1])\n    return w, epoch_losses, update_losses",
         names=["each mini-batch"]),
    # (end of 02)
    # ---- 03 --------------------------------------------------------------
    dict(notebook="03", exercise="relu", mistake="np.max(0, z) instead of np.maximum",
         code="def relu(z):\n    return np.max(0, z)", names=["np.maximum"]),
    dict(notebook="03", exercise="relu", mistake="relu_derivative(0) == 1 (docstring says 0)",
         code="def relu_derivative(z):\n    return (z >= 0).astype(float)", names=["0"]),
    dict(notebook="03", exercise="relu", mistake="changes z in place",
         code="def relu(z):\n    z[z < 0] = 0\n    return z", names=["in place"]),
    dict(notebook="03", exercise="sigmoid", mistake="the naive sigmoid, with a right derivative computed from it",
         code="def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n\ndef sigmoid_derivative(z):\n"
              "    s = sigmoid(z)\n    return s * (1 - s)",
         names=["because your sigmoid does there", "formula itself may be right"]),
    dict(notebook="03", exercise="sigmoid", mistake="1 / (1 + exp(z)) (sign)",
         code="def sigmoid(z):\n    return 1 / (1 + np.exp(z))", names=["sign"]),
    dict(notebook="03", exercise="sigmoid", mistake="derivative σ(1 + σ)",
         code="def sigmoid_derivative(z):\n    s = 1 / (1 + np.exp(-z))\n    return s * (1 + s)", names=["1 − σ"]),
    dict(notebook="03", exercise="tanh", mistake="derivative 1 − tanh (not squared)",
         code="def tanh_derivative(z):\n    return 1 - np.tanh(z)", names=["squar"]),
    dict(notebook="03", exercise="sign", mistake="sign(0) = 0 via np.sign",
         code="def sign(z):\n    return np.sign(z)", names=["0"]),
    dict(notebook="03", exercise="sign", mistake="a Python if on the whole array",
         code="def sign(z):\n    return 1.0 if z >= 0 else -1.0", names=["an `if`", "np.where"]),
    dict(notebook="03", exercise="xor_network", mistake="W_xor_hidden written by rows (one row per neuron)",
         code="W_xor_hidden = np.array([[10.0, 10.0], [-10.0, -10.0]])", names=["written by rows", ".T"]),
    dict(notebook="03", exercise="xor_network", mistake="the second hidden neuron with every sign flipped (AND, not NAND)",
         code="W_xor_hidden = np.array([[10.0, 10.0], [10.0, 10.0]])\nb_xor_hidden = np.array([-5.0, -15.0])",
         names=["hidden neuron h2 faces the wrong way"]),
    dict(notebook="03", exercise="square_network", mistake="W_hidden typed as 4 rows of 2 (transposed)",
         code="W_hidden = np.array([[-10.0, 0.0], [10.0, 0.0], [0.0, -10.0], [0.0, 10.0]])",
         names=["transposed", "written by rows"]),
    dict(notebook="03", exercise="square_network", mistake="one hidden neuron facing the wrong way",
         code="W_hidden = np.array([[-10.0, 10.0, 0.0, 0.0], [0.0, 0.0, 10.0, 10.0]])\n"
              "b_hidden = np.array([10.0, 10.0, -10.0, 10.0])", names=["hidden neuron z3 faces the wrong way"]),
    dict(notebook="03", exercise="square_network", mistake="one weight with the wrong sign",
         code="W_hidden = np.array([[-10.0, 10.0, 0.0, 0.0], [0.0, 0.0, -10.0, -10.0]])",
         names=["W_hidden[1, 3]", "wrong sign"]),
    dict(notebook="03", exercise="tanh", mistake="(1 − e^(−2z))/(1 + e^(−2z)) used for every z",
         code="def tanh(z):\n    return (1 - np.exp(-2 * z)) / (1 + np.exp(-2 * z))", names=["overflowed", "for z < 0"]),
    dict(notebook="03", exercise="tanh", mistake="(1 − e^(−2|z|))/(1 + e^(−2|z|)) without the sign of z",
         code="def tanh(z):\n    e = np.exp(-2 * np.abs(z))\n    return (1 - e) / (1 + e)", names=["lost the sign"]),
    dict(notebook="03", exercise="perceptron_train", mistake="one update per epoch from all its mistakes",
         code="def perceptron_train(X, y, epochs):\n    w, b, mistakes = np.zeros(X.shape[1]), 0.0, []\n"
              "    for _ in range(epochs):\n        dw, db, count = np.zeros_like(w), 0.0, 0\n"
              "        for x_i, y_i in zip(X, y):\n            if (1.0 if x_i @ w + b >= 0 else -1.0) != y_i:\n"
              "                dw, db, count = dw + y_i * x_i, db + y_i, count + 1\n"
              "        w, b = w + dw, b + db\n        mistakes.append(count)\n    return w, b, np.array(mistakes)",
         names=["once per epoch"]),
    dict(notebook="03", exercise="xor_network", mistake="the right structure with weights of about 1 (too shallow)",
         code="W_xor_hidden = np.array([[1.0, -1.0], [1.0, -1.0]])\nb_xor_hidden = np.array([-0.5, 1.5])\n"
              "w_xor_out = np.array([1.0, 1.0])\nb_xor_out = -1.5", names=["too shallow", "steeper"]),
    dict(notebook="03", exercise="square_network", mistake="the hidden biases with the wrong sign",
         code="b_hidden = -np.array([10.0, 10.0, 10.0, 10.0])", names=["every entry of b_hidden"]),
    # (end of 03)
    # ---- 04 --------------------------------------------------------------
    dict(notebook="04", exercise="dense_forward", mistake="the bias left out: Z = X @ W",
         code="def dense_forward(X, W, b):\n    return X @ W, (X, W)", names=["bias b is missing"]),
    dict(notebook="04", exercise="dense_forward", mistake="the cache in the wrong order, (W, X)",
         code="def dense_forward(X, W, b):\n    return X @ W + b, (W, X)", names=["cache holds (W, X)"]),
    dict(notebook="04", exercise="dense_backward", mistake="db as the mean over the batch",
         code="def dense_backward(dZ, cache):\n    X, W = cache\n    return dZ @ W.T, X.T @ dZ, dZ.mean(axis=0)",
         names=["db is the mean"]),
    dict(notebook="04", exercise="dense_backward", mistake="dW = dZ.T @ X (transposed)",
         code="def dense_backward(dZ, cache):\n    X, W = cache\n    return dZ @ W.T, dZ.T @ X, dZ.sum(axis=0)",
         names=["dW is transposed"]),
    dict(notebook="04", exercise="sigmoid_layer", mistake="the slide's 1 / (1 + e^(−z)), overflowing for z = −1000",
         code="def sigmoid_forward(Z):\n    A = 1 / (1 + np.exp(-Z))\n    return A, A", names=["overflow"]),
    dict(notebook="04", exercise="sigmoid_layer", mistake="sigmoid_backward without dA: A(1 − A) alone",
         code="def sigmoid_backward(dA, cache):\n    A = cache\n    return A * (1 - A)",
         names=["multiply it by the upstream gradient dA"]),
    dict(notebook="04", exercise="tanh_layer", mistake="tanh's derivative as (1 − A)²",
         code="def tanh_backward(dA, cache):\n    A = cache\n    return dA * (1 - A) ** 2", names=["you squared (1 − A)"]),
    dict(notebook="04", exercise="relu_layer", mistake="relu_backward multiplies by max(0, z)",
         code="def relu_backward(dA, cache):\n    Z = cache\n    return dA * np.maximum(Z, 0)",
         names=["derivative of ReLU is 1 where z > 0"]),
    dict(notebook="04", exercise="relu_layer", mistake="relu_forward returns another cache than its docstring's Z",
         code="def relu_forward(Z):\n    A = np.maximum(Z, 0)\n    return A, (A, Z)", names=["cache holds (A, Z)"]),
    dict(notebook="04", exercise="output_delta", mistake="the slide's sign, (y − p)/m",
         code="def output_delta(p, y):\n    return (y - p) / len(y)", names=["slide's sign"]),
    dict(notebook="04", exercise="output_delta", mistake="p − y without the 1/m",
         code="def output_delta(p, y):\n    return p - y", names=["divide by m"]),
    dict(notebook="04", exercise="mlp_forward", mistake="the loop stops one layer early: range(1, n_layers)",
         code="from utils.library import ACTIVATIONS, dense_forward, dense_backward, output_delta\ndef mlp_forward(X, params, activation='tanh'):\n    n_layers = len(params) // 2\n    caches, A = [], X\n"
              "    for layer in range(1, n_layers):\n"
              "        Z, dense_cache = dense_forward(A, params[f'W{layer}'], params[f'b{layer}'])\n"
              "        name = activation if layer < n_layers else 'sigmoid'\n"
              "        A, activation_cache = ACTIVATIONS[name][0](Z)\n"
              "        caches.append((dense_cache, name, activation_cache))\n    return A[:, 0], caches",
         names=["the loop stops one layer early"]),
    dict(notebook="04", exercise="mlp_forward", mistake="the output layer with the hidden activation",
         code="from utils.library import ACTIVATIONS, dense_forward, dense_backward, output_delta\ndef mlp_forward(X, params, activation='tanh'):\n    n_layers = len(params) // 2\n    caches, A = [], X\n"
              "    for layer in range(1, n_layers + 1):\n"
              "        Z, dense_cache = dense_forward(A, params[f'W{layer}'], params[f'b{layer}'])\n"
              "        A, activation_cache = ACTIVATIONS[activation][0](Z)\n"
              "        caches.append((dense_cache, activation, activation_cache))\n    return A[:, 0], caches",
         names=["output layer uses the hidden activation"]),
    dict(notebook="04", exercise="mlp_backward", mistake="the activation backward with the same layer's cache "
         "(caches[layer − 1], one layer off)",
         code="from utils.library import ACTIVATIONS, dense_forward, dense_backward, output_delta\ndef mlp_backward(p, y, caches):\n    grads = {}\n    dZ = output_delta(p, y)[:, None]\n"
              "    for layer in range(len(caches), 0, -1):\n        dense_cache, name, activation_cache = caches[layer - 1]\n"
              "        dA, grads[f'W{layer}'], grads[f'b{layer}'] = dense_backward(dZ, dense_cache)\n"
              "        if layer > 1:\n            dZ = ACTIVATIONS[name][1](dA, activation_cache)\n    return grads",
         names=["caches[l − 2][1] and caches[l − 2][2]"]),
    dict(notebook="04", exercise="mlp_backward", mistake="the slide's sign at the start, (y − p)/m",
         code="from utils.library import ACTIVATIONS, dense_forward, dense_backward, output_delta\ndef mlp_backward(p, y, caches):\n    grads = {}\n    dZ = ((y - p) / len(y))[:, None]\n"
              "    for layer in range(len(caches), 0, -1):\n"
              "        dA, grads[f'W{layer}'], grads[f'b{layer}'] = dense_backward(dZ, caches[layer - 1][0])\n"
              "        if layer > 1:\n            _, name, activation_cache = caches[layer - 2]\n"
              "            dZ = ACTIVATIONS[name][1](dA, activation_cache)\n    return grads",
         names=["every gradient has the wrong sign"]),
    dict(notebook="04", exercise="relu_layer", mistake="relu_backward passes dA at Z = 0 (Z >= 0; the docstring says 0)",
         code="def relu_backward(dA, cache):\n    Z = cache\n    return dA * (Z >= 0)", names=["not Z >= 0"]),
    dict(notebook="04", exercise="dense_forward", mistake="W transposed: Z = X @ W.T + b",
         code="def dense_forward(X, W, b):\n    return X @ W.T + b, (X, W)", names=["dense_forward computes X @ W.T"]),
    dict(notebook="04", exercise="dense_backward", mistake="dW and db divided by m again (the 1/m is inside dZ)",
         code="def dense_backward(dZ, cache):\n    X, W = cache\n    m = len(X)\n"
              "    return dZ @ W.T, X.T @ dZ / m, dZ.mean(axis=0)",
         names=["dW and db are both divided by the batch size"]),
    dict(notebook="04", exercise="sigmoid_layer", mistake="sigmoid_forward caches Z (return A, Z); the backward reads A",
         code="def sigmoid_forward(Z):\n    A = 0.5 * (1 + np.tanh(Z / 2))\n    return A, Z",
         names=["sigmoid_forward's cache is Z"]),
    dict(notebook="04", exercise="tanh_layer", mistake="tanh_forward caches Z (return A, Z); the backward reads A",
         code="def tanh_forward(Z):\n    A = np.tanh(Z)\n    return A, Z", names=["tanh_forward's cache is Z"]),
    dict(notebook="04", exercise="relu_layer", mistake="np.max(Z, 0) (a reduction) for np.maximum(Z, 0)",
         code="def relu_forward(Z):\n    A = np.max(Z, 0)\n    return A, Z", names=["np.max reduces an array"]),
    dict(notebook="04", exercise="mlp_backward", mistake="the activation backward's result never assigned to dZ",
         code="from utils.library import ACTIVATIONS, dense_forward, dense_backward, output_delta\ndef mlp_backward(p, y, caches):\n    grads = {}\n    dZ = output_delta(p, y)[:, None]\n"
              "    for layer in range(len(caches), 0, -1):\n"
              "        dA, grads[f'W{layer}'], grads[f'b{layer}'] = dense_backward(dZ, caches[layer - 1][0])\n"
              "        if layer > 1:\n            _, name, activation_cache = caches[layer - 2]\n"
              "            dZ_new = ACTIVATIONS[name][1](dA, activation_cache)\n    return grads",
         names=["dZ was not updated"]),
    # (end of 04)
    # ---- 05 --------------------------------------------------------------
    dict(notebook="05", exercise="train_validation_split", mistake="two permutations drawn, one per set (overlap)",
         code="def train_validation_split(X, y, validation_fraction, rng):\n    n = len(y)\n    n_val = int(round(validation_fraction * n))\n"
             "    val = rng.permutation(n)[:n_val]\n    train = rng.permutation(n)[n_val:]\n"
              "    return X[train], y[train], X[val], y[val]", names=["in both", "drawing twice"]),
    dict(notebook="05", exercise="train_validation_split", mistake="rng.choice with replacement",
         code="def train_validation_split(X, y, validation_fraction, rng):\n    n = len(y)\n    n_val = int(round(validation_fraction * n))\n"
             "    order = rng.choice(n, size=n)\n"
              "    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]",
         names=["with replacement"]),
    dict(notebook="05", exercise="train_validation_split", mistake="no shuffle: the last rows as validation",
         code="def train_validation_split(X, y, validation_fraction, rng):\n    n = len(y)\n    n_val = int(round(validation_fraction * n))\n"
             "    return X[:n - n_val], y[:n - n_val], X[n - n_val:], y[n - n_val:]", names=["not shuffled"]),
    dict(notebook="05", exercise="train_validation_split", mistake="X and y shuffled with different orders",
         code="def train_validation_split(X, y, validation_fraction, rng):\n    n = len(y)\n    n_val = int(round(validation_fraction * n))\n"
             "    a, b = rng.permutation(n), rng.permutation(n)\n"
              "    return X[a[n_val:]], y[b[n_val:]], X[a[:n_val]], y[b[:n_val]]", names=["no longer match"]),
    dict(notebook="05", exercise="train_validation_split", mistake="np.random.permutation instead of the rng passed in",
         code="def train_validation_split(X, y, validation_fraction, rng):\n    n = len(y)\n    n_val = int(round(validation_fraction * n))\n"
             "    order = np.random.permutation(n)\n"
              "    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]",
         names=["rng argument"]),
    dict(notebook="05", exercise="train_validation_split", mistake="validation from the end of the order",
         code="def train_validation_split(X, y, validation_fraction, rng):\n    n = len(y)\n    n_val = int(round(validation_fraction * n))\n"
             "    order = rng.permutation(n)\n"
              "    return X[order[:n - n_val]], y[order[:n - n_val]], X[order[n - n_val:]], y[order[n - n_val:]]",
         names=["end of the shuffled order"]),
    dict(notebook="05", exercise="l2_regularization", mistake="the biases penalised too",
         code="def l2_penalty(params, lam):\n    return lam / 2 * sum(np.sum(v ** 2) for v in params.values())",
         names=["biases are penalised"]),
    dict(notebook="05", exercise="l2_regularization", mistake="the gradient 2·lam·W",
         code="def add_l2_gradient(grads, params, lam):\n"
              "    return {k: g + 2 * lam * params[k] if k.startswith('W') else g for k, g in grads.items()}",
         names=["2·lam·W"]),
    dict(notebook="05", exercise="l2_regularization", mistake="grads changed in place (grads[k] += ...)",
         code="def add_l2_gradient(grads, params, lam):\n    for k in grads:\n        if k.startswith('W'):\n"
              "            grads[k] += lam * params[k]\n    return grads", names=["changed the dictionary `grads`"]),
    dict(notebook="05", exercise="early_stopping", mistake="best_params = model.params (a reference, not a copy)",
         code=('def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate, batch_size=32):\n'
              '    best, waited, losses = np.inf, 0, []\n'
              '    best_params = {k: v.copy() for k, v in model.params.items()}\n'
              '    for _ in range(max_epochs):\n'
              '        model.fit(X_train, y_train, epochs=1, learning_rate=learning_rate, batch_size=batch_size)\n'
              '        losses.append(model.loss(X_val, y_val))\n'
              '        if losses[-1] < best:\n'
              '            best, best_params = losses[-1], model.params\n'
              '            waited = 0\n'
              '        else:\n'
              '            waited += 1\n'
              '            if waited >= patience:\n'
              '                break\n'
              '    model.params = {k: v.copy() for k, v in best_params.items()}\n'
              '    return best_params, losses'), names=["best_params is model.params itself"]),
    dict(notebook="05", exercise="early_stopping", mistake="patience off by one (waited > patience)",
         code=('def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate, batch_size=32):\n'
              '    best, waited, losses = np.inf, 0, []\n'
              '    best_params = {k: v.copy() for k, v in model.params.items()}\n'
              '    for _ in range(max_epochs):\n'
              '        model.fit(X_train, y_train, epochs=1, learning_rate=learning_rate, batch_size=batch_size)\n'
              '        losses.append(model.loss(X_val, y_val))\n'
              '        if losses[-1] < best:\n'
              '            best, best_params = losses[-1], {k: v.copy() for k, v in model.params.items()}\n'
              '            waited = 0\n'
              '        else:\n'
              '            waited += 1\n'
              '            if waited > patience:\n'
              '                break\n'
              '    model.params = {k: v.copy() for k, v in best_params.items()}\n'
              '    return best_params, losses'), names=["one epoch too many"]),
    dict(notebook="05", exercise="early_stopping", mistake="best_params = None at the start (max_epochs = 0 crashes)",
         code=('def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate, batch_size=32):\n'
              '    best, waited, losses = np.inf, 0, []\n'
              '    best_params = None\n'
              '    for _ in range(max_epochs):\n'
              '        model.fit(X_train, y_train, epochs=1, learning_rate=learning_rate, batch_size=batch_size)\n'
              '        losses.append(model.loss(X_val, y_val))\n'
              '        if losses[-1] < best:\n'
              '            best, best_params = losses[-1], {k: v.copy() for k, v in model.params.items()}\n'
              '            waited = 0\n'
              '        else:\n'
              '            waited += 1\n'
              '            if waited >= patience:\n'
              '                break\n'
              '    model.params = {k: v.copy() for k, v in best_params.items()}\n'
              '    return best_params, losses'), names=["start best_params as a copy"]),
    dict(notebook="05", exercise="early_stopping", mistake="the model left with its last weights",
         code=('def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate, batch_size=32):\n'
              '    best, waited, losses = np.inf, 0, []\n'
              '    best_params = {k: v.copy() for k, v in model.params.items()}\n'
              '    for _ in range(max_epochs):\n'
              '        model.fit(X_train, y_train, epochs=1, learning_rate=learning_rate, batch_size=batch_size)\n'
              '        losses.append(model.loss(X_val, y_val))\n'
              '        if losses[-1] < best:\n'
              '            best, best_params = losses[-1], {k: v.copy() for k, v in model.params.items()}\n'
              '            waited = 0\n'
              '        else:\n'
              '            waited += 1\n'
              '            if waited >= patience:\n'
              '                break\n'
              '    return best_params, losses'), names=["model.params = best_params"]),
    dict(notebook="05", exercise="optimiser_steps", mistake="momentum: w moved by the old velocity",
         code="def momentum_step(w, dw, velocity, learning_rate, momentum=0.9):\n"
              "    return w + velocity, momentum * velocity - learning_rate * dw", names=["old velocity"]),
    dict(notebook="05", exercise="optimiser_steps", mistake="Adam without bias correction",
         code="def adam_step(w, dw, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):\n"
              "    m = beta1 * m + (1 - beta1) * dw\n    v = beta2 * v + (1 - beta2) * dw ** 2\n"
              "    return w - learning_rate * m / (np.sqrt(v) + eps), m, v", names=["bias correction is missing"]),
    dict(notebook="05", exercise="clip_by_global_norm", mistake="max_norm / norm with no guard for all-zero gradients",
         code="def clip_by_global_norm(grads, max_norm):\n    norm = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))\n"
              "    scale = min(1.0, max_norm / norm)\n    return {k: g * scale for k, g in grads.items()}, norm",
         names=["the global norm is 0 here"]),
    dict(notebook="05", exercise="train_validation_split", mistake="returned as X_train, X_val, y_train, y_val",
         code="def train_validation_split(X, y, validation_fraction, rng):\n    order = rng.permutation(len(y))\n"
              "    n_val = int(round(validation_fraction * len(y)))\n    val, train = order[:n_val], order[n_val:]\n"
              "    return X[train], X[val], y[train], y[val]", names=["wrong order"]),
    dict(notebook="05", exercise="clip_by_global_norm", mistake="each array clipped to max_norm on its own",
         code="def clip_by_global_norm(grads, max_norm):\n"
              "    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))\n"
              "    return {k: g * min(1.0, max_norm / np.linalg.norm(g)) for k, g in grads.items()}, norm",
         names=["on its own"]),
    dict(notebook="05", exercise="clip_by_global_norm", mistake="the norm returned after clipping",
         code="def clip_by_global_norm(grads, max_norm):\n"
              "    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))\n    scale = min(1.0, max_norm / norm)\n"
              "    return {k: g * scale for k, g in grads.items()}, norm * scale", names=["norm after clipping"]),
    dict(notebook="05", exercise="early_stopping", mistake="batch_size not passed on to model.fit",
         code="def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate, batch_size=32):\n"
              "    best, waited, losses = np.inf, 0, []\n    best_params = {k: v.copy() for k, v in model.params.items()}\n"
              "    for _ in range(max_epochs):\n        model.fit(X_train, y_train, epochs=1, learning_rate=learning_rate)\n"
              "        losses.append(model.loss(X_val, y_val))\n        if losses[-1] < best:\n"
              "            best, waited, best_params = losses[-1], 0, {k: v.copy() for k, v in model.params.items()}\n"
              "        else:\n            waited += 1\n            if waited >= patience:\n                break\n"
              "    model.params = {k: v.copy() for k, v in best_params.items()}\n    return best_params, losses",
         names=["batch_size 7"]),
    dict(notebook="05", exercise="train_validation_split", mistake="n_val = int(fraction · n): truncated, not rounded",
         code="def train_validation_split(X, y, validation_fraction, rng):\n    n = len(y)\n    n_val = int(validation_fraction * n)\n"
              "    order = rng.permutation(n)\n"
              "    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]",
         names=["int() truncates it"]),
    dict(notebook="05", exercise="early_stopping", mistake="one model.fit(epochs=max_epochs), then a single validation loss",
         code=('def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate, batch_size=32):\n'
               '    model.fit(X_train, y_train, epochs=max_epochs, learning_rate=learning_rate, batch_size=batch_size)\n'
               '    return {k: v.copy() for k, v in model.params.items()}, [model.loss(X_val, y_val)]'),
         names=["in one go", "one epoch at a time"]),
    dict(notebook="05", exercise="optimiser_steps", mistake="Adam's bias correction with β^(t + 1) (step number off by one)",
         code="def adam_step(w, dw, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):\n"
              "    m = beta1 * m + (1 - beta1) * dw\n    v = beta2 * v + (1 - beta2) * dw ** 2\n"
              "    m_hat, v_hat = m / (1 - beta1 ** (t + 1)), v / (1 - beta2 ** (t + 1))\n"
              "    return w - learning_rate * m_hat / (np.sqrt(v_hat) + eps), m, v", names=["uses step t + 1"]),
    # (end of 05)
    # ---- 06 --------------------------------------------------------------
    dict(notebook="06", exercise="conv2d_single", mistake="the kernel flipped (a true convolution)",
         code="def conv2d_single(image, kernel):\n    k = kernel[::-1, ::-1]\n    H, W = image.shape\n    KH, KW = k.shape\n"
              "    return np.array([[np.sum(image[i:i + KH, j:j + KW] * k) for j in range(W - KW + 1)]\n"
              "                     for i in range(H - KH + 1)])", names=["flipped the kernel"]),
    dict(notebook="06", exercise="conv2d_single", mistake="range(H - KH) (the + 1 forgotten)",
         code="def conv2d_single(image, kernel):\n    H, W = image.shape\n    KH, KW = kernel.shape\n"
              "    return np.array([[np.sum(image[i:i + KH, j:j + KW] * kernel) for j in range(W - KW)]\n"
              "                     for i in range(H - KH)])", names=["off by one", "H − KH + 1"]),
    dict(notebook="06", exercise="conv_forward", mistake="padding on one side only: np.pad(..., (padding, 0))",
         code="from numpy.lib.stride_tricks import sliding_window_view\n"
              "def conv_forward(X, W, b, stride=1, padding=0):\n"
              "    Xp = np.pad(X, ((0, 0), (0, 0), (padding, 0), (padding, 0)))\n"
              "    win = sliding_window_view(Xp, W.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]\n"
              "    return np.einsum('nchwij,fcij->nfhw', win, W) + b[None, :, None, None], (X, W, b, stride, padding)",
         names=["only on one side", "pad both"]),
    dict(notebook="06", exercise="conv_forward", mistake="all the padding on one side: (0, 2 * padding)",
         code="from numpy.lib.stride_tricks import sliding_window_view\n"
              "def conv_forward(X, W, b, stride=1, padding=0):\n"
              "    Xp = np.pad(X, ((0, 0), (0, 0), (0, 2 * padding), (0, 2 * padding)))\n"
              "    win = sliding_window_view(Xp, W.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]\n"
              "    return np.einsum('nchwij,fcij->nfhw', win, W) + b[None, :, None, None], (X, W, b, stride, padding)",
         names=["all the padding", "one side"]),
    dict(notebook="06", exercise="conv_forward", mistake="input subsampled by the stride, then windows of stride 1",
         code="from numpy.lib.stride_tricks import sliding_window_view\n"
              "def conv_forward(X, W, b, stride=1, padding=0):\n"
              "    Xp = np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))[:, :, ::stride, ::stride]\n"
              "    win = sliding_window_view(Xp, W.shape[2:], axis=(2, 3))\n"
              "    return np.einsum('nchwij,fcij->nfhw', win, W) + b[None, :, None, None], (X, W, b, stride, padding)",
         names=["subsampled the input"]),
    dict(notebook="06", exercise="conv_forward", mistake="out + b: the bias broadcast along the width",
         code="from numpy.lib.stride_tricks import sliding_window_view\n"
              "def conv_forward(X, W, b, stride=1, padding=0):\n"
              "    Xp = np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))\n"
              "    win = sliding_window_view(Xp, W.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]\n"
              "    return np.einsum('nchwij,fcij->nfhw', win, W) + b, (X, W, b, stride, padding)",
         names=["along the last axis", "b[None, :, None, None]"]),
    dict(notebook="06", exercise="conv_forward", mistake="the output size without the + 1",
         code="from numpy.lib.stride_tricks import sliding_window_view\n"
              "def conv_forward(X, W, b, stride=1, padding=0):\n"
              "    Xp = np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))\n"
              "    Ho = (X.shape[2] + 2 * padding - W.shape[2]) // stride\n"
              "    Wo = (X.shape[3] + 2 * padding - W.shape[3]) // stride\n"
              "    win = sliding_window_view(Xp, W.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride][:, :, :Ho, :Wo]\n"
              "    return np.einsum('nchwij,fcij->nfhw', win, W) + b[None, :, None, None], (X, W, b, stride, padding)",
         names=["off by one", "+ 1"]),
    dict(notebook="06", exercise="conv_forward", mistake="the cache in another order: (W, X, b, stride, padding)",
         code="_solution_conv_forward = conv_forward\n"
              "def conv_forward(X, W, b, stride=1, padding=0):\n"
              "    return _solution_conv_forward(X, W, b, stride, padding)[0], (W, X, b, stride, padding)",
         names=["item 0 of the cache is W, not X", "conv_backward"]),
    dict(notebook="06", exercise="conv_forward", mistake="the padded X cached instead of X",
         code="_solution_conv_forward = conv_forward\n"
              "def conv_forward(X, W, b, stride=1, padding=0):\n"
              "    Xp = np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))\n"
              "    return _solution_conv_forward(X, W, b, stride, padding)[0], (Xp, W, b, stride, padding)",
         names=["the padded X, not X"]),
    dict(notebook="06", exercise="conv_backward", mistake="db not summed over the batch",
         code="_solution_conv_backward = conv_backward\n"
              "def conv_backward(d_out, cache):\n    dX, dW, db = _solution_conv_backward(d_out, cache)\n"
              "    return dX, dW, d_out.sum(axis=(2, 3))", names=["not summed over the batch"]),
    dict(notebook="06", exercise="conv_backward", mistake="dX_pad[...] = instead of += (overlapping windows)",
         code="from numpy.lib.stride_tricks import sliding_window_view\n"
              "def conv_backward(d_out, cache):\n    X, W, b, s, P = cache\n    HH, WW = W.shape[2:]\n"
              "    Ho, Wo = d_out.shape[2:]\n    Xp = np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))\n"
              "    win = sliding_window_view(Xp, (HH, WW), axis=(2, 3))[:, :, ::s, ::s]\n"
              "    dXp = np.zeros_like(Xp)\n    for p in range(HH):\n        for q in range(WW):\n"
              "            dXp[:, :, p:p + s * Ho:s, q:q + s * Wo:s] = np.einsum('nfhw,fc->nchw', d_out, W[:, :, p, q])\n"
              "    H, Wd = X.shape[2:]\n    return (dXp[:, :, P:P + H, P:P + Wd], np.einsum('nchwij,nfhw->fcij', win, d_out),\n"
              "            d_out.sum(axis=(0, 2, 3)))", names=["windows overlap", "+="]),
    dict(notebook="06", exercise="maxpool_forward", mistake="average pooling (mean instead of max)",
         code="def maxpool_forward(X):\n    N, C, H, W = X.shape\n"
              "    return X.reshape(N, C, H // 2, 2, W // 2, 2).mean(axis=(3, 5)), X", names=["average pooling"]),
    dict(notebook="06", exercise="maxpool_forward", mistake="a reshape straight to windows of 4 (rows cut in fours)",
         code="def maxpool_forward(X):\n    N, C, H, W = X.shape\n"
              "    return X.reshape(N, C, H // 2, W // 2, 4).max(axis=-1), X", names=["windows are mixed up"]),
    dict(notebook="06", exercise="maxpool_forward", mistake="returns out as the cache",
         code="def maxpool_forward(X):\n    N, C, H, W = X.shape\n"
              "    out = X.reshape(N, C, H // 2, 2, W // 2, 2).max(axis=(3, 5))\n    return out, out",
         names=["the cache is out, not X"]),
    dict(notebook="06", exercise="maxpool_backward", mistake="the reshape to [..., 4] without the transpose",
         code="def maxpool_backward(d_out, cache):\n    X = cache\n    N, C, H, W = X.shape\n"
              "    win = X.reshape(N, C, H // 2, W // 2, 4)\n"
              "    d = (win.argmax(axis=-1)[..., None] == np.arange(4)) * d_out[..., None]\n"
              "    return d.reshape(N, C, H, W)", names=["windows are mixed up", "transpose(0, 1, 2, 4, 3, 5)"]),
    dict(notebook="06", exercise="maxpool_backward", mistake="the gradient sent to every cell of the window",
         code="def maxpool_backward(d_out, cache):\n    return d_out.repeat(2, axis=2).repeat(2, axis=3)",
         names=["every cell"]),
    dict(notebook="06", exercise="softmax", mistake="normalised over the columns (axis=0)",
         code="def softmax(Z):\n    e = np.exp(Z - Z.max())\n    return e / e.sum(axis=0, keepdims=True)",
         names=["each column"]),
    dict(notebook="06", exercise="cross_entropy", mistake="P[:, y] instead of P[np.arange(m), y]",
         code="def cross_entropy(P, y):\n    return -np.mean(np.log(np.clip(P[:, y], 1e-12, 1)))",
         names=["P[np.arange(m), y]"]),
    dict(notebook="06", exercise="softmax_output_delta", mistake="the slide's sign (onehot − P)",
         code="def softmax_output_delta(P, y):\n    return (np.eye(P.shape[1])[y] - P) / len(y)", names=["sign is flipped"]),
    dict(notebook="06", exercise="cnn_loss", mistake="the ReLU left out",
         code="from utils.library import dense_forward, dense_backward\ndef cnn_loss(params, X, y):\n"
              "    conv, cc = conv_forward(X, params['W1'], params['b1'], 1, 1)\n"
              "    pooled, pc = maxpool_forward(conv)\n"
              "    logits, dc = dense_forward(pooled.reshape(len(X), -1), params['W2'], params['b2'])\n"
              "    P = softmax(logits)\n    d_flat, dW2, db2 = dense_backward(softmax_output_delta(P, y), dc)\n"
              "    _, dW1, db1 = conv_backward(maxpool_backward(d_flat.reshape(pooled.shape), pc), cc)\n"
              "    return cross_entropy(P, y), {'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}",
         names=["ReLU is missing"]),
    dict(notebook="06", exercise="maxpool_forward", mistake="max over the window positions, axes (2, 4)",
         code="def maxpool_forward(X):\n    N, C, H, W = X.shape\n"
              "    return X.reshape(N, C, H // 2, 2, W // 2, 2).max(axis=(2, 4)), X",
         names=["window positions (axes 2 and 4)"]),
    dict(notebook="06", exercise="softmax", mistake="the row maximum subtracted, then the sum taken down the columns",
         code="def softmax(Z):\n    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n    return E / E.sum(axis=0, keepdims=True)",
         names=["normalised each column"]),
    dict(notebook="06", exercise="softmax", mistake="no shift by the row maximum (exp overflows)",
         code="def softmax(Z):\n    e = np.exp(Z)\n    return e / e.sum(axis=1, keepdims=True)",
         names=["overflow", "subtract each row's maximum"]),
    dict(notebook="06", exercise="softmax", mistake="shift by the batch's maximum Z.max(), not each row's",
         code="def softmax(Z):\n    e = np.exp(Z - Z.max())\n    return e / e.sum(axis=1, keepdims=True)",
         names=["each row's own maximum"]),
    dict(notebook="06", exercise="cnn_loss", mistake="conv_forward called without padding=1",
         code="from utils.library import dense_forward, dense_backward, relu_forward, relu_backward\n"
              "def cnn_loss(params, X, y):\n"
              "    conv, cc = conv_forward(X, params['W1'], params['b1'])\n    act, rc = relu_forward(conv)\n"
              "    pooled, pc = maxpool_forward(act)\n"
              "    logits, dc = dense_forward(pooled.reshape(len(X), -1), params['W2'], params['b2'])\n"
              "    P = softmax(logits)\n    d_flat, dW2, db2 = dense_backward(softmax_output_delta(P, y), dc)\n"
              "    d_act = maxpool_backward(d_flat.reshape(pooled.shape), pc)\n"
              "    _, dW1, db1 = conv_backward(relu_backward(d_act, rc), cc)\n"
              "    return cross_entropy(P, y), {'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}",
         names=["padding=1", "F·16 columns"]),
    dict(notebook="06", exercise="conv_forward", mistake="np.pad(X, padding): every axis padded",
         code="from numpy.lib.stride_tricks import sliding_window_view\n"
              "def conv_forward(X, W, b, stride=1, padding=0):\n    Xp = np.pad(X, padding)\n"
              "    win = sliding_window_view(Xp, W.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]\n"
              "    return np.einsum('nchwij,fcij->nfhw', win, W) + b[None, :, None, None], (X, W, b, stride, padding)",
         names=["pads every axis"]),
    dict(notebook="06", exercise="conv_backward", mistake="dW from windows one pixel apart (stride ignored)",
         code="from numpy.lib.stride_tricks import sliding_window_view\n_solution_conv_backward = conv_backward\n"
              "def conv_backward(d_out, cache):\n    X, W, b, s, P = cache\n    dX, dW, db = _solution_conv_backward(d_out, cache)\n"
              "    Xp = np.pad(X, ((0, 0), (0, 0), (P, P), (P, P)))\n"
              "    win = sliding_window_view(Xp, W.shape[2:], axis=(2, 3))[:, :, :d_out.shape[2], :d_out.shape[3]]\n"
              "    return dX, np.einsum('nchwij,nfhw->fcij', win, d_out), db", names=["dW takes the windows one pixel apart"]),
    # (end of 06)
    # ---- 07 --------------------------------------------------------------
    dict(notebook="07", exercise="rnn_step_forward", mistake="a sigmoid instead of tanh",
         code="def rnn_step_forward(x_t, h_prev, Wx, Wh, b):\n    a = x_t @ Wx + h_prev @ Wh + b\n"
              "    return 1 / (1 + np.exp(-a)), (x_t, h_prev, Wx, Wh)", names=["sigmoid", "tanh"]),
    dict(notebook="07", exercise="rnn_step_forward", mistake="h_prev @ Wh.T",
         code="def rnn_step_forward(x_t, h_prev, Wx, Wh, b):\n    h = np.tanh(x_t @ Wx + h_prev @ Wh.T + b)\n"
              "    return h, (x_t, h_prev, Wx, Wh, h)", names=["Wh is transposed"]),
    dict(notebook="07", exercise="rnn_step_forward", mistake="tanh as (1 − e^(−2a))/(1 + e^(−2a)) for every a",
         code="def rnn_step_forward(x_t, h_prev, Wx, Wh, b):\n    a = x_t @ Wx + h_prev @ Wh + b\n"
              "    h = (1 - np.exp(-2 * a)) / (1 + np.exp(-2 * a))\n    return h, (x_t, h_prev, Wx, Wh, h)",
         names=["at a = −1000", "(1 − e^(−2a))/(1 + e^(−2a))", "np.tanh"]),
    dict(notebook="07", exercise="rnn_step_forward", mistake="tanh as (e^(2a) − 1)/(e^(2a) + 1) for every a",
         code="def rnn_step_forward(x_t, h_prev, Wx, Wh, b):\n    a = x_t @ Wx + h_prev @ Wh + b\n"
              "    h = (np.exp(2 * a) - 1) / (np.exp(2 * a) + 1)\n    return h, (x_t, h_prev, Wx, Wh, h)",
         names=["at a = +1000", "(e^(2a) − 1)/(e^(2a) + 1)"]),
    dict(notebook="07", exercise="rnn_forward", mistake="a right loop over a wrong step (Wh transposed in rnn_step_forward)",
         code="def rnn_step_forward(x_t, h_prev, Wx, Wh, b):\n    h = np.tanh(x_t @ Wx + h_prev @ Wh.T + b)\n"
              "    return h, (x_t, h_prev, Wx, Wh, h)\n\ndef rnn_forward(x, h0, Wx, Wh, b):\n"
              "    h, states, caches = h0, [], []\n    for t in range(x.shape[1]):\n"
              "        h, c = rnn_step_forward(x[:, t], h, Wx, Wh, b)\n        states.append(h)\n        caches.append(c)\n"
              "    return np.stack(states, axis=1), caches",
         names=["First: rnn_step_forward, which rnn_forward uses"]),
    dict(notebook="07", exercise="rnn_forward", mistake="every step started from h0",
         code="def rnn_forward(x, h0, Wx, Wh, b):\n    states, caches = [], []\n    for t in range(x.shape[1]):\n"
              "        h_t, c = rnn_step_forward(x[:, t], h0, Wx, Wh, b)\n        states.append(h_t)\n"
              "        caches.append(c)\n    return np.stack(states, axis=1), caches", names=["starts from h0"]),
    dict(notebook="07", exercise="rnn_forward", mistake="states stacked time first, [T, N, H]",
         code="def rnn_forward(x, h0, Wx, Wh, b):\n    states, caches, h_t = [], [], h0\n    for t in range(x.shape[1]):\n"
              "        h_t, c = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)\n        states.append(h_t)\n"
              "        caches.append(c)\n    return np.array(states), caches", names=["[T, N, H]"]),
    dict(notebook="07", exercise="rnn_forward", mistake="only the last step's cache kept",
         code="def rnn_forward(x, h0, Wx, Wh, b):\n    states, h_t = [], h0\n    for t in range(x.shape[1]):\n"
              "        h_t, cache = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)\n        states.append(h_t)\n"
              "    return np.stack(states, axis=1), cache", names=["every step", "not only the last one"]),
    dict(notebook="07", exercise="rnn_backward", mistake="dWx = ... instead of += (overwritten each step)",
         code="def rnn_backward(dh, cache):\n    N, T, H = dh.shape\n    Wx, Wh = cache[0][2], cache[0][3]\n"
              "    dx = np.zeros((N, T, Wx.shape[0]))\n    dh_next = np.zeros((N, H))\n"
              "    for t in reversed(range(T)):\n        x_t, h_prev, _, _, h_t = cache[t]\n"
              "        da = (dh[:, t] + dh_next) * (1 - h_t ** 2)\n        dx[:, t] = da @ Wx.T\n"
              "        dh_next = da @ Wh.T\n        dWx, dWh, db = x_t.T @ da, h_prev.T @ da, da.sum(axis=0)\n"
              "    return dx, dh_next, dWx, dWh, db", names=["first time step only", "+="]),
    dict(notebook="07", exercise="rnn_backward", mistake="dh_next not carried back (da from dh[:, t] alone)",
         code="def rnn_backward(dh, cache):\n    N, T, H = dh.shape\n    Wx, Wh = cache[0][2], cache[0][3]\n"
              "    dx = np.zeros((N, T, Wx.shape[0]))\n    dWx, dWh, db = 0 * Wx, 0 * Wh, np.zeros(H)\n"
              "    for t in reversed(range(T)):\n        x_t, h_prev, _, _, h_t = cache[t]\n"
              "        da = dh[:, t] * (1 - h_t ** 2)\n        dx[:, t] = da @ Wx.T\n        dh_prev = da @ Wh.T\n"
              "        dWx, dWh, db = dWx + x_t.T @ da, dWh + h_prev.T @ da, db + da.sum(axis=0)\n"
              "    return dx, dh_prev, dWx, dWh, db", names=["carried back through the hidden state"]),
    dict(notebook="07", exercise="rnn_backward", mistake="the shared gradients averaged over time (/ T)",
         code="_solution_rnn_backward = rnn_backward\n"
              "def rnn_backward(dh, cache):\n    dx, dh0, dWx, dWh, db = _solution_rnn_backward(dh, cache)\n"
              "    T = dh.shape[1]\n    return dx, dh0, dWx / T, dWh / T, db / T", names=["averaged"]),
    dict(notebook="07", exercise="gru_step_forward", mistake="z and 1 − z swapped (Chung et al.'s form)",
         code="def sigmoid(a):\n    return 0.5 * (1 + np.tanh(a / 2))\n"
              "def gru_step_forward(x_t, h_prev, Wx, Wh, b):\n    H = h_prev.shape[1]\n"
              "    g = sigmoid(x_t @ Wx[:, :2 * H] + h_prev @ Wh[:, :2 * H] + b[:2 * H])\n    z, r = g[:, :H], g[:, H:]\n"
              "    c = np.tanh(x_t @ Wx[:, 2 * H:] + (r * h_prev) @ Wh[:, 2 * H:] + b[2 * H:])\n"
              "    return (1 - z) * h_prev + z * c, (x_t, h_prev, Wx, Wh, z, r, c)", names=["swapped"]),
    dict(notebook="07", exercise="gru_step_forward", mistake="the reset gate after the product (PyTorch's form)",
         code="def sigmoid(a):\n    return 0.5 * (1 + np.tanh(a / 2))\n"
              "def gru_step_forward(x_t, h_prev, Wx, Wh, b):\n    H = h_prev.shape[1]\n"
              "    g = sigmoid(x_t @ Wx[:, :2 * H] + h_prev @ Wh[:, :2 * H] + b[:2 * H])\n    z, r = g[:, :H], g[:, H:]\n"
              "    c = np.tanh(x_t @ Wx[:, 2 * H:] + r * (h_prev @ Wh[:, 2 * H:]) + b[2 * H:])\n"
              "    return z * h_prev + (1 - z) * c, (x_t, h_prev, Wx, Wh, z, r, c)", names=["after the matrix product"]),
    dict(notebook="07", exercise="gru_step_forward", mistake="the naive sigmoid 1/(1 + e^(−a)) (overflows)",
         code="def gru_step_forward(x_t, h_prev, Wx, Wh, b):\n    H = h_prev.shape[1]\n"
              "    g = 1 / (1 + np.exp(-(x_t @ Wx[:, :2 * H] + h_prev @ Wh[:, :2 * H] + b[:2 * H])))\n"
              "    z, r = g[:, :H], g[:, H:]\n"
              "    c = np.tanh(x_t @ Wx[:, 2 * H:] + (r * h_prev) @ Wh[:, 2 * H:] + b[2 * H:])\n"
              "    return z * h_prev + (1 - z) * c, (x_t, h_prev, Wx, Wh, z, r, c)", names=["overflow", "stable sigmoid"]),
    dict(notebook="07", exercise="gru_step_backward", mistake="dh_prev without the path through r ⊙ h_prev",
         code="def gru_step_backward(dh_t, cache):\n    x_t, h_prev, Wx, Wh, z, r, c = cache\n    H = h_prev.shape[1]\n"
              "    da_h = dh_t * (1 - z) * (1 - c ** 2)\n    da_z = dh_t * (h_prev - c) * z * (1 - z)\n"
              "    d_rh = da_h @ Wh[:, 2 * H:].T\n    da_r = d_rh * h_prev * r * (1 - r)\n    g = np.hstack([da_z, da_r])\n"
              "    dx = g @ Wx[:, :2 * H].T + da_h @ Wx[:, 2 * H:].T\n    dh_prev = dh_t * z + g @ Wh[:, :2 * H].T\n"
              "    return (dx, dh_prev, np.hstack([x_t.T @ g, x_t.T @ da_h]), np.hstack([h_prev.T @ g, (r * h_prev).T @ da_h]),\n"
              "            np.concatenate([g.sum(axis=0), da_h.sum(axis=0)]))", names=["dh_prev", "four ways"]),
    dict(notebook="07", exercise="rnn_forward", mistake="h returned as a list of the [N, H] states",
         code="def rnn_forward(x, h0, Wx, Wh, b):\n    states, caches, h_t = [], [], h0\n    for t in range(x.shape[1]):\n"
              "        h_t, c = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)\n        states.append(h_t)\n"
              "        caches.append(c)\n    return states, caches", names=["list", "np.stack(states, axis=1)"]),
    dict(notebook="07", exercise="rnn_backward", mistake="tanh' taken at h_prev instead of h_t",
         code="def rnn_backward(dh, cache):\n    N, T, H = dh.shape\n    Wx, Wh = cache[0][2], cache[0][3]\n"
              "    dx = np.zeros((N, T, Wx.shape[0]))\n    dWx, dWh, db, dn = 0 * Wx, 0 * Wh, np.zeros(H), np.zeros((N, H))\n"
              "    for t in reversed(range(T)):\n        x_t, h_prev, _, _, h_t = cache[t]\n"
              "        da = (dh[:, t] + dn) * (1 - h_prev ** 2)\n        dx[:, t] = da @ Wx.T\n        dn = da @ Wh.T\n"
              "        dWx, dWh, db = dWx + x_t.T @ da, dWh + h_prev.T @ da, db + da.sum(axis=0)\n"
              "    return dx, dn, dWx, dWh, db", names=["tanh' at the wrong state"]),
    dict(notebook="07", exercise="rnn_backward", mistake="dWh from h_t instead of h_prev",
         code="def rnn_backward(dh, cache):\n    N, T, H = dh.shape\n    Wx, Wh = cache[0][2], cache[0][3]\n"
              "    dx = np.zeros((N, T, Wx.shape[0]))\n    dWx, dWh, db, dn = 0 * Wx, 0 * Wh, np.zeros(H), np.zeros((N, H))\n"
              "    for t in reversed(range(T)):\n        x_t, h_prev, _, _, h_t = cache[t]\n"
              "        da = (dh[:, t] + dn) * (1 - h_t ** 2)\n        dx[:, t] = da @ Wx.T\n        dn = da @ Wh.T\n"
              "        dWx, dWh, db = dWx + x_t.T @ da, dWh + h_t.T @ da, db + da.sum(axis=0)\n"
              "    return dx, dn, dWx, dWh, db", names=["dWh sums h_prevᵀ · da_t"]),
    # (end of 07)
    # ---- 08 --------------------------------------------------------------
    dict(notebook="08", exercise='attention_forward', mistake='no 1/√d: softmax(Q Kᵀ) V',
         code='def attention_forward(Q, K, V, causal=True):\n    T, d = Q.shape[-2], Q.shape[-1]\n    scores = Q @ np.swapaxes(K, -1, -2)\n    future = np.triu(np.ones((T, T), dtype=bool), k=1)\n    if causal:\n        scores = np.where(future, -1e9, scores)\n    w = np.exp(scores - scores.max(axis=-1, keepdims=True))\n    w = w / w.sum(axis=-1, keepdims=True)\n    return w @ V, w',
         names=['not divided by √d']),
    dict(notebook="08", exercise='attention_forward', mistake='the mask applied after the softmax (weights zeroed, rows no longer sum to 1)',
         code='def attention_forward(Q, K, V, causal=True):\n    T, d = Q.shape[-2], Q.shape[-1]\n    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)\n    w = np.exp(scores - scores.max(axis=-1, keepdims=True))\n    w = w / w.sum(axis=-1, keepdims=True)\n    if causal:\n        w = np.where(np.triu(np.ones((T, T), dtype=bool), k=1), 0.0, w)\n    return w @ V, w',
         names=['after the softmax']),
    dict(notebook="08", exercise='attention_forward', mistake='the mask sets the future scores to 0 instead of a large negative number',
         code='def attention_forward(Q, K, V, causal=True):\n    T, d = Q.shape[-2], Q.shape[-1]\n    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)\n    future = np.triu(np.ones((T, T), dtype=bool), k=1)\n    if causal:\n        scores = np.where(future, 0.0, scores)\n    w = np.exp(scores - scores.max(axis=-1, keepdims=True))\n    w = w / w.sum(axis=-1, keepdims=True)\n    return w @ V, w',
         names=['instead of a large negative']),
    dict(notebook="08", exercise='attention_forward', mistake='attending to the future: the mask off by one (np.triu(..., k=2))',
         code='def attention_forward(Q, K, V, causal=True):\n    T, d = Q.shape[-2], Q.shape[-1]\n    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)\n    future = np.triu(np.ones((T, T), dtype=bool), k=2)\n    if causal:\n        scores = np.where(future, -1e9, scores)\n    w = np.exp(scores - scores.max(axis=-1, keepdims=True))\n    w = w / w.sum(axis=-1, keepdims=True)\n    return w @ V, w',
         names=['the future', 'off by one']),
    dict(notebook="08", exercise='attention_forward', mistake='the mask hides the diagonal too (np.triu(..., k=0))',
         code='def attention_forward(Q, K, V, causal=True):\n    T, d = Q.shape[-2], Q.shape[-1]\n    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)\n    future = np.triu(np.ones((T, T), dtype=bool), k=0)\n    if causal:\n        scores = np.where(future, -1e9, scores)\n    w = np.exp(scores - scores.max(axis=-1, keepdims=True))\n    w = w / w.sum(axis=-1, keepdims=True)\n    return w @ V, w',
         names=['s = t as well']),
    dict(notebook="08", exercise='attention_forward', mistake='softmax over the wrong axis (axis=-2: columns sum to 1)',
         code='def attention_forward(Q, K, V, causal=True):\n    T, d = Q.shape[-2], Q.shape[-1]\n    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)\n    future = np.triu(np.ones((T, T), dtype=bool), k=1)\n    if causal:\n        scores = np.where(future, -1e9, scores)\n    w = np.exp(scores - scores.max(axis=-2, keepdims=True))\n    w = w / w.sum(axis=-2, keepdims=True)\n    return w @ V, w',
         names=['wrong axis']),
    dict(notebook="08", exercise='attention_backward', mistake='dQ and dK without the 1/√d of the forward pass',
         code='def attention_backward(d_out, Q, K, V, weights):\n    dV = np.swapaxes(weights, -1, -2) @ d_out\n    dA = d_out @ np.swapaxes(V, -1, -2)\n    dS = weights * (dA - np.sum(weights * dA, axis=-1, keepdims=True))\n    return dS @ K, np.swapaxes(dS, -1, -2) @ Q, dV',
         names=['√d = 2 times too large']),
    dict(notebook="08", exercise='split_heads', mistake='heads split along the wrong axis: X.reshape(N, h, T, D // h) without the transpose',
         code='def split_heads(X, n_heads):\n    N, T, D = X.shape\n    return X.reshape(N, n_heads, T, D // n_heads)',
         names=['split along the wrong axis']),
    dict(notebook="08", exercise='split_heads', mistake='merge_heads reshapes without moving the head axis back',
         code='def merge_heads(X):\n    N, h, T, d = X.shape\n    return X.reshape(N, T, h * d)',
         names=['mixes positions and heads']),
    dict(notebook="08", exercise='positional_encoding', mistake='the positional encoding along the wrong axis: [D, T] instead of [T, D]',
         code='def positional_encoding(T, D):\n    angles = np.arange(T)[None, :] / 10000 ** (np.arange(0, D, 2)[:, None] / D)\n    PE = np.zeros((D, T))\n    PE[0::2], PE[1::2] = np.sin(angles), np.cos(angles)\n    return PE',
         names=['[D, T]', 'wrong axis']),
    dict(notebook="08", exercise='positional_encoding', mistake='the position and the feature index swapped in the angle',
         code='def positional_encoding(T, D):\n    angles = np.arange(D // 2)[None, :] / 10000 ** (2 * np.arange(T)[:, None] / D)\n    PE = np.zeros((T, D))\n    PE[:, 0::2], PE[:, 1::2] = np.sin(angles), np.cos(angles)\n    return PE',
         names=['position and the feature index are swapped']),
    dict(notebook="08", exercise='layer_norm_forward', mistake='layer norm over the batch (axis 0) instead of the features',
         code='def layer_norm_forward(X, gamma, beta, eps=1e-5):\n    X_hat = (X - X.mean(axis=0, keepdims=True)) / np.sqrt(X.var(axis=0, keepdims=True) + eps)\n    return gamma * X_hat + beta, (X_hat, gamma)',
         names=['over the batch', 'instead of the features']),
    dict(notebook="08", exercise='layer_norm_forward', mistake='divides by the variance instead of its square root',
         code='def layer_norm_forward(X, gamma, beta, eps=1e-5):\n    X_hat = (X - X.mean(axis=-1, keepdims=True)) / (X.var(axis=-1, keepdims=True) + eps)\n    return gamma * X_hat + beta, (X_hat, gamma)',
         names=['divide by the variance']),
    dict(notebook="08", exercise="layer_norm_backward", mistake="dbeta and dgamma summed over axes (0, 1): right for [N, T, D] only",
         code="def layer_norm_backward(dY, cache):\n    X_hat, inv_std, gamma = cache\n    g = dY * gamma\n"
              "    dX = inv_std * (g - g.mean(axis=-1, keepdims=True) - X_hat * (g * X_hat).mean(axis=-1, keepdims=True))\n"
              "    return dX, (dY * X_hat).sum(axis=(0, 1)), dY.sum(axis=(0, 1))",
         names=["X [5, 6]", "shape of beta"]),
    dict(notebook="08", exercise='layer_norm_backward', mistake='dX with the mean and variance treated as constants',
         code='def layer_norm_backward(dY, cache):\n    X_hat, inv_std, gamma = cache\n    D = X_hat.shape[-1]\n    return dY * gamma * inv_std, (dY * X_hat).reshape(-1, D).sum(axis=0), dY.reshape(-1, D).sum(axis=0)',
         names=['as constants']),
    dict(notebook="08", exercise='transformer_block_forward', mistake='the residual forgotten: Y = FeedForward(LN2(Attention(LN1(X))))',
         code="from utils.checks import nb08\nlayer_norm_forward, attention_layer_forward, feed_forward_forward = nb08.catch_up(\n    'layer_norm_forward', 'attention_layer_forward', 'feed_forward_forward')\n"
              'def transformer_block_forward(X, params, n_heads):\n    A, c1 = layer_norm_forward(X, params["ln1_gamma"], params["ln1_beta"])\n    S, c2 = attention_layer_forward(A, params, n_heads)\n    B, c3 = layer_norm_forward(S, params["ln2_gamma"], params["ln2_beta"])\n    F, c4 = feed_forward_forward(B, params)\n    return F, (c1, c2, c3, c4)',
         names=['residual is missing']),
    dict(notebook="08", exercise='transformer_block_forward', mistake='post-norm: Y = LN2(Y1 + FeedForward(Y1)) with Y1 = LN1(X + Attention(X))',
         code="from utils.checks import nb08\nlayer_norm_forward, attention_layer_forward, feed_forward_forward = nb08.catch_up(\n    'layer_norm_forward', 'attention_layer_forward', 'feed_forward_forward')\n"
              'def transformer_block_forward(X, params, n_heads):\n    S, c2 = attention_layer_forward(X, params, n_heads)\n    Y1, c1 = layer_norm_forward(X + S, params["ln1_gamma"], params["ln1_beta"])\n    F, c4 = feed_forward_forward(Y1, params)\n    Y, c3 = layer_norm_forward(Y1 + F, params["ln2_gamma"], params["ln2_beta"])\n    return Y, (c1, c2, c3, c4)',
         names=['post-norm']),
    dict(notebook="08", exercise='positional_encoding', mistake='the exponent i/D instead of 2i/D (np.arange(D // 2) / D)',
         code='def positional_encoding(T, D):\n    angles = np.arange(T)[:, None] / 10000 ** (np.arange(D // 2) / D)\n    PE = np.zeros((T, D))\n    PE[:, 0::2], PE[:, 1::2] = np.sin(angles), np.cos(angles)\n    return PE',
         names=['frequencies are wrong', '2i/D']),
    dict(notebook="08", exercise='layer_norm_forward', mistake='the sample variance (ddof=1) instead of the mean squared deviation',
         code='def layer_norm_forward(X, gamma, beta, eps=1e-5):\n    X_hat = (X - X.mean(axis=-1, keepdims=True)) / np.sqrt(X.var(axis=-1, ddof=1, keepdims=True) + eps)\n    return gamma * X_hat + beta, (X_hat, gamma)',
         names=['D − 1', 'ddof=1']),
    dict(notebook="08", exercise='transformer_block_forward', mistake='a normalised copy on both residual roads: Y1 = LN1(X) + A, Y = LN2(Y1) + F',
         code="from utils.checks import nb08\nlayer_norm_forward, attention_layer_forward, feed_forward_forward = nb08.catch_up(\n    'layer_norm_forward', 'attention_layer_forward', 'feed_forward_forward')\n"
              'def transformer_block_forward(X, params, n_heads):\n    A, c1 = layer_norm_forward(X, params["ln1_gamma"], params["ln1_beta"])\n    S, c2 = attention_layer_forward(A, params, n_heads)\n    B, c3 = layer_norm_forward(A + S, params["ln2_gamma"], params["ln2_beta"])\n    F, c4 = feed_forward_forward(B, params)\n    return B + F, (c1, c2, c3, c4)',
         names=['normalised copy is on the residual road', 'add the raw inputs']),
    dict(notebook="08", exercise='transformer_block_forward', mistake='the right output, the cache in the wrong order (the provided backward pass then fails)',
         code="from utils.checks import nb08\nlayer_norm_forward, attention_layer_forward, feed_forward_forward = nb08.catch_up(\n    'layer_norm_forward', 'attention_layer_forward', 'feed_forward_forward')\n"
              'def transformer_block_forward(X, params, n_heads):\n    A, c1 = layer_norm_forward(X, params["ln1_gamma"], params["ln1_beta"])\n    S, c2 = attention_layer_forward(A, params, n_heads)\n    Y1 = X + S\n    B, c3 = layer_norm_forward(Y1, params["ln2_gamma"], params["ln2_beta"])\n    F, c4 = feed_forward_forward(B, params)\n    return Y1 + F, (c2, c1, c3, c4)',
         names=['wrong order', 'transformer_block_backward']),
    dict(notebook="08", exercise='attention_forward', mistake='K.T on a batch [N, T, d] (reverses every axis)',
         code='def attention_forward(Q, K, V, causal=True):\n    T, d = Q.shape[-2], Q.shape[-1]\n    S = Q @ K.T / np.sqrt(d)\n    if causal:\n        S = np.where(np.triu(np.ones((T, T), dtype=bool), k=1), -1e9, S)\n    A = np.exp(S - S.max(axis=-1, keepdims=True))\n    A /= A.sum(axis=-1, keepdims=True)\n    return A @ V, A',
         names=['K.T reverses every axis', 'np.swapaxes(K, -1, -2)']),
    dict(notebook="08", exercise='attention_backward', mistake="the softmax's backward pass without the row-sum term, dS = A ⊙ dA",
         code='def attention_backward(d_out, Q, K, V, weights):\n    d = Q.shape[-1]\n    dS = weights * (d_out @ np.swapaxes(V, -1, -2))\n    return dS @ K / np.sqrt(d), np.swapaxes(dS, -1, -2) @ Q / np.sqrt(d), np.swapaxes(weights, -1, -2) @ d_out',
         names=['dS is', 'row-sum term']),
    dict(notebook="08", exercise='layer_norm_backward', mistake='dX without its third term (the path through the variance)',
         code='def layer_norm_backward(dY, cache):\n    X_hat, inv_std, gamma = cache\n    D = X_hat.shape[-1]\n    g = dY * gamma\n    return inv_std * (g - g.mean(axis=-1, keepdims=True)), (dY * X_hat).reshape(-1, D).sum(axis=0), dY.reshape(-1, D).sum(axis=0)',
         names=['third term']),
    dict(notebook="08", exercise='layer_norm_backward', mistake='dX with gamma left out (g = dY)',
         code='def layer_norm_backward(dY, cache):\n    X_hat, inv_std, gamma = cache\n    D = X_hat.shape[-1]\n    g = dY\n    dX = inv_std * (g - g.mean(axis=-1, keepdims=True) - X_hat * (g * X_hat).mean(axis=-1, keepdims=True))\n    return dX, (dY * X_hat).reshape(-1, D).sum(axis=0), dY.reshape(-1, D).sum(axis=0)',
         names=['leaves out gamma']),
    dict(notebook="08", exercise="layer_norm_forward", mistake="eps added outside the square root",
         code="def layer_norm_forward(X, gamma, beta, eps=1e-5):\n    mean = X.mean(axis=-1, keepdims=True)\n"
              "    std = np.sqrt(X.var(axis=-1, keepdims=True)) + eps\n    X_hat = (X - mean) / std\n"
              "    return gamma * X_hat + beta, (X_hat, 1 / std, gamma)",
         names=["outside the square root"]),
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
    "08": dict(
        lead="Take-home, after 07; nothing in the live sessions depends on it.",
        exercises={
            "attention_forward": "The causal mask goes on the **scores**, before the softmax, with a large negative "
                                 "value (`-1e9` or `-np.inf`); `np.triu(..., k=1)` hides exactly `s > t`. `K.T` "
                                 "reverses every axis of a batch: use `np.swapaxes(K, -1, -2)` so that the same "
                                 "attention serves `[N, T, d]` and `[N, heads, T, d]`.",
            "split_heads": "Reshaping `[N, T, D]` straight to `[N, h, T, D/h]` has the right shape and the wrong "
                           "contents; reshape to `[N, T, h, D/h]`, then transpose.",
            "layer_norm_backward": "Most time goes here: the mean and variance depend on every x.",
            "transformer_block_forward": "The residual adds `X` itself; the normalisation is inside each branch "
                                         "(pre-norm).",
        },
        questions=["\"Why does the GRU win?\" On 11 KB of text a tiny transformer is behind 07's GRU at the same "
                   "parameter count and the same 80 updates (2.38 ± 0.05 against 2.21 ± 0.02 nats per character over 3 seeds; "
                   "every GRU seed beats every transformer seed): the honest result, not a bug. The transformer is "
                   "level after one character of context and behind from the second on."]),
}
