"""Executing the solution notebooks for the determinism and offline tests.

Executing notebooks is the expensive part of the test suite, so every solution
notebook is executed ONCE per test session (``offline_run`` caches it in this
module) and that one execution serves both tests/notebooks/test_determinism.py and
tests/notebooks/test_offline.py (``pytest -k 02`` executes only notebook 02):

* each notebook runs from a temporary copy (the repository never changes),
  in a fresh kernel, with ``allow_errors`` so every cell's outputs are kept;
* all of it runs without network: in a new network namespace with only the
  loopback interface up (``unshare --net``, needs root or user namespaces), or,
  when that is not permitted, with a ``sitecustomize`` guard on the kernel's
  PYTHONPATH that makes any non-loopback connection or name lookup fail;
* a probe notebook, run the same way, tries to reach 192.0.2.1:80 (TEST-NET-1,
  an address nothing answers) and to resolve pypi.org, to prove the sandbox
  really blocks (so the offline test can fail).

``WORKSHOP_OFFLINE_MODE=guard`` forces the socket guard (to test the fallback).

Run as a script, this module is the part that executes inside the sandbox:
``python tests/notebook_runs.py --probe|--no-probe OUT_DIR NOTEBOOK...``.
"""
from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))   # run as a script inside the sandbox
from tools.paths import NOTEBOOKS, REPO, SOLUTIONS  # noqa: E402
from tools.run import run_notebook  # noqa: E402  (shared with the tests and benchmarks)
TIMEOUT = 600                      # seconds per cell
PROBE_NAME = "_network_probe.ipynb"
PROBE_MARKER = "NETWORK_PROBE"
PROBE_SOURCE = f'''\
import socket
for _what, _attempt in [
    ("connect to 192.0.2.1:80", lambda: socket.create_connection(("192.0.2.1", 80), timeout=3).close()),
    ("resolve pypi.org", lambda: socket.getaddrinfo("pypi.org", 443)),
]:
    try:
        _attempt()
        print("{PROBE_MARKER}", _what, "SUCCEEDED")
    except OSError as _error:
        print("{PROBE_MARKER}", _what, "blocked:", type(_error).__name__)
'''

# Injected as sitecustomize.py (on PYTHONPATH) when no network namespace can be made.
GUARD_SOURCE = '''\
"""Offline guard for the workshop's tests: only loopback and local sockets may connect."""
import ipaddress
import socket

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _is_local(address):
    if not isinstance(address, tuple):          # AF_UNIX paths and the like
        return True
    host = address[0]
    if isinstance(host, bytes):
        host = host.decode()
    if host is None or host in _LOCAL_NAMES:      # getaddrinfo(None, port): a local bind
        return True
    if not isinstance(host, str):
        return False
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


class NetworkBlocked(OSError):
    pass


def _blocked(address):
    raise NetworkBlocked(f"network access blocked by the workshop's offline test: {address!r}")


_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
_sendto, _getaddrinfo = socket.socket.sendto, socket.getaddrinfo


def connect(self, address):
    if not _is_local(address):
        _blocked(address)
    return _connect(self, address)


def connect_ex(self, address):
    if not _is_local(address):
        _blocked(address)
    return _connect_ex(self, address)


def sendto(self, data, *args):
    if not _is_local(args[-1]):
        _blocked(args[-1])
    return _sendto(self, data, *args)


def getaddrinfo(host, *args, **kwargs):
    if not _is_local((host,)):
        _blocked(host)
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
socket.getaddrinfo = getaddrinfo
'''


def solution_paths():
    return sorted(SOLUTIONS.glob("*.ipynb"))




# --------------------------------------------------------------------------
# Executing (inside the sandbox)
# --------------------------------------------------------------------------
def execute_copy(path, timeout=TIMEOUT, allow_errors=True):
    """Execute a temporary copy of the notebook at ``path``; returns the executed notebook."""
    import nbformat

    with tempfile.TemporaryDirectory(prefix="workshop-run-") as tmp:
        copy = Path(tmp) / Path(path).name
        shutil.copyfile(path, copy)
        nb = nbformat.read(copy, as_version=4)
        with open(Path(tmp) / "kernel.log", "w", encoding="utf-8") as log:
            run_notebook(nb, tmp, timeout=timeout, allow_errors=allow_errors, stderr=log)
    return nb


def _probe_notebook(directory):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_code_cell(PROBE_SOURCE))
    path = Path(directory) / PROBE_NAME
    nbformat.write(nb, path)
    return path


def _run_inside(out_dir, notebooks, probe):
    """Execute the notebooks (and the probe); write the executed notebooks to out_dir."""
    import nbformat

    out_dir = Path(out_dir)
    for path in ([_probe_notebook(out_dir)] if probe else []) + [Path(p) for p in notebooks]:
        target = out_dir / (path.name + ".result.json")
        for attempt in (1, 2):
            try:
                nb = execute_copy(path)
                target.write_text(json.dumps({"notebook": nbformat.writes(nb), "attempts": attempt}),
                                  encoding="utf-8")
                break
            except Exception as error:  # a dead kernel or a timeout: report it for this notebook
                # A kernel that never answers (seen once in a while, with no CPU used and nothing
                # logged) is the machine's, not the notebook's: one fresh kernel more, then report.
                if attempt == 1 and type(error).__name__ in ("CellTimeoutError", "DeadKernelError"):
                    continue
                target.write_text(json.dumps({"error": f"{type(error).__name__}: {error}"[:2000]}),
                                  encoding="utf-8")


