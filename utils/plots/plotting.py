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
    "plot_decision_boundary", "DecisionBoundary", "probability_colorbar", "grid_for", "log_axis",
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
        "axes.axisbelow": True,      # grid and ticks under everything (filled areas too)
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

    from .kept_figure import agg_canvas

    agg_canvas(fig)
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
KEPT_WSPACE = 0.1  # space between the axes of a kept widget figure, as a fraction of their width


def interactive_plot(callback, fig=None, **controls):
    """A widget: the ``controls`` above, a figure below, redrawn when a control changes.

    Two ways to use it:

    * ``fig=None``: ``callback(**values)`` draws a new figure with matplotlib (it need
      not call ``plt.show()``). Simple, and fine for a figure that is quick to draw.
    * ``fig=`` a figure made once, with its axes, labels and artists: ``callback(**values)``
      only changes them (``line.set_data(...)``, ``ax.set_title(...)``, ...). Much faster:
      a new figure spends most of its time on tick marks and text, and a kept figure
      redraws only what changed (:class:`utils.plots.kept_figure.KeptFigure`). The picture is
      an image widget whose pixels are replaced: no flicker, no output area to clear.

    The callback runs once at the start and again whenever a control changes; an error
    in it is shown below the figure. The returned box has ``refresh()``, which redraws
    with the current values, and ``controls``.
    """
    import contextlib
    import io

    import ipywidgets as widgets
    from IPython.display import display

    from .kept_figure import KeptFigure

    output = widgets.Output()   # the figures (fig=None); errors and prints (both ways)
    layouts = {}   # figure shape -> axes positions found by constrained layout on the first draw
    kept = picture = None
    if fig is not None:
        plt.close(fig)   # shown in the widget, not again by the inline backend after the cell
        kept = KeptFigure(fig)
        picture = widgets.Image(format="png", layout=widgets.Layout(display="none"))  # until drawn
        engine = fig.get_layout_engine()
        if isinstance(engine, mpl.layout_engine.ConstrainedLayoutEngine):
            # the layout is worked out once, for the first values: leave room between the axes
            # for tick labels that grow later (and a kept axes is then redrawn on its own)
            engine.set(wspace=max(engine.get()["wspace"], KEPT_WSPACE))

    def show(figure, number):
        """Display ``figure`` (the callback's ``number``-th).

        Constrained layout costs an extra drawing pass, so it runs on the first draw
        only; later draws of a figure of the same shape reuse its axes positions.
        """
        shape = (number, tuple(np.round(figure.get_size_inches(), 3)), len(figure.axes))
        if shape in layouts:
            _freeze_layout(figure)
            for ax, position in zip(figure.axes, layouts[shape]):
                ax.set_position(position)
        image = figure_image(figure)
        if shape not in layouts:
            layouts[shape] = [ax.get_position() for ax in figure.axes]
        display(image)

    def draw_new_figures(values):
        error = None
        with output:
            output.clear_output(wait=True)
            try:
                with mpl.rc_context({"figure.constrained_layout.use": not layouts}):
                    callback(**values)
                for number in plt.get_fignums():
                    show(plt.figure(number), number)
            except Exception:
                error = _error_output()
            finally:
                plt.close("all")
        if error:
            output.outputs = (error,)

    def update_kept_figure(values):
        # No output context here: entering and leaving one costs a flush of the
        # kernel's output streams, a good part of a fast update.
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                callback(**values)
                png = kept.render()
        except Exception:
            text = printed.getvalue()
            prints = ({"output_type": "stream", "name": "stdout", "text": text},) if text else ()
            output.outputs = prints + (_error_output(),)
            return
        picture.value = png
        picture.layout.display = None
        if output.outputs:
            output.outputs = ()   # an earlier error is gone
        if printed.getvalue():
            output.append_stdout(printed.getvalue())

    def refresh(*_):
        values = {name: control.value for name, control in controls.items()}
        if kept is None:
            draw_new_figures(values)
        else:
            update_kept_figure(values)

    for control in controls.values():
        control.observe(refresh, names="value")
    shown = [output] if kept is None else [picture, output]
    box = widgets.VBox([widgets.HBox(list(controls.values())), *shown])
    box.add_class("workshop-widget")
    box.refresh = refresh
    box.callback = callback
    box.controls = controls
    box.kept = kept
    refresh()
    WIDGETS.append(box)
    return box


