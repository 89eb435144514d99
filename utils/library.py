"""Generated from the solution cells tagged `library` by tools/build_notebooks.py — do not edit;
change the solution and rebuild (python -m tools.build_notebooks).

The functions and classes later notebooks import instead of defining them again, each
from the solution of the notebook that teaches it (named above each block).
"""

import numpy as np
import time
import matplotlib.pyplot as plt
from utils import plotting


# ---- from solutions/01_regression_and_gradient_descent.ipynb cell 7 ----

def add_bias(X):
    """Prepend a column of ones to X.

    Inputs:
    - X: [n_samples, n_features]

    Returns: [n_samples, n_features + 1], the first column all ones.
    """
    return np.hstack([np.ones((X.shape[0], 1)), X])


# ---- from solutions/01_regression_and_gradient_descent.ipynb cell 40 ----

def standardize(X):
    """Scale each column of X to mean 0 and standard deviation 1.

    Inputs:
    - X: [n_samples, n_features], no constant column (and no bias column)

    Returns: (X_scaled, mean, std)
    - X_scaled: [n_samples, n_features]
    - mean, std: [n_features], the mean and standard deviation of each column of X
    """
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    return (X - mean) / std, mean, std


# ---- from solutions/04_multilayer_perceptron.ipynb cell 6 -------------

def dense_forward(X, W, b):
    """The linear part of a fully connected layer: Z = X W + b.

    Inputs:
    - X: [m, n_in], a batch of m inputs
    - W: [n_in, n_out], the weights
    - b: [n_out], the biases

    Returns: (Z, cache)
    - Z: [m, n_out]
    - cache: (X, W), kept for dense_backward
    """
    Z = X @ W + b
    cache = (X, W)
    return Z, cache


# ---- from solutions/04_multilayer_perceptron.ipynb cell 9 -------------

def dense_backward(dZ, cache):
    """Backward pass of the dense layer.

    Inputs:
    - dZ: [m, n_out], the gradient of the loss with respect to Z
    - cache: (X, W) from dense_forward, X [m, n_in], W [n_in, n_out]

    Returns: (dX, dW, db)
    - dX: [m, n_in], the gradient with respect to the layer's input
    - dW: [n_in, n_out]
    - db: [n_out], summed over the batch
    """
    X, W = cache
    dX = dZ @ W.T
    dW = X.T @ dZ
    db = dZ.sum(axis=0)
    return dX, dW, db


# ---- from solutions/04_multilayer_perceptron.ipynb cell 12 ------------

# Provided (you wrote these in notebook 02). This cell is tagged "exercise" so that
# catching up (check.catch_up) can load it: it only defines functions.

def sigmoid(z):
    """The logistic function 1 / (1 + e^(-z)), element-wise, without overflow.

    Inputs:
    - z: array of any shape

    Returns: an array of the same shape, values in [0, 1].
    """
    # σ(z) = (1 + tanh(z/2)) / 2: the same function, and tanh never overflows.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def binary_cross_entropy(y, p):
    """Mean binary cross entropy of probabilities p for labels y (0 or 1).

    Inputs:
    - y: [m], labels 0 or 1
    - p: [m], predicted probabilities of class 1

    Returns: a float, -mean(y log p + (1 - y) log(1 - p)); finite for p of exactly 0 or 1.
    """
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


# ---- from solutions/04_multilayer_perceptron.ipynb cell 14 ------------

def sigmoid_forward(Z):
    """Sigmoid activation layer.

    Inputs:
    - Z: [m, n], the layer's linear part

    Returns: (A, cache)
    - A: [m, n], sigmoid(Z)
    - cache: A, kept for sigmoid_backward
    """
    A = sigmoid(Z)
    return A, A


def sigmoid_backward(dA, cache):
    """Backward pass of the sigmoid layer.

    Inputs:
    - dA: [m, n], the gradient of the loss with respect to A
    - cache: A [m, n] from sigmoid_forward

    Returns: dZ, [m, n]
    """
    A = cache
    return dA * A * (1 - A)


# ---- from solutions/04_multilayer_perceptron.ipynb cell 17 ------------

