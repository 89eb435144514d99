"""Plotting for the workshop: one style, colour-blind-safe colours, live figures
and small interactive widgets.

* :func:`use_style` sets the look of every figure (called by ``import utils``).
* :data:`COLORS` is the Okabe–Ito palette; classes are also told apart by
  marker shape, so plots read in greyscale too.
* :class:`LiveFigure` redraws one figure in place while a model trains: no
  flicker, and an executed notebook stores only the last frame.
* :func:`interactive_plot` builds a widget (controls above, figure below) whose
  figure is redrawn by a callback; its ``refresh()`` is what benchmarks time.
"""
from __future__ import annotations

import time

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "COLORS", "CLASS_COLORS", "CLASS_MARKERS", "DIVERGING", "SEQUENTIAL",
    "use_style", "LiveFigure", "interactive_plot", "WIDGETS",
    "plot_loss_curves", "plot_contour_with_path", "plot_classes",
    "plot_decision_boundary", "grid_for",
]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the
# common forms of colour blindness.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
CYCLE = [COLORS[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]
CLASS_COLORS = [COLORS["blue"], COLORS["orange"]]      # class 0, class 1
CLASS_MARKERS = ["o", "s"]
DIVERGING = "RdBu_r"     # probabilities and signed values, centred on 0.5 or 0
SEQUENTIAL = "viridis"   # magnitudes (losses, activations)


def use_style():
    """Apply the workshop's figure style (sizes, fonts, grid, colour cycle)."""
    mpl.rcParams.update({
        "figure.figsize": (6.4, 4.0),
        "figure.dpi": 80,
        "savefig.dpi": 100,
        "figure.constrained_layout.use": True,
        "axes.prop_cycle": mpl.cycler(color=CYCLE),
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.titley": 1.0,          # fixed title position: skips a slow automatic placement
        "axes.labelsize": 11,
        "legend.frameon": False,
        "image.cmap": SEQUENTIAL,
        "lines.linewidth": 2,
    })


# --------------------------------------------------------------------------
# Figures that change: live training plots and widgets
# --------------------------------------------------------------------------
def figure_image(fig):
    """The figure as a PNG ``IPython.display.Image``, rendered once.

    Faster than displaying the figure itself, which the inline backend renders
    twice (``bbox_inches="tight"``); constrained layout already keeps it tight.
    """
    import io

    from IPython.display import Image

    _reuse_renderer(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    _RENDERERS[_renderer_key(fig)] = getattr(fig.canvas, "renderer", None)
    return Image(data=buffer.getvalue(), format="png")


# Text sizes are cached per renderer, and a new figure gets a new renderer: a widget that
# draws a new figure of the same size at every update measures every tick label again.
# Handing each new figure the renderer of the last one of its size keeps that cache warm.
_RENDERERS = {}


def _renderer_key(fig):
    width, height = fig.bbox.size
    return (width, height, fig.dpi)


def _reuse_renderer(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = _RENDERERS.get(_renderer_key(fig))
    if renderer is not None and type(fig.canvas) is FigureCanvasAgg and hasattr(fig.canvas, "_lastKey"):
        fig.canvas.renderer = renderer
        fig.canvas._lastKey = _renderer_key(fig)


class LiveFigure:
    """Show a figure once and redraw it in place as it changes.

    Usage::

        fig, ax = plt.subplots()
        live = LiveFigure(fig)            # shows it
        for epoch in range(100):
            ...                           # change the artists of fig
            live.update()                 # redrawn at most every min_interval s
        live.close()                      # final frame, always drawn

    In JupyterLab the image is replaced in place (no flicker, no scrolling);
    an executed notebook keeps only the final frame.
    """

    def __init__(self, fig, min_interval=0.3):
        from IPython.display import display

        self.fig = fig
        self.min_interval = min_interval
        plt.close(fig)  # we show it ourselves; stop the inline backend showing it again
        self.handle = display(figure_image(fig), display_id=True)
        self._last = time.perf_counter()

    def update(self, force=False):
        now = time.perf_counter()
        if force or now - self._last >= self.min_interval:
            if self.handle is not None:
                self.handle.update(figure_image(self.fig))
            self._last = time.perf_counter()

    def close(self):
        self.update(force=True)


WIDGETS = []  # every widget made by interactive_plot in this kernel (benchmarks time them)


def interactive_plot(callback, **controls):
    """A widget: the ``controls`` above, the figure drawn by ``callback`` below.

    ``callback(**values)`` draws a figure with matplotlib (it need not call
    ``plt.show()``). It runs once at the start and again whenever a control
    changes. The returned box has ``refresh()``, which redraws with the
    current values (benchmarks time it), and ``controls``.
    """
    import ipywidgets as widgets
    from IPython.display import display

    output = widgets.Output()
    layouts = {}   # figure shape -> axes positions found by constrained layout on the first draw

    def refresh(*_):
        values = {name: control.value for name, control in controls.items()}
        with output:
            output.clear_output(wait=True)
            # Constrained layout is most of the drawing time. It is worked out on the first
            # draw; later draws of a figure of the same shape reuse its axes positions.
            with mpl.rc_context({"figure.constrained_layout.use": not layouts}):
                callback(**values)
            for number in plt.get_fignums():
                fig = plt.figure(number)
                shape = (number, tuple(np.round(fig.get_size_inches(), 3)), len(fig.axes))
                if shape in layouts:
                    fig.set_layout_engine("none")
                    for ax, position in zip(fig.axes, layouts[shape]):
                        ax.set_position(position)
                image = figure_image(fig)
                if shape not in layouts:
                    layouts[shape] = [ax.get_position() for ax in fig.axes]
                display(image)
            plt.close("all")

    for control in controls.values():
        control.observe(refresh, names="value")
    box = widgets.VBox([widgets.HBox(list(controls.values())), output])
    box.add_class("workshop-widget")
    box.refresh = refresh
    box.callback = callback
    box.controls = controls
    refresh()
    WIDGETS.append(box)
    return box


# --------------------------------------------------------------------------
# Figures used in several notebooks
# --------------------------------------------------------------------------
def plot_loss_curves(histories, ax=None, xlabel="iteration", ylabel="loss", title="Loss",
                     log=False):
    """One line per entry of ``histories`` (label -> sequence of losses)."""
    ax = ax or plt.subplots()[1]
    for label, history in histories.items():
        history = np.asarray(history, dtype=float)
        # a diverging run: leave out what matplotlib's axes cannot handle (its log axis overflows near 1e308)
        history = np.where(np.isfinite(history) & (np.abs(history) < 1e200), history, np.nan)
        ax.plot(np.arange(len(history)), history, label=label)
    if log:
        ax.set_yscale("log")
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    if len(histories) > 1:
        ax.legend()
    return ax


def plot_contour_with_path(loss_on_grid, w0_range, w1_range, paths=None, ax=None,
                           title="Loss surface", xlabel="$w_0$", ylabel="$w_1$",
                           optimum=None, levels=30, n=120, markers=True):
    """Contours of a loss over two weights, with optimisation paths on top.

    Inputs:
    - loss_on_grid: function (W0, W1) -> loss array, both [n, n] grids.
    - w0_range, w1_range: (low, high) of each axis.
    - paths: dict label -> array [n_steps, 2] of (w0, w1) visited.
    - optimum: (w0, w1) marked with a star.
    - levels, n: contour levels and grid points per axis (fewer draw faster, for widgets).
    - markers: mark every step of the paths with a dot.
    """
    ax = ax or plt.subplots()[1]
    w0 = np.linspace(*w0_range, n)
    w1 = np.linspace(*w1_range, n)
    W0, W1 = np.meshgrid(w0, w1)
    Z = loss_on_grid(W0, W1)
    levels = np.geomspace(max(Z.min(), 1e-12), Z.max(), levels) if np.all(Z > 0) else levels
    contour = ax.contour(W0, W1, Z, levels=levels, cmap=SEQUENTIAL, linewidths=1)
    for (label, path), color in zip((paths or {}).items(), [COLORS["vermillion"], COLORS["blue"],
                                                              COLORS["green"], COLORS["purple"]]):
        path = np.asarray(path, dtype=float)
        inside = np.all(np.isfinite(path), axis=1)
        path = path[inside]
        ax.plot(path[:, 0], path[:, 1], "-", color=color, lw=1.5, marker="." if markers else None, ms=4,
                label=label)
        ax.plot(path[0, 0], path[0, 1], "o", color=color, ms=7, mfc="white")
    if optimum is not None:
        ax.plot(*optimum, "*", color=COLORS["black"], ms=14, label="exact solution")
    ax.set(xlim=w0_range, ylim=w1_range, xlabel=xlabel, ylabel=ylabel, title=title)
    ax.grid(False)
    if paths or optimum is not None:
        ax.legend(loc="upper right")
    return ax, contour


def plot_classes(X, y, ax=None, labels=("class 0", "class 1"), s=18, alpha=0.8):
    """Scatter 2-D points coloured and shaped by their 0/1 class."""
    ax = ax or plt.subplots()[1]
    y = np.asarray(y).ravel()
    for cls in (0, 1):
        mask = y == cls
        ax.scatter(X[mask, 0], X[mask, 1], s=s, c=CLASS_COLORS[cls], marker=CLASS_MARKERS[cls],
                   edgecolors="white", linewidths=0.4, alpha=alpha, label=labels[cls])
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    return ax


def grid_for(X, n=200, margin=0.5):
    """A grid covering the 2-D points X: returns (xx, yy, points [n*n, 2])."""
    x_min, y_min = X.min(axis=0) - margin
    x_max, y_max = X.max(axis=0) + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, n), np.linspace(y_min, y_max, n))
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def plot_decision_boundary(predict_proba, X, y, ax=None, title="Decision boundary",
                           n=200, show_probability=True, legend=True):
    """Probability of class 1 as filled contours, the 0.5 boundary, and the points.

    Inputs:
    - predict_proba: function taking points [k, 2] and returning P(y=1) [k].
    - X: [n_samples, 2] points; y: [n_samples] labels 0/1.
    """
    ax = ax or plt.subplots()[1]
    xx, yy, points = grid_for(X, n)
    p = np.asarray(predict_proba(points), dtype=float).reshape(xx.shape)
    if show_probability:
        filled = ax.contourf(xx, yy, p, levels=np.linspace(0, 1, 11), cmap=DIVERGING, alpha=0.35,
                             vmin=0, vmax=1)
    ax.contour(xx, yy, p, levels=[0.5], colors=COLORS["black"], linewidths=2)
    plot_classes(X, y, ax=ax)
    ax.set(title=title, xlim=(xx.min(), xx.max()), ylim=(yy.min(), yy.max()))
    ax.grid(False)
    if legend:
        ax.legend(loc="upper right", fontsize=9)
    if show_probability:
        return ax, filled
    return ax, None
