"""The solution notebooks run with no network at all.

Every solution notebook is executed in a sandbox without network (see
tests/notebook_runs.py: a new network namespace with only loopback, or a
socket guard when namespaces are not permitted) and must run without an
error. A probe, executed in the same sandbox the same way, must fail to reach
192.0.2.1:80 and to resolve pypi.org: that proves the sandbox blocks, so this
test can fail when a notebook downloads something.

The execution is shared with tests/notebooks/test_determinism.py (one run per session).
"""
import pytest

from notebook_runs import PROBE_MARKER, offline_mode, offline_run, sandbox, solution_paths

pytestmark = pytest.mark.slow

PATHS = solution_paths()


def _stdout(nb):
    return "".join(o.get("text", "") for cell in nb.cells for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream")


def test_the_sandbox_blocks_the_network():
    mode, probe = sandbox()
    assert not isinstance(probe, str), f"the network probe could not run ({mode}): {probe}"
    lines = [l for l in _stdout(probe).splitlines() if l.startswith(PROBE_MARKER)]
    print(f"offline mode: {mode}")
    print("\n".join(lines))
    assert len(lines) == 2, f"the probe printed {lines!r}"
    assert all("blocked" in line for line in lines), f"the sandbox ({mode}) let the probe through: {lines}"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_solution_runs_offline(path):
    nb = offline_run(path)
    mode = offline_mode()
    assert not isinstance(nb, str), f"{path.name} did not run offline ({mode}): {nb}"
    errors = [(index, f"{o.get('ename')}: {o.get('evalue', '')[:200]}")
              for index, cell in enumerate(nb.cells) for o in cell.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, (f"{path.name} failed offline ({mode}); does it download "
                        f"something? Errors: {errors[:3]}")