def _error_output():
    """The exception being handled, as a notebook error output (short for unfinished exercises).

    Set as an Output widget's ``outputs`` from the kernel: unlike printing inside
    ``with output:``, this does not depend on the front end capturing the messages.
    """
    import sys
    import traceback

    etype, value, tb = sys.exc_info()
    try:
        from IPython import get_ipython

        from ..notebook.errors import exercise_traceback

        shell = get_ipython()
        if shell is None:
            raise RuntimeError("not in IPython")
        shown, lines = exercise_traceback(shell, etype, value, tb, tb_offset=1)
    except Exception:   # outside IPython: Python's own traceback
        shown, lines = etype, traceback.format_exception(etype, value, tb)
    return {"output_type": "error", "ename": shown.__name__, "evalue": str(value), "traceback": list(lines)}


def _freeze_layout(fig):
    """Keep the axes where they are: no layout engine, so a draw is a single pass."""
    from .kept_figure import set_layout

    if fig.get_layout_engine() is not None:
        set_layout(fig, None)


# --------------------------------------------------------------------------
# Figures used in several notebooks
# --------------------------------------------------------------------------
def plot_loss_curves(histories, ax=None, xlabel="iteration", ylabel="loss", title="Loss",
                     log=False, first=None):
    """One line per entry of ``histories`` (label -> sequence of losses).

    ``first`` is the x of each history's first value: by default 1 when ``xlabel`` is "epoch"
    (one value after each epoch, counted from 1 as the notebooks' prints count them), else 0
    (iteration 0 is the starting point, before any step)."""
    ax = ax or plt.subplots()[1]
    if first is None:
        first = 1 if xlabel == "epoch" else 0
    for label, history in histories.items():
        history = np.asarray(history, dtype=float)
        # a diverging run: leave out what matplotlib's axes cannot handle (its log axis overflows near 1e308)
        history = np.where(np.isfinite(history) & (np.abs(history) < 1e200), history, np.nan)
        ax.plot(first + np.arange(len(history)), history, label=label)
    if log:
        log_axis(ax)                   # plain labels at 1, 2, 5 per decade, not 10¹ and 10² alone
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    if len(histories) > 1:
        ax.legend()
    return ax


class _PlainLogLocator(mpl.ticker.Locator):
    """Log-axis ticks at 1, 2 and 5 times a power of ten, thinned to at most ``max_ticks``."""

    def __init__(self, max_ticks=9):
        self.max_ticks = max_ticks

    def __call__(self):
        return self.tick_values(*self.axis.get_view_interval())

    def nonsingular(self, vmin, vmax):
        """Positive, distinct limits, also for an axis with no data yet (1 to 10, as matplotlib's own)."""
        vmin, vmax = sorted((vmin, vmax))
        if not (np.isfinite(vmin) and np.isfinite(vmax)) or vmax <= 0:
            return 1.0, 10.0
        minpos = self.axis.get_minpos() if self.axis is not None else np.inf
        vmin = vmin if vmin > 0 else minpos if 0 < minpos < vmax else vmax / 1000
        return (vmin / 10, vmax * 10) if vmin == vmax else (vmin, vmax)

    def tick_values(self, vmin, vmax):
        vmin, vmax = sorted((vmin, vmax))
        if not (np.isfinite(vmin) and np.isfinite(vmax)) or vmax <= 0:
            return np.array([])
        vmin = max(vmin, vmax * 1e-300)
        decades = np.arange(np.floor(np.log10(vmin)), np.ceil(np.log10(vmax)) + 1)

        def inside(mantissas, every=1):
            ticks = np.array([m * 10.0 ** e for e in decades[::every] for m in mantissas])
            return ticks[(ticks >= vmin * (1 - 1e-9)) & (ticks <= vmax * (1 + 1e-9))]

        ticks = inside((1, 2, 5))
        if len(ticks) < 2:                    # less than a factor of 2 or so: 1, 2, ... 9
            ticks = inside(range(1, 10))
        if len(ticks) < 2:                    # narrower still: evenly spaced round numbers
            ticks = mpl.ticker.MaxNLocator(4).tick_values(vmin, vmax)
            return ticks[(ticks >= vmin) & (ticks <= vmax) & (ticks > 0)]
        for mantissas, every in (((1, 3), 1), ((1,), 1), ((1,), 2), ((1,), 3), ((1,), 5)):
            if len(ticks) <= self.max_ticks:
                break
            ticks = inside(mantissas, every)
        return ticks[:: int(np.ceil(len(ticks) / self.max_ticks))]


