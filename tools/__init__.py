"""Tools for building, running and timing the notebooks (not needed to take the workshop).

- ``tools.paths``            where things are in the repository (one definition);
- ``tools.run``              ``run_notebook(...)``: execute a notebook in a kernel, as Jupyter would;
- ``tools.build_notebooks``  solutions/ -> notebooks/, utils/library.py and the README table
                             (``python -m tools.build_notebooks``).
"""
