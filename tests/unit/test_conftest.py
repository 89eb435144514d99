"""tests/conftest.py's worker groups, and the full run's arguments (workshop.py)."""
import importlib.util

from tests import conftest
from tools.paths import REPO


def test_groups_keep_shared_work_together_and_spread_the_rest():
    group = conftest.xdist_group
    # one solution's determinism and offline tests share its one execution
    assert group("tests/notebooks/test_determinism.py::test_fresh_run_prints_what_the_committed_notebook_printed"
                 "[05_training_in_practice]") == \
        group("tests/notebooks/test_offline.py::test_solution_runs_offline[05_training_in_practice]") == \
        "solution-05_training_in_practice"
    assert group("tests/notebooks/test_offline.py::test_solution_runs_offline[06_convolutional_networks]") != \
        "solution-05_training_in_practice"
    # a file with a module-scoped server stays on one worker; independent kernels spread
    assert group("tests/notebooks/test_browser.py::test_a[01]") == group("tests/notebooks/test_browser.py::test_b")
    # the browser test, the longest, in three parts that can run side by side
    lab = "tests/notebooks/test_browser.py::test_notebook_runs_in_jupyterlab[{}.ipynb]"
    parts = {group(lab.format("02_x")), group(lab.format("06_x")),
             group("tests/notebooks/test_browser.py::test_notebook_runs_in_notebook7[04_x.ipynb]")}
    assert len(parts) == 3 and parts <= set(conftest.LONGEST)
    a, b = (f"tests/notebooks/test_notebooks.py::test_learner_notebook_run_unedited[{n}]" for n in ("01", "02"))
    assert group(a) != group(b)
    assert all(not name.startswith("tests/") or (REPO / name).exists() for name in conftest.LONGEST), \
        "tests/conftest.py's LONGEST names a test file that does not exist"


def test_the_full_run_is_tests_on_grouped_workers():
    spec = importlib.util.spec_from_file_location("workshop_cli", REPO / "workshop.py")
    workshop = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(workshop)
    args = workshop.test_arguments([])
    assert args[-1:] == ["tests"] and "--dist" in args and args[args.index("--dist") + 1] == "loadgroup"
    assert workshop.test_arguments(["--quick"])[-2:] == ["tests/unit", "tests/checks"]
