"""Unit tests of utils.diagrams.draw_network."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.patches import Circle  # noqa: E402

from utils.plots.diagrams import NEGATIVE, POSITIVE, draw_network  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def circles(ax):
    return [p for p in ax.patches if isinstance(p, Circle)]


def test_returns_axes_and_counts_neurons_and_connections():
    ax = draw_network([2, 4, 1])
    assert isinstance(ax, matplotlib.axes.Axes)
    assert len(circles(ax)) == 2 + 4 + 1
    assert len(ax.lines) == 2 * 4 + 4 * 1


def test_draws_on_the_given_axes():
    fig, axes = plt.subplots(1, 2)
    ax = draw_network([3, 2], ax=axes[1], title="two layers")
    assert ax is axes[1]
    assert len(circles(axes[1])) == 5 and len(circles(axes[0])) == 0
    assert axes[1].get_title() == "two layers"


def test_weights_set_colour_and_width():
    W1 = np.array([[2.0, -1.0], [0.5, -0.25]])
    w2 = np.array([[1.0], [-2.0]])
    ax = draw_network([2, 2, 1], weights=[W1, w2])
    lines = ax.lines
    assert len(lines) == 4 + 2
    colours = [to_hex(line.get_color()) for line in lines]
    widths = [line.get_linewidth() for line in lines]
    # Drawn in order: W1[0, 0], W1[0, 1], W1[1, 0], W1[1, 1], w2[0, 0], w2[1, 0].
    assert colours[0] == POSITIVE.lower() and colours[1] == NEGATIVE.lower()
    assert colours[4] == POSITIVE.lower() and colours[5] == NEGATIVE.lower()
    # |2| is the largest weight: widest line; |−0.25| the thinnest.
    assert widths[0] == max(widths) and widths[3] == min(widths)
    assert widths[0] > 2 * widths[3]
    assert ax.get_legend() is not None


def test_weight_vector_into_one_output_neuron_is_accepted():
    ax = draw_network([2, 4, 1], weights=[np.ones((2, 4)), np.ones(4)])
    assert len(ax.lines) == 12


def test_biases_add_a_node_and_lines():
    ax = draw_network([2, 3, 1], weights=[np.ones((2, 3)), np.ones((3, 1))],
                      biases=[np.zeros(3) + 1, np.array([-1.0])])
    assert len(circles(ax)) == 6                      # bias nodes are squares, not neurons
    assert len(ax.lines) == 6 + 3 + 3 + 1


@pytest.mark.parametrize("weights, words", [
    ([np.ones((2, 4))], "expected 2 array(s)"),
    ([np.ones((4, 2)), np.ones((4, 1))], "transposed"),
    ([np.ones((2, 4)), np.ones((3, 1))], "need shape (4, 1)"),
    ([np.ones((2, 4)), np.ones(3)], "need shape (4, 1)"),
])
def test_mismatched_weights_raise_a_clear_value_error(weights, words):
    with pytest.raises(ValueError) as error:
        draw_network([2, 4, 1], weights=weights)
    assert words in str(error.value)


def test_mismatched_biases_and_labels_raise_value_error():
    with pytest.raises(ValueError, match="biases"):
        draw_network([2, 4, 1], biases=[np.ones(3), np.ones(1)])
    with pytest.raises(ValueError, match="layer_labels"):
        draw_network([2, 4, 1], layer_labels=["in", "out"])
    with pytest.raises(ValueError, match="layer_sizes"):
        draw_network([3])


def test_labels_are_written():
    ax = draw_network([2, 1], layer_labels=["in", "out"],
                      neuron_labels=[["$x_1$", "$x_2$"], ["$a$"]])
    texts = {t.get_text() for t in ax.texts}
    assert {"in", "out", "$x_1$", "$x_2$", "$a$"} <= texts
