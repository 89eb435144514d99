"""The claims of notebook 05's optimiser section hold for other seeds, not just the one shown.

"After 30 epochs, momentum and Adam are both below plain gradient descent" (spirals, 2-16-16-1 tanh,
batches of 32), and clipping keeps the quartic's descent bounded while plain descent explodes.
"""
import numpy as np
import pytest

from utils import load_dataset
from utils.library import (MLP, Adam, GradientDescent, Momentum, binary_cross_entropy, clip_by_global_norm,
                           mlp_backward, mlp_forward, train, train_validation_split)


def loss_and_grads(params, X, y):
    p, caches = mlp_forward(X, params, "tanh")
    return binary_cross_entropy(y, p), mlp_backward(p, y, caches)


@pytest.mark.parametrize("seed", range(5))
def test_momentum_and_adam_end_below_gradient_descent(seed):
    X, y = load_dataset("spirals")
    X_train, y_train = train_validation_split(X, y, 0.25, np.random.default_rng(seed))[:2]
    final = {}
    for name, make in {"gd": lambda p: GradientDescent(p, 0.1), "momentum": lambda p: Momentum(p, 0.1, 0.9),
                       "adam": lambda p: Adam(p, 0.01)}.items():
        params = MLP([2, 16, 16, 1], activation="tanh", seed=seed).params
        final[name] = train(loss_and_grads, params, make(params), X_train, y_train, epochs=30, batch_size=32,
                            seed=seed + 1, live=False)["loss"][-1]
    assert max(final["momentum"], final["adam"]) < final["gd"], final


@pytest.mark.parametrize("w0", [3.0, -3.0, 2.5, 3.5, -3.5])
def test_clipping_tames_the_quartic_and_plain_descent_explodes(w0):
    w_plain, w_clipped = w0, w0
    for step in range(40):
        if abs(w_plain) < 1e6:
            w_plain = w_plain - 0.1 * 4 * w_plain ** 3
        grads, _ = clip_by_global_norm({"w": np.array(4 * w_clipped ** 3)}, 1.0)
        w_clipped = float(w_clipped - 0.1 * grads["w"])
        assert abs(w_clipped) <= abs(w0)
    assert abs(w_plain) > 1e6 and abs(w_clipped) < 0.5
