#!/usr/bin/env python3
"""One entry point for learners, instructors and CI. Needs only Python 3.11+.

For learners:

    python3 workshop.py lab        set up .venv (first time only), start JupyterLab and print
                                   the link to notebook 00 (open it if no browser window appears)
    python3 workshop.py progress   which exercises of your notebooks pass, fail, or are not started

For instructors and contributors:

    python3 workshop.py test       set up .venv with the test tools and run the whole test suite
    python3 workshop.py test --quick   only the unit and check tests (about a minute): the inner loop
    python3 workshop.py build      re-execute solutions/ and regenerate notebooks/
    python3 workshop.py bench      time every notebook and widget against the budgets
    python3 workshop.py room HOMES on a JupyterHub: per exercise, how many learners pass, fail, caught up
    python3 workshop.py links HUB  nbgitpuller links to every notebook for the hub at address HUB
    python3 workshop.py lock       refresh constraints.txt: newest versions, tested, then pinned

Set-up installs the exact versions in constraints.txt (the ones the test suite passed
with). `--latest` (or WORKSHOP_LATEST=1) installs the newest versions instead. With a
`wheelhouse/` folder next to this file (an offline kit), nothing is downloaded.

Extra arguments are passed on: `python3 workshop.py test -k gradcheck`,
`python3 workshop.py lab --port 8890`, `python3 workshop.py progress notebooks/02*.ipynb`.
"""
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent
VENV = Path(os.environ.get("WORKSHOP_VENV", REPO / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CONSTRAINTS = REPO / "constraints.txt"
WHEELHOUSE = REPO / "wheelhouse"
FIRST_NOTEBOOK = "notebooks/00_welcome_and_setup.ipynb"
LATEST = os.environ.get("WORKSHOP_LATEST") == "1"


def say(message):
    print(f"[workshop] {message}", flush=True)


def pip_install(python, args):
    """Run pip quietly: nothing on success, its whole output on failure."""
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", *args]
    if WHEELHOUSE.is_dir():
        command += ["--no-index", "--find-links", str(WHEELHOUSE)]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode:
        print(result.stdout, file=sys.stderr)
        sys.exit(f"[workshop] installing failed (pip's message above). Run `python3 workshop.py lab` "
                 "again once it is fixed; no network? Ask for the offline kit, or use the Binder link.")


def setup(requirements, venv_dir=None):
    """Create .venv and install requirements + utils, unless already done for these files."""
    if sys.version_info < (3, 11):
        sys.exit(f"[workshop] Python 3.11 or newer is needed; this is {sys.version.split()[0]}. "
                 "Install a newer Python, or use the Binder link in the README.")
    venv_dir = Path(venv_dir or VENV)
    if os.environ.get("WORKSHOP_NO_SETUP") == "1":      # the tests: use the environment as it is
        return
    python = venv_dir / PYTHON.relative_to(VENV)
    files = [REPO / requirements, REPO / "requirements.txt", REPO / "pyproject.toml"]
    if not LATEST and CONSTRAINTS.exists():
        files.append(CONSTRAINTS)
    stamp_text = hashlib.sha256(b"".join(f.read_bytes() for f in files)
                                + (b"latest" if LATEST else b"")).hexdigest()
    stamp = venv_dir / f".installed-{Path(requirements).stem}"
    if stamp.exists() and stamp.read_text() == stamp_text and python.exists():
        return
    start = time.monotonic()
    if not python.exists():
        say(f"creating a virtual environment in {venv_dir} ...")
        venv.create(venv_dir, with_pip=True)
    versions = "the newest versions" if LATEST or not CONSTRAINTS.exists() else "the tested versions"
    where = " from the offline kit's wheelhouse/" if WHEELHOUSE.is_dir() else ""
    say(f"installing {requirements} ({versions}{where}; a few minutes the first time) ...")
    if not WHEELHOUSE.is_dir():
        pip_install(python, ["--upgrade", "pip"])
    constraints = [] if LATEST or not CONSTRAINTS.exists() else ["-c", str(CONSTRAINTS)]
    pip_install(python, ["-r", str(REPO / requirements), *constraints, "-e", str(REPO)])
    stamp.write_text(stamp_text)
    say(f"set-up done in {time.monotonic() - start:.0f} s.")


def run(args):
    return subprocess.call([str(a) for a in args], cwd=REPO)


def test_arguments(rest):
    """pytest's arguments for `workshop.py test [--quick] [pytest arguments]`.

    The full run: every tier (tests/unit, tests/checks, tests/notebooks), on one worker per
    core (pytest-xdist). Tests are spread one by one, except those that share a kernel, a
    server or a cached execution, which tests/conftest.py keeps on one worker (`xdist_group`).
    The solutions run once each, offline, and their every printed line is compared with the
    committed outputs (tests/notebooks/test_determinism.py): that covers what nbval over
    solutions/ did, which is therefore not run again (`--nbval-lax --nbval-current-env solutions`
    still runs it).
    --quick: tests/unit and tests/checks only, the inner loop while you work.
    Paths or -k given after it choose the tests instead.
    """
    quick = "--quick" in rest
    rest = [a for a in rest if a != "--quick"]
    chosen = any(not a.startswith("-") and (REPO / a.split("::")[0]).exists() for a in rest)
    paths = [] if chosen else (["tests/unit", "tests/checks"] if quick else ["tests"])
    workers = [] if "-n" in rest or "-p" in rest else ["-n", os.environ.get("WORKSHOP_TEST_WORKERS", "auto"),
                                                       "--dist", "loadgroup"]
    return [*workers, *rest, *paths]


def port_is_free(port):
    with socket.socket() as s:
        if os.name != "nt":     # as the server binds: a closed connection's TIME_WAIT does not count
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(start=8888):
    return next(p for p in range(start, start + 100) if port_is_free(p))


def option(args, name):
    """The value of `--name=V` or `--name V` in args, or None."""
    for i, arg in enumerate(args):
        if arg.startswith(f"--{name}="):
            return arg.split("=", 1)[1]
        if arg == f"--{name}" and i + 1 < len(args):
            return args[i + 1]
    return None


def lab(rest):
    setup("requirements.txt")
    port = int(option(rest, "port") or free_port())
    token = secrets.token_urlsafe(24)
    url = f"http://127.0.0.1:{port}/lab/tree/{FIRST_NOTEBOOK}?token={token}"
    command = [str(BIN / "jupyter"), "lab", f"--ServerApp.root_dir={REPO}", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", "--ServerApp.log_level=WARN"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        say("you are root (Docker, WSL?): starting JupyterLab with --allow-root; "
            "on a shared computer, run this as an ordinary user instead.")
        command.append("--allow-root")
    command += [FIRST_NOTEBOOK, *[a for a in rest if not a.startswith("--port")
                                  and a != option(rest, "port")]]
    say("starting JupyterLab ...")
    child = subprocess.Popen(command, cwd=REPO)

    def forward(signum, frame):          # stopping workshop.py stops JupyterLab
        if child.poll() is None:
            child.send_signal(signum)
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), forward)
    deadline = time.monotonic() + 120
    while child.poll() is None and time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2).close()
            break
        except OSError:
            time.sleep(0.3)
    if child.poll() is None:
        say("JupyterLab is running. Stop it with Ctrl+C (twice) in this window.")
        say("Open notebook 00 with this link (if no browser window opened):")
        print(f"\n    {url}\n", flush=True)
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:   # pragma: no cover - the handler above takes SIGINT
            continue


