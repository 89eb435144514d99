"""How a notebook shows an unfinished exercise: one short line instead of a traceback.

Installed by ``import utils`` inside IPython: ``NotImplementedError`` from an
exercise stub, and a ``NameError`` for a name that an unfinished cell would
have defined, are shown as a short message (see ``exercise_traceback``).
"""


# Names that cells stopped at an unfinished exercise would have defined, and the
# exercise that stopped them: a later NameError for one of them is explained.
_UNFINISHED = {}


def _current_cell_source(shell):
    inputs = shell.user_ns.get("In") or [""]
    return inputs[-1] if inputs else ""


def _remember_unfinished(shell, what):
    from .source import defined_names

    for name in defined_names(_current_cell_source(shell)):
        _UNFINISHED[name] = what


def _short_lines(message):
    return [
        f"\x1b[33m⏳ {message}\x1b[0m",
        "   Fill in the region marked '# YOUR CODE HERE' (or catch up: each check "
        "message says how), run that cell, then run this one again.",
    ]


def exercise_traceback(shell, etype, value, tb, tb_offset=None):
    """What to show for an exception: (the type to name, the lines of the traceback).

    - NotImplementedError from an exercise stub: which function is not done yet.
    - NameError for a variable that an earlier cell would have defined had it
      not stopped at an unfinished exercise: says so (it is not a typo).
    Anything else (any other NameError too) gets IPython's usual traceback.
    """
    if issubclass(etype, NotImplementedError):
        if hasattr(value, "_render_traceback_"):
            stb = value._render_traceback_()
            what = getattr(value, "name", "an exercise")
        else:
            frame_name, walk = None, tb
            while walk is not None:
                frame_name = walk.tb_frame.f_code.co_name
                walk = walk.tb_next
            if frame_name and frame_name != "<module>":
                what = frame_name
                stb = _short_lines(f"{frame_name} is not implemented yet.")
            else:
                what = str(value).split(":")[0] or "an exercise"
                stb = _short_lines(str(value) or "this cell has an exercise that is not done yet.")
        _remember_unfinished(shell, what)
        return etype, stb
    missing = getattr(value, "name", None)
    if issubclass(etype, NameError) and missing in _UNFINISHED:
        what = _UNFINISHED[missing]
        _remember_unfinished(shell, what)
        stb = _short_lines(f"`{missing}` is not defined yet: the cell that makes it stopped at an "
                           f"unfinished exercise ({what}).")
        from ..checks.framework import NotImplementedYet

        return NotImplementedYet, stb
    return etype, shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)


def close_empty_figures():
    """Close the figures that hold no data yet: a cell stopped at an unfinished exercise after making its
    axes would otherwise show a grid of blank 0-1 panels under its short message."""
    import sys

    plt = sys.modules.get("matplotlib.pyplot")
    for number in plt.get_fignums() if plt else ():
        figure = plt.figure(number)
        if not any(ax.has_data() or ax.images for ax in figure.axes):
            plt.close(figure)


def _exercise_handler(shell, etype, value, tb, tb_offset=None):
    """IPython's handler for NotImplementedError and NameError: see exercise_traceback."""
    shown, stb = exercise_traceback(shell, etype, value, tb, tb_offset)
    if stb and "⏳" in stb[0]:          # an unfinished exercise, not a bug: no blank panels under it
        close_empty_figures()
    shell._showtraceback(shown, value, stb)
    return stb


def install_ipython_handler():
    """Show unfinished exercises briefly in this IPython shell (a no-op outside IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython always comes with Jupyter
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "set_custom_exc"):
        shell.set_custom_exc((NotImplementedError, NameError), _exercise_handler)

