"""Shared fixtures. The solution notebooks themselves are collected by nbval
(see pyproject.toml: testpaths include solutions/, run with --nbval-lax)."""
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def repo():
    return REPO
