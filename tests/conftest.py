"""Shared fixtures. The solution notebooks themselves are collected by nbval
(see pyproject.toml: testpaths include solutions/, run with --nbval-lax)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # `import tools` from every test
from tools.paths import REPO  # noqa: E402


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Keep what must share a process on one xdist worker (`--dist loadgroup`).

    Every file is a group of its own (nbval runs a notebook's cells in one kernel),
    and the determinism and offline tests share one group: they share one sandboxed
    execution of every solution notebook (tests/notebooks/notebook_runs.py).
    """
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            group = "offline-runs" if item.path.name in SHARED_EXECUTION else str(item.path)
            item.add_marker(pytest.mark.xdist_group(group))


SHARED_EXECUTION = {"test_determinism.py", "test_offline.py"}
