"""Shared helpers for the "Deep learning from scratch" workshop.

Modules:
- ``utils.gradcheck``  numerical gradients and a one-call gradient check;
- ``utils.checking``   the framework behind every exercise check;
- ``utils.checks``     the checks of each notebook (``from utils.checks import nb01 as check``);
- ``utils.plotting``   figure style, live figures, widgets, common plots;
- ``utils.data``       data sets by name from ``data/``;
- ``utils.notebook_source``  catching up from the solutions, progress reports.

Importing ``utils`` also applies the figure style and, inside IPython, shows a
function that is not implemented yet as one short line instead of a traceback.
"""
from . import plotting
from .data import available_datasets, load_dataset
from .gradcheck import check_gradient, numerical_gradient, numerical_gradient_array, rel_error

__all__ = [
    "available_datasets", "load_dataset",
    "check_gradient", "numerical_gradient", "numerical_gradient_array", "rel_error",
    "plotting",
]

plotting.use_style()


def _not_implemented_handler(shell, etype, value, tb, tb_offset=None):
    """Show NotImplementedError from an unfinished exercise as a short message."""
    if hasattr(value, "_render_traceback_"):
        stb = value._render_traceback_()
    else:
        frame_name = None
        while tb is not None:
            frame_name = tb.tb_frame.f_code.co_name
            tb = tb.tb_next
        if frame_name and frame_name != "<module>":
            what = f"{frame_name} is not implemented yet"
        else:
            what = str(value) or "this cell has an exercise that is not done yet"
        stb = [
            f"\x1b[33m⏳ {what}: fill in the region marked '# YOUR CODE HERE' above, "
            "run that cell, then run this one again.\x1b[0m",
            "   Fallen behind? Each check message says how to catch up from the solution.",
        ]
    shell._showtraceback(etype, value, stb)
    return stb


def _install_ipython_handler():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython always comes with Jupyter
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "set_custom_exc"):
        shell.set_custom_exc((NotImplementedError,), _not_implemented_handler)


_install_ipython_handler()
