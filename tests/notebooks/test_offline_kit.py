"""The offline kit: set-up from its wheelhouse works with no network at all.

The wheelhouse is built as `python3 workshop.py kit` builds it (pip download of
requirements.txt with constraints.txt, plus setuptools and wheel; about 100 MB,
downloaded once per test session, or taken from WORKSHOP_TEST_WHEELHOUSE). Then
a copy of the committed workshop folder with that wheelhouse/ is set up inside a
network namespace that has only loopback (`unshare -n`, needs root), and the
set-up check runs there. Measured here: about 35 s of set-up on a 2-core machine.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.paths import REPO


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory):
    given = os.environ.get("WORKSHOP_TEST_WHEELHOUSE")
    if given:
        return Path(given)
    target = tmp_path_factory.mktemp("wheelhouse")
    subprocess.run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q",
                    "-r", str(REPO / "requirements.txt"), "-c", str(REPO / "constraints.txt"),
                    "setuptools", "wheel", "-d", str(target)], check=True, capture_output=True)
    return target


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("unshare"),
                    reason="needs root and unshare for a network namespace")
def test_set_up_from_the_wheelhouse_with_no_network(wheelhouse, tmp_path):
    folder = tmp_path / "workshop"
    folder.mkdir()
    archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=REPO,
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    shutil.copytree(wheelhouse, folder / "wheelhouse")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WORKSHOP_", "PIP_", "VIRTUAL_ENV"))}
    script = ("ip link set lo up && ip -o link | cut -d: -f2 && "
              f"{sys.executable} workshop.py progress >/dev/null && .venv/bin/python -m utils.notebook.setup_check")
    result = subprocess.run(["unshare", "-n", "sh", "-c", script], cwd=folder, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    interfaces = result.stdout.split("✔", 1)[0].split()
    assert interfaces == ["lo"], f"the namespace had a network besides loopback: {interfaces}"
    assert "All set!" in result.stdout, result.stdout
    assert (folder / ".venv").is_dir()
