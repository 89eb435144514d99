"""The workshop's set-up check: is everything a notebook needs in place?

In a notebook (notebook 00 does this)::

    from utils import setup_check
    setup_check.report()          # one line per item, then what to do

From a terminal, with the Python that runs your notebooks::

    python -m utils.notebook.setup_check

:func:`run_checks` returns a list of ``(item, ok, message)``; :func:`report`
prints it. Every check is small and offline. Whether a widget is *drawn* as a
widget can only be seen in the browser: :func:`test_widget` makes one to look at.
"""
from __future__ import annotations

import importlib.metadata
import os
import sys

MIN_PYTHON = (3, 11)

# The packages the notebooks import, with the lowest version they need
# (the same lower bounds as requirements.txt and environment.yml).
REQUIRED = {
    "numpy": "1.26",
    "matplotlib": "3.8",
    "ipywidgets": "8.1",
}

INSTALL_HINT = ("install the workshop into the Python this notebook runs: in a terminal, in the "
                "workshop folder, run `python3 workshop.py lab` (it sets everything up), then "
                "restart the kernel (Kernel → Restart Kernel). No luck? Use the Binder link in the README.")

WIDGET_HINT = ("JupyterLab shows widgets only with the jupyterlab_widgets package installed in the "
               "SAME environment as JupyterLab itself: `python -m pip install jupyterlab_widgets` "
               "with that environment's Python (`python3 workshop.py lab` does it for you), then "
               "restart JupyterLab and reload the page. Or use the Binder link in the README.")

__all__ = ["run_checks", "report", "print_report", "test_plot", "test_widget",
           "parse_version", "REQUIRED", "MIN_PYTHON"]


def parse_version(text):
    """The leading numbers of a version string: ``"1.26.4rc1"`` -> ``(1, 26, 4)``."""
    numbers = []
    for part in str(text).split("."):
        digits = ""
        for char in part:
            if not char.isdigit():
                break
            digits += char
        if not digits:
            break
        numbers.append(int(digits))
        if len(digits) < len(part):   # "4rc1": stop after the 4
            break
    return tuple(numbers)


def _at_least(version, minimum):
    have, need = parse_version(version), parse_version(minimum)
    width = max(len(have), len(need))
    return have + (0,) * (width - len(have)) >= need + (0,) * (width - len(need))


# --------------------------------------------------------------------------
# The items
# --------------------------------------------------------------------------
def check_python(version_info=None):
    version_info = sys.version_info if version_info is None else version_info
    version = ".".join(str(v) for v in tuple(version_info)[:3])
    need = ".".join(map(str, MIN_PYTHON))
    if tuple(version_info)[:2] >= MIN_PYTHON:
        return ("Python", True, f"Python {version}")
    return ("Python", False,
            f"Python {version} is too old: the workshop needs Python {need} or newer. "
            f"Install a newer Python (python.org) and run `python3 workshop.py lab` with it, "
            "or use the Binder link in the README.")


def check_package(name, minimum, version_of=None):
    """One required package: installed, and at least version ``minimum``."""
    version_of = importlib.metadata.version if version_of is None else version_of
    try:
        version = version_of(name)
    except importlib.metadata.PackageNotFoundError:
        return (name, False, f"{name} is not installed in this Python ({sys.executable}). "
                             f"Fix: {INSTALL_HINT}")
    if not _at_least(version, minimum):
        return (name, False, f"{name} {version} is too old: the workshop needs {name} >= {minimum}. "
                             f"Fix: {INSTALL_HINT}")
    return (name, True, f"{name} {version}")


def check_utils():
    """The workshop's helpers import, and they find the data folder."""
    try:
        from .. import data  # noqa: F401
        from ..checks import framework  # noqa: F401
    except Exception as error:  # pragma: no cover - reaching here means utils imported
        return ("workshop utils", False, f"utils does not import ({error!r}). Fix: {INSTALL_HINT}")
    names = data.available_datasets()
    if "night_out" not in names:
        return ("workshop utils", False,
                f"utils imports but finds no data in {data.DATA}. Fix: run the notebooks from a full "
                "copy of the workshop folder (git clone or the zip), not a single downloaded notebook.")
    return ("workshop utils", True, f"workshop utils importable, its {len(names)} data sets found")


def check_plot():
    """Matplotlib can draw a figure (rendered in memory, nothing shown)."""
    try:
        import io

        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(2, 1))
        FigureCanvasAgg(fig)
        fig.add_subplot().plot([0, 1], [0, 1])
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        size = len(buffer.getvalue())
    except Exception as error:
        return ("test plot", False, f"matplotlib could not draw a figure ({type(error).__name__}: {error}). "
                                    f"Fix: {INSTALL_HINT}")
    if size == 0:
        return ("test plot", False, f"matplotlib drew an empty image. Fix: {INSTALL_HINT}")
    backend = matplotlib.get_backend().lower()
    if _in_kernel() and backend == "agg":
        return ("test plot", False, "matplotlib draws, but its backend is 'agg', so plots will not show "
                                    "in the notebook. Fix: run `%matplotlib inline` in a cell, or unset "
                                    "the MPLBACKEND environment variable and restart the kernel.")
    return ("test plot", True, "matplotlib draws figures (a test plot is shown below)")


