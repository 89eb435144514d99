"""`python3 workshop.py lab`: the link to notebook 00 comes last, stopping it frees the port, root is handled.

Runs workshop.py with WORKSHOP_VENV set to this test's environment and
WORKSHOP_NO_SETUP=1 (no second install), so what is tested is what a learner
gets after set-up: the printed link, the server behind it, and the stop.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tools.paths import REPO
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/lab/tree/notebooks/00_welcome_and_setup\.ipynb\?token=[\w-]+")


def port_is_free(port):
    """Nothing listens on the port (a connection is refused)."""
    with socket.socket() as s:
        s.settimeout(2)
        try:
            s.connect(("127.0.0.1", port))
        except OSError:
            return True
    return False


def test_lab_prints_notebook_00s_link_and_stops_with_its_process(tmp_path):
    env = dict(os.environ, WORKSHOP_VENV=sys.prefix, WORKSHOP_NO_SETUP="1",
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    process = subprocess.Popen([sys.executable, str(REPO / "workshop.py"), "lab", "--no-browser"],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        deadline = time.monotonic() + 90
        url = None
        while time.monotonic() < deadline and url is None:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            match = URL.search(line)
            url = match and match[0]
        assert url, "workshop.py lab printed no link to notebook 00:\n" + "".join(lines)
        port = int(URL.search(url)[1])
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
        if os.geteuid() == 0:
            assert any("you are root" in line and "--allow-root" in line for line in lines), "".join(lines)
        assert not any("BuildBackendWarning" in line or "Traceback" in line for line in lines), "".join(lines)
        process.send_signal(signal.SIGTERM)            # what an IDE's stop button does
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while not port_is_free(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert port_is_free(port), f"port {port} is still taken after workshop.py stopped"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