def tanh_forward(Z):
    """Tanh activation layer.

    Inputs:
    - Z: [m, n]

    Returns: (A, cache)
    - A: [m, n], tanh(Z)
    - cache: A, kept for tanh_backward
    """
    A = np.tanh(Z)
    return A, A


def tanh_backward(dA, cache):
    """Backward pass of the tanh layer.

    Inputs:
    - dA: [m, n]
    - cache: A [m, n] from tanh_forward

    Returns: dZ, [m, n]
    """
    A = cache
    return dA * (1 - A ** 2)


# ---- from solutions/04_multilayer_perceptron.ipynb cell 20 ------------

def relu_forward(Z):
    """ReLU activation layer: max(0, Z) element-wise.

    Inputs:
    - Z: [m, n]

    Returns: (A, cache)
    - A: [m, n]
    - cache: Z, kept for relu_backward
    """
    A = np.maximum(Z, 0)
    return A, Z


def relu_backward(dA, cache):
    """Backward pass of the ReLU layer.

    Inputs:
    - dA: [m, n]
    - cache: Z [m, n] from relu_forward

    Returns: dZ, [m, n], dA where Z > 0 and 0 elsewhere
    """
    Z = cache
    return dA * (Z > 0)


# ---- from solutions/04_multilayer_perceptron.ipynb cell 23 ------------

def output_delta(p, y):
    """Gradient of the mean binary cross entropy with respect to the output's linear part.

    Inputs:
    - p: [m], the network's output probabilities, sigmoid(p_lin)
    - y: [m], the labels, 0 or 1

    Returns: [m], (p - y) / m
    """
    return (p - y) / len(y)


# ---- from solutions/04_multilayer_perceptron.ipynb cell 26 ------------

# Provided: the activation layers by name. Tagged "exercise" so catching up can load it.
ACTIVATIONS = {
    "sigmoid": (sigmoid_forward, sigmoid_backward),
    "tanh": (tanh_forward, tanh_backward),
    "relu": (relu_forward, relu_backward),
}


# ---- from solutions/04_multilayer_perceptron.ipynb cell 28 ------------

def mlp_forward(X, params, activation="tanh"):
    """Feedforward pass of a multilayer perceptron with a sigmoid output.

    Inputs:
    - X: [m, n_inputs]
    - params: dict with "W1" [n_inputs, n_1], "b1" [n_1], ..., "WL" [n_(L-1), 1], "bL" [1]
    - activation: the hidden layers' activation, "sigmoid", "tanh" or "relu"

    Returns: (p, caches)
    - p: [m], the probability of class 1 for each sample
    - caches: list of L tuples (dense_cache, activation_name, activation_cache), layer 1 first
    """
    n_layers = len(params) // 2
    caches = []
    A = X
    for layer in range(1, n_layers + 1):
        Z, dense_cache = dense_forward(A, params[f"W{layer}"], params[f"b{layer}"])
        name = activation if layer < n_layers else "sigmoid"
        A, activation_cache = ACTIVATIONS[name][0](Z)
        caches.append((dense_cache, name, activation_cache))
    return A[:, 0], caches


# ---- from solutions/04_multilayer_perceptron.ipynb cell 31 ------------

def mlp_backward(p, y, caches):
    """Backpropagation through the whole network.

    Inputs:
    - p: [m], the output of mlp_forward
    - y: [m], labels 0 or 1
    - caches: the list of L caches from mlp_forward

    Returns: grads, a dict with "W1", "b1", ..., "WL", "bL": the gradients of the mean
    binary cross entropy, each with the shape of the parameter.
    """
    grads = {}
    n_layers = len(caches)
    dZ = output_delta(p, y)[:, None]          # [m, 1]
    for layer in range(n_layers, 0, -1):
        dense_cache, _, _ = caches[layer - 1]
        dA, grads[f"W{layer}"], grads[f"b{layer}"] = dense_backward(dZ, dense_cache)
        if layer > 1:
            _, name, activation_cache = caches[layer - 2]
            dZ = ACTIVATIONS[name][1](dA, activation_cache)
    return grads