def _plain_number(value, _position=None):
    """0.05, 0.2, 5, 2000; from 10 000 on 1e4, 2e5, 1e6 (one style, never 100000 next to 1e+06)."""
    text = f"{value:g}" if value <= 0 or 1e-3 <= value < 1e4 else f"{value:.3g}" if value < 1e-3 else f"{value:.0e}"
    return text.replace("e+0", "e").replace("e+", "e").replace("e-0", "e-")


def log_axis(ax, which="y"):
    """A log scale on ``ax``'s y (or x) axis with plain tick labels: 0.05, 0.1, 0.2, ... 1e+04.

    Ticks at 1, 2 and 5 per decade when the range is small, fewer when it is large;
    they follow the axis limits as they change.
    """
    axis = ax.yaxis if which == "y" else ax.xaxis
    (ax.set_yscale if which == "y" else ax.set_xscale)("log")
    axis.set_major_locator(locator := _PlainLogLocator())
    axis.set_major_formatter(mpl.ticker.FuncFormatter(_plain_number))
    axis.set_minor_formatter(mpl.ticker.NullFormatter())
    low, high = axis.get_view_interval()
    if min(low, high) <= 0:         # no data yet, limits left from the linear scale: positive ones, still automatic
        (ax.set_ylim if which == "y" else ax.set_xlim)(locator.nonsingular(low, high), auto=True)
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


def plot_classes(X, y, ax=None, labels=("class 0", "class 1"), s=18, alpha=0.8, edgecolors="white"):
    """Scatter 2-D points coloured and shaped by their 0/1 class (``edgecolors="black"`` keeps them
    visible on a dark background, such as a heat map)."""
    ax = ax or plt.subplots()[1]
    y = np.asarray(y).ravel()
    for cls in (0, 1):
        mask = y == cls
        ax.scatter(X[mask, 0], X[mask, 1], s=s, c=CLASS_COLORS[cls], marker=CLASS_MARKERS[cls],
                   edgecolors=edgecolors, linewidths=0.4, alpha=alpha, label=labels[cls])
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    return ax


def grid_for(X, n=200, margin=0.5):
    """A grid covering the 2-D points X: returns (xx, yy, points [n*n, 2])."""
    x_min, y_min = X.min(axis=0) - margin
    x_max, y_max = X.max(axis=0) + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, n), np.linspace(y_min, y_max, n))
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def plot_decision_boundary(predict_proba, X, y, ax=None, title="Decision boundary",
                           n=200, show_probability=True, legend=True, colorbar=True):
    """Probability of class 1 as filled contours, the 0.5 boundary, and the points.

    Inputs:
    - predict_proba: function taking points [k, 2] and returning P(y=1) [k].
    - X: [n_samples, 2] points; y: [n_samples] labels 0/1.
    - colorbar: with show_probability, a colour bar beside the axes says which
      colour is which probability (and marks the 0.5 boundary on it).

    Returns (ax, the filled contours or None).
    """
    ax = ax or plt.subplots()[1]
    boundary = DecisionBoundary(ax, X, y, n=n, show_probability=show_probability, legend=legend,
                                colorbar=colorbar)
    boundary.update(predict_proba, title=title)
    return ax, boundary.filled


