"""Binder can build the workshop and open every notebook the README links to.

Binder (mybinder.org) builds environment.yml with conda, runs postBuild, and
starts JupyterLab in the repository's root. These tests check, offline, what
would otherwise only fail on the day: the two dependency lists agree, postBuild
installs the repository (so ``utils`` is importable from any folder), every
Binder link in the README opens a notebook that exists, and every learner
notebook's set-up cell runs from the folders Binder may use as working folder.
"""
import os
import re
import stat
from pathlib import Path
from urllib.parse import unquote

import pytest

from tools.paths import REPO
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
REQUIREMENT = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?P<spec>[<>=!~][^#;]*)?")
BINDER_LINK = re.compile(
    r"https://mybinder\.org/v2/gh/(?P<repo>[^/\s]+/[^/\s]+)/(?P<ref>[^?\s]+)"
    r"\?urlpath=(?P<urlpath>[^)\s\"'>\]]+)")


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_spec(spec):
    """A version range as a set of clauses: ">=1.26, <3" -> {">=1.26", "<3"}."""
    return {part.replace(" ", "") for part in (spec or "").split(",") if part.strip()}


def requirements_txt():
    packages = {}
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = REQUIREMENT.match(line)
        assert match, f"cannot read requirements.txt line {line!r}"
        packages[normalise(match["name"])] = parse_spec(match["spec"])
    return packages


def environment_yml():
    import yaml

    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert isinstance(env, dict) and "dependencies" in env, "environment.yml has no dependencies list"
    conda, pip = {}, {}
    for entry in env["dependencies"]:
        if isinstance(entry, dict):                       # a "pip:" sub-list
            for line in entry.get("pip", []):
                match = REQUIREMENT.match(line)
                pip[normalise(match["name"])] = parse_spec(match["spec"])
            continue
        match = REQUIREMENT.match(str(entry))
        assert match, f"cannot read environment.yml entry {entry!r}"
        conda[normalise(match["name"])] = parse_spec(match["spec"])
    return env, conda, pip


def constraints_txt():
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt line {line!r} is not name==version"
            pins[normalise(name)] = version.strip()
    return pins


def test_environment_yml_pins_the_tested_versions():
    """environment.yml (Binder) pins exactly the constraints.txt version of every requirement."""
    from packaging.specifiers import SpecifierSet

    env, conda, pip = environment_yml()
    assert "conda-forge" in env.get("channels", []), "environment.yml should use the conda-forge channel"
    python = conda.pop("python", None)
    assert python, "environment.yml should pin the Python version Binder uses"
    version = re.search(r"(\d+)\.(\d+)", " ".join(python))
    assert version and (int(version[1]), int(version[2])) >= (3, 11), \
        f"environment.yml's Python {python} is older than the workshop needs (3.11)"
    locked = re.search(r"Python (\d+)\.(\d+)", (REPO / "constraints.txt").read_text(encoding="utf-8"))
    assert locked, "constraints.txt's header should name the Python it was locked with ('Python 3.11.7')"
    assert (version[1], version[2]) == (locked[1], locked[2]), (
        f"environment.yml pins Python {' '.join(sorted(python))}, but constraints.txt was locked with Python "
        f"{locked[1]}.{locked[2]}: set python={locked[1]}.{locked[2]} in environment.yml (or lock again "
        "with that Python)")
    conda.pop("pip", None)
    listed = {**conda, **pip}
    wanted = requirements_txt()
    pins = constraints_txt()
    assert wanted, "requirements.txt lists no packages"
    missing = sorted(set(wanted) - set(listed))
    extra = sorted(set(listed) - set(wanted))
    assert not missing, f"in requirements.txt but not in environment.yml: {missing}"
    assert not extra, f"in environment.yml but not in requirements.txt: {extra}"
    unpinned = sorted(set(wanted) - set(pins))
    assert not unpinned, f"in requirements.txt but not pinned in constraints.txt: {unpinned}"
    outside = {name: (pins[name], sorted(wanted[name])) for name in wanted
               if pins[name] not in SpecifierSet(",".join(wanted[name]))}
    assert not outside, f"constraints.txt pins versions outside requirements.txt's ranges: {outside}"
    different = {name: (pins[name], sorted(listed[name])) for name in wanted
                 if listed[name] not in ({f"={pins[name]}"}, {f"=={pins[name]}"})}
    assert not different, f"environment.yml does not pin constraints.txt's versions (constraints, yml): {different}"


def test_constraints_cover_every_installed_dependency():
    """constraints.txt pins the test tools and the transitive dependencies too."""
    pins = constraints_txt()
    for name in ["pytest", "nbval", "jupyter-server", "jupyterlab-widgets", "tornado", "pyzmq"]:
        assert name in pins, f"constraints.txt does not pin {name}"


def test_postbuild_installs_the_repository():
    post_build = REPO / "postBuild"
    assert post_build.exists(), "postBuild is missing: Binder would not install utils/"
    assert post_build.stat().st_mode & stat.S_IXUSR, "postBuild must be executable (chmod +x postBuild)"
    text = post_build.read_text(encoding="utf-8")
    assert text.startswith("#!"), "postBuild needs a shebang line (#!/bin/bash)"
    commands = [line.split("#", 1)[0] for line in text.splitlines()[1:]]
    assert any(re.search(r"\bpip install\b.*(\s-e\s+|\s--editable\s+|\s)\.(\s|$)", line + " ")
               for line in commands), "postBuild does not `pip install` the repository (.)"


def readme_binder_links():
    readme = REPO / "README.md"
    assert readme.exists(), "README.md is missing: it holds the Binder links"
    return list(BINDER_LINK.finditer(readme.read_text(encoding="utf-8")))


def test_readme_binder_links_open_existing_notebooks():
    links = readme_binder_links()
    assert links, "README.md has no Binder link (https://mybinder.org/v2/gh/OWNER/REPO/REF?urlpath=...)"
    repositories = {link["repo"] for link in links}
    assert len(repositories) == 1, f"the Binder links point at different repositories: {sorted(repositories)}"
    assert "OWNER/REPO" not in repositories, "the Binder links still say OWNER/REPO"
    declared = re.search(r"<!-- repository: https://github\.com/([^/\s]+/[^/\s]+?) -->",
                         (REPO / "README.md").read_text(encoding="utf-8"))
    if declared:
        assert repositories == {declared[1]}, \
            f"the Binder links point at {sorted(repositories)}, the README's repository line at {declared[1]}"
    notebook_links = []
    for link in links:
        urlpath = unquote(link["urlpath"])
        if urlpath in ("lab", "lab/", "lab/tree", "lab/tree/", "lab/tree/notebooks", "lab/tree/notebooks/"):
            continue                                    # a link to the whole workshop
        match = re.fullmatch(r"lab/tree/(notebooks/[^/?#&]+\.ipynb)", urlpath)
        assert match, f"Binder link {link[0]!r} should open lab/tree/notebooks/<file>.ipynb"
        notebook_links.append(match[1])
    assert notebook_links, "README.md has no Binder link to a notebook (?urlpath=lab/tree/notebooks/...)"
    broken = [path for path in notebook_links if not (REPO / path).is_file()]
    assert not broken, f"Binder links to notebooks that do not exist: {broken}"


@pytest.mark.parametrize("cwd", ["notebooks", "."], ids=["cwd=notebooks", "cwd=repo-root"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_setup_cell_runs_from_binder_working_folders(path, cwd):
    import nbformat
    from tools.run import run_notebook

    nb = nbformat.read(path, as_version=4)
    setup = next(cell for cell in nb.cells if cell.cell_type == "code"
                 and "colab-setup" not in cell.metadata.get("tags", []))
    single = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(setup.source)],
                                      metadata=nb.metadata)
    single.cells.append(nbformat.v4.new_code_cell(
        "import os, utils\nprint(os.getcwd())\nprint(utils.load_dataset('night_out')[0].shape)"))
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    run_notebook(single, (REPO / cwd).resolve(), timeout=120, allow_errors=True, env=env)
    errors = [f"{o.ename}: {o.evalue}" for cell in single.cells for o in cell.outputs if o.output_type == "error"]
    assert not errors, f"{path.name}'s set-up cell fails with the working folder {cwd}: {errors}"
    stderr = [o.text for cell in single.cells for o in cell.outputs
              if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, f"{path.name}'s set-up cell prints to stderr: {stderr}"
    printed = "".join(o.text for o in single.cells[1].outputs if o.output_type == "stream")
    assert str((REPO / cwd).resolve()) in printed, printed
