"""The Colab cell: the same first code cell in every notebook; on Colab it fetches the
workshop so that `utils` imports, anywhere else it does nothing.

Colab is played by a stand-in `google.colab` package on PYTHONPATH, GitHub by a
file:// clone of this repository, /content by a temporary folder.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tools import build_notebooks as bn

from tools.paths import REPO
NOTEBOOKS = sorted(REPO.glob("solutions/[0-9][0-9]_*.ipynb")) + sorted(REPO.glob("notebooks/[0-9][0-9]_*.ipynb"))
SOURCE = bn.colab_cell_source(bn.repository_slug())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name[:2]}")
def test_every_notebook_starts_with_the_same_colab_cell(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = next(c for c in cells if c["cell_type"] == "code")
    assert bn.COLAB_TAG in first.get("metadata", {}).get("tags", []), \
        f"{path.name}: the first code cell is not the Colab cell (run python3 workshop.py build)"
    assert bn._source(first) == SOURCE, f"{path.name}: the Colab cell differs from tools/build_notebooks.py's"
    assert "google.colab" in SOURCE and bn.repository_slug() in SOURCE


def run_cell(tmp_path, colab):
    folder = tmp_path / "content" / "workshop"
    code = (SOURCE.replace(f"https://github.com/{bn.repository_slug()}.git", REPO.as_uri())
                  .replace(f"/content/{bn.repository_slug().split('/')[1]}", str(folder)))
    code += "\nimport os, utils\nprint('cwd', os.getcwd())\nprint('utils', utils.__file__)\n"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    if colab:
        stand_in = tmp_path / "stand-in" / "google" / "colab"
        stand_in.mkdir(parents=True, exist_ok=True)
        (stand_in.parent / "__init__.py").write_text("")
        (stand_in / "__init__.py").write_text("")
        env["PYTHONPATH"] = str(tmp_path / "stand-in")
        code = "import google.colab\n" + code      # Colab imports it before any cell runs
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return folder, result.stdout


def test_on_colab_the_cell_fetches_the_workshop_and_utils_imports(tmp_path):
    folder, out = run_cell(tmp_path, colab=True)
    assert (folder / "utils" / "__init__.py").is_file()
    assert f"cwd {folder / 'notebooks'}" in out
    assert f"utils {folder / 'utils' / '__init__.py'}" in out
    assert "Save a copy in Drive" in out        # what Colab keeps and loses, where the learner sees it
    folder, again = run_cell(tmp_path, colab=True)   # run twice: no second clone, no error
    assert "utils" in again


def test_elsewhere_the_cell_does_nothing(tmp_path):
    folder, out = run_cell(tmp_path, colab=False)
    assert not folder.exists()
    assert f"cwd {tmp_path}" in out and "Colab" not in out
