"""The exercise checks of each notebook: ``from utils.checks import nb01 as check``.

Each module ``nbNN`` has one check per exercise (``check.add_bias(add_bias)``),
``catch_up`` to take an answer from the solution notebook, and ``progress`` to
list which exercises pass.
"""
import importlib


def for_notebook(name):
    """The checks module of a notebook, from its file name (``"01_..."`` -> nb01)."""
    number = name.split("_", 1)[0]
    return importlib.import_module(f"{__name__}.nb{number}")
