"""Without Chromium the browser test is skipped, except in CI (WORKSHOP_REQUIRE_BROWSER=1), where it fails."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.paths import REPO


def run_browser_test(require):
    env = dict(os.environ, WORKSHOP_CHROMIUM="/nonexistent/chromium")
    env.pop("WORKSHOP_REQUIRE_BROWSER", None)
    if require:
        env["WORKSHOP_REQUIRE_BROWSER"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rsf", "-p", "no:cacheprovider",
         "tests/notebooks/test_browser.py", "-k", "runs_in_jupyterlab"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("require", [False, True], ids=["laptop", "ci"])
def test_missing_chromium(require):
    done = run_browser_test(require)
    output = done.stdout + done.stderr
    assert "/nonexistent/chromium not found" in output, output
    if require:
        assert done.returncode != 0, output
        assert "WORKSHOP_REQUIRE_BROWSER=1" in output and ("failed" in output or "error" in output), output
    else:
        assert done.returncode == 0, output
        assert "skipped" in output and "failed" not in output, output
