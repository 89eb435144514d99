# JupyterHub for a meetup on one machine: The Littlest JupyterHub (TLJH) or a plain JupyterHub.
#
#   TLJH:   sudo cp deploy/jupyterhub_config.py /opt/tljh/config/jupyterhub_config.d/workshop.py
#           sudo tljh-config reload
#   plain:  jupyterhub -f deploy/jupyterhub_config.py   (with a spawner that enforces limits,
#           e.g. systemdspawner; LocalProcessSpawner ignores mem_limit and cpu_limit)
#
# The figures below are measured (INSTRUCTORS.md, "How big a machine: measured", and
# benchmarks/room.py, whose --fill rewrites mem_limit and the line below);
# Limits: measured 2026-12-02, room-20261202-023628.json: peak 289 MB per learner, 24 learners on 2 CPUs under 1 s.
# the room test (tests/notebooks/test_room.py) starts a real hub with this file loaded.
# Hub-side packages and their tested versions: requirements-hub.txt.
import sys

c = get_config()  # noqa: F821

# --- Who can log in -------------------------------------------------------------------------
# FirstUseAuthenticator (TLJH's default): a learner types a user name and a password of their
# choice the first time; later logins need that password. No accounts to create beforehand,
# nothing to mail. Its risk is a typo'd or taken name: the learner picks another one, and the
# instructor can reset a password from the admin page. Keep the hub up only for the event.
c.JupyterHub.authenticator_class = "firstuseauthenticator.FirstUseAuthenticator"
c.FirstUseAuthenticator.min_password_length = 8
c.Authenticator.allow_all = True               # anyone who reaches the page may make an account
c.Authenticator.admin_users = {"instructor"}    # the instructor: admin page, `workshop.py room`

# --- What each learner gets -----------------------------------------------------------------
# 1.5 times the measured peak of one learner (single-user server plus one kernel running
# notebooks 01-04), rounded up to 64 MB: room for a second open notebook's kernel; a learner
# with more kernels open is stopped by the limit (kernels are culled after 20 idle minutes below).
c.Spawner.mem_limit = "448M"
# CPU: a learner's kernel runs one thread at a time (numpy's BLAS is kept to one thread below),
# so a limit of 1 CPU costs nothing and stops one learner from taking the whole machine.
c.Spawner.cpu_limit = 1
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    # One BLAS thread per kernel: with many kernels on few cores, threaded BLAS makes every matrix
    # product fight for the cores; the notebooks' arrays are small, one thread is fastest.
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
c.Spawner.args = [
    # Shut a kernel down after 20 minutes without running anything (its memory comes back);
    # the notebook stays open and saved, Kernel -> Restart and Run All brings it back.
    "--MappingKernelManager.cull_idle_timeout=1200",
    "--MappingKernelManager.cull_interval=120",
]

# --- Idle servers ---------------------------------------------------------------------------
# Stop a learner's server after an hour without activity (its files stay in its home).
# TLJH runs this culler itself (tljh-config set services.cull.timeout 3600); elsewhere, here:
if not sys.prefix.startswith("/opt/tljh"):
    c.JupyterHub.load_roles = [{
        "name": "jupyterhub-idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["jupyterhub-idle-culler"],
    }]
    c.JupyterHub.services = [{
        "name": "jupyterhub-idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"],
    }]
