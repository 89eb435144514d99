#!/usr/bin/env python3
"""One entry point for learners, instructors and CI. Needs only Python 3.11+.

    python3 workshop.py lab        set up .venv (first time only) and open JupyterLab
    python3 workshop.py test       set up .venv with the test tools and run the whole test suite
    python3 workshop.py progress   which exercises of your notebooks pass, fail, or are not started
    python3 workshop.py build      re-execute solutions/ and regenerate notebooks/ (instructors)
    python3 workshop.py bench      time every notebook and widget against the budgets
    python3 workshop.py room HOMES on a JupyterHub: per exercise, how many learners pass, fail, caught up
    python3 workshop.py links HUB  nbgitpuller links to every notebook for the hub at address HUB

Extra arguments are passed on: `python3 workshop.py test -k gradcheck`,
`python3 workshop.py lab --port 8890`, `python3 workshop.py progress notebooks/02*.ipynb`.
"""
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent
VENV = Path(os.environ.get("WORKSHOP_VENV", REPO / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message):
    print(f"[workshop] {message}", flush=True)


def setup(requirements):
    """Create .venv and install requirements + utils, unless already done for these files."""
    if sys.version_info < (3, 11):
        sys.exit(f"[workshop] Python 3.11 or newer is needed; this is {sys.version.split()[0]}. "
                 "Install a newer Python, or use the Binder link in the README.")
    files = [REPO / requirements, REPO / "requirements.txt", REPO / "pyproject.toml"]
    stamp_text = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{Path(requirements).stem}"
    if stamp.exists() and stamp.read_text() == stamp_text and PYTHON.exists():
        return
    if not PYTHON.exists():
        say(f"creating a virtual environment in {VENV} ...")
        venv.create(VENV, with_pip=True)
    say(f"installing {requirements} (a few minutes the first time) ...")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["--upgrade", "pip"], check=True)
    subprocess.run(pip + ["-r", str(REPO / requirements), "-e", str(REPO)], check=True)
    stamp.write_text(stamp_text)
    say("set-up done.")


def run(args):
    return subprocess.call([str(a) for a in args], cwd=REPO)


def main(argv):
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command == "lab":
        setup("requirements.txt")
        first = sorted((REPO / "notebooks").glob("0*.ipynb"))
        start = [f"notebooks/{first[0].name}"] if first else []
        say("starting JupyterLab; stop it with Ctrl+C. Open the link with the token it prints.")
        # serve the whole repository (solutions/ and data/ too), opening the first notebook
        return run([BIN / "jupyter", "lab", f"--ServerApp.root_dir={REPO}", *start, *rest])
    if command == "test":
        setup("requirements-test.txt")
        return run([PYTHON, "-m", "pytest", *rest])
    if command == "progress":
        setup("requirements.txt")
        return run([PYTHON, "-m", "utils.progress", *rest])
    if command == "room":
        setup("requirements.txt")
        return run([PYTHON, "-m", "utils.room", *rest])
    if command == "links":
        return run([sys.executable, "tools/hub_links.py", *rest])
    if command == "build":
        setup("requirements-test.txt")
        return run([PYTHON, "tools/build_notebooks.py", "--execute", *rest])
    if command == "bench":
        setup("requirements-test.txt")
        return run([PYTHON, "benchmarks/run_benchmarks.py", *rest])
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