def check_widget(version_of=None):
    """ipywidgets can make a widget; the JupyterLab front-end package is present."""
    version_of = importlib.metadata.version if version_of is None else version_of
    try:
        import ipywidgets
        ipywidgets.IntSlider(value=1)
    except Exception as error:
        return ("test widget", False, f"ipywidgets could not make a slider ({type(error).__name__}: "
                                      f"{error}). Fix: {INSTALL_HINT}")
    try:
        frontend = version_of("jupyterlab_widgets")
    except importlib.metadata.PackageNotFoundError:
        return ("test widget", False,
                "ipywidgets works, but jupyterlab_widgets (what draws widgets in JupyterLab) is not "
                f"installed next to it. If the slider below shows as text, {WIDGET_HINT}")
    return ("test widget", True, f"ipywidgets makes widgets (jupyterlab_widgets {frontend}); "
                                 "check that the slider below is drawn as a slider")


def _in_kernel():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    shell = get_ipython()
    return shell is not None and "ZMQ" in type(shell).__name__


# --------------------------------------------------------------------------
# All of them
# --------------------------------------------------------------------------
def run_checks(version_of=None, version_info=None):
    """Every item of the set-up check: a list of ``(item, ok, message)``.

    ``version_of(package) -> version string`` (default ``importlib.metadata.version``)
    and ``version_info`` (default ``sys.version_info``) can be replaced, which is
    how the tests simulate a missing or old package.
    """
    results = [check_python(version_info)]
    results += [check_package(name, minimum, version_of) for name, minimum in REQUIRED.items()]
    results.append(check_utils())
    results.append(check_plot())
    results.append(check_widget(version_of))
    return results


def print_report(results, file=None):
    """Print one line per item and a closing verdict; return True if all is well."""
    file = sys.stdout if file is None else file
    for item, ok, message in results:
        print(f"{'✔' if ok else '✘'} {message}", file=file)
    problems = [item for item, ok, _ in results if not ok]
    if problems:
        print(f"\n{len(problems)} problem(s): {', '.join(problems)}. Fix the ✘ lines above "
              "(each says how), then run this cell again.", file=file)
    else:
        print("\nAll set! Check that the plot and the slider below are drawn as pictures.", file=file)
    return not problems


PLACES = {
    "Colab": "Colab: your files are deleted when the session ends; File → Save a copy in Drive keeps your notebook.",
    "Binder": "Binder: nothing is saved after the session ends; download your notebook (File → Download).",
    "JupyterHub": "a JupyterHub: your files stay on the hub's server between sessions, as its admins keep them.",
    "local": "your computer: your notebooks are saved in the workshop folder (File → Save, or autosave).",
}


def where_it_runs(environ=None, modules=None):
    """Where this kernel runs: "Colab", "Binder", "JupyterHub" or "local"."""
    environ = os.environ if environ is None else environ
    modules = sys.modules if modules is None else modules
    if "google.colab" in modules:
        return "Colab"
    if any(name in environ for name in ("BINDER_SERVICE_HOST", "BINDER_LAUNCH_HOST", "BINDER_REQUEST")):
        return "Binder"
    if "JUPYTERHUB_USER" in environ or "JUPYTERHUB_API_URL" in environ:
        return "JupyterHub"
    return "local"


def where_line(environ=None, modules=None):
    """One line: where this runs and what is kept or lost there."""
    return f"This notebook runs on {PLACES[where_it_runs(environ, modules)]}"


def report():
    """Run every check and print the report (what notebook 00 calls)."""
    print(where_line())
    print_report(run_checks())


# --------------------------------------------------------------------------
# Things to look at
# --------------------------------------------------------------------------
def test_plot():
    """Show a small figure: if you see it, plots work."""
    import matplotlib.pyplot as plt
    import numpy as np

    from ..plots.plotting import COLORS

    x = np.linspace(0, 2 * np.pi, 100)
    fig, ax = plt.subplots(figsize=(5, 2.6))
    ax.plot(x, np.sin(x), color=COLORS["blue"], label="sin(x)")
    ax.plot(x, np.cos(x), color=COLORS["orange"], linestyle="--", label="cos(x)")
    ax.set(xlabel="x", ylabel="value", title="Test plot: you should see two curves")
    ax.legend(loc="lower left")
    plt.show()


def test_widget():
    """A slider that redraws a small plot: if it is drawn and moves the curve, widgets work."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    import numpy as np

    from ..plots.plotting import COLORS, interactive_plot

    x = np.linspace(0, 2 * np.pi, 100)
    fig, ax = plt.subplots(figsize=(5, 2.6))
    line, = ax.plot(x, np.sin(x), color=COLORS["blue"])
    ax.set(xlabel="x", ylim=(-1.1, 1.1))

    def draw(frequency):
        line.set_ydata(np.sin(frequency * x))
        ax.set(ylabel=f"sin({frequency}·x)", title=f"Test widget: sin({frequency}·x), move the slider")

    return interactive_plot(draw, fig=fig, frequency=widgets.IntSlider(
        value=1, min=1, max=5, description="frequency", continuous_update=False))


if __name__ == "__main__":
    sys.exit(0 if print_report(run_checks()) else 1)
