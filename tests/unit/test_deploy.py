"""deploy/: the one-machine config and the Zero to JupyterHub values agree, and both load."""
import re
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def one_machine_config():
    from traitlets.config import Config
    c = Config()
    exec(compile((DEPLOY / "jupyterhub_config.py").read_text(), "jupyterhub_config.py", "exec"),
         {"get_config": lambda: c, "__name__": "__config__"})
    return c


def test_values_yaml_and_jupyterhub_config_give_the_same_limits():
    values = yaml.safe_load((DEPLOY / "values.yaml").read_text())
    c = one_machine_config()
    assert values["singleuser"]["memory"]["limit"] == c.Spawner.mem_limit
    assert values["singleuser"]["cpu"]["limit"] == c.Spawner.cpu_limit
    assert values["singleuser"]["extraEnv"] == c.Spawner.environment
    assert values["singleuser"]["cmd"][1:] == c.Spawner.args
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == c.JupyterHub.authenticator_class
    assert values["cull"]["timeout"] == int(re.search(r"--timeout=(\d+)", " ".join(
        c.JupyterHub.services[0]["command"])).group(1))


def test_the_memory_guarantee_is_below_the_limit():
    memory = yaml.safe_load((DEPLOY / "values.yaml").read_text())["singleuser"]["memory"]
    size = {"M": 1, "G": 1024}
    as_mb = {k: float(v[:-1]) * size[v[-1]] for k, v in memory.items()}
    assert 0 < as_mb["guarantee"] <= as_mb["limit"]
