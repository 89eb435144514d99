"""pyproject.toml: installing the workshop (editable, as workshop.py and postBuild do) prints no warning.

Measured with pip 26.3 and the newest setuptools (pip's isolated build): before
`package-dir = {"" = "."}`, every first set-up printed a BuildBackendWarning
("Please be careful with folders in your working directory with the same name
as your package") from the import hook setuptools installs for a flat layout
(its ``_TopLevelFinder``). With the packages' root declared as the repository and
every package in its own folder under it, setuptools takes its plain strategy
instead (``_StaticPth``: one .pth line, no warning). This test checks that
condition as setuptools' ``editable_wheel._select_strategy`` states it, without
building (the venv's own setuptools is too old to build editable wheels).
"""
import tomllib

from tools.paths import REPO


def test_editable_install_takes_setuptools_plain_pth_strategy():
    from setuptools.command.editable_wheel import _simple_layout
    from setuptools.discovery import PackageFinder

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    package_dir = config.get("package-dir", {})
    assert set(package_dir) == {""}, ("pyproject.toml needs [tool.setuptools] package-dir = {\"\" = \".\"}: "
                                      "without it an editable install warns (BuildBackendWarning)")
    packages = PackageFinder.find(str(REPO / package_dir[""]), include=config["packages"]["find"]["include"])
    assert packages and all(p == "utils" or p.startswith("utils.") for p in packages), packages
    assert _simple_layout(packages, package_dir, REPO)
