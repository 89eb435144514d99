"""Diagrams of small neural networks: neurons as circles, weights as lines.

    >>> ax = draw_network([2, 4, 1], weights=[W_hidden, w_out[:, None]],
    ...                   layer_labels=["input", "hidden", "output"])

Each weight is a line from a neuron to a neuron of the next layer. With
``weights`` given, a line's width grows with the size of the weight and its
colour gives the sign: Okabe–Ito blue for positive, vermillion for negative
(told apart by colour-blind readers too; negative weights are also dashed).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyBboxPatch

from .plotting import COLORS

__all__ = ["draw_network"]

POSITIVE = COLORS["blue"]
NEGATIVE = COLORS["vermillion"]
NEUTRAL = "#999999"
MAX_LINE_WIDTH = 5.0
MIN_LINE_WIDTH = 0.4


def _checked_matrices(name, matrices, layer_sizes, vector=False):
    """``matrices`` as float arrays, one per gap between layers; shapes checked."""
    n_gaps = len(layer_sizes) - 1
    if matrices is None:
        return None
    matrices = list(matrices)
    if len(matrices) != n_gaps:
        raise ValueError(
            f"{name}: expected {n_gaps} array(s), one per gap between the {len(layer_sizes)} "
            f"layers {list(layer_sizes)}, got {len(matrices)}."
        )
    checked = []
    for gap, matrix in enumerate(matrices):
        n_in, n_out = layer_sizes[gap], layer_sizes[gap + 1]
        if matrix is None and vector:
            checked.append(None)
            continue
        matrix = np.asarray(matrix, dtype=float)
        if vector:
            if matrix.shape not in ((n_out,), (1, n_out)):
                raise ValueError(
                    f"{name}[{gap}] has shape {matrix.shape}, but layer {gap + 1} has "
                    f"{n_out} neuron(s): expected shape ({n_out},)."
                )
            checked.append(matrix.reshape(n_out))
            continue
        if matrix.ndim == 1 and n_out == 1 and matrix.shape == (n_in,):
            matrix = matrix[:, None]          # a weight vector into a single output neuron
        if matrix.shape != (n_in, n_out):
            hint = " (transposed?)" if matrix.shape == (n_out, n_in) else ""
            raise ValueError(
                f"{name}[{gap}] has shape {matrix.shape}, but layers {gap} → {gap + 1} "
                f"({n_in} → {n_out} neurons) need shape ({n_in}, {n_out}) = [n_in, n_out]{hint}."
            )
        if not np.all(np.isfinite(matrix)):
            raise ValueError(f"{name}[{gap}] contains NaN or inf.")
        checked.append(matrix)
    return checked


def _positions(layer_sizes):
    """Centres of the neurons (x = layer × step, y spread around 0), spacing and step."""
    tallest = max(layer_sizes)
    spacing = 1.0 if tallest <= 1 else min(1.0, 6.0 / (tallest - 1))
    step = max(1.3, 0.45 * spacing * (tallest - 1))     # room between layers for the lines
    positions = []
    for layer, size in enumerate(layer_sizes):
        ys = (np.arange(size) - (size - 1) / 2) * spacing
        positions.append([(layer * step, float(y)) for y in ys[::-1]])   # first neuron on top
    return positions, spacing, step


def draw_network(layer_sizes, weights=None, ax=None, layer_labels=None, title=None,
                 biases=None, neuron_labels=None):
    """Draw a fully connected network: neurons as circles, weights as lines.

    Inputs:
    - layer_sizes: sequence of ints, the number of neurons in each layer,
      input layer first, e.g. [2, 4, 1].
    - weights: optional list with one matrix per gap between layers; matrix
      ``l`` has shape [layer_sizes[l], layer_sizes[l + 1]] = [n_in, n_out]
      (entry [i, j] connects neuron i to neuron j of the next layer). A
      vector of shape [n_in] is accepted into a layer of one neuron. Line width
      ∝ |weight| (scaled by the largest weight in the figure); colour and
      style give the sign. Without weights, all lines are thin and grey.
    - ax: the matplotlib Axes to draw on (a new figure when None).
    - layer_labels: optional list of len(layer_sizes) strings shown under
      the layers (default "input", "hidden 1", ..., "output").
    - title: optional title.
    - biases: optional list with one vector per gap, shape [layer_sizes[l + 1]]
      (or None for a gap without bias): drawn as a square "+1" node above
      layer ``l`` with a line to every neuron of layer ``l + 1``.
    - neuron_labels: optional list of len(layer_sizes) lists of strings
      written inside the neurons (e.g. [["$x_1$", "$x_2$"], ...]).

    Returns: the Axes.

    Raises ValueError when a weight or bias array does not fit the layer sizes.
    """
    layer_sizes = [int(n) for n in layer_sizes]
    if len(layer_sizes) < 2 or any(n < 1 for n in layer_sizes):
        raise ValueError(f"layer_sizes needs at least two layers of at least one neuron each, "
                         f"got {layer_sizes}.")
    weights = _checked_matrices("weights", weights, layer_sizes)
    biases = _checked_matrices("biases", biases, layer_sizes, vector=True)
    if layer_labels is not None and len(layer_labels) != len(layer_sizes):
        raise ValueError(f"layer_labels: expected {len(layer_sizes)} labels, got {len(layer_labels)}.")
    if neuron_labels is not None:
        if len(neuron_labels) != len(layer_sizes) or any(
                labels is not None and len(labels) != n for labels, n in zip(neuron_labels, layer_sizes)):
            raise ValueError("neuron_labels: expected one list of labels per layer, "
                             "one label per neuron.")

    n_layers = len(layer_sizes)
    positions, spacing, step = _positions(layer_sizes)
    radius = min(0.2, 0.38 * spacing)
    if ax is None:
        # Size the figure to the drawing (equal aspect): about 1.1 inch per layer step.
        width = (n_layers - 1) * step + 1.0
        height = spacing * (max(layer_sizes) - 1) + 2 * radius + 1.6 + (0.6 if biases is not None else 0)
        scale = min(1.1, 7.5 / width, 5.5 / height)
        _, ax = plt.subplots(figsize=(max(3.5, width * scale), height * scale + 0.6))

    # The strongest weight sets the scale of every line.
    magnitudes = [np.abs(m).max() for m in (weights or []) if m.size]
    magnitudes += [np.abs(b).max() for b in (biases or []) if b is not None and b.size]
    largest = max(magnitudes) if magnitudes else 0.0

    def connect(start, end, value):
        if value is None or value == 0:        # no weights given, or a weight of exactly 0
            style = dict(color=NEUTRAL, lw=0.8 if value is None else MIN_LINE_WIDTH, ls="-")
        else:
            share = abs(value) / largest if largest > 0 else 0.0
            style = dict(color=POSITIVE if value >= 0 else NEGATIVE,
                         lw=MIN_LINE_WIDTH + (MAX_LINE_WIDTH - MIN_LINE_WIDTH) * share,
                         ls="-" if value >= 0 else (0, (4, 1.5)))
        ax.add_line(Line2D([start[0], end[0]], [start[1], end[1]], zorder=1,
                           solid_capstyle="round", alpha=0.85, **style))

    for gap in range(n_layers - 1):
        for i, start in enumerate(positions[gap]):
            for j, end in enumerate(positions[gap + 1]):
                connect(start, end, None if weights is None else weights[gap][i, j])

    # Bias nodes: a square above the layer feeding the next one.
    top = max(y for layer in positions for _, y in layer)
    bias_y = top + 2.2 * radius + 0.25
    for gap in range(n_layers - 1):
        if biases is None or biases[gap] is None:
            continue
        node = ((gap + 0.35) * step, bias_y)
        for j, end in enumerate(positions[gap + 1]):
            connect(node, end, biases[gap][j])
        size = 1.5 * radius
        ax.add_patch(FancyBboxPatch((node[0] - size / 2, node[1] - size / 2), size, size,
                                    boxstyle="round,pad=0.01", facecolor="#EEEEEE",
                                    edgecolor=COLORS["black"], lw=1, zorder=3))
        ax.text(*node, "+1", ha="center", va="center", fontsize=8, zorder=4)

    face = {0: "#FFFFFF", n_layers - 1: "#F3E3CC"}
    for layer, centres in enumerate(positions):
        for k, centre in enumerate(centres):
            ax.add_patch(Circle(centre, radius, facecolor=face.get(layer, "#DDEBF5"),
                                edgecolor=COLORS["black"], lw=1.2, zorder=3))
            if neuron_labels is not None and neuron_labels[layer] is not None:
                ax.text(*centre, neuron_labels[layer][k], ha="center", va="center",
                        fontsize=max(6, min(11, 40 * radius)), zorder=4)

    if layer_labels is None:
        layer_labels = (["input"] + [f"hidden {k}" for k in range(1, n_layers - 1)] + ["output"]
                        if n_layers > 2 else ["input", "output"])
    bottom = min(y for layer in positions for _, y in layer)
    for layer, label in enumerate(layer_labels):
        ax.text(layer * step, bottom - radius - 0.25, label, ha="center", va="top", fontsize=10)

    if weights is not None or biases is not None:
        handles = [Line2D([], [], color=POSITIVE, lw=3, label="positive weight"),
                   Line2D([], [], color=NEGATIVE, lw=3, ls=(0, (4, 1.5)), label="negative weight")]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2,
                  fontsize=8, title=f"line width ∝ |weight| (widest: {largest:.3g})",
                  title_fontsize=8)

    top_extent = bias_y + radius if biases is not None else top + radius
    ax.set_xlim(-0.5, (n_layers - 1) * step + 0.5)
    ax.set_ylim(bottom - radius - 0.7, top_extent + 0.15)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax
