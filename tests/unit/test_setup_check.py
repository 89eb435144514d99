"""The set-up check: one line per item, and a clear message when something is missing or old."""
import importlib.metadata
import io
import subprocess
import sys

from utils import setup_check


def real_versions(overrides):
    """A version lookup like importlib.metadata.version, with some packages replaced.

    An override of None simulates a package that is not installed.
    """
    def version_of(name):
        if name in overrides:
            if overrides[name] is None:
                raise importlib.metadata.PackageNotFoundError(name)
            return overrides[name]
        return importlib.metadata.version(name)
    return version_of


def by_item(results):
    return {item: (ok, message) for item, ok, message in results}


def test_everything_passes_in_the_test_environment():
    results = setup_check.run_checks()
    items = [item for item, _, _ in results]
    assert items == ["Python", "numpy", "matplotlib", "ipywidgets", "workshop utils",
                     "test plot", "test widget"]
    failed = [(item, message) for item, ok, message in results if not ok]
    assert not failed, failed


def test_the_report_prints_one_line_per_item_then_a_verdict():
    buffer = io.StringIO()
    assert setup_check.print_report(setup_check.run_checks(), file=buffer) is True
    lines = buffer.getvalue().splitlines()
    checks = [line for line in lines if line.startswith(("✔", "✘"))]
    assert len(checks) == 7 and all(line.startswith("✔") for line in checks)
    assert f"numpy {importlib.metadata.version('numpy')}" in buffer.getvalue()
    assert "All set" in lines[-1]


def test_a_missing_package_is_reported_with_the_fix():
    results = setup_check.run_checks(version_of=real_versions({"numpy": None}))
    ok, message = by_item(results)["numpy"]
    assert not ok
    assert "numpy is not installed" in message
    assert "workshop.py lab" in message and "restart the kernel" in message
    # the others are unaffected
    assert by_item(results)["matplotlib"][0] and by_item(results)["Python"][0]
    buffer = io.StringIO()
    assert setup_check.print_report(results, file=buffer) is False
    text = buffer.getvalue()
    assert "✘ numpy is not installed" in text
    assert "1 problem(s): numpy" in text


def test_an_old_package_is_reported_with_the_version_needed():
    results = by_item(setup_check.run_checks(version_of=real_versions({"matplotlib": "3.5.2"})))
    ok, message = results["matplotlib"]
    assert not ok
    assert "matplotlib 3.5.2 is too old" in message and ">= 3.8" in message


def test_an_old_python_is_reported():
    ok, message = by_item(setup_check.run_checks(version_info=(3, 9, 7)))["Python"]
    assert not ok
    assert "Python 3.9.7 is too old" in message and "3.11" in message and "Binder" in message
    ok, message = by_item(setup_check.run_checks(version_info=(3, 13, 0)))["Python"]
    assert ok and message == "Python 3.13.0"


def test_missing_widget_frontend_explains_the_text_instead_of_a_slider():
    results = by_item(setup_check.run_checks(version_of=real_versions({"jupyterlab_widgets": None})))
    ok, message = results["test widget"]
    assert not ok
    assert "jupyterlab_widgets" in message
    assert "SAME environment as JupyterLab" in message
    assert "restart JupyterLab" in message and "Binder" in message


def test_version_comparison():
    at_least = setup_check._at_least
    assert at_least("1.26.4", "1.26") and at_least("2.0.0", "1.26") and at_least("1.26", "1.26.0")
    assert not at_least("1.25.2", "1.26") and not at_least("1.9", "1.26")
    assert at_least("8.1.5", "8.1") and at_least("3.10.0rc1", "3.8")
    assert setup_check.parse_version("1.26.4rc1") == (1, 26, 4)
    assert setup_check.parse_version("2.1.0.dev0+g1234") == (2, 1, 0)


def test_the_lower_bounds_agree_with_requirements_txt():
    from tools.paths import REPO
    text = (REPO / "requirements.txt").read_text()
    for name, minimum in setup_check.REQUIRED.items():
        assert f"{name}>={minimum}" in text.replace(" ", ""), name


def test_runs_from_the_command_line():
    done = subprocess.run([sys.executable, "-m", "utils.notebook.setup_check"], capture_output=True,
                          text=True, env={"MPLBACKEND": "Agg", "PATH": ""}, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✔ Python" in done.stdout and "All set" in done.stdout
    assert "Warning" not in done.stderr


def test_where_it_runs_says_what_is_kept_and_lost():
    line = setup_check.where_line
    assert "Binder" in line({"BINDER_LAUNCH_HOST": "https://mybinder.org/"}, {}) \
        and "nothing is saved after the session ends; download your notebook" in line({"BINDER_SERVICE_HOST": "x"}, {})
    assert "Colab" in line({}, {"google.colab": object()}) and "Save a copy in Drive" in line({}, {"google.colab": 1})
    assert "JupyterHub" in line({"JUPYTERHUB_USER": "ada"}, {})
    assert "your computer" in line({}, {})
    assert setup_check.where_it_runs({}, {}) == "local"
