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
    # (end of 05)
    # ---- 06 --------------------------------------------------------------
    # (end of 06)
    # ---- 07 --------------------------------------------------------------
    # (end of 07)
    # ---- 08 --------------------------------------------------------------
    # (end of 08)
]
