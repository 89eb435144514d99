"""Shared helpers for the "Deep learning from scratch" workshop.

This file only re-exports; the code lives in these modules, grouped by kind:

Checks
- ``utils.checks.framework``   the framework behind every exercise check (``Check``, ``Exercises``);
- ``utils.checks.gradcheck``   numerical gradients and a one-call gradient check;
- ``utils.checks.nbNN``        the checks of notebook NN (``from utils.checks import nb01 as check``);

The course's own code
- ``utils.library``            generated from the solution cells tagged ``library``: the code later
                               notebooks import (``from utils.library import dense_forward``);

Notebook tooling
- ``utils.notebook.source``      reading notebooks: catching up from the solutions;
- ``utils.notebook.progress``    which exercises pass (``python3 workshop.py progress``);
- ``utils.notebook.setup_check`` notebook 00's set-up check;
- ``utils.notebook.errors``      unfinished exercises shown as one short line, not a traceback;

Plots
- ``utils.plots.plotting``     figure style, live figures, widgets, common plots (``utils.plotting``);
- ``utils.plots.kept_figure``  widgets that redraw only what changed;
- ``utils.plots.diagrams``, ``utils.plots.rnn_diagrams``  network diagrams;
- ``utils.plots.images``       image tiles, feature maps, confusion matrices;

Data
- ``utils.data``               data sets and text corpora by name from ``data/``.

Importing ``utils`` also applies the figure style and, inside IPython, installs
the short messages of ``utils.notebook.errors``.
"""
from .checks.gradcheck import check_gradient, numerical_gradient, numerical_gradient_array, rel_error
from .data import available_datasets, available_texts, load_dataset, load_text
from .notebook.errors import install_ipython_handler
from .plots import images, plotting

__all__ = [
    "available_datasets", "available_texts", "load_dataset", "load_text",
    "check_gradient", "numerical_gradient", "numerical_gradient_array", "rel_error",
    "images", "plotting", "setup_check",
]

plotting.use_style()
install_ipython_handler()


def __getattr__(name):
    """``from utils import setup_check`` (notebook 00), imported only when asked for."""
    if name == "setup_check":
        from .notebook import setup_check
        return setup_check
    raise AttributeError(f"module 'utils' has no attribute {name!r}")
