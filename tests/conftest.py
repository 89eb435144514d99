"""Shared fixtures. The solution notebooks themselves are collected by nbval
(see pyproject.toml: testpaths include solutions/, run with --nbval-lax)."""
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))


@pytest.fixture(scope="session")
def repo():
    return REPO