# ---- from solutions/04_multilayer_perceptron.ipynb cell 36 ------------

# Provided. Tagged "library" (notebooks 05-08 import it from utils.library) and "exercise" (catching up
# can load it: it only defines things). Read train: it is the loop of notebook 02, for any network.




class GradientDescent:
    """Plain gradient descent, w := w - learning_rate · dw (optionally clipped first)."""

    def __init__(self, params, learning_rate=0.1, clip=None):
        self.learning_rate, self.clip = learning_rate, clip

    def _clipped(self, grads):
        """The gradients, scaled down together to a global norm of self.clip if set (notebook 05's
        clipping), and their global norm before clipping."""
        norm = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
        if self.clip is None:
            return grads, norm
        scale = min(1.0, self.clip / (norm + 1e-12))
        return {key: g * scale for key, g in grads.items()}, norm

    def step(self, params, grads):
        """Update params (a dict of arrays) in place; returns the gradient norm before clipping."""
        grads, norm = self._clipped(grads)
        for key in grads:
            params[key] -= self.learning_rate * grads[key]
        return norm


def train(loss_and_grads, params, optimizer, X, y, epochs, batch_size=32, seed=0, evaluate=None,
          title="Training", live=True, metric_ylim=None, draw=None):
    """Mini-batch training of params (a dict of arrays, changed in place) with a live figure.

    Inputs:
    - loss_and_grads(params, X_batch, y_batch) -> (loss, grads), grads a dict like params
    - optimizer: GradientDescent, Momentum or Adam; optimizer.step(params, grads) for each batch
    - X: [m, ...], y: [m], the training set; epochs, batch_size
    - seed: seeds the shuffling (an int, or a np.random.Generator to carry on with)
    - evaluate(params) -> dict, e.g. {"training set": accuracy, "test set": accuracy}, after each epoch
    - live: redraw a figure after each epoch (left: the loss; right: evaluate's values)
    - metric_ylim: the right panel's y range, e.g. (0.8, 1.0)
    - draw(params, ax, epoch): draws a panel of its own, left of the loss, in each frame (a decision boundary)

    Returns: history, a dict of lists, one value per epoch: "loss" (the mean of the batch losses)
    and one entry per name evaluate returns.
    """
    rng = np.random.default_rng(seed)
    history = {"loss": []}
    if live:
        n_panels = 1 + bool(evaluate) + bool(draw)
        fig, axes = plt.subplots(1, n_panels, figsize=(5 * n_panels, 3.6 + 0.4 * bool(draw)), squeeze=False)
        ax_draw, ax_loss, ax_metric = (axes[0, 0] if draw else None), axes[0, int(bool(draw))], axes[0, -1]
        fig.suptitle(title, fontweight="bold")
        plt.close(fig)                  # shown by LiveFigure as images only, never by the notebook itself
        loss_line, = ax_loss.plot([], [], marker="o" if epochs <= 40 else None, color=plotting.COLORS["vermillion"])
        ax_loss.set(xlabel="epoch", ylabel="mean training loss", title="Training loss", xlim=(0.5, epochs + 0.5))
        plotting.log_axis(ax_loss)                          # plain labels: 0.2, 0.5, 1, ...
        for ax in axes[0, int(bool(draw)):]:
            ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))   # whole epochs only
        metric_lines, live_figure = {}, None        # shown at the first frame: no blank axes if a batch fails
        last_frame = time.perf_counter()
    for epoch in range(epochs):
        order = rng.permutation(len(y))
        batch_losses = []
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            loss, grads = loss_and_grads(params, X[batch], y[batch])
            optimizer.step(params, grads)
            batch_losses.append(loss)
        history["loss"].append(float(np.mean(batch_losses)))
        values = evaluate(params) if evaluate else {}
        for name, value in values.items():
            history.setdefault(name, []).append(value)
        if live and (epoch == epochs - 1 or time.perf_counter() - last_frame >= 2.0):   # a frame every 2 s
            epochs_so_far = np.arange(1, epoch + 2)
            loss_line.set_data(epochs_so_far, history["loss"])
            ax_loss.set_ylim(min(history["loss"]) / 1.3, max(history["loss"]) * 1.3)
            if draw:
                ax_draw.clear()
                draw(params, ax_draw, epoch + 1)
            if values:
                for (name, value), marker in zip(values.items(), "osD^v"):
                    if name not in metric_lines:
                        metric_lines[name], = ax_metric.plot([], [], marker=marker, label=name,
                                                             ls="-" if marker == "o" else "--")
                        ax_metric.set(xlabel="epoch", xlim=(0.5, epochs + 0.5))
                        if metric_ylim:
                            ax_metric.set_ylim(*metric_ylim)
                        ax_metric.legend(loc="best")           # where it hides the fewest points
                    metric_lines[name].set_data(epochs_so_far, history[name])
                if not metric_ylim:
                    ax_metric.relim()
                    ax_metric.autoscale_view()
                else:                           # the range asked for, widened to show every point
                    shown = [v for name in metric_lines for v in history[name]]
                    ax_metric.set_ylim(min(metric_ylim[0], min(shown) - 0.02), max(metric_ylim[1], max(shown)))
                ax_metric.set_title(", ".join(f"{name}: {value:.1%}" if 0 <= value <= 1 else f"{name}: {value:.3g}"
                                              for name, value in values.items()))
            if live_figure is None:
                live_figure = plotting.LiveFigure(fig, min_interval=0.0)
            else:
                live_figure.update()
            last_frame = time.perf_counter()
    return history


