"""Shared fixtures, and which tests must share a worker under pytest-xdist.

`python3 workshop.py test` runs with ``--dist loadgroup``, scheduled by
``pytest_xdist_make_scheduler`` below: a group of tests runs on one worker,
groups spread over the workers as they come free. The groups:

* by default a test file: a module-scoped fixture (a JupyterLab server, a
  JupyterHub, a trained model) is then made once, not once per worker;
* the determinism and offline tests of one solution notebook (BY_NOTEBOOK), one
  group per notebook: they share one cached execution
  (tests/notebooks/notebook_runs.py), and different notebooks run side by side;
* every test of the files in SPREAD on its own: each starts its own kernel and
  they share nothing;
* the browser test in three groups (BROWSER_GROUPS): JupyterLab on 00-03, JupyterLab
  on 04-08, Notebook 7; each worker that runs one starts its own server and Chromium
  (a few seconds), and the longest test of the suite no longer runs on one worker alone.

(xdist's own loadgroup marks its groups by a suffix on each test's node id, which
pytest 9 no longer takes: its ``xdist_group`` marks are silently ignored there. So
the groups are computed here, from the node ids, on the controlling process.)
"""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # `import tools` from every test
from tools.paths import REPO  # noqa: E402

SPREAD = {"tests/notebooks/test_notebooks.py", "tests/notebooks/test_binder.py"}
BY_NOTEBOOK = {"tests/notebooks/test_determinism.py", "tests/notebooks/test_offline.py"}
BROWSER = "tests/notebooks/test_browser.py"
BROWSER_GROUPS = ("browser-lab-00-03", "browser-lab-04-08", "browser-notebook7")
# Started first (measured on 2 cores, quiet, 2026-12-02: the browser test 4.2 min in all, 08 alone
# 55 s; the room test 105 s; the offline kit 80 s; solution 05's execution about 15 s).
LONGEST = [*BROWSER_GROUPS, "tests/notebooks/test_room.py", "tests/notebooks/test_offline_kit.py",
           "solution-05_training_in_practice"]


@pytest.fixture(scope="session")
def repo():
    return REPO


def xdist_group(nodeid):
    """The group of the test with this node id."""
    path = nodeid.split("::", 1)[0]
    if path in SPREAD:
        return nodeid
    if path == BROWSER:
        if "notebook7" in nodeid:
            return BROWSER_GROUPS[2]
        notebook = nodeid.rsplit("[", 1)[1][:2] if nodeid.endswith("]") else "00"
        return BROWSER_GROUPS[0] if notebook < "04" else BROWSER_GROUPS[1]
    if path in BY_NOTEBOOK and nodeid.endswith("]") and "[" in nodeid:
        return "solution-" + nodeid.rsplit("[", 1)[1].rstrip("]")
    return path


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return xdist_group(nodeid)

        def _assign_work_unit(self, node):
            # the longest groups first, so that none of them is left to run alone at the end
            queue = getattr(self, "workqueue", None)
            if not getattr(self, "_longest_first", False) and hasattr(queue, "move_to_end"):
                for scope in reversed(LONGEST):
                    if scope in queue:
                        queue.move_to_end(scope, last=False)
                self._longest_first = True
            super()._assign_work_unit(node)

    return GroupScheduling(config, log)
