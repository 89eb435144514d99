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
    # (end of 04)
    # ---- 05 --------------------------------------------------------------
    # (end of 05)
    # ---- 06 --------------------------------------------------------------
    # (end of 06)
    # ---- 07 --------------------------------------------------------------
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
    # (end of 08)
]