class DecisionBoundary:
    """A decision boundary plot that can be redrawn for a new model (widgets keep one).

    ``DecisionBoundary(ax, X, y)`` draws the points; ``update(predict_proba, title)``
    replaces the probability contours and the 0.5 boundary; ``set_data(X, y)`` changes
    the points (and the grid) if they are new. Layers, bottom to top: probability,
    boundary, points. With ``show_probability`` and ``colorbar``, a colour bar beside
    the axes (drawn once: a new model does not redraw it) gives the probability of
    each colour, with the 0.5 boundary marked on it.
    """

    LEVELS = np.linspace(0, 1, 11)
    ALPHA = 0.35

    def __init__(self, ax, X, y, n=200, show_probability=True, legend=True, colorbar=True):
        self.ax, self.n = ax, n
        self.show_probability, self.legend = show_probability, legend
        self.filled = self.line = self.colorbar = None
        self.points = []
        ax.grid(False)
        self.set_data(X, y)
        if show_probability and colorbar:
            self.colorbar = probability_colorbar(ax, levels=self.LEVELS, alpha=self.ALPHA)

    def set_data(self, X, y):
        """Show the points X [n, 2] with labels y (nothing to do if they are already shown)."""
        if self.points and np.array_equal(X, self.X) and np.array_equal(y, self.y):
            return
        self.X, self.y = np.array(X, dtype=float), np.array(y)
        for artist in self.points:
            artist.remove()
        before = set(self.ax.collections)
        plot_classes(X, y, ax=self.ax)
        self.points = [c for c in self.ax.collections if c not in before]
        for artist in self.points:
            artist.set_zorder(3)
        self.xx, self.yy, self.grid_points = grid_for(X, self.n)
        self.ax.set(xlim=(self.xx.min(), self.xx.max()), ylim=(self.yy.min(), self.yy.max()))
        if self.legend:
            self.ax.legend(loc="upper right", fontsize=9)

    def update(self, predict_proba, title=None):
        """Replace the contours with those of a new model; returns its P(y=1) on the grid."""
        for artist in (self.filled, self.line):
            if artist is not None:
                artist.remove()
        p = np.asarray(predict_proba(self.grid_points), dtype=float).reshape(self.xx.shape)
        if self.show_probability:
            self.filled = self.ax.contourf(self.xx, self.yy, p, levels=self.LEVELS, cmap=DIVERGING,
                                           alpha=self.ALPHA, vmin=0, vmax=1, zorder=1)
        self.line = self.ax.contour(self.xx, self.yy, p, levels=[0.5], colors=COLORS["black"], linewidths=2,
                                    zorder=2)
        if title is not None:
            self.ax.set_title(title)
        return p


def probability_colorbar(ax, levels=np.linspace(0, 1, 11), alpha=0.35, label="probability of class 1"):
    """A colour bar beside ``ax`` for probabilities drawn with DIVERGING in bands of ``levels``
    (as ``contourf`` draws them, with the same alpha), the 0.5 boundary marked black.
    Made from a fixed scale, not from a plot: redrawing the plot does not touch it."""
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import BoundaryNorm

    levels = np.asarray(levels, dtype=float)
    cmap = plt.get_cmap(DIVERGING)
    mappable = ScalarMappable(norm=BoundaryNorm(levels, cmap.N), cmap=cmap)
    bar = ax.figure.colorbar(mappable, ax=ax, fraction=0.05, pad=0.03, alpha=alpha,
                             ticks=[0, 0.25, 0.5, 0.75, 1])
    bar.ax.axhline(0.5, color=COLORS["black"], lw=2)
    bar.outline.set_linewidth(0.5)
    bar.set_label(label, fontsize=9)
    bar.ax.tick_params(labelsize=8)
    return bar