# ---- from solutions/04_multilayer_perceptron.ipynb cell 37 ------------

# Provided. This cell is tagged "exercise" (it has no answer region) so that catching up,
# check.catch_up("MLP"), can load it: it only defines the class, from the functions above.

class MLP:
    """A multilayer perceptron for binary classification, built from your layer functions.

    layer_sizes: e.g. [2, 16, 16, 1]: 2 inputs, two hidden layers of 16, 1 output.
    activation: the hidden layers' activation, "sigmoid", "tanh" or "relu".
    seed: seeds the initial weights (and, in fit, the shuffling), so runs are repeatable.
    """

    def __init__(self, layer_sizes, activation="tanh", seed=0):
        self.layer_sizes = list(layer_sizes)
        self.activation = activation
        self.seed = seed
        rng = np.random.default_rng(seed)
        self.params = {}
        for layer, (n_in, n_out) in enumerate(zip(layer_sizes[:-1], layer_sizes[1:]), start=1):
            if activation == "relu" and layer < len(layer_sizes) - 1:
                scale = np.sqrt(2.0 / n_in)                 # He
            else:
                scale = np.sqrt(2.0 / (n_in + n_out))       # Glorot
            self.params[f"W{layer}"] = rng.normal(0.0, scale, size=(n_in, n_out))
            self.params[f"b{layer}"] = np.zeros(n_out)
        self.history = []                                   # mean training loss of each epoch (fit)
        self.shuffle_rng = np.random.default_rng(seed + 1)  # fit's shuffling; carries on across calls

    def forward(self, X):
        """Probabilities [m] and the caches for backward."""
        return mlp_forward(X, self.params, self.activation)

    def backward(self, p, y, caches):
        """Gradients of the mean cross entropy, a dict like params."""
        return mlp_backward(p, y, caches)

    def loss(self, X, y):
        """Mean binary cross entropy on (X, y)."""
        return binary_cross_entropy(y, self.forward(X)[0])

    def fit(self, X, y, epochs=100, learning_rate=0.1, batch_size=32, **options):
        """Mini-batch gradient descent with train (above); its shuffling carries on across calls.

        Inputs: X [m, n_inputs], y [m] labels 0 or 1; options go to train (live, title, draw, ...).
        Returns the loss history (a list, one mean training loss per epoch, over every call).
        """
        def loss_and_grads(params, X_batch, y_batch):
            p, caches = mlp_forward(X_batch, params, self.activation)
            return binary_cross_entropy(y_batch, p), mlp_backward(p, y_batch, caches)

        history = train(loss_and_grads, self.params, GradientDescent(self.params, learning_rate),
                        np.asarray(X, dtype=float), np.asarray(y, dtype=float), epochs, batch_size,
                        seed=self.shuffle_rng, live=options.pop("live", False), **options)
        self.history += history["loss"]
        return self.history

    def predict_proba(self, X):
        """P(y = 1) for each row of X: [m]."""
        return self.forward(X)[0]

    def predict(self, X):
        """Predicted labels, 0 or 1: [m]."""
        return (self.predict_proba(X) >= 0.5).astype(int)


