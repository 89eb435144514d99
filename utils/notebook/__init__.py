"""Notebook tooling: reading notebooks (catch-up), progress reports, the set-up check,
and the short messages for unfinished exercises (see ``utils/__init__.py``)."""