def lock(rest):
    """Newest versions in a fresh venv; the test suite; then constraints.txt from pip freeze."""
    global LATEST
    LATEST = True
    with tempfile.TemporaryDirectory(prefix="workshop-lock-") as tmp:
        env_dir = Path(tmp) / "venv"
        setup("requirements-test.txt", env_dir)
        python = env_dir / PYTHON.relative_to(VENV)
        env = dict(os.environ, WORKSHOP_VENV=str(env_dir))
        if subprocess.call([str(python), "-m", "pytest", "-q", *test_arguments(rest)], cwd=REPO, env=env):
            sys.exit("[workshop] the test suite fails with the newest versions: constraints.txt is unchanged.")
        frozen = subprocess.run([str(python), "-m", "pip", "freeze", "--exclude-editable"],
                                capture_output=True, text=True, check=True).stdout
        version = subprocess.run([str(python), "-c", "import platform; print(platform.python_version())"],
                                 capture_output=True, text=True, check=True).stdout.strip()
    lines = sorted((l for l in frozen.splitlines() if "==" in l and not l.startswith("-e")),
                   key=str.lower)
    CONSTRAINTS.write_text(
        "# The exact versions the whole test suite passed with (`python3 workshop.py lock`,\n"
        f"# Python {version}, {time.strftime('%Y-%m-%d')}). `python3 workshop.py lab` installs these;\n"
        "# `--latest` or WORKSHOP_LATEST=1 installs the newest instead. environment.yml pins the\n"
        "# same versions of the direct dependencies and Python (tests/notebooks/test_binder.py).\n"
        + "\n".join(lines) + "\n", encoding="utf-8")
    say(f"wrote constraints.txt ({len(lines)} packages). Update environment.yml's pins (and its "
        f"python={'.'.join(version.split('.')[:2])}) to match.")
    return 0