# ---- from solutions/04_multilayer_perceptron.ipynb cell 39 ------------

# Provided, tagged "library" like the layers above: notebooks 05-07 import it from utils.library.
def accuracy(predicted, y):
    """The fraction of predicted labels equal to the true labels: predicted [m], y [m] -> a float in [0, 1]."""
    return float(np.mean(np.asarray(predicted) == np.asarray(y)))


# ---- from solutions/05_training_in_practice.ipynb cell 4 --------------

def train_validation_split(X, y, validation_fraction, rng):
    """Shuffle the samples and split them into a training and a validation set.

    Inputs:
    - X: [n, n_features]
    - y: [n]
    - validation_fraction: a float in (0, 1), the share of samples for validation
    - rng: a np.random.Generator, e.g. np.random.default_rng(0)

    Returns: (X_train, y_train, X_val, y_val)
    - X_train: [n - n_val, n_features], y_train: [n - n_val]
    - X_val: [n_val, n_features], y_val: [n_val], with n_val = round(validation_fraction * n)
    """
    n = len(y)
    n_val = int(round(validation_fraction * n))
    order = rng.permutation(n)
    val, train = order[:n_val], order[n_val:]
    return X[train], y[train], X[val], y[val]


# ---- from solutions/05_training_in_practice.ipynb cell 34 -------------

def momentum_step(w, dw, velocity, learning_rate, momentum=0.9):
    """One gradient-descent step with momentum.

    Inputs:
    - w: array of weights (any shape); dw: its gradient, same shape
    - velocity: the velocity from the previous step, same shape (zeros at the start)
    - learning_rate: α; momentum: β

    Returns: (w_new, velocity_new), velocity_new = β·velocity − α·dw and w_new = w + velocity_new
    """
    velocity_new = momentum * velocity - learning_rate * dw
    return w + velocity_new, velocity_new


