"""A room of simulated learners on a real JupyterHub on 127.0.0.1 (the room test and benchmark).

    from hub_room import run_room
    result = run_room(learners=4, think=1.0)

What it does, as a meetup's hub would see it:

* starts JupyterHub (from PyPI) with ``deploy/jupyterhub_config.py`` loaded and,
  on top, test-only settings: every address on 127.0.0.1, a shared-password
  authenticator, local-process single-user servers (all as this user, each with
  its own home folder under a temporary directory), ``configurable-http-proxy``
  from npm (``deploy/node_modules``, see ``.ci/run``);
* each learner, in its own thread and all at once: logs in through the hub's
  login form, gets a token, starts its server, saves its copies of notebooks
  01-04 through the contents API (as after editing and saving: see
  ``learner_notebook`` for the four kinds of learner), then for each notebook
  opens a session (a kernel), runs every code cell in order over the kernel
  WebSocket with ``think`` seconds between cells, moves the notebook's widgets
  as the browser does (a ``comm_msg`` update of the control's state) and shuts
  the kernel down;
* measures, per learner: the peak memory (RSS of its single-user server plus its
  kernels, sampled every 0.25 s), the kernel's CPU-seconds per notebook, the
  latency of every check cell (``execute_request`` sent to the kernel's ``idle``
  for it) and of every widget move (``comm_msg`` sent to ``idle``: the callback,
  the redraw and the new image sent);
* stops everything it started (hub, proxy, servers, kernels), even on failure,
  and removes the temporary directory unless ``keep=True``.

Everything is bounded: ``timeout`` seconds for the whole room, 120 s per cell.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent   # as tools.paths.REPO (this file also runs as a script)
DEPLOY = REPO / "deploy"
SOLUTIONS = REPO / "solutions"
NOTEBOOKS = REPO / "notebooks"
ROOM_NOTEBOOKS = ("01", "02", "03", "04")
PROFILES = ("done", "wrong", "behind", "caught up")
FOLDER = "workshop"          # where each learner's copy lives in its home (nbgitpuller's targetpath)
CELL_TIMEOUT = 120

# The kinds of learner (see learner_notebook). For "wrong": the mistake put into a solution, by
# notebook: (exercise, the solution's text, the mistaken text). Both are the talk's own errata.
MISTAKES = {
    "01": ("add_bias", "np.hstack([np.ones((X.shape[0], 1)), X])",
           "np.hstack([X, np.ones((X.shape[0], 1))])"),
    "04": ("output_delta", "return (p - y) / len(y)", "return (y - p) / len(y)"),
}
BEHIND_FROM = {"03": 3, "04": 0}       # "behind": exercises from this index on are left unfinished
CATCH_UP = {"02": "binary_cross_entropy", "04": "mlp_backward"}   # "caught up": these via catch_up


# --------------------------------------------------------------------------------------------
# The learners' notebooks
# --------------------------------------------------------------------------------------------
def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _is_exercise(cell):
    return "exercise" in cell.get("metadata", {}).get("tags", [])


def _without_markers(source):
    return "\n".join(line for line in source.splitlines()
                     if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def notebook_path(folder, number):
    matches = sorted(Path(folder).glob(f"{number}_*.ipynb"))
    if not matches:
        raise FileNotFoundError(f"no notebook {number}_*.ipynb in {folder}")
    return matches[0]


def learner_notebook(number, profile):
    """Notebook ``number`` as a learner of ``profile`` has it saved (an nbformat dict).

    It starts from the learner version in notebooks/ (what nbgitpuller gives); the
    exercise cells are then filled with the solution's code, except:

    * ``"wrong"``: one exercise holds a mistake from the talk's errata (MISTAKES);
    * ``"behind"``: 01 and 02 done, 03 half done, 04 not started (BEHIND_FROM);
    * ``"caught up"``: one exercise of 02 and of 04 left unfinished, with the
      catch-up line the check's message offers in a new cell after it (CATCH_UP).
    """
    from utils.checks import for_notebook       # noqa: PLC0415  (the workshop's own package)
    learner = json.loads(notebook_path(NOTEBOOKS, number).read_text(encoding="utf-8"))
    solution = json.loads(notebook_path(SOLUTIONS, number).read_text(encoding="utf-8"))
    learner_code = [c for c in learner["cells"] if c["cell_type"] == "code"]
    solution_code = [c for c in solution["cells"] if c["cell_type"] == "code"]
    assert len(learner_code) == len(solution_code), f"{number}: code cells differ in number"
    exercises = for_notebook(notebook_path(NOTEBOOKS, number).stem).exercises
    exercise_index = 0
    for cell, answer in zip(learner_code, solution_code):
        if not _is_exercise(cell):
            continue
        source = _without_markers(_source(answer))
        defines = set(re.findall(r"^def (\w+)\(", source, re.MULTILINE))
        if profile == "behind" and exercise_index >= BEHIND_FROM.get(number, 10**6):
            source = None
        if profile == "wrong" and number in MISTAKES and MISTAKES[number][0] in defines:
            _, right, wrong = MISTAKES[number]
            assert right in source, f"{number}: the solution no longer reads {right!r}"
            source = source.replace(right, wrong)
        if profile == "caught up" and CATCH_UP.get(number) in defines:
            line = exercises.catch_up_hint(CATCH_UP[number])     # the line the check's message offers
            index = learner["cells"].index(cell)
            learner["cells"].insert(index + 1, {
                "cell_type": "code", "execution_count": None, "id": f"catch-up-{number}",
                "metadata": {}, "outputs": [], "source": line})
            source = None
        if source is not None:
            cell["source"] = source
        exercise_index += 1
    return learner


def profile_of(index, profiles=PROFILES):
    return profiles[index % len(profiles)]


def write_homes(root, learners, notebooks=ROOM_NOTEBOOKS, profiles=PROFILES, own_words=True):
    """Homes of ``learners`` under ``root`` as the room's learners save them, without a hub
    (for the room view's tests and timings): learner-1 ... learner-N, each of
    ``profiles`` in turn, the notebooks in <home>/workshop/notebooks/.

    ``own_words``: every learner's answers differ a little (a comment of their own in each
    exercise cell), as in a real room, so no two notebooks are checked as one.
    """
    homes = []
    for i in range(learners):
        name = f"learner-{i + 1}"
        folder = Path(root) / name / FOLDER / "notebooks"
        folder.mkdir(parents=True, exist_ok=True)
        for number in notebooks:
            notebook = learner_notebook(number, profile_of(i, profiles))
            if own_words:
                for cell in notebook["cells"]:
                    if _is_exercise(cell):
                        cell["source"] = f"# {name}'s answer\n" + _source(cell)
            path = folder / notebook_path(NOTEBOOKS, number).name
            path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
        homes.append(Path(root) / name)
    return homes


# --------------------------------------------------------------------------------------------
# The hub
# --------------------------------------------------------------------------------------------
def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def find_proxy():
    """configurable-http-proxy: $WORKSHOP_CHP, deploy/node_modules (.ci/run installs it), PATH."""
    for candidate in (os.environ.get("WORKSHOP_CHP"),
                      DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy",
                      shutil.which("configurable-http-proxy")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    return None


TEST_CONFIG = '''\
# Test-only settings on top of deploy/jupyterhub_config.py (written by tools/hub_room.py).
import json
c = get_config()  # noqa: F821
load_subconfig({deploy_config!r})  # noqa: F821

# Everything on 127.0.0.1, on free ports; state in the temporary directory.
c.JupyterHub.bind_url = "http://127.0.0.1:{public}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{tmp}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{tmp}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{tmp}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# TEST ONLY: one shared password for everybody. Never on a real hub (anyone who knows
# it can log in as anyone); deploy/jupyterhub_config.py uses FirstUseAuthenticator.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password!r}
c.Authenticator.allow_all = True

# Local processes, all as this user, each learner with its own home under the tmp dir.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = list(c.Spawner.args) + ["--allow-root", "--ServerApp.ip=127.0.0.1"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = dict(c.Spawner.environment, PYTHONNOUSERSITE="1")
c.JupyterHub.concurrent_spawn_limit = 0

# The test's own service: an admin token to create learner tokens and start servers.
c.JupyterHub.services = list(c.JupyterHub.services) + [{{"name": "room-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = list(c.JupyterHub.load_roles) + [{{
    "name": "room-test", "services": ["room-test"],
    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users"],
}}]
'''


class Hub:
    """A JupyterHub on 127.0.0.1 with everything under ``tmp``; a context manager."""

    def __init__(self, tmp, start_timeout=60):
        self.tmp = Path(tmp)
        self.homes = self.tmp / "homes"
        self.homes.mkdir(parents=True, exist_ok=True)
        proxy = find_proxy()
        if proxy is None:
            raise RuntimeError("configurable-http-proxy not found: npm install --prefix deploy "
                               "configurable-http-proxy (see .ci/run)")
        public, hub, proxy_api = free_ports(3)
        self.url = f"http://127.0.0.1:{public}"
        self.password = secrets.token_urlsafe(12)
        self.token = secrets.token_hex(24)
        singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
        config = self.tmp / "jupyterhub_config.py"
        config.write_text(TEST_CONFIG.format(
            deploy_config=str(DEPLOY / "jupyterhub_config.py"), public=public, hub=hub,
            proxy_api=proxy_api, proxy=proxy, tmp=self.tmp, password=self.password,
            homes=self.homes, singleuser=str(singleuser), token=self.token))
        self.log = open(self.tmp / "jupyterhub.log", "wb")
        env = dict(os.environ, PATH=f"{singleuser.parent}{os.pathsep}{os.environ.get('PATH', '')}")
        env.pop("MPLBACKEND", None)      # kernels draw inline, as in a real hub
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=self.tmp,
            stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        self.started = []                # every process seen under the hub, to stop at the end
        try:
            self._wait_ready(start_timeout)
        except BaseException:            # a hub that does not come up (or Ctrl+C) is stopped too
            self.stop()
            raise

    def _wait_ready(self, timeout):
        import requests
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited at start:\n{self.log_tail()}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"JupyterHub did not answer in {timeout} s:\n{self.log_tail()}")

    def log_tail(self, lines=30):
        self.log.flush()
        text = (self.tmp / "jupyterhub.log").read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def api(self, method, path, token=None, timeout=30, **kwargs):
        import requests
        response = requests.request(method, f"{self.url}/hub/api{path}", timeout=timeout,
                                    headers={"Authorization": f"token {token or self.token}"},
                                    **kwargs)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return response.json() if response.content else None

    def descendants(self):
        import psutil
        try:
            found = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            found = []
        known = {p.pid for p in self.started}
        self.started += [p for p in found if p.pid not in known]
        return found

    def stop(self):
        """SIGTERM the hub (it stops the servers and the proxy), then kill whatever is left."""
        import psutil
        self.descendants()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        alive = []
        for process in self.started:
            with contextlib.suppress(psutil.NoSuchProcess):
                if process.is_running():
                    process.terminate()
                    alive.append(process)
        _, still = psutil.wait_procs(alive, timeout=5)
        for process in still:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# --------------------------------------------------------------------------------------------
# A learner: REST for the hub and the contents, the kernel WebSocket for the cells
# --------------------------------------------------------------------------------------------
class Kernel:
    """A kernel's channels over Jupyter Server's WebSocket (the legacy JSON protocol)."""

    def __init__(self, ws_url, token, timeout=CELL_TIMEOUT):
        import websocket
        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(f"{ws_url}?session_id={self.session}",
                                              header=[f"Authorization: token {token}"],
                                              timeout=timeout, suppress_origin=True)
        self.timeout = timeout

    def _send(self, channel, msg_type, content):
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "channel": channel, "content": content, "metadata": {}, "parent_header": {},
            "header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session,
                       "username": "learner", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ"),
                       "version": "5.3"}}))
        return msg_id

    def _receive(self):
        frame = self.ws.recv()
        if isinstance(frame, bytes):          # a message with buffers: offsets, then the JSON
            count = int.from_bytes(frame[:4], "big")
            offsets = [int.from_bytes(frame[4 + 4 * i:8 + 4 * i], "big") for i in range(count)]
            end = offsets[1] if count > 1 else len(frame)
            frame = frame[offsets[0]:end].decode()
        return json.loads(frame)

    def _until_idle(self, msg_id):
        """The iopub messages in reply to ``msg_id``, up to the kernel's ``idle``."""
        deadline = time.monotonic() + self.timeout
        replies = []
        while time.monotonic() < deadline:
            msg = self._receive()
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            replies.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return replies
        raise TimeoutError(f"the kernel did not answer in {self.timeout} s")

    def execute(self, code, silent=False):
        """Run ``code``; returns (seconds to idle, the error's name or None, stdout text)."""
        start = time.perf_counter()
        msg_id = self._send("shell", "execute_request", {
            "code": code, "silent": silent, "store_history": not silent,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": False})
        replies = self._until_idle(msg_id)
        seconds = time.perf_counter() - start
        error = next((m["content"]["ename"] for m in replies if m["msg_type"] == "error"), None)
        text = "".join(m["content"]["text"] for m in replies
                       if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
        return seconds, error, text

    def widget_update(self, model_id, state):
        """Move a control as the browser does; seconds until the kernel is idle again."""
        start = time.perf_counter()
        msg_id = self._send("shell", "comm_msg", {
            "comm_id": model_id, "data": {"method": "update", "state": state, "buffer_paths": []}})
        replies = self._until_idle(msg_id)
        seconds = time.perf_counter() - start
        sent = sum(m["msg_type"] in ("comm_msg", "display_data", "update_display_data")
                   for m in replies)
        return seconds, sent

    def close(self):
        with contextlib.suppress(Exception):
            self.ws.close()


# Run silently after a notebook's cells: the controls of its widgets and the values a learner
# moves each one to (one step up and back), as {"model_id", "key", "values"}.
WIDGET_CONTROLS = r"""
import json as _json, math as _math
from utils import plotting as _plotting
def _moves(control):
    options = getattr(control, "_options_values", None)
    if options is not None:
        at = control.index
        return "index", [i for i in (at + 1, at - 1) if 0 <= i < len(options)][:1] + [at]
    value = control.value
    if isinstance(value, bool):
        return "value", [not value, value]
    if hasattr(control, "base"):
        e = _math.log(value, control.base)
        ups = [e2 for e2 in (e + control.step, e - control.step) if control.min - 1e-9 <= e2 <= control.max + 1e-9]
        return "value", [control.base ** e2 for e2 in ups[:1]] + [value]
    if hasattr(control, "step") and isinstance(value, (int, float)):
        ups = [v for v in (value + control.step, value - control.step) if control.min <= v <= control.max]
        return "value", ups[:1] + [value]
    return "value", []
_controls = []
for _w in _plotting.WIDGETS:
    for _c in list(_w.controls.values())[:2]:
        _key, _values = _moves(_c)
        if len(_values) > 1:
            _controls.append({"model_id": _c.model_id, "key": _key, "values": _values})
print("WIDGET-CONTROLS" + _json.dumps(_controls))
"""


class Learner(threading.Thread):
    def __init__(self, hub, name, profile, notebooks, think, deadline, sampler):
        super().__init__(name=f"learner-{name}", daemon=True)
        self.hub, self.user, self.profile = hub, name, profile
        self.notebooks, self.think, self.deadline, self.sampler = notebooks, think, deadline, sampler
        self.result = {"name": name, "profile": profile, "notebooks": {}, "check_seconds": [],
                       "widget_seconds": [], "error": None}

    def run(self):
        try:
            self._run()
        except Exception as error:  # reported in the result; the room test fails on it
            self.result["error"] = f"{type(error).__name__}: {error}"

    def _check_time(self):
        if time.monotonic() > self.deadline:
            raise TimeoutError("the room's time is up")

    def _run(self):
        import requests
        hub, name = self.hub, self.user
        start = time.perf_counter()
        login = requests.Session()               # the login form, as in the browser
        login.get(f"{hub.url}/hub/login", timeout=30)
        response = login.post(f"{hub.url}/hub/login", timeout=30, allow_redirects=False, data={
            "username": name, "password": hub.password, "_xsrf": login.cookies.get("_xsrf", "")})
        if response.status_code != 302 or "jupyterhub-hub-login" not in login.cookies:
            raise RuntimeError(f"login failed: {response.status_code}")
        self.result["login_seconds"] = time.perf_counter() - start
        token = hub.api("POST", f"/users/{name}/tokens", json={
            "note": "room test", "expires_in": 3600,
            "scopes": [f"access:servers!user={name}", f"read:users!user={name}"]})["token"]
        start = time.perf_counter()
        hub.api("POST", f"/users/{name}/server")
        while not hub.api("GET", f"/users/{name}").get("servers", {}).get("", {}).get("ready"):
            self._check_time()
            time.sleep(0.25)
        self.result["spawn_seconds"] = time.perf_counter() - start
        self.sampler.watch(name)
        base = f"{hub.url}/user/{name}/api"
        rest = requests.Session()
        rest.headers["Authorization"] = f"token {token}"

        def call(method, path, **kwargs):
            response = rest.request(method, f"{base}{path}", timeout=60, **kwargs)
            if response.status_code >= 400:
                raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:200]}")
            return response.json() if response.content else None

        for folder in (FOLDER, f"{FOLDER}/notebooks"):
            call("PUT", f"/contents/{folder}", json={"type": "directory"})
        paths = {}
        for number in self.notebooks:
            stem = notebook_path(NOTEBOOKS, number).stem
            paths[number] = f"{FOLDER}/notebooks/{stem}.ipynb"
            call("PUT", f"/contents/{paths[number]}", json={
                "type": "notebook", "format": "json",
                "content": learner_notebook(number, self.profile)})
        for number in self.notebooks:
            self._check_time()
            notebook = call("GET", f"/contents/{paths[number]}")["content"]   # as the browser opens it
            session = call("POST", "/sessions", json={
                "path": paths[number], "type": "notebook", "name": Path(paths[number]).name,
                "kernel": {"name": "python3"}})
            kernel_id = session["kernel"]["id"]
            ws_url = f"{base.replace('http://', 'ws://')}/kernels/{kernel_id}/channels"
            kernel = Kernel(ws_url, token)
            record = {"cells": 0, "errors": [], "check_outputs": []}
            started = time.perf_counter()
            try:
                for cell in notebook["cells"]:
                    if cell["cell_type"] != "code":
                        continue
                    self._check_time()
                    source = _source(cell)
                    seconds, error, text = kernel.execute(source)
                    record["cells"] += 1
                    if error:
                        record["errors"].append(error)
                    if source.lstrip().startswith("check.") and ".progress(" not in source:
                        self.result["check_seconds"].append(seconds)
                        record["check_outputs"].append(text.strip().splitlines()[:1])
                    time.sleep(self.think)
                record["seconds"] = time.perf_counter() - started
                _, _, text = kernel.execute(WIDGET_CONTROLS, silent=True)
                controls = json.loads(text.split("WIDGET-CONTROLS", 1)[1]) if "WIDGET-CONTROLS" in text else []
                record["widget_moves"] = 0
                for control in controls:
                    for value in control["values"][:2]:
                        self._check_time()
                        seconds, sent = kernel.widget_update(control["model_id"], {control["key"]: value})
                        if sent:
                            self.result["widget_seconds"].append(seconds)
                            record["widget_moves"] += 1
                        time.sleep(self.think)
                record["kernel_cpu_seconds"] = self.sampler.kernel_cpu(name, kernel_id)
            finally:
                kernel.close()
                call("DELETE", f"/sessions/{session['id']}")
            self.result["notebooks"][number] = record
        self.result["peak_rss_mb"] = self.sampler.peak_mb(name)


# --------------------------------------------------------------------------------------------
# Memory and CPU, from /proc through psutil
# --------------------------------------------------------------------------------------------
class Sampler(threading.Thread):
    """Every ``interval`` s: the RSS of each learner's server plus its kernels; peaks kept."""

    def __init__(self, hub, interval=0.25):
        super().__init__(name="sampler", daemon=True)
        self.hub, self.interval = hub, interval
        self.servers, self.peaks = {}, {}
        self.hub_peak = 0
        self.stopped = threading.Event()
        self.lock = threading.Lock()

    def watch(self, name):
        import psutil
        for process in self.hub.descendants():
            with contextlib.suppress(psutil.Error):
                if process.environ().get("JUPYTERHUB_USER") == name and \
                        "singleuser" in " ".join(process.cmdline()):
                    with self.lock:
                        self.servers[name] = process
                    return
        raise RuntimeError(f"no single-user server process found for {name}")

    def run(self):
        import psutil
        while not self.stopped.wait(self.interval):
            with self.lock:
                servers = dict(self.servers)
            for name, server in servers.items():
                with contextlib.suppress(psutil.Error):
                    rss = server.memory_info().rss + sum(
                        child.memory_info().rss for child in server.children(recursive=True))
                    self.peaks[name] = max(self.peaks.get(name, 0), rss)
            with contextlib.suppress(psutil.Error):
                hub = psutil.Process(self.hub.process.pid)
                others = [p for p in hub.children() if "singleuser" not in " ".join(p.cmdline())]
                rss = hub.memory_info().rss + sum(p.memory_info().rss for p in others)
                self.hub_peak = max(self.hub_peak, rss)
            self.hub.descendants()

    def kernel_cpu(self, name, kernel_id):
        import psutil
        with self.lock:
            server = self.servers.get(name)
        for child in server.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if any(kernel_id in part for part in child.cmdline()):
                    times = child.cpu_times()
                    return times.user + times.system
        return None

    def peak_mb(self, name):
        return self.peaks.get(name, 0) / 2**20

    def stop(self):
        self.stopped.set()


# --------------------------------------------------------------------------------------------
# The room
# --------------------------------------------------------------------------------------------
def percentile(values, q):
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * q / 100
    lower, upper = int(k), min(int(k) + 1, len(values) - 1)
    return values[lower] + (values[upper] - values[lower]) * (k - lower)


def run_room(learners, think=1.0, notebooks=ROOM_NOTEBOOKS, profiles=PROFILES, timeout=900,
             keep=False, after=None):
    """Run a room of ``learners``; returns a dict of measurements (see the module docstring).

    ``after(hub)``, if given, is called once every learner has finished, with the hub
    still running (the room test runs the room view there); its result is ``result["after"]``.
    """
    tmp = Path(tempfile.mkdtemp(prefix="workshop-room-"))
    result = {"learners": learners, "think": think, "notebooks": list(notebooks), "cpus": os.cpu_count()}
    started = time.perf_counter()
    try:
        with Hub(tmp) as hub:
            result["hub_start_seconds"] = time.perf_counter() - started
            sampler = Sampler(hub)
            sampler.start()
            deadline = time.monotonic() + timeout
            threads = [Learner(hub, f"learner-{i + 1}", profile_of(i, profiles), notebooks, think,
                               deadline, sampler) for i in range(learners)]
            try:
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(max(1.0, deadline - time.monotonic() + 30))
                result["wall_seconds"] = time.perf_counter() - started
                result["learner_results"] = [t.result for t in threads]
                result["hub_proxy_peak_mb"] = sampler.hub_peak / 2**20
                result["homes"] = str(hub.homes)
                if after is not None:
                    result["after"] = after(hub)
            finally:
                sampler.stop()
                if any(t.is_alive() for t in threads):
                    result.setdefault("errors", []).append("some learners were still running at the end")
            result["hub_log_tail"] = hub.log_tail(15)
        result["pids"] = [p.pid for p in hub.started]    # all stopped by now (Hub.stop)
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return summarise(result)


def summarise(result):
    learners = result.get("learner_results", [])
    checks = [s for r in learners for s in r["check_seconds"]]
    widgets = [s for r in learners for s in r["widget_seconds"]]
    done = [r for r in learners if r["profile"] == "done" and not r["error"]]
    result["summary"] = {
        "check_p50": percentile(checks, 50), "check_p95": percentile(checks, 95),
        "check_count": len(checks),
        "widget_p50": percentile(widgets, 50), "widget_p95": percentile(widgets, 95),
        "widget_count": len(widgets),
        "peak_rss_mb_max": max((r.get("peak_rss_mb", 0) for r in learners), default=None),
        "peak_rss_mb_median": statistics.median([r.get("peak_rss_mb", 0) for r in learners])
        if learners else None,
        "spawn_seconds_max": max((r.get("spawn_seconds", 0) for r in learners), default=None),
        "kernel_cpu_seconds": {
            number: statistics.mean(r["notebooks"][number]["kernel_cpu_seconds"] for r in done
                                    if r["notebooks"].get(number, {}).get("kernel_cpu_seconds"))
            for number in result["notebooks"]
            if any(r["notebooks"].get(number, {}).get("kernel_cpu_seconds") for r in done)},
        "errors": [f"{r['name']}: {r['error']}" for r in learners if r["error"]],
    }
    return result