def kit(rest):
    """dist/workshop-kit-<platform>.tar.gz: the workshop folder and a wheelhouse for this platform."""
    import platform
    import tarfile

    tag = f"{sys.platform}-{platform.machine()}-py{sys.version_info[0]}{sys.version_info[1]}"
    dist = REPO / "dist"
    with tempfile.TemporaryDirectory(prefix="workshop-kit-") as tmp:
        folder = Path(tmp) / REPO.name
        archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=REPO,
                                 capture_output=True, check=True).stdout
        folder.mkdir()
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        wheels = Path(os.environ.get("WORKSHOP_WHEELHOUSE", folder / "wheelhouse"))
        say(f"downloading the wheels for {tag} ...")
        subprocess.run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q",
                        "-r", str(REPO / "requirements.txt"), "-c", str(CONSTRAINTS),
                        "setuptools", "wheel", "-d", str(wheels), *rest], check=True)
        if wheels != folder / "wheelhouse":
            shutil.copytree(wheels, folder / "wheelhouse")
        dist.mkdir(exist_ok=True)
        target = dist / f"workshop-kit-{tag}.tar.gz"
        with tarfile.open(target, "w:gz") as tar:
            tar.add(folder, arcname=REPO.name)
    say(f"wrote {target.relative_to(REPO)}. Copy it to each laptop, unpack, `python3 workshop.py lab`.")
    say("For another platform, add pip's options, e.g. `python3 workshop.py kit --platform "
        "win_amd64 --python-version 3.12 --only-binary=:all:` (or build it on that platform).")
    return 0


def main(argv):
    global LATEST
    if "--latest" in argv:
        LATEST = True
        argv = [a for a in argv if a != "--latest"]
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command == "lab":
        return lab(rest)
    if command == "test":
        setup("requirements-test.txt")
        return run([PYTHON, "-m", "pytest", *test_arguments(rest)])
    if command == "progress":
        setup("requirements.txt")
        return run([PYTHON, "-m", "utils.notebook.progress", *rest])
    if command == "room":
        setup("requirements.txt")
        return run([PYTHON, "-m", "utils.notebook.room", *rest])
    if command == "links":
        return run([sys.executable, "-m", "tools.hub_links", *rest])
    if command == "build":
        setup("requirements-test.txt")
        return run([PYTHON, "-m", "tools.build_notebooks", "--execute", *rest])
    if command == "bench":
        setup("requirements-test.txt")
        return run([PYTHON, "benchmarks/run_benchmarks.py", *rest])
    if command == "lock":
        return lock(rest)
    if command == "kit":
        return kit(rest)
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