def adam_step(w, dw, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step.

    Inputs:
    - w: array of weights (any shape); dw: its gradient, same shape
    - m, v: the running averages of dw and of dw², same shape (zeros at the start)
    - t: the number of this step, 1 for the first
    - learning_rate: α; beta1, beta2, eps: β1, β2, ε

    Returns: (w_new, m_new, v_new)
    """
    m_new = beta1 * m + (1 - beta1) * dw
    v_new = beta2 * v + (1 - beta2) * dw * dw
    m_hat = m_new / (1 - beta1 ** t)
    v_hat = v_new / (1 - beta2 ** t)
    return w - learning_rate * m_hat / (np.sqrt(v_hat) + eps), m_new, v_new


# ---- from solutions/05_training_in_practice.ipynb cell 37 -------------

def clip_by_global_norm(grads, max_norm):
    """Scale all the gradients down together when their global norm is above max_norm.

    Inputs:
    - grads: dict of gradient arrays, e.g. {"W1": [2, 8], "b1": [8], ...}
    - max_norm: a float > 0

    Returns: (clipped, norm)
    - clipped: a new dict with the same keys: every gradient times min(1, max_norm / norm); all-zero
      gradients (norm 0) come back as they are, with no division by 0
    - norm: the global norm before clipping, sqrt of the sum of the squares of every entry
    """
    norm = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
    scale = min(1.0, max_norm / (norm + 1e-12))
    return {key: g * scale for key, g in grads.items()}, norm


# ---- from solutions/05_training_in_practice.ipynb cell 40 -------------

# Provided. Tagged "library": the build writes this cell (with the solution's step functions above)
# into utils/library.py, which notebooks 06-08 import.
class Momentum(GradientDescent):
    """Gradient descent with momentum: velocity = momentum · velocity - learning_rate · dw; w += velocity."""

    def __init__(self, params, learning_rate=0.05, momentum=0.9, clip=None):
        super().__init__(params, learning_rate, clip)
        self.momentum = momentum
        self.velocity = {key: np.zeros_like(value) for key, value in params.items()}

    def step(self, params, grads):
        grads, norm = self._clipped(grads)
        for key in grads:
            params[key][...], self.velocity[key] = momentum_step(
                params[key], grads[key], self.velocity[key], self.learning_rate, self.momentum)
        return norm


class Adam(GradientDescent):
    """Adam (Kingma & Ba, 2015), optionally with gradient clipping by the global norm."""

    def __init__(self, params, learning_rate=0.01, beta1=0.9, beta2=0.999, eps=1e-8, clip=None):
        super().__init__(params, learning_rate, clip)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = {key: np.zeros_like(value) for key, value in params.items()}
        self.v = {key: np.zeros_like(value) for key, value in params.items()}
        self.t = 0

    def step(self, params, grads):
        grads, norm = self._clipped(grads)
        self.t += 1
        for key in grads:
            params[key][...], self.m[key], self.v[key] = adam_step(
                params[key], grads[key], self.m[key], self.v[key], self.t, self.learning_rate,
                self.beta1, self.beta2, self.eps)
        return norm


# ---- from solutions/07_recurrent_networks.ipynb cell 6 ----------------

def rnn_step_forward(x_t, h_prev, Wx, Wh, b):
    """One time step of the simple recurrent unit.

    Inputs:
    - x_t: [N, D], the inputs at this time step
    - h_prev: [N, H], the previous hidden state
    - Wx: [D, H], input-to-hidden weights
    - Wh: [H, H], hidden-to-hidden (recurrent) weights
    - b: [H], bias

    Returns: (h_t, cache)
    - h_t: [N, H], the new hidden state tanh(x_t Wx + h_prev Wh + b)
    - cache: whatever the backward pass needs (your choice)
    """
    h_t = np.tanh(x_t @ Wx + h_prev @ Wh + b)
    cache = (x_t, h_prev, Wx, Wh, h_t)
    return h_t, cache


# ---- from solutions/07_recurrent_networks.ipynb cell 9 ----------------

def rnn_forward(x, h0, Wx, Wh, b):
    """The simple recurrent unit over a whole sequence.

    Inputs:
    - x: [N, T, D], a batch of N sequences of T steps
    - h0: [N, H], the initial hidden state
    - Wx: [D, H], Wh: [H, H], b: [H], shared by every time step

    Returns: (h, cache)
    - h: [N, T, H], h[:, t] is the state after reading x[:, t]
    - cache: whatever rnn_backward needs, for every time step (for example the list of step caches)
    """
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    caches = []
    h_t = h0
    for t in range(T):
        h_t, step_cache = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)
        h[:, t] = h_t
        caches.append(step_cache)
    return h, caches


# ---- from solutions/07_recurrent_networks.ipynb cell 12 ---------------

def rnn_backward(dh, cache):
    """Backpropagation through time for the simple recurrent unit.

    Inputs:
    - dh: [N, T, H], the gradient of the loss with respect to each state h[:, t]
      (from outside the recurrence, for example an output layer)
    - cache: what your rnn_forward returned

    Returns: (dx, dh0, dWx, dWh, db)
    - dx: [N, T, D], dh0: [N, H], dWx: [D, H], dWh: [H, H], db: [H]
    """
    N, T, H = dh.shape
    Wx, Wh = cache[0][2], cache[0][3]
    dx = np.zeros((N, T, Wx.shape[0]))
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(H)
    dh_next = np.zeros((N, H))
    for t in reversed(range(T)):
        x_t, h_prev, _, _, h_t = cache[t]
        da = (dh[:, t] + dh_next) * (1 - h_t ** 2)
        dx[:, t] = da @ Wx.T
        dh_next = da @ Wh.T
        dWx += x_t.T @ da
        dWh += h_prev.T @ da
        db += da.sum(axis=0)
    return dx, dh_next, dWx, dWh, db


# ---- from solutions/07_recurrent_networks.ipynb cell 17 ---------------

def gru_step_forward(x_t, h_prev, Wx, Wh, b):
    """One time step of a gated recurrent unit, h_t = z * h_prev + (1 − z) * h_candidate.

    Inputs:
    - x_t: [N, D], the inputs at this time step
    - h_prev: [N, H], the previous hidden state
    - Wx: [D, 3H], input weights, blocks [z | r | candidate]
    - Wh: [H, 3H], recurrent weights, blocks [z | r | candidate]
    - b: [3H], biases, blocks [z | r | candidate]

    Returns: (h_t, cache)
    - h_t: [N, H], the new hidden state
    - cache: whatever gru_step_backward needs (your choice)
    """
    H = h_prev.shape[1]
    gates = sigmoid(x_t @ Wx[:, :2 * H] + h_prev @ Wh[:, :2 * H] + b[:2 * H])
    z, r = gates[:, :H], gates[:, H:]
    h_tilde = np.tanh(x_t @ Wx[:, 2 * H:] + (r * h_prev) @ Wh[:, 2 * H:] + b[2 * H:])
    h_t = z * h_prev + (1 - z) * h_tilde
    cache = (x_t, h_prev, Wx, Wh, z, r, h_tilde)
    return h_t, cache


# ---- from solutions/07_recurrent_networks.ipynb cell 20 ---------------

def gru_step_backward(dh_t, cache):
    """Backward pass of one GRU step.

    Inputs:
    - dh_t: [N, H], the gradient of the loss with respect to h_t
    - cache: what your gru_step_forward returned

    Returns: (dx, dh_prev, dWx, dWh, db)
    - dx: [N, D], dh_prev: [N, H], dWx: [D, 3H], dWh: [H, 3H], db: [3H]
    """
    x_t, h_prev, Wx, Wh, z, r, h_tilde = cache
    H = h_prev.shape[1]
    da_h = dh_t * (1 - z) * (1 - h_tilde ** 2)
    da_z = dh_t * (h_prev - h_tilde) * z * (1 - z)
    d_reset_h = da_h @ Wh[:, 2 * H:].T            # gradient at r * h_prev
    da_r = d_reset_h * h_prev * r * (1 - r)
    da_gates = np.hstack([da_z, da_r])
    dx = da_gates @ Wx[:, :2 * H].T + da_h @ Wx[:, 2 * H:].T
    dh_prev = dh_t * z + d_reset_h * r + da_gates @ Wh[:, :2 * H].T
    dWx = np.hstack([x_t.T @ da_gates, x_t.T @ da_h])
    dWh = np.hstack([h_prev.T @ da_gates, (r * h_prev).T @ da_h])
    db = np.concatenate([da_gates.sum(axis=0), da_h.sum(axis=0)])
    return dx, dh_prev, dWx, dWh, db


# ---- from solutions/07_recurrent_networks.ipynb cell 24 ---------------

# Provided, tagged "library": notebook 08 imports it from utils.library.
def softmax_cross_entropy(scores, y):
    """scores [m, K], y [m] integer classes -> (mean loss, d_scores [m, K])."""
    shifted = scores - scores.max(axis=1, keepdims=True)        # no overflow in exp
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    m = len(y)
    loss = -log_p[np.arange(m), y].mean()
    d_scores = np.exp(log_p)
    d_scores[np.arange(m), y] -= 1                              # p − onehot(y)
    return loss, d_scores / m


# ---- from solutions/07_recurrent_networks.ipynb cell 25 ---------------

# Provided, tagged "library": notebook 08 imports the GRU and these helpers from utils.library.
def gru_forward(x, h0, Wx, Wh, b):
    """A GRU over a sequence: x [N, T, D], h0 [N, H] -> (h [N, T, H], list of step caches)."""
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    caches = []
    h_t = h0
    for t in range(T):
        h_t, step_cache = gru_step_forward(x[:, t], h_t, Wx, Wh, b)
        h[:, t] = h_t
        caches.append(step_cache)
    return h, caches


def gru_backward(dh, caches):
    """BPTT for the GRU: dh [N, T, H] -> (dx [N, T, D], dh0 [N, H], dWx, dWh, db)."""
    N, T, H = dh.shape
    dx, dWx, dWh, db = [None] * T, 0.0, 0.0, 0.0
    dh_next = np.zeros((N, H))
    for t in reversed(range(T)):
        dx[t], dh_next, dWx_t, dWh_t, db_t = gru_step_backward(dh[:, t] + dh_next, caches[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t     # shared weights: sum over steps
    return np.stack(dx, axis=1), dh_next, dWx, dWh, db


UNITS = {   # name -> (forward over a sequence, backward, number of weight blocks)
    "simple": (rnn_forward, rnn_backward, 1),
    "GRU": (gru_forward, gru_backward, 3),
}


def init_params(unit, D, H, K, rng, keep_bias=0.0):
    """Weights of a recurrent layer (D -> H) and an output layer (H -> K), scaled by 1/sqrt(fan-in)."""
    blocks = UNITS[unit][2]
    params = {"Wx": rng.normal(0, 1 / np.sqrt(D), (D, blocks * H)),
              "Wh": rng.normal(0, 1 / np.sqrt(H), (H, blocks * H)),
              "b": np.zeros(blocks * H),
              "W_out": rng.normal(0, 1 / np.sqrt(H), (H, K)),
              "b_out": np.zeros(K)}
    if unit == "GRU":
        params["b"][:H] = keep_bias       # a positive z bias: keep the state unless there is reason not to
    return params


# ---- from solutions/07_recurrent_networks.ipynb cell 37 ---------------

# Provided, tagged "library": notebook 08 imports these from utils.library.
def split_text(ids, heldout_fraction=0.1):
    """ids [n] -> (the first part to train on, the last heldout_fraction held out)."""
    cut = int(round(len(ids) * (1 - heldout_fraction)))
    return ids[:cut], ids[cut:]


def text_windows(ids, window, stride):
    """Windows of window + 1 characters, one starting every `stride` characters: [n_windows, window + 1]."""
    starts = np.arange(0, len(ids) - window, stride)
    return ids[starts[:, None] + np.arange(window + 1)]


def one_hot(ids, V):
    """ids [...] of integers in 0 … V − 1 -> [..., V] one-hot vectors."""
    return np.eye(V)[ids]


def lm_loss_and_grads(params, inputs, targets, unit="simple"):
    """A character-level language model: read inputs [N, T] (ids), predict targets [N, T] (the next ids).

    Returns (loss, grads): the cross entropy averaged over all N·T predictions, and its gradients.
    """
    forward, backward, _ = UNITS[unit]
    V, H = params["Wx"].shape[0], params["Wh"].shape[0]
    N, T = inputs.shape
    h, cache = forward(one_hot(inputs, V), np.zeros((N, H)), params["Wx"], params["Wh"], params["b"])
    # the same output layer at every step: one dense layer over all N·T states, so its gradients add up
    scores, dense_cache = dense_forward(h.reshape(N * T, H), params["W_out"], params["b_out"])
    loss, d_scores = softmax_cross_entropy(scores, targets.reshape(N * T))
    dh, dW_out, db_out = dense_backward(d_scores, dense_cache)
    _, _, dWx, dWh, db = backward(dh.reshape(N, T, H), cache)
    return loss, {"Wx": dWx, "Wh": dWh, "b": db, "W_out": dW_out, "b_out": db_out}


def lm_position_losses(params, inputs, targets, unit="simple"):
    """The cross entropy at each position of the windows, averaged over the N windows: [T]."""
    V, H = params["Wx"].shape[0], params["Wh"].shape[0]
    N, T = inputs.shape
    h, _ = UNITS[unit][0](one_hot(inputs, V), np.zeros((N, H)), params["Wx"], params["Wh"], params["b"])
    scores = h @ params["W_out"] + params["b_out"]
    shifted = scores - scores.max(axis=2, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=2, keepdims=True))
    return -np.take_along_axis(log_p, targets[:, :, None], axis=2)[:, :, 0].mean(axis=0)
