"""Diagrams for notebook 07: a recurrent layer, folded and unrolled in time.

    >>> import matplotlib.pyplot as plt
    >>> from utils.plots.rnn_diagrams import draw_unrolled_rnn
    >>> fig, ax = plt.subplots(figsize=(10, 3.4))
    >>> draw_unrolled_rnn(ax, n_steps=4)
"""
from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .plotting import COLORS

__all__ = ["draw_unrolled_rnn"]

BOX_W, BOX_H = 0.9, 0.62


def _box(ax, x, y, text, color, text_color="white"):
    ax.add_patch(FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H,
                                boxstyle="round,pad=0.02,rounding_size=0.12",
                                facecolor=color, edgecolor=COLORS["black"], linewidth=1.2))
    ax.text(x, y, text, ha="center", va="center", fontsize=13, color=text_color)


def _arrow(ax, start, end, label=None, color=COLORS["black"], label_offset=(0.0, 0.0),
           connectionstyle="arc3", fontsize=11):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, linewidth=1.5,
                                 color=color, connectionstyle=connectionstyle, shrinkA=0, shrinkB=0))
    if label:
        mx = (start[0] + end[0]) / 2 + label_offset[0]
        my = (start[1] + end[1]) / 2 + label_offset[1]
        ax.text(mx, my, label, ha="center", va="center", fontsize=fontsize, color=color,
                bbox=dict(facecolor="white", edgecolor="none", pad=1.0))


def draw_unrolled_rnn(ax=None, n_steps=4, output_name="y"):
    """Draw a simple recurrent layer folded (left) and unrolled over ``n_steps`` (right).

    Inputs:
    - ax: a matplotlib axis (a new figure when None).
    - n_steps: how many time steps to unroll (3 to 6 fit well).
    - output_name: the name of what is read off each state (for example "y").

    Returns: the axis.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(2.2 * n_steps + 3.5, 3.6))
    hidden, inputs, outputs = COLORS["blue"], COLORS["orange"], COLORS["green"]
    y_in, y_h, y_out = 0.0, 1.4, 2.8

    # folded: one cell whose output comes back at the next step
    fx = 0.0
    _box(ax, fx, y_in, "$x_t$", inputs, "black")
    _box(ax, fx, y_h, "$h_t$", hidden)
    _box(ax, fx, y_out, f"${output_name}_t$", outputs, "black")
    _arrow(ax, (fx, y_in + BOX_H / 2), (fx, y_h - BOX_H / 2), "$W_x$", label_offset=(0.32, 0.0))
    _arrow(ax, (fx, y_h + BOX_H / 2), (fx, y_out - BOX_H / 2))
    _arrow(ax, (fx + 0.3, y_h + BOX_H / 2), (fx + 0.3, y_h - BOX_H / 2), "$W_h$",
           connectionstyle="arc3,rad=-1.3", label_offset=(0.72, 0.0), color=COLORS["vermillion"])
    ax.text(fx + 1.75, y_h, "=", fontsize=26, ha="center", va="center")
    ax.text(fx, y_out + 0.75, "folded", ha="center", fontsize=11, style="italic")

    # unrolled: the same cell (the same weights) once per time step
    x0 = fx + 3.0
    _box(ax, x0, y_h, "$h_0$", COLORS["sky"], "black")
    for t in range(1, n_steps + 1):
        cx = x0 + 2.0 * t
        _box(ax, cx, y_in, f"$x_{t}$", inputs, "black")
        _box(ax, cx, y_h, f"$h_{t}$", hidden)
        _box(ax, cx, y_out, f"${output_name}_{t}$", outputs, "black")
        _arrow(ax, (cx, y_in + BOX_H / 2), (cx, y_h - BOX_H / 2), "$W_x$", label_offset=(0.32, 0.0))
        _arrow(ax, (cx, y_h + BOX_H / 2), (cx, y_out - BOX_H / 2))
        _arrow(ax, (cx - 2.0 + BOX_W / 2, y_h), (cx - BOX_W / 2, y_h), "$W_h$",
               color=COLORS["vermillion"], label_offset=(0.0, 0.28))
    ax.text(x0 + n_steps + 1.0, y_out + 0.75, f"unrolled over {n_steps} time steps (the same $W_x$, $W_h$, $b$ at every step)",
            ha="center", fontsize=11, style="italic")
    ax.set_xlim(-0.9, x0 + 2.0 * n_steps + 0.8)
    ax.set_ylim(-0.6, y_out + 1.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("A recurrent layer: $h_t = \\tanh(x_t W_x + h_{t-1} W_h + b)$")
    return ax