# --------------------------------------------------------------------------
# Choosing and entering the sandbox (from the test process)
# --------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def network_namespace_available():
    """Can we run a command in a new network namespace with loopback up?"""
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    try:
        done = subprocess.run(["unshare", "--net", "ip", "link", "set", "lo", "up"],
                              capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


@functools.lru_cache(maxsize=None)
def offline_run(path):
    """The notebook at ``path`` executed offline: a notebook node, or an error string.

    Cached: the determinism and offline tests share one execution per notebook.
    """
    path = Path(path)
    return offline_runs((path,))["notebooks"][path.name]


@functools.lru_cache(maxsize=None)
def sandbox():
    """(mode, the probe notebook executed in the sandbox, or an error string)."""
    runs = offline_runs((), probe=True)
    return runs["mode"], runs["probe"]


def offline_mode():
    forced_guard = os.environ.get("WORKSHOP_OFFLINE_MODE") == "guard"   # to test the fallback
    if not forced_guard and network_namespace_available():
        return "network namespace (unshare --net, loopback only)"
    return "socket guard (sitecustomize on PYTHONPATH: non-loopback connections fail)"


def offline_runs(paths, probe=False):
    """Execute the notebooks (and the network probe) in one sandboxed process.

    Returns ``{"mode": ..., "probe": probe notebook or error (if probe),
    "notebooks": {file name: executed notebook (nbformat node) or an error string}}``.
    """
    import nbformat

    paths = tuple(Path(p) for p in paths)
    script = [sys.executable, str(Path(__file__).resolve()), "--probe" if probe else "--no-probe"]
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)      # the kernels must draw inline, as in Jupyter (other tests set Agg)
    with tempfile.TemporaryDirectory(prefix="workshop-offline-") as out:
        mode = offline_mode()
        if mode.startswith("network namespace"):
            command = ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "sh",
                       *script, out, *map(str, paths)]
        else:
            guard_dir = Path(out) / "guard"
            guard_dir.mkdir()
            (guard_dir / "sitecustomize.py").write_text(GUARD_SOURCE, encoding="utf-8")
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(guard_dir), env.get("PYTHONPATH")]))
            command = [*script, out, *map(str, paths)]
        with open(Path(out) / "runner.log", "w+", encoding="utf-8") as log:
            done = subprocess.run(command, env=env, cwd=out, stdout=log, stderr=subprocess.STDOUT,
                                  timeout=TIMEOUT * 4)
            log.seek(0)
            runner_log = log.read()
        results = {}
        for path in ([Path(PROBE_NAME)] if probe else []) + list(paths):
            result_file = Path(out) / (path.name + ".result.json")
            if not result_file.exists():
                results[path.name] = (f"no result (runner exit status {done.returncode}): "
                                      + runner_log.strip()[-1500:])
                continue
            data = json.loads(result_file.read_text(encoding="utf-8"))
            if data.get("attempts", 1) > 1:     # said in pytest's warnings summary, never hidden
                import warnings
                warnings.warn(f"{path.name}: the first kernel never answered; it ran in a second one")
            results[path.name] = (nbformat.reads(data["notebook"], as_version=4)
                                  if "notebook" in data else data["error"])
    return {"mode": mode, "probe": results.pop(PROBE_NAME, None), "notebooks": results}


# --------------------------------------------------------------------------
# Comparing outputs
# --------------------------------------------------------------------------
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
IGNORE_TAG = "NBVAL_IGNORE_OUTPUT"   # a cell whose output legitimately changes run to run (timings)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def text_outputs(cell):
    """The text a code cell showed: stream text, text/plain results, errors.

    Consecutive stream outputs of the same stream are joined (how text is
    split into messages depends on timing); memory addresses are masked, and so
    is the value of a *passing* gradient check's relative error: far below its
    tolerance it is rounding noise (1.2e-09 in one run, 2.9e-09 in the next, as
    numpy's sums depend on memory alignment), while the tolerance and the ✔ are kept.
    """
    items = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            text = _text(output.get("text"))
            if items and items[-1][0] == output.get("name"):
                items[-1] = (items[-1][0], items[-1][1] + text)
            else:
                items.append((output.get("name"), text))
        elif kind in ("execute_result", "display_data"):
            data = output.get("data", {})
            if "text/plain" in data:
                items.append(("text/plain", _text(data["text/plain"])))
        elif kind == "error":
            items.append(("error", f"{output.get('ename')}: {ANSI.sub('', output.get('evalue', ''))}"))
    return [(kind, PASSING_GRADIENT_ERROR.sub(r"\1…\2", ADDRESS.sub("0x…", text))) for kind, text in items]


PASSING_GRADIENT_ERROR = re.compile(r"(✔ [^\n]*relative error )[0-9.]+e[-+]\d+( \(below )")


def memory_addresses(cell):
    """Memory addresses (0x7f…) that appear in the cell's text outputs (unmasked)."""
    found = []
    for output in cell.get("outputs", []):
        texts = [_text(output.get("text"))] + [_text(output.get("data", {}).get("text/plain"))]
        for text in texts:
            found += ADDRESS.findall(text)
    return found


if __name__ == "__main__":
    _run_inside(sys.argv[2], sys.argv[3:], probe=sys.argv[1] == "--probe")
    # The results are written. Leave without interpreter clean-up: with the socket
    # guard loaded, clean-up can wait forever on the closed kernels' ZMQ context.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
