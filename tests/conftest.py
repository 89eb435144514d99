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

